package model

import (
	"fmt"
	"slices"
)

// Event returns the event with id, if the map has it.
func (m *Map) Event(id ID) (Event, bool) {
	for _, e := range m.Events {
		if e.ID == id {
			return e, true
		}
	}
	return Event{}, false
}

// EventsOfTie returns the events that begin tie id and those that end it,
// in map order.
func (m *Map) EventsOfTie(id ID) (begins, ends []Event) {
	for _, e := range m.Events {
		if slices.Contains(e.Begins, id) {
			begins = append(begins, e)
		}
		if slices.Contains(e.Ends, id) {
			ends = append(ends, e)
		}
	}
	return begins, ends
}

// Part is an event an actor takes part in, and its role there ("" for
// none given).
type Part struct {
	Event Event
	Role  string
}

// EventsOfActor returns the events actor id takes part in, in map order.
func (m *Map) EventsOfActor(id ID) []Part {
	var out []Part
	for _, e := range m.Events {
		for _, p := range e.Participants {
			if p.Actor == id {
				out = append(out, Part{e, p.Role})
				break
			}
		}
	}
	return out
}

// Disagreements say how tie t's dates disagree with the events that begin
// and end it, one sentence each (none when they agree): a tie an event
// ends is to end on the event's date, and one an event begins is to start
// on it. Dates of different precision agree when one falls within the
// other ("2024-04" and "2024-04-06").
func (m *Map) Disagreements(t Tie) []string {
	begins, ends := m.EventsOfTie(t.ID)
	var out []string
	for _, e := range begins {
		if !sameTime(t.Span.Start, e.Date) {
			out = append(out, fmt.Sprintf("It is begun by %s on %s but %s.", quote(e.Title), e.Date, startText(t.Span.Start)))
		}
	}
	for _, e := range ends {
		if !sameTime(t.Span.End, e.Date) {
			out = append(out, fmt.Sprintf("It is ended by %s on %s but %s.", quote(e.Title), e.Date, endText(t.Span.End)))
		}
	}
	return out
}

// sameTime reports whether dates a and b overlap; an unknown date
// overlaps none.
func sameTime(a, b Date) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	return a.First() <= b.Last() && b.First() <= a.Last()
}

func startText(d Date) string {
	if d.IsZero() {
		return "it has no start"
	}
	return "it starts on " + d.String()
}

func endText(d Date) string {
	if d.IsZero() {
		return "it has no end"
	}
	return "it ends on " + d.String()
}

// MatchEvent returns t with its start set to the date of e when e begins
// it, and its end when e ends it, and whether that changed t.
func (t Tie) MatchEvent(e Event) (Tie, bool) {
	out := t
	if slices.Contains(e.Begins, t.ID) && !sameTime(t.Span.Start, e.Date) {
		out.Span.Start = e.Date
	}
	if slices.Contains(e.Ends, t.ID) && !sameTime(t.Span.End, e.Date) {
		out.Span.End = e.Date
	}
	return out, out.Span != t.Span
}
