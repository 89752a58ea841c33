package model

import (
	"context"
	"sort"
	"time"
)

// Change is one user action as a value: the records it puts and the
// records it deletes, applied together or not at all (Changer.Apply).
//
// A record put with an ID that is stored replaces it; with an ID that is
// not stored (a deleted record coming back), it is inserted under that ID;
// with ID 0 or a negative ID it is new and gets a fresh ID. A negative ID
// stands for that new record in the change's other records, so that a new
// tie can cite a new source: Apply rewrites it to the stored ID.
//
// Deleting an actor deletes its ties and pin and takes it out of events,
// as the store's DeleteActor does; Apply's inverse puts all of that back.
type Change struct {
	// Summary names the action for menus and the history: "Delete Tie
	// 'asylum granted'".
	Summary string  `json:"summary"`
	Put     Records `json:"put,omitzero"`
	Delete  Deleted `json:"delete,omitzero"`
}

// Records are the records a change puts.
type Records struct {
	Sources []Source `json:"sources,omitempty"`
	Actors  []Actor  `json:"actors,omitempty"`
	Ties    []Tie    `json:"ties,omitempty"`
	Events  []Event  `json:"events,omitempty"`
	Kinds   []Kind   `json:"kinds,omitempty"`
	Pins    []Pin    `json:"pins,omitempty"`
	// Info, when set, is the map's new name and description.
	Info *Info `json:"info,omitempty"`
}

// Deleted are the records a change deletes, by ID (kinds by class and
// name, pins by actor).
type Deleted struct {
	Sources []ID   `json:"sources,omitempty"`
	Actors  []ID   `json:"actors,omitempty"`
	Ties    []ID   `json:"ties,omitempty"`
	Events  []ID   `json:"events,omitempty"`
	Kinds   []Kind `json:"kinds,omitempty"`
	Pins    []ID   `json:"pins,omitempty"`
}

// Pin is an actor's fixed position.
type Pin struct {
	Actor ID    `json:"actor"`
	At    Point `json:"at"`
}

// Info is a map's name and description.
type Info struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Author      string `json:"author,omitempty"`
	Licence     string `json:"licence,omitempty"`
	Source      ID     `json:"source,omitempty"`
}

// IsEmpty reports whether the change puts and deletes nothing.
func (c Change) IsEmpty() bool {
	p, d := c.Put, c.Delete
	return len(p.Sources)+len(p.Actors)+len(p.Ties)+len(p.Events)+len(p.Kinds)+len(p.Pins) == 0 && p.Info == nil &&
		len(d.Sources)+len(d.Actors)+len(d.Ties)+len(d.Events)+len(d.Kinds)+len(d.Pins) == 0
}

// Entry is one change in a map's history.
type Entry struct {
	ID      int64
	At      time.Time
	Summary string
	State   EntryState
	// Change is the change as it was applied (new records with the IDs
	// they got); Inverse undoes it.
	Change, Inverse Change
}

// EntryState says where a history entry stands.
type EntryState string

const (
	// Done: applied and in force; the newest is what Undo undoes.
	Done EntryState = "done"
	// Undone: undone, and what Redo redoes, oldest first.
	Undone EntryState = "undone"
	// Dropped: undone, then left behind by a new change; kept in the
	// history, no longer redone.
	Dropped EntryState = "dropped"
)

// Changer is a store that applies changes as values and keeps their
// history, for undo and redo that survive a restart.
type Changer interface {
	// Apply applies c in one transaction and records it in the history
	// as the newest done entry (any undone entries are dropped). It
	// returns the change as applied, with the IDs new records got.
	Apply(ctx context.Context, c Change) (Change, error)
	// Undo undoes the newest done entry and returns it; ok is false
	// when there is none.
	Undo(ctx context.Context) (e Entry, ok bool, err error)
	// Redo redoes the oldest undone entry and returns it; ok is false
	// when there is none.
	Redo(ctx context.Context) (e Entry, ok bool, err error)
	// History lists the entries, newest first.
	History(ctx context.Context) ([]Entry, error)
	// Pending names what Undo and Redo would do next ("" for nothing).
	Pending(ctx context.Context) (undo, redo string, err error)
}

// ApplierTo applies a change worked out against the map as stored, in the
// same transaction, so that no other write comes between (an update from
// tables). A change that puts and deletes nothing writes nothing.
type ApplierTo interface {
	ApplyTo(ctx context.Context, change func(base *Map) (Change, error)) (Change, error)
}

// ChangeFromMap is the change that adds every record of m to a stored map
// as new records, as an import does: m's IDs become negative stand-ins
// (see Change) and references among m's records follow them, while a
// reference to an ID that m does not hold stays, naming a stored record.
// m's kinds are put and its pins follow their actors. m is not changed.
func ChangeFromMap(summary string, m *Map) Change {
	c := Change{Summary: summary}
	renumber := func(n int, id func(int) ID) map[ID]ID {
		out := make(map[ID]ID, n)
		for i := range n {
			out[id(i)] = ID(-(i + 1))
		}
		return out
	}
	sources := renumber(len(m.Sources), func(i int) ID { return m.Sources[i].ID })
	actors := renumber(len(m.Actors), func(i int) ID { return m.Actors[i].ID })
	ties := renumber(len(m.Ties), func(i int) ID { return m.Ties[i].ID })
	re := func(ids map[ID]ID, id ID) ID {
		if n, ok := ids[id]; ok {
			return n
		}
		return id
	}
	res := func(ids map[ID]ID, list []ID) []ID {
		out := make([]ID, len(list))
		for i, id := range list {
			out[i] = re(ids, id)
		}
		return out
	}
	for _, src := range m.Sources {
		src.ID = sources[src.ID]
		c.Put.Sources = append(c.Put.Sources, src)
	}
	for _, a := range m.Actors {
		a.ID, a.BelongsTo, a.LocatedIn = actors[a.ID], re(actors, a.BelongsTo), re(actors, a.LocatedIn)
		a.Sources = res(sources, a.Sources)
		c.Put.Actors = append(c.Put.Actors, a)
	}
	for _, t := range m.Ties {
		t.ID, t.From, t.To, t.Sources = ties[t.ID], re(actors, t.From), re(actors, t.To), res(sources, t.Sources)
		c.Put.Ties = append(c.Put.Ties, t)
	}
	for i, e := range m.Events {
		e.ID = ID(-(i + 1))
		parts := make([]Participant, len(e.Participants))
		for k, p := range e.Participants {
			parts[k] = Participant{Actor: re(actors, p.Actor), Role: p.Role}
		}
		e.Participants, e.Begins, e.Ends, e.Sources = parts, res(ties, e.Begins), res(ties, e.Ends), res(sources, e.Sources)
		c.Put.Events = append(c.Put.Events, e)
	}
	c.Put.Kinds = append(c.Put.Kinds, m.Kinds...)
	for id, p := range m.Pins {
		c.Put.Pins = append(c.Put.Pins, Pin{Actor: re(actors, id), At: p})
	}
	sort.Slice(c.Put.Pins, func(i, j int) bool { return c.Put.Pins[i].Actor > c.Put.Pins[j].Actor })
	return c
}
