package model_test

import (
	"testing"

	"relmap/model"
)

func TestDisagreementsAndMatchEvent(t *testing.T) {
	d := model.MustDate
	m := &model.Map{
		Ties: []model.Tie{
			{ID: 1, Span: model.Span{Start: d("2023-12"), End: d("2024-04-06")}},
			{ID: 2, Span: model.Span{End: d("2024-05")}},
			{ID: 3},
		},
		Events: []model.Event{
			{ID: 1, Date: d("2023-12-14"), Title: "Moves in", Begins: []model.ID{1}},
			{ID: 2, Date: d("2024-04-06"), Title: "Broken", Ends: []model.ID{1, 2, 3}},
		},
	}
	for _, c := range []struct {
		tie  model.ID
		want []string
	}{
		{1, nil}, // 2023-12 holds 2023-12-14; the end is the day
		{2, []string{`It is ended by "Broken" on 2024-04-06 but it ends on 2024-05.`}},
		{3, []string{`It is ended by "Broken" on 2024-04-06 but it has no end.`}},
	} {
		tie, _ := m.Tie(c.tie)
		got := m.Disagreements(tie)
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("tie %d: %q, want %q", c.tie, got, c.want)
		}
	}
	open, _ := m.Tie(3)
	matched, changed := open.MatchEvent(m.Events[1])
	if !changed || matched.Span.End != d("2024-04-06") || !matched.Span.Start.IsZero() {
		t.Errorf("MatchEvent = %+v, %v", matched.Span, changed)
	}
	if _, changed := m.Ties[0].MatchEvent(m.Events[0]); changed {
		t.Error("MatchEvent changed a tie that agrees")
	}
}
