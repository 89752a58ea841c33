package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
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

// newTestEditor makes a testEditor; each setup runs on the new test app
// before the editor is made.
func newTestEditor(t *testing.T, setup ...func(fyne.App)) *testEditor {
	t.Helper()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	// Fyne's own file dialogs, whatever this machine has installed
	// (TestDesktopFileDialog tries the desktop's).
	t.Setenv("RELMAP_FILE_DIALOG", "fyne")
	a := test.NewTempApp(t)
	for _, f := range setup {
		f(a)
	}

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
			f.sources.rows[0].pick.SetText("A source that must not be written")

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
			f.sources.rows[0].pick.SetText(tt.source)

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
			// The new tie is selected, and shown: the date moves to its
			// start when it is not in force on the date on show (a tie
			// saved at another date showed nowhere).
			tie := newTie(t, before, te.Map())
			if te.doc.selectedTie != tie.ID || !tie.Span.Covers(te.doc.day) {
				t.Errorf("after saving, tie %d selected on %s; want the new tie %d, in force (%v)", te.doc.selectedTie, te.doc.day, tie.ID, tie.Span)
			}
		})
	}
}

// The actor and event forms open with the focus in their first field
// (the actor's name, the event's date), so that typing starts there.
func TestFormsOpenOnTheName(t *testing.T) {
	te := newTestEditor(t)
	overlays := te.win.Canvas().Overlays()
	for k, open := range []func(){func() { te.actorForm(model.Actor{}) }, func() { te.eventForm(model.Event{}) }} {
		open()
		var first *textField // the form's first field
		for _, o := range test.LaidOutObjects(overlays.Top()) {
			if en, ok := o.(*textField); ok && first == nil {
				first = en
			}
		}
		if first == nil || te.win.Canvas().Focused() != fyne.Focusable(first) {
			t.Errorf("form %d opens with %T focused, not its first field", k, te.win.Canvas().Focused())
		}
		overlays.Remove(overlays.Top())
	}
}

// Escape closes a form, and changes nothing, while one of its fields has
// the focus, as it does while none has: a field takes every key it has the
// focus of. (A form that was typed in asks first.)
func TestEscapeInAFieldClosesTheForm(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	overlays := te.win.Canvas().Overlays()
	before := len(te.doc.m.Actors)
	mexico, _ := te.doc.m.ActorByName("Mexico")
	forms := map[string]func(){
		"new actor, in its name":       func() { te.actorForm(model.Actor{}) },
		"new event, in its date":       func() { te.eventForm(model.Event{}) },
		"new tie, in its from":         func() { te.tieForm(model.Tie{}) },
		"edit Mexico, in its notes":    func() { te.actorForm(mexico) },
		"new actor, in its belongs to": func() { te.actorForm(model.Actor{}) },
		"preferences, in a choice":     te.preferencesDialog,
		"export, in a choice":          te.exportDialog,
	}
	for name, open := range forms {
		open()
		var fields []fyne.Focusable
		for _, o := range test.LaidOutObjects(overlays.Top()) {
			switch f := o.(type) {
			case *textField:
				fields = append(fields, f)
			case *pick:
				fields = append(fields, f)
			case *choice:
				fields = append(fields, f)
			}
		}
		if len(fields) == 0 {
			t.Fatalf("%s: the form has no fields", name)
		}
		// The form's first field, or the one the case names.
		in := fields[0]
		for _, f := range fields {
			tf, text := f.(*textField)
			_, picked := f.(*pick)
			_, chosen := f.(*choice)
			if strings.Contains(name, "belongs to") && picked || strings.Contains(name, "notes") && text && tf.MultiLine ||
				strings.Contains(name, "choice") && chosen {
				in = f
				break
			}
		}
		te.win.Canvas().Focus(in)
		if _, chosen := in.(*choice); !chosen {
			in.TypedRune('x')
		}
		in.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		// A form asks before it discards what was typed (see
		// TestEscapeAsksBeforeDiscardingAForm).
		if len(overlays.List()) == 2 {
			test.Tap(button(t, overlays.Top(), "Discard"))
		}
		if overlays.Top() != nil {
			t.Errorf("%s: Escape in a field (%T) left the form open", name, in)
			overlays.Remove(overlays.Top())
		}
	}
	if len(te.doc.m.Actors) != before {
		t.Errorf("closing the forms with Escape changed the map: %d actors, was %d", len(te.doc.m.Actors), before)
	}
}

// Enter in a field of one line saves the form, as its Save button does:
// a new actor typed and entered is on the map, and the form is closed;
// entered with a wrong field, the form stays, saying what is wrong.
func TestEnterSavesTheForm(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t) // the first layout, whose fyne.Do runs on its own goroutine here
	overlays := te.win.Canvas().Overlays()
	before := len(te.doc.m.Actors)
	for _, name := range []string{"", "Embassy of Peru in Quito"} {
		te.actorForm(model.Actor{Kind: "embassy"})
		first := te.win.Canvas().Focused().(*textField) // the name
		test.Type(first, name)
		// Enter, as the field takes it (its TypedKey also refreshes the
		// field after, which the test driver would run alongside the
		// layout the save starts).
		if first.OnSubmitted == nil {
			t.Fatal("Enter in the name does nothing")
		}
		first.OnSubmitted(first.Text)
		te.settle(t)
		if name == "" {
			if overlays.Top() == nil || len(te.doc.m.Actors) != before {
				t.Fatalf("Enter with no name: the form closed (%v) or the map has %d actors, was %d", overlays.Top() == nil, len(te.doc.m.Actors), before)
			}
			overlays.Remove(overlays.Top())
			continue
		}
		if overlays.Top() != nil {
			t.Errorf("Enter in the name left the form open")
		}
		if _, err := te.doc.m.ActorByName(name); err != nil || len(te.doc.m.Actors) != before+1 {
			t.Errorf("Enter did not save %q: %v (%d actors, was %d)", name, err, len(te.doc.m.Actors), before)
		}
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

	t.Run("when the name is empty and the end before the start, should say both at once", func(t *testing.T) {
		f := te.newActorEditor(model.Actor{})
		f.kind.SetText("mission")
		f.start.SetText("2024-05")
		f.end.SetText("2024-04")
		if f.save() {
			t.Fatal("save() = true, want false")
		}
		if name, end := f.message("name"), f.message("end"); !strings.Contains(name, "required") || !strings.Contains(end, "on or before it starts") {
			t.Errorf("messages beside name %q and end %q, want both said", name, end)
		}
	})

	t.Run("when a later life wants Until, Until typed clears the word, and a bad later date is said in the window's words", func(t *testing.T) {
		f := te.newActorEditor(model.Actor{})
		f.name.SetText("Legation")
		f.kind.SetText("mission")
		f.later.SetText("1991–")
		if f.save() {
			t.Fatal("save() = true, want false")
		}
		if !strings.Contains(f.message("later"), "give Until") {
			t.Fatalf("beside And again: %q, want it to ask for Until", f.message("later"))
		}
		f.end.SetText("1950")
		if got := f.message("later"); got != "" {
			t.Errorf("Until typed, And again still says %q", got)
		}
		f.later.SetText("foo")
		if f.save() {
			t.Fatal("save() = true with a later life of foo")
		}
		if got, want := f.message("later"), `"foo" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`; got != want {
			t.Errorf("beside And again: %q, want %q", got, want)
		}
	})

	t.Run("when every field is valid, should save an actor that survives reopening the file", func(t *testing.T) {
		f := te.newActorEditor(model.Actor{})
		f.name.SetText("Embassy of Chile in Quito")
		f.kind.SetText("mission")
		f.belongsTo.SetText("Chile")
		f.locatedIn.SetText("Ecuador")
		f.start.SetText("2024-05")
		f.sources.rows[0].pick.SetText("https://example.org/chile")
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

// A form saved as it was changes nothing: no step of undo is made, and
// the change undone last can still be redone. Before, it made an edit
// that changed nothing and wiped Redo.
func TestAFormSavedUnchangedMakesNoEdit(t *testing.T) {
	te := newTestEditor(t)
	mexico := noteMexico(t, te)
	te.undo()
	te.settle(t)
	_, redo := te.doc.Pending()
	actors := len(te.stored(t).Actors)
	for _, save := range []func() bool{
		func() bool { return te.newActorEditor(mexico).save() },
		func() bool {
			tie, _ := te.doc.m.Tie(severedTie)
			return te.newTieEditor(tie).save()
		},
		func() bool { return te.newEventEditor(te.doc.m.Events[0]).save() },
	} {
		if !save() {
			t.Fatal("an unchanged form was not saved")
		}
		te.settle(t)
		if undo, again := te.doc.Pending(); again != redo {
			t.Errorf("after an unchanged form was saved: undo %q, redo %q; want redo %q kept", undo, again, redo)
		}
		if te.status.Text != "Nothing was changed." {
			t.Errorf("the status line says %q", te.status.Text)
		}
	}
	if got := len(te.stored(t).Actors); got != actors {
		t.Errorf("%d actors stored, want %d", got, actors)
	}
	// A form with a change is still saved.
	f := te.newActorEditor(mexico)
	f.notes.SetText("Checked again.")
	if !f.save() {
		t.Fatal("a changed form was not saved")
	}
	te.settle(t)
	if _, again := te.doc.Pending(); again != "" {
		t.Errorf("after an edit, redo %q is still offered", again)
	}
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

func TestFormDialogClosesOnlyOnSave(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	overlays := te.win.Canvas().Overlays()

	te.tieForm(model.Tie{})
	if overlays.Top() == nil {
		t.Fatal("tieForm showed no dialog")
	}
	test.Tap(button(t, overlays.Top(), "Save"))
	if overlays.Top() == nil {
		t.Error("after Save on an empty form the dialog closed, want it open")
	}
	if got, want := len(te.reopened(t).Ties), len(before.Ties); got != want {
		t.Errorf("ties in the file = %d, want %d", got, want)
	}
	test.Tap(button(t, overlays.Top(), "Cancel"))
	if overlays.Top() != nil {
		t.Error("after Cancel the dialog is still open")
	}
}

// button finds the button labelled text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			return b
		}
		if b, ok := c.(*dialogButton); ok && b.Text == text {
			return &b.Button
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

// Selecting an actor does not move the divider between the picture and
// the side panel, though the panel's content then asks for less room.
func TestSelectingKeepsTheDividerInPlace(t *testing.T) {
	te := newTestEditor(t)
	te.win.Resize(fyne.NewSize(1400, 880))
	te.paint(t)
	before := te.diagram.Size().Width
	m, _ := te.doc.m.ActorByName("Mexico")
	te.Select(m.ID)
	te.settle(t)
	te.win.Content().Refresh() // lays the split out again, as the window does
	te.paint(t)
	if after := te.diagram.Size().Width; after != before {
		t.Errorf("the picture was %v wide, %v once an actor is selected", before, after)
	}
}

// A long path listed in the side panel asks for no more width than a
// short one, and the panel keeps the widest it has been only up to
// stickyMost: wider content is given its room while it is shown, and the
// room is given back when it goes.
func TestTheSidePanelGivesBackTheRoomOfWideContent(t *testing.T) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Embassy of the Republic number %d", i))
	}
	short, long := pathRow(0, names[:2], true, func() {}), pathRow(0, names, false, func() {})
	if s, l := short.MinSize().Width, long.MinSize().Width; l > s+1 {
		t.Errorf("a path of 40 actors asks for %v wide, one of 2 for %v", l, s)
	}
	sticky := &stickyWidth{}
	ask := func(w float32) float32 {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(w, 10))
		return sticky.MinSize([]fyne.CanvasObject{r}).Width
	}
	for _, step := range []struct{ content, want float32 }{
		{300, 300}, {200, 300}, // sticky
		{1500, 1500}, {250, stickyMost}, // wide content's room given back, to the most kept
	} {
		if got := ask(step.content); got != step.want {
			t.Errorf("content %v wide: the panel asks for %v, want %v", step.content, got, step.want)
		}
	}
}

// An actor's ties read from its side, in the tie's direction: its kind
// and dates, then the other actor after a guillemet that points as the tie
// does (a dash when it points neither way), then the tie's label. The
// label and the other actor's name once ran together ("Alicia Bárcena
// Foreign Minister").
func TestTieRowsReadFromTheActorsSide(t *testing.T) {
	te := newTestEditor(t)
	te.SetDate(model.MustDate("2024-04-07").First(), false)
	mexico, _ := te.doc.m.ActorByName("Mexico")
	te.Select(mexico.ID)
	panel := strings.Join(texts(te.side.Objects), "\n")
	for _, want := range []string{
		"— Ecuador: diplomatic relations",
		"● Holds office · 2018-12-01 – 2024-10-01\n« Andrés Manuel López Obrador: President of Mexico",
		"● Asylum granted · 2024-04-05 – …\n» Jorge Glas Espinel: asylum granted",
		"● Embassy of · no dates\n« Embassy of Mexico in Quito: embassy of Mexico",
	} {
		if !strings.Contains(panel, want) {
			t.Errorf("the side panel of Mexico does not say %q:\n%s", want, panel)
		}
	}
	if strings.Contains(panel, " from ") {
		t.Errorf("the side panel of Mexico says \"from\":\n%s", panel)
	}
}

// A double click on an actor opens its form, and on a tie the tie's; the
// first click has selected it. Two clicks too far apart in time or place,
// or on two things, open nothing.
func TestDoubleClickOpensTheForm(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	te.paint(t)
	d := te.diagram
	overlays := te.win.Canvas().Overlays()
	w, h := d.PixelSize()
	n := d.scene.Nodes[0]
	d.view = render.View{CX: n.X, CY: n.Y, Zoom: 1, UIScale: d.view.UIScale}
	sx, sy := d.view.ToScreen(n.X, n.Y, w, h)
	at := fyne.NewPos(float32(sx/d.ratio), float32(sy/d.ratio))
	if got := d.actorAt(at); got != n.ID {
		t.Fatalf("the hit test at %s's centre finds %v", n.Label, got)
	}
	tap := func(p fyne.Position) { d.Tapped(&fyne.PointEvent{Position: p}) }
	// The form of a double click opens when the test says.
	var opens []func()
	d.after = func(_ time.Duration, f func()) { opens = append(opens, f) }
	open := func() {
		for _, f := range opens {
			f()
		}
		opens = nil
	}
	formShows := func(text string) bool {
		if overlays.Top() == nil {
			return false
		}
		for _, o := range test.LaidOutObjects(overlays.Top()) {
			if f, ok := o.(*textField); ok && f.Text == text {
				return true
			}
		}
		return false
	}

	tap(at)
	if te.doc.selected != n.ID || overlays.Top() != nil {
		t.Fatalf("one click on %s: selected %v, a form open %v; want it selected, no form", n.Label, te.doc.selected, overlays.Top() != nil)
	}
	tap(at.Add(fyne.NewPos(2, 1)))
	// The form opens once a third click could no longer come: a third,
	// here on the background, goes to nothing.
	tap(fyne.NewPos(1, 1))
	if overlays.Top() != nil || te.doc.selected != n.ID {
		t.Errorf("before the double-click time is over: a form open %v, selected %v", overlays.Top() != nil, te.doc.selected)
	}
	open()
	if !formShows(n.Label) {
		t.Fatalf("a double click on %s did not open its form", n.Label)
	}
	overlays.Remove(overlays.Top())

	// Too slow, too far, or on two things: no form.
	tap(at)
	d.lastTap.at = d.lastTap.at.Add(-time.Second)
	tap(at)
	tap(at.Add(fyne.NewPos(30, 0)))
	tap(at)
	open()
	if overlays.Top() != nil {
		t.Error("clicks a second apart, or on two places, opened a form")
	}

	// A tie: the point halfway between its ends, clear of any actor.
	s := d.Scene()
	for _, e := range s.Edges {
		a, b := nodeOf(s, e.From), nodeOf(s, e.To)
		d.view = render.View{CX: (a.X + b.X) / 2, CY: (a.Y + b.Y) / 2, Zoom: 1, UIScale: d.view.UIScale}
		ax, ay := d.view.ToScreen(a.X, a.Y-12, w, h)
		bx, by := d.view.ToScreen(b.X, b.Y-12, w, h)
		p := fyne.NewPos(float32((ax+bx)/2/d.ratio), float32((ay+by)/2/d.ratio))
		if e.Lanes != 1 || d.actorAt(p) != 0 || d.tieAt(p) != e.ID {
			continue
		}
		tie, _ := te.doc.m.Tie(e.ID)
		d.lastTap = tapped{}
		tap(p)
		tap(p)
		open()
		if overlays.Top() == nil {
			t.Fatalf("a double click on the tie %v did not open a form", tie)
		}
		// The tie form's From field names the tie's actor.
		from, _ := te.doc.m.Actor(tie.From)
		found := false
		for _, o := range test.LaidOutObjects(overlays.Top()) {
			if f, ok := o.(*pick); ok && f.Text == from.Label() {
				found = true
			}
		}
		if !found {
			t.Errorf("a double click on the tie %v opened a form without its From, %s", tie, from.Label())
		}
		return
	}
	t.Fatal("found no tie to click")
}

// A new actor or tie starts with a kind: the one saved last in its form,
// else the one most of the map's actors or ties have. A new tie's
// Directed follows its kind; an actor being edited keeps its own.
func TestNewFormsStartWithAKind(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	m := te.doc.m
	// The kind of class most of kinds are, the first listed of equals.
	most := func(class model.Class, kinds []string) string {
		count, best := map[string]int{}, ""
		for _, k := range kinds {
			count[k]++
		}
		for _, k := range m.KindNames(class) {
			if count[k] > count[best] {
				best = k
			}
		}
		return best
	}
	var actorKinds, tieKinds []string
	for _, a := range m.Actors {
		actorKinds = append(actorKinds, a.Kind)
	}
	for _, tie := range m.Ties {
		tieKinds = append(tieKinds, tie.Kind)
	}
	label := func(class model.Class, name string) string { return kindLabel(m.Kind(class, name)) }
	if got, want := te.newActorEditor(model.Actor{}).kind.Text, label(model.ClassActor, most(model.ClassActor, actorKinds)); got != want {
		t.Errorf("a new actor's kind starts as %q, want the most common, %q", got, want)
	}
	tf := te.newTieEditor(model.Tie{})
	tieKind := most(model.ClassTie, tieKinds)
	if got, want := tf.kind.Text, label(model.ClassTie, tieKind); got != want {
		t.Errorf("a new tie's kind starts as %q, want the most common, %q", got, want)
	}
	if got, want := tf.directed.Checked, m.Kind(model.ClassTie, tieKind).Arrow; got != want {
		t.Errorf("a new %s tie starts directed %v, want %v as its kind", tieKind, got, want)
	}

	// An actor saved with a rarer kind: the next new actor starts with it.
	rare := ""
	for _, name := range m.KindNames(model.ClassActor) {
		if name != most(model.ClassActor, actorKinds) {
			rare = name
			break
		}
	}
	f := te.newActorEditor(model.Actor{})
	f.name.SetText("Embassy of Chile in Quito")
	f.kind.SetText(label(model.ClassActor, rare))
	if !f.save() {
		t.Fatalf("saving a new %s failed: %q", rare, f.message("kind"))
	}
	te.settle(t)
	if got, want := te.newActorEditor(model.Actor{}).kind.Text, label(model.ClassActor, rare); got != want {
		t.Errorf("after saving a %s, a new actor's kind starts as %q, want %q", rare, got, want)
	}
	mexico, _ := te.doc.m.ActorByName("Mexico")
	if got, want := te.newActorEditor(mexico).kind.Text, label(model.ClassActor, mexico.Kind); got != want {
		t.Errorf("editing Mexico, its kind reads %q, want its own, %q", got, want)
	}
}

// Tab goes from a kind or actor field to the next field, past its arrow;
// Down opens its list, and the option picked with the keys is put in the
// field, which keeps the keyboard.
func TestPickTabsPastItsArrow(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	te.actorForm(model.Actor{})
	var kind *pick
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if p, ok := o.(*pick); ok && kind == nil {
			kind = p
		}
	}
	if kind == nil {
		t.Fatal("the actor form has no kind field")
	}
	c.Focus(kind)
	c.FocusNext()
	if f, ok := c.Focused().(*textField); !ok || f.PlaceHolder != lang.L("optional label for the diagram") {
		t.Errorf("Tab from the kind field went to %T, want the short name's field", c.Focused())
	}
	c.Focus(kind)
	kind.SetText("") // nothing in the field: nothing marked in the list
	dialogs := len(c.Overlays().List())
	kind.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	var list *widget.PopUpMenu
	if len(c.Overlays().List()) == dialogs+1 {
		for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
			if m, ok := o.(*widget.PopUpMenu); ok {
				list = m
			}
		}
	}
	if list == nil {
		t.Fatalf("Down in the kind field showed %T, want its list", c.Overlays().Top())
	}
	want := kind.options[1]
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if kind.Text != want || c.Focused() != kind {
		t.Errorf("picked with the keys: the field reads %q and %T has the keyboard; want %q in the field, which keeps it", kind.Text, c.Focused(), want)
	}
	// Opened on a kind, the list marks it: Down goes to the next.
	kind.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if m, ok := o.(*widget.PopUpMenu); ok {
			list = m
		}
	}
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := kind.options[2]; kind.Text != want {
		t.Errorf("opened on %q, Down and Enter put %q in the field, want the next, %q", kind.options[1], kind.Text, want)
	}
}

// A bug that panics off the UI goroutine fails what it was doing, said in
// the window, rather than ending the program: a job in the background
// shows an error, and a frame that cannot be drawn leaves the last
// picture on show and says why in the status line, and is not asked for
// again until the view moves.
func TestAPanicOffTheUIGoroutineIsReported(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	var stacks strings.Builder
	panicLog = &stacks
	t.Cleanup(func() { panicLog = os.Stderr })
	overlays := te.win.Canvas().Overlays()
	te.inBackground("Importing…", func(func(done, total int)) (func(), error) {
		var m map[string]int
		m["x"] = 1 // a nil map: a panic
		return nil, nil
	})
	te.jobs.Wait()
	said := ""
	if overlays.Top() != nil {
		for _, o := range test.LaidOutObjects(overlays.Top()) {
			if l, ok := o.(*widget.Label); ok {
				said += l.Text
			}
		}
		overlays.Remove(overlays.Top())
	}
	if !strings.Contains(said, "Importing stopped on an internal error") || !strings.Contains(said, "nil map") {
		t.Errorf("a job that panicked said %q, want what it was doing and what went wrong", said)
	}

	te.paint(t)
	d := te.diagram
	last := d.last
	d.asyncAt, d.bg = 0, nil // every frame drawn in the background, by no renderer: a panic
	d.view.Zoom *= 1.5
	d.redraw()
	d.jobs.Wait()
	if !strings.Contains(te.status.Text, "Drawing the map stopped on an internal error") || d.last != last || d.drawing {
		t.Errorf("a frame whose drawing panicked: status %q, last picture kept %v, still drawing %v", te.status.Text, d.last == last, d.drawing)
	}
	te.status.SetText("")
	d.redraw()
	d.jobs.Wait()
	if te.status.Text != "" {
		t.Errorf("the frame that failed was drawn again for the same view: %q", te.status.Text)
	}
	if !strings.Contains(stacks.String(), "startFrame") {
		t.Errorf("no stack of the frame's panic was written for a report:\n%s", stacks.String())
	}
}

// A form's Delete asks first, naming what it deletes: a click that lands
// on it by mistake deletes nothing.
func TestFormDeleteAsksFirst(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	onTop := func(text string) *widget.Button { return button(t, c.Overlays().Top(), text) }
	question := func() string {
		said := ""
		for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
			if l, ok := o.(*widget.Label); ok {
				said += l.Text
			}
		}
		return said
	}
	chile, _ := te.doc.m.ActorByName("Chile")
	te.actorForm(chile)
	test.Tap(onTop("Delete"))
	if _, ok := te.doc.m.Actor(chile.ID); !ok {
		t.Fatal("Delete in Chile's form deleted it without asking")
	}
	if q := question(); !strings.Contains(q, "Chile") || !strings.Contains(q, "2 ties") {
		t.Errorf("Delete asks %q, want Chile named with its 2 ties", q)
	}
	test.Tap(onTop("Cancel"))
	if _, ok := te.doc.m.Actor(chile.ID); !ok || len(c.Overlays().List()) != 1 {
		t.Fatalf("Cancel deleted Chile (%v) or closed the form (%d overlays)", !ok, len(c.Overlays().List()))
	}
	test.Tap(onTop("Delete"))
	test.Tap(onTop("Delete"))
	te.settle(t)
	if _, ok := te.doc.m.Actor(chile.ID); ok || c.Overlays().Top() != nil {
		t.Errorf("Delete, confirmed: Chile still there %v, a dialog open %v", ok, c.Overlays().Top() != nil)
	}
}

// A kind typed that the map does not have is said to be new before the
// form is saved (a typo would add one), and does not change a new tie's
// Directed, which a kind the map has sets.
func TestANewKindIsSaidToBeNew(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	m := te.doc.m
	f := te.newTieEditor(model.Tie{})
	note := kindNote(t, f.content())
	f.directed.SetChecked(true)
	f.kind.SetText("Fundng")
	if !note.Visible() || !strings.Contains(note.Text, "Fundng") {
		t.Errorf("typing the kind Fundng, the note reads %q (shown %v), want it said to be new", note.Text, note.Visible())
	}
	if !f.directed.Checked {
		t.Error("typing a new kind unticked Directed")
	}
	var arrowless string
	for _, name := range m.KindNames(model.ClassTie) {
		if !m.Kind(model.ClassTie, name).Arrow {
			arrowless = name
		}
	}
	f.kind.SetText(kindLabel(m.Kind(model.ClassTie, arrowless)))
	if note.Text != "" || f.directed.Checked {
		t.Errorf("the map's kind %s: the note reads %q, Directed %v; want no note, and Directed as the kind", arrowless, note.Text, f.directed.Checked)
	}
}

// kindNote is the note beneath the kind field of a form's content.
func kindNote(t *testing.T, content fyne.CanvasObject) *widget.Label {
	t.Helper()
	for _, o := range test.LaidOutObjects(content) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.WarningImportance {
			return l
		}
	}
	t.Fatal("the form has no note beneath its kind")
	return nil
}

// A new kind spelled a slip away from one the map has asks whether that
// one was meant: “organization” was saved as a kind of its own beside
// the built-in “Organisation”.
func TestANewKindLikeOneOfTheMapsAsksWhetherItWasMeant(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	m := te.doc.m
	organisation := kindLabel(m.Kind(model.ClassActor, "organisation"))
	for typed, want := range map[string]string{
		"organization":  organisation,
		"Organisations": organisation,
		"Cartel":        "",
		"NGO":           "", // too short to tell a slip from another name
	} {
		got := nearKind(m, model.ClassActor, typed)
		if got != want {
			t.Errorf("nearKind(%q) = %q, want %q", typed, got, want)
		}
	}
	f := te.newActorEditor(model.Actor{})
	note := kindNote(t, f.content())
	f.kind.SetText("organization")
	if want := "Did you mean “" + organisation + "”?"; !strings.Contains(note.Text, want) {
		t.Errorf("typing the kind organization, the note reads %q, want it to ask %q", note.Text, want)
	}
}

// Escape closes a form from its buttons too: Tab reaches them, and a
// button with the focus takes every key.
func TestEscapeOnAFormsButtonClosesIt(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	for _, label := range []string{"Save", "Add attribute", "Cancel"} {
		te.actorForm(model.Actor{})
		var b *dialogButton
		for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
			if db, ok := o.(*dialogButton); ok && db.Text == label {
				b = db
			}
		}
		if b == nil {
			t.Fatalf("the actor form has no %s button of its own", label)
		}
		c.Focus(b)
		b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Errorf("Escape on %s left the form open", label)
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
}

// Escape in a form whose inputs were changed asks before it discards
// them; in a form as it opened, or changed back, it closes the form.
func TestEscapeAsksBeforeDiscardingAForm(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	escape := func(o fyne.CanvasObject) {
		if f, ok := o.(*textField); ok {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			return
		}
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	nameField := func() *textField {
		for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
			if f, ok := o.(*textField); ok && f.PlaceHolder == "" && !f.MultiLine {
				return f
			}
		}
		t.Fatal("the actor form has no name field")
		return nil
	}

	te.actorForm(model.Actor{})
	escape(nameField())
	if c.Overlays().Top() != nil {
		t.Fatal("Escape in a form as it opened did not close it")
	}

	te.actorForm(model.Actor{})
	name := nameField()
	test.Type(name, "Zaida Quintero")
	form := c.Overlays().Top()
	escape(name)
	if n := len(c.Overlays().List()); n != 2 || c.Overlays().Top() == form {
		t.Fatalf("Escape in a changed form: %d overlays, the form on top %t; want a question over the form", n, c.Overlays().Top() == form)
	}
	button(t, c.Overlays().Top(), "Keep Editing")
	escape(nil) // Escape in the question keeps the form
	if c.Overlays().Top() != form || name.Text != "Zaida Quintero" {
		t.Fatalf("Escape in the question: the form on top %t, its name %q", c.Overlays().Top() == form, name.Text)
	}
	escape(name)
	test.Tap(button(t, c.Overlays().Top(), "Discard"))
	if c.Overlays().Top() != nil {
		t.Fatal("Discard left a dialog open")
	}
	for _, a := range te.doc.m.Actors {
		if a.Name == "Zaida Quintero" {
			t.Error("the discarded actor was stored")
		}
	}

	// Changed and changed back: nothing to lose.
	glas, err := te.doc.m.ActorByName("Jorge Glas")
	if err != nil {
		t.Fatal(err)
	}
	te.actorForm(glas)
	name = nameField()
	name.SetText("Jorge D. Glas")
	name.SetText(glas.Name)
	escape(name)
	if c.Overlays().Top() != nil {
		t.Error("Escape in a form changed back to what it opened with did not close it")
	}
}

// An actor's form does not offer the actor itself as what it belongs to
// or is located in, which the map would refuse.
func TestAnActorsFormDoesNotOfferItself(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	mexico, err := te.doc.m.ActorByName("Mexico")
	if err != nil {
		t.Fatal(err)
	}
	f := te.newActorEditor(mexico)
	for name, p := range map[string]*pick{"belongs to": f.belongsTo, "located in": f.locatedIn} {
		if slices.Contains(p.options, "Mexico") {
			t.Errorf("Mexico's %s lists Mexico", name)
		}
		if !slices.Contains(p.options, "Ecuador") {
			t.Errorf("Mexico's %s does not list Ecuador", name)
		}
	}
}

// newTieFormShown shows the form of a new tie, closed when the test ends.
func (te *testEditor) newTieFormShown(t *testing.T) (*tieEditor, fyne.Canvas) {
	te.settle(t)
	f := te.newTieEditor(model.Tie{})
	d := formDialog(te.Editor, "New Tie", f.form, f.save, nil)
	d.Show()
	t.Cleanup(d.Hide)
	return f, te.win.Canvas()
}

// A date field that holds no date says why as soon as the focus leaves
// it, before Save; the message goes when the field is typed in again.
func TestADateFieldSaysWhatIsWrongWhenLeft(t *testing.T) {
	te := newTestEditor(t)
	f, c := te.newTieFormShown(t)
	c.Focus(f.start)
	test.Type(f.start, "2024-02-30")
	if got := f.message("start"); got != "" {
		t.Errorf("while typing, the start says %q", got)
	}
	c.Focus(f.end)
	if got := f.message("start"); !strings.Contains(got, "February 2024 has no day 30") {
		t.Errorf("left holding 2024-02-30, the start says %q, want why it is no date", got)
	}
	c.Focus(f.start)
	f.start.SetText("2024-02-29")
	c.Focus(f.end)
	if got := f.message("start"); got != "" {
		t.Errorf("left holding 2024-02-29, the start says %q", got)
	}
}

// The fields of a form stay where they are while the user types, leaves
// a field holding no date, fixes it, types a kind the map lacks, or fixes
// a field that saving refused: a message that pushed the fields beneath it
// down made the next click land in another field than the one aimed at.
func TestFormFieldsStayPutAsMessagesComeAndGo(t *testing.T) {
	te := newTestEditor(t)
	f, c := te.newTieFormShown(t)
	// The height the form's inputs and notes need: a note that comes or
	// goes changes it, and moves whatever lies beneath.
	where := func() float32 { return f.content().MinSize().Height }
	at := where()
	steps := []struct {
		name string
		do   func()
	}{
		{"typing a kind the map lacks", func() { f.kind.SetText("rivalry") }},
		{"typing a start", func() { c.Focus(f.start); test.Type(f.start, "2024-02-30") }},
		{"leaving it holding no date", func() { c.Focus(f.end) }},
		{"fixing it", func() { f.start.SetText("2024-02-29") }},
		{"saving a weight of -1", func() { f.weight.SetText("-1"); f.save() }},
	}
	for _, st := range steps {
		st.do()
		if st.name == "saving a weight of -1" {
			if f.message("weight") == "" {
				t.Fatal("a weight of -1 was not refused")
			}
			at = where() // the message comes with the button pressed
			continue
		}
		if got := where(); got != at {
			t.Errorf("%s moved the fields beneath: the form's height went from %v to %v", st.name, at, got)
		}
	}
	f.weight.SetText("2")
	if f.message("weight") != "" {
		t.Errorf("a fixed weight still says %q", f.message("weight"))
	}
	if got := where(); got != at {
		t.Errorf("fixing the weight moved the fields beneath: the form's height went from %v to %v", at, got)
	}
}

// The tie form and the Table refuse a weight that is not a finite
// number, 0 or more, saying so beside it: NaN and Inf once reached the
// file, which refused them with messages about its columns.
func TestAWeightMustBeAFiniteNumber(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	tie := te.doc.m.Ties[0]
	for _, typed := range []string{"NaN", "Inf", "-Inf", "-1", "abc"} {
		f := te.newTieEditor(tie)
		f.weight.SetText(typed)
		if _, _, ok := f.read(); ok || !strings.Contains(f.message("weight"), "0 or more") {
			t.Errorf("weight %q: read %t, the form says %q", typed, ok, f.message("weight"))
		}
	}
}

// A tie in force whose other actor does not exist on the date on show is
// not drawn, and the side panel says so rather than marking it in force.
func TestThePanelSaysWhyATieInForceIsNotDrawn(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	glas, err := te.doc.m.ActorByName("Jorge Glas")
	if err != nil {
		t.Fatal(err)
	}
	var tie model.Tie
	for _, ti := range te.doc.m.TiesOf(glas.ID) {
		if ti.Span.Covers(te.doc.day) {
			tie = ti
		}
	}
	if tie.ID == 0 {
		t.Fatalf("Jorge Glas has no tie in force on %s", te.doc.day)
	}
	other := tie.From
	if other == glas.ID {
		other = tie.To
	}
	a, _ := te.doc.m.Actor(other)
	a.Life.End = model.MustDate("2006-12-10")
	if _, err := te.apply(model.Change{Summary: "Edit Actor", Put: model.Records{Actors: []model.Actor{a}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.Select(glas.ID)
	te.settle(t)
	for _, line := range texts(te.side.Objects) {
		if strings.Contains(line, "\n"+tie.Label) || strings.Contains(line, a.Label()) && strings.Contains(line, tie.Span.String()) {
			if strings.HasPrefix(line, "●") || !strings.Contains(line, "does not exist on this date") {
				t.Errorf("the panel says %q of a tie to %s, who ended in 2006", line, a.Label())
			}
			return
		}
	}
	t.Errorf("the panel does not list the tie to %s: %q", a.Label(), texts(te.side.Objects))
}

// "Ends before it starts", said beside the end, goes when the start is
// changed, as when the end is.
func TestABackwardSpansMessageGoesWhenTheStartChanges(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	f := te.newTieEditor(te.doc.m.Ties[0])
	f.start.SetText("2024-04-10")
	f.end.SetText("2024-04-09")
	if _, _, ok := f.read(); ok || f.message("end") == "" {
		t.Fatalf("a backward span: read %t, the end says %q", ok, f.message("end"))
	}
	f.start.SetText("2024-04-01")
	if got := f.message("end"); got != "" {
		t.Errorf("after the start was fixed the end still says %q", got)
	}
}

// A form whose Save is refused grows to show the messages beside its
// fields, as far as the window has room: it kept its height and scrolled,
// and a field (the kind's shape) went out of sight.
func TestARefusedFormGrowsToShowItsMessages(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	te.win.Resize(fyne.NewSize(1400, 1200))
	c := te.win.Canvas()
	te.actorForm(model.Actor{})
	dlg := c.Overlays().Top()
	defer c.Overlays().Remove(dlg)
	var scroll *container.Scroll
	for _, o := range test.LaidOutObjects(dlg) {
		if s, ok := o.(*container.Scroll); ok && scroll == nil {
			scroll = s
		}
	}
	if scroll == nil {
		t.Fatal("the form has no scroll")
	}
	before := scroll.MinSize().Height
	test.Tap(button(t, dlg, "Save")) // no name: refused
	after, needs := scroll.MinSize().Height, scroll.Content.MinSize().Height
	if after <= before || after < needs {
		t.Errorf("after a refused Save the form shows %.0f of the %.0f its inputs and messages need (it showed %.0f)", after, needs, before)
	}
}

// Text typed into a note that wraps is kept as typed: Fyne's entry left
// the cursor before a space typed at the end of the text where a line
// wraps, and the next word went in front of it ("led to thelargest ").
// Backspace there takes the space away, not the letter before it.
func TestANoteKeepsTheSpacesWhereItsLinesWrap(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	defer w.Close()
	note := newTextArea()
	note.Wrapping = fyne.TextWrapWord
	w.SetContent(note)
	w.Resize(fyne.NewSize(200, 300))
	const s = "The poisoning of Sergei and Yulia Skripal led to the largest expulsion of diplomats from the United Kingdom since the Cold War"
	test.Type(note, s)
	if note.Text != s {
		t.Fatalf("typed %q, the note holds %q", s, note.Text)
	}
	// As the desktop types: each key, then its rune.
	note.SetText("")
	for _, r := range s {
		name := fyne.KeyName(strings.ToUpper(string(r)))
		if r == ' ' {
			name = fyne.KeySpace
		}
		note.TypedKey(&fyne.KeyEvent{Name: name})
		note.TypedRune(r)
	}
	if note.Text != s {
		t.Fatalf("typed key by key as the desktop does, the note holds %q", note.Text)
	}
	// Every space at the end of a line, taken back and typed again.
	note.SetText("")
	want := ""
	for _, r := range s {
		note.TypedRune(r)
		want += string(r)
		if r == ' ' {
			note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
			if want = want[:len(want)-1]; note.Text != want {
				t.Fatalf("Backspace after %q left %q", want+" ", note.Text)
			}
			note.TypedRune(' ')
			want += " "
		}
	}
	if note.Text != s {
		t.Errorf("typed with Backspace, the note holds %q", note.Text)
	}
}

// With nothing selected, the overview marks the events of the keyframe in
// force: a date whose keyframe and the one before have no event leaves
// the panel as it is (a slider drag on a long timeline rebuilds nothing),
// and one onto an event's keyframe marks it.
func TestTheOverviewFollowsTheDayOnlyWhereItsMarksMove(t *testing.T) {
	te := newTestEditor(t)
	te.Select(0)
	events := map[model.Day]bool{}
	for _, ev := range te.Map().Events {
		events[ev.Date.First()] = true
	}
	keys := te.doc.keys
	quiet, marked := -1, -1 // keyframes: one with no event after one with none; one with an event
	for i := 1; i < len(keys); i++ {
		if quiet < 0 && !events[keys[i-1]] && !events[keys[i]] {
			quiet = i
		}
		if marked < 0 && !events[keys[i-1]] && events[keys[i]] {
			marked = i
		}
	}
	if quiet < 0 || marked < 0 {
		t.Fatalf("the default map's keyframes %v lack a pair without events or one onto an event", keys)
	}
	te.doc.SetDay(keys[quiet-1], false)
	before := te.side.Objects[0]
	te.doc.SetDay(keys[quiet], false)
	if te.side.Objects[0] != before {
		t.Error("a date between keyframes without events rebuilt the overview")
	}
	te.doc.SetDay(keys[marked-1], false)
	te.doc.SetDay(keys[marked], false)
	highlighted := 0
	for _, o := range te.side.Objects {
		c, ok := o.(*fyne.Container)
		if !ok {
			continue
		}
		for _, b := range c.Objects {
			if b, ok := b.(*widget.Button); ok && b.Importance == widget.HighImportance {
				highlighted++
			}
		}
	}
	if highlighted == 0 {
		t.Errorf("on %v, an event's date, the overview marks no event", keys[marked])
	}
}

// A long list in the side panel (the map's events, an actor's events and
// ties) shows panelRows of its rows, from about the date on show, and
// buttons that show more before and after: built whole, the 3,000 events
// of a long history held the window for seconds at each change of date.
func TestTheSidePanelShowsLongListsAroundTheDate(t *testing.T) {
	te := newTestEditor(t)
	mexico, _ := te.doc.m.ActorByName("Mexico")
	var events []model.Event
	var ties []model.Tie
	for i := range 300 {
		day := model.MustDate("2000-01-01").First() + model.Day(i)
		events = append(events, model.Event{Date: model.DateOfDay(day), Kind: "diplomatic", Title: fmt.Sprintf("Meeting %03d", i),
			Participants: []model.Participant{{Actor: mexico.ID}}})
		ties = append(ties, model.Tie{From: mexico.ID, To: mexico.ID + 1 + model.ID(i%5), Kind: "relations", Label: fmt.Sprintf("Talks %03d", i),
			Span: model.Span{Start: model.DateOfDay(day), End: model.DateOfDay(day + 1)}})
	}
	if _, err := te.apply(model.Change{Summary: "Meetings", Put: model.Records{Events: events, Ties: ties}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.SetDate(model.MustDate("2000-04-10").First(), false) // day 100
	count := func(prefix string) (n int, first string) {
		for _, s := range texts(te.side.Objects) {
			if i := strings.Index(s, prefix); i >= 0 {
				if n == 0 {
					first = s[i : i+len(prefix)+3]
				}
				n++
			}
		}
		return n, first
	}
	if n, first := count("Meeting "); n != panelRows || first != "Meeting 090" {
		t.Errorf("the map's events: %d rows from %q, want %d from Meeting 090", n, first, panelRows)
	}
	later := func() *widget.Button {
		for _, o := range te.side.Objects {
			if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "later") {
				return b
			}
		}
		return nil
	}
	b := later()
	if want := fmt.Sprintf("%d later", len(te.doc.m.Events)-130); b == nil || !strings.HasPrefix(b.Text, want) {
		t.Fatalf("the button below the events is %v, want one for the %s", b, want)
	}
	test.Tap(b)
	if n, first := count("Meeting "); n != 2*panelRows || first != "Meeting 090" {
		t.Errorf("after showing more: %d rows from %q, want %d from Meeting 090", n, first, 2*panelRows)
	}
	te.Select(mexico.ID)
	if n, _ := count("Meeting "); n != panelRows {
		t.Errorf("Mexico's events: %d rows, want %d", n, panelRows)
	}
	if n, first := count("Talks "); n != panelRows || first != "Talks 090" {
		t.Errorf("Mexico's ties: %d rows from %q, want %d from Talks 090", n, first, panelRows)
	}
	// The rows asked for stay through an edit of the actor, which selects
	// it again, and go with another selection.
	var lastLater *widget.Button
	for _, o := range te.side.Objects {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "later") {
			lastLater = b
		}
	}
	test.Tap(lastLater)
	renamed, _ := te.doc.m.Actor(mexico.ID)
	renamed.Notes = "Edited."
	if _, err := te.apply(model.Change{Summary: "Edit Actor", Put: model.Records{Actors: []model.Actor{renamed}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.Select(mexico.ID)
	if n, _ := count("Talks "); n != 2*panelRows {
		t.Errorf("after an edit of Mexico, its ties: %d rows, want the %d asked for", n, 2*panelRows)
	}
	te.Select(0)
	te.Select(mexico.ID)
	if n, _ := count("Talks "); n != panelRows {
		t.Errorf("selected again after another selection, Mexico's ties: %d rows, want %d", n, panelRows)
	}
}

// A change of date that changes nothing of the selected actor's details
// (none of its ties or events begins, ends or changes its mark) leaves
// the side panel as it is; one that does rebuilds it.
func TestTheSelectedActorsDetailsFollowOnlyItsOwnDates(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	a, _ := te.doc.m.ActorByName("Chile")
	te.Select(a.ID)
	var same, moved [2]model.Day
	for i := 1; i < len(te.doc.keys) && (same[0] == 0 || moved[0] == 0); i++ {
		was, now := te.doc.keys[i-1], te.doc.keys[i]
		te.SetDate(was, false)
		before := te.actorDay(a.ID)
		te.SetDate(now, false)
		if te.actorDay(a.ID) == before {
			same = [2]model.Day{was, now}
		} else {
			moved = [2]model.Day{was, now}
		}
	}
	if same[0] == 0 || moved[0] == 0 {
		t.Fatalf("no two dates found on which Chile's details are the same (%v) and differ (%v)", same, moved)
	}
	for _, c := range []struct {
		days    [2]model.Day
		rebuilt bool
	}{{same, false}, {moved, true}} {
		te.SetDate(c.days[0], false)
		first := te.side.Objects[0]
		te.SetDate(c.days[1], false)
		if rebuilt := te.side.Objects[0] != first; rebuilt != c.rebuilt {
			t.Errorf("from %s to %s the side panel was rebuilt: %v, want %v", c.days[0], c.days[1], rebuilt, c.rebuilt)
		}
	}
}

// A source's long address is cut to the side panel's width: it made the
// panel wider, for good, and the map smaller.
func TestALongSourceAddressKeepsTheSidePanelNarrow(t *testing.T) {
	te := newTestEditor(t)
	mexico, err := te.doc.m.ActorByName("Mexico")
	if err != nil {
		t.Fatal(err)
	}
	narrow := te.side.MinSize().Width
	long := "https://history.state.gov/departmenthistory/people/chiefsofmission/" + strings.Repeat("a-long-path-", 12)
	applied, err := te.apply(model.Change{Summary: "New Source", Put: model.Records{Sources: []model.Source{{Title: "Chiefs of Mission", URL: long}}}})
	if err != nil {
		t.Fatal(err)
	}
	mexico.Sources = append(mexico.Sources, applied.Put.Sources[0].ID)
	if _, err := te.apply(model.Change{Summary: "Cite", Put: model.Records{Actors: []model.Actor{mexico}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.Select(mexico.ID)
	if got := te.side.MinSize().Width; got > narrow {
		t.Errorf("with a source's long address shown, the side panel is at least %.0f wide (%.0f before)", got, narrow)
	}
}

// The status line keeps its height while a layout's or a job's progress
// shows: it grew under their Cancel buttons, and the picture above it
// shrank, its header and legend gone until it was drawn again.
func TestTheStatusLineKeepsItsHeight(t *testing.T) {
	te := newTestEditor(t)
	idle := te.statusRow.MinSize().Height
	te.busy.Show()
	if got := te.statusRow.MinSize().Height; got != idle {
		t.Errorf("while laying out the status line is %.0f high, %.0f idle", got, idle)
	}
	te.busy.Hide()
	te.workingBox.Show()
	te.cancelJob.Show()
	if got := te.statusRow.MinSize().Height; got != idle {
		t.Errorf("while a job runs the status line is %.0f high, %.0f idle", got, idle)
	}
	te.workingBox.Hide()
	te.cancelJob.Hide()
}

// Undo and Redo say on the status line what they undid and redid: they
// said nothing, and a user could not tell what had changed.
func TestUndoAndRedoSayWhatTheyDid(t *testing.T) {
	te := newTestEditor(t)
	noteMexico(t, te)
	te.undo()
	te.settle(t)
	if want := "Undone: Edit Actor 'Mexico'."; te.status.Text != want {
		t.Errorf("after Undo the status line says %q, want %q", te.status.Text, want)
	}
	te.redo()
	te.settle(t)
	if want := "Redone: Edit Actor 'Mexico'."; te.status.Text != want {
		t.Errorf("after Redo the status line says %q, want %q", te.status.Text, want)
	}
	te.redo()
	if want := "Nothing to redo."; te.status.Text != want {
		t.Errorf("with nothing to redo the status line says %q, want %q", te.status.Text, want)
	}
}

// An actor given an end before its ties' end is told of: Mexico ended in
// 1990 took its 2024 ties off the map without a word.
func TestAnActorEndedBeforeItsTiesIsToldOf(t *testing.T) {
	te := newTestEditor(t)
	mexico, err := te.doc.m.ActorByName("Mexico")
	if err != nil {
		t.Fatal(err)
	}
	f := te.newActorEditor(mexico)
	f.end.SetText("1990")
	if !f.save() {
		t.Fatalf("save() = false; end %q", f.message("end"))
	}
	te.settle(t)
	ended, _ := te.doc.m.Actor(mexico.ID)
	n := len(te.doc.m.TiesBeyond(ended))
	if want := fmt.Sprintf("Mexico: %d of its ties are in force on dates it does not exist, and are not drawn on them.", n); n < 2 || te.status.Text != want {
		t.Errorf("after Mexico was ended in 1990 (%d ties beyond it) the status line says %q, want %q", n, te.status.Text, want)
	}
	// An edit that leaves out no more says nothing of it.
	f = te.newActorEditor(ended)
	f.notes.SetText("Ended, for a test.")
	if !f.save() {
		t.Fatal("save() = false")
	}
	te.settle(t)
	if strings.Contains(te.status.Text, "of its ties") {
		t.Errorf("an edit of its notes says %q", te.status.Text)
	}
}

// Saving over a file that is there asks first, however the name was
// given: a whole path typed in the file dialog, or a name without the
// extension, wrote over a map without a word.
func TestSavingOverAFileAsksFirst(t *testing.T) {
	te := newTestEditor(t)
	dir := t.TempDir()
	there := filepath.Join(dir, "mine.relmap")
	if err := os.WriteFile(there, []byte("my map"), 0o644); err != nil {
		t.Fatal(err)
	}
	maps := mapFiles("Save As", true, "")
	for _, tt := range []struct {
		typed string
		asked bool // by Fyne's dialog, of the name typed
		asks  bool
	}{
		{there, false, true}, // a whole path typed
		{strings.TrimSuffix(there, ".relmap"), true, true}, // no extension: Fyne asked of another file
		{there, true, false}, // Fyne asked of this one
		{filepath.Join(dir, "new.relmap"), false, false},
	} {
		var got string
		te.replacing(maps, tt.typed, tt.asked, func(p string) { got = p })
		top := te.win.Canvas().Overlays().Top()
		if tt.asks != (got == "") || tt.asks != (top != nil) {
			t.Errorf("%s (asked %t): chosen %q, a dialog %t; want it asked %t", tt.typed, tt.asked, got, top != nil, tt.asks)
		}
		if top != nil {
			te.win.Canvas().Overlays().Remove(top)
		}
	}
	if data, _ := os.ReadFile(there); string(data) != "my map" {
		t.Error("the file was written over")
	}
}

// noteMexico gives Mexico a note, as one change ("Edit Actor 'Mexico'"),
// and returns Mexico as it was before.
func noteMexico(t *testing.T, te *testEditor) model.Actor {
	t.Helper()
	mexico, err := te.doc.m.ActorByName("Mexico")
	if err != nil {
		t.Fatal(err)
	}
	edited := mexico
	edited.Notes = "Checked."
	if _, err := te.apply(model.Change{Summary: "Edit Actor 'Mexico'", Put: model.Records{Actors: []model.Actor{edited}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	return mexico
}

// A new event's form opens on the date on show, all selected, so that
// typing another date replaces it.
func TestANewEventOpensOnTheDateOnShow(t *testing.T) {
	te := newTestEditor(t)
	te.newEvent()
	overlays := te.win.Canvas().Overlays()
	var when *textField
	for _, o := range test.LaidOutObjects(overlays.Top()) {
		if en, ok := o.(*textField); ok && when == nil {
			when = en
		}
	}
	if when == nil || when.Text != te.doc.day.String() {
		t.Fatalf("the new event's date field says %q, want the date on show %s", when.Text, te.doc.day)
	}
	test.Type(when, "2024-04-09")
	if when.Text != "2024-04-09" {
		t.Errorf("typing a date into the field gives %q", when.Text)
	}
	overlays.Remove(overlays.Top())
}

// A source without a title is named by its site, its address following
// as a link: the address, wrapped, left the bullet on a line of its own,
// and the link said it again.
func TestASourceWithoutATitleIsNamedByItsSite(t *testing.T) {
	te := newTestEditor(t)
	const address = "https://www.reuters.com/world/americas/ecuador-raid-2024-04-06/"
	// Without a title, and titled by its address, as an address typed in
	// a form's source field is.
	for _, src := range []model.Source{{URL: address}, {Title: address + "#b", URL: address + "#b"}} {
		applied, err := te.apply(model.Change{Summary: "New Source", Put: model.Records{Sources: []model.Source{src}}})
		if err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		rows := te.sourceRows([]model.ID{applied.Put.Sources[0].ID})
		var texts []string
		for _, o := range test.LaidOutObjects(rows) {
			switch o := o.(type) {
			case *widget.Label:
				texts = append(texts, o.Text)
			case *widget.Hyperlink:
				texts = append(texts, "link "+o.Text)
			}
		}
		if want := []string{"Sources:", "• reuters.com", "link " + src.URL}; !slices.Equal(texts, want) {
			t.Errorf("the source %+v is shown as %q, want %q", src, texts, want)
		}
	}
}

// A weight is written and read as the window writes decimals: a Spanish
// window refused "1,5", though it writes "0,84" itself.
func TestAWeightIsTypedTheWindowsWay(t *testing.T) {
	speak(t, "es")
	defer speak(t, "en")
	for typed, want := range map[string]float64{"1,5": 1.5, "1.5": 1.5, " 2 ": 2, "": 0} {
		if got, err := parseWeight(typed); err != nil || got != want {
			t.Errorf("%q: %v, %v; want %v", typed, got, err, want)
		}
	}
	for _, bad := range []string{"1,5,2", "-1", "uno", "NaN"} {
		if _, err := parseWeight(bad); err == nil {
			t.Errorf("%q was taken as a weight", bad)
		}
	}
	if got := weightText(1.5); got != "1,5" {
		t.Errorf("1.5 is written %q, want 1,5", got)
	}
}

// An actor's field lists the names holding what is typed, as it is
// typed, and the keys still type in it; Down and Enter take a name. The
// list opened only from the field's arrow, and users typed names in full.
func TestAPickSuggestsAsTheUserTypes(t *testing.T) {
	te := newTestEditor(t)
	c := te.win.Canvas()
	p := actorPicker(te.doc.m)
	d := dialog.NewCustom("Pick", "Close", p, te.win)
	d.Show()
	d.Resize(fyne.NewSize(400, 200))
	c.Focus(p)
	test.Type(p, "l")
	if p.suggested == nil || !p.suggested.shown() {
		t.Fatal("typing in an actor's field lists no names")
	}
	// The list has the keyboard; what it gets is typed in the field.
	for _, r := range "opez" {
		c.Focused().TypedRune(r)
	}
	if p.Text != "lopez" {
		t.Fatalf("typed with the list open, the field holds %q", p.Text)
	}
	if got := p.suggested.names; len(got) != 1 || got[0] != "Andrés Manuel López Obrador" {
		t.Fatalf("for \"lopez\" the list offers %q", got)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.Text != "Andrés Manuel López Obrador" || p.suggested.shown() {
		t.Errorf("Down and Enter leave %q in the field, the list shown %v", p.Text, p.suggested.shown())
	}
	if c.Focused() != p {
		t.Errorf("after a name is taken the keyboard is %T's, not the field's", c.Focused())
	}
	// The names suggested hold what is typed, also when it names an actor
	// in full: the names about it in the list, opened from the arrow,
	// are not suggestions.
	p.suggested.hide()
	p.SetText("")
	c.Focus(p)
	for _, r := range "mexico" {
		c.Focused().TypedRune(r)
	}
	for _, name := range p.suggested.names {
		if !strings.Contains(model.Fold(name), "mexico") {
			t.Errorf("for \"mexico\" the list suggests %q", name)
		}
	}
	if got := p.offers(); len(got) < 2 || got[0] != "Mexico" || strings.Contains(model.Fold(got[1]), "mexico") && strings.Contains(model.Fold(got[len(got)-1]), "mexico") {
		t.Errorf("the list opened on Mexico offers %q, want Mexico and the names about it", got)
	}
	p.SetText("Andrés Manuel López Obrador")
	c.Focus(p)
	// A name typed in full offers nothing more; none matching, nothing.
	c.Focused().TypedRune('x')
	if p.suggested.shown() {
		t.Errorf("for %q the list is shown with %q", p.Text, p.suggested.names)
	}
	// Tab closes the list and leaves the field, as from the field.
	p.SetText("")
	test.Type(p, "ec")
	if !p.suggested.shown() {
		t.Fatal("for \"ec\" no list is shown")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if p.suggested.shown() || c.Focused() == p || p.Text != "ec" {
		t.Errorf("after Tab the list is shown %v, the field has the keyboard %v and holds %q", p.suggested.shown(), c.Focused() == p, p.Text)
	}
}

// The keyboard coming into a field selects its text, so that what is
// typed replaces a value shown (a new actor's kind became
// "CountryCountry"); a click places the cursor; the keyboard coming back
// from the field's own list leaves the text as it was.
func TestTypingInAFieldTheKeyboardComesIntoReplacesItsText(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	f := te.newActorEditor(model.Actor{})
	d := dialog.NewCustom("Form", "Close", container.NewVBox(f.name, f.kind), te.win)
	d.Show()
	d.Resize(fyne.NewSize(600, 500))
	shown := f.kind.Text
	if shown == "" {
		t.Fatal("a new actor's kind field starts empty")
	}
	c.Focus(f.kind)
	for _, r := range shown {
		c.Focused().TypedRune(r)
	}
	if f.kind.Text != shown {
		t.Errorf("typing %q in the kind field the keyboard came into leaves %q", shown, f.kind.Text)
	}
	c.Focus(f.name)
	f.name.SetText("Embassy of Chile")
	c.Focus(f.kind)
	c.Focus(f.name)
	for _, r := range "Embassy of Peru" {
		c.Focused().TypedRune(r)
	}
	if f.name.Text != "Embassy of Peru" {
		t.Errorf("typing in the name field the keyboard came back into leaves %q", f.name.Text)
	}

	// A click in a field not focused places the cursor where it falls.
	c.Focus(f.kind)
	f.name.SetText("Embassy of Chile")
	f.name.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(f.name.Size().Width-4, f.name.Size().Height/2)}, Button: desktop.MouseButtonPrimary})
	f.name.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(f.name.Size().Width-4, f.name.Size().Height/2)}, Button: desktop.MouseButtonPrimary})
	if c.Focused() != f.name || f.name.SelectedText() != "" {
		t.Fatalf("a click in the name field: focused %v, %q selected", c.Focused() == f.name, f.name.SelectedText())
	}
	for _, r := range " in Quito" {
		c.Focused().TypedRune(r)
	}
	if f.name.Text != "Embassy of Chile in Quito" {
		t.Errorf("typed after a click at the end of the name, it reads %q", f.name.Text)
	}

	// Back from the list of suggestions, typing goes on where it was.
	c.Focus(f.kind)
	c.Focused().TypedRune('o')
	if f.kind.suggested == nil || !f.kind.suggested.shown() {
		t.Fatal("typing \"o\" in the kind field lists no kinds")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Focused() != f.kind {
		t.Fatalf("Escape in the list left the keyboard with %T", c.Focused())
	}
	c.Focused().TypedRune('r')
	if f.kind.Text != "or" {
		t.Errorf("typing on after the list closed leaves %q in the kind field, want \"or\"", f.kind.Text)
	}
}

// A status line cut short shows its whole text when clicked; one that
// fits does nothing.
func TestAStatusLineCutShortShowsItAllWhenClicked(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	te.status.SetText("Fits.")
	test.Tap(te.status)
	if c.Overlays().Top() != nil {
		t.Fatal("a click on a status line that fits opened something")
	}
	long := strings.Repeat("A long line of what a comparison found and did not draw. ", 12) + "The end."
	te.status.SetText(long)
	test.Tap(te.status)
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("a click on a status line cut short shows nothing")
	}
	if !says(top, "The end.") {
		t.Error("the whole status line is not shown")
	}
}

// Cancel asks, as Escape does, before it discards what a form holds: it
// threw a filled form away without a word.
func TestCancelAsksBeforeDiscardingAForm(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	te.actorForm(model.Actor{})
	test.Tap(button(t, c.Overlays().Top(), "Cancel"))
	if c.Overlays().Top() != nil {
		t.Fatal("Cancel in a form as it opened did not close it")
	}
	te.actorForm(model.Actor{})
	form := c.Overlays().Top()
	var name *textField
	for _, o := range test.LaidOutObjects(form) {
		if f, ok := o.(*textField); ok && f.PlaceHolder == "" && !f.MultiLine && name == nil {
			name = f
		}
	}
	if name == nil {
		t.Fatal("the actor form has no name field")
	}
	test.Type(name, "Zaida Quintero")
	test.Tap(button(t, form, "Cancel"))
	if n := len(c.Overlays().List()); n != 2 || c.Overlays().Top() == form {
		t.Fatalf("Cancel in a changed form: %d overlays, the form on top %t; want a question over the form", n, c.Overlays().Top() == form)
	}
	test.Tap(button(t, c.Overlays().Top(), "Keep Editing"))
	if c.Overlays().Top() != form || name.Text != "Zaida Quintero" {
		t.Fatalf("Keep Editing: the form on top %t, its name %q", c.Overlays().Top() == form, name.Text)
	}
	test.Tap(button(t, form, "Cancel"))
	test.Tap(button(t, c.Overlays().Top(), "Discard"))
	if c.Overlays().Top() != nil {
		t.Error("Discard left a dialog open")
	}
}

// A tie saved beyond an actor's life says that it shows only while both
// are on the map: saved, it was missing from the picture without a word.
func TestATieBeyondAnActorsLifeSaysSo(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	if _, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Brief Envoy", Kind: "official",
		Life: model.Span{Start: model.MustDate("2020"), End: model.MustDate("2022")}}}}}); err != nil {
		t.Fatal(err)
	}
	f := te.newTieEditor(model.Tie{})
	f.kind.SetText("ambassador")
	f.from.SetText("Brief Envoy")
	f.to.SetText("Mexico")
	f.start.SetText("2021")
	f.end.SetText("2024")
	if !f.save() {
		t.Fatalf("save() = false: %q %q %q", f.message("from"), f.message("end"), f.message(""))
	}
	// Said now and again when the layout the tie starts is done.
	if want := "Brief Envoy is not on the map on 31 December 2024: the tie shows only while both its actors are."; te.notice != want {
		t.Errorf("the status line says %q (then %q), want %q", te.status.Text, te.notice, want)
	}
}
