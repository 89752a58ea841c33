package layout

import (
	"math"
	"sort"

	"relmap/model"
)

// pack places the laid-out components side by side in rows (shelf
// packing), largest first, gap apart, so that disconnected parts sit
// together instead of flying apart. Components with a pinned actor stay
// where they are; the rest are packed to the right of them. sizes are the
// boxes of the actors in the same units as pos.
func pack(subs []graph, pos [][][2]float64, pinned []bool, sizes map[model.ID]Size, gap float64) {
	type rect struct{ minX, minY, maxX, maxY float64 }
	bounds := make([]rect, len(subs))
	var area float64
	var order []int
	fixed := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for c, sub := range subs {
		r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for k, id := range sub.ids {
			s := sizes[id]
			p := pos[c][k]
			r.minX, r.maxX = math.Min(r.minX, p[0]-s.W/2), math.Max(r.maxX, p[0]+s.W/2)
			r.minY, r.maxY = math.Min(r.minY, p[1]-s.H/2), math.Max(r.maxY, p[1]+s.H/2)
		}
		bounds[c] = r
		if pinned[c] {
			fixed = rect{math.Min(fixed.minX, r.minX), math.Min(fixed.minY, r.minY), math.Max(fixed.maxX, r.maxX), math.Max(fixed.maxY, r.maxY)}
			continue
		}
		area += (r.maxX - r.minX + gap) * (r.maxY - r.minY + gap)
		order = append(order, c)
	}
	if len(order) == 0 {
		return
	}
	sort.SliceStable(order, func(p, q int) bool { return len(subs[order[p]].ids) > len(subs[order[q]].ids) })
	width := math.Sqrt(area) * 1.2
	width = math.Max(width, bounds[order[0]].maxX-bounds[order[0]].minX)
	x0, y0 := 0.0, 0.0
	if !math.IsInf(fixed.minX, 1) {
		x0, y0 = fixed.maxX+gap, fixed.minY
	}
	x, y, rowH := x0, y0, 0.0
	for _, c := range order {
		r := bounds[c]
		w, h := r.maxX-r.minX, r.maxY-r.minY
		if x > x0 && x+w > x0+width {
			x, y, rowH = x0, y+rowH+gap, 0
		}
		dx, dy := x-r.minX, y-r.minY
		for k := range pos[c] {
			pos[c][k][0] += dx
			pos[c][k][1] += dy
		}
		x += w + gap
		rowH = math.Max(rowH, h)
	}
}
