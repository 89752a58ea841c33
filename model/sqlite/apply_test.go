package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
)

// byName finds a loaded record's ID by its name or title.
func byName(t *testing.T, m *model.Map, name string) model.ID {
	t.Helper()
	for _, a := range m.Actors {
		if a.Name == name {
			return a.ID
		}
	}
	for _, e := range m.Events {
		if e.Title == name {
			return e.ID
		}
	}
	for _, s := range m.Sources {
		if s.Title == name || s.URL == name {
			return s.ID
		}
	}
	t.Fatalf("nothing is named %q", name)
	return 0
}

func tieOf(t *testing.T, m *model.Map, kind string) model.Tie {
	t.Helper()
	for _, tie := range m.Ties {
		if tie.Kind == kind {
			return tie
		}
	}
	t.Fatalf("no tie of kind %q", kind)
	return model.Tie{}
}

func TestUndoAndRedoEveryKindOfChange(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, m *model.Map) model.Change
	}{
		{"a new actor", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "New Actor 'Peru'", Put: model.Records{Actors: []model.Actor{{Name: "Peru", Kind: "country"}}}}
		}},
		{"an edited actor", func(t *testing.T, m *model.Map) model.Change {
			a, _ := m.Actor(byName(t, m, "Ecuador"))
			a.Notes, a.Attrs = "edited", map[string]string{"capital": "Quito"}
			return model.Change{Summary: "Edit Actor 'Ecuador'", Put: model.Records{Actors: []model.Actor{a}}}
		}},
		{"a deleted actor with ties, event roles, a pin and actors that belong to it", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Delete Actor 'Mexico'", Delete: model.Deleted{Actors: []model.ID{byName(t, m, "Mexico")}}}
		}},
		{"a new tie citing a new source", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "New Tie", Put: model.Records{
				Sources: []model.Source{{ID: -1, Title: "A new report"}},
				Ties: []model.Tie{{ID: -1, Kind: "relations", From: byName(t, m, "Quito"), To: byName(t, m, "Ecuador"),
					Sources: []model.ID{-1}}},
			}}
		}},
		{"a deleted tie that events begin and end", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Delete Tie", Delete: model.Deleted{Ties: []model.ID{tieOf(t, m, "refuge").ID, tieOf(t, m, "arrest").ID}}}
		}},
		{"a new event", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "New Event", Put: model.Records{Events: []model.Event{{Date: model.MustDate("2024-04-10"),
				Kind: "statement", Title: "A statement", Participants: []model.Participant{{Actor: byName(t, m, "Quito"), Role: "host"}}}}}}
		}},
		{"a deleted event", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Delete Event", Delete: model.Deleted{Events: []model.ID{byName(t, m, "Police raid the embassy")}}}
		}},
		{"a deleted source that records cite", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Delete Source", Delete: model.Deleted{Sources: []model.ID{byName(t, m, "Mexico breaks relations with Ecuador")}}}
		}},
		{"a pin set and a pin cleared", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Move", Put: model.Records{Pins: []model.Pin{{Actor: byName(t, m, "Quito"), At: model.Point{X: 5, Y: 6}},
				{Actor: byName(t, m, "Mexico"), At: model.Point{X: 1, Y: 2}}}},
				Delete: model.Deleted{Pins: []model.ID{byName(t, m, "Embassy of Mexico in Quito")}}}
		}},
		{"kinds put and deleted", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Kinds", Put: model.Records{Kinds: []model.Kind{
				{Name: "country", Class: model.ClassActor, Label: "State", Color: "#FF0000", Shape: model.ShapeCircle},
				{Name: "militia", Class: model.ClassActor, Label: "Militia"}}},
				Delete: model.Deleted{Kinds: []model.Kind{{Name: "consulate", Class: model.ClassActor}}}}
		}},
		{"the map's name and description", func(t *testing.T, m *model.Map) model.Change {
			return model.Change{Summary: "Map Properties", Put: model.Records{Info: &model.Info{Name: "Renamed", Description: "New."}}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := sqlite.Create(filepath.Join(t.TempDir(), "map.relmap"), richMap())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			before := load(t, s)
			c := tt.change(t, before)
			applied, err := s.Apply(ctx, c)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			after := load(t, s)
			if equal(after, before) {
				t.Fatal("Apply changed nothing")
			}
			// The map in memory follows the store without loading it.
			if got := before.Applied(applied); !equal(got, after) {
				t.Errorf("Applied in memory differs from the store:\ngot  %+v\nwant %+v", got, after)
			}
			e, ok, err := s.Undo(ctx)
			if err != nil || !ok || e.Summary != c.Summary {
				t.Fatalf("Undo = %q, %v, %v", e.Summary, ok, err)
			}
			if got := after.Applied(e.Inverse); !equal(got, before) {
				t.Errorf("the inverse Applied in memory differs from the store after Undo:\ngot  %+v\nwant %+v", got, before)
			}
			if got := load(t, s); !equal(got, before) {
				t.Errorf("after Undo the map differs from before:\ngot  %+v\nwant %+v", got, before)
			}
			if _, ok, err := s.Redo(ctx); err != nil || !ok {
				t.Fatalf("Redo = %v, %v", ok, err)
			}
			if got := load(t, s); !equal(got, after) {
				t.Errorf("after Redo the map differs from after Apply:\ngot  %+v\nwant %+v", got, after)
			}
			if applied.Summary != c.Summary {
				t.Errorf("applied summary %q", applied.Summary)
			}
		})
	}
}

func TestHistoryOrderStatesAndRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "map.relmap")
	s, err := sqlite.Create(path, richMap())
	if err != nil {
		t.Fatal(err)
	}
	put := func(name string) {
		t.Helper()
		if _, err := s.Apply(ctx, model.Change{Summary: "New Actor '" + name + "'",
			Put: model.Records{Actors: []model.Actor{{Name: name, Kind: "country"}}}}); err != nil {
			t.Fatal(err)
		}
	}
	put("Peru")
	put("Chile")
	if _, _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The undo stack is in the file.
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, ok, err := s.Undo(ctx)
	if err != nil || !ok || e.Summary != "New Actor 'Peru'" {
		t.Fatalf("Undo after reopening = %q, %v, %v; want Peru's", e.Summary, ok, err)
	}
	if _, ok, _ := s.Undo(ctx); ok {
		t.Error("a third Undo found something to undo")
	}
	if _, ok, err := s.Redo(ctx); err != nil || !ok {
		t.Fatalf("Redo: %v %v", ok, err)
	}
	put("Bolivia") // drops Chile's undone entry
	if _, ok, _ := s.Redo(ctx); ok {
		t.Error("Redo after a new change redid a dropped entry")
	}
	h, err := s.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, string(e.State)+" "+e.Summary)
	}
	want := []string{"done New Actor 'Bolivia'", "dropped New Actor 'Chile'", "done New Actor 'Peru'"}
	if !equal(got, want) {
		t.Errorf("history = %q, want %q", got, want)
	}
	m := load(t, s)
	for name, in := range map[string]bool{"Peru": true, "Chile": false, "Bolivia": true} {
		if _, err := m.ActorByName(name); (err == nil) != in {
			t.Errorf("actor %s in the map: %v, want %v", name, err == nil, in)
		}
	}
}

func TestApplyIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Create(filepath.Join(t.TempDir(), "map.relmap"), richMap())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := load(t, s)
	bad := model.Change{Summary: "Bad", Put: model.Records{
		Actors: []model.Actor{{Name: "Peru", Kind: "country"}},
		Ties:   []model.Tie{{Kind: "relations", From: byName(t, before, "Quito"), To: 99999}},
	}}
	if _, err := s.Apply(ctx, bad); err == nil {
		t.Fatal("Apply of a tie to a missing actor succeeded")
	} else if !errors.Is(err, model.ErrNotFound) && !errors.Is(err, model.ErrInvalid) {
		t.Errorf("Apply error = %v, want ErrNotFound or ErrInvalid", err)
	}
	if got := load(t, s); !equal(got, before) {
		t.Error("a failed Apply changed the map")
	}
	if h, _ := s.History(ctx); len(h) != 0 {
		t.Errorf("a failed Apply left %d history entries", len(h))
	}
}
