package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"relmap/model"
)

// actorEditor is the form that adds or edits an actor.
type actorEditor struct {
	*form
	e          *Editor
	actor      model.Actor
	name       *textField
	kind       *pick
	short      *textField
	belongsTo  *pick
	locatedIn  *pick
	start, end *textField
	// later holds the spans after Until of an actor that came back.
	later   *textField
	notes   *textField
	sources *sourcesField
	attrs   *attrsField
}

func (e *Editor) newActorEditor(a model.Actor) *actorEditor {
	f := &actorEditor{form: newForm(), e: e, actor: a}
	m := e.doc.m
	f.name = newTextField()
	f.name.SetText(a.Name)
	kind := a.Kind
	if a.ID == 0 && kind == "" {
		kind = e.newKind(model.ClassActor)
	}
	f.kind = kindPicker(m, model.ClassActor, kind)
	f.short = newTextField()
	f.short.SetText(a.Short)
	f.short.SetPlaceHolder(lang.L("optional label for the diagram"))
	f.belongsTo = actorPicker(m, a.ID)
	f.belongsTo.SetText(e.actorName(a.BelongsTo))
	f.belongsTo.SetPlaceHolder(lang.L("e.g. the sending country"))
	f.locatedIn = actorPicker(m, a.ID)
	f.locatedIn.SetText(e.actorName(a.LocatedIn))
	f.locatedIn.SetPlaceHolder(lang.L("e.g. the host country"))
	var start, end fyne.CanvasObject
	f.start, start = f.dateEntry("start", a.Life.Start)
	f.end, end = f.dateEntry("end", a.Life.End)
	f.notes = newTextArea()
	f.notes.SetText(a.Notes)
	f.notes.Wrapping = fyne.TextWrapWord
	f.sources = e.newSourcesField(a.Sources)

	f.add("name", lang.L("Name"), f.name)
	f.add("kind", lang.L("Kind"), f.kindField(m, model.ClassActor, f.kind))
	f.add("short", lang.L("Short name"), f.short)
	f.add(lang.L("belongs to"), lang.L("Belongs to"), f.belongsTo)
	f.add(lang.L("located in"), lang.L("Located in"), f.locatedIn)
	f.later = newTextField()
	if len(a.Later) > 0 {
		f.later.SetText(model.LivesString(a.Later))
	}
	f.later.SetPlaceHolder(lang.L("again from, e.g. 1991– (several: 1945–1950; 1991–)"))
	f.add("start", lang.L("Exists from"), start)
	f.add("end", lang.L("Until"), end)
	f.alsoClears(f.start, "end") // which says when the span is backwards
	f.add("later", lang.L("And again"), f.later)
	f.alsoClears(f.end, "later") // which says when Until is wanted
	f.add("notes", lang.L("Notes"), f.notes)
	f.attrs = newAttrsField(a.Attrs)
	f.add("attrs", lang.L("Attributes"), f.attrs.content)
	f.attrs.changed = func() { f.errs["attrs"].clear() }
	f.add("sources", lang.L("Sources"), f.sources.content)
	f.sources.changed = func() { f.errs["sources"].clear() }
	return f
}

// read turns the inputs into an actor, showing a message beside every
// field that is wrong; ok is false if any is.
func (f *actorEditor) read() (a model.Actor, sources []model.Source, ok bool) {
	f.clear()
	m := f.e.doc.m
	a = f.actor
	a.Name = strings.TrimSpace(f.name.Text)
	if a.Name == "" {
		f.fail("name", lang.L("a name is required"))
	} else if other, err := m.ActorByName(a.Name); err == nil && other.ID != a.ID {
		f.fail("name", lang.L("another actor already has this name"))
	}
	a.Kind = kindName(m, model.ClassActor, f.kind.Text)
	if a.Kind == "" {
		f.fail("kind", lang.L("choose or type a kind"))
	}
	a.Short = strings.TrimSpace(f.short.Text)
	a.BelongsTo = f.actorRef(m, lang.L("belongs to"), f.belongsTo.Text, true)
	a.LocatedIn = f.actorRef(m, lang.L("located in"), f.locatedIn.Text, true)
	a.Life = f.span(f.start.Text, f.end.Text)
	a.Later = nil
	if text := strings.TrimSpace(f.later.Text); text != "" {
		later, err := model.ParseLives(text)
		switch {
		case err != nil:
			var de *model.DateError
			if errors.As(err, &de) {
				f.fail("later", dateProblem(de.Text, de))
			} else {
				f.fail("later", inWords(err))
			}
		case a.Life.End.IsZero():
			f.fail("later", lang.L("an actor that exists again first ends: give Until"))
		default:
			a.Later = later
		}
	}
	a.Notes = strings.TrimSpace(f.notes.Text)
	sources = f.sources.read()
	var problem string
	if a.Attrs, problem = f.attrs.read(); problem != "" {
		f.fail("attrs", problem)
	}
	if !f.ok() {
		return a, sources, false
	}
	check := a
	check.Sources = nil
	if err := m.CheckActor(check); err != nil {
		f.failErr(err)
		return a, sources, false
	}
	return a, sources, true
}

// save validates and stores the actor; it reports whether it was saved.
func (f *actorEditor) save() bool {
	a, sources, ok := f.read()
	if !ok {
		return false
	}
	summary := lang.L("New Actor ") + quoted(a.Name)
	if a.ID != 0 {
		summary = lang.L("Edit Actor ") + quoted(a.Name)
	}
	return f.commit(f.e, summary, sources, &a.Sources,
		func(c *model.Change) { c.Put.Actors = []model.Actor{a} },
		func(applied model.Change) {
			f.actor = applied.Put.Actors[0]
			f.e.keepKind(model.ClassActor, f.actor.Kind)
			f.e.Select(f.actor.ID)
		})
}

// actorForm opens the actor form in a dialog.
func (e *Editor) actorForm(a model.Actor) {
	f := e.newActorEditor(a)
	title := lang.L("New Actor")
	if a.ID != 0 {
		title = lang.L("Edit Actor")
	}
	var d dialog.Dialog
	var del func()
	if a.ID != 0 {
		del = func() {
			var question string
			switch n := len(e.doc.m.TiesOf(a.ID)); n {
			case 0:
				question = fmt.Sprintf(lang.L("Delete “%s”?"), a.Label())
			case 1:
				question = fmt.Sprintf(lang.L("Delete “%s” and its tie?"), a.Label())
			default:
				question = fmt.Sprintf(lang.L("Delete “%s” and its %d ties?"), a.Label(), n)
			}
			e.confirmDelete(question, func() {
				d.Hide()
				e.deleteActor(a)
			})
		}
	}
	d = formDialog(e, title, f.form, f.save, del)
	d.Show()
	e.win.Canvas().Focus(f.name) // typing starts with the actor's name
}
