package layout

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// box is a node's box centred at (x, y).
type box struct {
	x, y, w, h float64
	fixed      bool
}

const (
	// overlapTol is how far two boxes may run into each other and still
	// count as apart, so that rounding cannot make neighbours overlap.
	overlapTol = 1e-6
	// sepTol is how much closer than their separation two boxes may be
	// and still count as separated: far below overlapTol, far above the
	// solver's rounding.
	sepTol = 1e-7
	// neighbourWalk bounds how far the scan line is walked from a box
	// that opens, so that n boxes at one point make O(n) constraints
	// rather than O(n²).
	neighbourWalk = 32
	// overlapRounds is how many x-then-y rounds run before the fallback.
	overlapRounds = 3
)

// removeOverlaps moves the boxes so that no two overlap and, where pins
// leave room, there is at least gap between any two, moving them as little
// as it can in the least-squares sense. It is the VPSC method of Dwyer,
// Marriott and Stuckey, "Fast Node Overlap Removal" (GD 2005): a
// horizontal pass separates the overlapping pairs that overlap less
// horizontally than vertically; a vertical pass then separates every pair
// whose x extents still meet. Each pass generates separation constraints
// with a scan line (separationConstraints) and places the boxes with
// VPSC's block-merging satisfy (without the paper's refinement by block
// splitting), so a pass takes O(n log n + m log² m) for m = O(n)
// constraints.
//
// Without pins, orders are kept as follows (before means by centre, ties
// by index): a pair whose y extents (grown by gap/2) met keeps its
// left/right order or ends level; a pair whose x extents meet at the end
// keeps its above/below order, a full separation apart; so a pair that
// overlapped ends apart along an axis on which it kept its order.
//
// Fixed boxes end exactly where they started. Two fixed boxes that overlap
// stay so; a free box never ends overlapping anything. If pins leave a
// free box no room, the passes are repeated, and any free box still
// overlapping after overlapRounds rounds is moved to the nearest free
// place in its row or its column (O(n) per such box).
func removeOverlaps(b []box, gap float64) { removeOverlapsSideways(b, gap, false) }

// removeOverlapsSideways is removeOverlaps, but with sideways set the
// horizontal pass separates every pair that overlaps, not only those that
// overlap less horizontally, and the vertical pass only what pins leave.
// Moving the boxes as little as it can, removeOverlaps lets a crowd of
// wide boxes (a label's) out up and down; a picture let out that way
// again and again (a long history) grows into a column unless it is let
// out sideways once it is taller than wide.
func removeOverlapsSideways(b []box, gap float64, sideways bool) {
	if len(b) < 2 {
		return
	}
	pins := pinsOf(b)
	for round := 0; round < overlapRounds; round++ {
		for _, ax := range []sepAxis{alongX, alongY} {
			separateAlong(b, gap, ax, ax == alongY || sideways)
			pins.restore(b)
		}
		if !crowded(b, gap) {
			return
		}
	}
	placeLeftovers(b, gap)
}

// pins are the original centres of the fixed boxes, by index.
type pins []struct {
	i    int
	x, y float64
}

func pinsOf(b []box) pins {
	var p pins
	for i, bx := range b {
		if bx.fixed {
			p = append(p, struct {
				i    int
				x, y float64
			}{i, bx.x, bx.y})
		}
	}
	return p
}

// restore puts the fixed boxes back exactly where they were.
func (p pins) restore(b []box) {
	for _, q := range p {
		b[q.i].x, b[q.i].y = q.x, q.y
	}
}

// sepAxis is the axis a VPSC pass moves boxes along.
type sepAxis int

const (
	alongX sepAxis = iota
	alongY
)

func (a sepAxis) across() sepAxis { return 1 - a }

func (a sepAxis) centre(bx box) float64 {
	if a == alongX {
		return bx.x
	}
	return bx.y
}

func (a sepAxis) size(bx box) float64 {
	if a == alongX {
		return bx.w
	}
	return bx.h
}

func (a sepAxis) place(bx *box, c float64) {
	if a == alongX {
		bx.x = c
	} else {
		bx.y = c
	}
}

// separateAlong is one VPSC pass: it moves the boxes along ax only, as
// little as it can in the least-squares sense, so that every generated
// separation constraint holds. With every set it separates every pair
// that overlaps, else only those that overlap less along ax (see
// appendNeighbours).
func separateAlong(b []box, gap float64, ax sepAxis, every bool) {
	cs := separationConstraints(b, gap, ax, every)
	if len(cs) == 0 {
		return
	}
	s := newVPSC(b, ax, cs)
	s.satisfy()
	for i := range b {
		ax.place(&b[i], s.position(int32(i)))
	}
}

// sepConstraint requires the centre of right to lie at least gap after the
// centre of left along a pass's axis.
type sepConstraint struct {
	left, right int32
	gap         float64
}

// sweepEvent is a box's extent opening or closing under a scan line.
type sweepEvent struct {
	at   float64
	box  int32
	open bool
}

// sortSweep orders events by position, closing before opening at one
// position (so that touching extents do not meet), then by box.
func sortSweep(e []sweepEvent) {
	slices.SortFunc(e, func(p, q sweepEvent) int {
		if c := cmp.Compare(p.at, q.at); c != 0 {
			return c
		}
		if p.open != q.open {
			if p.open {
				return 1
			}
			return -1
		}
		return cmp.Compare(p.box, q.box)
	})
}

// precedes reports whether box u comes before box v along ax: by centre,
// ties broken by index so that results repeat.
func precedes(b []box, ax sepAxis, u, v int32) bool {
	cu, cv := ax.centre(b[u]), ax.centre(b[v])
	if cu != cv {
		return cu < cv
	}
	return u < v
}

// separationConstraints generates the constraints of one VPSC pass along
// ax with the scan line of Dwyer, Marriott and Stuckey: the line sweeps
// across ax, opening and closing each box's extent across ax grown by
// gap/2, and holds the open boxes in order along ax. When a box opens it
// is constrained against neighbours on the line (appendNeighbours), the
// left one of each pair first. (The paper emits a box's constraints when
// it closes; the set is the same.) Every pair of boxes constrained keeps
// its order along ax. Two fixed boxes are asked for no more separation
// than they already have. O(n log n + n·s) for a line of at most s boxes.
func separationConstraints(b []box, gap float64, ax sepAxis, every bool) []sepConstraint {
	across := ax.across()
	events := make([]sweepEvent, 0, 2*len(b))
	for i, bx := range b {
		c, half := across.centre(bx), across.size(bx)/2+gap/2-sepTol/2
		if half > 0 {
			events = append(events, sweepEvent{c - half, int32(i), true}, sweepEvent{c + half, int32(i), false})
		}
	}
	sortSweep(events)
	var line []int32
	var cs []sepConstraint
	for _, e := range events {
		k := sort.Search(len(line), func(p int) bool { return !precedes(b, ax, line[p], e.box) })
		if !e.open {
			line = slices.Delete(line, k, k+1)
			continue
		}
		line = slices.Insert(line, k, e.box)
		cs = appendNeighbours(cs, b, line, k, gap, ax, every)
	}
	return cs
}

// appendNeighbours constrains the box at line[k] against its neighbours on
// the scan line: walking outward each way, every neighbour that overlaps
// it along ax, up to and including the first that does not. Unless every
// is set (always in the y pass), a neighbour that overlaps it more along
// ax than across is left to the other pass; if it is the nearest
// neighbour, the two are only kept in order (a constraint with gap 0). So
// each box is always constrained against its two nearest neighbours on
// the line, which chains every pair that is ever on the line together and
// keeps its order; with every set it also separates every such pair. That
// is why at most neighbourWalk neighbours need be looked at each way.
func appendNeighbours(cs []sepConstraint, b []box, line []int32, k int, gap float64, ax sepAxis, every bool) []sepConstraint {
	v := line[k]
	for _, step := range [2]int{-1, 1} {
		for p, seen := k+step, 0; p >= 0 && p < len(line) && seen < neighbourWalk; p, seen = p+step, seen+1 {
			u := line[p]
			o := overlapAlong(b[u], b[v], gap, ax)
			apart := o <= 0
			l, r := u, v
			if step > 0 {
				l, r = v, u
			}
			switch {
			case apart || every || o <= overlapAlong(b[u], b[v], gap, ax.across()):
				cs = append(cs, newSepConstraint(b, l, r, gap, ax))
			case seen == 0:
				cs = append(cs, sepConstraint{left: l, right: r}) // keep order only
			}
			if apart {
				break
			}
		}
	}
	return cs
}

// overlapAlong is how far two boxes, each grown by gap/2, overlap along
// ax, less sepTol; at most 0 when they are apart.
func overlapAlong(p, q box, gap float64, ax sepAxis) float64 {
	return (ax.size(p)+ax.size(q))/2 + gap - sepTol - math.Abs(ax.centre(p)-ax.centre(q))
}

// newSepConstraint keeps box r at least half the boxes' sizes plus gap
// after box l along ax.
func newSepConstraint(b []box, l, r int32, gap float64, ax sepAxis) sepConstraint {
	g := (ax.size(b[l])+ax.size(b[r]))/2 + gap
	if b[l].fixed && b[r].fixed {
		g = math.Min(g, ax.centre(b[r])-ax.centre(b[l]))
	}
	return sepConstraint{left: l, right: r, gap: g}
}

// crowded reports whether a free box lies closer than gap to another box.
func crowded(b []box, gap float64) bool {
	found := false
	eachOverlap(b, gap/2-sepTol/2, func(i, j int) bool {
		found = !b[i].fixed || !b[j].fixed
		return !found
	})
	return found
}

// placeLeftovers moves each free box that still overlaps another straight
// up or down to the nearest place in its column where it overlaps nothing,
// with gap to spare. Only boxes that pins leave no room for come here.
func placeLeftovers(b []box, gap float64) {
	stuck := make([]bool, len(b))
	eachOverlap(b, -overlapTol/2, func(i, j int) bool {
		stuck[i] = stuck[i] || !b[i].fixed
		stuck[j] = stuck[j] || !b[j].fixed
		return true
	})
	for i := range b {
		if stuck[i] && overlapsAny(b, i) {
			// The nearer of the free places in its column and in its
			// row, so that leftovers do not all stack one way.
			x, y := freeAlong(b, i, gap, true), freeAlong(b, i, gap, false)
			if math.Abs(x-b[i].x) < math.Abs(y-b[i].y) {
				b[i].x = x
			} else {
				b[i].y = y
			}
		}
	}
}

// overlapsAny reports whether box i overlaps any other box.
func overlapsAny(b []box, i int) bool {
	for j := range b {
		if j != i && math.Abs(b[i].x-b[j].x) < (b[i].w+b[j].w)/2-overlapTol &&
			math.Abs(b[i].y-b[j].y) < (b[i].h+b[j].h)/2-overlapTol {
			return true
		}
	}
	return false
}

// freeAlong is the centre nearest box i's own, along x in its row
// (alongX) or along y in its column, at which it is at least gap from
// every box whose extent across the axis comes within gap of its own.
func freeAlong(b []box, i int, gap float64, alongX bool) float64 {
	at := func(k int) (along, across, size, width float64) {
		if alongX {
			return b[k].x, b[k].y, b[k].w, b[k].h
		}
		return b[k].y, b[k].x, b[k].h, b[k].w
	}
	ai, ci, si, wi := at(i)
	var spans [][2]float64
	for j := range b {
		aj, cj, sj, wj := at(j)
		if j != i && math.Abs(cj-ci) < (wi+wj)/2+gap {
			r := (si+sj)/2 + gap
			spans = append(spans, [2]float64{aj - r, aj + r})
		}
	}
	slices.SortFunc(spans, func(p, q [2]float64) int { return cmp.Compare(p[0], q[0]) })
	for k := 0; k < len(spans); {
		lo, hi := spans[k][0], spans[k][1]
		for k++; k < len(spans) && spans[k][0] < hi; k++ {
			hi = math.Max(hi, spans[k][1])
		}
		if lo < ai && ai < hi {
			if ai-lo <= hi-ai {
				return lo
			}
			return hi
		}
	}
	return ai
}

// overlaps counts the pairs of boxes that overlap: whose interiors, each
// shrunk by overlapTol/2 on every side, meet. Touching is not overlapping,
// and a box with no area overlaps nothing. O(n log n + k log n) for k
// pairs (see eachOverlap).
func overlaps(b []box) int {
	count := 0
	eachOverlap(b, -overlapTol/2, func(int, int) bool {
		count++
		return true
	})
	return count
}
