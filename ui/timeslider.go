package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

var (
	_ fyne.Widget       = (*timeSlider)(nil)
	_ fyne.Draggable    = (*timeSlider)(nil)
	_ fyne.Tappable     = (*timeSlider)(nil)
	_ fyne.Scrollable   = (*timeSlider)(nil)
	_ fyne.Focusable    = (*timeSlider)(nil)
	_ desktop.Hoverable = (*timeSlider)(nil)
)

const (
	// minWindow is the narrowest window, in days. Any slider wider than
	// that many pixels can then give every day of the window a pixel.
	minWindow = 14
	// zoomRate turns a vertical scroll into a zoom factor, exp(-zoomRate·dy):
	// one wheel notch (25 units in Fyne's desktop driver) narrows the
	// window by a fifth.
	zoomRate = 0.009
)

// timeSlider picks a day within a window of time that the user zooms with
// the wheel (about the pointer) or the + and - keys, and pans with a
// horizontal or shift+wheel scroll. It marks years, months and days as far
// as the window's scale allows, and the days of events.
type timeSlider struct {
	widget.BaseWidget

	// OnChanged is called with the day the user picks by dragging,
	// tapping or the arrow keys; never for setDay.
	OnChanged func(model.Day)

	day model.Day
	// bounds is how far the window may go (the window also reaches day).
	bounds span
	// win is the window on show.
	win span
	// events are the days of events, sorted and distinct.
	events  []model.Day
	hovered bool
	focused bool
}

// newTimeSlider returns a slider that calls changed with each day the
// user picks.
func newTimeSlider(changed func(model.Day)) *timeSlider {
	s := &timeSlider{OnChanged: changed}
	s.ExtendBaseWidget(s)
	return s
}

// setBounds sets how far the window may go, lo to hi, and fits the window
// within; a slider without a window yet shows all of it.
func (s *timeSlider) setBounds(lo, hi model.Day) {
	s.bounds = spanOf(lo, hi)
	if s.win.days() == 0 {
		s.win = s.bounds
	}
	s.win = s.win.clamp(s.limits())
	s.Refresh()
}

// shows reports whether the window shows all of lo to hi.
func (s *timeSlider) shows(lo, hi model.Day) bool {
	return s.win.lo <= float64(lo) && s.win.hi >= float64(hi)
}

// setWindow shows lo to hi, as far as the bounds allow, and no less than
// minWindow days.
func (s *timeSlider) setWindow(lo, hi model.Day) {
	s.win = spanOf(lo, hi).clamp(s.limits())
	s.Refresh()
}

// setEvents marks days as the days of events.
func (s *timeSlider) setEvents(days []model.Day) {
	s.events = slices.Compact(slices.Sorted(slices.Values(days)))
	s.Refresh()
}

// setDay moves the thumb to day without calling OnChanged, panning the
// window to it if it was outside.
func (s *timeSlider) setDay(day model.Day) {
	if day == s.day {
		return
	}
	s.day = day
	s.follow()
	s.Refresh()
}

// pick is a day chosen by the user: it moves there and tells OnChanged.
func (s *timeSlider) pick(day model.Day) {
	if day == s.day {
		return
	}
	s.setDay(day)
	if s.OnChanged != nil {
		s.OnChanged(day)
	}
}

// follow centres the window on the day if the day is outside it. A
// window that shows all the bounds is stretched to a day beyond them
// instead, so that it still shows all the map's dates too; it goes back
// within them once the day does, rather than keep the map's dates in a
// corner of the track.
func (s *timeSlider) follow() {
	d := float64(s.day)
	if d >= s.win.lo && d <= s.win.hi {
		s.win = s.win.clamp(s.limits())
		return
	}
	if s.win.lo <= s.bounds.lo && s.win.hi >= s.bounds.hi {
		s.win = span{math.Min(s.win.lo, d), math.Max(s.win.hi, d)}
		return
	}
	n := s.win.days()
	s.win = span{d - n/2, d + n/2}.clamp(s.limits())
}

// limits is how far the window may go: the bounds, stretched to the day.
func (s *timeSlider) limits() span {
	d := float64(s.day)
	return span{math.Min(s.bounds.lo, d), math.Max(s.bounds.hi, d)}
}

// Dragged picks the day under the pointer.
func (s *timeSlider) Dragged(ev *fyne.DragEvent) { s.pick(s.dayAt(ev.Position.X)) }

// DragEnd does nothing: each step of a drag has been picked already.
func (s *timeSlider) DragEnd() {}

// Tapped takes the keyboard focus and picks the day under the pointer.
func (s *timeSlider) Tapped(ev *fyne.PointEvent) {
	s.focus()
	s.pick(s.dayAt(ev.Position.X))
}

// Scrolled pans the window by a horizontal scroll and zooms it about the
// pointer by a vertical one.
func (s *timeSlider) Scrolled(ev *fyne.ScrollEvent) {
	if dx := float64(ev.Scrolled.DX); dx != 0 {
		_, w := s.track(s.Size())
		s.win = s.win.shift(-dx * s.win.days() / float64(w)).clamp(s.limits())
	}
	if dy := float64(ev.Scrolled.DY); dy != 0 {
		s.zoom(s.ratioAt(ev.Position.X), math.Exp(-zoomRate*dy))
	}
	s.Refresh()
}

// zoom scales the window by f, keeping the day at ratio r where it is.
func (s *timeSlider) zoom(r, f float64) {
	s.win = s.win.resize(r, s.win.days()*f, s.limits())
}

// FocusGained shows the focus ring.
func (s *timeSlider) FocusGained() {
	s.focused = true
	s.Refresh()
}

// FocusLost hides the focus ring.
func (s *timeSlider) FocusLost() {
	s.focused = false
	s.Refresh()
}

// TypedRune zooms in on + (or =) and out on -, about the thumb.
func (s *timeSlider) TypedRune(r rune) {
	at := math.Min(math.Max(s.win.ratio(float64(s.day)), 0), 1)
	switch r {
	case '+', '=':
		s.zoom(at, 0.5)
	case '-':
		s.zoom(at, 2)
	default:
		return
	}
	s.Refresh()
}

// TypedKey steps a day back or forward on the left and right arrows.
func (s *timeSlider) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		s.pick(s.day - 1)
	case fyne.KeyRight:
		s.pick(s.day + 1)
	}
}

// MouseIn highlights the thumb.
func (s *timeSlider) MouseIn(*desktop.MouseEvent) {
	s.hovered = true
	s.Refresh()
}

// MouseMoved does nothing.
func (s *timeSlider) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (s *timeSlider) MouseOut() {
	s.hovered = false
	s.Refresh()
}

// focus gives the slider the keyboard focus, as Fyne's slider does on a
// desktop.
func (s *timeSlider) focus() {
	if fyne.CurrentDevice().IsMobile() {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		c.Focus(s)
	}
}

// sliderGeometry holds the sizes a timeSlider is drawn with, from its
// theme (the thumb and ends match Fyne's slider).
type sliderGeometry struct {
	pad    float32 // from each end of the widget to the track's
	thumb  float32 // thumb diameter
	trackY float32 // centre line of the track
	line   float32 // track thickness
	text   float32 // label text size
	minH   float32 // height of Fyne's slider
}

// geometry is the slider's sizes under its theme.
func (s *timeSlider) geometry() sliderGeometry {
	th := s.Theme()
	icon, inner := th.Size(theme.SizeNameInlineIcon), th.Size(theme.SizeNameInnerPadding)
	dia := icon - 4
	return sliderGeometry{
		pad:    dia/2 + inner - 1.5,
		thumb:  dia,
		trackY: inner/2 + dia/2,
		line:   2 * th.Size(theme.SizeNameInputBorder),
		text:   th.Size(theme.SizeNameCaptionText),
		minH:   icon + 2*inner,
	}
}

// track is where the track starts and how wide it is in a slider of size.
func (s *timeSlider) track(size fyne.Size) (start, width float32) {
	pad := s.geometry().pad
	return pad, max(size.Width-2*pad, 1)
}

// ratioAt is how far across the track x lies, from 0 to 1.
func (s *timeSlider) ratioAt(x float32) float64 {
	start, w := s.track(s.Size())
	return math.Min(math.Max(float64((x-start)/w), 0), 1)
}

// dayAt is the whole day of the window nearest x.
func (s *timeSlider) dayAt(x float32) model.Day {
	d := model.Day(math.Round(s.win.at(s.ratioAt(x))))
	return min(max(d, firstDay(s.win)), lastDay(s.win))
}

// xOf is where day lies across a slider of size.
func (s *timeSlider) xOf(day model.Day, size fyne.Size) float32 {
	start, w := s.track(size)
	return start + float32(s.win.ratio(float64(day)))*w
}

// CreateRenderer draws the slider.
func (s *timeSlider) CreateRenderer() fyne.WidgetRenderer {
	s.ExtendBaseWidget(s)
	r := &timeSliderRenderer{
		s:     s,
		track: canvas.NewRectangle(color.Transparent),
		thumb: &canvas.Circle{},
		ring:  &canvas.Circle{},
	}
	r.Refresh()
	return r
}

// timeSliderRenderer draws a timeSlider: the track, ticks and their labels
// below it, event marks above it and a thumb at the day. Marks and labels
// come from pools that grow to the most the window has needed.
type timeSliderRenderer struct {
	s       *timeSlider
	track   *canvas.Rectangle
	thumb   *canvas.Circle
	ring    *canvas.Circle // hover and focus halo around the thumb
	marks   []*canvas.Rectangle
	events  []*canvas.Rectangle
	labels  []*canvas.Text
	objects []fyne.CanvasObject
}

// tickLength is how far a tick of each kind reaches below the track.
var tickLength = [...]float32{dayTick: 2, monthTick: 4, yearTick: 6}

// Destroy does nothing.
func (r *timeSliderRenderer) Destroy() {}

// Objects are what Layout placed.
func (r *timeSliderRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh lays the slider out again with the theme's colours.
func (r *timeSliderRenderer) Refresh() {
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}

// MinSize is as high as Fyne's slider, or more if the labels need it.
func (r *timeSliderRenderer) MinSize() fyne.Size {
	g := r.s.geometry()
	h := g.trackY + g.line/2 + tickLength[yearTick] + fyne.MeasureText("0", g.text, fyne.TextStyle{}).Height
	return fyne.NewSize(34+g.thumb, max(g.minH, h))
}

// Layout places the track, ticks, labels, event marks and thumb.
func (r *timeSliderRenderer) Layout(size fyne.Size) {
	g := r.s.geometry()
	start, w := r.s.track(size)
	r.track.FillColor = r.color(theme.ColorNameInputBackground)
	r.track.Move(fyne.NewPos(start, g.trackY-g.line/2))
	r.track.Resize(fyne.NewSize(w, g.line))
	r.objects = append(r.objects[:0], r.track)
	r.layoutTicks(g, start, w)
	r.layoutEvents(g, size)
	r.layoutThumb(g, size)
}

// layoutTicks places a mark for each tick and a label for each labelled one.
func (r *timeSliderRenderer) layoutTicks(g sliderGeometry, start, w float32) {
	measure := func(s string) float32 { return fyne.MeasureText(s, g.text, fyne.TextStyle{}).Width }
	top := g.trackY + g.line/2
	nl := 0
	for i, tk := range ticks(r.s.win, w, measure) {
		m := pooled(&r.marks, i, func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) })
		c := r.color(theme.ColorNameForeground)
		if tk.kind == dayTick {
			c = r.color(theme.ColorNamePlaceHolder)
		}
		m.FillColor = c
		m.Move(fyne.NewPos(start+tk.x-0.5, top))
		m.Resize(fyne.NewSize(1, tickLength[tk.kind]))
		r.objects = append(r.objects, m)
		if tk.label == "" {
			continue
		}
		l := pooled(&r.labels, nl, func() *canvas.Text { return &canvas.Text{} })
		nl++
		setText(l, tk.label, c, g.text)
		l.Move(fyne.NewPos(start+tk.x-measure(tk.label)/2, top+tickLength[yearTick]))
		r.objects = append(r.objects, l)
	}
}

// layoutEvents places a mark above the track for each event day in the
// window, one to a pixel.
func (r *timeSliderRenderer) layoutEvents(g sliderGeometry, size fyne.Size) {
	win := r.s.win
	i, _ := slices.BinarySearch(r.s.events, model.Day(math.Ceil(win.lo)))
	n, last := 0, float32(-1)
	for _, d := range r.s.events[i:] {
		if float64(d) > win.hi {
			break
		}
		x := r.s.xOf(d, size)
		if float32(math.Round(float64(x))) == last {
			continue
		}
		last = float32(math.Round(float64(x)))
		m := pooled(&r.events, n, func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) })
		n++
		m.FillColor = r.color(theme.ColorNamePrimary)
		m.Move(fyne.NewPos(x-1, g.trackY-g.thumb/2+1))
		m.Resize(fyne.NewSize(2, g.thumb/2-1-g.line/2))
		r.objects = append(r.objects, m)
	}
}

// layoutThumb places the thumb, and its hover or focus ring, at the day if
// it is in the window.
func (r *timeSliderRenderer) layoutThumb(g sliderGeometry, size fyne.Size) {
	d := float64(r.s.day)
	if d < r.s.win.lo || d > r.s.win.hi {
		return
	}
	x := r.s.xOf(r.s.day, size)
	r.thumb.FillColor = r.color(theme.ColorNameForeground)
	r.thumb.Resize(fyne.NewSquareSize(g.thumb))
	r.thumb.Move(fyne.NewPos(x-g.thumb/2, g.trackY-g.thumb/2))
	ring := g.thumb + 8
	r.ring.FillColor = color.Transparent
	if r.s.focused {
		r.ring.FillColor = r.color(theme.ColorNameFocus)
	} else if r.s.hovered {
		r.ring.FillColor = r.color(theme.ColorNameHover)
	}
	r.ring.Resize(fyne.NewSquareSize(ring))
	r.ring.Move(fyne.NewPos(x-ring/2, g.trackY-ring/2))
	r.objects = append(r.objects, r.ring, r.thumb)
}

// color is the theme's colour called name.
func (r *timeSliderRenderer) color(name fyne.ThemeColorName) color.Color {
	return r.s.Theme().Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

// pooled returns (*pool)[i], growing the pool with fresh as needed.
func pooled[T any](pool *[]T, i int, fresh func() T) T {
	for len(*pool) <= i {
		*pool = append(*pool, fresh())
	}
	return (*pool)[i]
}

// setText sets a label's text, colour and size, refreshing it only when
// one changed (a text's texture is cached until it is refreshed).
func setText(l *canvas.Text, s string, c color.Color, size float32) {
	if l.Text == s && l.Color == c && l.TextSize == size {
		return
	}
	l.Text, l.Color, l.TextSize = s, c, size
	l.Refresh()
}

// span is a stretch of time from lo to hi in days; fractional, so that
// zooming and panning are smooth.
type span struct{ lo, hi float64 }

// spanOf is the span from day lo to day hi.
func spanOf(lo, hi model.Day) span { return span{float64(lo), float64(hi)} }

// days is how long w is.
func (w span) days() float64 { return w.hi - w.lo }

// at is the day a fraction r of the way across w.
func (w span) at(r float64) float64 { return w.lo + r*w.days() }

// ratio is how far across w day lies: 0 at lo, 1 at hi.
func (w span) ratio(day float64) float64 {
	if w.days() == 0 {
		return 0
	}
	return (day - w.lo) / w.days()
}

// shift moves w by d days.
func (w span) shift(d float64) span { return span{w.lo + d, w.hi + d} }

// clamp fits w inside b, keeping its middle where it can.
func (w span) clamp(b span) span { return w.resize(0.5, w.days(), b) }

// resize makes w n days long, keeping the day at ratio r in place, then
// moves it inside b. The length is held between minWindow (or b's length,
// if shorter) and b's length.
func (w span) resize(r, n float64, b span) span {
	n = math.Min(math.Max(n, math.Min(minWindow, b.days())), b.days())
	lo := w.at(r) - r*n
	lo = math.Max(b.lo, math.Min(lo, b.hi-n))
	return span{lo, lo + n}
}

// tickKind is what a tick marks, finest first.
type tickKind int

// The kinds of tick.
const (
	dayTick tickKind = iota
	monthTick
	yearTick
)

// tick is a mark on a time scale at the start of a day, month or year, x
// pixels from the start of the track, with its label if it has room.
type tick struct {
	day   model.Day
	kind  tickKind
	x     float32
	label string
}

const (
	// minTickGap is the least space, in pixels, between two ticks.
	minTickGap = 4
	// labelGap is the least space, in pixels, between two labels.
	labelGap = 6
	// Mean lengths of a year and a month, in days.
	daysPerYear  = 365.2425
	daysPerMonth = daysPerYear / 12
)

// Steps between ticks or labels: each step divides the next, so a label
// step always falls on ticks.
var (
	yearSteps  = []int{1, 5, 10, 50, 100, 500, 1000, 5000}
	monthSteps = []int{1, 3, 6}
	daySteps   = []int{1, 5, 10}
)

// ticks lists the marks of window w on a track width pixels wide: years
// (every 5, 10, … when single years would crowd), then months and days
// when they are at least minTickGap apart, each kind from earliest to
// latest. Labels go at regular steps wide enough for their text, measured
// by textWidth, and a label that would overlap one of a coarser or earlier
// tick, or overhang the track, is dropped: labels never collide.
func ticks(w span, width float32, textWidth func(string) float32) []tick {
	if w.days() <= 0 || width <= 0 {
		return nil
	}
	px := float64(width) / w.days()
	out := yearTicks(w, px, textWidth)
	if daysPerMonth*px >= minTickGap {
		out = append(out, monthTicks(w, px, textWidth)...)
	}
	if px >= minTickGap {
		out = append(out, dayTicks(w, px, textWidth)...)
	}
	for i := range out {
		out[i].x = float32(w.ratio(float64(out[i].day))) * width
	}
	dropCollisions(out, width, textWidth)
	addContext(out, width, textWidth)
	return out
}

// addContext names the year, when no label does (a window within one
// year that holds no New Year's Day: Feb to Apr said no year anywhere),
// on the first month label it fits on ("Feb 2009"), else on the first day
// label, with its month ("5 Apr 2009"). Day labels in its way give way.
func addContext(ts []tick, width float32, textWidth func(string) float32) {
	for _, t := range ts {
		if t.kind == yearTick && t.label != "" {
			return
		}
	}
	// in reports the day labels the label of tick i would meet, and
	// whether it fits but for them.
	in := func(i int, label string) (days []int, ok bool) {
		half := textWidth(label) / 2
		lo, hi := ts[i].x-half, ts[i].x+half
		if lo < 0 || hi > width {
			return nil, false
		}
		for j, o := range ts {
			if j == i || o.label == "" {
				continue
			}
			oh := textWidth(o.label) / 2
			if hi+labelGap <= o.x-oh || o.x+oh+labelGap <= lo {
				continue
			}
			if o.kind != dayTick {
				return nil, false
			}
			days = append(days, j)
		}
		return days, true
	}
	for _, kind := range []tickKind{monthTick, dayTick} {
		for i, t := range ts {
			if t.kind != kind || t.label == "" {
				continue
			}
			at := t.day.Time()
			label := fmt.Sprintf("%s %d", t.label, at.Year())
			if kind == dayTick {
				label = fmt.Sprintf("%s %s %d", t.label, monthAbbr(at.Month()), at.Year())
			}
			if days, ok := in(i, label); ok {
				for _, j := range days {
					ts[j].label = ""
				}
				ts[i].label = label
				return
			}
		}
	}
}

// step is the first of steps at least need pixels long, at px pixels per
// unit; the last step if none is.
func step(steps []int, px, need float64) int {
	for _, s := range steps {
		if float64(s)*px >= need {
			return s
		}
	}
	return steps[len(steps)-1]
}

// yearTicks marks each New Year's Day in w, or every few years.
func yearTicks(w span, px float64, textWidth func(string) float32) []tick {
	px *= daysPerYear
	every := step(yearSteps, px, minTickGap)
	label := step(yearSteps, px, float64(textWidth("0000"))+labelGap)
	var out []tick
	first, last := firstDay(w).Time().Year(), lastDay(w).Time().Year()
	for y := (first + every - 1) / every * every; y <= last; y += every {
		d := model.DayOf(y, time.January, 1)
		if d < firstDay(w) {
			continue
		}
		t := tick{day: d, kind: yearTick}
		if y%label == 0 {
			t.label = strconv.Itoa(y)
		}
		out = append(out, t)
	}
	return out
}

// monthTicks marks the first of each month in w but January, whose mark is
// the year's.
func monthTicks(w span, px float64, textWidth func(string) float32) []tick {
	label := step(monthSteps, px*daysPerMonth, float64(textWidth("May"))+labelGap)
	var out []tick
	t0 := firstDay(w).Time()
	for m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC); ; m = m.AddDate(0, 1, 0) {
		d := model.DayOf(m.Year(), m.Month(), 1)
		if d > lastDay(w) {
			return out
		}
		if d < firstDay(w) || m.Month() == time.January {
			continue
		}
		t := tick{day: d, kind: monthTick}
		if int(m.Month()-1)%label == 0 {
			t.label = monthAbbr(m.Month())
		}
		out = append(out, t)
	}
}

// dayTicks marks each day in w but the first of a month, whose mark is the
// month's.
func dayTicks(w span, px float64, textWidth func(string) float32) []tick {
	label := step(daySteps, px, float64(textWidth("30"))+labelGap)
	var out []tick
	for d := firstDay(w); d <= lastDay(w); d++ {
		dom := d.Time().Day()
		if dom == 1 {
			continue
		}
		t := tick{day: d, kind: dayTick}
		if label == 1 || dom%label == 0 {
			t.label = strconv.Itoa(dom)
		}
		out = append(out, t)
	}
	return out
}

// dropCollisions clears each label that would overhang [0, width] or come
// within labelGap of a label placed before it; ticks are in priority order.
func dropCollisions(ts []tick, width float32, textWidth func(string) float32) {
	type extent struct{ lo, hi float32 }
	var placed []extent
	for i := range ts {
		if ts[i].label == "" {
			continue
		}
		half := textWidth(ts[i].label) / 2
		e := extent{ts[i].x - half, ts[i].x + half}
		ok := e.lo >= 0 && e.hi <= width
		for _, p := range placed {
			ok = ok && (e.hi+labelGap <= p.lo || p.hi+labelGap <= e.lo)
		}
		if !ok {
			ts[i].label = ""
			continue
		}
		placed = append(placed, e)
	}
}

// firstDay is the first whole day in w.
func firstDay(w span) model.Day { return model.Day(math.Ceil(w.lo)) }

// lastDay is the last whole day in w.
func lastDay(w span) model.Day { return model.Day(math.Floor(w.hi)) }

// monthAbbr is a month's name in the window's language, to three letters.
func monthAbbr(m time.Month) string {
	name := []rune(lang.L(m.String()))
	return string(name[:min(3, len(name))])
}
