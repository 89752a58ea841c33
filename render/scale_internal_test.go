package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"maps"
	"math"
	"math/rand"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"relmap/assets"
	"relmap/model"
)

func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// crowdedScene is n actors scattered so that many boxes overlap, a tenth
// of them faded out, with n ties between random pairs.
func crowdedScene(n int, spread float64, seed int64) *Scene {
	rng := rand.New(rand.NewSource(seed))
	s := &Scene{}
	kinds := model.DefaultKinds()
	for i := 0; i < n; i++ {
		alpha := 1.0
		if i%10 == 0 {
			alpha = 0.3
		}
		s.Nodes = append(s.Nodes, Node{
			ID: model.ID(i + 1), Label: fmt.Sprintf("Actor %d%s", i+1, []string{"", " of the long name"}[i%2]),
			Kind: kinds[i%4], X: rng.Float64() * spread, Y: rng.Float64() * spread, Alpha: alpha,
		})
	}
	for k := 0; k < n; k++ {
		a, b := rng.Intn(n), rng.Intn(n)
		s.Edges = append(s.Edges, Edge{ID: model.ID(k + 1), From: model.ID(a + 1), To: model.ID(b + 1),
			Kind: kinds[4+k%5], Alpha: 1, Lanes: 1})
	}
	return s
}

// linearHit is the hit test as a scan of every actor, top-most first.
// At dot level, without a box under the point, it is the nearest dot
// within reach, the top-most of equals.
func linearHit(r *Renderer, s *Scene, v View, w, h int, sx, sy float64) model.ID {
	if sx >= float64(w)-legendWidth*v.UIScale {
		return 0 // under the legend
	}
	lx, ly := v.ToLayout(sx, sy, w, h)
	for i := len(s.Nodes) - 1; i >= 0; i-- {
		n := s.Nodes[i]
		sz := r.boxSize(n.Label)
		if n.Alpha >= 0.5 && math.Abs(lx-n.X) <= sz.W/2 && math.Abs(ly-n.Y) <= sz.H/2 {
			return n.ID
		}
	}
	if shapeRadius*v.Zoom >= pointRadius {
		return 0
	}
	var found model.ID
	bestD := math.Pow(dotReach*v.UIScale/v.Zoom, 2)
	for _, n := range s.Nodes {
		c := r.shapeCentre(&n, v, w, h)
		dx, dy := (c.X-sx)/v.Zoom, (c.Y-sy)/v.Zoom
		if d := dx*dx + dy*dy; n.Alpha >= 0.5 && d <= bestD*(1+1e-9) {
			found, bestD = n.ID, min(d, bestD)
		}
	}
	return found
}

// Where labels are drawn at a readable size on a crowd, those drawn
// cover no other drawn label nor the header's strip; the selected actor's
// is drawn whatever it covers; a label gives way only to another.
func TestCrowdedNamesGiveWay(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(3000, 4000, 5)
	s.Nodes[2999].Selected, s.Selected = true, s.Nodes[2999].ID
	w, h := 1200, 800
	v := View{CX: s.Nodes[2999].X, CY: s.Nodes[2999].Y, Zoom: 0.6, UIScale: 1}
	p := r.planFrame(s, v, w, h)
	if p.size == 0 || p.unlabelled == nil {
		t.Fatalf("labels are not drawn at a readable size (size %v)", p.size)
	}
	_, top, _, _ := plot(w, h, v)
	var drawn []rect
	hidden := 0
	for _, i := range p.nodes {
		n := &s.Nodes[i]
		if n.Alpha < 0.5 || n.Label == "" {
			continue
		}
		b := p.labelBox(int(i), r.textWidth(false, p.size, n.Label))
		if p.unlabelled[i] {
			hidden++
			if n.Selected {
				t.Error("the selected actor's label gave way")
			}
			continue
		}
		if b.overlap(rect{0, 0, float64(p.mapW), top}) > 0 {
			t.Errorf("%s's label at %v lies under the header", n.Label, b)
		}
		for _, o := range drawn {
			if b.overlap(o) > 0 {
				t.Fatalf("%s's label at %v covers another drawn label at %v", n.Label, b, o)
			}
		}
		drawn = append(drawn, b)
	}
	if len(drawn) == 0 || hidden == 0 {
		t.Fatalf("%d labels drawn and %d given way: the crowd does not crowd", len(drawn), hidden)
	}
	t.Logf("%d labels drawn, %d gave way", len(drawn), hidden)
}

func TestHitTestFindsWhatTheLinearScanFinds(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(3000, 6000, 1)
	v := View{CX: 3000, CY: 3000, Zoom: 0.2, UIScale: 1}
	w, h := 1600, 1000
	rng := rand.New(rand.NewSource(2))
	hits := 0
	probe := func() {
		for k := 0; k < 5000; k++ {
			sx, sy := rng.Float64()*float64(w), rng.Float64()*float64(h)
			got, _ := r.HitTest(s, v, w, h, sx, sy)
			if want := linearHit(r, s, v, w, h, sx, sy); got != want {
				t.Fatalf("HitTest at (%.1f, %.1f) = %d, the linear scan finds %d", sx, sy, got, want)
			}
			if got != 0 {
				hits++
			}
		}
	}
	probe()
	// A dragged actor is found where it now is.
	for i := 0; i < 200; i++ {
		s.MoveNode(s.Nodes[rng.Intn(len(s.Nodes))].ID, rng.Float64()*400-200, rng.Float64()*400-200)
	}
	probe()
	if hits < 1000 {
		t.Fatalf("only %d of 10,000 probes hit an actor: the test does not test much", hits)
	}
}

func TestFrameCullsWhatIsOffScreen(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(2000, 20000, 3)
	v := View{CX: 10000, CY: 10000, Zoom: 0.5, UIScale: 1}
	w, h := 1200, 800
	p := r.planFrame(s, v, w, h)
	drawn := map[int32]bool{}
	for _, i := range p.nodes {
		drawn[i] = true
	}
	// The map is painted left of the legend.
	screen := rect{0, 0, float64(w) - legendWidth, float64(h)}
	for i := range s.Nodes {
		b := r.nodeRect(&s.Nodes[i], v, w, h)
		on := b.overlap(screen) > 0
		// The plan keeps a margin of one box around the picture.
		bw, bh := b.x1-b.x0, b.y1-b.y0
		if drawn[int32(i)] && (rect{b.x0 - bw, b.y0 - bh, b.x1 + bw, b.y1 + bh}).overlap(screen) == 0 {
			t.Errorf("actor %d at %v is drawn though its box is off the picture", s.Nodes[i].ID, b)
		}
		if on && s.Nodes[i].Alpha > 0.01 && !drawn[int32(i)] {
			t.Errorf("actor %d at %v is on the picture but not drawn", s.Nodes[i].ID, b)
		}
	}
	if len(p.nodes) == 0 || len(p.nodes) == len(s.Nodes) {
		t.Fatalf("%d of %d actors drawn: the view should show some and not all", len(p.nodes), len(s.Nodes))
	}
	for _, e := range p.edges {
		reach := e.width/2 + arrowSize*v.Zoom + 2
		if visibleLength(e.path, rect{-reach, -reach, screen.x1 + reach, float64(h) + reach}) == 0 {
			t.Errorf("tie %d is planned though no part of it is on the map", e.e.ID)
		}
	}
}

// A name kept over a zoomed-out map lies wholly on the map: not under
// the header, where it showed through the date, nor cut by the legend or
// the picture's edges.
func TestKeptNamesLieWhollyOnTheMap(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(3000, 30000, 4)
	s.Nodes[5].Selected, s.Selected = true, s.Nodes[5].ID
	w, h := 1400, 800
	for _, zoom := range []float64{0.1, 0.3} {
		// Actor 5, whose name is kept first, just below the picture's top.
		v := View{CX: s.Nodes[5].X, CY: s.Nodes[5].Y + 380/zoom, Zoom: zoom, UIScale: 1}
		p := r.planFrame(s, v, w, h)
		if p.size != 0 || len(p.kept) == 0 {
			t.Fatalf("zoom %v: names %.1f px, %d kept; the test needs names kept", zoom, p.size, len(p.kept))
		}
		_, top, _, _ := plot(w, h, v)
		if c := p.centre[5]; c.Y > top {
			t.Fatalf("zoom %v: actor 5 at %v, not under the header (%v)", zoom, c, top)
		}
		for _, k := range p.kept {
			if b := k.box; b.x0 < 0 || b.y0 < top || b.x1 > float64(p.mapW) || b.y1 > float64(h) {
				t.Errorf("zoom %v: the name of actor %d is kept at %v, not wholly on the map (below %v, left of %d)", zoom, k.node, b, top, p.mapW)
			}
		}
	}
}

func TestLabelsAppearAboveTheReadableSize(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(3000, 30000, 4)
	s.Nodes[5].Selected, s.Selected = true, s.Nodes[5].ID
	w, h := 1920, 1080
	for _, zoom := range []float64{0.03, 0.1, 0.3, 0.38, 0.39, 0.53, 0.54, 1, 2} {
		v := View{CX: s.Nodes[5].X, CY: s.Nodes[5].Y, Zoom: zoom, UIScale: 1}
		p := r.planFrame(s, v, w, h)
		readable := labelSize*zoom >= readableLabel
		if readable != (p.size > 0) {
			t.Errorf("zoom %v: labels %.1f px drawn = %v", zoom, labelSize*zoom, p.size > 0)
		}
		if readable && len(p.kept) != 0 {
			t.Errorf("zoom %v: %d labels kept though all are drawn", zoom, len(p.kept))
		}
		if readable {
			continue
		}
		if len(p.kept) == 0 || len(p.kept) > w*h/keptLabelArea {
			t.Errorf("zoom %v: %d labels kept, want 1 to %d", zoom, len(p.kept), w*h/keptLabelArea)
			continue
		}
		if p.kept[0].node != 5 {
			t.Errorf("zoom %v: the selected actor's label is not kept first", zoom)
		}
		for a := range p.kept {
			for b := a + 1; b < len(p.kept); b++ {
				if p.kept[a].box.overlap(p.kept[b].box) > 0 {
					t.Errorf("zoom %v: kept labels %d and %d overlap", zoom, p.kept[a].node, p.kept[b].node)
				}
			}
		}
		// The rest are the best connected of the actors on the picture.
		onPicture := map[int32]bool{}
		for _, i := range p.nodes {
			onPicture[i] = true
		}
		for _, k := range p.kept[1:] {
			if !onPicture[k.node] {
				t.Errorf("zoom %v: kept label of actor %d, which is not on the picture", zoom, k.node)
			}
		}
	}
}

// The tiles of a frame give the pixels one pass over the whole picture
// gives, but for anti-aliased polygon edges that cross a tile's edge,
// which may differ by one level in 255 (the rasterizer works relative to
// the tile).
func TestTilesPaintWhatOnePassPaints(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(1500, 8000, 5)
	s.Edges[3].Kind.Dashed = true
	s.Edges[4].Directed = true
	// A dense frame, its ties walked over the whole picture, with a
	// selected actor's ties stressed over the rest.
	dense := opaqueCrowd(6000, 8000, 7)
	// Dashed ties every way, many crossing a band's edge: their dashes
	// go on across it.
	for i := 5; i < len(dense.Edges); i += 7 {
		dense.Edges[i].Kind.Dashed = true
	}
	dense.Selected = dense.Edges[9].From
	cases := []struct {
		s     *Scene
		v     View
		dense bool
	}{
		{s, View{CX: 4000, CY: 4000, Zoom: 0.12, UIScale: 1}, false},
		{s, View{CX: 4000, CY: 4000, Zoom: 0.8, UIScale: 1}, false},
		{dense, View{CX: 4000, CY: 4000, Zoom: 0.1, UIScale: 1}, true},
	}
	for _, c := range cases {
		s, v := c.s, c.v
		w, h := 900, 700
		tiled := r.Draw(s, v, w, h)
		p := r.planFrame(s, v, w, h)
		if p.dense != c.dense {
			t.Fatalf("zoom %v: the frame is dense %v, want %v", v.Zoom, p.dense, c.dense)
		}
		whole := image.NewRGBA(tiled.Rect)
		r.paintIn(p, whole, []int{0, h})
		var diff, worst int
		for i := range whole.Pix {
			if d := int(whole.Pix[i]) - int(tiled.Pix[i]); d != 0 {
				diff++
				worst = max(worst, d, -d)
				if diff < 5 {
					t.Logf("zoom %v: pixel (%d, %d) channel %d: %d in one pass, %d in tiles", v.Zoom, i/4%w, i/4/w, i%4, whole.Pix[i], tiled.Pix[i])
				}
			}
		}
		if worst > 1 || diff > len(whole.Pix)/1000 {
			t.Errorf("zoom %v: %d channels differ between tiles and one pass, by up to %d", v.Zoom, diff, worst)
		}
	}
}

// BenchmarkHitTest probes 100,000 actors: the first probe builds the grid,
// the rest use it.
func BenchmarkHitTest(b *testing.B) {
	r := testRenderer(b)
	s := crowdedScene(100000, 60000, 6)
	v := View{CX: 30000, CY: 30000, Zoom: 0.05, UIScale: 1}
	r.HitTest(s, v, 1920, 1080, 0, 0)
	rng := rand.New(rand.NewSource(7))
	for b.Loop() {
		r.HitTest(s, v, 1920, 1080, rng.Float64()*1920, rng.Float64()*1080)
	}
}

// An arrowhead ends at the rim of its target's shape, however big the
// shape is drawn (an actor sized by a measure).
func TestArrowheadsStopAtTheTargetsRim(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	kinds := model.DefaultKinds()
	for _, scale := range []float64{0, 1, 2.5} {
		s := &Scene{
			Nodes: []Node{{ID: 1, Label: "A", Kind: kinds[0], X: 0, Y: 0, Alpha: 1},
				{ID: 2, Label: "B", Kind: kinds[0], X: 400, Y: 0, Alpha: 1, Scale: scale}},
			Edges: []Edge{{ID: 1, From: 1, To: 2, Kind: kinds[6], Directed: true, Alpha: 1, Lanes: 1}},
		}
		v := View{CX: 200, CY: 0, Zoom: 1, UIScale: 1}
		p := r.planFrame(s, v, 1000, 600)
		if len(p.edges) != 1 || p.edges[0].arrow == nil {
			t.Fatalf("scale %v: no arrowhead planned", scale)
		}
		tip := p.edges[0].arrow[0]
		c := p.centre[1]
		want := (shapeRadius*math.Max(scale, 1) + 3) * v.Zoom
		if scale > 0 && scale < 1 {
			want = (shapeRadius*scale + 3) * v.Zoom
		}
		if d := math.Hypot(tip.X-c.X, tip.Y-c.Y); math.Abs(d-want) > 0.5 {
			t.Errorf("scale %v: the arrowhead ends %.1f px from the target's centre, want %.1f (its rim and a gap)", scale, d, want)
		}
	}
}

// Where actors are drawn as dots, a tie into one has no arrowhead (it
// would hide the dot); into an actor drawn big enough for its shape (sized
// by a measure) it keeps it.
func TestNoArrowheadsIntoDots(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	kinds := model.DefaultKinds()
	s := &Scene{
		Nodes: []Node{{ID: 1, Label: "A", Kind: kinds[0], X: 0, Y: 0, Alpha: 1},
			{ID: 2, Label: "B", Kind: kinds[0], X: 400, Y: 0, Alpha: 1},
			{ID: 3, Label: "C", Kind: kinds[0], X: 400, Y: 300, Alpha: 1, Scale: 4}},
		Edges: []Edge{{ID: 1, From: 1, To: 2, Kind: kinds[6], Directed: true, Alpha: 1, Lanes: 1},
			{ID: 2, From: 1, To: 3, Kind: kinds[6], Directed: true, Alpha: 1, Lanes: 1}},
	}
	for _, tc := range []struct {
		zoom   float64
		arrows [2]bool // into B, into C
	}{{1, [2]bool{true, true}}, {0.1, [2]bool{false, true}}} {
		p := r.planFrame(s, View{CX: 200, CY: 150, Zoom: tc.zoom, UIScale: 1}, 1000, 600)
		if len(p.edges) != 2 {
			t.Fatalf("zoom %v: %d ties planned, want 2", tc.zoom, len(p.edges))
		}
		for k, pe := range p.edges {
			if got := pe.arrow != nil; got != tc.arrows[k] {
				t.Errorf("zoom %v: the tie into %s has an arrowhead: %v, want %v", tc.zoom, s.Nodes[k+1].Label, got, tc.arrows[k])
			}
		}
	}
}

// Actors sized by a measure show it where every actor is a dot (a whole
// big map): the dot of an actor twice the usual size is at least twice
// as wide as one at 0.7 of it, and one of the usual size between.
func TestDotsShowTheActorsSizes(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	kinds := model.DefaultKinds()
	var s Scene
	for i, scale := range []float64{0.7, 0, 2} {
		s.Nodes = append(s.Nodes, Node{ID: model.ID(i + 1), Label: fmt.Sprint(i), Kind: kinds[0], X: float64(i) * 400, Alpha: 1, Scale: scale})
	}
	v := View{CX: 400, CY: 0, Zoom: 0.05, UIScale: 1}
	if !v.AsDot(2) {
		t.Fatal("the test's zoom does not draw the actors as dots")
	}
	img := r.Draw(&s, v, 600, 300)
	inked := make([]int, len(s.Nodes))
	ground := img.RGBAAt(1, 299)
	for i := range s.Nodes {
		x, y := v.ToScreen(s.Nodes[i].X, s.Nodes[i].Y-dotLift, 600, 300)
		// Across the dot's middle row: its name, when kept, is below it.
		for dx := -8; dx <= 8; dx++ {
			if img.RGBAAt(int(x)+dx, int(y)) != ground {
				inked[i]++
			}
		}
	}
	small, usual, big := inked[0], inked[1], inked[2]
	if small == 0 || big < 2*small || usual < small || usual > big {
		t.Errorf("pixels across the dots at sizes 0.7, usual and 2: %d, %d, %d; want the last at least twice the first, the usual between", small, usual, big)
	}
}

// A kind's styles: weights drawn as widths, and labels drawn with nothing
// stressed ("expels 60" and "expels 1" look different).
func TestWeightedAndLabelledKinds(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	expels := model.Kind{Name: "expels", Class: model.ClassTie, Color: "#ad1457", Weighted: true, Labelled: true}
	actor := model.DefaultKinds()[0]
	s := &Scene{
		Nodes: []Node{{ID: 1, Label: "Russia", Kind: actor, X: 0, Y: 0, Alpha: 1},
			{ID: 2, Label: "United Kingdom", Kind: actor, X: 400, Y: -200, Alpha: 1},
			{ID: 3, Label: "Ireland", Kind: actor, X: 400, Y: 200, Alpha: 1}},
		Edges: []Edge{
			{ID: 1, From: 2, To: 1, Kind: expels, Label: "expels 60", Weight: 60, Alpha: 1, Lanes: 1},
			{ID: 2, From: 3, To: 1, Kind: expels, Label: "expels 1", Weight: 1, Alpha: 1, Lanes: 1},
		},
	}
	v := View{CX: 200, CY: 0, Zoom: 1, UIScale: 1}
	p := r.planFrame(s, v, 1000, 700)
	widths := map[model.ID]float64{}
	for _, pe := range p.edges {
		widths[pe.e.ID] = pe.width
	}
	base := v.lineWidth()
	if math.Abs(widths[1]-4*base) > 1e-9 || widths[2] > 1.1*base || widths[2] < base {
		t.Errorf("widths: weight 60 %.2f, weight 1 %.2f; want %.2f and about %.2f", widths[1], widths[2], 4*base, base)
	}
	if len(p.labels) != 2 {
		t.Errorf("%d labels drawn with nothing stressed, want both of the labelled kind", len(p.labels))
	}
	expels.Weighted, expels.Labelled = false, false
	s = &Scene{Nodes: s.Nodes, Edges: slices.Clone(s.Edges)} // new kinds, a new scene
	for i := range s.Edges {
		s.Edges[i].Kind = expels
	}
	p = r.planFrame(s, v, 1000, 700)
	if p.edges[0].width != base || len(p.labels) != 0 {
		t.Errorf("unstyled: width %.2f and %d labels, want %.2f and none", p.edges[0].width, len(p.labels), base)
	}
}

// A dense frame whose ties are opaque is painted by numbering its inks
// (plan.inks); it gives exactly the pixels of painting the colours.
func TestDenseInksPaintWhatColoursPaint(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	// Drawn in order, and, with more ties, in layers (see painter.layers),
	// an actor selected, its ties drawn over the rest.
	for _, c := range []struct {
		ties     int
		layered  bool
		selected bool
	}{{6000, false, false}, {15000, true, false}, {15000, true, true}} {
		s := opaqueCrowd(c.ties, 8000, 7)
		// Dashed ties every way: steep or not, walked from their start or
		// from their end.
		for i := 5; i < len(s.Edges); i += 7 {
			s.Edges[i].Kind.Dashed = true
		}
		if c.selected {
			s.Selected = s.Edges[9].From
		}
		v := View{CX: 4000, CY: 4000, Zoom: 0.1, UIScale: 1}
		w, h := 800, 600
		p := r.planFrame(s, v, w, h)
		if !p.dense || p.inks == nil || (p.overdraw >= layeredInk) != c.layered {
			t.Fatalf("%d ties: the frame is not dense with numbered inks, drawn in layers %v (dense %v, %d inks, %.1f times over)", c.ties, c.layered, p.dense, len(p.inks), p.overdraw)
		}
		inked := image.NewRGBA(image.Rect(0, 0, w, h))
		r.paint(p, inked)
		p.inks = nil
		painted := image.NewRGBA(image.Rect(0, 0, w, h))
		r.paint(p, painted)
		if n := differing(inked.Pix, painted.Pix); n > 0 {
			t.Errorf("%d ties, selected %v: %d channels differ between inks and colours", c.ties, c.selected, n)
		}
	}
}

// TestMovedTakesUpTheTiesOpacities: a transition's step changes its ties'
// opacities in place and calls moved (see TweenScene.Step); the frame is
// then the one a scene indexed afresh gives.
func TestMovedTakesUpTheTiesOpacities(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(300, 2000, 3)
	v := View{CX: 1000, CY: 1000, Zoom: 0.3, UIScale: 1}
	r.Draw(s, v, 640, 480) // indexed
	for i := range s.Edges {
		s.Edges[i].Alpha = []float64{0, 0.25, 0.6, 1}[i%4]
	}
	s.moved()
	got := r.Draw(s, v, 640, 480)
	fresh := *s
	fresh.ix = nil
	if want := r.Draw(&fresh, v, 640, 480); !bytes.Equal(got.Pix, want.Pix) {
		t.Error("a scene stepped in place draws other than the same scene indexed afresh")
	}
}

// TestDenseBandsShareTheWork: a dense frame's bands are cut where the
// work above and below is about equal, a whole number of 8-row blocks
// from the top, drawn in layers or not: ties gathered in the upper part
// of the picture are not left to one band.
func TestDenseBandsShareTheWork(t *testing.T) {
	p := &plan{w: 800, h: 600, mapW: 700, rowInk: make([]float32, 600)}
	for y := range 150 {
		p.rowInk[y] = 20000 // ties gathered in the top quarter
	}
	work := func(from, to int) (sum float64) {
		for _, ink := range p.rowInk[from:to] {
			sum += float64(ink) + float64(p.mapW)
		}
		return sum
	}
	for _, c := range []struct {
		overdraw float64
		unit     int
	}{{10, 8}, {layeredInk, 8}} {
		p.overdraw = c.overdraw
		cuts := denseCuts(p)
		if len(cuts) != denseBands+1 || cuts[0] != 0 || cuts[len(cuts)-1] != p.h {
			t.Fatalf("overdraw %v: cuts %v", c.overdraw, cuts)
		}
		for k, cut := range cuts[1 : len(cuts)-1] {
			if cut%c.unit != 0 {
				t.Errorf("overdraw %v: cut %d at row %d, not a whole number of %d rows", c.overdraw, k+1, cut, c.unit)
			}
		}
		// No band does more than its share by more than what a unit of
		// rows there holds.
		share, most := work(0, p.h)/denseBands, 0.0
		for k := range denseBands {
			most = max(most, work(cuts[k], cuts[k+1]))
		}
		if most > share+float64(c.unit)*(20000+float64(p.mapW)) {
			t.Errorf("overdraw %v: cuts %v: a band does %.0f, its share %.0f", c.overdraw, cuts, most, share)
		}
	}
	// A real frame's ties, all in the top half of its picture.
	r := testRenderer(t)
	s := opaqueCrowd(15000, 8000, 7)
	w, h := 800, 600
	v := View{CX: 4000, CY: 7000, Zoom: 0.08, UIScale: 1}
	fp := r.planFrame(s, v, w, h)
	if !fp.dense || len(fp.rowInk) != h {
		t.Fatalf("the frame is not dense with ink by row (dense %v, %d rows)", fp.dense, len(fp.rowInk))
	}
	if cuts := denseCuts(fp); cuts[1] >= h/2 {
		t.Errorf("the bands are cut at %v, though the ties are all in the top half", cuts)
	}
}

// differing is how many bytes of a and b, as long, differ.
func differing(a, b []uint8) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// TestDenseFramesLeaveNoInkBehind: a dense frame drawn after another,
// whose ties lay elsewhere, is the frame a new renderer draws: what the
// first left in the ink planes is cleared, where it lies.
func TestDenseFramesLeaveNoInkBehind(t *testing.T) {
	t.Parallel()
	s := opaqueCrowd(6000, 8000, 7)
	w, h := 800, 600
	before := View{CX: 4000, CY: 4000, Zoom: 0.1, UIScale: 1}
	after := View{CX: 2500, CY: 5000, Zoom: 0.14, UIScale: 1}
	used := testRenderer(t)
	if p := used.planFrame(s, after, w, h); !p.dense || p.inks == nil {
		t.Fatalf("the frame is not dense with numbered inks (dense %v, %d inks)", p.dense, len(p.inks))
	}
	used.Draw(s, before, w, h)
	got := used.Draw(s, after, w, h)
	want := testRenderer(t).Draw(s, after, w, h)
	if n := differing(got.Pix, want.Pix); n > 0 {
		t.Errorf("%d channels differ from a new renderer's frame", n)
	}
}

// With an actor selected, its ties (stressed) are drawn after the faded
// rest, over them, each group in the scene's order.
func TestStressedTiesAreDrawnLast(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(400, 3000, 11)
	s.Selected = s.Edges[200].From
	p := r.planFrame(s, View{CX: 1500, CY: 1500, Zoom: 0.3, UIScale: 1}, 900, 900)
	seen, last := false, map[bool]int32{false: -1, true: -1}
	for _, pe := range p.edges {
		st := s.stressed(pe.e)
		if seen && !st {
			t.Fatalf("tie %d (not stressed) is drawn after a stressed one", pe.e.ID)
		}
		seen = seen || st
		if pe.idx <= last[st] {
			t.Fatalf("tie %d is out of the scene's order", pe.e.ID)
		}
		last[st] = pe.idx
	}
	if !seen {
		t.Fatal("no stressed tie was drawn")
	}
}

// On a map with more ties than are routed, the tie hit test plans only a
// small picture around the point: it finds what planning the whole
// picture finds, on probes next to ties.
func TestHitTestTieInASmallPictureFindsWhatTheWholeFinds(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(3000, 6000, 3)
	if len(s.Edges) <= routeLimit {
		t.Fatalf("%d ties: the scene must have more than %d", len(s.Edges), routeLimit)
	}
	v := View{CX: 3000, CY: 3000, Zoom: 0.25, UIScale: 1}
	w, h := 1200, 900
	whole := r.planShapes(s, v, w, h)
	rng := rand.New(rand.NewSource(4))
	hits := 0
	for range 800 {
		pe := whole.edges[rng.Intn(len(whole.edges))]
		mid := pe.path[len(pe.path)/2]
		sx, sy := mid.X+rng.Float64()*6-3, mid.Y+rng.Float64()*6-3
		if sx < 0 || sy < 0 || sx >= float64(w)-legendWidth || sy >= float64(h) {
			continue // clicks are on the map, left of the legend
		}
		want, _ := nearestTie(whole, sx, sy, tieHitPixels)
		got, _ := r.HitTestTie(s, v, w, h, sx, sy)
		if got != want {
			t.Fatalf("at (%.1f, %.1f) the small picture finds tie %d, the whole %d", sx, sy, got, want)
		}
		if got != 0 {
			hits++
		}
	}
	if hits < 200 {
		t.Fatalf("only %d of 800 probes found a tie: the test does not test much", hits)
	}
}

// A rectangle on whole pixels is filled without the rasterizer, with the
// pixels the rasterizer's mask gives: each rectangle is filled once as
// four corners and once with a fifth corner on a side, which takes the
// rasterizer, over the same random picture.
func TestPixelRectanglesFillAsTheRasterizerDoes(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	rng := rand.New(rand.NewSource(9))
	ground := image.NewRGBA(image.Rect(0, 0, 64, 48))
	rng.Read(ground.Pix)
	for i := 3; i < len(ground.Pix); i += 4 {
		ground.Pix[i] = 0xff
	}
	for k := range 300 {
		x0, y0 := float64(rng.Intn(80)-8), float64(rng.Intn(60)-6)
		x1, y1 := x0+float64(rng.Intn(30)), y0+float64(rng.Intn(30))
		c := color.NRGBA{uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256))}
		if k%3 == 0 {
			c.A = 0xff
		}
		corners := []pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
		if k%2 == 1 {
			corners = []pt{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}}
		}
		if !pixelRect(corners) {
			t.Fatalf("%v is not taken for a rectangle on whole pixels", corners)
		}
		fast, slow := image.NewRGBA(ground.Rect), image.NewRGBA(ground.Rect)
		copy(fast.Pix, ground.Pix)
		copy(slow.Pix, ground.Pix)
		newPainter(fast, r).fill(corners, c)
		five := append(corners[:1:1], lerp(corners[0], corners[1], 0.5))
		five = append(five, corners[1:]...)
		newPainter(slow, r).fill(five, c)
		if !bytes.Equal(fast.Pix, slow.Pix) {
			t.Fatalf("rectangle %v in %v: the direct fill differs from the rasterizer's", corners, c)
		}
	}
	if pixelRect([]pt{{0.5, 0}, {4, 0}, {4, 4}, {0.5, 4}}) || pixelRect([]pt{{0, 0}, {4, 1}, {4, 4}, {0, 4}}) {
		t.Error("a rectangle off whole pixels, or not a rectangle, is taken for one")
	}
}

// A small triangle (an arrowhead on a zoomed-out map) is filled by the
// distance to its edges: on random triangles its ink is the
// rasterizer's within an eighth of its area, and no pixel differs by
// more than a fifth.
func TestSmallTrianglesFillAsTheRasterizerDoes(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	rng := rand.New(rand.NewSource(12))
	worstPixel, worstInk := 0.0, 0.0
	for range 500 {
		size := 2 + rng.Float64()*(smallTriangle-2)
		o := pt{4 + rng.Float64()*8, 4 + rng.Float64()*8}
		a := rng.Float64() * 2 * math.Pi
		u := pt{math.Cos(a), math.Sin(a)}
		base := pt{o.X - u.X*size, o.Y - u.Y*size}
		tri := []pt{o, {base.X - u.Y*size*0.5, base.Y + u.X*size*0.5}, {base.X + u.Y*size*0.5, base.Y - u.X*size*0.5}}
		if math.Max(math.Max(tri[0].X, tri[1].X), tri[2].X)-math.Min(math.Min(tri[0].X, tri[1].X), tri[2].X) > smallTriangle {
			continue
		}
		black := color.NRGBA{0, 0, 0, 0xff}
		small, raster := image.NewRGBA(image.Rect(0, 0, 24, 24)), image.NewRGBA(image.Rect(0, 0, 24, 24))
		newPainter(small, r).fill(tri, black)
		newPainter(raster, r).fill([]pt{tri[0], lerp(tri[0], tri[1], 0.5), tri[1], tri[2]}, black)
		var inkS, inkR float64
		for i := 3; i < len(small.Pix); i += 4 {
			s, q := float64(small.Pix[i])/255, float64(raster.Pix[i])/255
			inkS, inkR = inkS+s, inkR+q
			worstPixel = math.Max(worstPixel, math.Abs(s-q))
		}
		area := size * size / 2
		if d := math.Abs(inkS - inkR); d > area/8 {
			t.Errorf("triangle %v: ink %.2f px, the rasterizer's %.2f", tri, inkS, inkR)
		}
		worstInk = math.Max(worstInk, math.Abs(inkS-inkR)/area)
	}
	if worstPixel > 0.2 {
		t.Errorf("a pixel differs from the rasterizer's by %.2f", worstPixel)
	}
	t.Logf("worst pixel %.2f, worst ink %.3f of the area", worstPixel, worstInk)
}

// A renderer keeps the arrays of the frames it draws for the next, but
// holds on to no scene other than the last one drawn: after a big scene
// and then a small one, nothing it keeps points into the big one.
func TestKeptArraysLetGoOfEarlierScenes(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	big, small := crowdedScene(6000, 8000, 5), crowdedScene(50, 1000, 6)
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	r.DrawOn(img, big, View{CX: 4000, CY: 4000, Zoom: 0.08, UIScale: 1})
	if r.spare.planned <= planChunk {
		t.Fatalf("the big frame planned %d ties: the test does not test much", r.spare.planned)
	}
	r.DrawOn(img, small, View{CX: 500, CY: 500, Zoom: 0.5, UIScale: 1})
	inBig := make(map[*Edge]bool, len(big.Edges))
	for i := range big.Edges {
		inBig[&big.Edges[i]] = true
	}
	kept := r.spare.edges[:cap(r.spare.edges)]
	for i := range kept {
		if inBig[kept[i].e] {
			t.Fatalf("kept planned tie %d of %d still points into the big scene (the small frame planned %d)", i, len(kept), r.spare.planned)
		}
	}
}

// clipSegment keeps exactly the part of a segment inside the rectangle:
// on random segments, the points sampled along each that lie inside are
// those between the clipped ends, and a segment wholly outside is
// dropped.
func TestClipSegmentKeepsWhatIsInside(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(14))
	r := rect{100, 50, 300, 250}
	for range 2000 {
		a := pt{rng.Float64()*500 - 50, rng.Float64()*400 - 50}
		b := pt{rng.Float64()*500 - 50, rng.Float64()*400 - 50}
		if rng.Intn(8) == 0 {
			b.X = a.X // upright
		}
		ca, cb, ok := clipSegment(a, b, r)
		d := dist(a, b)
		at := func(q pt) float64 { // how far along a-b q is, 0 to 1
			if d == 0 {
				return 0
			}
			return dist(a, q) / d
		}
		for k := 0; k <= 400; k++ {
			q := lerp(a, b, float64(k)/400)
			inside := q.X > r.x0+1e-9 && q.X < r.x1-1e-9 && q.Y > r.y0+1e-9 && q.Y < r.y1-1e-9
			kept := ok && float64(k)/400 >= at(ca)-1e-9 && float64(k)/400 <= at(cb)+1e-9
			if inside && !kept {
				t.Fatalf("segment %v-%v: %v is inside %v but not kept (clipped to %v-%v, %v)", a, b, q, r, ca, cb, ok)
			}
			if kept && !(q.X >= r.x0-1e-6 && q.X <= r.x1+1e-6 && q.Y >= r.y0-1e-6 && q.Y <= r.y1+1e-6) {
				t.Fatalf("segment %v-%v: %v is kept but outside %v", a, b, q, r)
			}
		}
	}
}

// acrossWithin finds exactly the steps a walk would find in the rows
// [lo, hi) by stepping: on random walks, up and down, steep and flat,
// starting inside, above and below the rows.
func TestAcrossWithinFindsTheStepsInside(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(15))
	for range 20000 {
		lo := rng.Intn(200) - 100
		hi := lo + rng.Intn(300)
		yf := toFixed(rng.Float64()*800 - 400)
		df := toFixed((rng.Float64()*2 - 1) * []float64{0.001, 0.3, 1, 40}[rng.Intn(4)])
		if rng.Intn(10) == 0 {
			df = 0
		}
		n := rng.Intn(600)
		first, last := acrossWithin(yf, df, n, lo, hi)
		var want []int
		for k := 0; k <= n; k++ {
			if j := int((yf + int64(k)*df) >> 32); j >= lo && j < hi {
				want = append(want, k)
			}
		}
		if len(want) == 0 {
			if first <= last {
				t.Fatalf("yf %d df %d n %d rows [%d,%d): no step is inside, got %d to %d", yf, df, n, lo, hi, first, last)
			}
			continue
		}
		if first != want[0] || last != want[len(want)-1] || last-first+1 != len(want) {
			t.Fatalf("yf %d df %d n %d rows [%d,%d): steps %d to %d are inside, got %d to %d", yf, df, n, lo, hi, want[0], want[len(want)-1], first, last)
		}
	}
}

// With an actor selected in a dense frame, the faded ties are drawn in
// their colour laid over the background (opaque, by numbered ink), so
// that the picture behind the selected actor's ties comes out light: laid
// many times over each other, translucent lines had added up to their
// full colour and the selection did not stand out.
func TestDenseFramesShowTheFade(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := opaqueCrowd(6000, 8000, 7)
	v := View{CX: 4000, CY: 4000, Zoom: 0.1, UIScale: 1}
	w, h := 800, 600
	// lightness is the mean of the channels over the map's middle.
	lightness := func(s *Scene) float64 {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		r.paint(r.planFrame(s, v, w, h), img)
		var sum, n float64
		for y := h / 4; y < 3*h/4; y++ {
			for x := w / 8; x < w/2; x++ {
				c := img.RGBAAt(x, y)
				sum += float64(c.R) + float64(c.G) + float64(c.B)
				n += 3
			}
		}
		return sum / n
	}
	plain := lightness(s)
	s.Selected = s.Edges[0].From
	p := r.planFrame(s, v, w, h)
	if !p.dense || p.inks == nil {
		t.Fatalf("the frame with a selection is not dense with numbered inks (dense %v, %d inks)", p.dense, len(p.inks))
	}
	checkFlatFade(t, p)
	if faded := lightness(s); faded < plain+40 {
		t.Errorf("the faded picture is hardly lighter than the plain one: %.0f against %.0f (of 255)", faded, plain)
	}
}

// A box grid visits every box that may overlap a place, each once: on
// random boxes (some beyond the grid's area, some wide) and places, the
// boxes that overlap a place, the area it shares with them and whether
// any does are what a look at every box finds.
func TestBoxGridFindsEveryOverlap(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(16))
	area := rect{0, 0, 640, 480}
	box := func() rect {
		x, y := rng.Float64()*800-80, rng.Float64()*600-60
		w := rng.Float64() * 120
		if rng.Intn(50) == 0 {
			w = 700 // wider than wideCells
		}
		return rect{x, y, x + w, y + rng.Float64()*40}
	}
	g := newBoxGrid(nil, area)
	var boxes []rect
	for range 3000 {
		boxes = append(boxes, box())
		g.add(boxes[len(boxes)-1])
	}
	for range 2000 {
		q := box()
		var want, got []int32
		var area float64
		for i, b := range boxes {
			if q.overlap(b) > 0 {
				want = append(want, int32(i))
				area += q.overlap(b)
			}
		}
		visits := map[int32]int{}
		g.visit(q, func(i int32) bool {
			visits[i]++
			if q.overlap(g.boxes[i]) > 0 {
				got = append(got, i)
			}
			return false
		})
		for i, n := range visits {
			if n > 1 {
				t.Fatalf("place %v: box %d visited %d times", q, i, n)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("place %v: boxes %v overlap it, the grid found %v", q, want, got)
		}
		if c := g.cost(q, math.Inf(1)); math.Abs(c-area) > 1e-9*max(1, area) {
			t.Fatalf("place %v: it shares %v with the boxes, the grid says %v", q, area, c)
		}
		if g.any(q) != (len(want) > 0) {
			t.Fatalf("place %v: any says %v with %d overlapping", q, g.any(q), len(want))
		}
	}
}

// A line put in a box grid by its path is visited from every place
// nearer to it than the distance asked about: on random polylines, long
// and short, some running beyond the grid's area and along its edges,
// the lines a grid visits within a distance of a place include every line
// a look at all of them finds nearer than that.
func TestBoxGridFindsTheLinesNearAPlace(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(17))
	area := rect{0, 0, 640, 480}
	point := func() pt { return pt{rng.Float64()*1000 - 180, rng.Float64()*800 - 160} }
	g := newBoxGrid(nil, area)
	var paths [][]pt
	for range 600 {
		path := []pt{point()}
		for range rng.Intn(3) + 1 {
			q := point()
			switch rng.Intn(6) {
			case 0: // short
				q = pt{path[len(path)-1].X + rng.Float64()*30 - 15, path[len(path)-1].Y + rng.Float64()*30 - 15}
			case 1: // upright, on a cell side
				q.X = path[len(path)-1].X
			case 2: // level, along the area's edge
				path[len(path)-1].Y, q.Y = 0, 0
			}
			path = append(path, q)
		}
		paths = append(paths, path)
		g.addPath(bounds(path), path)
	}
	for range 3000 {
		c := point()
		near := rng.Float64() * 60
		visited := map[int32]bool{}
		g.visit(rect{c.X - near, c.Y - near, c.X + near, c.Y + near}, func(i int32) bool {
			visited[i] = true
			return false
		})
		for i, path := range paths {
			if d := pathDistance(c, path); d < near && !visited[int32(i)] {
				t.Fatalf("line %d (%v) is %.2f from %v, nearer than %.2f, but not visited", i, path, d, c, near)
			}
		}
	}
}

// A frame that is not dense but stresses a selected actor's ties draws
// the faded rest opaque too, in their colour over the background: where
// they crowd, as on a map drawn in a narrow column, they no longer add
// up to their full colour and hide the selection.
func TestFadedTiesAreFlatOutsideDenseFrames(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := opaqueCrowd(300, 3000, 8)
	s.Selected = s.Edges[0].From
	p := r.planFrame(s, View{CX: 1500, CY: 1500, Zoom: 0.25, UIScale: 1}, 800, 600)
	if p.dense {
		t.Fatal("the frame is dense")
	}
	checkFlatFade(t, p)
}

// opaqueCrowd is crowdedScene with every actor opaque, so that the ties'
// opacity is their own.
func opaqueCrowd(n int, spread float64, seed int64) *Scene {
	s := crowdedScene(n, spread, seed)
	for i := range s.Nodes {
		s.Nodes[i].Alpha = 1
	}
	return s
}

// checkFlatFade checks that plan p draws the stressed ties in their
// colour and the faded rest in their faded colour laid over the
// background, opaque, and that it has some of both.
func checkFlatFade(t *testing.T, p *plan) {
	t.Helper()
	ground := p.pal.background
	for i, pe := range p.edges {
		col := parseColor(pe.e.Kind.Color)
		want := over(fade(col, 0.3), ground)
		if i >= p.liftedFrom() {
			want = col
		}
		if pe.col != want {
			t.Fatalf("tie %d (stressed %v) is drawn in %v, want %v", pe.e.ID, i >= p.liftedFrom(), pe.col, want)
		}
	}
	if faded := p.liftedFrom(); faded == 0 || faded == len(p.edges) {
		t.Fatalf("%d faded ties and %d stressed", faded, len(p.edges)-faded)
	}
}

// A panic on one of spread's goroutines is raised again on the caller's,
// saying what it said and where it began, once the others have stopped.
func TestSpreadRaisesAPanicOnTheCaller(t *testing.T) {
	r := testRenderer(t)
	var ran atomic.Int64
	caught := func() (p any) {
		defer func() { p = recover() }()
		r.spread(1000, func(_, i int) {
			ran.Add(1)
			if i == 5 {
				panic("tile 5 went wrong")
			}
			time.Sleep(200 * time.Microsecond)
		})
		return nil
	}()
	err, ok := caught.(interface {
		error
		Stack() []byte
	})
	if !ok {
		t.Fatalf("spread raised %v (%T), want the worker's panic", caught, caught)
	}
	if err.Error() != "tile 5 went wrong" || !strings.Contains(string(err.Stack()), "TestSpreadRaisesAPanicOnTheCaller") {
		t.Errorf("spread raised %q, from\n%s", err, err.Stack())
	}
	if n := ran.Load(); n > 500 {
		t.Errorf("after the panic the other goroutines went on: %d of 1000 done", n)
	}
}

// TestTheSelectionsNeighbourhoodFollowsTheSelection: the neighbourhood a
// scene keeps for its selected actor is the new one's when the selection
// changes on the same scene, and a frame drawn then is the one a new
// scene with that selection draws.
func TestTheSelectionsNeighbourhoodFollowsTheSelection(t *testing.T) {
	r := testRenderer(t)
	s := crowdedScene(300, 2000, 5)
	want := func(sel model.ID) map[model.ID]bool {
		near := map[model.ID]bool{sel: true}
		for _, e := range s.Edges {
			if e.From == sel {
				near[e.To] = true
			}
			if e.To == sel {
				near[e.From] = true
			}
		}
		return near
	}
	v := View{CX: 1000, CY: 1000, Zoom: 0.4, UIScale: 1}
	draw := func(s *Scene) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 500, 400))
		r.DrawOn(img, s, v)
		return img
	}
	for _, sel := range []model.ID{s.Edges[10].From, s.Edges[200].To, s.Edges[10].From} {
		s.Selected = sel
		got := draw(s)
		if near := r.neighbourhood(s); !maps.Equal(near, want(sel)) {
			t.Fatalf("selecting %d: the neighbourhood has %d actors, want %d", sel, len(near), len(want(sel)))
		}
		fresh := *s
		fresh.ix = nil
		if !bytes.Equal(got.Pix, draw(&fresh).Pix) {
			t.Fatalf("selecting %d on a scene that had another selected draws another frame than a new scene", sel)
		}
	}
	s.Selected = 0
	if near := r.neighbourhood(s); near != nil {
		t.Fatalf("with nothing selected, the neighbourhood has %d actors, want none (nil)", len(near))
	}
}
