package layout

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// overlapTestBoxes returns n label-like boxes (20-100 wide, 20-40 high)
// scattered over a square on which they overlap about as much as 40 boxes
// on 300×300 do. With points > 0 the boxes share that many centres.
func overlapTestBoxes(seed int64, n, points int) []box {
	rng := rand.New(rand.NewSource(seed))
	side := 300 * math.Sqrt(float64(n)/40)
	centres := make([][2]float64, max(points, n))
	for i := range centres {
		centres[i] = [2]float64{rng.Float64() * side, rng.Float64() * side}
	}
	b := make([]box, n)
	for i := range b {
		c := centres[i]
		if points > 0 {
			c = centres[rng.Intn(points)]
		}
		b[i] = box{x: c[0], y: c[1], w: 20 + rng.Float64()*80, h: 20 + rng.Float64()*20}
	}
	return b
}

// atOnePoint returns n boxes centred at the origin; sized makes their
// sizes differ.
func atOnePoint(n int, sized bool) []box {
	b := make([]box, n)
	for i := range b {
		b[i] = box{w: 40, h: 30}
		if sized {
			b[i].w, b[i].h = 20+float64(i%9)*10, 20+float64(i%4)*5
		}
	}
	return b
}

// before reports whether box i came before box j along ax in b: by
// centre, ties by index, as removeOverlaps orders them.
func before(b []box, ax sepAxis, i, j int) bool {
	return precedes(b, ax, int32(i), int32(j))
}

// extentsMeet reports whether boxes i and j, each grown by gap/2, overlap
// along ax by clearly more than rounding.
func extentsMeet(b []box, ax sepAxis, i, j int, gap float64) bool {
	return overlapAlong(b[i], b[j], gap, ax) > 1e-6
}

// apartAlong reports whether boxes i and j do not overlap along ax.
func apartAlong(b []box, ax sepAxis, i, j int) bool {
	return math.Abs(ax.centre(b[i])-ax.centre(b[j])) >= (ax.size(b[i])+ax.size(b[j]))/2-overlapTol
}

// checkOrders checks what removeOverlaps promises about order for boxes
// without pins, from the boxes before (was) and after (b):
//   - a pair that overlapped ends apart along an axis on which it kept its
//     order;
//   - a pair whose y extents met (grown by gap) kept its left/right order,
//     or ended level;
//   - a pair whose x extents meet at the end (grown by gap) kept its
//     above/below order, at least the full separation apart.
func checkOrders(t *testing.T, was, b []box, gap float64) {
	t.Helper()
	errs := 0
	for i := range b {
		for j := range b {
			if i == j || errs > 5 {
				continue
			}
			if i < j && !apartAlong(was, alongX, i, j) && !apartAlong(was, alongY, i, j) &&
				!(apartAlong(b, alongX, i, j) && before(was, alongX, i, j) == before(b, alongX, i, j)) &&
				!(apartAlong(b, alongY, i, j) && before(was, alongY, i, j) == before(b, alongY, i, j)) {
				t.Errorf("boxes %d and %d overlapped and are not apart in their order along either axis: %v %v -> %v %v", i, j, was[i], was[j], b[i], b[j])
				errs++
			}
			if extentsMeet(was, alongY, i, j, gap) && before(was, alongX, i, j) && b[j].x < b[i].x-1e-9 {
				t.Errorf("boxes %d and %d side by side swapped left/right: %v %v -> %v %v", i, j, was[i], was[j], b[i], b[j])
				errs++
			}
			if sep := (b[i].h+b[j].h)/2 + gap; extentsMeet(b, alongX, i, j, gap) && before(was, alongY, i, j) && b[j].y-b[i].y < sep-1e-6 {
				t.Errorf("boxes %d and %d one above the other are %v apart, want %v in their order: %v %v -> %v %v", i, j, b[j].y-b[i].y, sep, was[i], was[j], b[i], b[j])
				errs++
			}
		}
	}
}

func TestRemoveOverlapsLeavesNoneAndKeepsOrders(t *testing.T) {
	t.Parallel()
	type tc struct {
		name string
		b    []box
		gap  float64
	}
	var cases []tc
	for seed := int64(1); seed <= 8; seed++ {
		cases = append(cases, tc{fmt.Sprintf("40 random boxes, seed %d", seed), overlapTestBoxes(seed, 40, 0), 4})
	}
	for seed := int64(1); seed <= 3; seed++ {
		cases = append(cases,
			tc{fmt.Sprintf("500 random boxes, seed %d", seed), overlapTestBoxes(seed, 500, 0), 4},
			tc{fmt.Sprintf("500 boxes at 25 points, seed %d", seed), overlapTestBoxes(seed, 500, 25), 4},
			tc{fmt.Sprintf("40 boxes at 4 points, no gap, seed %d", seed), overlapTestBoxes(seed, 40, 4), 0})
	}
	cases = append(cases,
		tc{"40 equal boxes at one point", atOnePoint(40, false), 4},
		tc{"40 boxes at one point", atOnePoint(40, true), 4},
		tc{"500 boxes at one point", atOnePoint(500, true), 4},
		tc{"500 equal boxes at one point, no gap", atOnePoint(500, false), 0},
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			was := append([]box(nil), c.b...)
			b := append([]box(nil), c.b...)
			removeOverlaps(b, c.gap)
			if got := overlaps(b); got != 0 {
				t.Fatalf("%d overlaps left", got)
			}
			checkOrders(t, was, b, c.gap)
		})
	}
}

func TestRemoveOverlapsMovesAsLittleAsItCan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		b    []box
		gap  float64
		want []box
	}{
		{
			name: "two equal boxes side by side each move half the overlap",
			b:    []box{{x: 0, w: 20, h: 20}, {x: 10, w: 20, h: 20}},
			want: []box{{x: -5, w: 20, h: 20}, {x: 15, w: 20, h: 20}},
		},
		{
			name: "with a gap each moves half the overlap and half the gap",
			b:    []box{{x: 0, w: 20, h: 20}, {x: 10, w: 20, h: 20}},
			gap:  4,
			want: []box{{x: -7, w: 20, h: 20}, {x: 17, w: 20, h: 20}},
		},
		{
			name: "two equal boxes one above the other part vertically",
			b:    []box{{y: 0, w: 20, h: 20}, {y: 10, w: 20, h: 20}},
			want: []box{{y: -5, w: 20, h: 20}, {y: 15, w: 20, h: 20}},
		},
		{
			name: "three in a row spread about their mean",
			b:    []box{{x: 0, w: 10, h: 20}, {x: 5, w: 10, h: 20}, {x: 10, w: 10, h: 20}},
			want: []box{{x: -5, w: 10, h: 20}, {x: 5, w: 10, h: 20}, {x: 15, w: 10, h: 20}},
		},
		{
			name: "a free box moves the whole overlap away from a pin",
			b:    []box{{x: 0, w: 20, h: 20, fixed: true}, {x: 10, w: 20, h: 20}},
			want: []box{{x: 0, w: 20, h: 20, fixed: true}, {x: 20, w: 20, h: 20}},
		},
		{
			name: "boxes already apart do not move",
			b:    []box{{x: 0, y: 0, w: 20, h: 20}, {x: 24, y: 3, w: 20, h: 20}, {x: -3, y: 24, w: 20, h: 20}},
			gap:  4,
			want: []box{{x: 0, y: 0, w: 20, h: 20}, {x: 24, y: 3, w: 20, h: 20}, {x: -3, y: 24, w: 20, h: 20}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := append([]box(nil), c.b...)
			removeOverlaps(got, c.gap)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// pinTestBoxes returns a 3×3 grid of pins 30 apart with room for no box
// between them, and a free box in the middle of it.
func pinTestBoxes() []box {
	var b []box
	for i := -1; i <= 1; i++ {
		for j := -1; j <= 1; j++ {
			if i != 0 || j != 0 {
				b = append(b, box{x: 30 * float64(i), y: 30 * float64(j), w: 20, h: 20, fixed: true})
			}
		}
	}
	return append(b, box{x: 1, y: 2, w: 20, h: 20})
}

func TestFixedBoxesDoNotMove(t *testing.T) {
	t.Parallel()
	crowd := overlapTestBoxes(1, 200, 0)
	for i := 0; i < len(crowd); i += 7 {
		crowd[i].fixed = true
	}
	for _, c := range []struct {
		name string
		b    []box
		gap  float64
	}{
		{"a box overlapping a pin", []box{{x: 0, y: 0, w: 50, h: 50, fixed: true}, {x: 10, y: 5, w: 50, h: 50}}, 0},
		{"a box between two pins with no room", []box{{x: 0, w: 40, h: 30, fixed: true}, {x: 50, w: 40, h: 30, fixed: true}, {x: 25, w: 40, h: 30}}, 4},
		{"a box walled in by pins on every side", pinTestBoxes(), 4},
		{"two pins overlapping each other and a box", []box{{x: 0, w: 40, h: 30, fixed: true}, {x: 10, y: 5, w: 40, h: 30, fixed: true}, {x: 5, y: 2, w: 40, h: 30}}, 4},
		{"every seventh of 200 boxes pinned", crowd, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := append([]box(nil), c.b...)
			removeOverlaps(b, c.gap)
			for i := range b {
				if c.b[i].fixed && (b[i].x != c.b[i].x || b[i].y != c.b[i].y) {
					t.Errorf("pin %d moved from %v,%v to %v,%v", i, c.b[i].x, c.b[i].y, b[i].x, b[i].y)
				}
			}
			eachOverlap(b, -overlapTol/2, func(i, j int) bool {
				if !b[i].fixed || !b[j].fixed {
					t.Errorf("boxes %d and %d overlap: %v %v", i, j, b[i], b[j])
				}
				return true
			})
		})
	}
}

func TestRemoveOverlapsIsDeterministic(t *testing.T) {
	t.Parallel()
	a := overlapTestBoxes(7, 500, 25)
	b := append([]box(nil), a...)
	removeOverlaps(a, 4)
	removeOverlaps(b, 4)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs on the same boxes differ")
	}
}

func TestVPSCSatisfiesEveryConstraint(t *testing.T) {
	t.Parallel()
	for _, ax := range []sepAxis{alongX, alongY} {
		for seed := int64(1); seed <= 5; seed++ {
			t.Run(fmt.Sprintf("axis %d, seed %d", ax, seed), func(t *testing.T) {
				t.Parallel()
				b := overlapTestBoxes(seed, 500, 50)
				for i := 0; i < len(b); i += 11 {
					b[i].fixed = true
				}
				cs := separationConstraints(b, 4, ax, ax == alongY)
				s := newVPSC(b, ax, cs)
				s.satisfy()
				for _, c := range cs {
					l, r := s.position(c.left), s.position(c.right)
					if r-l < c.gap-1e-9 {
						t.Errorf("%v: %v - %v = %v", c, r, l, r-l)
					}
				}
			})
		}
	}
}

// bruteOverlaps counts overlapping pairs in O(n²).
func bruteOverlaps(b []box) int {
	count := 0
	for i := range b {
		for j := i + 1; j < len(b); j++ {
			if min(b[i].w, b[i].h, b[j].w, b[j].h) > overlapTol && math.Abs(b[i].x-b[j].x) < (b[i].w+b[j].w)/2-overlapTol && math.Abs(b[i].y-b[j].y) < (b[i].h+b[j].h)/2-overlapTol {
				count++
			}
		}
	}
	return count
}

func TestOverlapsCountsEachOverlappingPairOnce(t *testing.T) {
	t.Parallel()
	column := make([]box, 300)
	grid := make([]box, 100)
	for i := range column {
		column[i] = box{x: float64(i % 3), y: float64(i) * 20, w: 40, h: 30}
	}
	for i := range grid {
		grid[i] = box{x: float64(i%10) * 20, y: float64(i/10) * 20, w: 20, h: 20} // touching only
	}
	cases := []struct {
		name string
		b    []box
	}{
		{"a column", column},
		{"a grid of touching boxes", grid},
		{"boxes at one point", atOnePoint(60, true)},
		{"boxes with no area overlap nothing", []box{{}, {}, {w: 10, h: 10}, {w: 0, h: 5}}},
	}
	for seed := int64(1); seed <= 5; seed++ {
		cases = append(cases, struct {
			name string
			b    []box
		}{fmt.Sprintf("random boxes at shared points, seed %d", seed), overlapTestBoxes(seed, 400, 150)})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got, want := overlaps(c.b), bruteOverlaps(c.b); got != want {
				t.Errorf("got %d, want %d", got, want)
			}
			seen := map[[2]int]bool{}
			eachOverlap(c.b, -overlapTol/2, func(i, j int) bool {
				p := [2]int{min(i, j), max(i, j)}
				if seen[p] || i == j {
					t.Errorf("pair %v reported twice", p)
				}
				seen[p] = true
				return true
			})
		})
	}
}

func BenchmarkRemoveOverlaps(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		boxes := overlapTestBoxes(1, n, 0)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			work := make([]box, n)
			for b.Loop() {
				copy(work, boxes)
				removeOverlaps(work, 4)
			}
		})
	}
}

func BenchmarkOverlaps(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		boxes := overlapTestBoxes(1, n, 0)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				overlaps(boxes)
			}
		})
	}
}

// A panic in one chunk of parallelChunks is raised again on the caller's
// goroutine, saying what it said and where it began.
func TestParallelChunksRaisesAPanicOnTheCaller(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("on one core the chunks run on the caller's goroutine")
	}
	caught := func() (p any) {
		defer func() { p = recover() }()
		parallelChunks(100*chunk, func(c, lo, hi int) {
			if c == 7 {
				panic("chunk 7 went wrong")
			}
		})
		return nil
	}()
	err, ok := caught.(interface {
		error
		Stack() []byte
	})
	if !ok {
		t.Fatalf("parallelChunks raised %v (%T), want the worker's panic", caught, caught)
	}
	if err.Error() != "chunk 7 went wrong" || !strings.Contains(string(err.Stack()), "TestParallelChunksRaisesAPanicOnTheCaller") {
		t.Errorf("parallelChunks raised %q, from\n%s", err, err.Stack())
	}
}
