package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/model"
)

// TestHelpAndPreferences: the keyboard shortcuts are the menus' own, the
// guide and About are there, the preferences dialog opens, and the
// welcome strip goes once dismissed, for good.
func TestHelpAndPreferences(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	// After a change, Undo is named after it; the list says Undo.
	if _, err := te.apply(model.Change{Summary: "Map Properties", Put: model.Records{Info: &model.Info{Name: "Renamed", Description: te.doc.m.Description}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	keys := map[string]string{}
	for _, s := range te.shortcuts() {
		if was, twice := keys[s.keys]; twice {
			t.Errorf("%s is listed twice: %q and %q", s.keys, was, s.what)
		}
		keys[s.keys] = s.what
	}
	for k, want := range map[string]string{"Ctrl+Z": "Edit > Undo", "Ctrl+Y": "Edit > Redo", "Ctrl+Shift+Z": "Edit > Redo", "Ctrl+E": "Export", "Ctrl+,": "Preferences", "Ctrl+T": "Table", "Del": "Delete"} {
		if !strings.Contains(keys[k], want) || strings.HasPrefix(want, "Edit > ") && keys[k] != want {
			t.Errorf("shortcut %s is %q, want it to say %s (all: %v)", k, keys[k], want, keys)
		}
	}
	if menu := te.win.MainMenu(); menu == nil || menu.Items[len(menu.Items)-1].Label != "Help" {
		t.Error("no Help menu last")
	}
	if !strings.Contains(guideText(), "# relmap user guide") {
		t.Error("the user guide is not shown")
	}
	if about := aboutText(); !strings.Contains(about, "relmap "+assets.Version) || !strings.Contains(about, "Go fonts") || !strings.Contains(about, "Mexico News Daily") {
		t.Errorf("About says %q", about)
	}
	te.preferencesDialog()
	if len(te.win.Canvas().Overlays().List()) == 0 {
		t.Error("the preferences dialog did not open")
	}

	te.welcome()
	if len(te.banner.Objects) != 1 {
		t.Fatalf("the welcome strip has %d parts on the first run", len(te.banner.Objects))
	}
	// The test's map is not the default map: the strip does not say it is.
	if said := texts(te.banner.Objects); !anyContains(said, "User Guide") || anyContains(said, "April 2024") {
		t.Errorf("on another map than the default the welcome says %q", said)
	}
	tapButton(t, te.banner, "Start")
	if len(te.banner.Objects) != 0 || !fyne.CurrentApp().Preferences().Bool(welcomeKey) {
		t.Error("the welcome strip stayed after Start")
	}
	te.welcome()
	if len(te.banner.Objects) != 0 {
		t.Error("the welcome came back once dismissed")
	}
}

// TestThemePreference: the theme the preferences keep is the window's,
// and so the picture's.
func TestThemePreference(t *testing.T) {
	te := newTestEditor(t, func(a fyne.App) { a.Preferences().SetString(themeKey, "light") })
	applyTheme(fyne.CurrentApp(), "light")
	te.paint(t)
	if got := windowTheme(); got != "light" {
		t.Errorf("with the light theme chosen the picture is %q", got)
	}
	applyTheme(fyne.CurrentApp(), "dark")
	if got := te.diagram.Scene().Theme; got != "dark" {
		t.Errorf("after choosing dark the picture is %q", got)
	}
	applyTheme(fyne.CurrentApp(), "")
}

// TestDialogsAreDimmedNotBlurred: in every theme a modal dialog's
// background has no blur (see appTheme), and the theme is Fyne's else.
func TestDialogsAreDimmedNotBlurred(t *testing.T) {
	newTestEditor(t)
	a := fyne.CurrentApp()
	defer applyTheme(a, "")
	for _, name := range []string{"light", "dark", ""} {
		applyTheme(a, name)
		th := a.Settings().Theme()
		if r := th.Size(theme.SizeNameModalBlurRadius); r != 0 {
			t.Errorf("theme %q blurs a dialog's background by %v", name, r)
		}
		if got, want := th.Size(theme.SizeNamePadding), theme.DefaultTheme().Size(theme.SizeNamePadding); got != want {
			t.Errorf("theme %q pads by %v, want Fyne's %v", name, got, want)
		}
	}
}

// tapButton taps the button of label in o's tree.
func tapButton(t *testing.T, o fyne.CanvasObject, label string) {
	t.Helper()
	var button *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == label && button == nil {
				button = o
			}
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		}
	}
	walk(o)
	if button == nil {
		t.Fatalf("no button %q", label)
	}
	test.Tap(button)
}

// TestTheWelcomeSpeaksOfTheMapOnShow: the welcome strip names the April
// 2024 crisis on the default map, and no longer once another is shown.
func TestTheWelcomeSpeaksOfTheMapOnShow(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	if err := te.saveAs(te.store, filepath.Join(t.TempDir(), assets.DefaultMapFile)); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.welcome()
	if said := texts(te.banner.Objects); !anyContains(said, "April 2024") {
		t.Fatalf("on the default map the welcome says %q, nothing of the crisis", said)
	}
	if err := te.newMap(filepath.Join(t.TempDir(), "mine.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	if said := texts(te.banner.Objects); !anyContains(said, "User Guide") || anyContains(said, "April 2024") {
		t.Errorf("on a new map the welcome says %q", said)
	}
}
