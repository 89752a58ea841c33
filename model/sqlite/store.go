package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"relmap/model"
)

// Errors a store returns for files it cannot use or write; callers tell
// them apart with errors.Is.
var (
	// ErrNotRelmap: the file is not a SQLite database, or is one that
	// another application wrote, or its schema holds what relmap did not
	// put there.
	ErrNotRelmap = errors.New("not a relmap file")
	// ErrNewerVersion: the file was written by a newer relmap, whose schema
	// this build does not know.
	ErrNewerVersion = errors.New("written by a newer version of relmap")
	// ErrDamaged: the file is a relmap map but SQLite finds it damaged.
	ErrDamaged = errors.New("the map file is damaged")
	// ErrReadOnly: the file, or its folder, cannot be written.
	ErrReadOnly = errors.New("the map file is read-only")
	// ErrBusy: another program held the map's write lock for longer than
	// the store waits.
	ErrBusy = errors.New("the map is busy: another program is writing to it")
	// ErrTooSlow: a read ran past the store's time limit.
	ErrTooSlow = errors.New("reading the map took too long")
)

// LoadLimit is the longest Load may take before it is interrupted. A
// 10,000-actor map loads in well under a second; a file that takes
// minutes is hostile or damaged.
const LoadLimit = 30 * time.Second

// Store is a map kept in a SQLite file. It implements model.Store.
type Store struct {
	db       *sql.DB // writes: one connection; nil when read-only
	rdb      *sql.DB // reads
	path     string
	readOnly bool
	// loadLimit bounds Load (LoadLimit; shorter in tests).
	loadLimit time.Duration
}

var _ model.Store = (*Store)(nil)

// Open opens the map file at path, creating it when it does not exist, and
// brings its schema up to date. Before anything is written the file is
// identified by reading it: one that is empty, is not a SQLite database,
// is one from another application, or whose schema holds objects relmap's
// migrations did not create gives an error wrapping ErrNotRelmap, and is
// left as it was; one from a newer relmap, ErrNewerVersion. A map the user
// cannot write (or in a folder the user cannot write) opens read-only
// (ReadOnly reports it) and its writes fail with ErrReadOnly.
func Open(path string) (*Store, error) {
	s, err := open(context.Background(), path)
	if err != nil {
		return nil, &model.Message{Format: "open map %s: %v", Args: []any{path, err}, Err: err}
	}
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	f, err := identify(path)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, readOnly: f.readOnly, loadLimit: LoadLimit}
	made := sideFilesToMake(path)
	if err := s.openFile(ctx, f); err != nil {
		s.closeAll()
		removeEmptySideFiles(made)
		return nil, fileError(err)
	}
	return s, nil
}

// sideFilesToMake lists the WAL and shared-memory files that do not yet
// lie beside path: reading a WAL-mode file makes them.
func sideFilesToMake(path string) []string {
	var missing []string
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, path+suffix)
		}
	}
	return missing
}

// removeEmptySideFiles removes what a refused open made beside the file:
// the shared-memory file, and the WAL if it holds nothing.
func removeEmptySideFiles(made []string) {
	for _, p := range made {
		if info, err := os.Stat(p); err == nil && (info.Size() == 0 || strings.HasSuffix(p, "-shm")) {
			os.Remove(p)
		}
	}
}

// openFile opens the store's connections. An existing file's version and
// schema are checked on a read-only connection before the writer opens
// (its opening turns the file to WAL mode) and brings the schema up to
// date.
func (s *Store) openFile(ctx context.Context, f fileState) error {
	a := readAccess
	if f.readOnly {
		a = readOnlyAccess
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	version := 0
	if f.exists {
		if s.rdb, err = openPool(s.path, a, f.immutable); err != nil {
			return err
		}
		if version, err = checkFile(ctx, s.rdb, len(ms)); err != nil {
			return err
		}
		if err := checkSchema(ctx, s.rdb, version); err != nil {
			return err
		}
	}
	if f.readOnly {
		if version < len(ms) {
			return &model.Message{Format: "the map file is read-only: the file has schema version %d and must be upgraded to %d, which needs write access", Args: []any{version, len(ms)}, Err: ErrReadOnly}
		}
		return nil
	}
	if s.db, err = openPool(s.path, writeAccess, false); err != nil {
		return err
	}
	s.db.SetMaxOpenConns(1)
	if err := s.migrate(ctx, ms); err != nil {
		return err
	}
	if s.rdb == nil {
		s.rdb, err = openPool(s.path, a, false)
	}
	return err
}

// openPool opens a connection pool on the file with the settings of a.
func openPool(path string, a access, immutable bool) (*sql.DB, error) {
	name, err := dsn(path, a, immutable)
	if err != nil {
		return nil, err
	}
	return sql.Open(driverName, name)
}

// fileError gives the file errors of SQLite the store's meaning: not a
// database, damaged, busy.
func fileError(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrNotADB:
		return &model.Message{Format: "not a relmap file: %v", Args: []any{err}, Err: fmt.Errorf("%w: %w", ErrNotRelmap, err)}
	case sqlite3.ErrCorrupt:
		return &model.Message{Format: "the map file is damaged (%v)", Args: []any{err}, Err: fmt.Errorf("%w (%w)", ErrDamaged, err)}
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return &model.Message{Format: "the map is busy: another program is writing to it (%v)", Args: []any{err}, Err: fmt.Errorf("%w (%w)", ErrBusy, err)}
	case sqlite3.ErrReadonly:
		return &model.Message{Format: "the map file is read-only (%v)", Args: []any{err}, Err: fmt.Errorf("%w (%w)", ErrReadOnly, err)}
	case sqlite3.ErrInterrupt:
		return &model.Message{Format: "reading the map took too long (%v)", Args: []any{err}, Err: fmt.Errorf("%w (%w)", ErrTooSlow, err)}
	}
	return err
}

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// beginWrite begins a write transaction, or says that the file cannot be
// written.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fileError(err)
	}
	return tx, nil
}

// fill sets the info of a new file and merges m into it, in one transaction.
func (s *Store) fill(ctx context.Context, m *model.Map) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	info := m.Info()
	at := slices.IndexFunc(m.Sources, func(s model.Source) bool { return s.ID == info.Source })
	if info.Source != 0 && at < 0 {
		return &model.FieldError{Record: "map", Field: "source", Msg: fmt.Sprintf("no source has id %d", info.Source), Err: model.ErrNotFound}
	}
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return err
	}
	if at >= 0 {
		info.Source = stored.sources[at].ID
	}
	if err := setInfo(ctx, tx, info); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	stored.apply(m)
	m.DefaultSource = info.Source
	return nil
}

// SetInfo sets the map's name and description; its credits stay.
func (s *Store) SetInfo(ctx context.Context, name, description string) error {
	return s.inTx(ctx, "set map info", func(tx *sql.Tx) error {
		info, err := readInfo(ctx, tx)
		if err != nil {
			return err
		}
		info.Name, info.Description = name, description
		return setInfo(ctx, tx, info)
	})
}

// inTx runs fn in one transaction and commits when it returns nil; nothing
// is written otherwise. Errors are wrapped with op.
func (s *Store) inTx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", op, fileError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", op, fileError(err))
	}
	return nil
}

func setInfo(ctx context.Context, tx *sql.Tx, i model.Info) error {
	_, err := tx.ExecContext(ctx, "UPDATE info SET name = ?, description = ?, author = ?, licence = ?, source_id = ? WHERE id = 1",
		i.Name, i.Description, i.Author, i.Licence, idValue(i.Source))
	return domainError(err)
}

// readInfo reads the map's name, description and credits.
func readInfo(ctx context.Context, tx *sql.Tx) (model.Info, error) {
	var i model.Info
	var source sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT name, description, author, licence, source_id FROM info WHERE id = 1").
		Scan(&i.Name, &i.Description, &i.Author, &i.Licence, &source)
	i.Source = source.Int64
	return i, err
}

// Path is the file the store keeps its map in, as given to Open or Create.
func (s *Store) Path() string { return s.path }

// Close releases the store's connections. The store cannot be used after.
func (s *Store) Close() error {
	if err := s.closeAll(); err != nil {
		return fmt.Errorf("close map %s: %w", s.path, err)
	}
	return nil
}

// closeAll closes the readers, then the writer, whose closing checkpoints
// the WAL into the file.
func (s *Store) closeAll() error {
	var errs []error
	for _, db := range []*sql.DB{s.rdb, s.db} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	return errors.Join(errs...)
}
