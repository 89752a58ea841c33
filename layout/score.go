package layout

import (
	"math"
	"sync"

	"relmap/model"
)

// Limits above which the quality metrics estimate instead of count.
const (
	// exactStressLimit is the most actors whose stress is measured over
	// every pair; above it, over the pairs of stressSources sources spread
	// evenly through the actors.
	exactStressLimit = 10000
	stressSources    = 1000
	// exactCrossingLimit is the most ties whose crossings are counted
	// exactly; above it, crossingSample ties spread evenly through the ties
	// are each tested against all, and the count scaled up.
	exactCrossingLimit = 30000
	crossingSample     = 2000
)

// stressOf is the normalized stress of pos on g (see NormalizedStress) over
// the pairs whose first node is one of sources. It uses the closed form
// 1 − S1²/(S2·P) of the mean of ((α e − d)/d)² at the optimal α = S1/S2,
// with S1 = Σ e/d, S2 = Σ e²/d² and P the number of pairs, so it needs one
// breadth-first search per source.
func stressOf(g graph, pos [][2]float64, sources []int) float64 {
	n := g.n()
	type sums struct{ s1, s2, p float64 }
	parts := make([]sums, numChunks(len(sources)))
	parallelChunks(len(sources), func(c, lo, hi int) {
		dist, queue := make([]int32, n), make([]int32, 0, n)
		var s sums
		for _, i := range sources[lo:hi] {
			g.bfs(i, dist, queue)
			for j, d := range dist {
				if d <= 0 {
					continue
				}
				e := math.Hypot(pos[i][0]-pos[j][0], pos[i][1]-pos[j][1])
				fd := float64(d)
				s.s1 += e / fd
				s.s2 += e * e / (fd * fd)
				s.p++
			}
		}
		parts[c] = s
	})
	var t sums
	for _, s := range parts {
		t.s1, t.s2, t.p = t.s1+s.s1, t.s2+s.s2, t.p+s.p
	}
	if t.p == 0 || t.s2 == 0 {
		return 0
	}
	return math.Max(0, 1-t.s1*t.s1/(t.s2*t.p))
}

// stressSourcesOf is every node of an n-node graph up to exactStressLimit,
// else stressSources nodes spread evenly.
func stressSourcesOf(n int) []int {
	k := n
	if n > exactStressLimit {
		k = stressSources
	}
	out := make([]int, k)
	for s := range out {
		out[s] = s * n / k
	}
	return out
}

// segment is a straight tie between actors a and b.
type segment struct {
	a, b   int32
	p1, p2 [2]float64
}

// crossingsOf counts the pairs of segments that cross (segments sharing an
// end are not counted). Over exactCrossingLimit segments it estimates the
// count from a sample, and says so.
func crossingsOf(segs []segment) (count int, estimated bool) {
	m := len(segs)
	sample := make([]int, 0, m)
	if m <= exactCrossingLimit {
		for i := range segs {
			sample = append(sample, i)
		}
	} else {
		for s := 0; s < crossingSample; s++ {
			sample = append(sample, s*m/crossingSample)
		}
		estimated = true
	}
	var mu sync.Mutex
	var total int
	parallelChunks(len(sample), func(_, lo, hi int) {
		local := 0
		for _, i := range sample[lo:hi] {
			s := segs[i]
			from := i + 1
			if estimated {
				from = 0
			}
			for j := from; j < m; j++ {
				t := segs[j]
				if j == i || s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b {
					continue
				}
				if segmentsCross(s.p1, s.p2, t.p1, t.p2) {
					local++
				}
			}
		}
		mu.Lock()
		total += local
		mu.Unlock()
	})
	if estimated {
		// Each crossing pair is seen from both of its ties.
		return int(math.Round(float64(total) * float64(m) / float64(2*len(sample)))), true
	}
	return total, false
}

func segmentsCross(p1, p2, q1, q2 [2]float64) bool {
	cross := func(o, a, b [2]float64) float64 { return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0]) }
	d1, d2 := cross(q1, q2, p1), cross(q1, q2, p2)
	d3, d4 := cross(p1, p2, q1), cross(p1, p2, q2)
	return d1*d2 < 0 && d3*d4 < 0
}

// positionsOf lists pos in the node order of g.
func positionsOf(g graph, pos map[model.ID]model.Point) [][2]float64 {
	out := make([][2]float64, g.n())
	for i, id := range g.ids {
		p := pos[id]
		out[i] = [2]float64{p.X, p.Y}
	}
	return out
}

// segmentsOf is one segment per tied pair of g.
func segmentsOf(g graph, p [][2]float64) []segment {
	var segs []segment
	for i, nb := range g.adj {
		for _, j := range nb {
			if int32(i) < j {
				segs = append(segs, segment{int32(i), j, p[i], p[j]})
			}
		}
	}
	return segs
}
