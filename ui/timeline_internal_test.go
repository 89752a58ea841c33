package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"relmap/assets"
	"relmap/i18n"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/csvio"
	"relmap/render"
)

func TestMovingTheSliderChangesTheDiagram(t *testing.T) {
	te := newTestEditor(t)
	tests := []struct {
		name       string
		date       string
		has, lacks model.ID
	}{
		{"on 2024-04-05, should show the relations and not their break", "2024-04-05", relationsTie, severedTie},
		{"on 2024-04-06, should show the break and not the relations", "2024-04-06", severedTie, relationsTie},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := day(t, tt.date)
			tapDay(t, te.time.slider, d)
			if got := te.Day(); got != d {
				t.Fatalf("Day() = %s, want %s", got, d)
			}
			if got := te.time.date.Text; got != tt.date {
				t.Errorf("date field = %q, want %q", got, tt.date)
			}
			s := te.diagram.Scene()
			if !hasEdge(s, tt.has) {
				t.Errorf("scene lacks tie %d", tt.has)
			}
			if hasEdge(s, tt.lacks) {
				t.Errorf("scene shows tie %d", tt.lacks)
			}
		})
	}
}

func TestKeyframeButtons(t *testing.T) {
	te := newTestEditor(t)
	last := te.doc.keys[len(te.doc.keys)-1]
	tests := []struct {
		name string
		from string
		step func()
		want string
	}{
		{"from a keyframe, next should go to the next keyframe", "2024-04-05", te.time.next, "2024-04-06"},
		{"from a keyframe, prev should go to the one before", "2024-04-06", te.time.prev, "2024-04-05"},
		{"from between keyframes, next should go to the next keyframe", "2024-02-15", te.time.next, "2024-03-01"},
		{"from between keyframes, prev should go to the keyframe before", "2024-02-15", te.time.prev, "2024-01-01"},
		{"from the last keyframe, next should stay", last.String(), te.time.next, last.String()},
		{"from the first keyframe, prev should stay", te.doc.keys[0].String(), te.time.prev, te.doc.keys[0].String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te.SetDate(day(t, tt.from), false)
			tt.step()
			want := day(t, tt.want)
			if got := te.Day(); got != want {
				t.Errorf("Day() = %s, want %s", got, want)
			}
			if got := te.time.date.Text; got != tt.want {
				t.Errorf("date field = %q, want %q", got, tt.want)
			}
			if got := te.time.slider.day; got != want {
				t.Errorf("slider = %s, want %s", got, want)
			}
			// The animation has finished: the scene is the still of the day.
			if got, want := te.diagram.Scene().Date, want.Time().Format("2 January 2006"); got != want {
				t.Errorf("scene date = %q, want %q", got, want)
			}
		})
	}
}

func TestTypingADate(t *testing.T) {
	te := newTestEditor(t)
	from := day(t, "2024-04-07")
	tests := []struct {
		name     string
		typed    string
		wantDay  string
		wantText string
		wantErr  string // the message beside the field; "" when hidden
	}{
		{"when a full date is typed, should show that day", "2024-04-06", "2024-04-06", "2024-04-06", ""},
		{"when a month is typed, should show its first day", "2024-03", "2024-03-01", "2024-03-01", ""},
		{"when a year is typed, should show its first day", "2020", "2020-01-01", "2020-01-01", ""},
		{"when a date before anything in the map begins is typed, should show it", "1492", "1492-01-01", "1492-01-01", ""},
		{
			"when the user types 2024-13-40, should show the reason and keep the text and the date",
			"2024-13-40", "2024-04-07", "2024-13-40", `"2024-13-40" is not a date: the month must be 01 to 12`,
		},
		{
			"when 2024-02-30 is typed, should say February has no day 30 and keep the text and the date",
			"2024-02-30", "2024-04-07", "2024-02-30", `"2024-02-30" is not a date: February 2024 has no day 30`,
		},
		{
			"when yesterday is typed, should say it is not a date and keep the text and the date",
			"yesterday", "2024-04-07", "yesterday", `"yesterday" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`,
		},
		{
			"when 05/04/2024 is typed, should say it is not a date and keep the text and the date",
			"05/04/2024", "2024-04-07", "05/04/2024", `"05/04/2024" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`,
		},
		{"when the field is cleared, should keep the day and restore the field", "", "2024-04-07", "2024-04-07", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te.SetDate(from, false)
			c := te.win.Canvas()
			c.Focus(te.time.date)
			enterDate(te, tt.typed)
			// A date taken gives the keys back to the map; a refused
			// one keeps them in the field, to be fixed.
			refused := tt.wantText != tt.wantDay
			if kept := c.Focused() == te.time.date; kept != refused {
				t.Errorf("after Enter the field has the focus: %v, want %v", kept, refused)
			}
			if got, want := te.Day(), day(t, tt.wantDay); got != want {
				t.Errorf("Day() = %s, want %s", got, want)
			}
			if got := te.time.date.Text; got != tt.wantText {
				t.Errorf("date field = %q, want %q", got, tt.wantText)
			}
			if got := dateError(te); got != tt.wantErr {
				t.Errorf("message = %q, want %q", got, tt.wantErr)
			}

		})
	}
}

// A date typed before anything in the map begins is shown, and the status
// line says that only what has no start date is: beside the field, the
// note took half the slider's room, and it is no mistake.
func TestADateBeforeTheMapIsSaidOnTheStatusLine(t *testing.T) {
	te := newTestEditor(t)
	te.win.Canvas().Focus(te.time.date)
	enterDate(te, "1492")
	if got, want := te.status.Text, "Before the map's first date, 1973-09-01: only what has no start date is shown."; got != want {
		t.Errorf("the status line says %q, want %q", got, want)
	}
	if got := dateError(te); got != "" {
		t.Errorf("beside the field: %q, want nothing", got)
	}
	// Back on a date of the map, the status line says it no more.
	te.win.Canvas().Focus(te.time.date)
	enterDate(te, "2024-04-06")
	if got := te.status.Text; strings.HasPrefix(got, "Before the map's first date") {
		t.Errorf("back on 2024-04-06 the status line still says %q", got)
	}
	// Nor once ⏭, clicked, is left: its hint gave back what the line
	// said before it.
	te.win.Canvas().Focus(te.time.date)
	enterDate(te, "1492")
	next := te.time.hinted[2]
	next.MouseIn(&desktop.MouseEvent{})
	test.Tap(next)
	next.MouseOut()
	if got := te.status.Text; te.doc.day < te.doc.keys[0] || strings.HasPrefix(got, "Before the map's first date") {
		t.Errorf("on %s after ⏭ the status line says %q", te.doc.day, got)
	}
}

// Dates added before the map's first keep the day on show in sight: on a
// new map, dated ties of 1830 to 1987 took the timeline to 1987, and the
// thumb, on 2024, out of it.
func TestDatesAddedKeepTheDayInSight(t *testing.T) {
	te := newTestEditor(t)
	te.time.wholeSpan()
	te.SetDate(model.MustDate("2030-01-01").First(), false)
	te.settle(t)
	mexico, _ := te.doc.m.ActorByName("Mexico")
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	if _, err := te.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{{From: mexico.ID, To: ecuador.ID, Kind: "relations",
		Span: model.Span{Start: model.MustDate("1830"), End: model.MustDate("1840")}}}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	w := te.time.slider.win
	for _, d := range []string{"1830-01-01", "2030-01-01"} {
		if x := float64(model.MustDate(d).First()); x < w.lo || x > w.hi {
			t.Errorf("the timeline shows %s to %s, not %s", model.Day(w.lo), model.Day(w.hi), d)
		}
	}
}

// The slider's margin before the map's first date says so too: its empty
// picture said nothing.
func TestTheSliderBeforeTheMapSaysSo(t *testing.T) {
	te := newTestEditor(t)
	te.time.slider.pick(te.doc.keys[0] - 10)
	if got, want := te.status.Text, "Before the map's first date, 1973-09-01: only what has no start date is shown."; got != want {
		t.Errorf("the status line says %q, want %q", got, want)
	}
	te.time.slider.pick(te.doc.keys[0])
	if got := te.status.Text; strings.HasPrefix(got, "Before the map's first date") {
		t.Errorf("back on the first date the status line still says %q", got)
	}
}

// The message about a bad date makes room for itself without moving the
// date field the user is typing in.
func TestTimelineDateMessageLeavesTheFieldInPlace(t *testing.T) {
	te := newTestEditor(t)
	at := func() fyne.Position {
		te.win.Content().Refresh()
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(te.time.date)
	}
	before, slider := at(), te.time.slider.Size().Width
	enterDate(te, "2024-13-40")
	if dateError(te) == "" {
		t.Fatal("no message after 2024-13-40")
	}
	if after := at(); after != before {
		t.Errorf("the date field moved from %v to %v when the message showed", before, after)
	}
	if te.time.slider.Size().Width >= slider {
		t.Errorf("the slider is %v wide with the message, %v without: it made no room", te.time.slider.Size().Width, slider)
	}
}

func TestTimelineDateMessageClears(t *testing.T) {
	te := newTestEditor(t)
	tests := []struct {
		name  string
		after func(t *testing.T)
	}{
		{"when the user edits the field after a bad date, should clear the message", func(*testing.T) {
			te.time.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}},
		{"when a good date follows a bad one, should clear the message", func(*testing.T) {
			enterDate(te, "2024-04-05")
		}},
		{"when the slider moves after a bad date, should clear the message and show the day", func(t *testing.T) {
			tapDay(t, te.time.slider, day(t, "2024-04-01"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enterDate(te, "2024-13-40")
			if dateError(te) == "" {
				t.Fatal("no message after 2024-13-40")
			}
			tt.after(t)
			if got := dateError(te); got != "" {
				t.Errorf("message = %q, want none", got)
			}
		})
	}
}

func TestTimelineWindowFollowsTheDay(t *testing.T) {
	te := newTestEditor(t)
	tests := []struct {
		name string
		move func(model.Day)
		to   string
	}{
		{"when a date outside the window is typed, should pan the window to it", func(d model.Day) { enterDate(te, d.String()) }, "1990-06-01"},
		{"when next leaves the window, should pan the window to the keyframe", func(model.Day) { te.time.next() }, "2024-04-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to := day(t, tt.to)
			te.SetDate(to-1, false)
			te.time.slider.setWindow(to-400, to-300)
			tt.move(to)
			if got := te.Day(); got != to {
				t.Fatalf("Day() = %s, want %s", got, to)
			}
			if w := te.time.slider.win; float64(to) < w.lo || float64(to) > w.hi {
				t.Errorf("window %s to %s misses %s", model.Day(w.lo), model.Day(w.hi), to)
			}
			if got, want := te.time.slider.win.days(), 100.0; got != want {
				t.Errorf("window is %.1f days, want %.1f", got, want)
			}
		})
	}
}

// The timeline's buttons say what they do on the status line while the
// pointer is over them, and give it back after: their icons alone were
// read as the map's (fit, full screen).
func TestTimelineButtonsSayWhatTheyDo(t *testing.T) {
	te := newTestEditor(t)
	te.status.SetText("Saved.")
	for icon, want := range map[fyne.Resource]string{
		theme.ZoomFitIcon():           "Fit the timeline to the map's events",
		theme.ViewFullScreenIcon():    "Show all the map's dates on the timeline",
		theme.MediaSkipNextIcon():     "Next Change (Ctrl+Right)",
		theme.MediaSkipPreviousIcon(): "Previous Change (Ctrl+Left)",
		theme.MediaPlayIcon():         "Play or pause the timeline (Space)",
	} {
		b := barButton(t, te.time.bar, icon)
		b.MouseIn(&desktop.MouseEvent{})
		if got := te.status.Text; got != want {
			t.Errorf("over %s the status line says %q, want %q", icon.Name(), got, want)
		}
		b.MouseOut()
		if got := te.status.Text; got != "Saved." {
			t.Errorf("after %s the status line says %q, want %q back", icon.Name(), got, "Saved.")
		}
	}
	// Said while hovered, a message stays when the pointer leaves.
	b := barButton(t, te.time.bar, theme.ZoomFitIcon())
	b.MouseIn(&desktop.MouseEvent{})
	te.status.SetText("Exported big.png.")
	b.MouseOut()
	if got := te.status.Text; got != "Exported big.png." {
		t.Errorf("a message said while hovering became %q when the pointer left", got)
	}
}

func TestTimelineWindowButtons(t *testing.T) {
	te := newTestEditor(t)
	first, last := day(t, "2023-11-23"), day(t, "2024-04-07")
	keys := te.doc.keys
	tests := []struct {
		name         string
		icon         fyne.Resource
		wantLo       model.Day // the window holds wantLo to wantHi
		wantHi       model.Day
		wantMostDays float64
	}{
		{"fit to events should give the events' span and a small margin", theme.ZoomFitIcon(), first, last, 1.15 * float64(last-first)},
		{"whole span should give the keyframes and a month either side", theme.ViewFullScreenIcon(), keys[0] - 30, keys[len(keys)-1] + 30, float64(keys[len(keys)-1] - keys[0] + 60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te.time.slider.setWindow(first-100, first-50)
			test.Tap(barButton(t, te.time.bar, tt.icon))
			w := te.time.slider.win
			if w.lo > float64(tt.wantLo) || w.hi < float64(tt.wantHi) {
				t.Errorf("window %s to %s, want it to hold %s to %s", model.Day(w.lo), model.Day(w.hi), tt.wantLo, tt.wantHi)
			}
			if w.days() > tt.wantMostDays {
				t.Errorf("window is %.0f days, want at most %.0f", w.days(), tt.wantMostDays)
			}
		})
	}
}

// Showing the map's whole span keeps the day on show in sight too, far
// beyond the map's dates: 1850, typed on a map of 1975 to 2025, left the
// thumb out of the window.
func TestTimelineWholeSpanKeepsTheDayInSight(t *testing.T) {
	te := newTestEditor(t)
	te.time.submit("1850")
	test.Tap(barButton(t, te.time.bar, theme.ViewFullScreenIcon()))
	keys := te.doc.keys
	w := te.time.slider.win
	if d := float64(day(t, "1850-01-01")); d < w.lo || d > w.hi {
		t.Errorf("on 1850-01-01 the whole span is %s to %s: the thumb is out of sight", model.Day(w.lo), model.Day(w.hi))
	}
	if w.hi < float64(keys[len(keys)-1]) {
		t.Errorf("the whole span ends %s, before the map's last date %s", model.Day(w.hi), keys[len(keys)-1])
	}
}

// Fitting the window to the events keeps the day on show in it, past the
// last event or before the first.
func TestTimelineFitToEventsKeepsTheDayInSight(t *testing.T) {
	te := newTestEditor(t)
	for _, d := range []string{"2024-05-20", "2023-06-01"} {
		te.SetDate(day(t, d), false)
		test.Tap(barButton(t, te.time.bar, theme.ZoomFitIcon()))
		if w := te.time.slider.win; float64(day(t, d)) < w.lo || float64(day(t, d)) > w.hi {
			t.Errorf("on %s the window is %s to %s: the thumb is out of sight", d, model.Day(w.lo), model.Day(w.hi))
		}
	}
}

func TestTimelineDragReachesEveryDayOfAZoomedWindow(t *testing.T) {
	te := newTestEditor(t)
	s := te.time.slider
	s.Resize(fyne.NewSize(600, s.MinSize().Height))
	lo, hi := day(t, "2024-03-10"), day(t, "2024-04-09")
	te.SetDate(lo, false)
	s.setWindow(lo, hi)
	seen := map[model.Day]bool{}
	for x := float32(0); x <= 600; x++ {
		s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 10)}})
		seen[te.Day()] = true
	}
	s.DragEnd()
	for d := lo; d <= hi; d++ {
		if !seen[d] {
			t.Errorf("dragging across %s to %s never reached %s", lo, hi, d)
		}
	}
	if got, want := len(seen), int(hi-lo)+1; got != want {
		t.Errorf("reached %d days, want %d", got, want)
	}
}

// enterDate types text into the cleared date field and presses Enter.
func enterDate(te *testEditor, text string) {
	te.time.date.SetText("")
	test.Type(te.time.date, text)
	te.time.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// dateError is the message beside the date field, or "" if it is hidden.
func dateError(te *testEditor) string {
	if !te.time.dateErr.Visible() {
		return ""
	}
	return te.time.dateErr.Text
}

// tapDay taps the slider at d, panning its window to d first if need be.
func tapDay(t *testing.T, s *timeSlider, d model.Day) {
	t.Helper()
	if w := s.win; float64(d) < w.lo || float64(d) > w.hi {
		s.setWindow(d-minWindow, d+minWindow)
	}
	s.Tapped(&fyne.PointEvent{Position: fyne.NewPos(s.xOf(d, s.Size()), 10)})
	if s.day != d {
		t.Fatalf("tapping at %s picked %s", d, s.day)
	}
}

// barButton finds the button with icon in bar.
func barButton(t *testing.T, bar fyne.CanvasObject, icon fyne.Resource) *hintButton {
	t.Helper()
	var found *hintButton
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *hintButton:
			if o.Icon == icon {
				found = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(bar)
	if found == nil {
		t.Fatalf("no button with icon %s", icon.Name())
	}
	return found
}

// Play goes 1× (a change every playStep, staged) to 16× faster, chosen
// beside the play button and kept between sessions; a long history plays
// through in minutes, not hours.
func TestPlaySpeed(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	tl := te.time
	if tl.speed != 1 || tl.rest() != playStep {
		t.Fatalf("a first run plays at %d× resting %v, want 1× and %v", tl.speed, tl.rest(), playStep)
	}
	tl.speeds.SetSelected("8×")
	if tl.speed != 8 || tl.rest() != playStep/8 {
		t.Errorf("at 8× play is %d×, resting %v", tl.speed, tl.rest())
	}
	if got := fyne.CurrentApp().Preferences().Int(speedKey); got != 8 {
		t.Errorf("the speed kept is %d, want 8", got)
	}
	if again := newTimeline(te.doc); again.speed != 8 || again.speeds.Selected != "8×" {
		t.Errorf("the next session plays at %d× (%q), want 8×", again.speed, again.speeds.Selected)
	}
	fyne.CurrentApp().Preferences().SetInt(speedKey, 5) // not a speed
	if again := newTimeline(te.doc); again.speed != 1 {
		t.Errorf("a bad speed kept gives %d×, want 1×", again.speed)
	}
	// Stepping as play does at 16×: at once, not staged.
	day := te.doc.day
	te.SetDate(te.doc.keys[0], false)
	tl.step(false)
	if te.doc.day != te.doc.keys[1] || te.anim != nil {
		t.Errorf("a step at speed went to %v (staged %v), want %v at once", te.doc.day, te.anim != nil, te.doc.keys[1])
	}
	te.SetDate(day, false)
}

// Play steps to the next change only once the picture shows the date on
// show, and has shown it for the rest; the date field follows the
// picture. On a big map, whose pictures are built and drawn in the
// background and may take longer than play rests, the date field then
// never runs ahead of the picture's date, and no change goes unseen.
func TestPlayWaitsForThePicture(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	tl := te.time
	keys := te.doc.keys
	te.SetDate(keys[0], false)
	te.settle(t)
	rest := playStep / playFastest
	// The picture on show is of drawn; play's is of the date on show.
	var drawn model.Day
	tl.caughtUp = func() bool { return te.doc.day == drawn }
	tl.playing, tl.stop = true, make(chan struct{}) // beats given by hand
	defer tl.halt()
	now := time.Now()
	tl.shownAt = now
	tl.beat(now.Add(rest), rest)
	if te.doc.day != keys[0] {
		t.Errorf("play went to %v before the picture of %v was on show", te.doc.day, keys[0])
	}
	drawn = keys[0]
	tl.beat(now.Add(rest/2), rest)
	if te.doc.day != keys[0] {
		t.Errorf("play went to %v before the picture of %v was on show for the rest", te.doc.day, keys[0])
	}
	for k := 1; k <= 2; k++ {
		now = now.Add(rest)
		tl.beat(now, rest)
		if te.doc.day != keys[k] {
			t.Fatalf("with the picture on show for the rest, play went to %v, want the next change, %v", te.doc.day, keys[k])
		}
		if tl.date.Text != keys[k-1].String() {
			t.Errorf("before the picture of %v is drawn the date field reads %q, want %v", keys[k], tl.date.Text, keys[k-1])
		}
		tl.beat(now.Add(playBeat), rest)
		if tl.date.Text != keys[k-1].String() || te.doc.day != keys[k] {
			t.Errorf("while the picture of %v is drawn, the date field reads %q, and play is at %v", keys[k], tl.date.Text, te.doc.day)
		}
		drawn = keys[k]
		if k == 1 {
			// The diagram says when it puts a picture on show: the date
			// field follows in the same turn, not at the next beat.
			tl.clock = func() time.Time { return now.Add(playBeat) }
			tl.pictureShown()
			if tl.date.Text != keys[k].String() {
				t.Errorf("as the picture of %v is put on show, the date field reads %q", keys[k], tl.date.Text)
			}
		}
		now = now.Add(2 * playBeat)
		tl.beat(now, rest)
		if tl.date.Text != keys[k].String() || te.doc.day != keys[k] {
			t.Errorf("once the picture of %v is drawn, the date field reads %q, and play is at %v", keys[k], tl.date.Text, te.doc.day)
		}
	}
	tl.halt()
	te.settle(t)

	// What the editor tells play: a scene being built, or given to a
	// big map's diagram but not drawn yet, is not on show.
	tl.caughtUp = te.caughtUp
	te.diagram.asyncAt = 1 // the default map counts as big
	release := make(chan struct{})
	te.offUI(func() func() {
		<-release
		return func() {}
	})
	if te.caughtUp() {
		t.Error("a scene being built is said to be on show")
	}
	close(release)
	te.jobs.Wait()
	s := te.diagram.Scene()
	te.diagram.SetScene(s)
	if te.caughtUp() {
		t.Error("a big map's scene not drawn yet is said to be on show")
	}
	te.paint(t)
	te.settle(t)
	if !te.caughtUp() {
		t.Error("a big map's scene, drawn, is not said to be on show")
	}
}

// speak has the window speak the language of code, as the desktop's.
func speak(t *testing.T, code string) {
	t.Helper()
	t.Setenv("LANGUAGE", code)
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	windowLang = i18n.FromEnv()
}

// A bad date is explained in the window's language, all of it: in Spanish
// the reason was English ("the month must be 01 to 12"), and so was the
// month of a date understood ("mes: April 2024").
func TestDateProblemsInTheWindowsLanguage(t *testing.T) {
	speak(t, "es")
	defer speak(t, "en")
	for typed, want := range map[string]string{
		"1905-13-01":   `"1905-13-01" no es una fecha: el mes debe ser de 01 a 12`,
		"2024-02-30":   `"2024-02-30" no es una fecha: febrero de 2024 no tiene día 30`,
		"24-02":        `"24-02" no es una fecha: el año debe tener cuatro cifras`,
		"2024-02-01-1": `"2024-02-01-1" no es una fecha: tiene demasiadas partes`,
		"ayer":         `"ayer" no es una fecha: escriba AAAA, AAAA-MM o AAAA-MM-DD`,
	} {
		_, err := model.ParseDate(typed)
		if got := dateProblem(typed, err); got != want {
			t.Errorf("%s: %q, want %q", typed, got, want)
		}
	}
	for typed, want := range map[string]string{"2024-04": "mes: abril de 2024", "2024-04-07": "día: 7 de abril de 2024"} {
		if got := understood(typed); got != want {
			t.Errorf("%s is understood as %q, want %q", typed, got, want)
		}
	}
}

// The model's rules are said in the window's language too: in Spanish a
// tie form said "a tie must join two different actors", and "no actor is
// named …", in English.
func TestTheModelsRulesInTheWindowsLanguage(t *testing.T) {
	te := newTestEditor(t)
	speak(t, "es")
	defer speak(t, "en")
	f := te.newTieEditor(model.Tie{})
	f.from.SetText("Ecuador")
	f.to.SetText("Ecuador")
	f.kind.SetText("relations")
	f.start.SetText("2024")
	f.end.SetText("2023")
	if f.save() {
		t.Fatal("a tie from Ecuador to Ecuador, ending before it starts, was saved")
	}
	if got, want := f.message("to"), "un vínculo debe unir a dos actores distintos"; got != want {
		t.Errorf("beside To: %q, want %q", got, want)
	}
	// Both faults at once, not one after the other.
	if got := f.message("end"); !strings.HasPrefix(got, "acaba (2023)") {
		t.Errorf("beside End, with To's fault: %q", got)
	}
	f.to.SetText("Mexico")
	if f.save() {
		t.Fatal("a tie ending before it starts was saved")
	}
	if got, want := f.message("end"), "acaba (2023) el día en que empieza (2024) o antes"; !strings.HasPrefix(got, want) {
		t.Errorf("beside End: %q, want it to begin %q", got, want)
	}
	// Compare Dates names the ties' kinds in Spanish.
	for _, r := range te.doc.m.DiffRows(te.doc.m.Diff(model.MustDate("2024-04-01").First(), model.MustDate("2024-04-30").First())) {
		if tie, ok := te.doc.m.Tie(r.ID); ok && r.Record == "tie" {
			english := te.doc.m.Kind(model.ClassTie, tie.Kind).Label
			if got := te.changeText(r); strings.Contains(got, english) || !strings.Contains(got, windowLang.KindLabel(te.doc.m.Kind(model.ClassTie, tie.Kind))) {
				t.Errorf("Compare Dates says %q in Spanish", got)
			}
			break
		}
	}
	// Small multiples say what is wrong in Spanish: a reversed span was
	// said to hold no events, and a size and the events' lack in English.
	for q, want := range map[multiplesRequest]string{
		{dates: "events", from: "2025-01-01", to: "2024-04-14"}: "hasta: 2024-04-14 es anterior a desde, 2025-01-01",
		{dates: "events", from: "1900-01-01", to: "1901-01-01"}: "el mapa no tiene eventos del 1900-01-01 al 1901-01-01",
	} {
		if _, err := q.multiples(te.doc.m, 1000, 700, render.Light); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("small multiples %+v: %v, want %q", q, err, want)
		}
	}
	if _, err := (multiplesRequest{dates: "events"}).multiples(te.doc.m, -5, 700, render.Light); err == nil || !strings.HasPrefix(err.Error(), "tamaño -5×700") {
		t.Errorf("small multiples -5 wide: %v", err)
	}
	// Who Matters writes its decimals with a comma: "60.5" read as English.
	if got := measureLine(1, analysis.Metrics{Name: "Mexico", Betweenness: 60.5, Degree: 7, PageRank: 0.037}); !strings.Contains(got, "60,5") || !strings.Contains(got, "3,7%") {
		t.Errorf("Who Matters in Spanish: %q, want 60,5 and 3,7%%", got)
	}
	// So does a picture's size in the Export dialog: it was English.
	if got, want := sentence(fmt.Errorf("export png: %w", render.CheckSize(50, 757))), "Tamaño 50×757: cada lado debe medir de 100 a 16384 píxeles."; got != want {
		t.Errorf("a picture 50 wide: %q, want %q", got, want)
	}
	// A table's faults are said in Spanish: an import's were half English.
	_, err := csvio.Read(csvio.Files{Ties: csvio.Table{Name: "links.csv", R: strings.NewReader("From,To,Type,Weight\nMexico,Ecuador,relations,heavy\n")}}, te.doc.m)
	if got := sentence(err); got != `En links.csv, línea 2, weight: "heavy" no es un número.` {
		t.Errorf("a bad weight in a table is said %q", got)
	}
	// A kind's shapes are named in Spanish, and stored by the model's names.
	k := te.newKindEditor(te.doc.m.Kind(model.ClassActor, "country"))
	if !slices.Contains(k.shape.Options, "círculo") || k.shape.Selected != "círculo" || k.shape.PlaceHolder != "(elija uno)" {
		t.Errorf("the shapes read %q, %q selected, placeholder %q", k.shape.Options, k.shape.Selected, k.shape.PlaceHolder)
	}
	k.shape.SetSelected("rombo")
	if read, _ := k.read(te.doc.m); read.Shape != model.ShapeDiamond {
		t.Errorf("a rombo is stored as %q", read.Shape)
	}
	if _, err := te.doc.m.ActorByName("Atlantis"); err == nil || !strings.Contains(sentence(err), "Ningún actor se llama") {
		t.Errorf("an unknown name is said %q", sentence(err))
	}
}
