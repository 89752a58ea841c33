package ui

import (
	"testing"

	"relmap/layout"
)

func TestStabilitySetting(t *testing.T) {
	t.Run("when nothing is stored, should use the default", func(t *testing.T) {
		newTestEditor(t)
		if got, want := stability(), layout.DefaultStability; got != want {
			t.Errorf("stability %v, want %v", got, want)
		}
	})
	t.Run("when set to 1, should lay the map out again so that nothing placed moves", func(t *testing.T) {
		te := newTestEditor(t)
		before := te.tl
		if err := te.setStability(1); err != nil {
			t.Fatal(err)
		}
		te.waitLayout()
		if te.tl == before {
			t.Fatal("the layout was not replaced")
		}
		if got := stability(); got != 1 {
			t.Errorf("stored stability %v, want 1", got)
		}
		for i := 1; i < len(te.tl.Frames); i++ {
			if mv := layout.Movement(te.tl.Frames[i-1].Pos, te.tl.Frames[i].Pos); mv > 1e-9 {
				t.Errorf("frame %s moved %.4f of the diameter at stability 1", te.tl.Frames[i].At, mv)
			}
		}
	})
	t.Run("when out of range, should refuse it and keep the setting", func(t *testing.T) {
		te := newTestEditor(t)
		if err := te.setStability(1.5); err == nil {
			t.Error("stability 1.5 accepted")
		}
		if got := stability(); got != layout.DefaultStability {
			t.Errorf("stability %v after a refused value, want %v", got, layout.DefaultStability)
		}
	})
}

func TestNewestLayoutWins(t *testing.T) {
	te := newTestEditor(t)
	// Two requests in a row: the first is cancelled, the second shown.
	te.relayout(nil)
	first := te.layoutGen
	te.relayout(nil)
	te.waitLayout()
	if te.layoutGen != first+1 {
		t.Fatalf("layoutGen %d, want %d", te.layoutGen, first+1)
	}
	if te.status.Text != "" {
		t.Errorf("status %q after the newest layout, want it cleared", te.status.Text)
	}
	if len(te.tl.Frames) != len(te.m.Keyframes())+1 {
		t.Errorf("%d frames on show, want %d", len(te.tl.Frames), len(te.m.Keyframes())+1)
	}
}
