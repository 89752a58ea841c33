package layout

import (
	"context"
	"math"
	"slices"

	"relmap/model"
)

// Adjust lays out m after an edit by holding old's picture still, as a
// document editor must: on every date, each actor that old shows keeps its
// position, each pinned actor stands at its pin, and an actor that old
// does not show (a new one) starts beside its partners on that date, or,
// with none, at the free spot nearest the middle of the picture. Then the
// boxes that overlap are pushed apart as little as they can be (see
// removeOverlaps), pins not at all: dragging an actor moves that actor and
// whatever it lands on, and nothing else.
//
// With old nil or empty, or for a map of more than longTimeline keyframes
// (whose incremental layout already keeps every date before an edit and
// moves only what the edit reaches), Adjust is Recompute. Recompute, not
// Adjust, gives the picture that depends on m alone (Lay Out Again).
func Adjust(ctx context.Context, m *model.Map, opt Options, old *Timeline) (*Timeline, error) {
	keys := m.Keyframes()
	if old == nil || old.Len() == 0 || len(keys) > longTimeline {
		return Recompute(ctx, m, opt, old)
	}
	opt = opt.withDefaults()
	m = m.WithoutInvalidPins()
	actors := make(map[model.ID]model.Actor, len(m.Actors))
	for _, a := range m.Actors {
		actors[a.ID] = a
	}
	days := frameDays(keys)
	b := newTimelineBuilder(len(days))
	// Where old has actors on any date: a new actor then starts where its
	// partners have room on every date, not only on its first, where
	// later ones may come. Gathered when an actor is new, not for every
	// drag.
	var grid *pointGrid
	taken := func() *pointGrid {
		if grid == nil {
			grid = newPointGrid(2 * opt.EdgeLength)
			for _, day := range days {
				for _, p := range old.At(day).Pos {
					grid.add(p)
				}
			}
		}
		return grid
	}
	var prev map[model.ID]model.Point
	for k, day := range days {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pos := holdFrame(m, actors, m.Snapshot(day), old.At(day).Pos, prev, taken, opt)
		b.setFrame(day, 0, pos, prev)
		prev = pos
		opt.progress(k+1, len(days))
	}
	return b.done(), nil
}

// holdFrame is one date of Adjust: was is old's frame in force on the
// date, prev the adjusted frame before, taken where actors stand on any
// date (old's, and those placed so far).
func holdFrame(m *model.Map, actors map[model.ID]model.Actor, snap model.Snapshot, was, prev map[model.ID]model.Point, taken func() *pointGrid, opt Options) map[model.ID]model.Point {
	pos := make(map[model.ID]model.Point, len(snap.Actors))
	var fresh []model.ID
	for _, a := range snap.Actors {
		if p, ok := m.Pins[a.ID]; ok {
			pos[a.ID] = p
		} else if p, ok := was[a.ID]; ok {
			pos[a.ID] = p
		} else if p, ok := prev[a.ID]; ok {
			pos[a.ID] = p
		} else {
			fresh = append(fresh, a.ID)
		}
	}
	if len(fresh) > 0 {
		placeFresh(snap, pos, fresh, taken(), opt)
	}
	ids := make([]model.ID, 0, len(pos))
	for id := range pos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	boxes := make([]box, len(ids))
	for k, id := range ids {
		sz := opt.Box(actors[id])
		_, pinned := m.Pins[id]
		boxes[k] = box{x: pos[id].X, y: pos[id].Y, w: sz.W, h: sz.H, fixed: pinned}
	}
	removeOverlaps(boxes, opt.Gap)
	for k, id := range ids {
		pos[id] = model.Point{X: boxes[k].x, Y: boxes[k].y}
	}
	return pos
}

// placeFresh places the actors that old did not show: at the mean of
// their placed partners on the date (by their ties, and what they belong
// to or are located in, as the layout links them), one edge length off,
// or, with none, beside the picture's middle; overlaps are removed after.
// An official added to Ecuador, without ties yet, stood by Mexico, in the
// middle.
func placeFresh(snap model.Snapshot, pos map[model.ID]model.Point, fresh []model.ID, taken *pointGrid, opt Options) {
	var cx, cy float64
	for _, p := range pos {
		cx += p.X / float64(len(pos))
		cy += p.Y / float64(len(pos))
	}
	partners := map[model.ID][]model.ID{}
	for _, t := range snap.Ties {
		partners[t.From] = append(partners[t.From], t.To)
		partners[t.To] = append(partners[t.To], t.From)
	}
	for _, a := range snap.Actors {
		for _, other := range []model.ID{a.BelongsTo, a.LocatedIn} {
			if other != 0 {
				partners[a.ID] = append(partners[a.ID], other)
				partners[other] = append(partners[other], a.ID)
			}
		}
	}
	for _, p := range pos {
		taken.add(p)
	}
	for n, id := range fresh {
		var sx, sy float64
		count := 0
		for _, j := range partners[id] {
			if p, ok := pos[j]; ok {
				sx, sy, count = sx+p.X, sy+p.Y, count+1
			}
		}
		if count > 0 {
			pos[id] = taken.roomiest(model.Point{X: sx / float64(count), Y: sy / float64(count)}, opt.EdgeLength)
		} else {
			// Spread actors that start at one point around it.
			angle := float64(n) * 2.399963 // the golden angle
			pos[id] = model.Point{X: cx + opt.EdgeLength*math.Cos(angle), Y: cy + opt.EdgeLength*math.Sin(angle)}
		}
		taken.add(pos[id])
	}
}

// pointGrid holds places in square cells, each place once, so that the
// places within a cell's width of a point are found without looking at
// every one: an import of a thousand actors into a map of a hundred
// dates looked at every place of every date for each.
type pointGrid struct {
	cell  float64
	cells map[[2]int64][]model.Point
	seen  map[model.Point]bool
}

func newPointGrid(cell float64) *pointGrid {
	return &pointGrid{cell: math.Max(cell, 1), cells: map[[2]int64][]model.Point{}, seen: map[model.Point]bool{}}
}

func (g *pointGrid) key(p model.Point) [2]int64 {
	return [2]int64{int64(math.Floor(p.X / g.cell)), int64(math.Floor(p.Y / g.cell))}
}

func (g *pointGrid) add(p model.Point) {
	if !g.seen[p] {
		g.seen[p] = true
		k := g.key(p)
		g.cells[k] = append(g.cells[k], p)
	}
}

// nearest is the distance from q to the nearest place, up to the cell's
// width (any farther counts as that).
func (g *pointGrid) nearest(q model.Point) float64 {
	near := g.cell
	k := g.key(q)
	for dx := int64(-1); dx <= 1; dx++ {
		for dy := int64(-1); dy <= 1; dy++ {
			for _, p := range g.cells[[2]int64{k[0] + dx, k[1] + dy}] {
				near = min(near, math.Hypot(p.X-q.X, p.Y-q.Y))
			}
		}
	}
	return near
}

// roomiest is the point r from c, of sixteen around it, farthest from the
// nearest place taken (up to the grid's cell, at least 2r): a newcomer
// beside its partners goes where they have room, not toward a neighbour
// (the first of equals, from the right going clockwise on screen).
func (g *pointGrid) roomiest(c model.Point, r float64) model.Point {
	best, room := c, -1.0
	for k := range 16 {
		a := float64(k) * math.Pi / 8
		q := model.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)}
		if near := g.nearest(q); near > room {
			best, room = q, near
		}
	}
	return best
}
