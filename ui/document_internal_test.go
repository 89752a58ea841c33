package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/layout"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/csvio"
	"relmap/model/netio"
	"relmap/model/sqlite"
	"relmap/render"
)

// press types a shortcut into the window as the desktop driver hands it
// on: Ctrl+Z as Fyne's Undo, Ctrl+Y as its Redo, others as keys with
// modifiers. The test driver's canvas keeps its shortcuts in the software
// canvas it wraps.
func (te *testEditor) press(t *testing.T, key fyne.KeyName, mod fyne.KeyModifier) {
	var sc fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	switch {
	case key == fyne.KeyZ && mod == fyne.KeyModifierShortcutDefault:
		sc = &fyne.ShortcutUndo{}
	case key == fyne.KeyY && mod == fyne.KeyModifierShortcutDefault:
		sc = &fyne.ShortcutRedo{}
	}
	inner := reflect.ValueOf(te.win.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	inner.(fyne.Shortcutable).TypedShortcut(sc)
	te.settle(t)
}

// settle waits for the jobs, the layout and the background frames an
// action started (on screen their results are shown on the UI goroutine
// after the action; Fyne's test driver shows them on their own
// goroutines, so the test waits before its next action), and checks that
// the map in memory, which follows the changes without reading the file,
// is the map in the file.
func (te *testEditor) settle(t *testing.T) {
	t.Helper()
	te.jobs.Wait()
	te.waitLayout()
	te.diagram.jobs.Wait()
	stored, err := te.Editor.doc.store.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(te.doc.m, stored) {
		t.Errorf("the map in memory is not the map in the file:\nmemory %+v\nfile   %+v", te.doc.m, stored)
	}
}

func TestDeleteThenUndoAndRedoWithTheKeyboard(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	glas, err := before.ActorByName("Jorge Glas")
	if err != nil {
		t.Fatal(err)
	}
	te.Select(glas.ID)
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	te.settle(t)
	deleted := te.stored(t)
	if _, ok := deleted.Actor(glas.ID); ok {
		t.Fatal("Delete left the selected actor in the map")
	}
	if got, want := te.undoItem.Label, "Undo Delete Actor '"+glas.Name+"'"; got != want {
		t.Errorf("Edit menu says %q, want %q", got, want)
	}
	ties := 0
	for _, tie := range before.Ties {
		if tie.From == glas.ID || tie.To == glas.ID {
			ties++
		}
	}
	if got, want := te.status.Text, fmt.Sprintf("Deleted '%s' and its %d ties. Edit > Undo brings it back.", glas.Name, ties); got != want {
		t.Errorf("after the Delete key the status line says %q, want %q", got, want)
	}
	te.press(t, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if got := te.stored(t); !reflect.DeepEqual(got, before) {
		t.Error("after Ctrl+Z the map is not as before the delete (records, IDs, ties, event roles)")
	}
	if got := te.doc.Selected(); got != glas.ID {
		t.Errorf("after Ctrl+Z actor %d is selected, want Jorge Glas (%d), brought back", got, glas.ID)
	}
	if got, want := te.redoItem.Label, "Redo Delete Actor '"+glas.Name+"'"; got != want {
		t.Errorf("Edit menu says %q, want %q", got, want)
	}
	te.press(t, fyne.KeyZ, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if got := te.stored(t); !reflect.DeepEqual(got, deleted) {
		t.Error("after Ctrl+Shift+Z the map is not as after the delete")
	}
	te.press(t, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	te.press(t, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	if got := te.stored(t); !reflect.DeepEqual(got, deleted) {
		t.Error("after Ctrl+Z, Ctrl+Y the map is not as after the delete")
	}
	if !reflect.DeepEqual(te.reopened(t), deleted) {
		t.Error("a fresh connection reads another map")
	}
	// A tie brought back is selected too.
	tie := deleted.Ties[0]
	te.deleteTie(tie)
	te.settle(t)
	te.press(t, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if got := te.doc.SelectedTie(); got != tie.ID || te.doc.Selected() != 0 {
		t.Errorf("after Ctrl+Z tie %d and actor %d are selected, want tie %d, brought back", got, te.doc.Selected(), tie.ID)
	}
}

// The Edit menu names an action cut short: a name in it may be a
// paragraph long, and the menu was as wide, its shortcuts off the screen.
func TestTheEditMenuCutsALongAction(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	glas, err := te.doc.m.ActorByName("Jorge Glas")
	if err != nil {
		t.Fatal(err)
	}
	glas.Name = strings.Repeat("Jorge David Glas Espinel ", 20)
	if _, err := te.apply(model.Change{Summary: "Edit Actor '" + glas.Name + "'", Put: model.Records{Actors: []model.Actor{glas}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	label := strings.TrimPrefix(te.undoItem.Label, "Undo ")
	if n := len([]rune(label)); n > 48 || !strings.HasPrefix(label, "Edit Actor 'Jorge David Glas") || !strings.HasSuffix(label, "…") {
		t.Errorf("the Edit menu says %q (%d characters after Undo), want the action cut to 48 with …", te.undoItem.Label, n)
	}
}

func TestEveryEditIsOneUndoableChange(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	mexico, _ := before.ActorByName("Mexico")
	te.pin(mexico.ID, model.Point{X: 12, Y: 34})
	te.settle(t)
	if p := te.stored(t).Pins[mexico.ID]; p != (model.Point{X: 12, Y: 34}) {
		t.Fatalf("pin = %v", p)
	}
	te.undo()
	te.settle(t)
	if got := te.stored(t); !reflect.DeepEqual(got.Pins, before.Pins) {
		t.Errorf("after undoing the move the pins are %v, want %v", got.Pins, before.Pins)
	}
	// A form that names a new source: the source and the tie are one
	// change, so one undo removes both.
	f := te.newTieEditor(model.Tie{})
	f.from.SetText("Mexico")
	f.to.SetText("Ecuador")
	f.kind.SetText("relations")
	f.sources.rows[0].pick.SetText("A report nobody cited before")
	saved := f.save()
	te.settle(t)
	if !saved {
		var msgs []string
		for field, n := range f.errs {
			if n.failing {
				msgs = append(msgs, field+": "+n.label.Text)
			}
		}
		t.Fatalf("the tie form did not save: %v %q", msgs, f.general.label.Text)
	}
	after := te.stored(t)
	if len(after.Ties) != len(before.Ties)+1 || len(after.Sources) != len(before.Sources)+1 {
		t.Fatalf("saving the form added %d ties and %d sources, want 1 and 1",
			len(after.Ties)-len(before.Ties), len(after.Sources)-len(before.Sources))
	}
	te.undo()
	te.settle(t)
	if got := te.stored(t); !reflect.DeepEqual(got, before) {
		t.Error("one undo did not take back the tie and its new source")
	}
}

// openFiles lets the editor open and create SQLite map files (the File
// menu), closing the one it shows last when the test ends.
func (te *testEditor) openFiles(t *testing.T) {
	t.Cleanup(func() { te.Editor.Close() })
	te.SetFiles(&Files{
		Open:   func(p string) (model.Store, error) { return sqlite.Open(p) },
		Create: func(p string, m *model.Map) (model.Store, error) { return sqlite.Create(p, m) },
	}, te.path)
}

func TestFilesSaveAsOpenAndRefuse(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	mexico, _ := te.doc.m.ActorByName("Mexico")
	te.pin(mexico.ID, model.Point{X: 1, Y: 2})
	te.settle(t)
	// A map without a name, which goes by its file's.
	if _, err := te.apply(model.Change{Summary: "Rename Map", Put: model.Records{Info: &model.Info{Description: te.doc.m.Description}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	day := model.MustDate("2024-01-10").First()
	te.SetDate(day, false)
	te.Select(mexico.ID)
	te.settle(t)
	te.paint(t)
	te.diagram.CenterOn(model.Point{X: 300, Y: 200}) // a view of the user's own
	te.diagram.camera.Tick(1)
	view := te.diagram.View()
	var opened []string
	te.files.Opened = func(p string) { opened = append(opened, p) }
	copyPath := filepath.Join(t.TempDir(), "copy.relmap")
	if err := te.saveAs(te.store, copyPath); err != nil {
		t.Fatalf("Save As: %v", err)
	}
	te.settle(t)
	if te.doc.path != copyPath || !strings.Contains(te.win.Title(), "copy.relmap") {
		t.Errorf("after Save As the window shows %q (%q), want the copy", te.doc.path, te.win.Title())
	}
	if want := "Saved as " + copyPath + "; the window shows it now."; te.status.Text != want {
		t.Errorf("after Save As the status line says %q, want %q", te.status.Text, want)
	}
	// The copy is the map the app opens next, when started without one.
	if len(opened) == 0 || opened[len(opened)-1] != copyPath {
		t.Errorf("after Save As the app was told of %q, want the copy last", opened)
	}
	if te.doc.day != day || te.doc.selected != mexico.ID {
		t.Errorf("after Save As the copy shows %s with %d selected, want %s with Mexico (%d): the same map", te.doc.day, te.doc.selected, day, mexico.ID)
	}
	te.paint(t)
	if got := te.diagram.View(); got != view {
		t.Errorf("after Save As the view is %+v, want the one before, %+v", got, view)
	}
	// With nothing selected, the side panel names the new copy's file (on
	// the date the copy opens on, so that nothing but the new file
	// refreshes the panel).
	te.Select(0)
	te.SetDate(te.doc.firstDay(), false)
	te.settle(t)
	copyPath = filepath.Join(t.TempDir(), "copy 2.relmap")
	if err := te.saveAs(te.doc.store.(model.Copier), copyPath); err != nil {
		t.Fatalf("Save As: %v", err)
	}
	te.settle(t)
	if got := texts(te.side.Objects); len(got) == 0 || got[0] != "copy 2.relmap" {
		t.Errorf("after Save As the side panel begins %q, want the copy's file", got[:min(len(got), 1)])
	}
	if got, want := te.undoItem.Label, "Undo Rename Map"; got != want {
		t.Errorf("the copy's Edit menu says %q, want %q: the history goes with Save As", got, want)
	}
	t.Run("a file that is not a map is refused and left alone", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "notes.relmap")
		if err := os.WriteFile(bad, []byte("name,kind\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		te.openPath(bad)
		te.settle(t)
		if te.doc.path != copyPath {
			t.Errorf("the window moved to %q", te.doc.path)
		}
		if data, _ := os.ReadFile(bad); string(data) != "name,kind\n" {
			t.Error("opening changed the file")
		}
		// Said in the window's language: in Spanish the file's fault
		// was said in English.
		te.win.Canvas().Overlays().Remove(te.win.Canvas().Overlays().Top())
		speak(t, "es")
		defer speak(t, "en")
		te.openPath(bad)
		te.settle(t)
		want := "No se pudo abrir el mapa " + bad + ": no es un archivo de relmap: no es una base de datos SQLite."
		var said []string
		for _, o := range test.LaidOutObjects(te.win.Canvas().Overlays().Top()) {
			if l, ok := o.(*widget.Label); ok {
				said = append(said, l.Text)
			}
		}
		if !slices.Contains(said, want) {
			t.Errorf("in Spanish, opening a text file says %q, want %q", said, want)
		}
		te.win.Canvas().Overlays().Remove(te.win.Canvas().Overlays().Top())
	})
	t.Run("a recent map that is gone is refused, not made anew", func(t *testing.T) {
		gone := filepath.Join(t.TempDir(), "moved.relmap")
		te.remember(gone)
		te.openPath(gone)
		te.settle(t)
		if te.doc.path != copyPath {
			t.Errorf("the window moved to %q", te.doc.path)
		}
		if _, err := os.Stat(gone); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("opening a map that is gone made a file there (%v)", err)
		}
		for _, it := range te.recentItems() {
			if it.Label == gone && !it.Disabled {
				t.Error("Open Recent offers the map that is gone")
			}
		}
	})
	t.Run("a new map is empty and named after its file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "Peru 2025.relmap")
		if err := te.newMap(path); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		if te.doc.m.Name != "Peru 2025" || len(te.doc.m.Actors) != 0 {
			t.Errorf("new map %q with %d actors", te.doc.m.Name, len(te.doc.m.Actors))
		}
		if !te.diagram.follow {
			t.Error("a new map is shown through the last map's view, not fitted")
		}
		if recent := te.recent(); len(recent) < 2 || recent[0] != path {
			t.Errorf("recent maps = %v, want %s first", recent, path)
		}
	})
}

func TestImportIsOneUndoableStep(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	path := filepath.Join(t.TempDir(), "more.json")
	body := `{"name":"more","actors":[{"id":1,"name":"Peru","kind":"country"},{"id":2,"name":"Chile","kind":"country"}],
		"ties":[{"id":1,"kind":"relations","from":1,"to":2,"span":{"start":"2020"}}]}`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	// A tie with a date: one without is said on the status line (see
	// TestAnImportSaysItsTiesWithoutDates).
	te.importInBackground(path) // read and written off the UI goroutine
	te.jobs.Wait()
	te.settle(t)
	if te.workingBox.Visible() || te.status.Text != "" {
		t.Errorf("after the import the moving bar is shown (%v) and the status says %q", te.workingBox.Visible(), te.status.Text)
	}
	after := te.stored(t)
	if len(after.Actors) != len(before.Actors)+2 || len(after.Ties) != len(before.Ties)+1 {
		t.Fatalf("the import added %d actors and %d ties", len(after.Actors)-len(before.Actors), len(after.Ties)-len(before.Ties))
	}
	te.undo()
	te.settle(t)
	if got := te.stored(t); !reflect.DeepEqual(got, before) {
		t.Error("one undo did not take back the whole import")
	}
	// CSV tables are read as a folder, which the history names.
	dir := filepath.Join(t.TempDir(), "peru-bolivia")
	more := &model.Map{Actors: []model.Actor{{ID: 1, Name: "Peru", Kind: "country"}, {ID: 2, Name: "Bolivia", Kind: "country"}},
		Ties: []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2}}}
	if err := csvio.Write(dir, more); err != nil {
		t.Fatal(err)
	}
	te.importInBackground(filepath.Join(dir, "ties.csv"))
	te.jobs.Wait()
	te.settle(t)
	if got, want := te.undoItem.Label, "Undo Import the tables of 'peru-bolivia'"; got != want {
		var shown []string
		for _, o := range te.win.Canvas().Overlays().List() {
			for _, c := range test.LaidOutObjects(o) {
				if l, ok := c.(*widget.Label); ok {
					shown = append(shown, l.Text)
				}
			}
		}
		t.Errorf("after a CSV import the Edit menu says %q, want %q (status %q, dialogs %q)", got, want, te.status.Text, shown)
	}
}

func TestThePictureHoldsStill(t *testing.T) {
	te := newTestEditor(t)
	te.waitLayout()
	before := te.tl.At(te.doc.day).Pos
	mexico, _ := te.doc.m.ActorByName("Mexico")
	// Far from every other actor: nothing is in the way.
	te.pin(mexico.ID, model.Point{X: 5000, Y: 5000})
	te.waitLayout()
	after := te.tl.At(te.doc.day).Pos
	if got := after[mexico.ID]; got != (model.Point{X: 5000, Y: 5000}) {
		t.Errorf("the dragged actor is at %v, want its pin", got)
	}
	for id, p := range before {
		if id != mexico.ID && after[id] != p {
			t.Errorf("actor %d moved from %v to %v when another was dragged", id, p, after[id])
		}
	}
	t.Run("reopening shows the same picture", func(t *testing.T) {
		st, err := sqlite.Open(te.path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		again, err := NewEditor(te.win, st, te.r, "again")
		if err != nil {
			t.Fatal(err)
		}
		defer again.waitLayout()
		if got := again.tl.At(te.doc.day).Pos; !reflect.DeepEqual(got, after) {
			t.Error("the reopened map shows another picture")
		}
	})
	t.Run("a new actor is placed and nothing else moves", func(t *testing.T) {
		before := te.tl.At(te.doc.day).Pos
		if _, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{
			Actors: []model.Actor{{Name: "Peru", Kind: "country"}}}}); err != nil {
			t.Fatal(err)
		}
		te.waitLayout()
		after := te.tl.At(te.doc.day).Pos
		peru, _ := te.doc.m.ActorByName("Peru")
		if _, ok := after[peru.ID]; !ok {
			t.Fatal("the new actor is not drawn")
		}
		moved := 0
		for id, p := range before {
			if after[id] != p {
				moved++
			}
		}
		if moved > 2 {
			t.Errorf("%d actors moved when one was added", moved)
		}
	})
	t.Run("a delete moves nothing else, and undoing it gives back the picture", func(t *testing.T) {
		before, held := te.tl.At(te.doc.day).Pos, te.tl
		ecuador, _ := te.doc.m.ActorByName("Ecuador")
		te.doc.Select(ecuador.ID)
		te.deleteSelected()
		te.waitLayout()
		if _, ok := te.tl.At(te.doc.day).Pos[ecuador.ID]; ok {
			t.Fatal("the deleted actor is still drawn")
		}
		// On no date does another actor move to fill the room.
		for _, day := range te.doc.m.Keyframes() {
			was, now := held.At(day).Pos, te.tl.At(day).Pos
			for id, p := range now {
				if p != was[id] {
					t.Fatalf("on %s actor %d moved from %v to %v when Ecuador was deleted", day, id, was[id], p)
				}
			}
		}
		te.undo()
		te.waitLayout()
		if after := te.tl.At(te.doc.day).Pos; !reflect.DeepEqual(after, before) {
			t.Errorf("after undo Ecuador is at %v, was at %v", after[ecuador.ID], before[ecuador.ID])
		}
	})
	t.Run("undoing a move gives back the picture as it was", func(t *testing.T) {
		before := te.tl.At(te.doc.day).Pos
		glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
		te.pin(glas.ID, before[mexico.ID]) // onto Mexico: Mexico is pinned, the rest make room
		te.waitLayout()
		if got := te.tl.At(te.doc.day).Pos[glas.ID]; got != before[mexico.ID] {
			t.Fatalf("the dragged actor is at %v, want its pin %v", got, before[mexico.ID])
		}
		te.undo()
		te.waitLayout()
		if after := te.tl.At(te.doc.day).Pos; !reflect.DeepEqual(after, before) {
			t.Errorf("after undo Glas is at %v, was at %v", after[glas.ID], before[glas.ID])
		}
	})
}

// Lay Out Again lays the map out from the map alone, and says so: after a
// delete held the picture still, it changed nothing, as the held frames
// are taken for the map's.
func TestLayOutAgainLaysOutAfresh(t *testing.T) {
	te := newTestEditor(t)
	te.waitLayout()
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	te.Select(ecuador.ID)
	te.deleteSelected()
	te.waitLayout()
	held := te.tl
	fresh, err := te.r.Layout(context.Background(), te.doc.m, te.tlStability, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(held.Frames(), fresh.Frames()) {
		t.Fatal("the picture held after the delete is the fresh layout's: the test needs them to differ")
	}
	te.layOutAgain()
	te.waitLayout()
	te.settle(t)
	if !reflect.DeepEqual(te.tl.Frames(), fresh.Frames()) {
		t.Error("after Lay Out Again the map is not laid out as from the map alone")
	}
	if te.status.Text != "Laid out again, afresh." {
		t.Errorf("after Lay Out Again the status line says %q", te.status.Text)
	}
}

func TestErrorsAreSentences(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("apply \"New Tie\": put tie 12: %w", &model.FieldError{Record: "tie 12", Field: "to",
			Msg: "no actor has id 99", Err: model.ErrNotFound}), "No actor has id 99."},
		{errors.New("open map /tmp/x.relmap: not a relmap file: the file is empty"),
			"Open map /tmp/x.relmap: not a relmap file: the file is empty."},
		{errors.New("this change is not in force; redo it first (Edit → Redo)"),
			"This change is not in force; redo it first (Edit → Redo)."},
		// A row of an imported file says which, as the command line does.
		{fmt.Errorf("ties.csv: %w", &csvio.Error{File: "ties.csv", Line: 4, Err: &model.FieldError{Record: "tie", Field: "end",
			Msg: "ends (2024-04-09) on or before it starts (2024-04-10)", Err: model.ErrInvalid}}),
			"In ties.csv, line 4, end: ends (2024-04-09) on or before it starts (2024-04-10)."},
	} {
		if got := sentence(tt.err); got != tt.want {
			t.Errorf("sentence(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
	// A bad date in an imported file is said as a date typed in a form is,
	// in the window's language.
	_, dateErr := model.ParseDate("2021-13-01")
	err := fmt.Errorf("ties.csv: %w", &csvio.Error{File: "ties.csv", Line: 3, Err: &model.FieldError{Field: "start",
		Msg: dateErr.Error(), Said: &model.Message{Format: "%v", Args: []any{dateErr}}, Err: model.ErrInvalid}})
	if got, want := sentence(err), "In ties.csv, line 3, start: \"2021-13-01\" is not a date: the month must be 01 to 12."; got != want {
		t.Errorf("a bad date in ties.csv says %q, want %q", got, want)
	}
}

// In Find, the arrow keys move the mark through the results, and Enter
// takes the one marked.
func TestFindArrowsMoveThroughTheResults(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.findDialog()
	test.Type(te.finding, "embassy")
	matches := te.doc.m.Search("embassy")
	if len(matches) < 3 {
		t.Fatalf("%d actors match embassy, want 3 or more for the test", len(matches))
	}
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		te.finding.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if te.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the arrow keys closed Find")
	}
	te.finding.OnSubmitted(te.finding.Text)
	if want := matches[2].Actor; te.doc.selected != want.ID {
		a, _ := te.doc.m.Actor(te.doc.selected)
		t.Errorf("down three times, up once, Enter selected %q, want the third result %q", a.Name, want.Name)
	}
	te.settle(t)
}

// Keys typed together are searched for once, in a later turn of the UI
// loop; Enter before that turn takes a result of all that was typed.
func TestFindSearchesOnceForKeysTypedTogether(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	var held []func()
	te.later = func(f func()) { held = append(held, f) }
	te.findDialog()
	test.Type(te.finding, "lopez")
	if len(held) != 1 {
		t.Fatalf("typing five keys together put off %d searches, want 1", len(held))
	}
	te.finding.OnSubmitted(te.finding.Text)
	if a, _ := te.doc.m.Actor(te.doc.selected); a.Name != "Andrés Manuel López Obrador" {
		t.Errorf("Enter before the search's turn selected %q, want López Obrador", a.Name)
	}
	for _, f := range held {
		f() // the turn comes after all: nothing more happens
	}
	if a, _ := te.doc.m.Actor(te.doc.selected); a.Name != "Andrés Manuel López Obrador" {
		t.Errorf("after the search's turn %q is selected, want López Obrador", a.Name)
	}

	held = nil
	te.findDialog()
	test.Type(te.finding, "embassy")
	held[0]()
	list := findList(t, te)
	if want := len(te.doc.m.Search("embassy")); list.Length() != want {
		t.Errorf("after the search's turn Find lists %d results, want %d", list.Length(), want)
	}
	held = nil
	te.finding.TypedRune('x') // the field has the keyboard: typing on
	if len(held) != 1 || list.Length() == 0 {
		t.Fatalf("a key typed after the search: %d searches put off and %d results listed, want 1 and the last results", len(held), list.Length())
	}
	held[0]()
	if want := len(te.doc.m.Search("embassyx")); list.Length() != want {
		t.Errorf("after the second search's turn Find lists %d results, want %d", list.Length(), want)
	}
	te.settle(t)
}

// findList is the list of results of the Find dialog on top.
func findList(t *testing.T, te *testEditor) *dialogList {
	t.Helper()
	for _, o := range test.LaidOutObjects(te.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*dialogList); ok {
			return l
		}
	}
	t.Fatal("no list of results in Find")
	return nil
}

func TestFindSelectsAndGoesToTheActor(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.findDialog()
	test.Type(te.finding, "lopez")
	te.finding.OnSubmitted(te.finding.Text)
	if a, _ := te.doc.m.Actor(te.doc.selected); a.Name != "Andrés Manuel López Obrador" {
		t.Errorf("Find \"lopez\" selected %q, want López Obrador", a.Name)
	}
	t.Run("an actor not shown on the date moves the date", func(t *testing.T) {
		if _, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Old Legation",
			Kind: "mission", Life: model.Span{Start: model.MustDate("1936"), End: model.MustDate("1950")}}}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		matches := te.doc.m.Search("legation")
		if len(matches) != 1 || !strings.Contains(te.matchLine(matches[0]), "not shown on "+te.doc.day.String()) {
			t.Fatalf("results %v, want the legation, not shown on %s", matches, te.doc.day)
		}
		te.diagram.Fit()
		te.findDialog()
		test.Type(te.finding, "legation")
		te.finding.OnSubmitted(te.finding.Text)
		legation := matches[0].Actor
		if te.doc.selected != legation.ID || !legation.Life.Covers(te.doc.day) {
			t.Errorf("after taking the legation the date is %s and the selection %d, want a date in %s and %d",
				te.doc.day, te.doc.selected, legation.Life, legation.ID)
		}
		// The whole map of the new date shows it: the view fitted to the
		// map stays fitted, rather than centre it, the map in a corner.
		if !te.diagram.Following() {
			t.Error("going to the legation from a fitted view left the fit")
		}
		te.settle(t)
	})
	t.Run("an actor with ties is shown with one", func(t *testing.T) {
		// The layouts the edits start wait until the end: one running
		// while the next edit is applied races it in the test driver.
		release := holdLayouts(te)
		// An envoy born in 1904, posted to Mexico from 1944 to 1952.
		mexico, _ := te.doc.m.ActorByName("Mexico")
		applied, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Old Envoy",
			Kind: "official", Life: model.Span{Start: model.MustDate("1904")}}}}})
		if err != nil {
			t.Fatal(err)
		}
		envoy := applied.Put.Actors[0]
		if _, err := te.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{{From: envoy.ID, To: mexico.ID,
			Kind: "ambassador", Span: model.Span{Start: model.MustDate("1944"), End: model.MustDate("1952")}}}}}); err != nil {
			t.Fatal(err)
		}
		te.SetDate(model.MustDate("1900").First(), false)
		te.goToActorID(envoy.ID)
		if got := te.doc.day.String(); got != "1944-01-01" {
			t.Errorf("going to the envoy from 1900 shows %s, want 1944-01-01, his post's first day", got)
		}
		release()
		te.settle(t)
	})
}

func TestCompareDates(t *testing.T) {
	te := newTestEditor(t)
	te.SetDate(model.MustDate("2024-04-07").First(), false)
	te.compareDialog()
	rows := te.comparing()
	if len(rows) == 0 {
		t.Fatal("no changes from the change before 7 April 2024")
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, r.Mark()+" "+r.Text)
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"- Raquel Serur – Ecuador: Ambassador / envoy", "+ Mexico – ICJ: Legal case"} {
		if !strings.Contains(text, want) {
			t.Errorf("the changes before 7 April lack %q:\n%s", want, text)
		}
	}
	// What began and ended between two dates is listed: the arrest in
	// the raid, from the 5th to the 6th, was missing from the 1st to the
	// 7th.
	d := te.doc.m.DiffRows(te.doc.m.Diff(model.MustDate("2024-04-01").First(), model.MustDate("2024-04-07").First()))
	arrest := false
	for _, r := range d {
		arrest = arrest || r.Change == "between" && strings.Contains(te.changeText(r), " – Jorge Glas: Arrest")
	}
	if !arrest {
		t.Error("from 1 to 7 April 2024, the arrest of Jorge Glas in the raid is not listed")
	}
	// Going to a tie that ended shows its last day and selects its actor.
	for _, r := range rows {
		if r.Change == "ended" {
			te.goToChange(r)
			tie, _ := te.doc.m.Tie(r.ID)
			if te.doc.selected != tie.From || !tie.Span.Covers(te.doc.day) {
				t.Errorf("going to %q shows %s with %d selected", r.Text, te.doc.day, te.doc.selected)
			}
			break
		}
	}
}

// On a new, empty map the measures find nothing to measure: sizing by
// betweenness draws the empty map, and Who Matters says why it lists no
// one. Neither may fail (gonum's PageRank panics on a graph of no node).
func TestMeasuresOfAnEmptyMap(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	te.sizeBy = "betweenness"
	te.showScene()
	te.settle(t)
	if err := te.newMap(filepath.Join(t.TempDir(), "Empty.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.jobs.Wait()
	te.measuresDialog()
	te.jobs.Wait()
	if len(te.measured) != 0 {
		t.Errorf("the empty map measured %d actors", len(te.measured))
	}
	top := te.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Who Matters on an empty map shows nothing")
	}
	var said []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			said = append(said, l.Text)
		}
	}
	if !anyContains(said, "nothing to measure") {
		t.Errorf("Who Matters on an empty map says %q", said)
	}
}

func TestWhoMatters(t *testing.T) {
	te := newTestEditor(t)
	calls := 0
	was := measure
	measure = func(m *model.Map, day model.Day) []analysis.Metrics { calls++; return was(m, day) }
	defer func() { measure = was }()
	te.measuresDialog()
	te.jobs.Wait()
	// Asked again for the same map and date, it ranks them once.
	te.win.Canvas().Overlays().Remove(te.win.Canvas().Overlays().Top())
	te.measuresDialog()
	te.jobs.Wait()
	if calls != 1 {
		t.Errorf("Who Matters asked twice on one date measured the map %d times, want once", calls)
	}
	if len(te.measured) != len(te.doc.m.Snapshot(te.doc.day).Actors) || te.measured[0].Name != "Ecuador" || te.measured[1].Name != "Mexico" {
		t.Fatalf("measured %d actors, first %+v", len(te.measured), te.measured)
	}
	if got := measureLine(1, te.measured[0]); !strings.HasPrefix(got, "1. Ecuador — betweenness ") {
		t.Errorf("row %q", got)
	}
	// A row clicked, the list has the keys: Escape closes the dialog
	// from there too.
	c := te.win.Canvas()
	var list *dialogList
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if l, ok := o.(*dialogList); ok {
			list = l
		}
	}
	if list == nil {
		t.Fatal("Who Matters has no list of its own")
	}
	list.Select(1)
	c.Focus(list)
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Escape in the list left Who Matters open")
	}
}

func TestViewShortcuts(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	zoom := te.diagram.View().Zoom
	te.press(t, fyne.KeyEqual, fyne.KeyModifierShortcutDefault)
	if got := te.diagram.View().Zoom; got <= zoom {
		t.Errorf("Ctrl+= left the zoom at %v (was %v)", got, zoom)
	}
	te.press(t, fyne.KeyMinus, fyne.KeyModifierShortcutDefault)
	te.press(t, fyne.KeyMinus, fyne.KeyModifierShortcutDefault)
	if got := te.diagram.View().Zoom; got >= zoom {
		t.Errorf("Ctrl+- twice left the zoom at %v (was %v)", got, zoom)
	}
	day := te.doc.day
	te.press(t, fyne.KeyLeft, fyne.KeyModifierShortcutDefault)
	if te.doc.day >= day {
		t.Errorf("Ctrl+← left the date at %s", te.doc.day)
	}
	te.press(t, fyne.KeyRight, fyne.KeyModifierShortcutDefault)
	if te.doc.day != day {
		t.Errorf("Ctrl+→ after Ctrl+← shows %s, want %s", te.doc.day, day)
	}
	te.Select(1)
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if te.doc.selected != 0 {
		t.Error("Escape left the selection")
	}
}

// While a dialog is open the keys are its: Space does not play the
// timeline behind it, Ctrl+→ does not step the date, Delete does not
// delete; Escape closes it, in its field or outside one.
func TestKeysWaitForTheDialog(t *testing.T) {
	te := newTestEditor(t)
	glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
	te.pin(glas.ID, model.Point{X: 5000, Y: 5000}) // something to undo
	te.settle(t)
	te.Select(glas.ID)
	te.settle(t)
	day := te.doc.day
	te.findDialog()
	overlays := te.win.Canvas().Overlays()
	if overlays.Top() == nil {
		t.Fatal("Find did not open")
	}
	typed := te.win.Canvas().OnTypedKey()
	typed(&fyne.KeyEvent{Name: fyne.KeySpace})
	typed(&fyne.KeyEvent{Name: fyne.KeyDelete})
	te.press(t, fyne.KeyRight, fyne.KeyModifierShortcutDefault)
	if te.time.playing {
		te.time.halt()
		t.Error("Space behind the Find dialog played the timeline")
	}
	if _, ok := te.doc.m.Actor(glas.ID); !ok {
		t.Error("Delete behind the Find dialog deleted the selected actor")
	}
	if te.doc.day != day {
		t.Errorf("Ctrl+→ behind the Find dialog moved the date to %s", te.doc.day)
	}
	if overlays.Top() == nil {
		t.Fatal("the keys closed the Find dialog")
	}
	// The desktop driver gives a shortcut to the window's menu first.
	menuItem(t, te.win, ctrl(fyne.KeyRight, 0)).Action()
	if te.doc.day != day {
		t.Errorf("the menu's Ctrl+→ behind the Find dialog moved the date to %s", te.doc.day)
	}
	pending, _ := te.doc.Pending()
	if pending == "" {
		t.Fatal("nothing to undo")
	}
	test.Type(te.finding, "abc")
	menuItem(t, te.win, &fyne.ShortcutUndo{}).Action() // in the field: its typing
	te.win.Canvas().Unfocus()
	menuItem(t, te.win, &fyne.ShortcutUndo{}).Action() // outside it: nothing
	if now, _ := te.doc.Pending(); now != pending {
		t.Errorf("the menu's Undo behind the Find dialog undid %q", pending)
	}
	te.finding.SetText("")
	te.finding.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if overlays.Top() != nil {
		t.Error("Escape in Find's field did not close it")
	}
	te.findDialog()
	typed(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if overlays.Top() != nil {
		t.Error("Escape outside Find's field did not close it")
	}
	if te.doc.selected != glas.ID {
		t.Error("the Escape that closed the dialog also cleared the selection")
	}
	// With the dialog closed, the keys reach the map again.
	te.press(t, fyne.KeyRight, fyne.KeyModifierShortcutDefault)
	if te.doc.day == day {
		t.Error("Ctrl+→ after the dialog closed did not step the date")
	}
}

// menuItem is the item of w's menus (submenus too) whose shortcut is sc;
// the test fails without one.
func menuItem(t *testing.T, w fyne.Window, sc fyne.Shortcut) *fyne.MenuItem {
	t.Helper()
	var walk func(items []*fyne.MenuItem) *fyne.MenuItem
	walk = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				return it
			}
			if it.ChildMenu != nil {
				if found := walk(it.ChildMenu.Items); found != nil {
					return found
				}
			}
		}
		return nil
	}
	for _, m := range w.MainMenu().Items {
		if it := walk(m.Items); it != nil {
			return it
		}
	}
	t.Fatalf("%q has no menu item for %s", w.Title(), sc.ShortcutName())
	return nil
}

func TestFocusAndPaths(t *testing.T) {
	te := newTestEditor(t)
	glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
	te.Select(glas.ID)
	te.press(t, fyne.KeyRightBracket, fyne.KeyModifierShortcutDefault)
	one := te.diagram.Scene().Emphasis
	if one == nil || !one.Actors[glas.ID] {
		t.Fatal("Ctrl+] drew no focus around the selected actor")
	}
	// Hidden, what is out of focus leaves the view's framing too: the
	// view fitted to the map on show stayed on the whole of it.
	all := te.r.FitView(te.framed(te.shown(), te.doc.day), te.tl, te.doc.day, render.FrameDate, 1000, 700, 1)
	te.hideOutOfFocus(true)
	if v := te.r.FitView(te.framed(te.shown(), te.doc.day), te.tl, te.doc.day, render.FrameDate, 1000, 700, 1); v.Zoom <= all.Zoom {
		t.Errorf("fitted to the focus hidden around Glas, the zoom is %g, no closer than %g", v.Zoom, all.Zoom)
	}
	te.hideOutOfFocus(false)
	te.press(t, fyne.KeyRightBracket, fyne.KeyModifierShortcutDefault)
	two := te.diagram.Scene().Emphasis
	if len(two.Actors) <= len(one.Actors) {
		t.Errorf("two steps stress %d actors, one step %d: want more", len(two.Actors), len(one.Actors))
	}
	// Each actor of the focus is reached by something drawn: a tie in
	// it, or a belongs-to or located-in link (Correa and Moreno, who
	// belong to Ecuador, stood in full with nothing drawn to them).
	reached := map[model.ID]bool{glas.ID: true}
	for _, tie := range te.doc.m.Snapshot(te.doc.day).Ties {
		if two.Ties[tie.ID] {
			reached[tie.From], reached[tie.To] = true, true
		}
	}
	for _, l := range two.Links {
		reached[l[0]], reached[l[1]] = true, true
	}
	for id := range two.Actors {
		if !reached[id] {
			a, _ := te.doc.m.Actor(id)
			t.Errorf("%s is in the focus two steps from Glas with nothing drawn to it", a.Name)
		}
	}
	t.Run("widened from an actor in it, hidden or faded", func(t *testing.T) {
		te.press(t, fyne.KeyLeftBracket, fyne.KeyModifierShortcutDefault) // back to one step
		one := te.diagram.Scene().Emphasis
		// An actor in the focus whose own neighbourhood reaches further.
		var from model.ID
		for id := range one.Actors {
			more, _ := analysis.Within(te.drawn, te.doc.day, id, 1)
			for x := range more {
				if !one.Actors[x] && id != glas.ID {
					from = id
				}
			}
		}
		if from == 0 {
			t.Fatal("no actor in the one-step focus reaches beyond it")
		}
		te.widenFocusFrom(from, 1)
		wider := te.diagram.Scene().Emphasis
		if len(wider.Actors) <= len(one.Actors) || !wider.Actors[glas.ID] || te.doc.selected != glas.ID {
			t.Errorf("widened from actor %d: %d actors stressed (was %d), selection %d; want more, still around Glas", from, len(wider.Actors), len(one.Actors), te.doc.selected)
		}
		te.widenFocusFrom(from, -1)
		if back := te.diagram.Scene().Emphasis; len(back.Actors) != len(one.Actors) {
			t.Errorf("narrowed again: %d actors stressed, want %d", len(back.Actors), len(one.Actors))
		}
		te.hideOutOfFocus(true)
		s := te.diagram.Scene()
		if len(s.Nodes) != len(one.Actors) {
			t.Errorf("hiding what is out of focus draws %d actors, want the %d in focus", len(s.Nodes), len(one.Actors))
		}
		for _, n := range s.Nodes {
			if !one.Actors[n.ID] {
				t.Errorf("%q is drawn though out of focus", n.Label)
			}
		}
		te.hideOutOfFocus(false)
		if n := len(te.diagram.Scene().Nodes); n <= len(one.Actors) {
			t.Errorf("fading what is out of focus draws %d actors, want all", n)
		}
	})
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if te.diagram.Scene().Emphasis != nil || te.focus != 0 || te.focusMore != nil {
		t.Error("Escape left the focus")
	}
	if te.doc.selected != glas.ID {
		t.Errorf("the Escape that ended the focus changed the selection to %d, want Glas (%d) kept", te.doc.selected, glas.ID)
	}
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if te.doc.selected != 0 {
		t.Error("a second Escape left the selection")
	}
	t.Run("a path follows the date", func(t *testing.T) {
		glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
		icj, _ := te.doc.m.ActorByName("International Court of Justice")
		te.showPath(glas.ID, icj.ID, 0)
		em := te.diagram.Scene().Emphasis
		if em == nil || !em.Actors[glas.ID] || !em.Actors[icj.ID] || len(em.Ties) == 0 {
			t.Fatalf("the path from Glas to the ICJ on %s: %+v", te.doc.day, em)
		}
		if !strings.Contains(te.status.Text, "Jorge Glas – ") {
			t.Errorf("status %q, want the path", te.status.Text)
		}
		// The side panel lists the shortest paths; a click shows another.
		if h, ok := te.side.Objects[0].(*widget.Label); !ok || !strings.HasPrefix(h.Text, "Paths from Jorge Glas to ") {
			t.Fatalf("the side panel begins with %#v, want the list of paths", te.side.Objects[0])
		}
		var buttons []*widget.Button
		for _, o := range te.side.Objects {
			for _, c := range test.LaidOutObjects(o) {
				if b, ok := c.(*widget.Button); ok && b.Text == "2." {
					buttons = append(buttons, b)
				}
			}
		}
		if n := len(analysis.Paths(te.drawn, te.doc.day, glas.ID, icj.ID, pathCount)); n < 2 || len(buttons) != 1 {
			t.Fatalf("%d paths as of %s, %d listed second: want at least two, the second listed", n, te.doc.day, len(buttons))
		} else {
			test.Tap(buttons[0])
			if te.route.pick != 1 {
				t.Errorf("after a click on the second path, path %d is shown", te.route.pick)
			}
		}
		// The status line counts the steps of the path on show, and each
		// step is drawn: a tie stressed, or, over an actor's belongs-to
		// or located-in link, which is no tie, that link (a gap before).
		links := 0
		for pick, p := range analysis.Paths(te.drawn, te.doc.day, glas.ID, icj.ID, pathCount) {
			te.showPath(glas.ID, icj.ID, pick)
			if want := fmt.Sprintf("(%d steps)", len(p.Actors)-1); !strings.Contains(te.status.Text, want) {
				t.Errorf("path %d: status %q, want %s", pick+1, te.status.Text, want)
			}
			em := te.diagram.Scene().Emphasis
			if got := len(em.Ties) + len(em.Links); got != len(p.Actors)-1 {
				t.Errorf("path %d of %d steps: %d ties and %d links drawn", pick+1, len(p.Actors)-1, len(em.Ties), len(em.Links))
			}
			links += len(em.Links)
		}
		if links == 0 {
			t.Error("no path from Glas to the ICJ steps over a belongs-to or located-in link; the test needs one")
		}
		te.SetDate(model.MustDate("2024-01-01").First(), false)
		if !strings.Contains(te.status.Text, "no connection on 1 January 2024") {
			t.Errorf("status on 1 January 2024 %q, want no connection (the ICJ case began in April)", te.status.Text)
		}
	})
}

func TestATieCanBeSelected(t *testing.T) {
	te := newTestEditor(t)
	tie, _ := te.doc.m.Tie(severedTie)
	te.SelectTie(tie.ID)
	em := te.diagram.Scene().Emphasis
	if em == nil || !em.Ties[tie.ID] || !em.Actors[tie.From] || !em.Actors[tie.To] || len(em.Ties) != 1 {
		t.Errorf("a selected tie stresses %+v, want it and its two actors", em)
	}
	panel := strings.Join(texts(te.side.Objects), "\n")
	if !strings.Contains(panel, "Mexico") || !strings.Contains(panel, "Begun by: 2024-04-06") {
		t.Errorf("the side panel for the severed tie says:\n%s", panel)
	}
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete}) // Delete removes the selected tie
	te.settle(t)
	if _, ok := te.doc.m.Tie(tie.ID); ok {
		t.Fatal("Delete left the selected tie")
	}
	if te.doc.selectedTie != 0 {
		t.Error("the deleted tie is still selected")
	}
	if got, want := te.undoItem.Label, "Undo Delete Tie"; !strings.HasPrefix(got, want) {
		t.Errorf("the Edit menu says %q, want %q…", got, want)
	}
}

// A map without events says so where its events are listed, rather than
// show a heading over nothing.
func TestAMapWithoutEventsSaysSo(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	te.settle(t)
	if says(container.NewVBox(te.overview()...), "no events yet") {
		t.Fatal("the default map, with events, says it has none")
	}
	if err := te.newMap(filepath.Join(t.TempDir(), "Empty.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	if !says(container.NewVBox(te.overview()...), "The map has no events yet.") {
		t.Error("a new map's overview does not say it has no events")
	}
}

// The filter lists the kinds in the order of their labels, as shown
// ("Diplomatic relations" among the Ds, not as "relations").
func TestFilterListsKindsByLabel(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	te.filterDialog()
	var ties []string
	in := false
	for _, o := range test.LaidOutObjects(te.win.Canvas().Overlays().Top()) {
		switch w := o.(type) {
		case *widget.Label:
			if w.TextStyle.Bold {
				in = w.Text == "Ties"
			}
		case *widget.Check:
			if in {
				ties = append(ties, model.Fold(w.Text))
			}
		}
	}
	if len(ties) < 3 || !slices.IsSorted(ties) {
		t.Errorf("the tie kinds are listed %q, want them in order of their labels", ties)
	}
}

func TestFilterHidesKinds(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	officials := 0
	for _, n := range te.diagram.Scene().Nodes {
		if n.Kind.Name == "official" {
			officials++
		}
	}
	if officials == 0 {
		t.Fatal("the default map shows no officials on its last date")
	}
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, true)
	s := te.diagram.Scene()
	for _, n := range s.Nodes {
		if n.Kind.Name == "official" {
			t.Errorf("hidden official %q is drawn", n.Label)
		}
	}
	drawn := map[model.ID]bool{}
	for _, n := range s.Nodes {
		drawn[n.ID] = true
	}
	for _, e := range s.Edges {
		if !drawn[e.From] || !drawn[e.To] {
			t.Errorf("tie %d of a hidden actor is drawn", e.ID)
		}
	}
	if !strings.HasPrefix(s.Caption, "Filter on: 1 kind hidden") {
		t.Errorf("caption %q, want it to say the filter is on", s.Caption)
	}
	if len(te.doc.m.Actors) != len(te.stored(t).Actors) {
		t.Error("the filter changed the map")
	}
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, false)
	if got := len(te.diagram.Scene().Nodes); got != len(s.Nodes)+officials {
		t.Errorf("after showing the officials again %d actors are drawn, want %d", got, len(s.Nodes)+officials)
	}
}

// Opening the filter, with a kind hidden, a filter by attribute on, or
// none, draws nothing again: its boxes and choices show what is on.
func TestOpeningTheFilterDrawsNothingAgain(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	a := te.doc.m.Actors[0]
	a.Attrs = map[string]string{"rank": "1"}
	if _, err := te.apply(model.Change{Summary: "Rank", Put: model.Records{Actors: []model.Actor{a}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	for _, on := range []string{"none", "a kind hidden", "an attribute"} {
		switch on {
		case "a kind hidden":
			te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, true)
		case "an attribute":
			te.setAttrFilter("rank", "1")
		}
		te.settle(t)
		before := te.shownAt
		te.filterDialog()
		if te.shownAt != before {
			t.Errorf("with %s, opening the filter drew the picture %d times", on, te.shownAt-before)
		}
		top := te.win.Canvas().Overlays().Top()
		for _, o := range test.LaidOutObjects(top) {
			if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Official") && c.Checked == te.hidden[render.KindKey{Class: model.ClassActor, Name: "official"}] {
				t.Errorf("with %s, the box %q is checked %v", on, c.Text, c.Checked)
			}
		}
		te.win.Canvas().Overlays().Remove(top)
	}
	if te.attrKey != "rank" || !te.hidden[render.KindKey{Class: model.ClassActor, Name: "official"}] {
		t.Errorf("opening the filter changed it: attribute %q, hidden %v", te.attrKey, te.hidden)
	}
}

// The filter can show only the actors with ties on the date shown (and the
// one selected), and the view is fitted to them: on a map of people posted
// over two centuries, those between posts filled the picture.
func TestFilterShowsOnlyActorsWithTies(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	untied := func(s *render.Scene) []string {
		tied := map[model.ID]bool{}
		for _, x := range s.Edges {
			tied[x.From], tied[x.To] = true, true
		}
		var out []string
		for _, n := range s.Nodes {
			if !tied[n.ID] && n.ID != s.Selected {
				out = append(out, n.Label)
			}
		}
		return out
	}
	before := te.diagram.Scene()
	lone := untied(before)
	if len(lone) == 0 {
		t.Fatal("the default map shows no actor without ties on its last date: the test needs some")
	}
	fitted := te.r.FitView(te.shown(), te.tl, te.doc.day, render.FrameDate, 1000, 700, 1)
	alone, _ := te.doc.m.ActorByName(lone[0])
	te.Select(alone.ID)
	te.setTiedOnly(true)
	s := te.diagram.Scene()
	if got := untied(s); len(got) != 0 {
		t.Errorf("with only actors with ties, %q are drawn", got)
	}
	if nodeOf(s, alone.ID) == nil {
		t.Errorf("the selected %q, which has no tie, is not drawn", alone.Name)
	}
	if !strings.Contains(s.Caption, "only actors with ties") {
		t.Errorf("caption %q, want it to say the filter is on", s.Caption)
	}
	if got := te.r.FitView(te.framed(te.shown(), te.doc.day), te.tl, te.doc.day, render.FrameDate, 1000, 700, 1); got.Zoom <= fitted.Zoom {
		t.Errorf("fitted to the actors with ties, the zoom is %g, no closer than %g for all", got.Zoom, fitted.Zoom)
	}
	// Kept with a view.
	view := te.currentView("Tied")
	te.setTiedOnly(false)
	if got := len(te.diagram.Scene().Nodes); got != len(before.Nodes) {
		t.Errorf("with the filter off %d actors are drawn, want %d", got, len(before.Nodes))
	}
	te.applyView(view)
	if !te.tiedOnly || len(untied(te.diagram.Scene())) != 0 {
		t.Error("the view saved with only actors with ties does not show only them")
	}
}

func TestArrowKeysMoveBetweenNeighbours(t *testing.T) {
	te := newTestEditor(t)
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	te.Select(ecuador.ID)
	pos := te.tl.At(te.doc.day).Pos
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if te.doc.selected == ecuador.ID || te.doc.selected == 0 {
		t.Fatalf("→ left the selection on %d", te.doc.selected)
	}
	if pos[te.doc.selected].X <= pos[ecuador.ID].X {
		t.Errorf("→ selected actor %d at x %.0f, left of Ecuador at %.0f", te.doc.selected, pos[te.doc.selected].X, pos[ecuador.ID].X)
	}
	neighbour := false
	for _, tie := range te.doc.m.Snapshot(te.doc.day).Ties {
		if (tie.From == ecuador.ID && tie.To == te.doc.selected) || (tie.To == ecuador.ID && tie.From == te.doc.selected) {
			neighbour = true
		}
	}
	if !neighbour {
		t.Errorf("→ selected %d, which has no tie with Ecuador on %s", te.doc.selected, te.doc.day)
	}
	// An actor without ties on the date goes to the nearest actor that
	// way: Rafael Correa went nowhere.
	correa, _ := te.doc.m.ActorByName("Rafael Correa")
	te.Select(correa.ID)
	te.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if te.doc.selected == correa.ID || pos[te.doc.selected].X <= pos[correa.ID].X {
		t.Errorf("→ from Correa, without ties, selected %d at x %.0f (Correa at %.0f)", te.doc.selected, pos[te.doc.selected].X, pos[correa.ID].X)
	}
}

func TestSizeAndColourByMeasures(t *testing.T) {
	te := newTestEditor(t)
	te.sizeBy, te.byCommunity = "betweenness", true
	// Measured off the UI goroutine, then drawn: on screen the drawing
	// runs on the UI goroutine; under Fyne's test driver the test waits
	// for the measuring before it draws.
	te.showScene() // asks for the measures
	te.jobs.Wait()
	s := te.diagram.Scene()
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	var top, small float64 = 0, 10
	coloured := 0
	for _, n := range s.Nodes {
		if n.ID == ecuador.ID {
			top = n.Scale
		}
		small = min(small, n.Scale)
		if n.Color != "" {
			coloured++
		}
	}
	if top < 1.9 || small > 0.8 {
		t.Errorf("Ecuador, the most between, is scaled %.2f and the least %.2f; want about 2 and 0.7", top, small)
	}
	if coloured == 0 {
		t.Error("no actor is coloured by its community")
	}
	// An actor with no tie on the date is in no community: grey, not in
	// its kind's colour, which read as a community of its own.
	none := map[model.ID]bool{}
	for _, x := range analysis.Measure(te.doc.m, te.doc.day) {
		none[x.ID] = x.Community == 0
	}
	lone := 0
	for _, n := range s.Nodes {
		if none[n.ID] {
			lone++
			if n.Color != noCommunity {
				t.Errorf("%q, in no community, is coloured %q, want the grey of no community", n.Label, n.Color)
			}
		}
	}
	if lone == 0 {
		t.Error("no actor in no community on the date: the test needs one")
	}
	if !strings.HasPrefix(s.Caption, "Actors by size: betweenness, colour: community") {
		t.Errorf("caption %q", s.Caption)
	}
}

func TestNamedViews(t *testing.T) {
	te := newTestEditor(t)
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, true)
	te.sizeBy = "degree"
	vs, ok := te.viewStore()
	if !ok {
		t.Fatal("the SQLite store keeps no views")
	}
	if err := vs.PutView(context.Background(), te.currentView("Without officials")); err != nil {
		t.Fatal(err)
	}
	te.applyView(model.View{Name: "Everything"})
	if len(te.hidden) != 0 || te.sizeBy != "" {
		t.Fatalf("after the empty view: hidden %v, size by %q", te.hidden, te.sizeBy)
	}
	apply, _ := te.viewItems()
	if len(apply) != 1 || apply[0].Label != "Without officials" {
		t.Fatalf("the Views menu lists %v", apply)
	}
	apply[0].Action()
	te.jobs.Wait()
	if !te.hidden[render.KindKey{Class: model.ClassActor, Name: "official"}] || te.sizeBy != "degree" {
		t.Errorf("after taking the saved view: hidden %v, size by %q", te.hidden, te.sizeBy)
	}
	for _, n := range te.diagram.Scene().Nodes {
		if n.Kind.Name == "official" {
			t.Errorf("the view hides officials, but %q is drawn", n.Label)
		}
	}
}

func TestCompareShowsWhatBeganOnTheDiagram(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	d := te.doc.m.Diff(model.MustDate("2024-04-04").First(), model.MustDate("2024-04-07").First())
	// Zoomed in before, the view shows the whole date again: what
	// changed lies all over it.
	v := te.diagram.View()
	v.Zoom *= 6
	te.diagram.Hold(v)
	te.showDiff(d)
	if !te.diagram.Following() {
		t.Error("Show on Diagram kept the view zoomed in on a part of the map")
	}
	em := te.diagram.Scene().Emphasis
	if em == nil || len(em.Ties) != len(d.Began) || te.doc.day != d.To {
		t.Fatalf("after showing the diff: date %s, stressed %+v; want %s and the %d ties that began", te.doc.day, em, d.To, len(d.Began))
	}
	// What ended is drawn ghosted where both its actors are still drawn.
	s := te.diagram.Scene()
	if len(d.Ended) == 0 || len(d.Passed) == 0 || len(s.Ghosts) != len(d.Ended)+len(d.Passed) {
		t.Fatalf("%d ties ended and %d began and ended between, the scene ghosts %d", len(d.Ended), len(d.Passed), len(s.Ghosts))
	}
	drawn := map[model.ID]bool{}
	for _, n := range s.Nodes {
		drawn[n.ID] = true
	}
	relations := false
	for _, g := range s.Ghosts {
		if tie, _ := te.doc.m.Tie(g.ID); tie.Kind == "relations" && drawn[g.From] && drawn[g.To] {
			relations = true
		}
	}
	if !relations {
		t.Error("the diplomatic relations that ended are not ghosted between their two countries")
	}
	if !strings.Contains(s.Caption, "ended") {
		t.Errorf("the header %q does not say what the colours mean", s.Caption)
	}
	// The legend says it too: on a date of events the header may leave
	// its caption out for them.
	if s.Since != "2024-04-04" {
		t.Errorf("the legend compares with %q, want 2024-04-04", s.Since)
	}
	te.SetDate(model.MustDate("2024-04-01").First(), false)
	if s := te.diagram.Scene(); s.Emphasis != nil || len(s.Ghosts) != 0 || s.Since != "" {
		t.Error("the comparison is still drawn on another date")
	}
}

// A filter that leaves no actor says so in the middle of the picture,
// and the legend says what it leaves out a line for each: the picture
// was blank without a word, the legend's note cut off.
func TestAFilterThatLeavesNothingSaysSo(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.setTiedOnly(true)
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "organisation"}, true)
	s := te.diagram.Scene()
	if len(s.Nodes) == 0 || s.Filter != "only actors with ties\n1 kind hidden" {
		t.Fatalf("filtered, the picture has %d actors and its legend says %q", len(s.Nodes), s.Filter)
	}
	te.setAttrFilter("role", "no such role")
	s = te.diagram.Scene()
	if len(s.Nodes) != 0 || s.Empty != "The filter leaves no actor on this date to show." {
		t.Errorf("a filter that leaves nothing: %d actors drawn, the picture says %q", len(s.Nodes), s.Empty)
	}
}

func TestFilterByAttribute(t *testing.T) {
	te := newTestEditor(t)
	objs := te.attrSection()
	if len(objs) != 2 {
		t.Fatalf("the filter's attribute section has %d parts, want a heading and two choices", len(objs))
	}
	sels := objs[1].(*fyne.Container).Objects
	key, value := sels[0].(*choice), sels[1].(*fyne.Container).Objects[0].(*choice)
	key.SetSelected("role")
	value.SetSelected("embassy (3)")
	if te.attrKey != "role" || te.attrValue != "embassy" {
		t.Fatalf("after choosing role = embassy the filter is %q = %q", te.attrKey, te.attrValue)
	}
	s := te.diagram.Scene()
	if len(s.Nodes) != 3 {
		t.Errorf("%d actors drawn, want the 3 embassies", len(s.Nodes))
	}
	for _, n := range s.Nodes {
		if n.Kind.Name != "mission" {
			t.Errorf("%q is drawn, though no embassy", n.Label)
		}
	}
	if !strings.Contains(s.Caption, "only role = embassy") || s.Filter != "only role = embassy" {
		t.Errorf("caption %q, legend's filter %q: want both to say the filter is on", s.Caption, s.Filter)
	}
	// Saved with a view, and taken up again.
	vs, _ := te.viewStore()
	if err := vs.PutView(context.Background(), te.currentView("Embassies")); err != nil {
		t.Fatal(err)
	}
	// Another attribute chosen, no value of it yet: none filters.
	key.SetSelected("capital")
	if te.attrKey != "" || strings.Contains(te.diagram.Scene().Caption, "only role") {
		t.Fatalf("with the attribute capital chosen and no value, the filter is %q = %q, the header %q", te.attrKey, te.attrValue, te.diagram.Scene().Caption)
	}
	key.SetSelected("role")
	value.SetSelected("embassy (3)")
	key.SetSelected("(any)")
	if te.attrKey != "" || len(te.diagram.Scene().Nodes) <= 3 {
		t.Fatalf("after choosing any attribute: filter %q, %d actors drawn", te.attrKey, len(te.diagram.Scene().Nodes))
	}
	views, err := vs.Views(context.Background())
	if err != nil || len(views) != 1 {
		t.Fatalf("views %v, %v", views, err)
	}
	te.applyView(views[0])
	if te.attrKey != "role" || te.attrValue != "embassy" || len(te.diagram.Scene().Nodes) != 3 {
		t.Errorf("the saved view gives filter %q = %q and %d actors", te.attrKey, te.attrValue, len(te.diagram.Scene().Nodes))
	}
}

func TestTieStyles(t *testing.T) {
	te := newTestEditor(t)
	te.setTieStyle("relations", func(k *model.Kind) { k.Weighted, k.Labelled = true, true })
	if k := te.doc.m.Kind(model.ClassTie, "relations"); !k.Weighted || !k.Labelled {
		t.Fatalf("after setting the styles, relations are %+v", k)
	}
	if k := te.stored(t).Kind(model.ClassTie, "relations"); !k.Weighted || !k.Labelled {
		t.Errorf("the map file holds relations as %+v", k)
	}
	te.settle(t)
	te.undo()
	te.settle(t)
	if k := te.doc.m.Kind(model.ClassTie, "relations"); k.Weighted || k.Labelled {
		t.Errorf("after undo, relations are %+v", k)
	}
}

// Renaming an actor holds every date still at once: nothing is laid out
// again, the actor keeps its place on every date, and what its wider box
// ran into makes room.
func TestRenamingHoldsEveryDateStill(t *testing.T) {
	te := newTestEditor(t)
	te.waitLayout()
	old := te.tl
	mexico, _ := te.doc.m.ActorByName("Mexico")
	laidOut := false
	te.layOut = func(context.Context, *model.Map, float64, *layout.Timeline, func(int, int), func(*layout.Timeline)) (*layout.Timeline, error) {
		laidOut = true
		return nil, errors.New("laid out again")
	}
	te.adjust = te.layOut
	renamed := mexico
	renamed.Name = "United Mexican States, Secretariat of Foreign Affairs"
	if _, err := te.apply(model.Change{Summary: "Rename", Put: model.Records{Actors: []model.Actor{renamed}}}); err != nil {
		t.Fatal(err)
	}
	te.waitLayout()
	if laidOut {
		t.Fatal("the rename laid the map out again")
	}
	if te.tl == old {
		t.Fatal("the timeline on show is the one from before the rename")
	}
	box := te.r.ActorBox(renamed)
	for k := range te.tl.Len() {
		was, now := old.Frame(k).Pos, te.tl.Frame(k).Pos
		p, ok := now[mexico.ID]
		if !ok {
			continue
		}
		if p != was[mexico.ID] {
			t.Errorf("frame %d: the renamed actor moved from %v to %v", k, was[mexico.ID], p)
		}
		for id, q := range now {
			b := te.r.ActorBox(actorOf(t, te.doc.m, id))
			if id != mexico.ID && math.Abs(q.X-p.X) < (b.W+box.W)/2-1e-6 && math.Abs(q.Y-p.Y) < (b.H+box.H)/2-1e-6 {
				t.Errorf("frame %d: actor %d overlaps the renamed one", k, id)
			}
		}
	}
}

// actorOf is actor id of m.
func actorOf(t *testing.T, m *model.Map, id model.ID) model.Actor {
	t.Helper()
	a, ok := m.Actor(id)
	if !ok {
		t.Fatalf("no actor %d", id)
	}
	return a
}

// While the slider runs through dates with actors sized by a measure,
// one date is measured at a time, and the date on show when one is done
// is measured next: the dates between are not, so that measuring never
// piles up behind the slider.
// Until the measures an actor's size follows are computed, the picture
// says it is measuring them, and claims no sizes in its legend.
func TestThePictureSaysWhileMeasuring(t *testing.T) {
	te := newTestEditor(t)
	release := make(chan struct{})
	measure = func(m *model.Map, day model.Day) []analysis.Metrics {
		<-release
		return analysis.Measure(m, day)
	}
	t.Cleanup(func() { measure = analysis.Measure })
	te.sizeBy = "betweenness"
	te.showScene()
	if s := te.diagram.Scene(); !strings.Contains(s.Caption, "Measuring the actors for size: betweenness…") || s.SizeBy != "" {
		t.Errorf("while measuring the picture says %q, sized by %q", s.Caption, s.SizeBy)
	}
	close(release)
	te.settle(t)
	if s := te.diagram.Scene(); !strings.Contains(s.Caption, "Actors by size: betweenness") || strings.Contains(s.Caption, "Measuring") || s.SizeBy != "betweenness" {
		t.Errorf("once measured the picture says %q, sized by %q", s.Caption, s.SizeBy)
	}
	// On another date, until its measures come, the picture keeps the
	// sizes measured last, and says of when: drawn without them first,
	// the picture flickered as the timeline played.
	was := te.doc.day
	release = make(chan struct{})
	keys := te.doc.keys
	te.SetDate(keys[len(keys)-2], false)
	s := te.diagram.Scene()
	if want := "as measured on " + windowLang.Date(was); !strings.Contains(s.Caption, want) || s.SizeBy != "betweenness" {
		t.Errorf("while a new date is measured the picture says %q, sized by %q; want it sized as on %s, and saying so", s.Caption, s.SizeBy, was)
	}
	close(release)
	te.settle(t)
	if s := te.diagram.Scene(); strings.Contains(s.Caption, "as measured on") || s.SizeBy != "betweenness" {
		t.Errorf("once the new date is measured the picture says %q, sized by %q", s.Caption, s.SizeBy)
	}
}

func TestMeasuringRunsOneDateAtATime(t *testing.T) {
	te := newTestEditor(t)
	te.sizeBy = "betweenness"
	var mu sync.Mutex
	var running, most int
	var measured []model.Day
	release := make(chan struct{})
	measure = func(m *model.Map, day model.Day) []analysis.Metrics {
		mu.Lock()
		running++
		most = max(most, running)
		measured = append(measured, day)
		first := len(measured) == 1
		mu.Unlock()
		if first {
			<-release // the slider moves on meanwhile
		}
		defer func() {
			mu.Lock()
			running--
			mu.Unlock()
		}()
		return analysis.Measure(m, day)
	}
	t.Cleanup(func() { measure = analysis.Measure })
	days := te.doc.m.Keyframes()
	if len(days) < 5 {
		t.Fatalf("the default map has %d keyframes", len(days))
	}
	for _, d := range days[:5] {
		te.doc.SetDay(d, false)
	}
	close(release)
	te.jobs.Wait()
	mu.Lock()
	defer mu.Unlock()
	if most != 1 {
		t.Errorf("%d dates were measured at once", most)
	}
	if len(measured) != 2 || measured[1] != days[4] {
		t.Errorf("measured %v; want the first date and then the last, %s", measured, days[4])
	}
	if c := te.measureCache; c == nil || c.day != days[4] {
		t.Errorf("the measures kept are not those of the date on show, %s", days[4])
	}
}

// Who Matters gives betweenness as a whole number from 100 up and to
// three digits below, and PageRank as a percentage to two digits: on a
// map of thousands of actors it had read "0.000" for every actor, and
// betweenness had ten decimals.
func TestMeasureLinesAreReadable(t *testing.T) {
	for _, c := range []struct {
		x    analysis.Metrics
		want string
	}{
		{analysis.Metrics{Name: "Mexico", Betweenness: 81, Degree: 7, PageRank: 0.077, Community: 2}, "1. Mexico — betweenness 81, degree 7, PageRank 7.7%, community 2"},
		{analysis.Metrics{Name: "Actor 00420", Betweenness: 123456.789012, Degree: 26, PageRank: 0.000123456}, "1. Actor 00420 — betweenness 123457, degree 26, PageRank 0.012%"},
		{analysis.Metrics{Name: "Quito", Betweenness: 0.333333333, Degree: 1, PageRank: 0.5}, "1. Quito — betweenness 0.333, degree 1, PageRank 50%"},
	} {
		if got := measureLine(1, c.x); got != c.want {
			t.Errorf("measureLine(%+v) = %q, want %q", c.x, got, c.want)
		}
	}
}

// The filter lists an attribute's values that are numbers in their order,
// 2 before 10, and the rest as text.
func TestFilterListsNumbersInOrder(t *testing.T) {
	te := newTestEditor(t)
	var put []model.Actor
	for i, a := range te.doc.m.Actors[:4] {
		a.Attrs = map[string]string{"rank": []string{"10", "2", "1", "x"}[i]}
		put = append(put, a)
	}
	if _, err := te.apply(model.Change{Summary: "Rank", Put: model.Records{Actors: put}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	objs := te.attrSection()
	sels := objs[1].(*fyne.Container).Objects
	key, value := sels[0].(*choice), sels[1].(*fyne.Container).Objects[0].(*choice)
	key.SetSelected("rank")
	if want := []string{"1 (1)", "2 (1)", "10 (1)", "x (1)"}; !reflect.DeepEqual(value.Options, want) {
		t.Errorf("the values of rank are listed %q, want %q", value.Options, want)
	}
}

// An attribute of many values (an identifier) has its value typed, the
// list offering at most maxPicks of those holding the text, rather than a
// choice of thousands; a value typed whole sets the filter.
func TestFilterByAnAttributeOfManyValues(t *testing.T) {
	te := newTestEditor(t)
	var put []model.Actor
	for i, a := range te.doc.m.Actors {
		a.Attrs = map[string]string{"code": fmt.Sprintf("c%03d", i)}
		put = append(put, a)
	}
	for i := len(put); i < 2*manyValues; i++ {
		put = append(put, model.Actor{Name: fmt.Sprintf("Extra %d", i), Kind: "official", Attrs: map[string]string{"code": fmt.Sprintf("c%03d", i)}})
	}
	if _, err := te.apply(model.Change{Summary: "Codes", Put: model.Records{Actors: put}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	objs := te.attrSection()
	sels := objs[1].(*fyne.Container).Objects
	key := sels[0].(*choice)
	stack := sels[1].(*fyne.Container).Objects
	value, typed := stack[0].(*choice), stack[1].(*pick)
	key.SetSelected("code")
	if value.Visible() || !typed.Visible() || len(value.Options) != 0 {
		t.Fatalf("for %d values the choice shows: %v (%d options), the typed field: %v", 2*manyValues, value.Visible(), len(value.Options), typed.Visible())
	}
	w := test.NewWindow(container.NewVBox(objs...))
	defer w.Close()
	// The list's items, in the pop-up on top of the window.
	listed := func() int {
		top := w.Canvas().Overlays().Top()
		if top == nil {
			return 0
		}
		defer w.Canvas().Overlays().Remove(top)
		n := 0
		for _, o := range test.LaidOutObjects(top) {
			if fmt.Sprintf("%T", o) == "*widget.menuItem" {
				n++
			}
		}
		return n
	}
	typed.SetText("c01")
	typed.showList()
	if n := listed(); n != 10 {
		t.Errorf("for c01 the list offers %d values, want the 10 holding it", n)
	}
	typed.SetText("")
	typed.showList()
	if n := listed(); n != maxPicks {
		t.Errorf("with nothing typed the list offers %d values, want %d", n, maxPicks)
	}
	typed.SetText("c005 (1)")
	if te.attrKey != "code" || te.attrValue != "c005" {
		t.Errorf("after typing c005 the filter is %q = %q", te.attrKey, te.attrValue)
	}
	key.SetSelected("(any)")
	if !value.Visible() || typed.Visible() {
		t.Error("back to any attribute, the choice is not shown")
	}
}

// longRing starts a test app, with its own XDG folders, and returns it, a
// renderer and a long map: 12 actors in a ring, a tie a day for
// shortTimeline+20 days, laid out in the background when opened.
func longRing(t *testing.T) (fyne.App, *render.Renderer, *model.Map) {
	t.Helper()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	a := test.NewTempApp(t)
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	m := &model.Map{Name: "long"}
	for i := range 12 {
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %d", i+1), Kind: "country"})
	}
	date := func(d model.Day) model.Date { return model.MustDate(d.String()) }
	day := model.DayOf(2000, 1, 1)
	for i := range shortTimeline + 20 {
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), From: model.ID(i%12 + 1), To: model.ID((i+1)%12 + 1),
			Kind: "relations", Span: model.Span{Start: date(day + model.Day(i)), End: date(day + model.Day(i+30))}})
	}
	return a, r, m
}

// openStopped opens st, "long.relmap", in a new window of a, and stops the
// layout the editor starts in the background.
func openStopped(t *testing.T, a fyne.App, st model.Store, r *render.Renderer) (*Editor, fyne.Window) {
	t.Helper()
	win := a.NewWindow("")
	t.Cleanup(win.Close)
	ed, err := NewEditor(win, st, r, "long.relmap")
	if err != nil {
		t.Fatal(err)
	}
	ed.cancelRunningLayout()
	ed.waitLayout()
	return ed, win
}

// A long map whose kept layout is stale (the app closed while laying it
// out again after an edit) opens on that layout: its actors are drawn
// where they were, the new one not yet, while the map is laid out again
// in the background; until now the picture was empty for the whole
// layout.
func TestAStaleLayoutIsShownWhileTheMapIsLaidOutAgain(t *testing.T) {
	a, r, m := longRing(t)
	ctx := context.Background()
	tl, err := r.Layout(ctx, m, stability(), nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := tl.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// The map as edited since: one actor more.
	edited := *m
	edited.Actors = append(slices.Clone(m.Actors), model.Actor{ID: 13, Name: "Newcomer", Kind: "country"})
	st, err := sqlite.Create(filepath.Join(t.TempDir(), "long.relmap"), &edited)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutLayout(ctx, r.LayoutKey(m, stability()), data); err != nil {
		t.Fatal(err)
	}
	// The layout started in the background is stopped at once, so that
	// the picture stays the one the map opened on.
	ed, win := openStopped(t, a, st, r)
	if ed.cancelLayout == nil || !strings.Contains(ed.status.Text, "cancelled") {
		t.Skipf("the layout was done before it could be stopped (status %q)", ed.status.Text)
	}
	win.SetContent(ed.Content())
	win.Resize(fyne.NewSize(1000, 700))
	if ed.tl.Len() != tl.Len() {
		t.Fatalf("opened with a stale layout, the picture's timeline has %d dates, want the kept %d", ed.tl.Len(), tl.Len())
	}
	ed.showScene()
	ed.jobs.Wait()
	drawn := map[model.ID]bool{}
	for _, n := range ed.diagram.Scene().Nodes {
		drawn[n.ID] = true
	}
	if len(drawn) == 0 || drawn[13] {
		t.Errorf("opened with a stale layout, the picture draws %v; want the kept actors, not yet the newcomer", drawn)
	}
}

// A map without events whose ties have all ended opens on the last date
// a tie is in force, not on the empty picture after the last one ended.
func TestAMapOpensWhereTiesAre(t *testing.T) {
	m := &model.Map{Name: "ended", Actors: []model.Actor{{ID: 1, Name: "A", Kind: "country"}, {ID: 2, Name: "B", Kind: "country"}, {ID: 3, Name: "C", Kind: "country"}}}
	m.Ties = []model.Tie{
		{ID: 1, From: 1, To: 2, Kind: "relations", Span: model.Span{Start: model.MustDate("1990"), End: model.MustDate("2001-01-01")}},
		{ID: 2, From: 2, To: 3, Kind: "relations", Span: model.Span{Start: model.MustDate("1995-03-04"), End: model.MustDate("2002-06-01")}},
	}
	st, err := sqlite.Create(filepath.Join(t.TempDir(), "ended.relmap"), m)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := newDocument(st, "", m)
	if err != nil {
		t.Fatal(err)
	}
	if want := model.DayOf(2001, 1, 1); d.day != want {
		t.Errorf("the map opens on %v, want %v, the last keyframe with a tie in force", d.day, want)
	}
	m.Ties[1].Span.End = model.Date{} // one tie never ends: the last keyframe
	if d, _ := newDocument(st, "", m); d.day != d.keys[len(d.keys)-1] {
		t.Errorf("with a tie that never ends the map opens on %v, want its last keyframe %v", d.day, d.keys[len(d.keys)-1])
	}
}

// An edit shows in the picture at once, while the map is laid out again
// (minutes on a big map): a tie deleted is gone, and the actor renamed
// reads its new name, before the new layout is done.
func TestAnEditShowsBeforeTheLayout(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	s := te.diagram.Scene()
	tie := s.Edges[0]
	n := s.Nodes[0]
	c := model.Change{Summary: "test", Delete: model.Deleted{Ties: []model.ID{tie.ID}}}
	if _, err := te.apply(c); err != nil {
		t.Fatal(err)
	}
	a, _ := te.doc.m.Actor(n.ID)
	a.Name = "Renamed Actor"
	if _, err := te.apply(model.Change{Summary: "rename", Put: model.Records{Actors: []model.Actor{a}}}); err != nil {
		t.Fatal(err)
	}
	te.jobs.Wait()
	for _, e := range te.diagram.Scene().Edges {
		if e.ID == tie.ID {
			t.Errorf("the deleted tie %d is still drawn while the map is laid out again", tie.ID)
		}
	}
	if got := nodeOf(te.diagram.Scene(), n.ID); got == nil || got.Label != "Renamed Actor" {
		t.Errorf("the renamed actor is drawn as %+v while the map is laid out again", got)
	}
}

// A long map laid out for the first time shows the layout of all its
// dates together as soon as the layout has it, while its dates are laid
// out (minutes on a big map); until now the picture was empty all along.
func TestAFirstLayoutShowsAPreview(t *testing.T) {
	a, r, m := longRing(t)
	st, err := sqlite.Create(filepath.Join(t.TempDir(), "long.relmap"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// The layout the editor started is stopped, and one whose progress
	// the test follows laid out instead.
	ed, win := openStopped(t, a, st, r)
	win.SetContent(ed.Content())
	win.Resize(fyne.NewSize(1000, 700))
	previewed, release := make(chan struct{}), make(chan struct{})
	layOut := ed.layOut
	ed.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
		if preview == nil {
			t.Error("a first layout asks for no preview")
			close(previewed)
			return layOut(ctx, m, s, old, progress, nil)
		}
		return layOut(ctx, m, s, old, progress, func(tl *layout.Timeline) {
			preview(tl)
			close(previewed)
			<-release // the dates are laid out once the test has looked
		})
	}
	ed.relayout()
	<-previewed
	if !ed.previewing || ed.tl.Len() != 1 {
		t.Errorf("after the preview: previewing %t, the picture's timeline has %d frames, want the preview's 1", ed.previewing, ed.tl.Len())
	}
	ed.showScene()
	ed.jobs.Wait()
	if n := len(ed.diagram.Scene().Nodes); n == 0 {
		t.Error("while the dates are laid out the picture is empty")
	}
	close(release)
	ed.waitLayout()
	if ed.previewing || ed.tl.Len() <= 1 {
		t.Errorf("after the layout: previewing %t, %d frames", ed.previewing, ed.tl.Len())
	}
}

// An actor made on its own and then tied to another (a new official, then
// the tie to the country they serve) is placed beside that partner, as a
// new actor with a tie is, not left where it was put alone.
func TestAnActorTiedLaterIsPlacedBesideItsPartner(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	ecuador, err := te.doc.m.ActorByName("Ecuador")
	if err != nil {
		t.Fatal(err)
	}
	added, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Gabriela Sommerfeld", Kind: "official"}}}})
	if err != nil {
		t.Fatal(err)
	}
	te.waitLayout()
	id := added.Put.Actors[0].ID
	day := te.doc.day
	alone := te.tl.At(day).Pos[id]
	if _, err := te.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{{From: id, To: ecuador.ID, Kind: "ambassador"}}}}); err != nil {
		t.Fatal(err)
	}
	te.waitLayout()
	pos := te.tl.At(day).Pos
	dist := func(a, b model.Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }
	near := math.Inf(1) // the nearest other actor to Ecuador, for scale
	for other, p := range pos {
		if other != ecuador.ID && other != id {
			near = min(near, dist(p, pos[ecuador.ID]))
		}
	}
	if d := dist(pos[id], pos[ecuador.ID]); d > 2*max(near, 100) {
		t.Errorf("tied to Ecuador, Gabriela Sommerfeld is %.0f from it (was at %v alone, now %v; Ecuador's nearest neighbour is %.0f away)", d, alone, pos[id], near)
	}
}

// TestAMapReopensWhereItWasLeft: a map opened again shows the date it was
// left on, whether opened from the File menu or at start; a date no
// longer within the map's dates is not returned to.
func TestAMapReopensWhereItWasLeft(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	first, left := te.doc.firstDay(), model.MustDate("2024-01-10").First()
	te.SetDate(left, false)
	te.settle(t)
	other := filepath.Join(t.TempDir(), "other.relmap")
	if err := te.newMap(other); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.openPath(te.path)
	te.settle(t)
	if te.doc.path != te.path || te.doc.day != left {
		t.Fatalf("opened again, %s shows %s, want %s, where it was left (it opens on %s)", filepath.Base(te.doc.path), te.doc.day, left, first)
	}
	if got := te.time.date.Text; got != left.String() {
		t.Errorf("opened again, the date field says %q, want %q", got, left)
	}

	// At start: a new window on the same file.
	st, err := sqlite.Open(te.path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := NewEditor(fyne.CurrentApp().NewWindow("again"), st, te.r, "test.relmap")
	if err != nil {
		t.Fatal(err)
	}
	again.SetFiles(&Files{}, te.path)
	again.jobs.Wait()
	again.Close()
	if again.doc.day != left {
		t.Errorf("started on %s, the map shows %s, want %s, where it was left", filepath.Base(te.path), again.doc.day, left)
	}

	// A remembered date outside the map's dates, as after its history was
	// cut short elsewhere, is not returned to.
	te.openPath(other)
	te.settle(t)
	abs, _ := filepath.Abs(te.path)
	fyne.CurrentApp().Preferences().SetStringList(placesKey, []string{"1890-01-01 " + abs})
	te.openPath(te.path)
	te.settle(t)
	if te.doc.day != first {
		t.Errorf("with 1890 remembered, the map opened on %s, want its first day, %s", te.doc.day, first)
	}
}

// The history says what a change did in plain words, each a sentence the
// translations have: it said "put 1 actor", in English in any language.
func TestTheHistoryDescribesAChange(t *testing.T) {
	c := model.Change{Summary: "Import", Put: model.Records{Actors: []model.Actor{{ID: 1, Name: "Mexico", Short: "MX", Notes: "n"}, {ID: 9, Name: "Chile"}},
		Ties: []model.Tie{{ID: 3, From: 1, To: 9, Label: "relations broken"}}, Kinds: []model.Kind{{Class: model.ClassTie, Name: "condemns", Label: "Condemns"}}},
		Delete: model.Deleted{Events: []model.ID{4}}}
	// What undoes it puts Mexico back as it was, and deletes the rest.
	inv := model.Change{Put: model.Records{Actors: []model.Actor{{ID: 1, Name: "Mexico"}}},
		Delete: model.Deleted{Actors: []model.ID{9}, Ties: []model.ID{3}, Kinds: []model.Kind{{Class: model.ClassTie, Name: "condemns"}}}}
	names := map[model.ID]string{1: "Mexico", 9: "Chile"}
	want := "Import: added 1 actor, changed 1 actor (short name, notes), added 1 tie, added 1 kind, deleted 1 event." +
		" Actors: Mexico; Chile. Ties: Mexico – Chile 'relations broken'. Kinds: Condemns."
	if got := describe(c, inv, func(id model.ID) string { return names[id] }); got != want {
		t.Errorf("describe = %q\nwant       %q", got, want)
	}
}

// The history says why a change is not in force, in the window's
// language: it said "(dropped)", a word of the code, in any language.
func TestTheHistorySaysWhyAChangeIsNotInForce(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.Local)
	speak(t, "es")
	defer speak(t, "en")
	for state, want := range map[model.EntryState]string{
		model.Done:    "2026-12-01 09:30  Editar el actor 'Mexico'",
		model.Undone:  "2026-12-01 09:30  Editar el actor 'Mexico'  (deshecho: Rehacer lo devuelve)",
		model.Dropped: "2026-12-01 09:30  Editar el actor 'Mexico'  (deshecho, y luego sustituido por una edición posterior)",
	} {
		if got := historyLine(model.Entry{At: at, Summary: "Editar el actor 'Mexico'", State: state}); got != want {
			t.Errorf("%s: %q, want %q", state, got, want)
		}
	}
}

// On a big map, whose last two layouts only are remembered, a second
// delete undone still gets its picture back: the layout an undo gave back
// counts as the last one made. It was dropped as the oldest, and the
// second undo laid the whole history out again, moving every actor.
func TestABigMapsSecondUndoGetsItsPictureBack(t *testing.T) {
	big := &model.Map{Actors: make([]model.Actor, asyncActorsAndTies)}
	var l laidOut
	before, first, second := &layout.Timeline{}, &layout.Timeline{}, &layout.Timeline{}
	l.put("before", before, big)
	l.put("first delete", first, big)
	if tl, ok := l.get("before"); !ok || tl != before {
		t.Fatal("the first undo does not get its picture back")
	}
	l.put("before", before, big) // as relayoutWith does with what it got
	l.put("second delete", second, big)
	if tl, ok := l.get("before"); !ok || tl != before {
		t.Error("the second undo does not get its picture back")
	}
}

// Ctrl+S says that every change is in the map's file already: it did
// nothing, and a user could not tell whether the map was saved.
func TestCtrlSSaysTheMapIsSaved(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	te.settle(t)
	te.press(t, fyne.KeyS, fyne.KeyModifierShortcutDefault)
	if want := "Saved: every change is written to " + te.path; !strings.HasPrefix(te.status.Text, want) {
		t.Errorf("after Ctrl+S the status line says %q, want %q…", te.status.Text, want)
	}
	if it := menuItem(t, te.win, &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}); it.Label != "Save" {
		t.Errorf("Ctrl+S is the menu's %q", it.Label)
	}
}

// One of a thing is said as one: the side panel said "1 actors, 0 ties".
func TestOneIsSaidAsOne(t *testing.T) {
	if got := counted(1, "1 actor", "%s actors") + ", " + counted(0, "1 tie", "%s ties") + ", " + counted(12000, "1 event", "%s events"); got != "1 actor, 0 ties, 12,000 events" {
		t.Errorf("counted says %q", got)
	}
	if got := plural(1, "Delete 1 Actor", "Delete %d Actors"); got != "Delete 1 Actor" {
		t.Errorf("plural says %q", got)
	}
}

// Another map opened clears the status line, which spoke of the map left:
// after New Map it still said "Exported 116 frames to …".
func TestAnotherMapClearsTheStatusLine(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	te.status.SetText("Exported 116 frames to /tmp/anim.gif")
	if err := te.newMap(filepath.Join(t.TempDir(), "next.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	if got := te.status.Text; strings.Contains(got, "Exported") {
		t.Errorf("after New Map the status line says %q", got)
	}
}

// A restart for a new language keeps the way the map was looked at: its
// filter and measures were lost when the app started again.
func TestARestartKeepsTheLook(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, true)
	te.sizeBy, te.byCommunity = "degree", true
	te.setTiedOnly(true)
	te.jobs.Wait() // the measuring, which the test driver runs on this goroutine's turn
	te.KeepLook()
	te.applyView(model.View{Name: "Everything"}) // as a new start would look
	te.jobs.Wait()
	te.TakeUpLook()
	te.jobs.Wait()
	if !te.hidden[render.KindKey{Class: model.ClassActor, Name: "official"}] || te.sizeBy != "degree" || !te.byCommunity || !te.tiedOnly {
		t.Errorf("after the restart: hidden %v, size by %q, by community %v, tied only %v", te.hidden, te.sizeBy, te.byCommunity, te.tiedOnly)
	}
	// Taken up once: a later start looks at the map afresh.
	te.applyView(model.View{Name: "Everything"})
	te.jobs.Wait()
	te.TakeUpLook()
	if len(te.hidden) != 0 || te.tiedOnly {
		t.Error("the look kept for a restart was taken up again")
	}
}

// An edit early in a long map's history, whose layout was kept by an
// earlier relmap (without its dates' own events), moves the later dates
// only near what it changed: the kept layout learns its dates' events
// from the map it was laid out from. Laid out date by date from the edit
// on, every later date changed.
func TestAnEarlyEditHoldsTheLaterDatesOfALongMap(t *testing.T) {
	a, r, _ := longRing(t)
	// 150 actors in ten groups; a tie a day within a group, of 60 days.
	m := &model.Map{Name: "long"}
	for i := range 150 {
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %d", i+1), Kind: "country"})
	}
	day := model.DayOf(2000, 1, 1)
	for i := range shortTimeline + 60 {
		from := i * 7 % 150
		to := from/15*15 + (from+1+i%13)%15
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), From: model.ID(from + 1), To: model.ID(to + 1), Kind: "relations",
			Span: model.Span{Start: model.DateOfDay(day + model.Day(i)), End: model.DateOfDay(day + model.Day(i+60))}})
	}
	ctx := context.Background()
	kept, err := r.Layout(ctx, m, stability(), nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := kept.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	older := data[:len(data)-1-8*kept.Len()] // without the dates' own events
	if err := new(layout.Timeline).UnmarshalBinary(older); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Create(filepath.Join(t.TempDir(), "long.relmap"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutLayout(ctx, r.LayoutKey(m, stability()), older); err != nil {
		t.Fatal(err)
	}
	ed, win := openStopped(t, a, st, r)
	win.SetContent(ed.Content())
	win.Resize(fyne.NewSize(1000, 700))
	if ed.tl.Len() != kept.Len() {
		t.Fatalf("opened on a layout of %d dates, want the kept %d", ed.tl.Len(), kept.Len())
	}
	// A tie between two groups on the tenth day, for a month.
	tie := model.Tie{From: 3, To: 80, Kind: "relations", Span: model.Span{Start: model.DateOfDay(day + 10), End: model.DateOfDay(day + 40)}}
	if _, err := ed.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{tie}}}); err != nil {
		t.Fatal(err)
	}
	ed.waitLayout()
	if ed.tl == nil || ed.tl.Len() < kept.Len() {
		t.Fatal("no layout after the edit")
	}
	for k := range ed.tl.Len() {
		f := ed.tl.Frame(k)
		if f.At < day+60 {
			continue
		}
		moved, both := layout.Moved(kept.At(f.At).Pos, f.Pos, 1)
		if moved > both/5 {
			t.Fatalf("%s, after the new tie ended: %d of %d actors moved, want at most a fifth", f.At, moved, both)
		}
	}
}

// With a kind hidden by the filter, a path goes through what the picture
// shows: with the officials hidden, paths from Ecuador to the ICJ went
// through officials, unseen, and were drawn with gaps.
func TestAPathGoesThroughWhatTheFilterShows(t *testing.T) {
	te := newTestEditor(t)
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	icj, _ := te.doc.m.ActorByName("International Court of Justice")
	official := func(id model.ID) bool { a, _ := te.doc.m.Actor(id); return a.Kind == "official" }
	through := false
	for _, p := range analysis.Paths(te.drawn, te.doc.day, ecuador.ID, icj.ID, pathCount) {
		through = through || slices.ContainsFunc(p.Actors, official)
	}
	if !through {
		t.Fatal("no path from Ecuador to the ICJ goes through an official; the test needs one")
	}
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "official"}, true)
	te.showPath(ecuador.ID, icj.ID, 0)
	paths := te.routePaths()
	if len(paths) == 0 {
		t.Fatalf("no path from Ecuador to the ICJ without the officials (status %q)", te.status.Text)
	}
	for pick, p := range paths {
		te.showPath(ecuador.ID, icj.ID, pick)
		if slices.ContainsFunc(p.Actors, official) {
			t.Errorf("path %d goes through an official, whom the filter hides", pick+1)
		}
		if em := te.diagram.Scene().Emphasis; len(em.Ties)+len(em.Links) != len(p.Actors)-1 {
			t.Errorf("path %d of %d steps: %d ties and %d links drawn", pick+1, len(p.Actors)-1, len(em.Ties), len(em.Links))
		}
	}
	// Hiding the organisations too leaves the ICJ out: no connection, and
	// the status line says why.
	te.setHidden(render.KindKey{Class: model.ClassActor, Name: "organisation"}, true)
	te.showPath(ecuador.ID, icj.ID, 0)
	if len(te.routePaths()) != 0 || !strings.Contains(te.status.Text, "through what the filter shows") {
		t.Errorf("with the ICJ hidden: %d paths, status %q", len(te.routePaths()), te.status.Text)
	}
}

// An import with several bad rows says each of them, in a list that
// scrolls, and changes nothing.
func TestAnImportSaysEveryBadRow(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	dir := t.TempDir()
	for name, body := range map[string]string{
		"actors.csv": "Label,Type,Start\nPeru,country,\nBolivia,country,2024-13-01\nperu,country,\n",
		"ties.csv":   "From,To,Type,Start,End\nPeru,Bolivia,relations,2000,\nPeru,Chle,relations,,\nPeru,Bolivia,severed,2025,2024\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	te.importInBackground(filepath.Join(dir, "ties.csv"))
	te.jobs.Wait()
	te.settle(t)
	if got := te.stored(t); !reflect.DeepEqual(got, before) {
		t.Error("an import with bad rows changed the map")
	}
	top := te.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says what is wrong")
	}
	var shown []string
	scrolls := false
	for _, c := range test.LaidOutObjects(top) {
		switch c := c.(type) {
		case *widget.Label:
			shown = append(shown, c.Text)
		case *container.Scroll:
			scrolls = true
		}
	}
	text := strings.Join(shown, "\n")
	for _, want := range []string{
		"4 rows of the import are wrong, so nothing was imported.",
		"• In actors.csv, line 3, start: \"2024-13-01\" is not a date: the month must be 01 to 12.",
		"• In actors.csv, line 4, name:",
		"• In ties.csv, line 3, to: no actor is named \"Chle\".",
		"• In ties.csv, line 4, end:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, text)
		}
	}
	if !scrolls {
		t.Error("the list of bad rows does not scroll")
	}
	// The good rows can be imported without the bad ones: Peru alone,
	// every tie naming Bolivia, whose row is bad, or being bad itself.
	var good *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Import the Good Rows" {
			good = b
		}
	}
	if good == nil {
		t.Fatal("the dialog has no button that imports the good rows")
	}
	test.Tap(good)
	te.jobs.Wait()
	te.settle(t)
	after := te.stored(t)
	if len(after.Actors) != len(before.Actors)+1 || len(after.Ties) != len(before.Ties) {
		t.Errorf("importing the good rows added %d actors and %d ties, want Peru alone", len(after.Actors)-len(before.Actors), len(after.Ties)-len(before.Ties))
	}
	if _, err := te.doc.m.ActorByName("Peru"); err != nil {
		t.Error("Peru was not imported")
	}
	if want := "Imported the tables of " + quoted(filepath.Base(dir)) + "; not carried over: 5 rows, bad or naming a bad row"; !strings.Contains(te.status.Text, want) {
		t.Errorf("the status says %q, want it to say %q", te.status.Text, want)
	}
}

// Tables whose rows are all bad import nothing, and say so: importing
// their good rows said "Imported ties.csv", of a folder, with the rows
// left out.
func TestAnImportOfBadRowsOnlySaysNothingWasImported(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	before := te.stored(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ties.csv"), []byte("From,To,Type\nPeru,Chle,relations\nPeru,Bolivia,relations\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	te.importGoodRows(filepath.Join(dir, "ties.csv"))
	te.jobs.Wait()
	te.settle(t)
	if got := te.stored(t); !reflect.DeepEqual(got, before) {
		t.Error("an import of bad rows only changed the map")
	}
	top := te.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says that nothing was imported")
	}
	if want := "Nothing was imported from the tables of " + quoted(filepath.Base(dir)) + ": 2 rows, bad or naming a bad row."; !says(top, want) {
		t.Errorf("the dialog does not say %q", want)
	}
	if strings.Contains(te.status.Text, "Imported") {
		t.Errorf("the status says %q", te.status.Text)
	}
}

// A view saved with its date, place and selected actor takes them up
// again; one saved without them leaves them as they are; what the map no
// longer has is said.
func TestAViewKeepsItsDatePlaceAndActor(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	keys := te.doc.keys
	saved := keys[len(keys)/2]
	te.doc.SetDay(saved, false)
	te.doc.Select(ecuador.ID)
	te.settle(t)
	fitted := te.diagram.View()
	n := nodeOf(te.diagram.Scene(), ecuador.ID)
	if n == nil {
		t.Fatal("Ecuador is not drawn")
	}
	// Up close, a little off Ecuador.
	held := render.View{CX: n.X + 20, CY: n.Y - 15, Zoom: fitted.Zoom * 3, UIScale: fitted.UIScale}
	te.diagram.Hold(held)

	save := func(name string, untick ...string) {
		t.Helper()
		te.saveViewDialog()
		top := te.win.Canvas().Overlays().Top()
		var saveButton *dialogButton
		for _, o := range test.LaidOutObjects(top) {
			switch o := o.(type) {
			case *textField:
				test.Type(o, name)
			case *widget.Check:
				for _, u := range untick {
					if strings.HasPrefix(o.Text, u) {
						o.SetChecked(false)
					}
				}
			case *dialogButton:
				if o.Text == "Save" {
					saveButton = o
				}
			}
		}
		if saveButton == nil {
			t.Fatal("the Save View dialog has no Save button")
		}
		test.Tap(saveButton)
		te.settle(t)
	}
	save("Ecuador up close")
	save("Filter only", "The date shown", "Where the picture", "The actor selected")

	te.doc.SetDay(keys[0], false)
	te.doc.Select(0)
	te.diagram.Fit()
	te.settle(t)
	apply, _ := te.viewItems()
	take := func(name string) {
		t.Helper()
		for _, it := range apply {
			if it.Label == name {
				it.Action()
				te.settle(t)
				return
			}
		}
		t.Fatalf("no view %q in %v (%s; status %q)", name, apply, apply[0].Label, te.status.Text)
	}
	take("Filter only")
	if te.doc.day != keys[0] || te.doc.selected != 0 || !te.diagram.Following() {
		t.Errorf("a view saved without its date, place and actor moved to %v, selected %d, following the fit %v", te.doc.day, te.doc.selected, te.diagram.Following())
	}
	take("Ecuador up close")
	if got := te.diagram.View(); te.doc.day != saved || te.doc.selected != ecuador.ID || te.diagram.Following() ||
		got.CX != held.CX || got.CY != held.CY || got.Zoom != held.Zoom {
		t.Errorf("the view gives %v, selected %d, view %+v; want %v, Ecuador (%d), %+v", te.doc.day, te.doc.selected, got, saved, ecuador.ID, held)
	}
	if want := "View: Ecuador up close."; te.status.Text != want {
		t.Errorf("status %q, want %q", te.status.Text, want)
	}

	// Saved with a date the map no longer reaches and an actor since
	// deleted: the rest is taken up, and what is missing said.
	vs, _ := te.viewStore()
	gone := model.View{Name: "Old", Date: "1850-01-01", Selected: 9999, Fitted: true}
	if err := vs.PutView(context.Background(), gone); err != nil {
		t.Fatal(err)
	}
	te.applyView(gone)
	te.settle(t)
	if want := "View: Old. Its date, 1 January 1850, is outside the map's dates; the actor it had selected is no longer in the map."; te.status.Text != want {
		t.Errorf("status %q, want %q", te.status.Text, want)
	}
	if !te.diagram.Following() {
		t.Error("a view saved fitted did not fit the picture")
	}
	// A view of a bad camera is refused when saved.
	if err := vs.PutView(context.Background(), model.View{Name: "Bad", Camera: &model.Camera{X: 1, Y: 1, Zoom: -2}}); err == nil {
		t.Error("a view with a zoom of -2 was saved")
	}
}

// Path To takes the one actor whose name or short name holds what is
// typed, and keeps the dialog open, saying why beneath the field, when
// none or several do: a partial name closed it and lost what was typed.
func TestPathToTakesAPartName(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	glas, _ := te.doc.m.ActorByName("Jorge Glas")
	pinochet, _ := te.doc.m.ActorByName("Augusto Pinochet")
	quito, _ := te.doc.m.ActorByName("Mexican Embassy, Quito")
	var to *pick
	var said func() string
	open := func() {
		t.Helper()
		te.pathDialog(glas.ID)
		top := te.win.Canvas().Overlays().Top()
		for _, o := range test.LaidOutObjects(top) {
			if p, ok := o.(*pick); ok {
				to = p
			}
		}
		if to == nil {
			t.Fatal("the dialog has no actor field")
		}
		said = func() string {
			var texts []string
			for _, o := range test.LaidOutObjects(top) {
				if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance {
					texts = append(texts, l.Text)
				}
			}
			return strings.Join(texts, " ")
		}
	}
	open()
	for typed, want := range map[string]string{"Nobody": `No actor is named "Nobody".`, "an": `actors' names hold "an": choose one from the list.`} {
		to.SetText(typed)
		to.OnSubmitted(typed)
		te.settle(t)
		if te.route != nil || te.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%q: the dialog closed (path %+v)", typed, te.route)
		}
		if !strings.Contains(said(), want) {
			t.Errorf("%q: beneath the field %q, want %q", typed, said(), want)
		}
	}
	to.SetText("augusto")
	to.OnSubmitted("augusto")
	te.settle(t)
	if te.route == nil || te.route.to != pinochet.ID {
		t.Errorf("after \"augusto\", the path asked for is %+v, want to Augusto Pinochet", te.route)
	}
	if quito.Short != "" {
		open()
		to.SetText("embassy, quito")
		to.OnSubmitted("embassy, quito")
		te.settle(t)
		if te.route == nil || te.route.to != quito.ID {
			t.Errorf("after \"embassy, quito\", the path asked for is %+v, want to %s", te.route, quito.Label())
		}
	}
}

// A new actor without ties stands by the actor it belongs to, on the side
// where there is room on every date: an official added to Ecuador stood
// by Mexico, in the middle of the picture.
func TestANewActorStandsByWhatItBelongsTo(t *testing.T) {
	te := newTestEditor(t)
	te.waitLayout()
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	mexico, _ := te.doc.m.ActorByName("Mexico")
	applied, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Gabriela Sommerfeld", Kind: "official", BelongsTo: ecuador.ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	te.waitLayout()
	te.settle(t)
	id := applied.Put.Actors[0].ID
	for _, day := range te.doc.keys {
		pos := te.tl.At(day).Pos
		to := func(a model.ID) float64 { return math.Hypot(pos[id].X-pos[a].X, pos[id].Y-pos[a].Y) }
		// Within twice the layout's tie length (170).
		if to(ecuador.ID) >= to(mexico.ID) || to(ecuador.ID) > 2*170 {
			t.Errorf("%s: the official added to Ecuador is %.0f from it and %.0f from Mexico", day, to(ecuador.ID), to(mexico.ID))
		}
	}
}

// A file in another format is said in the window's language: what is
// wrong with it, and where, and what it held that a map cannot. In
// Spanish both were English ("En graphml: node \"\": a node has no id").
func TestOtherFormatsAreSaidInTheWindowsLanguage(t *testing.T) {
	speak(t, "es")
	defer speak(t, "en")
	for _, c := range []struct {
		format netio.Format
		file   string
		want   string
	}{
		{netio.GraphML, `<graphml><graph edgedefault="directed"><node/></graph></graphml>`, `En GraphML, nodo "": un nodo no tiene id.`},
		{netio.GML, "graph [\n node [ id 1 ]\n edge [ source 1 target 3 ]\n]", `En GML, línea 3, arista 1 -> 3: el destino (target) "3" no es un nodo del archivo.`},
		{netio.GML, "graph [\n node [ id 1 label \"a\" \n", `En GML, línea 3: una lista abierta con [ no se cierra con ].`},
		{netio.GEXF, "<gexf><graph/>", `En GEXF, línea 1: el archivo termina antes de que su XML esté completo: parece que se cortó.`},
		{netio.GEXF, "\x7fELF\x02\x01\x01\x00", `En GEXF: el archivo no es XML: contiene datos binarios, no texto.`},
		{netio.GraphML, "<graphml>\n<graph>\n<node id=\"a\"></edge>", `En GraphML, línea 3: el XML está mal formado: element <node> closed by </edge>.`},
	} {
		_, _, err := netio.Read(c.format, strings.NewReader(c.file), "x")
		if err == nil {
			t.Fatalf("%s: %q read without a fault", c.format, c.file)
		}
		if got := sentence(err); got != c.want {
			t.Errorf("%s: %q says\n%q, want\n%q", c.format, c.file, got, c.want)
		}
	}
	_, rep, err := netio.Read(netio.GraphML, strings.NewReader(`<graphml><graph edgedefault="directed"><node id="a"/><node id="b"/>`+
		`<edge source="a" target="a"/><edge source="b" target="b"/><hyperedge><endpoint node="a"/></hyperedge></graph></graphml>`), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"las hiperaristas no se leyeron: los vínculos de relmap unen dos actores",
		"se omitieron los vínculos de un actor consigo mismo: los vínculos de relmap unen dos actores (2 veces)",
	}
	if got := noteLines(rep); !slices.Equal(got, want) {
		t.Errorf("the notes of a GraphML file read are\n%q, want\n%q", got, want)
	}
}

// A view saved without a name is said beneath the name, and the dialog
// stays open for one: it closed, with a message in a dialog of its own,
// and the ticks chosen were lost.
func TestAViewWithoutANameKeepsTheDialogOpen(t *testing.T) {
	te := newTestEditor(t)
	te.saveViewDialog()
	top := te.win.Canvas().Overlays().Top()
	test.Tap(button(t, top, "Save"))
	if te.win.Canvas().Overlays().Top() != top {
		t.Fatal("saving a view without a name closed the dialog")
	}
	if !says(top, "a name is required") {
		t.Error("the dialog does not say that a name is required")
	}
}

// says reports whether a label shown under o holds text.
func says(o fyne.CanvasObject, text string) bool {
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}

// Small multiples of dates that are none says so on top of the form,
// which stays open: it closed, and what was typed was lost.
func TestSmallMultiplesOfBadDatesKeepTheDialogOpen(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	te.multiplesDialog()
	top := te.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no Small Multiples dialog")
	}
	var fields []*textField
	for _, o := range test.LaidOutObjects(top) {
		if f, ok := o.(*textField); ok {
			fields = append(fields, f)
		}
	}
	if len(fields) < 1 {
		t.Fatal("the Small Multiples dialog has no fields")
	}
	fields[0].SetText("weekly")
	test.Tap(button(t, top, "Show"))
	if te.win.Canvas().Overlays().Top() != top {
		t.Fatal("small multiples of \"weekly\" closed the dialog")
	}
	if want := `"weekly": want events, a step such as 3m or 1y, or dates separated by commas`; !says(top, want) {
		t.Errorf("the dialog does not say %q", want)
	}
	if fields[0].Text != "weekly" {
		t.Errorf("the dates field holds %q, want what was typed", fields[0].Text)
	}
}

// A tie is named in the menus and the history by its actors, and its
// label when it has one: by its label alone, Undo said "Undo Edit Tie
// 'ambassador'" on a map of a thousand ambassadors' ties.
func TestATieIsNamedByItsActors(t *testing.T) {
	te := newTestEditor(t)
	for _, tie := range te.doc.m.Ties {
		from, _ := te.doc.m.Actor(tie.From)
		to, _ := te.doc.m.Actor(tie.To)
		name := te.tieName(tie)
		if !strings.HasPrefix(name, from.Label()+"–"+to.Label()) || tie.Label != "" && !strings.HasSuffix(name, " ("+tie.Label+")") {
			t.Errorf("tie %d (%s, labelled %q) is named %q", tie.ID, tie.Kind, tie.Label, name)
		}
	}
}

// A path to an actor not on the map on the date on show says so, rather
// than "no connection", which left the user to guess why.
func TestAPathToAnActorNotOnTheMapSaysSo(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	later := model.Actor{Name: "Later Mission", Kind: "mission", Life: model.Span{Start: model.Date{Year: 2030, Precision: model.PrecisionYear}}}
	if _, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{later}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	added, err := te.doc.m.ActorByName("Later Mission")
	if err != nil {
		t.Fatal(err)
	}
	te.showPath(ecuador.ID, added.ID, 0)
	te.settle(t)
	want := "Later Mission is not on the map on " + te.r.Lang().Date(te.doc.day) + "."
	if te.status.Text != want {
		t.Errorf("the status says %q, want %q", te.status.Text, want)
	}
}

// A change's summary is said in the window's language, whichever window
// made it: Undo said "Undo Editar el vínculo …" in an English window.
func TestSummariesAreSaidInTheWindowsLanguage(t *testing.T) {
	for _, c := range []struct{ lang, stored, want string }{
		{"en", "Editar el vínculo 'Mexico–Ecuador'", "Edit Tie 'Mexico–Ecuador'"},
		{"en", "Eliminar 3 vínculos", "Delete 3 Ties"},
		{"en", "Propiedades del mapa", "Map Properties"},
		{"en", "Something a script wrote", "Something a script wrote"},
		{"es", "Edit Tie 'Mexico–Ecuador'", "Editar el vínculo 'Mexico–Ecuador'"},
		{"es", "Delete 12 Actors", "Eliminar 12 actores"},
		{"es", "Editar el vínculo 'x'", "Editar el vínculo 'x'"},
	} {
		speak(t, c.lang)
		if got := summaryText(c.stored); got != c.want {
			t.Errorf("in %s, %q is said %q, want %q", c.lang, c.stored, got, c.want)
		}
	}
	speak(t, "en")
	// Every summary the window writes begins with words summaryText knows.
	files, _ := filepath.Glob("*.go")
	begins := regexp.MustCompile(`(?:Summary: |summary :?= |Reconcile\(|ChangeFromMap\()(?:lang\.L|plural\([^,]+,)\(?("(?:[^"\\]|\\.)*")(?:, ("(?:[^"\\]|\\.)*"))?`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range begins.FindAllStringSubmatch(string(src), -1) {
			for _, lit := range m[1:] {
				if lit == "" {
					continue
				}
				key, _ := strconv.Unquote(lit)
				found++
				if !slices.Contains(summaryKeys, key) {
					t.Errorf("%s: a summary begins %q, which summaryKeys lacks", f, key)
				}
			}
		}
	}
	if found < 25 {
		t.Errorf("only %d summaries found in the window's code", found)
	}
}

// A comparison says how many of the ties that ended are not drawn, their
// actor gone by the later date: the status line counted red lines that
// were nowhere on the picture.
func TestCompareSaysWhichEndedTiesAreNotDrawn(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	mexico, _ := te.doc.m.ActorByName("Mexico")
	applied, err := te.apply(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Short Envoy", Kind: "official",
		Life: model.Span{Start: model.MustDate("2024-04-01"), End: model.MustDate("2024-04-05")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	envoy := applied.Put.Actors[0]
	if _, err := te.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{{From: envoy.ID, To: mexico.ID, Kind: "ambassador",
		Span: model.Span{Start: model.MustDate("2024-04-01"), End: model.MustDate("2024-04-05")}}}}}); err != nil {
		t.Fatal(err)
	}
	te.showDiff(te.doc.m.Diff(model.MustDate("2024-04-04").First(), model.MustDate("2024-04-07").First()))
	if want := "Of the ties that ended, 1 joins an actor no longer on the map on 2024-04-07, and is not drawn."; !strings.Contains(te.status.Text, want) {
		t.Errorf("the status says %q, want it to say %q", te.status.Text, want)
	}
}

// An actor gone to where actors are dots is brought close: on a map of
// 10,000, the actor found was a ringed dot among them.
func TestGoingToAnActorAmongDotsBringsItClose(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	v := te.diagram.View()
	v.Zoom = 0.1
	te.diagram.Hold(v)
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	te.goToActor(ecuador)
	te.settle(t)
	time.Sleep(cameraTime + 200*time.Millisecond)
	te.settle(t)
	p := te.tl.At(te.doc.day).Pos[ecuador.ID]
	if got := te.diagram.View(); got.Zoom < closeZoom*got.UIScale || math.Abs(got.CX-p.X) > 1e-6 || math.Abs(got.CY-p.Y) > 1e-6 {
		t.Errorf("going to Ecuador at zoom 0.1 leaves the view %+v, want it at zoom %g or more on %v", got, closeZoom, p)
	}
}
