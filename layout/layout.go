package layout

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"slices"
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

// anchorWeight maps Stability to κ, the weight of every actor's anchor
// term (what moving one edge length costs, against the stress of the
// actor's pairs): 0 → 0, 0.5 → 0.8, 1 → +Inf (nothing moves). The scale
// was chosen on the dynamic benchmark data sets (Newcomb, Rugby, Pride and
// Prejudice) so that the default stress and movement are both at most
// those of visone's dynamic layout on each.
func anchorWeight(stability float64) float64 {
	if stability >= 1 {
		return math.Inf(1)
	}
	return 0.8 * stability / (1 - stability)
}

// baseWeight is the mean weight sum (see stressModel.meanWeight) up to
// which κ is the anchor weight as it stands. The groups of the dynamic
// benchmark data sets, on which κ was chosen, lie below it.
const baseWeight = 8

// sizeFactor scales κ for a group whose pairs hold its nodes harder than
// baseWeight, as they do in big, dense maps, so that their anchors do not
// weaken against their stress as the map grows.
func sizeFactor(s *stressModel) float64 {
	return math.Max(1, s.meanWeight()/baseWeight)
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
// frame whose inputs are unchanged is reused, and the others start from
// old's positions (a warm start), so an edit re-lays out only what it
// changes and the picture stays familiar; smoothing then moves only the
// frames near the change (see smoothReach), so the result can differ
// slightly from a fresh layout of m. Without old the result depends only
// on m and opt. Recompute stops early with ctx's error when ctx is
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
			var pos map[model.ID]model.Point
			var err error
			if len(keys) == 0 {
				// Nothing changes over time: the aggregate is the picture.
				pos = u.separate(m, snap, u.g, u.spreadHome(m, tl.home, opt), opt)
			} else {
				pos, err = u.keyframe(ctx, m, snap, g, prev, warm, tl.home, opt)
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
	if err := u.smooth(ctx, m, tl, opt, dirtyWindow(reused, smoothReach)); err != nil {
		return nil, err
	}
	return tl, nil
}

// Smoothing runs when the frames' stress models hold at most smoothBudget
// pair terms in all, for smoothPasses passes, fewer (but at least 6) when
// the passes would take more than smoothWork term updates. After an edit
// it moves the frames within smoothReach of the first frame that changed,
// and every frame after it (whose inputs chain through it).
const (
	smoothPasses = 120
	smoothBudget = 20_000_000
	smoothWork   = 120_000_000
	smoothReach  = 6
)

// smoothPart is one group of one frame in smoothing.
type smoothPart struct {
	s     *stressModel
	nodes []int32 // indexes into the frame's graph
	pos   [][2]float64
	// link[a][i] is the index of node i's actor in the graph of the frame
	// before (a = 0) or after (a = 1); -1 when that frame does not anchor
	// it.
	link [2][]int32
}

// smooth lays out the frames together: the stress of every frame plus,
// for every actor, the anchor terms between its places at consecutive
// frames, as in dynamic stress layouts that link each actor to its copies
// at neighbouring times. Starting from the frames laid out one after the
// other, each pass lays out every frame in turn, forward and back, pulled
// toward both neighbours as they stand (block coordinate descent).
// Forward-only anchoring lets the picture lag behind its changes and then
// drift; linking spreads each change over the dates around it, which gives
// less stress for the same movement. Boxes are separated once, after the
// last pass.
//
// Only frames marked dirty move; the others anchor their neighbours.
func (u *union) smooth(ctx context.Context, m *model.Map, tl *Timeline, opt Options, dirty []bool) error {
	kappa := anchorWeight(opt.Stability)
	if opt.Anchor != AnchorPrevious || kappa == 0 || math.IsInf(kappa, 1) || len(tl.Frames) < 3 || !slices.Contains(dirty, true) {
		return nil
	}
	actors := 0
	for _, f := range tl.Frames {
		actors += len(f.Pos)
	}
	if actors > smoothBudget { // each actor has a term with itself and every other of its group
		return nil
	}
	nf := len(tl.Frames)
	snaps := make([]model.Snapshot, nf)
	graphs := make([]graph, nf)
	groups := make([][][]int32, nf)
	terms := 0
	for k, f := range tl.Frames {
		snaps[k] = m.Snapshot(f.At)
		graphs[k] = buildGraph(snaps[k])
		groups[k] = u.groupsOf(graphs[k])
		for _, nodes := range groups[k] {
			terms += len(nodes) * len(nodes)
		}
	}
	if terms > smoothBudget {
		return nil
	}
	// flat[k] holds frame k's positions in edge lengths, by graph node.
	index := make([]map[model.ID]int32, nf)
	flat := make([][][2]float64, nf)
	for k, g := range graphs {
		index[k] = make(map[model.ID]int32, g.n())
		flat[k] = make([][2]float64, g.n())
		for v, id := range g.ids {
			index[k][id] = int32(v)
			flat[k][v] = toUnits(tl.Frames[k].Pos[id], opt.EdgeLength)
		}
	}
	// A frame with no ties at all (before the first tie begins, after the
	// last ends) says nothing about where actors belong: it anchors no one.
	informs := func(k int) bool { return k >= 0 && k < nf && len(snaps[k].Ties) > 0 }
	parts := make([][]smoothPart, nf)
	for k, g := range graphs {
		if !dirty[k] {
			continue
		}
		var links [2]map[model.ID]int32
		for a, j := range []int{k - 1, k + 1} {
			if informs(j) {
				links[a] = index[j]
			}
		}
		for _, nodes := range groups[k] {
			if p, ok := u.smoothPart(m, g, nodes, flat[k], links, kappa); ok {
				parts[k] = append(parts[k], p)
			}
		}
	}
	passes := min(smoothPasses, max(6, smoothWork/terms))
	for pass := range passes {
		for step := range nf {
			k := step
			if pass%2 == 1 {
				k = nf - 1 - step
			}
			for _, p := range parts[k] {
				for a, j := range []int{k - 1, k + 1} {
					for i, other := range p.link[a] {
						if other >= 0 {
							p.s.anchors[a].at[i] = flat[j][other]
						}
					}
				}
				if err := p.s.run(ctx, p.pos, opt.MaxSweeps, p.s.tolerance()); err != nil {
					return err
				}
				for i, v := range p.nodes {
					flat[k][v] = p.pos[i]
				}
			}
		}
	}
	for k := range tl.Frames {
		if len(parts[k]) > 0 {
			tl.Frames[k].Pos = u.separate(m, snaps[k], graphs[k], flat[k], opt)
		}
	}
	return nil
}

// smoothPart builds the stress model of one group of a frame whose graph
// is g and positions pos, with anchor terms toward the frames before and
// after it, whose graph indexes are links[0] and links[1] (nil for a frame
// that anchors no one). It reports false for a group that no frame
// anchors, which smoothing leaves as it is.
func (u *union) smoothPart(m *model.Map, g graph, nodes []int32, pos [][2]float64, links [2]map[model.ID]int32, kappa float64) (smoothPart, bool) {
	p := smoothPart{s: u.keyframeGroup(g, nodes).model(), nodes: nodes, pos: make([][2]float64, len(nodes))}
	p.s.fixed = make([]bool, len(nodes))
	for i, v := range nodes {
		p.pos[i] = pos[v]
		_, p.s.fixed[i] = m.Pins[g.ids[v]]
	}
	pull := kappa * sizeFactor(p.s)
	linked := false
	for a, index := range links {
		p.link[a] = make([]int32, len(nodes))
		t := anchorTerm{at: make([][2]float64, len(nodes)), alpha: make([]float64, len(nodes))}
		for i, v := range nodes {
			p.link[a][i] = -1
			if other, ok := index[g.ids[v]]; ok {
				p.link[a][i], t.alpha[i], linked = other, pull, true
			}
		}
		p.s.anchors = append(p.s.anchors, t)
	}
	return p, linked
}

// toUnits converts a position in layout units to edge lengths.
func toUnits(p model.Point, unit float64) [2]float64 { return [2]float64{p.X / unit, p.Y / unit} }

// keyframe lays out one snapshot, whose graph is g. prev is the frame
// before it (nil for the first), which it starts from and, with
// AnchorPrevious, is pulled toward; start holds positions to start from
// instead (a warm start); home is the aggregate.
func (u *union) keyframe(ctx context.Context, m *model.Map, snap model.Snapshot, g graph, prev, start map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) (map[model.ID]model.Point, error) {
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
			if p, ok := prev[id]; ok {
				local[k], placed[k] = toUnits(p, unit), true
			}
			if p, ok := start[id]; ok {
				local[k], placed[k] = toUnits(p, unit), true
			}
		}
		startNewcomers(gr, nodes, g, local, placed, home)
		term := anchorOf(g, nodes, prev, home, opt)
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
		if term != nil && kappa > 0 {
			if math.IsInf(kappa, 1) {
				for k := range fixed {
					if term.alpha[k] > 0 {
						local[k], fixed[k] = term.at[k], true
					}
				}
			} else {
				pull := kappa * sizeFactor(s)
				for k := range term.alpha {
					term.alpha[k] *= pull
				}
				s.anchors = []anchorTerm{*term}
			}
		}
		if err := s.run(ctx, local, opt.MaxSweeps, s.tolerance()); err != nil {
			return nil, err
		}
		if (term == nil || kappa == 0) && !anyFixed {
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

// anchorOf returns the anchor term of nodes: toward their places in prev,
// or with AnchorAggregate toward their homes, with weight 1 for the nodes
// it places and 0 for the rest; nil for the first frame, which nothing
// anchors.
func anchorOf(g graph, nodes []int32, prev map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) *anchorTerm {
	if prev == nil {
		return nil
	}
	t := &anchorTerm{at: make([][2]float64, len(nodes)), alpha: make([]float64, len(nodes))}
	for k, v := range nodes {
		id := g.ids[v]
		if opt.Anchor == AnchorAggregate {
			t.at[k], t.alpha[k] = home[id], 1
		} else if p, ok := prev[id]; ok {
			t.at[k], t.alpha[k] = toUnits(p, opt.EdgeLength), 1
		}
	}
	return t
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
