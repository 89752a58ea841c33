package layout

import (
	"math"
	"math/rand"

	"gonum.org/v1/gonum/mat"
)

// pivotMDS returns a 2-D embedding of the n×n distance matrix d from k
// pivots chosen by max-min distance (Brandes and Pich 2006). It takes
// O(k·n + k³) time after the distances.
func pivotMDS(d []float64, n int, rng *rand.Rand) [][2]float64 {
	pos := make([][2]float64, n)
	if n <= 2 {
		for i := range pos {
			pos[i] = [2]float64{float64(i), 0}
		}
		return pos
	}
	k := n
	if k > 50 {
		k = 50
	}
	pivots := []int{0}
	minDist := make([]float64, n)
	for j := range minDist {
		minDist[j] = d[j]
	}
	for len(pivots) < k {
		best := 0
		for j := 1; j < n; j++ {
			if minDist[j] > minDist[best] {
				best = j
			}
		}
		pivots = append(pivots, best)
		for j := range minDist {
			minDist[j] = math.Min(minDist[j], d[best*n+j])
		}
	}
	// Double-centre the squared distances to the pivots.
	c := mat.NewDense(n, k, nil)
	colMean := make([]float64, k)
	rowMean := make([]float64, n)
	var all float64
	for i := 0; i < n; i++ {
		for p, piv := range pivots {
			v := d[i*n+piv] * d[i*n+piv]
			c.Set(i, p, v)
			colMean[p] += v / float64(n)
			rowMean[i] += v / float64(k)
			all += v / float64(n*k)
		}
	}
	for i := 0; i < n; i++ {
		for p := 0; p < k; p++ {
			c.Set(i, p, -0.5*(c.At(i, p)-rowMean[i]-colMean[p]+all))
		}
	}
	var ctc mat.SymDense
	ctc.SymOuterK(1, c.T())
	var eig mat.EigenSym
	if !eig.Factorize(&ctc, true) {
		return randomPositions(n, rng)
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	vals := eig.Values(nil)
	// EigenSym orders values ascending: the last two are the largest.
	for axis := 0; axis < 2; axis++ {
		col := k - 1 - axis
		if col < 0 || vals[col] <= 1e-12 {
			for i := range pos {
				pos[i][axis] = rng.Float64() - 0.5
			}
			continue
		}
		v := vecs.ColView(col)
		var proj mat.VecDense
		proj.MulVec(c, v)
		for i := 0; i < n; i++ {
			pos[i][axis] = proj.AtVec(i)
		}
	}
	return pos
}

func randomPositions(n int, rng *rand.Rand) [][2]float64 {
	pos := make([][2]float64, n)
	for i := range pos {
		pos[i] = [2]float64{rng.Float64(), rng.Float64()}
	}
	return pos
}

// scaleToDistances multiplies pos by the factor that minimises the weighted
// stress against d (weights 1/d²).
func scaleToDistances(pos [][2]float64, d []float64) {
	n := len(pos)
	var num, den float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dij := d[i*n+j]
			e := math.Hypot(pos[i][0]-pos[j][0], pos[i][1]-pos[j][1])
			num += e / dij
			den += e * e / (dij * dij)
		}
	}
	if den == 0 {
		return
	}
	s := num / den
	for i := range pos {
		pos[i][0] *= s
		pos[i][1] *= s
	}
}

// anchoredStress is stress majorization with an anchor term: it minimises
//
//	Σ_{i<j} w_ij (‖x_i−x_j‖ − d_ij)² + Σ_i α_i ‖x_i − a_i‖²
//
// with w_ij = d_ij⁻², updating one node at a time with its localized
// Guttman transform (Gansner, Koren and North 2004, section 2.3). Nodes
// with fixed[i] set do not move. Each sweep takes O(n²).
type anchoredStress struct {
	n      int
	d      []float64
	anchor [][2]float64 // nil: no anchoring
	alpha  []float64
	fixed  []bool
}

func (s anchoredStress) run(pos [][2]float64, maxSweeps int, tol float64) {
	n := s.n
	prev := math.Inf(1)
	for sweep := 0; sweep < maxSweeps; sweep++ {
		for i := 0; i < n; i++ {
			if s.fixed != nil && s.fixed[i] {
				continue
			}
			var sx, sy, sw float64
			for j := 0; j < n; j++ {
				if j == i {
					continue
				}
				dij := s.d[i*n+j]
				w := 1 / (dij * dij)
				dx, dy := pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]
				e := math.Hypot(dx, dy)
				if e < 1e-9 {
					// Coincident: push apart along a fixed direction that
					// depends only on the indices, so results repeat.
					dx, dy, e = float64(i-j), 0.5, math.Hypot(float64(i-j), 0.5)
				}
				sx += w * (pos[j][0] + dij*dx/e)
				sy += w * (pos[j][1] + dij*dy/e)
				sw += w
			}
			if s.anchor != nil && s.alpha[i] > 0 {
				sx += s.alpha[i] * s.anchor[i][0]
				sy += s.alpha[i] * s.anchor[i][1]
				sw += s.alpha[i]
			}
			if sw > 0 {
				pos[i] = [2]float64{sx / sw, sy / sw}
			}
		}
		cur := s.energy(pos)
		if prev-cur < tol*prev {
			return
		}
		prev = cur
	}
}

func (s anchoredStress) energy(pos [][2]float64) float64 {
	n := s.n
	var sum float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dij := s.d[i*n+j]
			e := math.Hypot(pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]) - dij
			sum += e * e / (dij * dij)
		}
		if s.anchor != nil && s.alpha[i] > 0 {
			dx, dy := pos[i][0]-s.anchor[i][0], pos[i][1]-s.anchor[i][1]
			sum += s.alpha[i] * (dx*dx + dy*dy)
		}
	}
	return sum
}
