package layout

import (
	"context"
	"math"
	"slices"

	"relmap/model"
)

// Rebox holds old, the timeline of was, still for m, a version of was
// that differs from it only in the size of some actors' boxes (a new name,
// a new kind): on every date every actor keeps its place, and where the
// box of one that changed now runs into its neighbours, they are pushed
// apart as little as they can be (see removeOverlaps). The changed actor
// and pinned actors stay put; a changed actor moves only for another
// changed one whose box runs into it. Rebox reports false, and does
// nothing, when m differs from was in anything else a layout reads (see
// Key), when more than reboxMost boxes changed, or when old has no frames.
//
// It takes O(frames × actors) for a few changed boxes: under a second on a
// map whose new layout (Adjust, Recompute) takes minutes. Like Adjust, its
// result depends on old, not on m alone.
func Rebox(ctx context.Context, was, m *model.Map, opt Options, old *Timeline) (*Timeline, bool, error) {
	opt = opt.withDefaults()
	if old == nil || old.Len() == 0 || structureKey(was, opt) != structureKey(m, opt) {
		return nil, false, nil
	}
	size := make(map[model.ID]Size, len(m.Actors))
	for _, a := range m.Actors {
		size[a.ID] = opt.Box(a)
	}
	var changed []model.ID
	for _, a := range was.Actors {
		if opt.Box(a) != size[a.ID] {
			changed = append(changed, a.ID)
		}
	}
	if len(changed) == 0 {
		return old, true, nil
	}
	if len(changed) > reboxMost {
		return nil, false, nil
	}
	rb := &reboxer{size: size, pins: m.WithoutInvalidPins().Pins, gap: opt.Gap,
		moved: map[model.ID]map[int32]model.Point{}, last: map[model.ID]*pushed{}}
	for _, sz := range size {
		rb.maxW, rb.maxH = math.Max(rb.maxW, sz.W), math.Max(rb.maxH, sz.H)
	}
	var err error
	k := int32(0)
	old.Each(func(f Frame) bool {
		if k%64 == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		var here []model.ID // the changed actors on the frame
		for _, c := range changed {
			if _, ok := f.Pos[c]; ok {
				here = append(here, c)
			}
		}
		for j, near := range rb.near(here, f.Pos) {
			rb.pushAside(here[j], near, f.Pos, k)
		}
		k++
		return true
	})
	if err != nil {
		return nil, false, err
	}
	t := &Timeline{days: old.days, sigs: old.sigs, home: old.home, homeSig: old.homeSig, tracks: append([]track(nil), old.tracks...)}
	for i, tr := range t.tracks {
		if frames, ok := rb.moved[tr.id]; ok {
			t.tracks[i] = tr.with(frames, int32(old.Len()))
		}
	}
	return t, true, nil
}

// reboxMost is the most changed boxes Rebox holds still: more (a bulk
// rename) are laid out again.
const reboxMost = 64

// reboxer is Rebox's work: the actors' new sizes, the pins, the least gap
// between boxes, where actors are pushed to on which frames (moved[id][k]),
// and, for each changed actor, the last room made around it.
type reboxer struct {
	size       map[model.ID]Size
	maxW, maxH float64 // the largest sizes
	pins       map[model.ID]model.Point
	gap        float64
	moved      map[model.ID]map[int32]model.Point
	last       map[model.ID]*pushed
}

// pushed is the room made around a changed actor on a frame: the boxes
// around it, in ID order and it last, before and after.
type pushed struct {
	ids           []model.ID
	before, after []box
}

// near lists, for each changed actor in here, the actors of frame pos
// whose boxes may come near its box, wherever the frame's pushes put
// them: one pass over the frame for all of them.
func (rb *reboxer) near(here []model.ID, pos map[model.ID]model.Point) [][]model.ID {
	if len(here) == 0 {
		return nil
	}
	at := make([]model.Point, len(here))
	rs := make([]struct{ rx, ry float64 }, len(here))
	for j, c := range here {
		sc := rb.size[c]
		at[j] = pos[c]
		rs[j].rx = (rb.maxW+sc.W)/2 + 2*rb.maxW + sc.W + rb.gap
		rs[j].ry = (rb.maxH+sc.H)/2 + 2*rb.maxH + sc.H + rb.gap
	}
	out := make([][]model.ID, len(here))
	for id, p := range pos {
		for j, c := range here {
			if id != c && math.Abs(p.X-at[j].X) < rs[j].rx && math.Abs(p.Y-at[j].Y) < rs[j].ry {
				out[j] = append(out[j], id)
			}
		}
	}
	return out
}

// pushAside makes room on frame k (positions pos, with this frame's
// pushes so far) around changed actor c, among candidates (see near): the
// actors whose boxes c's runs into are free to move, those around them
// hold them in, and c and pinned actors stay. Consecutive frames mostly hold the same boxes around c: the
// room made on the last is then made again without working it out.
func (rb *reboxer) pushAside(c model.ID, candidates []model.ID, pos map[model.ID]model.Point, k int32) {
	at := func(id model.ID) model.Point {
		if p, ok := rb.moved[id][k]; ok {
			return p
		}
		return pos[id]
	}
	pc, sc := at(c), rb.size[c]
	// clearance is how far apart id's box and c's are, across and down
	// (negative where they overlap).
	clearance := func(id model.ID) (dx, dy float64) {
		p, sz := at(id), rb.size[id]
		return math.Abs(p.X-pc.X) - (sz.W+sc.W)/2, math.Abs(p.Y-pc.Y) - (sz.H+sc.H)/2
	}
	// Free: the boxes that c's runs into (gap included). Pushed aside,
	// none moves further than its box and c's across (or down): the boxes
	// that near are held in place around them.
	var free []model.ID
	var rx, ry float64
	for _, id := range candidates {
		if dx, dy := clearance(id); dx < rb.gap-overlapTol && dy < rb.gap-overlapTol {
			free = append(free, id)
			sz := rb.size[id]
			rx, ry = math.Max(rx, sz.W+sc.W/2+rb.gap), math.Max(ry, sz.H+sc.H/2+rb.gap)
		}
	}
	if len(free) == 0 {
		return
	}
	ids := free
	for _, id := range candidates {
		if dx, dy := clearance(id); !(dx < rb.gap-overlapTol && dy < rb.gap-overlapTol) && dx < rx && dy < ry {
			ids = append(ids, id)
		}
	}
	// In ID order, so that the pushes do not depend on the order of a map.
	slices.Sort(ids)
	ids = append(ids, c)
	before := make([]box, len(ids))
	for j, id := range ids {
		p, sz := at(id), rb.size[id]
		dx, dy := clearance(id)
		_, pinned := rb.pins[id]
		before[j] = box{x: p.X, y: p.Y, w: sz.W, h: sz.H, fixed: id == c || pinned || !(dx < rb.gap-overlapTol && dy < rb.gap-overlapTol)}
	}
	last := rb.last[c]
	if last == nil || !slices.Equal(last.ids, ids) || !slices.Equal(last.before, before) {
		after := slices.Clone(before)
		removeOverlaps(after, rb.gap)
		last = &pushed{ids: ids, before: before, after: after}
		rb.last[c] = last
	}
	for j, id := range ids {
		p := model.Point{X: last.after[j].x, Y: last.after[j].y}
		if p == at(id) {
			continue
		}
		if rb.moved[id] == nil {
			rb.moved[id] = map[int32]model.Point{}
		}
		rb.moved[id][k] = p
	}
}

// with is the track with its place on each frame in frames replaced, over
// n frames.
func (tr track) with(frames map[int32]model.Point, n int32) track {
	out := track{id: tr.id}
	put := func(k int32, p model.Point) {
		if len(out.runs) == 0 && isAbsent(p) {
			return // not yet on the map
		}
		if last := len(out.runs) - 1; last >= 0 {
			if q := out.runs[last].p; q == p || (isAbsent(q) && isAbsent(p)) {
				return
			}
		}
		out.runs = append(out.runs, run{frame: k, p: p})
	}
	j := -1 // the run in force on frame k
	for k := int32(0); k < n; k++ {
		for j+1 < len(tr.runs) && tr.runs[j+1].frame <= k {
			j++
		}
		p := absent
		if j >= 0 {
			p = tr.runs[j].p
		}
		if q, ok := frames[k]; ok {
			p = q
		}
		put(k, p)
	}
	return out
}
