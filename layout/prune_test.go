package layout_test

import (
	"context"
	"slices"
	"testing"

	"relmap/layout"
	"relmap/model"
)

// without is m with actor id and its ties taken away, as a delete leaves
// it.
func without(m *model.Map, id model.ID) *model.Map {
	out := *m
	out.Actors = slices.DeleteFunc(slices.Clone(m.Actors), func(a model.Actor) bool { return a.ID == id })
	out.Ties = slices.DeleteFunc(slices.Clone(m.Ties), func(t model.Tie) bool { return t.From == id || t.To == id })
	return &out
}

// Deleting an actor from a long history holds every date still: each
// actor left keeps, on every date of the map as it is now, the place it
// had on that date, although the dates the actor and its ties began and
// ended on are no longer the map's; the actor is gone from every date. A
// change that adds or alters anything is not Prune's.
func TestPruneHoldsALongHistoryStillAfterADelete(t *testing.T) {
	t.Parallel()
	m := longMap(300, 600, 30, 5)
	opt := layout.Options{Box: labelBox}
	old := layout.Compute(m, opt)
	const gone = model.ID(151)
	cut := without(m, gone)
	cut.Ties = cut.Ties[1:] // and a tie besides
	if len(cut.Keyframes()) >= len(m.Keyframes()) {
		t.Fatalf("%d keyframes after the delete, %d before: the test needs fewer", len(cut.Keyframes()), len(m.Keyframes()))
	}
	tl, ok, err := layout.Prune(context.Background(), m, cut, opt, old)
	if err != nil || !ok {
		t.Fatalf("Prune = %v, %v", ok, err)
	}
	if want := len(cut.Keyframes()) + 1; tl.Len() != want {
		t.Fatalf("%d frames, want %d", tl.Len(), want)
	}
	checked := 0
	for k, f := range tl.Frames() {
		was := old.At(f.At).Pos
		if _, ok := f.Pos[gone]; ok {
			t.Fatalf("frame %s: the deleted actor is still there", f.At)
		}
		delete(was, gone)
		if len(f.Pos) != len(was) {
			t.Fatalf("frame %d (%s): %d actors, %d on that date before", k, f.At, len(f.Pos), len(was))
		}
		for id, p := range f.Pos {
			if p != was[id] {
				t.Fatalf("frame %s: actor %d at %v, was at %v", f.At, id, p, was[id])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no actor was checked")
	}

	// A later Recompute takes the held frames for the map's own.
	again, err := layout.Recompute(context.Background(), cut, opt, tl)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(again.Frames(), tl.Frames(), func(a, b layout.Frame) bool {
		return a.At == b.At && len(a.Pos) == len(b.Pos) && samePlaces(a.Pos, b.Pos)
	}) {
		t.Error("Recompute moved the frames Prune held")
	}

	grown := *cut
	grown.Actors = append(slices.Clone(cut.Actors), model.Actor{ID: 9999, Name: "New"})
	changed := *cut
	changed.Ties = slices.Clone(cut.Ties)
	changed.Ties[0].To = changed.Ties[1].To
	for name, mm := range map[string]*model.Map{"an actor added": &grown, "a tie changed": &changed} {
		if _, ok, err := layout.Prune(context.Background(), m, mm, opt, old); ok || err != nil {
			t.Errorf("%s: Prune = %v, %v; want false", name, ok, err)
		}
	}
	if _, ok, _ := layout.Prune(context.Background(), cut, without(cut, 3), opt, old); ok {
		t.Error("Prune held a timeline that is not the earlier map's")
	}
}

func samePlaces(a, b map[model.ID]model.Point) bool {
	for id, p := range a {
		if b[id] != p {
			return false
		}
	}
	return true
}
