package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image/color"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// textField is a text field in which Escape closes the dialog it is in, as
// Escape does outside a field (see Editor.listenForKeys): a field
// otherwise takes every key while it has the focus, and a form opens with
// the focus in its first field.
type textField struct {
	widget.Entry
	// onKey, when set, sees each key first and reports whether it took
	// it (the Find field moves through its results with the arrows).
	onKey func(*fyne.KeyEvent) bool
	// onLeave, when set, is called when the field loses the focus.
	onLeave func()
	// spaceAt is the end of the text just after a space typed there,
	// where the entry could not put the cursor (see TypedRune); 0 for
	// none.
	spaceAt int
}

// FocusGained selects the text of a field of one line, as desktop
// toolkits do when the keyboard comes into a field (see selectOnFocus).
func (f *textField) FocusGained() {
	f.Entry.FocusGained()
	if !f.MultiLine {
		selectOnFocus(&f.Entry)
	}
}

// selectOnFocus selects all the text of a field the keyboard has come
// into, by Tab or as a form opens: what is typed then replaces a value
// shown, a kind or a date, rather than running on after it (a new actor's
// kind became "CountryCountry"). A click in the field places the cursor
// where it falls all the same: Fyne's entry takes the focus before it
// places the cursor. The keyboard coming back to a field from its own
// list (see refocus) finds the text as it left it.
func selectOnFocus(e *widget.Entry) {
	if !returning {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// returning is set while refocus gives the keyboard back to a field.
var returning bool

// refocus gives the keyboard back to o, a field that had it before a list
// or a question took it, leaving its text and cursor as they were (see
// selectOnFocus).
func refocus(c fyne.Canvas, o fyne.Focusable) {
	returning = true
	defer func() { returning = false }()
	c.Focus(o)
}

func (f *textField) FocusLost() {
	f.Entry.FocusLost()
	if f.onLeave != nil {
		f.onLeave()
	}
}

func newTextField() *textField {
	f := &textField{}
	f.ExtendBaseWidget(f)
	return f
}

// AcceptsTab is false: Tab moves to the next field, even from a field of
// several lines (a note has no use for tab characters), and Shift+Tab to
// the one before.
func (f *textField) AcceptsTab() bool { return false }

// newTextArea is a text field of several lines, as
// widget.NewMultiLineEntry makes them.
func newTextArea() *textField {
	f := &textField{}
	f.MultiLine, f.Wrapping = true, fyne.TextWrap(fyne.TextTruncateClip)
	f.ExtendBaseWidget(f)
	return f
}

// TypedRune types r as widget.Entry does. In a field of several lines
// that wraps, Fyne's entry (2.8) cannot place the cursor after a space
// typed at the end of the text where a line wraps: it leaves it before the
// space, and the next word went in front of it ("led to thelargest "). The
// field remembers that space, and the next rune typed there replaces it
// with the space and the rune, pasted together, after which the cursor has
// a place.
func (f *textField) TypedRune(r rune) {
	if !f.MultiLine || f.Wrapping == fyne.TextWrapOff || f.SelectedText() != "" {
		f.spaceAt = 0
		f.Entry.TypedRune(r)
		return
	}
	if at := f.spaceAt; at > 0 {
		f.spaceAt = 0
		if text := []rune(f.Text); len(text) == at && text[at-1] == ' ' && f.CursorTextOffset() == at-1 {
			f.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
			f.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: typed(" " + string(r))})
			f.placeAtEnd()
			return
		}
	}
	f.Entry.TypedRune(r)
	f.placeAtEnd()
}

// placeAtEnd remembers, when the cursor was to be at the end of the text
// and is one place short of it, before a space, where it was to be (see
// TypedRune).
func (f *textField) placeAtEnd() {
	if text := []rune(f.Text); len(text) > 0 && text[len(text)-1] == ' ' && f.CursorTextOffset() == len(text)-1 {
		f.spaceAt = len(text)
	}
}

// typed is a clipboard that holds what TypedRune pastes.
type typed string

func (t typed) Content() string     { return string(t) }
func (t typed) SetContent(_ string) {}

func (f *textField) TypedKey(k *fyne.KeyEvent) {
	if f.onKey != nil && f.onKey(k) || k.Name == fyne.KeyEscape && closeDialog(f) {
		return
	}
	// The desktop sends each key typed here before its rune: only a key
	// that moves the cursor or edits forgets the space (see TypedRune).
	switch k.Name {
	case fyne.KeyBackspace:
		if text := []rune(f.Text); f.spaceAt > 0 && len(text) == f.spaceAt && f.CursorTextOffset() == f.spaceAt-1 {
			k = &fyne.KeyEvent{Name: fyne.KeyDelete} // the space the cursor is after, in truth
		}
		f.spaceAt = 0
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown,
		fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		f.spaceAt = 0
	}
	f.Entry.TypedKey(k)
}

// pick is a field with a list of options to pick from, in which Escape
// closes the dialog it is in (see textField). Its list opens from the
// arrow at its right or with the Down key; the arrow takes no focus, so
// that Tab goes from field to field.
type pick struct {
	widget.SelectEntry
	options []string
	// list, when set, is what the list offers when it opens, for the
	// field's text, in place of options (see actorPicker).
	list func(text string) []string
	// suggested lists the names offered as the user types.
	suggested *suggester
	// folded are the options as model.Fold gives them, folded when first
	// needed after SetOptions, not on every key typed.
	folded []string
}

// newPick is a pick offering options.
func newPick(options []string) *pick {
	p := &pick{}
	p.ExtendBaseWidget(p)
	p.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	p.ActionItem = newDropArrow(p.showList) // SelectEntry keeps an arrow it is given
	p.SetOptions(options)
	return p
}

// SetOptions sets what the list offers.
func (p *pick) SetOptions(options []string) {
	p.options, p.folded = options, nil
	p.SelectEntry.SetOptions(options)
}

// offers is what the field's list offers for its text: the list's, or,
// of more than maxPicks options, those holding the text, at most maxPicks
// (a list of thousands, a map's sources, took a second to open).
func (p *pick) offers() []string {
	switch {
	case p.list != nil:
		return p.list(p.Text)
	case len(p.options) <= maxPicks:
		return p.options
	}
	return p.suggestions()
}

// suggestions are the options holding the field's text, accents and case
// aside, those beginning with it first, as it is typed. Not the list's: a
// list that opens on an actor named shows the names about it, and typing
// "germany" suggested George Ball and George Guthrie under it.
func (p *pick) suggestions() []string {
	if p.folded == nil {
		p.folded = make([]string, len(p.options))
		for i, o := range p.options {
			p.folded[i] = model.Fold(o)
		}
	}
	return picks(p.options, p.folded, p.Text)
}

// showList opens the list of options beneath the field; the option picked
// is put in the field, which keeps the keyboard.
func (p *pick) showList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	options := p.offers()
	if c == nil || len(options) == 0 || p.Disabled() {
		return
	}
	items := make([]*fyne.MenuItem, len(options))
	for i, o := range options {
		items[i] = fyne.NewMenuItem(o, func() {
			p.SetText(o)
			refocus(c, p)
		})
	}
	list := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	list.ShowAtPosition(fyne.CurrentApp().Driver().AbsolutePositionForObject(p).Add(fyne.NewPos(0, p.Size().Height)))
	list.Resize(fyne.NewSize(p.Size().Width, list.MinSize().Height))
	// The option in the field is the one marked, else none: Down marks
	// the first.
	if at := slices.Index(options, p.Text); at >= 0 {
		for range at + 1 {
			list.ActivateNext()
		}
	}
}

func (p *pick) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && closeDialog(p):
	case k.Name == fyne.KeyDown && len(p.options) > 0:
		p.showList()
	default:
		p.SelectEntry.TypedKey(k)
		if k.Name == fyne.KeyBackspace || k.Name == fyne.KeyDelete {
			p.suggest()
		}
	}
}

// FocusGained selects the field's text (see selectOnFocus).
func (p *pick) FocusGained() {
	p.SelectEntry.FocusGained()
	selectOnFocus(&p.Entry)
}

// TypedRune types r, and lists the options holding what is typed.
func (p *pick) TypedRune(r rune) {
	p.SelectEntry.TypedRune(r)
	p.suggest()
}

// suggest lists beneath the field the options holding its text (see
// suggester), when it has options.
func (p *pick) suggest() {
	if p.Disabled() || len(p.options) == 0 && p.list == nil {
		return
	}
	if p.suggested == nil {
		p.suggested = newSuggester(p)
	}
	p.suggested.suggest()
}

// dialogButton is a button in which Escape closes the dialog it is in, as
// in a field (see textField): a button with the focus takes every key.
type dialogButton struct {
	widget.Button
}

// newDialogButton is a dialogButton as widget.NewButtonWithIcon makes a
// button.
func newDialogButton(label string, icon fyne.Resource, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *dialogButton) TypedKey(k *fyne.KeyEvent) { escapes(b, k, b.Button.TypedKey) }

// escapes is the TypedKey of a widget o in a dialog: Escape closes the
// dialog, and any other key goes to typed, the widget's own.
func escapes(o fyne.CanvasObject, k *fyne.KeyEvent, typed func(*fyne.KeyEvent)) {
	if k.Name == fyne.KeyEscape && closeDialog(o) {
		return
	}
	typed(k)
}

// dialogList is a list in which Escape closes the dialog it is in, as in
// a dialogButton: a list takes the focus when a row is clicked, and then
// every key (Who Matters stayed open).
type dialogList struct {
	widget.List
}

// newDialogList is a dialogList as widget.NewList makes a list.
func newDialogList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *dialogList {
	l := &dialogList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *dialogList) TypedKey(k *fyne.KeyEvent) { escapes(l, k, l.List.TypedKey) }

// dropArrow is a pick's arrow: a tap opens its list. Unlike a button it
// takes no focus.
type dropArrow struct {
	widget.DisableableWidget
	icon *widget.Icon
	tap  func()
}

func newDropArrow(tap func()) *dropArrow {
	a := &dropArrow{icon: widget.NewIcon(theme.MenuDropDownIcon()), tap: tap}
	a.ExtendBaseWidget(a)
	return a
}

func (a *dropArrow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(a.icon))
}

func (a *dropArrow) Tapped(*fyne.PointEvent) {
	if !a.Disabled() {
		a.tap()
	}
}

// Cursor is the pointer, as over a button.
func (a *dropArrow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// choice is a drop-down list of options in which Escape closes the dialog
// it is in (see textField); the list, while open, takes the first Escape.
type choice struct {
	widget.Select
}

// newChoice is a choice of options, as widget.NewSelect makes it.
func newChoice(options []string, changed func(string)) *choice {
	c := &choice{}
	c.Options, c.OnChanged = options, changed
	c.PlaceHolder = lang.L("(Select one)") // Fyne's own is English
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice) TypedKey(k *fyne.KeyEvent) { escapes(c, k, c.Select.TypedKey) }

// newRadio is a radio group that gives the focus back to its window once
// a choice is made, so that Escape then closes the dialog it is in (a
// radio button, focused by a click, takes every key and ignores Escape).
// A click on the option chosen keeps it: each group is a choice of one
// (a theme, what to export), and Fyne's took it back, leaving none
// chosen (the Export dialog then wrote a PNG of a date for data).
func newRadio(options []string, changed func(string)) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, nil)
	r.Required = true
	r.OnChanged = func(s string) {
		if changed != nil {
			changed(s)
		}
		if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
			c.Unfocus()
		}
	}
	return r
}

// plural is, in the window's language, one when n is 1, else other with
// n in it ("1 tie over time", "3 ties over time").
func plural(n int, one, other string) string {
	if n == 1 {
		return lang.L(one)
	}
	return fmt.Sprintf(lang.L(other), n)
}

// counted is plural with the number written the window's language's way
// (see i18n.Lang.Count): other has %s for it.
func counted(n int, one, other string) string {
	if n == 1 {
		return lang.L(one)
	}
	return fmt.Sprintf(lang.L(other), windowLang.Count(n))
}

// closeDialog takes what is on top of o's window (a dialog, or a menu
// over it) off the window, as its Cancel or Close would (see
// escapeOverlay); false when nothing is.
func closeDialog(o fyne.CanvasObject) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	return c != nil && escapeOverlay(c)
}

// escapeOverlay is Escape while something lies over canvas c: it takes
// the top overlay (a dialog, or a menu over it) off, as its Cancel or
// Close would, and reports whether there was one. A form whose inputs
// were changed since it opened asks first whether to discard the changes
// (see guardedForm): a stray Escape loses no typing.
func escapeOverlay(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	if g := guardIn(top); g != nil && g.changed() {
		if w := windowOf(c); w != nil {
			focused := c.Focused()
			d := dialog.NewConfirm(lang.L("Discard Changes?"), lang.L("What you changed in this form is not saved."), func(discard bool) {
				if discard {
					c.Overlays().Remove(top)
				} else if focused != nil {
					refocus(c, focused)
				}
			}, w)
			d.SetConfirmText(lang.L("Discard"))
			d.SetDismissText(lang.L("Keep Editing"))
			d.SetConfirmImportance(widget.DangerImportance)
			d.Show()
			return true
		}
	}
	c.Overlays().Remove(top)
	return true
}

// guardedForm is the content of a form's dialog: it knows whether the
// form's inputs hold what they held when it opened.
type guardedForm struct {
	widget.BaseWidget
	content fyne.CanvasObject
	opened  string // the inputs when the form opened (see inputState)
}

// newGuardedForm guards content, whose inputs hold what the form opened
// with.
func newGuardedForm(content fyne.CanvasObject) *guardedForm {
	g := &guardedForm{content: content, opened: inputState(content)}
	g.ExtendBaseWidget(g)
	return g
}

func (g *guardedForm) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.content)
}

// changed reports whether an input differs from what it held when the
// form opened, or a row was added or removed.
func (g *guardedForm) changed() bool { return inputState(g.content) != g.opened }

// guardIn is the guarded form in overlay o, a dialog, or nil. Fyne puts
// a dialog's pop-up over the window in a container of its own, whose type
// is internal to it: its exported Content is read by reflection.
func guardIn(o fyne.CanvasObject) *guardedForm {
	pop, ok := o.(*widget.PopUp)
	if v := reflect.ValueOf(o); !ok && v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
			pop, ok = f.Interface().(*widget.PopUp)
		}
	}
	if !ok || pop == nil {
		return nil
	}
	box, ok := pop.Content.(*fyne.Container)
	if !ok {
		return nil
	}
	for _, c := range box.Objects {
		if g, ok := c.(*guardedForm); ok {
			return g
		}
	}
	return nil
}

// inputState is what the inputs in o hold, in order, written out.
func inputState(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *textField:
			fmt.Fprintf(&b, "t%q", w.Text)
		case *pick:
			fmt.Fprintf(&b, "p%q", w.Text)
		case *widget.Check:
			fmt.Fprintf(&b, "c%t", w.Checked)
		case *choice:
			fmt.Fprintf(&b, "s%q", w.Selected)
		case *widget.RadioGroup:
			fmt.Fprintf(&b, "r%q", w.Selected)
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			b.WriteByte('(')
			for _, c := range w.Objects {
				walk(c)
			}
			b.WriteByte(')')
		}
	}
	walk(o)
	return b.String()
}

// windowOf is the window whose canvas is c, or nil.
func windowOf(c fyne.Canvas) fyne.Window {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if w.Canvas() == c {
			return w
		}
	}
	return nil
}

// form is a column of labelled inputs, each with a note beneath it that
// shows what is wrong with the input.
type form struct {
	rows    []fyne.CanvasObject
	errs    map[string]*note
	general *note
	// hinted are the notes inputs made with a hint of their own (a date
	// as understood, a kind that is new), for add to use: what is wrong
	// with the input then shows in the hint's place, not a line below.
	hinted map[string]*note
}

func newForm() *form {
	return &form{errs: map[string]*note{}, general: newNote(nil), hinted: map[string]*note{}}
}

// note is the line beneath an input: what is wrong with it, or a hint (a
// date as understood), or nothing. Once it has shown something it keeps
// its room until the form closes, so that the inputs beneath never move
// while the user types, fixes a field or clicks the next one; a note
// with a hint keeps its room from the start. Its padding is narrow, so
// that an empty one is a small gap.
type note struct {
	label   *widget.Label
	box     *container.ThemeOverride // what the form shows
	hinted  func() string            // the hint to show when nothing is wrong; nil for none
	look    widget.Importance        // the hint's
	failing bool
}

func newNote(hinted func() string) *note {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	n := &note{label: l, box: container.NewThemeOverride(l, noteTheme{}), hinted: hinted, look: widget.LowImportance}
	n.box.Hidden = hinted == nil
	n.clear()
	return n
}

// fail shows msg, in red.
func (n *note) fail(msg string) {
	n.failing = true
	n.label.Importance = widget.DangerImportance
	n.box.Show()
	n.label.SetText(msg)
}

// clear shows the hint, if any, in place of what was wrong.
func (n *note) clear() {
	n.failing = false
	n.label.Importance = n.look
	text := ""
	if n.hinted != nil {
		text = n.hinted()
	}
	n.label.SetText(text)
}

// noteTheme is the app's theme (whichever is current) with a narrow
// padding around text.
type noteTheme struct{}

func (noteTheme) current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t noteTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.current().Color(n, v)
}

func (t noteTheme) Font(s fyne.TextStyle) fyne.Resource { return t.current().Font(s) }

func (t noteTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.current().Icon(n) }

func (t noteTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return 2
	}
	return t.current().Size(n)
}

// add appends an input called name (the model's field name) under label.
// The note beneath it is cleared as soon as the input changes, so that a
// field once fixed no longer shows what was wrong with it. A date entry's
// input uses the note dateEntry made for it.
func (f *form) add(name, label string, input fyne.CanvasObject) {
	n, ok := f.hinted[name]
	if !ok {
		n = newNote(nil)
		input = container.NewVBox(input, n.box)
	}
	f.errs[name] = n
	f.rows = append(f.rows, widget.NewLabel(label), input)
	onChange(input, n.clear)
}

// alsoClears makes a change of input clear the note beneath field name
// too: a message about two fields ("ends before it starts", said by the
// end) goes when either is changed.
func (f *form) alsoClears(input fyne.CanvasObject, name string) {
	if n, ok := f.errs[name]; ok {
		onChange(input, n.clear)
	}
}

// follow makes input, added to field name after the form was laid out
// (a new row), clear the field's note when it changes, as add does.
func (f *form) follow(name string, input fyne.CanvasObject) {
	if n, ok := f.errs[name]; ok {
		onChange(input, n.clear)
	}
}

// settled clears what the form says beneath the field called name: a row
// of it removed, say, which its message may have been about.
func (f *form) settled(name string) {
	if n, ok := f.errs[name]; ok {
		n.clear()
	}
}

// onChange calls do, after what they did already, whenever an entry, a
// choice or a check in o changes. Inputs added later (a new participant
// row) are not followed.
func onChange(o fyne.CanvasObject, do func()) {
	then := func(prev func(string)) func(string) {
		return func(s string) {
			if prev != nil {
				prev(s)
			}
			do()
		}
	}
	switch w := o.(type) {
	case *pick:
		w.OnChanged = then(w.OnChanged)
	case *textField:
		w.OnChanged = then(w.OnChanged)
	case *choice:
		w.OnChanged = then(w.OnChanged)
	case *widget.RadioGroup:
		w.OnChanged = then(w.OnChanged)
	case *widget.Check:
		prev := w.OnChanged
		w.OnChanged = func(b bool) {
			if prev != nil {
				prev(b)
			}
			do()
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			onChange(c, do)
		}
	}
}

// dateEntry is a field for the date of field name, and beneath it what
// the field is understood as ("month: April 2024"), kept up as the user
// types. When the focus leaves it holding no date, the form says what is
// wrong there instead, as saving would. The line beneath keeps its room
// throughout (see note).
func (f *form) dateEntry(name string, d model.Date) (*textField, fyne.CanvasObject) {
	en := newTextField()
	n := newNote(func() string {
		if _, err := model.ParseDate(en.Text); err != nil {
			return "" // leaving the field or saving says what is wrong
		}
		return understood(en.Text)
	})
	en.onLeave = func() {
		if _, err := model.ParseDate(en.Text); err != nil {
			n.fail(dateProblem(en.Text, err))
		}
	}
	en.SetText(d.String())
	en.SetPlaceHolder(lang.L("YYYY, YYYY-MM or YYYY-MM-DD"))
	n.clear()
	en.OnChanged = func(string) { n.clear() }
	f.hinted[name] = n
	return en, container.NewVBox(en, n.box)
}

// content lays the form out: labels on the left, inputs on the right, and
// any general error on top.
func (f *form) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout(), f.rows...)
	return container.NewVBox(f.general.box, grid)
}

// clear takes every message away.
func (f *form) clear() {
	for _, n := range f.errs {
		n.clear()
	}
	f.general.clear()
}

// fail shows msg beneath the field called name, or on top when the form
// has no such field.
func (f *form) fail(name, msg string) {
	n, ok := f.errs[name]
	if !ok {
		n = f.general
	}
	n.fail(msg)
}

// failErr shows err beneath the field it names, when it is a
// *model.FieldError, else on top.
func (f *form) failErr(err error) {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		f.fail(fe.Field, fieldMessage(fe))
		return
	}
	f.fail("", err.Error())
}

// message returns what the form says is wrong with field name ("" for
// the top).
func (f *form) message(name string) string {
	n, ok := f.errs[name]
	if !ok {
		n = f.general
	}
	if !n.failing {
		return ""
	}
	return n.label.Text
}

// ok reports whether the form says nothing is wrong.
func (f *form) ok() bool {
	if f.general.failing {
		return false
	}
	for _, n := range f.errs {
		if n.failing {
			return false
		}
	}
	return true
}

// actorRef resolves an actor typed by name into field name of f; empty is
// allowed when optional.
func (f *form) actorRef(m *model.Map, name, text string, optional bool) model.ID {
	text = strings.TrimSpace(text)
	if text == "" {
		if !optional {
			f.fail(name, lang.L("choose an actor"))
		}
		return 0
	}
	a, err := m.ActorByName(text)
	if err != nil {
		var fe *model.FieldError
		if errors.As(err, &fe) {
			f.fail(name, fieldMessage(fe))
		} else {
			f.fail(name, err.Error())
		}
		return 0
	}
	return a.ID
}

// date parses a date typed into field name of f.
func (f *form) date(name, text string) model.Date {
	d, err := model.ParseDate(text)
	if err != nil {
		f.fail(name, dateProblem(text, err))
		return model.Date{}
	}
	return d
}

// span reads the fields start and end as a span, saying beneath end when
// it ends on or before it starts along with what else is wrong: the
// model's check says it only once the rest is put right, one Save later.
func (f *form) span(start, end string) model.Span {
	sp := model.Span{Start: f.date("start", start), End: f.date("end", end)}
	if err := sp.Check(); err != nil && f.message("end") == "" {
		f.fail("end", inWords(err))
	}
	return sp
}

// actorPicker is a field for an actor's name whose list narrows, as the
// user types, to the names holding what is typed, accents and case aside
// ("lopez" lists "López Obrador"): the first maxPicks of them. Empty, it
// lists the first maxPicks names: a list of a big map's 10,000 actors
// kept the window busy for most of a second each time it was drawn. The
// actors named in except are not offered (an actor's own form does not
// offer it as what it belongs to).
func actorPicker(m *model.Map, except ...model.ID) *pick {
	names := actorNames(m, except...)
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = model.Fold(n)
	}
	// In alphabetical order, accents and case aside.
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(folded[a], folded[b]) })
	sortedNames, sortedFolded := make([]string, len(names)), make([]string, len(names))
	for i, k := range order {
		sortedNames[i], sortedFolded[i] = names[k], folded[k]
	}
	names, folded = sortedNames, sortedFolded
	w := newPick(picks(names, folded, ""))
	w.OnChanged = func(text string) { w.SetOptions(picks(names, folded, text)) }
	// A field that names an actor opens on it, first and marked, then the
	// names about it, not on those holding its name: any other can be
	// picked from there. It opened on the names about it in their order,
	// the one named among them, and the first was taken for it.
	w.list = func(text string) []string {
		i := slices.Index(folded, model.Fold(text))
		if i < 0 {
			return picks(names, folded, text)
		}
		lo := max(0, min(i-maxPicks/2, len(names)-maxPicks))
		about := slices.Delete(slices.Clone(names[lo:min(len(names), lo+maxPicks)]), i-lo, i-lo+1)
		return append([]string{names[i]}, about...)
	}
	return w
}

// picks are the names (folded: as model.Fold gives them) holding text,
// accents and case aside, at most maxPicks, those that begin with it
// first, each in the order of names; the first maxPicks for no text.
func picks(names, folded []string, text string) []string {
	q := model.Fold(text)
	if q == "" {
		return names[:min(len(names), maxPicks)]
	}
	var out, within []string
	for i, f := range folded {
		if strings.HasPrefix(f, q) {
			out = append(out, names[i])
			if len(out) == maxPicks {
				return out
			}
		} else if len(within) < maxPicks && strings.Contains(f, q) {
			within = append(within, names[i])
		}
	}
	return append(out, within[:min(len(within), maxPicks-len(out))]...)
}

// kindPicker is a field for a kind of class, listing the map's kinds by
// their labels ("Persona non grata", not "persona-non-grata"), showing
// current so; kindName reads it back.
func kindPicker(m *model.Map, class model.Class, current string) *pick {
	var labels []string
	for _, name := range m.KindNames(class) {
		labels = append(labels, kindLabel(m.Kind(class, name)))
	}
	w := newPick(labels)
	if current != "" {
		w.SetText(kindLabel(m.Kind(class, current)))
	}
	return w
}

// kindField is a kind field with a note beneath it, for add to use (see
// form.hinted): it says when the field names no kind of the map, which
// saving then adds (as a typo would), or what is wrong with it.
func (f *form) kindField(m *model.Map, class model.Class, field *pick) fyne.CanvasObject {
	n := newNote(func() string {
		name, known := knownKind(m, class, field.Text)
		if name == "" || known {
			return ""
		}
		if like := nearKind(m, class, name); like != "" {
			return fmt.Sprintf(lang.L("“%s” is not a kind of this map yet: saving adds it. Did you mean “%s”?"), name, like)
		}
		return fmt.Sprintf(lang.L("“%s” is not a kind of this map yet: saving adds it."), name)
	})
	n.look = widget.WarningImportance
	n.clear()
	was := field.OnChanged
	field.OnChanged = func(text string) {
		if was != nil {
			was(text)
		}
		n.clear()
	}
	f.hinted["kind"] = n
	return container.NewVBox(field, n.box)
}

// newKind is the kind a new record of class starts with in its form: the
// kind saved last in a form of that class, while it is still a kind of
// the map, else the kind most of the map's records of that class have
// (the first listed on a tie), else none.
func (e *Editor) newKind(class model.Class) string {
	m := e.doc.m
	names := m.KindNames(class)
	if k := e.lastKind[class]; slices.Contains(names, k) {
		return k
	}
	count := kindUses(m, class)
	best, most := "", 0
	for _, name := range names {
		if count[name] > most {
			best, most = name, count[name]
		}
	}
	return best
}

// keepKind notes kind as the one saved last for class (see newKind).
func (e *Editor) keepKind(class model.Class, kind string) {
	if e.lastKind == nil {
		e.lastKind = map[model.Class]string{}
	}
	e.lastKind[class] = kind
}

// knownKind is kindName, and whether that is a kind of class the map
// has (else saving adds it).
func knownKind(m *model.Map, class model.Class, text string) (name string, known bool) {
	name = kindName(m, class, text)
	return name, slices.Contains(m.KindNames(class), name)
}

// kindName is the kind a kind field's text names: the kind of class whose
// name or label it is (case and surrounding spaces aside), or else the
// text itself, a new kind's name.
func kindName(m *model.Map, class model.Class, text string) string {
	text = strings.TrimSpace(text)
	for _, name := range m.KindNames(class) {
		if strings.EqualFold(name, text) {
			return name
		}
	}
	for _, name := range m.KindNames(class) {
		if k := m.Kind(class, name); strings.EqualFold(k.DisplayName(), text) || strings.EqualFold(kindLabel(k), text) {
			return name
		}
	}
	return text
}

// nearKind is the label of the kind of class whose name or label is
// spelled most like text, a name no kind has, when one is a slip away: a
// letter in five other, in names of five letters or more (“organization”
// for “Organisation”, “Embasy” for “Embassy”); else "". Saving would add
// a second kind beside the one meant.
func nearKind(m *model.Map, class model.Class, text string) string {
	typed := []rune(model.Fold(strings.TrimSpace(text)))
	best, fewest := "", 0
	for _, name := range m.KindNames(class) {
		k := m.Kind(class, name)
		for _, spelt := range []string{name, kindLabel(k)} {
			as := []rune(model.Fold(spelt))
			d := editDistance(typed, as)
			if d > 0 && d <= min(len(typed), len(as))/5 && (best == "" || d < fewest) {
				best, fewest = kindLabel(k), d
			}
		}
	}
	return best
}

// editDistance is how many letters must be put in, taken out or changed
// to make a into b (Levenshtein's distance).
func editDistance(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			was := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, diag+cost)
			diag = was
		}
	}
	return row[len(b)]
}

// maxPicks is how many names an actor field's list shows at most.
const maxPicks = 50

// actorNames lists every actor's name, for choosers.
func actorNames(m *model.Map, except ...model.ID) []string {
	out := make([]string, 0, len(m.Actors))
	for _, a := range m.Actors {
		if !slices.Contains(except, a.ID) {
			out = append(out, a.Name)
		}
	}
	return out
}

// sourceTitles lists every source's title (or URL), for choosers.
func sourceTitles(m *model.Map) []string {
	out := make([]string, 0, len(m.Sources))
	for _, s := range m.Sources {
		out = append(out, sourceName(s))
	}
	return out
}

// sourceFor finds the source titled (or at URL) text, or describes a new
// one to add; ok is false when text is empty.
func sourceFor(m *model.Map, text string) (src model.Source, ok bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return model.Source{}, false
	}
	for _, s := range m.Sources {
		if strings.EqualFold(s.Title, text) || (s.URL != "" && s.URL == text) {
			return s, true
		}
	}
	if strings.HasPrefix(text, "http://") || strings.HasPrefix(text, "https://") {
		return model.Source{Title: text, URL: text}, true
	}
	return model.Source{Title: text}, true
}

// unchanged reports whether c, a form's change, would leave m as it is:
// it deletes nothing and puts only records m has, as m has them. c is
// applied to those records alone, with m's kinds: applied to the whole
// map and compared with it, a form saved on a 10,000-actor map held the
// window for 70 ms.
func unchanged(m *model.Map, c model.Change) bool {
	if !(model.Change{Delete: c.Delete}).IsEmpty() || c.Put.Info != nil || len(c.Put.Pins) > 0 {
		return false
	}
	was := &model.Map{Kinds: m.Kinds, Pins: map[model.ID]model.Point{}}
	was.SetInfo(m.Info())
	p := c.Put
	return had(&was.Actors, p.Actors, func(a model.Actor) model.ID { return a.ID }, m.Actor) &&
		had(&was.Ties, p.Ties, func(t model.Tie) model.ID { return t.ID }, m.Tie) &&
		had(&was.Events, p.Events, func(ev model.Event) model.ID { return ev.ID }, m.Event) &&
		had(&was.Sources, p.Sources, func(s model.Source) model.ID { return s.ID }, m.Source) &&
		reflect.DeepEqual(was.Applied(c), was)
}

// had sets *list to the records, in ID order, that get finds of those
// put, and reports whether it found every one (a new record is none).
func had[T any](list *[]T, put []T, id func(T) model.ID, get func(model.ID) (T, bool)) bool {
	for _, r := range put {
		x, ok := get(id(r))
		if !ok {
			return false
		}
		*list = append(*list, x)
	}
	slices.SortFunc(*list, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return true
}

// sayTiesBeyondIn says on the status line, when c, an edit of m, gives an
// actor dates that leave out more of its ties than before: an actor given
// an end before its ties' took them off the map on those dates without a
// word.
func (e *Editor) sayTiesBeyondIn(m *model.Map, c model.Change) {
	for _, a := range c.Put.Actors {
		was, ok := m.Actor(a.ID)
		if !ok {
			continue
		}
		n := len(m.TiesBeyond(a))
		if n <= len(m.TiesBeyond(was)) {
			continue
		}
		msg := fmt.Sprintf(lang.L("%s: %d of its ties are in force on dates it does not exist, and are not drawn on them."), a.Name, n)
		if n == 1 {
			msg = fmt.Sprintf(lang.L("%s: 1 of its ties is in force on dates it does not exist, and is not drawn on them."), a.Name)
		}
		e.sayDone(msg)
		return
	}
}

// commit stores a record that passed every check as one change, so one
// step of undo: the sources the form names (new ones, and stored ones
// whose details were edited), cited in *cited, and the record, which add
// puts in the change; then it shows the map. done gets the change as
// applied, with the IDs new records got. Errors show on top of the form.
func (f *form) commit(e *Editor, summary string, sources []model.Source, cited *[]model.ID,
	add func(c *model.Change), done func(applied model.Change)) bool {
	c := model.Change{Summary: summary}
	*cited = cite(e.doc.m, &c, sources)
	add(&c)
	// A kind the map has not had gets its own colour and a label.
	c.Put.Kinds = append(c.Put.Kinds, model.StyleNewKinds(e.doc.m,
		&model.Map{Actors: c.Put.Actors, Ties: c.Put.Ties, Events: c.Put.Events})...)
	// Saved as it was, a record changes nothing: no step of undo is
	// made, and Redo is kept (an unchanged form saved wiped it).
	if unchanged(e.doc.m, c) {
		e.status.SetText(lang.L("Nothing was changed."))
		return true
	}
	applied, err := e.doc.changer.Apply(context.Background(), c)
	if err != nil {
		f.failErr(err)
		return false
	}
	e.sayTiesBeyondIn(e.doc.m, c)
	// done may select what was made; before the document takes the
	// change, whose new layout then starts from the final selection.
	done(applied)
	e.doc.Applied(applied)
	return true
}
