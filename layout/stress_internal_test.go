package layout

import (
	"testing"

	"relmap/model"
)

// TestGhostPullsAreWeakerBetweenActorsWithTies lays the path A–B–C–D–E over
// two periods: in the first only A–B and C–D are in force, so E is idle and
// the two pairs are apart. Pairs with E must pull with idleGhostWeight, the
// pairs across the two ties with ghostWeight, and the ties in force fully,
// in the full model and in the sparse one (with every node a pivot, so that
// each pivot term's weight is its pull over d²).
func TestGhostPullsAreWeakerBetweenActorsWithTies(t *testing.T) {
	day := func(d int) model.Date { return model.DateOfDay(model.DayOf(2024, 1, d)) }
	m := &model.Map{}
	for i := int64(1); i <= 5; i++ {
		m.Actors = append(m.Actors, model.Actor{ID: i, Name: string(rune('A' + i - 1)), Kind: "country"})
	}
	tie := func(id, from, to int64, start, end int) model.Tie {
		return model.Tie{ID: id, Kind: "relations", From: from, To: to, Span: model.Span{Start: day(start), End: day(end)}}
	}
	m.Ties = []model.Tie{tie(1, 1, 2, 1, 10), tie(2, 3, 4, 1, 10), tie(3, 2, 3, 20, 30), tie(4, 4, 5, 20, 30)}

	u := newUnion(m, Options{}.withDefaults())
	g := buildGraph(m.Snapshot(model.DayOf(2024, 1, 5)))
	groups := u.groupsOf(g)
	if len(groups) != 1 || len(groups[0]) != 5 {
		t.Fatalf("groups on 5 January: %v, want one of all 5 actors", groups)
	}
	s := u.keyframeGroup(g, groups[0]).fullModel()
	name := func(k int) string { return m.Actors[g.ids[groups[0][k]]-1].Name }
	for i := range 5 {
		for j := range 5 {
			if i == j {
				continue
			}
			pair := name(i) + "–" + name(j)
			idle := name(i) == "E" || name(j) == "E"
			ghost := s.ghost[i*5+j]
			switch {
			case pair == "A–B" || pair == "B–A" || pair == "C–D" || pair == "D–C":
				if ghost {
					t.Errorf("%s is a tie in force but marked as a ghost pair", pair)
				}
			case !ghost:
				t.Errorf("%s is not connected on 5 January but not marked as a ghost pair", pair)
			case idle && s.ghostPull(i, j) != idleGhostWeight:
				t.Errorf("%s pulls with %g, want idleGhostWeight %g", pair, s.ghostPull(i, j), idleGhostWeight)
			case !idle && s.ghostPull(i, j) != ghostWeight:
				t.Errorf("%s pulls with %g, want ghostWeight %g", pair, s.ghostPull(i, j), ghostWeight)
			}
		}
	}
	sparse := u.keyframeGroup(g, groups[0]).sparseModel(5)
	kg := g.subgraph(groups[0])
	for i := range 5 {
		for k := sparse.off[i] + int32(len(kg.adj[i])); k < sparse.off[i+1]; k++ {
			j, d := int(sparse.to[k]), sparse.dist[k]
			want := float32(1 / (d * d))
			if s.ghost[i*5+j] {
				want *= float32(s.ghostPull(i, j))
			}
			if got := sparse.w[k]; got != want {
				t.Errorf("sparse model: %s–%s pivot term weighs %g, want %g", name(i), name(j), got, want)
			}
		}
	}
}
