package layout_test

import (
	"context"
	"math"
	"reflect"
	"runtime"
	"testing"

	"relmap/layout"
	"relmap/model"
)

// labelBox sizes an actor's box by its name, as the renderer does: a
// longer name, a wider box.
func labelBox(a model.Actor) layout.Size {
	return layout.Size{W: 40 + 7*float64(len(a.Name)), H: 40}
}

// Renaming an actor on a long history holds every date still: the actor
// keeps its place, only actors its wider box now runs into move, and then
// no box overlaps it; a change to anything else is not Rebox's.
func TestReboxHoldsALongHistoryStill(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 5)
	opt := layout.Options{Box: labelBox}
	old := layout.Compute(m, opt)
	if old.Len() <= 100 {
		t.Fatalf("%d frames: the history is not long", old.Len())
	}
	renamed := *m
	renamed.Actors = append([]model.Actor(nil), m.Actors...)
	const who = 150 // alive on many dates, with neighbours
	renamed.Actors[who].Name = "Ministry of Foreign Affairs and Human Mobility"
	id := renamed.Actors[who].ID
	tl, ok, err := layout.Rebox(context.Background(), m, &renamed, opt, old)
	if err != nil || !ok {
		t.Fatalf("Rebox = %v, %v", ok, err)
	}
	if tl.Len() != old.Len() {
		t.Fatalf("%d frames, want %d", tl.Len(), old.Len())
	}
	size := map[model.ID]layout.Size{}
	for _, a := range renamed.Actors {
		size[a.ID] = labelBox(a)
	}
	const gap = 8 // Options' default
	oldFrames, frames := old.Frames(), tl.Frames()
	present, pushed, still, crowded := 0, 0, 0, 0
	for k, f := range frames {
		was := oldFrames[k]
		if len(f.Pos) != len(was.Pos) {
			t.Fatalf("frame %s: %d actors, had %d", f.At, len(f.Pos), len(was.Pos))
		}
		pc, ok := f.Pos[id]
		if !ok {
			continue
		}
		present++
		if pc != was.Pos[id] {
			t.Fatalf("frame %s: the renamed actor moved from %v to %v", f.At, was.Pos[id], pc)
		}
		for other, p := range f.Pos {
			if p == was.Pos[other] {
				still++
				continue
			}
			pushed++
			// A pushed box lands on no box it did not overlap before.
			so := size[other]
			hits := func(a, b model.Point, sb layout.Size) bool {
				return math.Abs(a.X-b.X) < (so.W+sb.W)/2-1e-6 && math.Abs(a.Y-b.Y) < (so.H+sb.H)/2-1e-6
			}
			for third, q := range f.Pos {
				if third != other && hits(p, q, size[third]) && !hits(was.Pos[other], was.Pos[third], size[third]) {
					t.Fatalf("frame %s: pushed actor %d at %v lands on actor %d at %v", f.At, other, p, third, q)
				}
			}
			// Only what ran into the wider box moves.
			sw, so := size[id], size[other]
			q := was.Pos[other]
			if math.Abs(q.X-pc.X) > (sw.W+so.W)/2+2*(sw.W+gap) || math.Abs(q.Y-pc.Y) > (sw.H+so.H)/2+2*(sw.W+gap) {
				t.Fatalf("frame %s: actor %d, far from the renamed one, moved from %v to %v", f.At, other, q, p)
			}
		}
		// Nothing overlaps the renamed actor, but on a date too crowded
		// to make room, which is left as it was.
		for other, p := range f.Pos {
			so, sw := size[other], size[id]
			if other == id || !(math.Abs(p.X-pc.X) < (so.W+sw.W)/2-1e-6 && math.Abs(p.Y-pc.Y) < (so.H+sw.H)/2-1e-6) {
				continue
			}
			if !reflect.DeepEqual(f.Pos, was.Pos) {
				t.Fatalf("frame %s: actor %d at %v overlaps the renamed one at %v, on a date pushed around", f.At, other, p, pc)
			}
			crowded++
			break
		}
	}
	if present < 50 || pushed == 0 {
		t.Fatalf("the renamed actor is on %d frames and pushed %d places: the test does not test much", present, pushed)
	}
	if crowded > present/10 {
		t.Errorf("on %d of %d frames no room was made", crowded, present)
	}
	t.Logf("on %d frames (%d left as they were, too crowded), %d places pushed, %d held", present, crowded, pushed, still)

	// The held timeline carries the renamed map's signatures: laying the
	// renamed map out from it reuses every date, as it would a layout of
	// that map, and moves nothing.
	again, err := layout.Recompute(context.Background(), &renamed, opt, tl)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Frames(), frames) {
		t.Error("laying out the renamed map from the held timeline moved actors")
	}

	// A timeline of another map is not held for this one.
	other := layout.Compute(longMap(300, 600, 30, 6), opt)
	if _, ok, _ := layout.Rebox(context.Background(), m, &renamed, opt, other); ok {
		t.Error("Rebox held a timeline of another map")
	}

	// Three renamed at once, in three communities: each keeps its place,
	// and nothing overlaps any of them.
	three := *m
	three.Actors = append([]model.Actor(nil), m.Actors...)
	for _, i := range []int{40, 151, 260} {
		three.Actors[i].Name += " and its long new name"
	}
	tl3, ok, err := layout.Rebox(context.Background(), m, &three, opt, old)
	if err != nil || !ok {
		t.Fatalf("Rebox of three = %v, %v", ok, err)
	}
	for k, f := range tl3.Frames() {
		for _, i := range []int{40, 151, 260} {
			a := three.Actors[i]
			pc, ok := f.Pos[a.ID]
			if !ok {
				continue
			}
			if pc != oldFrames[k].Pos[a.ID] {
				t.Fatalf("frame %s: renamed actor %d moved", f.At, a.ID)
			}
			// An actor that overlaps a renamed one was not pushed there: its
			// date was too crowded to make room.
			sc := labelBox(a)
			for other, p := range f.Pos {
				so := labelBox(actorByID(&three, other))
				if other != a.ID && math.Abs(p.X-pc.X) < (so.W+sc.W)/2-1e-6 && math.Abs(p.Y-pc.Y) < (so.H+sc.H)/2-1e-6 && p != oldFrames[k].Pos[other] {
					t.Fatalf("frame %s: actor %d was pushed onto renamed actor %d", f.At, other, a.ID)
				}
			}
		}
	}

	// Renaming many at once is laid out again.
	bulk := *m
	bulk.Actors = append([]model.Actor(nil), m.Actors...)
	for i := range bulk.Actors[:100] {
		bulk.Actors[i].Name += " (renamed)"
	}
	if _, ok, _ := layout.Rebox(context.Background(), m, &bulk, opt, old); ok {
		t.Error("Rebox took a hundred renamed actors")
	}

	// A tie more is not a change of boxes.
	tied := renamed
	tied.Ties = append(append([]model.Tie(nil), m.Ties...), model.Tie{ID: 100000, Kind: "relations", From: 1, To: 2})
	if _, ok, _ := layout.Rebox(context.Background(), m, &tied, opt, old); ok {
		t.Error("Rebox took a map with a new tie")
	}
}

// Rebox holds a history still the same way on one core as on several,
// which share its frames out in stretches.
func TestReboxIsTheSameOnAnyNumberOfCores(t *testing.T) {
	m := longMap(300, 600, 30, 5)
	opt := layout.Options{Box: labelBox}
	old := layout.Compute(m, opt)
	renamed := *m
	renamed.Actors = append([]model.Actor(nil), m.Actors...)
	for _, i := range []int{40, 150, 151, 260} {
		renamed.Actors[i].Name += " and its long new name"
	}
	var frames [][]layout.Frame
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, cores := range []int{1, 4} {
		runtime.GOMAXPROCS(cores)
		tl, ok, err := layout.Rebox(context.Background(), m, &renamed, opt, old)
		if err != nil || !ok {
			t.Fatalf("%d cores: Rebox = %v, %v", cores, ok, err)
		}
		frames = append(frames, tl.Frames())
	}
	if old.Len() <= 2*64 {
		t.Fatalf("%d frames: too few for the cores to share", old.Len())
	}
	if !reflect.DeepEqual(frames[0], frames[1]) {
		t.Error("Rebox on four cores moved other actors than on one")
	}
	if reflect.DeepEqual(frames[0], old.Frames()) {
		t.Error("Rebox moved no actor: the test does not test much")
	}
}

// actorByID is actor id of m.
func actorByID(m *model.Map, id model.ID) model.Actor {
	a, _ := m.Actor(id)
	return a
}

// Dragging an actor on a long history (a new pin) holds every date still
// but for it: it stands at its pin wherever it is alive, what its box lands
// on is pushed aside (at most 64 boxes, none far from the pin) so that
// nothing overlaps it, or, on a date too crowded for that, nothing moves;
// unpinning it moves nothing.
func TestReboxHoldsAMovedPin(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 5)
	opt := layout.Options{Box: labelBox}
	old := layout.Compute(m, opt)
	oldFrames := old.Frames()
	id := m.Actors[150].ID
	// The pin: where another actor stands on a date id is alive, so that
	// id lands on it there.
	var pin model.Point
	var onto model.ID
	for _, f := range oldFrames[len(oldFrames)/2:] {
		if _, ok := f.Pos[id]; ok {
			for other, p := range f.Pos {
				if other != id && (onto == 0 || other < onto) {
					onto, pin = other, p
				}
			}
			break
		}
	}
	if onto == 0 {
		t.Fatal("actor 150 is alive on no date of the history's second half")
	}
	pinned := *m
	pinned.Pins = map[model.ID]model.Point{id: pin}
	reports, total := 0, 0
	withProgress := opt
	withProgress.Progress = func(_, n int) { reports, total = reports+1, n }
	tl, ok, err := layout.Rebox(context.Background(), m, &pinned, withProgress, old)
	if err != nil || !ok {
		t.Fatalf("Rebox of a new pin = %v, %v", ok, err)
	}
	if reports < old.Len()/64 || total != old.Len() {
		t.Errorf("Rebox reported its progress %d times, of %d dates; want every 64 of the %d", reports, total, old.Len())
	}
	size := map[model.ID]layout.Size{}
	for _, a := range m.Actors {
		size[a.ID] = labelBox(a)
	}
	sp := size[id]
	// What a push may reach: the boxes around the pin, pushed along in
	// rounds up to 8 times as far as the boxes the pinned box runs into.
	var most layout.Size
	for _, sz := range size {
		most.W, most.H = math.Max(most.W, sz.W), math.Max(most.H, sz.H)
	}
	const gap = 8
	reach := model.Point{X: 8 * ((most.W+sp.W)/2 + 2*most.W + sp.W + gap), Y: 8 * ((most.H+sp.H)/2 + 2*most.H + sp.H + gap)}
	present, pushed, crowded := 0, 0, 0
	for k, f := range tl.Frames() {
		was := oldFrames[k]
		pc, ok := f.Pos[id]
		if !ok {
			continue
		}
		present++
		if pc != pin {
			t.Fatalf("frame %s: the pinned actor is at %v, want its pin %v", f.At, pc, pin)
		}
		overlapped, moved := false, 0
		for other, p := range f.Pos {
			if other == id {
				continue
			}
			so := size[other]
			if p != was.Pos[other] {
				pushed++
				moved++
				if math.Abs(p.X-pin.X) > reach.X || math.Abs(p.Y-pin.Y) > reach.Y {
					t.Fatalf("frame %s: actor %d, far from the pin %v, moved from %v to %v", f.At, other, pin, was.Pos[other], p)
				}
			}
			if math.Abs(p.X-pin.X) < (so.W+sp.W)/2-1e-6 && math.Abs(p.Y-pin.Y) < (so.H+sp.H)/2-1e-6 {
				overlapped = true
			}
		}
		if overlapped {
			// A date too crowded to make room (its boxes already run
			// into each other): left as it was, but for the pinned actor.
			crowded++
			if moved > 0 {
				t.Fatalf("frame %s: the pinned actor's box overlaps another, on a date pushed around", f.At)
			}
		}
		if moved > 64 {
			t.Fatalf("frame %s: %d actors pushed around the pin, want at most 64", f.At, moved)
		}
	}
	if present < 50 || pushed == 0 {
		t.Fatalf("the pinned actor is on %d frames (%d crowded) and pushed %d places: the test does not test much", present, crowded, pushed)
	}
	if crowded > present/2 {
		t.Errorf("on %d of %d frames the pinned actor's box overlaps another", crowded, present)
	}
	t.Logf("on %d frames (%d too crowded), %d places pushed", present, crowded, pushed)

	// Laid out from the held timeline, the pinned map keeps every date.
	again, err := layout.Recompute(context.Background(), &pinned, opt, tl)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Frames(), tl.Frames()) {
		t.Error("laying out the pinned map from the held timeline moved actors")
	}
	// Unpinned, the actor stays where the pin put it, and so does the rest.
	free, ok, err := layout.Rebox(context.Background(), &pinned, m, opt, tl)
	if err != nil || !ok {
		t.Fatalf("Rebox of an unpin = %v, %v", ok, err)
	}
	if !reflect.DeepEqual(free.Frames(), tl.Frames()) {
		t.Error("unpinning moved actors")
	}
	// An edit a layout does not read (a note) gives the timeline back as
	// it is, without working anything out.
	noted := pinned
	noted.Actors = append([]model.Actor(nil), pinned.Actors...)
	noted.Actors[0].Notes = "seen at the embassy"
	if same, ok, err := layout.Rebox(context.Background(), &pinned, &noted, opt, tl); err != nil || !ok || same != tl {
		t.Errorf("Rebox of a new note = %v, %v, and another timeline: %v", ok, err, same != tl)
	}
	// A pin and a new tie are not Rebox's.
	tied := pinned
	tied.Ties = append(append([]model.Tie(nil), m.Ties...), model.Tie{ID: 99999, From: id, To: onto, Kind: m.Ties[0].Kind})
	if _, ok, _ := layout.Rebox(context.Background(), m, &tied, opt, old); ok {
		t.Error("Rebox held the timeline for a map with a new tie")
	}
}
