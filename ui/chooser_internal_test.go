package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"relmap/model"
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
