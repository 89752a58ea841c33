package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// timeline is the bar under the diagram: step back, play, step forward, a
// date slider over a window of time that zooms and pans, buttons that fit
// the window to the events or to the whole span, and a date field that
// says beside it what is wrong with a bad date.
type timeline struct {
	doc     *Document
	bar     fyne.CanvasObject
	slider  *timeSlider
	date    *widget.Entry
	dateErr *widget.Label
	play    *hintButton
	hinted  []*hintButton // the buttons, which say what they do (see sayOn)
	// say puts a text on the window's status line (see sayOn).
	say     func(string) string
	playing bool
	stop    chan struct{}
	// speed is how many times faster than playStep play goes (1 to
	// playFastest), chosen in speeds and kept between sessions.
	speed  int
	speeds *widget.Select
	// caughtUp reports whether the picture shows the date on show; play
	// waits for it before each step (nil: it always does).
	caughtUp func() bool
	// While playing: stepping is set during play's step, shownAt is when
	// the picture of the date on show appeared, and behind is set while
	// the slider and date field wait for it.
	stepping bool
	shownAt  time.Time
	behind   bool
	clock    func() time.Time // nil: time.Now
	// before is what the status line was told of a date before the map's
	// first, while that date is on show ("" for nothing).
	before string
	// keys are the first and last keyframes the slider was last bounded
	// by (the second before the first for none).
	keys [2]model.Day
}

// playStep is how long play rests on each change at its slowest (1×),
// each change staged; playFastest is how many times faster it may go, for
// long histories (thousands of dates), changes then shown at once when a
// rest is shorter than stagedStep.
const (
	playStep    = 1500 * time.Millisecond
	playFastest = 16
	stagedStep  = 700 * time.Millisecond
	speedKey    = "play.speed"
)

// spanMargin is how many days the slider reaches beyond the map's first
// and last keyframes.
const spanMargin = 30

// newTimeline builds the bar for doc, its window fitted to the map's
// events; it follows doc once told to (follow).
func newTimeline(doc *Document) *timeline {
	t := &timeline{doc: doc, keys: [2]model.Day{1, 0}}
	t.slider = newTimeSlider(func(d model.Day) {
		t.doc.SetDay(d, false)
		t.sayIfBefore()
	})
	t.date = widget.NewEntry()
	t.date.SetPlaceHolder(lang.L("YYYY-MM-DD"))
	t.date.OnSubmitted = t.submit
	t.date.OnChanged = func(string) { t.setDateError("") }
	t.dateErr = widget.NewLabel("")
	t.dateErr.Importance = widget.DangerImportance
	t.dateErr.Hide()
	t.play = newHintButton(theme.MediaPlayIcon(), keyed(lang.L("Play or pause the timeline"), keyText(fyne.KeySpace)), t.toggle)
	t.speed = 1
	if a := fyne.CurrentApp(); a != nil {
		t.speed = a.Preferences().IntWithFallback(speedKey, 1)
	}
	var speeds []string
	for s := 1; s <= playFastest; s *= 2 {
		speeds = append(speeds, speedText(s))
	}
	if !slices.Contains(speeds, speedText(t.speed)) {
		t.speed = 1
	}
	t.speeds = widget.NewSelect(speeds, nil)
	t.speeds.PlaceHolder = speeds[len(speeds)-1] // as wide as the widest, not "(Select one)"
	t.speeds.SetSelected(speedText(t.speed))
	t.speeds.OnChanged = func(s string) { t.setSpeed(slices.Index(speeds, s)) }
	prev := newHintButton(theme.MediaSkipPreviousIcon(), keyed(lang.L("Previous Change"), shortcutText(ctrl(fyne.KeyLeft, 0))), t.prev)
	next := newHintButton(theme.MediaSkipNextIcon(), keyed(lang.L("Next Change"), shortcutText(ctrl(fyne.KeyRight, 0))), t.next)
	fit := newHintButton(theme.ZoomFitIcon(), lang.L("Fit the timeline to the map's events"), t.fitEvents)
	whole := newHintButton(theme.ViewFullScreenIcon(), lang.L("Show all the map's dates on the timeline"), t.wholeSpan)
	t.hinted = []*hintButton{prev, t.play, next, fit, whole}
	dateBox := container.NewGridWrap(fyne.NewSize(130, t.date.MinSize().Height), t.date)
	// The message about a bad date goes left of the buttons, so that the
	// field being typed in stays where it is while the slider makes room.
	t.bar = container.NewBorder(nil, nil,
		container.NewHBox(prev, t.play, next, t.speeds),
		container.NewHBox(t.dateErr, fit, whole, dateBox),
		t.slider)
	t.setRange()
	t.show(doc.day)
	t.fitEvents()
	return t
}

// sayOn has the bar's buttons say what they do with say, which puts a
// text on the window's status line and returns what it said before.
func (t *timeline) sayOn(say func(string) string) {
	t.say = say
	for _, b := range t.hinted {
		b.say = say
	}
}

// follow keeps the bar on the document: its bounds and event marks on the
// map, the slider and the date field on the date; a new file is shown
// with the window fitted to its events.
func (t *timeline) follow(u Update) {
	if u.Has(MapChanged) {
		t.setRange()
	}
	if u.Has(DayChanged|FileChanged) && !t.stepping {
		t.show(t.doc.day) // play's steps are shown with their pictures (see beat)
	}
	if u.Has(FileChanged | Dated) {
		t.halt()
		t.fitEvents()
	}
}

// setRange bounds the slider by the map's keyframes, spanMargin days
// either side, and marks the map's events on it. A window that showed all
// the keyframes before shows all of them after, as the map reaches
// further: dates added to a new map, outside the fortnight it showed,
// came into sight only with the whole-span button.
func (t *timeline) setRange() {
	all := t.keys[1] < t.keys[0] || t.slider.shows(t.keys[0], t.keys[1])
	lo, hi := t.span()
	t.slider.setBounds(lo, hi)
	if keys := t.doc.keys; len(keys) > 0 {
		if grown := [2]model.Day{keys[0], keys[len(keys)-1]}; grown != t.keys {
			t.keys = grown
			if all {
				t.wholeSpan()
			}
		}
	}
	t.slider.setEvents(eventDays(t.doc.m.Events))
}

// span is the map's keyframes with spanMargin days either side; without
// keyframes, spanMargin days either side of the day on show.
func (t *timeline) span() (lo, hi model.Day) {
	keys := t.doc.keys
	if len(keys) == 0 {
		return t.doc.day - spanMargin, t.doc.day + spanMargin
	}
	return keys[0] - spanMargin, keys[len(keys)-1] + spanMargin
}

// fitEvents fits the slider's window to the map's events, with a margin of
// a twentieth of their span and a day; a map without events fits its
// keyframes. The day on show is always in the window, so that the thumb
// stays in sight.
func (t *timeline) fitEvents() {
	days := eventDays(t.doc.m.Events)
	if len(days) == 0 {
		days = t.doc.keys
	}
	if len(days) == 0 {
		return
	}
	days = append(days, t.doc.day)
	lo, hi := slices.Min(days), slices.Max(days)
	m := (hi-lo)/20 + 1
	t.slider.setWindow(lo-m, hi+m)
}

// wholeSpan shows the whole span of the map on the slider, and the day on
// show when it is beyond it: the thumb of 1850, typed on a map of 1975 to
// 2025, went out of sight.
func (t *timeline) wholeSpan() {
	lo, hi := t.span()
	day := t.doc.day
	t.slider.setWindow(min(lo, day), max(hi, day))
}

// eventDays are the first days of the dated events.
func eventDays(events []model.Event) []model.Day {
	var days []model.Day
	for _, ev := range events {
		if !ev.Date.IsZero() {
			days = append(days, ev.Date.First())
		}
	}
	return days
}

// show moves the slider and date field to day without feedback.
func (t *timeline) show(day model.Day) {
	t.slider.setDay(day)
	t.date.SetText(day.String())
	// The status line's word that the date is before the map's first
	// goes once the date is back in the map, unless something else was
	// said since: it stayed there, on a date of the map.
	if keys := t.doc.keys; t.before != "" && t.say != nil && (len(keys) == 0 || day >= keys[0]) {
		if said := t.say(""); said != t.before {
			t.say(said)
		}
		// A button under the pointer keeps what the line said before its
		// hint, to say again when the pointer leaves: ⏭, clicked there,
		// gave the word back on a date of the map.
		for _, b := range t.hinted {
			if b.said && b.was == t.before {
				b.was = ""
			}
		}
		t.before = ""
	}
}

// submit moves to the date typed and gives the keys back to the map. A
// bad date leaves the day, the text and the focus as they are and says
// beside the field what is wrong; an empty field is given back the day on
// show.
func (t *timeline) submit(text string) {
	d, err := model.ParseDate(text)
	switch {
	case err != nil:
		t.setDateError(dateProblem(text, err))
	case d.IsZero():
		t.show(t.doc.day)
		t.giveBackKeys()
	default:
		t.doc.SetDay(d.First(), true)
		t.show(t.doc.day)
		t.giveBackKeys()
		t.sayIfBefore()
	}
}

// sayIfBefore says, when the day on show is before anything in the map
// begins, that only what has no start date is shown: the picture of 1492
// would be the present's. It is said on the status line, not beside the
// field as what is wrong with a date is: it is no mistake, and the slider
// need not give it room. Said for a date typed, and for the slider's
// margin before the map's first date, whose empty picture said nothing.
func (t *timeline) sayIfBefore() {
	if keys := t.doc.keys; len(keys) > 0 && t.doc.day < keys[0] && t.say != nil {
		t.before = fmt.Sprintf(lang.L("Before the map's first date, %s: only what has no start date is shown."), keys[0])
		t.say(t.before)
	}
}

// giveBackKeys takes the focus from the date field, so that the keys go
// to the map again (Escape, the arrows), as after a click on it.
func (t *timeline) giveBackKeys() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t.date); c != nil && c.Focused() == t.date {
		c.Unfocus()
	}
}

// setDateError shows msg beside the date field, or hides it if msg is "".
func (t *timeline) setDateError(msg string) {
	if msg == "" && !t.dateErr.Visible() {
		return
	}
	t.dateErr.SetText(msg)
	if msg == "" {
		t.dateErr.Hide()
	} else {
		t.dateErr.Show()
	}
	t.bar.Refresh() // the slider gives the message room, or takes it back
}

// dayTyped is the day a date typed in a field means: its first, for a
// year or a month ("2023" is 2023-01-01), as the date box goes to it. A
// field left empty is no date: the error says so, as dateProblem words it.
func dayTyped(text string) (model.Day, error) {
	d, err := model.ParseDate(text)
	if err == nil && d.IsZero() {
		err = model.ErrDate
	}
	if err != nil {
		return 0, err
	}
	return d.First(), nil
}

// dateProblem says, in the window's language, what is wrong with text,
// which model.ParseDate refused with err: which part, when text is digits
// and dashes, else that text is not a date at all.
func dateProblem(text string, err error) string {
	text = strings.TrimSpace(text)
	var de *model.DateError
	if strings.Trim(text, "0123456789-") != "" || !errors.As(err, &de) {
		return fmt.Sprintf(lang.L("%q is not a date: %s"), text, lang.L("write YYYY, YYYY-MM or YYYY-MM-DD"))
	}
	var why string
	switch de.Reason {
	case model.TooManyParts:
		why = lang.L("too many parts")
	case model.BadYear:
		why = lang.L("the year must have four digits")
	case model.BadMonth:
		why = lang.L("the month must be 01 to 12")
	default:
		why = fmt.Sprintf(lang.L("%s %d has no day %s"), lang.L(de.Month.String()), de.Year, de.Day)
	}
	return fmt.Sprintf(lang.L("%q is not a date: %s"), text, why)
}

// next moves to the next keyframe, animated.
func (t *timeline) next() { t.step(true) }

// step moves to the next keyframe, staged when animate is set.
func (t *timeline) step(animate bool) {
	keys := t.doc.keys
	i := model.KeyframeAt(keys, t.doc.day) + 1
	if i < len(keys) {
		t.doc.SetDay(keys[i], animate)
	}
}

// prev moves to the previous keyframe, animated.
func (t *timeline) prev() {
	keys := t.doc.keys
	i := model.KeyframeAt(keys, t.doc.day)
	if i >= 0 && keys[i] == t.doc.day {
		i--
	}
	if i >= 0 {
		t.doc.SetDay(keys[i], true)
	}
}

// speedText names a play speed: "4×".
func speedText(speed int) string { return strconv.Itoa(speed) + "×" }

// setSpeed plays 2^power times faster than playStep from now on, and
// keeps the choice.
func (t *timeline) setSpeed(power int) {
	if power < 0 {
		return
	}
	t.speed = 1 << power
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetInt(speedKey, t.speed)
	}
	if t.playing {
		t.halt()
		t.startPlaying()
	}
}

// rest is how long play rests on each change at the speed chosen.
func (t *timeline) rest() time.Duration { return playStep / time.Duration(max(t.speed, 1)) }

// toggle starts or stops playing: stepping from change to change.
func (t *timeline) toggle() {
	if t.playing {
		t.halt()
		return
	}
	keys := t.doc.keys
	if len(keys) == 0 {
		return
	}
	if t.doc.day >= keys[len(keys)-1] {
		t.doc.SetDay(keys[0], false)
	}
	t.startPlaying()
}

// startPlaying steps from the date on show to the next change, and on,
// resting at each for the speed's rest.
func (t *timeline) startPlaying() {
	t.playing = true
	t.play.SetIcon(theme.MediaPauseIcon())
	stop := make(chan struct{})
	t.stop = stop
	t.shownAt, t.behind = t.now(), false
	rest := t.rest()
	go func() {
		tick := time.NewTicker(min(rest, playBeat))
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				fyne.Do(func() {
					if t.playing && t.stop == stop {
						t.beat(now, rest)
					}
				})
			}
		}
	}()
}

// playBeat is how often play looks whether the picture has caught up.
const playBeat = 40 * time.Millisecond

// beat is one beat of play resting rest at each change. Play steps to the
// next change only once the picture shows the date on show (see caughtUp)
// and has shown it for the rest; the slider and the date field follow the
// picture: on a big map, whose pictures are drawn in the background and
// may take longer than the rest, every change is seen and the date field
// never runs ahead of the picture's. Play stops at the last change.
func (t *timeline) beat(now time.Time, rest time.Duration) {
	if !t.pictureOnShow() {
		return
	}
	if t.behind {
		t.showWithPicture(now)
	}
	if now.Sub(t.shownAt) < rest {
		return
	}
	keys := t.doc.keys
	if len(keys) == 0 || t.doc.day >= keys[len(keys)-1] {
		t.halt()
		return
	}
	t.stepping = true
	t.step(rest >= stagedStep)
	t.stepping = false
	if t.pictureOnShow() {
		t.showWithPicture(now)
	} else {
		t.behind = true
	}
}

// pictureShown is told when a picture drawn in the background is put on
// show: while play waits for the picture of the date on show, the slider
// and the date field show the date with it, in the same turn, rather
// than at play's next beat.
func (t *timeline) pictureShown() {
	if t.playing && t.behind && t.pictureOnShow() {
		t.showWithPicture(t.now())
	}
}

// pictureOnShow reports whether the picture shows the date on show (see
// caughtUp).
func (t *timeline) pictureOnShow() bool { return t.caughtUp == nil || t.caughtUp() }

// showWithPicture shows the date on show on the slider and in the date
// field, its picture on show since now.
func (t *timeline) showWithPicture(now time.Time) {
	t.show(t.doc.day)
	t.shownAt, t.behind = now, false
}

// now is the time on the timeline's clock: time.Now, but in tests.
func (t *timeline) now() time.Time {
	if t.clock != nil {
		return t.clock()
	}
	return time.Now()
}

// halt stops playing, if playing.
func (t *timeline) halt() {
	if !t.playing {
		return
	}
	t.playing = false
	close(t.stop)
	t.play.SetIcon(theme.MediaPlayIcon())
	if t.behind {
		t.show(t.doc.day)
		t.behind = false
	}
}
