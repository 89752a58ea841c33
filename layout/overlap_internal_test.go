package layout

import (
	"math/rand"
	"testing"
)

func TestRemoveOverlapsLeavesNoneAndKeepsPairOrder(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		b := make([]box, 40)
		for i := range b {
			b[i] = box{x: rng.Float64() * 300, y: rng.Float64() * 300, w: 20 + rng.Float64()*80, h: 30}
		}
		before := append([]box(nil), b...)
		removeOverlaps(b, 4)
		if n := overlaps(b); n != 0 {
			t.Fatalf("seed %d: %d overlaps left", seed, n)
		}
		// Pairs that overlapped are separated along one axis in their
		// existing order; pairs far apart on both axes keep both orders.
		for i := range b {
			for j := i + 1; j < len(b); j++ {
				bx := before[j].x - before[i].x
				by := before[j].y - before[i].y
				if bx > 200 && b[j].x < b[i].x {
					t.Errorf("seed %d: boxes %d and %d swapped left/right", seed, i, j)
				}
				if by > 200 && b[j].y < b[i].y {
					t.Errorf("seed %d: boxes %d and %d swapped above/below", seed, i, j)
				}
			}
		}
	}
}

func TestFixedBoxesDoNotMove(t *testing.T) {
	t.Parallel()
	b := []box{{x: 0, y: 0, w: 50, h: 50, fixed: true}, {x: 10, y: 5, w: 50, h: 50}}
	removeOverlaps(b, 0)
	if b[0].x != 0 || b[0].y != 0 {
		t.Errorf("fixed box moved to %v,%v", b[0].x, b[0].y)
	}
	if overlaps(b) != 0 {
		t.Error("boxes still overlap")
	}
}
