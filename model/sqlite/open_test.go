package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
)

// migrationFiles counts the SQL files under migrations/.
func migrationFiles(t *testing.T) int {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

func pragmaInt(t *testing.T, db *sql.DB, pragma string) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA " + pragma).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", pragma, err)
	}
	return v
}

func schemaSQL(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s string
	if err := db.QueryRow("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)").Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOpenMigratesNewFile(t *testing.T) {
	s := openTemp(t)
	db := sqlite.DBOf(s)
	if got, want := pragmaInt(t, db, "user_version"), migrationFiles(t); got != want || want == 0 {
		t.Errorf("user_version = %d, want %d (the number of migrations)", got, want)
	}
	m := load(t, s)
	if got, want := m.Kinds, model.DefaultKinds(); !equal(got, want) {
		t.Errorf("kinds of a new file = %v, want the defaults %v", got, want)
	}
	if len(m.Actors)+len(m.Ties)+len(m.Events)+len(m.Sources)+len(m.Pins) != 0 || m.Name != "" {
		t.Errorf("a new file is not empty: %+v", m)
	}
}

func TestReopenIsNoOp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "map.relmap")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := richMap()
	if err := s.Merge(ctx, m); err != nil {
		t.Fatal(err)
	}
	// A changed default kind must not be re-seeded on reopening.
	if err := s.PutKind(ctx, model.Kind{Name: "country", Class: model.ClassActor, Label: "State", Color: "#ffffff"}); err != nil {
		t.Fatal(err)
	}
	before := load(t, s)
	schema := schemaSQL(t, sqlite.DBOf(s))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if got, want := pragmaInt(t, sqlite.DBOf(s), "user_version"), migrationFiles(t); got != want {
			t.Errorf("reopen %d: user_version = %d, want %d", i, got, want)
		}
		if got, want := schemaSQL(t, sqlite.DBOf(s)), schema; got != want {
			t.Errorf("reopen %d changed the schema:\ngot  %s\nwant %s", i, got, want)
		}
		if got, want := load(t, s), before; !equal(got, want) {
			t.Errorf("reopen %d changed the map:\ngot  %+v\nwant %+v", i, got, want)
		}
		s.Close()
	}
}

func TestEveryPooledConnectionHasTheSettings(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// pragmas reads settings on c, by name.
	pragmas := func(t *testing.T, c *sql.Conn, names ...string) map[string]string {
		got := map[string]string{}
		for _, name := range names {
			var v string
			if err := c.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
				t.Fatal(err)
			}
			got[name] = v
		}
		return got
	}
	common := map[string]string{"foreign_keys": "1", "busy_timeout": "5000", "trusted_schema": "0", "secure_delete": "1"}
	check := func(t *testing.T, c *sql.Conn, want map[string]string) {
		names := slices.Sorted(maps.Keys(want))
		got := pragmas(t, c, names...)
		for _, name := range names {
			if got[name] != want[name] {
				t.Errorf("PRAGMA %s = %s, want %s", name, got[name], want[name])
			}
		}
	}
	t.Run("the writer: WAL, synchronous FULL, defensive", func(t *testing.T) {
		c, err := sqlite.DBOf(s).Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		want := maps.Clone(common)
		want["journal_mode"], want["synchronous"], want["query_only"] = "wal", "2", "0"
		check(t, c, want)
		// Defensive mode: the schema cannot be written, even with
		// writable_schema on.
		if _, err := c.ExecContext(ctx, "PRAGMA writable_schema = ON"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ExecContext(ctx, "UPDATE sqlite_schema SET sql = sql WHERE name = 'actors'"); err == nil {
			t.Error("the schema table was written: defensive mode is off")
		}
	})
	t.Run("every reader: query-only", func(t *testing.T) {
		db := sqlite.ReadDBOf(s)
		const n = 4
		var conns []*sql.Conn
		for range n {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			conns = append(conns, c)
		}
		want := maps.Clone(common)
		want["query_only"] = "1"
		for _, c := range conns {
			check(t, c, want)
		}
	})
}

func TestOpenRefusesFiles(t *testing.T) {
	foreignDB := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"); err != nil {
			t.Fatal(err)
		}
	}
	newerMap := func(t *testing.T, path string) {
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := sqlite.DBOf(s).Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
	}
	text := func(body string) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name    string
		make    func(*testing.T, string)
		want    error
		wantMsg string
		// keep: the file must be left byte for byte as it was.
		keep bool
	}{
		{"when the file is text, should say it is not a relmap file",
			text(strings.Repeat("name,kind\nMexico,country\n", 100)), sqlite.ErrNotRelmap, "not a relmap file", true},
		{"when the file is a few bytes, should say it is not a relmap file",
			text("hello"), sqlite.ErrNotRelmap, "not a relmap file", true},
		{"when the file is a PNG header, should say it is not a relmap file",
			text("\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 600)), sqlite.ErrNotRelmap, "not a relmap file", true},
		{"when the file is another application's SQLite database, should refuse it and leave it as it was",
			foreignDB, sqlite.ErrNotRelmap, "another application", true},
		{"when the file is empty, should refuse it and not make it a map",
			text(""), sqlite.ErrNotRelmap, "the file is empty", true},
		{"when the file has a newer schema, should say so",
			newerMap, sqlite.ErrNewerVersion, "schema version 999", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "map.relmap")
			tt.make(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := sqlite.Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want an error")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Open error = %v, want one wrapping %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open error = %q, want it to name the file and say %q", err, tt.wantMsg)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.keep && !bytes.Equal(after, before) {
				t.Errorf("Open changed a file that is not a map")
			}
		})
	}
}

func TestOpenOddPaths(t *testing.T) {
	tests := []struct {
		name string
		file string
	}{
		{"when the name has spaces", "my map.relmap"},
		{"when the name has URI characters", "a?b#c%20d&e=f.relmap"},
		{"when the name is not ASCII", "México–Ecuador ü.relmap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			s, err := sqlite.Open(path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			if err := s.SetInfo(context.Background(), "odd", ""); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if _, err := os.Stat(path); err != nil {
				t.Errorf("the file is not where asked: %v", err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), tt.file) {
					t.Errorf("stray file %q next to %q", e.Name(), tt.file)
				}
			}
		})
	}
}

func TestOpenInMissingFolder(t *testing.T) {
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "no", "such", "map.relmap"))
	if err == nil {
		s.Close()
		t.Fatal("Open in a missing folder succeeded")
	}
}
