package layout

import (
	"context"
	"slices"
	"sort"

	"relmap/model"
)

// Prune holds old, the timeline of was, still for m, a version of was
// with some of its actors, ties or events taken away and nothing else a
// layout reads changed (a delete): on every date every actor left keeps
// its place, and no actor moves to fill the room. It reports false, and
// does nothing, when m is not such a version of was, or old is not was's.
//
// It takes O(moves), the size of old, plus the signatures of m's frames:
// under a second on a map whose new layout (Adjust, Recompute) takes
// minutes. Like Rebox, its result depends on old, not on m alone, and its
// frames are taken for m's: a later Recompute reuses them.
func Prune(ctx context.Context, was, m *model.Map, opt Options, old *Timeline) (*Timeline, bool, error) {
	opt = opt.withDefaults()
	valid, wasValid := m.WithoutInvalidPins(), was.WithoutInvalidPins()
	if old == nil || old.Len() == 0 || len(valid.Actors)+len(valid.Ties)+len(valid.Events) >= len(wasValid.Actors)+len(wasValid.Ties)+len(wasValid.Events) {
		return nil, false, nil
	}
	if !takenFrom(wasValid, valid, opt) {
		return nil, false, nil
	}
	// old must be was's: its aggregate was computed from was's union.
	if newUnion(wasValid, opt).sig != old.homeSig {
		return nil, false, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	homeSig, sigs, steps := signatures(valid, opt)
	days := frameDays(valid.Keyframes())
	if len(sigs) != len(days) {
		return nil, false, nil
	}
	left := make(map[model.ID]bool, len(valid.Actors))
	for _, a := range valid.Actors {
		left[a.ID] = true
	}
	t := &Timeline{days: days, sigs: sigs, stepSigs: steps, homeSig: homeSig, home: make(map[model.ID][2]float64, len(valid.Actors))}
	for id, p := range old.home {
		if left[id] {
			t.home[id] = p
		}
	}
	for _, tr := range old.tracks {
		if left[tr.id] {
			t.tracks = append(t.tracks, tr.onto(old.days, days))
		}
	}
	return t, true, nil
}

// takenFrom reports whether m is was with some actors, ties or events
// taken away, and the references to the actors gone cleared, as a delete
// leaves it, to a layout (see Key): the dates of m's events, which a
// layout reads only as dates that may change the picture, are not
// compared.
func takenFrom(was, m *model.Map, opt Options) bool {
	left := make(map[model.ID]bool, len(m.Actors))
	for _, a := range m.Actors {
		left[a.ID] = true
	}
	ties := make(map[model.ID]bool, len(m.Ties))
	for _, t := range m.Ties {
		ties[t.ID] = true
	}
	cut := *was
	cut.Actors = make([]model.Actor, 0, len(m.Actors))
	for _, a := range was.Actors {
		if !left[a.ID] {
			continue
		}
		if !left[a.BelongsTo] {
			a.BelongsTo = 0
		}
		if !left[a.LocatedIn] {
			a.LocatedIn = 0
		}
		cut.Actors = append(cut.Actors, a)
	}
	cut.Ties = slices.DeleteFunc(slices.Clone(was.Ties), func(t model.Tie) bool { return !ties[t.ID] })
	cut.Events = m.Events
	cut.Pins = make(map[model.ID]model.Point, len(was.Pins))
	for id, p := range was.Pins {
		if left[id] {
			cut.Pins[id] = p
		}
	}
	return key(&cut, opt, true) == key(m, opt, true)
}

// onto is the track, whose frames begin on the days from, on the frames
// beginning on the days to: each of those gets the place the track had on
// its first day.
func (tr track) onto(from, to []model.Day) track {
	if slices.Equal(from, to) {
		return tr
	}
	out := track{id: tr.id}
	for _, r := range tr.runs {
		// The first frame of to on which the run is in force, unless a
		// later run is by then.
		k := int32(sort.Search(len(to), func(j int) bool { return to[j] >= from[r.frame] }))
		if int(k) == len(to) {
			break
		}
		if n := len(out.runs); n > 0 && out.runs[n-1].frame == k {
			out.runs = out.runs[:n-1]
		}
		if n := len(out.runs); n > 0 && samePlace(out.runs[n-1].p, r.p) || n == 0 && isAbsent(r.p) {
			continue
		}
		out.runs = append(out.runs, run{frame: k, p: r.p})
	}
	return out
}

// samePlace reports whether p and q are one place, or both absent.
func samePlace(p, q model.Point) bool { return p == q || isAbsent(p) && isAbsent(q) }
