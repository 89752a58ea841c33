package ui

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/sqlite"
	"relmap/render"
)

// The default map's records these tests rely on (assets/default-map.json).
const (
	relationsTie model.ID = 1 // Mexico–Ecuador relations, ending 2024-04-06
	severedTie   model.ID = 2 // Mexico–Ecuador relations broken, from 2024-04-06
)

// testEditor is an editor over a copy of the default map in a SQLite file,
// shown in a 1200×800 test window.
type testEditor struct {
	*Editor
	win   fyne.Window
	store *sqlite.Store
	path  string
}

func newTestEditor(t *testing.T) *testEditor {
	t.Helper()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	a := test.NewTempApp(t)

	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatalf("decode default map: %v", err)
	}
	path := filepath.Join(t.TempDir(), "test.relmap")
	st, err := sqlite.Create(path, m)
	if err != nil {
		t.Fatalf("create map: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatalf("renderer: %v", err)
	}

	win := a.NewWindow("")
	t.Cleanup(win.Close)
	ed, err := NewEditor(win, st, r, "test.relmap")
	if err != nil {
		t.Fatalf("NewEditor: %v", err)
	}
	// Runs before the store is closed: no layout may outlive the test.
	t.Cleanup(ed.waitLayout)
	win.SetContent(ed.Content())
	win.Resize(fyne.NewSize(1200, 800))
	return &testEditor{Editor: ed, win: win, store: st, path: path}
}

// paint makes the test canvas draw the window, so that the diagram learns
// its size and view as it does on screen.
func (te *testEditor) paint(t *testing.T) {
	t.Helper()
	te.win.Canvas().Capture()
	if w, h := te.diagram.PixelSize(); w == 0 || h == 0 {
		t.Fatalf("after a paint the diagram is %d×%d pixels", w, h)
	}
}

// stored is the map as the editor's store holds it.
func (te *testEditor) stored(t *testing.T) *model.Map {
	t.Helper()
	m, err := te.store.Load(context.Background())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return m
}

// reopened is the map as a fresh connection to the same file reads it.
func (te *testEditor) reopened(t *testing.T) *model.Map {
	t.Helper()
	st, err := sqlite.Open(te.path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	m, err := st.Load(context.Background())
	if err != nil {
		t.Fatalf("load reopened: %v", err)
	}
	return m
}

func actorID(t *testing.T, m *model.Map, name string) model.ID {
	t.Helper()
	a, err := m.ActorByName(name)
	if err != nil {
		t.Fatalf("actor %q: %v", name, err)
	}
	return a.ID
}

func day(t *testing.T, s string) model.Day {
	t.Helper()
	d, err := model.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// newTie returns the one tie of m that old lacks.
func newTie(t *testing.T, old, m *model.Map) model.Tie {
	t.Helper()
	var found []model.Tie
	for _, x := range m.Ties {
		if _, ok := old.Tie(x.ID); !ok {
			found = append(found, x)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d new ties, want 1: %+v", len(found), found)
	}
	return found[0]
}

// citesTitle reports whether ids include a source of m titled title.
func citesTitle(m *model.Map, ids []model.ID, title string) bool {
	for _, id := range ids {
		if s, ok := m.Source(id); ok && s.Title == title {
			return true
		}
	}
	return false
}

func hasEdge(s *render.Scene, id model.ID) bool {
	for _, e := range s.Edges {
		if e.ID == id {
			return true
		}
	}
	return false
}

// texts collects the text of every label and button under objs.
func texts(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Button:
			out = append(out, o.Text)
		case *fyne.Container:
			out = append(out, texts(o.Objects)...)
		}
	}
	return out
}

func anyContains(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestTieFormRejectsBadInputAndSavesNothing(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	tests := []struct {
		name                 string
		kind, from, to       string
		start, end           string
		field, wantInMessage string
	}{
		{"when the to actor is unknown, should say so beside to", "statement", "Mexico", "Ecuadr", "2024-04-08", "", "to", "Ecuadr"},
		{"when the end is before the start, should say so beside end", "statement", "Mexico", "Ecuador", "2024-04-06", "2024-04-05", "end", "2024-04-05"},
		{"when the start is not a date, should say so beside start", "statement", "Mexico", "Ecuador", "2024-13-01", "", "start", "2024-13-01"},
		{"when both ends are the same actor, should say so beside to", "statement", "Mexico", "mexico", "2024-04-08", "", "to", "two different actors"},
		{"when the kind is empty, should say so beside kind", " ", "Mexico", "Ecuador", "2024-04-08", "", "kind", "kind"},
		{"when from is empty, should say so beside from", "statement", "", "Ecuador", "2024-04-08", "", "from", "actor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := te.newTieEditor(model.Tie{})
			f.kind.SetText(tt.kind)
			f.from.SetText(tt.from)
			f.to.SetText(tt.to)
			f.start.SetText(tt.start)
			f.end.SetText(tt.end)
			f.source.SetText("A source that must not be written")

			if got := f.save(); got {
				t.Fatalf("save() = true, want false")
			}
			if got := f.message(tt.field); !strings.Contains(got, tt.wantInMessage) {
				t.Errorf("message beside %q = %q, want it to mention %q", tt.field, got, tt.wantInMessage)
			}
			te.waitLayout()
			after := te.reopened(t)
			if got, want := len(after.Ties), len(before.Ties); got != want {
				t.Errorf("ties in the file = %d, want %d", got, want)
			}
			if got, want := len(after.Sources), len(before.Sources); got != want {
				t.Errorf("sources in the file = %d, want %d", got, want)
			}
		})
	}
}

func TestTieFormSavesGoodInput(t *testing.T) {
	tests := []struct {
		name       string
		kind       string
		from, to   string
		start, end string
		source     string
	}{
		{"when every field is valid, should store the tie and its new source", "statement", "Mexico", "Chile", "2024-04-08", "", "A new source title"},
		{"when the dates are partial, should keep their precision", "member", "Jorge Glas", "Rafael Correa", "2023-12", "2025", "Another new source"},
		{"when the actors are given by short name, should resolve them", "statement", "SRE", "ICJ", "2024-04", "2024-05-02", "Mexico breaks diplomatic relations with Ecuador after police raid embassy in Quito"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te := newTestEditor(t)
			before := te.stored(t)
			f := te.newTieEditor(model.Tie{})
			f.kind.SetText(tt.kind)
			f.from.SetText(tt.from)
			f.to.SetText(tt.to)
			f.start.SetText(tt.start)
			f.end.SetText(tt.end)
			f.source.SetText(tt.source)

			if !f.save() {
				t.Fatalf("save() = false; messages: from %q, to %q, start %q, end %q, top %q",
					f.message("from"), f.message("to"), f.message("start"), f.message("end"), f.message(""))
			}
			te.waitLayout()
			want := model.Span{Start: model.MustDate(tt.start), End: model.MustDate(tt.end)}
			for _, src := range []struct {
				name string
				m    *model.Map
			}{{"store", te.stored(t)}, {"reopened file", te.reopened(t)}, {"editor", te.Map()}} {
				m := src.m
				if got, want := len(m.Ties), len(before.Ties)+1; got != want {
					t.Errorf("%s: %d ties, want %d", src.name, got, want)
				}
				got := newTie(t, before, m)
				if got.Kind != tt.kind || got.From != actorID(t, m, tt.from) || got.To != actorID(t, m, tt.to) {
					t.Errorf("%s: new tie is %s %d→%d, want %s from %s to %s", src.name, got.Kind, got.From, got.To, tt.kind, tt.from, tt.to)
				}
				if got.Span != want {
					t.Errorf("%s: span = %+v, want %+v", src.name, got.Span, want)
				}
				if !citesTitle(m, got.Sources, tt.source) {
					t.Errorf("%s: the tie cites %v, want a source titled %q", src.name, got.Sources, tt.source)
				}
			}
		})
	}
}

func TestActorForm(t *testing.T) {
	bad := []struct {
		name                 string
		actor, belongsTo     string
		start                string
		field, wantInMessage string
	}{
		{"when the name is empty, should say so beside name", "  ", "", "", "name", "required"},
		{"when the name is taken, should say so beside name", "mexico", "", "", "name", "already"},
		{"when belongs to is unknown, should say so beside it", "Embassy of Chile in Quito", "Atlantis", "", "belongs to", "Atlantis"},
		{"when the start is not a date, should say so beside start", "Embassy of Chile in Quito", "Chile", "2024-02-30", "start", "2024-02-30"},
	}
	te := newTestEditor(t)
	nActors := len(te.stored(t).Actors)
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			f := te.newActorEditor(model.Actor{})
			f.name.SetText(tt.actor)
			f.kind.SetText("mission")
			f.belongsTo.SetText(tt.belongsTo)
			f.start.SetText(tt.start)
			if f.save() {
				t.Fatalf("save() = true, want false")
			}
			if got := f.message(tt.field); !strings.Contains(got, tt.wantInMessage) {
				t.Errorf("message beside %q = %q, want it to mention %q", tt.field, got, tt.wantInMessage)
			}
			te.waitLayout()
			if got := len(te.reopened(t).Actors); got != nActors {
				t.Errorf("actors in the file = %d, want %d", got, nActors)
			}
		})
	}

	t.Run("when every field is valid, should save an actor that survives reopening the file", func(t *testing.T) {
		f := te.newActorEditor(model.Actor{})
		f.name.SetText("Embassy of Chile in Quito")
		f.kind.SetText("mission")
		f.belongsTo.SetText("Chile")
		f.locatedIn.SetText("Ecuador")
		f.start.SetText("2024-05")
		f.source.SetText("https://example.org/chile")
		if !f.save() {
			t.Fatalf("save() = false; messages: name %q, belongs to %q, start %q, top %q",
				f.message("name"), f.message("belongs to"), f.message("start"), f.message(""))
		}
		te.waitLayout()
		m := te.reopened(t)
		a, err := m.ActorByName("Embassy of Chile in Quito")
		if err != nil {
			t.Fatalf("reopened file: %v", err)
		}
		if got, want := a.BelongsTo, actorID(t, m, "Chile"); got != want {
			t.Errorf("belongs to = %d, want %d (Chile)", got, want)
		}
		if got, want := a.LocatedIn, actorID(t, m, "Ecuador"); got != want {
			t.Errorf("located in = %d, want %d (Ecuador)", got, want)
		}
		if got, want := a.Life, (model.Span{Start: model.MustDate("2024-05")}); got != want {
			t.Errorf("life = %+v, want %+v", got, want)
		}
		if !citesTitle(m, a.Sources, "https://example.org/chile") {
			t.Errorf("sources = %v, want the new URL cited", a.Sources)
		}
		if got, want := te.Selected(), a.ID; got != want {
			t.Errorf("selected = %d, want the new actor %d", got, want)
		}
	})
}

func TestSelectingAnActorFillsTheSidePanel(t *testing.T) {
	te := newTestEditor(t)
	glas := actorID(t, te.Map(), "Jorge Glas")

	te.Select(glas)
	got := texts(te.side.Objects)
	for _, want := range []string{"Jorge Glas Espinel", "Ties over time", "living in the embassy", "asylum granted"} {
		if !anyContains(got, want) {
			t.Errorf("side panel %q lacks %q", got, want)
		}
	}

	te.Select(0)
	got = texts(te.side.Objects)
	if !anyContains(got, "Events") || anyContains(got, "Ties over time") {
		t.Errorf("with nothing selected the side panel shows %q, want the map's events", got)
	}
}

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

func TestMovingTheSliderChangesTheDiagram(t *testing.T) {
	te := newTestEditor(t)
	tests := []struct {
		name       string
		date       string
		has, lacks model.ID
	}{
		{"on 2024-04-05, should show the relations and not their break", "2024-04-05", relationsTie, severedTie},
		{"on 2024-04-06, should show the break and not the relations", "2024-04-06", severedTie, relationsTie},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := day(t, tt.date)
			te.time.slider.SetValue(float64(d))
			if got := te.Day(); got != d {
				t.Fatalf("Day() = %s, want %s", got, d)
			}
			if got := te.time.date.Text; got != tt.date {
				t.Errorf("date field = %q, want %q", got, tt.date)
			}
			s := te.diagram.Scene()
			if !hasEdge(s, tt.has) {
				t.Errorf("scene lacks tie %d", tt.has)
			}
			if hasEdge(s, tt.lacks) {
				t.Errorf("scene shows tie %d", tt.lacks)
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

	t.Run("at the diagram's own size, should write exactly what the diagram paints", func(t *testing.T) {
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
		if !samePixels(got, want) {
			t.Errorf("the %d×%d export differs from the diagram's paint", w, h)
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

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestKeyframeButtons(t *testing.T) {
	te := newTestEditor(t)
	last := te.keys[len(te.keys)-1]
	tests := []struct {
		name string
		from string
		step func()
		want string
	}{
		{"from a keyframe, next should go to the next keyframe", "2024-04-05", te.time.next, "2024-04-06"},
		{"from a keyframe, prev should go to the one before", "2024-04-06", te.time.prev, "2024-04-05"},
		{"from between keyframes, next should go to the next keyframe", "2024-02-15", te.time.next, "2024-03-01"},
		{"from between keyframes, prev should go to the keyframe before", "2024-02-15", te.time.prev, "2024-01-01"},
		{"from the last keyframe, next should stay", last.String(), te.time.next, last.String()},
		{"from the first keyframe, prev should stay", te.keys[0].String(), te.time.prev, te.keys[0].String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te.SetDate(day(t, tt.from), false)
			tt.step()
			want := day(t, tt.want)
			if got := te.Day(); got != want {
				t.Errorf("Day() = %s, want %s", got, want)
			}
			if got := te.time.date.Text; got != tt.want {
				t.Errorf("date field = %q, want %q", got, tt.want)
			}
			if got, want := model.Day(te.time.slider.Value), want; got != want {
				t.Errorf("slider = %s, want %s", got, want)
			}
			// The animation has finished: the scene is the still of the day.
			if got, want := te.diagram.Scene().Date, want.Time().Format("2 January 2006"); got != want {
				t.Errorf("scene date = %q, want %q", got, want)
			}
		})
	}
}
