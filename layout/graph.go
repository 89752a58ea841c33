package layout

import (
	"sort"

	"relmap/model"
)

// graph is the undirected simple graph of one keyframe: node i is actor
// ids[i]; directed and parallel ties count once. Neighbour lists are
// sorted, so everything built on them repeats.
type graph struct {
	ids []model.ID
	adj [][]int32
}

// buildGraph makes the graph of a snapshot: its links (model.Snapshot.Links:
// ties, and the belongs-to and located-in links of actors) join nodes.
func buildGraph(s model.Snapshot) graph {
	ids := make([]model.ID, len(s.Actors))
	index := make(map[model.ID]int32, len(s.Actors))
	for i, a := range s.Actors {
		ids[i] = a.ID
		index[a.ID] = int32(i)
	}
	var edges [][2]int32
	for _, l := range s.Links() {
		i, okA := index[l.From]
		j, okB := index[l.To]
		if okA && okB && i != j {
			edges = append(edges, [2]int32{i, j})
		}
	}
	return newGraph(ids, edges)
}

// newGraph makes the simple undirected graph on ids with the given edges
// (pairs of indexes into ids); loops and repeated pairs are dropped.
func newGraph(ids []model.ID, edges [][2]int32) graph {
	g := graph{ids: ids, adj: make([][]int32, len(ids))}
	deg := make([]int32, len(ids))
	for _, e := range edges {
		if e[0] != e[1] {
			deg[e[0]]++
			deg[e[1]]++
		}
	}
	store := make([]int32, 0, 2*len(edges))
	for i, d := range deg {
		g.adj[i] = store[len(store) : len(store) : len(store)+int(d)]
		store = store[:len(store)+int(d)]
	}
	for _, e := range edges {
		if e[0] != e[1] {
			g.adj[e[0]] = append(g.adj[e[0]], e[1])
			g.adj[e[1]] = append(g.adj[e[1]], e[0])
		}
	}
	for i, a := range g.adj {
		sort.Slice(a, func(p, q int) bool { return a[p] < a[q] })
		k := 0
		for p, v := range a {
			if p == 0 || v != a[p-1] {
				a[k] = v
				k++
			}
		}
		g.adj[i] = a[:k]
	}
	return g
}

// n is the number of nodes.
func (g graph) n() int { return len(g.ids) }

// bfs writes hop distances from src into dist; unreachable nodes get -1.
// queue is scratch space of at least n entries.
func (g graph) bfs(src int, dist []int32, queue []int32) {
	for i := range dist {
		dist[i] = -1
	}
	dist[src] = 0
	queue = append(queue[:0], int32(src))
	for h := 0; h < len(queue); h++ {
		u := queue[h]
		du := dist[u] + 1
		for _, v := range g.adj[u] {
			if dist[v] < 0 {
				dist[v] = du
				queue = append(queue, v)
			}
		}
	}
}

// components returns the connected components of g, each a sorted list of
// nodes, ordered by their smallest node.
func (g graph) components() [][]int32 {
	comp := make([]int32, g.n())
	for i := range comp {
		comp[i] = -1
	}
	var out [][]int32
	for s := range comp {
		if comp[s] >= 0 {
			continue
		}
		c := int32(len(out))
		members := []int32{int32(s)}
		comp[s] = c
		for h := 0; h < len(members); h++ {
			for _, v := range g.adj[members[h]] {
				if comp[v] < 0 {
					comp[v] = c
					members = append(members, v)
				}
			}
		}
		sort.Slice(members, func(p, q int) bool { return members[p] < members[q] })
		out = append(out, members)
	}
	return out
}

// subgraph is the graph induced by nodes (indexes into g), renumbered
// 0..len(nodes)-1 in the order given.
func (g graph) subgraph(nodes []int32) graph {
	local := make(map[int32]int32, len(nodes))
	ids := make([]model.ID, len(nodes))
	for k, v := range nodes {
		local[v] = int32(k)
		ids[k] = g.ids[v]
	}
	var edges [][2]int32
	for k, v := range nodes {
		for _, u := range g.adj[v] {
			if lu, ok := local[u]; ok && int32(k) < lu {
				edges = append(edges, [2]int32{int32(k), lu})
			}
		}
	}
	return newGraph(ids, edges)
}
