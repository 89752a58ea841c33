package ui

import (
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"image"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// multiplesRequest is what the small multiples dialog asks for.
type multiplesRequest struct {
	dates, from, to, columns string
}

// multiples reads the dialog's fields into the small multiples of m at
// w×h, or says which field is wrong.
func (q multiplesRequest) multiples(m *model.Map, w, h int, th render.Theme) (render.Multiples, error) {
	var from, to model.Day
	for _, f := range []struct {
		name, text string
		day        *model.Day
	}{{lang.L("from"), q.from, &from}, {lang.L("to"), q.to, &to}} {
		if strings.TrimSpace(f.text) == "" {
			continue
		}
		d, err := dayTyped(f.text)
		if err != nil {
			return render.Multiples{}, fmt.Errorf("%s: %s", f.name, dateProblem(strings.TrimSpace(f.text), err))
		}
		*f.day = d
	}
	if from != 0 && to != 0 && to < from {
		return render.Multiples{}, fmt.Errorf(lang.L("to: %s is before from, %s"), to, from)
	}
	if err := render.CheckSize(w, h); err != nil {
		return render.Multiples{}, fmt.Errorf(lang.L("size %d×%d: each side must be %d to %d pixels"), w, h, render.MinSide, render.MaxSide)
	}
	dates, err := render.MultiplesDates(m, datesKept(q.dates), from, to)
	if err != nil {
		return render.Multiples{}, errors.New(inWords(err))
	}
	cols := 0
	if c := strings.TrimSpace(q.columns); c != "" {
		if cols, err = strconv.Atoi(c); err != nil || cols < 0 || cols > render.MaxPanels {
			return render.Multiples{}, fmt.Errorf(lang.L("columns: want 1 to %d, or empty to choose"), render.MaxPanels)
		}
	}
	return render.Multiples{Dates: dates, Columns: cols, W: w, H: h, Theme: th}, nil
}

// multiplesDialog asks which dates to show side by side, then opens them
// in a window of their own.
func (e *Editor) multiplesDialog() {
	if e.tl == nil {
		e.showError(errors.New(lang.L("small multiples: the map is still being laid out")))
		return
	}
	dates, from, to, columns := newTextField(), newTextField(), newTextField(), newTextField()
	// The events, or, on a map without any, a step that shows its whole
	// history in at most a dozen panels.
	dates.SetText(datesShown(eventsWord))
	if keys := e.doc.m.Keyframes(); len(e.doc.m.Events) == 0 && len(keys) > 1 {
		dates.SetText(wholeHistory(keys))
		from.SetText(keys[0].String())
		to.SetText(keys[len(keys)-1].String())
	}
	dates.SetPlaceHolder(lang.L("events, 3m, 1y, or dates: 2024-04-04, 2024-04-07"))
	from.SetPlaceHolder(lang.L("YYYY-MM-DD (optional for events)"))
	to.SetPlaceHolder(lang.L("YYYY-MM-DD (optional for events)"))
	columns.SetPlaceHolder(lang.L("as square as the dates make"))
	f := newForm()
	f.add("dates", lang.L("Dates"), dates)
	f.add("from", lang.L("From"), from)
	f.add("to", lang.L("To"), to)
	f.add("columns", lang.L("Columns"), columns)
	// What is wrong is said on top of the form, which stays open for it
	// to be put right.
	d := formDialogWith(e, lang.L("Small Multiples"), lang.L("Show"), f, func() bool {
		f.clear()
		q := multiplesRequest{dates: dates.Text, from: from.Text, to: to.Text, columns: columns.Text}
		m := e.shown()
		if _, err := q.multiples(m, 1600, 1000, render.Light); err != nil {
			f.fail("", sentence(err))
			return false
		}
		e.multiplesWindow(q, m, e.tl)
		return true
	}, nil)
	d.Show()
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
}

// multiplesWindow shows small multiples of m, laid out by tl, drawn at
// the window's size (or, in a window too small for its panels, at
// 1600×1000 and shrunk), with a button to export them.
func (e *Editor) multiplesWindow(q multiplesRequest, m *model.Map, tl *layout.Timeline) fyne.Window {
	a := fyne.CurrentApp()
	win := a.NewWindow(lang.L("Small Multiples — ") + e.mapTitle())
	export := widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), func() { e.exportMultiples(win, q, m, tl) })
	bar := container.NewBorder(nil, nil, nil, export, widget.NewLabel(q.dates))
	win.SetContent(container.NewBorder(nil, bar, nil, nil, e.multiplesPicture(q, m, tl, windowTheme())))
	win.Resize(fyne.NewSize(1200, 800))
	closesByKey(win)
	win.Show()
	return win
}

// drawMultiples is Renderer.DrawMultiples, as the window calls it (a test
// holds it back).
var drawMultiples = (*render.Renderer).DrawMultiples

// multiplesPicture is small multiples of m drawn at the size of their
// room in pixels, off the UI goroutine: a big map's take seconds. While a
// picture at a new size is drawn, the one drawn last stays, fitted to the
// room, with a note saying so. Pictures are drawn one at a time: the size
// the room has when one is done is drawn next, the sizes between are not.
func (e *Editor) multiplesPicture(q multiplesRequest, m *model.Map, tl *layout.Timeline, th render.Theme) fyne.CanvasObject {
	r := e.r.Twin()
	draw := func(w, h int) image.Image {
		for _, size := range [][2]int{{w, h}, {1600, 1000}} {
			mu, err := q.multiples(m, max(size[0], render.MinSide), max(size[1], render.MinSide), th)
			if err != nil {
				continue
			}
			if img, err := drawMultiples(r, m, tl, mu); err == nil {
				return img
			}
		}
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	shown := canvas.NewImageFromImage(nil)
	shown.FillMode = canvas.ImageFillContain
	note := widget.NewLabel(lang.L("Drawing the small multiples…"))
	var (
		mu          sync.Mutex // guards want, drawn and busy
		want, drawn [2]int     // sizes in pixels
		busy        bool
	)
	// showNote shows the note while the picture shown is not of the size
	// wanted (on the UI goroutine).
	showNote := func() {
		mu.Lock()
		waiting := busy || want != drawn
		mu.Unlock()
		if waiting {
			note.Show()
		} else {
			note.Hide()
		}
	}
	// next draws the size wanted unless it is drawn or another is being
	// drawn; it is called with mu held.
	var next func()
	next = func() {
		if busy || want == drawn {
			return
		}
		busy = true
		size := want
		e.jobs.Add(1)
		go func() {
			defer e.jobs.Done()
			render.LowerPriority() // the windows come first
			var img image.Image
			if err := panicked(lang.L("Drawing the map"), func() { img = draw(size[0], size[1]) }); err != nil {
				img = image.NewNRGBA(image.Rect(0, 0, 1, 1)) // nothing; the error is said
				fyne.Do(func() { e.status.SetText(sentence(err)) })
			}
			mu.Lock()
			busy, drawn = false, size
			next()
			mu.Unlock()
			fyne.Do(func() {
				shown.Image = img
				shown.Refresh()
				showNote()
			})
		}()
	}
	// The room's size in pixels comes from a raster behind the picture,
	// which draws nothing itself.
	probe := canvas.NewRaster(func(w, h int) image.Image {
		mu.Lock()
		defer mu.Unlock()
		if size := [2]int{w, h}; size != want {
			want = size
			next()
			go fyne.Do(showNote) // not while the window is being painted
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	return container.NewStack(probe, shown, container.NewCenter(note))
}

// exportMultiples asks for a size, format and file and writes the small
// multiples there.
func (e *Editor) exportMultiples(parent fyne.Window, q multiplesRequest, m *model.Map, tl *layout.Timeline) {
	var names []string
	for _, f := range render.Formats {
		names = append(names, lang.L(formatNames[f]))
	}
	format := newChoice(names, nil)
	format.SetSelected(lang.L(formatNames[render.PNG]))
	wEntry, hEntry := newTextField(), newTextField()
	wEntry.SetText("2400")
	hEntry.SetText("1500")
	themes := themeChoice(render.Light)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Format"), format),
		widget.NewFormItem(lang.L("Width (px)"), wEntry),
		widget.NewFormItem(lang.L("Height (px)"), hEntry),
		widget.NewFormItem(lang.L("Theme"), themes),
	}
	dialog.ShowForm(lang.L("Export Small Multiples"), lang.L("Choose file…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		f := choiceOf(formatNames, format.Selected, render.PNG)
		th := themeOf(themes)
		w, h, _, err := exportSize(wEntry.Text, hEntry.Text, "px", 0)
		var mu render.Multiples
		if err == nil {
			mu, err = q.multiples(m, w, h, th)
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf(lang.L("export small multiples: %w"), err), parent)
			return
		}
		name := strings.ReplaceAll(m.Name, "/", "-") + lang.L(" multiples") + f.Extension()
		e.chooseFile(fileChoice{title: lang.L("Export Small Multiples"), save: true, name: name, kind: strings.ToUpper(string(f)) + lang.L(" files"), exts: []string{f.Extension()}, win: parent}, func(path string) {
			if !strings.EqualFold(filepath.Ext(path), f.Extension()) {
				path += f.Extension()
			}
			r := e.r.Twin()
			e.inBackground(fmt.Sprintf(lang.L("Exporting %d dates…"), len(mu.Dates)), func(func(int, int)) (func(), error) {
				if err := writeFileWhole(path, func(w io.Writer) error { return r.WriteMultiples(w, f, m, tl, mu, 0) }); err != nil {
					return nil, err
				}
				return func() { e.status.SetText(fmt.Sprintf(lang.L("Exported %d dates to %s"), len(mu.Dates), path)) }, nil
			})
		})
	}, parent)
}

// wholeHistory is the dates of small multiples that show a history of
// keyframes keys (two or more) in a dozen panels or so: a step ("3m",
// "2y") over two months or more, whole years from a year up; else up to
// twelve of its keyframes.
func wholeHistory(keys []model.Day) string {
	first, last := keys[0], keys[len(keys)-1]
	months := (int(last-first) + 29) / 30 // about
	if months < 2 {
		var picked []string
		for k := range min(len(keys), 12) {
			picked = append(picked, keys[k*(len(keys)-1)/max(1, min(len(keys), 12)-1)].String())
		}
		return strings.Join(picked, ", ")
	}
	step := (months + 11) / 12
	if step >= 12 {
		return strconv.Itoa((step+11)/12) + "y"
	}
	return strconv.Itoa(step) + "m"
}

// eventsWord is the small multiples' dates at the map's events, as
// render.MultiplesDates and the preferences take it, in any language.
const eventsWord = "events"

// datesShown is the small multiples' dates spec as the dates field shows
// it: eventsWord in the window's language.
func datesShown(spec string) string {
	if spec == eventsWord {
		return lang.L(eventsWord)
	}
	return spec
}

// datesKept is the dates field's text as a spec: the events' word, in
// the window's language or in English, is eventsWord.
func datesKept(text string) string {
	text = strings.TrimSpace(text)
	if strings.EqualFold(text, lang.L(eventsWord)) || strings.EqualFold(text, eventsWord) {
		return eventsWord
	}
	return text
}
