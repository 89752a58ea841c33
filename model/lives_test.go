package model_test

import (
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
