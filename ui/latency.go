package ui

import (
	"context"
	"fmt"
	"os"
	"runtime"
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
	// Stacks, when set, is a file to which every goroutine's stack is
	// appended each time a wait passes 100 ms: what the UI was busy with.
	Stacks string
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
		var end time.Time // when the UI ran the probe: a dump's own time is not counted
		fyne.Do(func() {
			end = time.Now()
			close(done)
		})
		slow := time.NewTimer(100 * time.Millisecond)
	wait:
		for {
			select {
			case <-done:
				break wait
			case <-slow.C:
				p.dump()
			case <-ctx.Done():
				slow.Stop()
				return p.write(path)
			}
		}
		slow.Stop()
		wait := end.Sub(start)
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

// dump appends every goroutine's stack to p.Stacks, when it is set.
func (p *LatencyProbe) dump() {
	if p.Stacks == "" {
		return
	}
	buf := make([]byte, 1<<20)
	for n := runtime.Stack(buf, true); ; n = runtime.Stack(buf, true) {
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	f, err := os.OpenFile(p.Stacks, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "=== a wait passed 100 ms at %s\n%s\n", time.Now().Format("15:04:05.000"), buf)
}

func (p *LatencyProbe) write(path string) error {
	line := fmt.Sprintf("samples %d max-ms %.1f over-100ms %d\n", p.Samples, float64(p.Max)/float64(time.Millisecond), p.Over100)
	return os.WriteFile(path, []byte(line), 0o644)
}
