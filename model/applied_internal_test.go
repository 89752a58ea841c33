package model

import (
	"math/rand"
	"slices"
	"testing"
)

// Putting records in a list in ID order by binary search gives the list
// indexing it does: records replaced, new ones in order, a record put
// twice the last one, on random lists and puts.
func TestPutInOrderIsPutIndexed(t *testing.T) {
	type rec struct {
		id   ID
		name string
	}
	id := func(r rec) ID { return r.id }
	rng := rand.New(rand.NewSource(1))
	for n := range 2000 {
		var list []rec
		for i := ID(1); len(list) < rng.Intn(40); i += ID(1 + rng.Intn(3)) {
			list = append(list, rec{i, "old"})
		}
		var put []rec
		for k := range rng.Intn(8) {
			put = append(put, rec{ID(rng.Intn(130) - 5), string(rune('a' + k))})
		}
		want := putIndexed(list, put, id)
		got := putInOrder(slices.Clone(list), put, id)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: list %v, put %v:\nin order %v\nindexed  %v", n, list, put, got, want)
		}
	}
}
