package ui

import (
	"math"
	"testing"

	"relmap/model"
)

func TestPinningKeepsPositionsInsideTheDrawingArea(t *testing.T) {
	t.Run("when an actor is dragged past the edge, should pin it on the edge and lay out", func(t *testing.T) {
		te := newTestEditor(t)
		id := actorID(t, te.doc.m, "Mexico")
		te.pin(id, model.Point{X: 1e18, Y: math.Inf(-1)})
		te.waitLayout()
		if top := te.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("a dialog is open, want none")
		}
		want := model.Point{X: model.MaxCoordinate, Y: -model.MaxCoordinate}
		if got := te.stored(t).Pins[id]; got != want {
			t.Errorf("stored pin %v, want %v", got, want)
		}
		for _, f := range te.tl.Frames() {
			if got, ok := f.Pos[id]; ok && got != want {
				t.Errorf("frame %s: the actor is at %v, want its pin %v", f.At, got, want)
			}
		}
	})

	t.Run("when a position is not a number, should say so and pin nothing", func(t *testing.T) {
		te := newTestEditor(t)
		id := actorID(t, te.doc.m, "Mexico")
		before := te.stored(t).Pins
		te.pin(id, model.Point{X: math.NaN(), Y: 0})
		te.waitLayout()
		if te.win.Canvas().Overlays().Top() == nil {
			t.Error("no error dialog")
		}
		if got := te.stored(t).Pins; len(got) != len(before) {
			t.Errorf("pins %v, want %v", got, before)
		}
	})
}
