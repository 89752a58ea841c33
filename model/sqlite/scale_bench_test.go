package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
	"relmap/model/storetest"
)

// BenchmarkScale times, on maps of 1,000 to 100,000 actors with twice as
// many ties: making a new file of the map (Create: one Merge), loading it,
// and applying one edit to it.
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000, 100000} {
		m := storetest.Generated(n, 2*n)
		b.Run(fmt.Sprintf("create/%d actors", n), func(b *testing.B) {
			for b.Loop() {
				s, err := sqlite.Create(filepath.Join(b.TempDir(), "map.relmap"), clone(b, m))
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
		path := filepath.Join(b.TempDir(), "map.relmap")
		s, err := sqlite.Create(path, clone(b, m))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("load/%d actors", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Load(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("apply/%d actors", n), func(b *testing.B) {
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
		s.Close()
	}
}
