package model

import (
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
	for _, t := range m.Ties {
		if actors[t.From] || actors[t.To] {
			ties[t.ID] = true
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
	for _, s := range m.Sources {
		if !sources[s.ID] {
			out.Sources = append(out.Sources, s)
		}
	}
	if sources[out.DefaultSource] {
		out.DefaultSource = 0 // as the store sets it null
	}
	for _, a := range m.Actors {
		if !actors[a.ID] {
			a.BelongsTo, a.LocatedIn, a.Sources = ref(a.BelongsTo), ref(a.LocatedIn), keep(a.Sources, sources)
			out.Actors = append(out.Actors, a)
		}
	}
	for _, t := range m.Ties {
		if !ties[t.ID] {
			t.Sources = keep(t.Sources, sources)
			out.Ties = append(out.Ties, t)
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

// putByID replaces the records of list that put has by ID and adds the
// others, keeping the list in ID order.
func putByID[T any](list, put []T, id func(T) ID) []T {
	if len(put) == 0 {
		return list
	}
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

func nilIfNone(ids []ID) []ID {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func nilIfEmpty(attrs map[string]string) map[string]string {
	if len(attrs) == 0 {
		return nil
	}
	return attrs
}
