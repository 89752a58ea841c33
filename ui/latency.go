package ui

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
)

// LatencyProbe measures how long the UI goroutine keeps the user waiting:
// every interval it asks the UI goroutine to run an empty function and
// times how long that takes to happen. A freeze (a long frame, a slow
// handler) shows as a long wait.
type LatencyProbe struct {
	Samples  int
	Max      time.Duration
	Over100  int           // waits longer than 100 ms
	Interval time.Duration // between probes
}

// Run probes until ctx is done and then writes a summary to path (a
// line "samples N max-ms M over-100ms K"). It is the RELMAP_LATENCY_LOG
// hook of the desktop app, used by scripts/bench-render.sh.
func (p *LatencyProbe) Run(ctx context.Context, path string) error {
	if p.Interval <= 0 {
		p.Interval = 10 * time.Millisecond
	}
	tick := time.NewTicker(p.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return p.write(path)
		case <-tick.C:
		}
		start := time.Now()
		done := make(chan struct{})
		fyne.Do(func() { close(done) })
		select {
		case <-done:
		case <-ctx.Done():
			return p.write(path)
		}
		wait := time.Since(start)
		p.Samples++
		p.Max = max(p.Max, wait)
		if wait > 100*time.Millisecond {
			p.Over100++
		}
		if p.Samples%100 == 0 {
			if err := p.write(path); err != nil {
				return err
			}
		}
	}
}

func (p *LatencyProbe) write(path string) error {
	line := fmt.Sprintf("samples %d max-ms %.1f over-100ms %d\n", p.Samples, float64(p.Max)/float64(time.Millisecond), p.Over100)
	return os.WriteFile(path, []byte(line), 0o644)
}
