package layout

import "relmap/model"

// graph is the undirected simple graph of one keyframe: node i is actor
// ids[i]; directed and parallel ties count once.
type graph struct {
	ids []model.ID
	adj [][]int
}

// buildGraph makes the graph of a snapshot. Ties, and the belongs-to and
// located-in links of actors, join nodes.
func buildGraph(s model.Snapshot) graph {
	g := graph{ids: make([]model.ID, len(s.Actors)), adj: make([][]int, len(s.Actors))}
	index := make(map[model.ID]int, len(s.Actors))
	for i, a := range s.Actors {
		g.ids[i] = a.ID
		index[a.ID] = i
	}
	seen := map[[2]int]bool{}
	link := func(a, b model.ID) {
		i, okA := index[a]
		j, okB := index[b]
		if !okA || !okB || i == j {
			return
		}
		if i > j {
			i, j = j, i
		}
		if seen[[2]int{i, j}] {
			return
		}
		seen[[2]int{i, j}] = true
		g.adj[i] = append(g.adj[i], j)
		g.adj[j] = append(g.adj[j], i)
	}
	for _, t := range s.Ties {
		link(t.From, t.To)
	}
	for _, a := range s.Actors {
		if a.BelongsTo != 0 {
			link(a.ID, a.BelongsTo)
		}
		if a.LocatedIn != 0 {
			link(a.ID, a.LocatedIn)
		}
	}
	return g
}

// bfs returns hop distances from src; unreachable nodes get -1.
func (g graph) bfs(src int, dist []int) {
	for i := range dist {
		dist[i] = -1
	}
	dist[src] = 0
	queue := []int{src}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range g.adj[u] {
			if dist[v] < 0 {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
}

// distances returns the all-pairs hop distances as a flat n×n matrix, in
// O(n·(n+m)). Pairs in different components are set one more than the
// largest finite distance, which keeps components near each other without
// letting them overlap.
func (g graph) distances() []float64 {
	d, _ := g.distancesConnected()
	return d
}

// distancesConnected is distances, also saying which pairs are connected.
func (g graph) distancesConnected() ([]float64, []bool) {
	n := len(g.ids)
	d := make([]float64, n*n)
	connected := make([]bool, n*n)
	row := make([]int, n)
	maxd := 1
	for i := 0; i < n; i++ {
		g.bfs(i, row)
		for j, v := range row {
			d[i*n+j] = float64(v)
			if v > maxd {
				maxd = v
			}
		}
	}
	for k, v := range d {
		if v < 0 {
			d[k] = float64(maxd + 1)
		} else {
			connected[k] = true
		}
	}
	return d, connected
}
