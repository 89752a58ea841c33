package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/layout"
	"relmap/model"
	"relmap/model/sqlite"
	"relmap/render"
)

// benchSetup is what the benchmarks on a real map need: the map file named
// by RELMAP_BENCH_MAP (skipping without one), a test app whose settings
// go to temporary folders, and a renderer.
func benchSetup(b *testing.B) (path string, a fyne.App, r *render.Renderer) {
	b.Helper()
	path = os.Getenv("RELMAP_BENCH_MAP")
	if path == "" {
		b.Skip("RELMAP_BENCH_MAP names no map file")
	}
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		b.Setenv(v, b.TempDir())
	}
	a = test.NewTempApp(b)
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		b.Fatal(err)
	}
	return path, a, r
}

// BenchmarkOpenKept opens the map file named by RELMAP_BENCH_MAP in the
// editor and paints its first frame at 1200×800: what opening the app
// costs when the map's layout is kept in the file (scripts/bench-timeline.sh
// makes such a file). Without the variable it is skipped.
func BenchmarkOpenKept(b *testing.B) {
	path, a, r := benchSetup(b)
	for b.Loop() {
		st, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		win := a.NewWindow("")
		ed, err := NewEditor(win, st, r, "bench.relmap")
		if err != nil {
			b.Fatal(err)
		}
		if ed.busy.Visible() || ed.tl.Len() == 0 {
			b.Fatal("the map's layout is not kept: run `relmap render --map FILE` once first")
		}
		ed.diagram.paint(1200, 800)
		ed.diagram.jobs.Wait() // a big map's frame is drawn in the background
		ed.diagram.paint(1200, 800)
		ed.waitLayout()
		win.Close()
		st.Close()
	}
}

// BenchmarkStepDate is the work on the UI goroutine of moving the map named
// by RELMAP_BENCH_MAP to its next change (as the slider, the step buttons
// and play do): snapshot, scene, side panel; with animate, the staged
// transition's scene too. (A big map's picture follows a moving date a
// little later, showSceneSoon: it is built here at once.)
func BenchmarkStepDate(b *testing.B) {
	path, a, r := benchSetup(b)
	ed := benchEditor(b, a, r, path)
	defer ed.Close() // closes the store too
	keys := ed.doc.keys
	for _, animate := range []bool{false, true} {
		b.Run(fmt.Sprintf("animate=%v", animate), func(b *testing.B) {
			k := len(keys) / 2
			for b.Loop() {
				k = (k + 1) % len(keys)
				ed.SetDate(keys[k], animate)
				if !animate {
					ed.showScene()
				}
			}
		})
	}
}

// BenchmarkRename renames an actor of (a copy of) the map named by
// RELMAP_BENCH_MAP, whose layout is kept, and waits for the new picture of
// every date: what a rename costs on a long history (the timeline held
// still, see layout.Rebox) until the window shows it.
func BenchmarkRename(b *testing.B) {
	ed := editedCopy(b, "rename.relmap")
	defer ed.Close() // closes the store too
	actor := ed.doc.m.Actors[len(ed.doc.m.Actors)/2]
	n := 0
	for b.Loop() {
		n++
		actor.Name = fmt.Sprintf("%s, renamed %d times over", actor.Name, n)
		if _, err := ed.apply(model.Change{Summary: "Rename", Put: model.Records{Actors: []model.Actor{actor}}}); err != nil {
			b.Fatal(err)
		}
		ed.waitLayout()
	}
}

// BenchmarkPin is dragging an actor of the map named by RELMAP_BENCH_MAP
// to a new place (a pin), to the picture of every date held still around
// it, as BenchmarkRename is for a name.
func BenchmarkPin(b *testing.B) {
	ed := editedCopy(b, "pin.relmap")
	defer ed.Close() // closes the store too
	id := ed.doc.m.Actors[len(ed.doc.m.Actors)/2].ID
	n := 0
	for b.Loop() {
		n++
		ed.pin(id, model.Point{X: float64(100 * n), Y: float64(-50 * n)})
		ed.waitLayout()
	}
}

// BenchmarkEarlyEdit adds a tie of four years on the 40th date of (a copy
// of) the map named by RELMAP_BENCH_MAP, whose layout is kept, and waits
// for the new picture of every date. It reports how many of the actors of
// a later date moved (more than a unit) from where the kept layout had
// them, on average and at most over 40 dates spread through the history:
// an edit is to move the later dates only near what it changed.
func BenchmarkEarlyEdit(b *testing.B) {
	ed := editedCopy(b, "edit.relmap")
	defer ed.Close() // closes the store too
	kept := ed.tl
	if kept.Len() < 80 {
		b.Skip("the map has fewer than 80 dates")
	}
	from := kept.Day(40)
	var alive []model.ID
	for _, a := range ed.doc.m.Actors {
		if a.Exists(from) && a.Exists(from+1500) {
			alive = append(alive, a.ID)
		}
	}
	if len(alive) < 2 {
		b.Skip("fewer than two actors live four years from the 40th date")
	}
	n := 0
	for b.Loop() {
		n++
		tie := model.Tie{From: alive[0], To: alive[len(alive)-n%len(alive)], Kind: "relations",
			Span: model.Span{Start: model.DateOfDay(from), End: model.DateOfDay(from + 1500)}}
		if _, err := ed.apply(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{tie}}}); err != nil {
			b.Fatal(err)
		}
		ed.waitLayout()
	}
	var sum, most float64
	dates := 0
	for k := kept.Index(from); k < ed.tl.Len(); k += max(1, (ed.tl.Len()-kept.Index(from))/40) {
		f := ed.tl.Frame(k)
		moved, both := layout.Moved(kept.At(f.At).Pos, f.Pos, 1)
		if both > 0 {
			share := 100 * float64(moved) / float64(both)
			sum, most, dates = sum+share, max(most, share), dates+1
		}
	}
	b.ReportMetric(sum/float64(max(dates, 1)), "moved-%-mean")
	b.ReportMetric(most, "moved-%-max")
}

// editedCopy opens a copy, named name, of the map named by
// RELMAP_BENCH_MAP, whose layout must be kept, in an editor: a benchmark
// of edits leaves the map itself as it was.
func editedCopy(b *testing.B, name string) *Editor {
	b.Helper()
	path, a, r := benchSetup(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	cp := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(cp, data, 0o644); err != nil {
		b.Fatal(err)
	}
	ed := benchEditor(b, a, r, cp)
	if ed.tl.Len() == 0 {
		ed.Close()
		b.Fatal("the map's layout is not kept: run `relmap render --map FILE` once first")
	}
	return ed
}

// benchEditor opens the map file at path in an editor in a window of a,
// its layout done.
func benchEditor(b *testing.B, a fyne.App, r *render.Renderer, path string) *Editor {
	b.Helper()
	st, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	ed, err := NewEditor(a.NewWindow(""), st, r, "bench.relmap")
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	ed.waitLayout()
	return ed
}

// BenchmarkTable is the ties' table of the map named by RELMAP_BENCH_MAP:
// sorting it by a date column (each header click), and by a column not
// sorted by before; filtering it as a word
// is typed, a letter at a time; and the first letter typed in the filter
// after the map has changed; and widening its window.
func BenchmarkTable(b *testing.B) {
	path, a, r := benchSetup(b)
	ed := benchEditor(b, a, r, path)
	defer ed.Close() // closes the store too
	ties := ed.newTableView().ties
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			ties.sortCol, ties.desc = 3, !ties.desc // Start
			ties.reload()
		}
	})
	b.Run("sort-new-column", func(b *testing.B) {
		for b.Loop() {
			ties.keysOf = nil                       // as at the first click on a column's header
			ties.sortCol, ties.desc = 0, !ties.desc // From
			ties.reload()
		}
	})
	b.Run("filter", func(b *testing.B) {
		for b.Loop() {
			for _, typed := range []string{"a", "ac", "act", "acto", "actor 1"} {
				ties.filter.SetText(typed)
			}
			ties.filter.SetText("")
		}
	})
	b.Run("widen", func(b *testing.B) {
		// The window made wider and narrower again: the columns set
		// to fill it, the visible cells drawn again.
		w := a.NewWindow("table")
		defer w.Close()
		w.SetContent(ties.content)
		w.Resize(fyne.NewSize(900, 600))
		wide := false
		for b.Loop() {
			wide = !wide
			if wide {
				w.Resize(fyne.NewSize(1600, 600))
			} else {
				w.Resize(fyne.NewSize(900, 600))
			}
		}
	})
	b.Run("scroll", func(b *testing.B) {
		// A page down at a time through the table on show.
		w := a.NewWindow("table")
		defer w.Close()
		w.SetContent(ties.content)
		w.Resize(fyne.NewSize(1200, 700))
		row := 0
		for b.Loop() {
			row = (row + 15) % len(ties.rows)
			ties.table.ScrollTo(widget.TableCellID{Row: row, Col: 1})
		}
	})
	b.Run("open", func(b *testing.B) {
		// The table view's window made and laid out, on the ties' tab,
		// as View > Table opens it.
		for b.Loop() {
			v := ed.newTableView()
			w := a.NewWindow("table")
			tabs := container.NewAppTabs(container.NewTabItem("Actors", v.actors.content), container.NewTabItem("Ties", v.ties.content))
			w.SetContent(tabs)
			w.Resize(fyne.NewSize(980, 560))
			tabs.SelectIndex(1)
			w.Close()
		}
	})
	b.Run("first-letter", func(b *testing.B) {
		for b.Loop() {
			ties.textOf = nil // as after an edit
			ties.filter.SetText("a")
			b.StopTimer()
			ties.filter.SetText("")
			b.StartTimer()
		}
	})
}
