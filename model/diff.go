package model

import (
	"cmp"
	"math"
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
	// Passed are the ties in force on a day between From and To but on
	// neither, which began and ended between them (an arrest in a raid);
	// Passing the actors alive between them but on neither date.
	Passed  []Tie
	Passing []Actor
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
	if hi-lo > 1 {
		lives := make(map[ID][]Span, len(m.Actors))
		for _, x := range m.Actors {
			lives[x.ID] = x.Lives()
			if !wasA[x.ID] && !isA[x.ID] && anyMeets(lives[x.ID], lo+1, hi) {
				d.Passing = append(d.Passing, x)
			}
		}
		for _, t := range m.Ties {
			if !wasT[t.ID] && !isT[t.ID] && inForceWithin(t.Span, lives[t.From], lives[t.To], lo+1, hi) {
				d.Passed = append(d.Passed, t)
			}
		}
	}
	for _, e := range m.Events {
		if day := e.Date.First(); day > lo && day <= hi {
			d.Events = append(d.Events, e)
		}
	}
	sort.SliceStable(d.Events, func(i, j int) bool { return d.Events[i].Date.First() < d.Events[j].Date.First() })
	return d
}

// days is the span s as the days [first, until) it covers, an open end
// reaching the first or last day there is.
func days(s Span) (first, until Day) {
	first, until = math.MinInt32, math.MaxInt32
	if d, ok := s.From(); ok {
		first = d
	}
	if d, ok := s.Until(); ok {
		until = d
	}
	return first, until
}

// anyMeets reports whether one of spans covers a day of [lo, hi).
func anyMeets(spans []Span, lo, hi Day) bool {
	for _, s := range spans {
		if a, b := days(s); max(a, lo) < min(b, hi) {
			return true
		}
	}
	return false
}

// inForceWithin reports whether a tie of span s, between actors living
// the spans from and to, is in force on a day of [lo, hi): a day its span
// and a life of each actor cover.
func inForceWithin(s Span, from, to []Span, lo, hi Day) bool {
	a, b := days(s)
	a, b = max(a, lo), min(b, hi)
	for _, x := range from {
		c, d := days(x)
		for _, y := range to {
			e, f := days(y)
			if max(a, c, e) < min(b, d, f) {
				return true
			}
		}
	}
	return false
}

// DiffRow is one change between two dates, as the diff command and the
// app list it.
type DiffRow struct {
	Change string `json:"change"` // began, ended, appeared, left, between (began and ended, or came and went, between the dates), event
	Record string `json:"record"` // tie, actor, event
	ID     ID     `json:"id"`
	Text   string `json:"description"`
	Date   string `json:"date,omitempty"`
}

// Mark is the sign a list shows before the row: + for what began or
// appeared, - for what ended or left, ± for what came and went between
// the dates, * for an event.
func (r DiffRow) Mark() string {
	switch r.Change {
	case "began", "appeared":
		return "+"
	case "ended", "left":
		return "-"
	case "between":
		return "±"
	}
	return "*"
}

// DiffRows lists d in the order a reader wants it: the ties that began
// and ended ("Mexico – Ecuador: Relations severed (relations broken),
// 2024-04-06 – …"), the actors that appeared and left, the ties and
// actors that came and went between the dates, then the events between
// them, each part by date, then by name.
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
	for _, t := range d.Passed {
		rows = append(rows, DiffRow{"between", "tie", t.ID, tie(t), t.Span.Start.String()})
	}
	for _, a := range d.Passing {
		start := a.Life.Start // of its first life between the dates
		for _, l := range a.Lives() {
			if anyMeets([]Span{l}, min(d.From, d.To)+1, max(d.From, d.To)) {
				start = l.Start
				break
			}
		}
		rows = append(rows, DiffRow{"between", "actor", a.ID, a.Name, start.String()})
	}
	for _, e := range d.Events {
		rows = append(rows, DiffRow{"event", "event", e.ID, e.Title, e.Date.String()})
	}
	// Each part in the order of its dates, then its names: in the map's
	// order, 1904-05-01 came before 1904-02-10.
	part := map[string]int{"began": 0, "ended": 1, "appeared": 2, "left": 3, "between": 4, "event": 5}
	slices.SortStableFunc(rows, func(a, b DiffRow) int {
		return cmp.Or(cmp.Compare(part[a.Change], part[b.Change]), cmp.Compare(a.Date, b.Date), cmp.Compare(a.Text, b.Text))
	})
	return rows
}
