package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"relmap/model"
	"relmap/model/sqlite"
)

// newMapFile creates a closed map file holding richMap and returns its
// path.
func newMapFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "map.relmap")
	s, err := sqlite.Create(path, richMap())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// plant runs statements on the file through the plain driver, as another
// program would.
func plant(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range stmts {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

func TestOpenRefusesWhatRelmapDidNotCreate(t *testing.T) {
	tests := []struct {
		name    string
		stmts   []string
		wantMsg string
	}{
		{"when a trigger is planted, should name it",
			[]string{`CREATE TRIGGER scrub AFTER INSERT ON actors BEGIN
				DELETE FROM ties; UPDATE info SET description = 'rewritten'; END`},
			`holds what relmap did not create: trigger "scrub"`},
		{"when a view with an endless recursive query is planted, should name it",
			[]string{`CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c`},
			`holds what relmap did not create: view "forever"`},
		{"when a table and an index are added, should name both",
			[]string{"CREATE TABLE notes (body TEXT)", "CREATE INDEX notes_body ON notes (body)"},
			`index "notes_body", table "notes"`},
		{"when one of relmap's indexes is replaced by another of the same name, should say it changed",
			[]string{"DROP INDEX ties_from_actor", "CREATE INDEX ties_from_actor ON ties (to_actor, from_actor)"},
			`has changed: index "ties_from_actor"`},
		{"when one of relmap's tables is dropped, should say what it lacks",
			[]string{"DROP TABLE layouts"},
			`lacks: table "layouts"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := newMapFile(t)
			plant(t, path, tt.stmts...)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := sqlite.Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want a refusal")
			}
			if !errors.Is(err, sqlite.ErrNotRelmap) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("Open error = %q, want ErrNotRelmap saying %q", err, tt.wantMsg)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Error("Open changed the file it refused")
			}
		})
	}
}

func TestDeletedRecordsLeaveTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "map.relmap")
	const name, notes = "Zqxjv Hiddenname", "met the source at Qwpk cafe"
	m := &model.Map{Name: "leak", Actors: []model.Actor{
		{ID: 1, Name: name, Kind: "official", Notes: notes},
		{ID: 2, Name: "Ecuador", Kind: "country"},
	}, Ties: []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2, Label: "paid by Qwpk"}}}
	s, err := sqlite.Create(path, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteActor(ctx, m.Actors[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-journal"} {
		data, err := os.ReadFile(path + suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []string{name, "Qwpk"} {
			if bytes.Contains(data, []byte(gone)) {
				t.Errorf("%q is still in the bytes of map.relmap%s after its actor was deleted", gone, suffix)
			}
		}
	}
}

func TestReadersDoNotWaitForAWriter(t *testing.T) {
	ctx := context.Background()
	path := newMapFile(t)
	writer, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	other, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// A write in progress: the writer holds the file's write lock.
	tx, err := sqlite.DBOf(writer).BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE info SET name = 'half written'"); err != nil {
		t.Fatal(err)
	}
	t.Run("a load reads the last committed map at once", func(t *testing.T) {
		start := time.Now()
		m, err := other.Load(ctx)
		if err != nil {
			t.Fatalf("Load during a write: %v", err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("Load took %s during a write, want no wait", took)
		}
		if m.Name != richMap().Name {
			t.Errorf("Load read name %q, want the committed %q", m.Name, richMap().Name)
		}
	})
	t.Run("a second writer is told the map is busy", func(t *testing.T) {
		err := other.SetInfo(ctx, "second", "")
		if !errors.Is(err, sqlite.ErrBusy) || !strings.Contains(err.Error(), "another program is writing to it") {
			t.Errorf("SetInfo during a write = %v, want ErrBusy", err)
		}
	})
}

func TestCreateLeavesNothingWhenItFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.relmap")
	bad := &model.Map{Actors: []model.Actor{{ID: 1, Name: "", Kind: "country"}}}
	if s, err := sqlite.Create(path, bad); err == nil {
		s.Close()
		t.Fatal("Create of an actor without a name succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed Create left %d files: %v", len(entries), entries)
	}
}

func TestTwoWritersCannotGiveTwoActorsOneName(t *testing.T) {
	ctx := context.Background()
	path := newMapFile(t)
	var stores []*sqlite.Store
	for range 2 {
		s, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	errs := make(chan error, len(stores))
	for i, s := range stores {
		go func() { errs <- s.PutActor(ctx, &model.Actor{Name: []string{"Peru", " PERU "}[i], Kind: "country"}) }()
	}
	var failed []error
	for range stores {
		if err := <-errs; err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) != 1 || !errors.Is(failed[0], model.ErrConflict) || !strings.Contains(failed[0].Error(), "is already named") {
		t.Fatalf("two writers naming an actor Peru: errors %v, want one ErrConflict", failed)
	}
	t.Run("an update that keeps its name passes", func(t *testing.T) {
		m := load(t, stores[0])
		a := m.Actors[0]
		a.Notes = "edited"
		if err := stores[0].PutActor(ctx, &a); err != nil {
			t.Errorf("PutActor keeping the name: %v", err)
		}
	})
}
