package ui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/i18n"
	"relmap/model"
)

// apply applies one user action to the map as a change (one transaction,
// one history entry, one step of undo); the views follow the document.
func (e *Editor) apply(c model.Change) (model.Change, error) { return e.doc.Apply(c) }

// undo undoes the newest change still in force; in a text field that
// has the focus, it undoes the typing instead.
func (e *Editor) undo() { e.undoIn(e.win) }

// redo redoes the change undone last, or the typing in a text field.
func (e *Editor) redo() { e.redoIn(e.win) }

// undoIn is undo from the menu of window w (the main window or the
// Table's): in a text field of w that has the focus, it undoes the typing.
func (e *Editor) undoIn(w fyne.Window) {
	if toTextField(w, &fyne.ShortcutUndo{}) {
		return
	}
	undo, _ := e.doc.Pending()
	e.step(e.doc.Undo, lang.L("Nothing to undo."), fmt.Sprintf(lang.L("Undone: %s."), summaryText(undo)))
}

// redoIn is redo from the menu of window w (see undoIn).
func (e *Editor) redoIn(w fyne.Window) {
	if toTextField(w, &fyne.ShortcutRedo{}) {
		return
	}
	_, redo := e.doc.Pending()
	e.step(e.doc.Redo, lang.L("Nothing to redo."), fmt.Sprintf(lang.L("Redone: %s."), summaryText(redo)))
}

// toTextField hands sc to the text field of w that has the focus, if one
// has: a window's menu takes shortcuts before the focused widget does.
func toTextField(w fyne.Window, sc fyne.Shortcut) bool {
	type textField interface {
		fyne.Shortcutable
		SelectedText() string
	}
	f, ok := w.Canvas().Focused().(textField)
	if ok {
		f.TypedShortcut(sc)
	}
	return ok
}

// step undoes or redoes with do, and says done, or none when there is
// nothing to.
func (e *Editor) step(do func() (bool, error), none, done string) {
	// Said first: the change starts a layout, whose progress is on the
	// status line until it is done (see sayDone).
	e.sayDone(done)
	ok, err := do()
	switch {
	case err != nil:
		e.sayDone("")
		e.showError(err)
	case !ok:
		e.sayDone("")
		e.status.SetText(none)
	}
}

// menuAction is the most characters of an action named in the Edit menu:
// a name in it may be a paragraph long, and the menu as wide.
const menuAction = 48

// refreshUndo names the actions Undo and Redo would take in the Edit menu,
// and disables them when there is none.
func (e *Editor) refreshUndo() {
	if e.undoItem == nil {
		return
	}
	undo, redo := e.doc.Pending()
	nameUndo(e.undoItem, e.redoItem, undo, redo, e.win)
	if v := e.tables; v != nil {
		nameUndo(v.undoItem, v.redoItem, undo, redo, v.win)
	}
}

// nameUndo names win's Undo and Redo items after the changes they undo
// and redo (none: disabled).
func nameUndo(undoItem, redoItem *fyne.MenuItem, undo, redo string, win fyne.Window) {
	undoItem.Label, undoItem.Disabled = lang.L("Undo"), undo == ""
	if undo != "" {
		undoItem.Label = lang.L("Undo ") + shorten(summaryText(undo), menuAction)
	}
	redoItem.Label, redoItem.Disabled = lang.L("Redo"), redo == ""
	if redo != "" {
		redoItem.Label = lang.L("Redo ") + shorten(summaryText(redo), menuAction)
	}
	if mm := win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// deleteSelected deletes the selected tie, or the selected actor with its
// ties, as one undoable change.
func (e *Editor) deleteSelected() {
	if t, ok := e.doc.selectionTie(); ok {
		e.deleteTie(t)
		return
	}
	a, ok := e.doc.selectionActor()
	if !ok {
		e.status.SetText(lang.L("Select an actor or a tie to delete it."))
		return
	}
	e.deleteActor(a)
}

// deleteActor deletes a with its ties, as one undoable change, and says
// so on the status line: the Delete key asks nothing first.
func (e *Editor) deleteActor(a model.Actor) {
	name := quoted(shorten(a.Name, menuAction))
	said := fmt.Sprintf(lang.L("Deleted %s."), name)
	switch ties := len(e.doc.m.TiesOf(a.ID)); ties {
	case 0:
	case 1:
		said = fmt.Sprintf(lang.L("Deleted %s and its tie."), name)
	default:
		said = fmt.Sprintf(lang.L("Deleted %s and its %d ties."), name, ties)
	}
	c := model.Change{Summary: lang.L("Delete Actor ") + quoted(a.Name), Delete: model.Deleted{Actors: []model.ID{a.ID}}}
	e.applySaying(c, said+" "+lang.L("Edit > Undo brings it back."))
}

// deleteTie deletes t, as one undoable change, and says so.
func (e *Editor) deleteTie(t model.Tie) {
	name := e.tieName(t)
	c := model.Change{Summary: lang.L("Delete Tie ") + quoted(name), Delete: model.Deleted{Ties: []model.ID{t.ID}}}
	e.applySaying(c, fmt.Sprintf(lang.L("Deleted %s."), quoted(shorten(name, menuAction)))+" "+lang.L("Edit > Undo brings it back."))
}

// applySaying applies c and says on the status line what it did, msg,
// or shows why it could not be applied.
func (e *Editor) applySaying(c model.Change, msg string) {
	// Said first: the change starts a layout, whose progress is on the
	// status line from then until it is done.
	e.sayDone(msg)
	if _, err := e.apply(c); err != nil {
		e.sayDone("")
		e.showError(err)
	}
}

// sayDone says on the status line what a change about to be applied
// does, and again when the layout it starts is done: the layout's
// progress covers it meanwhile.
func (e *Editor) sayDone(msg string) {
	e.status.SetText(msg)
	e.notice = msg
}

// tieName is how a tie is named in menus and the history: its two ends,
// and its label when it has one ("Mexico–Ecuador (relations broken)").
// Named by its label alone, one of a thousand ambassadors' ties said
// "Edit Tie 'ambassador'", and Undo did not say which.
func (e *Editor) tieName(t model.Tie) string {
	from, _ := e.doc.m.Actor(t.From)
	to, _ := e.doc.m.Actor(t.To)
	name := from.Label() + "–" + to.Label()
	if t.Label != "" {
		name += " (" + t.Label + ")"
	}
	return name
}

// quoted puts a name in the single quotes of menu labels: 'Mexico'.
func quoted(name string) string { return "'" + name + "'" }

// propertiesEditor is the form of the map's name, description and
// credits: author, licence and the source it rests on as a whole, which
// pictures print at their foot.
type propertiesEditor struct {
	*form
	e                     *Editor
	name, author, licence *textField
	description           *textField
	source                *pick
}

func (e *Editor) newPropertiesEditor() *propertiesEditor {
	m := e.doc.m
	f := &propertiesEditor{form: newForm(), e: e}
	f.name, f.author, f.licence = newTextField(), newTextField(), newTextField()
	f.name.SetText(m.Name)
	f.author.SetText(m.Author)
	f.author.SetPlaceHolder(lang.L("who made the map, as pictures credit it"))
	f.licence.SetText(m.Licence)
	f.licence.SetPlaceHolder(lang.L("e.g. CC BY 4.0"))
	f.description = newTextArea()
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetText(m.Description)
	f.description.SetMinRowsVisible(4)
	f.source = newPick(sourceTitles(m))
	if s, ok := m.Source(m.DefaultSource); ok && m.DefaultSource != 0 {
		f.source.SetText(sourceName(s))
	}
	f.source.SetPlaceHolder(lang.L("title or URL of the map's main source"))
	f.add("name", lang.L("Name"), f.name)
	f.add("description", lang.X("ui.description", "Description"), f.description)
	f.add("author", lang.L("Author"), f.author)
	f.add("licence", lang.L("Licence"), f.licence)
	f.add("source", lang.L("Source"), f.source)
	return f
}

// change is the change the form asks for, or false when the inputs are
// wrong (with their messages shown) or change nothing.
func (f *propertiesEditor) change() (model.Change, bool) {
	f.clear()
	m := f.e.doc.m
	info := model.Info{Name: strings.TrimSpace(f.name.Text), Description: strings.TrimSpace(f.description.Text),
		Author: strings.TrimSpace(f.author.Text), Licence: strings.TrimSpace(f.licence.Text)}
	if info.Name == "" {
		f.fail("name", lang.L("a map needs a name"))
		return model.Change{}, false
	}
	c := model.Change{Summary: lang.L("Map Properties"), Put: model.Records{Info: &info}}
	if src, ok := sourceFor(m, f.source.Text); ok {
		info.Source = cite(m, &c, []model.Source{src})[0] // a new one is put with the change
	}
	return c, info != m.Info()
}

// propertiesDialog edits the map's name, description and credits as one
// undoable change.
func (e *Editor) propertiesDialog() {
	f := e.newPropertiesEditor()
	d := formDialog(e, lang.L("Map Properties"), f.form, func() bool {
		c, ok := f.change()
		if !ok {
			return f.ok() // nothing to change closes the dialog
		}
		if _, err := e.apply(c); err != nil {
			f.failErr(err)
			return false
		}
		return true
	}, nil)
	d.Show()
}

// historyDialog lists the map's history, newest first: selecting an entry
// shows what it changed, and "Revert to Here" undoes every change after
// it.
func (e *Editor) historyDialog() {
	entries, err := e.doc.changer.History(context.Background())
	if err != nil {
		e.showError(err)
		return
	}
	detail := widget.NewLabel(lang.L("Select a change to see what it did."))
	detail.Wrapping = fyne.TextWrapWord
	list := newDialogList(func() int { return len(entries) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(historyLine(entries[i]))
		})
	selected := -1
	var revert *widget.Button
	list.OnSelected = func(i widget.ListItemID) {
		selected = i
		detail.SetText(describe(entries[i].Change, entries[i].Inverse, func(id model.ID) string {
			if n := e.actorName(id); n != "" {
				return n
			}
			return fmt.Sprintf(lang.L("actor %d"), id) // deleted since
		}))
		revert.Enable()
	}
	var d dialog.Dialog
	revert = widget.NewButton(lang.L("Revert to Here"), func() {
		if selected < 0 {
			return
		}
		if err := e.revertTo(entries[selected]); err != nil {
			e.showError(err)
		}
		d.Hide()
	})
	revert.Disable()
	if len(entries) == 0 {
		detail.SetText(lang.L("No changes yet."))
	}
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), detail, revert), nil, nil, list)
	d = dialog.NewCustom(lang.L("History"), lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
}

// historyLine is en as the history lists it: when, what, and, when it is
// not in force, why.
func historyLine(en model.Entry) string {
	text := en.At.Local().Format("2006-01-02 15:04") + "  " + summaryText(en.Summary)
	switch en.State {
	case model.Undone:
		text += "  " + lang.L("(undone: Redo brings it back)")
	case model.Dropped:
		text += "  " + lang.L("(undone, then replaced by a later edit)")
	}
	return text
}

// revertTo undoes the changes in force after en, newest first, until en
// is the newest; an entry not in force is redone up to first.
func (e *Editor) revertTo(en model.Entry) error {
	ctx := context.Background()
	if en.State != model.Done {
		return errors.New(lang.L("this change is not in force; redo it first (Edit > Redo)"))
	}
	for {
		entries, err := e.doc.changer.History(ctx)
		if err != nil {
			return err
		}
		newest := int64(0)
		for _, x := range entries {
			if x.State == model.Done {
				newest = x.ID
				break
			}
		}
		if newest == en.ID || newest == 0 {
			return nil
		}
		if _, err := e.doc.Undo(); err != nil {
			return err
		}
	}
}

// fieldWords name a record's fields as describe says which changed. A
// word is a key of the translations, and none may be one of the words
// their format keeps for itself ("description", "one", "other", …).
var fieldWords = map[string]string{
	"Name": "name", "Short": "short name", "Kind": "kind", "BelongsTo": "what it belongs to", "LocatedIn": "where it is",
	"Life": "dates", "Later": "dates", "Span": "dates", "Date": "date", "Attrs": "attributes", "Notes": "notes",
	"Sources": "sources", "From": "from actor", "To": "to actor", "Directed": "direction", "Label": "label", "Weight": "weight",
	"Title": "title", "Description": "description text", "Participants": "participants", "Begins": "ties it begins",
	"Ends": "ties it ends", "Shape": "shape", "Color": "colour", "Dashed": "dashes", "Arrow": "arrowhead",
	"Weighted": "width by weight", "Labelled": "labels always drawn",
}

// changedFields names, in the window's language and in their order, the
// fields in which two versions of a record differ, each name once.
func changedFields[T any](old, now T) []string {
	a, b := reflect.ValueOf(old), reflect.ValueOf(now)
	var out []string
	for i := range a.NumField() {
		word, ok := fieldWords[a.Type().Field(i).Name]
		if !ok || reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			continue
		}
		if w := lang.L(word); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// puts is what a change put of one sort of record: how many records are
// new, how many were there, and, for a lone changed one, in what.
type puts struct {
	added, changed int
	fields         []string
}

// split tells the records put that are new from those that were there
// (before has their versions before, found by key).
func split[T any, K comparable](put, before []T, key func(T) K) puts {
	old := make(map[K]T, len(before))
	for _, r := range before {
		old[key(r)] = r
	}
	var p puts
	for _, r := range put {
		if o, ok := old[key(r)]; ok {
			p.changed++
			if p.changed == 1 {
				p.fields = changedFields(o, r)
			}
		} else {
			p.added++
		}
	}
	if p.changed != 1 {
		p.fields = nil
	}
	return p
}

// describe says in words what a change did, in the window's language:
// which records it added, which it changed (inv, which undoes it, puts
// back their old versions) and, for a lone one, in what, which it
// deleted, and the actors, ties and kinds it put by name (name names an
// actor by its ID).
func describe(c, inv model.Change, name func(model.ID) string) string {
	var parts []string
	say := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, lang.L(one))
		case n > 1:
			parts = append(parts, fmt.Sprintf(lang.L(many), n))
		}
	}
	for _, r := range []struct {
		p    puts
		noun string
	}{
		{split(c.Put.Actors, inv.Put.Actors, func(a model.Actor) model.ID { return a.ID }), "actor"},
		{split(c.Put.Ties, inv.Put.Ties, func(t model.Tie) model.ID { return t.ID }), "tie"},
		{split(c.Put.Events, inv.Put.Events, func(e model.Event) model.ID { return e.ID }), "event"},
		{split(c.Put.Sources, inv.Put.Sources, func(s model.Source) model.ID { return s.ID }), "source"},
		{split(c.Put.Kinds, inv.Put.Kinds, func(k model.Kind) [2]string { return [2]string{string(k.Class), k.Name} }), "kind"},
	} {
		say(r.p.added, "added 1 "+r.noun, "added %d "+r.noun+"s")
		say(r.p.changed, "changed 1 "+r.noun, "changed %d "+r.noun+"s")
		if len(r.p.fields) > 0 {
			parts[len(parts)-1] += " (" + strings.Join(r.p.fields, ", ") + ")"
		}
	}
	for _, r := range []struct {
		n         int
		one, many string
	}{
		{len(c.Put.Pins), "pinned 1 actor", "pinned %d actors"},
		{len(c.Delete.Actors), "deleted 1 actor", "deleted %d actors"},
		{len(c.Delete.Ties), "deleted 1 tie", "deleted %d ties"},
		{len(c.Delete.Events), "deleted 1 event", "deleted %d events"},
		{len(c.Delete.Sources), "deleted 1 source", "deleted %d sources"},
		{len(c.Delete.Kinds), "deleted 1 kind", "deleted %d kinds"},
		{len(c.Delete.Pins), "unpinned 1 actor", "unpinned %d actors"},
	} {
		say(r.n, r.one, r.many)
	}
	if c.Put.Info != nil {
		parts = append(parts, fmt.Sprintf(lang.L("named the map %q"), c.Put.Info.Name))
	}
	text := summaryText(c.Summary) + ": " + strings.Join(parts, ", ") + "."
	var actors, ties, kinds []string
	for _, a := range c.Put.Actors {
		actors = append(actors, a.Name)
	}
	for _, t := range c.Put.Ties {
		tie := name(t.From) + " – " + name(t.To)
		if t.Label != "" {
			tie += " " + quoted(t.Label)
		}
		ties = append(ties, tie)
	}
	for _, k := range c.Put.Kinds {
		kinds = append(kinds, kindLabel(k))
	}
	for _, list := range []struct {
		head  string
		names []string
	}{{" Actors: ", actors}, {" Ties: ", ties}, {" Kinds: ", kinds}} {
		if len(list.names) > 0 && len(list.names) <= 10 {
			text += lang.L(list.head) + strings.Join(list.names, "; ") + "."
		}
	}
	return text
}

// summaryKeys are the words, in English, that the window begins a
// change's summary with: "Edit Tie " and the tie's name. A summary is
// kept in the map's history as written, in the language of the window
// that made it.
var summaryKeys = []string{
	"New Actor ", "Edit Actor ", "Delete Actor ", "New Tie ", "Edit Tie ", "Delete Tie ",
	"New Event ", "Edit Event ", "Delete Event ", "New Kind ", "Edit Kind ", "Delete Kind ", "Style of ",
	"New Source ", "Edit Source ", "Delete Source ", "Merge Source ", "Move ", "Unpin ", "Import ", "Update from ",
	"Map Properties", "Delete 1 Actor", "Delete %d Actors", "Delete 1 Tie", "Delete %d Ties",
	"Delete 1 Event", "Delete %d Events", "Delete 1 Source", "Delete %d Sources",
}

// summaryForm is how a language writes one of summaryKeys: a pattern of
// the summary's beginning (with its count, for a key with %d).
type summaryForm struct {
	key  string
	form *regexp.Regexp
}

// summaryForms are summaryKeys in every language, longest first.
var summaryForms = sync.OnceValue(func() []summaryForm {
	var out []summaryForm
	for _, code := range i18n.Languages() {
		l, err := i18n.Load(code)
		if err != nil {
			continue
		}
		for _, key := range summaryKeys {
			pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(l.T(key)), "%d", `(\d+)`)
			if !strings.HasSuffix(key, " ") {
				pattern += "$" // the whole summary
			}
			out = append(out, summaryForm{key, regexp.MustCompile(pattern)})
		}
	}
	slices.SortStableFunc(out, func(a, b summaryForm) int { return len(b.form.String()) - len(a.form.String()) })
	return out
})

// summaryText is a change's summary in the window's language, whichever
// language the window that made it spoke: Undo said "Undo Editar el
// vínculo …" in an English window, of an edit made in a Spanish one. A
// summary of no known words is said as it was written.
func summaryText(summary string) string {
	for _, f := range summaryForms() {
		m := f.form.FindStringSubmatch(summary)
		if m == nil {
			continue
		}
		said := lang.L(f.key)
		if len(m) > 1 {
			n, _ := strconv.Atoi(m[1])
			said = fmt.Sprintf(said, n)
		}
		return said + summary[len(m[0]):]
	}
	return summary
}
