package ui

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// tieEditor is the form that adds or edits a tie.
type tieEditor struct {
	*form
	e        *Editor
	tie      model.Tie
	kind     *pick
	from, to *pick
	directed *widget.Check
	start    *textField
	end      *textField
	label    *textField
	weight   *textField
	notes    *textField
	sources  *sourcesField
	attrs    *attrsField
}

func (e *Editor) newTieEditor(t model.Tie) *tieEditor {
	f := &tieEditor{form: newForm(), e: e, tie: t}
	m := e.doc.m
	kind := t.Kind
	if t.ID == 0 && kind == "" {
		kind = e.newKind(model.ClassTie)
	}
	f.kind = kindPicker(m, model.ClassTie, kind)
	f.from = actorPicker(m)
	f.from.SetText(e.actorName(t.From))
	f.to = actorPicker(m)
	f.to.SetText(e.actorName(t.To))
	f.directed = widget.NewCheck(lang.L("from the first actor to the second"), nil)
	f.directed.SetChecked(t.Directed || t.ID == 0 && (kind == "" || m.Kind(model.ClassTie, kind).Arrow))
	// A new tie's Directed follows its kind while the kind is one the map
	// has; a kind being typed, or a new one, leaves it as it is.
	f.kind.OnChanged = func(s string) {
		if name, known := knownKind(m, model.ClassTie, s); f.tie.ID == 0 && known {
			f.directed.SetChecked(m.Kind(model.ClassTie, name).Arrow)
		}
	}
	var start, end fyne.CanvasObject
	f.start, start = f.dateEntry("start", t.Span.Start)
	f.end, end = f.dateEntry("end", t.Span.End)
	f.label = newTextField()
	f.label.SetText(t.Label)
	f.label.SetPlaceHolder(lang.L("status or short description"))
	f.weight = newTextField()
	f.weight.SetText(weightText(t.Weight))
	f.weight.SetPlaceHolder(lang.L("none"))
	f.sources = e.newSourcesField(t.Sources)

	f.add("kind", lang.L("Kind"), f.kindField(m, model.ClassTie, f.kind))
	f.add("from", lang.X("tie.from", "From"), f.from)
	f.add("to", lang.X("tie.to", "To"), f.to)
	f.add("directed", lang.L("Directed"), f.directed)
	f.add("start", lang.L("Start"), start)
	f.add("end", lang.L("End"), end)
	f.alsoClears(f.start, "end") // which says when the span is backwards
	f.add("label", lang.L("Label"), f.label)
	f.add("weight", lang.L("Weight"), f.weight)
	f.notes = newTextArea()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetText(t.Notes)
	f.add("notes", lang.L("Notes"), f.notes)
	f.attrs = newAttrsField(t.Attrs)
	f.add("attrs", lang.L("Attributes"), f.attrs.content)
	f.attrs.changed = func() { f.errs["attrs"].clear() }
	f.add("sources", lang.L("Sources"), f.sources.content)
	f.sources.changed = func() { f.errs["sources"].clear() }
	return f
}

// read turns the inputs into a tie, showing a message beside every field
// that is wrong; ok is false if any is.
func (f *tieEditor) read() (t model.Tie, sources []model.Source, ok bool) {
	f.clear()
	m := f.e.doc.m
	t = f.tie
	t.Kind = kindName(m, model.ClassTie, f.kind.Text)
	if t.Kind == "" {
		f.fail("kind", lang.L("choose or type a kind"))
	}
	t.From = f.actorRef(m, "from", f.from.Text, false)
	t.To = f.actorRef(m, "to", f.to.Text, false)
	t.Directed = f.directed.Checked
	t.Span = f.span(f.start.Text, f.end.Text)
	t.Label = strings.TrimSpace(f.label.Text)
	t.Notes = strings.TrimSpace(f.notes.Text)
	var err error
	if t.Weight, err = parseWeight(f.weight.Text); err != nil {
		f.fail("weight", err.Error())
	}
	sources = f.sources.read()
	var problem string
	if t.Attrs, problem = f.attrs.read(); problem != "" {
		f.fail("attrs", problem)
	}
	// The span's fault is said with the others, not after them: the
	// model says only the first rule a tie breaks (two ends the same
	// actor, say).
	if err := t.Span.Check(); err != nil && f.message("end") == "" {
		f.fail("end", inWords(err))
	}
	check := t
	check.Sources = nil
	if err := m.CheckTie(check); err != nil && t.From != 0 && t.To != 0 {
		var fe *model.FieldError
		if !errors.As(err, &fe) || f.message(fe.Field) == "" {
			f.failErr(err)
		}
	}
	return t, sources, f.ok()
}

// save validates and stores the tie; it reports whether it was saved.
// Nothing is written unless every field is valid.
func (f *tieEditor) save() bool {
	t, sources, ok := f.read()
	if !ok {
		return false
	}
	summary := lang.L("New Tie ") + quoted(f.e.tieName(t))
	if t.ID != 0 {
		summary = lang.L("Edit Tie ") + quoted(f.e.tieName(t))
	}
	isNew := t.ID == 0
	return f.commit(f.e, summary, sources, &t.Sources,
		func(c *model.Change) { c.Put.Ties = []model.Tie{t} },
		func(applied model.Change) {
			f.tie = applied.Put.Ties[0]
			f.e.keepKind(model.ClassTie, f.tie.Kind)
			// A tie dated beyond an actor's life is no mistake (the
			// actor's dates may be the ones to put right), but it does
			// not show then: said, as it was not.
			if name, day, ok := absentEnd(f.e.doc.m, f.tie); ok {
				f.e.sayDone(fmt.Sprintf(lang.L("%s is not on the map on %s: the tie shows only while both its actors are."), name, windowLang.Date(day)))
			}
			if !isNew {
				return
			}
			// A new tie is selected, shown at its start when it is not in
			// force on the date on show: saved, it showed nowhere.
			if start, ok := f.tie.Span.From(); ok && !f.tie.Span.Covers(f.e.doc.day) {
				f.e.SetDate(start, false)
			}
			f.e.SelectTie(f.tie.ID)
		})
}

// weightText writes a tie's weight as the window writes decimals ("1,5"
// in Spanish); "" for none (0).
func weightText(w float64) string {
	if w == 0 {
		return ""
	}
	return windowLang.Decimal(model.WeightText(w))
}

// parseWeight reads a weight typed in a form or a cell: a number, 0 or
// more, with a point or the window's decimal comma ("1,5" as "1.5" in a
// Spanish window, which writes weights so); "" is none (0).
func parseWeight(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if sep := windowLang.Decimal("."); sep != "." && strings.Count(s, sep) == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, sep, ".", 1)
	}
	w, err := strconv.ParseFloat(s, 64)
	if err != nil || !(w >= 0 && w <= math.MaxFloat64) { // not NaN nor Inf either
		return 0, errors.New(lang.L("the weight must be a number, 0 or more"))
	}
	return w, nil
}

// tieForm opens the tie form in a dialog.
func (e *Editor) tieForm(t model.Tie) {
	f := e.newTieEditor(t)
	title := lang.L("New Tie")
	if t.ID != 0 {
		title = lang.L("Edit Tie")
	}
	var d dialog.Dialog
	var del func()
	if t.ID != 0 {
		del = func() {
			e.confirmDelete(fmt.Sprintf(lang.L("Delete the tie “%s”?"), e.tieName(t)), func() {
				d.Hide()
				e.deleteTie(t)
			})
		}
	}
	d = formDialog(e, title, f.form, f.save, del)
	d.Show()
	// Typing starts with the tie's first actor, or, when it has one, its
	// kind, the first field.
	if t.From == 0 {
		e.win.Canvas().Focus(f.from)
	} else {
		e.win.Canvas().Focus(f.kind)
	}
}

// absentEnd names an actor of t that is not on the map on the tie's first
// or last day, and that day; ok is false when both are on it on both.
func absentEnd(m *model.Map, t model.Tie) (name string, day model.Day, ok bool) {
	var ends []model.Day
	if d, has := t.Span.From(); has {
		ends = append(ends, d)
	}
	if d, has := t.Span.Until(); has {
		ends = append(ends, d-1)
	}
	for _, d := range ends {
		for _, id := range []model.ID{t.From, t.To} {
			if a, found := m.Actor(id); found && !a.Exists(d) {
				return a.Label(), d, true
			}
		}
	}
	return "", 0, false
}
