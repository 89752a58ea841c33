package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"relmap/model"
)

// FuzzOpen opens arbitrary bytes as a map file: Open and Load must never
// panic or hang, every refusal must be one of the store's errors or a
// damaged file's, and a file Open refuses must be left as it was.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.relmap")
	m := &model.Map{Name: "seed", Actors: []model.Actor{
		{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"},
	}, Ties: []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2, Span: model.Span{Start: model.MustDate("1900")}}}}
	s, err := Create(seed, m)
	if err != nil {
		f.Fatal(err)
	}
	s.Close()
	valid, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:100])
	f.Add(valid[:4096])
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "map.relmap")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			if !errors.Is(err, ErrNotRelmap) && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNewerVersion) {
				t.Logf("Open: %v", err) // other SQLite errors are allowed, but should be rare
			}
			if after, _ := os.ReadFile(path); string(after) != string(data) {
				t.Fatalf("Open refused the file (%v) and changed it", err)
			}
			return
		}
		defer s.Close()
		s.loadLimit = 2 * time.Second
		if _, err := s.Load(context.Background()); err != nil && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrTooSlow) {
			t.Fatalf("Load: %v, want a damaged file's error", err)
		}
	})
}
