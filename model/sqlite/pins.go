package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"relmap/model"
)

// SetPin fixes the position of a stored actor (ErrNotFound otherwise). A
// position that is not valid (model.Point.Check: not finite, or beyond
// model.MaxCoordinate) is refused with ErrInvalid and nothing changes.
func (s *Store) SetPin(ctx context.Context, actor model.ID, p model.Point) error {
	op := fmt.Sprintf("pin actor %d", actor)
	return s.inTx(ctx, op, func(tx *sql.Tx) error {
		if err := mustExist(ctx, tx, "actors", "actor", actor); err != nil {
			return err
		}
		return setPin(ctx, tx, actor, p)
	})
}

// setPin stores a pin after checking its position, for SetPin and Merge.
func setPin(ctx context.Context, tx *sql.Tx, actor model.ID, p model.Point) error {
	if err := p.Check(); err != nil {
		return &model.FieldError{Field: "pin", Msg: err.Error(), Err: model.ErrInvalid}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO pins (actor_id, x, y) VALUES (?, ?, ?)
		ON CONFLICT (actor_id) DO UPDATE SET x = excluded.x, y = excluded.y`, actor, p.X, p.Y)
	return domainError(err)
}

// ClearPin frees a stored actor's position; it does nothing if the actor is
// not pinned, and fails with ErrNotFound if there is no such actor.
func (s *Store) ClearPin(ctx context.Context, actor model.ID) error {
	op := fmt.Sprintf("unpin actor %d", actor)
	return s.inTx(ctx, op, func(tx *sql.Tx) error {
		if err := mustExist(ctx, tx, "actors", "actor", actor); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM pins WHERE actor_id = ?", actor)
		return err
	})
}
