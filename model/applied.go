package model

import (
	"cmp"
	"slices"
	"sort"
)

// Applied returns m with c applied as a store applies it (see Change):
// records deleted with what their deletion takes (an actor's ties and pin,
// its places in events, references to it; a tie's places in events; a
// source's citations), then records put in place of those with their IDs
// or added, kinds by class and name, pins and the map's name, description
// and credits. c must carry the IDs the store gave: the change Apply
// returned, or a history entry's change or inverse. Records come in ID
// order, as a store loads them. m is not changed, so that a map being laid
// out can be read meanwhile; Applied is linear in the size of m and c.
func (m *Map) Applied(c Change) *Map {
	out := &Map{Pins: make(map[ID]Point, len(m.Pins))}
	out.SetInfo(m.Info())
	d := c.Delete
	gone := func(ids []ID) map[ID]bool {
		set := make(map[ID]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		return set
	}
	actors, ties, events, sources := gone(d.Actors), gone(d.Ties), gone(d.Events), gone(d.Sources)
	if len(actors) > 0 {
		for i := range m.Ties {
			if t := &m.Ties[i]; actors[t.From] || actors[t.To] {
				ties[t.ID] = true
			}
		}
	}
	keep := func(ids []ID, drop map[ID]bool) []ID {
		if len(drop) == 0 || !slices.ContainsFunc(ids, func(id ID) bool { return drop[id] }) {
			return ids
		}
		return nilIfNone(slices.DeleteFunc(slices.Clone(ids), func(id ID) bool { return drop[id] }))
	}
	ref := func(id ID) ID {
		if actors[id] {
			return 0
		}
		return id
	}
	// Each list is made at its full size at once: grown by appending, a
	// map of 50,000 ties was copied over and over, 66 MB an edit.
	out.Sources = make([]Source, 0, len(m.Sources)+len(c.Put.Sources))
	out.Actors = make([]Actor, 0, len(m.Actors)+len(c.Put.Actors))
	out.Ties = make([]Tie, 0, len(m.Ties)+len(c.Put.Ties))
	out.Events = make([]Event, 0, len(m.Events)+len(c.Put.Events))
	for _, s := range m.Sources {
		if !sources[s.ID] {
			out.Sources = append(out.Sources, s)
		}
	}
	if sources[out.DefaultSource] {
		out.DefaultSource = 0 // as the store sets it null
	}
	// An edit that deletes no actor and no source (most) takes the actors
	// and ties as they are, copied at once rather than one by one.
	if len(actors) == 0 && len(sources) == 0 {
		out.Actors = append(out.Actors, m.Actors...)
	} else {
		for _, a := range m.Actors {
			if !actors[a.ID] {
				a.BelongsTo, a.LocatedIn, a.Sources = ref(a.BelongsTo), ref(a.LocatedIn), keep(a.Sources, sources)
				out.Actors = append(out.Actors, a)
			}
		}
	}
	if len(ties) == 0 && len(sources) == 0 {
		out.Ties = append(out.Ties, m.Ties...)
	} else {
		for _, t := range m.Ties {
			if !ties[t.ID] {
				t.Sources = keep(t.Sources, sources)
				out.Ties = append(out.Ties, t)
			}
		}
	}
	for _, e := range m.Events {
		if events[e.ID] {
			continue
		}
		if slices.ContainsFunc(e.Participants, func(p Participant) bool { return actors[p.Actor] }) {
			e.Participants = slices.DeleteFunc(slices.Clone(e.Participants), func(p Participant) bool { return actors[p.Actor] })
			if len(e.Participants) == 0 {
				e.Participants = nil
			}
		}
		e.Begins, e.Ends, e.Sources = keep(e.Begins, ties), keep(e.Ends, ties), keep(e.Sources, sources)
		out.Events = append(out.Events, e)
	}
	unpinned := gone(d.Pins)
	for id, p := range m.Pins {
		if !unpinned[id] && !actors[id] {
			out.Pins[id] = p
		}
	}
	type kindKey struct {
		class Class
		name  string
	}
	dropKinds := map[kindKey]bool{}
	for _, k := range d.Kinds {
		dropKinds[kindKey{k.Class, k.Name}] = true
	}
	for _, k := range m.Kinds {
		if !dropKinds[kindKey{k.Class, k.Name}] {
			out.Kinds = append(out.Kinds, k)
		}
	}

	// A list left empty is none, as a store gives it.
	out.Sources, out.Actors, out.Ties, out.Events = nilIfNone(out.Sources), nilIfNone(out.Actors), nilIfNone(out.Ties), nilIfNone(out.Events)

	p := c.Put
	out.Sources = putByID(out.Sources, p.Sources, func(s Source) ID { return s.ID })
	out.Actors = putByID(out.Actors, stored(p.Actors, func(a Actor) Actor {
		a.Attrs, a.Sources = nilIfEmpty(a.Attrs), nilIfNone(a.Sources)
		if len(a.Later) == 0 {
			a.Later = nil
		}
		return a
	}), func(a Actor) ID { return a.ID })
	out.Ties = putByID(out.Ties, stored(p.Ties, func(t Tie) Tie {
		t.Attrs, t.Sources = nilIfEmpty(t.Attrs), nilIfNone(t.Sources)
		return t
	}), func(t Tie) ID { return t.ID })
	out.Events = putByID(out.Events, stored(p.Events, func(e Event) Event {
		e.Begins, e.Ends, e.Sources = nilIfNone(e.Begins), nilIfNone(e.Ends), nilIfNone(e.Sources)
		if len(e.Participants) == 0 {
			e.Participants = nil
		}
		return e
	}), func(e Event) ID { return e.ID })
	for _, k := range p.Kinds {
		if i := slices.IndexFunc(out.Kinds, func(o Kind) bool { return o.Class == k.Class && o.Name == k.Name }); i >= 0 {
			out.Kinds[i] = k
		} else {
			out.Kinds = append(out.Kinds, k)
		}
	}
	for _, pin := range p.Pins {
		out.Pins[pin.Actor] = pin.At
	}
	if p.Info != nil {
		out.SetInfo(*p.Info)
	}
	return out
}

// putByID replaces the records of list, which it may change, that put has
// by ID and adds the others, keeping the list in ID order. A list in
// order, as a store gives it, is searched (putInOrder); another is
// indexed (putIndexed).
func putByID[T any](list, put []T, id func(T) ID) []T {
	if len(put) == 0 {
		return list
	}
	if inOrder(list, id) {
		return putInOrder(list, put, id)
	}
	return putIndexed(list, put, id)
}

// putInOrder is putByID for a list in order (see inOrder): each record
// put is found by a binary search, and a new one goes in its place.
func putInOrder[T any](list, put []T, id func(T) ID) []T {
	for _, x := range put {
		i, found := slices.BinarySearchFunc(list, id(x), func(y T, want ID) int { return cmp.Compare(id(y), want) })
		if found {
			list[i] = x
		} else {
			list = slices.Insert(list, i, x)
		}
	}
	return list
}

// putIndexed is putByID for any list: the records are indexed by ID, the
// new ones added at the end and the list then sorted, stably.
func putIndexed[T any](list, put []T, id func(T) ID) []T {
	at := make(map[ID]int, len(list))
	for i, x := range list {
		at[id(x)] = i
	}
	out := slices.Clone(list)
	added := false
	for _, x := range put {
		if i, ok := at[id(x)]; ok {
			out[i] = x
			continue
		}
		at[id(x)] = len(out)
		out = append(out, x)
		added = true
	}
	if added {
		sort.SliceStable(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	}
	return out
}

// inOrder reports whether list's IDs go up, each once.
func inOrder[T any](list []T, id func(T) ID) bool {
	for i := 1; i < len(list); i++ {
		if id(list[i-1]) >= id(list[i]) {
			return false
		}
	}
	return true
}

// stored is each record as a store gives it back: no empty lists or
// attribute maps, only none.
func stored[T any](list []T, norm func(T) T) []T {
	if len(list) == 0 {
		return nil
	}
	out := make([]T, len(list))
	for i, x := range list {
		out[i] = norm(x)
	}
	return out
}

// nilIfNone is list, or nil when it is empty: none, as a store gives it.
func nilIfNone[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

func nilIfEmpty(attrs map[string]string) map[string]string {
	if len(attrs) == 0 {
		return nil
	}
	return attrs
}
