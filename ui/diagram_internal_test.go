package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"relmap/model"
	"relmap/render"
)

func TestTappingTheDiagram(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	glas := actorID(t, te.Map(), "Jorge Glas")

	// where returns the widget position at which actor id is drawn.
	where := func(id model.ID) fyne.Position {
		t.Helper()
		for _, n := range te.diagram.Scene().Nodes {
			if n.ID == id {
				w, h := te.diagram.PixelSize()
				sx, sy := te.diagram.View().ToScreen(n.X, n.Y, w, h)
				r := te.diagram.ratio
				return fyne.NewPos(float32(sx/r), float32(sy/r))
			}
		}
		t.Fatalf("actor %d is not drawn", id)
		return fyne.Position{}
	}

	tests := []struct {
		name string
		at   fyne.Position
		want model.ID
	}{
		{"when an actor is tapped, should select it", where(glas), glas},
		{"when the background is tapped, should clear the selection", fyne.NewPos(2, 2), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.TapAt(te.diagram, tt.at)
			if got := te.Selected(); got != tt.want {
				t.Errorf("selected = %d, want %d", got, tt.want)
			}
			if got := te.diagram.Scene().Selected; got != tt.want {
				t.Errorf("scene selected = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestExportPNG(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)

	t.Run("at a chosen size, should write a picture of that size", func(t *testing.T) {
		var buf bytes.Buffer
		if err := te.ExportPNG(&buf, 800, 500); err != nil {
			t.Fatalf("ExportPNG: %v", err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if got, want := img.Bounds().Size(), image.Pt(800, 500); got != want {
			t.Errorf("size = %v, want %v", got, want)
		}
		if n := colours(img, 2); n < 2 {
			t.Errorf("the picture has %d colour, want more", n)
		}
	})

	t.Run("at the diagram's own size, should write exactly what the diagram paints, but the legend's fold control", func(t *testing.T) {
		w, h := te.diagram.PixelSize()
		var buf bytes.Buffer
		if err := te.ExportPNG(&buf, w, h); err != nil {
			t.Fatalf("ExportPNG: %v", err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		want := te.diagram.raster.Generator(w, h)
		control := func(x, y int) bool {
			return render.LegendToggleAt(te.diagram.View(), w, h, float64(x)+0.5, float64(y)+0.5)
		}
		if !samePixelsBut(got, want, control) {
			t.Errorf("the %d×%d export differs from the diagram's paint", w, h)
		}
		if samePixels(got, want) {
			t.Error("the export has the legend's fold control, which is the window's")
		}
	})

	for _, sz := range []image.Point{{50, 50}, {800, 99}, {16385, 500}, {0, 0}} {
		t.Run("at "+sz.String()+", should fail and write nothing", func(t *testing.T) {
			var buf bytes.Buffer
			if err := te.ExportPNG(&buf, sz.X, sz.Y); err == nil {
				t.Errorf("ExportPNG(%d, %d) = nil, want an error", sz.X, sz.Y)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes, want none", buf.Len())
			}
		})
	}
}

// TestExportPictureFormats: the export writes what the diagram shows as
// SVG (with its text and the actors' groups) and PDF too, and refuses a
// bad size or resolution in every format, writing nothing.
func TestExportPictureFormats(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	var svg bytes.Buffer
	if err := te.ExportPicture(&svg, Picture{Format: render.SVG, W: 900, H: 600}); err != nil {
		t.Fatalf("ExportPicture SVG: %v", err)
	}
	for _, want := range []string{`width="900" height="600"`, `<g id="actor-`, "Jorge Glas", "</svg>"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG has no %q", want)
		}
	}
	var cited bytes.Buffer
	if err := te.ExportPicture(&cited, Picture{Format: render.SVG, W: 900, H: 600, Cite: te.doc.m}); err != nil {
		t.Fatalf("ExportPicture SVG with sources: %v", err)
	}
	if !strings.Contains(cited.String(), "Sources: [1] ") || strings.Contains(svg.String(), "Sources: [1] ") {
		t.Error("the footer of sources is not in the export that asks for it alone")
	}
	var pdf bytes.Buffer
	if err := te.ExportPicture(&pdf, Picture{Format: render.PDF, W: 900, H: 600, Theme: render.Print}); err != nil {
		t.Fatalf("ExportPicture PDF: %v", err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) || !bytes.Contains(pdf.Bytes(), []byte("FontFile2")) {
		t.Errorf("the PDF (%d bytes) is not a PDF with its fonts embedded", pdf.Len())
	}
	for _, f := range render.Formats {
		var buf bytes.Buffer
		if err := te.ExportPicture(&buf, Picture{Format: f, W: 900, H: 99}); err == nil || buf.Len() != 0 {
			t.Errorf("%s at 900×99: %v, %d bytes; want an error and nothing", f, err, buf.Len())
		}
		if err := te.ExportPicture(&buf, Picture{Format: f, W: 900, H: 600, DPI: -3}); err == nil || buf.Len() != 0 {
			t.Errorf("%s at -3 dpi: %v, %d bytes; want an error and nothing", f, err, buf.Len())
		}
	}
}

// colours counts the distinct colours of img, stopping at limit.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// samePixels reports whether a and b are the same picture.
func samePixels(a, b image.Image) bool {
	return samePixelsBut(a, b, func(int, int) bool { return false })
}

// samePixelsBut is samePixels but for the pixels skip says.
func samePixelsBut(a, b image.Image, skip func(x, y int) bool) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if skip(x, y) {
				continue
			}
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestPanMovesTheLastPictureUntilItStops(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	w, h := d.PixelSize()
	full := d.paint(w, h).(*image.RGBA)
	before := d.View()

	// A drag that starts on the background pans.
	start := fyne.NewPos(float32(w)/float32(d.ratio)/2, float32(h)/float32(d.ratio)-5)
	d.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(fyne.NewPos(20, 10))}, Dragged: fyne.NewDelta(20, 10)})
	if !d.moving {
		t.Fatal("after a pan step the diagram is not in motion")
	}
	moved := d.paint(w, h).(*image.RGBA)
	dx, dy := int((before.CX-d.View().CX)*before.Zoom+0.5), int((before.CY-d.View().CY)*before.Zoom+0.5)
	if dx == 0 && dy == 0 {
		t.Fatal("the pan did not move the view")
	}
	// Inside the diagram, away from the header and legend, the picture is
	// the last one moved by the pan.
	for _, p := range []image.Point{{w / 3, h / 2}, {w / 2, h / 3}, {w / 4, 2 * h / 3}} {
		if got, want := moved.RGBAAt(p.X, p.Y), full.RGBAAt(p.X-dx, p.Y-dy); got != want {
			t.Errorf("pixel %v while panning = %v, want the last picture's %v", p, got, want)
		}
	}
	d.DragEnd()
	if d.moving {
		t.Fatal("after the drag ends the diagram is still in motion")
	}
	redrawn := d.paint(w, h).(*image.RGBA)
	if redrawn != d.last {
		t.Error("after the drag ends the diagram does not draw the full picture")
	}
}

// A drag that starts on an actor moves it where actors are drawn as
// shapes, and pans where they are drawn as dots: on a big map seen whole
// nearly every point is near one, and a dot is too small to place.
func TestADragOnADotPans(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	w, h := d.PixelSize()
	n := d.scene.Nodes[0]
	moved := false
	d.OnMove = func(model.ID, model.Point) { moved = true }
	for _, zoom := range []float64{1, 0.05} {
		dot := render.View{Zoom: zoom}.AsDot(n.Scale)
		d.view = render.View{CX: n.X, CY: n.Y, Zoom: zoom, UIScale: d.view.UIScale}
		sx, sy := d.view.ToScreen(n.X, n.Y, w, h)
		start := fyne.NewPos(float32(sx/d.ratio), float32(sy/d.ratio))
		if got := d.actorAt(start); got != n.ID {
			t.Fatalf("at zoom %v the hit test at %s's centre finds %v", zoom, n.Label, got)
		}
		moved = false
		d.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(fyne.NewPos(20, 10))}, Dragged: fyne.NewDelta(20, 10)})
		panned := d.view.CX != n.X || d.view.CY != n.Y
		d.DragEnd()
		if dot && (moved || !panned) {
			t.Errorf("at zoom %v (a dot) a drag on %s moved it %v, panned %v; want a pan", zoom, n.Label, moved, panned)
		}
		if !dot && (!moved || panned) {
			t.Errorf("at zoom %v (a shape) a drag on %s moved it %v, panned %v; want a move", zoom, n.Label, moved, panned)
		}
	}
}

// A selected actor stays in sight as the dates move it: when a date
// leaves it out of a view the user has moved, the view glides to it.
// Without a selection the view stays.
func TestTheSelectedActorStaysInSight(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	glas := actorID(t, te.Map(), "Jorge Glas")
	lookAway := func() {
		d.CenterOn(model.Point{X: 20000, Y: 20000}) // far from every actor; the view no longer follows the fit
		d.camera.Tick(1)
		d.stopCamera()
	}
	te.Select(glas)
	te.settle(t)
	lookAway()
	te.SetDate(model.MustDate("2024-04-06").First(), false)
	te.settle(t)
	var at *render.Node
	for i, n := range d.Scene().Nodes {
		if n.ID == glas && n.Alpha >= 0.5 {
			at = &d.Scene().Nodes[i]
		}
	}
	if at == nil {
		t.Fatal("Jorge Glas is not in the picture of 6 April 2024")
	}
	if d.camera == nil {
		t.Fatal("the selected actor is out of sight and the view does not glide to it")
	}
	d.camera.Tick(1)
	if !d.view.Shows(at.X, at.Y, d.pw, d.ph) {
		t.Errorf("after the glide the view %+v does not show Jorge Glas at (%.0f, %.0f)", d.view, at.X, at.Y)
	}

	te.Select(0)
	te.settle(t)
	lookAway()
	te.SetDate(model.MustDate("2024-04-08").First(), false)
	te.settle(t)
	if d.camera != nil {
		t.Error("with nothing selected a new date moves the view")
	}
}

func TestBigScenesAreDrawnOffTheUIGoroutine(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	d.asyncAt = 1 // every scene counts as big
	w, h := d.PixelSize()
	want := d.r.Draw(d.scene, d.view, w, h)

	d.SetScene(d.scene) // a big scene: its frame is drawn in the background
	d.jobs.Wait()
	got := d.paint(w, h).(*image.RGBA)
	if got != d.last || !bytes.Equal(got.Pix, want.Pix) {
		t.Fatal("once drawn in the background, the frame is not what the renderer draws")
	}

	// While the next frame is drawn, the last one is shown zoomed to the
	// new view: the point under the zoom's centre stays where it was.
	// (Until the frame is done, only values read before are looked at:
	// the test driver runs its completion on the drawing goroutine.)
	centre := fyne.NewPos(float32(w)/float32(d.ratio)/2, float32(h)/float32(d.ratio)/2)
	sx, sy := d.px(centre)
	d.ZoomAt(centre, 2)
	shown := d.paint(w, h).(*image.RGBA)
	if shown == got {
		t.Fatal("a zoomed view shows the last frame unchanged")
	}
	p := image.Pt(int(sx), int(sy))
	if shown.RGBAAt(p.X, p.Y) != got.RGBAAt(p.X, p.Y) {
		t.Errorf("pixel %v, the zoom's centre, differs between the preview and the last frame", p)
	}
	d.jobs.Wait()
	final := d.paint(w, h).(*image.RGBA)
	if !bytes.Equal(final.Pix, d.r.Draw(d.scene, d.view, w, h).Pix) {
		t.Error("after the zoom the frame is not the renderer's")
	}
	// Frames of one scene are drawn from one copy of it; a new scene is
	// copied again, and drawn as it is.
	copied := d.copied
	d.ZoomAt(centre, 0.5)
	d.paint(w, h)
	d.jobs.Wait()
	if d.copied != copied {
		t.Error("a new view of the same scene copied the scene again")
	}
	moved := d.scene.Copy()
	moved.MoveNode(moved.Nodes[0].ID, 400, 0)
	d.SetScene(moved) // drawn in the background at once
	d.jobs.Wait()
	if d.copied == copied {
		t.Fatal("a new scene is drawn from the copy of the last")
	}
	if final := d.paint(w, h).(*image.RGBA); !bytes.Equal(final.Pix, d.r.Draw(d.scene, d.view, w, h).Pix) {
		t.Error("after a new scene the frame is not the renderer's")
	}
}

func TestHoverShowsATooltip(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	glas := actorID(t, te.Map(), "Jorge Glas")
	var at fyne.Position
	for _, n := range d.Scene().Nodes {
		if n.ID == glas {
			w, h := d.PixelSize()
			sx, sy := d.View().ToScreen(n.X, n.Y, w, h)
			at = fyne.NewPos(float32(sx/d.ratio), float32(sy/d.ratio))
		}
	}
	d.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if d.tip.box.Visible() {
		t.Fatal("the tooltip shows before the pointer has rested")
	}
	d.showTip() // as the rest timer does
	if !d.tip.box.Visible() {
		t.Fatal("no tooltip over Jorge Glas")
	}
	if text := d.tip.label.Text; !strings.Contains(text, "Jorge Glas") || !strings.Contains(text, "Official") {
		t.Errorf("tooltip = %q, want his name and kind", text)
	}
	if p := d.tip.box.Position(); p.X < 0 || p.Y < 0 || p.X+d.tip.box.Size().Width > d.Size().Width+1 {
		t.Errorf("tooltip at %v, size %v, is not inside the %v diagram", p, d.tip.box.Size(), d.Size())
	}
	// Above the pointer, clear of the name drawn beneath the actor.
	if p := d.tip.box.Position(); at.Y > d.tip.box.Size().Height+8 && p.Y+d.tip.box.Size().Height > at.Y {
		t.Errorf("tooltip from %v to %v high, over the pointer at %v and the name beneath it", p.Y, p.Y+d.tip.box.Size().Height, at.Y)
	}
	// A right-click's menu takes the tooltip's place.
	d.TappedSecondary(&fyne.PointEvent{Position: at})
	if d.tip.box.Visible() {
		t.Error("the tooltip stays under the context menu")
	}
	te.win.Canvas().Overlays().Remove(te.win.Canvas().Overlays().Top())
	d.showTip()
	// A click goes to the diagram, not to the tooltip, and hides it.
	test.TapAt(d, at)
	if d.tip.box.Visible() {
		t.Error("the tooltip stays after a click")
	}
	if te.Selected() != glas {
		t.Errorf("after the click the selection is %d, want Jorge Glas (%d)", te.Selected(), glas)
	}

	// Over a tie (and no actor), the tooltip names its ends and kind.
	s := d.Scene()
	var tieAt fyne.Position
	var tieText string
	for _, e := range s.Edges {
		var a, b render.Node
		for _, n := range s.Nodes {
			if n.ID == e.From {
				a = n
			}
			if n.ID == e.To {
				b = n
			}
		}
		w, h := d.PixelSize()
		ax, ay := d.View().ToScreen(a.X, a.Y-12, w, h)
		bx, by := d.View().ToScreen(b.X, b.Y-12, w, h)
		p := fyne.NewPos(float32((ax+bx)/2/d.ratio), float32((ay+by)/2/d.ratio))
		if e.Lanes == 1 && d.actorAt(p) == 0 && d.tieAt(p) == e.ID {
			tieAt, tieText = p, te.hoverText(0, e.ID)
			break
		}
	}
	if tieText == "" {
		t.Fatal("found no tie to hover over")
	}
	d.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tieAt}})
	d.showTip()
	if got := d.tip.label.Text; got != tieText || !strings.Contains(got, " ") {
		t.Errorf("tooltip over a tie = %q, want %q", got, tieText)
	}
	d.MouseOut()
	if d.tip.box.Visible() {
		t.Error("the tooltip stays after the pointer leaves")
	}
}

// A narrow diagram (a small window) folds its legend to a tab, and
// unfolds it when wide again, until the user folds or unfolds it: at
// 900×600 the legend and the side panel left the map a third of the
// window.
func TestANarrowDiagramFoldsItsLegend(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	wide := d.Size()
	if d.LegendCollapsed() {
		t.Fatalf("the legend is folded at %v", wide)
	}
	d.Resize(fyne.NewSize(narrowDiagram-100, wide.Height))
	if !d.LegendCollapsed() {
		t.Errorf("%v wide, the legend is not folded", narrowDiagram-100)
	}
	d.Resize(wide)
	if d.LegendCollapsed() {
		t.Errorf("wide again, the legend is still folded")
	}
	d.Resize(fyne.NewSize(narrowDiagram-100, wide.Height))
	d.SetLegendCollapsed(false) // the user unfolds it
	d.Resize(fyne.NewSize(narrowDiagram-150, wide.Height))
	if d.LegendCollapsed() {
		t.Errorf("unfolded by the user, the legend folded itself again")
	}
}

func TestFoldingTheLegendGivesItsRoomToTheDiagram(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	w, h := d.PixelSize()
	before := d.View()
	// The fold control is the legend's top right corner.
	test.TapAt(d, fyne.NewPos(d.Size().Width-6, 6))
	if !d.LegendCollapsed() {
		t.Fatal("a tap on the legend's corner did not fold it")
	}
	d.paint(w, h)
	after := d.View()
	if !after.Collapsed || after.Zoom < before.Zoom {
		t.Errorf("folded: view %+v, was %+v; want the legend folded and the map at least as large", after, before)
	}
	// A tap on the tab unfolds it.
	test.TapAt(d, fyne.NewPos(d.Size().Width-6, d.Size().Height/2))
	if d.LegendCollapsed() {
		t.Fatal("a tap on the tab did not unfold the legend")
	}
	d.paint(w, h)
	if v := d.View(); v.Collapsed || math.Abs(v.Zoom-before.Zoom) > 1e-9 {
		t.Errorf("unfolded: view %+v, want the first fit %+v again", v, before)
	}
}

// An export is of the picture as it was when asked for, even when it is
// drawn later, off the UI goroutine, while the map moves on.
func TestExportIsOfThePictureWhenAsked(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	w, h := te.diagram.PixelSize()
	want := te.diagram.Image(w, h)
	paint := te.diagram.ImageLater(w, h)
	te.SetDate(model.MustDate("2023-12-01").First(), false)
	done := make(chan *image.RGBA)
	go func() { done <- paint() }()
	if got := <-done; !bytes.Equal(got.Pix, want.Pix) {
		t.Error("the export drawn later differs from the picture when it was asked for")
	}
	if now := te.diagram.Image(w, h); bytes.Equal(now.Pix, want.Pix) {
		t.Error("the test tests nothing: the picture did not change with the date")
	}
}

// variantTheme is Fyne's theme in one variant whatever the system says.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// TestDiagramFollowsTheWindowTheme: the picture is dark in a dark window,
// and turns dark when the window does.
func TestDiagramFollowsTheWindowTheme(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	settings := fyne.CurrentApp().Settings()
	defer settings.SetTheme(settings.Theme())
	settings.SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	if got := te.diagram.Scene().Theme; got != render.Light {
		t.Fatalf("in a light window the picture is %q", got)
	}
	settings.SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	if got := te.diagram.Scene().Theme; got != render.Dark {
		t.Errorf("after the window turned dark the picture is %q", got)
	}
	img := te.diagram.Image(400, 300)
	if r, g, b, _ := img.At(2, 150).RGBA(); r+g+b > 3*0x4000 {
		t.Errorf("the dark picture's ground is (%d, %d, %d)", r>>8, g>>8, b>>8)
	}
}

// TestExportOnPaper: a size in centimetres at a resolution gives the
// pixels and draws the header as large on paper as on screen, on a page
// as wide as a 1,000-pixel window or wider; a narrower page is drawn as
// that window, scaled down to the page.
func TestExportOnPaper(t *testing.T) {
	if w, h, paper, err := exportSize("18", "12", "cm", 300); err != nil || w != 2126 || h != 1417 || paper != 2.126 {
		t.Fatalf("18×12 cm at 300 dpi = %d×%d, paper %v, %v; want 2126×1417, 2.126", w, h, paper, err)
	}
	w, h, paper, err := exportSize("30", "20", "cm", 300)
	if err != nil || w != 3543 || h != 2362 || paper != 300.0/96 {
		t.Fatalf("30×20 cm at 300 dpi = %d×%d, paper %v, %v", w, h, paper, err)
	}
	if _, _, _, err := exportSize("18", "twelve", "cm", 300); err == nil {
		t.Error("a height of twelve cm was accepted")
	}
	if _, _, _, err := exportSize("800", "abc", "px", 0); err == nil || !strings.HasPrefix(err.Error(), `height "abc": `) {
		t.Errorf("a height of abc pixels: %v, want it named", err)
	}
	if w, h, paper, err := exportSize("800", "600", "px", 0); err != nil || w != 800 || h != 600 || paper != 0 {
		t.Errorf("800×600 px = %d×%d, paper %v, %v", w, h, paper, err)
	}
	te := newTestEditor(t)
	te.paint(t)
	var svg bytes.Buffer
	if err := te.ExportPicture(&svg, Picture{Format: render.SVG, W: w, H: h, DPI: 300, Paper: paper}); err != nil {
		t.Fatal(err)
	}
	var size float64
	if at := strings.Index(svg.String(), `" font-weight="bold"`); at > 0 {
		fmt.Sscanf(svg.String()[strings.LastIndex(svg.String()[:at], `"`)+1:at], "%g", &size)
	}
	if math.Abs(size-75) > 0.5 {
		t.Errorf("the date in the header is %g px, not 24 px × 300/96 = 75 px on paper", size)
	}

}

// The wheel zooms out past the fitted view of a map too spread out to fit
// at the usual least zoom, down to half of it.
func TestZoomOutReachesTheFitOfASpreadMap(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	fit := d.view
	fit.Zoom = minZoom / 4
	d.fit = func(int, int, float64) render.View { return fit }
	w, h := d.PixelSize()
	d.view = d.fitView(w, h, 1)
	for range 200 {
		d.ZoomAt(fyne.NewPos(10, 10), 0.8)
	}
	if d.view.Zoom > fit.Zoom || d.view.Zoom < fit.Zoom/2-1e-12 {
		t.Errorf("zoomed out to %g; want from %g (half the fit) to %g (the fit)", d.view.Zoom, fit.Zoom/2, fit.Zoom)
	}
}

// While a new frame is drawn, the last one is shown moved, but its header
// and legend are not moved with the map: they stay where they are, and
// where they would have moved to shows the bare ground.
func TestPreviewDoesNotMoveTheOverlays(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	d.asyncAt = 1
	w, h := d.PixelSize()
	d.SetScene(d.scene)
	d.jobs.Wait()
	d.paint(w, h)
	d.view.CY -= 200 / d.view.Zoom // the map moves 200 pixels down
	img := d.preview(w, h)
	b := render.Background(d.themeOnShow())
	ground := color.RGBA{b.R, b.G, b.B, b.A}
	over := render.Overlays(w, h, d.lastView)
	header, legend := over[0], over[1]
	moved := header.Add(image.Pt(0, 200))
	moved.Max.X = legend.Min.X // the legend is drawn in place over the rest
	inked := 0
	for y := moved.Min.Y; y < moved.Max.Y; y++ {
		for x := moved.Min.X; x < moved.Max.X; x++ {
			if img.RGBAAt(x, y) != ground {
				inked++
			}
		}
	}
	if inked > 0 {
		t.Errorf("%d pixels are inked where the header would have moved to", inked)
	}
}

// A notch of the mouse wheel zooms by an eighth or so, about the pointer:
// eight notches zoom about 2.5 times, as in other map tools; it was 1.04.
func TestAWheelNotchZooms(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.diagram
	d.view.Zoom = 0.5
	at := fyne.NewPos(300, 200)
	w, h := d.PixelSize()
	x0, y0 := d.view.ToLayout(float64(at.X)*d.ratio, float64(at.Y)*d.ratio, w, h)
	d.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, wheelNotch)})
	if got := d.view.Zoom / 0.5; math.Abs(got-wheelZoom) > 1e-9 {
		t.Errorf("a notch zoomed by %v, want %v", got, wheelZoom)
	}
	x1, y1 := d.view.ToLayout(float64(at.X)*d.ratio, float64(at.Y)*d.ratio, w, h)
	if math.Abs(x1-x0) > 1e-6 || math.Abs(y1-y0) > 1e-6 {
		t.Errorf("the point under the pointer moved from (%v, %v) to (%v, %v)", x0, y0, x1, y1)
	}
	d.DragEnd() // the wheel's motion ends
}

// TestDrawnPixels: the picture is made the size Fyne's painter draws it
// over, from the pixel nearest the diagram's corner to the one nearest the
// far corner, not its size rounded: a diagram 620.4 high from 38.3 down
// covers 621 rows (rounding would make 620, one stretched over two).
func TestDrawnPixels(t *testing.T) {
	for _, c := range []struct {
		at, size, scale float32
		want            int
	}{
		{38.3, 620.4, 1, 621},
		{38.6, 620.4, 1, 620},
		{4, 1015.9375, 1, 1016},
		{8, 783.9219, 1, 784},
		{10.25, 100, 1.5, 150},
		{10.5, 100.2, 2, 200},
	} {
		if got := drawnPixels(c.at, c.size, c.scale); got != c.want {
			t.Errorf("from %g, %g long at scale %g: %d pixels, want %d", c.at, c.size, c.scale, got, c.want)
		}
	}
}

// The preview scales the last frame by the nearest pixel: each pixel
// shows the one its centre falls on, but for those of the overlays and
// those outside the frame, which keep the ground. Checked pixel by pixel
// against that rule, at zooms in and out and at offsets on every side.
func TestScaleNearestShowsTheNearestPixel(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 97, 61))
	for i := range src.Pix {
		src.Pix[i] = byte(i*7 + i/5)
	}
	over := []image.Rectangle{image.Rect(0, 0, 97, 9), image.Rect(70, 20, 97, 50), image.Rect(40, 5, 80, 30)}
	ground := color.RGBA{1, 2, 3, 255}
	for _, c := range []struct{ x0, y0, k float64 }{
		{0, 0, 0.5}, {-10.3, 7.6, 0.37}, {20.5, -4.2, 1.7}, {-30, -30, 2.9}, {50, 40, 0.81}, {3.25, 1.75, 1.25},
		{200, 0, 1.1}, {-400, -10, 0.9}, // no column, then no row, in the frame
	} {
		dst := image.NewRGBA(image.Rect(0, 0, 83, 67))
		for i := range dst.Pix {
			dst.Pix[i] = []byte{ground.R, ground.G, ground.B, ground.A}[i%4]
		}
		scaleNearest(dst, src, c.x0, c.y0, c.k, over)
		bad := 0
		for y := range 67 {
			for x := range 83 {
				sp := image.Pt(int(math.Floor(c.x0+(float64(x)+0.5)*c.k)), int(math.Floor(c.y0+(float64(y)+0.5)*c.k)))
				want := ground
				if sp.In(src.Rect) && !sp.In(over[0]) && !sp.In(over[1]) && !sp.In(over[2]) {
					want = src.RGBAAt(sp.X, sp.Y)
				}
				if dst.RGBAAt(x, y) != want {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("at %+v: %d pixels are not the nearest pixel's", c, bad)
		}
	}
}
