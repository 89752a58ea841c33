package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"relmap/model"
)

func TestReadOnlyMapOpensReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "map.relmap")
	s, err := Create(path, &model.Map{Name: "read-only", Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A read-only file in a read-only folder. Tests may run as root, who
	// may write anything: the check is replaced rather than the modes.
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	saved := writable
	writable = func(string) bool { return false }
	t.Cleanup(func() { writable = saved })

	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open of a read-only map: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	m, err := s.Load(ctx)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if m.Name != "read-only" || len(m.Actors) != 1 {
		t.Errorf("Load = %q with %d actors", m.Name, len(m.Actors))
	}
	if err := s.SetInfo(ctx, "changed", ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SetInfo on a read-only map = %v, want ErrReadOnly", err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the read-only map's bytes changed")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"map.relmap"}) {
		t.Errorf("the read-only folder holds %v, want only map.relmap", names)
	}
}

func TestALoadPastTheLimitIsInterrupted(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "map.relmap"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const limit = 300 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	_, err = s.read(ctx, func(ctx context.Context, tx *sql.Tx) (*model.Map, error) {
		var n int
		err := tx.QueryRowContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
			SELECT count(*) FROM c`).Scan(&n)
		return nil, err
	})
	err = loadError(ctx, limit, err)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("an endless query ran %s with a limit of %s", took, limit)
	}
	if !errors.Is(err, ErrTooSlow) {
		t.Errorf("error = %v, want ErrTooSlow", err)
	}
	if want := "reading the map took too long: stopped after 300ms"; err == nil || err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	s.loadLimit = time.Nanosecond
	if _, err := s.Load(context.Background()); !errors.Is(err, ErrTooSlow) {
		t.Errorf("Load past its limit = %v, want ErrTooSlow", err)
	}
}
