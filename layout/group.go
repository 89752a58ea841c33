package layout

import (
	"math"
	"math/rand"
)

// group is a connected set of nodes laid out together: a connected
// component of the graph of all dates, restricted to the actors alive on
// one keyframe. Node i's target distances come from row.
type group struct {
	n   int
	adj [][]int32 // the ties in force, by local index
	// row writes the target distance from node i to every node (-1 for
	// none) and marks the ghost pairs, which are not connected on the
	// keyframe's date and take their distance from the ties of other dates.
	row func(i int, dist []int32, ghost []bool)
}

// Sizes that choose the stress model.
const (
	// fullStressLimit is the largest group laid out with full stress; above
	// it the sparse model keeps time and memory linear in n.
	fullStressLimit = 3000
	// sparsePivots is the number of pivots of the sparse model.
	sparsePivots = 200
	// mdsPivots is the number of pivots of PivotMDS.
	mdsPivots = 50
)

// model builds the group's stress model: full up to fullStressLimit nodes,
// sparse above.
func (gr group) model() *stressModel {
	if gr.n <= fullStressLimit {
		return gr.fullModel()
	}
	return gr.sparseModel(sparsePivots)
}

func (gr group) fullModel() *stressModel {
	n := gr.n
	s := &stressModel{n: n, d: make([]uint16, n*n)}
	var anyGhost bool
	ghost := make([]bool, n*n)
	parallelChunks(n, func(_, lo, hi int) {
		dist := make([]int32, n)
		for i := lo; i < hi; i++ {
			gr.row(i, dist, ghost[i*n:(i+1)*n])
			for j, v := range dist {
				if j != i && v > 0 {
					s.d[i*n+j] = uint16(min(v, math.MaxUint16))
				}
			}
		}
	})
	for _, g := range ghost {
		if g {
			anyGhost = true
			break
		}
	}
	if anyGhost {
		s.ghost = ghost
		s.idle = make([]bool, n)
		for i := range s.idle {
			s.idle[i] = len(gr.adj[i]) == 0
		}
	}
	return s
}

// pivotRows returns k pivots with their distance rows and ghost marks.
// With rng nil it chooses them by max-min distance from node 0, which
// spreads them to the periphery as PivotMDS wants; with rng, at random,
// which the sparse stress model needs so that its pivots stand for the
// bulk of the graph.
func (gr group) pivotRows(k int, rng *rand.Rand) ([]int32, [][]int32, [][]bool) {
	k = min(k, gr.n)
	var pivots []int32
	var rows [][]int32
	var ghosts [][]bool
	add := func(p int) []int32 {
		row, ghost := make([]int32, gr.n), make([]bool, gr.n)
		gr.row(p, row, ghost)
		pivots, rows, ghosts = append(pivots, int32(p)), append(rows, row), append(ghosts, ghost)
		return row
	}
	if rng != nil {
		for _, p := range rng.Perm(gr.n)[:k] {
			add(p)
		}
		return pivots, rows, ghosts
	}
	minDist := append([]int32(nil), add(0)...)
	for len(pivots) < k {
		best := -1
		for j, v := range minDist {
			if v > 0 && (best < 0 || v > minDist[best]) {
				best = j
			}
		}
		if best < 0 {
			break
		}
		for j, v := range add(best) {
			if v >= 0 && (minDist[j] < 0 || v < minDist[j]) {
				minDist[j] = v
			}
		}
	}
	return pivots, rows, ghosts
}

// sparseModel is the sparse stress model with k pivots: each node is
// measured against its neighbours and against every pivot, a pivot p
// weighted by the number of nodes of its region (the nodes closer to p
// than to any other pivot) that lie within half of the node's distance to
// p (Ortmann, Klimenta and Brandes 2016).
func (gr group) sparseModel(k int) *stressModel {
	n := gr.n
	pivots, rows, ghosts := gr.pivotRows(k, rand.New(rand.NewSource(int64(gr.n))))
	// Region of each node: its nearest pivot.
	region := make([]int32, n)
	for j := 0; j < n; j++ {
		region[j] = -1
		for p := range pivots {
			if v := rows[p][j]; v >= 0 && (region[j] < 0 || v < rows[region[j]][j]) {
				region[j] = int32(p)
			}
		}
	}
	// within[p][r] counts the nodes of p's region at distance ≤ r from p.
	within := make([][]int32, len(pivots))
	for p := range pivots {
		var hist []int32
		for j := 0; j < n; j++ {
			if region[j] == int32(p) {
				for int(rows[p][j]) >= len(hist) {
					hist = append(hist, 0)
				}
				hist[rows[p][j]]++
			}
		}
		for r := 1; r < len(hist); r++ {
			hist[r] += hist[r-1]
		}
		within[p] = hist
	}
	s := &stressModel{n: n, off: make([]int32, n+1)}
	for i := 0; i < n; i++ {
		for _, j := range gr.adj[i] {
			s.to, s.dist, s.w = append(s.to, j), append(s.dist, 1), append(s.w, 1)
		}
		for p, piv := range pivots {
			d := rows[p][i]
			if int(piv) == i || d <= 0 {
				continue
			}
			h := within[p]
			count := h[min(int(d/2), len(h)-1)]
			w := float32(count) / float32(d*d)
			if ghosts[p][i] {
				w *= float32(ghostScale(len(gr.adj[i]) == 0, len(gr.adj[piv]) == 0))
			}
			s.to, s.dist, s.w = append(s.to, piv), append(s.dist, float32(d)), append(s.w, w)
		}
		s.off[i+1] = int32(len(s.to))
	}
	return s
}

// initial returns a PivotMDS start for the group, scaled to its distances.
func (gr group) initial(rng *rand.Rand) [][2]float64 {
	switch gr.n {
	case 1:
		return [][2]float64{{0, 0}}
	case 2:
		return [][2]float64{{0, 0}, {1, 0}}
	}
	_, rows, _ := gr.pivotRows(mdsPivots, nil)
	return pivotMDS(rows, gr.n, rng)
}

// scale multiplies pos by the factor that best fits the model's target
// distances.
func (s *stressModel) scale(pos [][2]float64) {
	var num, den float64
	term := func(i, j int, w, d float64) {
		e := math.Hypot(pos[i][0]-pos[j][0], pos[i][1]-pos[j][1])
		num += w * d * e
		den += w * e * e
	}
	for i := 0; i < s.n; i++ {
		if s.d != nil {
			for j, d := range s.d[i*s.n : (i+1)*s.n] {
				if d != 0 {
					term(i, j, invSq[d], float64(d))
				}
			}
			continue
		}
		for t := s.off[i]; t < s.off[i+1]; t++ {
			term(i, int(s.to[t]), float64(s.w[t]), float64(s.dist[t]))
		}
	}
	if den == 0 {
		return
	}
	f := num / den
	for i := range pos {
		pos[i] = [2]float64{pos[i][0] * f, pos[i][1] * f}
	}
}
