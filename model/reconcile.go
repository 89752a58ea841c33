package model

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// Counts say what an update from tables did to each record it read.
type Counts struct {
	Added, Updated, Unchanged int
}

func (c Counts) String() string {
	return fmt.Sprintf("%d added, %d updated, %d unchanged", c.Added, c.Updated, c.Unchanged)
}

// Reconcile returns the change that updates base with read, the records of
// tables read as corrections and additions (csvio.ReadUpdate), and what it
// does to them:
//   - an actor of read with an ID of base is that actor, updated when it
//     differs; any other is new;
//   - a tie is base's tie with its ID (from the ties table's Id column),
//     else base's with the same ends, kind and start; it is updated with
//     read's ends, kind, dates, label, weight, direction and notes, and
//     with its attributes and sources added, when they differ; else new;
//   - an event is base's with the same date and title, likewise (with the
//     ties it begins and ends added); else new;
//   - sources and kinds of read are new.
//
// New records get stand-in IDs (see Change) and references follow them.
func Reconcile(summary string, base, read *Map) (Change, Counts) {
	c := Change{Summary: summary}
	var n Counts
	stand := map[ID]ID{} // read's ID of a new actor -> its stand-in
	actor := func(id ID) ID {
		if s, ok := stand[id]; ok {
			return s
		}
		return id
	}
	x := NewIndex(base)
	sources := map[ID]ID{}
	for i, s := range read.Sources {
		sources[s.ID] = ID(-1 - i)
		s.ID = sources[s.ID]
		c.Put.Sources = append(c.Put.Sources, s)
	}
	cite := func(ids []ID) []ID {
		out := make([]ID, 0, len(ids))
		for _, id := range ids {
			if s, ok := sources[id]; ok {
				id = s
			}
			out = append(out, id)
		}
		return nilIfNone(out)
	}
	next := ID(-1)
	for _, a := range read.Actors {
		if _, ok := x.Actor(a.ID); !ok {
			stand[a.ID] = next
			next--
		}
	}
	for _, a := range read.Actors {
		old, ok := x.Actor(a.ID)
		a.ID, a.BelongsTo, a.LocatedIn, a.Sources = actor(a.ID), actor(a.BelongsTo), actor(a.LocatedIn), cite(a.Sources)
		a.Attrs = nilIfEmpty(a.Attrs)
		tally(&n, &c.Put.Actors, a, old, ok)
	}
	type tieKey struct {
		from, to ID
		kind     string
		start    Date
	}
	baseTies := map[tieKey]Tie{}
	for _, t := range base.Ties {
		baseTies[tieKey{t.From, t.To, t.Kind, t.Span.Start}] = t
	}
	ties := map[ID]ID{} // read's ID of a tie -> its ID in base, or its stand-in
	tie := func(ids []ID) []ID {
		out := make([]ID, len(ids))
		for i, id := range ids {
			out[i] = ties[id]
		}
		return nilIfNone(out)
	}
	for _, t := range read.Ties {
		t.From, t.To, t.Sources, t.Attrs = actor(t.From), actor(t.To), cite(t.Sources), nilIfEmpty(t.Attrs)
		old, ok := x.Tie(t.ID) // an Id column names it
		if !ok {
			old, ok = baseTies[tieKey{t.From, t.To, t.Kind, t.Span.Start}]
		}
		if !ok {
			ties[t.ID], t.ID = next, next
			next--
			tally(&n, &c.Put.Ties, t, old, false)
			continue
		}
		ties[t.ID] = old.ID
		up := old
		up.From, up.To, up.Kind, up.Span.Start = t.From, t.To, t.Kind, t.Span.Start
		up.Span.End, up.Label, up.Weight, up.Directed, up.Notes = t.Span.End, t.Label, t.Weight, t.Directed, t.Notes
		up.Attrs = union(old.Attrs, t.Attrs)
		up.Sources = addIDs(old.Sources, t.Sources)
		tally(&n, &c.Put.Ties, up, old, true)
	}
	type eventKey struct {
		date  Date
		title string
	}
	baseEvents := map[eventKey]Event{}
	for _, e := range base.Events {
		baseEvents[eventKey{e.Date, e.Title}] = e
	}
	for _, e := range read.Events {
		ps := make([]Participant, len(e.Participants))
		for i, p := range e.Participants {
			ps[i] = Participant{Actor: actor(p.Actor), Role: p.Role}
		}
		e.Participants, e.Sources = nilIfNoParticipants(ps), cite(e.Sources)
		e.Begins, e.Ends = tie(e.Begins), tie(e.Ends)
		old, ok := baseEvents[eventKey{e.Date, e.Title}]
		if !ok {
			e.ID = next
			next--
			tally(&n, &c.Put.Events, e, old, false)
			continue
		}
		up := old
		up.Kind, up.Description = e.Kind, e.Description
		if e.Participants != nil {
			up.Participants = e.Participants
		}
		up.Begins, up.Ends = addIDs(old.Begins, e.Begins), addIDs(old.Ends, e.Ends)
		up.Sources = addIDs(old.Sources, e.Sources)
		tally(&n, &c.Put.Events, up, old, true)
	}
	c.Put.Kinds = slices.Clone(read.Kinds)
	return c, n
}

// tally counts record r, base's record old when found: added (and put),
// unchanged, or updated (and put).
func tally[T any](n *Counts, put *[]T, r, old T, found bool) {
	switch {
	case !found:
		n.Added++
	case reflect.DeepEqual(r, old):
		n.Unchanged++
		return
	default:
		n.Updated++
	}
	*put = append(*put, r)
}

func nilIfNoParticipants(ps []Participant) []Participant {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// union is a with b's entries added (b's value where both have a key).
func union(a, b map[string]string) map[string]string {
	if len(b) == 0 {
		return a
	}
	out := maps.Clone(a)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, b)
	return out
}

// addIDs is a with the IDs of b it lacks added, in order.
func addIDs(a, b []ID) []ID {
	out := a
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(slices.Clip(out), id)
		}
	}
	return out
}
