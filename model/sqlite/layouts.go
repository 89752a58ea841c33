package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"relmap/model"
)

var _ model.LayoutCache = (*Store)(nil)

// Layout returns the layout kept in the file and the key it was stored
// under; an empty key when none is kept.
func (s *Store) Layout(ctx context.Context) (string, []byte, error) {
	var key string
	var data []byte
	err := s.rdb.QueryRowContext(ctx, "SELECT input_key, data FROM layouts WHERE id = 1").Scan(&key, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("read kept layout: %w", err)
	}
	return key, data, nil
}

// PutLayout keeps data as the file's layout under key, replacing any
// other.
func (s *Store) PutLayout(ctx context.Context, key string, data []byte) error {
	if key == "" {
		return fmt.Errorf("keep layout: %w: empty key", model.ErrInvalid)
	}
	return s.inTx(ctx, "keep layout", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO layouts (id, input_key, data) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET input_key = excluded.input_key, data = excluded.data`, key, data)
		return domainError(err)
	})
}
