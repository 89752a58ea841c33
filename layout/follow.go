package layout

import (
	"context"
	"math"
	"slices"

	"relmap/model"
)

// follower holds the dates after an edit of a long history to the
// picture an earlier layout (old) gave them, as a document editor must:
// an actor the edit did not reach stands, on every later date, where old
// has it, and only the actors it reached (dirty: placed otherwise than
// old has them, or not shown by old) are laid out anew, against the rest.
//
// Laid out from scratch, each date would start from the one before: a
// tie added in 1901 moves its two actors, and from then on every date
// relaxes and compacts around them otherwise, until by 1930 every actor
// stands elsewhere. Held to old, the picture of 1930 is the one the user
// knew, but near what the edit changed.
//
// A date whose own events (see Timeline.stepSigs) are the same as old's
// takes old's places for everyone clean, old's relaxation and compaction
// included; the dirty actors move as their clean partners did, and those
// whose links changed, or that a box lands on, are relaxed against them.
// A date whose events the edit changed is relaxed as a fresh layout would
// relax it, around the clean actors at old's places.
type follower struct {
	old *Timeline
	// at is old's frame last taken, and was each union node's place in
	// it (absent when old does not show it there).
	at  int
	was []model.Point
	// moves are old's moves by frame, as union nodes.
	moves [][]oldMove
	dirty []bool
}

type oldMove struct {
	node int32
	p    model.Point
}

// followable reports whether the dates of a long history after an edit
// can be held to old's picture: old knows each of its dates' own events.
func followable(old *Timeline) bool {
	return old != nil && len(old.stepSigs) == len(old.days) && len(old.days) > 0
}

// newFollower holds the layout to old from frame k on, the state being
// old's frame k-1.
func newFollower(u *union, old *Timeline, k int) *follower {
	f := &follower{old: old, at: -1, was: make([]model.Point, u.g.n()), moves: make([][]oldMove, old.Len()), dirty: make([]bool, u.g.n())}
	for i := range f.was {
		f.was[i] = absent
	}
	for _, tr := range old.tracks {
		i, ok := u.index[tr.id]
		if !ok {
			continue // an actor the edit deleted
		}
		for _, r := range tr.runs {
			f.moves[r.frame] = append(f.moves[r.frame], oldMove{i, r.p})
		}
	}
	f.advance(k-1, nil)
	return f
}

// advance takes old's frames up to to, and returns moved grown by the
// nodes old placed anew in them.
func (f *follower) advance(to int, moved []int32) []int32 {
	for ; f.at < to; f.at++ {
		for _, mv := range f.moves[f.at+1] {
			f.was[mv.node] = mv.p
			moved = append(moved, mv.node)
		}
	}
	return moved
}

// snapDistance is how near old's place a dirty actor must come to take it
// and be clean again: far less than a pixel at any zoom the map is read
// at.
const snapDistance = 0.01

// An edit that reaches more than a quarter of the actors alive on a date,
// and more than minFollowed, has changed the picture: from that date on
// the layout goes on as a fresh one would, each date from the one before
// (holding the many it reached to old would cost more than laying them out
// afresh).
const minFollowed = 64

// follow lays out frame k of h held to old (see follower), and reports
// whether it did: not when the edit has reached too many actors (see
// minFollowed), before anything is done.
func (s *incState) follow(ctx context.Context, f *follower, h *history, k int, b *timelineBuilder) (bool, error) {
	day, st := h.days[k], h.steps[k]
	many := 0
	for i, dirty := range f.dirty {
		if dirty && s.alive[i] {
			many++
		}
	}
	if many > max(minFollowed, s.living/4) {
		return false, nil
	}
	j := f.old.Index(day)
	same := f.old.days[j] == day && f.old.stepSigs[j] == h.stepSigs[k]
	moved := f.advance(j, nil)
	for _, i := range st.dropActors {
		f.dirty[i] = false
	}
	// The clean actors take old's places, and the newcomers old shows
	// take theirs; how far each clean actor moved is kept, for the dirty
	// ones beside it.
	shift := make(map[int32]model.Point, len(moved))
	take := func(i int32) {
		p := f.was[i]
		shift[i] = model.Point{X: p.X - s.xy[i].X, Y: p.Y - s.xy[i].Y}
		s.moveTo(i, p, b)
	}
	for _, i := range st.addActors {
		if s.alive[i] && s.newcomer[i] && !isAbsent(f.was[i]) && !s.pin[i] {
			s.newcomer[i] = false
			s.xy[i] = f.was[i]
			s.grid.add(i, s.xy[i])
			b.set(s.u.g.ids[i], s.xy[i])
		}
	}
	for _, i := range moved {
		switch {
		case !s.alive[i] || s.newcomer[i] || f.dirty[i] || s.xy[i] == f.was[i]:
		case isAbsent(f.was[i]) || s.pin[i]:
			f.dirty[i] = true // old no longer shows it, or not there
		default:
			take(i)
		}
	}
	// The dirty actors move as their moved partners did; those whose
	// links changed, or that a box now meets (a clean actor come to old's
	// place, say), are laid out again.
	var extra []int32
	touched := make(map[int32]bool)
	for _, ls := range [][]link{st.dropLinks, st.addLinks} {
		for _, l := range ls {
			touched[l.a], touched[l.b] = true, true
		}
	}
	for i, dirty := range f.dirty {
		if !dirty || !s.alive[i] {
			continue
		}
		var sum model.Point
		n := 0
		for _, j := range s.adj[i] {
			if d, ok := shift[j]; ok {
				sum.X, sum.Y = sum.X+d.X, sum.Y+d.Y
				n++
			}
		}
		if n > 0 && !s.pin[i] {
			s.moveTo(int32(i), model.Point{X: s.xy[i].X + sum.X/float64(n), Y: s.xy[i].Y + sum.Y/float64(n)}, b)
		}
		// Moved with its partners, it keeps its place among them unless
		// its links changed or a box lands on it: relaxed on every date a
		// partner moved (old's compaction moves them all), it was pulled
		// into the crowd and pushed out again, most of an early edit's
		// time on a big map.
		if touched[int32(i)] || s.crowded(int32(i)) {
			extra = append(extra, int32(i))
		}
	}
	region, err := s.relaxWith(ctx, st, b, !same, extra)
	if err != nil {
		return true, err
	}
	// What was laid out is dirty unless it came to old's place.
	for _, i := range region {
		p := f.was[i]
		switch {
		case isAbsent(p):
			f.dirty[i] = true
		case math.Hypot(s.xy[i].X-p.X, s.xy[i].Y-p.Y) <= snapDistance:
			if s.xy[i] != p {
				s.moveTo(i, p, b)
			}
			f.dirty[i] = false
		default:
			f.dirty[i] = true
		}
	}
	return true, nil
}

// moveTo moves actor i to p from the current frame on.
func (s *incState) moveTo(i int32, p model.Point, b *timelineBuilder) {
	s.grid.remove(i, s.xy[i])
	s.xy[i] = p
	s.grid.add(i, p)
	b.set(s.u.g.ids[i], p)
}

// crowded reports whether another box meets i's.
func (s *incState) crowded(i int32) bool {
	met := false
	s.grid.near(s.xy[i], func(j int32) {
		met = met || j != i && s.overlaps(i, j, 0)
	})
	return met
}

// sortedUnion is a and b, sorted, each node once; a is reused.
func sortedUnion(a, b []int32) []int32 {
	a = append(a, b...)
	slices.Sort(a)
	return slices.Compact(a)
}

// Described is t, a timeline of m laid out with opt, knowing each of its
// dates' own events (see Timeline.stepSigs), which one kept by an earlier
// relmap does not: a Recompute after an edit can then hold the later
// dates to it. It is t itself when t knows them already, is short, or was
// not laid out from m with opt.
func Described(t *Timeline, m *model.Map, opt Options) *Timeline {
	if t == nil || len(t.stepSigs) == len(t.days) || len(t.days) <= longTimeline+1 {
		return t
	}
	opt = opt.withDefaults()
	homeSig, sigs, steps := signatures(m.WithoutInvalidPins(), opt)
	if homeSig != t.homeSig || !slices.Equal(sigs, t.sigs) || len(steps) != len(t.days) {
		return t
	}
	out := *t
	out.stepSigs = steps
	return &out
}
