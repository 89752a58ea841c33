package ui

import (
	"image"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
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
	// The panels are drawn off the UI goroutine: the window paints, with
	// a note, while they are drawn.
	release := make(chan struct{})
	drawMultiples = func(r *render.Renderer, m *model.Map, tl *layout.Timeline, mu render.Multiples) (*image.RGBA, error) {
		<-release
		return r.DrawMultiples(m, tl, mu)
	}
	t.Cleanup(func() { drawMultiples = (*render.Renderer).DrawMultiples })
	win := te.multiplesWindow(q, te.shown(), te.tl)
	defer win.Close()
	if !strings.HasPrefix(win.Title(), "Small Multiples") {
		t.Errorf("the window is called %q", win.Title())
	}
	before := colours(win.Canvas().Capture(), 1000)
	note := findLabel(win.Content(), "Drawing the small multiples…")
	if note == nil || !note.Visible() {
		t.Error("while the panels are drawn, the window does not say so")
	}
	close(release)
	te.jobs.Wait()
	img := win.Canvas().Capture()
	if n := colours(img, 1000); n < 8 || n <= before {
		t.Errorf("the small multiples window shows %d colours, %d before the panels were drawn", n, before)
	}
	if note.Visible() {
		t.Error("the note stays once the panels are drawn")
	}
}

// findLabel finds the label saying text under o, or nil.
func findLabel(o fyne.CanvasObject, text string) *widget.Label {
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok && l.Text == text {
			return l
		}
	}
	return nil
}

// On a map without events Small Multiples offers dates that show the
// whole history in a dozen panels or so, whatever its length.
func TestWholeHistory(t *testing.T) {
	first := model.MustDate("1816-03-01").First()
	for _, days := range []int{10, 100, 365, 5 * 365, 200 * 365} {
		var keys []model.Day
		for d := 0; d <= days; d += max(1, days/40) {
			keys = append(keys, first+model.Day(d))
		}
		last := keys[len(keys)-1]
		spec := wholeHistory(keys)
		panels, err := render.MultiplesDates(&model.Map{}, spec, first, last)
		if err != nil {
			t.Fatalf("%d days: %q: %v", days, spec, err)
		}
		if len(panels) < 2 || len(panels) > 13 || panels[0] != first {
			t.Errorf("%d days: %q gives %d panels from %s, want 2 to 13 from %s", days, spec, len(panels), panels[0], first)
		}
	}
}

// The small multiples' window and the guide's close with Escape and
// Ctrl+W, as the Table's does: without a window manager's title bar, the
// small multiples could not be closed at all.
func TestSideWindowsCloseByKey(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	for _, key := range []string{"Escape", "Ctrl+W"} {
		a := fyne.CurrentApp()
		w := a.NewWindow("side")
		closed := false
		w.SetOnClosed(func() { closed = true })
		closesByKey(w)
		if key == "Escape" {
			w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		} else {
			inner := reflect.ValueOf(w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
			inner.(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyW, 0))
		}
		if !closed {
			t.Errorf("%s left the window open", key)
			w.Close()
		}
	}
}
