package ui

import (
	"strings"
	"testing"

	"relmap/render"
)

// TestSmallMultiplesWindow: the dialog's fields make small multiples or
// say which is wrong, and the window shows the panels.
func TestSmallMultiplesWindow(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	q := multiplesRequest{dates: "events", from: "2024-04-04", to: "2024-04-07", columns: "2"}
	mu, err := q.multiples(te.shown(), 1600, 1000, render.Light)
	if err != nil || len(mu.Dates) != 4 || mu.Columns != 2 {
		t.Fatalf("multiples: %+v, %v", mu, err)
	}
	for _, bad := range []multiplesRequest{
		{dates: "events", from: "soon"},
		{dates: "2024-04-04", columns: "many"},
		{dates: "3m"},
	} {
		if _, err := bad.multiples(te.shown(), 1600, 1000, render.Light); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	win := te.multiplesWindow(q, te.shown(), te.tl)
	defer win.Close()
	if !strings.HasPrefix(win.Title(), "Small Multiples") {
		t.Errorf("the window is called %q", win.Title())
	}
	img := win.Canvas().Capture()
	if n := colours(img, 8); n < 8 {
		t.Errorf("the small multiples window shows %d colours", n)
	}
}
