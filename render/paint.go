package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// pt is a point in device pixels.
type pt struct{ X, Y float64 }

// painter fills anti-aliased polygons into an RGBA image, each through a
// rasterizer the size of the polygon's clipped bounding box.
type painter struct {
	dst *image.RGBA
	z   vector.Rasterizer
	src image.Uniform
}

func newPainter(dst *image.RGBA) *painter {
	p := &painter{dst: dst}
	p.z.DrawOp = draw.Over
	return p
}

// fill fills the polygon pts with c.
func (p *painter) fill(pts []pt, c color.NRGBA) {
	if len(pts) < 3 || c.A == 0 {
		return
	}
	minX, minY, maxX, maxY := pts[0].X, pts[0].Y, pts[0].X, pts[0].Y
	for _, q := range pts[1:] {
		minX, maxX = math.Min(minX, q.X), math.Max(maxX, q.X)
		minY, maxY = math.Min(minY, q.Y), math.Max(maxY, q.Y)
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	r = r.Intersect(p.dst.Bounds())
	if r.Empty() {
		return
	}
	p.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	p.z.MoveTo(float32(pts[0].X)-ox, float32(pts[0].Y)-oy)
	for _, q := range pts[1:] {
		p.z.LineTo(float32(q.X)-ox, float32(q.Y)-oy)
	}
	p.z.ClosePath()
	p.src.C = c
	p.z.Draw(p.dst, r, &p.src, image.Point{})
}

// circle returns a polygon approximating a circle.
func circle(c pt, r float64) []pt {
	n := 12 + int(r)
	if n > 64 {
		n = 64
	}
	out := make([]pt, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = pt{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)}
	}
	return out
}

// roundRect returns a polygon for a rectangle with rounded corners.
func roundRect(x0, y0, x1, y1, r float64) []pt {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	var out []pt
	corner := func(cx, cy, start float64) {
		for i := 0; i <= 4; i++ {
			a := start + float64(i)*math.Pi/8
			out = append(out, pt{cx + r*math.Cos(a), cy + r*math.Sin(a)})
		}
	}
	corner(x1-r, y1-r, 0)
	corner(x0+r, y1-r, math.Pi/2)
	corner(x0+r, y0+r, math.Pi)
	corner(x1-r, y0+r, 3*math.Pi/2)
	return out
}

// segmentPiece is the longest piece of a stroked segment that is filled
// through one rasterizer, which keeps long lines from clearing large
// buffers.
const segmentPiece = 96

// stroke draws the polyline pts with width w; dash, when positive, is the
// length of dashes and gaps.
func (p *painter) stroke(pts []pt, w float64, c color.NRGBA, dash float64) {
	if len(pts) < 2 || c.A == 0 {
		return
	}
	var along float64 // distance walked, for the dash pattern
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		length := math.Hypot(b.X-a.X, b.Y-a.Y)
		if length == 0 {
			continue
		}
		step := float64(segmentPiece)
		if dash > 0 {
			step = dash
		}
		for s := 0.0; s < length; s += step {
			e := math.Min(s+step, length)
			if dash > 0 && int(math.Floor((along+s)/dash))%2 == 1 {
				continue
			}
			// Overlap pieces slightly so seams do not show.
			e2 := e
			if dash == 0 && e < length {
				e2 = math.Min(e+0.5, length)
			}
			p.quad(lerp(a, b, s/length), lerp(a, b, e2/length), w, c)
		}
		along += length
	}
}

// quad fills the rectangle of width w around the segment a-b.
func (p *painter) quad(a, b pt, w float64, c color.NRGBA) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	p.fill([]pt{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}}, c)
}

func lerp(a, b pt, t float64) pt { return pt{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }

// fade returns c with its alpha multiplied by alpha.
func fade(c color.NRGBA, alpha float64) color.NRGBA {
	c.A = uint8(math.Round(float64(c.A) * math.Max(0, math.Min(1, alpha))))
	return c
}

// parseColor reads "#rrggbb"; anything else is a neutral grey.
func parseColor(s string) color.NRGBA {
	c := color.NRGBA{0x75, 0x75, 0x75, 0xff}
	if len(s) != 7 || s[0] != '#' {
		return c
	}
	var v [3]uint8
	for i := 0; i < 3; i++ {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return c
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{v[0], v[1], v[2], 0xff}
}

func hexDigit(b byte) (uint8, bool) {
	switch {
	case b >= '0' && b <= '9':
		return b - '0', true
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10, true
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}
