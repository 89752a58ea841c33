package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// findDialog finds actors as the user types: by name, short name,
// attribute or notes, accents and case aside ("lopez" finds "López
// Obrador"). Enter takes the result marked (the first, until the arrow
// keys move the mark), a click any; the actor is selected and centred.
// An actor not shown on the date on show is listed with its dates, and
// taking it moves to a date on which it is shown.
func (e *Editor) findDialog() {
	var d dialog.Dialog
	entry := newTextField()
	entry.SetPlaceHolder(lang.L("Name, short name, attribute or notes"))
	var matches []model.Match
	marked := 0                            // the result Enter takes, shown in bold
	searcher := model.NewSearcher(e.doc.m) // the map's fields folded once, not per keystroke
	list := newDialogList(func() int { return len(matches) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis // a long line ends in "…", not mid-word
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = i == marked
			l.SetText(e.matchLine(matches[i]))
		})
	count := widget.NewLabel("")
	// The results follow the text once a turn of the UI loop, not once a
	// key: keys typed faster than the window is drawn arrive together,
	// and on a 10,000-actor map searching and listing for each of them
	// held the window 100–150 ms.
	pending, query := false, ""
	update := func() {
		if !pending {
			return
		}
		pending = false
		matches = searcher.Search(query)
		marked = 0
		list.UnselectAll()
		list.Refresh()
		switch {
		case query == "":
			count.SetText("")
		case len(matches) == 0:
			count.SetText(lang.L("No actor matches."))
		case len(matches) == 1:
			count.SetText(lang.L("1 actor"))
		default:
			count.SetText(windowLang.Count(len(matches)) + lang.L(" actors"))
		}
	}
	entry.OnChanged = func(s string) {
		query = s
		if !pending {
			pending = true
			later := e.later
			if later == nil {
				later = fyne.Do
			}
			later(update)
		}
	}
	entry.onKey = func(k *fyne.KeyEvent) bool {
		step := map[fyne.KeyName]int{fyne.KeyDown: 1, fyne.KeyUp: -1}[k.Name]
		if step == 0 {
			return false
		}
		update() // the results of what was typed last
		if len(matches) == 0 {
			return false
		}
		marked = min(max(marked+step, 0), len(matches)-1)
		list.Refresh()
		list.ScrollTo(marked)
		return true
	}
	take := func(i int) {
		d.Hide()
		e.goToActor(matches[i].Actor)
	}
	list.OnSelected = func(i widget.ListItemID) { take(i) }
	entry.OnSubmitted = func(string) {
		update()
		if marked < len(matches) {
			take(marked)
		}
	}
	content := container.NewBorder(container.NewVBox(entry, count), nil, nil, nil, list)
	d = dialog.NewCustom(lang.L("Find"), lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(600, 480))
	d.Show()
	e.win.Canvas().Focus(entry)
	e.finding = entry // for tests
}

// matchLine is how a search result is listed: "López Obrador — official,
// 2018-12-01 – 2024-09-30, notes: …", and when the actor is not shown on
// the date on show, "not shown on 2024-04-07".
func (e *Editor) matchLine(m model.Match) string {
	a := m.Actor
	kind := e.doc.m.Kind(model.ClassActor, a.Kind)
	line := a.Name + " — " + kindLabel(kind)
	if !a.Life.IsZero() || len(a.Later) > 0 {
		line += ", " + model.LivesString(a.Lives())
	}
	if m.Field != "name" {
		field := m.Field // an attribute's key, as the map has it
		if field == "short name" || field == "notes" {
			field = lang.L(field)
		}
		line += ", " + field + ": " + shorten(m.Text, 60)
	}
	if !a.Exists(e.doc.day) {
		line += lang.L(" — not shown on ") + e.doc.day.String()
	}
	return line
}

// goToActor selects a and shows it. If a is not shown on the date on
// show, the date moves first to the nearest on which it is, and has a tie
// when it ever has one: an ambassador found was shown on the day he was
// born, with none of his posts.
func (e *Editor) goToActor(a model.Actor) {
	moved := !a.Exists(e.doc.day)
	if moved {
		// The nearest first or last day of one of its ties, or else of
		// one of its spans.
		day, best := e.doc.day, model.Day(math.MaxInt32)
		near := func(spans []model.Span) {
			for _, s := range spans {
				var ends []model.Day
				if from, ok := s.From(); ok {
					ends = append(ends, from)
				}
				if until, ok := s.Until(); ok {
					ends = append(ends, until-1)
				}
				for _, d := range ends {
					if dist := max(d-e.doc.day, e.doc.day-d); a.Exists(d) && dist < best {
						day, best = d, dist
					}
				}
			}
		}
		var ties []model.Span
		for _, t := range e.doc.m.TiesOf(a.ID) {
			ties = append(ties, t.Span)
		}
		if near(ties); best == math.MaxInt32 {
			near(a.Lives())
		}
		e.SetDate(day, false)
	}
	e.Select(a.ID)
	if p, ok := e.tl.At(e.doc.day).Pos[a.ID]; ok {
		e.bringInto(p, moved || !e.diagram.InSight(p))
	}
}

// bringInto shows map point p, what was gone to: brought close when the
// actors are dots (on a map of 10,000 the actor found was a ringed dot
// among them), else centred when away (the date moved, or it is out of
// sight). One in sight stays where it is, and so does the view (a click
// on its row in the Table panned a fitted map half out of the window). A
// view that follows the fit shows every actor of the date it moves to,
// and keeps following it: centred, a fitted map's actor in a corner left
// the map in the opposite one, the rest of the window empty.
func (e *Editor) bringInto(p model.Point, away bool) {
	switch {
	case e.diagram.TooSmall():
		e.diagram.CloseIn(p)
	case away && !e.diagram.Following():
		e.diagram.CenterOn(p)
	}
}

// goToActorID is goToActor for the actor numbered id, if there is one.
func (e *Editor) goToActorID(id model.ID) {
	if a, ok := e.doc.m.Actor(id); ok {
		e.goToActor(a)
	}
}

// goToTie selects the tie numbered id and shows it as goToActor shows an
// actor (see bringInto): away when the date moved or either end is out of
// sight. If the tie is not in force on the date on show, the date moves
// first to its first day, or, for a tie that ended before, to its last.
func (e *Editor) goToTie(id model.ID) {
	t, ok := e.doc.m.Tie(id)
	if !ok {
		return
	}
	was := e.doc.day
	if !t.Span.Covers(e.doc.day) {
		from, hasFrom := t.Span.From()
		until, hasUntil := t.Span.Until()
		switch {
		case hasFrom && e.doc.day < from:
			e.SetDate(from, false)
		case hasUntil:
			e.SetDate(until-1, false)
		}
	}
	e.SelectTie(id)
	pos := e.tl.At(e.doc.day).Pos
	if a, ok := pos[t.From]; ok {
		if b, ok := pos[t.To]; ok {
			e.bringInto(model.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2}, e.doc.day != was || !e.diagram.InSight(a) || !e.diagram.InSight(b))
		}
	}
}
