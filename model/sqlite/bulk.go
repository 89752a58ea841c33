package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"relmap/model"
)

// bulkRows is how many rows one INSERT of a bulk write carries: a
// statement per row spends more time crossing into SQLite than writing
// (a merge of 100,000 actors and 200,000 ties took 2.06 s with 64 rows a
// statement, 1.78 s with 256 and 1.62 s with 1,024). With the widest
// table's 11 columns it stays well under SQLite's 32,766 variables a
// statement.
const bulkRows = 1024

// bulk inserts rows into one table, bulkRows to a statement, through a
// statement prepared once for full batches.
type bulk struct {
	ctx   context.Context
	tx    *sql.Tx
	table string
	cols  []string
	full  *sql.Stmt
	args  []any
	rows  int
}

func newBulk(ctx context.Context, tx *sql.Tx, table string, cols ...string) *bulk {
	return &bulk{ctx: ctx, tx: tx, table: table, cols: cols, args: make([]any, 0, bulkRows*len(cols))}
}

// add queues one row, its values in the order of the columns.
func (b *bulk) add(values ...any) error {
	b.args = append(b.args, values...)
	b.rows++
	if b.rows < bulkRows {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(b.ctx, b.query(bulkRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args, b.rows = b.args[:0], 0
	return domainError(err)
}

// flush writes the rows still queued and closes the statement.
func (b *bulk) flush() error {
	if b.full != nil {
		defer b.full.Close()
	}
	if b.rows == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.query(b.rows), b.args...)
	b.args, b.rows = b.args[:0], 0
	return domainError(err)
}

func (b *bulk) query(rows int) string {
	row := "(?" + strings.Repeat(", ?", len(b.cols)-1) + ")"
	var q strings.Builder
	fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", b.table, strings.Join(b.cols, ", "))
	for i := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	return q.String()
}

// insertNew writes records that are all new to the store, under the IDs
// they carry (a merge plan's), many rows to a statement, and reports each
// record written to ctx's model.Progress. The caller has checked them
// against the model's rules and deferred the foreign keys.
//
// Each table is written whole before the tables that refer to it, and an
// actor's links to other actors, which may point forward, are set once all
// actors are in: a row that refers to one not yet written is a deferred
// violation, and while any is outstanding SQLite looks for the children of
// every parent row written, which without the indexes (see insertIndexed)
// is a scan of the child table per row.
func insertNew(ctx context.Context, tx *sql.Tx, r model.Records) error {
	total := len(r.Sources) + len(r.Actors) + len(r.Ties) + len(r.Events)
	report, done := model.ProgressOf(ctx), 0
	step := func() {
		if done++; done%1024 == 0 || done == total {
			report(done, total)
		}
	}
	for _, k := range r.Kinds {
		if err := putKind(ctx, tx, k); err != nil {
			return err
		}
	}
	sources := newBulk(ctx, tx, "sources", "id", "title", "publisher", "url", "date", "quote", "grade")
	for _, s := range r.Sources {
		if err := sources.add(s.ID, s.Title, s.Publisher, s.URL, dateValue(s.Date), s.Quote, s.Grade); err != nil {
			return fmt.Errorf("sources: %w", err)
		}
		step()
	}
	if err := flushAll(sources); err != nil {
		return err
	}
	actors := newBulk(ctx, tx, "actors", "id", "name", "kind", "short", "life_start", "life_end", "attrs", "notes", "later")
	actorSources := newBulk(ctx, tx, "actor_sources", "actor_id", "seq", "source_id")
	for _, a := range r.Actors {
		attrs, err := attrsValue(a.Attrs)
		if err != nil {
			return fmt.Errorf("%s: %w: attrs: %w", opName("actor", a.ID), model.ErrInvalid, err)
		}
		later, err := laterValue(a.Later)
		if err != nil {
			return fmt.Errorf("%s: %w: later: %w", opName("actor", a.ID), model.ErrInvalid, err)
		}
		err = actors.add(a.ID, a.Name, a.Kind, a.Short, dateValue(a.Life.Start), dateValue(a.Life.End), attrs, a.Notes, later)
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		if err := addLinks(actorSources, a.ID, a.Sources); err != nil {
			return fmt.Errorf("actor sources: %w", err)
		}
		step()
	}
	if err := flushAll(actors, actorSources); err != nil {
		return err
	}
	for _, a := range r.Actors {
		if a.BelongsTo == 0 && a.LocatedIn == 0 {
			continue
		}
		_, err := tx.ExecContext(ctx, "UPDATE actors SET belongs_to = ?, located_in = ? WHERE id = ?",
			idValue(a.BelongsTo), idValue(a.LocatedIn), a.ID)
		if err != nil {
			return fmt.Errorf("%s: %w", opName("actor", a.ID), domainError(err))
		}
	}
	ties := newBulk(ctx, tx, "ties", "id", "kind", "from_actor", "to_actor", "directed", "start_date", "end_date", "label", "weight", "notes", "attrs")
	tieSources := newBulk(ctx, tx, "tie_sources", "tie_id", "seq", "source_id")
	for _, t := range r.Ties {
		attrs, err := attrsValue(t.Attrs)
		if err != nil {
			return fmt.Errorf("%s: %w: attrs: %w", opName("tie", t.ID), model.ErrInvalid, err)
		}
		err = ties.add(t.ID, t.Kind, t.From, t.To, t.Directed, dateValue(t.Span.Start), dateValue(t.Span.End), t.Label, t.Weight, t.Notes, attrs)
		if err != nil {
			return fmt.Errorf("ties: %w", err)
		}
		if err := addLinks(tieSources, t.ID, t.Sources); err != nil {
			return fmt.Errorf("tie sources: %w", err)
		}
		step()
	}
	if err := flushAll(ties, tieSources); err != nil {
		return err
	}
	events := newBulk(ctx, tx, "events", "id", "date", "kind", "title", "description")
	participants := newBulk(ctx, tx, "event_participants", "event_id", "seq", "actor_id", "role")
	eventTies := newBulk(ctx, tx, "event_ties", "event_id", "change", "seq", "tie_id")
	eventSources := newBulk(ctx, tx, "event_sources", "event_id", "seq", "source_id")
	for _, e := range r.Events {
		if err := events.add(e.ID, dateValue(e.Date), e.Kind, e.Title, e.Description); err != nil {
			return fmt.Errorf("events: %w", err)
		}
		step()
	}
	if err := flushAll(events); err != nil {
		return err
	}
	for _, e := range r.Events {
		for i, p := range e.Participants {
			if err := participants.add(e.ID, i, p.Actor, p.Role); err != nil {
				return fmt.Errorf("event participants: %w", err)
			}
		}
		for i, t := range e.Begins {
			if err := eventTies.add(e.ID, changeBegins, i, t); err != nil {
				return fmt.Errorf("event ties: %w", err)
			}
		}
		for i, t := range e.Ends {
			if err := eventTies.add(e.ID, changeEnds, i, t); err != nil {
				return fmt.Errorf("event ties: %w", err)
			}
		}
		if err := addLinks(eventSources, e.ID, e.Sources); err != nil {
			return fmt.Errorf("event sources: %w", err)
		}
	}
	pins := newBulk(ctx, tx, "pins", "actor_id", "x", "y")
	for _, p := range r.Pins {
		if err := pins.add(p.Actor, p.At.X, p.At.Y); err != nil {
			return fmt.Errorf("pins: %w", err)
		}
	}
	return flushAll(participants, eventTies, eventSources, pins)
}

// flushAll flushes each bulk write in turn.
func flushAll(bs ...*bulk) error {
	for _, b := range bs {
		if err := b.flush(); err != nil {
			return fmt.Errorf("%s: %w", strings.ReplaceAll(b.table, "_", " "), err)
		}
	}
	return nil
}

// addLinks queues the rows of a link table (owner, seq, target).
func addLinks(b *bulk, owner model.ID, targets []model.ID) error {
	for i, t := range targets {
		if err := b.add(owner, i, t); err != nil {
			return err
		}
	}
	return nil
}
