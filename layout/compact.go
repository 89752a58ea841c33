package layout

import (
	"cmp"
	"math"
	"slices"

	"relmap/model"
)

// Compaction: when actors leave, the ones that stay keep their places, and
// the picture of a date can grow sparse; and actors that appear with no
// partner yet start at their home in the aggregate, which may lie far
// from the others. Every compactEvery dates (every date while fewer than
// fewActors are alive), if the box of the date's actors spans more than
// compactTrigger times the diagonal of its connected parts packed side by
// side, the parts are drawn together.
//
// Each connected part moves as one piece, keeping its shape; parts whose
// boxes overlap move together. The piece that holds the most actors (the
// anchor) stays where it is; every other piece's goal is where it would
// be if the picture were scaled about the anchor's centre to the packed
// diagonal. The pieces slide toward their goals by scan lines, first
// along x and then along y, nearest the anchor first: a piece stops at its
// goal, at a piece already placed that shares part of its height (for x)
// or width (for y), or at the far end of the picture. Two pieces that face
// each other across the axis keep their order, so the picture's
// left–right and above–below order is kept where the eye sees it (Misra,
// Eades, Lai and Sugiyama, "Layout Adjustment and the Mental Map", 1995),
// no two boxes come to overlap, nothing moves away from the anchor, and
// the picture never grows. Aiming every piece at the anchor's centre
// stacked loose actors into a column; scaling the centres and then
// removing the overlaps that made stacked wide pieces the same way.
const (
	compactEvery   = 16
	compactTrigger = 1.6
	compactRounds  = 4
)

// fewActors is the number of actors below which compaction is checked on
// every date, where a check costs little and each actor that leaves
// leaves a large hole.
const fewActors = 200

// few reports whether fewer than fewActors are alive.
func (s *incState) few() bool { return s.living < fewActors }

// rect is an axis-aligned box from (x0, y0) to (x1, y1).
type rect struct{ x0, y0, x1, y1 float64 }

func emptyRect() rect { return rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (r rect) union(o rect) rect {
	return rect{min(r.x0, o.x0), min(r.y0, o.y0), max(r.x1, o.x1), max(r.y1, o.y1)}
}

func (r rect) meets(o rect) bool {
	return r.x0 < o.x1-overlapTol && o.x0 < r.x1-overlapTol &&
		r.y0 < o.y1-overlapTol && o.y0 < r.y1-overlapTol
}

// piece is what compaction moves as one: connected parts whose boxes,
// each grown by half the gap, overlap.
type piece struct {
	r      rect
	nodes  []int32
	pinned bool
}

// compact draws the date's parts together when the picture has grown
// sparse (see compactTrigger), and records what moved.
func (s *incState) compact(b *timelineBuilder) {
	var nodes []int32
	for i, ok := range s.alive {
		if ok {
			nodes = append(nodes, int32(i))
		}
	}
	if len(nodes) < 2 {
		return
	}
	comp, parts := s.partsOf(nodes)
	half := s.opt.Gap / 2
	pieces := make([]piece, parts)
	for k := range pieces {
		pieces[k].r = emptyRect()
	}
	all := emptyRect()
	for _, i := range nodes {
		p, sz := s.xy[i], s.size[i]
		r := rect{p.X - sz.W/2 - half, p.Y - sz.H/2 - half, p.X + sz.W/2 + half, p.Y + sz.H/2 + half}
		pc := &pieces[comp[i]]
		pc.r = pc.r.union(r)
		pc.nodes = append(pc.nodes, i)
		pc.pinned = pc.pinned || s.pin[i]
		all = all.union(r)
	}
	var area float64
	for _, pc := range pieces {
		area += (pc.r.x1 - pc.r.x0) * (pc.r.y1 - pc.r.y0)
	}
	packed := math.Sqrt(2 * area)
	span := math.Hypot(all.x1-all.x0, all.y1-all.y0)
	if span <= compactTrigger*packed {
		return
	}
	pieces = mergeOverlapping(pieces)
	if len(pieces) < 2 {
		return
	}
	anchor := 0
	for k, pc := range pieces {
		if len(pc.nodes) > len(pieces[anchor].nodes) {
			anchor = k
		}
	}
	alongX := func(r *rect) (*float64, *float64, float64, float64) { return &r.x0, &r.x1, r.y0, r.y1 }
	alongY := func(r *rect) (*float64, *float64, float64, float64) { return &r.y0, &r.y1, r.x0, r.x1 }
	// A few small steps, x and y in turn, so that neither axis is
	// squeezed first and blocks the other.
	f := math.Pow(packed/span, 1.0/compactRounds)
	dx, dy := make([]float64, len(pieces)), make([]float64, len(pieces))
	for range compactRounds {
		for k, d := range scanCompact(pieces, anchor, f, alongX) {
			dx[k] += d
		}
		for k, d := range scanCompact(pieces, anchor, f, alongY) {
			dy[k] += d
		}
	}
	for k, pc := range pieces {
		if dx[k] == 0 && dy[k] == 0 {
			continue
		}
		for _, i := range pc.nodes {
			s.moveTo(i, model.Point{X: s.xy[i].X + dx[k], Y: s.xy[i].Y + dy[k]}, b)
		}
	}
}

// mergeOverlapping joins pieces whose boxes overlap until none do; the
// result is in the order of each joined piece's first member.
func mergeOverlapping(pieces []piece) []piece {
	for {
		order := make([]int, len(pieces))
		for k := range order {
			order[k] = k
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Compare(pieces[a].r.x0, pieces[b].r.x0)
		})
		parent := make([]int, len(pieces))
		for k := range parent {
			parent[k] = k
		}
		var find func(int) int
		find = func(k int) int {
			for parent[k] != k {
				parent[k] = parent[parent[k]]
				k = parent[k]
			}
			return k
		}
		merged := false
		var active []int
		for _, k := range order {
			r := pieces[k].r
			active = slices.DeleteFunc(active, func(j int) bool { return pieces[j].r.x1 <= r.x0+overlapTol })
			for _, j := range active {
				if r.meets(pieces[j].r) {
					if a, b := find(j), find(k); a != b {
						parent[max(a, b)] = min(a, b)
						merged = true
					}
				}
			}
			active = append(active, k)
		}
		if !merged {
			return pieces
		}
		var out []piece
		at := make(map[int]int)
		for k, pc := range pieces {
			root := find(k)
			o, ok := at[root]
			if !ok {
				at[root] = len(out)
				out = append(out, piece{r: emptyRect()})
				o = len(out) - 1
			}
			out[o].r = out[o].r.union(pc.r)
			out[o].nodes = append(out[o].nodes, pc.nodes...)
			out[o].pinned = out[o].pinned || pc.pinned
		}
		pieces = out
	}
}

// scanCompact slides the pieces along one axis toward their places in the
// picture scaled by f about the anchor's centre (see Compaction), updates their boxes and returns each piece's shift.
// axis gives a box's low and high ends along the axis and its extent
// across it. The pieces must not overlap.
//
// The pieces beyond the anchor's centre go first, nearest first, each
// stopped by the placed pieces before it that share part of its extent
// across the axis and by the pieces on the near side where they are;
// then the near side's pieces, nearest first, each stopped by every
// placed piece after it.
func scanCompact(pieces []piece, anchor int, f float64, axis func(*rect) (*float64, *float64, float64, float64)) []float64 {
	n := len(pieces)
	lo, hi := make([]float64, n), make([]float64, n)
	across := make([][2]float64, n)
	for k := range pieces {
		l, h, c0, c1 := axis(&pieces[k].r)
		lo[k], hi[k], across[k] = *l, *h, [2]float64{c0, c1}
	}
	mid := func(k int) float64 { return (lo[k] + hi[k]) / 2 }
	faces := func(a, b int) bool {
		return across[a][0] < across[b][1]-overlapTol && across[b][0] < across[a][1]-overlapTol
	}
	centre := mid(anchor)
	allLo, allHi := slices.Min(lo), slices.Max(hi)
	var far, near []int
	for k, pc := range pieces {
		switch {
		case k == anchor || pc.pinned:
		case mid(k) >= centre:
			far = append(far, k)
		default:
			near = append(near, k)
		}
	}
	slices.SortStableFunc(far, func(a, b int) int { return cmp.Compare(lo[a], lo[b]) })
	slices.SortStableFunc(near, func(a, b int) int { return cmp.Compare(hi[b], hi[a]) })
	shift := make([]float64, n)
	newLo, newHi := slices.Clone(lo), slices.Clone(hi)
	for _, k := range far {
		stop := max(centre+(mid(k)-centre)*f-(hi[k]-lo[k])/2, allLo)
		for j := range n {
			if j != k && mid(j) < mid(k) && faces(j, k) {
				stop = max(stop, newHi[j])
			}
		}
		if stop < lo[k] {
			shift[k] = stop - lo[k]
			newLo[k], newHi[k] = stop, hi[k]+shift[k]
		}
	}
	for _, k := range near {
		stop := min(centre+(mid(k)-centre)*f+(hi[k]-lo[k])/2, allHi)
		for j := range n {
			if j != k && mid(j) > mid(k) && faces(j, k) {
				stop = min(stop, newLo[j])
			}
		}
		if stop > hi[k] {
			shift[k] = stop - hi[k]
			newLo[k], newHi[k] = lo[k]+shift[k], stop
		}
	}
	for k := range pieces {
		l, h, _, _ := axis(&pieces[k].r)
		*l, *h = newLo[k], newHi[k]
	}
	return shift
}
