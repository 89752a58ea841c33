package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
)

func TestReopenedFileHoldsWhatWasWritten(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "map.relmap")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := richMap()
	if err := s.SetInfo(ctx, m.Name, m.Description); err != nil {
		t.Fatal(err)
	}
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := load(t, s)
	want := clone(t, m) // m now carries the stored IDs
	want.Kinds = kindsAfter(richMap().Kinds...)
	want.Author, want.Licence, want.DefaultSource = "", "", 0 // Merge leaves the map's info alone
	if !equal(got, want) {
		t.Errorf("reopened map differs\ngot  %+v\nwant %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("reopened map is not valid: %v", err)
	}
}

func TestPutTieRejects(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, b := model.Actor{Name: "Mexico", Kind: "country"}, model.Actor{Name: "Ecuador", Kind: "country"}
	for _, x := range []*model.Actor{&a, &b} {
		if err := s.PutActor(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	good := model.Tie{Kind: "relations", From: a.ID, To: b.ID}
	if err := s.PutTie(ctx, &good); err != nil {
		t.Fatal(err)
	}
	before := load(t, s)

	d := model.MustDate
	tests := []struct {
		name string
		tie  model.Tie
		want error
	}{
		{"when from is unknown, should say not found",
			model.Tie{Kind: "relations", From: 999, To: b.ID}, model.ErrNotFound},
		{"when to is unknown, should say not found",
			model.Tie{Kind: "relations", From: a.ID, To: 999}, model.ErrNotFound},
		{"when the span ends before it starts, should say invalid",
			model.Tie{Kind: "relations", From: a.ID, To: b.ID, Span: model.Span{Start: d("2024-04-06"), End: d("2024-04-01")}}, model.ErrInvalid},
		{"when the span ends the day it starts, should say invalid",
			model.Tie{Kind: "relations", From: a.ID, To: b.ID, Span: model.Span{Start: d("2024-04-06"), End: d("2024-04-06")}}, model.ErrInvalid},
		{"when both ends are the same actor, should say invalid",
			model.Tie{Kind: "relations", From: a.ID, To: a.ID}, model.ErrInvalid},
		{"when the kind is missing, should say invalid",
			model.Tie{From: a.ID, To: b.ID}, model.ErrInvalid},
		{"when the weight is negative, should say invalid",
			model.Tie{Kind: "relations", From: a.ID, To: b.ID, Weight: -1}, model.ErrInvalid},
		{"when the weight is NaN, should say invalid",
			model.Tie{Kind: "relations", From: a.ID, To: b.ID, Weight: math.NaN()}, model.ErrInvalid},
		{"when a source is unknown, should say not found",
			model.Tie{Kind: "relations", From: a.ID, To: b.ID, Sources: []model.ID{42}}, model.ErrNotFound},
		{"when updating a tie that is not stored, should say not found",
			model.Tie{ID: 999, Kind: "relations", From: a.ID, To: b.ID}, model.ErrNotFound},
		{"when updating a stored tie to end before it starts, should say invalid",
			model.Tie{ID: good.ID, Kind: "relations", From: a.ID, To: b.ID, Span: model.Span{Start: d("2024"), End: d("2023")}}, model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tie := tt.tie
			err := s.PutTie(ctx, &tie)
			if !errors.Is(err, tt.want) {
				t.Fatalf("PutTie error = %v, want one wrapping %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "put tie") {
				t.Errorf("error %q does not name the operation", err)
			}
			if got, want := tie.ID, tt.tie.ID; got != want {
				t.Errorf("failed PutTie set the ID to %d, want %d", got, want)
			}
			if got, want := load(t, s), before; !equal(got, want) {
				t.Errorf("failed PutTie changed the map:\ngot  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestPutRejects(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := model.Actor{Name: "Mexico", Kind: "country"}
	if err := s.PutActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	before := load(t, s)
	tests := []struct {
		name string
		put  func() error
		want error
	}{
		{"when an actor has no name, should say invalid", func() error {
			return s.PutActor(ctx, &model.Actor{Kind: "country"})
		}, model.ErrInvalid},
		{"when an actor belongs to itself, should say invalid", func() error {
			return s.PutActor(ctx, &model.Actor{ID: a.ID, Name: "Mexico", Kind: "country", BelongsTo: a.ID})
		}, model.ErrInvalid},
		{"when an actor is located in an unknown actor, should say not found", func() error {
			return s.PutActor(ctx, &model.Actor{Name: "Embassy", Kind: "mission", LocatedIn: 999})
		}, model.ErrNotFound},
		{"when updating an actor that is not stored, should say not found", func() error {
			return s.PutActor(ctx, &model.Actor{ID: 999, Name: "Peru", Kind: "country"})
		}, model.ErrNotFound},
		{"when an actor is nil, should say invalid", func() error {
			return s.PutActor(ctx, nil)
		}, model.ErrInvalid},
		{"when an event ends an unknown tie, should say not found", func() error {
			return s.PutEvent(ctx, &model.Event{Date: model.MustDate("2024"), Kind: "raid", Title: "Raid", Ends: []model.ID{5}})
		}, model.ErrNotFound},
		{"when an event has no date, should say invalid", func() error {
			return s.PutEvent(ctx, &model.Event{Kind: "raid", Title: "Raid"})
		}, model.ErrInvalid},
		{"when updating an event that is not stored, should say not found", func() error {
			return s.PutEvent(ctx, &model.Event{ID: 999, Date: model.MustDate("2024"), Kind: "raid", Title: "Raid"})
		}, model.ErrNotFound},
		{"when a source has neither title nor URL, should say invalid", func() error {
			return s.PutSource(ctx, &model.Source{Publisher: "AP"})
		}, model.ErrInvalid},
		{"when updating a source that is not stored, should say not found", func() error {
			return s.PutSource(ctx, &model.Source{ID: 999, Title: "x"})
		}, model.ErrNotFound},
		{"when a kind has an unknown class, should say invalid", func() error {
			return s.PutKind(ctx, model.Kind{Name: "x", Class: "thing"})
		}, model.ErrInvalid},
		{"when a kind has no name, should say invalid", func() error {
			return s.PutKind(ctx, model.Kind{Class: model.ClassTie})
		}, model.ErrInvalid},
		{"when pinning an unknown actor, should say not found", func() error {
			return s.SetPin(ctx, 999, model.Point{})
		}, model.ErrNotFound},
		{"when pinning at NaN, should say invalid", func() error {
			return s.SetPin(ctx, a.ID, model.Point{X: math.NaN()})
		}, model.ErrInvalid},
		{"when unpinning an unknown actor, should say not found", func() error {
			return s.ClearPin(ctx, 999)
		}, model.ErrNotFound},
		{"when deleting an unknown actor, should say not found", func() error {
			return s.DeleteActor(ctx, 999)
		}, model.ErrNotFound},
		{"when deleting an unknown tie, should say not found", func() error {
			return s.DeleteTie(ctx, 999)
		}, model.ErrNotFound},
		{"when deleting an unknown event, should say not found", func() error {
			return s.DeleteEvent(ctx, 999)
		}, model.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.put()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want one wrapping %v", err, tt.want)
			}
			if got, want := load(t, s), before; !equal(got, want) {
				t.Errorf("a failed call changed the map:\ngot  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestPutInsertsThenUpdates(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	d := model.MustDate
	src := model.Source{Title: "Report", Date: d("2024-04")}
	mx := model.Actor{Name: "Mexico", Kind: "country"}
	ec := model.Actor{Name: "Ecuador", Kind: "country", Attrs: map[string]string{"capital": "Quito"}}
	for _, err := range []error{s.PutSource(ctx, &src), s.PutActor(ctx, &mx), s.PutActor(ctx, &ec)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	tie := model.Tie{Kind: "relations", From: mx.ID, To: ec.ID, Span: model.Span{Start: d("1830")}}
	if err := s.PutTie(ctx, &tie); err != nil {
		t.Fatal(err)
	}
	ev := model.Event{Date: d("2024-04-06"), Kind: "severed", Title: "Relations broken",
		Participants: []model.Participant{{Actor: mx.ID, Role: "breaks"}, {Actor: ec.ID}}, Ends: []model.ID{tie.ID}}
	if err := s.PutEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if mx.ID == 0 || ec.ID == 0 || tie.ID == 0 || ev.ID == 0 || src.ID == 0 {
		t.Fatalf("Put did not set IDs: %d %d %d %d %d", mx.ID, ec.ID, tie.ID, ev.ID, src.ID)
	}

	// Updates replace every field and list.
	mx.Short, mx.Sources, mx.Life = "MX", []model.ID{src.ID}, model.Span{Start: d("1821-09-27")}
	ec.Attrs = nil
	tie.Span.End, tie.Label, tie.Directed, tie.Weight, tie.Sources = d("2024-04-06"), "severed", true, 2, []model.ID{src.ID}
	ev.Participants, ev.Ends, ev.Sources = []model.Participant{{Actor: ec.ID, Role: "raids"}}, nil, []model.ID{src.ID}
	src.Quote = "a quote"
	for _, err := range []error{s.PutSource(ctx, &src), s.PutActor(ctx, &mx), s.PutActor(ctx, &ec), s.PutTie(ctx, &tie), s.PutEvent(ctx, &ev)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetPin(ctx, mx.ID, model.Point{X: 1, Y: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPin(ctx, mx.ID, model.Point{X: 3, Y: 4}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPin(ctx, ec.ID, model.Point{X: 5, Y: 6}); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearPin(ctx, ec.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearPin(ctx, ec.ID); err != nil {
		t.Errorf("clearing a pin twice: %v", err)
	}

	got := load(t, s)
	want := &model.Map{
		Kinds:   model.DefaultKinds(),
		Sources: []model.Source{src},
		Actors:  []model.Actor{mx, ec},
		Ties:    []model.Tie{tie},
		Events:  []model.Event{ev},
		Pins:    map[model.ID]model.Point{mx.ID: {X: 3, Y: 4}},
	}
	if !equal(got, want) {
		t.Errorf("after updates\ngot  %+v\nwant %+v", got, want)
	}
}

func TestDeleteActorCascades(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	m := richMap()
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	mexico, embassy := m.Actors[0].ID, m.Actors[2].ID
	relations, severed, refuge, arrest := m.Ties[0].ID, m.Ties[1].ID, m.Ties[2].ID, m.Ties[3].ID

	if err := s.DeleteActor(ctx, mexico); err != nil {
		t.Fatal(err)
	}
	got := load(t, s)
	if _, ok := got.Actor(mexico); ok {
		t.Errorf("actor %d is still there", mexico)
	}
	if got, want := tieIDs(got.Ties), []model.ID{refuge, arrest}; !equal(got, want) {
		t.Errorf("ties after deleting Mexico = %v, want %v (not %d, %d)", got, want, relations, severed)
	}
	if e, _ := got.Actor(embassy); e.BelongsTo != 0 {
		t.Errorf("embassy still belongs to %d", e.BelongsTo)
	}
	if _, ok := got.Pins[mexico]; ok {
		t.Errorf("Mexico's pin is still there")
	}
	if got, want := len(got.Pins), 1; got != want {
		t.Errorf("pins = %d, want %d", got, want)
	}
	severing := got.Events[1]
	if len(severing.Participants) != 0 || len(severing.Begins) != 0 || len(severing.Ends) != 0 {
		t.Errorf("the severing event still refers to Mexico or its ties: %+v", severing)
	}
	raid := got.Events[0]
	if got, want := raid.Participants, m.Events[0].Participants; !equal(got, want) {
		t.Errorf("raid participants = %v, want %v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("map after delete is not valid: %v", err)
	}

	// Deleting a tie takes it out of the events that begin or end it.
	if err := s.DeleteTie(ctx, arrest); err != nil {
		t.Fatal(err)
	}
	got = load(t, s)
	if got, want := got.Events[0].Begins, []model.ID(nil); !equal(got, want) {
		t.Errorf("raid begins = %v after deleting the tie, want %v", got, want)
	}
	if err := s.DeleteEvent(ctx, got.Events[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, want := len(load(t, s).Events), 1; got != want {
		t.Errorf("events = %d after deleting one, want %d", got, want)
	}
}

func tieIDs(ties []model.Tie) []model.ID {
	var out []model.ID
	for _, t := range ties {
		out = append(out, t.ID)
	}
	return out
}

func TestConcurrentWritersQueue(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const writers, each = 8, 10
	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				a := model.Actor{Name: fmt.Sprintf("actor %d.%d", w, i), Kind: "country"}
				if err := s.PutActor(ctx, &a); err != nil {
					errs <- err
					continue
				}
				if _, err := s.Load(ctx); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	if got, want := len(load(t, s).Actors), writers*each; got != want {
		t.Errorf("actors = %d, want %d", got, want)
	}
}

// TestMapCredits creates a map with credits, checks they read back with
// the source's stored ID, that deleting that source clears it from the
// credits, and that undoing the delete puts it back.
func TestMapCredits(t *testing.T) {
	ctx := context.Background()
	m := richMap()
	s, err := sqlite.Create(filepath.Join(t.TempDir(), "map.relmap"), m)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := load(t, s)
	src, ok := got.Source(got.DefaultSource)
	if got.Author != "A newsroom" || got.Licence != "CC BY 4.0" || !ok || src.Title != "Mexico breaks relations with Ecuador" {
		t.Fatalf("credits read back as %q, %q, source %d (%+v)", got.Author, got.Licence, got.DefaultSource, src)
	}
	if credit := got.Credit(); credit != "Source: Mexico breaks relations with Ecuador (Mexico News Daily)  ·  A newsroom  ·  CC BY 4.0" {
		t.Errorf("credit %q", credit)
	}
	applied, err := s.Apply(ctx, model.Change{Summary: "Delete Source", Delete: model.Deleted{Sources: []model.ID{src.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	after := load(t, s)
	if after.DefaultSource != 0 || got.Applied(applied).DefaultSource != 0 {
		t.Errorf("after deleting its source the map credits source %d (in memory %d)", after.DefaultSource, got.Applied(applied).DefaultSource)
	}
	if _, _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back := load(t, s); back.DefaultSource != src.ID {
		t.Errorf("after undo the map credits source %d, want %d", back.DefaultSource, src.ID)
	}
}
