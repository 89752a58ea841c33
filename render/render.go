package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"relmap/i18n"
	"relmap/layout"
	"relmap/model"
)

// Node geometry in layout units (pixels at zoom 1).
const (
	shapeRadius = 13.0
	labelSize   = 13.0
	labelGap    = 3.0
	labelPad    = 4.0
	edgeWidth   = 2.0
	laneSpacing = 16.0
	arrowSize   = 9.0
)

// Overlay geometry in device pixels at UIScale 1.
const (
	legendWidth = 220.0
	tabWidth    = 26.0 // the legend folded
	headerH     = 66.0
	margin      = 24.0
)

// white is the person glyph's figure, in every theme.
var white = color.NRGBA{0xff, 0xff, 0xff, 0xff}

// View says which part of the layout plane a picture shows: the layout
// point at the centre of the diagram area, and how many device pixels a
// layout unit takes. UIScale sizes the legend and header (the device pixel
// ratio, times any export enlargement).
type View struct {
	CX, CY  float64
	Zoom    float64
	UIScale float64
	// Collapsed folds the legend to a narrow tab, and the diagram area
	// takes its place.
	Collapsed bool
	// Panel draws the picture as one panel of small multiples: no legend
	// or credit, and a small header of its date and events.
	Panel bool
	// Controls draws the legend's fold control, which the window's
	// pictures have and published ones do not.
	Controls bool
}

// Renderer draws scenes. It is safe for use by one goroutine at a time
// per method call; calls are serialised internally.
type Renderer struct {
	mu      sync.Mutex
	regular *opentype.Font
	bold    *opentype.Font
	// ttf is the two fonts' files, regular and bold, for documents that
	// embed them.
	ttf [2][]byte
	// lang is the language of the pictures' words (nil is English).
	lang  *i18n.Lang
	faces map[faceKey]font.Face
	sizes map[string]layout.Size
	// painters paint the bands of a frame, one each.
	painters []*painter
	// spare is what DrawOn keeps of one frame for the next.
	spare scratch
	// vector is set while a vector picture is planned (see planVector).
	vector bool
	// Background lowers the priority of the threads that draw (see
	// LowerPriority): set on a renderer that draws behind a window.
	Background bool
}

// backgroundNice is the niceness of a background thread: the window's
// threads (nice 0) get about nine tenths of a contended core.
const backgroundNice = 10

type faceKey struct {
	bold bool
	size float64
}

// New parses the regular and bold TrueType fonts the diagram is drawn with.
func New(regular, bold []byte) (*Renderer, error) {
	r, err := opentype.Parse(regular)
	if err != nil {
		return nil, fmt.Errorf("render: regular font: %w", err)
	}
	b, err := opentype.Parse(bold)
	if err != nil {
		return nil, fmt.Errorf("render: bold font: %w", err)
	}
	return &Renderer{regular: r, bold: b, ttf: [2][]byte{regular, bold}, faces: map[faceKey]font.Face{}, sizes: map[string]layout.Size{}}, nil
}

// SetLang sets the language of the pictures' words: the header's date,
// the legend, the footer, the built-in kinds' labels.
func (r *Renderer) SetLang(l *i18n.Lang) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lang = l
}

// Lang is the language of the pictures' words.
func (r *Renderer) Lang() *i18n.Lang { return r.lang }

// dateOf is the date a scene's header writes: its day the language's
// long way, or the Date it was given.
func (r *Renderer) dateOf(s *Scene) string {
	if s.At == 0 && s.Date != "" {
		return s.Date
	}
	if s.Known.Precision != model.PrecisionNone && s.Known.First() == s.At {
		return r.lang.Known(s.Known)
	}
	return r.lang.Date(s.At)
}

// Twin returns a renderer that draws with the same fonts but has caches and
// a lock of its own, so that it can draw on another goroutine while r
// answers hit tests.
func (r *Renderer) Twin() *Renderer {
	return &Renderer{regular: r.regular, bold: r.bold, ttf: r.ttf, lang: r.lang, faces: map[faceKey]font.Face{}, sizes: map[string]layout.Size{}}
}

// face returns a cached face for measuring; sizes are rounded to a
// quarter pixel.
func (r *Renderer) face(bold bool, size float64) font.Face {
	key := faceKey{bold, math.Round(size*4) / 4}
	if f, ok := r.faces[key]; ok {
		return f
	}
	f := r.newFace(key)
	r.faces[key] = f
	return f
}

// newFace makes a face of the regular or bold font at a size.
func (r *Renderer) newFace(key faceKey) font.Face {
	ft := r.regular
	if key.bold {
		ft = r.bold
	}
	f, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: key.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("render: " + err.Error()) // parsed fonts at positive sizes always make faces
	}
	return f
}

func (r *Renderer) textWidth(bold bool, size float64, s string) float64 {
	return float64(font.MeasureString(r.face(bold, size), s)) / 64
}

// BoxSize is the size of an actor's box, label included, in layout units:
// what layout needs to keep boxes apart.
func (r *Renderer) BoxSize(label string) layout.Size {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.boxSize(label)
}

// boxSize measures a label once and remembers it: hit tests on every
// mouse move and culling on every frame ask again and again.
func (r *Renderer) boxSize(label string) layout.Size {
	if sz, ok := r.sizes[label]; ok {
		return sz
	}
	w := r.textWidth(false, labelSize, label) + 2*labelPad
	sz := layout.Size{W: math.Max(w, 2*shapeRadius+4), H: 2*shapeRadius + labelGap + labelSize + 2*labelPad}
	r.sizes[label] = sz
	return sz
}

// ActorBox is BoxSize for an actor, in the form layout.Options.Box takes.
func (r *Renderer) ActorBox(a model.Actor) layout.Size { return r.BoxSize(actorLabel(a)) }

// labelRunes is the most characters of an actor's label in a picture. A
// name may be a paragraph long (imported, say): as a label it crowded the
// whole map into a corner of the picture. The side panel has it whole.
const labelRunes = 40

// actorLabel is a's label as a picture shows it: no longer than
// labelRunes, the cut marked with "…".
func actorLabel(a model.Actor) string {
	l := a.Label()
	if utf8.RuneCountInString(l) <= labelRunes {
		return l
	}
	return strings.TrimSpace(string([]rune(l)[:labelRunes-1])) + "…"
}

// plot returns the diagram area of a w×h picture seen through v: the part
// not under the header and legend (or, collapsed, the legend's tab; a
// panel has only its small header).
func plot(w, h int, v View) (x0, y0, x1, y1 float64) {
	ui := v.UIScale
	if v.Panel {
		return panelMargin * ui, panelHeaderH * ui, float64(w) - panelMargin*ui, float64(h) - panelMargin*ui
	}
	return margin * ui, headerH * ui, float64(w) - (legendSpan(v.Collapsed)+margin)*ui, float64(h) - margin*ui
}

// mapWidth is how many columns from the left of a w-wide picture seen
// through v the map is painted in: up to the legend's panel (or its
// tab), whose first column it shares when the panel starts within one;
// a panel of small multiples has no legend.
func mapWidth(w int, v View) int {
	if v.Panel {
		return w
	}
	ui := v.UIScale
	if ui <= 0 {
		ui = 1
	}
	return max(0, min(w, int(math.Ceil(float64(w)-legendSpan(v.Collapsed)*ui))))
}

// legendSpan is the width of the legend, or of its tab when collapsed, at
// UI scale 1.
func legendSpan(collapsed bool) float64 {
	if collapsed {
		return tabWidth
	}
	return legendWidth
}

// CollapsedWidth is the width to fit a view in (Fit, FitView) for it to
// fill a w-wide picture whose legend is collapsed: the diagram area of the
// one is that of the other, the same width at the same place.
func CollapsedWidth(w int, ui float64) int {
	if ui <= 0 {
		ui = 1
	}
	return w + int(math.Round((legendWidth-tabWidth)*ui))
}

// Fit returns the view that shows the layout box (minX, minY)-(maxX, maxY)
// whole in the diagram area of a w×h picture, at most at zoom 1.5.
func Fit(minX, minY, maxX, maxY float64, w, h int, ui float64) View {
	if ui <= 0 {
		ui = 1
	}
	return fitIn(minX, minY, maxX, maxY, w, h, View{UIScale: ui})
}

// ToScreen maps a layout point to device pixels in a w×h picture.
func (v View) ToScreen(x, y float64, w, h int) (float64, float64) {
	x0, y0, x1, y1 := plot(w, h, v)
	return (x-v.CX)*v.Zoom + (x0+x1)/2, (y-v.CY)*v.Zoom + (y0+y1)/2
}

// ToLayout maps device pixels in a w×h picture to a layout point.
func (v View) ToLayout(sx, sy float64, w, h int) (float64, float64) {
	x0, y0, x1, y1 := plot(w, h, v)
	return (sx-(x0+x1)/2)/v.Zoom + v.CX, (sy-(y0+y1)/2)/v.Zoom + v.CY
}

// AsDot reports whether an actor of size scale (its Node.Scale, 0 for
// the usual) is drawn as a dot in view v: its shape would be smaller than
// pointRadius pixels, and neither it nor its label is drawn.
func (v View) AsDot(scale float64) bool {
	rad := shapeRadius * v.Zoom
	if scale > 0 {
		rad *= scale
	}
	return shapeRadius*v.Zoom < pointRadius && rad < pointRadius
}

// Shows reports whether layout point (x, y) falls in the plot of a w×h
// picture seen through v: in sight, not under the header or the legend,
// nor in the margin around them.
func (v View) Shows(x, y float64, w, h int) bool {
	sx, sy := v.ToScreen(x, y, w, h)
	x0, y0, x1, y1 := plot(w, h, v)
	return sx >= x0 && sx <= x1 && sy >= y0 && sy <= y1
}

// ShowsWell reports whether v shows map point (x, y) in a w×h picture
// clear of the map's edges: a tenth of its width and height in from each.
// An actor on the very edge, its ties running out of the picture, is
// shown, but not well.
func (v View) ShowsWell(x, y float64, w, h int) bool {
	sx, sy := v.ToScreen(x, y, w, h)
	x0, y0, x1, y1 := plot(w, h, v)
	dx, dy := (x1-x0)/10, (y1-y0)/10
	return sx >= x0+dx && sx <= x1-dx && sy >= y0+dy && sy <= y1-dy
}

// lineWidth is the width in device pixels at which ties are drawn.
func (v View) lineWidth() float64 { return math.Max(1, edgeWidth*v.Zoom) }

// Scaled returns the view that shows the same picture in a w2×h2 image as
// v does in a w×h one, everything enlarged by the same factor.
func (v View) Scaled(w, h, w2, h2 int) View {
	f := math.Min(float64(w2)/float64(w), float64(h2)/float64(h))
	return View{CX: v.CX, CY: v.CY, Zoom: v.Zoom * f, UIScale: v.UIScale * f, Collapsed: v.Collapsed, Panel: v.Panel}
}

// Draw paints scene s as seen through v into a new w×h image.
func (r *Renderer) Draw(s *Scene, v View, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	r.DrawOn(img, s, v)
	return img
}

// DrawOn paints scene s as seen through v over every pixel of img, whose
// bounds start at (0, 0): a window that shows one picture after another
// paints each over an earlier one rather than making a new image.
func (r *Renderer) DrawOn(img *image.RGBA, s *Scene, v View) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if v.UIScale <= 0 {
		v.UIScale = 1
	}
	if img.Rect.Min != (image.Point{}) || img.Rect.Empty() {
		panic("render: DrawOn needs an image whose bounds start at (0, 0)")
	}
	r.spare.on = true
	defer func() { r.spare.on = false }()
	p := r.planFrame(s, v, img.Rect.Dx(), img.Rect.Dy())
	r.paint(p, img)
	r.spare.keep(p)
}

// neighbourhood returns the actors drawn in full: the emphasis's, or,
// when an actor is selected, it and its neighbours (found once for the
// scene's index); everything else is drawn faded. Nil when all are drawn
// in full. The caller holds the renderer's lock, and does not change the
// map.
func (r *Renderer) neighbourhood(s *Scene) map[model.ID]bool {
	if s.Emphasis != nil {
		return s.Emphasis.Actors
	}
	if s.Selected == 0 {
		return nil
	}
	ix := s.indexed()
	if ix.near != nil && ix.nearOf == s.Selected {
		return ix.near
	}
	near := map[model.ID]bool{s.Selected: true}
	for _, e := range s.Edges {
		if e.From == s.Selected {
			near[e.To] = true
		}
		if e.To == s.Selected {
			near[e.From] = true
		}
	}
	ix.near, ix.nearOf = near, s.Selected
	return near
}

// shapeCentre is where an actor's shape sits: at the top of its box.
func (r *Renderer) shapeCentre(n *Node, v View, w, h int) pt {
	box := 2*shapeRadius + labelGap + labelSize + 2*labelPad
	x, y := v.ToScreen(n.X, n.Y-box/2+shapeRadius+labelPad/2, w, h)
	return pt{x, y}
}

// HitTest returns the actor whose box holds device pixel (sx, sy): the
// top-most, drawn last, of those not faded out. Where actors are drawn as
// dots and no box holds the point, it returns the actor whose dot is
// nearest, within dotReach pixels (the top-most of equals). It looks only
// at the actors a grid of their boxes puts near the point.
func (r *Renderer) HitTest(s *Scene, v View, w, h int, sx, sy float64) (model.ID, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if sx >= float64(mapWidth(w, v)) {
		return 0, false // under the legend
	}
	lx, ly := v.ToLayout(sx, sy, w, h)
	ix := s.indexed()
	if ix.grid == nil {
		ix.grid = newGrid(s, func(n *Node) (float64, float64) {
			sz := r.boxSize(n.Label)
			return sz.W, sz.H
		})
	}
	near := ix.grid.near(lx, ly)
	for k := len(near) - 1; k >= 0; k-- {
		n := &s.Nodes[near[k]]
		if n.Alpha < 0.5 {
			continue
		}
		sz := r.boxSize(n.Label)
		if math.Abs(lx-n.X) <= sz.W/2 && math.Abs(ly-n.Y) <= sz.H/2 {
			return n.ID, true
		}
	}
	if !v.AsDot(0) || len(s.Nodes) == 0 {
		return 0, false
	}
	// The dots: each at its shape's centre, dotLift above the box's.
	reach := dotReach * v.UIScale / v.Zoom
	best, bestD := -1, reach*reach
	c0, r0 := ix.grid.at(lx-reach, ly-reach)
	c1, r1 := ix.grid.at(lx+reach, ly+reach)
	for row := r0; row <= r1; row++ {
		for col := c0; col <= c1; col++ {
			for _, i := range ix.grid.in(col, row) {
				n := &s.Nodes[i]
				dx, dy := n.X-lx, n.Y-dotLift-ly
				if d := dx*dx + dy*dy; n.Alpha >= 0.5 && (d < bestD || d == bestD && int(i) > best) {
					best, bestD = int(i), d
				}
			}
		}
	}
	if best < 0 {
		return 0, false
	}
	return s.Nodes[best].ID, true
}

// dotReach is how near a point, in pixels at UI scale 1, an actor drawn
// as a dot is found by a hit test; dotLift is how far above its box's
// centre the dot is, in layout units (see shapeCentre).
const (
	dotReach = 4.0
	dotLift  = (2*shapeRadius+labelGap+labelSize+2*labelPad)/2 - shapeRadius - labelPad/2
)

// HitTestTie returns the tie drawn nearest device pixel (sx, sy), if one
// passes within a few pixels of it; faded ties are not hit. It plans the
// ties as drawn (bent around actors): on a map with more ties than are
// routed around actors (routeLimit), only those in a small picture around
// the point, at the same scale, which gives the same paths there.
func (r *Renderer) HitTestTie(s *Scene, v View, w, h int, sx, sy float64) (model.ID, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if v.UIScale <= 0 {
		v.UIScale = 1
	}
	w, h = max(w, 1), max(h, 1)
	if sx >= float64(mapWidth(w, v)) {
		return 0, false // under the legend
	}
	if len(s.Edges) > routeLimit {
		const side = 64 // pixels, the point in the middle
		lx, ly := v.ToLayout(sx, sy, w, h)
		x0, y0, x1, y1 := plot(side, side, v)
		v.CX, v.CY = lx-(side/2-(x0+x1)/2)/v.Zoom, ly-(side/2-(y0+y1)/2)/v.Zoom
		w, h, sx, sy = side, side, side/2, side/2
		return nearestTie(r.planShapesIn(s, v, w, h, w, nil), sx, sy, tieHitPixels*v.UIScale)
	}
	return nearestTie(r.planShapes(s, v, w, h), sx, sy, tieHitPixels*v.UIScale)
}

// nearestTie is the tie of plan p drawn nearest (sx, sy), within reach
// pixels; faded ties are not counted.
func nearestTie(p *plan, sx, sy, reach float64) (model.ID, bool) {
	best, bestD := model.ID(0), reach
	for _, pe := range p.edges {
		if pe.idx < 0 || pe.e.Alpha < 0.5 {
			continue
		}
		if sy < pe.y0-bestD || sy > pe.y1+bestD {
			continue
		}
		if d := pathDistance(pt{sx, sy}, pe.path); d < bestD {
			best, bestD = pe.e.ID, d
		}
	}
	return best, best != 0
}

// tieHitPixels is how near a tie a click must be to hit it, in pixels at
// UI scale 1.
const tieHitPixels = 5

// segmentDistance is the distance from p to the segment from a to b.
func segmentDistance(p, a, b pt) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = maxf(0, minf(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	ex, ey := p.X-(a.X+t*dx), p.Y-(a.Y+t*dy)
	return math.Sqrt(ex*ex + ey*ey)
}

// WritePNG encodes img as PNG.
func WritePNG(w io.Writer, img image.Image) error {
	return WritePNGAt(w, img, 0)
}

// WritePNGAt writes img as PNG and, when dpi is above 0, records its
// resolution in the file (a pHYs chunk, in pixels per metre), so that a
// layout program places it at its size in print.
func WritePNGAt(w io.Writer, img image.Image, dpi float64) error {
	if dpi <= 0 {
		if err := png.Encode(w, img); err != nil {
			return fmt.Errorf("encode png: %w", err)
		}
		return nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, then IHDR's length, type, data and CRC
	b := buf.Bytes()
	ppm := uint32(math.Round(dpi / 0.0254))
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1 // the unit is the metre
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	for _, part := range [][]byte{b[:ihdrEnd], chunk, b[ihdrEnd:]} {
		if _, err := w.Write(part); err != nil {
			return fmt.Errorf("write png: %w", err)
		}
	}
	return nil
}
