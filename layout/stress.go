package layout

import (
	"context"
	"math"
)

// stressModel is the stress of one connected group of nodes with anchor
// terms:
//
//	Σ_i Σ_{j ∈ T(i)} w_ij (‖x_i−x_j‖ − d_ij)² + Σ_t Σ_i α_ti ‖x_i − a_ti‖
//
// for anchor terms t (see anchorTerm).
// In the full model T(i) is every other node and w_ij = d_ij⁻² (Gansner,
// Koren and North, "Graph Drawing by Stress Majorization", GD 2004). In the
// sparse model T(i) is i's neighbours and a set of pivots, each pivot
// weighted by the part of the graph it stands for (Ortmann, Klimenta and
// Brandes, "A Sparse Stress Model", GD 2016), which takes O(n·k) memory and
// time per sweep for k pivots instead of O(n²).
//
// Each sweep moves every node to its localized Guttman transform computed
// from the previous sweep's positions (a Jacobi step), so that nodes are
// updated in parallel and the result does not depend on the number of
// cores. Fixed nodes do not move.
//
// An anchor term costs the distance from the anchor, not its square: it
// charges every actor the same for each unit it moves, which is how
// movement between keyframes is seen and measured, so an actor whose ties
// change can make one clear move instead of the whole picture creeping. It
// is majorized, as the stress is, by a quadratic through the last sweep's
// distance r: α‖x−a‖ ≤ α(‖x−a‖²/r + r)/2. Below anchorFloor r is taken as
// anchorFloor, so the cost is in effect quadratic for moves shorter than
// that (a Huber cost) and an actor at its anchor is not held infinitely
// hard.
type stressModel struct {
	n int
	// Full model: d[i*n+j] is the target distance of the pair in edge
	// lengths, 0 for no term; ghost[i*n+j] marks pairs whose distance comes
	// from ties of other dates and so pull with ghostPull; idle[i] is true
	// when node i has no tie on the keyframe's date (nil without ghosts).
	d     []uint16
	ghost []bool
	idle  []bool
	// Sparse model: the terms of node i are off[i]..off[i+1] of to, dist
	// and w.
	off  []int32
	to   []int32
	dist []float32
	w    []float32

	anchors []anchorTerm // nil: no anchoring
	fixed   []bool       // nil: nothing fixed
}

// anchorTerm pulls node i toward at[i] with weight alpha[i] (0: not at
// all).
type anchorTerm struct {
	at    [][2]float64
	alpha []float64
}

// A pair that is not connected on the keyframe's date takes its target
// distance from the ties of all dates, and its pull is scaled down. Where
// one of the two has no tie on the date the pull is idleGhostWeight: it is
// all that places an idle actor, which so waits near its partners of other
// times, and it keeps the ties of sparse dates from drifting away from
// where they were and will be. Between two actors that both have ties on
// the date it is the weaker ghostWeight, so that the picture of the ties
// in force is not bent toward other dates'.
const (
	ghostWeight     = 0.01
	idleGhostWeight = 0.1
)

// ghostScale is the scale of a ghost pair's pull, given whether each of
// the two is idle (has no tie on the date).
func ghostScale(idleI, idleJ bool) float64 {
	if idleI || idleJ {
		return idleGhostWeight
	}
	return ghostWeight
}

// ghostPull is the scale of the ghost pair i, j of the full model.
func (s *stressModel) ghostPull(i, j int) float64 { return ghostScale(s.idle[i], s.idle[j]) }

// anchorFloor, in edge lengths, is the distance below which an anchor
// term's cost is quadratic (see stressModel).
const anchorFloor = 0.2

// invSq[d] is 1/d² for the small hop distances of the full model.
var invSq = func() []float64 {
	t := make([]float64, 1<<16)
	for d := 1; d < len(t); d++ {
		t[d] = 1 / float64(d*d)
	}
	return t
}()

// meanWeight is the mean over nodes of the sum of each node's stress
// weights: how hard, on average, its pairs hold a node where it is.
func (s *stressModel) meanWeight() float64 {
	if s.n == 0 {
		return 0
	}
	sums := make([]float64, numChunks(s.n))
	parallelChunks(s.n, func(c, lo, hi int) {
		var sum float64
		for i := lo; i < hi; i++ {
			if s.d != nil {
				for j, d := range s.d[i*s.n : (i+1)*s.n] {
					if d == 0 {
						continue
					}
					if s.ghost != nil && s.ghost[i*s.n+j] {
						sum += s.ghostPull(i, j) * invSq[d]
					} else {
						sum += invSq[d]
					}
				}
			} else {
				for t := s.off[i]; t < s.off[i+1]; t++ {
					sum += float64(s.w[t])
				}
			}
		}
		sums[c] = sum
	})
	var total float64
	for _, v := range sums {
		total += v
	}
	return total / float64(s.n)
}

// run sweeps until the stress changes by less than tol of itself, or
// maxSweeps is reached, or ctx is done (then it returns ctx's error and
// pos holds the last complete sweep).
func (s *stressModel) run(ctx context.Context, pos [][2]float64, maxSweeps int, tol float64) error {
	next := make([][2]float64, s.n)
	partial := make([]float64, numChunks(s.n))
	prev := math.Inf(1)
	for sweep := 0; sweep < maxSweeps; sweep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		cur := s.sweep(pos, next, partial)
		copy(pos, next)
		if sweep > 0 && math.Abs(prev-cur) <= tol*prev {
			return nil
		}
		prev = cur
	}
	return nil
}

// sweep writes every node's update into next and returns the stress of
// pos.
func (s *stressModel) sweep(pos, next [][2]float64, partial []float64) float64 {
	parallelChunks(s.n, func(c, lo, hi int) {
		var stress float64
		for i := lo; i < hi; i++ {
			var p [2]float64
			var e float64
			if s.d != nil {
				p, e = s.updateFull(i, pos)
			} else {
				p, e = s.updateSparse(i, pos)
			}
			stress += e
			if s.fixed != nil && s.fixed[i] {
				p = pos[i]
			}
			next[i] = p
		}
		partial[c] = stress
	})
	var sum float64
	for _, v := range partial {
		sum += v
	}
	return sum
}

// updateFull is node i's localized Guttman transform in the full model,
// and its share of the stress.
func (s *stressModel) updateFull(i int, pos [][2]float64) ([2]float64, float64) {
	n := s.n
	xi, yi := pos[i][0], pos[i][1]
	var sx, sy, sw, stress float64
	row := s.d[i*n : (i+1)*n]
	var ghost []bool
	if s.ghost != nil {
		ghost = s.ghost[i*n : (i+1)*n]
	}
	for j, dj := range row {
		if dj == 0 {
			continue
		}
		w := invSq[dj]
		if ghost != nil && ghost[j] {
			w *= s.ghostPull(i, j)
		}
		d := float64(dj)
		dx, dy := xi-pos[j][0], yi-pos[j][1]
		e := math.Sqrt(dx*dx + dy*dy)
		if e < 1e-9 {
			dx, dy, e = coincident(i, j)
		}
		r := d / e
		sx += w * (pos[j][0] + r*dx)
		sy += w * (pos[j][1] + r*dy)
		sw += w
		stress += w * (e - d) * (e - d)
	}
	return s.finish(i, pos, sx, sy, sw, stress)
}

// updateSparse is updateFull for the sparse model. The loop body is the
// same as updateFull's on purpose: as a shared helper it is too big for Go
// to inline, and the call per pair slowed full stress at 2,000 actors by
// about 17% (0.63 s to 0.74 s in BenchmarkCompare).
func (s *stressModel) updateSparse(i int, pos [][2]float64) ([2]float64, float64) {
	xi, yi := pos[i][0], pos[i][1]
	var sx, sy, sw, stress float64
	for t := s.off[i]; t < s.off[i+1]; t++ {
		j := s.to[t]
		w, d := float64(s.w[t]), float64(s.dist[t])
		dx, dy := xi-pos[j][0], yi-pos[j][1]
		e := math.Sqrt(dx*dx + dy*dy)
		if e < 1e-9 {
			dx, dy, e = coincident(i, int(j))
		}
		r := d / e
		sx += w * (pos[j][0] + r*dx)
		sy += w * (pos[j][1] + r*dy)
		sw += w
		stress += w * (e - d) * (e - d)
	}
	return s.finish(i, pos, sx, sy, sw, stress)
}

// finish adds the anchor terms to a node's update.
func (s *stressModel) finish(i int, pos [][2]float64, sx, sy, sw, stress float64) ([2]float64, float64) {
	for _, t := range s.anchors {
		a := t.alpha[i]
		if a <= 0 {
			continue
		}
		r := math.Hypot(pos[i][0]-t.at[i][0], pos[i][1]-t.at[i][1])
		stress += a * r
		a /= 2 * math.Max(r, anchorFloor)
		sx += a * t.at[i][0]
		sy += a * t.at[i][1]
		sw += a
	}
	if sw == 0 {
		return pos[i], stress
	}
	return [2]float64{sx / sw, sy / sw}, stress
}

// coincident is the direction two nodes at the same point are pushed
// apart along: fixed by their indexes, so that results repeat.
func coincident(i, j int) (dx, dy, e float64) {
	dx, dy = float64(i-j), 0.5
	return dx, dy, math.Hypot(dx, dy)
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
