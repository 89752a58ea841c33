package render

import (
	"context"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"time"

	"relmap/layout"
	"relmap/model"
)

// Step is how an animation moves through time: from event to event, or
// by calendar day, month or year.
type Step string

// The steps of an animation.
const (
	StepEvent Step = "event"
	StepDay   Step = "day"
	StepMonth Step = "month"
	StepYear  Step = "year"
)

// ParseStep reads a step's name; empty is StepEvent.
func ParseStep(s string) (Step, error) {
	switch st := Step(strings.ToLower(strings.TrimSpace(s))); st {
	case "":
		return StepEvent, nil
	case StepEvent, StepDay, StepMonth, StepYear:
		return st, nil
	}
	return "", fmt.Errorf("step %q: want event, day, month or year", s)
}

// MaxAnimationDates is the most dates an animation stops at.
const MaxAnimationDates = 5000

// AnimationDates are the dates an animation of m from from to to stops
// at: from, then each date of an event (StepEvent) or each day, month or
// year after from, then to.
func AnimationDates(m *model.Map, from, to model.Day, step Step) ([]model.Day, error) {
	if to <= from {
		return nil, fmt.Errorf("an animation from %s to %s: the end must come after the start", from, to)
	}
	days := []model.Day{from}
	switch step {
	case StepEvent:
		for _, e := range m.Events {
			if d := e.Date.First(); d > from && d < to {
				days = append(days, d)
			}
		}
		slices.Sort(days)
		days = slices.Compact(days)
	default:
		months := map[Step]int{StepMonth: 1, StepYear: 12}[step]
		for k := 1; ; k++ {
			d := from + model.Day(k)
			if months > 0 {
				d = addMonths(from, k*months)
			}
			if d >= to {
				break
			}
			if len(days) >= MaxAnimationDates {
				return nil, fmt.Errorf("an animation from %s to %s by %s stops at more than %d dates; take a longer step", from, to, step, MaxAnimationDates)
			}
			days = append(days, d)
		}
	}
	days = append(days, to)
	if len(days) > MaxAnimationDates {
		return nil, fmt.Errorf("an animation from %s to %s stops at %d dates, more than %d; take a shorter span", from, to, len(days), MaxAnimationDates)
	}
	return days, nil
}

// addMonths is the day n months after d, on d's day of the month or, in a
// shorter month, its last day: 31 January and a month is 29 February (or
// 28), and two months 31 March; each counted from d, so steps do not
// drift.
func addMonths(d model.Day, n int) model.Day {
	t := d.Time()
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return model.DayOf(first.Year(), first.Month(), min(t.Day(), last))
}

// Animation says how a map's timeline is played as frames: the dates it
// rests at, the frames a second, how long each date rests and how long
// each staged transition between two dates takes (as the app plays
// them), the size and the look.
type Animation struct {
	Dates      []model.Day
	FPS        int
	Hold, Move time.Duration
	W, H       int
	Theme      Theme
}

// frames is how many frames d lasts at a's rate, at least one.
func (a Animation) frames(d time.Duration) int {
	return max(1, int(math.Round(d.Seconds()*float64(a.FPS))))
}

// Frames is how many frames the animation has: a rest at every date and a
// transition between each two.
func (a Animation) Frames() int {
	return len(a.Dates)*a.frames(a.Hold) + (len(a.Dates)-1)*a.frames(a.Move)
}

// Check says what is wrong with a, or nil.
func (a Animation) Check() error {
	switch {
	case len(a.Dates) < 2:
		return fmt.Errorf("an animation needs two dates or more")
	case a.FPS < 1 || a.FPS > 60:
		return fmt.Errorf("%d frames a second: want 1 to 60", a.FPS)
	case a.Hold < 0 || a.Move <= 0:
		return fmt.Errorf("each date must rest 0 s or more and each transition take more than 0 s")
	}
	return CheckSize(a.W, a.H)
}

// Play draws the frames of m's animation a, laid out by tl, in order, all
// in one view that holds every date's actors, and hands each to frame
// with how many frames it lasts (a rest is one picture lasting many).
// frame must not keep img, which the next frame reuses. progress, when
// not nil, is told how many frames are done of how many; ctx stops it.
func (r *Renderer) Play(ctx context.Context, m *model.Map, tl *layout.Timeline, a Animation, frame func(img *image.RGBA, repeat int) error, progress func(done, total int)) error {
	if err := a.Check(); err != nil {
		return err
	}
	v := r.FitDays(m, tl, a.Dates, a.W, a.H, 1)
	total, done := a.Frames(), 0
	untitled := r.untitled(m, a.Dates, v, a.W)
	known := knownDays(m, a.Dates)
	show := func(s *Scene, repeat int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.Theme = a.Theme
		if untitled {
			s.Title, s.Caption = "", ""
		}
		s.Known = known[s.At]
		if err := frame(r.Draw(s, v, a.W, a.H), repeat); err != nil {
			return err
		}
		done += repeat
		if progress != nil {
			progress(done, total)
		}
		return nil
	}
	hold, move := a.frames(a.Hold), a.frames(a.Move)
	for i, day := range a.Dates {
		if i > 0 {
			from := a.Dates[i-1]
			tween := NewTweenScene(m, tl, from, day, func(f Frame) *Scene { return NewScene(m, f, day, 0) })
			for k := 1; k <= move; k++ {
				if err := show(tween.Step(float64(k)/float64(move+1)), 1); err != nil {
					return err
				}
			}
		}
		if err := show(NewScene(m, FrameAt(m, tl, day), day, 0), hold); err != nil {
			return err
		}
	}
	return nil
}

// untitled reports whether the header of a picture w pixels wide, seen
// through v, on any of days, gives the map's title way to its events (see
// headerLine): an animation then leaves it out of every frame, rather than
// show it on some and not others.
func (r *Renderer) untitled(m *model.Map, days []model.Day, v View, w int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	size := headerSize * v.UIScale
	width := func(t string) float64 { return r.textWidth(false, size, t) }
	room := headerRoom(v, w)
	for _, d := range days {
		s := &Scene{Title: m.Name}
		s.EventDate, s.Events = headerEvents(m.EventsNear(d))
		if !titled(s, r.lang, width, room) {
			return true
		}
	}
	return false
}

// FitDays returns the view that shows the actors of every one of days in
// a w×h picture: one view for a whole animation, so that the picture
// holds still.
func (r *Renderer) FitDays(m *model.Map, tl *layout.Timeline, days []model.Day, w, h int, ui float64) View {
	box := r.boxOf(m)
	r.mu.Lock()
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	found := false
	for _, d := range days {
		x0, y0, x1, y1, ok := FrameBounds(tl.At(d).Pos, box)
		if ok {
			minX, minY, maxX, maxY = min(minX, x0), min(minY, y0), max(maxX, x1), max(maxY, y1)
			found = true
		}
	}
	r.mu.Unlock()
	if !found {
		return r.FitTimeline(m, tl, w, h, ui)
	}
	return Fit(minX, minY, maxX, maxY, w, h, ui)
}
