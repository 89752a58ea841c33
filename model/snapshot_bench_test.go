package model_test

import (
	"bytes"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/storetest"
)

func BenchmarkSnapshotDefaultMap(b *testing.B) {
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		b.Fatal(err)
	}
	day := model.DayOf(2024, 4, 5)
	for b.Loop() {
		m.Snapshot(day)
	}
}

func BenchmarkKeyframesDefaultMap(b *testing.B) {
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m.Keyframes()
	}
}

// BenchmarkSnapshotGenerated is a date's snapshot of a generated map of
// 10,000 actors and 50,000 ties: what every new date shown on a big map
// costs before its picture.
func BenchmarkSnapshotGenerated(b *testing.B) {
	m := storetest.Generated(10000, 50000)
	day := model.DayOf(2000, 1, 1)
	for b.Loop() {
		m.Snapshot(day)
	}
}

// BenchmarkKeyframesGenerated is the dates on which a generated map of
// 10,000 actors and 50,000 ties changes: worked out again at every edit.
func BenchmarkKeyframesGenerated(b *testing.B) {
	m := storetest.Generated(10000, 50000)
	for b.Loop() {
		m.Keyframes()
	}
}

// BenchmarkAppliedGenerated is a rename applied to a generated map of
// 10,000 actors and 50,000 ties in memory: what every edit costs the
// window before it shows.
func BenchmarkAppliedGenerated(b *testing.B) {
	m := storetest.Generated(10000, 50000)
	a := m.Actors[len(m.Actors)/2]
	a.Name += ", renamed"
	c := model.Change{Put: model.Records{Actors: []model.Actor{a}}}
	b.ReportAllocs()
	for b.Loop() {
		m.Applied(c)
	}
}
