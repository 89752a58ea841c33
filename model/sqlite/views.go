package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"relmap/model"
)

var _ model.ViewStore = (*Store)(nil)

// Views lists the map's named views, by name.
func (s *Store) Views(ctx context.Context) ([]model.View, error) {
	rows, err := s.rdb.QueryContext(ctx, "SELECT name, data FROM views ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("read views: %w", fileError(err))
	}
	defer rows.Close()
	var views []model.View
	for rows.Next() {
		var name, data string
		if err := rows.Scan(&name, &data); err != nil {
			return nil, fmt.Errorf("read views: %w", err)
		}
		var v model.View
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, fmt.Errorf("read view %q: %w: %w", name, ErrDamaged, err)
		}
		v.Name = name
		views = append(views, v)
	}
	return views, rows.Err()
}

// PutView saves v under its name, replacing any view of that name.
func (s *Store) PutView(ctx context.Context, v model.View) error {
	v.Name = strings.TrimSpace(v.Name)
	if err := v.Check(); err != nil {
		return fmt.Errorf("save view: %w", err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("save view %q: %w", v.Name, err)
	}
	return s.inTx(ctx, fmt.Sprintf("save view %q", v.Name), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO views (name, data) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET data = excluded.data`, v.Name, string(data))
		return domainError(err)
	})
}

// DeleteView removes the view named name.
func (s *Store) DeleteView(ctx context.Context, name string) error {
	return s.inTx(ctx, fmt.Sprintf("delete view %q", name), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM views WHERE name = ?", name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: no view is named %q", model.ErrNotFound, name)
		}
		return nil
	})
}
