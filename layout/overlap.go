package layout

import (
	"math"
	"sort"
)

// box is a node's box centred at (x, y).
type box struct {
	x, y, w, h float64
	fixed      bool
}

// removeOverlaps moves boxes apart until no two overlap (with gap between
// them). Each overlapping pair is separated along the axis where it
// overlaps least, in the direction of their current order, so the
// left/right or above/below order of that pair is kept. Fixed boxes do not
// move unless two fixed boxes overlap each other. It takes O(R·n²) for R
// rounds; R is small in practice.
//
// Each round sorts the boxes by x and compares only pairs whose x extents
// can meet, which takes O(n log n + k) for k such pairs.
func removeOverlaps(b []box, gap float64) {
	const maxRounds = 2000
	order := make([]int, len(b))
	for i := range order {
		order[i] = i
	}
	var widest float64
	for _, x := range b {
		widest = math.Max(widest, x.w)
	}
	for round := 0; round < maxRounds; round++ {
		sort.SliceStable(order, func(p, q int) bool { return b[order[p]].x < b[order[q]].x })
		moved := false
		for p, i := range order {
			for _, j := range order[p+1:] {
				if b[j].x-b[i].x >= widest+gap {
					break
				}
				lo, hi := i, j
				if lo > hi {
					lo, hi = hi, lo
				}
				if separate(&b[lo], &b[hi], lo, hi, gap) {
					moved = true
				}
			}
		}
		if !moved {
			return
		}
	}
}

// separate pushes one overlapping pair apart; it reports whether they
// overlapped.
func separate(a, c *box, i, j int, gap float64) bool {
	dx, dy := c.x-a.x, c.y-a.y
	ox := (a.w+c.w)/2 + gap - math.Abs(dx)
	oy := (a.h+c.h)/2 + gap - math.Abs(dy)
	if ox <= 1e-9 || oy <= 1e-9 {
		return false
	}
	// Share of the push each box takes.
	sa, sc := 0.5, 0.5
	switch {
	case a.fixed && !c.fixed:
		sa, sc = 0, 1
	case c.fixed && !a.fixed:
		sa, sc = 1, 0
	}
	// Overlap a little more than needed so rounding cannot leave a sliver.
	const eps = 1e-6
	if ox < oy {
		dir := sign(dx, i, j)
		a.x -= dir * (ox + eps) * sa
		c.x += dir * (ox + eps) * sc
	} else {
		dir := sign(dy, i, j)
		a.y -= dir * (oy + eps) * sa
		c.y += dir * (oy + eps) * sc
	}
	return true
}

// sign is the direction from the first box to the second, breaking ties
// by index so that results repeat.
func sign(d float64, i, j int) float64 {
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	case i < j:
		return 1
	}
	return -1
}

// overlaps counts the overlapping pairs of boxes (touching is not
// overlapping).
func overlaps(b []box) int {
	count := 0
	for i := range b {
		for j := i + 1; j < len(b); j++ {
			if math.Abs(b[i].x-b[j].x) < (b[i].w+b[j].w)/2-1e-6 && math.Abs(b[i].y-b[j].y) < (b[i].h+b[j].h)/2-1e-6 {
				count++
			}
		}
	}
	return count
}
