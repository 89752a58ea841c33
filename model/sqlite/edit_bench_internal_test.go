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

// BenchmarkApplyOneEdit times one edit applied as a change (an actor's
// notes, recorded in the history with its inverse) on maps of 1,000 and
// 10,000 actors with twice as many ties.
func BenchmarkApplyOneEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n, " actors"), func(b *testing.B) {
			ctx := context.Background()
			m := &model.Map{Name: "bench"}
			for i := range n {
				m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprint("Actor ", i), Kind: "country"})
			}
			for i := range 2 * n {
				from, to := model.ID(i%n+1), model.ID((i*7+1)%n+1)
				if from == to {
					to = from%model.ID(n) + 1
				}
				m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), Kind: "relations", From: from, To: to})
			}
			s, err := Create(filepath.Join(b.TempDir(), "map.relmap"), m)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			a := m.Actors[n/2]
			k := 0
			for b.Loop() {
				k++
				a.Notes = fmt.Sprint("edit ", k)
				if _, err := s.Apply(ctx, model.Change{Summary: "Edit", Put: model.Records{Actors: []model.Actor{a}}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
