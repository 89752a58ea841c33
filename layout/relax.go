package layout

import (
	"context"
	"math"
	"slices"

	"relmap/model"
)

// relax lays out one date of an incremental layout: it places the actors
// that appear, moves the region the date's changes reach (see
// incremental), separates its boxes from those around it, and records
// what moved in b.
func (s *incState) relax(ctx context.Context, st step, b *timelineBuilder) error {
	_, err := s.relaxWith(ctx, st, b, true, nil)
	return err
}

// relaxWith is relax, moving the actors extra too, and, without changes,
// only the actors placed and extra, not the region the date's changes
// reach (see follower). It returns what it moved, sorted.
func (s *incState) relaxWith(ctx context.Context, st step, b *timelineBuilder, changes bool, extra []int32) ([]int32, error) {
	for _, i := range st.dropActors {
		b.set(s.u.g.ids[i], absent)
	}
	placed := s.place(st)
	var region []int32
	if changes {
		region = s.region(st, placed)
	} else {
		region = append(region, placed...)
	}
	if len(extra) > 0 {
		region = sortedUnion(region, extra)
	} else {
		slices.Sort(region)
	}
	if len(region) == 0 {
		return nil, nil
	}
	before := make([]model.Point, len(region))
	for k, i := range region {
		before[k] = s.xy[i]
		if !slices.Contains(placed, i) {
			s.grid.remove(i, s.xy[i])
		}
	}
	if err := s.solve(ctx, region, placed); err != nil {
		return nil, err
	}
	s.separate(region)
	for k, i := range region {
		s.grid.add(i, s.xy[i])
		if s.xy[i] != before[k] || slices.Contains(placed, i) {
			b.set(s.u.g.ids[i], s.xy[i])
		}
	}
	return region, nil
}

// next returns a new stamp for the mark and seen scratch arrays.
func (s *incState) next() int32 {
	s.stamp++
	return s.stamp
}

// region is what moves on a date: the actors that appear, the alive ends
// of links that begin or end, and the neighbours of each of those that is
// not a hub; sorted.
func (s *incState) region(st step, placed []int32) []int32 {
	stamp := s.next()
	var changed, region []int32
	add := func(i int32) {
		if s.alive[i] && s.mark[i] != stamp {
			s.mark[i] = stamp
			region = append(region, i)
		}
	}
	for _, i := range placed {
		add(i)
	}
	for _, ls := range [][]link{st.dropLinks, st.addLinks} {
		for _, l := range ls {
			add(l.a)
			add(l.b)
		}
	}
	changed = append(changed, region...)
	for _, c := range changed {
		if len(s.adj[c]) <= spreadDegree {
			for _, j := range s.adj[c] {
				add(j)
			}
		}
	}
	slices.Sort(region)
	return region
}

// solve relaxes the region by localized stress majorization against the
// actors at most termHops away on the date, holding those outside the
// region where they are and pulling each actor that was already placed
// toward where it was, with the stability weight (see stressModel).
func (s *incState) solve(ctx context.Context, region, placed []int32) error {
	unit := s.opt.EdgeLength
	local := make(map[int32]int32, 4*len(region))
	nodes := append([]int32(nil), region...)
	for k, i := range region {
		local[i] = int32(k)
	}
	sm := &stressModel{n: len(region), off: make([]int32, 1, len(region)+1)}
	var queue []int32
	var dist []int32
	for _, i := range region {
		queue, dist = s.near(i, queue[:0], dist[:0])
		for k, j := range queue {
			if k == 0 {
				continue // i itself
			}
			lj, ok := local[j]
			if !ok {
				lj = int32(len(nodes))
				local[j] = lj
				nodes = append(nodes, j)
			}
			d := float32(dist[k])
			sm.to, sm.dist, sm.w = append(sm.to, lj), append(sm.dist, d), append(sm.w, 1/(d*d))
		}
		sm.off = append(sm.off, int32(len(sm.to)))
	}
	n := len(nodes)
	for len(sm.off) < n+1 { // the fixed boundary has no terms of its own
		sm.off = append(sm.off, int32(len(sm.to)))
	}
	sm.n = n
	sm.fixed = make([]bool, n)
	pos := make([][2]float64, n)
	anchor := anchorTerm{at: make([][2]float64, n), alpha: make([]float64, n)}
	for k, i := range nodes {
		pos[k] = toUnits(s.xy[i], unit)
		switch {
		case k >= len(region) || s.pin[i]:
			sm.fixed[k] = true
		case slices.Contains(placed, i):
		case math.IsInf(s.kappa, 1):
			sm.fixed[k] = true
		case s.kappa > 0:
			anchor.at[k], anchor.alpha[k] = pos[k], s.kappa
		}
	}
	sm.anchors = []anchorTerm{anchor}
	if err := sm.run(ctx, pos, localSweeps, 1e-4); err != nil {
		return err
	}
	for k, i := range region {
		if !sm.fixed[k] {
			s.xy[i] = model.Point{X: pos[k][0] * unit, Y: pos[k][1] * unit}
		}
	}
	return nil
}

// near lists the alive actors at most termHops from i, at most maxTerms+1
// of them, nearest first (i itself first), with their hop distances.
func (s *incState) near(i int32, queue, dist []int32) ([]int32, []int32) {
	stamp := s.next()
	s.seen[i] = stamp
	queue, dist = append(queue, i), append(dist, 0)
	for h := 0; h < len(queue) && len(queue) <= maxTerms; h++ {
		v := queue[h]
		if dist[h] == termHops {
			break
		}
		for _, j := range s.adj[v] {
			if s.seen[j] != stamp && s.alive[j] {
				s.seen[j] = stamp
				queue, dist = append(queue, j), append(dist, dist[h]+1)
				if len(queue) > maxTerms {
					break
				}
			}
		}
	}
	return queue, dist
}

// separate removes the overlaps of the region's boxes with each other and
// with the boxes around them, which stay where they are.
//
// Each round takes in the boxes around that the region's meet, and moves
// the region's apart from them all; the rounds end when a round finds no
// box it did not have. A region still crowded after overlapRounds rounds
// has each of its boxes that meets another moved to the nearest free spot
// (see freeSpot): the last round's moves are checked too, so that no date
// of a long history leaves boxes on top of each other.
func (s *incState) separate(region []int32) {
	gap := s.opt.Gap
	members := append([]int32(nil), region...)
	in := make(map[int32]bool, len(region))
	for _, i := range region {
		in[i] = true
	}
	sideways := false
	defer s.freeClashes(region)
	for round := 0; round < overlapRounds; round++ {
		grew := false
		for _, i := range region {
			s.grid.near(s.xy[i], func(j int32) {
				if !in[j] && s.overlaps(i, j, gap) {
					in[j], grew = true, true
					members = append(members, j)
				}
			})
		}
		if !grew && (round > 0 || !s.crowdedRegion(region)) {
			return
		}
		boxes := make([]box, len(members))
		for k, i := range members {
			sz := s.size[i]
			boxes[k] = box{x: s.xy[i].X, y: s.xy[i].Y, w: sz.W, h: sz.H, fixed: k >= len(region) || s.pin[i]}
		}
		// A crowd let out as little as it can be goes up and down, labels
		// being wide; date after date a long history grew into one tall
		// column. A picture grown taller than wide is let out sideways.
		if round == 0 {
			sideways = s.taller()
		}
		removeOverlapsSideways(boxes, gap, sideways)
		for k, i := range region {
			s.xy[i] = model.Point{X: boxes[k].x, Y: boxes[k].y}
		}
	}
}

// freeClashes moves each box of the region that meets another box to the
// nearest free spot, in the region's order: within the picture (the box of
// the centres of the actors alive), so that it does not grow, when there
// is one.
func (s *incState) freeClashes(region []int32) {
	gap := s.opt.Gap
	for _, i := range region {
		s.grid.add(i, s.xy[i])
	}
	var picture *rect
	for _, i := range region {
		clash := false
		s.grid.near(s.xy[i], func(j int32) { clash = clash || j != i && s.overlaps(i, j, gap) })
		if !clash {
			continue
		}
		if picture == nil {
			r := emptyRect()
			for j, ok := range s.alive {
				if ok {
					p := s.xy[j]
					r = r.union(rect{p.X, p.Y, p.X, p.Y})
				}
			}
			picture = &r
		}
		s.grid.remove(i, s.xy[i])
		p := s.freeSpotIn(i, s.xy[i], picture)
		if p == s.xy[i] {
			p = s.freeSpot(i, s.xy[i])
		}
		s.xy[i] = p
		s.grid.add(i, s.xy[i])
	}
	for _, i := range region {
		s.grid.remove(i, s.xy[i])
	}
}

// taller reports whether the box of the actors alive is taller than it
// is wide.
func (s *incState) taller() bool {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i, ok := range s.alive {
		if ok {
			p := s.xy[i]
			minX, maxX = min(minX, p.X), max(maxX, p.X)
			minY, maxY = min(minY, p.Y), max(maxY, p.Y)
		}
	}
	return maxY-minY > maxX-minX
}

// crowdedRegion reports whether two of the region's boxes, grown by
// gap/2 each, meet.
func (s *incState) crowdedRegion(region []int32) bool {
	for a, i := range region {
		for _, j := range region[a+1:] {
			if s.overlaps(i, j, s.opt.Gap) {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether the boxes of i and j, grown by gap/2 each, meet.
func (s *incState) overlaps(i, j int32, gap float64) bool {
	return s.overlapsAt(i, s.xy[i], j, gap)
}

// overlapsAt reports whether i's box centred at a and j's box, grown by
// gap/2 each, meet.
func (s *incState) overlapsAt(i int32, a model.Point, j int32, gap float64) bool {
	b := s.xy[j]
	return math.Abs(a.X-b.X) < (s.size[i].W+s.size[j].W)/2+gap-overlapTol &&
		math.Abs(a.Y-b.Y) < (s.size[i].H+s.size[j].H)/2+gap-overlapTol
}

// freeRings bounds how far freeSpot looks, in steps of the box's size.
const freeRings = 64

// freeSpot is the point nearest p at which i's box meets no box in the
// grid: p itself if it is free, else the nearest free point on rings of
// steps of i's box size (plus the gap) around p; p if none of freeRings
// rings has one. A newcomer with no partner starts there, in a hole of
// the picture, rather than on top of others, whose separation would
// spread through a crowded picture.
func (s *incState) freeSpot(i int32, p model.Point) model.Point {
	return s.freeSpotIn(i, p, nil)
}

// freeSpotIn is freeSpot looking only at the points in r, when r is not
// nil. The rings are searched in a window of the grid's cells around p
// (see cellWindow), grown as the rings reach its edge: each cell is then
// looked up in the grid's map once, not nine times a point near it. In a
// crowded picture most of an early edit's layout of a long history went
// to those lookups.
func (s *incState) freeSpotIn(i int32, p model.Point, r *rect) model.Point {
	gap := s.opt.Gap
	win := &s.window
	win.g, win.rings = s.grid, 0
	free := func(q model.Point) bool {
		if r != nil && (q.X < r.x0 || q.X > r.x1 || q.Y < r.y0 || q.Y > r.y1) {
			return false
		}
		k := s.grid.key(q)
		x, y := k[0]-win.k0[0], k[1]-win.k0[1]
		if win.rings == 0 || x < 1 || y < 1 || x > win.across-2 || y > win.down-2 {
			// Not in the window (p itself, or a point rounded past
			// its edge).
			ok := true
			s.grid.near(q, func(j int32) { ok = ok && (j == i || !s.overlapsAt(i, q, j, gap)) })
			return ok
		}
		for cy := y - 1; cy <= y+1; cy++ {
			for cx := x - 1; cx <= x+1; cx++ {
				for _, j := range win.cell(cx, cy) {
					if j != i && s.overlapsAt(i, q, j, gap) {
						return false
					}
				}
			}
		}
		return true
	}
	if free(p) {
		return p
	}
	stepX, stepY := s.size[i].W+gap, s.size[i].H+gap
	for ring := 1; ring <= freeRings; ring++ {
		if ring > win.rings {
			win.cover(p, min(2*ring, freeRings), stepX, stepY)
		}
		best, bestD := p, math.Inf(1)
		for dx := -ring; dx <= ring; dx++ {
			for dy := -ring; dy <= ring; dy++ {
				if max(dx, -dx, dy, -dy) != ring {
					continue
				}
				q := model.Point{X: p.X + float64(dx)*stepX, Y: p.Y + float64(dy)*stepY}
				if d := math.Hypot(q.X-p.X, q.Y-p.Y); d < bestD && free(q) {
					best, bestD = q, d
				}
			}
		}
		if !math.IsInf(bestD, 1) {
			return best
		}
	}
	return p
}

// cellWindow is a rectangle of a boxGrid's cells, each looked up in the
// grid's map when first read and then kept: those that the 3×3 cells
// around any point of the first rings rings of a search around a point
// may be (see freeSpotIn). The grid must not change while it is read.
type cellWindow struct {
	g      *boxGrid
	rings  int      // 0: none yet
	k0     [2]int32 // the key of the first cell
	across int32    // cells in a row
	down   int32
	cells  [][]int32
	read   []bool // whether each cell has been looked up
}

// cover makes w the window of its grid's cells that rings rings of steps
// stepX, stepY around p reach, and their neighbours, none read yet.
func (w *cellWindow) cover(p model.Point, rings int, stepX, stepY float64) {
	lo := w.g.key(model.Point{X: p.X - float64(rings)*stepX, Y: p.Y - float64(rings)*stepY})
	hi := w.g.key(model.Point{X: p.X + float64(rings)*stepX, Y: p.Y + float64(rings)*stepY})
	w.rings = rings
	w.k0 = [2]int32{lo[0] - 1, lo[1] - 1}
	w.across, w.down = hi[0]-lo[0]+3, hi[1]-lo[1]+3
	n := int(w.across) * int(w.down)
	if cap(w.cells) < n {
		w.cells, w.read = make([][]int32, n), make([]bool, n)
	}
	w.cells, w.read = w.cells[:n], w.read[:n]
	clear(w.read)
}

// cell is the actors of the window's cell x across, y down.
func (w *cellWindow) cell(x, y int32) []int32 {
	k := y*w.across + x
	if !w.read[k] {
		w.cells[k], w.read[k] = w.g.cells[[2]int32{w.k0[0] + x, w.k0[1] + y}], true
	}
	return w.cells[k]
}

// boxGrid buckets actors by where their centres lie, in square cells at
// least as wide as the largest box plus the gap, so that the boxes that
// can meet a box lie in the 3×3 cells around its centre.
type boxGrid struct {
	cell  float64
	cells map[[2]int32][]int32
}

func newBoxGrid(cell float64) *boxGrid {
	return &boxGrid{cell: math.Max(cell, 1), cells: map[[2]int32][]int32{}}
}

func (g *boxGrid) key(p model.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p.X / g.cell)), int32(math.Floor(p.Y / g.cell))}
}

func (g *boxGrid) add(i int32, p model.Point) {
	k := g.key(p)
	g.cells[k] = append(g.cells[k], i)
}

func (g *boxGrid) remove(i int32, p model.Point) {
	k := g.key(p)
	list := g.cells[k]
	for n, v := range list {
		if v == i {
			list[n] = list[len(list)-1]
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		delete(g.cells, k)
	} else {
		g.cells[k] = list
	}
}

// near calls f for every actor in the 3×3 cells around p.
func (g *boxGrid) near(p model.Point, f func(int32)) {
	k := g.key(p)
	for dx := int32(-1); dx <= 1; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			for _, j := range g.cells[[2]int32{k[0] + dx, k[1] + dy}] {
				f(j)
			}
		}
	}
}

// partsOf numbers the connected parts of the date's graph over nodes:
// comp[i] is node i's part, and parts how many there are.
func (s *incState) partsOf(nodes []int32) (comp []int32, parts int) {
	comp = make([]int32, len(s.alive))
	for i := range comp {
		comp[i] = -1
	}
	var queue []int32
	for _, i := range nodes {
		if comp[i] >= 0 {
			continue
		}
		c := int32(parts)
		parts++
		comp[i] = c
		queue = append(queue[:0], i)
		for h := 0; h < len(queue); h++ {
			for _, j := range s.adj[queue[h]] {
				if comp[j] < 0 && s.alive[j] {
					comp[j] = c
					queue = append(queue, j)
				}
			}
		}
	}
	return comp, parts
}
