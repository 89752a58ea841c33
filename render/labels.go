package render

import (
	"math"
	"slices"

	"relmap/layout"
)

// rect is an axis-aligned box in device pixels.
type rect struct{ x0, y0, x1, y1 float64 }

// overlap is the area that a and b share.
func (a rect) overlap(b rect) float64 {
	w := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
	h := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// edgeLabel is a tie's label placed on the picture: its text baseline
// starts at (x, y), and box is the white plate behind it.
type edgeLabel struct {
	e    *Edge
	text string
	x, y float64
	size float64
	box  rect
}

// labelStops are the places along a tie, as shares of its length, where
// its label may go, in order of preference: the middle first.
var labelStops = stops()

// stops are the shares of a tie's length where its label may go: from the
// middle outward, every 4% up to 10% from the ends.
func stops() []float64 {
	out := []float64{0.5}
	for d := 0.04; d <= 0.401; d += 0.04 {
		out = append(out, 0.5-d, 0.5+d)
	}
	return out
}

// placeEdgeLabels places the labels of the stressed ties. Each label goes
// to the first place where it covers no actor (shape or name) and no label
// placed before it: on its line at one of labelStops, else beside the line
// at one of them, on one side and then the other, at full size and then a
// little smaller. Where every place covers something, it goes where it
// covers least, labels counting double. A place that hides an arrowhead,
// or lies nearer another line than its own, is never taken: a label with
// no other place is left out of the picture.
func (r *Renderer) placeEdgeLabels(p *plan) []edgeLabel {
	s, v, w, h := p.s, p.v, p.w, p.h
	// The map's part of the picture, left of the legend.
	screen := rect{0, 0, float64(p.mapW), float64(h)}
	var nodeBoxes []rect // the actors on screen
	box := r.boxes(s)
	for _, i := range p.nodes {
		if n := &s.Nodes[i]; n.Alpha > 0.01 {
			if b := boxOnScreen(n, box[i], v, w, h); b.overlap(screen) > 0 {
				nodeBoxes = append(nodeBoxes, b)
			}
		}
	}
	var arrowBoxes []rect // arrowheads on screen: a label must not hide one
	for k := range p.edges {
		if a := p.edges[k].arrow; a != nil {
			if b := bounds(a); b.overlap(screen) > 0 {
				arrowBoxes = append(arrowBoxes, b)
			}
		}
	}
	// Each place tried looks at the boxes near it only.
	nodes, arrows := newBoxGrid(nodeBoxes, screen), newBoxGrid(arrowBoxes, screen)
	// With something stressed, its ties are the last planned (set aside
	// to be drawn over the rest); unless every tie is labelled, they are
	// the only ones labelled.
	stressedFrom, labelledFrom := len(p.edges), 0
	if p.near != nil {
		stressedFrom = p.liftedFrom()
		if !s.TieLabels {
			labelledFrom = stressedFrom
		}
	}
	// The lines a label must not lie nearer to than to its own: every tie
	// drawn or, on a crowded picture, the stressed ones.
	othersFrom := 0
	if len(p.edges) > crowdedLines {
		othersFrom = stressedFrom
	}
	var others []int
	for k := othersFrom; k < len(p.edges); k++ {
		others = append(others, k)
	}
	var out []edgeLabel
	for k := labelledFrom; k < len(p.edges); k++ {
		pe := &p.edges[k]
		e := pe.e
		if pe.idx < 0 || e.Alpha < 0.5 || !p.labelled(e) {
			continue // ghosts are not labelled
		}
		text := s.labelText(e, r.lang)
		if text == "" {
			continue
		}
		path := pe.full
		if len(path) < 2 {
			continue
		}
		best, bestCost := edgeLabel{}, math.Inf(1)
		full := math.Max(9, 11*v.Zoom)
	search:
		// Where no place is free at the full size, a smaller label may fit.
		for _, size := range []float64{full, math.Max(7, full*0.8)} {
			tw := r.textWidth(false, size, text)
			for _, side := range []float64{0, 1, -1} {
				for _, stop := range labelStops {
					at, n := alongPath(path, stop)
					// Beside the line: far enough along its normal to clear it.
					off := side * (math.Abs(n.X)*(tw/2+4) + math.Abs(n.Y)*size*0.75 + v.lineWidth()/2 + 2)
					cx, cy := at.X+off*n.X, at.Y+off*n.Y
					l := edgeLabel{e: e, text: text, x: cx - tw/2, y: cy + size*0.35, size: size,
						box: rect{cx - tw/2 - 4, cy - size*0.65, cx + tw/2 + 4, cy + size*0.65}}
					// A place that hides an arrowhead, or lies nearer
					// another line than its own, is refused.
					if arrows.any(l.box) || p.strays(others, k, pt{cx, cy}, path) {
						continue
					}
					var cost float64
					for _, b := range nodes.near(l.box) {
						cost += l.box.overlap(b)
					}
					for _, o := range out {
						cost += 2 * l.box.overlap(o.box)
					}
					if cost < bestCost {
						best, bestCost = l, cost
					}
					if cost == 0 {
						break search
					}
				}
			}
		}
		if bestCost < math.Inf(1) {
			out = append(out, best)
		} // else no place says it truly: the label stays in the tooltip and side panel
	}
	return out
}

// boxGrid holds boxes on the picture in a grid of cells, so that the
// boxes near a place are found without looking at every one.
type boxGrid struct {
	boxes []rect
	cells *cells
	seen  []uint32 // the query in which each box was last listed
	query uint32
	out   []int32
	found []rect // near's answer, good until it is asked again
}

// labelCell is the side of a boxGrid's cells, in pixels: about a label's
// height, a few actors across on a crowded picture.
const labelCell = 24

// newBoxGrid puts boxes in cells over area (boxes beyond it count in its
// edge cells).
func newBoxGrid(boxes []rect, area rect) *boxGrid {
	cols := max(1, int(math.Ceil((area.x1-area.x0)/labelCell)))
	rows := max(1, int(math.Ceil((area.y1-area.y0)/labelCell)))
	items := make([]int32, len(boxes))
	for i := range items {
		items[i] = int32(i)
	}
	c := newCells(area.x0, area.y0, labelCell, cols, rows, items, func(i int32) rect { return boxes[i] })
	return &boxGrid{boxes: boxes, cells: c, seen: make([]uint32, len(boxes))}
}

// near lists the boxes that may overlap r, each once, in the order they
// were given (so that sums over them come out as over all of them). The
// list is good until near is asked again.
func (g *boxGrid) near(r rect) []rect {
	g.query++
	g.out = g.out[:0]
	c0, r0 := g.cells.at(r.x0, r.y0)
	c1, r1 := g.cells.at(r.x1, r.y1)
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			for _, i := range g.cells.in(col, row) {
				if g.seen[i] != g.query {
					g.seen[i] = g.query
					g.out = append(g.out, i)
				}
			}
		}
	}
	slices.Sort(g.out)
	g.found = g.found[:0]
	for _, i := range g.out {
		g.found = append(g.found, g.boxes[i])
	}
	return g.found
}

// any reports whether r overlaps any of the boxes.
func (g *boxGrid) any(r rect) bool {
	for _, b := range g.near(r) {
		if r.overlap(b) > 0 {
			return true
		}
	}
	return false
}

// crowdedLines is the number of ties drawn above which a label is kept
// off the stressed lines only, not off every line.
const crowdedLines = 3000

// strays reports whether point c, on or beside the path of planned tie k,
// lies nearer one of the other lines than to that path.
func (p *plan) strays(others []int, k int, c pt, path []pt) bool {
	own := pathDistance(c, path)
	for _, o := range others {
		pe := &p.edges[o]
		if o == k || c.Y < pe.y0-own || c.Y > pe.y1+own {
			continue
		}
		if pathDistance(c, pe.path) < own {
			return true
		}
	}
	return false
}

// bounds is the box around pts.
func bounds(pts []pt) rect {
	b := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, q := range pts {
		b = rect{math.Min(b.x0, q.X), math.Min(b.y0, q.Y), math.Max(b.x1, q.X), math.Max(b.y1, q.Y)}
	}
	return b
}

// nodeRect is the box of an actor on the picture: its shape and its name.
func (r *Renderer) nodeRect(n *Node, v View, w, h int) rect {
	return boxOnScreen(n, r.boxSize(n.Label), v, w, h)
}

// boxOnScreen is nodeRect for an actor whose box (in layout units) is sz.
func boxOnScreen(n *Node, sz layout.Size, v View, w, h int) rect {
	x, y := v.ToScreen(n.X, n.Y, w, h)
	hw, hh := sz.W*v.Zoom/2, sz.H*v.Zoom/2
	return rect{x - hw, y - hh, x + hw, y + hh}
}

// alongPath is the point at share t of a polyline's length, and the unit
// normal of the line there.
func alongPath(path []pt, t float64) (at, normal pt) {
	var total float64
	for i := 1; i < len(path); i++ {
		total += math.Hypot(path[i].X-path[i-1].X, path[i].Y-path[i-1].Y)
	}
	left := t * total
	for i := 1; i < len(path); i++ {
		dx, dy := path[i].X-path[i-1].X, path[i].Y-path[i-1].Y
		seg := math.Hypot(dx, dy)
		if seg > 0 && (seg >= left || i == len(path)-1) {
			return lerp(path[i-1], path[i], math.Min(1, left/seg)), pt{-dy / seg, dx / seg}
		}
		left -= seg
	}
	return path[len(path)-1], pt{0, 1}
}

// drawEdgeLabel writes a placed label on its white plate, in its tie's
// colour.
func (r *Renderer) drawEdgeLabel(p surface, l edgeLabel, pal palette) {
	b := l.box
	p.fill(roundRect(b.x0, b.y0, b.x1, b.y1, 3), pal.tiePlate)
	p.text(false, l.size, l.x, l.y, l.text, parseColor(l.e.Kind.Color))
}

// pathDistance is the distance from c to the polyline path.
func pathDistance(c pt, path []pt) float64 {
	d := math.Inf(1)
	for k := 1; k < len(path); k++ {
		d = math.Min(d, segmentDistance(c, path[k-1], path[k]))
	}
	return d
}
