package layout_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"

	"relmap/layout"
	"relmap/model"
)

func TestRecomputeReusesFramesAnEditDoesNotReach(t *testing.T) {
	t.Parallel()
	m := defaultMap(t)
	opt := layout.Options{Box: boxes(t)}
	old := layout.Compute(m, opt)

	t.Run("when nothing that shapes the layout changed, should return the same frames", func(t *testing.T) {
		edited := *m
		edited.Ties = append([]model.Tie(nil), m.Ties...)
		edited.Ties[0].Notes += " (checked again)"
		tl, err := layout.Recompute(context.Background(), &edited, opt, old)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(tl.Frames(), old.Frames()) {
			t.Error("frames differ after an edit of a tie's notes")
		}
	})

	t.Run("when the last tie to end ends later, should keep the early frames and leave no overlaps", func(t *testing.T) {
		edited := *m
		edited.Ties = append([]model.Tie(nil), m.Ties...)
		last := -1
		for i, tie := range edited.Ties {
			if until, ok := tie.Span.Until(); ok && (last < 0 || until > mustUntil(edited.Ties[last])) {
				last = i
			}
		}
		edited.Ties[last].Span.End = model.DateOfDay(mustUntil(edited.Ties[last]) + 20)
		tl, err := layout.Recompute(context.Background(), &edited, opt, old)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(tl.Frames()[0].Pos, old.Frames()[0].Pos) || !reflect.DeepEqual(tl.Frames()[1].Pos, old.Frames()[1].Pos) {
			t.Error("the first frames changed, though the edit is at the end of the timeline")
		}
		for _, f := range tl.Frames() {
			if n := layout.Overlaps(edited.Snapshot(f.At), f.Pos, opt.Box); n != 0 {
				t.Errorf("keyframe %s: %d overlapping boxes", f.At, n)
			}
		}
	})
}

func mustUntil(t model.Tie) model.Day {
	d, _ := t.Span.Until()
	return d
}

func TestRecomputeStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tl, err := layout.Recompute(ctx, randomMap(500, 7), layout.Options{}, nil)
	if !errors.Is(err, context.Canceled) || tl != nil {
		t.Errorf("got %v, %v; want no timeline and context.Canceled", tl, err)
	}
}

// Work is split into fixed chunks whose partial sums are added in order,
// so the number of cores changes nothing, bit for bit. Not parallel: it
// sets GOMAXPROCS.
func TestLayoutDoesNotDependOnCoreCount(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    *model.Map
	}{
		{"the default map (full stress, smoothing)", defaultMap(t)},
		{"4,000 actors (sparse stress)", randomMap(4000, 3)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			one := layout.Compute(tt.m, layout.Options{})
			runtime.GOMAXPROCS(4)
			four := layout.Compute(tt.m, layout.Options{})
			if !reflect.DeepEqual(one.Frames(), four.Frames()) {
				t.Error("layouts on 1 and 4 cores differ")
			}
		})
	}
}

func TestDisconnectedPartsArePackedSideBySide(t *testing.T) {
	t.Parallel()
	m := &model.Map{}
	add := func(n int) {
		first := int64(len(m.Actors) + 1)
		for i := 0; i < n; i++ {
			id := first + int64(i)
			m.Actors = append(m.Actors, model.Actor{ID: id, Name: "a", Kind: "country"})
			if i > 0 {
				m.Ties = append(m.Ties, model.Tie{ID: int64(len(m.Ties) + 1), Kind: "relations", From: id - 1, To: id})
			}
		}
	}
	add(12) // a path
	add(8)  // another
	for i := 0; i < 6; i++ {
		add(1) // loners
	}
	box := func(model.Actor) layout.Size { return layout.Size{W: 40, H: 20} }
	tl := layout.Compute(m, layout.Options{Box: box})
	pos := tl.Frames()[0].Pos
	if n := layout.Overlaps(m.Snapshot(0), pos, box); n != 0 {
		t.Errorf("%d overlapping boxes", n)
	}
	// The longest part is a path of 11 ties of 170: side by side, the whole
	// picture stays within a few such lengths; flung apart, it would not.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	if w, h := maxX-minX, maxY-minY; math.Max(w, h) > 3*11*170 || w*h > 2*(11*170)*(11*170) {
		t.Errorf("picture is %.0f×%.0f: the parts are not packed together", w, h)
	}
}

func TestPinsHoldInLargeMaps(t *testing.T) {
	t.Parallel()
	m := randomMap(3500, 5)
	pin := model.Point{X: 1234.5, Y: -987.25}
	m.Pins = map[model.ID]model.Point{17: pin}
	tl := layout.Compute(m, layout.Options{Box: benchBox})
	if got := tl.Frames()[0].Pos[17]; got != pin {
		t.Errorf("pinned actor at %v, want %v", got, pin)
	}
}

func TestStaticStressOfGeneratedGraphs(t *testing.T) {
	t.Parallel()
	// The bounds are what neato -Gmode=major reaches on these very graphs
	// (measured: 0.1543 and 0.1427; relmap: 0.1525 and 0.1387).
	for _, tt := range []struct {
		name string
		m    *model.Map
		want float64
	}{
		{"random, 300 actors", randomMap(300, 42), 0.1543},
		{"scale-free, 300 actors", scaleFreeMap(300, 42), 0.1427},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tl := layout.Compute(tt.m, layout.Options{Box: benchBox})
			if got := layout.NormalizedStress(tt.m.Snapshot(0), tl.Frames()[0].Pos); got > tt.want {
				t.Errorf("normalized stress %.4f, want at most %.2f", got, tt.want)
			}
		})
	}
}

// Small maps without dates, as imported from a DOT or GEXF file of a few
// nodes, are laid out: a pair of actors had crashed the layout (every
// actor was already clear of the others, and an empty list was read).
func TestRecomputeLaysOutSmallMapsWithoutDates(t *testing.T) {
	t.Parallel()
	shapes := map[string]func(n int) [][2]int{
		"apart": func(int) [][2]int { return nil },
		"path": func(n int) [][2]int {
			var ties [][2]int
			for i := 1; i < n; i++ {
				ties = append(ties, [2]int{i, i + 1})
			}
			return ties
		},
		"star": func(n int) [][2]int {
			var ties [][2]int
			for i := 2; i <= n; i++ {
				ties = append(ties, [2]int{1, i})
			}
			return ties
		},
	}
	for name, ties := range shapes {
		for n := 1; n <= 12; n++ {
			m := &model.Map{Name: name}
			for i := 1; i <= n; i++ {
				m.Actors = append(m.Actors, model.Actor{ID: model.ID(i), Name: string(rune('a' + i - 1)), Kind: "country"})
			}
			for k, tie := range ties(n) {
				m.Ties = append(m.Ties, model.Tie{ID: model.ID(k + 1), From: model.ID(tie[0]), To: model.ID(tie[1]), Kind: "relations"})
			}
			tl, err := layout.Recompute(context.Background(), m, layout.Options{}, nil)
			if err != nil {
				t.Fatalf("%s of %d: %v", name, n, err)
			}
			f := tl.Frames()
			if len(f) == 0 || len(f[0].Pos) != n {
				t.Fatalf("%s of %d: %d frames, the first placing %d actors", name, n, len(f), len(f[0].Pos))
			}
			for id, p := range f[0].Pos {
				if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
					t.Errorf("%s of %d: actor %d at %v", name, n, id, p)
				}
			}
		}
	}
}
