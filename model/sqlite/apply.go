package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"relmap/model"
)

var (
	_ model.Changer   = (*Store)(nil)
	_ model.ApplierTo = (*Store)(nil)
)

// Apply applies c in one transaction, records it in the history as the
// newest done entry (dropping the undone ones), and returns it as applied.
// See model.Change for what a change may hold.
func (s *Store) Apply(ctx context.Context, c model.Change) (model.Change, error) {
	var applied model.Change
	err := s.inTx(ctx, "apply "+quoteSummary(c.Summary), func(tx *sql.Tx) (err error) {
		applied, err = applyRecorded(ctx, tx, c)
		return err
	})
	return applied, err
}

// applyRecorded applies c in tx and records it in the history as the
// newest done entry, dropping the undone ones.
func applyRecorded(ctx context.Context, tx *sql.Tx, c model.Change) (model.Change, error) {
	applied, inverse, err := applyChange(ctx, tx, c)
	if err != nil {
		return applied, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE history SET state = 'dropped' WHERE state = 'undone'"); err != nil {
		return applied, err
	}
	return applied, record(ctx, tx, applied, inverse)
}

// ApplyTo reads the map and applies the change that change makes of it,
// in one write transaction, as Apply does: change sees the map as it is
// while no one else can write it (an update from tables is worked out
// against the map it updates). An error from change, or a change that
// puts and deletes nothing, writes nothing.
func (s *Store) ApplyTo(ctx context.Context, change func(base *model.Map) (model.Change, error)) (model.Change, error) {
	var applied model.Change
	err := s.inTx(ctx, "apply", func(tx *sql.Tx) error {
		base, err := load(ctx, tx)
		if err != nil {
			return loadMapError(s.path, loadError(ctx, s.loadLimit, err))
		}
		c, err := change(base)
		if err != nil || c.IsEmpty() {
			return err // nothing to do is no entry in the history
		}
		applied, err = applyRecorded(ctx, tx, c)
		return err
	})
	return applied, err
}

func quoteSummary(s string) string {
	if s == "" {
		return "change"
	}
	return fmt.Sprintf("%q", s)
}

// record adds a done entry to the history.
func record(ctx context.Context, tx *sql.Tx, applied, inverse model.Change) error {
	change, err := json.Marshal(applied)
	if err != nil {
		return err
	}
	undo, err := json.Marshal(inverse)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO history (at, summary, state, change, inverse) VALUES (?, ?, 'done', ?, ?)",
		time.Now().UTC().Format(time.RFC3339Nano), applied.Summary, string(change), string(undo))
	return err
}

// Undo undoes the newest done entry of the history.
func (s *Store) Undo(ctx context.Context) (model.Entry, bool, error) {
	return s.step(ctx, "undo", "SELECT id FROM history WHERE state = 'done' ORDER BY id DESC LIMIT 1", model.Undone)
}

// Redo redoes the oldest undone entry of the history.
func (s *Store) Redo(ctx context.Context) (model.Entry, bool, error) {
	return s.step(ctx, "redo", "SELECT id FROM history WHERE state = 'undone' ORDER BY id LIMIT 1", model.Done)
}

// step applies the inverse (to undo) or the change (to redo) of the entry
// pick finds, and gives the entry state, in one transaction.
func (s *Store) step(ctx context.Context, op, pick string, state model.EntryState) (e model.Entry, ok bool, err error) {
	err = s.inTx(ctx, op, func(tx *sql.Tx) error {
		var id int64
		switch err := tx.QueryRowContext(ctx, pick).Scan(&id); {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		entries, err := entriesWhere(ctx, tx, "WHERE id = ?", id)
		if err != nil {
			return err
		}
		e = entries[0]
		c := e.Change
		if state == model.Undone {
			c = e.Inverse
		}
		if _, _, err := applyChange(ctx, tx, c); err != nil {
			return fmt.Errorf("%s %q: %w", op, e.Summary, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE history SET state = ? WHERE id = ?", string(state), id); err != nil {
			return err
		}
		e.State, ok = state, true
		return nil
	})
	return e, ok, err
}

// Pending names the entries Undo and Redo would take next.
func (s *Store) Pending(ctx context.Context) (undo, redo string, err error) {
	for _, q := range []struct {
		to    *string
		query string
	}{
		{&undo, "SELECT summary FROM history WHERE state = 'done' ORDER BY id DESC LIMIT 1"},
		{&redo, "SELECT summary FROM history WHERE state = 'undone' ORDER BY id LIMIT 1"},
	} {
		if err := s.rdb.QueryRowContext(ctx, q.query).Scan(q.to); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", "", fmt.Errorf("read history: %w", fileError(err))
		}
	}
	return undo, redo, nil
}

// History lists the map's history, newest first.
func (s *Store) History(ctx context.Context) ([]model.Entry, error) {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", fileError(err))
	}
	defer tx.Rollback()
	entries, err := entriesWhere(ctx, tx, "ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("read history: %w", loadError(ctx, s.loadLimit, err))
	}
	return entries, nil
}

// entriesWhere reads the history entries that the clause selects.
func entriesWhere(ctx context.Context, tx *sql.Tx, clause string, args ...any) ([]model.Entry, error) {
	var entries []model.Entry
	err := eachRow(ctx, tx, "SELECT id, at, summary, state, change, inverse FROM history "+clause, args,
		func(rows *sql.Rows) error {
			var e model.Entry
			var at, state, change, inverse string
			if err := rows.Scan(&e.ID, &at, &e.Summary, &state, &change, &inverse); err != nil {
				return fmt.Errorf("history: %w", err)
			}
			var err error
			if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
				return fmt.Errorf("history row %d: at: %w", e.ID, err)
			}
			e.State = model.EntryState(state)
			if err := json.Unmarshal([]byte(change), &e.Change); err != nil {
				return fmt.Errorf("history row %d: change: %w", e.ID, err)
			}
			if err := json.Unmarshal([]byte(inverse), &e.Inverse); err != nil {
				return fmt.Errorf("history row %d: inverse: %w", e.ID, err)
			}
			entries = append(entries, e)
			return nil
		})
	return entries, err
}

// applyChange applies c within tx and returns it as applied (new records
// with their IDs) and its inverse: the records it touched as they were,
// and the new ones to delete. Foreign keys are checked at commit, so that
// records that refer to each other can come back in any order; the
// model's rules are checked on every record put, once all are written.
func applyChange(ctx context.Context, tx *sql.Tx, c model.Change) (applied, inverse model.Change, err error) {
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return applied, inverse, err
	}
	c, err = assignIDs(ctx, tx, c)
	if err != nil {
		return applied, inverse, err
	}
	reach, err := reached(ctx, tx, c)
	if err != nil {
		return applied, inverse, err
	}
	before, err := loadSubset(ctx, tx, reach)
	if err != nil {
		return applied, inverse, err
	}
	if err := deleteRecords(ctx, tx, c.Delete); err != nil {
		return applied, inverse, err
	}
	if err := putRecords(ctx, tx, c.Put); err != nil {
		return applied, inverse, err
	}
	after, err := loadSubset(ctx, tx, reach)
	if err != nil {
		return applied, inverse, err
	}
	return c, inverseOf(c.Summary, before, after), nil
}

// assignIDs gives every new record of c (ID 0 or negative) the next free
// ID of its table, and rewrites the references to negative IDs in c.
func assignIDs(ctx context.Context, tx *sql.Tx, c model.Change) (model.Change, error) {
	out := c
	p := &out.Put
	p.Sources, p.Actors = slices.Clone(p.Sources), slices.Clone(p.Actors)
	p.Ties, p.Events, p.Pins = slices.Clone(p.Ties), slices.Clone(p.Events), slices.Clone(p.Pins)
	next := func(table string) (func() model.ID, error) {
		top, err := nextID(ctx, tx, table)
		top--
		return func() model.ID { top++; return top }, err
	}
	newIDs := map[string]map[model.ID]model.ID{}
	assign := func(table string, ids []*model.ID) error {
		fresh, err := next(table)
		if err != nil {
			return err
		}
		m := map[model.ID]model.ID{}
		for _, id := range ids {
			if *id <= 0 {
				old := *id
				*id = fresh()
				if old < 0 {
					m[old] = *id
				}
			}
		}
		newIDs[table] = m
		return nil
	}
	ptrs := func(n int, at func(int) *model.ID) []*model.ID {
		out := make([]*model.ID, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	for _, t := range []struct {
		table string
		ids   []*model.ID
	}{
		{"sources", ptrs(len(p.Sources), func(i int) *model.ID { return &p.Sources[i].ID })},
		{"actors", ptrs(len(p.Actors), func(i int) *model.ID { return &p.Actors[i].ID })},
		{"ties", ptrs(len(p.Ties), func(i int) *model.ID { return &p.Ties[i].ID })},
		{"events", ptrs(len(p.Events), func(i int) *model.ID { return &p.Events[i].ID })},
	} {
		if err := assign(t.table, t.ids); err != nil {
			return out, err
		}
	}
	re := func(table string, id model.ID) model.ID {
		if n, ok := newIDs[table][id]; ok {
			return n
		}
		return id
	}
	res := func(table string, ids []model.ID) []model.ID {
		out := slices.Clone(ids)
		for i, id := range out {
			out[i] = re(table, id)
		}
		return out
	}
	for i := range p.Actors {
		a := &p.Actors[i]
		a.BelongsTo, a.LocatedIn, a.Sources = re("actors", a.BelongsTo), re("actors", a.LocatedIn), res("sources", a.Sources)
	}
	for i := range p.Ties {
		t := &p.Ties[i]
		t.From, t.To, t.Sources = re("actors", t.From), re("actors", t.To), res("sources", t.Sources)
	}
	for i := range p.Events {
		e := &p.Events[i]
		e.Participants = slices.Clone(e.Participants)
		for k := range e.Participants {
			e.Participants[k].Actor = re("actors", e.Participants[k].Actor)
		}
		e.Begins, e.Ends, e.Sources = res("ties", e.Begins), res("ties", e.Ends), res("sources", e.Sources)
	}
	for i := range p.Pins {
		p.Pins[i].Actor = re("actors", p.Pins[i].Actor)
	}
	if p.Info != nil {
		info := *p.Info
		info.Source = re("sources", info.Source)
		p.Info = &info
	}
	return out, nil
}

// reach is every record a change can alter: what it puts and deletes, and
// what deleting cascades to (an actor's ties and pin, the actors that
// belonged to or were located in it, the events it or a deleted tie took
// part in, the records citing a deleted source).
type reach struct {
	sources, actors, ties, events, pins map[model.ID]bool
	kinds                               map[[2]string]bool
	info                                bool
}

func reached(ctx context.Context, tx *sql.Tx, c model.Change) (*reach, error) {
	r := &reach{sources: map[model.ID]bool{}, actors: map[model.ID]bool{}, ties: map[model.ID]bool{},
		events: map[model.ID]bool{}, pins: map[model.ID]bool{}, kinds: map[[2]string]bool{},
		// Deleting the map's source clears it from the map's credits.
		info: c.Put.Info != nil || len(c.Delete.Sources) > 0}
	for _, x := range c.Put.Sources {
		r.sources[x.ID] = true
	}
	for _, x := range c.Put.Actors {
		r.actors[x.ID] = true
	}
	for _, x := range c.Put.Ties {
		r.ties[x.ID] = true
	}
	for _, x := range c.Put.Events {
		r.events[x.ID] = true
	}
	for _, x := range c.Put.Pins {
		r.pins[x.Actor] = true
	}
	for _, k := range append(slices.Clone(c.Put.Kinds), c.Delete.Kinds...) {
		r.kinds[[2]string{string(k.Class), k.Name}] = true
	}
	d := c.Delete
	addAll := func(set map[model.ID]bool, ids []model.ID) {
		for _, id := range ids {
			set[id] = true
		}
	}
	addAll(r.sources, d.Sources)
	addAll(r.actors, d.Actors)
	addAll(r.ties, d.Ties)
	addAll(r.events, d.Events)
	addAll(r.pins, d.Pins)
	addAll(r.pins, d.Actors)
	// query adds to set the first column of the rows query gives for ids.
	query := func(set map[model.ID]bool, q string, ids []model.ID) error {
		if len(ids) == 0 {
			return nil
		}
		w, args := (&idSet{ids}).where("x")
		return eachRow(ctx, tx, "SELECT id FROM ("+q+")"+w, args, func(rows *sql.Rows) error {
			var id model.ID
			if err := rows.Scan(&id); err != nil {
				return err
			}
			set[id] = true
			return nil
		})
	}
	steps := []struct {
		set map[model.ID]bool
		q   string
		ids []model.ID
	}{
		{r.ties, "SELECT id, from_actor AS x FROM ties UNION ALL SELECT id, to_actor FROM ties", d.Actors},
		{r.actors, "SELECT id, belongs_to AS x FROM actors UNION ALL SELECT id, located_in FROM actors", d.Actors},
		{r.events, "SELECT event_id AS id, actor_id AS x FROM event_participants", d.Actors},
		{r.actors, "SELECT actor_id AS id, source_id AS x FROM actor_sources", d.Sources},
		{r.ties, "SELECT tie_id AS id, source_id AS x FROM tie_sources", d.Sources},
		{r.events, "SELECT event_id AS id, source_id AS x FROM event_sources", d.Sources},
	}
	for _, st := range steps {
		if err := query(st.set, st.q, st.ids); err != nil {
			return nil, err
		}
	}
	// Events that begin or end a deleted tie, including those an actor's
	// deletion takes with it.
	if err := query(r.events, "SELECT event_id AS id, tie_id AS x FROM event_ties", slices.Collect(maps.Keys(r.ties))); err != nil {
		return nil, err
	}
	return r, nil
}

// state is what a reach holds in the file at one moment.
type state struct {
	m     *model.Map
	kinds map[[2]string]model.Kind
	info  model.Info
}

func loadSubset(ctx context.Context, tx *sql.Tx, r *reach) (*state, error) {
	st := &state{m: &model.Map{Pins: map[model.ID]model.Point{}}, kinds: map[[2]string]model.Kind{}}
	ids := func(set map[model.ID]bool) *idSet { return &idSet{slices.Sorted(maps.Keys(set))} }
	for _, step := range []struct {
		load func(context.Context, *sql.Tx, *model.Map, *idSet) error
		set  map[model.ID]bool
	}{{loadSources, r.sources}, {loadActors, r.actors}, {loadTies, r.ties}, {loadEvents, r.events}, {loadPins, r.pins}} {
		if len(step.set) == 0 {
			continue
		}
		if err := step.load(ctx, tx, st.m, ids(step.set)); err != nil {
			return nil, err
		}
	}
	if len(r.kinds) > 0 {
		all := &model.Map{}
		if err := loadKinds(ctx, tx, all); err != nil {
			return nil, err
		}
		for _, k := range all.Kinds {
			if key := [2]string{string(k.Class), k.Name}; r.kinds[key] {
				st.kinds[key] = k
			}
		}
	}
	if r.info {
		var err error
		if st.info, err = readInfo(ctx, tx); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// deleteRecords deletes what d names; each must be stored.
func deleteRecords(ctx context.Context, tx *sql.Tx, d model.Deleted) error {
	for _, id := range d.Pins {
		if _, err := tx.ExecContext(ctx, "DELETE FROM pins WHERE actor_id = ?", id); err != nil {
			return err
		}
	}
	for _, t := range []struct {
		table, what string
		ids         []model.ID
	}{{"events", "event", d.Events}, {"ties", "tie", d.Ties}, {"actors", "actor", d.Actors}, {"sources", "source", d.Sources}} {
		for _, id := range t.ids {
			res, err := tx.ExecContext(ctx, "DELETE FROM "+t.table+" WHERE id = ?", id)
			if err != nil {
				return domainError(err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return notFound(t.what, id)
			}
		}
	}
	for _, k := range d.Kinds {
		if _, err := tx.ExecContext(ctx, "DELETE FROM kinds WHERE class = ? AND name = ?", string(k.Class), k.Name); err != nil {
			return domainError(err)
		}
	}
	return nil
}

// putRecords writes every record of p, then checks each against the
// model's rules and the stored records it refers to.
func putRecords(ctx context.Context, tx *sql.Tx, p model.Records) error {
	// Progress counts each record twice, written and checked, but for
	// sources, which are checked as they are written.
	total := len(p.Sources) + 2*(len(p.Actors)+len(p.Ties)+len(p.Events))
	report, done := model.ProgressOf(ctx), 0
	step := func() {
		if done++; done%256 == 0 || done == total {
			report(done, total)
		}
	}
	for _, k := range p.Kinds {
		if err := putKind(ctx, tx, k); err != nil {
			return err
		}
	}
	for _, src := range p.Sources {
		if err := src.Check(); err != nil {
			return err
		}
		if _, err := writeSource(ctx, tx, src); err != nil {
			return err
		}
		step()
	}
	for _, a := range p.Actors {
		if _, err := writeActor(ctx, tx, a); err != nil {
			return fmt.Errorf("actor %d: %w", a.ID, err)
		}
		step()
	}
	for _, t := range p.Ties {
		if _, err := writeTie(ctx, tx, t); err != nil {
			return fmt.Errorf("tie %d: %w", t.ID, err)
		}
		step()
	}
	for _, e := range p.Events {
		if _, err := writeEvent(ctx, tx, e); err != nil {
			return fmt.Errorf("event %d: %w", e.ID, err)
		}
		step()
	}
	for _, pin := range p.Pins {
		if err := setPin(ctx, tx, pin.Actor, pin.At); err != nil {
			return err
		}
	}
	if p.Info != nil {
		if err := setInfo(ctx, tx, *p.Info); err != nil {
			return err
		}
	}
	for _, a := range p.Actors {
		refs, err := storedRefs(ctx, tx, []model.ID{a.BelongsTo, a.LocatedIn}, nil, a.Sources)
		if err != nil {
			return err
		}
		if err := refs.CheckActor(a); err != nil {
			return err
		}
		if err := nameFree(ctx, tx, a); err != nil {
			return err
		}
		step()
	}
	for _, t := range p.Ties {
		refs, err := storedRefs(ctx, tx, []model.ID{t.From, t.To}, nil, t.Sources)
		if err != nil {
			return err
		}
		if err := refs.CheckTie(t); err != nil {
			return err
		}
		step()
	}
	for _, e := range p.Events {
		actors := make([]model.ID, len(e.Participants))
		for i, pt := range e.Participants {
			actors[i] = pt.Actor
		}
		refs, err := storedRefs(ctx, tx, actors, append(slices.Clone(e.Begins), e.Ends...), e.Sources)
		if err != nil {
			return err
		}
		if err := refs.CheckEvent(e); err != nil {
			return err
		}
		step()
	}
	return nil
}

// inverseOf is the change that takes the reach from after back to before:
// it puts back every record as it was and deletes those that were not
// there.
func inverseOf(summary string, before, after *state) model.Change {
	inv := model.Change{Summary: summary}
	p, d := &inv.Put, &inv.Delete
	p.Sources, p.Actors, p.Ties, p.Events = before.m.Sources, before.m.Actors, before.m.Ties, before.m.Events
	for _, id := range slices.Sorted(maps.Keys(before.m.Pins)) {
		p.Pins = append(p.Pins, model.Pin{Actor: id, At: before.m.Pins[id]})
	}
	had := func(ids func(*model.Map) []model.ID) map[model.ID]bool {
		set := map[model.ID]bool{}
		for _, id := range ids(before.m) {
			set[id] = true
		}
		return set
	}
	gone := func(ids func(*model.Map) []model.ID) []model.ID {
		old := had(ids)
		var out []model.ID
		for _, id := range ids(after.m) {
			if !old[id] {
				out = append(out, id)
			}
		}
		return out
	}
	d.Sources = gone(func(m *model.Map) []model.ID {
		return collect(m.Sources, func(x model.Source) model.ID { return x.ID })
	})
	d.Actors = gone(func(m *model.Map) []model.ID { return collect(m.Actors, func(x model.Actor) model.ID { return x.ID }) })
	d.Ties = gone(func(m *model.Map) []model.ID { return collect(m.Ties, func(x model.Tie) model.ID { return x.ID }) })
	d.Events = gone(func(m *model.Map) []model.ID { return collect(m.Events, func(x model.Event) model.ID { return x.ID }) })
	for _, id := range slices.Sorted(maps.Keys(after.m.Pins)) {
		if _, ok := before.m.Pins[id]; !ok && !slices.Contains(d.Actors, id) {
			d.Pins = append(d.Pins, id)
		}
	}
	for _, key := range slices.SortedFunc(maps.Keys(after.kinds), cmpKey) {
		if _, ok := before.kinds[key]; !ok {
			d.Kinds = append(d.Kinds, after.kinds[key])
		}
	}
	for _, key := range slices.SortedFunc(maps.Keys(before.kinds), cmpKey) {
		p.Kinds = append(p.Kinds, before.kinds[key])
	}
	if after.info != before.info {
		info := before.info
		p.Info = &info
	}
	return inv
}

func cmpKey(a, b [2]string) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}
