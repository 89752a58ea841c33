package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"relmap/model"
)

// The values of event_ties.change.
const (
	changeBegins = "begins"
	changeEnds   = "ends"
)

// PutActor inserts a when its ID is 0, setting a.ID to the stored one, and
// otherwise updates the stored actor (ErrNotFound if there is none). The
// actor must keep the model's rules (see model.Map.CheckActor) against what
// is stored.
func (s *Store) PutActor(ctx context.Context, a *model.Actor) error {
	if a == nil {
		return fmt.Errorf("put actor: %w: no actor", model.ErrInvalid)
	}
	op := opName("put actor", a.ID)
	var id model.ID
	err := s.inTx(ctx, op, func(tx *sql.Tx) (err error) {
		id, err = putActor(ctx, tx, *a)
		return err
	})
	if err == nil {
		a.ID = id
	}
	return err
}

func putActor(ctx context.Context, tx *sql.Tx, a model.Actor) (model.ID, error) {
	if a.ID != 0 {
		if err := mustExist(ctx, tx, "actors", "actor", a.ID); err != nil {
			return 0, err
		}
	}
	refs, err := storedRefs(ctx, tx, []model.ID{a.BelongsTo, a.LocatedIn}, nil, a.Sources)
	if err != nil {
		return 0, err
	}
	if err := refs.CheckActor(a); err != nil {
		return 0, err
	}
	if err := nameFree(ctx, tx, a); err != nil {
		return 0, err
	}
	return writeActor(ctx, tx, a)
}

// nameFree checks, inside the write's transaction, that no other actor is
// named as a is (case and surrounding spaces aside; the index of migration
// 004 finds the names that differ in the case of ASCII letters), as the
// forms and imports require: checked apart from the write, two writers could both
// find the name free. An update that keeps the actor's stored name is let
// through, so that a map that already holds two such names stays
// editable.
func nameFree(ctx context.Context, tx *sql.Tx, a model.Actor) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM actors WHERE lower(trim(name)) = lower(trim(?)) OR id = ?",
		a.Name, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var clash model.ID
	for rows.Next() {
		var id model.ID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		same := strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(a.Name))
		if id == a.ID && same {
			return nil // the name it has
		}
		if id != a.ID && same && clash == 0 {
			clash = id
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if clash != 0 {
		return &model.FieldError{Field: "name", Msg: fmt.Sprintf("actor %d is already named %q", clash, a.Name), Err: model.ErrConflict}
	}
	return nil
}

// writeActor inserts (ID 0) or updates a row of actors with its citations,
// and returns its ID. References must already be checked.
func writeActor(ctx context.Context, tx *sql.Tx, a model.Actor) (model.ID, error) {
	attrs, err := attrsValue(a.Attrs)
	if err != nil {
		return 0, fmt.Errorf("%w: attrs: %w", model.ErrInvalid, err)
	}
	later, err := laterValue(a.Later)
	if err != nil {
		return 0, fmt.Errorf("%w: later: %w", model.ErrInvalid, err)
	}
	args := []any{a.Name, a.Kind, a.Short, idValue(a.BelongsTo), idValue(a.LocatedIn),
		dateValue(a.Life.Start), dateValue(a.Life.End), attrs, a.Notes, later}
	id, err := writeRow(ctx, tx, "actors", a.ID,
		[]string{"name", "kind", "short", "belongs_to", "located_in", "life_start", "life_end", "attrs", "notes", "later"}, args)
	if err != nil {
		return 0, err
	}
	return id, setLinks(ctx, tx, "actor_sources", "actor_id", "source_id", id, a.Sources, a.ID == 0)
}

// PutTie inserts or updates t, as PutActor. Both actors must be stored
// (ErrNotFound otherwise) and the span must not end before it starts
// (ErrInvalid).
func (s *Store) PutTie(ctx context.Context, t *model.Tie) error {
	if t == nil {
		return fmt.Errorf("put tie: %w: no tie", model.ErrInvalid)
	}
	op := opName("put tie", t.ID)
	var id model.ID
	err := s.inTx(ctx, op, func(tx *sql.Tx) (err error) {
		id, err = putTie(ctx, tx, *t)
		return err
	})
	if err == nil {
		t.ID = id
	}
	return err
}

func putTie(ctx context.Context, tx *sql.Tx, t model.Tie) (model.ID, error) {
	if t.ID != 0 {
		if err := mustExist(ctx, tx, "ties", "tie", t.ID); err != nil {
			return 0, err
		}
	}
	refs, err := storedRefs(ctx, tx, []model.ID{t.From, t.To}, nil, t.Sources)
	if err != nil {
		return 0, err
	}
	if err := refs.CheckTie(t); err != nil {
		return 0, err
	}
	return writeTie(ctx, tx, t)
}

// writeTie inserts (ID 0) or updates a row of ties with its citations, and
// returns its ID. References must already be checked.
func writeTie(ctx context.Context, tx *sql.Tx, t model.Tie) (model.ID, error) {
	attrs, err := attrsValue(t.Attrs)
	if err != nil {
		return 0, fmt.Errorf("%w: attrs: %w", model.ErrInvalid, err)
	}
	args := []any{t.Kind, t.From, t.To, t.Directed, dateValue(t.Span.Start), dateValue(t.Span.End),
		t.Label, t.Weight, t.Notes, attrs}
	id, err := writeRow(ctx, tx, "ties", t.ID,
		[]string{"kind", "from_actor", "to_actor", "directed", "start_date", "end_date", "label", "weight", "notes", "attrs"}, args)
	if err != nil {
		return 0, err
	}
	return id, setLinks(ctx, tx, "tie_sources", "tie_id", "source_id", id, t.Sources, t.ID == 0)
}

// PutEvent inserts or updates e, as PutActor. Its participants, the ties it
// begins and ends, and its sources must be stored.
func (s *Store) PutEvent(ctx context.Context, e *model.Event) error {
	if e == nil {
		return fmt.Errorf("put event: %w: no event", model.ErrInvalid)
	}
	op := opName("put event", e.ID)
	var id model.ID
	err := s.inTx(ctx, op, func(tx *sql.Tx) (err error) {
		id, err = putEvent(ctx, tx, *e)
		return err
	})
	if err == nil {
		e.ID = id
	}
	return err
}

func putEvent(ctx context.Context, tx *sql.Tx, e model.Event) (model.ID, error) {
	if e.ID != 0 {
		if err := mustExist(ctx, tx, "events", "event", e.ID); err != nil {
			return 0, err
		}
	}
	actors := make([]model.ID, len(e.Participants))
	for i, p := range e.Participants {
		actors[i] = p.Actor
	}
	ties := append(append([]model.ID(nil), e.Begins...), e.Ends...)
	refs, err := storedRefs(ctx, tx, actors, ties, e.Sources)
	if err != nil {
		return 0, err
	}
	if err := refs.CheckEvent(e); err != nil {
		return 0, err
	}
	return writeEvent(ctx, tx, e)
}

// writeEvent inserts (ID 0) or updates a row of events with its
// participants, tie changes and citations, and returns its ID. References
// must already be checked.
func writeEvent(ctx context.Context, tx *sql.Tx, e model.Event) (model.ID, error) {
	id, err := writeRow(ctx, tx, "events", e.ID, []string{"date", "kind", "title", "description"},
		[]any{dateValue(e.Date), e.Kind, e.Title, e.Description})
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_participants WHERE event_id = ?", id); err != nil {
		return 0, err
	}
	for i, p := range e.Participants {
		_, err := tx.ExecContext(ctx, "INSERT INTO event_participants (event_id, seq, actor_id, role) VALUES (?, ?, ?, ?)",
			id, i, p.Actor, p.Role)
		if err != nil {
			return 0, fmt.Errorf("participant %d: %w", p.Actor, domainError(err))
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_ties WHERE event_id = ?", id); err != nil {
		return 0, err
	}
	for _, change := range []struct {
		name string
		ties []model.ID
	}{{changeBegins, e.Begins}, {changeEnds, e.Ends}} {
		for i, tie := range change.ties {
			_, err := tx.ExecContext(ctx, "INSERT INTO event_ties (event_id, change, seq, tie_id) VALUES (?, ?, ?, ?)",
				id, change.name, i, tie)
			if err != nil {
				return 0, fmt.Errorf("%s tie %d: %w", change.name, tie, domainError(err))
			}
		}
	}
	return id, setLinks(ctx, tx, "event_sources", "event_id", "source_id", id, e.Sources, e.ID == 0)
}

// PutSource inserts or updates src, as PutActor. A source needs a title or
// a URL.
func (s *Store) PutSource(ctx context.Context, src *model.Source) error {
	if src == nil {
		return fmt.Errorf("put source: %w: no source", model.ErrInvalid)
	}
	op := opName("put source", src.ID)
	var id model.ID
	err := s.inTx(ctx, op, func(tx *sql.Tx) (err error) {
		id, err = putSource(ctx, tx, *src)
		return err
	})
	if err == nil {
		src.ID = id
	}
	return err
}

func putSource(ctx context.Context, tx *sql.Tx, src model.Source) (model.ID, error) {
	if src.ID != 0 {
		if err := mustExist(ctx, tx, "sources", "source", src.ID); err != nil {
			return 0, err
		}
	}
	if err := src.Check(); err != nil {
		return 0, err
	}
	return writeSource(ctx, tx, src)
}

// writeSource inserts (ID 0) or updates a row of sources and returns its ID.
func writeSource(ctx context.Context, tx *sql.Tx, src model.Source) (model.ID, error) {
	return writeRow(ctx, tx, "sources", src.ID, []string{"title", "publisher", "url", "date", "quote", "grade"},
		[]any{src.Title, src.Publisher, src.URL, dateValue(src.Date), src.Quote, src.Grade})
}

// PutKind inserts k, or replaces the style of the kind with its class and
// name.
func (s *Store) PutKind(ctx context.Context, k model.Kind) error {
	op := fmt.Sprintf("put kind %s %q", k.Class, k.Name)
	return s.inTx(ctx, op, func(tx *sql.Tx) error { return putKind(ctx, tx, k) })
}

func putKind(ctx context.Context, tx *sql.Tx, k model.Kind) error {
	if err := k.Check(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO kinds (class, name, label, shape, color, dashed, arrow, weighted, labelled)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (class, name) DO UPDATE SET label = excluded.label, shape = excluded.shape,
			color = excluded.color, dashed = excluded.dashed, arrow = excluded.arrow,
			weighted = excluded.weighted, labelled = excluded.labelled`,
		string(k.Class), k.Name, k.Label, k.Shape, k.Color, k.Dashed, k.Arrow, k.Weighted, k.Labelled)
	return domainError(err)
}

// writeRow inserts a row into table when id is 0 and returns the new ID, or
// updates row id, or inserts it under id when there is none (a deleted
// record put back by Apply; the Put methods check that it exists first).
// Constraint failures become domain errors.
func writeRow(ctx context.Context, tx *sql.Tx, table string, id model.ID, cols []string, args []any) (model.ID, error) {
	insert := func(cols []string, args []any) (model.ID, error) {
		query := fmt.Sprintf("INSERT INTO %s (%s) VALUES (?%s)", table,
			strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)-1))
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return 0, domainError(err)
		}
		return res.LastInsertId()
	}
	if id == 0 {
		return insert(cols, args)
	}
	query := fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", table, strings.Join(cols, " = ?, "))
	res, err := tx.ExecContext(ctx, query, append(args, id)...)
	if err != nil {
		return 0, domainError(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return insert(append([]string{"id"}, cols...), append([]any{id}, args...))
	}
	return id, nil
}

// setLinks replaces the rows of a link table (owner, seq, target) for owner
// with targets, in order; a fresh owner, just inserted, has none to
// delete.
func setLinks(ctx context.Context, tx *sql.Tx, table, ownerCol, targetCol string, owner model.ID, targets []model.ID, fresh bool) error {
	if !fresh {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s = ?", table, ownerCol), owner); err != nil {
			return err
		}
	}
	insert := fmt.Sprintf("INSERT INTO %s (%s, seq, %s) VALUES (?, ?, ?)", table, ownerCol, targetCol)
	for i, target := range targets {
		if _, err := tx.ExecContext(ctx, insert, owner, i, target); err != nil {
			return fmt.Errorf("%s %d: %w", targetCol, target, domainError(err))
		}
	}
	return nil
}

// storedRefs returns a Map holding a stand-in for each of the given actors,
// ties and sources that the store has, so that the model's Check methods can
// judge a record's references against the stored map without loading it.
func storedRefs(ctx context.Context, tx *sql.Tx, actors, ties, sources []model.ID) (*model.Map, error) {
	m := &model.Map{}
	for _, id := range actors {
		ok, err := exists(ctx, tx, "actors", id)
		if err != nil {
			return nil, err
		}
		if ok {
			m.Actors = append(m.Actors, model.Actor{ID: id})
		}
	}
	for _, id := range ties {
		ok, err := exists(ctx, tx, "ties", id)
		if err != nil {
			return nil, err
		}
		if ok {
			m.Ties = append(m.Ties, model.Tie{ID: id})
		}
	}
	for _, id := range sources {
		ok, err := exists(ctx, tx, "sources", id)
		if err != nil {
			return nil, err
		}
		if ok {
			m.Sources = append(m.Sources, model.Source{ID: id})
		}
	}
	return m, nil
}
