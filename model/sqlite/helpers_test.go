package sqlite_test

import (
	"context"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
)

// openTemp opens a new map file in a temporary folder; the test closes it.
func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "test.relmap"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// load reads the whole map or fails the test.
func load(t *testing.T, s *sqlite.Store) *model.Map {
	t.Helper()
	m, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}

// clone deep-copies a map.
func clone(t testing.TB, m *model.Map) *model.Map {
	t.Helper()
	ids := func(s []model.ID) []model.ID { return slices.Clone(s) }
	out := *m
	out.Kinds = slices.Clone(m.Kinds)
	out.Sources = slices.Clone(m.Sources)
	out.Actors = slices.Clone(m.Actors)
	for i := range out.Actors {
		out.Actors[i].Attrs = maps.Clone(out.Actors[i].Attrs)
		out.Actors[i].Sources = ids(out.Actors[i].Sources)
	}
	out.Ties = slices.Clone(m.Ties)
	for i := range out.Ties {
		out.Ties[i].Attrs = maps.Clone(out.Ties[i].Attrs)
		out.Ties[i].Sources = ids(out.Ties[i].Sources)
	}
	out.Events = slices.Clone(m.Events)
	for i := range out.Events {
		e := &out.Events[i]
		e.Participants = slices.Clone(e.Participants)
		e.Begins, e.Ends, e.Sources = ids(e.Begins), ids(e.Ends), ids(e.Sources)
	}
	out.Pins = maps.Clone(m.Pins)
	return &out
}

// richMap is a small map that uses every field: partial dates, attributes,
// sources, events that begin and end ties, pins and kinds. Its IDs are not
// the ones a new file gives, so that a merge has to rewrite them.
func richMap() *model.Map {
	d := model.MustDate
	return &model.Map{
		Name:        "Mexico–Ecuador 2024",
		Description: "The raid on the Mexican Embassy in Quito.",
		Author:      "A newsroom", Licence: "CC BY 4.0", DefaultSource: 7,
		Kinds: []model.Kind{
			{Name: "relations", Class: model.ClassTie, Label: "Relations (custom)", Color: "#000000", Dashed: true, Arrow: true},
			{Name: "consulate", Class: model.ClassActor, Label: "Consulate", Shape: model.ShapeHexagon, Color: "#123456"},
		},
		Sources: []model.Source{
			{ID: 7, Title: "Mexico breaks relations with Ecuador", Publisher: "Mexico News Daily",
				URL: "https://mexiconewsdaily.com/", Date: d("2024-04-08"), Quote: "“an unprecedented violation”", Grade: "B"},
			{ID: 9, URL: "https://example.org/report", Date: d("2024-04")},
		},
		Actors: []model.Actor{
			{ID: 10, Name: "Mexico", Kind: "country", Sources: []model.ID{7}},
			{ID: 20, Name: "Ecuador", Kind: "country"},
			// Refers forward to 40 and back to 10.
			{ID: 30, Name: "Embassy of Mexico in Quito", Short: "Mexican Embassy", Kind: "mission",
				BelongsTo: 10, LocatedIn: 40, Life: model.Span{Start: d("1936"), End: d("2024-04")},
				Attrs: map[string]string{"city": "Quito", "note": "ünïcode, \"quotes\""}, Notes: "Closed after the raid."},
			{ID: 40, Name: "Quito", Kind: "city"},
			{ID: 50, Name: "Jorge Glas", Kind: "official", Life: model.Span{End: d("2017-12")},
				Attrs: map[string]string{"office": "vice-president"}, Sources: []model.ID{9, 7}},
		},
		Ties: []model.Tie{
			{ID: 100, Kind: "relations", From: 10, To: 20, Span: model.Span{End: d("2024-04-06")}, Label: "full"},
			{ID: 200, Kind: "severed", From: 10, To: 20, Span: model.Span{Start: d("2024-04-06")}, Weight: 1.5,
				Attrs: map[string]string{"announced by": "Alicia Bárcena"}},
			{ID: 300, Kind: "refuge", From: 50, To: 30, Directed: true,
				Span: model.Span{Start: d("2023-12"), End: d("2024-04-05")}, Notes: "In the embassy.", Sources: []model.ID{9}},
			{ID: 400, Kind: "arrest", From: 20, To: 50, Directed: true, Span: model.Span{Start: d("2024-04-05")}},
		},
		Events: []model.Event{
			{ID: 1000, Date: d("2024-04-05"), Kind: "raid", Title: "Police raid the embassy",
				Description:  "Ecuadorian police enter the Mexican Embassy.",
				Participants: []model.Participant{{Actor: 20, Role: "raided"}, {Actor: 30}, {Actor: 50, Role: "arrested"}},
				Begins:       []model.ID{400}, Ends: []model.ID{300}, Sources: []model.ID{7, 9}},
			{ID: 2000, Date: d("2024-04-06"), Kind: "severed", Title: "Mexico breaks relations",
				Participants: []model.Participant{{Actor: 10}},
				Begins:       []model.ID{200}, Ends: []model.ID{100}},
		},
		Pins: map[model.ID]model.Point{10: {X: -120.5, Y: 40.25}, 30: {X: 0, Y: 0}},
	}
}

// kindsAfter is the catalogue of a new file after kinds were upserted into
// it: defaults in order, replaced in place, then new ones in order.
func kindsAfter(put ...model.Kind) []model.Kind {
	out := model.DefaultKinds()
	for _, k := range put {
		found := false
		for i := range out {
			if out[i].Class == k.Class && out[i].Name == k.Name {
				out[i], found = k, true
			}
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// equal reports whether got and want are deeply equal.
func equal[T any](got, want T) bool { return reflect.DeepEqual(got, want) }
