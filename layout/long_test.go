package layout_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand"
	"reflect"
	"sort"
	"testing"
	"time"

	"relmap/layout"
	"relmap/model"
)

// longMap generates a map with a long history, shaped like a country–
// official network: actors in communities of 25, each alive for 2 to 20
// years somewhere in a span of years, and ties of 1 to 60 months between
// two actors alive together, 85% of them within a community. Day-precision
// dates give one keyframe for almost every begin and end.
func longMap(actors, ties, years int, seed int64) *model.Map {
	rng := rand.New(rand.NewSource(seed))
	start := model.DayOf(1900, time.January, 1)
	span := years * 365
	m := &model.Map{Name: fmt.Sprintf("long history %d", seed)}
	type life struct{ from, until model.Day }
	lives := make([]life, actors)
	for i := range actors {
		length := model.Day(365 * (2 + rng.Intn(19)))
		from := start + model.Day(rng.Intn(span))
		lives[i] = life{from, from + length}
		kind := []string{"country", "official", "organisation"}[i%3]
		m.Actors = append(m.Actors, model.Actor{
			ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %04d", i+1), Kind: kind,
			Life: model.Span{Start: model.DateOfDay(from), End: model.DateOfDay(from + length)},
		})
	}
	for len(m.Ties) < ties {
		a := rng.Intn(actors)
		b := a/25*25 + rng.Intn(25)
		if rng.Float64() < 0.15 {
			b = rng.Intn(actors)
		}
		if b >= actors || a == b {
			continue
		}
		from, until := max(lives[a].from, lives[b].from), min(lives[a].until, lives[b].until)
		if until-from < 40 {
			continue
		}
		s := from + model.Day(rng.Intn(int(until-from)-30))
		e := min(until, s+model.Day(30+rng.Intn(1800)))
		m.Ties = append(m.Ties, model.Tie{
			ID: model.ID(len(m.Ties) + 1), Kind: "relations", From: model.ID(a + 1), To: model.ID(b + 1),
			Span: model.Span{Start: model.DateOfDay(s), End: model.DateOfDay(e)},
		})
	}
	return m
}

// staticOf is the snapshot as a map without dates: what a fresh static
// layout of that date lays out.
func staticOf(snap model.Snapshot) *model.Map {
	m := &model.Map{}
	for _, a := range snap.Actors {
		a.Life = model.Span{}
		m.Actors = append(m.Actors, a)
	}
	for _, t := range snap.Ties {
		t.Span = model.Span{}
		m.Ties = append(m.Ties, t)
	}
	return m
}

// extent is the diagonal of the box that holds the boxes at pos.
func extent(pos map[model.ID]model.Point) float64 {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		sz := nodeBox(model.Actor{})
		minX, minY = min(minX, p.X-sz.W/2), min(minY, p.Y-sz.H/2)
		maxX, maxY = max(maxX, p.X+sz.W/2), max(maxY, p.Y+sz.H/2)
	}
	return math.Hypot(maxX-minX, maxY-minY)
}

func TestLongHistoryHasNoDrift(t *testing.T) {
	t.Parallel()
	m := longMap(600, 1200, 40, 1)
	keys := m.Keyframes()
	if len(keys) < 1000 {
		t.Fatalf("the generated map has %d keyframes, want a long history (1,000 or more)", len(keys))
	}
	opt := layout.Options{Box: nodeBox}
	tl := layout.Compute(m, opt)
	if got, want := tl.Len(), len(keys)+1; got != want {
		t.Fatalf("%d frames, want %d", got, want)
	}
	t.Run("every date's box is at most twice the diameter of its own fresh layout", func(t *testing.T) {
		for k := 1; k < tl.Len(); k += 37 {
			f := tl.Frame(k)
			snap := m.Snapshot(f.At)
			if len(snap.Actors) < 2 {
				continue
			}
			fresh := layout.Compute(staticOf(snap), opt).Frame(0).Pos
			if got, limit := extent(f.Pos), 2*extent(fresh); got > limit {
				t.Errorf("%s: %d actors span %.0f, fresh layout %.0f: more than twice", f.At, len(snap.Actors), got, limit/2)
			}
		}
	})
	t.Run("consecutive dates move only what changed, but for rare compactions that draw the picture together", func(t *testing.T) {
		frames := tl.Frames()
		compactions, compared := 0, 0
		for k := 1; k < len(frames); k++ {
			a, b := frames[k-1], frames[k]
			var moved []float64
			for id, p := range a.Pos {
				if q, ok := b.Pos[id]; ok {
					moved = append(moved, math.Hypot(p.X-q.X, p.Y-q.Y))
				}
			}
			if len(moved) < 20 {
				continue
			}
			compared++
			sort.Float64s(moved)
			// Translating, turning or scaling the picture would move most
			// actors; a change moves the few near it. Only a compaction
			// (a picture grown sparse drawn together) moves most.
			if moved[len(moved)/2] == 0 {
				continue
			}
			compactions++
			// A date on which most actors move must draw the picture
			// together: never push it apart, shift or turn it whole.
			common, was := map[model.ID]model.Point{}, map[model.ID]model.Point{}
			for id, p := range a.Pos {
				if q, ok := b.Pos[id]; ok {
					was[id], common[id] = p, q
				}
			}
			if before, after := extent(was), extent(common); after > before*(1+1e-9) {
				t.Errorf("%s: most actors moved and the picture grew from %.0f to %.0f", b.At, before, after)
			}
		}
		if limit := compared / 20; compactions > limit {
			t.Errorf("on %d of %d dates most actors moved; want at most %d (5%%)", compactions, compared, limit)
		}
	})
	t.Run("the same map lays out to the same positions", func(t *testing.T) {
		again := layout.Compute(m, opt)
		if !reflect.DeepEqual(again.Frames(), tl.Frames()) {
			t.Error("two layouts of the same map differ")
		}
	})
}

func TestLongHistoryEditRelaysOnlyTheDatesItReaches(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 2)
	opt := layout.Options{Box: nodeBox}
	old := layout.Compute(m, opt)
	// Move the end of the last-starting tie a week later: only its
	// end date and what follows can change.
	last := 0
	for i, tie := range m.Ties {
		if tie.Span.Start.First() > m.Ties[last].Span.Start.First() {
			last = i
		}
	}
	edited := *m
	edited.Ties = append([]model.Tie(nil), m.Ties...)
	end := edited.Ties[last].Span.End.First() + 7
	edited.Ties[last].Span.End = model.DateOfDay(end)
	first := min(m.Ties[last].Span.End.First(), end)
	tl, err := layout.Recompute(context.Background(), &edited, opt, old)
	if err != nil {
		t.Fatal(err)
	}
	oldFrames, frames := old.Frames(), tl.Frames()
	for k, f := range frames {
		if f.At >= first {
			break
		}
		if !reflect.DeepEqual(f, oldFrames[k]) {
			t.Fatalf("frame %s, before the edit's first date %s, changed", f.At, first)
		}
	}
	if fresh := layout.Compute(&edited, opt); tl.Len() != fresh.Len() {
		t.Errorf("%d frames after the edit, want %d", tl.Len(), fresh.Len())
	}
}

// An edit early in a long history moves, on the later dates, only the
// actors it reached: laid out from scratch, each date starting from the
// one before, a tie added in 1901 moved every actor of every later date.
func TestAnEarlyEditMovesLaterDatesOnlyNearWhatItChanged(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 2)
	opt := layout.Options{Box: nodeBox}
	old := layout.Compute(m, opt)
	// A tie of four years between two actors alive in 1901.
	from := old.Day(20)
	var ends []model.ID
	for _, a := range m.Actors {
		if a.Life.Start.First() < from && a.Life.End.First() > from+1500 {
			ends = append(ends, a.ID)
		}
	}
	if len(ends) < 2 {
		t.Fatalf("%d actors alive from %s for four years, want two", len(ends), model.DateOfDay(from))
	}
	edited := *m
	edited.Ties = append(append([]model.Tie(nil), m.Ties...), model.Tie{
		ID: model.ID(len(m.Ties) + 1), Kind: "relations", From: ends[0], To: ends[len(ends)-1],
		Span: model.Span{Start: model.DateOfDay(from), End: model.DateOfDay(from + 1500)},
	})
	tl, err := layout.Recompute(context.Background(), &edited, opt, old)
	if err != nil {
		t.Fatal(err)
	}
	reached := false
	for _, f := range tl.Frames() {
		moved, both := layout.Moved(old.At(f.At).Pos, f.Pos, 1)
		if f.At < from && moved > 0 {
			t.Fatalf("%s, before the edit: %d actors moved", f.At, moved)
		}
		reached = reached || moved > 0
		if moved > max(3, both/10) {
			t.Fatalf("%s: %d of %d actors moved, want at most a tenth", f.At, moved, both)
		}
		if n := layout.Overlaps(edited.Snapshot(f.At), f.Pos, opt.Box); n != 0 {
			t.Fatalf("%s: %d overlapping boxes", f.At, n)
		}
	}
	if !reached {
		t.Error("no actor moved: the new tie was not laid out")
	}
}

func TestLongHistoryStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 3)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	opt := layout.Options{Box: nodeBox, Progress: func(done, total int) {
		calls++
		if done == total/4 {
			cancel()
		}
	}}
	tl, err := layout.Recompute(ctx, m, opt, nil)
	if err == nil || tl != nil {
		t.Fatalf("Recompute after cancel = %v, %v; want ctx's error", tl, err)
	}
	if total := len(m.Keyframes()) + 1; calls > total/4+64 {
		t.Errorf("%d progress reports after cancelling at %d of %d: it did not stop", calls, total/4, total)
	}
}

func TestTimelineRoundTrip(t *testing.T) {
	t.Parallel()
	m := longMap(200, 400, 20, 4)
	tl := layout.Compute(m, layout.Options{Box: nodeBox})
	data, err := tl.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back layout.Timeline
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Frames(), tl.Frames()) {
		t.Error("the decoded timeline's frames differ")
	}
	// All it holds comes back, each date's own signature too.
	if again, err := back.MarshalBinary(); err != nil || !bytes.Equal(again, data) {
		t.Errorf("encoded again, %d bytes (%v), want the %d first encoded", len(again), err, len(data))
	}
	for _, cut := range []int{0, 3, len(data) / 2, len(data) - 1} { // the last in its dates' own signatures
		var bad layout.Timeline
		if err := bad.UnmarshalBinary(data[:cut]); err == nil {
			t.Errorf("%d of %d bytes decoded without an error", cut, len(data))
		}
	}
}

// EachOf goes through a stretch of a timeline's frames as Each goes
// through them all.
func TestTimelineEachOfAStretch(t *testing.T) {
	t.Parallel()
	tl := layout.Compute(longMap(200, 400, 20, 4), layout.Options{Box: nodeBox})
	all := tl.Frames()
	for _, s := range [][2]int{{0, 1}, {0, len(all)}, {1, 40}, {37, 38}, {len(all) - 5, len(all) + 3}, {-2, 2}, {9, 9}} {
		var got []layout.Frame
		tl.EachOf(s[0], s[1], func(f layout.Frame) bool {
			got = append(got, layout.Frame{At: f.At, Pos: maps.Clone(f.Pos)})
			return true
		})
		want := all[max(s[0], 0):min(s[1], len(all))]
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("frames %d to %d: %d frames, not the %d Each gives", s[0], s[1], len(got), len(want))
		}
	}
}

func BenchmarkLongHistory(b *testing.B) {
	m := longMap(2000, 4000, 60, 5)
	b.ReportMetric(float64(len(m.Keyframes())), "dates")
	for b.Loop() {
		layout.Compute(m, layout.Options{Box: nodeBox})
	}
}

// A long history that grows dense keeps its shape: a crowd let out as
// little as it can be goes up and down (labels are wide), and date after
// date such a history grew into one tall column, a hundred times taller
// than wide, drawn as a thin line in the window. Actors arrive over the
// first year and stay; ties between any two come and go, more and more
// of them in force.
func TestADenseLongHistoryKeepsItsShape(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(21))
	start := model.DayOf(1900, time.January, 1)
	const actors, ties, days = 1200, 6000, 900
	m := &model.Map{Name: "dense long history"}
	arrive := make([]model.Day, actors)
	for i := range actors {
		arrive[i] = start + model.Day(rng.Intn(365))
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %05d", i+1),
			Life: model.Span{Start: model.DateOfDay(arrive[i])}})
	}
	for k := range ties {
		a, b := rng.Intn(actors), rng.Intn(actors)
		if a == b {
			continue
		}
		// Later ties come more often, so that the picture grows dense.
		s := max(arrive[a], arrive[b]) + model.Day(int(float64(days)*math.Sqrt(rng.Float64())))
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(k + 1), Kind: "relations", From: model.ID(a + 1), To: model.ID(b + 1),
			Span: model.Span{Start: model.DateOfDay(s), End: model.DateOfDay(s + model.Day(60+rng.Intn(300)))}})
	}
	tl := layout.Compute(m, layout.Options{Box: labelBox})
	if tl.Len() <= 100 {
		t.Fatalf("%d frames: the history is not long", tl.Len())
	}
	worst, at := 0.0, model.Day(0)
	for _, f := range tl.Frames() {
		if len(f.Pos) < 50 {
			continue
		}
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range f.Pos {
			minX, maxX = min(minX, p.X), max(maxX, p.X)
			minY, maxY = min(minY, p.Y), max(maxY, p.Y)
		}
		if r := max((maxY-minY)/(maxX-minX), (maxX-minX)/(maxY-minY)); r > worst {
			worst, at = r, f.At
		}
	}
	if worst > 3 {
		t.Errorf("on %s the picture is %.1f times as tall as wide, or as wide as tall; want at most 3", at, worst)
	}
	t.Logf("at worst (%s) %.2f times as tall as wide or wide as tall, over %d frames", at, worst, tl.Len())
}

// A long history's preview comes once, before the first date is laid
// out: every actor of every date placed, in one frame in force on every
// date. Asking for it changes nothing in the layout.
func TestAPreviewComesBeforeTheDates(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 5)
	var previews []*layout.Timeline
	progressed := false
	opt := layout.Options{Box: nodeBox,
		Progress: func(int, int) { progressed = true },
		Preview: func(tl *layout.Timeline) {
			if progressed {
				t.Error("the preview came after a date was laid out")
			}
			previews = append(previews, tl)
		}}
	tl, err := layout.Recompute(context.Background(), m, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(previews) != 1 {
		t.Fatalf("%d previews, want 1", len(previews))
	}
	p := previews[0]
	if p.Len() != 1 {
		t.Errorf("the preview has %d frames, want 1", p.Len())
	}
	keys := m.Keyframes()
	for _, day := range []model.Day{keys[0], keys[len(keys)/2], keys[len(keys)-1]} {
		f := p.At(day)
		for _, a := range m.Snapshot(day).Actors {
			pt, ok := f.Pos[a.ID]
			if !ok || pt.Check() != nil {
				t.Fatalf("on %s the preview has %s at %v (placed: %t)", day, a.Name, pt, ok)
			}
		}
	}
	opt.Preview, opt.Progress = nil, nil
	plain, err := layout.Recompute(context.Background(), m, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tl.Frames(), plain.Frames()) {
		t.Error("asking for a preview changed the layout")
	}
}

// No date of a long history has boxes on top of each other: the region an
// edit moves is let out from the boxes around it until none meets another,
// or, crowded, moved box by box to the nearest free spot. A 10,000-actor
// history had thousands of overlapping pairs on its busiest dates.
func TestALongHistoryHasNoOverlappingBoxes(t *testing.T) {
	t.Parallel()
	m := longMap(2000, 4000, 30, 1)
	tl, err := layout.Recompute(context.Background(), m, layout.Options{Box: nodeBox}, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := m.Keyframes()
	for k := 0; k < len(keys); k += 25 {
		snap := m.Snapshot(keys[k])
		if n := layout.Overlaps(snap, tl.At(keys[k]).Pos, nodeBox); n != 0 {
			t.Fatalf("on %s (date %d of %d, %d actors) %d pairs of boxes overlap", keys[k], k, len(keys), len(snap.Actors), n)
		}
	}
}

// A timeline kept without its dates' own events (by an earlier relmap)
// learns them from its map, and an early edit then moves the later dates
// as little as after a timeline that had them.
func TestAKeptTimelineLearnsItsDatesEvents(t *testing.T) {
	t.Parallel()
	m := longMap(200, 400, 20, 4)
	opt := layout.Options{Box: nodeBox}
	tl := layout.Compute(m, opt)
	data, err := tl.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var older layout.Timeline
	cut := len(data) - 1 - 8*tl.Len() // without the dates' own signatures
	if err := older.UnmarshalBinary(data[:cut]); err != nil {
		t.Fatalf("a timeline kept without its dates' events: %v", err)
	}
	described := layout.Described(&older, m, opt)
	if again, err := described.MarshalBinary(); err != nil || !bytes.Equal(again, data) {
		t.Errorf("described, %d bytes (%v), want the %d of the timeline laid out", len(again), err, len(data))
	}
	other := longMap(200, 400, 20, 5)
	if layout.Described(&older, other, opt) != &older {
		t.Error("a timeline was described by a map it was not laid out from")
	}
}
