package layout

import (
	"cmp"
	"slices"

	"relmap/model"
)

// orderEps is how close two coordinates must be for OrderKept to count
// them as level.
const orderEps = 1e-9

// OrderKept is the share of pairs of actors present in both a and b whose
// left/right order and whose above/below order are the same in b as in a,
// taken over both axes: 1 − (Dx + Dy) / (2P), where P is the number of
// pairs of common actors, Dx the number of pairs whose left/right order
// differs and Dy the number whose above/below order differs. A pair's
// order along an axis is one of before, level or after (the sign of the
// difference of their coordinates); it differs if that sign is not the
// same in b as in a. Coordinates are level when they differ by less than
// 1e-9, or more exactly when they fall in one run of sorted values in
// which each differs from the next by less than 1e-9, which makes
// being level transitive. So 1 means no order changed; mirroring one axis
// of points in general position gives 0.5; mirroring both gives 0. With
// fewer than two common actors it is 1. Actors in only one map are
// ignored.
//
// Each axis's discordant pairs are counted exactly in O(n log n), as for
// Kendall's tau (Knight, "A Computer Method for Calculating Kendall's Tau
// with Ungrouped Data", JASA 1966), with a Fenwick tree in place of the
// merge sort.
func OrderKept(a, b map[model.ID]model.Point) float64 {
	var ids []model.ID
	for id := range a {
		if _, ok := b[id]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) < 2 {
		return 1
	}
	slices.Sort(ids)
	coords := func(m map[model.ID]model.Point, y bool) []float64 {
		v := make([]float64, len(ids))
		for i, id := range ids {
			v[i] = m[id].X
			if y {
				v[i] = m[id].Y
			}
		}
		return v
	}
	n := int64(len(ids))
	pairs := n * (n - 1) / 2
	dx := pairs - keptPairs(levels(coords(a, false)), levels(coords(b, false)))
	dy := pairs - keptPairs(levels(coords(a, true)), levels(coords(b, true)))
	return 1 - float64(dx+dy)/float64(2*pairs)
}

// levels replaces each coordinate by its level: its rank among the
// distinct values, a value being distinct when it is at least orderEps
// above the one before it in sorted order.
func levels(v []float64) []int32 {
	idx := make([]int32, len(v))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(i, j int32) int { return cmp.Compare(v[i], v[j]) })
	lv := make([]int32, len(v))
	level := int32(0)
	for k, i := range idx {
		if k > 0 && v[i]-v[idx[k-1]] >= orderEps {
			level++
		}
		lv[i] = level
	}
	return lv
}

// keptPairs counts the pairs whose order is the same by la as by lb:
// before in both, or level in both. O(n log n).
func keptPairs(la, lb []int32) int64 {
	idx := make([]int32, len(la))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		if c := cmp.Compare(la[i], la[j]); c != 0 {
			return c
		}
		return cmp.Compare(lb[i], lb[j])
	})
	// tree is a Fenwick tree counting, by level in lb, the points seen.
	tree := make([]int64, len(lb)+1)
	below := func(l int32) (c int64) { // points seen with level < l
		for i := int(l); i > 0; i -= i & -i {
			c += tree[i]
		}
		return c
	}
	var kept int64
	for k := 0; k < len(idx); {
		g := k
		for g < len(idx) && la[idx[g]] == la[idx[k]] {
			g++
		}
		for p := k; p < g; {
			q := p
			for q < g && lb[idx[q]] == lb[idx[p]] {
				q++
			}
			t := int64(q - p)
			kept += t*below(lb[idx[p]]) + t*(t-1)/2 // before in both; level in both
			p = q
		}
		for _, i := range idx[k:g] {
			for j := int(lb[i]) + 1; j < len(tree); j += j & -j {
				tree[j]++
			}
		}
		k = g
	}
	return kept
}
