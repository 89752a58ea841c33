package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
	"relmap/model/storetest"
)

func TestMergeRewritesIDs(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// Something stored first, so that new IDs differ from m's.
	if err := s.Merge(ctx, richMap()); err != nil {
		t.Fatal(err)
	}
	m := richMap()
	sources, actors := m.Sources, m.Actors // the caller's slices see the new IDs
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got, want := sources[0].ID, m.Sources[0].ID; got != want {
		t.Errorf("the caller's Sources slice has id %d, the map %d", got, want)
	}
	mexico, embassy, quito := actors[0], actors[2], actors[3]
	if mexico.ID == 10 || embassy.BelongsTo != mexico.ID || embassy.LocatedIn != quito.ID {
		t.Errorf("actors not rewritten: mexico %d, embassy belongs to %d and is located in %d, quito %d",
			mexico.ID, embassy.BelongsTo, embassy.LocatedIn, quito.ID)
	}
	if got, want := m.Actors[0].Sources, []model.ID{m.Sources[0].ID}; !equal(got, want) {
		t.Errorf("Mexico's sources = %v, want %v", got, want)
	}
	if got, want := m.Events[0].Ends, []model.ID{m.Ties[2].ID}; !equal(got, want) {
		t.Errorf("raid ends = %v, want %v", got, want)
	}
	if _, ok := m.Pins[mexico.ID]; !ok || len(m.Pins) != 2 {
		t.Errorf("pins = %v, want Mexico's under id %d", m.Pins, mexico.ID)
	}
	stored := load(t, s)
	if got, want := len(stored.Actors), 2*len(m.Actors); got != want {
		t.Fatalf("stored actors = %d, want %d", got, want)
	}
	for i, a := range m.Actors {
		if got, want := stored.Actors[len(m.Actors)+i], a; !equal(got, want) {
			t.Errorf("stored actor %d = %+v, want %+v", i, got, want)
		}
	}
	if err := stored.Validate(); err != nil {
		t.Errorf("merged map is not valid: %v", err)
	}
}

func TestMergeKeepsReferencesToStoredRecords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	base := &model.Map{
		Sources: []model.Source{{ID: 1, Title: "Stored source"}},
		Actors:  []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
		Ties:    []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2}},
	}
	if err := s.Merge(ctx, base); err != nil {
		t.Fatal(err)
	}
	mexico, ecuador := base.Actors[0].ID, base.Actors[1].ID
	if mexico != 1 || ecuador != 2 {
		t.Fatalf("a new file gave ids %d, %d; the test expects 1, 2", mexico, ecuador)
	}

	// Like a CSV import: one new actor with id 1, which shadows the stored
	// Mexico, and ties to the stored Ecuador (2), which m does not hold.
	m := &model.Map{
		Actors: []model.Actor{{ID: 1, Name: "Jorge Glas", Kind: "official", LocatedIn: 2, Sources: []model.ID{1}}},
		Ties:   []model.Tie{{ID: 5, Kind: "arrest", From: 2, To: 1}},
		Events: []model.Event{{Date: model.MustDate("2024-04-06"), Kind: "severed", Title: "Broken",
			Participants: []model.Participant{{Actor: 2}}, Ends: []model.ID{1}}},
		Pins: map[model.ID]model.Point{2: {X: 1, Y: 1}},
	}
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	glas := m.Actors[0].ID
	if glas == mexico {
		t.Fatalf("the new actor took the stored id %d", glas)
	}
	got := load(t, s)
	a, _ := got.Actor(glas)
	if got, want := a.LocatedIn, ecuador; got != want {
		t.Errorf("Glas located in %d, want the stored Ecuador %d", got, want)
	}
	if got, want := a.Sources, []model.ID{base.Sources[0].ID}; !equal(got, want) {
		t.Errorf("Glas's sources = %v, want the stored source %v", got, want)
	}
	tie, _ := got.Tie(m.Ties[0].ID)
	if tie.From != ecuador || tie.To != glas {
		t.Errorf("arrest tie joins %d -> %d, want %d -> %d", tie.From, tie.To, ecuador, glas)
	}
	if got, want := got.Events[0].Ends, []model.ID{base.Ties[0].ID}; !equal(got, want) {
		t.Errorf("event ends %v, want the stored tie %v", got, want)
	}
	if got, want := got.Pins, map[model.ID]model.Point{ecuador: {X: 1, Y: 1}}; !equal(got, want) {
		t.Errorf("pins = %v, want %v", got, want)
	}
}

func TestFailedMergeLeavesNothingBehind(t *testing.T) {
	d := model.MustDate
	tests := []struct {
		name  string
		spoil func(m *model.Map)
		want  error
	}{
		{"when the last tie refers to a missing actor, should say not found", func(m *model.Map) {
			m.Ties = append(m.Ties, model.Tie{ID: 900, Kind: "relations", From: 10, To: 777})
		}, model.ErrNotFound},
		{"when the last tie ends before it starts, should say invalid", func(m *model.Map) {
			m.Ties = append(m.Ties, model.Tie{ID: 900, Kind: "relations", From: 10, To: 20,
				Span: model.Span{Start: d("2024-04"), End: d("2024-03-31")}})
		}, model.ErrInvalid},
		{"when the last tie's weight is NaN, which only SQLite rejects, should say invalid", func(m *model.Map) {
			m.Ties = append(m.Ties, model.Tie{ID: 900, Kind: "relations", From: 10, To: 20, Weight: math.NaN()})
		}, model.ErrInvalid},
		{"when the last event ends a missing tie, should say not found", func(m *model.Map) {
			m.Events = append(m.Events, model.Event{ID: 900, Date: d("2024"), Kind: "raid", Title: "x", Ends: []model.ID{901}})
		}, model.ErrNotFound},
		{"when a pin is for a missing actor, should say not found", func(m *model.Map) {
			m.Pins[777] = model.Point{}
		}, model.ErrNotFound},
		{"when two actors share an id, should say conflict", func(m *model.Map) {
			m.Actors = append(m.Actors, model.Actor{ID: 10, Name: "Mexico again", Kind: "country"})
		}, model.ErrConflict},
		{"when an actor belongs to a missing actor, should say not found", func(m *model.Map) {
			m.Actors[len(m.Actors)-1].BelongsTo = 777
		}, model.ErrNotFound},
		{"when a kind is invalid, should say invalid", func(m *model.Map) {
			m.Kinds = append(m.Kinds, model.Kind{Name: "x", Class: "nope"})
		}, model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := openTemp(t)
			if err := s.Merge(ctx, richMap()); err != nil {
				t.Fatal(err)
			}
			before := load(t, s)
			m := richMap()
			tt.spoil(m)
			orig := clone(t, m)

			err := s.Merge(ctx, m)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Merge error = %v, want one wrapping %v", err, tt.want)
			}
			if got, want := load(t, s), before; !equal(got, want) {
				t.Errorf("a failed Merge changed the store:\ngot  %+v\nwant %+v", got, want)
			}
			// Compared as text, where NaN equals NaN.
			if got, want := fmt.Sprintf("%#v", *m), fmt.Sprintf("%#v", *orig); got != want {
				t.Errorf("a failed Merge changed m:\ngot  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	t.Run("when the file is new, should hold the map with its info", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "default.relmap")
		m := richMap()
		s, err := sqlite.Create(path, m)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		want := clone(t, m)
		want.Kinds = kindsAfter(richMap().Kinds...)
		if got := load(t, s); !equal(got, want) {
			t.Errorf("created map\ngot  %+v\nwant %+v", got, want)
		}
	})
	t.Run("when the file exists, should refuse and leave it alone", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "taken.relmap")
		if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := sqlite.Create(path, richMap())
		if err == nil {
			s.Close()
			t.Fatal("Create over an existing file succeeded")
		}
		if !errors.Is(err, model.ErrConflict) {
			t.Errorf("error = %v, want one wrapping %v", err, model.ErrConflict)
		}
		if b, _ := os.ReadFile(path); string(b) != "mine" {
			t.Errorf("the existing file now holds %q", b)
		}
	})
	t.Run("when the map is invalid, should leave no file behind", func(t *testing.T) {
		dir := t.TempDir()
		m := richMap()
		m.Ties[0].To = 777
		s, err := sqlite.Create(filepath.Join(dir, "bad.relmap"), m)
		if err == nil {
			s.Close()
			t.Fatal("Create with a bad map succeeded")
		}
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("error = %v, want one wrapping %v", err, model.ErrNotFound)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("files left behind: %v", entries)
		}
	})
}

// TestBigMergeReadsBackAndReports merges a generated map of many
// statements' worth of rows (bulk writes carry 64 rows each) into a map
// that has records already, reads it back whole, and checks that the
// merge reported its progress up to the last record.
func TestBigMergeReadsBackAndReports(t *testing.T) {
	s := openTemp(t)
	if err := s.Merge(context.Background(), richMap()); err != nil {
		t.Fatal(err)
	}
	m := storetest.Generated(1000, 2345)
	m.Events = []model.Event{{ID: 1, Date: model.MustDate("1999-05-01"), Kind: "summit", Title: "Summit",
		Participants: []model.Participant{{Actor: 3}, {Actor: 999, Role: "host"}}, Begins: []model.ID{7}, Ends: []model.ID{8, 9}}}
	var last, total int
	ctx := model.WithProgress(context.Background(), func(done, of int) { last, total = done, of })
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	if want := len(m.Actors) + len(m.Ties) + len(m.Events); last != want || total != want {
		t.Errorf("the merge last reported %d of %d, want %d of %d", last, total, want, want)
	}
	got, err := s.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byID := model.NewIndex(got)
	for _, a := range m.Actors {
		if g, ok := byID.Actor(a.ID); !ok || g.Name != a.Name || g.Kind != a.Kind {
			t.Fatalf("actor %d reads back as %+v, want %+v", a.ID, g, a)
		}
	}
	for _, tie := range m.Ties {
		if g, ok := byID.Tie(tie.ID); !ok || g.From != tie.From || g.To != tie.To || g.Span != tie.Span {
			t.Fatalf("tie %d reads back as %+v, want %+v", tie.ID, g, tie)
		}
	}
	e, ok := byID.Event(m.Events[0].ID)
	if !ok || len(e.Participants) != 2 || e.Participants[1].Role != "host" || len(e.Ends) != 2 || e.Begins[0] != m.Ties[6].ID {
		t.Errorf("the event reads back as %+v, want %+v", e, m.Events[0])
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}
}
