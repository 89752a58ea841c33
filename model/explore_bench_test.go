package model_test

import (
	"testing"

	"relmap/model"
	"relmap/model/storetest"
)

// BenchmarkSearch is one keystroke of Find on a 10,000-actor map: the
// query as typed so far, matched against every actor by the searcher the
// find field keeps; and preparing that searcher, once per Find.
func BenchmarkSearch(b *testing.B) {
	m := storetest.Generated(10000, 20000)
	b.Run("keystroke", func(b *testing.B) {
		s := model.NewSearcher(m)
		queries := []string{"a", "ac", "act", "acto", "actor 12", "lopez"}
		k := 0
		for b.Loop() {
			s.Search(queries[k%len(queries)])
			k++
		}
	})
	b.Run("prepare", func(b *testing.B) {
		for b.Loop() {
			model.NewSearcher(m)
		}
	})
}

// BenchmarkDiff compares two dates ten years apart on a 10,000-actor map.
func BenchmarkDiff(b *testing.B) {
	m := storetest.Generated(10000, 20000)
	from, to := model.DayOf(1990, 1, 1), model.DayOf(2000, 1, 1)
	for b.Loop() {
		m.Diff(from, to)
	}
}
