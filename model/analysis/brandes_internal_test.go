package analysis

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// randomGraph is an undirected graph of n nodes and about 2n edges, as
// adjacency lists and as a gonum graph.
func randomGraph(n int) ([][]int32, *simple.UndirectedGraph) {
	rng := rand.New(rand.NewSource(int64(n)))
	g := simple.NewUndirectedGraph()
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for range 2 * n {
		a, b := rng.Intn(n), rng.Intn(n)
		if a != b {
			g.SetEdge(g.NewEdge(simple.Node(a), simple.Node(b)))
		}
	}
	adj := make([][]int32, n)
	for i := range n {
		for it := g.From(int64(i)); it.Next(); {
			adj[i] = append(adj[i], int32(it.Node().ID()))
		}
	}
	return adj, g
}

func TestBetweennessAgreesWithGonum(t *testing.T) {
	adj, g := randomGraph(300)
	ours := betweenness(adj)
	theirs := network.Betweenness(g)
	for i, v := range ours {
		if want := theirs[int64(i)] / 2; math.Abs(v-want) > 1e-6*math.Max(1, want) {
			t.Fatalf("node %d: betweenness %v, gonum's halved %v", i, v, want)
		}
	}
}

// BenchmarkBetweenness compares the flat-array Brandes with gonum's
// network.Betweenness on random graphs of 1,000 and 3,000 nodes.
func BenchmarkBetweenness(b *testing.B) {
	for _, n := range []int{1000, 3000} {
		adj, g := randomGraph(n)
		b.Run(fmt.Sprintf("relmap/%d nodes", n), func(b *testing.B) {
			for b.Loop() {
				betweenness(adj)
			}
		})
		b.Run(fmt.Sprintf("gonum/%d nodes", n), func(b *testing.B) {
			for b.Loop() {
				network.Betweenness(g)
			}
		})
	}
}
