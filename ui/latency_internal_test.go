package ui

import (
	"testing"
	"time"
)

func TestLoopTurnsCountTheLongGaps(t *testing.T) {
	var p LatencyProbe
	t0 := time.Date(2024, 4, 5, 22, 0, 0, 0, time.UTC)
	if got := p.loopState(t0); got != "the UI loop not turning yet" {
		t.Errorf("before a turn: %q", got)
	}
	for _, ms := range []int{0, 16, 60, 310, 330, 450} {
		p.turned(t0.Add(time.Duration(ms) * time.Millisecond))
	}
	l := p.loop
	if l.turns != 6 || l.max != 250*time.Millisecond || l.over != 2 {
		t.Errorf("turns %d, longest gap %v, gaps over 100 ms %d; want 6, 250ms, 2", l.turns, l.max, l.over)
	}
	last := t0.Add(450 * time.Millisecond)
	if got := p.loopState(last.Add(90 * time.Millisecond)); got != "the UI loop turning" {
		t.Errorf("90 ms after a turn: %q", got)
	}
	if got := p.loopState(last.Add(101 * time.Millisecond)); got != "the UI loop held" {
		t.Errorf("101 ms after a turn: %q", got)
	}
}
