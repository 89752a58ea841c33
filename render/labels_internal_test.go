package render

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"relmap/assets"
	"relmap/i18n"
	"relmap/layout"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/storetest"
)

// labelScene is A and B far apart with a tie between them, A selected, and
// C in the middle of the tie, where its label would go first.
func labelScene() *Scene {
	kind := model.Kind{Name: "tie", Color: "#336699"}
	actor := model.Kind{Name: "person", Color: "#aa5500", Shape: model.ShapeCircle}
	return &Scene{
		Selected: 1,
		Nodes: []Node{
			{ID: 1, Label: "A", Kind: actor, X: 0, Y: 0, Alpha: 1, Selected: true},
			{ID: 2, Label: "B", Kind: actor, X: 600, Y: 0, Alpha: 1},
			{ID: 3, Label: "C in the middle", Kind: actor, X: 300, Y: -10, Alpha: 1},
		},
		Edges: []Edge{
			{ID: 1, From: 1, To: 2, Kind: kind, Label: "a long label of the tie", Alpha: 1, Lanes: 1},
			{ID: 2, From: 1, To: 3, Kind: kind, Label: "to the middle", Alpha: 1, Lanes: 1},
		},
	}
}

func TestEdgeLabelsAvoidActorsAndEachOther(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := labelScene()
	w, h := 1000, 600
	v := View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	labels := r.planFrame(s, v, w, h).labels
	if len(labels) != 2 {
		t.Fatalf("placed %d labels, want 2", len(labels))
	}
	for _, l := range labels {
		for i := range s.Nodes {
			n := &s.Nodes[i]
			if a := l.box.overlap(r.nodeRect(n, v, w, h)); a > 0 {
				t.Errorf("label %q covers %q (%.0f px²)", l.e.Label, n.Label, a)
			}
		}
	}
	if a := labels[0].box.overlap(labels[1].box); a > 0 {
		t.Errorf("labels %q and %q overlap (%.0f px²)", labels[0].e.Label, labels[1].e.Label, a)
	}
}

// A selected actor's ties, short on screen where the map is seen whole,
// are labelled only where a label covers no other: seen from far, the
// labels of a star of eight short ties would pile on each other.
func TestTieLabelsNeverCoverEachOther(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	kind := model.Kind{Name: "tie", Color: "#336699"}
	actor := model.Kind{Name: "country", Color: "#aa5500", Shape: model.ShapeCircle}
	s := &Scene{Selected: 1, Nodes: []Node{{ID: 1, Label: "Centre", Kind: actor, Alpha: 1, Selected: true}}}
	for k := range 8 {
		a := float64(k) * math.Pi / 4
		id := model.ID(k + 2)
		s.Nodes = append(s.Nodes, Node{ID: id, Label: fmt.Sprintf("Actor %d", k), Kind: actor, X: 120 * math.Cos(a), Y: 120 * math.Sin(a), Alpha: 1})
		s.Edges = append(s.Edges, Edge{ID: id, From: 1, To: id, Kind: kind, Label: "Ambassador / envoy", Alpha: 1, Lanes: 1})
	}
	w, h := 900, 600
	for _, zoom := range []float64{0.3, 0.6, 1.5} {
		labels := r.planFrame(s, View{Zoom: zoom, UIScale: 1}, w, h).labels
		for i, l := range labels {
			for _, o := range labels[:i] {
				if a := l.box.overlap(o.box); a > 0 {
					t.Errorf("zoom %v: label of tie %d covers that of tie %d (%.0f px²)", zoom, l.e.ID, o.e.ID, a)
				}
			}
		}
		if zoom == 1.5 && len(labels) != 8 {
			t.Errorf("zoom %v: %d of the 8 ties labelled; there is room for all", zoom, len(labels))
		}
		t.Logf("zoom %v: %d labels", zoom, len(labels))
	}
}

func TestAlongPath(t *testing.T) {
	t.Parallel()
	path := []pt{{0, 0}, {10, 0}, {10, 30}}
	tests := []struct {
		t          float64
		at, normal pt
	}{{0, pt{0, 0}, pt{0, 1}}, {0.25, pt{10, 0}, pt{0, 1}}, {0.5, pt{10, 10}, pt{-1, 0}}, {1, pt{10, 30}, pt{-1, 0}}}
	for _, tt := range tests {
		if at, normal := alongPath(path, tt.t); at != tt.at || normal != tt.normal {
			t.Errorf("alongPath(%v) = %v, %v; want %v, %v", tt.t, at, normal, tt.at, tt.normal)
		}
	}
}

// TestEdgeLabelsOnTheDefaultMap selects every actor of the default map at
// every keyframe, as the app draws it at 1200×750, and counts the tie
// labels that cover an actor or another label. Where ties are short some
// must; at the middle of every line, 350 of the 672 labels covered an
// actor and 26 another label.
func TestEdgeLabelsOnTheDefaultMap(t *testing.T) {
	t.Parallel()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	checkEdgeLabels(t, m, 1, true)
}

// The same checks on a generated 200-actor map, every seventh actor
// selected at every keyframe. Its ties, all of one kind, are not labelled
// by it (see NewScene): each is given a label of its own.
func TestEdgeLabelsOnAGeneratedMap(t *testing.T) {
	t.Parallel()
	m := storetest.Generated(200, 300)
	for i := range m.Ties {
		m.Ties[i].Label = fmt.Sprintf("relations %d", i+1)
	}
	checkEdgeLabels(t, m, 7, false)
}

// Where more than crowdedLabels ties are labelled (every tie, on a crowded
// picture), a label goes only where it covers nothing: no actor, no label
// placed before it. Where fewer are, all find a place.
func TestCrowdedLabelsCoverNothing(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	w, h := 1200, 750
	for _, n := range []int{150, 1500} {
		s := crowdedScene(n, 3000, 3)
		s.TieLabels = true
		for i := range s.Edges {
			s.Edges[i].Label = "relations"
		}
		v := View{CX: 1500, CY: 1500, Zoom: 0.3, UIScale: 1}
		p := r.planFrame(s, v, w, h)
		// What is seen of a box: the part in the map's part of the picture.
		seen := func(b rect) rect {
			return rect{math.Max(b.x0, 0), math.Max(b.y0, 0), math.Min(b.x1, float64(p.mapW)), math.Min(b.y1, float64(h))}
		}
		onActor, onLabel := 0, 0
		_, top, _, _ := plot(w, h, v)
		for i, l := range p.labels {
			if crowded := len(p.edges) > crowdedLabels; crowded && l.box.overlap(rect{0, 0, float64(p.mapW), top}) > 0 {
				t.Errorf("%d ties labelled: label %q at %v lies under the header", len(p.edges), l.text, l.box)
			}
			for k := range s.Nodes {
				if nd := &s.Nodes[k]; nd.Alpha > 0.01 && seen(l.box).overlap(seen(r.nodeRect(nd, v, w, h))) > 0 {
					onActor++
					break
				}
			}
			for _, o := range p.labels[:i] {
				if l.box.overlap(o.box) > 0 {
					onLabel++
					break
				}
			}
		}
		t.Logf("%d ties: %d labels, %d cover an actor, %d another label", len(p.edges), len(p.labels), onActor, onLabel)
		crowded := len(p.edges) > crowdedLabels
		if crowded && (onActor > 0 || onLabel > 0 || len(p.labels) == 0) {
			t.Errorf("%d ties labelled: %d labels, %d cover an actor and %d another label; want some, covering nothing", len(p.edges), len(p.labels), onActor, onLabel)
		}
		// Fewer labelled, a label may cover an actor where nothing is
		// free, but never another label: text over text reads as neither.
		if !crowded && (onActor == 0 || onLabel > 0) {
			t.Errorf("%d ties labelled: %d labels cover an actor and %d another label; want some over an actor (the test shows they may) and none over a label", len(p.edges), onActor, onLabel)
		}
	}
}

// checkEdgeLabels selects every step-th actor of m at every keyframe and
// counts where the labels of its ties go. No label may lie nearer another
// line than its own or hide an arrowhead; with roomy set (a map whose
// picture has room between actors) few may cover an actor or a label.
func checkEdgeLabels(t *testing.T, m *model.Map, step int, roomy bool) {
	r := testRenderer(t)
	tl, err := r.Layout(context.Background(), m, layout.DefaultStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, h := 1200, 750
	v := r.FitTimeline(m, tl, w, h, 1)
	var labels, stressed, onActor, onLabel, onOtherLine, onArrow int
	for _, day := range m.Keyframes() {
		for i := 0; i < len(m.Actors); i += step {
			s := NewScene(m, FrameAt(m, tl, day), day, m.Actors[i].ID)
			p := r.planFrame(s, v, w, h)
			for _, pe := range p.edges {
				if pe.idx >= 0 && s.stressed(pe.e) && pe.e.Label != "" && pe.e.Alpha >= 0.5 {
					stressed++
				}
			}
			placed := p.labels
			for i, l := range placed {
				labels++
				if nearerAnotherLine(p, l) {
					onOtherLine++
				}
				for _, pe := range p.edges {
					if pe.arrow != nil && l.box.overlap(bounds(pe.arrow[:])) > 0 {
						onArrow++
						break
					}
				}
				for k := range s.Nodes {
					if n := &s.Nodes[k]; n.Alpha > 0.01 && l.box.overlap(r.nodeRect(n, v, w, h)) > 0 {
						onActor++
						break
					}
				}
				for _, o := range placed[:i] {
					if l.box.overlap(o.box) > 0 {
						onLabel++
						break
					}
				}
			}
		}
	}
	t.Logf("%d labels of %d stressed ties: %d cover an actor, %d cover a label placed before them, %d lie nearer another line than their own, %d cover an arrowhead",
		labels, stressed, onActor, onLabel, onOtherLine, onArrow)
	if labels == 0 {
		t.Fatal("no labels placed")
	}
	if onOtherLine > 0 {
		t.Errorf("%d labels lie nearer another line than their own, want none", onOtherLine)
	}
	if onArrow > 0 {
		t.Errorf("%d of %d labels cover an arrowhead, want none", onArrow, labels)
	}
	if (stressed-labels)*10 > stressed {
		t.Errorf("%d of %d labels of stressed ties are left out for want of a true place, want at most a tenth", stressed-labels, stressed)
	}
	if roomy && (onActor*10 > labels || onLabel*50 > labels) {
		t.Errorf("%d of %d labels cover an actor (want at most a tenth), %d cover another label (want at most a fiftieth)", onActor, labels, onLabel)
	}
}

func TestHitTestTie(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := labelScene()
	w, h := 1000, 600
	v := View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	// A–B passes C, so it is drawn bent around it: a click follows the
	// tie as drawn, not the straight line between its ends.
	var path []pt
	for _, pe := range r.planFrame(s, v, w, h).edges {
		if pe.e.ID == 1 {
			path = pe.path
		}
	}
	if len(path) <= 2 {
		t.Fatalf("tie 1, which passes actor C, is drawn straight: %v", path)
	}
	mid, n := alongPath(path, 0.5)
	if id, ok := r.HitTestTie(s, v, w, h, mid.X+2*n.X, mid.Y+2*n.Y); !ok || id != 1 {
		t.Errorf("a click 2 px from the middle of tie 1 as drawn hit %d, %v", id, ok)
	}
	a, b := r.shapeCentre(&s.Nodes[0], v, w, h), r.shapeCentre(&s.Nodes[1], v, w, h)
	straight := pt{(a.X + b.X) / 2, (a.Y + b.Y) / 2}
	if id, ok := r.HitTestTie(s, v, w, h, straight.X, straight.Y+40); ok {
		t.Errorf("a click 40 px below the straight line hit %d", id)
	}
}

func TestLegendAt(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	country := model.Kind{Name: "country", Class: model.ClassActor}
	relations := model.Kind{Name: "relations", Class: model.ClassTie}
	s := &Scene{ActorKinds: []model.Kind{country}, TieKinds: []model.Kind{relations}}
	w, h := 1000, 600
	x := float64(w) - legendWidth + 40
	for _, row := range legendRows(s, nil, 1, h) {
		k, ok := r.LegendAt(s, View{UIScale: 1}, w, h, x, row.y-4)
		switch {
		case row.heading != "" && ok:
			t.Errorf("the heading %q hit kind %q", row.heading, k.Name)
		case row.heading == "" && (!ok || k != row.kind):
			t.Errorf("the line of %q hit %q, %v", row.kind.Name, k.Name, ok)
		}
	}
	if _, ok := r.LegendAt(s, View{UIScale: 1}, w, h, 100, 60); ok {
		t.Error("a point in the diagram hit the legend")
	}
	// Sized and coloured by measures, the legend says what by, in rows
	// that are no kind.
	s.SizeBy, s.ColorBy = "betweenness", "community"
	var notes []string
	for _, row := range legendRows(s, nil, 1, h) {
		if row.note != "" {
			notes = append(notes, row.note)
			if _, ok := r.LegendAt(s, View{UIScale: 1}, w, h, x, row.y-4); ok {
				t.Errorf("the note %q hit a kind", row.note)
			}
		}
	}
	if len(notes) != 2 || notes[0] != "Size: betweenness" || notes[1] != "Colour: community" {
		t.Errorf("legend notes = %q, want what size and colour mean", notes)
	}
	// What a filter leaves out, a line for each: on one line they ran
	// off the legend's edge.
	s.Filter = "only actors with ties\n1 kind hidden\nonly role = embassy"
	rows := legendRows(s, nil, 1, h)
	found := false
	for i, row := range rows {
		if row.heading == "Filter on" && i+3 < len(rows) && rows[i+1].note == "only actors with ties" &&
			rows[i+2].note == "1 kind hidden" && rows[i+3].note == "only role = embassy" && rows[i+3].y > rows[i+2].y {
			found = true
		}
	}
	if !found {
		t.Error("the legend does not say, a line for each, what the filter leaves out")
	}
	// Folded, the legend is a tab: a click on it unfolds it and hits no
	// kind; the fold control is the legend's top corner.
	folded := View{UIScale: 1, Collapsed: true}
	if _, ok := r.LegendAt(s, folded, w, h, float64(w)-10, legendRows(s, nil, 1, h)[1].y-4); ok {
		t.Error("a folded legend hit a kind")
	}
	if !LegendToggleAt(folded, w, h, float64(w)-10, 300) || LegendToggleAt(folded, w, h, float64(w)-60, 300) {
		t.Error("the folded legend's tab is not where it unfolds")
	}
	if !LegendToggleAt(View{UIScale: 1}, w, h, float64(w)-10, 10) || LegendToggleAt(View{UIScale: 1}, w, h, x, 200) {
		t.Error("the legend's fold control is not its top corner")
	}
	// Folding it gives its room to the diagram: a view fitted to the wider
	// width fills the folded picture's diagram area exactly.
	fit := Fit(0, 0, 1000, 500, CollapsedWidth(w, 1), h, 1)
	fit.Collapsed = true
	if x0, _ := fit.ToScreen(0, 250, w, h); math.Abs(x0-margin) > 1 {
		t.Errorf("the fitted box starts at x %.1f, want the margin %.0f", x0, margin)
	}
	if x1, _ := fit.ToScreen(1000, 250, w, h); math.Abs(x1-(float64(w)-tabWidth-margin)) > 1 {
		t.Errorf("the fitted box ends at x %.1f, want %.0f (the tab's edge less the margin)", x1, float64(w)-tabWidth-margin)
	}
}

// nearerAnotherLine reports whether label l's centre lies nearer a line
// drawn in the picture other than its own tie's.
func nearerAnotherLine(p *plan, l edgeLabel) bool {
	c := pt{(l.box.x0 + l.box.x1) / 2, (l.box.y0 + l.box.y1) / 2}
	own := math.Inf(1)
	for _, pe := range p.edges {
		if pe.e == l.e {
			own = pathDistance(c, pe.path)
		}
	}
	for _, pe := range p.edges {
		if pe.e != l.e && pathDistance(c, pe.path) < own {
			return true
		}
	}
	return false
}

// Ties are bent around actors that are not their ends: counted on the
// default map and on a generated 200-actor map at every keyframe, each
// date framed as the app frames it.
func TestTiesGoAroundActors(t *testing.T) {
	t.Parallel()
	def, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r := testRenderer(t)
	for _, tc := range []struct {
		name string
		m    *model.Map
	}{{"default map", def}, {"generated 200 actors", storetest.Generated(200, 300)}} {
		tl, err := r.Layout(context.Background(), tc.m, layout.DefaultStability, nil)
		if err != nil {
			t.Fatal(err)
		}
		w, h := 1200, 750
		var ties, through, straightThrough int
		for _, day := range tc.m.Keyframes() {
			s := NewScene(tc.m, FrameAt(tc.m, tl, day), day, 0)
			p := r.planFrame(s, r.FitDate(tc.m, tl, day, w, h, 1), w, h)
			if p.route == nil {
				continue
			}
			for _, pe := range p.edges {
				end := p.ix.ends[pe.idx]
				ties++
				if p.route.crossed(pe.path, end[0], end[1]) > 0 {
					through++
				}
				a, b := p.centre[end[0]], p.centre[end[1]]
				if p.route.crossed([]pt{a, b}, end[0], end[1]) > 0 {
					straightThrough++
				}
			}
		}
		t.Logf("%s: %d ties drawn over %d keyframes: %d pass through an actor not their own (%d would, drawn straight)",
			tc.name, ties, len(tc.m.Keyframes()), through, straightThrough)
		if ties == 0 || straightThrough == 0 {
			t.Fatalf("%s: %d ties, %d straight through an actor: the test tests nothing", tc.name, ties, straightThrough)
		}
		if through*100 > ties {
			t.Errorf("%s: %d of %d ties pass through an actor, want at most 1%%", tc.name, through, ties)
		}
	}
}

// TestHeaderListsTheDatesEvents: the header names every event of the date
// that fits beside the legend and counts the rest.
func TestHeaderListsTheDatesEvents(t *testing.T) {
	s := &Scene{Title: "Expulsions", Caption: "Filter on", EventDate: "2018-03-31"}
	for i := 1; i <= 11; i++ {
		s.Events = append(s.Events, fmt.Sprintf("expulsion %d", i))
	}
	width := func(t string) float64 { return float64(len(t)) }
	all := headerLine(s, nil, width, 1000)
	if !strings.HasSuffix(all, "expulsion 10; expulsion 11") || !strings.HasPrefix(all, "Expulsions   ·   Filter on   ·   2018-03-31  expulsion 1; ") {
		t.Errorf("with room for all: %q", all)
	}
	some := headerLine(s, nil, width, 100)
	if len(some) > 100 || !strings.HasSuffix(some, " more") || !strings.Contains(some, "expulsion 2;") {
		t.Errorf("with room for some (100): %q", some)
	}
	var shown int
	fmt.Sscanf(some[strings.LastIndex(some, "; and ")+len("; and "):], "%d", &shown)
	if listed := strings.Count(some, "expulsion "); listed+shown != 11 {
		t.Errorf("%q lists %d and counts %d more, want 11 in all", some, listed, shown)
	}
}

// In a narrow header the title gives way to the date's first event, which
// would otherwise be cut to a letter: a 640-pixel animation read
// "Mexico–Ecuador, April 2024 · 2024-04-05 M…; and 2 more".
func TestANarrowHeaderShowsTheFirstEventWhole(t *testing.T) {
	s := &Scene{Title: "Mexico–Ecuador, April 2024", EventDate: "2024-04-05",
		Events: []string{"Mexico grants Glas asylum", "Ecuadorian police raid the Mexican Embassy", "Jorge Glas arrested"}}
	width := func(t string) float64 { return float64(len([]rune(t))) }
	narrow := headerLine(s, nil, width, 60)
	if want := "2024-04-05  Mexico grants Glas asylum; and 2 more"; narrow != want {
		t.Errorf("60 wide: %q, want %q", narrow, want)
	}
	wide := headerLine(s, nil, width, 200)
	if !strings.HasPrefix(wide, "Mexico–Ecuador, April 2024   ·   2024-04-05  Mexico grants Glas asylum; Ecuadorian") {
		t.Errorf("200 wide: %q, want the title first", wide)
	}
	// A caption (a filter on, say) gives way after the title: the header
	// of a filtered picture did not say so.
	s.Caption = "Filter on: 1 kind hidden"
	if got, want := headerLine(s, nil, width, 90), "Filter on: 1 kind hidden   ·   2024-04-05  Mexico grants Glas asylum; and 2 more"; got != want {
		t.Errorf("90 wide with a caption: %q, want %q", got, want)
	}
}

// TestTieLabelsWithWeights: asked to, a picture labels every tie, with its
// weight, so that "expels (60)" and "expels (1)" differ on the picture.
func TestTieLabelsWithWeights(t *testing.T) {
	r := testRenderer(t)
	s := &Scene{
		Nodes: []Node{{ID: 1, Label: "Russia", X: 0, Y: 0, Alpha: 1}, {ID: 2, Label: "UK", X: 400, Y: 0, Alpha: 1}, {ID: 3, Label: "Malta", X: 0, Y: 300, Alpha: 1}},
		Edges: []Edge{
			{ID: 1, From: 2, To: 1, Label: "expels", Weight: 60, Alpha: 1, Lanes: 1},
			{ID: 2, From: 3, To: 1, Label: "expels", Weight: 1, Alpha: 1, Lanes: 1},
			{ID: 3, From: 3, To: 2, Alpha: 1, Lanes: 1},
		},
	}
	v := View{CX: 200, CY: 150, Zoom: 1, UIScale: 1}
	if got := r.planFrame(s, v, 900, 600).labels; len(got) != 0 {
		t.Errorf("without TieLabels %d ties are labelled, want none (their kind does not ask)", len(got))
	}
	s.TieLabels = true
	var texts []string
	for _, l := range r.planFrame(s, v, 900, 600).labels {
		texts = append(texts, l.text)
	}
	slices.Sort(texts)
	if want := []string{"expels (1)", "expels (60)"}; !slices.Equal(texts, want) {
		t.Errorf("labels %q, want %q (the unlabelled, unweighted tie has none)", texts, want)
	}
}

// TestParseSize reads sizes in pixels and on paper.
func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in    string
		dpi   float64
		w, h  int
		scale float64
	}{
		{"1600x1000", 0, 1600, 1000, 1},
		{"1600 x 1000 px", 0, 1600, 1000, 1},
		// A page narrower than a 1,000-pixel window is drawn as one.
		{"18x12cm", 300, 2126, 1417, 2.126},
		{"180×120mm", 150, 1063, 709, 1.063},
		{"8x5in", 0, 2400, 1500, 2.4},
		// A wider one keeps the screen's sizes.
		{"40x30cm", 150, 2362, 1772, 150.0 / 96},
		{"11x8.5in", 0, 3300, 2550, 300.0 / 96},
	} {
		w, h, scale, err := ParseSize(c.in, c.dpi)
		if err != nil || w != c.w || h != c.h || math.Abs(scale-c.scale) > 1e-9 {
			t.Errorf("ParseSize(%q, %v) = %d, %d, %v, %v; want %d, %d, %v", c.in, c.dpi, w, h, scale, err, c.w, c.h, c.scale)
		}
	}
	for _, bad := range []string{"", "18x12furlong", "x12cm", "-5x4cm", "big", "10x10", "80x80in"} {
		if _, _, _, err := ParseSize(bad, 300); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

// A size out of range says how many pixels it is and what the range is,
// once, and a size too big to count says more than the largest.
func TestParseSizeSaysTheRange(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"5x5", `size "5x5" is 5×5 pixels: each side must be 100 to 16384 pixels`},
		{"0x100", `size "0x100" is 0×100 pixels: each side must be 100 to 16384 pixels`},
		{"1e300x100", `size "1e300x100" is more than 16384×100 pixels: each side must be 100 to 16384 pixels`},
		{"80x80in", `size "80x80in" is 24000×24000 pixels at 300 dpi: each side must be 100 to 16384 pixels`},
		{"1600xabc", `size "1600xabc": want WIDTHxHEIGHT and a unit, px, cm, mm or in (1600x1000, 18x12cm)`},
	} {
		_, _, _, err := ParseSize(c.in, 300)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseSize(%q): %v; want %s", c.in, err, c.want)
		}
	}
}

// On paper the sources' marks stay a little smaller than the actors'
// names, and a labelled tie's marks are written after its label rather
// than over it: at 18×12 cm, marks drawn at the screen's size came out
// bigger than the names and sat on the ties' labels.
func TestSourceMarksOnPaper(t *testing.T) {
	r := testRenderer(t)
	m, tl := laidOutDefaultMap(t, r)
	day := model.MustDate("2024-04-07").First()
	for _, size := range []string{"18x12cm", "1200x750"} {
		w, h, scale, err := ParseSize(size, 300)
		if err != nil {
			t.Fatal(err)
		}
		sw, sh := int(float64(w)/scale), int(float64(h)/scale)
		s, v := r.StillScene(m, tl, day, FrameDate, sw, sh)
		v = v.Scaled(sw, sh, w, h)
		s.TieLabels = true
		s.CiteSources(m)
		v = r.WithFooter(s, v, w, h)
		p := r.planVector(s, fixView(v), w, h)
		if p.size == 0 {
			t.Fatalf("%s: the actors' names are not drawn", size)
		}
		for _, l := range p.labels {
			if want := markText(l.e.Marks); l.marks != want {
				t.Errorf("%s: the label %q carries the marks %q, want %q", size, l.text, l.marks, want)
			}
		}
		c := &recorder{r: r}
		r.drawVector(p, c)
		type written struct {
			text       string
			size, x, y float64
		}
		var marks, labels []written
		tieLabels := map[string]bool{}
		for _, l := range p.labels {
			tieLabels[l.text] = true
		}
		for _, line := range strings.Split(c.out.String(), "\n") {
			f := strings.Fields(line)
			if len(f) < 6 || f[0] != "text" {
				continue
			}
			var wr written
			wr.text, _ = strconv.Unquote(strings.Join(f[5:], " "))
			wr.size, _ = strconv.ParseFloat(f[3], 64)
			fmt.Sscanf(f[4], "%g,%g", &wr.x, &wr.y)
			switch {
			case strings.Trim(wr.text, "0123456789,") == "":
				marks = append(marks, wr)
			case tieLabels[wr.text]:
				labels = append(labels, wr)
			}
		}
		if len(marks) == 0 || len(labels) == 0 {
			t.Fatalf("%s: %d marks and %d tie labels written", size, len(marks), len(labels))
		}
		box := func(wr written) rect {
			return rect{wr.x, wr.y - 0.8*wr.size, wr.x + r.textWidth(false, wr.size, wr.text), wr.y + 0.2*wr.size}
		}
		for _, mk := range marks {
			if mk.size > p.size+1e-9 {
				t.Errorf("%s: the mark %q is %.1f px, bigger than the actors' names (%.1f px)", size, mk.text, mk.size, p.size)
			}
			for _, l := range labels {
				if box(mk).overlap(box(l)) > 0 {
					t.Errorf("%s: the mark %q at %.0f,%.0f is written over the tie label %q", size, mk.text, mk.x, mk.y, l.text)
				}
			}
		}
	}
}

// TieLabelsLeftOut counts the labels asked for that find no room: with
// every tie labelled, the ties shown with a label less those written.
func TestTieLabelsLeftOut(t *testing.T) {
	r := testRenderer(t)
	m, tl := laidOutDefaultMap(t, r)
	day := model.MustDate("2024-04-07").First()
	for _, size := range [][2]int{{1016, 757}, {500, 320}} {
		w, h := size[0], size[1]
		s, v := r.StillScene(m, tl, day, FrameDate, w, h)
		s.TieLabels = true
		p := r.planVector(s, fixView(v), w, h)
		var asked int
		for _, pe := range p.edges {
			if pe.idx >= 0 && s.labelText(pe.e, r.lang) != "" {
				asked++
			}
		}
		var buf bytes.Buffer
		if err := r.Record(&buf, s, v, w, h); err != nil {
			t.Fatal(err)
		}
		written := 0
		for _, l := range p.labels {
			if strings.Contains(buf.String(), strconv.Quote(l.text)) {
				written++
			}
		}
		left := r.TieLabelsLeftOut(s, v, w, h)
		if written != len(p.labels) || left != asked-written {
			t.Errorf("%d×%d: %d labels asked for, %d written of %d placed, %d said to be left out", w, h, asked, written, len(p.labels), left)
		}
		if w == 500 && left == 0 {
			t.Errorf("at 500×320 every one of %d tie labels found room", asked)
		}
	}
}

// A ghost (a tie that ended, in a comparison) between two actors that a
// tie on show joins too is bowed beside it: drawn straight, it lay under
// the tie that replaced it, dash on dash, and did not show.
func TestAGhostBesideATieOnShowIsSeen(t *testing.T) {
	r := testRenderer(t)
	kind := model.Kind{Name: "severed", Color: "#336699", Dashed: true}
	actor := model.Kind{Name: "country", Color: "#aa5500", Shape: model.ShapeCircle}
	s := &Scene{
		Nodes: []Node{{ID: 1, Label: "Mexico", Kind: actor, X: 0, Y: 0, Alpha: 1}, {ID: 2, Label: "Ecuador", Kind: actor, X: 600, Y: 0, Alpha: 1}},
		Edges: []Edge{{ID: 1, From: 1, To: 2, Kind: kind, Label: "relations broken", Alpha: 1, Lanes: 1}},
		Ghosts: []Edge{
			{ID: 2, From: 1, To: 2, Kind: kind, Label: "diplomatic relations", Alpha: 1, Lanes: 1},
			{ID: 3, From: 2, To: 1, Kind: kind, Label: "an older one", Alpha: 1, Lanes: 1},
		},
	}
	v := View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	p := r.planFrame(s, v, 900, 600)
	var tie []pt
	var ghosts [][]pt
	for _, pe := range p.edges {
		if pe.idx < 0 {
			ghosts = append(ghosts, pe.path)
		} else {
			tie = pe.path
		}
	}
	if len(ghosts) != 2 || tie == nil {
		t.Fatalf("planned %d ghosts and the tie %v", len(ghosts), tie != nil)
	}
	middle := func(path []pt) pt { at, _ := alongPath(path, 0.5); return at }
	apart := func(a, b pt) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }
	for i, g := range ghosts {
		if d := apart(middle(g), middle(tie)); d < laneSpacing/2-0.01 {
			t.Errorf("ghost %d runs %.1f px from the tie on show at its middle, want a lane's room", i, d)
		}
	}
	if d := apart(middle(ghosts[0]), middle(ghosts[1])); d < laneSpacing/2-0.01 {
		t.Errorf("the two ghosts run %.1f px apart at their middles", d)
	}
	if s.Ghosts[0].Lane != 0 || s.Ghosts[0].Lanes != 1 {
		t.Error("planning changed the scene's ghosts")
	}
}

// The label of a tie an emphasis colours (what began, in a comparison)
// is written in the emphasis's colour: in its kind's red, a tie that began
// read as one that ended.
func TestAnEmphasisedTiesLabelTakesItsColour(t *testing.T) {
	r := testRenderer(t)
	red := model.Kind{Name: "severed", Color: "#c62828", Dashed: true}
	actor := model.Kind{Name: "country", Color: "#aa5500", Shape: model.ShapeCircle}
	s := &Scene{
		Nodes:    []Node{{ID: 1, Label: "Mexico", Kind: actor, X: 0, Y: 0, Alpha: 1}, {ID: 2, Label: "Ecuador", Kind: actor, X: 600, Y: 0, Alpha: 1}},
		Edges:    []Edge{{ID: 1, From: 1, To: 2, Kind: red, Label: "relations broken", Alpha: 1, Lanes: 1}},
		Emphasis: &Emphasis{Actors: map[model.ID]bool{1: true, 2: true}, Ties: map[model.ID]bool{1: true}, Color: "#2e7d32"},
	}
	labels := r.planFrame(s, View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}, 900, 600).labels
	if len(labels) != 1 || labels[0].col != parseColor("#2e7d32") {
		t.Errorf("the began tie's labels: %+v, want one in #2e7d32", labels)
	}
}

// A tie's label that finds no place clear of every actor is drawn over
// the actors it covers, not under them: under an actor's shape it was
// lost ("decla◆sona non grata").
func TestATieLabelIsDrawnOverTheActorsItCovers(t *testing.T) {
	r := testRenderer(t)
	kind := model.Kind{Name: "relations", Color: "#336699"}
	actor := model.Kind{Name: "organisation", Color: "#aa5500", Shape: model.ShapeSquare}
	s := &Scene{Selected: 1, Nodes: []Node{{ID: 1, Kind: actor, X: 0, Y: 0, Alpha: 1}, {ID: 2, Kind: actor, X: 600, Y: 0, Alpha: 1}}}
	s.Edges = []Edge{{ID: 1, From: 1, To: 2, Kind: kind, Label: "declared persona non grata", Alpha: 1, Lanes: 1}}
	// Actors, without names, close all about the tie: no place of its
	// label is clear of them.
	id := model.ID(3)
	for x := 40.0; x <= 560; x += 26 {
		for y := -78.0; y <= 78; y += 26 {
			s.Nodes = append(s.Nodes, Node{ID: id, Kind: actor, X: x, Y: y, Alpha: 1})
			id++
		}
	}
	v := View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	const w, h = 1000, 600
	p := r.planFrame(s, v, w, h)
	if len(p.labels) != 1 {
		t.Fatalf("%d labels placed, want the selected actor's tie's", len(p.labels))
	}
	l := p.labels[0]
	img := r.Draw(s, v, w, h)
	covered := 0
	for i := range s.Nodes {
		c := p.centre[i]
		if c.X+p.rad > l.box.x0 && c.X-p.rad < l.box.x1 && c.Y+p.rad > l.box.y0 && c.Y-p.rad < l.box.y1 {
			covered++
		}
	}
	if covered == 0 {
		t.Fatal("the label covers no actor: the test proves nothing")
	}
	// Within its plate, nothing of the actors' squares shows.
	shows := 0
	for y := int(l.box.y0) + 2; y < int(l.box.y1)-2; y++ {
		for x := int(l.box.x0) + 2; x < int(l.box.x1)-2; x++ {
			// The squares' orange, faded or not; the plate is white,
			// the text blue.
			if got := img.RGBAAt(x, y); int(got.R)-int(got.B) > 30 {
				shows++
			}
		}
	}
	if shows > 0 {
		t.Errorf("the label covers %d actors, and %d pixels of their squares show over it", covered, shows)
	}
}

// A credit too long for its line keeps the author and the licence whole,
// shortening the source's title: cut at its end, a picture lost its
// licence.
func TestACreditCutShortKeepsItsLicence(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	credit := "Source: Ecuador police raid the Mexican embassy in Quito (Mexico News Daily)  ·  Ana Reporter / Example News  ·  CC BY 4.0"
	got := creditLine(credit, width, 80)
	if !strings.HasSuffix(got, "…  ·  Ana Reporter / Example News  ·  CC BY 4.0") || !strings.HasPrefix(got, "Source: Ecuador") || width(got) > 80 {
		t.Errorf("the credit in 80 reads %q", got)
	}
	if got := creditLine(credit, width, 200); got != credit {
		t.Errorf("the credit with room reads %q", got)
	}
	if got := creditLine(credit, width, 30); width(got) > 30 || !strings.HasPrefix(got, "Source:") {
		t.Errorf("the credit in 30 reads %q, want its start cut to fit", got)
	}
}

// laidOutDefaultMap is the default map and its layout by r.
func laidOutDefaultMap(t *testing.T, r *Renderer) (*model.Map, *layout.Timeline) {
	t.Helper()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	tl, err := r.Layout(context.Background(), m, layout.DefaultStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m, tl
}

// A tie's label is placed wholly in the map's part of the picture, or
// not at all: on a big map, labels of ties near the picture's edges and
// the legend's were cut there.
func TestTieLabelsStayInThePicture(t *testing.T) {
	r := testRenderer(t)
	kind := model.Kind{Name: "relations", Color: "#336699"}
	actor := model.Kind{Name: "country", Color: "#aa5500", Shape: model.ShapeCircle}
	s := &Scene{
		TieLabels: true,
		Nodes: []Node{
			{ID: 1, Label: "A", Kind: actor, X: 0, Y: 0, Alpha: 1}, {ID: 2, Label: "B", Kind: actor, X: 0, Y: 300, Alpha: 1},
			{ID: 3, Label: "C", Kind: actor, X: 400, Y: 0, Alpha: 1}, {ID: 4, Label: "D", Kind: actor, X: 400, Y: 300, Alpha: 1},
		},
		Edges: []Edge{
			{ID: 1, From: 1, To: 2, Kind: kind, Label: "a long label down the left edge of the map", Alpha: 1, Lanes: 1},
			{ID: 2, From: 3, To: 4, Kind: kind, Label: "a long label down the right edge, by the legend", Alpha: 1, Lanes: 1},
		},
	}
	w, h := 900, 600
	mapW := float64(r.planFrame(s, View{CX: 200, CY: 150, Zoom: 1, UIScale: 1}, w, h).mapW)
	for _, v := range []View{
		{CX: 200, CY: 150, Zoom: 1, UIScale: 1},              // both ties well inside
		{CX: mapW/2 - 8, CY: 150, Zoom: 1, UIScale: 1},       // the left tie 8 pixels from the picture's edge
		{CX: 400 - mapW/2 + 8, CY: 150, Zoom: 1, UIScale: 1}, // the right tie 8 pixels from the legend's
	} {
		p := r.planFrame(s, v, w, h)
		for _, l := range p.labels {
			if b := l.box; b.x0 < 0 || b.y0 < 0 || b.x1 > mapW || b.y1 > float64(h) {
				t.Errorf("view centred on %.0f: %q placed at %.0f to %.0f, beyond the map's 0 to %.0f", v.CX, l.text, b.x0, b.x1, mapW)
			}
		}
		if v.CX == 200 && len(p.labels) != 2 {
			t.Errorf("with both ties well inside, %d labels placed, want 2", len(p.labels))
		}
	}
}

// TestTieLabelsKeepClearOfKeptNames: where actors are too small for their
// names and the most important keep theirs, drawn over the map, no tie's
// label lies under one of those names.
func TestTieLabelsKeepClearOfKeptNames(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	w, h := 1200, 750
	for _, n := range []int{150, 1500} {
		s := crowdedScene(n, 3000, 5)
		s.TieLabels = true
		for i := range s.Edges {
			s.Edges[i].Label = "relations"
		}
		s.Selected = s.Nodes[n/2].ID
		v := View{CX: 1500, CY: 1500, Zoom: 0.2, UIScale: 1}
		p := r.planFrame(s, v, w, h)
		if p.size != 0 || len(p.kept) == 0 || len(p.labels) == 0 {
			t.Fatalf("%d actors at zoom %g: names at %g px, %d kept, %d tie labels; the test needs names too small and some kept, and tie labels", n, v.Zoom, p.size, len(p.kept), len(p.labels))
		}
		under := 0
		for _, l := range p.labels {
			for _, k := range p.kept {
				if l.box.overlap(k.box) > 0 {
					under++
					t.Logf("%q at %v lies under %q's name at %v", l.text, l.box, s.Nodes[k.node].Label, k.box)
					break
				}
			}
		}
		if under > 0 {
			t.Errorf("%d actors: %d of %d tie labels lie under one of the %d names kept", n, under, len(p.labels), len(p.kept))
		}
	}
}

// A tie's label never lies over an actor's name: text over text reads as
// neither. With every tie labelled on the default map, at the size of an
// export and on screen, one with no other place is left out.
func TestTieLabelsNeverCoverANameDrawn(t *testing.T) {
	t.Parallel()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r := testRenderer(t)
	tl, err := r.Layout(context.Background(), m, layout.DefaultStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{1016, 757}, {1200, 750}, {1600, 1000}} {
		w, h := size[0], size[1]
		v := r.FitTimeline(m, tl, w, h, 1)
		labelled := 0
		for _, day := range m.Keyframes() {
			s := NewScene(m, FrameAt(m, tl, day), day, 0)
			s.TieLabels = true
			p := r.planFrame(s, v, w, h)
			if p.size == 0 {
				t.Fatalf("%d×%d: the names are not drawn; the test needs them", w, h)
			}
			labelled += len(p.labels)
			for _, i := range p.nodes {
				n := &s.Nodes[i]
				if n.Alpha < 0.5 || p.unlabelled[i] {
					continue
				}
				name := p.labelBox(int(i), r.labelWidth(p, int(i)))
				for _, l := range p.labels {
					if a := l.box.overlap(name); a > 0 {
						t.Errorf("%d×%d on %v: the label %q covers the name %q (%.0f px²)", w, h, day, l.text, n.Label, a)
					}
				}
			}
		}
		if labelled == 0 {
			t.Errorf("%d×%d: no tie labelled on any date", w, h)
		}
		t.Logf("%d×%d: %d tie labels over %d dates", w, h, labelled, len(m.Keyframes()))
	}
}

// An actor selected where names are too small to read has its partners'
// names kept, as its own is, before the most important actors': selected
// on a big map, an ambassador's tie ran to a dot no name told.
func TestASelectedActorsPartnersAreNamed(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(1500, 3000, 5)
	v := View{CX: 1500, CY: 1500, Zoom: 0.2, UIScale: 1}
	// An actor whose one tie joins it to an actor with no other: both
	// among the least important.
	degree := map[model.ID]int{}
	for _, e := range s.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	var sel model.ID
	for _, e := range s.Edges {
		if e.From != e.To && degree[e.From] == 1 && degree[e.To] == 1 {
			sel = e.From
			break
		}
	}
	s.Selected = sel
	for i := range s.Nodes {
		s.Nodes[i].Selected = s.Nodes[i].ID == sel
	}
	p := r.planFrame(s, v, 1200, 750)
	if p.size != 0 {
		t.Fatalf("names are drawn at %g px: the test needs them too small", p.size)
	}
	kept := map[model.ID]bool{}
	for _, k := range p.kept {
		kept[s.Nodes[k.node].ID] = true
	}
	partners := 0
	for _, e := range s.Edges {
		for _, end := range [][2]model.ID{{e.From, e.To}, {e.To, e.From}} {
			if end[0] != sel {
				continue
			}
			partners++
			if !kept[end[1]] && r.neighbourhood(s)[end[1]] {
				t.Errorf("partner %d of the selected actor %d is not named (%d names kept)", end[1], sel, len(p.kept))
			}
		}
	}
	if partners == 0 || !kept[sel] {
		t.Fatalf("the selected actor %d (named: %v) has %d partners: the test needs some", sel, kept[sel], partners)
	}
}

// An animation too narrow for the map's title beside some date's events
// leaves the title out of every frame: a 640-pixel animation showed it on
// the frames of dates without events, and not on the others.
func TestANarrowAnimationIsUntitledThroughout(t *testing.T) {
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r := testRenderer(t)
	v := View{UIScale: 1}
	quiet, raid := model.MustDate("2024-02-20").First(), model.MustDate("2024-04-05").First()
	if len(m.EventsNear(quiet)) != 0 || len(m.EventsNear(raid)) == 0 {
		t.Fatalf("the test needs no event near %s and some on %s", quiet, raid)
	}
	for _, tt := range []struct {
		w    int
		days []model.Day
		want bool
	}{
		{640, []model.Day{quiet, raid}, true},
		{640, []model.Day{quiet}, false},
		{1920, []model.Day{quiet, raid}, false},
	} {
		if got := r.untitled(m, tt.days, v, tt.w); got != tt.want {
			t.Errorf("%d wide, on %v: untitled = %v, want %v", tt.w, tt.days, got, tt.want)
		}
	}
}

// Coloured by a measure, the legend draws the actor kinds' shapes without
// their colours, which the actors no longer have: it showed Country blue
// over a map of orange and green countries.
func TestAColouredMapsLegendShowsNoKindColours(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	country := model.Kind{Name: "country", Class: model.ClassActor, Color: "#2f6fbf", Shape: model.ShapeCircle}
	s := &Scene{ActorKinds: []model.Kind{country}}
	w, h := 1000, 600
	row := legendRows(s, nil, 1, h)[1]
	swatch := func(s *Scene) color.RGBA {
		img := r.Draw(s, View{UIScale: 1, Zoom: 1}, w, h)
		x0 := w - int(legendSpan(false))
		return img.RGBAAt(x0+16+9, int(row.y-4))
	}
	if got := swatch(s); got != (color.RGBA{0x2f, 0x6f, 0xbf, 0xff}) {
		t.Fatalf("the country's swatch is %v, want its colour", got)
	}
	s.ColorBy = "community"
	if got, want := swatch(s), s.palette().muted; got != (color.RGBA{want.R, want.G, want.B, 0xff}) {
		t.Errorf("coloured by community, the country's swatch is %v, want the muted %v", got, want)
	}
}

// A selected actor at the map's left edge, or its foot, is named: its name,
// which would run off the map, is moved along or above it. It was left
// out, and the actor went unnamed.
func TestAnActorAtTheEdgeIsNamed(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	w, h := 1200, 750
	const zoom = 0.2
	for _, edge := range []string{"left", "right", "foot"} {
		s := crowdedScene(1500, 3000, 5)
		sel := &s.Nodes[7]
		sel.Alpha, sel.Label = 1, "Ambassador George Frost Kennan"
		s.Selected, sel.Selected = sel.ID, true
		v := View{CX: 1500, CY: 1500, Zoom: zoom, UIScale: 1}
		// The view that puts the selected actor 4 pixels from the edge.
		c := r.planFrame(s, v, w, h).centre[7]
		switch edge {
		case "left":
			v.CX += (c.X - 4) / zoom
		case "right":
			v.CX += (c.X - (float64(w) - legendWidth - 4)) / zoom
		case "foot":
			v.CY += (c.Y - (float64(h) - 8)) / zoom
		}
		p := r.planFrame(s, v, w, h)
		if p.size != 0 {
			t.Fatalf("names are drawn at %g px: the test needs them too small", p.size)
		}
		if len(p.kept) == 0 || p.kept[0].node != 7 {
			t.Errorf("%s edge: the selected actor at %v is not named first (%d names kept)", edge, p.centre[7], len(p.kept))
		}
	}
}

// An animation or small multiples stepping to an event known to the month
// show the month, not its first day: the frame of "2023-12 Jorge Glas
// moves into the Mexican Embassy" was headed "1 December 2023".
func TestAStepToAnEventOfAMonthShowsTheMonth(t *testing.T) {
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r := testRenderer(t)
	month, day := model.MustDate("2023-12").First(), model.MustDate("2024-04-05").First()
	known := knownDays(m, []model.Day{month, day})
	if _, ok := known[day]; ok {
		t.Errorf("2024-04-05, a day of events of days, is known as %v", known[day])
	}
	s := &Scene{At: month, Known: known[month]}
	if got := r.dateOf(s); got != "December 2023" {
		t.Errorf("the frame of the event of December 2023 is headed %q", got)
	}
	if got := r.dateOf(&Scene{At: day, Known: known[day]}); got != "5 April 2024" {
		t.Errorf("the frame of 5 April 2024 is headed %q", got)
	}
	es, err := i18n.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	if got := es.Known(model.MustDate("2023-12")); got != "diciembre de 2023" {
		t.Errorf("in Spanish the month reads %q", got)
	}
}

// A legend too short for every tie kind says how many it leaves out, in
// its last line, and shows the others.
func TestAShortLegendSaysHowManyKindsItLeavesOut(t *testing.T) {
	kinds := model.DefaultKinds()
	s := &Scene{}
	for _, k := range kinds {
		switch k.Class {
		case model.ClassActor:
			s.ActorKinds = append(s.ActorKinds, k)
		case model.ClassTie:
			s.TieKinds = append(s.TieKinds, k)
		}
	}
	for _, h := range []int{300, 380, 2000} {
		rows := legendRows(s, i18n.English, 1, h)
		shown := 0
		for _, row := range rows {
			if row.kind.Class == model.ClassTie {
				shown++
			}
			if row.y > float64(h) {
				t.Errorf("%d pixels high: the legend's line %+v lies below the picture", h, row)
			}
		}
		last := rows[len(rows)-1]
		if left := len(s.TieKinds) - shown; left == 0 && last.note != "" || left > 0 && last.note != fmt.Sprintf("…and %d more", left) {
			t.Errorf("%d pixels high: %d of %d tie kinds shown, and the last line says %q", h, shown, len(s.TieKinds), last.note)
		}
		if h < 2000 && shown == len(s.TieKinds) {
			t.Errorf("%d pixels high: every tie kind shown, which this test does not try", h)
		}
	}
}

// The legend of a map without kinds (a new, empty map) has no headings
// with nothing under them; one of actors without ties lists its actors.
func TestTheLegendLeavesOutEmptyHeadings(t *testing.T) {
	if rows := legendRows(&Scene{}, i18n.English, 1, 1000); len(rows) != 0 {
		t.Errorf("an empty map's legend: %+v, want nothing", rows)
	}
	country := model.DefaultKinds()[0]
	rows := legendRows(&Scene{ActorKinds: []model.Kind{country}}, i18n.English, 1, 1000)
	if len(rows) != 2 || rows[0].heading != "Actors" || rows[1].kind.Name != country.Name {
		t.Errorf("the legend of a map of one country and no tie: %+v", rows)
	}
}

// A picture of no actor writes its Empty note, why, in the middle of
// the map; one of actors does not.
func TestAnEmptyPictureSaysWhy(t *testing.T) {
	r := testRenderer(t)
	v := View{Zoom: 1, UIScale: 1}
	inked := func(s *Scene) int {
		img := r.Draw(s, v, 800, 500)
		x0, y0, x1, y1 := plot(800, 500, v)
		ground := img.RGBAAt(int(x0)+2, int(y1)-40)
		n := 0
		for y := int(y0+y1)/2 - 15; y < int(y0+y1)/2+5; y++ {
			for x := int(x0); x < int(x1); x++ {
				if img.RGBAAt(x, y) != ground {
					n++
				}
			}
		}
		return n
	}
	note := "The filter leaves no actor on this date to show."
	if n := inked(&Scene{Empty: note}); n < 200 {
		t.Errorf("an empty picture with a note has %d pixels of ink in its middle, want its words", n)
	}
	if n := inked(&Scene{}); n != 0 {
		t.Errorf("an empty picture without a note has %d pixels of ink in its middle", n)
	}
	full := &Scene{Empty: note, Nodes: []Node{{ID: 1, Label: "Mexico", X: 1e6, Y: 1e6, Alpha: 1}}}
	if n := inked(full); n != 0 {
		t.Errorf("a picture of an actor (out of sight) writes its empty note: %d pixels", n)
	}
}

// A picture that compares two dates says in its legend what its colours
// mean, each beside a line drawn as the ties are: the header may leave its
// caption out for the date's events.
func TestTheLegendSaysWhatAComparisonDraws(t *testing.T) {
	s := &Scene{Since: "2024-04-04", Emphasis: &Emphasis{Color: "#2e7d32"}}
	var notes []string
	for _, row := range legendRows(s, i18n.English, 1, 1000) {
		if row.note != "" {
			notes = append(notes, row.glyph+": "+row.note)
		}
	}
	if want := []string{"began: began since 2024-04-04", "ended: ended since 2024-04-04"}; !slices.Equal(notes, want) {
		t.Errorf("the legend's notes read %q, want %q", notes, want)
	}
	r := testRenderer(t)
	img := r.Draw(s, View{CX: 0, CY: 0, Zoom: 1, UIScale: 1}, 900, 600)
	for _, c := range []string{"#2e7d32", GhostColor} {
		want, found := parseColor(c), false
		for y := 0; y < 600 && !found; y++ {
			for x := 900 - int(legendWidth); x < 900; x++ {
				if got := img.RGBAAt(x, y); got.R == want.R && got.G == want.G && got.B == want.B {
					found = true
					break
				}
			}
		}
		if !found {
			t.Errorf("the legend draws no line in %s", c)
		}
	}
}

// The legend names what the actors' sizes and colours stand for in the
// picture's language, as it names the rest.
func TestTheLegendSaysWhatSizesAndColoursStandForInItsLanguage(t *testing.T) {
	es, err := i18n.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, row := range legendRows(&Scene{SizeBy: "betweenness", ColorBy: "community"}, es, 1, 1000) {
		if row.note != "" {
			notes = append(notes, row.note)
		}
	}
	if want := []string{"Tamaño: intermediación", "Color: comunidad"}; !slices.Equal(notes, want) {
		t.Errorf("in Spanish the legend's notes read %q, want %q", notes, want)
	}
}

// A path that steps over a belongs-to or located-in link says in the
// legend what its dotted line is; a path without one, nothing.
func TestTheLegendSaysWhatAPathsDottedStepIs(t *testing.T) {
	s := &Scene{Emphasis: &Emphasis{Actors: map[model.ID]bool{1: true, 2: true}}}
	linked := func() bool {
		return slices.ContainsFunc(legendRows(s, nil, 1, 800), func(r legendRow) bool {
			return r.glyph == "link" && r.note == "belongs to or located in"
		})
	}
	if linked() {
		t.Error("a path without a link says what a link is")
	}
	s.Emphasis.Links = [][2]model.ID{{1, 2}}
	if !linked() {
		t.Error("a path with a link does not say what its dotted line is")
	}
}

// A panel of small multiples names the actors of the events it tells of
// first, and more names than a picture of its size would: a panel of the
// raid named the three best connected actors, and never Jorge Glas.
func TestAPanelNamesTheActorsOfItsEvents(t *testing.T) {
	t.Parallel()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r, panels := eventPanels(t, m, 1600, 1000)
	for _, pn := range panels {
		p := r.planFrame(pn.s, pn.v, pn.rect.Dx(), pn.rect.Dy())
		named := map[string]bool{}
		for _, k := range p.kept {
			named[pn.s.Nodes[k.node].Label] = true
		}
		if len(p.kept) < 6 {
			t.Errorf("%s: %d names kept, want six or more in a %d×%d panel", pn.s.Date, len(p.kept), pn.rect.Dx(), pn.rect.Dy())
		}
		for _, n := range pn.s.Nodes {
			if n.Told && n.Alpha >= 0.5 && !named[n.Label] {
				t.Errorf("%s: %s takes part in the date's events and is not named (named: %v)", pn.s.Date, n.Label, named)
			}
		}
	}
}

// No tie's label lies over a panel's heading, even of a kind always
// labelled: statements' labels covered "5 April 2024".
func TestTieLabelsKeepOffThePanelHeadings(t *testing.T) {
	t.Parallel()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	labelled := map[string]bool{}
	for _, tie := range m.Ties {
		if !labelled[tie.Kind] {
			labelled[tie.Kind] = true
			k := m.Kind(model.ClassTie, tie.Kind)
			k.Labelled = true
			m.Kinds = append(slices.DeleteFunc(m.Kinds, func(x model.Kind) bool { return x.Class == k.Class && x.Name == k.Name }), k)
		}
	}
	r, panels := eventPanels(t, m, 1400, 850)
	labels := 0
	for _, pn := range panels {
		w, h := pn.rect.Dx(), pn.rect.Dy()
		p := r.planFrame(pn.s, pn.v, w, h)
		_, top, _, _ := plot(w, h, pn.v)
		for _, l := range p.labels {
			labels++
			if l.box.y0 < top {
				t.Errorf("%s: the label %q at %v lies over the heading (to %.0f)", pn.s.Date, l.text, l.box, top)
			}
		}
	}
	if labels == 0 {
		t.Error("no tie was labelled in any panel")
	}
}

// eventPanels lays m out and works out its small multiples of its events'
// dates in a w×h picture.
func eventPanels(t *testing.T, m *model.Map, w, h int) (*Renderer, []panel) {
	t.Helper()
	r := testRenderer(t)
	tl, err := r.Layout(context.Background(), m, layout.DefaultStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	days, err := MultiplesDates(m, "events", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _, panels, err := r.multiples(m, tl, Multiples{Dates: days, W: w, H: h})
	if err != nil {
		t.Fatal(err)
	}
	return r, panels
}

// The labels of a selected actor's ties keep off its ringed dot where
// actors are dots: the dot, larger than its box at that zoom, lay over
// its own tie's label ("Member / w●rks for").
func TestTieLabelsKeepOffASelectedDot(t *testing.T) {
	t.Parallel()
	r := testRenderer(t)
	s := crowdedScene(1500, 3000, 5)
	for i := range s.Edges {
		s.Edges[i].Label = "Member / works for"
	}
	v := View{CX: 1500, CY: 1500, Zoom: 0.2, UIScale: 1}
	w, h := 1400, 900
	checked := 0
	for k := range 40 {
		sel := s.Nodes[k*37%len(s.Nodes)].ID
		for i := range s.Nodes {
			s.Nodes[i].Selected = s.Nodes[i].ID == sel
		}
		s.Selected = sel
		p := r.planFrame(s, v, w, h)
		for _, i := range p.nodes {
			n := &s.Nodes[i]
			if !n.Selected || !v.AsDot(n.Scale) {
				continue
			}
			c, d := p.centre[i], p.dotRad(int(i))+2
			dot := rect{c.X - d, c.Y - d, c.X + d, c.Y + d}
			for _, l := range p.labels {
				checked++
				if a := l.box.overlap(dot); a > 0 {
					t.Errorf("selected %d: the label %q lies over its dot (%.0f px²)", sel, l.text, a)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no label of a selected dot's ties was placed; the test needs some")
	}
}
