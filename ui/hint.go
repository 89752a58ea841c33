package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var _ desktop.Hoverable = (*hintButton)(nil)

// hintButton is an icon button that says what it does, on the window's
// status line, while the pointer is over it: Fyne has no tooltips, and an
// icon alone may be read as something else (the timeline's "fit" as the
// map's).
type hintButton struct {
	widget.Button
	hint string
	// say puts a text on the status line and returns what it said
	// before; nil until the window has one.
	say  func(string) string
	was  string
	said bool
}

// newHintButton is a button with icon that calls tapped, and says hint
// while hovered.
func newHintButton(icon fyne.Resource, hint string, tapped func()) *hintButton {
	b := &hintButton{hint: hint}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn says the hint.
func (b *hintButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	if b.say != nil && !b.said {
		b.was, b.said = b.say(b.hint), true
	}
}

// MouseOut gives the status line back what it said before, unless
// something else has been said there since.
func (b *hintButton) MouseOut() {
	b.Button.MouseOut()
	if b.said {
		b.said = false
		if now := b.say(b.was); now != b.hint {
			b.say(now)
		}
	}
}

// keyed is what a button does with the keys that do it too: "Next Change
// (Ctrl+Right)".
func keyed(what, keys string) string { return what + " (" + keys + ")" }

// statusLine is the line at the foot of the window: a label cut short
// with "…" when it is longer than the window is wide, whose whole text a
// click shows (a comparison's count of what is not drawn, at the end of a
// long line, could not be read anywhere).
type statusLine struct {
	widget.Label
	win fyne.Window
}

func newStatusLine(win fyne.Window) *statusLine {
	s := &statusLine{win: win}
	s.Truncation = fyne.TextTruncateEllipsis
	s.ExtendBaseWidget(s)
	return s
}

// cut reports whether the line is cut short.
func (s *statusLine) cut() bool {
	th := s.Theme()
	room := s.Size().Width - 2*th.Size(theme.SizeNameInnerPadding)
	return fyne.MeasureText(s.Text, th.Size(theme.SizeNameText), s.TextStyle).Width > room
}

// Tapped shows the whole line when it is cut short.
func (s *statusLine) Tapped(*fyne.PointEvent) {
	if s.Text == "" || !s.cut() {
		return
	}
	text := widget.NewLabel(s.Text)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Status"), lang.L("Close"), text, s.win)
	d.Show()
	d.Resize(fyne.NewSize(560, 240))
}
