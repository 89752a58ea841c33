package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"relmap/model"
)

// dateValue is how a Date is stored: its string form, or NULL when open.
func dateValue(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// parseDate reads a stored date back; the error names where it was.
func parseDate(table string, id model.ID, column string, v sql.NullString) (model.Date, error) {
	if !v.Valid {
		return model.Date{}, nil
	}
	d, err := model.ParseDate(v.String)
	if err != nil {
		return model.Date{}, fmt.Errorf("table %s, row %d, column %s: %w", table, id, column, err)
	}
	return d, nil
}

// idValue is how a reference is stored: the ID, or NULL for none.
func idValue(id model.ID) any {
	if id == 0 {
		return nil
	}
	return id
}

// attrsValue is how an actor's attributes are stored: a JSON object.
func attrsValue(attrs map[string]string) (string, error) {
	if len(attrs) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(attrs)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// parseAttrs reads stored attributes back; an empty object is nil.
func parseAttrs(id model.ID, v string) (map[string]string, error) {
	var attrs map[string]string
	if err := json.Unmarshal([]byte(v), &attrs); err != nil {
		return nil, fmt.Errorf("table actors, row %d, column attrs: %w", id, err)
	}
	if len(attrs) == 0 {
		return nil, nil
	}
	return attrs, nil
}

// laterValue is how an actor's later spans are stored: a JSON list.
func laterValue(later []model.Span) (string, error) {
	if len(later) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(later)
	return string(b), err
}

// parseLater reads stored later spans back; an empty list is nil.
func parseLater(id model.ID, v string) ([]model.Span, error) {
	var later []model.Span
	if err := json.Unmarshal([]byte(v), &later); err != nil {
		return nil, fmt.Errorf("table actors, row %d, column later: %w", id, err)
	}
	if len(later) == 0 {
		return nil, nil
	}
	return later, nil
}

// exists reports whether table holds a row with id. Zero is never stored.
func exists(ctx context.Context, tx *sql.Tx, table string, id model.ID) (bool, error) {
	if id == 0 {
		return false, nil
	}
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// mustExist fails with ErrNotFound unless table holds a row with id; what
// names the record in the message.
func mustExist(ctx context.Context, tx *sql.Tx, table, what string, id model.ID) error {
	ok, err := exists(ctx, tx, table, id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(what, id)
	}
	return nil
}

// eachRow runs query and calls row for each result row.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, row func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// opName is an operation on a record, for error messages: "put tie 12", or
// "put tie" for a new one.
func opName(op string, id model.ID) string {
	if id == 0 {
		return op
	}
	return fmt.Sprintf("%s %d", op, id)
}
