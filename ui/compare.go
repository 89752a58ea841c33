package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// compareDialog lists what changed between two dates: the ties that began
// and ended, the actors that appeared and left, and the events between
// (model.Map.Diff). It starts from the change before the date on show to
// that date; choosing a row goes to its date and selects its actor.
// changeText is what a row of a comparison says, a tie's kind in the
// window's language ("Mexico – Ecuador: Relaciones rotas, …"): the
// model writes it with the kinds' own labels, English for the default
// catalogue's.
func (e *Editor) changeText(r model.DiffRow) string {
	t, ok := e.doc.m.Tie(r.ID)
	if r.Record != "tie" || !ok {
		return r.Text
	}
	from, _ := e.doc.m.Actor(t.From)
	to, _ := e.doc.m.Actor(t.To)
	s := from.Label() + " – " + to.Label() + ": " + kindLabel(e.doc.m.Kind(model.ClassTie, t.Kind))
	if t.Label != "" {
		s += " (" + t.Label + ")"
	}
	return s + ", " + t.Span.String()
}

func (e *Editor) compareDialog() {
	from, to := newTextField(), newTextField()
	start := e.doc.day - 1
	if k := model.KeyframeAt(e.doc.keys, e.doc.day); k > 0 {
		start = e.doc.keys[k-1]
	}
	from.SetText(start.String())
	to.SetText(e.doc.day.String())
	msg := widget.NewLabel("")
	var rows []model.DiffRow
	list := newDialogList(func() int { return len(rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis // a long line ends in … rather than at the edge
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := rows[i]
			o.(*widget.Label).SetText(r.Mark() + " " + e.changeText(r))
		})
	compare := func() {
		rows = nil
		a, errA := dayTyped(from.Text)
		b, errB := dayTyped(to.Text)
		switch {
		case errA != nil:
			msg.SetText(lang.L("From: ") + dateProblem(from.Text, errA))
		case errB != nil:
			msg.SetText(lang.L("To: ") + dateProblem(to.Text, errB))
		default:
			rows = e.doc.m.DiffRows(e.doc.m.Diff(a, b))
			msg.SetText(changesLine(len(rows), a, b))
		}
		list.UnselectAll()
		list.Refresh()
	}
	from.OnSubmitted = func(string) { compare() }
	to.OnSubmitted = func(string) { compare() }
	list.OnSelected = func(i widget.ListItemID) { e.goToChange(rows[i]) }
	field := func(en *textField) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(140, en.MinSize().Height), en)
	}
	var d dialog.Dialog
	show := widget.NewButton(lang.L("Show on Diagram"), func() {
		a, errA := dayTyped(from.Text)
		b, errB := dayTyped(to.Text)
		if errA != nil || errB != nil {
			return
		}
		d.Hide()
		e.showDiff(e.doc.m.Diff(a, b))
	})
	form := container.NewHBox(widget.NewLabel(lang.L("From")), field(from), widget.NewLabel(lang.L("to")), field(to),
		widget.NewButton(lang.L("Compare"), compare), show)
	content := container.NewBorder(container.NewVBox(form, msg), nil, nil, nil, list)
	d = dialog.NewCustom(lang.L("Compare Dates"), lang.L("Close"), content, e.win)
	// As wide as the window allows: the lines are long, and cut short
	// their ends (an end date, "…" for none) were lost.
	win := e.win.Canvas().Size()
	d.Resize(fyne.NewSize(max(760, min(1200, win.Width*0.9)), max(520, min(700, win.Height*0.8))))
	compare()
	d.Show()
	e.comparing = rowsOf(&rows) // for tests
}

// changesLine says how many changes there are between a and b.
func changesLine(n int, a, b model.Day) string {
	what := windowLang.Count(n) + lang.L(" changes")
	if n == 1 {
		what = lang.L("1 change")
	}
	return fmt.Sprintf(lang.L("%s from %s to %s."), what, windowLang.Date(a), windowLang.Date(b))
}

// rowsOf gives tests the rows the dialog shows.
func rowsOf(rows *[]model.DiffRow) func() []model.DiffRow {
	return func() []model.DiffRow { return *rows }
}

// goToChange shows the date of a change and selects the actor it is
// about: a tie's first actor, the actor that appeared or left, an event's
// first participant.
func (e *Editor) goToChange(r model.DiffRow) {
	if d, err := model.ParseDate(r.Date); err == nil && !d.IsZero() {
		day := d.First()
		if r.Change == "ended" || r.Change == "left" {
			if until, ok := (model.Span{End: d}).Until(); ok {
				day = until - 1 // the last day it was there
			}
		}
		e.SetDate(day, true)
	}
	var id model.ID
	switch r.Record {
	case "tie":
		if t, ok := e.doc.m.Tie(r.ID); ok {
			id = t.From
		}
	case "actor":
		id = r.ID
	case "event":
		for _, ev := range e.doc.m.Events {
			if ev.ID == r.ID && len(ev.Participants) > 0 {
				id = ev.Participants[0].Actor
			}
		}
	}
	if _, ok := e.doc.m.Actor(id); ok {
		e.Select(id)
	}
}

// beganColor draws the ties a comparison finds began; those that ended
// are drawn in render.GhostColor.
const beganColor = "#2e7d32"

// showDiff shows the second date of d with what began since the first
// drawn in full (the ties that began, their actors, the actors that
// appeared) and the rest faded, until the date moves or Escape.
func (e *Editor) showDiff(d model.Diff) {
	em := &render.Emphasis{Actors: map[model.ID]bool{}, Ties: map[model.ID]bool{}, Color: beganColor, Solid: true}
	for _, t := range d.Began {
		em.Ties[t.ID], em.Actors[t.From], em.Actors[t.To] = true, true, true
	}
	for _, a := range d.Appeared {
		em.Actors[a.ID] = true
	}
	// What ended is drawn ghosted, in its own colour, where both its
	// actors are still on the picture.
	var ghosts []render.Edge
	for _, t := range append(d.Ended[:len(d.Ended):len(d.Ended)], d.Passed...) {
		ghosts = append(ghosts, render.Edge{ID: t.ID, From: t.From, To: t.To, Kind: e.doc.m.Kind(model.ClassTie, t.Kind),
			Label: t.Label, Directed: t.Directed, Alpha: 1, Lanes: 1})
	}
	e.focus, e.route = 0, nil
	e.doc.Select(0)
	// The whole date is shown, as what changed lies all over it: a view
	// zoomed in before showed a few of the ties counted. Followed before
	// the date moves, so that the new date's fit is asked for.
	if !e.diagram.Following() {
		e.diagram.Fit()
	}
	e.SetDate(d.To, false)
	e.diffStress, e.diffGhosts, e.diffDay = em, ghosts, d.To
	e.diffFrom = d.From
	e.showScene()
	e.refreshSide()
	said := fmt.Sprintf(lang.L("Between %s and %s: %s ties began (green, drawn in full), %s ended (dashed red). Escape ends it."),
		d.From, d.To, windowLang.Count(len(d.Began)), windowLang.Count(len(d.Ended)))
	// An ended tie whose actor is gone by then is not drawn: said, or the
	// red lines counted were looked for in vain.
	if n := len(d.Passed); n > 0 {
		said += " " + counted(n, "1 more began and ended between them (dashed red too).", "%s more began and ended between them (dashed red too).")
	}
	gone, x := 0, model.NewIndex(e.doc.m)
	for _, t := range append(d.Ended[:len(d.Ended):len(d.Ended)], d.Passed...) {
		a, _ := x.Actor(t.From)
		b, _ := x.Actor(t.To)
		if !a.Exists(d.To) || !b.Exists(d.To) {
			gone++
		}
	}
	switch {
	case gone == 1:
		said += " " + fmt.Sprintf(lang.L("Of the ties that ended, 1 joins an actor no longer on the map on %s, and is not drawn."), d.To)
	case gone > 1:
		said += " " + fmt.Sprintf(lang.L("Of the ties that ended, %s join an actor no longer on the map on %s, and are not drawn."), windowLang.Count(gone), d.To)
	}
	e.status.SetText(said)
}
