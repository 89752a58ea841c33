package sqlite

import (
	"context"
	"os"
	"path/filepath"

	"relmap/model"
)

var _ interface {
	CopyTo(context.Context, string) error
} = (*Store)(nil)

// CopyTo writes a copy of the map to path with VACUUM INTO: the map as one
// read transaction sees it, so edits that go on meanwhile are either all in
// the copy or not at all; compacted, so nothing deleted is left in it;
// history and kept layout included. The copy is written beside path,
// synced, and renamed over it, so that path holds either what it held
// before or the whole copy.
func (s *Store) CopyTo(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return copyError(path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".new-*")
	if err != nil {
		return copyError(path, err)
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name) // VACUUM INTO wants a new file
	defer os.Remove(name)
	db := s.db
	if db == nil {
		db = s.rdb
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", name); err != nil {
		return copyError(path, fileError(err))
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err == nil {
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, abs)
	}
	if err != nil {
		return copyError(path, err)
	}
	return nil
}

// copyError is err, which stopped a copy of the map to path.
func copyError(path string, err error) error {
	return &model.Message{Format: "save copy %s: %v", Args: []any{path, err}, Err: err}
}
