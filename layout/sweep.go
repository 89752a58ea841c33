package layout

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
)

// eachOverlap calls f(i, j) once for every pair of boxes whose interiors
// meet when each is grown by margin on every side (shrunk if margin < 0;
// a box shrunk to nothing meets nothing), until f returns false. A line sweeps along x; when box v opens, the open boxes
// it overlaps are those whose bottom edge lies within v's y extent, found
// in a bit set over the ranks of the bottom edges, and those whose y
// extent holds v's bottom edge, found by stabbing a segment tree. It
// takes O(n log n + k log n) for k pairs, however the boxes lie.
func eachOverlap(b []box, margin float64, f func(i, j int) bool) {
	s := newOverlapSweep(b, margin)
	var events []sweepEvent
	for i, bx := range b {
		lo, hi := bx.x-bx.w/2-margin, bx.x+bx.w/2+margin
		if lo < hi && s.ylo[i] < s.yhi[i] {
			events = append(events, sweepEvent{lo, int32(i), true}, sweepEvent{hi, int32(i), false})
		}
	}
	sortSweep(events)
	for _, e := range events {
		if !e.open {
			s.close(e.box)
		} else if !s.open(e.box, f) {
			return
		}
	}
}

// overlapSweep is the state of eachOverlap's sweep.
type overlapSweep struct {
	ylo, yhi []float64 // grown y extents by box
	sorted   []float64 // the bottom edges in rank order
	boxAt    []int32   // the box of each rank
	rank     []int32   // the rank of each box
	bottoms  rankSet   // ranks of the open boxes
	extents  stabTree  // y extents of the open boxes, over ranks
	isOpen   []bool
}

func newOverlapSweep(b []box, margin float64) *overlapSweep {
	n := len(b)
	s := &overlapSweep{
		ylo: make([]float64, n), yhi: make([]float64, n), sorted: make([]float64, n),
		boxAt: make([]int32, n), rank: make([]int32, n), isOpen: make([]bool, n),
		bottoms: newRankSet(n), extents: newStabTree(n),
	}
	for i, bx := range b {
		s.ylo[i], s.yhi[i] = bx.y-bx.h/2-margin, bx.y+bx.h/2+margin
		s.boxAt[i] = int32(i)
	}
	slices.SortFunc(s.boxAt, func(u, v int32) int {
		if c := cmp.Compare(s.ylo[u], s.ylo[v]); c != 0 {
			return c
		}
		return cmp.Compare(u, v)
	})
	for r, i := range s.boxAt {
		s.rank[i], s.sorted[r] = int32(r), s.ylo[i]
	}
	return s
}

// open reports v's pairs with the open boxes, then opens v; false if f
// stopped the sweep.
func (s *overlapSweep) open(v int32, f func(i, j int) bool) bool {
	top := s.yhi[v]
	for r := s.bottoms.next(s.firstAtLeast(s.ylo[v])); r >= 0 && s.sorted[r] < top; r = s.bottoms.next(r + 1) {
		if !f(int(s.boxAt[r]), int(v)) {
			return false
		}
	}
	if !s.extents.stab(int(s.rank[v]), s.isOpen, func(u int32) bool { return f(int(u), int(v)) }) {
		return false
	}
	s.isOpen[v] = true
	s.bottoms.add(int(s.rank[v]))
	// Ranks whose bottom edge lies strictly inside v's y extent.
	lo, hi := s.firstAbove(s.ylo[v]), s.firstAtLeast(top)
	if lo < hi {
		s.extents.insert(lo, hi, v)
	}
	return true
}

func (s *overlapSweep) close(v int32) {
	s.isOpen[v] = false
	s.bottoms.remove(int(s.rank[v]))
}

func (s *overlapSweep) firstAtLeast(y float64) int {
	return sort.Search(len(s.sorted), func(r int) bool { return s.sorted[r] >= y })
}

func (s *overlapSweep) firstAbove(y float64) int {
	return sort.Search(len(s.sorted), func(r int) bool { return s.sorted[r] > y })
}

// rankSet is a set of ranks in [0, n): a bit set with a summary bit set
// over it, and so on up to one word, so that next takes O(log₆₄ n).
type rankSet struct {
	levels [][]uint64 // levels[l+1] has bit w set iff word w of levels[l] is not 0
}

func newRankSet(n int) rankSet {
	var s rankSet
	for {
		words := (n + 63) / 64
		s.levels = append(s.levels, make([]uint64, max(words, 1)))
		if words <= 1 {
			return s
		}
		n = words
	}
}

func (s *rankSet) add(r int) {
	for _, lv := range s.levels {
		lv[r/64] |= 1 << (r % 64)
		r /= 64
	}
}

func (s *rankSet) remove(r int) {
	for _, lv := range s.levels {
		lv[r/64] &^= 1 << (r % 64)
		if lv[r/64] != 0 {
			return
		}
		r /= 64
	}
}

// next is the least member at least r, or -1.
func (s *rankSet) next(r int) int { return s.nextAt(0, r) }

func (s *rankSet) nextAt(l, r int) int {
	lv := s.levels[l]
	w := r / 64
	if w >= len(lv) {
		return -1
	}
	if m := lv[w] >> (r % 64); m != 0 {
		return r + bits.TrailingZeros64(m)
	}
	if l+1 == len(s.levels) {
		return -1
	}
	w = s.nextAt(l+1, w+1)
	if w < 0 {
		return -1
	}
	return w*64 + bits.TrailingZeros64(lv[w])
}

// stabTree is a segment tree over ranks whose nodes list the boxes whose
// rank ranges cover them; boxes that have closed are unlinked as stabs
// pass them.
type stabTree struct {
	size      int
	head      []int32 // first entry of each node, or -1
	box, next []int32 // entries
}

func newStabTree(n int) stabTree {
	size := 1
	for size < n {
		size *= 2
	}
	t := stabTree{size: size, head: make([]int32, 2*size)}
	for i := range t.head {
		t.head[i] = -1
	}
	return t
}

// insert lists box v at the O(log n) nodes that cover ranks [lo, hi).
func (t *stabTree) insert(lo, hi int, v int32) {
	for lo, hi = lo+t.size, hi+t.size; lo < hi; lo, hi = lo/2, hi/2 {
		if lo%2 == 1 {
			t.link(lo, v)
			lo++
		}
		if hi%2 == 1 {
			hi--
			t.link(hi, v)
		}
	}
}

func (t *stabTree) link(node int, v int32) {
	t.box = append(t.box, v)
	t.next = append(t.next, t.head[node])
	t.head[node] = int32(len(t.box) - 1)
}

// stab calls f for every open box listed on the path from rank r to the
// root, until f returns false; false if f stopped it.
func (t *stabTree) stab(r int, isOpen []bool, f func(int32) bool) bool {
	for node := r + t.size; node >= 1; node /= 2 {
		prev := int32(-1)
		for e := t.head[node]; e >= 0; e = t.next[e] {
			switch {
			case !isOpen[t.box[e]] && prev < 0:
				t.head[node] = t.next[e]
			case !isOpen[t.box[e]]:
				t.next[prev] = t.next[e]
			case !f(t.box[e]):
				return false
			default:
				prev = e
			}
		}
	}
	return true
}
