// Package storetest is the conformance suite of model.Store: every store
// (SQLite today, a server database later) runs it, in the manner of gonum's
// graph/testgraph. It also makes generated maps for scale tests.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"relmap/model"
)

// Run runs the suite. open returns a new store holding a new, empty map
// for each subtest; the store is closed by the subtest.
func Run(t *testing.T, open func(t *testing.T) model.Store) {
	ctx := context.Background()
	d := model.MustDate
	// fill puts a small map through the store's Put methods.
	type filled struct {
		src                   model.Source
		mexico, ecuador, glas model.Actor
		relations, refuge     model.Tie
		raid                  model.Event
	}
	fill := func(t *testing.T, s model.Store) filled {
		t.Helper()
		var f filled
		f.src = model.Source{Title: "Mexico breaks relations", URL: "https://example.org/a", Date: d("2024-04-08")}
		must(t, s.PutSource(ctx, &f.src))
		f.mexico = model.Actor{Name: "Mexico", Kind: "country", Sources: []model.ID{f.src.ID}}
		f.ecuador = model.Actor{Name: "Ecuador", Kind: "country", Attrs: map[string]string{"capital": "Quito"}}
		must(t, s.PutActor(ctx, &f.mexico))
		must(t, s.PutActor(ctx, &f.ecuador))
		f.glas = model.Actor{Name: "Jorge Glas", Kind: "official", BelongsTo: f.ecuador.ID, Life: model.Span{End: d("2017-12")}}
		must(t, s.PutActor(ctx, &f.glas))
		f.relations = model.Tie{Kind: "relations", From: f.mexico.ID, To: f.ecuador.ID, Span: model.Span{End: d("2024-04-06")}}
		f.refuge = model.Tie{Kind: "refuge", From: f.glas.ID, To: f.mexico.ID, Directed: true, Sources: []model.ID{f.src.ID}}
		must(t, s.PutTie(ctx, &f.relations))
		must(t, s.PutTie(ctx, &f.refuge))
		f.raid = model.Event{Date: d("2024-04-05"), Kind: "raid", Title: "Police raid the embassy",
			Participants: []model.Participant{{Actor: f.ecuador.ID, Role: "raided"}, {Actor: f.glas.ID}},
			Ends:         []model.ID{f.refuge.ID}}
		must(t, s.PutEvent(ctx, &f.raid))
		must(t, s.SetPin(ctx, f.glas.ID, model.Point{X: 10, Y: -5}))
		return f
	}
	load := func(t *testing.T, s model.Store) *model.Map {
		t.Helper()
		m, err := s.Load(ctx)
		must(t, err)
		return m
	}
	store := func(t *testing.T) model.Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s
	}

	t.Run("a new map is empty and has the default kinds", func(t *testing.T) {
		m := load(t, store(t))
		if len(m.Actors)+len(m.Ties)+len(m.Events)+len(m.Sources)+len(m.Pins) != 0 {
			t.Errorf("a new map holds records: %+v", m)
		}
		if !reflect.DeepEqual(m.Kinds, model.DefaultKinds()) {
			t.Errorf("kinds = %v, want the defaults", m.Kinds)
		}
	})
	t.Run("what is put is loaded, with new IDs", func(t *testing.T) {
		s := store(t)
		f := fill(t, s)
		m := load(t, s)
		for _, c := range []struct {
			what      string
			got, want any
		}{
			{"actors", m.Actors, []model.Actor{f.mexico, f.ecuador, f.glas}},
			{"ties", m.Ties, []model.Tie{f.relations, f.refuge}},
			{"events", m.Events, []model.Event{f.raid}},
			{"sources", m.Sources, []model.Source{f.src}},
			{"pins", m.Pins, map[model.ID]model.Point{f.glas.ID: {X: 10, Y: -5}}},
		} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s = %+v, want %+v", c.what, c.got, c.want)
			}
		}
		if f.mexico.ID == 0 || f.relations.ID == 0 || f.raid.ID == 0 || f.src.ID == 0 {
			t.Error("a put record got no ID")
		}
	})
	t.Run("an update replaces the record; an unknown ID is not found", func(t *testing.T) {
		s := store(t)
		f := fill(t, s)
		f.ecuador.Notes = "changed"
		must(t, s.PutActor(ctx, &f.ecuador))
		if a, _ := load(t, s).Actor(f.ecuador.ID); a.Notes != "changed" {
			t.Errorf("after an update the actor's notes are %q", a.Notes)
		}
		ghost := model.Actor{ID: 9999, Name: "Ghost", Kind: "country"}
		wantErr(t, s.PutActor(ctx, &ghost), model.ErrNotFound)
	})
	t.Run("broken rules are refused with the model's errors and change nothing", func(t *testing.T) {
		s := store(t)
		f := fill(t, s)
		before := load(t, s)
		wantErr(t, s.PutActor(ctx, &model.Actor{Name: " ", Kind: "country"}), model.ErrInvalid)
		wantErr(t, s.PutTie(ctx, &model.Tie{Kind: "relations", From: f.mexico.ID, To: 9999}), model.ErrNotFound)
		wantErr(t, s.PutTie(ctx, &model.Tie{Kind: "relations", From: f.mexico.ID, To: f.mexico.ID}), model.ErrInvalid)
		wantErr(t, s.PutTie(ctx, &model.Tie{Kind: "relations", From: f.mexico.ID, To: f.ecuador.ID,
			Span: model.Span{Start: d("2024"), End: d("2020")}}), model.ErrInvalid)
		wantErr(t, s.SetPin(ctx, f.mexico.ID, model.Point{X: 1e18}), model.ErrInvalid)
		wantErr(t, s.DeleteTie(ctx, 9999), model.ErrNotFound)
		if after := load(t, s); !reflect.DeepEqual(after, before) {
			t.Error("a refused write changed the map")
		}
	})
	t.Run("deleting an actor takes its ties, pin and event roles", func(t *testing.T) {
		s := store(t)
		f := fill(t, s)
		must(t, s.DeleteActor(ctx, f.glas.ID))
		m := load(t, s)
		if _, ok := m.Tie(f.refuge.ID); ok {
			t.Error("the deleted actor's tie is still there")
		}
		if _, ok := m.Pins[f.glas.ID]; ok {
			t.Error("the deleted actor's pin is still there")
		}
		if len(m.Events) != 1 || len(m.Events[0].Participants) != 1 || len(m.Events[0].Ends) != 0 {
			t.Errorf("the event after the delete: %+v", m.Events)
		}
	})
	t.Run("a merge gives new IDs, rewrites references, and is all or nothing", func(t *testing.T) {
		s := store(t)
		f := fill(t, s)
		// IDs of the merged map's own records; a reference to another ID
		// names a stored record.
		add := &model.Map{
			Actors: []model.Actor{{ID: 9001, Name: "Peru", Kind: "country"}},
			Ties:   []model.Tie{{ID: 9001, Kind: "relations", From: 9001, To: f.mexico.ID}},
		}
		must(t, s.Merge(ctx, add))
		m := load(t, s)
		peru, err := m.ActorByName("Peru")
		must(t, err)
		if tie, ok := m.Tie(add.Ties[0].ID); !ok || tie.From != peru.ID || tie.To != f.mexico.ID {
			t.Errorf("the merged tie is %+v, want Peru to Mexico", tie)
		}
		bad := &model.Map{Actors: []model.Actor{{ID: 9002, Name: "Chile", Kind: "country"}},
			Ties: []model.Tie{{ID: 9002, Kind: "relations", From: 9002, To: 424242}}}
		if err := s.Merge(ctx, bad); err == nil {
			t.Error("a merge with a tie to a missing actor succeeded")
		}
		if _, err := load(t, s).ActorByName("Chile"); err == nil {
			t.Error("a failed merge left an actor behind")
		}
	})
	t.Run("the map's name and description", func(t *testing.T) {
		s := store(t)
		must(t, s.SetInfo(ctx, "Renamed", "About."))
		if m := load(t, s); m.Name != "Renamed" || m.Description != "About." {
			t.Errorf("info = %q, %q", m.Name, m.Description)
		}
	})
	t.Run("a store that applies changes undoes and redoes them exactly", func(t *testing.T) {
		s := store(t)
		c, ok := s.(model.Changer)
		if !ok {
			t.Skip("the store does not apply changes")
		}
		f := fill(t, s)
		before := load(t, s)
		_, err := c.Apply(ctx, model.Change{Summary: "Delete Actor 'Jorge Glas'", Delete: model.Deleted{Actors: []model.ID{f.glas.ID}}})
		must(t, err)
		after := load(t, s)
		if _, ok, err := c.Undo(ctx); !ok || err != nil {
			t.Fatalf("Undo: %v %v", ok, err)
		}
		if got := load(t, s); !reflect.DeepEqual(got, before) {
			t.Error("after Undo the map is not as before, IDs included")
		}
		if _, ok, err := c.Redo(ctx); !ok || err != nil {
			t.Fatalf("Redo: %v %v", ok, err)
		}
		if got := load(t, s); !reflect.DeepEqual(got, after) {
			t.Error("after Redo the map is not as after Apply")
		}
		undo, redo, err := c.Pending(ctx)
		if err != nil || undo != "Delete Actor 'Jorge Glas'" || redo != "" {
			t.Errorf("Pending = %q, %q, %v", undo, redo, err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("error = %v, want one wrapping %v", err, want)
	}
}
