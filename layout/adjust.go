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
	var prev map[model.ID]model.Point
	for k, day := range days {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pos := holdFrame(m, actors, m.Snapshot(day), old.At(day).Pos, prev, opt)
		b.setFrame(day, 0, pos, prev)
		prev = pos
		opt.progress(k+1, len(days))
	}
	return b.done(), nil
}

// holdFrame is one date of Adjust: was is old's frame in force on the
// date, prev the adjusted frame before.
func holdFrame(m *model.Map, actors map[model.ID]model.Actor, snap model.Snapshot, was, prev map[model.ID]model.Point, opt Options) map[model.ID]model.Point {
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
		placeFresh(snap, pos, fresh, opt)
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
// their placed partners on the date, one edge length off, or, with none,
// beside the picture's middle; overlaps are removed after.
func placeFresh(snap model.Snapshot, pos map[model.ID]model.Point, fresh []model.ID, opt Options) {
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
	for n, id := range fresh {
		var sx, sy float64
		count := 0
		for _, j := range partners[id] {
			if p, ok := pos[j]; ok {
				sx, sy, count = sx+p.X, sy+p.Y, count+1
			}
		}
		// Spread actors that start at one point around it.
		angle := float64(n) * 2.399963 // the golden angle
		off := model.Point{X: opt.EdgeLength * math.Cos(angle), Y: opt.EdgeLength * math.Sin(angle)}
		if count > 0 {
			pos[id] = model.Point{X: sx/float64(count) + off.X, Y: sy/float64(count) + off.Y}
		} else {
			pos[id] = model.Point{X: cx + off.X, Y: cy + off.Y}
		}
	}
}
