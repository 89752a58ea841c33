// Package analysis measures who matters in a map as of a date, over
// gonum's graph types: degree, betweenness (Brandes, on flat arrays: see
// betweenness) and PageRank centrality (graph/network, sparse) and communities
// (graph/community, Louvain). An actor's
// model ID is its gonum node ID.
//
// The graph of a date is the map's Snapshot of that date: its actors are
// the nodes, and each tie in force between two of them is an edge
// (parallel ties count once; a tie's direction is ignored but for
// PageRank, where a directed tie points its way and an undirected one
// both ways). The layout draws the same snapshot, so a measure never
// disagrees with the picture.
package analysis

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"relmap/model"
)

// Metrics are one actor's measures on a date.
type Metrics struct {
	ID   model.ID
	Name string
	Kind string
	// Degree counts the actors it has a tie with.
	Degree int
	// Betweenness is how many shortest paths between two other actors
	// pass through it, each unordered pair once (Brandes); PageRank its
	// share of a random walk with damping 0.85, to six decimals, so that
	// the same map gives the same figures (gonum's iteration order is
	// random).
	Betweenness, PageRank float64
	// Community numbers its Louvain community, largest first, from 1;
	// 0 for an actor with no tie.
	Community int
}

// Measure computes every measure for the actors shown on day, ranked by
// betweenness, then degree, then name. The communities are the same for
// the same map and day (the random source is seeded).
func Measure(m *model.Map, day model.Day) []Metrics {
	snap := m.Snapshot(day)
	if len(snap.Actors) == 0 {
		return nil // nothing to measure (gonum's PageRank needs an actor)
	}
	und := simple.NewUndirectedGraph()
	dir := simple.NewDirectedGraph()
	for _, a := range snap.Actors {
		und.AddNode(simple.Node(a.ID))
		dir.AddNode(simple.Node(a.ID))
	}
	for _, l := range snap.Links() {
		from, to := simple.Node(l.From), simple.Node(l.To)
		und.SetEdge(und.NewEdge(from, to))
		dir.SetEdge(dir.NewEdge(from, to))
		if !l.Directed {
			dir.SetEdge(dir.NewEdge(to, from))
		}
	}
	index := make(map[int64]int32, len(snap.Actors))
	for i, a := range snap.Actors {
		index[a.ID] = int32(i)
	}
	adj := make([][]int32, len(snap.Actors))
	for i, a := range snap.Actors {
		for it := und.From(a.ID); it.Next(); {
			adj[i] = append(adj[i], index[it.Node().ID()])
		}
	}
	between := betweenness(adj)
	rank := network.PageRankSparse(dir, 0.85, 1e-12)
	communities := map[int64]int{}
	if und.Edges().Len() > 0 {
		reduced := community.Modularize(und, 1, rand.NewPCG(1, 2))
		parts := reduced.Communities()
		sort.SliceStable(parts, func(i, j int) bool { return len(parts[i]) > len(parts[j]) })
		n := 0
		for _, part := range parts {
			if len(part) == 1 && und.From(part[0].ID()).Len() == 0 {
				continue // alone: no community
			}
			n++
			for _, node := range part {
				communities[node.ID()] = n
			}
		}
	}
	out := make([]Metrics, 0, len(snap.Actors))
	for i, a := range snap.Actors {
		out = append(out, Metrics{
			ID: a.ID, Name: a.Name, Kind: a.Kind,
			Degree:      len(adj[i]),
			Betweenness: between[i],
			PageRank:    math.Round(rank[a.ID]*1e6) / 1e6,
			Community:   communities[a.ID],
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Betweenness != b.Betweenness:
			return a.Betweenness > b.Betweenness
		case a.Degree != b.Degree:
			return a.Degree > b.Degree
		}
		return a.Name < b.Name
	})
	return out
}
