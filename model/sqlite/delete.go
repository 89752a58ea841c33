package sqlite

import (
	"context"
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("%s: %w", op, domainError(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	} else if n == 0 {
		return fmt.Errorf("%s: %w", op, notFound(what, id))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
