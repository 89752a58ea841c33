package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"relmap/model"
)

// Merge adds every record of m to the store in one transaction, each with a
// new ID, and upserts m's kinds. References among m's records are rewritten
// to the new IDs. A reference to an ID that no record of m has, but the
// store has, stays a reference to the stored record: that is how an import
// adds ties to actors already in the map. Each record must keep the model's
// rules. On success m's IDs (and the references in it, and the keys of its
// Pins) are set to the stored ones; on failure nothing is written and m is
// unchanged. Merge leaves the map's name and description alone.
func (s *Store) Merge(ctx context.Context, m *model.Map) error {
	if m == nil {
		return fmt.Errorf("merge map: %w: no map", model.ErrInvalid)
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	defer tx.Rollback()
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge map: %w", fileError(err))
	}
	stored.apply(m)
	return nil
}

// merged is m's records as stored: new IDs, rewritten references. It is
// written back into m only once the transaction has committed.
type merged struct {
	sources []model.Source
	actors  []model.Actor
	ties    []model.Tie
	events  []model.Event
	pins    map[model.ID]model.Point
}

// apply sets m's records to their stored versions, element by element, so
// that the caller's slices see the new IDs.
func (st *merged) apply(m *model.Map) {
	copy(m.Sources, st.sources)
	copy(m.Actors, st.actors)
	copy(m.Ties, st.ties)
	copy(m.Events, st.events)
	if m.Pins != nil {
		clear(m.Pins)
		for id, p := range st.pins {
			m.Pins[id] = p
		}
	}
}

// merger carries the state of one merge.
type merger struct {
	ctx context.Context
	tx  *sql.Tx
	m   *model.Map
	// check is m plus a stand-in for each stored record that m refers to:
	// what the model's Check methods judge m's records against.
	check *model.Index
	// Stored IDs of m's records, by their IDs in m.
	sources, actors, ties map[model.ID]model.ID
	out                   merged
}

func merge(ctx context.Context, tx *sql.Tx, m *model.Map) (*merged, error) {
	g := &merger{ctx: ctx, tx: tx, m: m,
		sources: map[model.ID]model.ID{}, actors: map[model.ID]model.ID{}, ties: map[model.ID]model.ID{}}
	steps := []func() error{g.checkIDs, g.buildCheck, g.putKinds, g.putSources, g.putActors, g.putTies, g.putEvents, g.putPins}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return &g.out, nil
}

// checkIDs makes sure that no two records of a table in m share an ID, so
// that references among them are unambiguous. Zero IDs (records nothing can
// refer to) may repeat.
func (g *merger) checkIDs() error {
	tables := []struct {
		what string
		ids  []model.ID
	}{
		{"source", collect(g.m.Sources, func(s model.Source) model.ID { return s.ID })},
		{"actor", collect(g.m.Actors, func(a model.Actor) model.ID { return a.ID })},
		{"tie", collect(g.m.Ties, func(t model.Tie) model.ID { return t.ID })},
		{"event", collect(g.m.Events, func(e model.Event) model.ID { return e.ID })},
	}
	for _, t := range tables {
		seen := map[model.ID]bool{}
		for _, id := range t.ids {
			if id < 0 {
				return &model.FieldError{Record: fmt.Sprintf("%s %d", t.what, id), Field: "id", Msg: "ids cannot be negative", Err: model.ErrInvalid}
			}
			if id != 0 && seen[id] {
				return &model.FieldError{Record: fmt.Sprintf("%s %d", t.what, id), Field: "id", Msg: "the id is used twice", Err: model.ErrConflict}
			}
			seen[id] = true
		}
	}
	return nil
}

func collect[T any](records []T, id func(T) model.ID) []model.ID {
	ids := make([]model.ID, len(records))
	for i, r := range records {
		ids[i] = id(r)
	}
	return ids
}

// buildCheck makes g.check: m's records, plus stand-ins for the stored
// records that m refers to but does not hold itself.
func (g *merger) buildCheck() error {
	m := g.m
	var actors, ties, sources []model.ID
	for _, a := range m.Actors {
		actors = append(actors, a.BelongsTo, a.LocatedIn)
		sources = append(sources, a.Sources...)
	}
	for _, t := range m.Ties {
		actors = append(actors, t.From, t.To)
		sources = append(sources, t.Sources...)
	}
	for _, e := range m.Events {
		for _, p := range e.Participants {
			actors = append(actors, p.Actor)
		}
		ties = append(ties, e.Begins...)
		ties = append(ties, e.Ends...)
		sources = append(sources, e.Sources...)
	}
	for id := range m.Pins {
		actors = append(actors, id)
	}
	outside, err := storedRefs(g.ctx, g.tx,
		notIn(actors, collect(m.Actors, func(a model.Actor) model.ID { return a.ID })),
		notIn(ties, collect(m.Ties, func(t model.Tie) model.ID { return t.ID })),
		notIn(sources, collect(m.Sources, func(s model.Source) model.ID { return s.ID })))
	if err != nil {
		return err
	}
	g.check = model.NewIndex(&model.Map{
		Sources: append(append([]model.Source(nil), m.Sources...), outside.Sources...),
		Actors:  append(append([]model.Actor(nil), m.Actors...), outside.Actors...),
		Ties:    append(append([]model.Tie(nil), m.Ties...), outside.Ties...),
	})
	return nil
}

// notIn returns the distinct non-zero refs that are not among ids.
func notIn(refs, ids []model.ID) []model.ID {
	skip := map[model.ID]bool{0: true}
	for _, id := range ids {
		skip[id] = true
	}
	var out []model.ID
	for _, id := range refs {
		if !skip[id] {
			skip[id] = true
			out = append(out, id)
		}
	}
	return out
}

func (g *merger) putKinds() error {
	for _, k := range g.m.Kinds {
		if err := putKind(g.ctx, g.tx, k); err != nil {
			return err
		}
	}
	return nil
}

func (g *merger) putSources() error {
	for _, src := range g.m.Sources {
		if err := src.Check(); err != nil {
			return err
		}
		old := src.ID
		src.ID = 0
		id, err := writeSource(g.ctx, g.tx, src)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("source", old), err)
		}
		src.ID = id
		if old != 0 {
			g.sources[old] = id
		}
		g.out.sources = append(g.out.sources, src)
	}
	return nil
}

// putActors inserts the actors first without their references to each
// other, which may point forward, then sets those.
func (g *merger) putActors() error {
	for _, a := range g.m.Actors {
		if err := g.check.CheckActor(a); err != nil {
			return err
		}
		old := a.ID
		a.ID, a.BelongsTo, a.LocatedIn = 0, 0, 0
		a.Sources = g.rewrite(g.sources, a.Sources)
		id, err := writeActor(g.ctx, g.tx, a)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("actor", old), err)
		}
		a.ID = id
		if old != 0 {
			g.actors[old] = id
		}
		g.out.actors = append(g.out.actors, a)
	}
	for i, a := range g.m.Actors {
		out := &g.out.actors[i]
		out.BelongsTo, out.LocatedIn = g.ref(g.actors, a.BelongsTo), g.ref(g.actors, a.LocatedIn)
		if out.BelongsTo == 0 && out.LocatedIn == 0 {
			continue
		}
		_, err := g.tx.ExecContext(g.ctx, "UPDATE actors SET belongs_to = ?, located_in = ? WHERE id = ?",
			idValue(out.BelongsTo), idValue(out.LocatedIn), out.ID)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("actor", a.ID), domainError(err))
		}
	}
	return nil
}

func (g *merger) putTies() error {
	for _, t := range g.m.Ties {
		if err := g.check.CheckTie(t); err != nil {
			return err
		}
		old := t.ID
		t.ID = 0
		t.From, t.To = g.ref(g.actors, t.From), g.ref(g.actors, t.To)
		t.Sources = g.rewrite(g.sources, t.Sources)
		id, err := writeTie(g.ctx, g.tx, t)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("tie", old), err)
		}
		t.ID = id
		if old != 0 {
			g.ties[old] = id
		}
		g.out.ties = append(g.out.ties, t)
	}
	return nil
}

func (g *merger) putEvents() error {
	for _, e := range g.m.Events {
		if err := g.check.CheckEvent(e); err != nil {
			return err
		}
		old := e.ID
		e.ID = 0
		ps := make([]model.Participant, len(e.Participants))
		for i, p := range e.Participants {
			ps[i] = model.Participant{Actor: g.ref(g.actors, p.Actor), Role: p.Role}
		}
		if e.Participants != nil {
			e.Participants = ps
		}
		e.Begins = g.rewrite(g.ties, e.Begins)
		e.Ends = g.rewrite(g.ties, e.Ends)
		e.Sources = g.rewrite(g.sources, e.Sources)
		id, err := writeEvent(g.ctx, g.tx, e)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("event", old), err)
		}
		e.ID = id
		g.out.events = append(g.out.events, e)
	}
	return nil
}

func (g *merger) putPins() error {
	g.out.pins = make(map[model.ID]model.Point, len(g.m.Pins))
	for _, old := range slices.Sorted(maps.Keys(g.m.Pins)) {
		p := g.m.Pins[old]
		if _, ok := g.check.Actor(old); !ok || old == 0 {
			return &model.FieldError{Record: "pins", Field: "actor", Msg: fmt.Sprintf("no actor has id %d", old), Err: model.ErrNotFound}
		}
		id := g.ref(g.actors, old)
		if err := setPin(g.ctx, g.tx, id, p); err != nil {
			return fmt.Errorf("pin of actor %d: %w", old, err)
		}
		g.out.pins[id] = p
	}
	return nil
}

// ref is the stored ID a reference in m stands for: the new ID of m's record
// with that ID if there is one, or else the ID itself, which then names a
// record already stored (buildCheck and the Check methods made sure of it).
func (g *merger) ref(fresh map[model.ID]model.ID, id model.ID) model.ID {
	if id, ok := fresh[id]; ok {
		return id
	}
	return id
}

// rewrite applies ref to a list of references, into a new slice so that
// lists the caller shares between records are left alone.
func (g *merger) rewrite(fresh map[model.ID]model.ID, ids []model.ID) []model.ID {
	if ids == nil {
		return nil
	}
	out := make([]model.ID, len(ids))
	for i, id := range ids {
		out[i] = g.ref(fresh, id)
	}
	return out
}

// MergeInto reads the map and merges what add makes of it, in one write
// transaction: add sees the map as it is while no one else can write it,
// so that the checks it makes against the map (a name already taken)
// hold when its records are written. Two imports at once run one after
// the other, and the second sees the first's records. On failure nothing
// is written.
//
// The merge is recorded in the history under summary, so that the app can
// undo it: its inverse deletes the records it added (kinds it put stay).
func (s *Store) MergeInto(ctx context.Context, summary string, add func(base *model.Map) (*model.Map, error)) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	defer tx.Rollback()
	base, err := load(ctx, tx)
	if err != nil {
		return fmt.Errorf("merge map: load map %s: %w", s.path, loadError(ctx, s.loadLimit, err))
	}
	m, err := add(base)
	if err != nil {
		return err
	}
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := recordMerge(ctx, tx, summary, stored); err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge map: %w", fileError(err))
	}
	stored.apply(m)
	return nil
}

// recordMerge adds a merge to the history as a done entry.
func recordMerge(ctx context.Context, tx *sql.Tx, summary string, st *merged) error {
	applied := model.Change{Summary: summary, Put: model.Records{
		Sources: st.sources, Actors: st.actors, Ties: st.ties, Events: st.events}}
	for _, id := range slices.Sorted(maps.Keys(st.pins)) {
		applied.Put.Pins = append(applied.Put.Pins, model.Pin{Actor: id, At: st.pins[id]})
	}
	inverse := model.Change{Summary: summary, Delete: model.Deleted{
		Sources: collect(st.sources, func(x model.Source) model.ID { return x.ID }),
		Actors:  collect(st.actors, func(x model.Actor) model.ID { return x.ID }),
		Ties:    collect(st.ties, func(x model.Tie) model.ID { return x.ID }),
		Events:  collect(st.events, func(x model.Event) model.ID { return x.ID }),
	}}
	if _, err := tx.ExecContext(ctx, "UPDATE history SET state = 'dropped' WHERE state = 'undone'"); err != nil {
		return err
	}
	return record(ctx, tx, applied, inverse)
}
