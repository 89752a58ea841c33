package model_test

import (
	"bytes"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
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
