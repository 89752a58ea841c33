package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"relmap/model"
)

// applicationID marks a SQLite file as relmap's ("RMAP"); 001_init.sql sets
// it.
const applicationID = 0x524D4150

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order. Their names must be
// NNN_what.sql, numbered from 1 without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("sqlite: migration %s: want number %03d", base, i+1)
		}
		text, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(text)})
	}
	return out, nil
}

// migrate applies the migrations the file lacks, each in its own
// transaction together with PRAGMA user_version.
func (s *Store) migrate(ctx context.Context, ms []migration) error {
	version, err := checkFile(ctx, s.db, len(ms))
	if err != nil {
		return err
	}
	for _, m := range ms[version:] {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// checkFile returns the file's schema version after making sure that this
// build can use it: relmap's application ID (or an empty file), and a
// version this build knows.
func checkFile(ctx context.Context, db *sql.DB, known int) (int, error) {
	var version, appID, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return 0, err
	}
	fresh := version == 0 && appID == 0 && tables == 0
	if !fresh && appID != applicationID {
		return 0, otherApplication()
	}
	if version > known {
		return 0, &model.Message{Format: "written by a newer version of relmap: the file has schema version %d, this relmap knows up to %d", Args: []any{version, known}, Err: ErrNewerVersion}
	}
	return version, nil
}

// apply runs one migration unless another process got there first. The
// first migration also seeds the default kinds.
func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version >= m.version {
		return nil
	}
	if version != m.version-1 {
		return fmt.Errorf("the file has schema version %d, want %d", version, m.version-1)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if m.version == 1 {
		// The catalogue as the first schema holds it: later styles
		// (migration 006) start at their defaults.
		for _, k := range model.DefaultKinds() {
			_, err := tx.ExecContext(ctx, `INSERT INTO kinds (class, name, label, shape, color, dashed, arrow)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, string(k.Class), k.Name, k.Label, k.Shape, k.Color, k.Dashed, k.Arrow)
			if err != nil {
				return fmt.Errorf("seed kind %s %q: %w", k.Class, k.Name, domainError(err))
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	return tx.Commit()
}
