package ui

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/model/analysis"
	"relmap/render"
)

// maxFocus is the widest focus, in steps from the selected actor.
const maxFocus = 4

// pathQuery is a path the user asked for, from one actor to another; its
// answer follows the date on show.
type pathQuery struct {
	from, to model.ID
	// pick is which of the shortest paths is stressed.
	pick int
}

// emphasis is what the picture on show stresses: the path asked for as of
// the date, or the focus around the selected actor; nil for the
// selection's own neighbourhood.
func (e *Editor) emphasis() *render.Emphasis {
	if e.diffStress != nil && e.doc.day == e.diffDay {
		return e.diffStress
	}
	if t, ok := e.doc.selectionTie(); ok {
		return &render.Emphasis{Actors: map[model.ID]bool{t.From: true, t.To: true}, Ties: map[model.ID]bool{t.ID: true}}
	}
	if q := e.route; q != nil {
		paths := e.routePaths()
		if len(paths) == 0 {
			return &render.Emphasis{Actors: map[model.ID]bool{q.from: true, q.to: true}, Ties: map[model.ID]bool{}}
		}
		p := paths[min(q.pick, len(paths)-1)]
		em := &render.Emphasis{Actors: map[model.ID]bool{}, Ties: map[model.ID]bool{}}
		for _, id := range p.Actors {
			em.Actors[id] = true
		}
		joined := map[[2]model.ID]bool{}
		for _, id := range p.Ties {
			em.Ties[id] = true
			if t, ok := e.drawn.Tie(id); ok {
				joined[pairOf(t.From, t.To)] = true
			}
		}
		// A step over an actor's belongs-to or located-in link is no
		// tie: it is drawn as a link, not left a gap in the path.
		for i := 1; i < len(p.Actors); i++ {
			a, b := p.Actors[i-1], p.Actors[i]
			if !joined[pairOf(a, b)] {
				em.Links = append(em.Links, [2]model.ID{a, b})
			}
		}
		return em
	}
	if e.focus > 0 && e.doc.selected != 0 {
		actors, ties := analysis.Within(e.drawn, e.doc.day, e.doc.selected, e.focus)
		// Widened from actors in it: their own neighbourhoods join it.
		for _, id := range slices.Sorted(maps.Keys(e.focusMore)) {
			more, moreTies := analysis.Within(e.drawn, e.doc.day, id, e.focusMore[id])
			maps.Copy(actors, more)
			maps.Copy(ties, moreTies)
		}
		return &render.Emphasis{Actors: actors, Ties: ties, Links: ownLinks(e.drawn, e.doc.day, actors, ties)}
	}
	return nil
}

// ownLinks are the belongs-to and located-in links in force on day
// between the actors of a focus that no tie of it joins: steps of the
// focus that no tie draws. Actors came into a focus through them, and
// stood in full with nothing drawn to them.
func ownLinks(m *model.Map, day model.Day, actors, ties map[model.ID]bool) [][2]model.ID {
	joined := map[[2]model.ID]bool{}
	snap := m.Snapshot(day)
	for _, t := range snap.Ties {
		if ties[t.ID] {
			joined[pairOf(t.From, t.To)] = true
		}
	}
	var out [][2]model.ID
	for _, l := range snap.Links() {
		k := pairOf(l.From, l.To)
		if l.Tie == 0 && actors[l.From] && actors[l.To] && !joined[k] {
			joined[k] = true
			out = append(out, [2]model.ID{l.From, l.To})
		}
	}
	return out
}

// pairOf is the two actors a link joins, lowest first, whichever way it
// goes.
func pairOf(a, b model.ID) [2]model.ID { return [2]model.ID{min(a, b), max(a, b)} }

// widenFocusFrom widens (by +1) or narrows (by -1) the focus around actor
// id, one of those in focus, by a step: its own neighbourhood within that
// many steps joins the focus.
func (e *Editor) widenFocusFrom(id model.ID, by int) {
	if e.focus == 0 {
		return
	}
	if e.focusMore == nil {
		e.focusMore = map[model.ID]int{}
	}
	e.focusMore[id] = max(0, min(maxFocus, e.focusMore[id]+by))
	if e.focusMore[id] == 0 {
		delete(e.focusMore, id)
	}
	e.showScene()
	e.sayFocus()
}

// inFocus reports whether actor id is drawn in full by the focus on show.
func (e *Editor) inFocus(id model.ID) bool {
	if e.focus == 0 || e.route != nil {
		return false
	}
	em := e.emphasis()
	return em != nil && em.Actors[id]
}

// hidingOutOfFocus reports whether the picture shows only what is in
// focus (see hideOutOfFocus): a focus on show, not a path, and hidden.
func (e *Editor) hidingOutOfFocus() bool { return e.focusHides && e.focus != 0 && e.route == nil }

// hideOutOfFocus keeps only what is in focus in the picture, or (hide
// false) draws the rest faded.
func (e *Editor) hideOutOfFocus(hide bool) {
	e.focusHides = hide
	e.rebuildMenu()
	e.diagram.Refit() // to what is left, or all again
	e.showScene()
}

// pathCount is how many of the shortest paths are listed.
const pathCount = 4

// routePaths are the shortest paths between the two actors asked for, as
// of the date on show, worked out once for the picture, the status line
// and the side panel. On a big map they are found off the UI goroutine
// (findPaths): until they are, there are none, and pathsPending says so.
func (e *Editor) routePaths() []analysis.Path {
	key, ok := e.pathsWanted()
	if !ok {
		return nil
	}
	if e.paths.key == key {
		return e.paths.found
	}
	if e.bigMap() {
		e.findPaths()
		return nil
	}
	e.paths.key, e.paths.found = key, shortestPaths(key.m, key.day, key.from, key.to, pathCount)
	return e.paths.found
}

// shortestPaths is analysis.Paths, as the editor calls it (a test holds
// it back).
var shortestPaths = analysis.Paths

// pathsWanted is what the paths on show depend on, when a path is asked
// for.
func (e *Editor) pathsWanted() (pathsKey, bool) {
	q := e.route
	if q == nil {
		return pathsKey{}, false
	}
	// Through the actors and ties the picture shows: a path through
	// actors the filter hides was listed, and drawn with gaps.
	return pathsKey{q.from, q.to, e.doc.day, e.shown()}, true
}

// pathsPending reports whether the paths asked for are being found.
func (e *Editor) pathsPending() bool {
	key, ok := e.pathsWanted()
	return ok && e.paths.key != key
}

// findPaths finds the paths asked for off the UI goroutine, one date at a
// time: while the slider runs through dates, the date on show when one is
// done is the next found, and the dates between are not. The picture, the
// status line and the side panel follow when the paths of the date on
// show are found.
func (e *Editor) findPaths() {
	key, ok := e.pathsWanted()
	if !ok || e.paths.finding {
		return
	}
	e.paths.finding = true
	e.jobs.Add(1)
	go func() {
		defer e.jobs.Done()
		render.LowerPriority() // the window comes first
		var found []analysis.Path
		err := panicked(lang.L("Finding paths"), func() {
			found = shortestPaths(key.m, key.day, key.from, key.to, pathCount)
		})
		fyne.DoAndWait(func() {
			if err != nil {
				e.status.SetText(sentence(err))
			}
			e.paths.finding = false
			e.paths.key, e.paths.found = key, found
			if now, ok := e.pathsWanted(); !ok || now != key {
				e.routePaths() // asked for another date, or another path, meanwhile
				return
			}
			e.sayPath()
			e.refreshSide()
			e.showSceneSoon(false)
		})
	}()
}

// pathsKey is what the paths asked for depend on.
type pathsKey struct {
	from, to model.ID
	day      model.Day
	m        *model.Map
}

// focusStep widens (by +1) or narrows (by -1) the focus around the
// selected actor: its neighbourhood within 1 to maxFocus steps as of the
// date on show is drawn in full and the rest faded; 0 ends the focus.
func (e *Editor) focusStep(by int) {
	if e.doc.selected == 0 {
		e.status.SetText(lang.L("Select an actor to focus on it."))
		return
	}
	if e.route != nil {
		e.route = nil
		defer e.refreshSide() // the path list goes
	}
	e.focus = max(0, min(maxFocus, e.focus+by))
	if e.focus == 0 {
		e.focusMore = nil
	}
	e.showScene()
	e.sayFocus()
}

func (e *Editor) sayFocus() {
	if e.focus == 0 {
		e.status.SetText("")
		return
	}
	a, _ := e.doc.selectionActor()
	steps := lang.L("1 step")
	if e.focus > 1 {
		steps = fmt.Sprintf(lang.L("%d steps"), e.focus)
	}
	more := ""
	if n := len(e.focusMore); n > 0 {
		more = fmt.Sprintf(lang.L(", widened from %d more"), n)
	}
	e.status.SetText(fmt.Sprintf(lang.L("Focus: within %s of %s%s. Ctrl+] widens it, Ctrl+[ narrows it, right-click an actor in it to widen from there, Escape ends it."), steps, a.Label(), more))
}

// pathDialog asks which actor to find a path to from actor from, then
// shows the shortest path as of the date on show and lists the next few.
// A name that names no actor, or several, is said beneath the field, and
// the dialog stays open for it to be put right.
func (e *Editor) pathDialog(from model.ID) {
	a, _ := e.doc.m.Actor(from)
	to := actorPicker(e.doc.m)
	to.SetPlaceHolder(lang.L("Actor"))
	f := newForm()
	f.add("to", lang.L("Path to"), to)
	d := formDialogWith(e, lang.L("Path From ")+a.Label(), lang.L("Show"), f, func() bool {
		b, err := actorNamedIn(e.doc.m, to.Text)
		if err != nil {
			f.fail("to", err.Error())
			return false
		}
		e.showPath(from, b.ID, 0)
		return true
	}, nil)
	d.Show()
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	e.win.Canvas().Focus(to)
}

// actorNamedIn is the actor of m named text, or, when no actor is, the one
// actor whose name or short name (what the diagram writes) holds it,
// accents and case aside ("Augusto" for Augusto Pinochet, "embassy,
// quito" for the Mexican Embassy, Quito); an error, in a sentence, when
// none or several do.
func actorNamedIn(m *model.Map, text string) (model.Actor, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return model.Actor{}, errors.New(lang.L("Type or choose an actor."))
	}
	a, err := m.ActorByName(text)
	if err == nil {
		return a, nil
	}
	want := model.Fold(text)
	var holding []model.Actor
	for _, x := range m.Actors {
		if strings.Contains(model.Fold(x.Name), want) || x.Short != "" && strings.Contains(model.Fold(x.Short), want) {
			holding = append(holding, x)
		}
	}
	switch len(holding) {
	case 0:
		return model.Actor{}, errors.New(sentence(err))
	case 1:
		return holding[0], nil
	}
	return model.Actor{}, fmt.Errorf(lang.L("%s actors' names hold %q: choose one from the list."), windowLang.Count(len(holding)), text)
}

// notOnMap says which of a path's two ends is not on the map on the date
// on show, and so joined to nothing: "" when both are. "No connection"
// said nothing of why.
func (e *Editor) notOnMap(from, to model.Actor) string {
	date := e.r.Lang().Date(e.doc.day)
	switch a, b := from.Exists(e.doc.day), to.Exists(e.doc.day); {
	case !a && !b:
		return fmt.Sprintf(lang.L("Neither %s nor %s is on the map on %s."), from.Label(), to.Label(), date)
	case !a:
		return fmt.Sprintf(lang.L("%s is not on the map on %s."), from.Label(), date)
	case !b:
		return fmt.Sprintf(lang.L("%s is not on the map on %s."), to.Label(), date)
	}
	return ""
}

// showPath stresses path number pick from a to b as of the date on show,
// and says in the status line how they are connected.
func (e *Editor) showPath(a, b model.ID, pick int) {
	e.focus = 0
	e.route = &pathQuery{from: a, to: b, pick: pick}
	e.showScene()
	e.sayPath()
	e.refreshSide()
}

// pathList lists, at the top of the side panel, the shortest paths
// between the two actors asked for as of the date on show, the one on the
// diagram marked; a click shows another. Nil when no path is asked for.
func (e *Editor) pathList() []fyne.CanvasObject {
	q := e.route
	if q == nil {
		return nil
	}
	from, _ := e.doc.m.Actor(q.from)
	to, _ := e.doc.m.Actor(q.to)
	objs := []fyne.CanvasObject{heading(fmt.Sprintf(lang.L("Paths from %s to %s"), from.Label(), to.Label()))}
	paths := e.routePaths()
	switch {
	case e.pathsPending():
		objs = append(objs, wrapped(lang.L("Finding the paths…")))
	case len(paths) == 0:
		if absent := e.notOnMap(from, to); absent != "" {
			objs = append(objs, wrapped(absent))
		} else {
			objs = append(objs, wrapped(fmt.Sprintf(lang.L("No connection on %s."), e.r.Lang().Date(e.doc.day))))
		}
	}
	for i, p := range paths {
		var names []string
		for _, id := range p.Actors {
			x, _ := e.doc.m.Actor(id)
			names = append(names, x.Label())
		}
		objs = append(objs, pathRow(i, names, i == min(q.pick, len(paths)-1), func() { e.showPath(q.from, q.to, i) }))
	}
	return append(objs, widget.NewSeparator())
}

// pathRow is path number i (from 0) in the side panel: a button with its
// number, marked when it is the path on show, and its actors' names
// beside it, wrapped, so that a long path does not widen the panel.
func pathRow(i int, names []string, shown bool, show func()) fyne.CanvasObject {
	b := widget.NewButton(fmt.Sprintf("%d.", i+1), show)
	if shown {
		b.Importance = widget.HighImportance
	}
	return container.NewBorder(nil, nil, b, nil, wrapped(strings.Join(names, " – ")))
}

// sayPath says how the two actors of the path asked for are connected on
// the date on show ("no connection on 6 April 2024").
func (e *Editor) sayPath() {
	q := e.route
	if q == nil {
		return
	}
	from, _ := e.doc.m.Actor(q.from)
	to, _ := e.doc.m.Actor(q.to)
	date := e.r.Lang().Date(e.doc.day)
	paths := e.routePaths()
	if e.pathsPending() {
		e.status.SetText(fmt.Sprintf(lang.L("Finding the paths from %s to %s on %s…"), from.Label(), to.Label(), date))
		return
	}
	if len(paths) == 0 {
		if absent := e.notOnMap(from, to); absent != "" {
			e.status.SetText(absent)
			return
		}
	}
	if len(paths) == 0 && e.shown() != e.drawn {
		e.status.SetText(fmt.Sprintf(lang.L("%s and %s: no connection on %s through what the filter shows."), from.Label(), to.Label(), date))
		return
	}
	if len(paths) == 0 {
		e.status.SetText(fmt.Sprintf(lang.L("%s and %s: no connection on %s."), from.Label(), to.Label(), date))
		return
	}
	var names []string
	shown := paths[min(q.pick, len(paths)-1)]
	for _, id := range shown.Actors {
		x, _ := e.doc.m.Actor(id)
		names = append(names, x.Label())
	}
	// Its steps: a step over an actor's own belongs-to or located-in link
	// is one, though no tie.
	steps := plural(len(shown.Actors)-1, "1 step", "%d steps")
	line := fmt.Sprintf(lang.L("On %s: %s (%s)"), date, strings.Join(names, " – "), steps)
	if n := len(paths) - 1; n > 0 {
		line += fmt.Sprintf(lang.L("; %d other ways (View menu, Next Path)"), n)
	}
	e.status.SetText(line + lang.L(". Escape ends it."))
}

// nextPath stresses the next of the shortest paths asked for.
func (e *Editor) nextPath() {
	if e.route == nil {
		e.status.SetText(lang.L("Right-click an actor and choose Path To… first."))
		return
	}
	n := len(e.routePaths())
	if n == 0 {
		return
	}
	e.showPath(e.route.from, e.route.to, (e.route.pick+1)%n)
}

// clearEmphasis is Escape: it ends a focus, path or comparison, or, when
// none is on, clears the selection.
func (e *Editor) clearEmphasis() {
	e.status.SetText("")
	if e.focus != 0 || e.route != nil || e.diffStress != nil || e.diffGhosts != nil {
		// A focus, path or comparison ends first; the selection stays,
		// for the next Escape.
		e.focus, e.focusMore, e.route, e.diffStress, e.diffGhosts = 0, nil, nil, nil, nil
		e.showScene()
		e.refreshSide()
		return
	}
	e.Select(0)
}

// stepSelection moves the selection to the neighbour of the selected
// actor (an actor it has a tie with on the date on show) that lies most
// nearly in direction (dx, dy) on screen, or, with none that way, to the
// nearest actor shown that way; the arrow keys call it. An actor without
// ties went nowhere.
func (e *Editor) stepSelection(dx, dy float64) {
	if e.doc.selected == 0 {
		return
	}
	pos := e.tl.At(e.doc.day).Pos
	from, ok := pos[e.doc.selected]
	if !ok {
		return
	}
	best, bestScore := model.ID(0), 0.0
	for _, t := range e.shown().Snapshot(e.doc.day).Ties {
		other := t.To
		if t.To == e.doc.selected {
			other = t.From
		} else if t.From != e.doc.selected {
			continue
		}
		p, ok := pos[other]
		if !ok {
			continue
		}
		vx, vy := p.X-from.X, p.Y-from.Y
		l := math.Hypot(vx, vy)
		if l == 0 {
			continue
		}
		// Most nearly in the direction asked, then nearest.
		if score := (vx*dx + vy*dy) / l; score > 0.3 && (best == 0 || score-l/1e6 > bestScore) {
			best, bestScore = other, score-l/1e6
		}
	}
	if best == 0 {
		// The nearest actor that way, within 45° of it.
		near := math.Inf(1)
		for _, a := range e.shown().Snapshot(e.doc.day).Actors {
			p, ok := pos[a.ID]
			vx, vy := p.X-from.X, p.Y-from.Y
			l := math.Hypot(vx, vy)
			if !ok || a.ID == e.doc.selected || l == 0 || (vx*dx+vy*dy)/l < math.Sqrt2/2 {
				continue
			}
			if l < near {
				best, near = a.ID, l
			}
		}
	}
	if best != 0 {
		e.Select(best)
	}
}
