package layout

import (
	"math"

	"relmap/model"
)

// NormalizedStress scores positions of the actors in snap against their
// hop distances: the mean over connected pairs of ((α‖xi−xj‖ − dij)/dij)²,
// with α the scale factor that minimises it (Σ ‖x‖/d / Σ ‖x‖²/d²). Pairs in
// different components are left out. 0 is perfect; lower is better. This
// is the measure of the dynamic-layout literature (see DESIGN.md). Up to
// 10,000 actors every pair counts; above, the pairs of 1,000 actors spread
// evenly through snap estimate it.
func NormalizedStress(snap model.Snapshot, pos map[model.ID]model.Point) float64 {
	g := buildGraph(snap)
	return stressOf(g, positionsOf(g, pos), stressSourcesOf(g.n()))
}

// Overlaps counts the pairs of actors in snap whose boxes overlap at pos.
func Overlaps(snap model.Snapshot, pos map[model.ID]model.Point, size func(model.Actor) Size) int {
	b := make([]box, len(snap.Actors))
	for i, a := range snap.Actors {
		s := size(a)
		p := pos[a.ID]
		b[i] = box{x: p.X, y: p.Y, w: s.W, h: s.H}
	}
	return overlaps(b)
}

// Crossings counts the pairs of ties in snap whose straight segments cross
// at pos (ties sharing an actor are not counted; parallel and directed ties
// count once). Up to 30,000 tied pairs it counts exactly, in O(m²); above,
// it estimates from 2,000 ties spread evenly through the ties, each tested
// against all, and reports estimated.
func Crossings(snap model.Snapshot, pos map[model.ID]model.Point) (count int, estimated bool) {
	g := buildGraph(snap)
	return crossingsOf(segmentsOf(g, positionsOf(g, pos)))
}

// Moved counts the actors present in both frames a and b, and those of
// them that moved more than tol from one to the other: how much of a
// picture an edit moved.
func Moved(a, b map[model.ID]model.Point, tol float64) (moved, both int) {
	for id, p := range b {
		if q, ok := a[id]; ok {
			both++
			if math.Hypot(p.X-q.X, p.Y-q.Y) > tol {
				moved++
			}
		}
	}
	return moved, both
}

// Movement is the mean displacement of the actors present in both frames,
// as a share of the diameter of the later frame's layout (the diagonal of
// its bounding box). DynamicMovement is the measure the dynamic-layout
// literature reports.
func Movement(a, b map[model.ID]model.Point) float64 {
	var sum float64
	var count int
	for id, p := range a {
		if q, ok := b[id]; ok {
			sum += math.Hypot(p.X-q.X, p.Y-q.Y)
			count++
		}
	}
	diam := diameter(b)
	if count == 0 || diam == 0 {
		return 0
	}
	return sum / float64(count) / diam
}

func diameter(pos map[model.ID]model.Point) float64 {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	if len(pos) < 2 {
		return 0
	}
	return math.Hypot(maxX-minX, maxY-minY)
}

// StressScale is the one scale factor α that minimises the normalized
// stress summed over all pairs of all frames of a dynamic layout:
// α = Σ ‖xi−xj‖/dij / Σ ‖xi−xj‖²/dij², both sums over every frame k and
// every pair of actors joined by a path in snaps[k] (dij their hop
// distance, xi the positions in frames[k]). It is 1 when no frame has such
// a pair or all of them sit on one point. It panics when snaps and frames
// differ in length.
func StressScale(snaps []model.Snapshot, frames []map[model.ID]model.Point) float64 {
	if len(snaps) != len(frames) {
		panic("layout: StressScale: snaps and frames differ in length")
	}
	sums := make([]stressSums, len(snaps))
	for k := range snaps {
		sums[k] = stressSumsOf(snaps[k], frames[k])
	}
	return commonScale(sums)
}

// DynamicMovement is how far the actors move from frame a (at snapshot
// prev) to frame b (at next), relative to the size of the picture: with V
// the actors that have at least one neighbour both in prev and in next
// (and a position in both frames),
//
//	DynamicMovement = (1/|V|) Σ_{i∈V} ‖b_i − a_i‖ / max_{i,j∈V} ‖a_i − a_j‖,
//
// the mean displacement over V divided by the diameter of V in the earlier
// frame (greatest distance between two of its actors). Isolated actors are
// not "present" in the sense of the dynamic-layout literature, so they are
// left out. A scale α applied to both frames cancels, so the value does not
// depend on it. It is 0 when V has fewer than two actors or no extent.
// O(n + m + |V|²) for n actors and m ties.
//
// Averaged over consecutive frames (see DynamicScores) this reproduces the
// movement figures that datasets/dynamic/README.md gives for visone's
// dynamic layouts (newcomb 7.2%, rugby 11.6%, pride 10.1%) to within 0.02
// percentage points. Movement, by contrast, takes every actor of a and the
// bounding-box diagonal of b.
func DynamicMovement(prev, next model.Snapshot, a, b map[model.ID]model.Point) float64 {
	m, _ := dynamicMovement(prev, next, a, b)
	return m
}

// DynamicScores scores a dynamic layout, frames[k] being the positions at
// snaps[k], as the dynamic-layout literature does (Simonetto, Archambault
// and Kobourov, "Event-Based Dynamic Graph Visualisation", TVCG 26(7),
// 2020) and as datasets/dynamic/README.md reports:
//
//	stress   = (1/K) Σ_k (1/|P_k|) Σ_{(i,j)∈P_k} ((α‖xi−xj‖ − dij)/dij)²
//	movement = (1/M) Σ_k DynamicMovement(snaps[k], snaps[k+1], frames[k], frames[k+1])
//
// where P_k are the pairs joined by a path in snaps[k], dij their hop
// distance, α = StressScale(snaps, frames) is one scale for the whole
// sequence, K counts the frames with at least one such pair and M the
// consecutive pairs of frames whose movement is defined (two or more
// actors present in both, with some extent). Lower is better for both.
//
// One α for all frames is what reproduces the README's stress figures for
// visone (0.103, 0.123, 0.188); a separate α per frame, as NormalizedStress
// takes, scores the same positions lower (0.103, 0.119, 0.180). It panics
// when snaps and frames differ in length. O(K·n·(n + m)) for K frames of n
// actors and m ties: every pair counts, however large the frame.
func DynamicScores(snaps []model.Snapshot, frames []map[model.ID]model.Point) (stress, movement float64) {
	if len(snaps) != len(frames) {
		panic("layout: DynamicScores: snaps and frames differ in length")
	}
	sums := make([]stressSums, len(snaps))
	for k := range snaps {
		sums[k] = stressSumsOf(snaps[k], frames[k])
	}
	alpha := commonScale(sums)
	var counted int
	for _, s := range sums {
		if s.p > 0 {
			stress += s.at(alpha)
			counted++
		}
	}
	if counted > 0 {
		stress /= float64(counted)
	}
	counted = 0
	for k := 1; k < len(snaps); k++ {
		if m, ok := dynamicMovement(snaps[k-1], snaps[k], frames[k-1], frames[k]); ok {
			movement += m
			counted++
		}
	}
	if counted > 0 {
		movement /= float64(counted)
	}
	return stress, movement
}

// stressSums are the sums over the pairs of actors joined by a path in one
// frame from which its normalized stress at any scale follows: s1 = Σ e/d
// and s2 = Σ e²/d², e being a pair's distance in the layout and d its hop
// distance, and p the number of pairs.
type stressSums struct{ s1, s2, p float64 }

// stressSumsOf adds up the stressSums of pos on snap, with one
// breadth-first search per actor that has a neighbour.
func stressSumsOf(snap model.Snapshot, pos map[model.ID]model.Point) stressSums {
	g := buildGraph(snap)
	n := g.n()
	dist, queue := make([]int32, n), make([]int32, 0, n)
	var s stressSums
	for i := 0; i < n; i++ {
		if len(g.adj[i]) == 0 {
			continue
		}
		g.bfs(i, dist, queue)
		pi := pos[g.ids[i]]
		for j := i + 1; j < n; j++ {
			if dist[j] <= 0 {
				continue
			}
			pj := pos[g.ids[j]]
			e, d := math.Hypot(pi.X-pj.X, pi.Y-pj.Y), float64(dist[j])
			s.s1 += e / d
			s.s2 += e * e / (d * d)
			s.p++
		}
	}
	return s
}

// at is the normalized stress at scale alpha, (1/p) Σ ((alpha·e − d)/d)²,
// expanded as 1 − 2·alpha·s1/p + alpha²·s2/p. s.p must not be zero.
func (s stressSums) at(alpha float64) float64 {
	return math.Max(0, 1-2*alpha*s.s1/s.p+alpha*alpha*s.s2/s.p)
}

// commonScale is the scale factor that minimises the stress summed over
// the pairs of all sums: Σ s1 / Σ s2, or 1 when that is undefined.
func commonScale(sums []stressSums) float64 {
	var s1, s2 float64
	for _, s := range sums {
		s1 += s.s1
		s2 += s.s2
	}
	if s2 == 0 {
		return 1
	}
	return s1 / s2
}

// dynamicMovement is DynamicMovement, and whether it is defined.
func dynamicMovement(prev, next model.Snapshot, a, b map[model.ID]model.Point) (float64, bool) {
	linked := linkedActors(next)
	var pa, pb []model.Point
	g := buildGraph(prev)
	for i, id := range g.ids {
		p, okA := a[id]
		q, okB := b[id]
		if len(g.adj[i]) > 0 && linked[id] && okA && okB {
			pa = append(pa, p)
			pb = append(pb, q)
		}
	}
	var diam float64
	for i := range pa {
		for j := i + 1; j < len(pa); j++ {
			diam = math.Max(diam, math.Hypot(pa[i].X-pa[j].X, pa[i].Y-pa[j].Y))
		}
	}
	if diam == 0 {
		return 0, false
	}
	var sum float64
	for i := range pa {
		sum += math.Hypot(pb[i].X-pa[i].X, pb[i].Y-pa[i].Y)
	}
	return sum / float64(len(pa)) / diam, true
}

// linkedActors is the set of actors of snap with at least one neighbour.
func linkedActors(snap model.Snapshot) map[model.ID]bool {
	g := buildGraph(snap)
	linked := make(map[model.ID]bool, g.n())
	for i, id := range g.ids {
		if len(g.adj[i]) > 0 {
			linked[id] = true
		}
	}
	return linked
}
