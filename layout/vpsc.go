package layout

import (
	"cmp"
	"slices"
)

// vpsc is one pass's problem: place variables (box centres along one axis)
// as near their desired positions as possible, in the least-squares sense,
// subject to separation constraints. Free variables weigh 1; fixed ones
// weigh infinitely, so a block holding any sits where they put it.
type vpsc struct {
	cs      []sepConstraint
	desired []float64
	fixed   []bool
	inStart []int32 // the constraints into v are inList[inStart[v]:inStart[v+1]]
	inList  []int32
	offset  []float64 // a variable's position less its block's
	block   []int32
	next    []int32 // the next variable in the same block, or -1
	blocks  []vpscBlock
	clock   int64
}

// vpscBlock is a set of variables that active constraints hold at fixed
// offsets from each other. It sits at its optimum: the mean of
// desired − offset over its fixed variables if it has any, else over its
// free ones. Its heap holds the constraints into it.
type vpscBlock struct {
	head, tail, size int32
	free, freeSum    float64
	pins, pinSum     float64
	posn             float64
	stamp            int64 // clock when it last moved
	in               inHeap
}

func (k *vpscBlock) optimum() float64 {
	if k.pins > 0 {
		return k.pinSum / k.pins
	}
	return k.freeSum / k.free
}

// newVPSC sets up the problem of placing b's centres along ax under cs,
// each variable in a block of its own.
func newVPSC(b []box, ax sepAxis, cs []sepConstraint) *vpsc {
	n := len(b)
	s := &vpsc{
		cs: cs, desired: make([]float64, n), fixed: make([]bool, n),
		inStart: make([]int32, n+1), inList: make([]int32, len(cs)),
		offset: make([]float64, n), block: make([]int32, n), next: make([]int32, n),
		blocks: make([]vpscBlock, n),
	}
	for i, bx := range b {
		d := ax.centre(bx)
		s.desired[i], s.fixed[i], s.block[i], s.next[i] = d, bx.fixed, int32(i), -1
		k := &s.blocks[i]
		k.head, k.tail, k.size, k.posn = int32(i), int32(i), 1, d
		if bx.fixed {
			k.pins, k.pinSum = 1, d
		} else {
			k.free, k.freeSum = 1, d
		}
	}
	for _, c := range cs {
		s.inStart[c.right+1]++
	}
	for v := 0; v < n; v++ {
		s.inStart[v+1] += s.inStart[v]
	}
	fill := slices.Clone(s.inStart[:n])
	for ci, c := range cs {
		s.inList[fill[c.right]] = int32(ci)
		fill[c.right]++
	}
	return s
}

// position is where variable v is placed.
func (s *vpsc) position(v int32) float64 {
	return s.blocks[s.block[v]].posn + s.offset[v]
}

// need is the position c's right block must reach for c to hold.
func (s *vpsc) need(c int32) float64 {
	return s.position(s.cs[c].left) + s.cs[c].gap - s.offset[s.cs[c].right]
}

// satisfy places the variables so that every constraint holds: procedure
// satisfy of Dwyer, Marriott and Stuckey. It visits the variables in an
// order consistent with the constraints (by desired position, then index,
// the order the constraints were generated in) and merges each one's
// block with the block across its most violated incoming constraint until
// none is violated. Only the block being merged moves right; every other
// block only ever moves left, so a heap key gone stale over-estimates its
// violation and mostViolated need only refresh stale keys at the top.
// O(m log² m + n log n) for m constraints.
func (s *vpsc) satisfy() {
	order := make([]int32, len(s.desired))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(u, v int32) int {
		if c := cmp.Compare(s.desired[u], s.desired[v]); c != 0 {
			return c
		}
		return cmp.Compare(u, v)
	})
	for _, v := range order {
		s.clock++
		k := &s.blocks[v]
		k.stamp = s.clock
		for _, c := range s.inList[s.inStart[v]:s.inStart[v+1]] {
			k.in.push(heapItem{c: c, stamp: s.clock, key: s.need(c)})
		}
		s.mergeLeft(v)
	}
}

// solverTol is the largest violation satisfy leaves alone.
const solverTol = 1e-10

// mergeLeft merges block bi with the block across its most violated
// incoming constraint, and again, until no incoming constraint is
// violated.
func (s *vpsc) mergeLeft(bi int32) {
	for {
		c, need, ok := s.mostViolated(bi)
		if !ok || need-s.blocks[bi].posn <= solverTol {
			return
		}
		s.blocks[bi].in.pop()
		l, r := s.cs[c].left, s.cs[c].right
		bi = s.merge(s.block[l], bi, s.offset[l]+s.cs[c].gap-s.offset[r])
	}
}

// mostViolated is block bi's incoming constraint that needs the block
// furthest along, and that position. Constraints from inside the block are
// dropped; keys computed before the block across last moved are refreshed.
func (s *vpsc) mostViolated(bi int32) (c int32, need float64, ok bool) {
	h := &s.blocks[bi].in
	for len(h.items) > 0 {
		top := h.items[0]
		lb := s.block[s.cs[top.c].left]
		switch {
		case lb == bi:
			h.pop()
		case top.stamp < s.blocks[lb].stamp:
			h.pop()
			top.key, top.stamp = s.need(top.c)-h.shift, s.clock
			h.push(top)
		default:
			return top.c, top.key + h.shift, true
		}
	}
	return 0, 0, false
}

// merge joins blocks l and r, r's variables sitting d further along than
// their offsets from r, and returns the joined block: the larger of the
// two, so that each variable changes block O(log n) times.
func (s *vpsc) merge(l, r int32, d float64) int32 {
	if s.blocks[r].size > s.blocks[l].size {
		l, r, d = r, l, -d
	}
	k, g := &s.blocks[l], &s.blocks[r]
	for v := g.head; v >= 0; v = s.next[v] {
		s.offset[v] += d
		s.block[v] = l
	}
	s.next[k.tail], k.tail, k.size = g.head, g.tail, k.size+g.size
	k.free, k.freeSum = k.free+g.free, k.freeSum+g.freeSum-d*g.free
	k.pins, k.pinSum = k.pins+g.pins, k.pinSum+g.pinSum-d*g.pins
	k.posn = k.optimum()
	s.clock++
	k.stamp = s.clock
	k.in.absorb(&g.in, -d)
	*g = vpscBlock{}
	return l
}

// inHeap is a max-heap of a block's incoming constraints keyed by the
// position the block must reach for each to hold, less shift.
type inHeap struct {
	items []heapItem
	shift float64
}

// heapItem is a constraint in an inHeap, with the clock when its key was
// computed.
type heapItem struct {
	c     int32
	stamp int64
	key   float64
}

func (h *inHeap) push(it heapItem) {
	h.items = append(h.items, it)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.above(i, p) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *inHeap) pop() {
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		top, l, r := i, 2*i+1, 2*i+2
		if l < last && h.above(l, top) {
			top = l
		}
		if r < last && h.above(r, top) {
			top = r
		}
		if top == i {
			return
		}
		h.items[i], h.items[top] = h.items[top], h.items[i]
		i = top
	}
}

// above orders the heap by key, then by constraint so that results repeat.
func (h *inHeap) above(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.key != b.key {
		return a.key > b.key
	}
	return a.c < b.c
}

// absorb moves g's items, whose keys move by move, into h, pushing the
// smaller heap's items into the larger.
func (h *inHeap) absorb(g *inHeap, move float64) {
	if len(g.items) > len(h.items) {
		*h, *g = *g, *h
		h.shift += move
		move = 0
	}
	for _, it := range g.items {
		it.key += g.shift + move - h.shift
		h.push(it)
	}
	*g = inHeap{}
}
