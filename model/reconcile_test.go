package model_test

import (
	"testing"

	"relmap/model"
)

func TestReconcile(t *testing.T) {
	d := model.MustDate
	base := &model.Map{
		Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
		Ties:   []model.Tie{{ID: 5, Kind: "relations", From: 1, To: 2, Span: model.Span{Start: d("1990")}}},
		Events: []model.Event{{ID: 7, Date: d("2024-04-05"), Kind: "raid", Title: "Raid"}},
	}
	read := &model.Map{
		Sources: []model.Source{{ID: 1, Title: "New report"}},
		Actors: []model.Actor{
			{ID: 1, Name: "Mexico", Kind: "country"},                       // unchanged
			{ID: 2, Name: "Ecuador", Kind: "country", Notes: "Corrected."}, // updated
			{ID: 3, Name: "Peru", Kind: "country", Sources: []model.ID{1}}, // new
		},
		Ties: []model.Tie{
			{ID: 1, Kind: "relations", From: 1, To: 2, Span: model.Span{Start: d("1990"), End: d("2024-04-06")}}, // updated
			{ID: 2, Kind: "relations", From: 1, To: 3},                                                           // new, to a new actor
		},
		Events: []model.Event{{ID: 1, Date: d("2024-04-05"), Kind: "raid", Title: "Raid"}}, // unchanged
	}
	c, n := model.Reconcile("Update", base, read)
	if n != (model.Counts{Added: 2, Updated: 2, Unchanged: 2}) || n.String() != "2 added, 2 updated, 2 unchanged" {
		t.Errorf("counts %+v", n)
	}
	if len(c.Put.Actors) != 2 || c.Put.Actors[0].ID != 2 || c.Put.Actors[1].ID >= 0 {
		t.Fatalf("actors put %+v", c.Put.Actors)
	}
	peru := c.Put.Actors[1]
	if len(peru.Sources) != 1 || peru.Sources[0] != c.Put.Sources[0].ID || c.Put.Sources[0].ID >= 0 {
		t.Errorf("Peru cites %v, the new source is %d", peru.Sources, c.Put.Sources[0].ID)
	}
	if len(c.Put.Ties) != 2 || c.Put.Ties[0].ID != 5 || c.Put.Ties[0].Span.End != d("2024-04-06") || c.Put.Ties[1].To != peru.ID {
		t.Errorf("ties put %+v", c.Put.Ties)
	}
	if len(c.Put.Events) != 0 {
		t.Errorf("events put %+v", c.Put.Events)
	}
	applied := base.Applied(model.Change{}) // base is left as it was
	if len(applied.Actors) != 2 {
		t.Error("Reconcile changed base")
	}
}
