package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// A merge adds the records of one map (an import) to a store that already
// holds others. Every record gets a new ID; references among the records
// follow them; a reference to an ID that none of the records has names a
// record already stored, which is how an import adds ties to actors already
// in the map. PlanMerge works all of this out without a store, so that
// every backend merges by the same rules: the store looks up what
// OutsideRefs names, says where its IDs go on (NextIDs), and writes the
// plan's records under their IDs.

// Refs are IDs of actors, ties and sources.
type Refs struct {
	Actors, Ties, Sources []ID
}

// OutsideRefs returns the distinct non-zero IDs that m's records and pins
// refer to and that no record of m has, in the order they are first met.
func (m *Map) OutsideRefs() Refs {
	actors, ties, sources := newRefSet(m.Actors, func(a Actor) ID { return a.ID }),
		newRefSet(m.Ties, func(t Tie) ID { return t.ID }),
		newRefSet(m.Sources, func(s Source) ID { return s.ID })
	for _, a := range m.Actors {
		actors.add(a.BelongsTo, a.LocatedIn)
		sources.add(a.Sources...)
	}
	for _, t := range m.Ties {
		actors.add(t.From, t.To)
		sources.add(t.Sources...)
	}
	for _, e := range m.Events {
		for _, p := range e.Participants {
			actors.add(p.Actor)
		}
		ties.add(e.Begins...)
		ties.add(e.Ends...)
		sources.add(e.Sources...)
	}
	for _, id := range slices.Sorted(maps.Keys(m.Pins)) {
		actors.add(id)
	}
	return Refs{Actors: actors.out, Ties: ties.out, Sources: sources.out}
}

// refSet collects the references that are not among its records' IDs,
// each once.
type refSet struct {
	skip map[ID]bool
	out  []ID
}

func newRefSet[T any](records []T, id func(T) ID) *refSet {
	s := &refSet{skip: make(map[ID]bool, len(records)+1)}
	s.skip[0] = true
	for _, r := range records {
		s.skip[id(r)] = true
	}
	return s
}

func (s *refSet) add(ids ...ID) {
	for _, id := range ids {
		if !s.skip[id] {
			s.skip[id] = true
			s.out = append(s.out, id)
		}
	}
}

// NextIDs are the IDs a store gives its next new source, actor, tie and
// event; the IDs after them are free too.
type NextIDs struct {
	Source, Actor, Tie, Event ID
}

// PlanMerge returns m's records as a store must write them to merge m into
// itself: each with its new ID, counting up from next in m's order, and
// with its references rewritten; m's kinds, to be put (added or restyled);
// and m's pins under the new IDs, by actor. stored holds a stand-in (an ID
// is enough) for each record the store has of those m.OutsideRefs names.
//
// Every record must keep the model's rules against m and stored: no two
// records of a table in m share an ID (zero IDs, which nothing can refer
// to, may repeat), and every reference is to a record of m or of stored.
// The first record that breaks a rule is returned as a *FieldError, and
// nothing is planned. m is left unchanged.
func PlanMerge(m *Map, stored *Map, next NextIDs) (Records, error) {
	if err := m.uniqueIDs(true); err != nil {
		return Records{}, err
	}
	check := NewIndex(&Map{
		Sources: append(slices.Clip(m.Sources), stored.Sources...),
		Actors:  append(slices.Clip(m.Actors), stored.Actors...),
		Ties:    append(slices.Clip(m.Ties), stored.Ties...),
	})
	for _, k := range m.Kinds {
		if err := k.Check(); err != nil {
			return Records{}, err
		}
	}
	for _, s := range m.Sources {
		if err := s.Check(); err != nil {
			return Records{}, err
		}
	}
	for _, a := range m.Actors {
		if err := check.CheckActor(a); err != nil {
			return Records{}, err
		}
	}
	for _, t := range m.Ties {
		if err := check.CheckTie(t); err != nil {
			return Records{}, err
		}
	}
	for _, e := range m.Events {
		if err := check.CheckEvent(e); err != nil {
			return Records{}, err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Pins)) {
		if _, ok := check.Actor(id); !ok {
			return Records{}, fieldError("pins", "actor", says("no actor has id %d", id), ErrNotFound)
		}
		if err := m.Pins[id].Check(); err != nil {
			return Records{}, fieldError(fmt.Sprintf("pin of actor %d", id), "at", said(err), ErrInvalid)
		}
	}
	return plan(m, check, next), nil
}

// plan gives m's records their new IDs and rewrites their references (see
// PlanMerge, which has checked them). check indexes m's records first, so
// that the new ID of m's record at position i of its table is that table's
// next ID plus i.
func plan(m *Map, check *Index, next NextIDs) Records {
	actors := renumbering{at: check.actors, n: len(m.Actors), first: next.Actor}
	ties := renumbering{at: check.ties, n: len(m.Ties), first: next.Tie}
	sources := renumbering{at: check.sources, n: len(m.Sources), first: next.Source}
	out := Records{Kinds: slices.Clone(m.Kinds),
		Sources: slices.Clone(m.Sources),
		Actors:  slices.Clone(m.Actors),
		Ties:    slices.Clone(m.Ties),
		Events:  slices.Clone(m.Events),
	}
	for i := range out.Sources {
		out.Sources[i].ID = next.Source + ID(i)
	}
	for i := range out.Actors {
		a := &out.Actors[i]
		a.ID = next.Actor + ID(i)
		a.BelongsTo, a.LocatedIn = actors.ref(a.BelongsTo), actors.ref(a.LocatedIn)
		a.Sources = sources.refs(a.Sources)
	}
	for i := range out.Ties {
		t := &out.Ties[i]
		t.ID = next.Tie + ID(i)
		t.From, t.To = actors.ref(t.From), actors.ref(t.To)
		t.Sources = sources.refs(t.Sources)
	}
	for i := range out.Events {
		e := &out.Events[i]
		e.ID = next.Event + ID(i)
		if e.Participants != nil {
			ps := make([]Participant, len(e.Participants))
			for k, p := range e.Participants {
				ps[k] = Participant{Actor: actors.ref(p.Actor), Role: p.Role}
			}
			e.Participants = ps
		}
		e.Begins, e.Ends = ties.refs(e.Begins), ties.refs(e.Ends)
		e.Sources = sources.refs(e.Sources)
	}
	for _, id := range slices.Sorted(maps.Keys(m.Pins)) {
		out.Pins = append(out.Pins, Pin{Actor: actors.ref(id), At: m.Pins[id]})
	}
	return out
}

// renumbering says what a reference to one table stands for once merged.
// at gives the position of each ID in the table, whose first n records
// are the merged ones; they are renumbered from first.
type renumbering struct {
	at    map[ID]int
	n     int
	first ID
}

// ref is the new ID of the merged record that id named, or id itself when
// it names a stored record (or none: 0).
func (r renumbering) ref(id ID) ID {
	if i, ok := r.at[id]; ok && id != 0 && i < r.n {
		return r.first + ID(i)
	}
	return id
}

// refs applies ref to a list, into a new slice (lists may be shared
// between records).
func (r renumbering) refs(ids []ID) []ID {
	if ids == nil {
		return nil
	}
	out := make([]ID, len(ids))
	for i, id := range ids {
		out[i] = r.ref(id)
	}
	return out
}

// NamesFree returns an error naming the first actor of add whose name
// (ignoring case and surrounding spaces) an actor of base has already:
// an import must not bring a second actor of a name.
func NamesFree(base, add *Map) error {
	taken := map[string]bool{}
	for _, a := range base.Actors {
		taken[strings.ToLower(strings.TrimSpace(a.Name))] = true
	}
	for _, a := range add.Actors {
		if taken[strings.ToLower(strings.TrimSpace(a.Name))] {
			return fmt.Errorf("actor %d: %w", a.ID, says("an actor named %s is already in the map", quote(a.Name)))
		}
	}
	return nil
}
