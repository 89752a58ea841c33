package layout_test

import (
	"math"
	"reflect"
	"testing"

	"relmap/assets"
	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// A pin that breaks model.CheckPoint (an old file, a map built without
// validation) must neither panic nor spread into other positions: the
// layout treats it as no pin.
func TestPinsOutsideTheBoundAreIgnored(t *testing.T) {
	t.Parallel()
	far := []struct {
		name string
		pin  model.Point
	}{
		{"when a pin is at 1e18, should lay out as without it", model.Point{X: 1e18, Y: 0}},
		{"when a pin is at -1e18 in y, should lay out as without it", model.Point{X: 0, Y: -1e18}},
		{"when a pin is at +Inf, should lay out as without it", model.Point{X: math.Inf(1), Y: 0}},
		{"when a pin is NaN, should lay out as without it", model.Point{X: math.NaN(), Y: 1}},
		{"when a pin is just past the bound, should lay out as without it", model.Point{X: model.MaxCoordinate * 1.5, Y: 0}},
	}
	base := defaultMap(t)
	opt := layout.Options{Box: boxes(t)}
	want := layout.Compute(base, opt).Frames()
	for _, tt := range far {
		t.Run(tt.name, func(t *testing.T) {
			m := *base
			m.Pins = map[model.ID]model.Point{m.Actors[0].ID: tt.pin}
			got := layout.Compute(&m, opt).Frames()
			for i, f := range got {
				for id, p := range f.Pos {
					if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
						t.Fatalf("keyframe %s: actor %d at %v, want a finite position", f.At, id, p)
					}
				}
				if !reflect.DeepEqual(f.Pos, want[i].Pos) {
					t.Errorf("keyframe %s: positions differ from the layout without the pin", f.At)
				}
			}
			if got, want := layout.Key(&m, opt), layout.Key(base, opt); got != want {
				t.Errorf("Key = %s, want %s (the key of the map without the pin)", got, want)
			}
		})
	}
}

func TestMapWithAFarPinRenders(t *testing.T) {
	t.Parallel()
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	m := defaultMap(t)
	m.Pins = map[model.ID]model.Point{m.Actors[0].ID: {X: 1e18, Y: math.Inf(-1)}}
	tl := layout.Compute(m, layout.Options{Box: r.ActorBox})
	keys := m.Keyframes()
	for _, f := range []render.Framing{render.FrameDate, render.FrameAll} {
		img := r.Still(m, tl, keys[len(keys)-1], f, 320, 240)
		if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 240 {
			t.Errorf("framing %v: image %v, want 320×240", f, b)
		}
	}
}
