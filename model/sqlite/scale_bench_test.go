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
// many ties: merging the map into an empty one (Merge), making a new file
// of it (Create: a new file, one Merge, the file moved into place),
// loading it, and applying one edit to it. Copying the map for each run
// and making the empty file are left out of the times.
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000, 100000} {
		m := storetest.Generated(n, 2*n)
		b.Run(fmt.Sprintf("merge/%d actors", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				c := clone(b, m)
				s, err := sqlite.Open(filepath.Join(b.TempDir(), "map.relmap"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := s.Merge(ctx, c); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("create/%d actors", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				c, path := clone(b, m), filepath.Join(b.TempDir(), "map.relmap")
				b.StartTimer()
				s, err := sqlite.Create(path, c)
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
