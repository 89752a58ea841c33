package render

import (
	"bytes"
	"image"
	"image/color"
	"math/rand"
	"testing"
)

// TestHairlineIsWalkShares: the fast walk of a hairline lying wholly in
// the image gives every pixel exactly what the general walk gives it, in
// a tile below the picture's top (so that row 0 lies before its pixels),
// steep and shallow, solid and dashed, opaque and translucent, up to 1.4
// pixels wide.
func TestHairlineIsWalkShares(t *testing.T) {
	whole := image.Rect(0, 0, 300, 400)
	tile := image.Rect(0, 128, 300, 256)
	fast, slow := image.NewRGBA(whole), image.NewRGBA(whole)
	pf := newPainter(fast.SubImage(tile).(*image.RGBA), nil)
	ps := newPainter(slow.SubImage(tile).(*image.RGBA), nil)
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 2000; n++ {
		a := pt{5 + rng.Float64()*290, 133 + rng.Float64()*118}
		b := pt{5 + rng.Float64()*290, 133 + rng.Float64()*118}
		w := 1 + 0.4*rng.Float64()
		c := color.NRGBA{uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(1 + rng.Intn(255))}
		dash := 0.0
		if n%3 == 0 {
			dash = 2 + 5*rng.Float64()
		}
		var wk walk
		if !wk.set(a, b, dash, 10*rng.Float64(), tile) {
			continue
		}
		hf := toFixed(w / 2 * wk.stepLen())
		if !pf.hairline(&wk, hf, c) {
			t.Fatalf("the hairline from %v to %v, %.2f wide, was not drawn fast, though in the tile", a, b, w)
		}
		ps.walkShares(&wk, w, c, true)
	}
	if !bytes.Equal(fast.Pix, slow.Pix) {
		for i := range fast.Pix {
			if fast.Pix[i] != slow.Pix[i] {
				t.Fatalf("pixel (%d, %d) differs: fast %v, general %v", i/4%300, i/4/300, fast.Pix[i/4*4:][:4], slow.Pix[i/4*4:][:4])
			}
		}
	}
	// A line reaching beyond the tile is left to the general walk.
	var wk walk
	wk.set(pt{10, 120}, pt{200, 200}, 0, 0, tile)
	if pf.hairline(&wk, toFixed(0.5*wk.stepLen()), color.NRGBA{A: 255}) {
		t.Error("a hairline reaching above the tile was drawn by the fast walk")
	}
}
