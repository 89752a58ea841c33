package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"relmap/model"
)

// BenchmarkEdit times one edit as the app makes it (an actor's notes
// changed, in its own transaction) with the store's synchronous=FULL
// and, for comparison, with synchronous=NORMAL, on a real file in the
// temporary folder.
func BenchmarkEdit(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run("synchronous="+sync, func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(filepath.Join(b.TempDir(), "map.relmap"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			// The writer has one connection: the setting sticks.
			if _, err := s.db.ExecContext(ctx, "PRAGMA synchronous = "+sync); err != nil {
				b.Fatal(err)
			}
			a := &model.Actor{Name: "Mexico", Kind: "country"}
			if err := s.PutActor(ctx, a); err != nil {
				b.Fatal(err)
			}
			n := 0
			for b.Loop() {
				n++
				a.Notes = fmt.Sprint("edit ", n)
				if err := s.PutActor(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
