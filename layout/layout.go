package layout

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"sort"

	"relmap/model"
)

// Size is the width and height of a node's box, label included, in layout
// units (pixels at zoom 1).
type Size struct{ W, H float64 }

// Anchor says what each keyframe's layout is pulled toward.
type Anchor int

const (
	// AnchorPrevious pulls each keyframe toward the keyframe before it.
	AnchorPrevious Anchor = iota
	// AnchorAggregate pulls every keyframe toward one layout of the ties of
	// all dates together.
	AnchorAggregate
)

// Options configure Compute. The zero value is usable: every field has a
// documented default.
type Options struct {
	// EdgeLength is the ideal length of a tie in layout units. Default 170.
	EdgeLength float64
	// Stability, from 0 to 1, is how strongly each keyframe is pulled
	// toward its anchor: 0 gives every date its own best picture, 1 moves
	// nothing that was already placed. Zero means DefaultStability; any
	// negative value means 0.
	Stability float64
	// Anchor is what keyframes are pulled toward. Default AnchorPrevious.
	Anchor Anchor
	// Box returns the size of an actor's box, label included. Default: a
	// box of 120×40.
	Box func(model.Actor) Size
	// Gap is the least space between two boxes. Default 8.
	Gap float64
	// MaxSweeps bounds the stress-majorization sweeps per layout.
	// Default 300.
	MaxSweeps int
	// Seed seeds the random choices (degenerate starts only), so results
	// repeat.
	Seed int64
}

// DefaultStability is the Stability used when Options leave it zero.
const DefaultStability = 0.5

// Stability returns the Options.Stability that means v, a user's setting
// from 0 ("every date its own best picture") to 1 ("nothing ever moves"):
// v itself, except that 0 becomes a negative value so that it is not taken
// for "use the default". It returns an error for values outside [0, 1].
func Stability(v float64) (float64, error) {
	if math.IsNaN(v) || v < 0 || v > 1 {
		return 0, fmt.Errorf("layout stability %v is outside 0 to 1", v)
	}
	if v == 0 {
		return -1, nil
	}
	return v, nil
}

// tolerance ends a layout's sweeps when the stress changes by less than
// this share of itself: full stress settles in few sweeps, the sparse model
// keeps improving in small steps for longer.
func (s *stressModel) tolerance() float64 {
	if s.d != nil {
		return 1e-4
	}
	return 1e-6
}

func (o Options) withDefaults() Options {
	if o.EdgeLength <= 0 {
		o.EdgeLength = 170
	}
	switch {
	case o.Stability == 0:
		o.Stability = DefaultStability
	case o.Stability < 0:
		o.Stability = 0
	case o.Stability > 1:
		o.Stability = 1
	}
	if o.Box == nil {
		o.Box = func(model.Actor) Size { return Size{120, 40} }
	}
	if o.Gap <= 0 {
		o.Gap = 8
	}
	if o.MaxSweeps <= 0 {
		o.MaxSweeps = 300
	}
	return o
}

// anchorWeight maps Stability to κ, the anchor weight relative to a node's
// total stress weight: 0 → 0, 0.5 → 0.25, 1 → +Inf (nothing moves). The
// default was chosen on the dynamic benchmark data sets (Newcomb, Rugby,
// Pride and Prejudice) to move less than visone's dynamic layout for about
// the same stress.
func anchorWeight(stability float64) float64 {
	if stability >= 1 {
		return math.Inf(1)
	}
	return 0.25 * stability / (1 - stability)
}

// Frame holds every actor's position at one keyframe.
type Frame struct {
	At  model.Day
	Pos map[model.ID]model.Point
	// sig identifies everything the frame was computed from.
	sig uint64
}

// Timeline is a map's layout through time: one Frame per keyframe, the
// first standing for everything before the map's first keyframe.
type Timeline struct {
	Frames []Frame
	// home is the layout of the ties of all dates, in edge lengths, and
	// homeSig what it was computed from.
	home    map[model.ID][2]float64
	homeSig uint64
}

// Index returns the index of the frame in force on day.
func (t *Timeline) Index(day model.Day) int {
	i := sort.Search(len(t.Frames), func(i int) bool { return t.Frames[i].At > day }) - 1
	if i < 0 {
		return 0
	}
	return i
}

// At returns the frame in force on day.
func (t *Timeline) At(day model.Day) Frame { return t.Frames[t.Index(day)] }

// Compute lays out every keyframe of m from scratch. See Recompute.
func Compute(m *model.Map, opt Options) *Timeline {
	tl, _ := Recompute(context.Background(), m, opt, nil)
	return tl
}

// Recompute lays out every keyframe of m. First it lays out the ties of all
// dates together (the aggregate), which gives every actor a home; then each
// keyframe in order, starting from and pulled toward its anchor (see
// Options.Anchor and Options.Stability). An actor that appears starts near
// the actors it is tied to, where the aggregate puts it relative to them.
// Pinned actors stay exactly where m.Pins puts them. After each keyframe's
// stress layout, boxes are separated so that none overlap.
//
// With old, the layout of an earlier version of m with the same options, a
// frame whose inputs are unchanged is reused as it is, and the others start
// from old's positions (a warm start), so an edit re-lays out only what it
// changes and the picture stays familiar. Without old the result depends
// only on m and opt. Recompute stops early with ctx's error when ctx is
// done.
func Recompute(ctx context.Context, m *model.Map, opt Options, old *Timeline) (*Timeline, error) {
	opt = opt.withDefaults()
	keys := m.Keyframes()
	days := []model.Day{0}
	if len(keys) > 0 {
		days = append([]model.Day{keys[0] - 1}, keys...)
	}
	u := newUnion(m, opt)
	tl := &Timeline{Frames: make([]Frame, 0, len(days)), homeSig: u.sig}
	if old != nil && old.homeSig == u.sig {
		tl.home = old.home
	} else {
		var warm map[model.ID][2]float64
		if old != nil {
			warm = old.home
		}
		home, err := u.aggregate(ctx, m, opt, warm)
		if err != nil {
			return nil, err
		}
		tl.home = home
	}
	var reused []bool
	reuse := map[uint64]Frame{}
	if old != nil {
		for _, f := range old.Frames {
			reuse[f.sig] = f
		}
	}
	var prev map[model.ID]model.Point
	prevSig := u.sig
	for _, day := range days {
		snap := m.Snapshot(day)
		g := buildGraph(snap)
		sig := graphSig(prevSig, snap.Actors, g, m.Pins, opt)
		f, ok := reuse[sig]
		reused = append(reused, ok)
		if !ok {
			var warm map[model.ID]model.Point
			if old != nil {
				warm = old.At(day).Pos
			}
			var anchors []map[model.ID]model.Point
			if prev != nil {
				anchors = append(anchors, prev)
			}
			var pos map[model.ID]model.Point
			var err error
			if len(keys) == 0 {
				// Nothing changes over time: the aggregate is the picture.
				pos = u.separate(m, snap, u.g, u.spreadHome(m, tl.home, opt), opt)
			} else {
				pos, err = u.keyframe(ctx, m, snap, g, anchors, warm, tl.home, opt)
			}
			if err != nil {
				return nil, err
			}
			f = Frame{Pos: pos, sig: sig}
		}
		f.At = day
		tl.Frames = append(tl.Frames, f)
		prev, prevSig = f.Pos, sig
	}
	if err := u.smooth(ctx, m, tl, opt, dirtyWindow(reused, smoothPasses)); err != nil {
		return nil, err
	}
	return tl, nil
}

// Smoothing: passes over all frames, when the frames hold at most
// smoothBudget actors in all.
const (
	smoothPasses = 6
	smoothBudget = 50000
)

// smooth pulls every frame toward the frames on both sides of it, not only
// the one before, in passes that alternate direction (block coordinate
// descent on the stress of all frames plus the anchor terms between
// consecutive frames, as in dynamic stress layouts that link each actor to
// its copies at neighbouring times). Forward-only anchoring lets the
// picture lag behind its changes and then drift; smoothing spreads each
// change over the dates around it, which gives less stress for the same
// movement.
//
// Only frames marked dirty are smoothed: after an edit, those within reach
// of a frame that changed.
func (u *union) smooth(ctx context.Context, m *model.Map, tl *Timeline, opt Options, dirty []bool) error {
	kappa := anchorWeight(opt.Stability)
	if opt.Anchor != AnchorPrevious || kappa == 0 || math.IsInf(kappa, 1) || len(tl.Frames) < 3 {
		return nil
	}
	total := 0
	for _, f := range tl.Frames {
		total += len(f.Pos)
	}
	if total > smoothBudget {
		return nil
	}
	snaps := make([]model.Snapshot, len(tl.Frames))
	graphs := make([]graph, len(tl.Frames))
	for k, f := range tl.Frames {
		snaps[k] = m.Snapshot(f.At)
		graphs[k] = buildGraph(snaps[k])
	}
	// A frame with no ties at all (before the first tie begins, after the
	// last ends) says nothing about where actors belong: it anchors no one.
	informs := func(k int) bool { return k >= 0 && k < len(snaps) && len(snaps[k].Ties) > 0 }
	for pass := 0; pass < smoothPasses; pass++ {
		for step := 0; step < len(tl.Frames); step++ {
			k := step
			if pass%2 == 1 {
				k = len(tl.Frames) - 1 - step
			}
			var anchors []map[model.ID]model.Point
			for _, j := range []int{k - 1, k + 1} {
				if informs(j) {
					anchors = append(anchors, tl.Frames[j].Pos)
				}
			}
			if len(anchors) == 0 || !dirty[k] {
				continue
			}
			f := &tl.Frames[k]
			pos, err := u.keyframe(ctx, m, snaps[k], graphs[k], anchors, f.Pos, tl.home, opt)
			if err != nil {
				return err
			}
			f.Pos = pos
		}
	}
	return nil
}

// toUnits converts a position in layout units to edge lengths.
func toUnits(p model.Point, unit float64) [2]float64 { return [2]float64{p.X / unit, p.Y / unit} }

// keyframe lays out one snapshot, whose graph is g. anchors are the frames it is pulled
// toward (none for the first frame; the one before it, and in smoothing
// passes also the one after), start the positions to start from where it
// has them (else the first anchor's), home the aggregate.
func (u *union) keyframe(ctx context.Context, m *model.Map, snap model.Snapshot, g graph, anchors []map[model.ID]model.Point, start map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) (map[model.ID]model.Point, error) {
	n := g.n()
	unit := opt.EdgeLength
	kappa := anchorWeight(opt.Stability)
	pos := make([][2]float64, n)
	for _, nodes := range u.groupsOf(g) {
		gr := u.keyframeGroup(g, nodes)
		local := make([][2]float64, len(nodes))
		placed := make([]bool, len(nodes))
		for k, v := range nodes {
			id := g.ids[v]
			if len(anchors) > 0 {
				if p, ok := anchors[0][id]; ok {
					local[k], placed[k] = toUnits(p, unit), true
				}
			}
			if p, ok := start[id]; ok {
				local[k], placed[k] = toUnits(p, unit), true
			}
		}
		startNewcomers(gr, nodes, g, local, placed, home)
		anchor, pull := anchorsOf(g, nodes, anchors, home, opt)
		fixed := make([]bool, len(nodes))
		anyFixed := false
		for k, v := range nodes {
			if p, ok := m.Pins[g.ids[v]]; ok {
				local[k], fixed[k], anyFixed = toUnits(p, unit), true, true
			}
		}
		before := centroid(local)
		s := gr.model()
		s.fixed = fixed
		if anchor != nil && kappa > 0 {
			if math.IsInf(kappa, 1) {
				for k := range fixed {
					if pull[k] > 0 {
						local[k], fixed[k] = anchor[k], true
					}
				}
			} else {
				s.anchor, s.alpha = anchor, s.weightSums()
				for k := range s.alpha {
					s.alpha[k] *= kappa * pull[k]
				}
			}
		}
		if err := s.run(ctx, local, opt.MaxSweeps, s.tolerance()); err != nil {
			return nil, err
		}
		if (anchor == nil || kappa == 0) && !anyFixed {
			// Nothing holds the group in place: keep it where it started.
			after := centroid(local)
			for k := range local {
				local[k][0] += before[0] - after[0]
				local[k][1] += before[1] - after[1]
			}
		}
		for k, v := range nodes {
			pos[v] = local[k]
		}
	}
	return u.separate(m, snap, g, pos, opt), nil
}

// dirtyWindow marks the frames within reach frames of one that was not
// reused.
func dirtyWindow(reused []bool, reach int) []bool {
	dirty := make([]bool, len(reused))
	for k, ok := range reused {
		if ok {
			continue
		}
		for j := max(0, k-reach); j <= min(len(reused)-1, k+reach); j++ {
			dirty[j] = true
		}
	}
	return dirty
}

// anchorsOf returns where each of nodes is pulled (the mean of its places
// in the anchor frames, or its home with AnchorAggregate) and how many
// anchors pull it (0 for none); nil when no frame anchors this one.
func anchorsOf(g graph, nodes []int32, anchors []map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) ([][2]float64, []float64) {
	if len(anchors) == 0 {
		return nil, nil
	}
	anchor := make([][2]float64, len(nodes))
	pull := make([]float64, len(nodes))
	for k, v := range nodes {
		id := g.ids[v]
		if opt.Anchor == AnchorAggregate {
			anchor[k], pull[k] = home[id], 1
			continue
		}
		for _, a := range anchors {
			if p, ok := a[id]; ok {
				q := toUnits(p, opt.EdgeLength)
				anchor[k][0] += q[0]
				anchor[k][1] += q[1]
				pull[k]++
			}
		}
		if pull[k] > 0 {
			anchor[k][0] /= pull[k]
			anchor[k][1] /= pull[k]
		}
	}
	return anchor, pull
}

// separate converts pos to layout units, puts pinned actors exactly at
// their pins and removes box overlaps.
func (u *union) separate(m *model.Map, snap model.Snapshot, g graph, pos [][2]float64, opt Options) map[model.ID]model.Point {
	boxes := make([]box, g.n())
	for i, a := range snap.Actors {
		sz := opt.Box(a)
		boxes[i] = box{x: pos[i][0] * opt.EdgeLength, y: pos[i][1] * opt.EdgeLength, w: sz.W, h: sz.H}
		if p, ok := m.Pins[a.ID]; ok {
			boxes[i].x, boxes[i].y, boxes[i].fixed = p.X, p.Y, true // exactly, not via edge lengths
		}
	}
	removeOverlaps(boxes, opt.Gap)
	out := make(map[model.ID]model.Point, g.n())
	for i, id := range g.ids {
		out[id] = model.Point{X: boxes[i].x, Y: boxes[i].y}
	}
	return out
}

// spreadHome is the aggregate in union order, spread (see spread) for
// boxes of the actors' mean size, unless an actor is pinned.
func (u *union) spreadHome(m *model.Map, home map[model.ID][2]float64, opt Options) [][2]float64 {
	pos := u.homePositions(home)
	if len(m.Pins) > 0 || len(m.Actors) == 0 {
		return pos
	}
	var w, h float64
	for _, a := range m.Actors {
		sz := opt.Box(a)
		w, h = w+sz.W, h+sz.H
	}
	n := float64(len(m.Actors))
	spread(pos, (math.Max(w/n, h/n)+opt.Gap)/opt.EdgeLength)
	return pos
}

// startNewcomers gives the nodes not yet placed a start: near their placed
// neighbours, offset from each as the aggregate offsets them; with no
// placed neighbour, their home.
func startNewcomers(gr group, nodes []int32, g graph, local [][2]float64, placed []bool, home map[model.ID][2]float64) {
	for k, v := range nodes {
		if placed[k] {
			continue
		}
		hi := home[g.ids[v]]
		var sum [2]float64
		count := 0
		for _, j := range gr.adj[k] {
			if placed[j] {
				hj := home[g.ids[nodes[j]]]
				sum[0] += local[j][0] + hi[0] - hj[0]
				sum[1] += local[j][1] + hi[1] - hj[1]
				count++
			}
		}
		if count > 0 {
			local[k] = [2]float64{sum[0] / float64(count), sum[1] / float64(count)}
		} else {
			local[k] = hi
		}
	}
}

func centroid(pos [][2]float64) [2]float64 {
	var c [2]float64
	for _, p := range pos {
		c[0] += p[0]
		c[1] += p[1]
	}
	if len(pos) > 0 {
		c[0] /= float64(len(pos))
		c[1] /= float64(len(pos))
	}
	return c
}

// newRand is the random source of a layout.
func newRand(opt Options) *rand.Rand { return rand.New(rand.NewSource(opt.Seed)) }
