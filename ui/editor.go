package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/csvio"
	"relmap/model/netio"
	"relmap/render"
)

// Editor is the main window's content: diagram, timeline, side panel and
// menus over one map in a model.Store.
type Editor struct {
	// Restart, when set, ends the app and starts it again on the map
	// open (a new language then shows); the Preferences offer it.
	Restart func()

	win fyne.Window
	// doc is the map open in the window, its date, selection and history,
	// which the views below observe.
	doc *Document
	r   *render.Renderer
	// title names the map's file in the window title.
	title string
	// files opens and creates map files for the File menu; nil in tests
	// that need no files.
	files *Files
	// undoItem and redoItem are the Edit menu's, named after the action
	// they would take.
	undoItem, redoItem *fyne.MenuItem
	// keys0 are the plain keys with an action (listenForKeys).
	keys0 []keyAction
	// finding is the Find dialog's field, once it has been shown, and
	// comparing the Compare Dates dialog's rows.
	finding   *textField
	comparing func() []model.DiffRow
	// lastKind is the kind of actor and of tie saved last, which a new
	// one's form starts with (see newKind).
	lastKind map[model.Class]string
	// measured is what the Who Matters dialog shows, and ranked the map
	// and date it ranked last.
	measured []analysis.Metrics
	ranked   ranking
	// focus is how many steps around the selected actor are stressed (0
	// for none); route the path asked for (see emphasis).
	focus int
	// focusMore widens the focus from actors in it: each one's own
	// neighbourhood within so many steps joins it.
	focusMore map[model.ID]int
	// paths are the last paths asked for (routePaths); finding is set
	// while paths are found off the UI goroutine (findPaths).
	paths struct {
		key     pathsKey
		found   []analysis.Path
		finding bool
	}
	// attrKey and attrValue, when attrKey is set, show only the actors
	// whose attribute attrKey has the value attrValue (the filter).
	attrKey, attrValue string
	// tiedOnly shows only the actors with a tie on show on the date (and
	// the one selected): the filter's "Only actors with ties on the date".
	tiedOnly bool
	// focusHides drops what is out of focus from the picture instead of
	// fading it.
	focusHides bool
	route      *pathQuery
	// diffStress is what a comparison of two dates stresses, on the
	// second date (diffDay) only.
	diffStress *render.Emphasis
	diffGhosts []render.Edge // the ties that ended, drawn ghosted
	diffFrom   model.Day     // the date it compares with
	diffDay    model.Day
	// hidden are the kinds the filter hides (see shown); shownMap is the
	// map without them, made from shownFrom, until the filter changes.
	hidden              map[render.KindKey]bool
	shownMap, shownFrom *model.Map
	// sideScroll scrolls the side panel; made by Content.
	sideScroll *container.Scroll
	// sideMore is how many more rows than panelRows the side panel's long
	// lists show, by list, before and after the date on show, as asked
	// (see windowed); forgotten when the selection changes.
	sideMore map[string][2]int
	// sideOf is the selection (actor, tie) the rows asked for are of.
	sideOf [2]model.ID
	// sideDay is what of the date the selected actor's details showed
	// when last built (see actorDay).
	sideDay string
	// sizeBy is the measure actors are sized by ("" for none), and
	// byCommunity whether they are coloured by community; their measures
	// are computed off the UI goroutine (measuresNow).
	sizeBy       string
	byCommunity  bool
	measureCache *measureCache
	measuring    measureKey
	wanted       measureKey

	// drawn is the map the picture draws, the document's, with tl;
	// laidFrom is the map tl lays out (nil when not known: a stale kept
	// layout), which lags the document's while a new layout is computed.
	// Meanwhile an edit shows at once: what tl has not placed yet (a new
	// actor) is not drawn.
	drawn, laidFrom *model.Map
	tl              *layout.Timeline
	// tlStability is the stability setting tl was laid out with.
	tlStability float64

	diagram *Diagram
	time    *timeline
	side    *fyne.Container
	status  *statusLine
	// refitWanted is set while a picture that fits the view is built off
	// the UI goroutine, until one is shown.
	refitWanted bool

	// layoutGen numbers layout requests; only the newest is applied, and a
	// new request cancels the one before (cancelLayout).
	layoutGen    int
	cancelLayout context.CancelFunc
	// layoutMu makes starting a layout (relayout), showing its progress
	// and applying its result (applyLayout) take turns. On screen all
	// three run on the UI goroutine anyway, but Fyne's test driver runs
	// fyne.Do and fyne.DoAndWait on the calling goroutine: there the
	// layout goroutine applies its result while the test goroutine may
	// start the next layout.
	layoutMu sync.Mutex
	layouts  sync.WaitGroup
	// layOut lays a map out: by default r.LayoutPreviewing, which tests
	// replace.
	layOut layoutFunc
	// previewing is set while the timeline on show is a layout's preview
	// (see previewer).
	previewing bool
	// adjust lays a map out after an edit holding the picture on show
	// still: by default r.Adjust, which has no preview.
	adjust layoutFunc
	// rebox holds the picture still after an edit that changed only the
	// actors' boxes (render.Renderer.Rebox), at once where adjust would
	// lay a long history out again.
	rebox func(ctx context.Context, was, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int)) (*layout.Timeline, bool, error)
	// tables is the table view's window, while it is open.
	tables *tableView
	// notice is a message for the status line that a layout started with
	// it would cover ("Laying out…"): it shows when the layout is done.
	notice string
	// opened is the kept layout of a map being opened, read with it off
	// the UI goroutine (see loaded).
	opened *kept
	// laidOut are the last layouts made, which undo gives back.
	laidOut laidOut
	// warm is a kept layout of an earlier version of the map, the start of
	// the first layout.
	warm *layout.Timeline
	// working moves while a job runs off the UI goroutine (inBackground),
	// and howFar shows how far it is when the job can tell; jobs counts
	// those jobs.
	working    *widget.ProgressBarInfinite
	howFar     *widget.ProgressBar
	workingBox *fyne.Container
	statusRow  *fyne.Container // the status line, with the progress of jobs and layouts
	// cancelJob cancels a cancellable background job (see
	// inBackgroundCancellable); hidden when there is none.
	cancelJob *widget.Button
	// banner is the strip above the picture where the first-run welcome
	// shows.
	banner *fyne.Container
	jobs   sync.WaitGroup
	// busy shows a running layout's progress with a Cancel button.
	busy     *fyne.Container
	progress *widget.ProgressBar
	// framing says what a still is fitted to (see render.Framing).
	framing render.Framing
	// later puts work off to a later turn of the UI loop: fyne.Do when
	// nil; tests set it to hold the work.
	later func(func())
	anim  *fyne.Animation
	// The scenes of a big map's dates are built off the UI goroutine, one
	// at a time (see offUI): building says one is under way, queued is
	// the build asked for since, and shownAt counts the scenes shown at
	// once, which a build asked for before them must not replace.
	building bool
	queued   func() func()
	shownAt  uint64
}

// NewEditor loads the map in st and builds the window's content and menus.
// title names the map in the window title (its file name).
func NewEditor(win fyne.Window, st model.Store, r *render.Renderer, title string) (*Editor, error) {
	doc, err := openDocument(st, "")
	if err != nil {
		return nil, err
	}
	e := &Editor{win: win, doc: doc, r: r, title: title, drawn: doc.m, layOut: r.LayoutPreviewing, rebox: r.Rebox}
	e.adjust = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(done, total int), _ func(*layout.Timeline)) (*layout.Timeline, error) {
		return r.Adjust(ctx, m, s, old, progress)
	}
	e.tlStability = stability()
	e.framing = framing()
	start, err := e.firstLayout(nil)
	if err != nil {
		return nil, err
	}

	e.diagram = NewDiagram(r, func(w, h int, ui float64) render.View {
		return r.FitView(e.framed(e.shown(), e.doc.day), e.tl, e.doc.day, e.framing, w, h, ui)
	})
	e.diagram.OnSelect = e.Select
	e.diagram.OnSelectTie = e.SelectTie
	e.diagram.OnLegend = e.toggleKind
	e.diagram.OnMenu = e.contextMenu
	e.diagram.OnOpen = e.openForm
	e.diagram.OnFail = func(err error) { e.status.SetText(sentence(err)) }
	e.diagram.HoverText = e.hoverText
	e.diagram.OnLegendFolded = func(bool) { e.rebuildMenu() }
	e.diagram.OnMove = e.pin
	e.time = newTimeline(doc)
	e.time.caughtUp = e.caughtUp
	e.diagram.OnDrawn = e.time.pictureShown
	e.side = container.NewVBox()
	e.status = newStatusLine(win)
	e.time.sayOn(func(text string) string {
		was := e.status.Text
		e.status.SetText(text)
		return was
	})
	e.progress = widget.NewProgressBar()
	e.busy = container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), e.cancelRunningLayout), e.progress)
	e.busy.Hide()
	e.working = widget.NewProgressBarInfinite()
	e.working.Stop()
	e.howFar = widget.NewProgressBar()
	e.cancelJob = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), nil)
	e.cancelJob.Hide()
	e.workingBox = container.NewHBox(container.NewGridWrap(fyne.NewSize(160, e.working.MinSize().Height), container.NewStack(e.working, e.howFar)), e.cancelJob)
	e.workingBox.Hide()

	// The views follow the document: the timeline first, then the side
	// panel, the window's title and menus, the table view, and last the
	// picture, which may start a layout off the UI goroutine once every
	// other view is up to date.
	doc.Observe(e.time.follow)
	doc.Observe(e.followInPanel)
	doc.Observe(e.followInWindow)
	doc.Observe(e.followInTables)
	doc.Observe(e.followInPicture)

	e.showScene()
	e.refreshSide()
	e.setTitle()
	e.rebuildMenu()
	e.listenForKeys()
	if start {
		e.relayout()
	}
	return e, nil
}

// stickyWidth lays out one object over all its room, and asks for the
// widest the object has asked for yet, up to stickyMost, at the height it
// asks for now: wider than that it asks for what the object asks for, so
// that the room given to something wide is given back when it goes.
type stickyWidth struct{ w float32 }

// stickyMost is the widest a stickyWidth keeps.
const stickyMost = 480

func (s *stickyWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	s.w = max(s.w, min(m.Width, stickyMost))
	return fyne.NewSize(max(s.w, m.Width), m.Height)
}

func (s *stickyWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// Close cancels a running layout and closes the store of the map on show
// (which may not be the one the editor was made with: see switchTo). It
// is called once the app has stopped, its windows gone with it: it closes
// none.
func (e *Editor) Close() error {
	e.cancelRunningLayout()
	e.queued = nil
	e.shownAt++ // a build under way shows nothing
	e.tables = nil
	return e.doc.store.Close()
}

// Content is the window's content.
func (e *Editor) Content() fyne.CanvasObject {
	e.sideScroll = container.NewVScroll(container.NewPadded(e.side))
	// The panel keeps the widest it has been, so that the divider does
	// not move when what it shows changes (a selection, the map's summary).
	split := container.NewHSplit(e.diagram, container.New(&stickyWidth{}, e.sideScroll))
	split.Offset = 0.74
	// The status line's text stays where it is while a job's progress
	// comes and goes at the right, and so does its height: the progress
	// and its Cancel button are taller than the text, and the picture
	// shrank under them, its header and legend gone until it was drawn
	// again.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(0, max(e.busy.MinSize().Height, e.workingBox.MinSize().Height)))
	e.statusRow = container.NewBorder(nil, nil, nil, container.NewHBox(e.workingBox, e.busy, strut), e.status)
	bottom := container.NewVBox(widget.NewSeparator(), e.time.bar, e.statusRow)
	e.banner = container.NewVBox()
	return container.NewBorder(e.banner, bottom, nil, nil, split)
}

// Path is the file of the map open in the window.
func (e *Editor) Path() string { return e.doc.path }

// Document is the map open in the window.
func (e *Editor) Document() *Document { return e.doc }

// Map is the map on show.
func (e *Editor) Map() *model.Map { return e.doc.m }

// Day is the date on show.
func (e *Editor) Day() model.Day { return e.doc.day }

// Selected is the selected actor, or 0.
func (e *Editor) Selected() model.ID { return e.doc.selected }

// Diagram is the diagram widget.
func (e *Editor) Diagram() *Diagram { return e.diagram }

func (e *Editor) setTitle() {
	title := e.mapTitle()
	if title != e.title {
		title += " — " + e.title
	}
	e.win.SetTitle(title + " — relmap")
}

// mapTitle is the map's name or, for a map without one, its file's.
func (e *Editor) mapTitle() string {
	if strings.TrimSpace(e.doc.m.Name) == "" {
		if e.doc.path != "" {
			return filepath.Base(e.doc.path) // the file on show, whichever window heard of it first
		}
		return e.title
	}
	return e.doc.m.Name
}

// showScene draws the still picture of the current date.
func (e *Editor) showScene() {
	e.bigMap()
	e.shownAt++
	e.queued = nil
	if e.refitWanted {
		// A refit asked for by a picture not yet shown, which this one
		// replaces: a comparison's new date kept the last date's fit.
		e.refitWanted = false
		e.diagram.Refit()
	}
	if e.anim != nil {
		e.anim.Stop()
		e.anim = nil
	}
	m := e.shown()
	s := e.scene(m, render.FrameAt(m, e.tl, e.doc.day), e.doc.day, e.doc.selected, e.emphasis())
	e.diagram.SetScene(s)
	e.diagram.KeepInSight(s, e.doc.selected)
	e.startMeasuring()
}

// showSceneSoon shows the current date's picture, fitting the view to it
// first when refit is set: at once on a small map; on a big one (see
// bigMap) the scene and the fitted view are worked out off the UI
// goroutine and shown when done, so that a slider dragged across many
// dates builds a scene for the dates the eye can follow, not for every
// mouse move, and the window never waits for one.
func (e *Editor) showSceneSoon(refit bool) {
	if !e.bigMap() {
		if refit {
			e.diagram.Refit()
		}
		e.showScene()
		return
	}
	m, tl, day, sel, em := e.shown(), e.tl, e.doc.day, e.doc.selected, e.emphasis()
	dress := e.dresser(day, em)
	fit := e.fitLater(refit, m, tl, day)
	e.offUI(func() func() {
		s := render.NewScene(m, render.FrameAt(m, tl, day), day, sel)
		dress(s)
		v, fitted := fit()
		return func() {
			if e.tl != tl || e.shown() != m {
				return // laid out or changed since
			}
			if e.anim != nil {
				e.anim.Stop()
				e.anim = nil
			}
			if fitted {
				e.diagram.RefitTo(v)
			}
			e.refitWanted = false
			e.diagram.SetScene(s)
			e.diagram.KeepInSight(s, sel)
			e.startMeasuring()
		}
	})
}

// fitLater returns, when refit is set, the function that works out the
// view fitted to m on day off the UI goroutine (see Diagram.FitFrame),
// and whether it did. When the diagram cannot take a view worked out now
// it refits at once (which then only marks it to be fitted).
func (e *Editor) fitLater(refit bool, m *model.Map, tl *layout.Timeline, day model.Day) func() (render.View, bool) {
	// A refit asked for by a picture that this one replaces before it is
	// shown (a new date, then a new selection) is this one's too.
	refit = refit || e.refitWanted
	e.refitWanted = refit
	w, h, ui, collapsed, ok := e.diagram.FitFrame()
	if refit && !ok {
		e.diagram.Refit()
	}
	if !refit || !ok {
		return func() (render.View, bool) { return render.View{}, false }
	}
	r, framing, framed := e.r, e.framing, e.framer()
	fit := func(w, h int, ui float64) render.View { return r.FitView(framed(m, day), tl, day, framing, w, h, ui) }
	return func() (render.View, bool) { return fitFolded(fit, w, h, ui, collapsed), true }
}

// bigMap reports whether the map on show is as big as the diagram draws
// in the background; its scenes are then built in the background too.
// It tells the diagram, so that the picture of every date of a big map
// is drawn in the background, however few actors that date has.
func (e *Editor) bigMap() bool {
	big := e.drawn != nil && len(e.drawn.Actors)+len(e.drawn.Ties) >= e.diagram.asyncAt
	e.diagram.bigMap = big
	return big
}

// caughtUp reports whether the picture shows the date on show: no scene
// is being built, nor waits to be, and the diagram has drawn the last it
// was given.
func (e *Editor) caughtUp() bool {
	return !e.building && e.queued == nil && e.diagram.caughtUp()
}

// offUI runs build off the UI goroutine and then, on it, the function
// build returns, unless a scene was shown at once since build was asked
// for. Builds run one at a time: one asked for while another runs waits
// for it, in place of any other waiting, so the last one asked for always
// runs.
func (e *Editor) offUI(build func() func()) {
	if e.building {
		e.queued = build
		return
	}
	e.building = true
	at := e.shownAt
	e.jobs.Add(1)
	go func() {
		defer e.jobs.Done()
		render.LowerPriority() // the window comes first
		var apply func()
		if err := panicked(lang.L("Drawing the map"), func() { apply = build() }); err != nil {
			apply = func() { e.status.SetText(sentence(err)) }
		}
		fyne.DoAndWait(func() {
			e.building = false
			if e.shownAt == at {
				apply()
			}
			if next := e.queued; next != nil {
				e.queued = nil
				e.offUI(next)
			}
		})
	}()
}

// scene is the picture of frame f of m on day, stressing em.
func (e *Editor) scene(m *model.Map, f render.Frame, day model.Day, selected model.ID, em *render.Emphasis) *render.Scene {
	s := render.NewScene(m, f, day, selected)
	e.dresser(day, em)(s)
	return s
}

// dresser takes from the editor what a picture of day stressing em shows
// beyond the map (focus, measures, hidden kinds, filter, comparison) and
// returns the function that dresses a bare scene with it. That function
// reads nothing of the editor's, so scenes can be built off the UI
// goroutine.
func (e *Editor) dresser(day model.Day, em *render.Emphasis) func(*render.Scene) {
	hideOutside := e.hidingOutOfFocus() && em != nil
	tiedOnly := e.tiedOnly
	style := e.measureStyle()
	var actorKinds, tieKinds []model.Kind
	var hidden map[render.KindKey]bool
	if len(e.hidden) > 0 {
		// The legend lists every kind, the hidden ones faint, so that a
		// click brings them back.
		actorKinds, tieKinds = render.UsedKinds(e.drawn)
		hidden = maps.Clone(e.hidden)
	}
	note, filtered := e.filterNote(), strings.Join(e.filterParts(), "\n")
	diff := e.diffStress != nil && day == e.diffDay
	ghosts, since := e.diffGhosts, e.diffFrom.String()
	return func(s *render.Scene) {
		s.Emphasis = em
		if hideOutside {
			s.Nodes = slices.DeleteFunc(s.Nodes, func(n render.Node) bool { return !em.Actors[n.ID] })
			s.Edges = slices.DeleteFunc(s.Edges, func(x render.Edge) bool { return !em.Ties[x.ID] })
		}
		if tiedOnly {
			tied := make(map[model.ID]bool, 2*len(s.Edges))
			for _, x := range s.Edges {
				tied[x.From], tied[x.To] = true, true
			}
			s.Nodes = slices.DeleteFunc(s.Nodes, func(n render.Node) bool { return !tied[n.ID] && n.ID != s.Selected })
		}
		style(s)
		if hidden != nil {
			s.ActorKinds, s.TieKinds = actorKinds, tieKinds
			s.Hidden = hidden
		}
		if note != "" {
			s.Caption = withNote(note, s.Caption)
			s.Filter = filtered
			// Said, or the empty picture looks broken.
			s.Empty = lang.L("The filter leaves no actor on this date to show.")
		}
		if diff {
			s.Ghosts, s.Since = ghosts, since
			s.Caption = withNote(fmt.Sprintf(lang.L("Since %s: began in green, ended dashed in red"), since), s.Caption)
		}
	}
}

// withNote puts note before caption in a picture's header.
func withNote(note, caption string) string {
	if caption == "" {
		return note
	}
	return note + "  ·  " + caption
}

// SetDate shows the map as of day. With animate set and a keyframe between
// the old and new date, the change is staged: what leaves fades out, what
// stays moves, what arrives fades in.
func (e *Editor) SetDate(day model.Day, animate bool) { e.doc.SetDay(day, animate) }

// Select selects actor id (0 clears the selection) and shows its details.
func (e *Editor) Select(id model.ID) { e.doc.Select(id) }

// followInPicture keeps the picture on the document: a new date is drawn
// (staged when asked), a new selection stressed, and a changed map laid
// out again holding the picture still.
func (e *Editor) followInPicture(u Update) {
	switch {
	case u.Has(FileChanged):
		e.drawn, e.laidFrom, e.warm = e.doc.m, nil, nil
		e.cancelRunningLayout()
		e.layoutMu.Lock()
		e.layoutGen++ // a layout of the old map on its way is dropped
		e.layoutMu.Unlock()
		start, err := e.firstLayout(e.opened)
		e.opened = nil
		if err != nil {
			// The kept layout could not be read: the timeline on show is
			// still the last file's, which must not stand for this map.
			e.showError(err)
			e.tl, start = &layout.Timeline{}, true
		}
		e.diagram.Fit() // another map: shown whole, whatever the last view was
		e.showScene()
		if start {
			e.relayout()
		}
	case u.Has(MapChanged):
		// The edit shows at once, on the timeline on show, and then as
		// laid out again. The picture goes first: the layout's progress
		// comes from another goroutine.
		e.drawn = e.doc.m
		if u.Has(Dated) {
			e.diagram.Fit() // what came in, at its own dates, shown whole
		}
		e.showSceneSoon(false) // off the UI goroutine on a big map
		e.relayoutWith(true)
	case u.Has(DayChanged):
		e.showDay(u.Was, u.Staged)
	case u.Has(SelectionChanged):
		e.showSceneSoon(false) // off the UI goroutine on a big map
	}
}

// showDay draws the date on show, which was was: staged with animate, when
// a keyframe lies between them.
func (e *Editor) showDay(old model.Day, animate bool) {
	day := e.doc.day
	refit := e.tl.Index(old) != e.tl.Index(day) && e.framing == render.FrameDate
	if !animate || e.tl.Index(old) == e.tl.Index(day) {
		e.showSceneSoon(refit)
		return
	}
	// What the picture stresses is worked out once for the animation,
	// not on every frame; the transition's scene is built once, and each
	// tick moves it. On a big map both scenes are built off the UI
	// goroutine.
	sel, m, tl, em := e.doc.selected, e.shown(), e.tl, e.emphasis()
	dress := e.dresser(day, em)
	big := e.bigMap()
	if !big && refit {
		e.diagram.Refit()
	}
	fit := e.fitLater(big && refit, m, tl, day)
	build := func() func() {
		tween := render.NewTweenScene(m, tl, old, day, func(f render.Frame) *render.Scene {
			s := render.NewScene(m, f, day, sel)
			dress(s)
			return s
		})
		end := render.NewScene(m, render.FrameAt(m, tl, day), day, sel)
		dress(end)
		v, fitted := fit()
		return func() {
			if fitted {
				e.diagram.RefitTo(v)
			}
			e.refitWanted = false
			e.animate(tween, end, day, tl)
			e.diagram.KeepInSight(end, sel)
			e.startMeasuring() // for the new date, drawn when the animation ends
		}
	}
	if big {
		e.offUI(build)
		return
	}
	e.shownAt++
	e.queued = nil
	build()()
}

// animate plays the transition tween to day, ending on the scene end,
// while the date on show is still day and the layout still tl.
func (e *Editor) animate(tween *render.TweenScene, end *render.Scene, day model.Day, tl *layout.Timeline) {
	if e.anim != nil {
		e.anim.Stop()
	}
	a := fyne.NewAnimation(700*time.Millisecond, func(p float32) {
		if e.doc.day != day || e.tl != tl {
			return
		}
		if p >= 1 {
			e.diagram.SetScene(end)
			return
		}
		e.diagram.SetScene(tween.Step(float64(p)))
	})
	a.Curve = fyne.AnimationLinear
	e.anim = a
	a.Start()
}

// followInWindow keeps the window's title, the Edit menu's Undo and Redo
// and the recent files on the document.
func (e *Editor) followInWindow(u Update) {
	if u.Has(FileChanged) {
		e.title = filepath.Base(e.doc.path)
		e.remember(e.doc.path)
		e.rebuildMenu()
	} else if u.Has(HistoryChanged) {
		e.refreshUndo()
	}
	if u.Has(FileChanged | MapChanged) {
		e.setTitle()
	}
	if u.Has(FileChanged) {
		e.refreshWelcome()
	}
}

// sideToTop shows the top of the side panel, where a new selection's
// details begin.
func (e *Editor) sideToTop() {
	if e.sideScroll != nil {
		e.sideScroll.ScrollToTop()
	}
}

// reload reads the whole map back from the store, for a change made
// outside the editor, and shows it.
func (e *Editor) reload() error { return e.doc.Reload() }

// pin stores a dragged actor's position and lays the map out around it.
// A drag past the edge of the drawing area (model.MaxCoordinate) stops at
// the edge; a position that is not a number is refused with a message.
func (e *Editor) pin(id model.ID, p model.Point) {
	a, _ := e.doc.m.Actor(id)
	c := model.Change{Summary: lang.L("Move ") + quoted(a.Label()), Put: model.Records{Pins: []model.Pin{{Actor: id, At: clampPoint(p)}}}}
	if _, err := e.apply(c); err != nil {
		e.showError(err)
	}
}

// clampPoint moves p onto the nearest point within ±model.MaxCoordinate;
// NaN stays NaN (for model.Point.Check to refuse).
func clampPoint(p model.Point) model.Point {
	clamp := func(v float64) float64 { return max(-model.MaxCoordinate, min(v, model.MaxCoordinate)) }
	return model.Point{X: clamp(p.X), Y: clamp(p.Y)}
}

func (e *Editor) unpin(id model.ID) {
	a, _ := e.doc.m.Actor(id)
	c := model.Change{Summary: lang.L("Unpin ") + quoted(a.Label()), Delete: model.Deleted{Pins: []model.ID{id}}}
	if _, err := e.apply(c); err != nil {
		e.showError(err)
	}
}

// panicLog is where recovered writes a panic's stack.
var panicLog io.Writer = os.Stderr

// recovered is f's error, or, when f panics, an error that says so:
// what was being done and what the panic said, its stack written to the
// standard error for a report. A bug in work off the UI goroutine then
// fails that work, as a bad file would, rather than end the program.
func recovered(what string, f func() error) (err error) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		stack := debug.Stack()
		if s, ok := p.(interface{ Stack() []byte }); ok {
			stack = s.Stack() // where it began, on another goroutine
		}
		fmt.Fprintf(panicLog, "relmap: %s: %v\n%s\n", what, p, stack)
		err = fmt.Errorf(lang.L("%s stopped on an internal error, which is a bug in relmap: %v"), strings.TrimSuffix(what, "…"), p)
	}()
	return f()
}

// panicked is recovered for work that returns no error: nil, or the
// error that says it panicked.
func panicked(what string, f func()) error {
	return recovered(what, func() error { f(); return nil })
}

// ShowError says in the window, in a sentence, what went wrong.
func (e *Editor) ShowError(err error) { e.showError(err) }

func (e *Editor) showError(err error) {
	var rows *csvio.Errors
	if errors.As(err, &rows) {
		e.showBadRows(rows, nil)
		return
	}
	dialog.ShowError(errors.New(sentence(err)), e.win)
}

// showBadRows lists each bad row of an import on a line of its own, as
// many as there are, in a list that scrolls; with goodOnly not nil, a
// button imports the good rows without them.
func (e *Editor) showBadRows(rows *csvio.Errors, goodOnly func()) {
	list := widget.NewLabel(strings.Join(rowSentences(rows), "\n"))
	list.Wrapping = fyne.TextWrapWord
	head := widget.NewLabel(counted(len(rows.Rows)+rows.Beyond, "1 row of the import is wrong, so nothing was imported. Correct it and import again:",
		"%s rows of the import are wrong, so nothing was imported. Correct them and import again:"))
	head.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(head, nil, nil, nil, container.NewVScroll(list))
	var d dialog.Dialog
	if goodOnly == nil {
		d = dialog.NewCustom(lang.L("Import refused"), lang.L("OK"), content, e.win)
	} else {
		// The good rows leave out the rows that name a bad one too.
		also := widget.NewLabel(lang.L("Import the Good Rows leaves these out, and the rows that name an actor or tie of theirs."))
		also.Wrapping = fyne.TextWrapWord
		content = container.NewBorder(nil, also, nil, nil, content)
		d = dialog.NewCustomConfirm(lang.L("Import refused"), lang.L("Import the Good Rows"), lang.L("Close"), content, func(ok bool) {
			if ok {
				goodOnly()
			}
		}, e.win)
	}
	d.Show()
	d.Resize(fyne.NewSize(min(760, e.win.Canvas().Size().Width-40), min(480, e.win.Canvas().Size().Height-40)))
}

// rowSentences says what is wrong with each bad row of an import, a
// sentence each, and how many more there were.
func rowSentences(rows *csvio.Errors) []string {
	var out []string
	for _, r := range rows.Rows {
		out = append(out, "• "+sentence(r))
	}
	if rows.Beyond > 0 {
		out = append(out, counted(rows.Beyond, "… and 1 more row.", "… and %s more rows."))
	}
	return out
}

// whereIn is where in an imported file err was found ("ties.csv, line
// 3"), or "" when it was not in one.
func whereIn(err error) string {
	var ce *csvio.Error
	if errors.As(err, &ce) {
		if ce.Line == 0 {
			return ce.File
		}
		return fmt.Sprintf(lang.L("%s, line %d"), ce.File, ce.Line)
	}
	var ne *netio.Error
	if errors.As(err, &ne) {
		where := ne.Format.Name()
		if ne.Line > 0 {
			where = fmt.Sprintf(lang.L("%s, line %d"), where, ne.Line)
		}
		if ne.Where != nil {
			where += ", " + say(ne.Where)
		}
		return where
	}
	return ""
}

// sentence says what went wrong in one sentence for a person. A broken
// rule of the model is said in its own words ("Actor 12 is already named
// 'Peru'."), without the operations that led to it; anything else is
// said as it was reported, as a sentence.
func sentence(err error) string {
	msg := err.Error()
	var fe *model.FieldError
	var said *model.Message
	switch {
	case errors.As(err, &fe):
		msg = fieldMessage(fe)
		// A row of an imported file says which.
		if where := whereIn(err); where != "" && fe.Field != "" {
			msg = fmt.Sprintf(lang.L("In %s, %s: %s"), where, fe.Field, msg)
		} else if where != "" {
			msg = fmt.Sprintf(lang.L("In %s: %s"), where, msg)
		}
	case errors.As(err, &said):
		msg = say(said)
		// A fault of a file in another format says where.
		if where := whereIn(err); where != "" {
			msg = fmt.Sprintf(lang.L("In %s: %s"), where, msg)
		}
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return lang.L("Something went wrong.")
	}
	r, size := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[size:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

// say is a message of the model's rules in the window's language.
func say(m *model.Message) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch inner := a.(type) {
		case *model.Message:
			a = say(inner)
		case error:
			a = inWords(inner)
		}
		args[i] = a
	}
	return fmt.Sprintf(lang.L(m.Format), args...)
}

// inWords is err's text, in the window's language when it is a message of
// the model's rules.
func inWords(err error) string {
	var fe *model.FieldError
	var said *model.Message
	var date *model.DateError
	switch {
	case errors.As(err, &fe):
		return fieldMessage(fe)
	case errors.As(err, &said):
		return say(said)
	case errors.As(err, &date):
		return dateProblem(date.Text, date) // a date in an imported file, say
	}
	return err.Error()
}

// fieldMessage is what fe says is wrong with its field, in the window's
// language when it is a message of the model's rules.
func fieldMessage(fe *model.FieldError) string {
	if fe.Said != nil {
		return say(fe.Said)
	}
	return fe.Msg
}

// rebuildMenu sets the window's menus anew, for items whose labels or
// ticks have changed, with Undo and Redo named.
func (e *Editor) rebuildMenu() {
	e.win.SetMainMenu(e.menu())
	e.refreshUndo()
}

func (e *Editor) menu() *fyne.MainMenu {
	e.keys0 = nil
	// The desktop driver turns Ctrl+Z into Fyne's Undo shortcut and Ctrl+Y
	// into its Redo; Ctrl+Shift+Z stays a key with modifiers.
	e.undoItem = e.item(lang.L("Undo"), &fyne.ShortcutUndo{}, e.undo)
	e.redoItem = e.item(lang.L("Redo"), ctrl(fyne.KeyZ, fyne.KeyModifierShift), e.redo)
	e.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.redoItem.Action() })
	quit := e.item(lang.L("Quit"), ctrl(fyne.KeyQ, 0), e.quit)
	quit.IsQuit = true
	del := fyne.NewMenuItem(lang.L("Delete Selected"), e.deleteSelected)
	del.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyDelete}
	e.keys0 = append(e.keys0, keyAction{fyne.KeyDelete, e.deleteSelected},
		keyAction{fyne.KeyEscape, e.clearEmphasis},
		keyAction{fyne.KeySpace, e.time.toggle},
		keyAction{fyne.KeyLeft, func() { e.stepSelection(-1, 0) }},
		keyAction{fyne.KeyRight, func() { e.stepSelection(1, 0) }},
		keyAction{fyne.KeyUp, func() { e.stepSelection(0, -1) }},
		keyAction{fyne.KeyDown, func() { e.stepSelection(0, 1) }})
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"), append(e.fileItems(), fyne.NewMenuItemSeparator(), quit)...),
		fyne.NewMenu(lang.L("Edit"),
			e.undoItem,
			e.redoItem,
			fyne.NewMenuItem(lang.L("History…"), e.historyDialog),
			fyne.NewMenuItemSeparator(),
			e.item(lang.L("Find…"), ctrl(fyne.KeyF, 0), e.findDialog),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("New Actor…"), func() { e.actorForm(model.Actor{}) }),
			fyne.NewMenuItem(lang.L("New Tie…"), func() { e.tieForm(model.Tie{}) }),
			fyne.NewMenuItem(lang.L("New Event…"), e.newEvent),
			fyne.NewMenuItem(lang.L("Sources…"), e.sourcesDialog),
			fyne.NewMenuItem(lang.L("Kinds…"), e.kindsDialog),
			del,
			fyne.NewMenuItemSeparator(),
			e.item(lang.L("Preferences…"), ctrl(fyne.KeyComma, 0), e.preferencesDialog),
		),
		fyne.NewMenu(lang.L("View"), e.viewMenu()...),
		e.helpMenu(),
	)
}

// viewMenu is the View menu's items.
func (e *Editor) viewMenu() []*fyne.MenuItem {
	items := []*fyne.MenuItem{
		e.item(lang.L("Zoom In"), ctrl(fyne.KeyEqual, 0), func() { e.diagram.Zoom(zoomStep) }),
		e.item(lang.L("Zoom Out"), ctrl(fyne.KeyMinus, 0), func() { e.diagram.Zoom(1 / zoomStep) }),
		e.item(lang.L("Fit to Window"), ctrl(fyne.Key0, 0), e.diagram.Fit),
		e.legendItem(),
		fyne.NewMenuItemSeparator(),
		e.item(lang.L("Previous Change"), ctrl(fyne.KeyLeft, 0), e.time.prev),
		e.item(lang.L("Next Change"), ctrl(fyne.KeyRight, 0), e.time.next),
		e.item(lang.L("Table…"), ctrl(fyne.KeyT, 0), e.tableWindow),
		fyne.NewMenuItem(lang.L("Filter…"), e.filterDialog),
		fyne.NewMenuItem(lang.L("Compare Dates…"), e.compareDialog),
		fyne.NewMenuItem(lang.L("Small Multiples…"), e.multiplesDialog),
		fyne.NewMenuItem(lang.L("Tie Styles…"), e.tieStylesDialog),
		fyne.NewMenuItemSeparator(),
		// In submenus, so that the menu fits a window 880 pixels tall
		// (it scrolled, and kept its scroll, so a click went astray).
		e.submenu(lang.L("Focus"), []*fyne.MenuItem{
			e.item(lang.L("Focus One Step More"), ctrl(fyne.KeyRightBracket, 0), func() { e.focusStep(1) }),
			e.item(lang.L("Focus One Step Less"), ctrl(fyne.KeyLeftBracket, 0), func() { e.focusStep(-1) }),
			e.hideOutOfFocusItem(),
		}),
		fyne.NewMenuItem(lang.L("Next Path"), e.nextPath),
		fyne.NewMenuItem(lang.L("Who Matters…"), e.measuresDialog),
		e.submenu(lang.L("Size and Colour"), e.sizeItems()),
		fyne.NewMenuItemSeparator(),
	}
	items = append(items, e.viewMenuItems()...)
	return append(items,
		fyne.NewMenuItemSeparator(),
		e.submenu(lang.L("Layout"), []*fyne.MenuItem{
			fyne.NewMenuItem(lang.L("Layout Stability…"), e.stabilityDialog),
			fyne.NewMenuItem(lang.L("Lay Out Again"), e.layOutAgain),
			fyne.NewMenuItemSeparator(),
			e.framingItem(lang.L("Frame Each Date"), render.FrameDate),
			e.framingItem(lang.L("Frame Whole Timeline"), render.FrameAll),
		}),
	)
}

// hideOutOfFocusItem chooses whether what a focus leaves out is hidden
// (ticked) or faded.
func (e *Editor) hideOutOfFocusItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Hide What Is Out of Focus"), func() { e.hideOutOfFocus(!e.focusHides) })
	it.Checked = e.focusHides
	return it
}

// legendItem folds the picture's legend to a tab, or unfolds it (ticked
// while unfolded). The legend's own corner and tab do the same.
func (e *Editor) legendItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Show Legend"), func() { e.diagram.SetLegendCollapsed(!e.diagram.LegendCollapsed()) })
	it.Checked = !e.diagram.LegendCollapsed()
	return it
}

// item is a menu item whose shortcut is shown in the menu and works in
// the window.
func (e *Editor) item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	// The window's menu takes a shortcut before anything else does: while
	// a dialog is open, the shortcut goes to the text field that has the
	// focus (Undo in a form's field), if one has, and never to the map
	// behind the dialog.
	guarded := func() {
		if e.modal() {
			toTextField(e.win, sc)
			return
		}
		action()
	}
	it := fyne.NewMenuItem(label, guarded)
	it.Shortcut = sc
	e.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { guarded() })
	return it
}

// modal reports whether a dialog or menu is open over the window: the
// keys are then its, and do not reach the map behind it.
func (e *Editor) modal() bool { return e.win.Canvas().Overlays().Top() != nil }

// zoomStep is how much one Zoom In enlarges the picture.
const zoomStep = 1.25

// submenu is a menu item that opens items.
func (e *Editor) submenu(label string, items []*fyne.MenuItem) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// ctrl is key with Ctrl (Cmd on macOS) and the extra modifiers.
func ctrl(key fyne.KeyName, extra fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | extra}
}

// keyAction is a key without modifier and what it does.
type keyAction struct {
	key    fyne.KeyName
	action func()
}

// listenForKeys runs the actions of plain keys (Delete) typed while no
// field has the focus. While a dialog or menu is open, Escape closes it,
// as its Cancel or Close would, and the other keys do nothing.
func (e *Editor) listenForKeys() {
	e.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if e.win.Canvas().Overlays().Top() != nil {
			if ev.Name == fyne.KeyEscape {
				// A dialog's Cancel does nothing but close it: so does
				// taking it off the window.
				escapeOverlay(e.win.Canvas())
			}
			return
		}
		for _, k := range e.keys0 {
			if k.key == ev.Name {
				k.action()
			}
		}
	})
}

// quit closes the window, which quits the app.
func (e *Editor) quit() {
	if a := fyne.CurrentApp(); a != nil {
		a.Quit()
		return
	}
	e.win.Close()
}

// openForm opens the form of an actor, or of a tie when actor is 0: what
// a double click on it does.
func (e *Editor) openForm(actor, tie model.ID) {
	if a, ok := e.doc.m.Actor(actor); ok {
		e.actorForm(a)
	} else if t, ok := e.doc.m.Tie(tie); ok {
		e.tieForm(t)
	}
}

func (e *Editor) contextMenu(id model.ID, at fyne.Position) {
	var items []*fyne.MenuItem
	if a, ok := e.doc.m.Actor(id); ok {
		// An actor in a focus is not selected, which would move the focus
		// to it: it may widen the focus from where it is.
		inFocus := id != e.doc.selected && e.inFocus(id)
		if !inFocus {
			e.Select(id)
		}
		items = append(items,
			fyne.NewMenuItem(lang.L("Edit “")+a.Label()+"”…", func() { e.actorForm(a) }),
			fyne.NewMenuItem(lang.L("New Tie From Here…"), func() { e.tieForm(model.Tie{From: id}) }),
			fyne.NewMenuItem(lang.L("Path To…"), func() { e.pathDialog(id) }),
			fyne.NewMenuItem(lang.L("Focus Here"), func() { e.Select(id); e.focus, e.focusMore = 0, nil; e.focusStep(1) }),
		)
		if inFocus {
			items = append(items, fyne.NewMenuItem(lang.L("Widen Focus From Here"), func() { e.widenFocusFrom(id, 1) }))
			if e.focusMore[id] > 0 {
				items = append(items, fyne.NewMenuItem(lang.L("Narrow Focus Here"), func() { e.widenFocusFrom(id, -1) }))
			}
		}
		if _, pinned := e.doc.m.Pins[id]; pinned {
			items = append(items, fyne.NewMenuItem(lang.L("Unpin"), func() { e.unpin(id) }))
		}
	} else {
		items = append(items,
			fyne.NewMenuItem(lang.L("New Actor…"), func() { e.actorForm(model.Actor{}) }),
			fyne.NewMenuItem(lang.L("New Tie…"), func() { e.tieForm(model.Tie{}) }),
			fyne.NewMenuItem(lang.L("Fit to Window"), e.diagram.Fit),
		)
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), e.win.Canvas(), at)
}

// Welcome shows, on the first run, a short note on where to start.
func (e *Editor) Welcome() { e.welcome() }
