package render

import (
	"image/color"
	"math"

	"relmap/model"
)

// drawNode draws an actor's shape and label.
func (r *Renderer) drawNode(p *painter, n *Node, v View, w, h int, near map[model.ID]bool) {
	alpha := n.Alpha
	if near != nil && !near[n.ID] {
		alpha *= 0.4
	}
	if alpha <= 0.01 {
		return
	}
	c := r.shapeCentre(n, v, w, h)
	rad := shapeRadius * v.Zoom
	if n.Scale > 0 {
		rad *= n.Scale
	}
	// Cull what is wholly outside the picture.
	sz := r.boxSize(n.Label)
	if c.X+sz.W*v.Zoom < 0 || c.X-sz.W*v.Zoom > float64(w) || c.Y+sz.H*v.Zoom < 0 || c.Y-sz.H*v.Zoom > float64(h) {
		return
	}
	col := parseColor(n.Kind.Color)
	if n.Color != "" {
		col = parseColor(n.Color)
	}
	if n.Selected {
		p.fill(shapePolygon(n.Kind.Shape, c, rad+5*v.Zoom), fade(ink, alpha))
	}
	p.fill(shapePolygon(n.Kind.Shape, c, rad+2*v.Zoom), fade(white, alpha))
	p.fill(shapePolygon(n.Kind.Shape, c, rad), fade(col, alpha))
	if n.Kind.Shape == model.ShapePerson {
		p.fill(circle(pt{c.X, c.Y - 0.28*rad}, 0.3*rad), fade(white, alpha))
		p.fill(shoulders(c, rad), fade(white, alpha))
	}
	if n.Pinned {
		p.fill(circle(pt{c.X + 0.8*rad, c.Y - 0.8*rad}, math.Max(2, 3*v.Zoom)), fade(ink, alpha))
	}
	size := labelSize * v.Zoom
	if size < 5 {
		return
	}
	tw := r.textWidth(false, size, n.Label)
	top := c.Y + rad + labelGap*v.Zoom
	pad := labelPad * v.Zoom
	p.fill(roundRect(c.X-tw/2-pad, top, c.X+tw/2+pad, top+size+pad*1.5, 3*v.Zoom), fade(color.NRGBA{0xff, 0xff, 0xff, 0xd8}, alpha))
	weight := n.Selected
	r.drawText(p, weight, size, c.X-tw/2, top+size*0.95, n.Label, fade(ink, alpha))
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

// edgePath returns the polyline of an edge between two shape centres,
// bowed sideways by its lane, trimmed to the shapes' rims.
func edgePath(a, b pt, e *Edge, zoom float64) []pt {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l < 1e-6 {
		return nil
	}
	off := (float64(e.Lane) - float64(e.Lanes-1)/2) * laneSpacing * zoom
	// Keep the bow on the same side whichever way the tie points.
	if e.From > e.To {
		off = -off
	}
	var path []pt
	if off == 0 {
		path = []pt{a, b}
	} else {
		nx, ny := -dy/l, dx/l
		ctrl := pt{(a.X+b.X)/2 + 2*off*nx, (a.Y+b.Y)/2 + 2*off*ny}
		const steps = 20
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			u := 1 - t
			path = append(path, pt{u*u*a.X + 2*u*t*ctrl.X + t*t*b.X, u*u*a.Y + 2*u*t*ctrl.Y + t*t*b.Y})
		}
	}
	trim := (shapeRadius + 3) * zoom
	path = trimStart(path, trim)
	reverse(path)
	path = trimStart(path, trim)
	reverse(path)
	return path
}

// trimStart cuts length d off the start of a polyline.
func trimStart(path []pt, d float64) []pt {
	for len(path) >= 2 {
		seg := math.Hypot(path[1].X-path[0].X, path[1].Y-path[0].Y)
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

// drawEdge draws a tie as a line styled by its kind, with an arrow head
// when it is directed.
func (r *Renderer) drawEdge(p *painter, s *Scene, e *Edge, byID map[model.ID]*Node, v View, w, h int, near map[model.ID]bool) {
	na, nb := byID[e.From], byID[e.To]
	if na == nil || nb == nil {
		return
	}
	alpha := e.Alpha * math.Min(na.Alpha, nb.Alpha)
	if near != nil && !s.stressed(e) {
		alpha *= 0.3
	}
	if alpha <= 0.01 {
		return
	}
	a, b := r.shapeCentre(na, v, w, h), r.shapeCentre(nb, v, w, h)
	if math.Max(a.X, b.X) < 0 || math.Min(a.X, b.X) > float64(w) || math.Max(a.Y, b.Y) < 0 || math.Min(a.Y, b.Y) > float64(h) {
		return
	}
	path := edgePath(a, b, e, v.Zoom)
	if len(path) < 2 {
		return
	}
	col := fade(parseColor(e.Kind.Color), alpha)
	width := v.lineWidth()
	dash := 0.0
	if e.Kind.Dashed {
		dash = math.Max(3, 7*v.Zoom)
	}
	if e.Directed {
		size := math.Max(5, arrowSize*v.Zoom)
		end, before := path[len(path)-1], path[len(path)-2]
		dx, dy := end.X-before.X, end.Y-before.Y
		l := math.Hypot(dx, dy)
		if l > 0 {
			ux, uy := dx/l, dy/l
			base := pt{end.X - ux*size, end.Y - uy*size}
			p.fill([]pt{end, {base.X - uy*size*0.5, base.Y + ux*size*0.5}, {base.X + uy*size*0.5, base.Y - ux*size*0.5}}, col)
			path[len(path)-1] = pt{end.X - ux*size*0.8, end.Y - uy*size*0.8}
		}
	}
	p.stroke(path, width, col, dash)
}
