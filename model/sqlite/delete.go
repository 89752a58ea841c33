package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"relmap/model"
)

// DeleteActor removes an actor with its ties, pin, event roles and
// citations; actors that belonged to or were located in it keep no such
// reference. ErrNotFound if there is no such actor.
func (s *Store) DeleteActor(ctx context.Context, id model.ID) error {
	return s.deleteRow(ctx, "actors", "actor", id)
}

// DeleteTie removes a tie, and it from the events that begin or end it.
// ErrNotFound if there is no such tie.
func (s *Store) DeleteTie(ctx context.Context, id model.ID) error {
	return s.deleteRow(ctx, "ties", "tie", id)
}

// DeleteEvent removes an event. ErrNotFound if there is no such event.
func (s *Store) DeleteEvent(ctx context.Context, id model.ID) error {
	return s.deleteRow(ctx, "events", "event", id)
}

// deleteRow deletes the row id of table in its own transaction; the
// schema's foreign keys cascade.
func (s *Store) deleteRow(ctx context.Context, table, what string, id model.ID) error {
	op := fmt.Sprintf("delete %s %d", what, id)
	return s.inTx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
		if err != nil {
			return domainError(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(what, id)
		}
		return nil
	})
}
