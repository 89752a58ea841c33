package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// sourcesField edits the sources a record cites: a row per source (its
// title or URL, picked from the map's sources or typed as a new one), each
// with a button that edits the source itself (publisher, date, quote,
// grade) and one that takes it off the record, and a button that adds a
// row.
type sourcesField struct {
	e       *Editor
	rows    []*sourceRow
	box     *fyne.Container
	content fyne.CanvasObject
	// changed is called when a row is added, edited or removed.
	changed func()
}

// sourceRow is one source a record cites: what the row's field names, and
// the source as the source editor last left it.
type sourceRow struct {
	pick   *pick
	source model.Source
	box    fyne.CanvasObject
}

func (e *Editor) newSourcesField(ids []model.ID) *sourcesField {
	f := &sourcesField{e: e, box: container.NewVBox(), changed: func() {}}
	for _, id := range ids {
		if s, ok := e.doc.m.Source(id); ok {
			f.addRow(s)
		}
	}
	if len(f.rows) == 0 {
		f.addRow(model.Source{})
	}
	add := newDialogButton(lang.L("Add source"), theme.ContentAddIcon(), func() {
		// An empty row is where the next source goes: another would be
		// a second blank to fill.
		if n := len(f.rows); n > 0 && strings.TrimSpace(f.rows[n-1].pick.Text) == "" {
			f.focus(f.rows[n-1])
			return
		}
		f.addRow(model.Source{})
		f.changed()
	})
	f.content = container.NewVBox(f.box, container.NewHBox(add))
	return f
}

// focus puts the keys in row r's field, when it is on show.
func (f *sourcesField) focus(r *sourceRow) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.pick); c != nil {
		c.Focus(r.pick)
	}
}

// sourceName is how a source is named in a row: its title, else its URL.
func sourceName(s model.Source) string {
	if s.Title != "" {
		return s.Title
	}
	return s.URL
}

func (f *sourcesField) addRow(s model.Source) {
	r := &sourceRow{pick: newPick(sourceTitles(f.e.doc.m)), source: s}
	r.pick.SetText(sourceName(s))
	r.pick.SetPlaceHolder(lang.L("title or URL"))
	r.pick.OnChanged = func(text string) {
		if text != sourceName(r.source) {
			r.source, _ = sourceFor(f.e.doc.m, text)
		}
		f.changed()
	}
	details := newDialogButton("", theme.DocumentCreateIcon(), func() {
		if strings.TrimSpace(r.pick.Text) == "" {
			r.source = model.Source{}
		}
		f.e.sourceDialog(r.source, func(s model.Source) {
			r.source = s
			r.pick.SetText(sourceName(s))
			f.changed()
		})
	})
	remove := newDialogButton("", theme.DeleteIcon(), func() {
		if i := slices.Index(f.rows, r); i >= 0 {
			f.rows = slices.Delete(f.rows, i, i+1)
			f.box.Remove(r.box)
			f.changed()
		}
	})
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(details, remove), r.pick)
	f.rows = append(f.rows, r)
	f.box.Add(r.box)
}

// read returns the sources the rows name, in order, each once: a stored
// one (ID > 0, with the details the editor gave it) or a new one (ID 0).
// Empty rows are skipped.
func (f *sourcesField) read() []model.Source {
	var out []model.Source
	for _, r := range f.rows {
		if strings.TrimSpace(r.pick.Text) == "" {
			continue
		}
		s := r.source
		if sourceName(s) != r.pick.Text {
			s, _ = sourceFor(f.e.doc.m, r.pick.Text)
		}
		if s.ID != 0 && slices.ContainsFunc(out, func(o model.Source) bool { return o.ID == s.ID }) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// cite puts the sources a form read into change c as its record cites
// them, and returns their IDs for the record: new sources get stand-in
// IDs (see model.Change) and are put, and stored ones whose details were
// edited are put too, in the same change.
func cite(m *model.Map, c *model.Change, sources []model.Source) []model.ID {
	var ids []model.ID
	for _, s := range sources {
		switch stored, ok := m.Source(s.ID); {
		case s.ID == 0:
			s.ID = model.ID(-1 - len(c.Put.Sources))
			c.Put.Sources = append(c.Put.Sources, s)
		case ok && stored != s:
			c.Put.Sources = append(c.Put.Sources, s)
		}
		ids = append(ids, s.ID)
	}
	return ids
}

// gradeChoices are the grades as a source editor offers them.
func gradeChoices() []string {
	out := []string{lang.L("(not graded)")}
	for _, g := range model.Grades {
		out = append(out, g.Letter+" – "+g.Meaning)
	}
	return out
}

// sourceEditor is the form of one source.
type sourceEditor struct {
	*form
	source                          model.Source
	title, publisher, address, when *textField
	quote                           *textField
	grade                           *choice
}

func newSourceEditor(s model.Source) *sourceEditor {
	f := &sourceEditor{form: newForm(), source: s}
	f.title, f.publisher, f.address = newTextField(), newTextField(), newTextField()
	f.title.SetText(s.Title)
	f.publisher.SetText(s.Publisher)
	f.publisher.SetPlaceHolder(lang.L("e.g. Reuters, El País"))
	f.address.SetText(s.URL)
	f.address.SetPlaceHolder(lang.L("https://…"))
	var when fyne.CanvasObject
	f.when, when = f.dateEntry("date", s.Date)
	f.quote = newTextArea()
	f.quote.Wrapping = fyne.TextWrapWord
	f.quote.SetText(s.Quote)
	f.quote.SetPlaceHolder(lang.L("the words the record rests on"))
	f.grade = newChoice(gradeChoices(), nil)
	f.grade.SetSelectedIndex(0)
	for i, g := range model.Grades {
		if g.Letter == s.Grade {
			f.grade.SetSelectedIndex(i + 1)
		}
	}
	f.add("title", lang.L("Title"), f.title)
	f.add("publisher", lang.L("Publisher"), f.publisher)
	f.add("url", "URL", f.address)
	f.add("date", lang.L("Date"), when)
	f.add("quote", lang.L("Quote"), f.quote)
	f.add("grade", lang.L("Reliability"), f.grade)
	return f
}

// read turns the inputs into a source; ok is false, with the messages
// shown, when any is wrong.
func (f *sourceEditor) read() (model.Source, bool) {
	f.clear()
	s := f.source
	s.Title = strings.TrimSpace(f.title.Text)
	s.Publisher = strings.TrimSpace(f.publisher.Text)
	s.URL = strings.TrimSpace(f.address.Text)
	s.Date = f.date("date", f.when.Text)
	s.Quote = strings.TrimSpace(f.quote.Text)
	s.Grade = ""
	if i := f.grade.SelectedIndex(); i > 0 {
		s.Grade = model.Grades[i-1].Letter
	}
	if problem := webAddressProblem(s.URL); problem != "" {
		f.fail("url", problem)
	}
	if !f.ok() {
		return s, false
	}
	if err := s.Check(); err != nil {
		f.failErr(err)
		return s, false
	}
	return s, true
}

// sourceDialog edits source s in a dialog and gives the result to done;
// the record's form stores it with the record (its button says Done, not
// Save). The Sources list stores it at once.
func (e *Editor) sourceDialog(s model.Source, done func(model.Source)) {
	f := newSourceEditor(s)
	title := lang.L("New Source")
	if s.ID != 0 {
		title = lang.L("Edit Source")
	}
	d := formDialogWith(e, title, lang.L("Done"), f.form, func() bool {
		out, ok := f.read()
		if ok {
			done(out)
		}
		return ok
	}, nil)
	d.Show()
}

// sourceRows shows the sources ids name, one a row: title, publisher and
// date, grade, and the URL as a link that opens the browser.
func (e *Editor) sourceRows(ids []model.ID) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, id := range ids {
		s, ok := e.doc.m.Source(id)
		if !ok {
			continue
		}
		u, err := url.Parse(s.URL)
		linked := err == nil && s.URL != "" && u.Host != ""
		// A source without a title (or titled by its address, as one
		// typed as an address is) is named by its site: its address
		// follows as a link. The whole address, wrapped, left the bullet
		// on a line of its own, and the link said it again.
		name := sourceName(s)
		if (s.Title == "" || s.Title == s.URL) && linked {
			name = strings.TrimPrefix(u.Host, "www.")
		}
		line := "• " + name
		var meta []string
		if s.Publisher != "" {
			meta = append(meta, s.Publisher)
		}
		if !s.Date.IsZero() {
			meta = append(meta, s.Date.String())
		}
		if s.Grade != "" {
			meta = append(meta, lang.L("grade ")+s.Grade)
		}
		if len(meta) > 0 {
			line += " (" + strings.Join(meta, ", ") + ")"
		}
		rows = append(rows, wrapped(line))
		if linked {
			// Cut to the panel's width: a long address made the panel
			// wider, for good, and the map smaller.
			link := widget.NewHyperlink(s.URL, u)
			link.Truncation = fyne.TextTruncateEllipsis
			rows = append(rows, container.NewPadded(link))
		}
		if s.Quote != "" {
			q := wrapped("“" + strings.Trim(s.Quote, "“”\"") + "”")
			q.TextStyle.Italic = true
			rows = append(rows, q)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return container.NewVBox(append([]fyne.CanvasObject{widget.NewLabel(lang.L("Sources:"))}, rows...)...)
}

// citations counts, for each source, the actors, ties and events that
// cite it.
func citations(m *model.Map) map[model.ID]int {
	n := map[model.ID]int{}
	for _, a := range m.Actors {
		for _, id := range a.Sources {
			n[id]++
		}
	}
	for _, t := range m.Ties {
		for _, id := range t.Sources {
			n[id]++
		}
	}
	for _, e := range m.Events {
		for _, id := range e.Sources {
			n[id]++
		}
	}
	return n
}

// sourcesDialog lists the map's sources with how often each is cited: a
// source can be edited, deleted (it leaves the records that cite it), or
// merged into another (the records that cite it cite the other, and it is
// deleted), each as one undoable change.
func (e *Editor) sourcesDialog() {
	var d dialog.Dialog
	var list *dialogList
	var sources []model.Source
	var count map[model.ID]int
	selected := -1
	load := func() {
		sources, count = slices.Clone(e.doc.m.Sources), citations(e.doc.m)
		slices.SortStableFunc(sources, func(a, b model.Source) int { return strings.Compare(sourceName(a), sourceName(b)) })
	}
	load()
	list = newDialogList(func() int { return len(sources) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := sources[i]
			o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s  ·  cited %d×"), shorten(sourceName(s), 70), count[s.ID]))
		})
	prompt := lang.L("Select a source to see where it is cited.")
	citing := widget.NewLabel(prompt)
	citing.Wrapping = fyne.TextWrapWord
	list.OnSelected = func(i widget.ListItemID) {
		selected = i
		citing.SetText(citedBy(e, sources[i].ID))
	}
	// refresh reads the sources again and selects source keep, where it
	// is now, when it still is one (the one just edited or added); with
	// none selected, the note beneath says so rather than what the last
	// selected was cited by.
	refresh := func(keep model.ID) {
		load()
		selected = -1
		list.UnselectAll()
		citing.SetText(prompt)
		list.Refresh()
		if i := slices.IndexFunc(sources, func(s model.Source) bool { return s.ID == keep }); keep != 0 && i >= 0 {
			list.Select(i)
			list.ScrollTo(i)
		}
	}
	pick := func(do func(model.Source)) func() {
		return func() {
			if selected < 0 || selected >= len(sources) {
				citing.SetText(lang.L("Select a source first.")) // here, not behind the dialog
				return
			}
			do(sources[selected])
		}
	}
	add := newDialogButton(lang.L("New Source…"), theme.ContentAddIcon(), func() {
		e.sourceDialog(model.Source{}, func(out model.Source) {
			applied, err := e.apply(model.Change{Summary: lang.L("New Source ") + quoted(sourceName(out)), Put: model.Records{Sources: []model.Source{out}}})
			if err != nil {
				e.showError(err)
				return
			}
			var id model.ID
			if len(applied.Put.Sources) > 0 {
				id = applied.Put.Sources[0].ID
			}
			refresh(id)
		})
	})
	edit := newDialogButton(lang.L("Edit…"), theme.DocumentCreateIcon(), pick(func(s model.Source) {
		e.sourceDialog(s, func(out model.Source) {
			if _, err := e.apply(model.Change{Summary: lang.L("Edit Source ") + quoted(sourceName(out)), Put: model.Records{Sources: []model.Source{out}}}); err != nil {
				e.showError(err)
			}
			refresh(out.ID)
		})
	}))
	del := newDialogButton(lang.L("Delete"), theme.DeleteIcon(), pick(func(s model.Source) {
		remove := func() {
			if _, err := e.apply(model.Change{Summary: lang.L("Delete Source ") + quoted(sourceName(s)), Delete: model.Deleted{Sources: []model.ID{s.ID}}}); err != nil {
				e.showError(err)
			}
			refresh(0)
		}
		n := count[s.ID]
		if n == 0 && e.doc.m.DefaultSource != s.ID {
			remove()
			return
		}
		msg := fmt.Sprintf(lang.L("%s is cited %d times; the citations go with it."), quoted(shorten(sourceName(s), 60)), n)
		if e.doc.m.DefaultSource == s.ID {
			msg += lang.L(" It is also the map's source, which pictures credit.")
		}
		dialog.ShowConfirm(lang.L("Delete Source?"), msg+lang.L(" (Edit > Undo brings them back.)"), func(ok bool) {
			if ok {
				remove()
			}
		}, e.win)
	}))
	merge := newDialogButton(lang.L("Merge Into…"), theme.ContentCopyIcon(), pick(func(s model.Source) {
		var others []string
		byName := map[string]model.ID{}
		for _, o := range sources {
			if o.ID != s.ID {
				name := fmt.Sprintf("%s #%d", sourceName(o), o.ID)
				others = append(others, name)
				byName[name] = o.ID
			}
		}
		// Typed, the list offering those holding the text: a choice of
		// a map's thousands of sources would take seconds to open.
		into := newPick(others)
		d := dialog.NewForm(lang.L("Merge ")+quoted(shorten(sourceName(s), 40))+lang.L(" into"), lang.L("Merge"), lang.L("Cancel"),
			[]*widget.FormItem{widget.NewFormItem(lang.L("Source"), into)}, func(ok bool) {
				if !ok {
					return
				}
				target, found := byName[into.Text]
				if !found {
					citing.SetText(lang.L("Nothing merged: choose the source to merge into."))
					return
				}
				if _, err := e.apply(mergeSources(e.doc.m, s, target)); err != nil {
					e.showError(err)
				}
				refresh(target)
			}, e.win)
		// Wide enough for a source's title: the field's own width cut
		// them short ("The New York Tim").
		d.Resize(fyne.NewSize(520, d.MinSize().Height))
		d.Show()
	}))
	scroll := container.NewVScroll(citing)
	scroll.SetMinSize(fyne.NewSize(0, 90))
	content := container.NewBorder(nil, container.NewVBox(scroll, container.NewHBox(add, edit, del, merge)), nil, nil, list)
	d = dialog.NewCustom(lang.L("Sources"), lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}

// citedShown is how many of the records that cite a source the Sources
// dialog names; it counts the rest.
const citedShown = 20

// citedBy says where source id is cited: the actors, ties and events that
// cite it, and the map itself when it is the map's source; the first
// citedShown by name, the rest counted. Named all, the 9,559 records that
// cite the chiefs-of-mission map's source made a text that held the
// window for seven seconds to wrap.
func citedBy(e *Editor, id model.ID) string {
	m := e.doc.m
	var where []string
	if m.DefaultSource == id {
		where = append(where, lang.L("the map (its pictures credit it)"))
	}
	for _, a := range m.Actors {
		if slices.Contains(a.Sources, id) {
			where = append(where, lang.L("actor ")+a.Name)
		}
	}
	for _, t := range m.Ties {
		if slices.Contains(t.Sources, id) {
			where = append(where, lang.L("tie ")+e.tieName(t))
		}
	}
	for _, ev := range m.Events {
		if slices.Contains(ev.Sources, id) {
			where = append(where, lang.L("event ")+ev.Title)
		}
	}
	if len(where) == 0 {
		return lang.L("Cited nowhere.")
	}
	if n := len(where); n > citedShown {
		return lang.L("Cited by ") + strings.Join(where[:citedShown], "; ") + fmt.Sprintf(lang.L("; and %s more."), windowLang.Count(n-citedShown))
	}
	return lang.L("Cited by ") + strings.Join(where, "; ") + "."
}

// mergeSources is the change that makes every record citing s cite into
// instead (once, where s stood), and deletes s.
func mergeSources(m *model.Map, s model.Source, into model.ID) model.Change {
	c := model.Change{Summary: lang.L("Merge Source ") + quoted(sourceName(s)), Delete: model.Deleted{Sources: []model.ID{s.ID}}}
	swap := func(ids []model.ID) ([]model.ID, bool) {
		if !slices.Contains(ids, s.ID) {
			return ids, false
		}
		out := slices.Clone(ids)
		for i, id := range out {
			if id == s.ID {
				out[i] = into
			}
		}
		return out, true
	}
	for _, a := range m.Actors {
		if ids, ok := swap(a.Sources); ok {
			a.Sources = dedupe(ids)
			c.Put.Actors = append(c.Put.Actors, a)
		}
	}
	for _, t := range m.Ties {
		if ids, ok := swap(t.Sources); ok {
			t.Sources = dedupe(ids)
			c.Put.Ties = append(c.Put.Ties, t)
		}
	}
	for _, ev := range m.Events {
		if ids, ok := swap(ev.Sources); ok {
			ev.Sources = dedupe(ids)
			c.Put.Events = append(c.Put.Events, ev)
		}
	}
	return c
}

// dedupe keeps the first of each ID, in order.
func dedupe(ids []model.ID) []model.ID {
	var out []model.ID
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// webAddressProblem says what is wrong with a source's web address, or ""
// when it is one, or none ("").
func webAddressProblem(address string) string {
	if address == "" {
		return ""
	}
	if u, err := url.Parse(address); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return lang.L("a web address starts with http:// or https://")
	}
	return ""
}
