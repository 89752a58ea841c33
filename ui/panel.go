package ui

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// refreshSide fills the side panel: the selected actor's details and its
// ties over time, or, with nothing selected, the map and its events.
func (e *Editor) refreshSide() {
	var items []fyne.CanvasObject
	if t, ok := e.doc.selectionTie(); ok {
		items = e.tieDetails(t)
	} else if a, ok := e.doc.selectionActor(); ok {
		items = e.actorDetails(a)
		e.sideDay = e.actorDay(a.ID)
	} else {
		items = e.overview()
	}
	items = append(e.pathList(), items...)
	e.side.Objects = items
	e.side.Refresh()
}

func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// field is a "Label: value" line, or nil when value is empty.
func field(label, value string) fyne.CanvasObject {
	if strings.TrimSpace(value) == "" {
		return nil
	}
	return wrapped(label + ": " + value)
}

func (e *Editor) actorName(id model.ID) string {
	if a, ok := e.doc.m.Actor(id); ok {
		return a.Name
	}
	return ""
}

func (e *Editor) actorDetails(a model.Actor) []fyne.CanvasObject {
	kind := e.doc.m.Kind(model.ClassActor, a.Kind)
	objs := []fyne.CanvasObject{
		heading(a.Name),
		field(lang.L("Kind"), kindLabel(kind)),
		field(lang.L("Short name"), a.Short),
		field(lang.L("Belongs to"), e.actorName(a.BelongsTo)),
		field(lang.L("Located in"), e.actorName(a.LocatedIn)),
	}
	if !a.Life.IsZero() || len(a.Later) > 0 {
		objs = append(objs, field(lang.L("Exists"), model.LivesString(a.Lives())))
	}
	objs = append(objs, attrFields(a.Attrs)...)
	objs = append(objs, field(lang.L("Notes"), a.Notes), e.sourceRows(a.Sources))
	objs = append(objs, container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { e.actorForm(a) }),
		widget.NewButtonWithIcon(lang.L("New tie…"), theme.ContentAddIcon(), func() { e.tieForm(model.Tie{From: a.ID}) }),
	))
	// The events it takes part in, by date, each with its role.
	if parts := e.doc.m.EventsOfActor(a.ID); len(parts) > 0 {
		objs = append(objs, widget.NewSeparator(), heading(lang.L("Events")))
		sort.SliceStable(parts, func(i, j int) bool { return parts[i].Event.Date.First() < parts[j].Event.Date.First() })
		at, _ := slices.BinarySearchFunc(parts, e.doc.day, func(p model.Part, d model.Day) int { return cmp.Compare(p.Event.Date.First(), d) })
		objs = append(objs, e.windowed("actor events", len(parts), at, func(i int) fyne.CanvasObject {
			role := parts[i].Role
			if role == "" {
				role = lang.L("takes part")
			}
			return e.eventRow(role, parts[i].Event)
		})...)
	}
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Ties over time")))
	ties := e.doc.m.TiesOf(a.ID)
	sort.SliceStable(ties, func(i, j int) bool {
		fi, _ := ties[i].Span.From()
		fj, _ := ties[j].Span.From()
		return fi < fj
	})
	if len(ties) == 0 {
		objs = append(objs, wrapped(lang.L("No ties yet.")))
	}
	at, _ := slices.BinarySearchFunc(ties, e.doc.day, func(t model.Tie, d model.Day) int {
		from, _ := t.Span.From()
		return cmp.Compare(from, d)
	})
	objs = append(objs, e.windowed("actor ties", len(ties), at, func(i int) fyne.CanvasObject { return e.tieRow(a.ID, ties[i]) })...)
	return compact(objs)
}

// SelectTie selects tie id and shows it: its ends drawn in full, the rest
// faded, and its details in the side panel.
func (e *Editor) SelectTie(id model.ID) {
	e.focus, e.route = 0, nil
	e.doc.SelectTie(id)
}

// followInPanel keeps the side panel on the document: a new selection is
// shown from its top; the marks of what is in force change only at
// keyframes, so a date within the same keyframe (every step of a slider
// drag) rebuilds nothing.
func (e *Editor) followInPanel(u Update) {
	switch {
	case u.Has(MapChanged | SelectionChanged | FileChanged):
		// The lists of another selection, or file, show from about the
		// date again; those of the same one (selected again as its form
		// stores it) keep the rows asked for.
		if shown := [2]model.ID{e.doc.selected, e.doc.selectedTie}; u.Has(FileChanged) || shown != e.sideOf {
			e.sideMore, e.sideOf = nil, shown
		}
		e.refreshSide()
		if u.Has(SelectionChanged) {
			e.sideToTop()
		}
	case u.Has(DayChanged):
		was, now := model.KeyframeAt(e.doc.keys, u.Was), model.KeyframeAt(e.doc.keys, e.doc.day)
		if was == now {
			return
		}
		if e.sideMarksMove(was, now) {
			e.refreshSide()
		}
		e.sayPath() // the answer follows the timeline
	}
}

// keyframeDay is the day of keyframe i of the document, or, for none
// (-1), a day no event is on.
func (e *Editor) keyframeDay(i int) model.Day {
	if i < 0 {
		return -1 << 30
	}
	return e.doc.keys[i]
}

// sideMarksMove reports whether the side panel's marks differ between
// keyframes was and now (indices in the document's keyframes, -1 for
// none): an actor's or tie's details, or the paths, mark what is in force
// at the date; the map's overview marks only the events of the keyframe
// in force, so that on a map whose events are on neither keyframe, as on
// most steps of a slider drag on a long timeline, it stays as it is.
func (e *Editor) sideMarksMove(was, now int) bool {
	if e.doc.selectedTie != 0 || e.route != nil {
		return true
	}
	if a, ok := e.doc.selectionActor(); ok {
		return e.actorDay(a.ID) != e.sideDay
	}
	if e.doc.selected != 0 {
		return true
	}
	a, b := e.keyframeDay(was), e.keyframeDay(now)
	for _, ev := range e.doc.m.Events {
		if d := ev.Date.First(); d == a || d == b {
			return true
		}
	}
	return false
}

// tieDetails shows a tie: its ends, kind, dates, label, weight, notes,
// sources and the events that began and ended it, with Edit and Delete.
func (e *Editor) tieDetails(t model.Tie) []fyne.CanvasObject {
	kind := e.doc.m.Kind(model.ClassTie, t.Kind)
	objs := []fyne.CanvasObject{
		heading(tieEnds(t, e.actorName(t.From), e.actorName(t.To))),
		field(lang.L("Kind"), kindLabel(kind)),
		field(lang.L("Label"), t.Label),
	}
	if !t.Span.IsZero() {
		objs = append(objs, field(lang.L("In force"), t.Span.String()))
	}
	if t.Weight != 0 {
		objs = append(objs, field(lang.L("Weight"), weightText(t.Weight)))
	}
	objs = append(objs, attrFields(t.Attrs)...)
	objs = append(objs, field(lang.L("Notes"), t.Notes), e.sourceRows(t.Sources))
	begins, ends := e.doc.m.EventsOfTie(t.ID)
	for _, ev := range begins {
		objs = append(objs, e.eventRow(lang.L("Begun by"), ev))
	}
	for _, ev := range ends {
		objs = append(objs, e.eventRow(lang.L("Ended by"), ev))
	}
	for _, d := range e.doc.m.Disagreements(t) {
		warn := wrapped("⚠ " + d)
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	objs = append(objs, container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { e.tieForm(t) }),
		widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { e.deleteTie(t) }),
	), container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Begun by event…"), theme.ContentAddIcon(), func() { e.eventFromTie(t, beginsChoice) }),
		widget.NewButtonWithIcon(lang.L("Ended by event…"), theme.ContentAddIcon(), func() { e.eventFromTie(t, endsChoice) }),
	))
	return compact(objs)
}

// attrFields shows free attributes, a field each, by name.
func attrFields(attrs map[string]string) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		objs = append(objs, field(k, attrs[k]))
	}
	return objs
}

// eventRow shows an event and what it is to the record shown (what: a
// tie's "Begun by", an actor's role in it), with a button to edit it.
func (e *Editor) eventRow(what string, ev model.Event) fyne.CanvasObject {
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.eventForm(ev) })
	return container.NewBorder(nil, nil, nil, edit, field(what, ev.Date.String()+"  "+ev.Title))
}

// eventTies says which ties an event begins and ends, a line each.
func (e *Editor) eventTies(ev model.Event) string {
	var lines []string
	for _, list := range []struct {
		verb string
		ids  []model.ID
	}{{lang.L("begins"), ev.Begins}, {lang.L("ends"), ev.Ends}} {
		for _, id := range list.ids {
			if t, ok := e.doc.m.Tie(id); ok {
				lines = append(lines, "   "+list.verb+" "+e.tieName(t))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// tieRow describes one tie of actor id, marked when it is in force on the
// date on show, with a button to edit it: its kind and dates, then the
// other actor, from the actor's side in the tie's direction (» Mexico
// when the tie points to Mexico, « Glas when it points from Glas, — when
// it points neither way: guillemets, which the window's font has, where
// arrows it lacks), and the tie's label.
func (e *Editor) tieRow(id model.ID, t model.Tie) fyne.CanvasObject {
	kind := kindLabel(e.doc.m.Kind(model.ClassTie, t.Kind))
	other, arrow := t.To, "—"
	switch {
	case t.To == id:
		other = t.From
		if t.Directed {
			arrow = "«"
		}
	case t.Directed:
		arrow = "»"
	}
	relation := arrow + " " + e.actorName(other)
	if t.Label != "" {
		relation += ": " + t.Label
	}
	span := t.Span.String()
	if t.Span.IsZero() {
		span = lang.L("no dates")
	}
	mark, note := e.tieMark(t)
	text := fmt.Sprintf("%s %s · %s%s\n%s", mark, kind, span, note, relation)
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.tieForm(t) })
	return container.NewBorder(nil, nil, nil, edit, wrapped(text))
}

// tieMark is how a tie's row marks it on the date on show: ● in force,
// and drawn when both its actors exist then, else ○, with a note when an
// actor's absence keeps it from being drawn.
func (e *Editor) tieMark(t model.Tie) (mark, note string) {
	if !t.Span.Covers(e.doc.day) {
		return "○", ""
	}
	for _, end := range []model.ID{t.From, t.To} {
		if a, ok := e.doc.m.Actor(end); ok && !a.Exists(e.doc.day) {
			return "○", fmt.Sprintf(lang.L(" (not drawn now: %s does not exist on this date)"), a.Label())
		}
	}
	return "●", ""
}

// actorDay is what of the date on show the selected actor's details show,
// as text: where its lists of events and ties stand (how many begin
// before the date), and each tie's mark. A change of date that leaves it
// as it is rebuilds nothing: on a long timeline most steps of a slider
// drag change none of the selected actor's ties, and a rebuild of its
// details at each held the window up to 200 ms.
func (e *Editor) actorDay(id model.ID) string {
	var b strings.Builder
	before := 0
	for _, p := range e.doc.m.EventsOfActor(id) {
		if p.Event.Date.First() < e.doc.day {
			before++
		}
	}
	fmt.Fprintf(&b, "%d;", before)
	before = 0
	for _, t := range e.doc.m.TiesOf(id) {
		if from, _ := t.Span.From(); from < e.doc.day {
			before++
		}
		mark, note := e.tieMark(t)
		b.WriteString(mark + note)
	}
	fmt.Fprintf(&b, ";%d", before)
	return b.String()
}

// overview shows the map's description and its events, each with the
// ties it begins and ends; an event's play button moves the timeline to
// it, its pencil edits it.
func (e *Editor) overview() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		heading(e.mapTitle()),
		field(lang.L("About"), e.doc.m.Description),
		wrapped(fmt.Sprintf(lang.L("%s, %s, %s. Click an actor for its details."),
			counted(len(e.doc.m.Actors), "1 actor", "%s actors"), counted(len(e.doc.m.Ties), "1 tie", "%s ties"),
			counted(len(e.doc.m.Events), "1 event", "%s events"))),
		container.NewHBox(
			widget.NewButtonWithIcon(lang.L("New actor…"), theme.ContentAddIcon(), func() { e.actorForm(model.Actor{}) }),
			widget.NewButtonWithIcon(lang.L("New tie…"), theme.ContentAddIcon(), func() { e.tieForm(model.Tie{}) }),
			widget.NewButtonWithIcon(lang.L("New event…"), theme.ContentAddIcon(), e.newEvent),
		),
		widget.NewSeparator(),
		heading(lang.L("Events")),
	}
	// Mark the events of the keyframe in force, so that the mark holds
	// for every date until the next change.
	current := e.keyframeDay(model.KeyframeAt(e.doc.keys, e.doc.day))
	events := append([]model.Event(nil), e.doc.m.Events...)
	if len(events) == 0 {
		// Said, not a heading over nothing.
		return compact(append(objs, wrapped(lang.L("The map has no events yet. New event… adds one: a raid, an arrest, relations broken."))))
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Date.First() < events[j].Date.First() })
	at, _ := slices.BinarySearchFunc(events, e.doc.day, func(ev model.Event, d model.Day) int { return cmp.Compare(ev.Date.First(), d) })
	objs = append(objs, e.windowed("events", len(events), at, func(i int) fyne.CanvasObject {
		ev := events[i]
		day := ev.Date.First()
		b := widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() { e.SetDate(day, true) })
		if day == current {
			b.Importance = widget.HighImportance
		}
		text := ev.Date.String() + "  " + ev.Title
		if ties := e.eventTies(ev); ties != "" {
			text += "\n" + ties
		}
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.eventForm(ev) })
		return container.NewBorder(nil, nil, b, edit, wrapped(text))
	})...)
	return compact(objs)
}

// panelRows is how many rows of a long list the side panel shows at
// first (see windowed).
const panelRows = 40

// windowed is the rows of a list of n in the side panel, made by row(i),
// in order: all of them when they are at most panelRows, else panelRows
// around row at (the first row on or after the date on show), with a
// button above them that shows panelRows more before, and one below that
// shows panelRows more after, as long as there are more. The events of a
// long history, or the ties of an actor with thousands, made whole, held
// the window for seconds at each change of date or selection. key names
// the list, for the rows asked for (Editor.sideMore).
func (e *Editor) windowed(key string, n, at int, row func(i int) fyne.CanvasObject) []fyne.CanvasObject {
	lo, hi := 0, n
	if n > panelRows {
		more := e.sideMore[key]
		lo = min(max(at-panelRows/4, 0), n-panelRows)
		lo, hi = max(lo-more[0], 0), min(lo+panelRows+more[1], n)
	}
	ask := func(text string, side int) fyne.CanvasObject {
		return widget.NewButtonWithIcon(text, theme.MoreHorizontalIcon(), func() {
			if e.sideMore == nil {
				e.sideMore = map[string][2]int{}
			}
			more := e.sideMore[key]
			more[side] += panelRows
			e.sideMore[key] = more
			e.refreshSide()
		})
	}
	var objs []fyne.CanvasObject
	if lo > 0 {
		objs = append(objs, ask(fmt.Sprintf(lang.L("%s earlier: show %s more"), windowLang.Count(lo), windowLang.Count(min(lo, panelRows))), 0))
	}
	for i := lo; i < hi; i++ {
		objs = append(objs, row(i))
	}
	if hi < n {
		objs = append(objs, ask(fmt.Sprintf(lang.L("%s later: show %s more"), windowLang.Count(n-hi), windowLang.Count(min(n-hi, panelRows))), 1))
	}
	return objs
}

// compact drops nil entries.
func compact(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := objs[:0]
	for _, o := range objs {
		if o != nil {
			out = append(out, o)
		}
	}
	return out
}

// hoverText is the tooltip of an actor (or, with actor 0, a tie): what it
// is, its dates, and for a tie its label and first source.
func (e *Editor) hoverText(actor, tie model.ID) string {
	if a, ok := e.doc.m.Actor(actor); ok {
		lines := []string{a.Name, kindLabel(e.doc.m.Kind(model.ClassActor, a.Kind))}
		if !a.Life.IsZero() || len(a.Later) > 0 {
			lines = append(lines, lang.L("Exists ")+model.LivesString(a.Lives()))
		}
		if n := len(e.doc.m.TiesOf(a.ID)); n > 0 {
			lines = append(lines, plural(n, "1 tie over time", "%d ties over time"))
		}
		return strings.Join(lines, "\n")
	}
	t, ok := e.doc.m.Tie(tie)
	if !ok {
		return ""
	}
	lines := []string{tieEnds(t, e.actorName(t.From), e.actorName(t.To)), kindLabel(e.doc.m.Kind(model.ClassTie, t.Kind))}
	if t.Label != "" {
		lines = append(lines, "“"+t.Label+"”")
	}
	if !t.Span.IsZero() {
		lines = append(lines, lang.L("In force ")+t.Span.String())
	}
	begins, ends := e.doc.m.EventsOfTie(t.ID)
	for _, ev := range begins {
		lines = append(lines, lang.L("Begun by ")+shorten(ev.Title, 50)+" ("+ev.Date.String()+")")
	}
	for _, ev := range ends {
		lines = append(lines, lang.L("Ended by ")+shorten(ev.Title, 50)+" ("+ev.Date.String()+")")
	}
	if len(e.doc.m.Disagreements(t)) > 0 {
		lines = append(lines, lang.L("⚠ its dates disagree with these events"))
	}
	if len(t.Sources) > 0 {
		if s, ok := e.doc.m.Source(t.Sources[0]); ok {
			lines = append(lines, lang.L("Source: ")+shorten(s.Title, 60))
		}
	}
	return strings.Join(lines, "\n")
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// tieEnds names a tie by its actors, from and to: "Mexico to Ecuador"
// when it is directed, "Mexico – Ecuador" when not.
func tieEnds(t model.Tie, from, to string) string {
	if t.Directed {
		return fmt.Sprintf(lang.L("%s to %s"), from, to)
	}
	return from + " – " + to
}
