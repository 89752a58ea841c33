package model

// Index finds a map's actors, ties, events and sources by ID in O(1), and
// checks records against the map as the Map's Check methods do, without
// scanning it: validating or importing a map is linear in its size. It is
// a view of the map as it was when made; make it again after the map's
// records change.
type Index struct {
	m                             *Map
	actors, ties, events, sources map[ID]int
}

// NewIndex indexes m's records by ID (the first of each ID).
func NewIndex(m *Map) *Index {
	x := &Index{m: m,
		actors: make(map[ID]int, len(m.Actors)), ties: make(map[ID]int, len(m.Ties)),
		events: make(map[ID]int, len(m.Events)), sources: make(map[ID]int, len(m.Sources))}
	for i, a := range m.Actors {
		if _, ok := x.actors[a.ID]; !ok {
			x.actors[a.ID] = i
		}
	}
	for i, t := range m.Ties {
		if _, ok := x.ties[t.ID]; !ok {
			x.ties[t.ID] = i
		}
	}
	for i, e := range m.Events {
		if _, ok := x.events[e.ID]; !ok {
			x.events[e.ID] = i
		}
	}
	for i, s := range m.Sources {
		if _, ok := x.sources[s.ID]; !ok {
			x.sources[s.ID] = i
		}
	}
	return x
}

// Actor returns the actor with id, if the map has it.
func (x *Index) Actor(id ID) (Actor, bool) {
	i, ok := x.actors[id]
	if !ok {
		return Actor{}, false
	}
	return x.m.Actors[i], true
}

// Tie returns the tie with id, if the map has it.
func (x *Index) Tie(id ID) (Tie, bool) {
	i, ok := x.ties[id]
	if !ok {
		return Tie{}, false
	}
	return x.m.Ties[i], true
}

// Event returns the event with id, if the map has it.
func (x *Index) Event(id ID) (Event, bool) {
	i, ok := x.events[id]
	if !ok {
		return Event{}, false
	}
	return x.m.Events[i], true
}

// Source returns the source with id, if the map has it.
func (x *Index) Source(id ID) (Source, bool) {
	i, ok := x.sources[id]
	if !ok {
		return Source{}, false
	}
	return x.m.Sources[i], true
}

// CheckActor is Map.CheckActor against the indexed map.
func (x *Index) CheckActor(a Actor) error { return checkActor(x, a) }

// CheckTie is Map.CheckTie against the indexed map.
func (x *Index) CheckTie(t Tie) error { return checkTie(x, t) }

// CheckEvent is Map.CheckEvent against the indexed map.
func (x *Index) CheckEvent(e Event) error { return checkEvent(x, e) }

// CheckPin is Map.CheckPin against the indexed map.
func (x *Index) CheckPin(actor ID, p Point) error { return checkPin(x, actor, p) }
