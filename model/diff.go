package model

import (
	"cmp"
	"slices"
	"sort"
)

// Diff is what changed between two dates: what a story says happened
// between the 5th and the 7th.
type Diff struct {
	From, To Day
	// Began are the ties in force on To that were not on From; Ended
	// those in force on From that are not on To (a tie is in force when
	// its span covers the day and both its actors are alive).
	Began, Ended []Tie
	// Appeared are the actors alive on To that were not on From; Left
	// those alive on From that are not on To.
	Appeared, Left []Actor
	// Events are those dated after From, up to and including To, in
	// date order.
	Events []Event
}

// Diff compares the map on two days. Swapping from and to swaps Began
// with Ended and Appeared with Left; the events are those between the two
// days either way. Records come in map order.
func (m *Map) Diff(from, to Day) Diff {
	d := Diff{From: from, To: to}
	a, b := m.Snapshot(from), m.Snapshot(to)
	actorsIn := func(s Snapshot) map[ID]bool {
		set := make(map[ID]bool, len(s.Actors))
		for _, x := range s.Actors {
			set[x.ID] = true
		}
		return set
	}
	tiesIn := func(s Snapshot) map[ID]bool {
		set := make(map[ID]bool, len(s.Ties))
		for _, x := range s.Ties {
			set[x.ID] = true
		}
		return set
	}
	wasA, isA := actorsIn(a), actorsIn(b)
	wasT, isT := tiesIn(a), tiesIn(b)
	for _, x := range b.Actors {
		if !wasA[x.ID] {
			d.Appeared = append(d.Appeared, x)
		}
	}
	for _, x := range a.Actors {
		if !isA[x.ID] {
			d.Left = append(d.Left, x)
		}
	}
	for _, t := range b.Ties {
		if !wasT[t.ID] {
			d.Began = append(d.Began, t)
		}
	}
	for _, t := range a.Ties {
		if !isT[t.ID] {
			d.Ended = append(d.Ended, t)
		}
	}
	lo, hi := min(from, to), max(from, to)
	for _, e := range m.Events {
		if day := e.Date.First(); day > lo && day <= hi {
			d.Events = append(d.Events, e)
		}
	}
	sort.SliceStable(d.Events, func(i, j int) bool { return d.Events[i].Date.First() < d.Events[j].Date.First() })
	return d
}

// DiffRow is one change between two dates, as the diff command and the
// app list it.
type DiffRow struct {
	Change string `json:"change"` // began, ended, appeared, left, event
	Record string `json:"record"` // tie, actor, event
	ID     ID     `json:"id"`
	Text   string `json:"description"`
	Date   string `json:"date,omitempty"`
}

// Mark is the sign a list shows before the row: + for what began or
// appeared, - for what ended or left, * for an event.
func (r DiffRow) Mark() string {
	switch r.Change {
	case "began", "appeared":
		return "+"
	case "ended", "left":
		return "-"
	}
	return "*"
}

// DiffRows lists d in the order a reader wants it: the ties that began
// and ended ("Mexico – Ecuador: Relations severed (relations broken),
// 2024-04-06 – …"), the actors that appeared and left, then the events
// between the dates, each part by date, then by name.
func (m *Map) DiffRows(d Diff) []DiffRow {
	x := NewIndex(m)
	name := func(id ID) string {
		a, _ := x.Actor(id)
		return a.Label()
	}
	tie := func(t Tie) string {
		s := name(t.From) + " – " + name(t.To) + ": " + m.Kind(ClassTie, t.Kind).Label
		if t.Label != "" {
			s += " (" + t.Label + ")"
		}
		return s + ", " + t.Span.String()
	}
	var rows []DiffRow
	for _, t := range d.Began {
		rows = append(rows, DiffRow{"began", "tie", t.ID, tie(t), t.Span.Start.String()})
	}
	for _, t := range d.Ended {
		rows = append(rows, DiffRow{"ended", "tie", t.ID, tie(t), t.Span.End.String()})
	}
	// An actor with several spans appeared at the start of the one it is
	// in on To, and left at the end of the one it was in on From.
	spanOn := func(a Actor, day Day) Span {
		for _, s := range a.Lives() {
			if s.Covers(day) {
				return s
			}
		}
		return a.Life
	}
	for _, a := range d.Appeared {
		rows = append(rows, DiffRow{"appeared", "actor", a.ID, a.Name, spanOn(a, d.To).Start.String()})
	}
	for _, a := range d.Left {
		rows = append(rows, DiffRow{"left", "actor", a.ID, a.Name, spanOn(a, d.From).End.String()})
	}
	for _, e := range d.Events {
		rows = append(rows, DiffRow{"event", "event", e.ID, e.Title, e.Date.String()})
	}
	// Each part in the order of its dates, then its names: in the map's
	// order, 1904-05-01 came before 1904-02-10.
	part := map[string]int{"began": 0, "ended": 1, "appeared": 2, "left": 3, "event": 4}
	slices.SortStableFunc(rows, func(a, b DiffRow) int {
		return cmp.Or(cmp.Compare(part[a.Change], part[b.Change]), cmp.Compare(a.Date, b.Date), cmp.Compare(a.Text, b.Text))
	})
	return rows
}
