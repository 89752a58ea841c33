package render

import (
	"image/color"
	"math"
	"slices"

	"relmap/layout"
)

// rect is an axis-aligned box in device pixels.
type rect struct{ x0, y0, x1, y1 float64 }

// within reports whether a lies wholly in b.
func (a rect) within(b rect) bool {
	return a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1
}

// overlap is the area that a and b share.
func (a rect) overlap(b rect) float64 {
	w := minf(a.x1, b.x1) - maxf(a.x0, b.x0)
	h := minf(a.y1, b.y1) - maxf(a.y0, b.y0)
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
	// marks are the numbers of the footer's sources that support the
	// tie, written small after the text, on its plate ("" for none).
	marks string
	// col is the text's colour: the tie's kind's, or, for a tie an
	// emphasis colours (what began, in a comparison), the emphasis's.
	col color.NRGBA
}

// markShare is the size of a label's marks, as a share of its text's,
// and markGap the room before them, as a share of the text's size.
const (
	markShare = 0.75
	markGap   = 0.25
)

// tieLabelWidth is how wide a tie's label, text and marks, is written at size.
func (r *Renderer) tieLabelWidth(text, marks string, size float64) float64 {
	w := r.textWidth(false, size, text)
	if marks != "" {
		w += markGap*size + r.textWidth(false, markShare*size, marks)
	}
	return w
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
// covers least; but never over a label placed before it or an actor's name
// (text over text reads as neither), and where more than crowdedLabels
// ties are labelled (a comparison of dates on a big map), one that covers
// something is left out, as they would bury each other. A place that hides
// an arrowhead, lies nearer another line than its own, or is not wholly in
// the map's part of the picture, is never taken: a label with no other
// place is left out of the picture. It returns the
// labels placed and how many were left out.
func (r *Renderer) placeEdgeLabels(p *plan) (labels []edgeLabel, leftOut int) {
	s, v, w, h := p.s, p.v, p.w, p.h
	// The map's part of the picture, left of the legend and under the
	// header's strip: a label there lay over the date and events (a
	// panel's heading, under a label of a kind always labelled), or under
	// the header's bands.
	_, top, _, _ := plot(w, h, v)
	screen := rect{0, top, float64(p.mapW), float64(h)}
	// The actors on screen.
	var nodeBoxes []rect
	var ringed rect // the selected actor drawn as a ringed dot: no label of its ties lies over it
	box := r.boxes(s)
	for _, i := range p.nodes {
		if n := &s.Nodes[i]; n.Alpha > 0.01 {
			b := boxOnScreen(n, box[i], v, w, h)
			if n.Selected && v.AsDot(n.Scale) {
				// Drawn as a dot ringed, larger than its box at this
				// zoom: its own ties' labels lay over it.
				c, d := p.centre[i], p.dotRad(int(i))+2
				b = rect{min(b.x0, c.X-d), min(b.y0, c.Y-d), max(b.x1, c.X+d), max(b.y1, c.Y+d)}
				ringed = b
			}
			if b.overlap(screen) > 0 {
				nodeBoxes = append(nodeBoxes, b)
				if s.Sources != nil && len(n.Marks) > 0 {
					nodeBoxes = append(nodeBoxes, r.nodeMarkBox(p, i))
				}
			}
		}
	}
	var arrowBoxes []rect // arrowheads on screen: a label must not hide one
	for k := range p.edges {
		if a := p.edges[k].arrow; a != nil {
			if b := bounds(a[:]); b.overlap(screen) > 0 {
				arrowBoxes = append(arrowBoxes, b)
			}
		}
	}
	// Each place tried looks at the boxes near it only. names are the
	// actors' names drawn at a readable size: a tie's label over one is
	// text over text, and reads as neither.
	nodes, arrows, names := newBoxGrid(nodeBoxes, screen), newBoxGrid(arrowBoxes, screen), newBoxGrid(p.names, screen)
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
	others := newBoxGrid(nil, screen) // numbered from othersFrom
	for k := othersFrom; k < len(p.edges); k++ {
		pe := &p.edges[k]
		b := bounds(pe.path)
		others.addPath(rect{b.x0, pe.y0, b.x1, pe.y1}, pe.path)
	}
	// The labels placed, as out, and the names kept readable where the
	// actors are too small to show theirs (see keepLabels), drawn over
	// the map: a tie's label covers neither.
	placed := newBoxGrid(nil, screen)
	for _, k := range p.kept {
		placed.add(k.box)
	}
	// Where each of labelStops is on the tie being labelled, and its
	// normal there.
	stopAt, stopNormal := make([]pt, len(labelStops)), make([]pt, len(labelStops))
	var segs []float64 // the tie's segments' lengths
	// The width of each label at each size, measured once: on a crowded
	// picture many ties have the same (their kind's name).
	type sized struct {
		text, marks string
		size        float64
	}
	widths := map[sized]float64{}
	// On a crowded picture only a place that covers nothing is taken (see
	// crowdedLabels): the first such place found will do.
	crowded := len(p.edges)-labelledFrom > crowdedLabels
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
		var marks string
		if s.Sources != nil && len(e.Marks) > 0 {
			marks = markText(e.Marks)
		}
		col := parseColor(e.Kind.Color)
		if s.Emphasis != nil && s.Emphasis.Color != "" && s.Emphasis.Ties[e.ID] {
			col = p.emphasis
		}
		if pe.full == nil || len(*pe.full) < 2 {
			continue
		}
		path := *pe.full
		best, bestCost := edgeLabel{}, math.Inf(1)
		full := math.Max(9*v.UIScale, 11*v.Zoom) // never less than readable, on screen or paper
		segs = pathSegments(path, segs[:0])
		for i, stop := range labelStops {
			stopAt[i], stopNormal[i] = alongSegments(path, segs, stop)
		}
		// each calls try with each place of the label in the map's part
		// of the picture, in the order they are tried, until it returns
		// true. Where no place is free at the full size, a smaller label
		// may fit.
		each := func(try func(l edgeLabel, at pt) bool) {
			for _, size := range []float64{full, math.Max(7*v.UIScale, full*0.8)} {
				tw, ok := widths[sized{text, marks, size}]
				if !ok {
					tw = r.tieLabelWidth(text, marks, size)
					widths[sized{text, marks, size}] = tw
				}
				for _, side := range []float64{0, 1, -1} {
					for i := range labelStops {
						at, n := stopAt[i], stopNormal[i]
						// Beside the line: far enough along its normal to clear it.
						off := side * (math.Abs(n.X)*(tw/2+4) + math.Abs(n.Y)*size*0.75 + v.lineWidth()/2 + 2)
						cx, cy := at.X+off*n.X, at.Y+off*n.Y
						l := edgeLabel{e: e, text: text, marks: marks, col: col, x: cx - tw/2, y: cy + size*0.35, size: size,
							box: rect{cx - tw/2 - 4, cy - size*0.65, cx + tw/2 + 4, cy + size*0.65}}
						// A place not wholly in the map's part of the
						// picture would cut the label at its edge or at
						// the legend's.
						if l.box.within(screen) && try(l, pt{cx, cy}) {
							return
						}
					}
				}
			}
		}
		each(func(l edgeLabel, c pt) bool {
			// A place that hides an arrowhead, or lies nearer another
			// line than its own, is refused. Until a place is found that
			// is not, that is looked at first; after, only for a place
			// that costs less.
			refused := func() bool {
				return arrows.any(l.box) || p.strays(others, othersFrom, k, c, path)
			}
			if crowded {
				if nodes.any(l.box) || placed.any(l.box) || refused() {
					return false
				}
				best, bestCost = l, 0
				return true
			}
			// Nor is one over a label placed before, or over an actor's
			// name: text over text reads as neither.
			if placed.any(l.box) || names.any(l.box) || l.box.overlap(ringed) > 0 {
				return false
			}
			found := bestCost < math.Inf(1)
			if !found && refused() {
				return false
			}
			nodeCost := nodes.cost(l.box, bestCost)
			if nodeCost >= bestCost || found && refused() {
				return false
			}
			best, bestCost = l, nodeCost
			return nodeCost == 0
		})
		// A tie stressed on its own (one selected), or, on a picture not
		// crowded, of a kind whose label is always drawn, is labelled
		// wherever its label covers least of the actors, their names and
		// the arrowheads, over no label placed before: it is what was
		// asked for. In a crowd every place covered something, or lay
		// nearer another line than its own (a short tie beside a
		// country's many), and it was not.
		alone := s.Emphasis != nil && len(s.Emphasis.Ties) == 1 && s.Emphasis.Ties[e.ID]
		if bestCost == math.Inf(1) && (alone || !crowded && e.Kind.Labelled && !p.s.TieLabels) {
			each(func(l edgeLabel, _ pt) bool {
				if placed.any(l.box) {
					return false
				}
				if c := nodes.cost(l.box, bestCost) + names.cost(l.box, bestCost) + arrows.cost(l.box, bestCost); c < bestCost {
					best, bestCost = l, c
				}
				return bestCost == 0
			})
		}
		if bestCost < math.Inf(1) {
			out = append(out, best)
			placed.add(best.box)
		} else {
			leftOut++ // no place says it truly: the label stays in the tooltip and side panel
		}
	}
	return out, leftOut
}

// TieLabelsLeftOut is how many of the labels s asks for, seen through v
// at w×h, find no place in the picture (see placeEdgeLabels): they are
// left out, and stay in the tooltip and the side panel.
func (r *Renderer) TieLabelsLeftOut(s *Scene, v View, w, h int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.planVector(s, fixView(v), max(w, 1), max(h, 1)).labelsLeftOut
}

// boxGrid holds boxes on the picture in a grid of cells, so that the
// boxes near a place are found without looking at every one. Boxes may be
// added at any time; those beyond the grid's area count in its edge
// cells, and those over many cells are kept apart and listed every time.
type boxGrid struct {
	x0, y0     float64
	cols, rows int
	cell       [][]int32 // row by row, the boxes reaching each cell
	wide       []int32   // boxes over more than wideCells cells
	boxes      []rect
	seen       []uint32 // the query in which each box was last visited
	query      uint32
}

// crowdedLabels is the most ties labelled on a picture whose labels may
// cover something where nothing is free (see placeEdgeLabels).
const crowdedLabels = 200

const (
	// labelCell is the side of a boxGrid's cells, in pixels: about a
	// label's height, a few actors across on a crowded picture.
	labelCell = 24
	// wideCells is the most cells a box is listed in; a wider one (a
	// long line's) is listed apart.
	wideCells = 256
)

// newBoxGrid makes an empty grid over area and adds boxes to it.
func newBoxGrid(boxes []rect, area rect) *boxGrid {
	g := &boxGrid{x0: area.x0, y0: area.y0,
		cols: max(1, int(math.Ceil((area.x1-area.x0)/labelCell))),
		rows: max(1, int(math.Ceil((area.y1-area.y0)/labelCell)))}
	g.cell = make([][]int32, g.cols*g.rows)
	for _, b := range boxes {
		g.add(b)
	}
	return g
}

// cellsOf is the range of cells r reaches, clamped to the grid.
func (g *boxGrid) cellsOf(r rect) (c0, r0, c1, r1 int) {
	// A place before the grid's start, where rounding toward 0 is not
	// rounding down, is clamped to its first cell all the same.
	at := func(v, from float64, n int) int { return min(max(int((v-from)/labelCell), 0), n-1) }
	return at(r.x0, g.x0, g.cols), at(r.y0, g.y0, g.rows), at(r.x1, g.x0, g.cols), at(r.y1, g.y0, g.rows)
}

// add puts box b in the grid, numbered after those before it.
func (g *boxGrid) add(b rect) {
	i := int32(len(g.boxes))
	g.boxes = append(g.boxes, b)
	g.seen = append(g.seen, 0)
	c0, r0, c1, r1 := g.cellsOf(b)
	if (c1-c0+1)*(r1-r0+1) > wideCells {
		g.wide = append(g.wide, i)
		return
	}
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			g.cell[row*g.cols+col] = append(g.cell[row*g.cols+col], i)
		}
	}
}

// addPath puts a line with box b in the grid, numbered after those before
// it: in the cells its path runs through (those beyond the grid's area
// counting in its edge cells), however long it is. A place nearer to the
// line than some distance is then among those visit finds within that
// distance of the place.
func (g *boxGrid) addPath(b rect, path []pt) {
	i := int32(len(g.boxes))
	g.boxes = append(g.boxes, b)
	g.seen = append(g.seen, 0)
	for k := 1; k < len(path); k++ {
		g.walk(path[k-1], path[k], func(cell int) {
			// A line's cells are filled one line at a time: it is
			// already listed in a cell when it is the cell's last.
			if l := g.cell[cell]; len(l) == 0 || l[len(l)-1] != i {
				g.cell[cell] = append(l, i)
			}
		})
	}
}

// walk calls f on every cell the segment a-b runs through, with the parts
// beyond the grid's area laid onto its edge: the segment is cut where it
// crosses the edge's lines, and each piece, clamped to the area, is
// straight.
func (g *boxGrid) walk(a, b pt, f func(cell int)) {
	x1, y1 := g.x0+float64(g.cols)*labelCell, g.y0+float64(g.rows)*labelCell
	var room [6]float64
	cuts := append(room[:0], 0, 1)
	for _, c := range [][3]float64{{a.X, b.X, g.x0}, {a.X, b.X, x1}, {a.Y, b.Y, g.y0}, {a.Y, b.Y, y1}} {
		if from, to, at := c[0], c[1], c[2]; from != to {
			if t := (at - from) / (to - from); t > 0 && t < 1 {
				cuts = append(cuts, t)
			}
		}
	}
	slices.Sort(cuts)
	clamp := func(q pt) pt { return pt{min(max(q.X, g.x0), x1), min(max(q.Y, g.y0), y1)} }
	for k := 1; k < len(cuts); k++ {
		g.walkInside(clamp(lerp(a, b, cuts[k-1])), clamp(lerp(a, b, cuts[k])), f)
	}
}

// walkInside is walk for a segment within the grid's area: it steps from
// cell to cell across whichever cell side the segment reaches first.
func (g *boxGrid) walkInside(a, b pt, f func(cell int)) {
	col, row, _, _ := g.cellsOf(rect{a.X, a.Y, a.X, a.Y})
	endCol, endRow, _, _ := g.cellsOf(rect{b.X, b.Y, b.X, b.Y})
	// For each axis: the step between cells, how far along the segment
	// (0 to 1) the next cell side is, and how far one cell is.
	axis := func(from, to, origin float64, cell int) (step int, next, across float64) {
		d := to - from
		switch {
		case d > 0:
			return 1, (origin + float64(cell+1)*labelCell - from) / d, labelCell / d
		case d < 0:
			return -1, (origin + float64(cell)*labelCell - from) / d, -labelCell / d
		}
		return 0, math.Inf(1), math.Inf(1)
	}
	stepX, nextX, acrossX := axis(a.X, b.X, g.x0, col)
	stepY, nextY, acrossY := axis(a.Y, b.Y, g.y0, row)
	// Each step moves one cell toward the end cell, on the axis whose
	// side comes first (never past the end cell's row or column).
	for range abs(endCol-col) + abs(endRow-row) + 1 {
		f(row*g.cols + col)
		if col == endCol && row == endRow {
			return
		}
		if (nextX < nextY || row == endRow) && col != endCol {
			col, nextX = col+stepX, nextX+acrossX
		} else {
			row, nextY = row+stepY, nextY+acrossY
		}
	}
}

// abs is |n|.
func abs(n int) int { return max(n, -n) }

// visit calls f on the boxes that may overlap r, each once, in no order,
// until f returns true; it reports whether one did.
func (g *boxGrid) visit(r rect, f func(i int32) bool) bool {
	g.query++
	for _, i := range g.wide {
		g.seen[i] = g.query
		if f(i) {
			return true
		}
	}
	c0, r0, c1, r1 := g.cellsOf(r)
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			for _, i := range g.cell[row*g.cols+col] {
				if g.seen[i] != g.query {
					g.seen[i] = g.query
					if f(i) {
						return true
					}
				}
			}
		}
	}
	return false
}

// cost is the area r shares with the boxes, added up (in the order visit
// finds them, which depends on the boxes alone); once the sum reaches
// enough, it stops there.
func (g *boxGrid) cost(r rect, enough float64) float64 {
	var sum float64
	g.visit(r, func(i int32) bool {
		sum += r.overlap(g.boxes[i])
		return sum >= enough
	})
	return sum
}

// any reports whether r overlaps any of the boxes. It looks at the
// boxes visit would, but without marking those seen: a box looked at
// twice gives the same answer, and placing a crowded picture's labels
// asks this of every place of every tie.
func (g *boxGrid) any(r rect) bool {
	for _, i := range g.wide {
		if r.overlap(g.boxes[i]) > 0 {
			return true
		}
	}
	c0, r0, c1, r1 := g.cellsOf(r)
	for row := r0; row <= r1; row++ {
		for _, cell := range g.cell[row*g.cols+c0 : row*g.cols+c1+1] {
			for _, i := range cell {
				if r.overlap(g.boxes[i]) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// crowdedLines is the number of ties drawn above which a label is kept
// off the stressed lines only, not off every line.
const crowdedLines = 3000

// strays reports whether point c, on or beside the path of planned tie k,
// lies nearer another line than to that path. The lines are those in
// others, numbered from planned tie from.
func (p *plan) strays(others *boxGrid, from, k int, c pt, path []pt) bool {
	own := pathDistance(c, path)
	return others.visit(rect{c.X - own, c.Y - own, c.X + own, c.Y + own}, func(o int32) bool {
		b := &others.boxes[o]
		if c.X <= b.x0-own || c.X >= b.x1+own || c.Y <= b.y0-own || c.Y >= b.y1+own {
			return false // the whole line is as far as own or farther
		}
		return int(o)+from != k && pathDistance(c, p.edges[int(o)+from].path) < own
	})
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
	var segs [8]float64
	return alongSegments(path, pathSegments(path, segs[:0]), t)
}

// pathSegments appends the lengths of path's segments to segs, for
// alongSegments: a label tried at many places along a tie measures them
// once.
func pathSegments(path []pt, segs []float64) []float64 {
	for i := 1; i < len(path); i++ {
		segs = append(segs, math.Hypot(path[i].X-path[i-1].X, path[i].Y-path[i-1].Y))
	}
	return segs
}

// alongSegments is alongPath for a path whose segments' lengths are segs.
func alongSegments(path []pt, segs []float64, t float64) (at, normal pt) {
	var total float64
	for _, seg := range segs {
		total += seg
	}
	left := t * total
	for i := 1; i < len(path); i++ {
		dx, dy := path[i].X-path[i-1].X, path[i].Y-path[i-1].Y
		seg := segs[i-1]
		if seg > 0 && (seg >= left || i == len(path)-1) {
			return lerp(path[i-1], path[i], math.Min(1, left/seg)), pt{-dy / seg, dx / seg}
		}
		left -= seg
	}
	return path[len(path)-1], pt{0, 1}
}

// drawEdgeLabel writes a placed label on its white plate, in its colour
// (see edgeLabel).
func (r *Renderer) drawEdgeLabel(p surface, l edgeLabel, pal palette) {
	b := l.box
	p.fill(roundRect(b.x0, b.y0, b.x1, b.y1, 3), pal.tiePlate)
	p.text(false, l.size, l.x, l.y, l.text, l.col)
	if l.marks != "" {
		x := l.x + p.textWidth(false, l.size, l.text) + markGap*l.size
		p.text(false, markShare*l.size, x, l.y-0.3*l.size, l.marks, pal.muted)
	}
}

// pathDistance is the distance from c to the polyline path.
func pathDistance(c pt, path []pt) float64 {
	d := math.Inf(1)
	for k := 1; k < len(path); k++ {
		d = minf(d, segmentDistance(c, path[k-1], path[k]))
	}
	return d
}
