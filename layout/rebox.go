package layout

import (
	"context"
	"maps"
	"math"
	"runtime"
	"slices"
	"sync"

	"relmap/model"
)

// Rebox holds old, the timeline of was, still for m, a version of was
// that differs from it only in the size of some actors' boxes (a new name,
// a new kind) or in its pins (an actor dragged): on every date every actor
// keeps its place, but a newly pinned actor, or one whose pin moved, which
// stands at its pin; where the box of one that changed now runs into its
// neighbours, they are pushed apart as little as they can be (see
// removeOverlaps), never onto another box; on a date too crowded for
// that, the box is left overlapping, as boxes there already do. The
// changed actor and pinned actors stay put; a changed actor moves only for
// another changed one whose box runs into it. An actor unpinned stays
// where it was. Rebox reports false, and does nothing, when m differs from
// was in anything else a layout reads (see Key), when more than reboxMost
// boxes or pins changed, or when old, which must be was's, is not.
//
// It takes O(frames × actors) for a few changed boxes: under a second on a
// map whose new layout (Adjust, Recompute) takes minutes. Like Adjust, its
// result depends on old, not on m alone.
func Rebox(ctx context.Context, was, m *model.Map, opt Options, old *Timeline) (*Timeline, bool, error) {
	opt = opt.withDefaults()
	valid, wasValid := m.WithoutInvalidPins(), was.WithoutInvalidPins()
	samePins := *wasValid
	samePins.Pins = valid.Pins
	if old == nil || old.Len() == 0 || structureKey(&samePins, opt) != structureKey(valid, opt) {
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
	// The actors pinned anew, or elsewhere: each stands at its pin.
	repinned := map[model.ID]model.Point{}
	for id, p := range valid.Pins {
		if q, ok := wasValid.Pins[id]; !ok || q != p {
			repinned[id] = p
			if !slices.Contains(changed, id) {
				changed = append(changed, id)
			}
		}
	}
	if len(changed) == 0 && len(valid.Pins) == len(wasValid.Pins) {
		return old, true, nil // nothing a layout reads changed (a note, say)
	}
	if len(changed) > reboxMost {
		return nil, false, nil
	}
	// old must be was's: its aggregate was computed from was's union.
	if newUnion(wasValid, opt).sig != old.homeSig {
		return nil, false, nil
	}
	homeSig, sigs, steps := signatures(valid, opt)
	if len(sigs) != old.Len() {
		return nil, false, nil
	}
	if len(changed) == 0 { // pins taken away, and nothing else
		return &Timeline{days: old.days, sigs: sigs, stepSigs: steps, home: old.home, homeSig: homeSig, tracks: old.tracks}, true, nil
	}
	var maxW, maxH float64
	for _, sz := range size {
		maxW, maxH = math.Max(maxW, sz.W), math.Max(maxH, sz.H)
	}
	// The frames are held still in stretches of reboxChunk over all
	// cores: a frame's room depends on that frame alone, so that the moves
	// are the same however the frames are cut, and consecutive frames
	// mostly make the same room, made again without working it out (see
	// pushAside).
	n := old.Len()
	chunks := (n + reboxChunk - 1) / reboxChunk
	rbs := make([]*reboxer, runtime.GOMAXPROCS(0))
	// The chunks' progress is reported one at a time, in order of
	// their ending: the workers would call Progress at once.
	var (
		reporting sync.Mutex
		done      int
	)
	errs := make([]error, chunks)
	Spread(chunks, nil, func(w, c int) {
		rb := rbs[w]
		if rb == nil {
			rb = &reboxer{size: size, pins: valid.Pins, gap: opt.Gap, maxW: maxW, maxH: maxH,
				moved: map[model.ID]map[int32]model.Point{}, last: map[model.ID]*pushed{}}
			rbs[w] = rb
		}
		if errs[c] = ctx.Err(); errs[c] != nil {
			return
		}
		k := int32(c * reboxChunk)
		old.EachOf(int(k), int(k)+reboxChunk, func(f Frame) bool {
			rb.frame(f, k, changed, repinned)
			k++
			return true
		})
		reporting.Lock()
		done = min(done+reboxChunk, n)
		opt.progress(done, n)
		reporting.Unlock()
	})
	for _, err := range errs {
		if err != nil {
			return nil, false, err
		}
	}
	moved := map[model.ID]map[int32]model.Point{}
	for _, rb := range rbs {
		if rb == nil {
			continue
		}
		for id, frames := range rb.moved {
			if moved[id] == nil {
				moved[id] = map[int32]model.Point{}
			}
			maps.Copy(moved[id], frames)
		}
	}
	// The frames are taken for what m's would be: a later Recompute
	// reuses them, and the aggregate, as it would a layout of m.
	t := &Timeline{days: old.days, sigs: sigs, stepSigs: steps, home: old.home, homeSig: homeSig, tracks: append([]track(nil), old.tracks...)}
	for i, tr := range t.tracks {
		if frames, ok := moved[tr.id]; ok {
			t.tracks[i] = tr.with(frames, int32(old.Len()))
		}
	}
	return t, true, nil
}

// frame makes room on frame f, number k, around the changed actors on it,
// standing the repinned ones at their pins.
func (rb *reboxer) frame(f Frame, k int32, changed []model.ID, repinned map[model.ID]model.Point) {
	var here []model.ID // the changed actors on the frame
	for _, c := range changed {
		if _, ok := f.Pos[c]; ok {
			here = append(here, c)
		}
	}
	centres := make([]model.Point, len(here))
	for j, c := range here {
		centres[j] = f.Pos[c]
		if p, ok := repinned[c]; ok {
			centres[j] = p
			rb.apply([]move{{c, p}}, k)
		}
	}
	for j, near := range rb.near(here, centres, f.Pos, 1) {
		c := here[j]
		if p, ok := rb.moved[c][k]; ok && p != centres[j] {
			// Pushed by a changed actor before it: look again
			// around where it is now.
			near = rb.near([]model.ID{c}, []model.Point{p}, f.Pos, 1)[0]
		}
		rb.pushAside(c, near, f.Pos, k)
	}
}

// reboxChunk is how many consecutive frames one core holds still at a
// time.
const reboxChunk = 64

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
// around it (the candidates, in ID order, and it last) and the moves.
type pushed struct {
	ids    []model.ID
	before []box
	moves  []move
}

// near lists, for each changed actor in here, centred at centres, the
// actors of frame pos whose boxes may come near its box: one pass over the
// frame for all of them, as far as scale times reach from each centre.
func (rb *reboxer) near(here []model.ID, centres []model.Point, pos map[model.ID]model.Point, scale float64) [][]model.ID {
	out := make([][]model.ID, len(here))
	if len(here) == 0 {
		return out
	}
	rs := make([]model.Point, len(here))
	for j, c := range here {
		rs[j] = rb.reach(c, scale)
	}
	for id, p := range pos {
		for j, c := range here {
			if id != c && math.Abs(p.X-centres[j].X) < rs[j].X && math.Abs(p.Y-centres[j].Y) < rs[j].Y {
				out[j] = append(out[j], id)
			}
		}
	}
	return out
}

// reach is how far across and down from changed actor c's centre near
// looks, at scale 1: far enough to hold every box that c's runs into, the
// boxes they may be pushed into, and those boxes' widths again.
func (rb *reboxer) reach(c model.ID, scale float64) model.Point {
	sc := rb.size[c]
	return model.Point{
		X: scale * ((rb.maxW+sc.W)/2 + 2*rb.maxW + sc.W + rb.gap),
		Y: scale * ((rb.maxH+sc.H)/2 + 2*rb.maxH + sc.H + rb.gap),
	}
}

// pushAside makes room on frame k (positions pos, with this frame's
// pushes so far) around changed actor c, among candidates (see near): the
// actors whose boxes c's runs into are free to move, those around them
// hold them in, and c and pinned actors stay. A box a push would land on
// is pushed along in the next round, looking further when the pushes
// spread. No push may make an overlap, and every pushed box stays where
// all that could overlap it was looked at; where that cannot be had in a
// few rounds (a neighbourhood so crowded that its boxes overlap already),
// the date is left as it was. Consecutive frames mostly hold the same
// boxes around c: the room made on the last is then made again without
// working it out.
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
	// The boxes that c's runs into (gap included) are pushed aside; none
	// moves further than its box and c's across (or down): the boxes that
	// near form the ring held around them.
	overlaps := func(id model.ID) bool {
		dx, dy := clearance(id)
		return dx < rb.gap-overlapTol && dy < rb.gap-overlapTol
	}
	hit := false
	var rx, ry float64
	for _, id := range candidates {
		if overlaps(id) {
			hit = true
			sz := rb.size[id]
			rx, ry = math.Max(rx, sz.W+sc.W/2+rb.gap), math.Max(ry, sz.H+sc.H/2+rb.gap)
		}
	}
	if !hit {
		return
	}
	ring := func(id model.ID) bool { dx, dy := clearance(id); return dx < rx && dy < ry }
	// The same neighbourhood as on the last frame looked at: the same
	// room, made again.
	ids := slices.Clone(candidates)
	slices.Sort(ids)
	ids = append(ids, c)
	before := make([]box, len(ids))
	for j, id := range ids {
		before[j] = rb.boxAt(id, at)
	}
	if last := rb.last[c]; last != nil && slices.Equal(last.ids, ids) && slices.Equal(last.before, before) {
		rb.apply(last.moves, k)
		return
	}
	moves, local := rb.cascade(c, pc, candidates, pos, at, overlaps, ring)
	rb.last[c] = nil
	if local {
		rb.last[c] = &pushed{ids: ids, before: before, moves: moves}
	}
	rb.apply(moves, k)
}

// move is an actor pushed to a place.
type move struct {
	id model.ID
	to model.Point
}

// apply records moves on frame k.
func (rb *reboxer) apply(moves []move, k int32) {
	for _, mv := range moves {
		if rb.moved[mv.id] == nil {
			rb.moved[mv.id] = map[int32]model.Point{}
		}
		rb.moved[mv.id][k] = mv.to
	}
}

// cascade is pushAside's rounds: the moves that make room around c, none
// when a crowded neighbourhood leaves the date as it was. local reports
// that it looked no further than candidates, so that the same
// candidates, where they are, give the same moves.
func (rb *reboxer) cascade(c model.ID, pc model.Point, candidates []model.ID, pos map[model.ID]model.Point, at func(model.ID) model.Point, overlaps, ring func(model.ID) bool) (moves []move, local bool) {
	free := map[model.ID]bool{}
	for _, id := range candidates {
		if overlaps(id) {
			free[id] = true
		}
	}
	// Boxes that already run into others than c: a crowded neighbourhood,
	// whose date is left as it was.
	boxes := rb.boxesAt(candidates, at)
	for id := range free {
		b := rb.boxAt(id, at)
		for j, o := range candidates {
			if o != id && separation(b, boxes[j]) < rb.gap/2 {
				return nil, true
			}
		}
	}
	scale := 1.0
	for range cascadeRounds {
		after, ids, landed := rb.solve(c, candidates, func(id model.ID) bool { return free[id] }, ring, at)
		if len(landed) == 0 {
			if !rb.within(pc, rb.reach(c, scale), after, ids, at) {
				// Pushed beyond the actors looked at: look further.
				if scale *= 2; scale > maxReach {
					break
				}
				candidates = rb.near([]model.ID{c}, []model.Point{pc}, pos, scale)[0]
				continue
			}
			for j, id := range ids {
				if q := (model.Point{X: after[j].x, Y: after[j].y}); q != at(id) {
					moves = append(moves, move{id, q})
				}
			}
			return moves, scale == 1
		}
		for _, id := range landed {
			free[id] = true
		}
		if len(free) > maxPushed {
			break // boxes that overlap already, pushed into each other
		}
	}
	return nil, true // leaving the date as it was is safe whatever lies further
}

// cascadeRounds is how many rounds pushAside pushes boxes along, maxReach
// how many times near's reach it looks at most, and maxPushed how many
// boxes it pushes at most around one changed box.
const (
	cascadeRounds = 64
	maxReach      = 8
	maxPushed     = 64
)

// solve removes the overlaps among c and the candidates that are free
// or held, c, pinned actors and the held ones fixed, and returns the
// boxes after, in the order of ids (by ID, c last), and the candidates
// outside the set that a moved box lands on.
func (rb *reboxer) solve(c model.ID, candidates []model.ID, free, held func(model.ID) bool, at func(model.ID) model.Point) (after []box, ids, landed []model.ID) {
	for _, id := range candidates {
		if free(id) || held(id) {
			ids = append(ids, id)
		}
	}
	// In ID order, so that the pushes do not depend on the order of a map.
	slices.Sort(ids)
	ids = append(ids, c)
	before := make([]box, len(ids))
	inSet := make(map[model.ID]bool, len(ids))
	for j, id := range ids {
		_, pinned := rb.pins[id]
		before[j] = rb.boxAt(id, at)
		before[j].fixed = id == c || pinned || !free(id)
		inSet[id] = true
	}
	after = slices.Clone(before)
	removeOverlaps(after, rb.gap)
	var boxes []box // the candidates', once a box has moved
	for j := range ids {
		q, was := after[j], before[j]
		if q == was {
			continue
		}
		if boxes == nil {
			boxes = rb.boxesAt(candidates, at)
		}
		for i, o := range candidates {
			if inSet[o] || slices.Contains(landed, o) {
				continue
			}
			// Only an overlap the push made, or made worse, counts: one
			// the box had before it moved is the layout's.
			ob := boxes[i]
			if now := separation(q, ob); now < rb.gap-overlapTol && now < separation(was, ob)-overlapTol {
				landed = append(landed, o)
			}
		}
	}
	return after, ids, landed
}

// boxAt is actor id's box where at places it.
func (rb *reboxer) boxAt(id model.ID, at func(model.ID) model.Point) box {
	p, sz := at(id), rb.size[id]
	return box{x: p.X, y: p.Y, w: sz.W, h: sz.H}
}

// boxesAt is the boxes of ids where at places them, in order.
func (rb *reboxer) boxesAt(ids []model.ID, at func(model.ID) model.Point) []box {
	out := make([]box, len(ids))
	for j, id := range ids {
		out[j] = rb.boxAt(id, at)
	}
	return out
}

// separation is how far apart boxes a and b are: the larger of the
// space between them across and down (negative when they overlap).
func separation(a, b box) float64 {
	return math.Max(math.Abs(a.x-b.x)-(a.w+b.w)/2, math.Abs(a.y-b.y)-(a.h+b.h)/2)
}

// within reports whether every box after that moved stays within reach
// of pc, where every actor that could overlap it was looked at.
func (rb *reboxer) within(pc, reach model.Point, after []box, ids []model.ID, at func(model.ID) model.Point) bool {
	for j, id := range ids {
		q := after[j]
		if (model.Point{X: q.x, Y: q.y}) == at(id) {
			continue
		}
		if math.Abs(q.x-pc.X)+(q.w+rb.maxW)/2+rb.gap > reach.X || math.Abs(q.y-pc.Y)+(q.h+rb.maxH)/2+rb.gap > reach.Y {
			return false
		}
	}
	return true
}

// signatures are what a layout of m records it was computed from (see
// Recompute): its aggregate's and each frame's, and, for a long timeline,
// each date's own (see Timeline.stepSigs).
func signatures(m *model.Map, opt Options) (home uint64, frames, steps []uint64) {
	u := newUnion(m, opt)
	keys := m.Keyframes()
	if len(keys) > longTimeline {
		h := newHistory(u, m, keys, opt)
		return u.sig, h.sigs, h.stepSigs
	}
	days := frameDays(keys)
	prev := u.sig
	for _, day := range days {
		snap := m.Snapshot(day)
		prev = graphSig(prev, snap.Actors, buildGraph(snap), m.Pins, opt)
		frames = append(frames, prev)
	}
	return u.sig, frames, nil
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
