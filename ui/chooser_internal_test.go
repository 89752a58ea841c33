package ui

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/model/netio"
	"relmap/model/sqlite"
)

// fakeDialog installs a program named prog first on the PATH that records
// its arguments in a file and answers as script says (shell).
func fakeDialog(t *testing.T, prog, script string) (argsFile string) {
	t.Helper()
	dir := t.TempDir()
	argsFile = filepath.Join(dir, "args")
	body := "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " + argsFile + "\n" + script + "\n"
	if err := os.WriteFile(filepath.Join(dir, prog), []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("RELMAP_FILE_DIALOG", prog)
	return argsFile
}

// TestDesktopFileDialog opens a map through the desktop's own file dialog
// (a stand-in zenity on the PATH): File → Open… opens what it answers,
// and a cancelled dialog changes nothing.
func TestDesktopFileDialog(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	other := filepath.Join(t.TempDir(), "Peru 2025.relmap")
	st, err := sqlite.Create(other, &model.Map{Name: "Peru 2025"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	t.Run("cancelled", func(t *testing.T) {
		fakeDialog(t, "zenity", "exit 1")
		te.openDialog()
		te.jobs.Wait()
		if te.doc.path != te.path {
			t.Errorf("a cancelled dialog moved the window to %q", te.doc.path)
		}
	})
	t.Run("chosen", func(t *testing.T) {
		args := fakeDialog(t, "zenity", "echo '"+other+"'")
		te.openDialog()
		te.jobs.Wait()
		te.settle(t)
		if te.doc.path != other || te.doc.m.Name != "Peru 2025" {
			t.Errorf("after choosing %s the window shows %q (%s)", other, te.doc.m.Name, te.doc.path)
		}
		got, _ := os.ReadFile(args)
		lines := strings.Split(strings.TrimSpace(string(got)), "\n")
		if !slices.Contains(lines, "--file-selection") || !slices.Contains(lines, "--file-filter=relmap maps | *.relmap") {
			t.Errorf("zenity was asked %q", lines)
		}
	})
}

func TestKDialogArgs(t *testing.T) {
	c := mapFiles("Save Map As", true, "Quito copy.relmap")
	got := dialogArgs("/usr/bin/kdialog", c, "/home/ana/maps")
	want := []string{"--title", "Save Map As", "--getsavefilename", "/home/ana/maps/Quito copy.relmap", "*.relmap|relmap maps"}
	if !slices.Equal(got, want) {
		t.Errorf("kdialog args = %q, want %q", got, want)
	}
}

// A folder an export writes into (PNG frames, CSV tables) is chosen in
// the desktop's dialog as a folder, one there is or one made in it: its
// save dialog opened a folder there is rather than take it.
func TestTheDesktopsDialogChoosesAFolderAsAFolder(t *testing.T) {
	c := fileChoice{title: "Export Animation", save: true, name: "map frames", kind: "folders"}
	zenity := dialogArgs("/usr/bin/zenity", c, "/home/ana")
	want := []string{"--file-selection", "--title=Export Animation", "--directory", "--filename=/home/ana/"}
	if !slices.Equal(zenity, want) {
		t.Errorf("zenity args = %q, want %q", zenity, want)
	}
	kdialog := dialogArgs("/usr/bin/kdialog", c, "/home/ana")
	want = []string{"--title", "Export Animation", "--getexistingdirectory", "/home/ana"}
	if !slices.Equal(kdialog, want) {
		t.Errorf("kdialog args = %q, want %q", kdialog, want)
	}
}

// A file dialog starts where the user keeps files: in the folder last
// chosen, else by the map, but never in the folder where the app keeps
// its own copy of the default map (the home folder instead).
func TestFileDialogsStartWhereTheUserKeepsFiles(t *testing.T) {
	te := newTestEditor(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	mapDir := filepath.Dir(te.path)
	te.SetFiles(&Files{AppFolder: filepath.Join(mapDir, "elsewhere")}, te.path)
	if got := te.startFolder(); got != mapDir {
		t.Errorf("a map the user keeps: the dialog starts in %q, want its folder %q", got, mapDir)
	}
	te.SetFiles(&Files{AppFolder: mapDir}, te.path)
	if got := te.startFolder(); got != home {
		t.Errorf("the app's own map: the dialog starts in %q, want the home folder %q", got, home)
	}
	te.SetFiles(&Files{AppFolder: filepath.Dir(mapDir)}, te.path)
	if got := te.startFolder(); got != home {
		t.Errorf("a map inside the app's folder: the dialog starts in %q, want the home folder %q", got, home)
	}
	te.SetFiles(&Files{AppFolder: mapDir}, te.path)
	chosen := t.TempDir()
	fyne.CurrentApp().Preferences().SetString(lastFolderKey, chosen)
	if got := te.startFolder(); got != chosen {
		t.Errorf("after a file was chosen in %q, the dialog starts in %q", chosen, got)
	}
	fyne.CurrentApp().Preferences().SetString(lastFolderKey, mapDir)
	if got := te.startFolder(); got != home {
		t.Errorf("the file last chosen was in the app's own folder: the dialog starts in %q, want the home folder %q", got, home)
	}
	fyne.CurrentApp().Preferences().SetString(lastFolderKey, filepath.Join(chosen, "gone"))
	if got := te.startFolder(); got != home {
		t.Errorf("the folder last chosen is gone: the dialog starts in %q, want the home folder %q", got, home)
	}
	// A file chosen in the desktop's dialog: the next one starts by it.
	picked := filepath.Join(t.TempDir(), "crisis.png")
	args := fakeDialog(t, "zenity", "echo '"+picked+"'")
	var got string
	te.chooseFile(fileChoice{title: "Export PNG", save: true, name: "map.png", kind: "PNG files", exts: []string{".png"}}, func(p string) { got = p })
	te.jobs.Wait()
	if got != picked {
		t.Fatalf("the dialog answered %q, chooseFile gave %q", picked, got)
	}
	if a, _ := os.ReadFile(args); !strings.Contains(string(a), "--filename="+filepath.Join(home, "map.png")) {
		t.Errorf("the dialog did not start in the home folder: %q", a)
	}
	if d := te.startFolder(); d != filepath.Dir(picked) {
		t.Errorf("after choosing %q, the next dialog starts in %q", picked, d)
	}
}

// A whole path typed as a save's file name is taken within the folder on
// show; when that names a folder that does not exist, the error says so,
// as a save's, not as the opening of a file, and names the folder as
// typed, not within the folder on show.
func TestASaveIntoNoFolderSaysWhichFolder(t *testing.T) {
	shown := t.TempDir()
	missing := filepath.Join(t.TempDir(), "nope", "work") // a whole path typed
	for typed, want := range map[string]string{
		missing:                 missing,
		filepath.Join("a", "b"): filepath.Join(shown, "a", "b"), // a path within the folder shown
	} {
		_, err := os.Create(filepath.Join(shown, typed, "crisis.relmap"))
		if err == nil {
			t.Fatal("a file was made in a folder that does not exist")
		}
		got := saveProblem(err).Error()
		if want := "cannot save crisis.relmap: no folder of the path typed exists (" + want + ")"; !strings.HasPrefix(got, want) {
			t.Errorf("%s typed: the error says %q, want it to begin %q", typed, got, want)
		}
	}
	other := errors.New("permission denied")
	if saveProblem(other) != other {
		t.Error("another error was changed")
	}
}

// A whole path typed in Fyne's save dialog, which takes it within the
// folder on show (/root/tmp/maps/x.relmap for /tmp/maps/x.relmap typed in
// /root), is saved where it names, when that folder exists: it was
// refused.
func TestAWholePathTypedIsSavedWhereItNames(t *testing.T) {
	maps := t.TempDir()
	joined := filepath.Join(t.TempDir(), "shown", maps, "crisis.relmap")
	_, err := os.Create(joined)
	if err == nil {
		t.Fatal("a file was made in a folder that does not exist")
	}
	if got, ok := typedPath(err); !ok || got != filepath.Join(maps, "crisis.relmap") {
		t.Errorf("typedPath = %q, %v; want %q", got, ok, filepath.Join(maps, "crisis.relmap"))
	}
	if _, ok := typedPath(errors.New("permission denied")); ok {
		t.Error("another error was taken for a path typed whole")
	}
	if _, err := os.Create(filepath.Join(t.TempDir(), "nowhere", "at", "all.relmap")); err != nil {
		if got, ok := typedPath(err); ok {
			t.Errorf("a path in no folder at all was taken for %q", got)
		}
	}
}

// The Import dialog names every format of another tool it imports: GML,
// which it imports, was not named.
func TestTheImportDialogNamesEveryFormat(t *testing.T) {
	te := newTestEditor(t)
	args := fakeDialog(t, "zenity", "exit 1")
	te.importDialog()
	te.jobs.Wait()
	got, _ := os.ReadFile(args)
	var kind string
	for _, l := range strings.Split(string(got), "\n") {
		if strings.HasPrefix(l, "--file-filter=") && !strings.HasPrefix(l, "--file-filter=All files") {
			kind, _, _ = strings.Cut(strings.TrimPrefix(l, "--file-filter="), " | ")
		}
	}
	for _, f := range netio.Formats {
		name := strings.Fields(f.Name())[0] // Cytoscape.js, of Cytoscape.js JSON
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`).MatchString(kind) {
			t.Errorf("the Import dialog's files, %q, do not name %s", kind, name)
		}
	}
}

// A file dialog asked for from another window (the small multiples')
// shows in that window: it opened behind it, in the map's window, and
// typing there went nowhere.
func TestAFileDialogShowsInTheWindowItIsFor(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	other := fyne.CurrentApp().NewWindow("Small Multiples")
	other.Resize(fyne.NewSize(800, 600))
	defer other.Close()
	te.fyneFileDialog(fileChoice{title: "Export Small Multiples", save: true, name: "m.png", kind: "PNG files", exts: []string{".png"}, win: other}, t.TempDir(), func(string) {})
	if other.Canvas().Overlays().Top() == nil {
		t.Error("the file dialog is not in the window it was asked for from")
	}
	if te.win.Canvas().Overlays().Top() != nil {
		t.Error("the file dialog is in the map's window")
	}
}

// A folder an export writes into is chosen with Fyne's folder dialog, an
// empty folder there is as well as a new one (its save dialog refused
// every folder there is: "Files cannot replace a directory"); a folder
// that holds a map's tables asks before they are written over, and No
// goes back to where the choice began.
func TestAnExportChoosesAFolderThereIs(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	c := te.win.Canvas()
	f := te.newExportForm()
	f.kind.SetSelected(exportData)
	f.data.SetSelectedIndex(1) // CSV tables
	job, err := te.dataJob(f, "quito")
	if err != nil {
		t.Fatal(err)
	}
	if !job.choice.folder() {
		t.Fatal("the CSV tables' choice is not a folder's")
	}
	dir := t.TempDir()
	var chosen string
	cancelled := 0
	job.choice.cancelled = func() { cancelled++ }
	choose := func() {
		chosen = ""
		te.fyneFileDialog(job.choice, dir, func(p string) { chosen = p })
		test.Tap(button(t, c.Overlays().Top(), "Open"))
	}
	choose()
	if chosen != dir {
		t.Errorf("an empty folder there is: chosen %q, want %q", chosen, dir)
	}
	if err := os.WriteFile(filepath.Join(dir, "ties.csv"), []byte("From,To\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	choose()
	ask := c.Overlays().Top()
	if chosen != "" || !slices.ContainsFunc(test.LaidOutObjects(ask), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.Contains(l.Text, "holds ties.csv already")
	}) {
		t.Fatalf("a folder with ties.csv: chosen %q without asking", chosen)
	}
	test.Tap(button(t, ask, "No"))
	if chosen != "" || cancelled != 1 {
		t.Errorf("No to writing over ties.csv: chosen %q, cancelled %d times; want none chosen, cancelled once", chosen, cancelled)
	}
	choose()
	test.Tap(button(t, c.Overlays().Top(), "Yes"))
	if chosen != dir {
		t.Errorf("Yes to writing over ties.csv: chosen %q, want %q", chosen, dir)
	}
	// The folder chosen in the desktop's dialog is asked about as well.
	fakeDialog(t, "zenity", "echo '"+dir+"'")
	chosen = ""
	te.chooseFile(job.choice, func(p string) { chosen = p })
	te.jobs.Wait()
	if chosen != "" {
		t.Fatalf("the desktop's dialog: chosen %q without asking", chosen)
	}
	test.Tap(button(t, c.Overlays().Top(), "Yes"))
	if chosen != dir {
		t.Errorf("the desktop's dialog, Yes to writing over ties.csv: chosen %q, want %q", chosen, dir)
	}
}
