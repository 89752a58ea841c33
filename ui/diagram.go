package ui

import (
	"encoding/binary"
	"errors"
	"image"
	"image/draw"
	"io"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// Diagram shows a render.Scene and lets the user pan (drag the background),
// zoom (wheel, about the cursor), select (tap), move an actor (drag it) and
// open a context menu (secondary tap).
type Diagram struct {
	widget.BaseWidget

	r      *render.Renderer
	raster *canvas.Raster
	scene  *render.Scene
	view   render.View
	// fit returns the view that shows the whole map in a w×h picture at a
	// device pixel ratio; the view is fitted on first paint and on Fit.
	fit    func(w, h int, ui float64) render.View
	fitted bool
	// follow is true until the user pans or zooms: the view then follows
	// the fit as the date changes (Refit), eased by camera.
	follow bool
	camera *fyne.Animation
	// pixel size of the last paint, and device pixels per Fyne unit.
	pw, ph int
	ratio  float64

	drag    dragMode
	dragID  model.ID
	hoverID model.ID

	// While the user pans or zooms, frames are cheap: the last full
	// picture (last, drawn through lastView) moved and scaled to the view;
	// the full picture follows when the motion pauses (settleTime) or ends.
	moving    bool
	settle    *time.Timer
	last      *image.RGBA
	lastView  render.View
	lastScene *render.Scene

	// Big scenes (asyncAt actors and ties or more) are drawn off the UI
	// goroutine by bg, a twin of r, one frame at a time; until a frame is
	// ready the last one is shown, moved and scaled to the current view,
	// so that the UI never waits for a frame.
	asyncAt int
	// bigMap is set while the map on show is big (see Editor.bigMap):
	// its pictures are drawn in the background whatever their size.
	bigMap  bool
	bg      *render.Renderer
	gen     uint64 // counts changes of the scene
	drawing bool   // a frame is being drawn in the background
	want    frameKey
	lastKey frameKey
	// failed is the frame whose drawing failed last: it is not asked for
	// again until the view or the scene moves on.
	failed frameKey
	// OnFail is told when a frame cannot be drawn (a bug in the
	// drawing); the last picture stays on show.
	OnFail func(err error)
	// OnDrawn is told when a frame drawn in the background (a big map's)
	// is put on show.
	OnDrawn func()
	// spare is the frame shown before the last, which the next frame
	// drawn in the background is painted over.
	spare *image.RGBA
	// copied is the copy of the scene that frames are drawn from in the
	// background, of the scene's version copiedGen: a pan or a zoom draws
	// frame after frame of one scene, and copying 50,000 ties for each
	// kept the UI goroutine busy.
	copied    *render.Scene
	copiedGen uint64
	// minZoom is how far the wheel zooms out: see fitView.
	minZoom float64
	jobs    sync.WaitGroup // frames being drawn

	// OnSelect is called with the tapped actor, or 0 for the background.
	OnSelect func(id model.ID)
	// OnSelectTie is called with the tapped tie when no actor is under
	// the pointer.
	OnSelectTie func(id model.ID)
	// OnOpen is called on a double click: two taps in quick succession
	// on one actor, or (actor 0) on one tie. The first tap has selected
	// it, as a tap does.
	OnOpen  func(actor, tie model.ID)
	lastTap tapped
	// opening is set from a double click until its form opens, after
	// (by default, on the UI goroutine after that long; tests run it
	// themselves).
	opening bool
	after   func(time.Duration, func())
	// OnLegend is called with the kind whose legend line was tapped.
	OnLegend func(k model.Kind)
	// OnLegendFolded is called when the legend is folded or unfolded.
	OnLegendFolded func(collapsed bool)
	collapsed      bool // the legend is folded to a tab
	// legendChosen: the user has folded or unfolded the legend, which is
	// then no longer folded and unfolded with the diagram's width (see
	// foldForWidth).
	legendChosen bool
	// OnMenu is called on a secondary tap, with the actor under it (or 0)
	// and the absolute position for a pop-up menu.
	OnMenu func(id model.ID, at fyne.Position)
	// HoverText, when set, gives the tooltip of the actor (or, with actor
	// 0, the tie) that the pointer rests on; "" shows none.
	HoverText  func(actor, tie model.ID) string
	tip        *tooltip
	hoverTimer *time.Timer
	// OnMove is called when the user has dragged actor id to a new layout
	// position.
	OnMove func(id model.ID, p model.Point)
}

// frameKey says what a frame shows: which state of the scene, through
// which view, at what size.
type frameKey struct {
	gen  uint64
	view render.View
	w, h int
}

// asyncActorsAndTies is the default Diagram.asyncAt: scenes this big take
// tens of milliseconds or more to draw.
const asyncActorsAndTies = 5000

type dragMode int

const (
	dragNone dragMode = iota
	dragPan
	dragNode
)

var (
	_ fyne.Widget            = (*Diagram)(nil)
	_ fyne.Scrollable        = (*Diagram)(nil)
	_ fyne.Draggable         = (*Diagram)(nil)
	_ fyne.Tappable          = (*Diagram)(nil)
	_ fyne.SecondaryTappable = (*Diagram)(nil)
	_ desktop.Hoverable      = (*Diagram)(nil)
	_ desktop.Cursorable     = (*Diagram)(nil)
)

// NewDiagram makes a diagram drawn by r; fit gives the view that shows the
// whole map.
func NewDiagram(r *render.Renderer, fit func(w, h int, ui float64) render.View) *Diagram {
	d := &Diagram{r: r, fit: fit, ratio: 1, follow: true, asyncAt: asyncActorsAndTies, bg: r.Twin(), tip: newTooltip(), minZoom: minZoom}
	d.bg.Background = true // the window comes first
	d.raster = canvas.NewRaster(d.paint)
	// The picture is painted at the window's pixel size: sampling it
	// without smoothing gives the same pixels for less work, which matters
	// where the window is drawn in software.
	d.raster.ScaleMode = canvas.ImageScalePixels
	d.ExtendBaseWidget(d)
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().AddListener(func(fyne.Settings) { fyne.Do(d.followTheme) })
	}
	return d
}

// SetScene shows s, in the theme of the window, and repaints.
func (d *Diagram) SetScene(s *render.Scene) {
	if s != nil {
		s.Theme = windowTheme()
	}
	d.scene = s
	d.gen++
	d.redraw()
}

// windowTheme is the picture's theme that goes with the app's: dark when
// the window's background is dark, whatever made it so (the system's
// choice, FYNE_THEME, a theme of the app's own).
func windowTheme() render.Theme {
	a := fyne.CurrentApp()
	if a == nil {
		return render.Light
	}
	r, g, b, _ := a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant()).RGBA()
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff {
		return render.Dark
	}
	return render.Light
}

// followTheme repaints the picture in the window's theme when it changes.
func (d *Diagram) followTheme() {
	if d.scene == nil || d.scene.Theme == windowTheme() {
		return
	}
	d.SetScene(d.scene)
}

// redraw shows the scene as the view now sees it. A big scene is drawn in
// the background and shown when done: the picture on show does not change
// until then, so the window is not repainted for nothing (every repaint
// uploads the whole picture), as a camera glide or an animation would.
func (d *Diagram) redraw() {
	if d.big() && d.last != nil && d.pw != 0 {
		d.want = frameKey{d.gen, d.view, d.pw, d.ph}
		if !d.drawing && d.want != d.failed {
			d.startFrame()
		}
		return
	}
	d.raster.Refresh()
}

// big reports whether the scene on show is drawn off the UI goroutine.
func (d *Diagram) big() bool {
	return d.scene != nil && (d.bigMap || len(d.scene.Nodes)+len(d.scene.Edges) >= d.asyncAt)
}

// caughtUp reports whether the picture on show is of the last scene
// given (or that scene could not be drawn): a small map's is drawn at
// once; a big map's when a frame of it, drawn in the background, is on
// show, whatever frames of it follow (a camera gliding to the date's
// framing draws several).
func (d *Diagram) caughtUp() bool {
	if !d.big() {
		return true
	}
	return d.lastKey.gen == d.gen || d.failed.gen == d.gen
}

// themeOnShow is the theme of the scene on show.
func (d *Diagram) themeOnShow() render.Theme {
	if d.scene == nil {
		return windowTheme()
	}
	return d.scene.Theme
}

// Scene is the scene on show.
func (d *Diagram) Scene() *render.Scene { return d.scene }

// View is the current view.
func (d *Diagram) View() render.View { return d.view }

// Following reports whether the view follows the fit: true until the
// user pans or zooms (see Fit, Hold).
func (d *Diagram) Following() bool { return d.follow }

// PixelSize is the size in device pixels of the last paint.
func (d *Diagram) PixelSize() (int, int) { return d.pw, d.ph }

// Fit shows the whole map again (or the date's actors, as the fit
// function says), and follows it from now on.
func (d *Diagram) Fit() {
	d.stopCamera()
	d.fitted, d.follow = false, true
	d.raster.Refresh()
}

// Hold shows the picture through view v, at once, and keeps it there: the
// view no longer follows the fit, as after a pan.
func (d *Diagram) Hold(v render.View) {
	d.stopCamera()
	d.view, d.fitted, d.follow = v, true, false
	d.raster.Refresh()
}

// CenterOn moves the view, eased, so that p is in the middle, keeping the
// zoom; the view stops following the fit, as after a pan.
func (d *Diagram) CenterOn(p model.Point) { d.glide(p, 0) }

// glide moves the view, eased, so that p is in the middle, at zoom (0:
// the zoom it has); the view stops following the fit.
func (d *Diagram) glide(p model.Point, zoom float64) {
	d.stopCamera()
	d.follow = false
	if !d.fitted || d.pw == 0 {
		return
	}
	from := d.view
	to := from
	to.CX, to.CY = p.X, p.Y
	if zoom > 0 {
		to.Zoom = zoom
	}
	d.camera = fyne.NewAnimation(cameraTime, func(t float32) {
		d.view = between(from, to, float64(t))
		d.redraw()
	})
	d.camera.Curve = fyne.AnimationEaseInOut
	d.camera.Start()
}

// closeZoom is the zoom CloseIn brings the view to at least: actors drawn
// whole, at their size, with their names.
const closeZoom = 1.0

// CloseIn moves the view, eased, so that p is in the middle, zoomed in to
// closeZoom when it is further out; the view stops following the fit.
func (d *Diagram) CloseIn(p model.Point) {
	d.glide(p, math.Max(d.view.Zoom, closeZoom*d.view.UIScale))
}

// TooSmall reports whether an actor is drawn too small in the view on
// show to be seen for what it is: a dot.
func (d *Diagram) TooSmall() bool { return d.fitted && d.view.AsDot(0) }

// InSight reports whether map point p is in the picture now, clear of
// its edges (see render.View.ShowsWell): a view that follows the fit
// shows every actor of the date. Find left an actor found on the picture's
// top edge, its ties out of sight.
func (d *Diagram) InSight(p model.Point) bool {
	if d.follow || !d.fitted || d.pw == 0 {
		return d.follow
	}
	return d.view.ShowsWell(p.X, p.Y, d.pw, d.ph)
}

// KeepInSight glides the view, keeping its zoom, to actor id of scene s
// when the actor is out of sight: a selected actor stays in view as the
// dates move it. A view that follows the fit shows every actor already.
func (d *Diagram) KeepInSight(s *render.Scene, id model.ID) {
	if id == 0 || s == nil || d.follow || !d.fitted || d.pw == 0 {
		return
	}
	if n := nodeOf(s, id); n != nil && n.Alpha >= 0.5 && !d.view.Shows(n.X, n.Y, d.pw, d.ph) {
		d.CenterOn(model.Point{X: n.X, Y: n.Y})
	}
}

// nodeOf is actor id's node in scene s, nil when s does not draw it.
func nodeOf(s *render.Scene, id model.ID) *render.Node {
	for i := range s.Nodes {
		if s.Nodes[i].ID == id {
			return &s.Nodes[i]
		}
	}
	return nil
}

// cameraTime is how long Refit takes to move the view.
const cameraTime = 450 * time.Millisecond

// Refit moves the view to the fit, eased in and out, unless the user has
// panned or zoomed since the last Fit.
func (d *Diagram) Refit() {
	if !d.fitted || d.pw == 0 {
		d.fitted = false // the next paint fits
		return
	}
	if !d.follow {
		return
	}
	d.RefitTo(d.fitView(d.pw, d.ph, d.ratio))
}

// FitFrame is what the fitted view is worked out for: the picture's size
// in pixels, the UI scale and whether the legend is folded (its view then
// fits render.CollapsedWidth and is Collapsed); ok is false when a refit
// now would not glide to a view worked out for it (Refit then does what
// is needed).
func (d *Diagram) FitFrame() (w, h int, ui float64, collapsed, ok bool) {
	return d.pw, d.ph, d.ratio, d.collapsed, d.fitted && d.pw != 0 && d.follow
}

// RefitTo glides to view to, the fitted view worked out elsewhere for
// FitFrame (off the UI goroutine, on a big map), unless the view has
// stopped following the fit since (a pan or a zoom).
func (d *Diagram) RefitTo(to render.View) {
	if to.Zoom > 0 {
		d.minZoom = math.Min(minZoom, to.Zoom/2)
	}
	if !d.follow {
		return
	}
	d.stopCamera()
	from := d.view
	if from == to {
		return
	}
	d.camera = fyne.NewAnimation(cameraTime, func(p float32) {
		d.view = between(from, to, float64(p))
		d.redraw()
	})
	d.camera.Curve = fyne.AnimationEaseInOut
	d.camera.Start()
}

// between is the view a share p of the way from a to b: the centre moves
// evenly on screen and the zoom by a constant ratio, so that the motion
// looks even at every scale.
func between(a, b render.View, p float64) render.View {
	if p >= 1 {
		return b
	}
	zoom := a.Zoom * math.Pow(b.Zoom/a.Zoom, p)
	// Move the centre in proportion to the change of 1/zoom, which keeps
	// the motion steady on screen while the zoom changes.
	t := p
	if za, zb := 1/a.Zoom, 1/b.Zoom; math.Abs(zb-za) > 1e-12 {
		t = (1/zoom - za) / (zb - za)
	}
	return render.View{CX: a.CX + (b.CX-a.CX)*t, CY: a.CY + (b.CY-a.CY)*t, Zoom: zoom, UIScale: b.UIScale, Collapsed: b.Collapsed}
}

// fitView is the fit for a w×h picture with the legend as it is: folded,
// the diagram takes the legend's room.
func (d *Diagram) fitView(w, h int, ui float64) render.View {
	v := fitFolded(d.fit, w, h, ui, d.collapsed)
	// The wheel zooms out to half the fitted view at least, however
	// spread out the map.
	if v.Zoom > 0 {
		d.minZoom = math.Min(minZoom, v.Zoom/2)
	}
	return v
}

// fitFolded is the view fit gives a w×h picture at UI scale ui whose
// legend is folded (collapsed) or not: folded, the diagram takes the
// legend's room, so the view fits render.CollapsedWidth and is Collapsed.
func fitFolded(fit func(w, h int, ui float64) render.View, w, h int, ui float64, collapsed bool) render.View {
	if !collapsed {
		return fit(w, h, ui)
	}
	v := fit(render.CollapsedWidth(w, ui), h, ui)
	v.Collapsed = true
	return v
}

// minZoom and maxZoom bound the zoom, but for a map too spread out to fit
// at minZoom (see fitView).
const (
	minZoom = 0.02
	maxZoom = 20
)

// LegendCollapsed reports whether the legend is folded to a tab.
func (d *Diagram) LegendCollapsed() bool { return d.collapsed }

// SetLegendCollapsed folds the legend to a tab (or unfolds it); the
// diagram takes its room, and a view that follows the fit is fitted again.
func (d *Diagram) SetLegendCollapsed(c bool) {
	d.legendChosen = true
	if c == d.collapsed {
		return
	}
	d.collapsed = c
	d.view.Collapsed = c
	if d.follow {
		d.fitted = false
	}
	if d.OnLegendFolded != nil {
		d.OnLegendFolded(c)
	}
	d.raster.Refresh()
}

func (d *Diagram) stopCamera() {
	if d.camera != nil {
		d.camera.Stop()
		d.camera = nil
	}
}

// Image paints the current scene at w×h, showing what the diagram shows:
// the same view, enlarged or reduced to the new size.
func (d *Diagram) Image(w, h int) *image.RGBA { return d.ImageLater(w, h)() }

// ImageLater takes what the diagram shows now (a copy of the scene, the
// view) and returns the function that paints it at w×h, which may run on
// any goroutine: a big export need not hold up the window.
func (d *Diagram) ImageLater(w, h int) func() *image.RGBA {
	scene, r, v := d.pictureLater(w, h, 0)
	return func() *image.RGBA {
		if scene == nil {
			return image.NewRGBA(image.Rect(0, 0, w, h))
		}
		return r.Draw(scene, v, w, h)
	}
}

// Picture is how a picture of the diagram is written: its format, size in
// pixels, print resolution (0 for none), theme (as on screen when empty)
// and ground; Cite, when set, is the map whose sources of what is shown
// are printed in a footer.
type Picture struct {
	Format      render.Format
	W, H        int
	DPI         float64
	Theme       render.Theme
	Transparent bool
	TieLabels   bool
	Cite        *model.Map
	// Paper, above 0, is how many times larger than on screen text and
	// lines are drawn: a picture sized on paper (render.ParseSize).
	Paper float64
}

// PictureLater is ImageLater for any picture: the function it returns
// writes what the diagram shows now as p says to out, on any goroutine.
func (d *Diagram) PictureLater(p Picture) func(out io.Writer) error {
	write, _ := d.pictureLaterCounted(p)
	return write
}

// pictureLaterCounted is PictureLater, and the function that counts, on
// any goroutine, the ties whose labels the picture leaves out for want of
// room (see render.Renderer.TieLabelsLeftOut).
func (d *Diagram) pictureLaterCounted(p Picture) (write func(out io.Writer) error, leftOut func() int) {
	scene, r, v := d.pictureLater(p.W, p.H, p.Paper)
	if scene != nil {
		if p.Theme != "" {
			scene.Theme = p.Theme
		}
		scene.Transparent, scene.TieLabels = p.Transparent, p.TieLabels
		if p.Cite != nil {
			scene.CiteSources(p.Cite)
			v = r.WithFooter(scene, v, p.W, p.H)
		}
	}
	write = func(out io.Writer) error {
		if scene == nil {
			return errors.New(lang.L("there is no map to export"))
		}
		return r.WritePicture(out, p.Format, scene, v, p.W, p.H, p.DPI)
	}
	leftOut = func() int {
		if scene == nil {
			return 0
		}
		return r.TieLabelsLeftOut(scene, v, p.W, p.H)
	}
	return write, leftOut
}

// pictureLater takes a copy of the scene, a renderer of its own and the
// view that shows at w×h what the diagram shows now.
// With paper above 0, text and lines are drawn paper times as large as on
// a w/paper × h/paper screen: a picture sized on paper keeps the screen's
// sizes of text.
func (d *Diagram) pictureLater(w, h int, paper float64) (*render.Scene, *render.Renderer, render.View) {
	pw, ph := d.pw, d.ph
	v := d.view
	if !d.fitted || pw == 0 || ph == 0 {
		pw, ph = w, h
		v = d.fitView(w, h, 1)
	}
	scene, r := d.scene, d.r
	if scene != nil {
		scene, r = scene.Copy(), d.r.Twin()
	}
	if paper > 0 {
		lw, lh := int(float64(w)/paper), int(float64(h)/paper)
		screen := v.Scaled(pw, ph, lw, lh)
		screen.UIScale = 1 // a screen of 96 pixels an inch
		return scene, r, screen.Scaled(lw, lh, w, h)
	}
	return scene, r, v.Scaled(pw, ph, w, h)
}

func (d *Diagram) paint(w, h int) image.Image {
	w, h = d.drawnSize(w, h)
	if sz := d.Size(); sz.Width > 0 {
		d.ratio = float64(w) / float64(sz.Width)
	}
	resized := d.pw != 0 && (w != d.pw || h != d.ph)
	if !d.fitted || d.pw == 0 || (resized && d.follow) {
		// Fit at first, and again when the window is resized while the
		// view follows the fit.
		d.stopCamera()
		d.view = d.fitView(w, h, d.ratio)
		d.fitted = true
	} else if resized {
		// The user has panned or zoomed: keep the centre and zoom.
		d.view.UIScale = d.ratio
	}
	d.pw, d.ph = w, h
	if d.scene == nil {
		return image.NewRGBA(image.Rect(0, 0, w, h))
	}
	if d.big() {
		return d.paintAsync(w, h)
	}
	if d.moving && d.last != nil && d.lastScene == d.scene {
		// Panning or zooming: the last picture moved and scaled now, the
		// full picture when the motion stops.
		return d.preview(w, h)
	}
	var img *image.RGBA
	v := d.view
	v.Controls = true // the legend's fold control, which exports leave out
	if err := panicked(lang.L("Drawing the map"), func() { img = d.r.Draw(d.scene, v, w, h) }); err != nil {
		d.fail(err)
		if d.last == nil {
			return image.NewRGBA(image.Rect(0, 0, w, h))
		}
		return d.last
	}
	d.last = img
	d.lastView, d.lastScene = d.view, d.scene
	return d.last
}

// fail tells OnFail that a frame could not be drawn.
func (d *Diagram) fail(err error) {
	if d.OnFail != nil {
		d.OnFail(err)
	}
}

// paintAsync returns the frame of the current view when it is ready, and
// otherwise asks for it and returns the last frame fitted to the view.
func (d *Diagram) paintAsync(w, h int) image.Image {
	key := frameKey{d.gen, d.view, w, h}
	if d.last != nil && d.lastKey == key {
		return d.last
	}
	d.want = key
	// What to show until the frame is ready is taken before the frame is
	// started: once started, its completion may change the last frame.
	var img image.Image
	switch {
	case d.last == nil:
		blank := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(blank, blank.Rect, image.NewUniform(render.Background(d.themeOnShow())), image.Point{}, draw.Src)
		img = blank
	case d.lastView == d.view && d.last.Rect.Dx() == w && d.last.Rect.Dy() == h:
		img = d.last // the scene changed but not the view: nothing to move
	default:
		img = d.preview(w, h)
	}
	if !d.drawing && d.want != d.failed {
		d.startFrame()
	}
	return img
}

// startFrame draws the wanted frame in the background, from a copy of the
// scene (the UI goes on changing its own), and shows it when done.
func (d *Diagram) startFrame() {
	d.drawing = true
	job := d.want
	if d.copied == nil || d.copiedGen != d.gen {
		d.copied, d.copiedGen = d.scene.Copy(), d.gen
	}
	scene := d.copied
	// The frame is painted over the one before the last, when it is the
	// same size: nothing shows that one any more.
	img := d.spare
	d.spare = nil
	if img == nil || img.Rect.Dx() != job.w || img.Rect.Dy() != job.h {
		img = image.NewRGBA(image.Rect(0, 0, job.w, job.h))
	}
	d.jobs.Add(1)
	go func() {
		render.LowerPriority()
		err := panicked(lang.L("Drawing the map"), func() { d.bg.DrawOn(img, scene, job.view) })
		fyne.Do(func() {
			defer d.jobs.Done()
			d.drawing = false
			if err != nil {
				d.spare, d.failed = img, job
				d.fail(err)
				if d.want != job {
					d.startFrame()
				}
				return
			}
			d.spare = d.last
			d.last, d.lastView, d.lastKey, d.lastScene = img, job.view, job, nil
			if d.want != job {
				d.startFrame() // the view or the scene moved on meanwhile
			}
			d.raster.Refresh()
			if d.OnDrawn != nil {
				d.OnDrawn() // in the same turn, so that what follows the picture shows with it
			}
		})
	}()
}

// preview is the last frame as the current view would show it: moved and
// scaled (nearest pixel, a lower detail than a frame of its own), with the
// header and legend where they are.
func (d *Diagram) preview(w, h int) *image.RGBA {
	last, lv, v := d.last, d.lastView, d.view
	lw, lh := last.Rect.Dx(), last.Rect.Dy()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Rect, image.NewUniform(render.Background(d.themeOnShow())), image.Point{}, draw.Src)
	// Target pixel x shows last's pixel x0 + x·k (and so for y).
	lx, ly := v.ToLayout(0, 0, w, h)
	x0, y0 := lv.ToScreen(lx, ly, lw, lh)
	k := lv.Zoom / v.Zoom
	// The last frame's header, legend and footer are not moved or scaled
	// with the map: they are drawn where they are, below.
	over := render.Overlays(lw, lh, lv)
	if k == 1 { // a pan: the picture moves whole
		off := image.Pt(-int(math.Floor(x0+0.5)), -int(math.Floor(y0+0.5)))
		draw.Draw(img, last.Rect.Add(off), last, image.Point{}, draw.Src)
		for _, r := range over {
			draw.Draw(img, r.Add(off), image.NewUniform(render.Background(d.themeOnShow())), image.Point{}, draw.Src)
		}
	} else {
		scaleNearest(img, last, x0, y0, k, over)
	}
	if lw == w && lh == h {
		for _, r := range render.Overlays(w, h, v) {
			draw.Draw(img, r, last, r.Min, draw.Src)
		}
	}
	return img
}

// scaleNearest draws on dst the pixels of src it shows, scaled by k
// about (x0, y0): dst's pixel x shows src's pixel x0 + (x+½)·k, the
// nearest (and so for y). Pixels of src in over are not drawn, nor those
// outside src: dst, all of one colour before, keeps it there.
func scaleNearest(dst, src *image.RGBA, x0, y0, k float64, over []image.Rectangle) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	cols := make([]int, w) // each column's source column, rising with it
	for x := range cols {
		cols[x] = int(math.Floor(x0 + (float64(x)+0.5)*k))
	}
	// The columns whose source columns are in src, and those of each
	// overlay's: runs, as the source columns rise.
	from := func(sx int) int { return sort.SearchInts(cols, sx) } // the first column at sx or past it
	in := [2]int{from(0), from(sw)}
	spans := make([][2]int, len(over))
	for i, r := range over {
		spans[i] = [2]int{max(from(r.Min.X), in[0]), min(from(r.Max.X), in[1])}
	}
	skip := make([][2]int, 0, len(over)+1) // the runs of the overlays row sy crosses, in order, and an end
	prev, prevY := -1, 0                   // the last source row drawn, and where
	for y := 0; y < h; y++ {
		sy := int(math.Floor(y0 + (float64(y)+0.5)*k))
		if sy < 0 || sy >= sh {
			continue
		}
		row := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		if sy == prev {
			// Zoomed in, rows repeat: the row drawn from it before is
			// this one too (what it left alone, of the one colour).
			copy(row, dst.Pix[prevY*dst.Stride:prevY*dst.Stride+w*4])
			continue
		}
		prev, prevY = sy, y
		skip = skip[:0]
		for i, r := range over {
			if sy >= r.Min.Y && sy < r.Max.Y && spans[i][0] < spans[i][1] {
				skip = append(skip, spans[i])
			}
		}
		slices.SortFunc(skip, func(a, b [2]int) int { return a[0] - b[0] })
		line := src.Pix[sy*src.Stride : sy*src.Stride+sw*4]
		x := in[0]
		skip = append(skip, [2]int{in[1], in[1]})
		for _, sk := range skip {
			for ; x < sk[0]; x++ {
				binary.NativeEndian.PutUint32(row[x*4:], binary.NativeEndian.Uint32(line[cols[x]*4:]))
			}
			x = max(x, sk[1])
		}
	}
}

// moved marks the view as in motion, and schedules the full picture for
// when the motion pauses.
func (d *Diagram) moved() {
	d.moving = true
	if d.settle != nil {
		d.settle.Reset(settleTime) // one timer for every event of a drag
		return
	}
	d.settle = time.AfterFunc(settleTime, func() { fyne.Do(d.still) })
}

// still ends the motion and draws the full picture.
func (d *Diagram) still() {
	if d.settle != nil {
		d.settle.Stop()
	}
	if d.moving {
		d.moving = false
		d.raster.Refresh()
	}
}

// settleTime is how long the view must rest before the full picture is
// drawn again after a pan or a zoom.
const settleTime = 150 * time.Millisecond

// drawnSize is how many pixels across and down the window draws the
// picture over, which Fyne asks for as w×h: it makes a raster's image
// its size in pixels, rounded, but draws it from the pixel nearest the
// diagram's corner to the one nearest the far corner, which is a pixel
// more or less when the diagram does not begin on a whole pixel (as when
// the welcome strip's text sets it a fraction down). An image of the
// size drawn is shown pixel for pixel, where one a row short is stretched,
// one of its rows shown twice.
func (d *Diagram) drawnSize(w, h int) (int, int) {
	a := fyne.CurrentApp()
	if a == nil {
		return w, h
	}
	c := a.Driver().CanvasForObject(d)
	if c == nil {
		return w, h
	}
	at, size, scale := a.Driver().AbsolutePositionForObject(d), d.raster.Size(), c.Scale()
	dw, dh := drawnPixels(at.X, size.Width, scale), drawnPixels(at.Y, size.Height, scale)
	if max(dw-w, w-dw, dh-h, h-dh) > 1 {
		return w, h // not the size asked for, rounded: a scale this does not know
	}
	return dw, dh
}

// drawnPixels is how many pixels Fyne's painter covers with something
// from at to at+size (in units of the canvas, scale pixels each): from
// the pixel nearest at to the one nearest at+size.
func drawnPixels(at, size, scale float32) int {
	round := func(v float32) int { return int(math.Round(float64(v * scale))) }
	return round(at+size) - round(at)
}

// CreateRenderer implements fyne.Widget.
func (d *Diagram) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(diagramLayout{d}, d.raster, d.tip.box))
}

// MinSize keeps the diagram usable in small windows.
func (d *Diagram) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

// narrowDiagram is the width under which the diagram folds its legend to
// a tab (see foldForWidth): the legend would take a third of it or more,
// and in a small window leave the map a strip.
const narrowDiagram = 700

// Resize lays the diagram out at size, its legend folded when it is
// narrow.
func (d *Diagram) Resize(size fyne.Size) {
	d.BaseWidget.Resize(size)
	d.foldForWidth(size.Width)
}

// foldForWidth folds the legend of a diagram narrower than narrowDiagram,
// and unfolds it when the diagram is wider again, until the user folds or
// unfolds it.
func (d *Diagram) foldForWidth(width float32) {
	if d.legendChosen || width <= 0 {
		return
	}
	narrow := width < narrowDiagram
	if narrow == d.collapsed {
		return
	}
	d.collapsed, d.view.Collapsed = narrow, narrow
	if d.follow {
		d.fitted = false
	}
	if d.OnLegendFolded != nil {
		fyne.Do(func() { d.OnLegendFolded(narrow) }) // after the layout under way
	}
}

func (d *Diagram) px(p fyne.Position) (float64, float64) {
	return float64(p.X) * d.ratio, float64(p.Y) * d.ratio
}

// actorAt returns the actor under a widget position.
func (d *Diagram) actorAt(p fyne.Position) model.ID {
	if d.scene == nil || d.pw == 0 {
		return 0
	}
	sx, sy := d.px(p)
	id, _ := d.r.HitTest(d.scene, d.view, d.pw, d.ph, sx, sy)
	return id
}

// ZoomAt multiplies the zoom by f, keeping the layout point under widget
// position p where it is.
func (d *Diagram) ZoomAt(p fyne.Position, f float64) {
	if d.pw == 0 {
		return
	}
	d.stopCamera()
	d.follow = false
	sx, sy := d.px(p)
	lx, ly := d.view.ToLayout(sx, sy, d.pw, d.ph)
	d.view.Zoom = math.Max(d.minZoom, math.Min(maxZoom, d.view.Zoom*f))
	nx, ny := d.view.ToLayout(sx, sy, d.pw, d.ph)
	d.view.CX += lx - nx
	d.view.CY += ly - ny
	d.raster.Refresh()
}

// Zoom zooms by f about the middle of the diagram (the keyboard's zoom).
func (d *Diagram) Zoom(f float64) {
	d.ZoomAt(fyne.NewPos(d.Size().Width/2, d.Size().Height/2), f)
}

// Scrolled zooms about the cursor, at lower detail while the wheel turns.
func (d *Diagram) Scrolled(ev *fyne.ScrollEvent) {
	d.hideTip()
	d.moved()
	d.ZoomAt(ev.Position, math.Pow(wheelZoom, float64(ev.Scrolled.DY)/wheelNotch))
}

// A notch of a mouse wheel (wheelNotch of a scroll event's units, as
// Fyne counts them on Linux and Windows) zooms by wheelZoom: eight
// notches zoom about 2.5 times. A touchpad's smaller steps zoom in
// proportion.
const (
	wheelZoom  = 1.12
	wheelNotch = 25
)

// Dragged pans, or moves the actor the drag started on when that is
// drawn as a shape: an actor drawn as a dot is too small to place, and on
// a big map seen whole nearly every point is near one, so that a drag
// there pans.
func (d *Diagram) Dragged(ev *fyne.DragEvent) {
	d.hideTip()
	if d.drag == dragNone {
		start := ev.Position.Subtract(ev.Dragged)
		if id := d.actorAt(start); id != 0 && !d.asDot(id) {
			d.drag, d.dragID = dragNode, id
		} else {
			d.drag = dragPan
		}
	}
	dx, dy := float64(ev.Dragged.DX)*d.ratio/d.view.Zoom, float64(ev.Dragged.DY)*d.ratio/d.view.Zoom
	switch d.drag {
	case dragPan:
		d.stopCamera()
		d.follow = false
		d.moved()
		d.view.CX -= dx
		d.view.CY -= dy
	case dragNode:
		d.scene.MoveNode(d.dragID, dx, dy)
		d.gen++
	}
	d.raster.Refresh()
}

// asDot reports whether actor id is drawn as a dot at the present zoom.
func (d *Diagram) asDot(id model.ID) bool {
	n := nodeOf(d.scene, id)
	return n != nil && d.view.AsDot(n.Scale)
}

// DragEnd finishes a pan or an actor move.
func (d *Diagram) DragEnd() {
	d.still()
	if d.drag == dragNode && d.OnMove != nil && d.scene != nil {
		if n := nodeOf(d.scene, d.dragID); n != nil {
			d.OnMove(n.ID, model.Point{X: n.X, Y: n.Y})
		}
	}
	d.drag, d.dragID = dragNone, 0
}

// Tapped toggles the kind of a legend line under the pointer, else
// selects the actor under it, else the tie, else clears the selection.
func (d *Diagram) Tapped(ev *fyne.PointEvent) {
	d.hideTip()
	if d.OnLegend != nil && d.scene != nil && d.pw != 0 {
		sx, sy := d.px(ev.Position)
		if render.LegendToggleAt(d.view, d.pw, d.ph, sx, sy) {
			d.SetLegendCollapsed(!d.collapsed)
			return
		}
		if k, ok := d.r.LegendAt(d.scene, d.view, d.pw, d.ph, sx, sy); ok {
			d.OnLegend(k)
			return
		}
	}
	id, tie := d.actorAt(ev.Position), model.ID(0)
	if id == 0 && d.OnSelectTie != nil {
		tie = d.tieAt(ev.Position)
	}
	if d.doubled(tapped{at: time.Now(), pos: ev.Position, actor: id, tie: tie}) {
		return
	}
	if tie != 0 {
		d.OnSelectTie(tie)
		return
	}
	if d.OnSelect != nil {
		d.OnSelect(id)
	}
}

// tapped is a tap on the diagram: when, where, and the actor or tie under
// it (0 for none).
type tapped struct {
	at         time.Time
	pos        fyne.Position
	actor, tie model.ID
}

// doubled reports whether tap t, with the one before, makes a double
// click on an actor or a tie, or comes after one, before its form opens;
// else t is kept as the tap before the next. The diagram is not
// fyne.DoubleTappable, which would hold back every single tap until a
// second could no longer come: the first tap selects at once, and the
// second opens the form once a third could no longer come. A third click,
// of a quick triple click, then goes to nothing, not to what the form
// puts under the pointer (its Delete button, say).
func (d *Diagram) doubled(t tapped) bool {
	if d.opening {
		return true
	}
	last := d.lastTap
	d.lastTap = t
	delay := 300 * time.Millisecond
	if a := fyne.CurrentApp(); a != nil {
		delay = a.Driver().DoubleTapDelay()
	}
	near := math.Abs(float64(t.pos.X-last.pos.X)) <= 4 && math.Abs(float64(t.pos.Y-last.pos.Y)) <= 4
	if d.OnOpen == nil || t.actor == 0 && t.tie == 0 || t.actor != last.actor || t.tie != last.tie ||
		!near || t.at.Sub(last.at) > delay {
		return false
	}
	d.lastTap = tapped{} // a tap after the form starts again
	d.opening = true
	after := d.after
	if after == nil {
		after = func(wait time.Duration, f func()) { time.AfterFunc(wait, func() { fyne.Do(f) }) }
	}
	after(delay, func() {
		d.opening = false
		d.OnOpen(t.actor, t.tie)
	})
	return true
}

// tieAt is the tie drawn under widget position p, or 0.
func (d *Diagram) tieAt(p fyne.Position) model.ID {
	if d.scene == nil || d.pw == 0 {
		return 0
	}
	sx, sy := d.px(p)
	id, _ := d.r.HitTestTie(d.scene, d.view, d.pw, d.ph, sx, sy)
	return id
}

// TappedSecondary opens the context menu.
func (d *Diagram) TappedSecondary(ev *fyne.PointEvent) {
	d.hideTip() // the menu takes its place
	if d.OnMenu != nil {
		d.OnMenu(d.actorAt(ev.Position), ev.AbsolutePosition)
	}
}

// MouseIn implements desktop.Hoverable.
func (d *Diagram) MouseIn(ev *desktop.MouseEvent) { d.MouseMoved(ev) }

// MouseMoved tracks the actor under the pointer for the cursor.
func (d *Diagram) MouseMoved(ev *desktop.MouseEvent) {
	d.hoverID = d.actorAt(ev.Position)
	d.restHover(ev.Position)
}

// MouseOut implements desktop.Hoverable.
func (d *Diagram) MouseOut() {
	d.hoverID = 0
	d.hideTip()
}

// Cursor is a pointer over an actor, else the default arrow.
func (d *Diagram) Cursor() desktop.Cursor {
	if d.hoverID != 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
