package ui

import (
	"errors"
	"fmt"
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

// eventEditor is the form that adds or edits an event: its date, kind,
// title and description, who took part and in what role, the ties it
// begins and ends, and a source.
type eventEditor struct {
	*form
	e           *Editor
	event       model.Event
	when        *textField
	kind        *pick
	title       *textField
	description *textField
	// people and ties hold a row per participant and per tie begun or
	// ended.
	people, ties *fyne.Container
	participants []participantRow
	links        []tieRow
	names        map[model.ID]string // actors' names by ID, for tieChoice
	tieByChoice  map[string]model.ID
	matchDates   *widget.Check
	sources      *sourcesField
}

// participantRow is an actor who took part in an event, and the role.
type participantRow struct {
	actor *pick
	role  *textField
	box   fyne.CanvasObject
}

// tieRow is a tie an event begins or ends.
type tieRow struct {
	tie    *choice
	change *widget.RadioGroup
	box    fyne.CanvasObject
}

// The choices of a tie row.
const (
	beginsChoice = "begins"
	endsChoice   = "ends"
)

func (e *Editor) newEventEditor(ev model.Event) *eventEditor {
	f := &eventEditor{form: newForm(), e: e, event: ev}
	m := e.doc.m
	var when fyne.CanvasObject
	f.when, when = f.dateEntry("date", ev.Date)
	f.kind = kindPicker(m, model.ClassEvent, ev.Kind)
	f.kind.SetPlaceHolder(lang.L("e.g. raid, arrest, statement"))
	f.title = newTextField()
	f.title.SetText(ev.Title)
	f.description = newTextArea()
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetText(ev.Description)

	f.tieByChoice = map[string]model.ID{}
	f.people = container.NewVBox()
	for _, p := range ev.Participants {
		f.addParticipant(e.actorName(p.Actor), p.Role)
	}
	addPerson := newDialogButton(lang.L("Add participant"), theme.ContentAddIcon(), func() { f.addParticipant("", "") })
	f.ties = container.NewVBox()
	for _, id := range ev.Begins {
		f.addTie(id, beginsChoice)
	}
	for _, id := range ev.Ends {
		f.addTie(id, endsChoice)
	}
	addTie := newDialogButton(lang.L("Add tie"), theme.ContentAddIcon(), func() { f.addTie(0, endsChoice) })
	f.matchDates = widget.NewCheck(lang.L("Start the ties it begins, and end those it ends, on its date"), nil)
	f.matchDates.SetChecked(true)
	f.sources = e.newSourcesField(ev.Sources)

	f.add("date", lang.L("Date"), when)
	f.add("kind", lang.L("Kind"), f.kindField(m, model.ClassEvent, f.kind))
	f.add("title", lang.L("Title"), f.title)
	f.add("description", lang.X("ui.description", "Description"), f.description)
	f.add("participants", lang.L("Participants"), container.NewVBox(f.people, container.NewHBox(addPerson)))
	f.add("ties", lang.L("Ties"), container.NewVBox(f.ties, container.NewHBox(addTie), f.matchDates))
	f.add("sources", lang.L("Sources"), f.sources.content)
	f.sources.changed = func() { f.errs["sources"].clear() }
	return f
}

// tieChoice names a tie in the form's tie lists: its ends, its kind and
// when it is in force.
func (f *eventEditor) tieChoice(t model.Tie) string {
	if f.names == nil { // once: a map may have 50,000 ties to name
		f.names = make(map[model.ID]string, len(f.e.doc.m.Actors))
		for _, a := range f.e.doc.m.Actors {
			f.names[a.ID] = a.Name
		}
	}
	what := kindLabel(f.e.doc.m.Kind(model.ClassTie, t.Kind))
	if t.Label != "" {
		what = t.Label
	}
	s := fmt.Sprintf("%s – %s: %s", f.names[t.From], f.names[t.To], what)
	if span := t.Span.String(); span != "" {
		s += " (" + span + ")"
	}
	return fmt.Sprintf("%s #%d", s, t.ID)
}

func (f *eventEditor) addParticipant(name, role string) {
	r := participantRow{actor: actorPicker(f.e.doc.m), role: newTextField()}
	r.actor.SetText(name)
	r.actor.SetPlaceHolder(lang.L("actor"))
	r.role.SetText(role)
	r.role.SetPlaceHolder(lang.L("role (optional)"))
	var remove *dialogButton
	remove = newDialogButton("", theme.DeleteIcon(), func() {
		for i, p := range f.participants {
			if p.actor == r.actor {
				f.participants = slices.Delete(f.participants, i, i+1)
				f.people.Remove(p.box)
				f.settled("participants")
				break
			}
		}
	})
	r.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, r.actor, r.role))
	f.participants = append(f.participants, r)
	f.people.Add(r.box)
	f.follow("participants", r.box)
}

// maxTieChoices is how many ties a tie row offers at most without
// participants to narrow them to.
const maxTieChoices = 300

// tieOptions are the ties a new tie row offers: those of the event's
// participants (as the rows name them now), or every tie of a map that
// has few, and id's.
func (f *eventEditor) tieOptions(id model.ID) []string {
	m := f.e.doc.m
	who := map[model.ID]bool{}
	for _, p := range f.participants {
		if a, err := m.ActorByName(strings.TrimSpace(p.actor.Text)); err == nil {
			who[a.ID] = true
		}
	}
	var out []string
	for _, t := range m.Ties {
		if t.ID == id || who[t.From] || who[t.To] || (len(who) == 0 && len(m.Ties) <= maxTieChoices) {
			c := f.tieChoice(t)
			f.tieByChoice[c] = t.ID
			out = append(out, c)
		}
	}
	return out
}

func (f *eventEditor) addTie(id model.ID, change string) {
	// Said in the window's language, read back by the choice's place.
	r := tieRow{tie: newChoice(f.tieOptions(id), nil), change: newRadio([]string{lang.L("begins"), lang.L("ends")}, nil)}
	r.tie.PlaceHolder = lang.L("(choose a tie)")
	if len(r.tie.Options) == 0 {
		r.tie.PlaceHolder = lang.L("(add participants first: their ties are offered)")
	}
	if t, ok := f.e.doc.m.Tie(id); ok {
		r.tie.SetSelected(f.tieChoice(t))
	}
	r.change.Horizontal = true
	r.change.Required = true
	r.change.SetSelected(lang.L(change))
	remove := newDialogButton("", theme.DeleteIcon(), func() {
		for i, x := range f.links {
			if x.tie == r.tie {
				f.links = slices.Delete(f.links, i, i+1)
				f.ties.Remove(x.box)
				f.settled("ties")
				break
			}
		}
	})
	r.box = container.NewBorder(nil, nil, r.change, remove, r.tie)
	f.links = append(f.links, r)
	f.ties.Add(r.box)
	f.follow("ties", r.box)
}

// understood says what a date field was understood as: "day: 5 April
// 2024", "month: April 2024", "year: 2024"; nothing for an empty field,
// and the problem for one that is not a date.
func understood(text string) string {
	d, err := model.ParseDate(text)
	switch {
	case err != nil:
		return lang.L("not a date yet: YYYY, YYYY-MM or YYYY-MM-DD")
	case d.IsZero():
		return ""
	}
	t := d.First().Time()
	switch d.Precision {
	case model.PrecisionYear:
		return fmt.Sprintf(lang.L("year: %d"), d.Year)
	case model.PrecisionMonth:
		return fmt.Sprintf(lang.L("month: %s %d"), lang.L(t.Month().String()), d.Year)
	}
	return fmt.Sprintf(lang.L("day: %s"), windowLang.Date(d.First()))
}

// read turns the inputs into an event, showing a message beside every
// field that is wrong; ok is false if any is.
func (f *eventEditor) read() (ev model.Event, sources []model.Source, ok bool) {
	f.clear()
	m := f.e.doc.m
	ev = f.event
	ev.Date = f.date("date", f.when.Text)
	if ev.Date.IsZero() && f.message("date") == "" {
		f.fail("date", lang.L("a date is required"))
	}
	ev.Kind = kindName(m, model.ClassEvent, f.kind.Text)
	if ev.Kind == "" {
		f.fail("kind", lang.L("choose or type a kind"))
	}
	ev.Title = strings.TrimSpace(f.title.Text)
	if ev.Title == "" {
		f.fail("title", lang.L("a title is required"))
	}
	ev.Description = strings.TrimSpace(f.description.Text)
	ev.Participants = nil
	for i, p := range f.participants {
		name := strings.TrimSpace(p.actor.Text)
		if name == "" {
			continue // an empty row is no participant
		}
		a, err := m.ActorByName(name)
		if err != nil {
			msg := err.Error()
			var fe *model.FieldError
			if errors.As(err, &fe) {
				msg = fieldMessage(fe)
			}
			f.fail("participants", fmt.Sprintf(lang.L("participant %d: %s"), i+1, msg))
			continue
		}
		if slices.ContainsFunc(ev.Participants, func(q model.Participant) bool { return q.Actor == a.ID }) {
			f.fail("participants", fmt.Sprintf(lang.L("participant %d: %s is listed already; give one row all the roles"), i+1, quoted(a.Name)))
			continue
		}
		ev.Participants = append(ev.Participants, model.Participant{Actor: a.ID, Role: strings.TrimSpace(p.role.Text)})
	}
	ev.Begins, ev.Ends = nil, nil
	for i, r := range f.links {
		id, chosen := f.tieByChoice[r.tie.Selected]
		if !chosen {
			f.fail("ties", fmt.Sprintf(lang.L("tie %d: choose a tie, or remove the row"), i+1))
			continue
		}
		if slices.Contains(ev.Begins, id) || slices.Contains(ev.Ends, id) {
			f.fail("ties", fmt.Sprintf(lang.L("tie %d is listed twice"), i+1))
			continue
		}
		if r.change.Selected == lang.L(beginsChoice) {
			ev.Begins = append(ev.Begins, id)
		} else {
			ev.Ends = append(ev.Ends, id)
		}
	}
	sources = f.sources.read()
	if !f.ok() {
		return ev, sources, false
	}
	check := ev
	check.Sources = nil
	if err := m.CheckEvent(check); err != nil {
		f.failErr(err)
		return ev, sources, false
	}
	return ev, sources, true
}

// save validates and stores the event, with the ties whose dates it
// matches when asked, as one change; it reports whether it was saved.
func (f *eventEditor) save() bool {
	ev, sources, ok := f.read()
	if !ok {
		return false
	}
	summary := lang.L("New Event ") + quoted(ev.Title)
	if ev.ID != 0 {
		summary = lang.L("Edit Event ") + quoted(ev.Title)
	}
	var matched []model.Tie
	if f.matchDates.Checked {
		for _, id := range append(slices.Clone(ev.Begins), ev.Ends...) {
			t, _ := f.e.doc.m.Tie(id)
			t, changed := t.MatchEvent(ev)
			if !changed {
				continue
			}
			if err := t.Span.Check(); err != nil {
				f.fail("ties", fmt.Sprintf(lang.L("with the event's date, %s %s: change its dates, or do not match them"), f.e.tieName(t), inWords(err)))
				return false
			}
			matched = append(matched, t)
		}
	}
	return f.commit(f.e, summary, sources, &ev.Sources,
		func(c *model.Change) {
			c.Put.Events = []model.Event{ev}
			c.Put.Ties = matched
		},
		func(applied model.Change) { f.event = applied.Put.Events[0] })
}

// eventForm opens the event form in a dialog.
func (e *Editor) eventForm(ev model.Event) {
	f := e.newEventEditor(ev)
	title := lang.L("New Event")
	if ev.ID != 0 {
		title = lang.L("Edit Event")
	}
	var d dialog.Dialog
	var del func()
	if ev.ID != 0 {
		del = func() {
			e.confirmDelete(fmt.Sprintf(lang.L("Delete the event “%s”?"), ev.Title), func() {
				d.Hide()
				e.deleteEvent(ev)
			})
		}
	}
	d = formDialog(e, title, f.form, f.save, del)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
	e.win.Canvas().Focus(f.when) // typing starts in the first field, the date
	// A date given is all selected: typing puts another in its place.
	f.when.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// newEvent opens the form of a new event on the date on show.
func (e *Editor) newEvent() {
	var ev model.Event
	if len(e.doc.keys) > 0 {
		ev.Date = model.DateOfDay(e.doc.day)
	}
	e.eventForm(ev)
}

// eventFromTie opens the event form for a new event that begins or ends
// tie t (change is beginsChoice or endsChoice), between its two actors,
// on the tie's start or end when it has one, else on the date on show.
func (e *Editor) eventFromTie(t model.Tie, change string) {
	ev := model.Event{Participants: []model.Participant{{Actor: t.From}, {Actor: t.To}}}
	ev.Date = model.DateOfDay(e.doc.day)
	if change == beginsChoice {
		ev.Begins = []model.ID{t.ID}
		if !t.Span.Start.IsZero() {
			ev.Date = t.Span.Start
		}
	} else {
		ev.Ends = []model.ID{t.ID}
		if !t.Span.End.IsZero() {
			ev.Date = t.Span.End
		}
	}
	e.eventForm(ev)
}

// deleteEvent deletes an event as one undoable change; the ties it began
// and ended stay.
func (e *Editor) deleteEvent(ev model.Event) {
	c := model.Change{Summary: lang.L("Delete Event ") + quoted(ev.Title), Delete: model.Deleted{Events: []model.ID{ev.ID}}}
	if _, err := e.apply(c); err != nil {
		e.showError(err)
	}
}
