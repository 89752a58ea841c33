package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"relmap/ui"
)

func TestLatencyProbeWritesItsSummary(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "latency.txt")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	p := &ui.LatencyProbe{Interval: 5 * time.Millisecond}
	if err := p.Run(ctx, path); err != nil {
		t.Fatal(err)
	}
	if p.Samples == 0 {
		t.Fatal("the probe took no samples in 200 ms")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var samples, over, turns, turnsOver int
	var maxMS, turnMax float64
	if _, err := fmt.Sscanf(string(b), "samples %d max-ms %g over-100ms %d turns %d turn-max-ms %g turn-over-100ms %d",
		&samples, &maxMS, &over, &turns, &turnMax, &turnsOver); err != nil || samples != p.Samples {
		t.Fatalf("summary %q: %v (want %d samples)", b, err, p.Samples)
	}
}
