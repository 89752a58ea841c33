package model

import (
	"slices"
	"sort"
)

// Snapshot is what is in force on one day.
type Snapshot struct {
	At Day
	// Actors alive on At, in map order.
	Actors []Actor
	// Ties in force on At whose two ends are alive, in map order.
	Ties []Tie
	// Events from the EventWindow days up to and including At, latest
	// first.
	Events []Event
}

// EventWindow is how many days back a Snapshot's Events reach.
const EventWindow = 30

// Snapshot returns what is in force on day at. It runs in O(actors + ties +
// events).
func (m *Map) Snapshot(at Day) Snapshot {
	s := Snapshot{At: at}
	alive := make(map[ID]bool, len(m.Actors))
	for _, a := range m.Actors {
		if a.Exists(at) {
			alive[a.ID] = true
			s.Actors = append(s.Actors, a)
		}
	}
	for _, t := range m.Ties {
		if t.Span.Covers(at) && alive[t.From] && alive[t.To] {
			s.Ties = append(s.Ties, t)
		}
	}
	s.Events = m.EventsNear(at)
	return s
}

// EventsNear returns the events from the EventWindow days up to and
// including at, latest first: a Snapshot's Events.
func (m *Map) EventsNear(at Day) []Event {
	var out []Event
	for _, e := range m.Events {
		if d := e.Date.First(); d <= at && at-d <= EventWindow {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.First() > out[j].Date.First() })
	return out
}

// Has reports whether the snapshot holds actor id.
func (s Snapshot) Has(id ID) bool {
	for _, a := range s.Actors {
		if a.ID == id {
			return true
		}
	}
	return false
}

// Keyframes returns, in order, every day on which anything begins or ends:
// actors' lives, ties' spans and events. Between two consecutive keyframes
// the Snapshot does not change (except for its Events window).
func (m *Map) Keyframes() []Day {
	set := map[Day]bool{}
	addSpan := func(s Span) {
		if d, ok := s.From(); ok {
			set[d] = true
		}
		if d, ok := s.Until(); ok {
			set[d] = true
		}
	}
	for _, a := range m.Actors {
		addSpan(a.Life)
		for _, s := range a.Later {
			addSpan(s)
		}
	}
	for _, t := range m.Ties {
		addSpan(t.Span)
	}
	for _, e := range m.Events {
		set[e.Date.First()] = true
	}
	days := make([]Day, 0, len(set))
	for d := range set {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	return days
}

// KeyframeAt returns the index of the last keyframe on or before day in
// keys, or -1 when day is before the first.
func KeyframeAt(keys []Day, day Day) int {
	return sort.Search(len(keys), func(i int) bool { return keys[i] > day }) - 1
}

// Link is a connection between two actors on a day: a tie in force, or an
// actor's belongs-to or located-in link. Links are what the layout pulls
// together and what the analyses (degree, betweenness, PageRank,
// communities, paths, focus) count, decided here once so that the two
// never disagree.
type Link struct {
	From, To ID
	// Tie is the tie the link is (0 for an actor's own link).
	Tie ID
	// Directed is true for a directed tie.
	Directed bool
}

// Links lists the snapshot's links: every tie between two different
// actors, in map order, then each actor's belongs-to and located-in links
// to actors in the snapshot.
func (s Snapshot) Links() []Link {
	out := make([]Link, 0, len(s.Ties))
	for _, t := range s.Ties {
		if t.From != t.To {
			out = append(out, Link{From: t.From, To: t.To, Tie: t.ID, Directed: t.Directed})
		}
	}
	// Which actors the snapshot holds is looked up only when an actor has
	// a link of its own: the layout asks on every date.
	if !slices.ContainsFunc(s.Actors, func(a Actor) bool { return a.BelongsTo != 0 || a.LocatedIn != 0 }) {
		return out
	}
	in := make(map[ID]bool, len(s.Actors))
	for _, a := range s.Actors {
		in[a.ID] = true
	}
	for _, a := range s.Actors {
		for _, to := range []ID{a.BelongsTo, a.LocatedIn} {
			if to != 0 && to != a.ID && in[to] {
				out = append(out, Link{From: a.ID, To: to})
			}
		}
	}
	return out
}
