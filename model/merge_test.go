package model_test

import (
	"errors"
	"reflect"
	"testing"

	"relmap/model"
)

// importMap is what an import brings: a source, two actors (one belonging to
// the other, declared after it), a tie between a new actor and a stored one
// (ID 7), an event that begins the tie, and a pin.
func importMap() *model.Map {
	return &model.Map{
		Kinds:   []model.Kind{{Class: model.ClassTie, Name: "asylum", Label: "Asylum"}},
		Sources: []model.Source{{ID: 5, Title: "El País"}},
		Actors: []model.Actor{
			{ID: 1, Name: "Embassy of Mexico", Kind: "mission", BelongsTo: 2, Sources: []model.ID{5}},
			{ID: 2, Name: "Mexico", Kind: "country"},
		},
		Ties: []model.Tie{{ID: 3, Kind: "asylum", From: 1, To: 7, Sources: []model.ID{5}}},
		Events: []model.Event{{ID: 9, Date: model.MustDate("2024-04-05"), Kind: "raid", Title: "Raid",
			Participants: []model.Participant{{Actor: 7, Role: "target"}, {Actor: 1}}, Begins: []model.ID{3}}},
		Pins: map[model.ID]model.Point{2: {X: 10, Y: 20}, 7: {X: 1, Y: 2}},
	}
}

func TestPlanMergeRenumbersAndKeepsStoredRefs(t *testing.T) {
	m := importMap()
	if got, want := m.OutsideRefs(), (model.Refs{Actors: []model.ID{7}}); !reflect.DeepEqual(got, want) {
		t.Fatalf("OutsideRefs = %+v, want %+v", got, want)
	}
	stored := &model.Map{Actors: []model.Actor{{ID: 7}}}
	before := importMap()
	r, err := model.PlanMerge(m, stored, model.NextIDs{Source: 100, Actor: 200, Tie: 300, Event: 400})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, before) {
		t.Error("PlanMerge changed the map it planned")
	}
	want := model.Records{
		Kinds:   m.Kinds,
		Sources: []model.Source{{ID: 100, Title: "El País"}},
		Actors: []model.Actor{
			{ID: 200, Name: "Embassy of Mexico", Kind: "mission", BelongsTo: 201, Sources: []model.ID{100}},
			{ID: 201, Name: "Mexico", Kind: "country"},
		},
		Ties: []model.Tie{{ID: 300, Kind: "asylum", From: 200, To: 7, Sources: []model.ID{100}}},
		Events: []model.Event{{ID: 400, Date: model.MustDate("2024-04-05"), Kind: "raid", Title: "Raid",
			Participants: []model.Participant{{Actor: 7, Role: "target"}, {Actor: 200}}, Begins: []model.ID{300}}},
		Pins: []model.Pin{{Actor: 201, At: model.Point{X: 10, Y: 20}}, {Actor: 7, At: model.Point{X: 1, Y: 2}}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("plan:\n got %+v\nwant %+v", r, want)
	}
}

func TestPlanMergeRefusesBrokenRecords(t *testing.T) {
	next := model.NextIDs{Source: 1, Actor: 1, Tie: 1, Event: 1}
	for _, c := range []struct {
		name   string
		change func(m *model.Map)
		kind   error
		record string
	}{
		{"a tie to an actor in neither", func(m *model.Map) { m.Ties[0].To = 8 }, model.ErrNotFound, "tie 3"},
		{"two actors with one ID", func(m *model.Map) { m.Actors[1].ID = 1; m.Actors[0].BelongsTo = 0 }, model.ErrConflict, "actor 1"},
		{"a negative ID", func(m *model.Map) { m.Sources[0].ID = -2 }, model.ErrInvalid, "source -2"},
		{"a pin of no actor", func(m *model.Map) { m.Pins[8] = model.Point{} }, model.ErrNotFound, "pins"},
		{"a source with no title or URL", func(m *model.Map) { m.Sources[0].Title = " " }, model.ErrInvalid, "source 5"},
		{"a kind of no class", func(m *model.Map) { m.Kinds[0].Class = "" }, model.ErrInvalid, `kind "asylum"`},
		{"an event ending a tie in neither", func(m *model.Map) { m.Events[0].Ends = []model.ID{4} }, model.ErrNotFound, `event "Raid"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := importMap()
			c.change(m)
			_, err := model.PlanMerge(m, &model.Map{Actors: []model.Actor{{ID: 7}}}, next)
			var fe *model.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, c.kind) || fe.Record != c.record {
				t.Fatalf("err = %v, want a %v error about %s", err, c.kind, c.record)
			}
		})
	}
}
