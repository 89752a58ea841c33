package ui

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"relmap/model"
)

// charWidth measures a label as 7 pixels a character.
func charWidth(s string) float32 { return 7 * float32(len(s)) }

// date is the Day of y-m-d.
func date(y int, m time.Month, d int) model.Day { return model.DayOf(y, m, d) }

// newSliderAt returns a slider width pixels wide over bounds lo to hi,
// showing all of them, that records the days the user picks.
func newSliderAt(t *testing.T, width float32, lo, hi model.Day) (*timeSlider, *[]model.Day) {
	t.Helper()
	test.NewTempApp(t)
	var picked []model.Day
	s := newTimeSlider(func(d model.Day) { picked = append(picked, d) })
	s.Resize(fyne.NewSize(width, s.MinSize().Height))
	s.setBounds(lo, hi)
	s.setDay(lo)
	return s, &picked
}

// trackWidth is the width of the track of a slider width pixels wide.
func trackWidth(s *timeSlider, width float32) float32 {
	_, w := s.track(fyne.NewSize(width, 0))
	return w
}

func TestTimeSliderTicks(t *testing.T) {
	years := func(from, to, every int) []model.Day {
		var out []model.Day
		for y := from; y <= to; y += every {
			out = append(out, date(y, time.January, 1))
		}
		return out
	}
	tests := []struct {
		name  string
		w     span
		width float32
		kind  tickKind
		want  []model.Day
	}{
		{
			"for a 50-year window, the year ticks should be the 50 years",
			spanOf(date(1974, 1, 1), date(2023, 12, 31)), 600, yearTick, years(1974, 2023, 1),
		},
		{
			"for 200 years on 600 pixels, the year ticks should be every fifth year",
			spanOf(date(1800, 1, 1), date(2000, 1, 1)), 600, yearTick, years(1800, 2000, 5),
		},
		{
			"for a year, the month ticks should be the eleven months between the New Years",
			spanOf(date(2023, 1, 1), date(2024, 1, 1)), 600, monthTick,
			[]model.Day{
				date(2023, 2, 1), date(2023, 3, 1), date(2023, 4, 1), date(2023, 5, 1), date(2023, 6, 1), date(2023, 7, 1),
				date(2023, 8, 1), date(2023, 9, 1), date(2023, 10, 1), date(2023, 11, 1), date(2023, 12, 1),
			},
		},
		{
			"for 50 years on 600 pixels, there should be no month ticks",
			spanOf(date(1974, 1, 1), date(2023, 12, 31)), 600, monthTick, nil,
		},
		{
			"for 10 days, the day ticks should be each day but the first of the month",
			spanOf(date(2024, 3, 27), date(2024, 4, 5)), 600, dayTick,
			[]model.Day{
				date(2024, 3, 27), date(2024, 3, 28), date(2024, 3, 29), date(2024, 3, 30), date(2024, 3, 31),
				date(2024, 4, 2), date(2024, 4, 3), date(2024, 4, 4), date(2024, 4, 5),
			},
		},
		{
			"for a year on 600 pixels, there should be no day ticks",
			spanOf(date(2023, 1, 1), date(2024, 1, 1)), 600, dayTick, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []model.Day
			for _, tk := range ticks(tt.w, tt.width, charWidth) {
				if tk.kind == tt.kind {
					got = append(got, tk.day)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v,\nwant %v", got, tt.want)
			}
		})
	}
}

func TestTimeSliderTickLabels(t *testing.T) {
	tests := []struct {
		name  string
		w     span
		width float32
		want  []string
	}{
		{"for 50 years on 600 pixels, should label every fifth year but one overhanging the start", spanOf(date(1974, 1, 1), date(2023, 12, 31)), 600,
			[]string{"1980", "1985", "1990", "1995", "2000", "2005", "2010", "2015", "2020"}},
		{"for five months, should label the year and the months", spanOf(date(2023, 11, 10), date(2024, 4, 20)), 600,
			[]string{"2024", "Dec", "Feb", "Mar", "Apr"}},
		{"for ten days, should label the month with its year, and the days but the two at the ends", spanOf(date(2024, 3, 27), date(2024, 4, 5)), 600,
			[]string{"Apr 2024", "28", "29", "30", "31", "2", "3", "4"}},
		// Without a New Year's Day in the window, no label said the year.
		{"for February to April, should say the year on the first month, the days in its way giving way", spanOf(date(2009, 1, 20), date(2009, 4, 20)), 600,
			[]string{"Feb 2009", "Mar", "Apr", "25", "10", "15", "20", "25", "5", "10", "15", "20", "25", "5", "10", "15"}},
		{"for days within a month, should say the month and year on the first day it fits on", spanOf(date(2009, 2, 3), date(2009, 2, 12)), 600,
			[]string{"4 Feb 2009", "5", "6", "7", "8", "9", "10", "11"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range ticks(tt.w, tt.width, charWidth) {
				if tk.label != "" {
					got = append(got, tk.label)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q,\nwant %q", got, tt.want)
			}
		})
	}
}

func TestTimeSliderLabelsNeverCollide(t *testing.T) {
	start := date(2024, 4, 7)
	for _, days := range []float64{14, 30, 45, 150, 365, 800, 5 * 365, 50 * 365, 500 * 365} {
		for _, width := range []float32{120, 300, 600, 1500} {
			name := fmt.Sprintf("for %.0f days on %.0f pixels, labels should not overlap or overhang", days, width)
			t.Run(name, func(t *testing.T) {
				w := span{float64(start) - days/2 - 0.3, float64(start) + days/2 - 0.3}
				var prev []tick
				for _, tk := range ticks(w, width, charWidth) {
					if tk.label == "" {
						continue
					}
					lo, hi := tk.x-charWidth(tk.label)/2, tk.x+charWidth(tk.label)/2
					if lo < 0 || hi > width {
						t.Errorf("label %q at %.1f overhangs 0 to %.0f", tk.label, tk.x, width)
					}
					for _, p := range prev {
						if math.Abs(float64(p.x-tk.x)) < float64(charWidth(p.label)+charWidth(tk.label))/2+labelGap {
							t.Errorf("labels %q at %.1f and %q at %.1f collide", p.label, p.x, tk.label, tk.x)
						}
					}
					prev = append(prev, tk)
				}
				if width >= 300 && len(prev) == 0 {
					t.Errorf("no labels")
				}
			})
		}
	}
}

func TestTimeSliderWheel(t *testing.T) {
	lo, hi := date(1973, 1, 1), date(2024, 12, 31)
	tests := []struct {
		name   string
		x      float32
		dx, dy float32
		// zoom is true when the day under the pointer must stay there.
		zoom       bool
		wantWider  bool
		wantShift  float64 // sign of the move of the window's middle
		wantLength float64 // days, or 0 for any
	}{
		{"when the wheel turns up, should keep the day under the pointer and narrow the window", 300, 0, 25, true, false, 0, 0},
		{"when the wheel turns up near the start, should keep the day under the pointer", 40, 0, 25, true, false, 0, 0},
		{"when the wheel turns down, should keep the day under the pointer and widen the window", 300, 0, -25, true, true, 0, 0},
		{"when the wheel turns far up, should stop at the narrowest window", 300, 0, 5000, false, false, 0, minWindow},
		{"when the wheel turns far down, should stop at the whole span", 300, 0, -5000, false, true, 0, float64(hi - lo)},
		{"when shift and the wheel scroll left, should pan earlier", 300, 25, 0, false, false, -1, 1000},
		{"when shift and the wheel scroll right, should pan later", 300, -25, 0, false, false, 1, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newSliderAt(t, 600, lo, hi)
			s.setWindow(date(2000, 1, 1), date(2000, 1, 1)+1000)
			before, under := s.win, s.win.at(s.ratioAt(tt.x))
			s.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(tt.x, 10)}, Scrolled: fyne.NewDelta(tt.dx, tt.dy)})
			after := s.win
			if tt.zoom && math.Abs(after.at(s.ratioAt(tt.x))-under) > 1e-6 {
				t.Errorf("day under the pointer moved from %.3f to %.3f", under, after.at(s.ratioAt(tt.x)))
			}
			if tt.dy != 0 && (after.days() > before.days()) != tt.wantWider {
				t.Errorf("window went from %.1f to %.1f days", before.days(), after.days())
			}
			if tt.wantLength != 0 && math.Abs(after.days()-tt.wantLength) > 1e-6 {
				t.Errorf("window is %.1f days, want %.1f", after.days(), tt.wantLength)
			}
			if moved := (after.lo + after.hi - before.lo - before.hi) / 2; tt.wantShift != 0 && moved*tt.wantShift <= 0 {
				t.Errorf("window moved %.1f days, want a move of sign %.0f", moved, tt.wantShift)
			}
		})
	}
}

func TestTimeSliderWheelZoomsInUntilEveryDayHasAPixel(t *testing.T) {
	lo, hi := date(1973, 1, 1), date(2024, 12, 31)
	s, _ := newSliderAt(t, 600, lo, hi)
	w := float64(trackWidth(s, 600))
	for notch := 0; s.win.days() > w; notch++ {
		if notch == 100 {
			t.Fatalf("after 100 notches the window is %.0f days on %.0f pixels", s.win.days(), w)
		}
		s.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 10)}, Scrolled: fyne.NewDelta(0, 25)})
	}
}

func TestTimeSliderDrag(t *testing.T) {
	tests := []struct {
		name   string
		width  float32
		lo, hi model.Day
	}{
		{"when dragged across a 30-day window on 600 pixels, should reach each day in order", 600, date(2024, 3, 10), date(2024, 4, 9)},
		{"when dragged across a 14-day window on 100 pixels, should reach each day in order", 100, date(2024, 3, 25), date(2024, 4, 8)},
		{"when dragged across a 400-day window on 600 pixels, should reach each day in order", 600, date(2023, 3, 1), date(2024, 4, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, picked := newSliderAt(t, tt.width, tt.lo-1000, tt.hi+1000)
			s.setWindow(tt.lo, tt.hi)
			s.setDay(tt.lo)
			for x := float32(0); x <= tt.width; x++ {
				s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 10)}})
			}
			s.DragEnd()
			var want []model.Day
			for d := tt.lo + 1; d <= tt.hi; d++ {
				want = append(want, d)
			}
			if !slices.Equal(*picked, want) {
				t.Errorf("picked %v,\nwant %v", *picked, want)
			}
		})
	}
}

func TestTimeSliderSetDayFollows(t *testing.T) {
	lo, hi := date(1973, 1, 1), date(2024, 12, 31)
	tests := []struct {
		name string
		day  model.Day
		want span
	}{
		{"when the day moves out of the window, should centre the window on it", date(2010, 1, 1), span{float64(date(2010, 1, 1)) - 50, float64(date(2010, 1, 1)) + 50}},
		{"when the day moves within the window, should keep the window", date(2000, 2, 1), spanOf(date(2000, 1, 1), date(2000, 1, 1)+100)},
		{"when the day moves past the bounds, should stretch them to it", hi + 500, spanOf(hi+400, hi+500)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, picked := newSliderAt(t, 600, lo, hi)
			s.setWindow(date(2000, 1, 1), date(2000, 1, 1)+100)
			s.setDay(tt.day)
			if s.win != tt.want {
				t.Errorf("window = %v, want %v", s.win, tt.want)
			}
			if len(*picked) != 0 {
				t.Errorf("setDay called OnChanged with %v", *picked)
			}
		})
	}
}

// A slider that shows all the map's dates still shows them all when a
// date before or after them is typed: the window stretches to the day,
// and every date in between can be picked. Back on a date within them,
// the window is the map's dates again.
func TestTimeSliderWholeWindowStretchesToADayBeyond(t *testing.T) {
	lo, hi := date(1900, 1, 1), date(2010, 12, 31)
	for _, day := range []model.Day{date(1899, 1, 1), date(2012, 6, 1)} {
		s, _ := newSliderAt(t, 600, lo, hi)
		s.setDay(date(1950, 1, 1))
		s.setDay(day)
		want := spanOf(min(day, lo), max(day, hi))
		if s.win != want {
			t.Errorf("after typing %v: window = %v, want %v", day, s.win, want)
		}
		start, w := s.track(s.Size())
		if got := s.dayAt(start + w); got != max(day, hi) {
			t.Errorf("after typing %v: the end of the track is %v, want %v", day, got, max(day, hi))
		}
		if got := s.dayAt(start); got != min(day, lo) {
			t.Errorf("after typing %v: the start of the track is %v, want %v", day, got, min(day, lo))
		}
		s.setDay(date(1950, 1, 1))
		if want := spanOf(lo, hi); s.win != want {
			t.Errorf("back on 1950 after %v: window = %v, want %v", day, s.win, want)
		}
	}
}

func TestTimeSliderKeys(t *testing.T) {
	s, picked := newSliderAt(t, 600, date(2024, 1, 1), date(2024, 12, 31))
	s.setDay(date(2024, 4, 5))
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	want := []model.Day{date(2024, 4, 6), date(2024, 4, 7), date(2024, 4, 6)}
	if !slices.Equal(*picked, want) {
		t.Errorf("arrows picked %v, want %v", *picked, want)
	}
	before := s.win.days()
	s.TypedRune('+')
	if got := s.win.days(); got != before/2 {
		t.Errorf("+ made the window %.1f days, want %.1f", got, before/2)
	}
}

func TestTimeSliderRenders(t *testing.T) {
	s, _ := newSliderAt(t, 600, date(2023, 1, 1), date(2024, 12, 31))
	s.setWindow(date(2023, 11, 10), date(2024, 4, 20))
	s.setEvents([]model.Day{date(2024, 4, 5), date(2023, 12, 1), date(2024, 4, 5), date(2020, 1, 1)})
	s.setDay(date(2024, 4, 5))
	r := test.TempWidgetRenderer(t, s).(*timeSliderRenderer)
	var events, labels int
	for _, o := range r.Objects() {
		for _, e := range r.events {
			if o == e {
				events++
			}
		}
		for _, l := range r.labels {
			if o == l {
				labels++
			}
		}
	}
	if events != 2 {
		t.Errorf("%d event marks, want 2 (the distinct event days in the window)", events)
	}
	if labels != 5 {
		t.Errorf("%d labels, want 5", labels)
	}
	if got, want := r.thumb.Position().X+r.thumb.Size().Width/2, s.xOf(date(2024, 4, 5), s.Size()); got != want {
		t.Errorf("thumb centre at %.1f, want %.1f", got, want)
	}
	if h := s.MinSize().Height; h > 40 {
		t.Errorf("slider is %.0f high, want the bar compact (at most 40)", h)
	}
}
