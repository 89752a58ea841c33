package ui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
)

// storeStability is a newTestEditor setup that stores a stability setting.
func storeStability(v float64) func(fyne.App) {
	return func(a fyne.App) { a.Preferences().SetFloat(stabilityKey, v) }
}

// movement is how far actors move from frame to frame of tl, in all.
func movement(tl *layout.Timeline) float64 {
	var sum float64
	for i := 1; i < len(tl.Frames()); i++ {
		sum += layout.Movement(tl.Frames()[i-1].Pos, tl.Frames()[i].Pos)
	}
	return sum
}

// samePositions checks that got and want place every actor of every frame
// in the same place.
func samePositions(t *testing.T, got, want *layout.Timeline) {
	t.Helper()
	if len(got.Frames()) != len(want.Frames()) {
		t.Fatalf("%d frames, want %d", len(got.Frames()), len(want.Frames()))
	}
	for i := range got.Frames() {
		if !reflect.DeepEqual(got.Frames()[i].Pos, want.Frames()[i].Pos) {
			t.Errorf("frame %s: positions differ", want.Frames()[i].At)
		}
	}
}

// slider finds the slider under o.
func slider(t *testing.T, o fyne.CanvasObject) *widget.Slider {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if s, ok := c.(*widget.Slider); ok {
			return s
		}
	}
	t.Fatal("no slider")
	return nil
}

func TestStabilitySettingIsRead(t *testing.T) {
	tests := []struct {
		name   string
		stored []func(fyne.App)
		want   float64
	}{
		{"when nothing is stored, should use the default", nil, layout.DefaultStability},
		{"when 1 is stored, should lay out at 1", []func(fyne.App){storeStability(1)}, 1},
		{"when 0 is stored, should lay out at 0", []func(fyne.App){storeStability(0)}, 0},
		{"when a value out of range is stored, should use the default", []func(fyne.App){storeStability(7)}, layout.DefaultStability},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te := newTestEditor(t, tt.stored...)
			if got := stability(); got != tt.want {
				t.Errorf("stability() = %v, want %v", got, tt.want)
			}
			if got := te.tlStability; got != tt.want {
				t.Errorf("laid out at %v, want %v", got, tt.want)
			}
			want, err := te.r.Layout(context.Background(), te.doc.m, tt.want, nil)
			if err != nil {
				t.Fatal(err)
			}
			samePositions(t, te.tl, want)
		})
	}

	t.Run("at 1, nothing already placed should move; at the default, something does", func(t *testing.T) {
		if got := movement(newTestEditor(t).tl); got == 0 {
			t.Errorf("at the default stability nothing moves; the test below proves nothing")
		}
		te := newTestEditor(t, storeStability(1))
		for i := 1; i < len(te.tl.Frames()); i++ {
			if mv := layout.Movement(te.tl.Frames()[i-1].Pos, te.tl.Frames()[i].Pos); mv > 1e-9 {
				t.Errorf("frame %s moved %.4f of the diameter at stability 1", te.tl.Frames()[i].At, mv)
			}
		}
	})
}

func TestStabilityDialog(t *testing.T) {
	t.Run("on OK, should store the value and lay out afresh, keeping the old picture meanwhile", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		release := make(chan struct{})
		var gotOld *layout.Timeline
		layOut := te.layOut
		te.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
			<-release
			gotOld = old
			return layOut(ctx, m, s, old, progress, preview)
		}
		overlays := te.win.Canvas().Overlays()
		te.stabilityDialog()
		if overlays.Top() == nil {
			t.Fatal("stabilityDialog showed no dialog")
		}
		s := slider(t, overlays.Top())
		if got := s.Value; got != layout.DefaultStability {
			t.Errorf("the slider starts at %v, want %v", got, layout.DefaultStability)
		}
		s.SetValue(1)
		test.Tap(button(t, overlays.Top(), "OK"))

		if got := te.status.Text; got != "Laying out…" {
			t.Errorf("status %q while laying out, want %q", got, "Laying out…")
		}
		if te.tl != before {
			t.Error("the picture changed before the new layout was ready")
		}
		close(release)
		te.waitLayout()

		if got := stability(); got != 1 {
			t.Errorf("stored stability %v, want 1", got)
		}
		if gotOld != nil {
			t.Error("after a change of stability the layout started from the old one, want afresh")
		}
		if got := te.status.Text; got != "" {
			t.Errorf("status %q after the layout, want it cleared", got)
		}
		if te.tl == before || te.tlStability != 1 {
			t.Fatalf("the layout on show was not replaced by one at stability 1 (at %v)", te.tlStability)
		}
		if mv := movement(te.tl); mv > 1e-9 {
			t.Errorf("actors move %.4f at stability 1, want 0", mv)
		}
	})

	t.Run("on Cancel, should change nothing", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		overlays := te.win.Canvas().Overlays()
		te.stabilityDialog()
		slider(t, overlays.Top()).SetValue(0.2)
		test.Tap(button(t, overlays.Top(), "Cancel"))
		te.waitLayout()
		if got := stability(); got != layout.DefaultStability {
			t.Errorf("stored stability %v, want %v", got, layout.DefaultStability)
		}
		if te.tl != before {
			t.Error("the layout was replaced")
		}
	})

	t.Run("with a value out of range, should refuse it and keep the setting", func(t *testing.T) {
		te := newTestEditor(t)
		if err := te.setStability(1.5); err == nil {
			t.Error("stability 1.5 accepted")
		}
		if got := stability(); got != layout.DefaultStability {
			t.Errorf("stability %v after a refused value, want %v", got, layout.DefaultStability)
		}
	})
}

func TestRelayout(t *testing.T) {
	t.Run("when a second request comes, should cancel the first and show the second", func(t *testing.T) {
		te := newTestEditor(t)
		layOut := te.layOut
		var firstCancelled, firstReturned bool
		te.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
			defer func() { firstReturned = true }()
			select {
			case <-ctx.Done():
				firstCancelled = true
				return nil, ctx.Err()
			case <-time.After(30 * time.Second):
				return layOut(ctx, m, s, old, progress, preview)
			}
		}
		te.relayout()
		var second *layout.Timeline
		te.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
			tl, err := layOut(ctx, m, s, old, progress, preview)
			second = tl
			return tl, err
		}
		te.relayout()
		te.waitLayout()

		if !firstReturned || !firstCancelled {
			t.Error("the first layout was not cancelled")
		}
		if second == nil || te.tl != second {
			t.Error("the second layout is not on show")
		}
		if got := te.status.Text; got != "" {
			t.Errorf("status %q, want it cleared (a cancelled layout says nothing)", got)
		}
	})

	t.Run("when the user cancels, should keep the last good picture and say so", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		started := make(chan struct{})
		te.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
			progress(1, 10)
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		te.relayout()
		<-started
		if !te.busy.Visible() {
			t.Error("no progress bar while laying out")
		}
		te.cancelRunningLayout()
		te.waitLayout()
		if te.tl != before {
			t.Error("the picture on show was replaced")
		}
		if te.busy.Visible() {
			t.Error("the progress bar stays after cancelling")
		}
		if got := te.status.Text; !strings.Contains(got, "cancelled") {
			t.Errorf("status %q, want it to say the layout was cancelled", got)
		}
	})

	t.Run("when the layout fails, should say why and keep the picture", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		te.layOut = func(context.Context, *model.Map, float64, *layout.Timeline, func(int, int), func(*layout.Timeline)) (*layout.Timeline, error) {
			return nil, errors.New("out of memory")
		}
		te.relayout()
		te.waitLayout()
		if got := te.status.Text; !strings.Contains(got, "out of memory") {
			t.Errorf("status %q, want the error", got)
		}
		if te.tl != before {
			t.Error("the layout on show was replaced")
		}
	})

	t.Run("when an edit changes nothing the layout depends on, should keep the picture on show", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		var gotOld *layout.Timeline
		adjust := te.adjust // after an edit, the picture is held still
		te.adjust = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
			gotOld = old
			return adjust(ctx, m, s, old, progress, preview)
		}
		tie, ok := te.doc.m.Tie(relationsTie)
		if !ok {
			t.Fatalf("no tie %d", relationsTie)
		}
		tie.Notes = "Notes changed by a test."
		if err := te.store.PutTie(context.Background(), &tie); err != nil {
			t.Fatal(err)
		}
		if err := te.reload(); err != nil {
			t.Fatal(err)
		}
		te.waitLayout()
		// The notes are not among what the layout depends on: the
		// layout made for the map as it is is the one on show, and is
		// kept rather than adjusted (see laidOut).
		if gotOld != nil {
			t.Error("the layout was adjusted, not reused")
		}
		samePositions(t, te.tl, before)
	})
}
