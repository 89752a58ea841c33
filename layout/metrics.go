package layout

import (
	"math"

	"relmap/model"
)

// NormalizedStress scores positions of the actors in snap against their
// hop distances: the mean over connected pairs of ((α‖xi−xj‖ − dij)/dij)²,
// with α the scale factor that minimises it (Σ ‖x‖/d / Σ ‖x‖²/d²). Pairs in
// different components are left out. 0 is perfect; lower is better. This
// is the measure of the dynamic-layout literature (see DESIGN.md).
func NormalizedStress(snap model.Snapshot, pos map[model.ID]model.Point) float64 {
	g := buildGraph(snap)
	n := len(g.ids)
	row := make([]int, n)
	type pair struct{ e, d float64 }
	var pairs []pair
	var num, den float64
	for i := 0; i < n; i++ {
		g.bfs(i, row)
		pi := pos[g.ids[i]]
		for j := i + 1; j < n; j++ {
			if row[j] <= 0 {
				continue
			}
			pj := pos[g.ids[j]]
			e, d := math.Hypot(pi.X-pj.X, pi.Y-pj.Y), float64(row[j])
			pairs = append(pairs, pair{e, d})
			num += e / d
			den += e * e / (d * d)
		}
	}
	if len(pairs) == 0 || den == 0 {
		return 0
	}
	alpha := num / den
	var sum float64
	for _, p := range pairs {
		r := (alpha*p.e - p.d) / p.d
		sum += r * r
	}
	return sum / float64(len(pairs))
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
// at pos (ties sharing an actor are not counted). O(m²).
func Crossings(snap model.Snapshot, pos map[model.ID]model.Point) int {
	type seg struct {
		a, b   model.ID
		p1, p2 model.Point
	}
	seen := map[[2]model.ID]bool{}
	var segs []seg
	for _, t := range snap.Ties {
		a, b := t.From, t.To
		if a > b {
			a, b = b, a
		}
		if seen[[2]model.ID{a, b}] {
			continue
		}
		seen[[2]model.ID{a, b}] = true
		segs = append(segs, seg{a, b, pos[a], pos[b]})
	}
	count := 0
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			s, t := segs[i], segs[j]
			if s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b {
				continue
			}
			if segmentsCross(s.p1, s.p2, t.p1, t.p2) {
				count++
			}
		}
	}
	return count
}

func segmentsCross(p1, p2, q1, q2 model.Point) bool {
	cross := func(o, a, b model.Point) float64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }
	d1, d2 := cross(q1, q2, p1), cross(q1, q2, p2)
	d3, d4 := cross(p1, p2, q1), cross(p1, p2, q2)
	return d1*d2 < 0 && d3*d4 < 0
}

// Movement is the mean displacement of the actors present in both frames,
// as a share of the diameter of the later frame's layout.
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
