package ui

import (
	"context"
	"errors"
	"math"
	"time"

	"fyne.io/fyne/v2/lang"

	"relmap/model"
)

// Document is the map open in a window as every view of it sees it: the
// store and its file, the map as stored, its keyframes, the date on show,
// the selection and the undo stack (the store's history). Edits, undo and
// redo, moves of the date and of the selection all go through it; it then
// tells each view that observes it what changed (Observe), and the views
// (the timeline, the side panel, the picture, the menus and the window's
// title) bring themselves up to date. A view never sets another's state.
//
// A Document is used on the UI goroutine only.
type Document struct {
	store   model.Store
	changer model.Changer
	path    string
	m       *model.Map
	keys    []model.Day
	day     model.Day
	// selected is the selected actor and selectedTie the selected tie, or
	// 0; an actor and a tie are never selected together.
	selected, selectedTie model.ID
	observers             []func(Update)
}

// Aspect is what an update of a document changed; several may change at
// once.
type Aspect uint8

const (
	// MapChanged: the map's records (and with them its keyframes).
	MapChanged Aspect = 1 << iota
	// DayChanged: the date on show.
	DayChanged
	// SelectionChanged: the selected actor or tie.
	SelectionChanged
	// HistoryChanged: what Undo and Redo would do.
	HistoryChanged
	// FileChanged: another map file is open.
	FileChanged
	// Dated: the map, which had no dates, has some now (a first import
	// into a new map): the date on show moved to them, and the views
	// show them whole.
	Dated
)

// Update tells observers what changed in a document.
type Update struct {
	Aspects Aspect
	// Was is the date on show before the update.
	Was model.Day
	// Staged asks the views that can to stage a change of date (what
	// leaves fades out, what stays moves) rather than cut to it.
	Staged bool
}

// Has reports whether the update changed any of aspects.
func (u Update) Has(aspects Aspect) bool { return u.Aspects&aspects != 0 }

// openDocument makes the document of the map in st, the file at path.
func openDocument(st model.Store, path string) (*Document, error) {
	m, err := st.Load(context.Background())
	if err != nil {
		return nil, err
	}
	return newDocument(st, path, m)
}

// newDocument makes the document of m, the map as stored in st.
func newDocument(st model.Store, path string, m *model.Map) (*Document, error) {
	changer, ok := st.(model.Changer)
	if !ok {
		return nil, errors.New(lang.L("the map's store cannot apply changes"))
	}
	d := &Document{store: st, changer: changer, path: path, m: m, keys: m.Keyframes()}
	d.day = d.firstDay()
	return d, nil
}

// Observe calls f after every update of the document, in the order the
// observers were added.
func (d *Document) Observe(f func(Update)) { d.observers = append(d.observers, f) }

func (d *Document) notify(u Update) {
	for _, f := range d.observers {
		f(u)
	}
}

// Map is the map as stored.
func (d *Document) Map() *model.Map { return d.m }

// Keys are the map's keyframes: the dates on which something changes.
func (d *Document) Keys() []model.Day { return d.keys }

// Day is the date on show.
func (d *Document) Day() model.Day { return d.day }

// Selected is the selected actor, or 0.
func (d *Document) Selected() model.ID { return d.selected }

// SelectedTie is the selected tie, or 0.
func (d *Document) SelectedTie() model.ID { return d.selectedTie }

// selectionActor is the selected actor, if one is. Nothing selected (0)
// is answered at once: a lookup by ID goes through the whole map, and
// this is asked on every date while the slider is dragged.
func (d *Document) selectionActor() (model.Actor, bool) {
	if d.selected == 0 {
		return model.Actor{}, false
	}
	return d.m.Actor(d.selected)
}

// selectionTie is the selected tie, if one is (see selectionActor).
func (d *Document) selectionTie() (model.Tie, bool) {
	if d.selectedTie == 0 {
		return model.Tie{}, false
	}
	return d.m.Tie(d.selectedTie)
}

// Path is the map's file.
func (d *Document) Path() string { return d.path }

// SetDay shows the map as of day; staged asks for the change to be
// staged (see Update).
func (d *Document) SetDay(day model.Day, staged bool) {
	if day == d.day {
		return
	}
	was := d.day
	d.day = day
	d.notify(Update{Aspects: DayChanged, Was: was, Staged: staged})
}

// Select selects actor id, or nothing with 0, and no tie.
func (d *Document) Select(id model.ID) {
	d.selected, d.selectedTie = id, 0
	d.notify(Update{Aspects: SelectionChanged, Was: d.day})
}

// SelectTie selects tie id, or nothing with 0, and no actor.
func (d *Document) SelectTie(id model.ID) {
	d.selected, d.selectedTie = 0, id
	d.notify(Update{Aspects: SelectionChanged, Was: d.day})
}

// Apply applies one user action to the map as a change: one transaction,
// one history entry, one step of undo. The map in memory follows it
// (model.Map.Applied) rather than being read back from the file. It
// returns the change as applied, with the IDs the store gave.
func (d *Document) Apply(c model.Change) (model.Change, error) {
	applied, err := d.changer.Apply(context.Background(), c)
	if err != nil {
		return applied, err
	}
	d.Applied(applied)
	return applied, nil
}

// Applied brings the document up to date with a change the store has
// applied already (an import written off the UI goroutine).
func (d *Document) Applied(c model.Change) {
	d.setMap(d.m.Applied(c), HistoryChanged)
}

// Undo undoes the newest change still in force; ok is false when there is
// none.
func (d *Document) Undo() (ok bool, err error) {
	return d.step(d.changer.Undo, func(en model.Entry) model.Change { return en.Inverse })
}

// Redo redoes the change undone last; ok is false when there is none.
func (d *Document) Redo() (ok bool, err error) {
	return d.step(d.changer.Redo, func(en model.Entry) model.Change { return en.Change })
}

func (d *Document) step(do func(context.Context) (model.Entry, bool, error), done func(model.Entry) model.Change) (bool, error) {
	en, ok, err := do(context.Background())
	if err != nil || !ok {
		return ok, err
	}
	c := done(en)
	m := d.m.Applied(c)
	// What the step brings back or changes is selected when it is one
	// actor (with its ties, say) or one tie: an undone deletion shows
	// where it came back, and the panel what an undone edit restored.
	also := HistoryChanged
	switch put := c.Put; {
	case len(put.Actors) == 1:
		d.selected, d.selectedTie, also = put.Actors[0].ID, 0, also|SelectionChanged
	case len(put.Actors) == 0 && len(put.Ties) == 1:
		d.selected, d.selectedTie, also = 0, put.Ties[0].ID, also|SelectionChanged
	}
	d.setMap(m, also)
	return true, nil
}

// Pending names the actions Undo and Redo would take ("" for none).
func (d *Document) Pending() (undo, redo string) {
	undo, redo, err := d.changer.Pending(context.Background())
	if err != nil {
		return "", ""
	}
	return undo, redo
}

// Reload reads the whole map back from the store, for a change made
// outside the document.
func (d *Document) Reload() error {
	m, err := d.store.Load(context.Background())
	if err != nil {
		return err
	}
	d.setMap(m, HistoryChanged)
	return nil
}

// setMap makes m the map as stored. A selection that m no longer has is
// cleared.
func (d *Document) setMap(m *model.Map, also Aspect) {
	undated := len(d.keys) == 0
	d.m, d.keys = m, m.Keyframes()
	u := Update{Aspects: MapChanged | also, Was: d.day}
	if undated && len(d.keys) > 0 {
		// A new map opens on today; what came in is dated 2009.
		d.day, u.Aspects = d.firstDay(), u.Aspects|DayChanged|Dated
	}
	if _, ok := d.selectionActor(); !ok && d.selected != 0 {
		d.selected, u.Aspects = 0, u.Aspects|SelectionChanged
	}
	if _, ok := d.selectionTie(); !ok && d.selectedTie != 0 {
		d.selectedTie, u.Aspects = 0, u.Aspects|SelectionChanged
	}
	d.notify(u)
}

// Switch makes the document m, the map as stored in st, the file at
// path, on the date leftOn gives for it (where the map was left when last
// shown), else on its first day; it returns the store it had, for the
// caller to close once the views have moved on. Nothing changes if st
// cannot apply changes.
func (d *Document) Switch(st model.Store, path string, m *model.Map, leftOn func(path string, keys []model.Day) (model.Day, bool)) (old model.Store, err error) {
	next, err := newDocument(st, path, m)
	if err != nil {
		return nil, err
	}
	if day, ok := leftOn(path, next.keys); ok {
		next.day = day
	}
	old = d.store
	was := d.day
	d.store, d.changer, d.path, d.m, d.keys = next.store, next.changer, next.path, next.m, next.keys
	d.day, d.selected, d.selectedTie = next.day, 0, 0
	d.notify(Update{Aspects: FileChanged | MapChanged | DayChanged | SelectionChanged | HistoryChanged, Was: was})
	return old, nil
}

// firstDay is the date a map opens on: that of its last event (in a map
// built around a crisis, its climax), else its last keyframe on which a
// tie is in force (a history whose ties have all ended would open on an
// empty picture), else its last keyframe, else today.
func (d *Document) firstDay() model.Day {
	var last model.Day
	for _, ev := range d.m.Events {
		if day := ev.Date.First(); day > last {
			last = day
		}
	}
	if last != 0 {
		return last
	}
	if len(d.keys) == 0 {
		return today()
	}
	// The last keyframe, unless that is the day the last ties ended with
	// nothing in force after: then the last keyframe on which a tie is.
	inForce := model.Day(math.MinInt32)
	for _, t := range d.m.Ties {
		until, ends := t.Span.Until()
		if !ends {
			return d.keys[len(d.keys)-1]
		}
		inForce = max(inForce, until-1)
	}
	if i := model.KeyframeAt(d.keys, inForce); len(d.m.Ties) > 0 && i >= 0 {
		return d.keys[i]
	}
	return d.keys[len(d.keys)-1]
}

// today is the current date.
func today() model.Day { return model.DayOf(time.Now().Date()) }
