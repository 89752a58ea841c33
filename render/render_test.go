package render_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"relmap/assets"
	"relmap/layout"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/render"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

func setup(t testing.TB) (*model.Map, *render.Renderer, *layout.Timeline) {
	t.Helper()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := r.Layout(context.Background(), m, layout.DefaultStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m, r, tl
}

// TestDefaultMapGolden draws the default map at three dates and compares
// with golden PNGs, tolerating small anti-aliasing differences. Run with
// -update to rewrite them; a failing picture is written to
// testdata/failed/.
func TestDefaultMapGolden(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	for _, date := range []string{"2023-11-01", "2024-04-05", "2024-04-07"} {
		t.Run(date, func(t *testing.T) {
			day, err := model.ParseDay(date)
			if err != nil {
				t.Fatal(err)
			}
			got := r.Still(m, tl, day, render.FrameDate, 1200, 750)
			name := filepath.Join("testdata", "default-"+date+"_golden.png")
			if *update {
				writePNG(t, name, got)
				return
			}
			want := readPNG(t, name)
			if diff := compare(got, want); diff != "" {
				writePNG(t, filepath.Join("testdata", "failed", "default-"+date+".png"), got)
				t.Errorf("%s: %s (picture written to testdata/failed/)", name, diff)
			}
		})
	}
}

// compare allows a mean channel difference under 1 and at most 0.5% of
// pixels differing by more than 48 in some channel.
func compare(got *image.RGBA, want image.Image) string {
	if got.Bounds() != want.Bounds() {
		return fmt.Sprintf("size %v, want %v", got.Bounds(), want.Bounds())
	}
	var sum, bad, n int
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8
			sum += int(d)
			if d > 48 {
				bad++
			}
			n++
		}
	}
	if mean := float64(sum) / float64(n); mean > 1 || bad*200 > n {
		return fmt.Sprintf("mean difference %.2f, %d of %d pixels differ strongly", mean, bad, n)
	}
	return ""
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func readPNG(t *testing.T, name string) image.Image {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("golden file: %v (run go test ./render -update to make it)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func writePNG(t *testing.T, name string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render.WritePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHitTestFindsTheActorDrawnThere(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	day := model.DayOf(2024, 4, 5)
	w, h := 1200, 750
	v := r.FitTimeline(m, tl, w, h, 1)
	s := render.NewScene(m, render.FrameAt(m, tl, day), day, 0)
	for _, n := range s.Nodes {
		sx, sy := v.ToScreen(n.X, n.Y, w, h)
		got, ok := r.HitTest(s, v, w, h, sx, sy)
		if !ok || got != n.ID {
			t.Errorf("hit test at the centre of %q: got %d (%v), want %d", n.Label, got, ok, n.ID)
		}
	}
	if id, ok := r.HitTest(s, v, w, h, 2, float64(h)-2); ok {
		t.Errorf("hit test in the bottom-left corner found actor %d, want none", id)
	}
}

func TestParallelTiesAreDrawnInSeparateLanes(t *testing.T) {
	t.Parallel()
	m, _, tl := setup(t)
	day := model.DayOf(2024, 4, 5)
	s := render.NewScene(m, render.FrameAt(m, tl, day), day, 0)
	lanes := map[[2]model.ID]map[int]bool{}
	for _, e := range s.Edges {
		k := [2]model.ID{min(e.From, e.To), max(e.From, e.To)}
		if lanes[k] == nil {
			lanes[k] = map[int]bool{}
		}
		if lanes[k][e.Lane] {
			t.Errorf("two ties between %d and %d share lane %d", k[0], k[1], e.Lane)
		}
		lanes[k][e.Lane] = true
	}
}

func TestViewRoundTrip(t *testing.T) {
	t.Parallel()
	v := render.View{CX: 10, CY: -20, Zoom: 1.7, UIScale: 1.5}
	x, y := v.ToScreen(123, 456, 800, 600)
	lx, ly := v.ToLayout(x, y, 800, 600)
	if d := (lx-123)*(lx-123) + (ly-456)*(ly-456); d > 1e-9 {
		t.Errorf("ToLayout(ToScreen(123, 456)) = %v, %v", lx, ly)
	}
}

func BenchmarkDrawDefaultMap1920x1080(b *testing.B) {
	m, r, tl := setup(b)
	day := model.DayOf(2024, 4, 5)
	v := r.FitTimeline(m, tl, 1920, 1080, 1)
	s := render.NewScene(m, render.FrameAt(m, tl, day), day, 0)
	for b.Loop() {
		r.Draw(s, v, 1920, 1080)
	}
}

// A transition's scene, built once and stepped, shows at every step what
// the transition says: positions and opacities of both dates' actors and
// ties.
func TestTweenSceneSteps(t *testing.T) {
	t.Parallel()
	m, _, tl := setup(t)
	a, b := model.DayOf(2024, 4, 5), model.DayOf(2024, 4, 12)
	tw := render.NewTweenScene(m, tl, a, b, func(f render.Frame) *render.Scene { return render.NewScene(m, f, b, 0) })
	sa, sb := m.Snapshot(a), m.Snapshot(b)
	for _, p := range []float64{0, 0.2, 0.5, 0.9, 1} {
		s := tw.Step(p)
		want := layout.Transition(sa, sb, tl.At(a), tl.At(b), p)
		if len(s.Nodes) != len(want.ActorAlpha) || len(s.Edges) != len(want.TieAlpha) {
			t.Fatalf("p=%v: %d actors and %d ties, the transition has %d and %d", p, len(s.Nodes), len(s.Edges), len(want.ActorAlpha), len(want.TieAlpha))
		}
		for _, n := range s.Nodes {
			if q := want.Pos[n.ID]; n.X != q.X || n.Y != q.Y || n.Alpha != want.ActorAlpha[n.ID] {
				t.Errorf("p=%v: actor %d at (%v, %v) alpha %v, want (%v, %v) alpha %v", p, n.ID, n.X, n.Y, n.Alpha, q.X, q.Y, want.ActorAlpha[n.ID])
			}
		}
		for _, e := range s.Edges {
			if e.Alpha != want.TieAlpha[e.ID] {
				t.Errorf("p=%v: tie %d alpha %v, want %v", p, e.ID, e.Alpha, want.TieAlpha[e.ID])
			}
		}
	}
}

// The legend's fold control is the window's, not the picture's: a
// picture drawn for publishing (an export) has none, the window's has it.
func TestTheLegendsFoldControlIsTheWindowsOnly(t *testing.T) {
	m, r, tl := setup(t)
	day, err := model.ParseDay("2024-04-07")
	if err != nil {
		t.Fatal(err)
	}
	s := render.NewScene(m, render.FrameAt(m, tl, day), day, 0)
	v := render.View{CX: 0, CY: 0, Zoom: 1, UIScale: 1}
	published := r.Draw(s, v, 1200, 750)
	v.Controls = true
	window := r.Draw(s, v, 1200, 750)
	// The control sits in the legend's top right corner.
	corner := image.Rect(1200-28, 0, 1200, 28)
	differ := 0
	for y := corner.Min.Y; y < corner.Max.Y; y++ {
		for x := corner.Min.X; x < corner.Max.X; x++ {
			if published.RGBAAt(x, y) != window.RGBAAt(x, y) {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("the window's picture and the published one are the same in the legend's corner: the control is in both or neither")
	}
	for y := corner.Min.Y; y < corner.Max.Y; y++ {
		for x := corner.Min.X; x < corner.Max.X; x++ {
			if published.RGBAAt(x, y) != published.RGBAAt(corner.Min.X, corner.Min.Y) {
				t.Fatalf("the published picture has something in the legend's corner at %d,%d", x, y)
			}
		}
	}
}

// A name a paragraph long is cut in the picture, and its box with it: as
// a label it crowded the whole map into a corner of the picture.
func TestALongNameIsCutInThePicture(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	long := strings.Repeat("Comisión Permanente de Asuntos Diplomáticos ", 10)
	i := slices.IndexFunc(m.Actors, func(a model.Actor) bool { return a.Short == "" })
	if i < 0 {
		t.Fatal("no actor without a short name in the default map")
	}
	m.Actors[i].Name = long
	day := model.DayOf(2024, 4, 5)
	s := render.NewScene(m, render.FrameAt(m, tl, day), day, 0)
	j := slices.IndexFunc(s.Nodes, func(n render.Node) bool { return n.ID == m.Actors[i].ID })
	if j < 0 {
		t.Fatalf("%d is not drawn on %v", m.Actors[i].ID, day)
	}
	label := s.Nodes[j].Label
	if n := utf8.RuneCountInString(label); n > 40 || !strings.HasSuffix(label, "…") || !strings.HasPrefix(long, strings.TrimSuffix(label, "…")) {
		t.Errorf("the label of a %d-character name is %q (%d characters), want its start, cut with …, at most 40", utf8.RuneCountInString(long), label, n)
	}
	if got, want := r.ActorBox(m.Actors[i]), r.BoxSize(label); got != want {
		t.Errorf("the long name's box is %v, want its label's, %v", got, want)
	}
	short := m.Actors[(i+1)%len(m.Actors)]
	if got := r.ActorBox(short); got != r.BoxSize(short.Label()) {
		t.Errorf("%q's box is %v, want %v", short.Label(), got, r.BoxSize(short.Label()))
	}
}

// An emphasis's link, a step of a path over an actor's belongs-to or
// located-in link (no tie), is drawn between its two actors, dotted, in
// the emphasis's colour: before, the path showed a gap there.
func TestAnEmphasisDrawsItsLinks(t *testing.T) {
	t.Parallel()
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	m := &model.Map{Name: "link", Actors: []model.Actor{{ID: 1, Name: "A", Kind: "country"}, {ID: 2, Name: "B", Kind: "official", BelongsTo: 1}}}
	f := render.Frame{Snap: model.Snapshot{Actors: m.Actors}, Pos: map[model.ID]model.Point{1: {X: 0, Y: 0}, 2: {X: 600, Y: 0}}}
	v := render.View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	red := func(links [][2]model.ID) int {
		s := render.NewScene(m, f, 0, 0)
		s.Emphasis = &render.Emphasis{Actors: map[model.ID]bool{1: true, 2: true}, Ties: map[model.ID]bool{}, Color: "#ff0000", Links: links}
		img := r.Draw(s, v, 1000, 400)
		n := 0
		for x := 250; x < 550; x++ { // between the two actors (at x 90 and 690), about the line joining them
			for y := 150; y <= 250; y++ {
				if c := img.RGBAAt(x, y); c.R > 150 && c.G < 100 && c.B < 100 {
					n++
					break
				}
			}
		}
		return n
	}
	if n := red(nil); n != 0 {
		t.Fatalf("without the link, %d columns between the actors are red", n)
	}
	// Dotted: about half of the columns between them.
	if n := red([][2]model.ID{{2, 1}}); n < 100 || n > 250 {
		t.Errorf("with the link, %d of 300 columns between the actors are red, want a dotted line", n)
	}
}

// A tie selected on its own is labelled, even in a crowd where every place
// for its label covers an actor, a name or an arrowhead: on 7 April 2024
// the label of Glas's imprisonment, and at 900×600 of his asylum, found
// no place, and the picture did not say what the selected tie was.
func TestASelectedTieIsLabelledEvenInACrowd(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	for _, date := range []string{"2024-04-05", "2024-04-07"} {
		day, err := model.ParseDay(date)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range [][2]int{{1200, 750}, {900, 600}} {
			s, v := r.StillScene(m, tl, day, render.FrameDate, size[0], size[1])
			for _, e := range s.Edges {
				selected := s.Copy()
				selected.Emphasis = &render.Emphasis{Actors: map[model.ID]bool{e.From: true, e.To: true}, Ties: map[model.ID]bool{e.ID: true}}
				if n := r.TieLabelsLeftOut(selected, v, size[0], size[1]); n > 0 {
					t.Errorf("%s at %d×%d: the selected tie %d (%q) has no label", date, size[0], size[1], e.ID, e.Label)
				}
			}
		}
	}
}

// A comparison draws what began solid, whatever its kind's dashes: a
// legal case that began was drawn dashed green, read as one that ended
// (dashed red).
func TestASolidEmphasisDrawsDashedKindsSolid(t *testing.T) {
	t.Parallel()
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	m := &model.Map{Name: "began", Actors: []model.Actor{{ID: 1, Name: "A", Kind: "country"}, {ID: 2, Name: "B", Kind: "country"}},
		Ties: []model.Tie{{ID: 1, From: 1, To: 2, Kind: "severed"}}}
	f := render.Frame{Snap: model.Snapshot{Actors: m.Actors, Ties: m.Ties}, Pos: map[model.ID]model.Point{1: {X: 0, Y: 0}, 2: {X: 600, Y: 0}}}
	v := render.View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	green := func(solid bool) int {
		s := render.NewScene(m, f, 0, 0)
		s.Emphasis = &render.Emphasis{Actors: map[model.ID]bool{1: true, 2: true}, Ties: map[model.ID]bool{1: true}, Color: "#2e7d32", Solid: solid}
		img := r.Draw(s, v, 1000, 400)
		n := 0
		for x := 250; x < 550; x++ { // between the two actors, about the tie
			for y := 150; y <= 250; y++ {
				if c := img.RGBAAt(x, y); c.G > 90 && c.R < 100 && c.B < 100 {
					n++
					break
				}
			}
		}
		return n
	}
	// The tie's label, on its plate, covers some 45 columns of either.
	if dashed, solid := green(false), green(true); dashed > 200 || solid < 240 {
		t.Errorf("green in %d of 300 columns dashed, %d solid; want a dashed line, then a solid one", dashed, solid)
	}
}

// A tie of a kind whose label is always drawn is labelled even where
// every place beside it lies nearer another line than its own or covers
// a name: a minister's short tie into Mexico, beside its many. Its label
// was left out.
func TestALabelledKindsShortTieIsLabelled(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	day, err := model.ParseDay("2024-04-08")
	if err != nil {
		t.Fatal(err)
	}
	mexico, _ := m.ActorByName("Mexico")
	ecuador, _ := m.ActorByName("Ecuador")
	m.Kinds = append(m.Kinds, model.Kind{Class: model.ClassTie, Name: "condemns", Label: "Condemns publicly", Color: "#d000d0", Dashed: true, Labelled: true})
	m.Actors = append(m.Actors, model.Actor{ID: 900, Name: "Gabriela Sommerfeld", Kind: "official", BelongsTo: ecuador.ID})
	m.Ties = append(m.Ties, model.Tie{ID: 900, From: 900, To: mexico.ID, Kind: "condemns", Label: "calls the asylum illegal", Directed: true})
	f := render.FrameAt(m, tl, day)
	at := f.Pos[mexico.ID]
	f.Pos[900] = model.Point{X: at.X + 70, Y: at.Y + 30} // as the helper's layout put her
	f.Snap = m.Snapshot(day)
	s := render.NewScene(m, f, day, 0)
	v := r.FitView(m, tl, day, render.FrameDate, 1600, 1000, 1)
	if n := r.TieLabelsLeftOut(s, v, 1600, 1000); n > 0 {
		t.Errorf("%d labels left out; the labelled kind's tie must be labelled", n)
	}
}

// A map whose ties are all of one kind does not label a tie by its kind:
// every tie of a network imported from another tool read "Tie". With two
// kinds, a tie without a label of its own is labelled by its kind.
func TestOneKindOfTieIsNotALabel(t *testing.T) {
	m := &model.Map{Name: "net", Actors: []model.Actor{{ID: 1, Name: "A", Kind: "actor"}, {ID: 2, Name: "B", Kind: "actor"}, {ID: 3, Name: "C", Kind: "actor"}},
		Ties: []model.Tie{{ID: 1, From: 1, To: 2, Kind: "tie"}, {ID: 2, From: 2, To: 3, Kind: "tie", Label: "own"}}}
	f := render.Frame{Snap: model.Snapshot{Actors: m.Actors, Ties: m.Ties}, Pos: map[model.ID]model.Point{1: {}, 2: {X: 100}, 3: {X: 200}}}
	labels := func() []string {
		var out []string
		for _, e := range render.NewScene(m, f, 0, 2).Edges {
			out = append(out, e.Label)
		}
		return out
	}
	if got := labels(); !slices.Equal(got, []string{"", "own"}) {
		t.Errorf("one kind of tie: labels %q, want none but the tie's own", got)
	}
	m.Ties[1].Kind = "other"
	f.Snap.Ties = m.Ties
	if got := labels(); !slices.Equal(got, []string{"Tie", "own"}) {
		t.Errorf("two kinds of tie: labels %q, want the kind's for the tie without a label", got)
	}
}
