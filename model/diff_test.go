package model_test

import (
	"bytes"
	"slices"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
)

// What began and ended between two dates is in their comparison: an
// arrest in a raid, begun on the 5th and ended on the 6th, was missing
// from the 1st to the 7th. A tie whose actor was gone all the while it
// was dated is not.
func TestDiffFindsWhatCameAndWentBetween(t *testing.T) {
	d := model.MustDate
	m := &model.Map{
		Actors: []model.Actor{
			{ID: 1, Name: "Police", Kind: "organisation"},
			{ID: 2, Name: "Glas", Kind: "official"},
			{ID: 3, Name: "Envoy", Kind: "official", Life: model.Span{Start: d("2024-04-02"), End: d("2024-04-04")}},
			{ID: 4, Name: "Late", Kind: "official", Life: model.Span{Start: d("2024-04-10")}},
		},
		Ties: []model.Tie{
			{ID: 1, Kind: "arrest", From: 1, To: 2, Span: model.Span{Start: d("2024-04-05"), End: d("2024-04-06")}},
			{ID: 2, Kind: "relations", From: 3, To: 2},
			{ID: 3, Kind: "relations", From: 4, To: 2, Span: model.Span{Start: d("2024-04-03"), End: d("2024-04-05")}},
			{ID: 4, Kind: "relations", From: 1, To: 2, Span: model.Span{End: d("2024-04-02")}}, // in force on the 1st: ended
		},
	}
	diff := m.Diff(d("2024-04-01").First(), d("2024-04-07").First())
	var passed []model.ID
	for _, t := range diff.Passed {
		passed = append(passed, t.ID)
	}
	if !slices.Equal(passed, []model.ID{1, 2}) {
		t.Errorf("passed = %v, want the arrest and the envoy's tie", passed)
	}
	if len(diff.Passing) != 1 || diff.Passing[0].ID != 3 {
		t.Errorf("passing = %v, want the envoy", diff.Passing)
	}
	if len(diff.Ended) != 1 || diff.Ended[0].ID != 4 {
		t.Errorf("ended = %v, want tie 4 alone", diff.Ended)
	}
	rows := m.DiffRows(diff)
	var marks []string
	for _, r := range rows {
		marks = append(marks, r.Change+" "+r.Mark()+" "+r.Date)
	}
	if want := []string{"ended - 2024-04-02", "between ± ", "between ± 2024-04-02", "between ± 2024-04-05"}; !slices.Equal(marks, want) {
		t.Errorf("rows %q, want %q", marks, want)
	}
	if back := m.Diff(diff.To, diff.From); len(back.Passed) != 2 || len(back.Passing) != 1 {
		t.Errorf("backwards, %d passed and %d passing, want the same as forwards", len(back.Passed), len(back.Passing))
	}
	if next := m.Diff(diff.From, diff.From+1); len(next.Passed) != 0 {
		t.Errorf("between two days in a row, %d passed", len(next.Passed))
	}
}

func TestDiff(t *testing.T) {
	d := model.MustDate
	m := &model.Map{
		Actors: []model.Actor{
			{ID: 1, Name: "Mexico", Kind: "country"},
			{ID: 2, Name: "Ecuador", Kind: "country"},
			{ID: 3, Name: "Embassy", Kind: "mission", Life: model.Span{End: d("2024-04-07")}},
			{ID: 4, Name: "Staff", Kind: "official", Life: model.Span{Start: d("2024-04-07")}},
		},
		Ties: []model.Tie{
			{ID: 1, Kind: "relations", From: 1, To: 2, Span: model.Span{End: d("2024-04-06")}},
			{ID: 2, Kind: "severed", From: 1, To: 2, Span: model.Span{Start: d("2024-04-06")}},
			{ID: 3, Kind: "located-in", From: 3, To: 2},
		},
		Events: []model.Event{
			{ID: 2, Date: d("2024-04-06"), Kind: "severed", Title: "Relations broken"},
			{ID: 1, Date: d("2024-04-05"), Kind: "raid", Title: "Raid"},
			{ID: 3, Date: d("2024-04-08"), Kind: "statement", Title: "Later"},
		},
	}
	diff := m.Diff(model.MustDate("2024-04-05").First(), model.MustDate("2024-04-07").First())
	ids := func(n int, id func(int) model.ID) []model.ID {
		var out []model.ID
		for i := range n {
			out = append(out, id(i))
		}
		return out
	}
	for _, c := range []struct {
		what      string
		got, want []model.ID
	}{
		{"began", ids(len(diff.Began), func(i int) model.ID { return diff.Began[i].ID }), []model.ID{2}},
		{"ended", ids(len(diff.Ended), func(i int) model.ID { return diff.Ended[i].ID }), []model.ID{1, 3}},
		{"appeared", ids(len(diff.Appeared), func(i int) model.ID { return diff.Appeared[i].ID }), []model.ID{4}},
		{"left", ids(len(diff.Left), func(i int) model.ID { return diff.Left[i].ID }), []model.ID{3}},
		{"events", ids(len(diff.Events), func(i int) model.ID { return diff.Events[i].ID }), []model.ID{2}},
	} {
		if !equalIDs(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	back := m.Diff(diff.To, diff.From)
	if len(back.Began) != len(diff.Ended) || len(back.Appeared) != len(diff.Left) || len(back.Events) != len(diff.Events) {
		t.Errorf("the diff backwards is not the mirror: %+v", back)
	}
}

func equalIDs(a, b []model.ID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSnapshotLinks(t *testing.T) {
	m := &model.Map{
		Actors: []model.Actor{
			{ID: 1, Name: "Mexico", Kind: "country"},
			{ID: 2, Name: "Embassy", Kind: "mission", BelongsTo: 1, LocatedIn: 3},
			{ID: 3, Name: "Ecuador", Kind: "country"},
			{ID: 4, Name: "Gone", Kind: "country", Life: model.Span{End: model.MustDate("2000-01-01")}},
			{ID: 5, Name: "Consulate", Kind: "mission", BelongsTo: 4},
		},
		Ties: []model.Tie{
			{ID: 10, Kind: "relations", From: 1, To: 3},
			{ID: 11, Kind: "statement", From: 1, To: 1},
			{ID: 12, Kind: "asylum", From: 1, To: 2, Directed: true},
		},
	}
	got := m.Snapshot(model.MustDate("2024-01-01").First()).Links()
	want := []model.Link{
		{From: 1, To: 3, Tie: 10},
		{From: 1, To: 2, Tie: 12, Directed: true},
		{From: 2, To: 1},
		{From: 2, To: 3},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Links() = %+v\nwant %+v (no tie to itself, no link to an actor not shown)", got, want)
	}
}

// What changed between the raid and the diplomats' return, on the default
// map: the relations ended and the severed relations began, and the arrest
// in the raid ended (Glas was taken to prison).
func TestDiffOfTheDefaultMap(t *testing.T) {
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	d := m.Diff(model.MustDate("2024-04-05").First(), model.MustDate("2024-04-07").First())
	labels := func(ties []model.Tie) map[string]string {
		out := map[string]string{}
		for _, t := range ties {
			out[t.Label] = t.Kind
		}
		return out
	}
	began, ended := labels(d.Began), labels(d.Ended)
	if began["relations broken"] != "severed" {
		t.Errorf("began %v: want the severed relations", began)
	}
	if ended["diplomatic relations"] != "relations" || ended["arrested in the raid"] != "arrest" {
		t.Errorf("ended %v: want the diplomatic relations and the arrest in the raid", ended)
	}
	if len(d.Began) != 4 || len(d.Ended) != 6 || len(d.Events) != 3 {
		t.Errorf("%d began, %d ended, %d events; want 4, 6 and 3", len(d.Began), len(d.Ended), len(d.Events))
	}
	if d.Events[0].Title != "Mexico breaks diplomatic relations with Ecuador" {
		t.Errorf("first event %q, want the break in relations", d.Events[0].Title)
	}
}
