package layout_test

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"relmap/layout"
	"relmap/model"
)

// points maps ids 1, 2, … to the given coordinates, x then y.
func points(xy ...float64) map[model.ID]model.Point {
	m := map[model.ID]model.Point{}
	for i := 0; i+1 < len(xy); i += 2 {
		m[model.ID(i/2+1)] = model.Point{X: xy[i], Y: xy[i+1]}
	}
	return m
}

// randomPoints returns n points with ids 1..n; about one coordinate in
// four is snapped to a coarse grid so that ties occur.
func randomPoints(rng *rand.Rand, n int) map[model.ID]model.Point {
	m := map[model.ID]model.Point{}
	coord := func() float64 {
		if rng.Intn(4) == 0 {
			return float64(rng.Intn(10))
		}
		return rng.Float64() * 10
	}
	for i := 1; i <= n; i++ {
		m[model.ID(i)] = model.Point{X: coord(), Y: coord()}
	}
	return m
}

// bruteOrderKept is OrderKept counted pair by pair in O(n²).
func bruteOrderKept(a, b map[model.ID]model.Point) float64 {
	var ids []model.ID
	for id := range a {
		if _, ok := b[id]; ok {
			ids = append(ids, id)
		}
	}
	sign := func(d float64) int {
		switch {
		case math.Abs(d) < 1e-9:
			return 0
		case d < 0:
			return -1
		}
		return 1
	}
	var pairs, dx, dy int64
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			p, q, r, s := a[ids[i]], a[ids[j]], b[ids[i]], b[ids[j]]
			pairs++
			if sign(q.X-p.X) != sign(s.X-r.X) {
				dx++
			}
			if sign(q.Y-p.Y) != sign(s.Y-r.Y) {
				dy++
			}
		}
	}
	if pairs == 0 {
		return 1
	}
	return 1 - float64(dx+dy)/float64(2*pairs)
}

func TestOrderKept(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		a, b map[model.ID]model.Point
		want float64
	}{
		{"identical layouts keep every order", points(0, 0, 1, 5, 2, 3, 3, 1), points(0, 0, 1, 5, 2, 3, 3, 1), 1},
		{"moving without passing anyone keeps every order", points(0, 0, 1, 5, 2, 3), points(-10, 2, 1.5, 50, 8, 4), 1},
		{"mirroring x loses every left/right order: half", points(0, 0, 1, 5, 2, 3, 3, 1), points(0, 0, -1, 5, -2, 3, -3, 1), 0.5},
		{"mirroring both axes loses every order", points(0, 0, 1, 5, 2, 3, 3, 1), points(0, 0, -1, -5, -2, -3, -3, -1), 0},
		{"one of three pairs swapped left/right", points(0, 0, 1, 1, 2, 2), points(1, 0, 0, 1, 2, 2), 1 - 1.0/6},
		{"level becoming apart is a change", points(0, 0, 0, 1), points(0, 0, 1, 1), 0.5},
		{"closer than 1e-9 is level", points(0, 0, 5e-10, 1), points(0, 0, 0, 1), 1},
		{"actors in one map only are ignored", points(0, 0, 1, 1, 2, 2), points(0, 0, 1, 1), 1},
		{"fewer than two common actors", points(0, 0), points(5, 5), 1},
		{"no actors", nil, nil, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := layout.OrderKept(c.a, c.b); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestOrderKeptMatchesPairByPairCount(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewSource(seed))
			a, b := randomPoints(rng, 300), randomPoints(rng, 320)
			if got, want := layout.OrderKept(a, b), bruteOrderKept(a, b); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
			// A small shake keeps most orders: the count must agree there too.
			for id, p := range a {
				b[id] = model.Point{X: p.X + rng.NormFloat64()*0.3, Y: p.Y}
			}
			if got, want := layout.OrderKept(a, b), bruteOrderKept(a, b); got != want {
				t.Errorf("shaken: got %v, want %v", got, want)
			}
		})
	}
}

func BenchmarkOrderKept(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	p, q := randomPoints(rng, 100000), randomPoints(rng, 100000)
	for b.Loop() {
		layout.OrderKept(p, q)
	}
}
