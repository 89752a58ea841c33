package ui

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// LatencyProbe measures how long the UI keeps the user waiting, in two
// ways.
//
// The wait: every interval it asks the UI goroutine to run an empty
// function (fyne.Do) and times how long that takes to happen. This is
// also how a finished picture reaches the window.
//
// The loop's turns: an animation runs while the probe does, and so the
// UI loop calls it once a turn, before it draws; the gap between two
// calls is how long the loop was held. A freeze (a long frame, a slow
// handler) shows as a long gap: no input is handled and nothing is
// drawn meanwhile. A wait can be long while the loop turns: Fyne's loop
// takes either its frame tick or one queued function each turn, at
// random, so that under a busy window a function may wait several
// frames.
type LatencyProbe struct {
	Samples  int
	Max      time.Duration
	Over100  int           // waits longer than 100 ms
	Interval time.Duration // between probes
	// Stacks, when set, is a file to which every goroutine's stack is
	// appended each time a wait passes 100 ms: what the UI was busy with.
	Stacks string

	mu   sync.Mutex
	loop loopTurns // written by the UI goroutine, read by Run
}

// loopTurns are the UI loop's turns as the probe's animation saw them.
type loopTurns struct {
	turns int
	max   time.Duration
	over  int       // gaps longer than 100 ms
	last  time.Time // the last turn
}

// Run probes until ctx is done and then writes a summary to path (a
// line "samples N max-ms M over-100ms K turns T turn-max-ms G
// turn-over-100ms L"). It is the RELMAP_LATENCY_LOG hook of the desktop
// app, used by scripts/bench-render.sh.
func (p *LatencyProbe) Run(ctx context.Context, path string) error {
	if p.Interval <= 0 {
		p.Interval = 10 * time.Millisecond
	}
	turn := fyne.NewAnimation(time.Second, func(float32) { p.turned(time.Now()) })
	turn.RepeatCount = fyne.AnimationRepeatForever
	fyne.Do(turn.Start)
	defer fyne.Do(turn.Stop)
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
				p.dump("a wait passed 100 ms, " + p.loopState(time.Now()))
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

// turned records a turn of the UI loop at now.
func (p *LatencyProbe) turned(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := &p.loop
	if !l.last.IsZero() {
		gap := now.Sub(l.last)
		l.max = max(l.max, gap)
		if gap > 100*time.Millisecond {
			l.over++
		}
	}
	l.turns++
	l.last = now
}

// loopState tells whether the UI loop is turning at now, for a dump's
// heading: held means it has not turned for over 100 ms, a freeze going
// on.
func (p *LatencyProbe) loopState(now time.Time) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.loop.last.IsZero():
		return "the UI loop not turning yet"
	case now.Sub(p.loop.last) > 100*time.Millisecond:
		return "the UI loop held"
	}
	return "the UI loop turning"
}

// dump appends every goroutine's stack to p.Stacks, when it is set.
func (p *LatencyProbe) dump(why string) {
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
	fmt.Fprintf(f, "=== %s at %s\n%s\n", why, time.Now().Format("15:04:05.000"), buf)
}

func (p *LatencyProbe) write(path string) error {
	p.mu.Lock()
	l := p.loop
	p.mu.Unlock()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	line := fmt.Sprintf("samples %d max-ms %.1f over-100ms %d turns %d turn-max-ms %.1f turn-over-100ms %d\n",
		p.Samples, ms(p.Max), p.Over100, l.turns, ms(l.max), l.over)
	return os.WriteFile(path, []byte(line), 0o644)
}
