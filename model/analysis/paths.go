package analysis

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"relmap/model"
)

// Path is a way from one actor to another through the links of a date
// (model.Snapshot.Links): the actors along it, and the ties among its
// steps (a step over an actor's own belongs-to or located-in link has
// none).
type Path struct {
	Actors []model.ID
	Ties   []model.ID
}

// Paths returns up to k of the shortest paths (fewest ties) from a to b on
// day, shortest first (gonum's path.YenKShortestPaths); none when the two
// are not connected on that day, or either is not shown on it.
func Paths(m *model.Map, day model.Day, a, b model.ID, k int) []Path {
	snap := m.Snapshot(day)
	if !snap.Has(a) || !snap.Has(b) || a == b {
		return nil
	}
	g := simple.NewUndirectedGraph()
	for _, x := range snap.Actors {
		g.AddNode(simple.Node(x.ID))
	}
	tieOf := map[[2]model.ID]model.ID{}
	for _, l := range snap.Links() {
		g.SetEdge(g.NewEdge(simple.Node(l.From), simple.Node(l.To)))
		key := pair(l.From, l.To)
		if id, ok := tieOf[key]; !ok || id == 0 {
			tieOf[key] = l.Tie // a tie rather than an actor's own link
		}
	}
	var out []Path
	for _, nodes := range path.YenKShortestPaths(sorted{g}, k, math.Inf(1), simple.Node(a), simple.Node(b)) {
		var p Path
		for i, n := range nodes {
			p.Actors = append(p.Actors, n.ID())
			if i > 0 {
				if tie := tieOf[pair(nodes[i-1].ID(), n.ID())]; tie != 0 {
					p.Ties = append(p.Ties, tie) // an actor's own link is no tie
				}
			}
		}
		out = append(out, p)
	}
	// Paths of one length come in no set order from Yen's method: order
	// them by their actors, so that Next Path steps the same way each time.
	slices.SortStableFunc(out, func(p, q Path) int {
		if c := cmp.Compare(len(p.Actors), len(q.Actors)); c != 0 {
			return c
		}
		return slices.Compare(p.Actors, q.Actors)
	})
	return out
}

// sorted is a graph whose nodes, and each node's neighbours, come in the
// order of their IDs. Yen's method, through Dijkstra's, breaks ties
// between paths of one length in the order a node's neighbours come; in
// a map's order, which changes from run to run, it found another fourth
// path on each.
type sorted struct{ *simple.UndirectedGraph }

func (g sorted) Nodes() graph.Nodes { return byID(g.UndirectedGraph.Nodes()) }

func (g sorted) From(id int64) graph.Nodes { return byID(g.UndirectedGraph.From(id)) }

// byID is nodes in the order of their IDs.
func byID(nodes graph.Nodes) graph.Nodes {
	list := graph.NodesOf(nodes)
	if len(list) == 0 {
		return graph.Empty
	}
	slices.SortFunc(list, func(a, b graph.Node) int { return cmp.Compare(a.ID(), b.ID()) })
	return iterator.NewOrderedNodes(list)
}

// Within returns the actors at most steps ties from id on day, and the
// ties in force among them: the neighbourhood a focus shows.
func Within(m *model.Map, day model.Day, id model.ID, steps int) (actors, ties map[model.ID]bool) {
	snap := m.Snapshot(day)
	actors, ties = map[model.ID]bool{}, map[model.ID]bool{}
	if !snap.Has(id) {
		return actors, ties
	}
	adj := map[model.ID][]model.ID{}
	for _, l := range snap.Links() {
		adj[l.From] = append(adj[l.From], l.To)
		adj[l.To] = append(adj[l.To], l.From)
	}
	actors[id] = true
	frontier := []model.ID{id}
	for range steps {
		var next []model.ID
		for _, v := range frontier {
			for _, w := range adj[v] {
				if !actors[w] {
					actors[w] = true
					next = append(next, w)
				}
			}
		}
		frontier = next
	}
	for _, t := range snap.Ties {
		if actors[t.From] && actors[t.To] {
			ties[t.ID] = true
		}
	}
	return actors, ties
}

func pair(a, b model.ID) [2]model.ID {
	if a > b {
		a, b = b, a
	}
	return [2]model.ID{a, b}
}
