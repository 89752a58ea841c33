package ui

import (
	"context"
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
	"relmap/model/netio"
)

// Files opens and creates map files for the File menu. The UI reaches
// storage only through model.Store: cmd/relmap wires these to the SQLite
// store.
type Files struct {
	// Open opens the existing map file at path.
	Open func(path string) (model.Store, error)
	// Create makes a new map file at path holding m.
	Create func(path string, m *model.Map) (model.Store, error)
	// AppFolder is the folder where the app keeps maps of its own (the
	// default map's copy); file dialogs do not start there.
	AppFolder string
	// Opened, when not nil, is told the absolute path of each map the
	// window comes to show (opened, made new or saved as): cmd/relmap
	// opens the last one when it starts without a map.
	Opened func(path string)
}

// recentKey is the preference that lists the maps opened last, newest
// first; maxRecent is how many it keeps. placesKey keeps, for as many of
// the maps shown last, the date each was left on, as "2024-04-07
// /path/to/the.relmap", newest first.
const (
	recentKey = "file.recent"
	maxRecent = 10
	placesKey = "file.places"
)

// SetFiles gives the editor the means to open and create maps, and the
// file of the map on show; it enables the File menu's map items.
func (e *Editor) SetFiles(f *Files, path string) {
	e.files, e.doc.path = f, path
	if day, ok := leftOn(path, e.doc.keys); ok {
		e.SetDate(day, false)
	}
	e.remember(path)
	e.rebuildMenu()
}

// fileItems are the File menu's items above Quit.
func (e *Editor) fileItems() []*fyne.MenuItem {
	recent := fyne.NewMenuItem(lang.L("Open Recent"), nil)
	recent.ChildMenu = fyne.NewMenu("", e.recentItems()...)
	return []*fyne.MenuItem{
		e.item(lang.L("New Map…"), ctrl(fyne.KeyN, 0), e.newMapDialog),
		e.item(lang.L("Open…"), ctrl(fyne.KeyO, 0), e.openDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		e.item(lang.L("Save"), ctrl(fyne.KeyS, 0), e.save),
		e.item(lang.L("Save As…"), ctrl(fyne.KeyS, fyne.KeyModifierShift), e.saveAsDialog),
		fyne.NewMenuItemSeparator(),
		e.item(lang.L("Import…"), ctrl(fyne.KeyI, 0), e.importDialog),
		fyne.NewMenuItem(lang.L("Update from Tables…"), e.updateDialog),
		e.item(lang.L("Export…"), ctrl(fyne.KeyE, 0), e.exportDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Map Properties…"), e.propertiesDialog),
	}
}

// recentItems lists the maps opened last; a file that is gone is shown
// greyed.
func (e *Editor) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, p := range e.recent() {
		it := fyne.NewMenuItem(p, func() { e.openPath(p) })
		if _, err := os.Stat(p); err != nil {
			it.Disabled = true
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem(lang.L("No maps opened yet"), nil)
		it.Disabled = true
		items = append(items, it)
	}
	return items
}

func (e *Editor) recent() []string {
	if a := fyne.CurrentApp(); a != nil {
		return a.Preferences().StringList(recentKey)
	}
	return nil
}

// remember puts path first in the recent maps.
func (e *Editor) remember(path string) {
	same := func(entry string) string { return entry }
	if abs, ok := putFirst(recentKey, path, same, same); ok && e.files != nil && e.files.Opened != nil {
		e.files.Opened(abs)
	}
}

// KeepPlace remembers the date on show as the one the map on show was
// left on, for the next time it is opened: the app calls it as it stops,
// and the editor as it shows another map. (Not at every date: that would
// write the preferences on every step of play.)
func (e *Editor) KeepPlace() {
	putFirst(placesKey, e.doc.path, func(abs string) string { return e.doc.day.String() + " " + abs }, placeFile)
}

// placeFile is the file of an entry of placesKey: what follows its date.
func placeFile(entry string) string {
	_, file, _ := strings.Cut(entry, " ")
	return file
}

// putFirst puts the entry for the file at path, made by entry from its
// absolute path, first in the preference key, a list of entries by file
// (fileOf tells an entry's), newest first and as long as the recent maps,
// in place of the file's entry before; it returns the absolute path,
// false when there is no app or no path.
func putFirst(key, path string, entry, fileOf func(string) string) (string, bool) {
	a := fyne.CurrentApp()
	if a == nil || path == "" {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	put := entry(abs)
	list := a.Preferences().StringList(key)
	if len(list) > 0 && list[0] == put {
		return abs, true // as it was: the preferences are not written again
	}
	list = slices.DeleteFunc(list, func(p string) bool { return fileOf(p) == abs })
	list = append([]string{put}, list...)
	a.Preferences().SetStringList(key, list[:min(len(list), recentCount())])
	return abs, true
}

// leftOn is the date the map at path was left on when last shown, if it
// is remembered and lies within the map's dates, from its first keyframe
// to its last.
func leftOn(path string, keys []model.Day) (model.Day, bool) {
	a := fyne.CurrentApp()
	if a == nil || path == "" || len(keys) == 0 {
		return 0, false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, false
	}
	for _, p := range a.Preferences().StringList(placesKey) {
		if placeFile(p) != abs {
			continue
		}
		date, _, _ := strings.Cut(p, " ")
		day, err := model.ParseDay(date)
		if err != nil || day < keys[0] || day > keys[len(keys)-1] {
			return 0, false
		}
		return day, true
	}
	return 0, false
}

// withFiles runs f when the editor can open files, else says why not.
func (e *Editor) withFiles(f func()) {
	if e.files == nil {
		e.showError(errors.New(lang.L("maps cannot be opened from this window")))
		return
	}
	f()
}

// mapFiles is the file dialogs' choice of map files.
func mapFiles(title string, save bool, name string) fileChoice {
	return fileChoice{title: title, save: save, name: name, kind: lang.L("relmap maps"), exts: []string{".relmap"}}
}

func withExtension(path string) string {
	if !strings.EqualFold(filepath.Ext(path), ".relmap") {
		return path + ".relmap"
	}
	return path
}

func (e *Editor) newMapDialog() {
	e.withFiles(func() {
		e.chooseFile(mapFiles(lang.L("New Map"), true, "Untitled.relmap"), func(path string) {
			if err := e.newMap(withExtension(path)); err != nil {
				e.showError(err)
			}
		})
	})
}

func (e *Editor) openDialog() {
	e.withFiles(func() {
		e.chooseFile(mapFiles(lang.L("Open Map"), false, ""), e.openPath)
	})
}

// openPath opens the map at path in the window, read off the UI goroutine;
// a file that is not a map, or one from a newer relmap, is refused in a
// dialog and left as it was.
func (e *Editor) openPath(path string) {
	e.withFiles(func() {
		// A map moved or deleted since Open Recent listed it: opening
		// its path made a new, empty map there, without a word.
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			e.showError(fmt.Errorf(lang.L("%s is not there: the map was moved or deleted"), path))
			e.rebuildMenu() // it is greyed in Open Recent now
			return
		}
		read := e.loaded(path)
		e.inBackground(lang.L("Opening ")+filepath.Base(path)+"…", func(func(int, int)) (func(), error) {
			return read(e.files.Open(path))
		})
	})
}

// loaded returns what reads the whole map of a store just opened (at
// path) and its kept layout, and then shows it in the window; the reading
// may run off the UI goroutine. A store that cannot be read is closed.
func (e *Editor) loaded(path string) func(st model.Store, err error) (func(), error) {
	s := e.tlStability
	return func(st model.Store, err error) (func(), error) {
		if err != nil {
			return nil, err
		}
		m, err := st.Load(context.Background())
		var k kept
		if err == nil {
			k, err = e.readKept(st, m, s)
		}
		if err != nil {
			st.Close()
			return nil, err
		}
		return func() {
			e.opened = &k
			e.switchTo(st, path, m)
		}, nil
	}
}

// save says where the map is kept: every change is written to its file
// as it is made, so there is nothing left to save; a user who presses
// Ctrl+S from habit learns that, rather than nothing.
func (e *Editor) save() {
	if p := e.doc.Path(); p != "" {
		e.status.SetText(fmt.Sprintf(lang.L("Saved: every change is written to %s as it is made."), p))
		return
	}
	e.status.SetText(lang.L("Saved: every change is written to the map's file as it is made."))
}

func (e *Editor) saveAsDialog() {
	e.withFiles(func() {
		c, ok := e.doc.store.(model.Copier)
		if !ok {
			e.showError(errors.New(lang.L("this map cannot be copied")))
			return
		}
		name := strings.TrimSuffix(filepath.Base(e.doc.path), filepath.Ext(e.doc.path)) + " copy.relmap"
		e.chooseFile(mapFiles(lang.L("Save Map As"), true, name), func(path string) {
			path = withExtension(path)
			read := e.loaded(path)
			e.inBackground(lang.L("Saving a copy as ")+filepath.Base(path)+"…", func(func(int, int)) (func(), error) {
				show, err := read(e.copyTo(c, path))
				if err != nil {
					return nil, err
				}
				return func() { e.keepingPlace(show, path) }, nil
			})
		})
	})
}

// keepingPlace runs show, which shows a copy, at path, of the map on show
// (Save As), and then goes back to the date, the selection and the view
// the map was shown with: the copy is the same map. The status line says
// where the window is now (it said nothing).
func (e *Editor) keepingPlace(show func(), path string) {
	day, actor, tie := e.doc.day, e.doc.selected, e.doc.selectedTie
	view, follow := e.diagram.View(), e.diagram.follow
	show()
	if !follow {
		e.diagram.Hold(view)
	}
	e.SetDate(day, false)
	if tie != 0 {
		e.SelectTie(tie)
	} else {
		e.Select(actor)
	}
	e.sayDone(fmt.Sprintf(lang.L("Saved as %s; the window shows it now."), path))
}

// newMap makes an empty map at path, named after the file, and shows it.
func (e *Editor) newMap(path string) error {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	show, err := e.loaded(path)(e.files.Create(path, &model.Map{Name: name}))
	if err != nil {
		return err
	}
	show()
	return nil
}

// saveAs writes a copy of the map to path, history and layout included,
// and goes on editing the copy.
func (e *Editor) saveAs(c model.Copier, path string) error {
	show, err := e.loaded(path)(e.copyTo(c, path))
	if err != nil {
		return err
	}
	e.keepingPlace(show, path)
	return nil
}

// copyTo writes the copy and opens it; it may run off the UI goroutine.
func (e *Editor) copyTo(c model.Copier, path string) (model.Store, error) {
	if err := c.CopyTo(context.Background(), path); err != nil {
		return nil, err
	}
	return e.files.Open(path)
}

// inBackground runs work off the UI goroutine while a bar in the status
// line moves, or shows how far it is once work reports to progress (done
// of total, from any goroutine), and the status line says what it is; then, on the UI goroutine, the function
// work returns, or the error in a dialog. Reading and writing whole files
// never holds up the window.
func (e *Editor) inBackground(what string, work func(progress func(done, total int)) (func(), error)) {
	e.howFar.Hide()
	e.working.Show()
	e.working.Start()
	e.workingBox.Show()
	e.status.SetText(what)
	e.jobs.Add(1)
	var shown atomic.Int64 // the per mille on the bar, so that fyne.Do runs once per step
	progress := func(done, total int) {
		if total <= 0 {
			return
		}
		permille := int64(done) * 1000 / int64(total)
		if shown.Swap(permille) == permille {
			return
		}
		fyne.Do(func() {
			if e.working.Visible() {
				e.working.Stop()
				e.working.Hide()
				e.howFar.Show()
			}
			e.howFar.SetValue(float64(permille) / 1000)
		})
	}
	go func() {
		defer e.jobs.Done()
		var finish func()
		err := recovered(what, func() (err error) {
			finish, err = work(progress)
			return err
		})
		fyne.DoAndWait(func() {
			e.working.Stop()
			e.workingBox.Hide()
			e.status.SetText("")
			if err != nil {
				e.showError(err)
				return
			}
			finish()
		})
	}()
}

// importDialog adds a relmap JSON file, a network file, or CSV tables
// (actors.csv and ties.csv, with events.csv if there is one, in the folder
// of the file picked; or one CSV file of another name, whose header tells
// which table it is) to the map as one undoable change, read and written
// off the UI goroutine.
func (e *Editor) importDialog() {
	e.chooseFile(fileChoice{title: lang.L("Import"), kind: lang.L("maps and networks (relmap JSON, CSV tables, GEXF, GraphML, DOT, Cytoscape.js, GML)"),
		exts: []string{".json", ".csv", ".gexf", ".graphml", ".dot", ".gv", ".cyjs", ".gml"}}, e.importInBackground)
}

// updateDialog updates the map from corrected CSV tables (those in the
// folder of the file picked): rows naming actors the map has correct them,
// the rest are added, as one undoable change, and the status line says
// what it did.
func (e *Editor) updateDialog() {
	e.chooseFile(fileChoice{title: lang.L("Update from Tables"), kind: lang.L("CSV tables"), exts: []string{".csv"}}, e.updateInBackground)
}

// updateInBackground is updateDialog's work, off the UI goroutine.
func (e *Editor) updateInBackground(path string) {
	to, ok := e.doc.store.(model.ApplierTo)
	if !ok {
		e.showError(errors.New(lang.L("this map cannot be updated from tables")))
		return
	}
	dir := filepath.Dir(path)
	e.inBackground(lang.L("Updating from the tables in ")+filepath.Base(dir)+"…", func(progress func(int, int)) (func(), error) {
		var counts model.Counts
		ctx := model.WithProgress(context.Background(), progress)
		applied, err := to.ApplyTo(ctx, func(base *model.Map) (model.Change, error) {
			read, err := csvio.ReadDirUpdate(dir, base)
			if err != nil {
				return model.Change{}, err
			}
			read.Kinds = append(read.Kinds, model.StyleNewKinds(base, read)...)
			var c model.Change
			c, counts = model.Reconcile(lang.L("Update from ")+filepath.Base(dir), base, read)
			return c, nil
		})
		return func() {
			msg := lang.L("Updated from tables: ") + counts.String() + "."
			if applied.IsEmpty() {
				e.status.SetText(msg)
				return
			}
			e.sayDone(msg) // before the layout the update starts
			e.doc.Applied(applied)
		}, err
	})
}

// importInBackground is importFile off the UI goroutine (inBackground),
// with a bar that follows the records as they are read and written. Bad
// rows of CSV tables are listed, and the good ones can be imported
// without them (see importGoodRows).
func (e *Editor) importInBackground(path string) { e.importFrom(path, false) }

// importGoodRows is importInBackground leaving the bad rows of CSV tables
// out.
func (e *Editor) importGoodRows(path string) { e.importFrom(path, true) }

func (e *Editor) importFrom(path string, skipBad bool) {
	base := e.doc.m
	e.inBackground(lang.L("Importing ")+filepath.Base(path)+"…", func(progress func(done, total int)) (func(), error) {
		applied, notes, err := e.importChange(path, base, progress, skipBad)
		var rows *csvio.Errors
		if errors.As(err, &rows) && !skipBad {
			return func() { e.showBadRows(rows, func() { e.importGoodRows(path) }) }, nil
		}
		return func() {
			// Said before the import is applied, and again when the
			// layout it starts is done: its progress covered the notes.
			var said []string
			if len(notes) > 0 {
				said = append(said, fmt.Sprintf(lang.L("Imported %s; not carried over: %s"), importName(path), strings.Join(notes, "; ")))
			}
			// Ties without dates hold on every date: a gap in the data,
			// maybe, which the picture of any date would not show.
			if n := model.Undated(applied.Put.Ties); n > 0 {
				said = append(said, fmt.Sprintf(lang.L("Imported %s; %s of the %s ties have no dates, and hold on every date."),
					importName(path), windowLang.Count(n), windowLang.Count(len(applied.Put.Ties))))
			}
			if len(said) > 0 {
				e.sayDone(strings.Join(said, " "))
			}
			e.doc.Applied(applied)
		}, err
	})
}

// importFile reads path and applies what it adds as one change.
func (e *Editor) importFile(path string) error {
	applied, _, err := e.importChange(path, e.doc.m, nil, false)
	if err != nil {
		return err
	}
	e.doc.Applied(applied)
	return nil
}

// importable says why path cannot be imported, or nil: a format relmap
// does not read (karate.gml).
func importable(path string, isNet bool) error {
	name := filepath.Base(path)
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case isNet || ext == ".json" || ext == ".csv":
		return nil
	}
	return fmt.Errorf(lang.L("%s is not a kind of file relmap reads: it imports relmap JSON (.json), CSV tables (.csv), GEXF (.gexf), GraphML (.graphml), DOT (.dot, .gv), Cytoscape.js JSON (.cyjs) and GML (.gml)"), quoted(name))
}

// importChange reads path against base and applies what it adds to the
// store as one change, which it returns as applied; it may run off the UI
// goroutine. Reading the file is the first tenth of progress (by bytes),
// writing its records the rest (by records; see model.WithProgress). It
// also returns what the file held that the map could not (netio.Report).
//
// With skipBad, the bad rows of CSV tables are left out rather than stop
// the import (see csvio.ReadSkipping), and the notes say how many were.
func (e *Editor) importChange(path string, base *model.Map, progress func(done, total int), skipBad bool) (model.Change, []string, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	var add *model.Map
	var notes []string
	var err error
	what := importName(path)
	netFormat, isNet := netio.FormatOf(path)
	if err := importable(path, isNet); err != nil {
		return model.Change{}, nil, err
	}
	if isNet || strings.EqualFold(filepath.Ext(path), ".json") {
		f, ferr := os.Open(path)
		if ferr != nil {
			return model.Change{}, nil, ferr
		}
		defer f.Close()
		var size int64
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
		counted := &countingReader{r: f, report: func(n int64) {
			if size > 0 {
				progress(int(n*100/size), 1000)
			}
		}}
		if isNet {
			var rep *netio.Report
			add, rep, err = netio.Read(netFormat, counted, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
			if err == nil {
				notes = noteLines(rep)
				netio.KeepBaseKinds(base, add)
				err = model.NamesFree(base, add)
			}
		} else {
			add, err = jsonio.Decode(counted)
		}
	} else {
		var refused []csvio.Refused
		if isTableFile(path) {
			add, refused, err = readDir(filepath.Dir(path), base, skipBad)
		} else {
			add, refused, err = readTable(path, base, skipBad)
		}
		if len(refused) > 0 {
			notes = append(notes, counted(len(refused), "1 row, bad or naming a bad row", "%s rows, bad or naming a bad row"))
		}
	}
	if err != nil {
		return model.Change{}, nil, fmt.Errorf("%s: %w", quoted(filepath.Base(path)), err)
	}
	// A file of nothing, or of bad rows only, changes nothing, and says
	// so: "Imported" said it had been, with the rows left out.
	if len(add.Actors)+len(add.Ties)+len(add.Events)+len(add.Sources) == 0 {
		why := lang.L("it holds no actors, ties or events")
		if len(notes) > 0 {
			why = strings.Join(notes, "; ")
		}
		return model.Change{}, nil, fmt.Errorf(lang.L("Nothing was imported from %s: %s."), what, why)
	}
	add.Kinds = append(add.Kinds, model.StyleNewKinds(base, add)...)
	progress(100, 1000)
	ctx := model.WithProgress(context.Background(), func(done, total int) {
		if total > 0 {
			progress(100+done*900/total, 1000)
		}
	})
	applied, err := e.doc.changer.Apply(ctx, model.ChangeFromMap(lang.L("Import ")+what, add))
	return applied, notes, err
}

// importName is what the history and the status line call an import of
// path: the file, or, for CSV tables, which are read as a folder, the
// folder.
func importName(path string) string {
	if isTableFile(path) {
		return fmt.Sprintf(lang.L("the tables of %s"), quoted(filepath.Base(filepath.Dir(path))))
	}
	return quoted(filepath.Base(path))
}

// isTableFile reports whether path is one of relmap's CSV tables
// (actors.csv, ties.csv, events.csv), which are read with the others of
// its folder.
func isTableFile(path string) bool {
	return slices.Contains(csvio.TableFiles, strings.ToLower(filepath.Base(path)))
}

// readDir reads the CSV tables in dir against base, all or nothing, or,
// with skipBad, leaving their bad rows out and returning them.
func readDir(dir string, base *model.Map, skipBad bool) (*model.Map, []csvio.Refused, error) {
	if skipBad {
		return csvio.ReadDirSkipping(dir, base)
	}
	m, err := csvio.ReadDir(dir, base)
	return m, nil, err
}

// readTable reads the CSV file at path, of a name that is none of
// relmap's tables (people.csv), as the table its header says it is (see
// csvio.TableOf), alone: its ties and events may name the map's actors.
// With skipBad, its bad rows are left out and returned.
func readTable(path string, base *model.Map, skipBad bool) (*model.Map, []csvio.Refused, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	table, err := csvio.TableOf(name, f)
	if err != nil {
		return nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, err
	}
	var files csvio.Files
	*files.Table(table) = csvio.Table{Name: name, R: f}
	if skipBad {
		return csvio.ReadSkipping(files, base)
	}
	m, err := csvio.Read(files, base)
	return m, nil, err
}

// countingReader tells report how many bytes have been read through it.
type countingReader struct {
	r      io.Reader
	n      int64
	report func(n int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.report(c.n)
	return n, err
}

// switchTo shows m, the map in st and the file at path, in place of the
// one on show, whose store it closes. A layout of the old map still
// running is cancelled; its result is dropped.
func (e *Editor) switchTo(st model.Store, path string, m *model.Map) {
	e.KeepPlace()
	// What the status line said was of the map left ("Exported … to …").
	said := e.status.Text
	e.status.SetText("")
	old, err := e.doc.Switch(st, path, m, leftOn)
	if err != nil {
		e.status.SetText(said)
		e.opened = nil
		st.Close()
		e.showError(err)
		return
	}
	old.Close()
}

// noteLines are a file's report's notes in the window's language, each
// with its count when above one.
func noteLines(rep *netio.Report) []string {
	var out []string
	for _, n := range rep.Notes() {
		line := say(n.Said)
		if n.Times > 1 {
			line = fmt.Sprintf(lang.L("%s (%d times)"), line, n.Times)
		}
		out = append(out, line)
	}
	return out
}
