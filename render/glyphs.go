package render

import (
	"image"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// glyphFace is a font face that keeps the masks of the glyphs it has
// drawn, so that a glyph met again (the letters of a frame's labels, a
// legend drawn frame after frame) is copied rather than rasterised again.
// A glyph is kept for its pen position to a quarter pixel: positions are
// rounded to that. Like the faces it wraps, it is not safe to share
// between goroutines.
type glyphFace struct {
	font.Face
	kept map[glyphKey]keptGlyph
	used uint64 // the painter's frame that last used it
}

// glyphKey is a glyph and the quarter pixel its pen position falls on.
type glyphKey struct {
	r      rune
	fx, fy uint8
}

type keptGlyph struct {
	dr      image.Rectangle // relative to the whole pixel the pen is in
	mask    *image.Alpha    // dr's coverage, its bounds at dr.Min
	advance fixed.Int26_6
	ok      bool
}

// glyphsKept bounds a face's glyphs kept: beyond it, glyphs are drawn
// without being kept (a map written in thousands of scripts does not fill
// the memory).
const glyphsKept = 4096

func newGlyphFace(f font.Face) *glyphFace {
	return &glyphFace{Face: f, kept: map[glyphKey]keptGlyph{}}
}

// Glyph is font.Face's: the glyph's mask for the pen at dot.
func (f *glyphFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	// The pen's whole pixel, and its quarter within the pixel (rounded).
	q := fixed.Point26_6{X: (dot.X + 8) &^ 15, Y: (dot.Y + 8) &^ 15}
	whole := image.Pt(q.X.Floor(), q.Y.Floor())
	key := glyphKey{r, uint8(q.X & 63), uint8(q.Y & 63)}
	g, hit := f.kept[key]
	if !hit {
		frac := fixed.Point26_6{X: q.X & 63, Y: q.Y & 63}
		gdr, gmask, gmaskp, adv, gok := f.Face.Glyph(frac, r)
		g = keptGlyph{dr: gdr, advance: adv, ok: gok}
		if gok && !gdr.Empty() {
			g.mask = image.NewAlpha(gdr)
			draw.Draw(g.mask, gdr, gmask, gmaskp, draw.Src)
		}
		if len(f.kept) < glyphsKept {
			f.kept[key] = g
		}
	}
	if g.mask == nil {
		return g.dr.Add(whole), image.Transparent, image.Point{}, g.advance, g.ok
	}
	return g.dr.Add(whole), g.mask, g.dr.Min, g.advance, g.ok
}
