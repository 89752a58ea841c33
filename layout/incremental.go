package layout

import (
	"context"
	"hash/fnv"
	"math"

	"relmap/model"
)

// longTimeline is the number of keyframes above which a map is laid out
// incrementally. Up to it, every keyframe gets a stress layout of its
// whole snapshot and the frames are smoothed together, which is what the
// dynamic benchmark sets (15 to 61 keyframes) were tuned on.
const longTimeline = 100

// Limits of one date's local relaxation.
const (
	// spreadDegree: a changed actor's neighbours move with it unless it has
	// more than this many (a hub's leaves stay put when one leaf changes).
	spreadDegree = 12
	// termHops and maxTerms: a moving actor is measured against the actors
	// at most termHops away on the date, at most maxTerms of them, nearest
	// first.
	termHops = 3
	maxTerms = 256
	// localSweeps bounds the sweeps of a local relaxation.
	localSweeps = 80
)

// incremental lays out a long timeline date by date, each date paying only
// for what changes on it. It is the approach of online dynamic graph
// drawing, where a new frame is derived from the last by moving the part
// of the drawing near the change (North, "Incremental Layout in DynaDAG",
// GD 1995; Frishman and Tal, "Online Dynamic Graph Drawing", IEEE TVCG
// 2008, who also restrict the work to the changed region and its
// neighbourhood), with the anchored stress of Brandes and Mader ("A Quantitative
// Comparison of Stress-Minimization Approaches for Offline Dynamic Graph
// Drawing", GD 2011) as the objective:
//
//   - The first frame gets a full keyframe layout (keyframe).
//   - On each later date the begin and end events of actors and links are
//     applied to a running graph. Actors that appear start next to the
//     actors they are tied to, offset as in the aggregate (or at their
//     home when none is placed). The region that moves is every actor
//     whose links changed, and its neighbours unless it is a hub.
//   - The region is relaxed by localized stress majorization against the
//     actors at most termHops away (those outside the region held fixed),
//     each actor anchored to where it was with the stability weight.
//   - Box overlaps are removed among the region and the boxes near it.
//   - Every few dates, a picture grown sparse is drawn together (see
//     compactTrigger).
//
// Actors outside the region never move, so the picture cannot drift,
// turn or scale from one date to the next; the cost of a date is
// O(r·maxTerms·localSweeps) for r actors in its region, whatever the size
// of the map, and the Timeline keeps only the moves.
//
// With old, the dates before the first whose events differ from old's
// (by a chained signature) are kept as old has them, and the layout
// resumes from there: an edit re-lays out the dates from the first it
// reaches. The dates after it are held to old's picture (see follower):
// only the actors the edit reached move on them.
func (u *union) incremental(ctx context.Context, m *model.Map, keys []model.Day, home map[model.ID][2]float64, opt Options, old *Timeline) (*Timeline, error) {
	h := newHistory(u, m, keys, opt)
	s := newIncState(u, m, home, opt)
	b := newTimelineBuilder(len(h.days))
	reusing := old != nil
	var follow *follower // after an edit, holding the dates to old's picture
	for k, day := range h.days {
		if k%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		b.frame(day, h.sigs[k])
		if reusing && (k >= len(old.sigs) || old.sigs[k] != h.sigs[k] || old.days[k] != day) {
			reusing = false
			if k > 0 {
				b.copyPrefix(old, int32(k))
				s.resume(old.Frame(k - 1))
				if followable(old) {
					follow = newFollower(u, old, k)
				}
			}
		}
		s.apply(h.steps[k])
		var err error
		followed := false
		if follow != nil {
			followed, err = s.follow(ctx, follow, h, k, b)
			if !followed {
				follow = nil // the edit reached too much: laid out afresh from here
			}
		}
		switch {
		case err != nil || followed:
		case reusing:
			s.adoptNewcomers(h.steps[k])
		case k == 0:
			err = s.first(ctx, m, day, b)
		default:
			err = s.relax(ctx, h.steps[k], b)
			if k%compactEvery == 0 || k == len(h.days)-1 || s.few() {
				s.compact(b)
			}
		}
		if err != nil {
			return nil, err
		}
		opt.progress(k+1, len(h.days))
	}
	if reusing {
		b.copyPrefix(old, int32(len(h.days)))
	}
	tl := b.done()
	tl.stepSigs = h.stepSigs
	return tl, nil
}

// link is a link between two union nodes, lowest first.
type link struct{ a, b int32 }

// step is what begins and ends on one date.
type step struct {
	dropActors, addActors []int32
	dropLinks, addLinks   []link
}

// history is a map's timeline as steps: frame 0 is the day before the
// first keyframe, frame k the k-th keyframe.
type history struct {
	days     []model.Day
	steps    []step
	sigs     []uint64
	stepSigs []uint64 // each step's alone (see Timeline.stepSigs)
}

func newHistory(u *union, m *model.Map, keys []model.Day, opt Options) *history {
	days := frameDays(keys)
	frameOf := make(map[model.Day]int, len(days))
	for k, d := range days {
		frameOf[d] = k
	}
	h := &history{days: days, steps: make([]step, len(days))}
	// span returns the frames [from, until) in which a thing is in force;
	// until is len(days) for an open end.
	span := func(from model.Day, okFrom bool, until model.Day, okUntil bool) (int, int) {
		f, t := 0, len(days)
		if okFrom {
			f = frameOf[from]
		}
		if okUntil {
			t = frameOf[until]
		}
		return f, t
	}
	// lives are each actor's spans as frame ranges: one, or more for an
	// actor that ceased to exist and came back.
	lives := make([][][2]int, u.g.n())
	for _, a := range m.Actors {
		i := u.index[a.ID]
		for _, s := range a.Lives() {
			from, okF := s.From()
			until, okU := s.Until()
			f, t := span(from, okF, until, okU)
			lives[i] = append(lives[i], [2]int{f, t})
			if f < t {
				h.steps[f].addActors = append(h.steps[f].addActors, i)
				if t < len(days) {
					h.steps[t].dropActors = append(h.steps[t].dropActors, i)
				}
			}
		}
	}
	addLink := func(a, b int32, f, t int) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		for _, la := range lives[a] {
			for _, lb := range lives[b] {
				lo, hi := max(f, la[0], lb[0]), min(t, la[1], lb[1])
				if lo >= hi {
					continue
				}
				h.steps[lo].addLinks = append(h.steps[lo].addLinks, link{a, b})
				if hi < len(days) {
					h.steps[hi].dropLinks = append(h.steps[hi].dropLinks, link{a, b})
				}
			}
		}
	}
	for _, t := range m.Ties {
		a, okA := u.index[t.From]
		b, okB := u.index[t.To]
		if !okA || !okB {
			continue
		}
		from, okF := t.Span.From()
		until, okU := t.Span.Until()
		f, e := span(from, okF, until, okU)
		addLink(a, b, f, e)
	}
	for _, x := range m.Actors {
		for _, other := range []model.ID{x.BelongsTo, x.LocatedIn} {
			if j, ok := u.index[other]; ok && other != 0 {
				addLink(u.index[x.ID], j, 0, len(days))
			}
		}
	}
	h.sigs, h.stepSigs = h.signatures(u, m, opt)
	return h
}

// signatures chains a hash of every step with the one before, over the
// options, and each appearing actor's box and pin, so that a frame's
// signature changes when anything it was computed from does. It also
// hashes each step alone, with the options (see Timeline.stepSigs).
func (h *history) signatures(u *union, m *model.Map, opt Options) (chained, alone []uint64) {
	chained, alone = make([]uint64, len(h.steps)), make([]uint64, len(h.steps))
	actors := make(map[model.ID]model.Actor, len(m.Actors))
	for _, a := range m.Actors {
		actors[a.ID] = a
	}
	hash, own := &hasher{h: fnv.New64a()}, &hasher{h: fnv.New64a()}
	hash.options(opt)
	own.options(opt)
	optionsSig := own.sum64()
	for k, st := range h.steps {
		own.h.Reset()
		own.u64(optionsSig)
		for _, x := range []*hasher{hash, own} {
			x.step(u, m, actors, opt, h.days[k], st)
		}
		chained[k], alone[k] = hash.sum64(), own.sum64()
	}
	return chained, alone
}

// step hashes what begins and ends on day: the actors that leave, those
// that appear with their boxes and pins, and the links that end and
// begin.
func (x *hasher) step(u *union, m *model.Map, actors map[model.ID]model.Actor, opt Options, day model.Day, st step) {
	put, putF := x.u64, x.f64
	putLinks := func(tag uint64, ls []link) {
		put(tag)
		for _, l := range ls {
			put(uint64(u.g.ids[l.a]))
			put(uint64(u.g.ids[l.b]))
		}
	}
	put(uint64(day))
	put(1)
	for _, i := range st.dropActors {
		put(uint64(u.g.ids[i]))
	}
	put(2)
	for _, i := range st.addActors {
		id := u.g.ids[i]
		put(uint64(id))
		sz := opt.Box(actors[id])
		putF(sz.W)
		putF(sz.H)
		if p, ok := m.Pins[id]; ok {
			putF(p.X)
			putF(p.Y)
		}
	}
	putLinks(3, st.dropLinks)
	putLinks(4, st.addLinks)
}

// incState is the running picture of an incremental layout, over union
// nodes.
type incState struct {
	u      *union
	opt    Options
	kappa  float64
	home   map[model.ID][2]float64
	alive  []bool
	living int       // how many are alive
	adj    [][]int32 // links in force, one entry per link (parallel links repeat)
	xy     []model.Point
	size   []Size
	pin    []bool
	grid   *boxGrid
	// window is where freeSpotIn searches the grid, kept for its arrays.
	window cellWindow
	// newcomer marks actors that appear on the date being laid out.
	newcomer []bool
	// scratch for regions and breadth-first searches
	mark, seen []int32
	stamp      int32
}

func newIncState(u *union, m *model.Map, home map[model.ID][2]float64, opt Options) *incState {
	n := u.g.n()
	s := &incState{
		u: u, opt: opt, kappa: anchorWeight(opt.Stability), home: home,
		alive: make([]bool, n), adj: make([][]int32, n), xy: make([]model.Point, n),
		size: make([]Size, n), pin: make([]bool, n), newcomer: make([]bool, n),
		mark: make([]int32, n), seen: make([]int32, n),
	}
	var maxW, maxH float64
	for _, a := range m.Actors {
		i := u.index[a.ID]
		s.size[i] = opt.Box(a)
		maxW, maxH = math.Max(maxW, s.size[i].W), math.Max(maxH, s.size[i].H)
		if p, ok := m.Pins[a.ID]; ok {
			s.pin[i], s.xy[i] = true, p
		}
	}
	s.grid = newBoxGrid(math.Max(maxW, maxH) + opt.Gap)
	return s
}

// apply brings the graph to the date of st: who is alive, which links are
// in force.
func (s *incState) apply(st step) {
	for _, l := range st.dropLinks {
		s.adj[l.a] = removeOne(s.adj[l.a], l.b)
		s.adj[l.b] = removeOne(s.adj[l.b], l.a)
	}
	for _, i := range st.dropActors {
		s.alive[i] = false
		s.living--
		s.grid.remove(i, s.xy[i])
	}
	for _, i := range st.addActors {
		s.alive[i], s.newcomer[i] = true, true
		s.living++
	}
	for _, l := range st.addLinks {
		s.adj[l.a] = append(s.adj[l.a], l.b)
		s.adj[l.b] = append(s.adj[l.b], l.a)
	}
}

func removeOne(list []int32, v int32) []int32 {
	for k, x := range list {
		if x == v {
			list[k] = list[len(list)-1]
			return list[:len(list)-1]
		}
	}
	return list
}

// first lays out frame 0 as a whole, like a short timeline's first frame.
func (s *incState) first(ctx context.Context, m *model.Map, day model.Day, b *timelineBuilder) error {
	snap := m.Snapshot(day)
	g := buildGraph(snap)
	pos, err := s.u.keyframe(ctx, m, snap, g, nil, nil, s.home, s.opt)
	if err != nil {
		return err
	}
	for _, id := range g.ids {
		i := s.u.index[id]
		s.xy[i], s.newcomer[i] = pos[id], false
		s.grid.add(i, s.xy[i])
		b.set(id, s.xy[i])
	}
	return nil
}

// resume takes the positions of f, a frame of an earlier timeline, as the
// picture to go on from.
func (s *incState) resume(f Frame) {
	for i, id := range s.u.g.ids {
		if p, ok := f.Pos[id]; ok && s.alive[i] {
			s.xy[i] = p
			s.grid.add(int32(i), p)
		}
	}
}

// adoptNewcomers settles the actors that appear on a date taken from an
// earlier timeline.
func (s *incState) adoptNewcomers(st step) {
	for _, i := range st.addActors {
		s.newcomer[i] = false
	}
}

// place starts the actors that appear on the date (see incState) and
// returns them.
func (s *incState) place(st step) []int32 {
	var placed []int32
	var frame *homeFrame
	for _, i := range st.addActors {
		if !s.alive[i] || !s.newcomer[i] {
			continue
		}
		if frame == nil {
			frame = s.homeFrame()
		}
		s.newcomer[i] = false
		if !s.pin[i] {
			s.xy[i] = s.startOf(i, frame)
		}
		placed = append(placed, i)
	}
	return placed
}

// homeFrame maps the aggregate's homes into the picture of the date: the
// placed actors' homes, centred and scaled, onto where those actors are.
type homeFrame struct {
	home, at model.Point
	scale    float64
	box      rect // the placed actors' centres, or all the plane
}

// place is where a home falls in the picture, inside the placed actors'
// box: an actor that never has a partner has its home in the rows that
// the aggregate packs beside its connected parts, and would start there,
// outside the picture of the date.
func (f *homeFrame) place(home model.Point) model.Point {
	return model.Point{
		X: min(max(f.at.X+(home.X-f.home.X)*f.scale, f.box.x0), f.box.x1),
		Y: min(max(f.at.Y+(home.Y-f.home.Y)*f.scale, f.box.y0), f.box.y1),
	}
}

// homeFrame fits the homes of the placed, alive actors to their
// positions: the centroids, and the ratio of the spreads about them, at
// most 1 (the aggregate's own scale), within the box of their centres;
// with fewer than two such actors, the homes as they are.
func (s *incState) homeFrame() *homeFrame {
	unit := s.opt.EdgeLength
	var hs, ps []model.Point
	for i, ok := range s.alive {
		if ok && !s.newcomer[i] {
			h := s.home[s.u.g.ids[i]]
			hs = append(hs, model.Point{X: h[0] * unit, Y: h[1] * unit})
			ps = append(ps, s.xy[i])
		}
	}
	f := &homeFrame{scale: 1, box: rect{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}}
	if len(hs) < 2 {
		return f
	}
	f.box = emptyRect()
	for _, p := range ps {
		f.box = f.box.union(rect{p.X, p.Y, p.X, p.Y})
	}
	f.home, f.at = meanPoint(hs), meanPoint(ps)
	var hv, pv float64
	for k := range hs {
		hv += sq(hs[k].X-f.home.X) + sq(hs[k].Y-f.home.Y)
		pv += sq(ps[k].X-f.at.X) + sq(ps[k].Y-f.at.Y)
	}
	if hv > 0 {
		f.scale = min(1, math.Sqrt(pv/hv))
	}
	return f
}

func meanPoint(ps []model.Point) model.Point {
	var c model.Point
	for _, p := range ps {
		c.X += p.X / float64(len(ps))
		c.Y += p.Y / float64(len(ps))
	}
	return c
}

func sq(v float64) float64 { return v * v }

// startOf is where newcomer i starts: beside its placed neighbours, offset
// from each as the aggregate offsets them; with none, the free spot
// nearest where its home falls in the date's picture (see homeFrame).
func (s *incState) startOf(i int32, frame *homeFrame) model.Point {
	unit := s.opt.EdgeLength
	hi := s.home[s.u.g.ids[i]]
	var sx, sy float64
	count := 0
	for _, j := range s.adj[i] {
		if s.alive[j] && !s.newcomer[j] {
			hj := s.home[s.u.g.ids[j]]
			sx += s.xy[j].X + (hi[0]-hj[0])*unit
			sy += s.xy[j].Y + (hi[1]-hj[1])*unit
			count++
		}
	}
	if count == 0 {
		return s.freeSpot(i, frame.place(model.Point{X: hi[0] * unit, Y: hi[1] * unit}))
	}
	return model.Point{X: sx / float64(count), Y: sy / float64(count)}
}
