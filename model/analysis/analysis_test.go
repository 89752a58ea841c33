package analysis_test

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"relmap/model"
	"relmap/model/analysis"
)

// star is a hub tied to four others, and a pair apart, on one day; a
// fifth tie to the hub has ended.
func star() *model.Map {
	m := &model.Map{}
	for i, name := range []string{"Hub", "A", "B", "C", "D", "E", "F", "Gone"} {
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: name, Kind: "country"})
	}
	for i, to := range []model.ID{2, 3, 4, 5} {
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), Kind: "relations", From: 1, To: to})
	}
	m.Ties = append(m.Ties,
		model.Tie{ID: 10, Kind: "relations", From: 6, To: 7},
		model.Tie{ID: 11, Kind: "relations", From: 1, To: 8, Span: model.Span{End: model.MustDate("2000")}})
	return m
}

func TestMeasure(t *testing.T) {
	got := analysis.Measure(star(), model.MustDate("2024-01-01").First())
	if len(got) != 8 {
		t.Fatalf("%d actors measured, want 8", len(got))
	}
	hub := got[0]
	if hub.Name != "Hub" || hub.Degree != 4 {
		t.Errorf("first ranked %+v, want the hub with degree 4", hub)
	}
	// The hub lies on the paths of the 6 pairs of its 4 spokes.
	if hub.Betweenness != 6 {
		t.Errorf("the hub's betweenness = %v, want 6", hub.Betweenness)
	}
	var sum float64
	byName := map[string]analysis.Metrics{}
	for _, m := range got {
		sum += m.PageRank
		byName[m.Name] = m
	}
	if math.Abs(sum-1) > 1e-5 { // each figure is rounded to six decimals
		t.Errorf("PageRank sums to %v, want 1", sum)
	}
	if byName["Gone"].Degree != 0 || byName["Gone"].Community != 0 {
		t.Errorf("an actor whose only tie ended: %+v, want degree 0 and no community", byName["Gone"])
	}
	if byName["A"].Community != hub.Community || byName["E"].Community == hub.Community || byName["E"].Community != byName["F"].Community {
		t.Errorf("communities: hub %d, A %d, E %d, F %d; want the star one, the pair another",
			hub.Community, byName["A"].Community, byName["E"].Community, byName["F"].Community)
	}
	again := analysis.Measure(star(), model.MustDate("2024-01-01").First())
	for i := range got {
		if got[i] != again[i] {
			t.Fatalf("two measures of the same map differ at %d: %+v, %+v", i, got[i], again[i])
		}
	}
}

// A map with no actor on the date (a new map, a date before the first)
// measures nothing, and does not fail.
func TestMeasureWithNoActors(t *testing.T) {
	if got := analysis.Measure(&model.Map{}, model.MustDate("2024-01-01").First()); len(got) != 0 {
		t.Errorf("an empty map measures %d actors", len(got))
	}
	later := &model.Map{Actors: []model.Actor{{ID: 1, Name: "Later", Kind: "country", Life: model.Span{Start: model.MustDate("2000")}}}}
	if got := analysis.Measure(later, model.MustDate("1990-01-01").First()); len(got) != 0 {
		t.Errorf("a date before every actor measures %d actors", len(got))
	}
}

func TestPathsAndWithin(t *testing.T) {
	m := star() // Hub–A, Hub–B, Hub–C, Hub–D, E–F; Hub–Gone ended in 2000
	day := model.MustDate("2024-01-01").First()
	paths := analysis.Paths(m, day, 2, 3, 3)
	if len(paths) != 1 || len(paths[0].Actors) != 3 || paths[0].Actors[1] != 1 || len(paths[0].Ties) != 2 {
		t.Errorf("paths A→B = %+v, want one through the hub", paths)
	}
	if got := analysis.Paths(m, day, 2, 6, 3); len(got) != 0 {
		t.Errorf("paths A→E = %+v, want none: not connected", got)
	}
	if got := analysis.Paths(m, model.MustDate("1990-01-01").First(), 2, 8, 3); len(got) != 1 {
		t.Errorf("in 1990, while the hub's tie to Gone held, paths A→Gone = %+v, want one", got)
	}
	actors, ties := analysis.Within(m, day, 2, 1)
	if len(actors) != 2 || !actors[1] || len(ties) != 1 {
		t.Errorf("one step from A: %v, %v; want A and the hub with their tie", actors, ties)
	}
	actors, _ = analysis.Within(m, day, 2, 2)
	if len(actors) != 5 {
		t.Errorf("two steps from A: %v, want the whole star", actors)
	}
}

// The paths of one length found are the same on every run: with 36
// shortest paths between two actors and four asked for, which four came
// back changed from run to run (the order of a map's neighbours).
func TestPathsAreTheSameOnEveryRun(t *testing.T) {
	m := &model.Map{}
	for id := model.ID(1); id <= 14; id++ {
		m.Actors = append(m.Actors, model.Actor{ID: id, Name: fmt.Sprintf("A%d", id), Kind: "country"})
	}
	// 1 to each of 2–7, each of those to each of 8–13, each of those to 14.
	tie := func(a, b model.ID) {
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(len(m.Ties) + 1), From: a, To: b, Kind: "relations"})
	}
	for x := model.ID(2); x <= 7; x++ {
		tie(1, x)
		for y := model.ID(8); y <= 13; y++ {
			tie(x, y)
		}
	}
	for y := model.ID(8); y <= 13; y++ {
		tie(y, 14)
	}
	first := analysis.Paths(m, 0, 1, 14, 4)
	if len(first) != 4 {
		t.Fatalf("%d paths, want 4", len(first))
	}
	for run := range 30 {
		if again := analysis.Paths(m, 0, 1, 14, 4); !reflect.DeepEqual(again, first) {
			t.Fatalf("run %d found %v, the first %v", run+2, again, first)
		}
	}
}
