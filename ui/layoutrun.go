package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// layoutFunc lays a map out from old (nil for none), telling progress
// how far it is and, when not nil, giving preview a first picture before
// the dates are laid out (see layout.Options.Preview); both are called
// from the computing goroutine.
type layoutFunc func(ctx context.Context, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int), preview func(*layout.Timeline)) (*layout.Timeline, error)

// shortTimeline is the number of keyframes up to which a map without a
// kept layout is laid out before the window opens (well under a second);
// longer maps open at once and are laid out in the background.
const shortTimeline = 100

// kept is the layout kept in a map file for its map, read at a stability
// (readKept); fresh when it was made from the map as it is.
type kept struct {
	tl        *layout.Timeline
	fresh     bool
	stability float64
	// key is the map's layout key at stability (render.LayoutKey),
	// worked out once: it hashes the whole map.
	key string
}

// readKept reads the layout kept in st for m at stability s; it may run
// off the UI goroutine. A store that keeps no layout has none.
func (e *Editor) readKept(st model.Store, m *model.Map, s float64) (kept, error) {
	k := kept{stability: s, key: e.r.LayoutKey(m, s)}
	cache, ok := st.(model.LayoutCache)
	if !ok {
		return k, nil
	}
	var err error
	k.tl, k.fresh, err = e.r.KeptLayout(context.Background(), k.key, cache)
	return k, err
}

// firstLayout gives the editor the layout of its map: the one kept in the
// map file when it is fresh (k, when read already at the stability in
// force, else read now); else, for a short map, a new one at once; else
// a stale kept layout, shown until the new one is ready, or none, and it
// reports true: the caller starts a background layout (relayout),
// warm-started from the stale one. A stale layout is that of the map
// before its last edits (the app closed while laying it out again): the
// actors it has are drawn where they were, the others not yet.
func (e *Editor) firstLayout(k *kept) (background bool, err error) {
	ctx := context.Background()
	if k == nil || k.stability != e.tlStability {
		read, err := e.readKept(e.doc.store, e.doc.m, e.tlStability)
		if err != nil {
			return false, err
		}
		k = &read
	}
	if k.fresh {
		e.tl, e.laidFrom = k.tl, e.doc.m
		e.laidOut.put(k.key, k.tl, e.doc.m)
		return false, nil
	}
	if len(e.doc.keys) > shortTimeline {
		e.tl, e.warm = k.tl, k.tl
		if k.tl == nil {
			e.tl = &layout.Timeline{}
		}
		return true, nil
	}
	if e.tl, err = e.layOut(ctx, e.doc.m, e.tlStability, k.tl, nil, nil); err != nil {
		return false, err
	}
	e.laidFrom = e.doc.m
	e.laidOut.put(k.key, e.tl, e.doc.m)
	if cache, ok := e.doc.store.(model.LayoutCache); ok {
		// A file that cannot be written is still shown; it is laid out
		// again next time.
		_ = e.r.Keep(ctx, k.key, e.tl, cache)
	}
	return false, nil
}

// relayout lays e.doc.m out again with the stability setting, off the UI
// goroutine, and shows it when it is ready; until then the old picture
// stays, and the status line shows the progress with a Cancel button. A
// newer request cancels this one. The new layout is kept in the map file.
//
// When the setting is the one the timeline on show was laid out with, that
// timeline is the start: frames the change cannot reach are reused and the
// rest start from where they were. After a change of setting the layout
// starts afresh, so that the picture is the one the map gets when it is
// next opened (or drawn by `relmap render` with that stability).
func (e *Editor) relayout() { e.relayoutWith(false) }

// relayoutWith is relayout; with hold, after an edit, the picture on show
// is held still (layout.Adjust): the actors keep their places, the new
// ones are placed beside their partners, and a dragged actor moves alone.
// An edit that changed only actors' boxes (a new name, a new kind) holds
// every date still at once (layout.Rebox), however long the history.
func (e *Editor) relayoutWith(hold bool) { e.relayoutFrom(hold, false) }

// layOutAgain lays the map out afresh, from the map alone (View > Lay Out
// Again): the timeline on show is not its start, as it is for relayout,
// which after edits held still (whose frames are taken for the map's)
// changed nothing. The status line says so when it is done.
func (e *Editor) layOutAgain() {
	e.notice = lang.L("Laid out again, afresh.")
	e.relayoutFrom(false, true)
}

// relayoutFrom is relayoutWith; with fresh, from the map alone.
func (e *Editor) relayoutFrom(hold, fresh bool) {
	e.layoutMu.Lock()
	defer e.layoutMu.Unlock()
	if e.cancelLayout != nil {
		e.cancelLayout()
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancelLayout = cancel
	e.layoutGen++
	gen, m, s, layOut := e.layoutGen, e.doc.m, stability(), e.layOut
	var old *layout.Timeline
	if s == e.tlStability && !e.previewing && !fresh {
		old = e.tl
	}
	edited := hold
	if e.warm != nil {
		old, e.warm, hold = e.warm, nil, false
	}
	if fresh {
		old = nil
	}
	// An edit that brings in more actors than were laid out (an import
	// into a new or small map) is laid out afresh: placed one by one
	// beside their partners, hundreds of new actors lay in a long band.
	if hold && e.laidFrom != nil && len(m.Actors) > 2*len(e.laidFrom.Actors) {
		hold = false
	}
	if hold && old != nil && old.Len() > 0 {
		layOut = e.adjust
	}
	// An edit that changed only the actors' boxes (a new name) holds the
	// timeline on show still, reboxed from the map it was laid out from.
	was, rebox, reboxer := e.laidFrom, hold && old != nil && old == e.tl && e.laidFrom != nil, e.rebox
	// An actor that stood alone and has a tie now (drawn to it from a new
	// actor's form, say) is placed beside its partners, as a new actor
	// is, not held where it stood alone.
	if hold && old != nil && was != nil {
		if ids := newlyTied(was, m); len(ids) > 0 {
			old = old.Without(ids)
		}
	}
	cache, _ := e.doc.store.(model.LayoutCache)
	e.showProgress(layingOut, 0, 0)
	report := e.progressReporter(gen, layingOut)
	var preview func(*layout.Timeline)
	if e.tl == nil || e.tl.Len() == 0 || e.previewing {
		preview = e.previewer(gen, m)
	}
	e.layouts.Add(1)
	go func() {
		defer e.layouts.Done()
		defer cancel()
		// After an edit, a map laid out before (an undo) gets its picture
		// back; Lay Out Again lays out anew.
		key := e.r.LayoutKey(m, s)
		tl, ok := e.laidOut.get(key)
		err := recovered(lang.L("Laying out…"), func() (err error) {
			if old != nil && was != nil && !(ok && edited) {
				// One kept by an earlier relmap learns its dates' own
				// events, which hold the dates after an edit still.
				old = e.r.Described(was, s, old)
			}
			switch {
			case ok && edited: // its picture back
			case rebox:
				if tl, ok, err = reboxer(ctx, was, m, s, old, e.progressReporter(gen, holdingStill)); err == nil && !ok {
					tl, err = layOut(ctx, m, s, old, report, nil)
				}
			default:
				tl, err = layOut(ctx, m, s, old, report, preview)
			}
			return err
		})
		if err == nil {
			e.laidOut.put(key, tl, m)
		}
		var keepErr error
		if err == nil && cache != nil {
			keepErr = e.r.Keep(ctx, key, tl, cache)
		}
		fyne.DoAndWait(func() { e.applyLayout(gen, m, s, tl, err, keepErr) })
	}()
}

// applyLayout shows the result of layout request gen, unless a newer one
// is on its way.
func (e *Editor) applyLayout(gen int, m *model.Map, s float64, tl *layout.Timeline, err, keepErr error) {
	e.layoutMu.Lock()
	defer e.layoutMu.Unlock()
	if gen != e.layoutGen {
		return // a newer layout is on its way
	}
	e.busy.Hide()
	switch {
	case errors.Is(err, context.Canceled):
		e.status.SetText(lang.L("Layout cancelled: the picture is the last one laid out (View > Lay Out Again)."))
		return
	case err != nil:
		e.status.SetText(lang.L("Layout failed: ") + err.Error())
		return
	case keepErr != nil:
		e.status.SetText(lang.L("The layout could not be kept in the map file: ") + keepErr.Error())
	default:
		// A message the layout's own messages covered comes back now.
		e.status.SetText(e.notice)
		e.notice = ""
	}
	e.tl, e.drawn, e.laidFrom, e.tlStability, e.previewing = tl, m, m, s, false
	e.showSceneSoon(true) // off the UI goroutine on a big map
}

// newlyTied lists the actors of was that have no tie in it and have one
// in m.
func newlyTied(was, m *model.Map) []model.ID {
	tied := func(mp *model.Map) map[model.ID]bool {
		out := make(map[model.ID]bool, len(mp.Actors))
		for _, t := range mp.Ties {
			out[t.From], out[t.To] = true, true
		}
		return out
	}
	before, now := tied(was), tied(m)
	var ids []model.ID
	for _, a := range was.Actors {
		if !before[a.ID] && now[a.ID] {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// previewer returns the preview callback of layout request gen, of map m,
// when nothing is on show (a map laid out for the first time), or a
// preview only: it shows
// the layout of all the map's dates together, once the layout has it,
// until the dates are laid out. It runs on the layout's goroutine.
func (e *Editor) previewer(gen int, m *model.Map) func(*layout.Timeline) {
	return func(tl *layout.Timeline) {
		fyne.Do(func() {
			e.layoutMu.Lock()
			defer e.layoutMu.Unlock()
			if gen != e.layoutGen || e.tl != nil && e.tl.Len() > 0 && !e.previewing {
				return
			}
			// Not laidFrom: an edit lays the map out afresh, not from
			// the preview (see relayoutWith).
			e.tl, e.drawn, e.previewing = tl, m, true
			e.diagram.Refit()
			e.showScene()
		})
	}
}

// cancelRunningLayout stops the layout in progress; the picture on show
// stays.
func (e *Editor) cancelRunningLayout() {
	if e.cancelLayout != nil {
		e.cancelLayout()
	}
}

// progressReporter returns the progress callback of layout request gen: it
// runs on the layout's goroutine and shows progress at most ten times a
// second.
func (e *Editor) progressReporter(gen int, what string) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		now := time.Now()
		if done < total && now.Sub(last) < 100*time.Millisecond {
			mu.Unlock()
			return
		}
		last = now
		mu.Unlock()
		fyne.Do(func() {
			e.layoutMu.Lock()
			defer e.layoutMu.Unlock()
			if gen == e.layoutGen && e.busy.Visible() {
				e.showProgress(what, done, total)
			}
		})
	}
}

// What the status line says while a layout runs: laying the map out, or,
// after an edit that changed only actors' boxes, holding each date's
// picture still (see relayoutWith), which a user took for laying it out
// afresh.
const (
	layingOut    = "Laying out: %s of %s dates"
	holdingStill = "Holding every date still: %s of %s dates"
)

// showProgress shows that a layout is running, done of total dates (total
// 0 before the first report), in the words of what (layingOut or
// holdingStill).
func (e *Editor) showProgress(what string, done, total int) {
	e.busy.Show()
	if total == 0 {
		e.status.SetText(lang.L("Laying out…"))
		e.progress.SetValue(0)
		return
	}
	e.status.SetText(fmt.Sprintf(lang.L(what), windowLang.Count(done), windowLang.Count(total)))
	e.progress.SetValue(float64(done) / float64(total))
}

// waitLayout blocks until every layout started by relayout has been
// applied or dropped. Tests use it.
func (e *Editor) waitLayout() { e.layouts.Wait() }

// framingKey is the preference that holds what a still is fitted to.
const framingKey = "view.framing"

// framing is the user's framing preference; the default frames each date.
func framing() render.Framing {
	app := fyne.CurrentApp()
	if app == nil {
		return render.FrameDate
	}
	if f, err := render.ParseFraming(app.Preferences().StringWithFallback(framingKey, "date")); err == nil {
		return f
	}
	return render.FrameDate
}

// framingItem is the View menu's choice of framing f, checked when it is
// the one in use.
func (e *Editor) framingItem(label string, f render.Framing) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, nil)
	item.Checked = e.framing == f
	item.Action = func() { e.setFraming(f) }
	return item
}

// setFraming fits stills as f says from now on, and remembers it.
func (e *Editor) setFraming(f render.Framing) {
	e.framing = f
	name := "date"
	if f == render.FrameAll {
		name = "all"
	}
	if app := fyne.CurrentApp(); app != nil {
		app.Preferences().SetString(framingKey, name)
	}
	e.rebuildMenu()
	e.diagram.Fit()
}

// laidOut remembers the last few layouts the editor made, by their key
// (the map's content and the settings): undoing an edit gives back the map
// as it was, and with it, exactly, the picture it had. A big map's layout
// takes tens of megabytes, so for one it keeps the last two only: enough
// to undo the last edit.
type laidOut struct {
	mu   sync.Mutex
	keys []string
	tls  []*layout.Timeline
}

// laidOutKept is how many layouts laidOut remembers, laidOutKeptBig for a
// map of at least asyncActorsAndTies actors and ties.
const (
	laidOutKept    = 8
	laidOutKeptBig = 2
)

func (l *laidOut) get(key string) (*layout.Timeline, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := slices.Index(l.keys, key); i >= 0 {
		return l.tls[i], true
	}
	return nil, false
}

// put remembers tl, the layout of m under key, as the last one made: one
// it remembers already (given back by an undo) is moved there, so that
// the next edit's undo finds it.
func (l *laidOut) put(key string, tl *layout.Timeline, m *model.Map) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := slices.Index(l.keys, key); i >= 0 {
		l.keys, l.tls = slices.Delete(l.keys, i, i+1), slices.Delete(l.tls, i, i+1)
	}
	keep := laidOutKept
	if len(m.Actors)+len(m.Ties) >= asyncActorsAndTies {
		keep = laidOutKeptBig
	}
	for len(l.keys) >= keep {
		l.tls[0] = nil // let the dropped layout go
		l.keys, l.tls = l.keys[1:], l.tls[1:]
	}
	l.keys, l.tls = append(l.keys, key), append(l.tls, tl)
}
