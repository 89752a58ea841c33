package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
)

// fileChoice is what a file dialog asks for.
type fileChoice struct {
	title string
	// save asks for a name to save under (which may not exist yet), with
	// name as the suggestion; otherwise for an existing file.
	save bool
	name string
	// kind names the files the dialog shows ("relmap maps"), exts their
	// extensions with the dot.
	kind string
	exts []string
	// win is the window Fyne's dialog shows in, nil for the map's: that
	// of the small multiples, say, whose export's dialog opened behind
	// it, in the map's window.
	win fyne.Window
	// cancelled, when set, is called when the user chooses nothing: the
	// Export dialog opens again as it was left, say.
	cancelled func()
	// replaces, when set for a folder (see folder), says what in the
	// folder chosen the export would write over, to be asked about;
	// "" for nothing.
	replaces func(dir string) string
}

// folder reports whether c asks for a folder that an export writes
// into, rather than a file: one with no extension.
func (c fileChoice) folder() bool {
	return c.save && !slices.ContainsFunc(c.exts, func(ext string) bool { return ext != "" })
}

// cancel calls c.cancelled, if set.
func (c fileChoice) cancel() {
	if c.cancelled != nil {
		c.cancelled()
	}
}

// window is the window c's dialog shows in: c.win, else main.
func (c fileChoice) window(main fyne.Window) fyne.Window {
	if c.win != nil {
		return c.win
	}
	return main
}

// nativeDialog is the desktop's own file dialog program, when one is
// installed: zenity (GNOME and most others) or kdialog (KDE). The
// environment variable RELMAP_FILE_DIALOG chooses one ("zenity",
// "kdialog") or none ("fyne").
func nativeDialog() string {
	choice := os.Getenv("RELMAP_FILE_DIALOG")
	if choice == "fyne" {
		return ""
	}
	for _, prog := range []string{"zenity", "kdialog"} {
		if choice != "" && choice != prog {
			continue
		}
		if path, err := exec.LookPath(prog); err == nil {
			return path
		}
	}
	return ""
}

// dialogArgs are the arguments of prog (zenity or kdialog) for c, the
// dialog starting in dir.
func dialogArgs(prog string, c fileChoice, dir string) []string {
	kde := strings.HasPrefix(filepath.Base(prog), "kdialog")
	// A folder an export writes into is chosen as a folder: a save
	// dialog would open a folder there is rather than take it.
	switch {
	case c.folder() && kde:
		return []string{"--title", c.title, "--getexistingdirectory", dir}
	case c.folder():
		return []string{"--file-selection", "--title=" + c.title, "--directory", "--filename=" + dir + string(filepath.Separator)}
	}
	// A choice without extensions filters nothing: a filter of no
	// pattern would show no file.
	var patterns []string
	for _, ext := range c.exts {
		patterns = append(patterns, "*"+ext)
	}
	if kde {
		start := dir + string(filepath.Separator)
		verb := "--getopenfilename"
		if c.save {
			verb, start = "--getsavefilename", filepath.Join(dir, c.name)
		}
		filter := "*|" + c.kind
		if len(patterns) > 0 {
			filter = strings.Join(patterns, " ") + "|" + c.kind
		}
		return []string{"--title", c.title, verb, start, filter}
	}
	args := []string{"--file-selection", "--title=" + c.title}
	if len(patterns) > 0 {
		args = append(args, "--file-filter="+c.kind+" | "+strings.Join(patterns, " "))
	}
	args = append(args, "--file-filter=All files | *")
	if c.save {
		args = append(args, "--save", "--confirm-overwrite", "--filename="+filepath.Join(dir, c.name))
	} else {
		args = append(args, "--filename="+dir+string(filepath.Separator))
	}
	return args
}

// chooseFile asks for a file with the desktop's own dialog (nativeDialog)
// or, without one, Fyne's, and calls done with its path on the UI
// goroutine; c.cancelled, if set, when the user cancels. The desktop's dialog runs as
// a program of its own while the window goes on; if it fails, Fyne's
// dialog is shown instead.
func (e *Editor) chooseFile(c fileChoice, done func(path string)) {
	dir := e.startFolder()
	chosen := func(path string) {
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString(lastFolderKey, filepath.Dir(path))
		}
		done(path)
	}
	prog := nativeDialog()
	if prog == "" {
		e.fyneFileDialog(c, dir, chosen)
		return
	}
	e.jobs.Add(1)
	go func() {
		defer e.jobs.Done()
		out, err := exec.Command(prog, dialogArgs(prog, c, dir)...).Output()
		path := strings.TrimRight(string(out), "\r\n")
		var exit *exec.ExitError
		cancelled := errors.As(err, &exit) && exit.ExitCode() == 1
		fyne.DoAndWait(func() {
			switch {
			case cancelled:
				c.cancel()
			case err != nil || path == "":
				e.fyneFileDialog(c, dir, chosen) // the program is there but does not work
			case c.folder():
				e.intoFolder(c, path, chosen)
			default:
				chosen(path)
			}
		})
	}()
}

// lastFolderKey is the preference that holds the folder of the file last
// chosen in a file dialog.
const lastFolderKey = "file.lastFolder"

// startFolder is where a file dialog starts: in the folder of the file
// last chosen in one; else in the map's folder; else, for a map the app
// keeps in its own folder (the default map's copy) or none, in the home
// folder.
func (e *Editor) startFolder() string {
	ours := func(dir string) bool {
		return e.files != nil && e.files.AppFolder != "" && within(dir, e.files.AppFolder)
	}
	if a := fyne.CurrentApp(); a != nil {
		if d := a.Preferences().String(lastFolderKey); d != "" && !ours(d) {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				return d
			}
		}
	}
	if e.doc.path != "" {
		if dir := filepath.Dir(e.doc.path); !ours(dir) {
			return dir
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// within reports whether folder dir is folder top or inside it.
func within(dir, top string) bool {
	rel, err := filepath.Rel(top, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// fyneFileDialog is chooseFile with Fyne's own dialog, starting in dir.
// Its save dialog makes the file it returns; that empty file is removed,
// so that the caller writes it as a new one.
func (e *Editor) fyneFileDialog(c fileChoice, dir string, done func(path string)) {
	start, err := storage.ListerForURI(storage.NewFileURI(dir))
	if dir == "" {
		err = errors.New("no folder")
	}
	filter := storage.NewExtensionFileFilter(c.exts)
	win := c.window(e.win)
	if c.folder() {
		// Fyne's save dialog will not take a folder there is ("Files
		// cannot replace a directory"): a folder an export writes into
		// is chosen as a folder, an empty one there is or one made
		// with the dialog's New Folder.
		d := dialog.NewFolderOpen(func(lu fyne.ListableURI, err error) {
			if err != nil {
				dialog.ShowError(errors.New(sentence(err)), win)
				return
			}
			if lu == nil {
				c.cancel()
				return
			}
			e.intoFolder(c, lu.Path(), done)
		}, win)
		d.SetTitleText(c.dialogTitle())
		if err == nil {
			d.SetLocation(start)
		}
		d.Show()
		d.Resize(fileDialogSize(win))
		return
	}
	if c.save {
		d := dialog.NewFileSave(func(uc fyne.URIWriteCloser, err error) {
			if p, ok := typedPath(err); ok {
				e.replacing(c, p, false, done) // a whole path typed: where it names
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(sentence(saveProblem(err))), win)
				return
			}
			if uc == nil {
				c.cancel()
				return
			}
			uc.Close()
			os.Remove(uc.URI().Path())
			e.replacing(c, uc.URI().Path(), true, done)
		}, win)
		d.SetFileName(c.name)
		d.SetTitleText(c.dialogTitle())
		d.SetFilter(filter)
		if err == nil {
			d.SetLocation(start)
		}
		d.Show()
		d.Resize(fileDialogSize(win)) // after Show, or it is not resized
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(errors.New(sentence(err)), win)
			return
		}
		if rc == nil {
			c.cancel()
			return
		}
		rc.Close()
		done(rc.URI().Path())
	}, win)
	d.SetTitleText(c.dialogTitle())
	d.SetFilter(filter)
	if err == nil {
		d.SetLocation(start)
	}
	d.Show()
	d.Resize(fileDialogSize(win))
}

// intoFolder calls done with dir, a folder chosen for c, once the user
// has said yes to writing over what it holds (see fileChoice.replaces),
// if anything.
func (e *Editor) intoFolder(c fileChoice, dir string, done func(path string)) {
	what := ""
	if c.replaces != nil {
		what = c.replaces(dir)
	}
	if what == "" {
		done(dir)
		return
	}
	dialog.ShowConfirm(lang.L("Replace them?"), what, func(ok bool) {
		if ok {
			done(dir)
		} else {
			c.cancel()
		}
	}, c.window(e.win))
}

// fileDialogSize is the size of Fyne's file dialog: most of the window,
// up to 1000×700, where its own was a small box with long names cut.
func fileDialogSize(w fyne.Window) fyne.Size {
	win := w.Canvas().Size()
	return fyne.NewSize(min(1000, win.Width*0.85), min(700, win.Height*0.85))
}

// replacing calls done with path, chosen to save c under, once the user
// has said to replace the file there, if there is one: the file as the
// caller writes it, with c's extension when path has none of them. asked
// is whether Fyne's dialog asked already, of path itself. A whole path
// typed in Fyne's dialog, or a name without the extension, wrote over a
// map without a word.
func (e *Editor) replacing(c fileChoice, path string, asked bool, done func(path string)) {
	whole := path
	if len(c.exts) > 0 && !slices.ContainsFunc(c.exts, func(ext string) bool { return strings.EqualFold(filepath.Ext(path), ext) }) {
		whole = path + c.exts[0]
	}
	if _, err := os.Stat(whole); err != nil || asked && whole == path {
		done(path)
		return
	}
	dialog.ShowConfirm(lang.L("Replace the file?"), fmt.Sprintf(lang.L("%s exists. Replace it?"), whole), func(ok bool) {
		if ok {
			done(path)
		} else {
			c.cancel()
		}
	}, c.window(e.win))
}

// typedPath is the path a user typed whole in Fyne's save dialog, which
// took it within the folder it showed ("/tmp/maps/x.relmap" typed in
// /root became /root/tmp/maps/x.relmap, in no folder there is): the
// longest end of the path err names, from a separator, whose folder
// exists. ok is false for any other error, or none.
func typedPath(err error) (path string, ok bool) {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		return "", false
	}
	p := pe.Path
	for i := 1; i < len(p); i++ {
		if p[i] != filepath.Separator {
			continue
		}
		q := p[i:]
		if fi, err := os.Stat(filepath.Dir(q)); err == nil && fi.IsDir() && filepath.Dir(q) != string(filepath.Separator) {
			return q, true
		}
	}
	return "", false
}

// saveProblem is the error of Fyne's save dialog making the file chosen,
// said as a save's: a name typed with a folder in it (a whole path, say)
// is taken within the folder on show, and may name one that does not
// exist, which the error called opening.
func saveProblem(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
		typed := typedWhole(pe.Path)
		return fmt.Errorf(lang.L("cannot save %s: no folder of the path typed exists (%s); type a whole path whose folders exist, or the file's name alone and choose its folder in the dialog"), filepath.Base(typed), filepath.Dir(typed))
	}
	return err
}

// typedWhole is the path a user typed in Fyne's save dialog, as far as it
// can be told from the path the dialog made of it, p, which names no
// folder there is: a whole path typed (its first folder one the disk has)
// after the longest start of p that is a folder, else p. The error had
// named /tmp/maps/tmp/maps/new for /tmp/maps/new/x.png typed in
// /tmp/maps.
func typedWhole(p string) string {
	typed := p
	for i := 1; i < len(p); i++ {
		if p[i] != filepath.Separator {
			continue
		}
		if fi, err := os.Stat(p[:i]); err != nil || !fi.IsDir() {
			break
		}
		q := p[i:]
		top := q
		if k := strings.IndexRune(q[1:], filepath.Separator); k >= 0 {
			top = q[:k+1]
		}
		if fi, err := os.Stat(top); err == nil && fi.IsDir() {
			typed = q
		}
	}
	return typed
}

// dialogTitle is the title of the file dialog of c: what it is for, and
// the files it lists ("Export GraphML — GraphML files").
func (c fileChoice) dialogTitle() string {
	if c.kind == "" {
		return c.title
	}
	return c.title + " — " + c.kind
}
