package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"relmap/model"
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
			te.time.slider.SetValue(float64(d))
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
	last := te.keys[len(te.keys)-1]
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
		{"from the first keyframe, prev should stay", te.keys[0].String(), te.time.prev, te.keys[0].String()},
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
			if got, want := model.Day(te.time.slider.Value), want; got != want {
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
	te.SetDate(day(t, "2024-04-07"), false)
	tests := []struct {
		name  string
		typed string
		want  string
	}{
		{"when a full date is typed, should show that day", "2024-04-06", "2024-04-06"},
		{"when a month is typed, should show its first day", "2024-03", "2024-03-01"},
		{"when a bad date is typed, should keep the day and restore the field", "2024-13-01", "2024-03-01"},
		{"when the field is cleared, should keep the day and restore the field", "", "2024-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te.time.date.SetText("")
			test.Type(te.time.date, tt.typed)
			te.time.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if got, want := te.Day(), day(t, tt.want); got != want {
				t.Errorf("Day() = %s, want %s", got, want)
			}
			if got := te.time.date.Text; got != tt.want {
				t.Errorf("date field = %q, want %q", got, tt.want)
			}
		})
	}
}
