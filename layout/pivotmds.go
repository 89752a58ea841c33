package layout

import (
	"math/rand"

	"gonum.org/v1/gonum/mat"
)

// pivotMDS returns a 2-D embedding of n nodes from their distances to k
// pivots (rows[p][i], all reachable), by the two leading eigenvectors of
// the double-centred squared distances (Brandes and Pich, "Eigensolver
// Methods for Progressive Multidimensional Scaling of Large Data", GD 2006).
// It takes O(n·k²) time.
func pivotMDS(rows [][]int32, n int, rng *rand.Rand) [][2]float64 {
	k := len(rows)
	pos := make([][2]float64, n)
	c := mat.NewDense(n, k, nil)
	colMean := make([]float64, k)
	rowMean := make([]float64, n)
	var all float64
	for p, row := range rows {
		for i, d := range row {
			v := float64(d) * float64(d)
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
		var proj mat.VecDense
		proj.MulVec(c, vecs.ColView(col))
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
