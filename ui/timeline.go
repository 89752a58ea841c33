package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// timeline is the bar under the diagram: step back, play, step forward, a
// date slider and a date field.
type timeline struct {
	e       *Editor
	bar     fyne.CanvasObject
	slider  *widget.Slider
	date    *widget.Entry
	play    *widget.Button
	playing bool
	stop    chan struct{}
	// quiet stops the slider's OnChanged from echoing programmatic moves.
	quiet bool
}

// playStep is how long play rests on each change.
const playStep = 1500 * time.Millisecond

func newTimeline(e *Editor) *timeline {
	t := &timeline{e: e}
	t.slider = widget.NewSlider(0, 1)
	t.slider.Step = 1
	t.slider.OnChanged = func(v float64) {
		if !t.quiet {
			t.e.SetDate(model.Day(v), false)
		}
	}
	t.date = widget.NewEntry()
	t.date.SetPlaceHolder("YYYY-MM-DD")
	t.date.OnSubmitted = func(s string) {
		d, err := model.ParseDate(s)
		if err != nil || d.IsZero() {
			t.date.SetValidationError(err)
			t.show(t.e.day)
			return
		}
		t.e.SetDate(d.First(), true)
	}
	t.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), t.toggle)
	prev := widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), t.prev)
	next := widget.NewButtonWithIcon("", theme.MediaSkipNextIcon(), t.next)
	dateBox := container.NewGridWrap(fyne.NewSize(130, t.date.MinSize().Height), t.date)
	t.bar = container.NewBorder(nil, nil, container.NewHBox(prev, t.play, next), dateBox, t.slider)
	t.setRange()
	t.show(e.day)
	return t
}

// setRange spans the slider over the map's keyframes, with a month either
// side.
func (t *timeline) setRange() {
	keys := t.e.keys
	lo, hi := t.e.day-30, t.e.day+30
	if len(keys) > 0 {
		lo, hi = keys[0]-30, keys[len(keys)-1]+30
	}
	t.quiet = true
	t.slider.Min, t.slider.Max = float64(lo), float64(hi)
	t.slider.Refresh()
	t.quiet = false
}

// show moves the slider and date field to day without feedback.
func (t *timeline) show(day model.Day) {
	t.quiet = true
	t.slider.SetValue(float64(day))
	t.quiet = false
	t.date.SetText(day.String())
}

// next moves to the next keyframe, animated.
func (t *timeline) next() {
	keys := t.e.keys
	i := model.KeyframeAt(keys, t.e.day) + 1
	if i < len(keys) {
		t.e.SetDate(keys[i], true)
	}
}

// prev moves to the previous keyframe, animated.
func (t *timeline) prev() {
	keys := t.e.keys
	i := model.KeyframeAt(keys, t.e.day)
	if i >= 0 && keys[i] == t.e.day {
		i--
	}
	if i >= 0 {
		t.e.SetDate(keys[i], true)
	}
}

// toggle starts or stops playing: stepping from change to change.
func (t *timeline) toggle() {
	if t.playing {
		t.halt()
		return
	}
	keys := t.e.keys
	if len(keys) == 0 {
		return
	}
	if t.e.day >= keys[len(keys)-1] {
		t.e.SetDate(keys[0], false)
	}
	t.playing = true
	t.play.SetIcon(theme.MediaPauseIcon())
	stop := make(chan struct{})
	t.stop = stop
	go func() {
		tick := time.NewTicker(playStep)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				fyne.Do(func() {
					if !t.playing || t.stop != stop {
						return
					}
					keys := t.e.keys
					if len(keys) == 0 || t.e.day >= keys[len(keys)-1] {
						t.halt()
						return
					}
					t.next()
				})
			}
		}
	}()
}

func (t *timeline) halt() {
	if !t.playing {
		return
	}
	t.playing = false
	close(t.stop)
	t.play.SetIcon(theme.MediaPlayIcon())
}
