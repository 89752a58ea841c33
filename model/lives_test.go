package model_test

import (
	"slices"
	"testing"

	"relmap/model"
)

func TestLivesWithGaps(t *testing.T) {
	d := model.MustDate
	for _, c := range []struct {
		in, want string
	}{
		{"1918–1940; 1991–", "1918 – 1940; 1991 – …"},
		{"1918..1940;1991..", "1918 – 1940; 1991 – …"},
		{"1918-1940; 1991-08-20-", "1918 – 1940; 1991-08-20 – …"},
		{"…–1945; 1990-10-03–…", "… – 1945; 1990-10-03 – …"},
	} {
		lives, err := model.ParseLives(c.in)
		if err != nil || model.LivesString(lives) != c.want {
			t.Errorf("ParseLives(%q) = %q, %v; want %q", c.in, model.LivesString(lives), err, c.want)
		}
	}
	for _, bad := range []string{"1991–; 1918–1940", "1918–1940; 1939–1945", "1940–1918", "1918–; 1991–", "soon"} {
		if _, err := model.ParseLives(bad); err == nil {
			t.Errorf("ParseLives(%q) accepted", bad)
		}
	}
	estonia := model.Actor{ID: 1, Name: "Estonia", Kind: "country",
		Life: model.Span{Start: d("1918-02-24"), End: d("1940-06")}, Later: []model.Span{{Start: d("1991-08-20")}}}
	m := &model.Map{Actors: []model.Actor{estonia}}
	for day, want := range map[string]bool{"1930-01-01": true, "1940-06-30": true, "1940-07-01": false, "1960-01-01": false, "1991-08-20": true} {
		dd, _ := model.ParseDay(day)
		if got := len(m.Snapshot(dd).Actors) == 1; got != want {
			t.Errorf("Estonia shown on %s: %v, want %v", day, got, want)
		}
	}
	if keys := m.Keyframes(); len(keys) != 3 {
		t.Errorf("keyframes %v, want the start, the end and the return", keys)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
	estonia.Later = []model.Span{{Start: d("1939")}}
	if err := (&model.Map{Actors: []model.Actor{estonia}}).Validate(); err == nil {
		t.Error("a later span that starts before the first ends was accepted")
	}
}

// TiesBeyond lists the ties in force on days their actor does not exist:
// those a picture leaves out on those days.
func TestTiesBeyondAnActorsLife(t *testing.T) {
	span := func(from, until string) model.Span {
		var s model.Span
		if from != "" {
			s.Start = model.MustDate(from)
		}
		if until != "" {
			s.End = model.MustDate(until)
		}
		return s
	}
	m := &model.Map{Ties: []model.Tie{
		{ID: 1, From: 1, To: 2, Span: span("1980", "1985")}, // within
		{ID: 2, From: 2, To: 1, Span: span("1985", "2024")}, // ends after
		{ID: 3, From: 1, To: 3, Span: span("", "1985")},     // begins before: no start
		{ID: 4, From: 1, To: 3, Span: span("1989", "")},     // never ends
		{ID: 5, From: 2, To: 3, Span: span("1900", "2024")}, // not its
	}}
	ids := func(ties []model.Tie) []model.ID {
		var out []model.ID
		for _, t := range ties {
			out = append(out, t.ID)
		}
		return out
	}
	for _, tt := range []struct {
		life  model.Span
		later []model.Span
		want  []model.ID
	}{
		{span("1970", "1990"), nil, []model.ID{2, 3, 4}},
		{span("", "1990"), nil, []model.ID{2, 4}},
		{span("1970", ""), nil, []model.ID{3}},
		{span("", ""), nil, nil},
		{span("1970", "1982"), []model.Span{span("1984", "")}, []model.ID{3}}, // a later life covers the rest
	} {
		a := model.Actor{ID: 1, Life: tt.life, Later: tt.later}
		if got := ids(m.TiesBeyond(a)); !slices.Equal(got, tt.want) {
			t.Errorf("life %v, later %v: ties %v beyond it, want %v", tt.life, tt.later, got, tt.want)
		}
	}
}
