package layout

import (
	"math/rand"
	"testing"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
	"gonum.org/v1/gonum/graph/traverse"

	"relmap/model"
)

// benchGraph is a random sparse graph of n nodes and 2n edges, in both
// forms: this package's and gonum's.
func benchGraph(n int) (graph, *simple.UndirectedGraph) {
	rng := rand.New(rand.NewSource(1))
	ids := make([]model.ID, n)
	gg := simple.NewUndirectedGraph()
	for i := range ids {
		ids[i] = model.ID(i + 1)
		gg.AddNode(simple.Node(i))
	}
	var edges [][2]int32
	for len(edges) < 2*n {
		a, b := int32(rng.Intn(n)), int32(rng.Intn(n))
		if a != b {
			edges = append(edges, [2]int32{a, b})
			gg.SetEdge(simple.Edge{F: simple.Node(a), T: simple.Node(b)})
		}
	}
	return newGraph(ids, edges), gg
}

// The graph algorithms the layout runs on every map, here and in gonum:
// connected components and breadth-first distances. gonum's are kept out
// of the engine where these benchmarks show them slower.
func BenchmarkComponents(b *testing.B) {
	g, gg := benchGraph(10000)
	b.Run("impl=relmap", func(b *testing.B) {
		for b.Loop() {
			g.components()
		}
	})
	b.Run("impl=gonum-topo", func(b *testing.B) {
		for b.Loop() {
			topo.ConnectedComponents(gg)
		}
	})
}

func BenchmarkBreadthFirst(b *testing.B) {
	g, gg := benchGraph(10000)
	dist, queue := make([]int32, g.n()), make([]int32, 0, g.n())
	b.Run("impl=relmap", func(b *testing.B) {
		for b.Loop() {
			g.bfs(0, dist, queue)
		}
	})
	b.Run("impl=gonum-traverse", func(b *testing.B) {
		for b.Loop() {
			var bf traverse.BreadthFirst
			bf.Walk(gg, simple.Node(0), func(gonumgraph.Node, int) bool { return false })
		}
	})
}
