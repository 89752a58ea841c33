package sqlite

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"

	"relmap/model"
)

// domainError turns a constraint failure from SQLite into the model's error
// for it, keeping SQLite's message: a missing reference is ErrNotFound, a
// duplicate key ErrConflict, any other broken rule ErrInvalid. Other errors
// pass unchanged.
func domainError(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrConstraint {
		return err
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintForeignKey:
		return fmt.Errorf("%w: %w", model.ErrNotFound, err)
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return fmt.Errorf("%w: %w", model.ErrConflict, err)
	}
	return fmt.Errorf("%w: %w", model.ErrInvalid, err)
}

// notFound says that the record what with id is not stored.
func notFound(what string, id model.ID) error {
	return fmt.Errorf("%w: no %s has id %d", model.ErrNotFound, what, id)
}
