package render

import (
	"math"

	"relmap/model"
)

// drawNode draws actor i of the plan: its shape and label, or a dot.
func (r *Renderer) drawNode(pa surface, p *plan, i int) {
	n := &p.s.Nodes[i]
	pal := p.pal
	ink := pal.ink
	alpha := p.nodeAlpha(i)
	v := p.v
	c := p.centre[i]
	rad := p.rad
	if n.Scale > 0 {
		rad *= n.Scale
	}
	col := parseColor(n.Kind.Color)
	if n.Color != "" {
		col = parseColor(n.Color)
	}
	if v.AsDot(n.Scale) {
		dot := p.dotRad(i)
		if n.Selected {
			pa.dot(c, dot+2, fade(ink, alpha))
		}
		pa.dot(c, dot, fade(col, alpha))
		return
	}
	if n.Selected {
		pa.fill(shapePolygon(n.Kind.Shape, c, rad+5*v.Zoom), fade(ink, alpha))
	}
	pa.fill(shapePolygon(n.Kind.Shape, c, rad+2*v.Zoom), fade(pal.ring, alpha))
	pa.fill(shapePolygon(n.Kind.Shape, c, rad), fade(col, alpha))
	if n.Kind.Shape == model.ShapePerson {
		pa.fill(circle(pt{c.X, c.Y - 0.28*rad}, 0.3*rad), fade(white, alpha))
		pa.fill(shoulders(c, rad), fade(white, alpha))
	}
	if n.Pinned {
		pa.fill(circle(pt{c.X + 0.8*rad, c.Y - 0.8*rad}, math.Max(2, 3*v.Zoom)), fade(ink, alpha))
	}
	if p.size == 0 || p.unlabelled != nil && p.unlabelled[i] {
		return
	}
	size := p.size
	tw := pa.textWidth(false, size, n.Label)
	b := p.labelBox(i, tw)
	pa.fill(roundRect(b.x0, b.y0, b.x1, b.y1, 3*v.Zoom), fade(pal.plate, alpha))
	pa.text(n.Selected, size, c.X-tw/2, b.y0+size*0.95, n.Label, fade(ink, alpha))
}

// dotRad is the radius of actor i's dot, when it is drawn as one: the
// smallest dot, or its shape's usual radius when that is larger, times
// its size (Node.Scale), so that actors sized by a measure show it on a
// whole big map, where every actor is a dot.
func (p *plan) dotRad(i int) float64 {
	rad := math.Max(p.rad, dotRadius)
	if n := &p.s.Nodes[i]; n.Scale > 0 {
		rad *= n.Scale
	}
	return rad
}

// shapePolygon returns the outline of an actor shape of radius rad at c.
func shapePolygon(shape string, c pt, rad float64) []pt {
	switch shape {
	case model.ShapeSquare:
		s := rad * 0.9
		return roundRect(c.X-s, c.Y-s, c.X+s, c.Y+s, rad*0.25)
	case model.ShapeDiamond:
		s := rad * 1.2
		return []pt{{c.X, c.Y - s}, {c.X + s, c.Y}, {c.X, c.Y + s}, {c.X - s, c.Y}}
	case model.ShapeHexagon:
		out := make([]pt, 6)
		for i := range out {
			a := math.Pi/6 + float64(i)*math.Pi/3
			out[i] = pt{c.X + rad*math.Cos(a), c.Y + rad*math.Sin(a)}
		}
		return out
	}
	return circle(c, rad)
}

// shoulders is the body of the person glyph.
func shoulders(c pt, rad float64) []pt {
	var out []pt
	cy := c.Y + 0.62*rad
	for i := 0; i <= 12; i++ {
		a := math.Pi + float64(i)*math.Pi/12
		out = append(out, pt{c.X + 0.55*rad*math.Cos(a), cy + 0.5*rad*math.Sin(a)})
	}
	return out
}

// edgePath returns the polyline of an edge between the shape centres a
// and b, bowed sideways by its lane, trimmed to the shapes' rims: ra and rb
// are the shapes' sizes as Node.Scale gives them (0 means 1). The path is
// appended to buf (see bowedPath).
func edgePath(buf []pt, a, b pt, e *Edge, zoom, ra, rb float64, fine bool) (grown, path []pt) {
	off := (float64(e.Lane) - float64(e.Lanes-1)/2) * laneSpacing * zoom
	// Keep the bow on the same side whichever way the tie points.
	if e.From > e.To {
		off = -off
	}
	return bowedPath(buf, a, b, off, rim(ra)*zoom, rim(rb)*zoom, fine)
}

// bowSteps is the most straight pieces a bowed tie is drawn with, and
// pixelsPerBow the length on screen each piece stands for below that.
const (
	bowSteps     = 20
	pixelsPerBow = 8
)

// bowedPath is the line from a to b bowed sideways by off pixels at its
// middle (a quadratic curve; straight for 0), its ends trimmed by trimA and
// trimB pixels (to the rims of the shapes there); nil when nothing is left. It is appended to buf,
// which is returned grown (a frame's paths share one array that way;
// buf may be nil).
//
// With fine false (pixels) a bow under half a pixel is drawn straight, as
// it could not be seen, and a slight bow with fewer pieces; with fine set
// (a vector picture, which may be enlarged) only a bow under a quarter
// pixel is.
func bowedPath(buf []pt, a, b pt, off, trimA, trimB float64, fine bool) (grown, path []pt) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Sqrt(dx*dx + dy*dy)
	if l < 1e-6 {
		return buf, nil
	}
	n := len(buf)
	straight := 0.5
	if fine {
		straight = 0.25
	}
	if math.Abs(off) < straight {
		// Straight: trimmed directly.
		if trimA+trimB >= l {
			return buf, nil
		}
		ux, uy := dx/l, dy/l
		buf = append(buf, pt{a.X + ux*trimA, a.Y + uy*trimA}, pt{b.X - ux*trimB, b.Y - uy*trimB})
		return buf, buf[n:len(buf):len(buf)]
	}
	nx, ny := -dy/l, dx/l
	ctrl := pt{(a.X+b.X)/2 + 2*off*nx, (a.Y+b.Y)/2 + 2*off*ny}
	// A short tie on screen needs fewer pieces: one every pixelsPerBow
	// pixels, from four to bowSteps. A slight bow needs fewer still: n
	// pieces stray from the curve by about |off|/n² pixels, kept under
	// a tenth of a pixel.
	steps := min(bowSteps, max(4, int(l/pixelsPerBow)))
	if slight := int(math.Ceil(math.Sqrt(math.Abs(off) / 0.1))); slight < 4 && !fine {
		steps = min(steps, max(2, slight))
	}
	for i := 0; i <= steps; i++ {
		t := float64(i) / float64(steps)
		u := 1 - t
		buf = append(buf, pt{u*u*a.X + 2*u*t*ctrl.X + t*t*b.X, u*u*a.Y + 2*u*t*ctrl.Y + t*t*b.Y})
	}
	path = trimStart(buf[n:len(buf):len(buf)], trimA)
	reverse(path)
	path = trimStart(path, trimB)
	reverse(path)
	return buf, path
}

// rim is how far from an actor's centre, in layout units, a tie to it
// stops: its shape's radius at size scale (0 means 1) and a gap.
func rim(scale float64) float64 {
	if scale <= 0 {
		scale = 1
	}
	return shapeRadius*scale + 3
}

// trimStart cuts length d off the start of a polyline.
func trimStart(path []pt, d float64) []pt {
	for len(path) >= 2 {
		seg := dist(path[0], path[1])
		if seg > d {
			path[0] = lerp(path[0], path[1], d/seg)
			return path
		}
		d -= seg
		path = path[1:]
	}
	return nil
}

func reverse(p []pt) {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}
