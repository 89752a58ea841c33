package layout

import (
	"math"
	"math/rand"
	"sort"

	"relmap/model"
)

// Size is the width and height of a node's box, label included, in layout
// units (pixels at zoom 1).
type Size struct{ W, H float64 }

// Options configure Compute. The zero value is usable: every field has a
// documented default.
type Options struct {
	// EdgeLength is the ideal length of a tie in layout units. Default 170.
	EdgeLength float64
	// Stability, from 0 to 1, is how strongly each keyframe is pulled
	// toward the previous one: 0 gives every date its own best picture, 1
	// moves nothing that was already placed. Default 0.5.
	Stability float64
	// Box returns the size of an actor's box, label included. Default: a
	// box of 120×40.
	Box func(model.Actor) Size
	// Gap is the least space between two boxes. Default 8.
	Gap float64
	// MaxSweeps bounds the stress-majorization sweeps per keyframe.
	// Default 300.
	MaxSweeps int
	// Seed seeds the random choices (degenerate starts only), so results
	// repeat.
	Seed int64
}

// DefaultStability is the Stability used when Options leave it zero.
const DefaultStability = 0.5

func (o Options) withDefaults() Options {
	if o.EdgeLength <= 0 {
		o.EdgeLength = 170
	}
	if o.Stability <= 0 {
		o.Stability = DefaultStability
	}
	if o.Stability > 1 {
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

// Frame holds every actor's position at one keyframe.
type Frame struct {
	At  model.Day
	Pos map[model.ID]model.Point
}

// Timeline is a map's layout through time: one Frame per keyframe, the
// first standing for everything before the map's first keyframe.
type Timeline struct {
	Frames []Frame
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

// Compute lays out every keyframe of m. The first keyframe starts from a
// layout of all ties that ever exist (so that actors have a home before
// their ties begin); each later keyframe starts from, and is anchored to,
// the one before it; actors that appear start at their home position.
// Pinned actors stay where m.Pins puts them. It takes O(K·S·n²) for K
// keyframes, S sweeps and n actors.
func Compute(m *model.Map, opt Options) *Timeline {
	opt = opt.withDefaults()
	rng := rand.New(rand.NewSource(opt.Seed))
	keys := m.Keyframes()
	days := make([]model.Day, 0, len(keys)+1)
	if len(keys) == 0 {
		days = append(days, 0)
	} else {
		days = append(days, keys[0]-1)
		days = append(days, keys...)
	}

	home, whole := aggregate(m, opt, rng)
	tl := &Timeline{Frames: make([]Frame, 0, len(days))}
	var prev map[model.ID]model.Point
	for _, day := range days {
		snap := m.Snapshot(day)
		pos := keyframe(m, snap, prev, home, whole, opt)
		tl.Frames = append(tl.Frames, Frame{At: day, Pos: pos})
		prev = pos
	}
	return tl
}

// aggregate lays out the union of every actor and tie of m, in layout
// units, and returns it with the union's distances.
func aggregate(m *model.Map, opt Options, rng *rand.Rand) (map[model.ID]model.Point, unionDistances) {
	all := model.Snapshot{Actors: m.Actors, Ties: m.Ties}
	g := buildGraph(all)
	n := len(g.ids)
	out := make(map[model.ID]model.Point, n)
	if n == 0 {
		return out, unionDistances{}
	}
	d := g.distances()
	whole := unionDistances{index: make(map[model.ID]int, n), n: n, d: d}
	for i, id := range g.ids {
		whole.index[id] = i
	}
	pos := pivotMDS(d, n, rng)
	scaleToDistances(pos, d)
	fixed := pinned(m, g.ids, pos, opt.EdgeLength)
	anchoredStress{n: n, d: d, fixed: fixed}.run(pos, opt.MaxSweeps, 1e-6)
	for i, id := range g.ids {
		out[id] = model.Point{X: pos[i][0] * opt.EdgeLength, Y: pos[i][1] * opt.EdgeLength}
	}
	return out, whole
}

// unionDistances are the hop distances of the graph of every tie that ever
// exists.
type unionDistances struct {
	index map[model.ID]int
	n     int
	d     []float64
}

// fillDisconnected replaces, in the distances d of the keyframe graph g,
// the pairs that g leaves unconnected by their distance in the union graph
// (when that is shorter), so that an actor whose ties have not begun or
// have ended stays near the actors it is tied to at other times.
func (u unionDistances) fillDisconnected(g graph, d []float64, connected []bool) {
	n := len(g.ids)
	for i := 0; i < n; i++ {
		ui, ok := u.index[g.ids[i]]
		if !ok {
			continue
		}
		for j := 0; j < n; j++ {
			if connected[i*n+j] {
				continue
			}
			if uj, ok := u.index[g.ids[j]]; ok && u.d[ui*u.n+uj] < d[i*n+j] {
				d[i*n+j] = u.d[ui*u.n+uj]
			}
		}
	}
}

// pinned marks the pinned actors and puts them at their pins (converted to
// graph units).
func pinned(m *model.Map, ids []model.ID, pos [][2]float64, unit float64) []bool {
	fixed := make([]bool, len(ids))
	for i, id := range ids {
		if p, ok := m.Pins[id]; ok {
			fixed[i] = true
			pos[i] = [2]float64{p.X / unit, p.Y / unit}
		}
	}
	return fixed
}

// keyframe lays out one snapshot, starting from and anchored to prev.
func keyframe(m *model.Map, snap model.Snapshot, prev, home map[model.ID]model.Point, whole unionDistances, opt Options) map[model.ID]model.Point {
	g := buildGraph(snap)
	n := len(g.ids)
	out := make(map[model.ID]model.Point, n)
	if n == 0 {
		return out
	}
	d, connected := g.distancesConnected()
	whole.fillDisconnected(g, d, connected)
	unit := opt.EdgeLength
	pos := make([][2]float64, n)
	anchor := make([][2]float64, n)
	alpha := make([]float64, n)
	kappa := anchorWeight(opt.Stability)
	for i, id := range g.ids {
		if p, ok := prev[id]; ok {
			pos[i] = [2]float64{p.X / unit, p.Y / unit}
			anchor[i] = pos[i]
			var w float64
			for j := 0; j < n; j++ {
				if j != i {
					w += 1 / (d[i*n+j] * d[i*n+j])
				}
			}
			alpha[i] = kappa * w
			continue
		}
		p := home[id]
		pos[i] = [2]float64{p.X / unit, p.Y / unit}
	}
	fixed := pinned(m, g.ids, pos, unit)
	if math.IsInf(kappa, 1) {
		for i, id := range g.ids {
			if _, ok := prev[id]; ok {
				fixed[i] = true
			}
		}
		for i := range alpha {
			alpha[i] = 0
		}
	}
	anchoredStress{n: n, d: d, anchor: anchor, alpha: alpha, fixed: fixed}.run(pos, opt.MaxSweeps, 1e-6)

	boxes := make([]box, n)
	for i, a := range snap.Actors {
		sz := opt.Box(a)
		boxes[i] = box{x: pos[i][0] * unit, y: pos[i][1] * unit, w: sz.W, h: sz.H, fixed: fixed[i]}
		if p, ok := m.Pins[a.ID]; ok {
			boxes[i].x, boxes[i].y = p.X, p.Y // exactly, not via graph units
		}
	}
	removeOverlaps(boxes, opt.Gap)
	for i, id := range g.ids {
		out[id] = model.Point{X: boxes[i].x, Y: boxes[i].y}
	}
	return out
}

// anchorWeight maps Stability to κ, the anchor weight relative to a node's
// total stress weight: 0 → 0, 0.5 → 0.3, 1 → +Inf (nothing moves).
func anchorWeight(stability float64) float64 {
	if stability >= 1 {
		return math.Inf(1)
	}
	return 0.3 * stability / (1 - stability)
}
