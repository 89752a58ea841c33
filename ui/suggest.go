package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// maxSuggested is how many names a pick suggests as the user types.
const maxSuggested = 8

// suggester lists, beneath a pick, the names it offers for what is typed
// in it, as it is typed: the list opened only from its arrow, and users
// typed a name in full without knowing it was there. Down and Up mark a
// name, Enter or a click takes it, Escape closes the list; every other
// key is the field's. A popup takes the keyboard in Fyne (each overlay has
// its focus of its own), so the list holds a focusable suggester that
// hands the keys it gets to the field.
type suggester struct {
	widget.BaseWidget
	field  *pick
	pop    *widget.PopUp
	rows   *fyne.Container
	names  []string
	marked int // -1 for none
}

func newSuggester(field *pick) *suggester {
	s := &suggester{field: field, rows: container.NewVBox(), marked: -1}
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer draws nothing: the suggester is the list's keyboard.
func (s *suggester) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// suggest shows the names the field offers for its text, or hides the
// list when there is none to offer: no text, no name holding it, or the
// one name that is the text already.
func (s *suggester) suggest() {
	text := strings.TrimSpace(s.field.Text)
	var names []string
	if text != "" {
		names = s.field.suggestions()
	}
	if len(names) > maxSuggested {
		names = names[:maxSuggested]
	}
	if len(names) == 0 || len(names) == 1 && model.Fold(names[0]) == model.Fold(text) {
		s.hide()
		return
	}
	s.names, s.marked = names, -1
	s.rows.Objects = s.rows.Objects[:0]
	for _, name := range names {
		b := widget.NewButton(name, func() { s.take(name) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.rows.Add(b)
	}
	s.rows.Refresh()
	c := fyne.CurrentApp().Driver().CanvasForObject(s.field)
	if c == nil {
		return
	}
	if s.pop == nil {
		s.pop = widget.NewPopUp(container.NewStack(s, s.rows), c)
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.field).Add(fyne.NewPos(0, s.field.Size().Height))
	s.pop.ShowAtPosition(at)
	s.pop.Resize(fyne.NewSize(s.field.Size().Width, s.pop.MinSize().Height))
	c.Focus(s)
}

// hide closes the list, and gives the keyboard back to the field.
func (s *suggester) hide() {
	if s.pop == nil || !s.pop.Visible() {
		return
	}
	s.pop.Hide()
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.field); c != nil {
		refocus(c, s.field)
	}
}

// shown reports whether the list is open.
func (s *suggester) shown() bool { return s.pop != nil && s.pop.Visible() }

// take puts name in the field and closes the list.
func (s *suggester) take(name string) {
	s.hide()
	s.field.SetText(name)
	s.field.CursorColumn = len([]rune(name))
	s.field.Refresh()
}

// mark marks the name at i, from -1 (none) to the last.
func (s *suggester) mark(i int) {
	s.marked = max(-1, min(i, len(s.names)-1))
	for k, o := range s.rows.Objects {
		b := o.(*widget.Button)
		b.Importance = widget.LowImportance
		if k == s.marked {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

func (s *suggester) FocusGained() {}
func (s *suggester) FocusLost()   {}

// TypedRune types r in the field, which suggests again.
func (s *suggester) TypedRune(r rune) { s.field.TypedRune(r) }

// TypedKey moves the mark, takes the name marked, closes the list, or
// hands the key to the field.
func (s *suggester) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		s.mark(s.marked + 1)
	case fyne.KeyUp:
		s.mark(s.marked - 1)
	case fyne.KeyEscape:
		s.hide()
	case fyne.KeyTab:
		// To the next field, as from the field itself.
		s.hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(s.field); c != nil {
			c.FocusNext()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.marked >= 0 {
			s.take(s.names[s.marked])
			return
		}
		s.hide()
		s.field.TypedKey(k)
	default:
		s.field.TypedKey(k)
	}
}

// AcceptsTab takes Tab, which would otherwise move the keyboard among the
// list's own widgets, to move it to the field after the pick.
func (s *suggester) AcceptsTab() bool { return true }

// TypedShortcut hands a shortcut (paste, select all) to the field.
func (s *suggester) TypedShortcut(sc fyne.Shortcut) { s.field.TypedShortcut(sc) }
