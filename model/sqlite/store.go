package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"relmap/model"
)

// Errors Open returns for files it cannot use; callers tell them apart with
// errors.Is.
var (
	// ErrNotRelmap: the file is not a SQLite database, or is one that
	// another application wrote.
	ErrNotRelmap = errors.New("not a relmap file")
	// ErrNewerVersion: the file was written by a newer relmap, whose schema
	// this build does not know.
	ErrNewerVersion = errors.New("written by a newer version of relmap")
)

// Store is a map kept in a SQLite file. It implements model.Store.
type Store struct {
	db   *sql.DB
	path string
}

var _ model.Store = (*Store)(nil)

// Open opens the map file at path, creating it when it does not exist, and
// brings its schema up to date. A file that is not a SQLite database, or is
// one from another application, gives an error wrapping ErrNotRelmap; one
// from a newer relmap, ErrNewerVersion.
func Open(path string) (*Store, error) {
	s, err := open(context.Background(), path)
	if err != nil {
		return nil, fmt.Errorf("open map %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	name, err := dsn(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", name)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if isNotADB(err) {
			return nil, fmt.Errorf("%w: %w", ErrNotRelmap, err)
		}
		return nil, err
	}
	return s, nil
}

// Create makes a new map file at path holding a copy of m, name and
// description included; it fails if the file exists. Like Merge, it gives
// m's records their stored IDs. If anything fails, no file is left behind.
func Create(path string, m *model.Map) (*Store, error) {
	if m == nil {
		return nil, fmt.Errorf("create map %s: %w: no map", path, model.ErrInvalid)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("create map %s: %w: the file exists", path, model.ErrConflict)
		}
		return nil, fmt.Errorf("create map %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		removeFiles(path)
		return nil, fmt.Errorf("create map %s: %w", path, err)
	}
	s, err := create(context.Background(), path, m)
	if err != nil {
		removeFiles(path)
		return nil, fmt.Errorf("create map %s: %w", path, err)
	}
	return s, nil
}

func create(ctx context.Context, path string, m *model.Map) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := s.fill(ctx, m); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// fill sets the info of a new file and merges m into it, in one transaction.
func (s *Store) fill(ctx context.Context, m *model.Map) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setInfo(ctx, tx, m.Name, m.Description); err != nil {
		return err
	}
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	stored.apply(m)
	return nil
}

// SetInfo sets the map's name and description.
func (s *Store) SetInfo(ctx context.Context, name, description string) error {
	return s.inTx(ctx, "set map info", func(tx *sql.Tx) error { return setInfo(ctx, tx, name, description) })
}

// inTx runs fn in one transaction and commits when it returns nil; nothing
// is written otherwise. Errors are wrapped with op.
func (s *Store) inTx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func setInfo(ctx context.Context, tx *sql.Tx, name, description string) error {
	_, err := tx.ExecContext(ctx, "UPDATE info SET name = ?, description = ? WHERE id = 1", name, description)
	return domainError(err)
}

// removeFiles deletes a map file with its WAL and shared-memory files.
func removeFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// Path is the file the store keeps its map in, as given to Open or Create.
func (s *Store) Path() string { return s.path }

// Close releases the store's connections. The store cannot be used after.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close map %s: %w", s.path, err)
	}
	return nil
}

// dsn is the go-sqlite3 data source name for the file at path: an absolute
// file: URI, so that '?', '#' and '%' in the path stay part of it, with the
// settings every pooled connection must have.
func dsn(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("%w: no file name", model.ErrInvalid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate", nil
}

// isNotADB reports whether err says the file is not a SQLite database.
func isNotADB(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrNotADB
}
