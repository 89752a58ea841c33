package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
	"relmap/model/netio"
	"relmap/render"
)

// What the export dialog writes.
const (
	exportDate      = "This date"
	exportAnimation = "Animation"
	exportMultiples = "Small multiples"
	exportData      = "Data"
)

// The export dialog's last choices, kept in the app's preferences, beside
// those of export.go.
const (
	exportKindKey = "export.kind"
	animFormatKey = "animation.format"
	animStepKey   = "animation.step"
	animFPSKey    = "animation.fps"
	animHoldKey   = "animation.hold"
	animWidthKey  = "animation.width"
	animHeightKey = "animation.height"
	multDatesKey  = "multiples.dates"
	multColsKey   = "multiples.columns"
	dataFormatKey = "export.data"
)

// movieNames are the export dialog's animation formats.
var movieNames = map[render.MovieFormat]string{
	render.GIF:       "GIF",
	render.PNGFrames: "PNG frames (a folder, for video tools)",
	render.MP4:       "MP4 video (made by ffmpeg)",
}

// animationSteps are an animation's steps, as render.ParseStep reads them.
var animationSteps = []string{"event", "day", "month", "year"}

// dataFormats are the export dialog's data formats: relmap's own and the
// other tools'.
var dataFormats = []struct {
	name, ext string
	format    netio.Format // "" for relmap's own
	version   string       // a GEXF version
}{
	{"relmap JSON", ".json", "", ""},
	{"CSV tables (a folder)", "", "", ""},
	{"GEXF 1.3 (Gephi)", ".gexf", netio.GEXF, "1.3"},
	{"GEXF 1.2 (Gephi, gonum)", ".gexf", netio.GEXF, "1.2"},
	{"GraphML (yEd, Gephi)", ".graphml", netio.GraphML, ""},
	{"DOT (Graphviz)", ".gv", netio.DOT, ""},
	{"Cytoscape.js JSON", ".cyjs", netio.CYJS, ""},
	{"GML (Gephi, igraph, NetworkX)", ".gml", netio.GML, ""},
}

// exportForm is the export dialog's fields: what to export, then the
// picture's options, then the animation's or small multiples' dates.
type exportForm struct {
	kind                         *widget.RadioGroup
	format, movie, unit, step    *choice
	width, height, dpi           *textField
	animW, animH                 *textField // an animation's size, always in pixels
	lastUnit                     string     // the unit width and height are written in
	theme                        *widget.RadioGroup
	transparent, sources, labels *widget.Check
	// proportions keeps the height in proportion to the width (and the
	// width to the height) as either is typed; ratio is height/width.
	proportions         *widget.Check
	ratio               float64
	sizing              bool // one side being set from the other
	from, to, fps, hold *textField
	dates, columns      *textField
	data                *choice
	// rows are the dialog's rows, each a label and a field, shown for
	// the kinds of export it names.
	rows []exportRow
}

// exportRow is a row of the export dialog: shown for some kinds.
type exportRow struct {
	label *widget.Label
	field fyne.CanvasObject
	kinds string // the kinds it serves, as their initials: "d", "a", "m"
}

// newExportForm makes the dialog's fields with the last choices.
func (e *Editor) newExportForm() *exportForm {
	prefs := fyne.CurrentApp().Preferences()
	f := &exportForm{}
	var names, movies []string
	for _, k := range render.Formats {
		names = append(names, lang.L(formatNames[k]))
	}
	for _, k := range render.MovieFormats {
		if k != render.MP4 || render.FFmpeg() != "" { // MP4 only where ffmpeg can make it
			movies = append(movies, lang.L(movieNames[k]))
		}
	}
	f.format = newChoice(names, nil)
	f.format.SetSelected(lang.L(formatNames[render.Format(prefs.StringWithFallback(exportFormatKey, string(render.PNG)))]))
	if f.format.Selected == "" {
		f.format.SetSelected(lang.L(formatNames[render.PNG]))
	}
	f.movie = newChoice(movies, nil)
	f.movie.SetSelected(lang.L(movieNames[render.MovieFormat(prefs.StringWithFallback(animFormatKey, string(render.GIF)))]))
	if f.movie.Selected == "" {
		f.movie.SetSelected(lang.L(movieNames[render.GIF]))
	}

	f.width, f.height, f.dpi = newTextField(), newTextField(), newTextField()
	f.unit = newChoice([]string{"px", "cm", "mm", "in"}, nil)
	f.unit.SetSelected(prefs.StringWithFallback(exportUnitKey, "px"))
	if f.unit.Selected == "" {
		f.unit.SetSelected("px")
	}
	if f.unit.Selected != "px" {
		// A size on paper is remembered; one in pixels follows the window.
		f.width.SetText(prefs.String(exportWidthKey))
		f.height.SetText(prefs.String(exportHeightKey))
	}
	pw, ph := e.diagram.PixelSize()
	if pw == 0 {
		pw, ph = 1600, 1000
	}
	if f.width.Text == "" || f.height.Text == "" {
		f.width.SetText(strconv.Itoa(pw))
		f.height.SetText(strconv.Itoa(ph))
	}
	f.lastUnit = f.unit.Selected
	f.unit.OnChanged = func(unit string) { f.convertSize(unit) }
	f.proportions = widget.NewCheck(lang.L("Keep proportions"), func(on bool) {
		if on {
			f.ratio = f.sizeRatio()
		}
	})
	f.proportions.SetChecked(true)
	f.width.OnChanged = func(string) { f.keepProportions(f.width, f.height, f.ratio) }
	f.height.OnChanged = func(string) {
		if f.ratio > 0 {
			f.keepProportions(f.height, f.width, 1/f.ratio)
		}
	}
	// An animation's size is its own, in pixels, remembered: the window's
	// at first.
	f.animW, f.animH = newTextField(), newTextField()
	f.animW.SetText(prefs.StringWithFallback(animWidthKey, strconv.Itoa(pw)))
	f.animH.SetText(prefs.StringWithFallback(animHeightKey, strconv.Itoa(ph)))
	f.dpi.SetText(prefs.String(exportDPIKey))
	f.dpi.SetPlaceHolder(lang.L("none, or e.g. 300 for print"))
	th, err := render.ParseTheme(prefs.StringWithFallback(exportThemeKey, string(windowTheme())))
	if err != nil {
		th = render.Light
	}
	f.theme = themeChoice(th)
	f.transparent = widget.NewCheck(lang.L("Transparent background"), nil)
	f.transparent.SetChecked(prefs.Bool(exportTransparentKey))
	f.sources = widget.NewCheck(lang.L("Sources and credit in a footer"), nil)
	f.sources.SetChecked(prefs.Bool(exportSourcesKey))
	f.labels = widget.NewCheck(lang.L("Label every tie, with its weight"), nil)
	f.labels.SetChecked(prefs.Bool(exportTieLabelsKey))

	first, last := e.exportSpan()
	f.from, f.to = newTextField(), newTextField()
	f.from.SetText(first.String())
	f.to.SetText(last.String())
	var stepNames []string
	for _, s := range animationSteps {
		stepNames = append(stepNames, lang.L(s))
	}
	f.step = newChoice(stepNames, nil)
	f.step.SetSelectedIndex(max(0, indexOf(animationSteps, prefs.StringWithFallback(animStepKey, "event"))))
	f.fps, f.hold = newTextField(), newTextField()
	f.fps.SetText(prefs.StringWithFallback(animFPSKey, "25"))
	f.hold.SetText(prefs.StringWithFallback(animHoldKey, "1.5"))
	var dataNames []string
	for _, d := range dataFormats {
		dataNames = append(dataNames, lang.L(d.name))
	}
	f.data = newChoice(dataNames, nil)
	f.data.SetSelected(lang.L(prefs.StringWithFallback(dataFormatKey, dataFormats[2].name)))
	if f.data.Selected == "" {
		f.data.SetSelected(dataNames[2])
	}
	f.dates, f.columns = newTextField(), newTextField()
	f.dates.SetText(datesShown(e.multiplesDates(prefs.StringWithFallback(multDatesKey, eventsWord), first, last)))
	f.dates.SetPlaceHolder(lang.L("events, 3m, 1y, or 2024-04-04, 2024-04-07"))
	f.columns.SetText(prefs.String(multColsKey))
	f.columns.SetPlaceHolder(lang.L("as square as the dates make"))

	for _, r := range []struct {
		label string
		field fyne.CanvasObject
		kinds string
	}{
		{lang.L("Dates"), f.dates, "m"},
		{lang.L("From"), f.from, "am"},
		{lang.L("To"), f.to, "am"},
		{lang.L("Columns"), f.columns, "m"},
		{lang.L("Format"), f.format, "dm"},
		{lang.L("Format"), f.movie, "a"},
		{"", f.movieNote(), "a"},
		{lang.L("Format"), f.data, "x"},
		{lang.L("Steps"), f.step, "a"},
		{lang.L("Frames a second"), f.fps, "a"},
		{lang.L("Rest at each date (s)"), f.hold, "a"},
		{lang.L("Width"), f.width, "dm"},
		{lang.L("Height"), f.height, "dm"},
		{"", f.proportions, "dm"},
		{lang.L("Width (px)"), f.animW, "a"},
		{lang.L("Height (px)"), f.animH, "a"},
		{lang.L("Unit"), f.unit, "dm"},
		{lang.L("Resolution (dpi)"), f.dpi, "dm"},
		{lang.L("Theme"), f.theme, "dam"},
		{"", f.transparent, "d"},
		{"", f.sources, "d"},
		{"", f.labels, "d"},
	} {
		label := widget.NewLabelWithStyle(r.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		f.rows = append(f.rows, exportRow{label: label, field: r.field, kinds: r.kinds})
	}
	f.kind = newRadio([]string{lang.L(exportDate), lang.L(exportAnimation), lang.L(exportMultiples), lang.L(exportData)}, func(string) { f.show(f.kindOf()) })
	f.kind.Horizontal = true
	f.kind.SetSelected(lang.L(prefs.StringWithFallback(exportKindKey, exportDate)))
	if f.kind.Selected == "" {
		f.kind.SetSelected(lang.L(exportDate))
	}
	return f
}

// multiplesDates is the small multiples' dates the Export dialog offers
// for the map on show from first to last: kept, the dates last exported,
// when they show three or more of them; else the map's events, or, on a
// map without events there, its whole history (see wholeHistory). The
// dates kept are another map's, often: "20y" from a long history made one
// panel of a crisis of weeks, and a list of dates none of this map's.
func (e *Editor) multiplesDates(kept string, first, last model.Day) string {
	if days, err := render.MultiplesDates(e.doc.m, kept, first, last); err == nil && len(days) >= 3 {
		return kept
	}
	if days, err := render.MultiplesDates(e.doc.m, eventsWord, first, last); err == nil && len(days) >= 2 {
		return eventsWord
	}
	if keys := e.doc.m.Keyframes(); len(keys) > 1 {
		return wholeHistory(keys)
	}
	return eventsWord
}

// exportSpan is the stretch of time an animation or small multiples
// are made of unless the user says otherwise: the one the timeline shows,
// where the map changes; all of the map's changes if that has none.
func (e *Editor) exportSpan() (first, last model.Day) {
	keys := e.doc.m.Keyframes()
	if len(keys) == 0 {
		return e.doc.day, e.doc.day
	}
	w := e.time.slider.win
	first = max(model.Day(math.Ceil(w.lo)), keys[0])
	last = min(model.Day(math.Floor(w.hi)), keys[len(keys)-1])
	if last <= first {
		return keys[0], keys[len(keys)-1]
	}
	return first, last
}

// movieNote says, under an animation's formats, why MP4 is not among
// them when ffmpeg, which makes it, is missing; nothing otherwise.
func (f *exportForm) movieNote() fyne.CanvasObject {
	if render.FFmpeg() != "" {
		return layout.NewSpacer()
	}
	note := widget.NewLabel(lang.L("MP4 needs ffmpeg, which is not installed (on Debian or Ubuntu: apt install ffmpeg)"))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	return note
}

// convertSize writes the width and height, in f.lastUnit, in unit
// instead, at the resolution given (300 dpi when none is): 1016 × 757 px
// become 8.6 × 6.4 cm. Sizes that are no numbers are left as they are.
func (f *exportForm) convertSize(unit string) {
	from := f.lastUnit
	f.lastUnit = unit
	if from == unit || from == "" {
		return
	}
	dpi, err := exportDPI(f.dpi.Text)
	if err != nil {
		dpi = 0 // PixelsPer's 300
	}
	ratio := render.PixelsPer(from, dpi) / render.PixelsPer(unit, dpi)
	decimals := map[string]int{"px": 0, "cm": 1, "mm": 0, "in": 2}[unit]
	f.sizing = true // each side converted, not kept in proportion to the other
	defer func() { f.sizing = false }()
	for _, field := range []*textField{f.width, f.height} {
		v, err := strconv.ParseFloat(strings.TrimSpace(field.Text), 64)
		if err != nil || v <= 0 || math.IsInf(v, 0) {
			continue
		}
		field.SetText(strconv.FormatFloat(v*ratio, 'f', decimals, 64))
	}
}

// sizeRatio is the height over the width as written, or 0 when either is
// no number above 0.
func (f *exportForm) sizeRatio() float64 {
	w, errW := strconv.ParseFloat(strings.TrimSpace(f.width.Text), 64)
	h, errH := strconv.ParseFloat(strings.TrimSpace(f.height.Text), 64)
	if errW != nil || errH != nil || !(w > 0) || !(h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0
	}
	return h / w
}

// keepProportions writes other, with proportions kept, as typed times
// ratio, in the unit's decimals: a picture made wider keeps its shape.
func (f *exportForm) keepProportions(typed, other *textField, ratio float64) {
	if f.sizing || !f.proportions.Checked || ratio <= 0 {
		return
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(typed.Text), 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return
	}
	decimals := map[string]int{"px": 0, "cm": 1, "mm": 0, "in": 2}[f.unit.Selected]
	f.sizing = true
	other.SetText(strconv.FormatFloat(v*ratio, 'f', decimals, 64))
	f.sizing = false
}

// kindOf is what is to be exported: exportDate, exportAnimation or
// exportMultiples, whatever the language of the choice's label.
func (f *exportForm) kindOf() string {
	for _, k := range []string{exportDate, exportAnimation, exportMultiples, exportData} {
		if lang.L(k) == f.kind.Selected {
			return k
		}
	}
	return exportDate
}

// show shows the rows of what is to be exported.
func (f *exportForm) show(kind string) {
	initial := map[string]string{exportDate: "d", exportAnimation: "a", exportMultiples: "m", exportData: "x"}[kind]
	for _, r := range f.rows {
		if strings.Contains(r.kinds, initial) {
			r.label.Show()
			r.field.Show()
		} else {
			r.label.Hide()
			r.field.Hide()
		}
	}
}

// shown reports whether the row holding field is shown.
func (f *exportForm) shown(field fyne.CanvasObject) bool {
	return field.Visible()
}

// content is the dialog's body.
func (f *exportForm) content() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, r := range f.rows {
		cells = append(cells, r.label, r.field)
	}
	body := container.NewVBox(f.kind, widget.NewSeparator(), container.New(layout.NewFormLayout(), cells...))
	// As tall as the tallest of the kinds' rows, and they are shown from
	// the top: choosing another kind moved the dialog, and its buttons
	// from under the pointer.
	var most fyne.Size
	for _, k := range []string{exportDate, exportAnimation, exportMultiples, exportData} {
		f.show(k)
		most = most.Max(body.MinSize())
	}
	f.show(f.kindOf())
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(most)
	return container.NewStack(room, body)
}

// remember keeps the dialog's choices for next time.
func (f *exportForm) remember() {
	prefs := fyne.CurrentApp().Preferences()
	for key, value := range map[string]string{
		exportKindKey:   f.kindOf(),
		dataFormatKey:   dataFormats[max(0, f.data.SelectedIndex())].name,
		exportFormatKey: string(choiceOf(formatNames, f.format.Selected, render.PNG)),
		animFormatKey:   string(choiceOf(movieNames, f.movie.Selected, render.GIF)),
		exportDPIKey:    strings.TrimSpace(f.dpi.Text),
		exportUnitKey:   f.unit.Selected,
		exportWidthKey:  strings.TrimSpace(f.width.Text),
		exportHeightKey: strings.TrimSpace(f.height.Text),
		animWidthKey:    strings.TrimSpace(f.animW.Text),
		animHeightKey:   strings.TrimSpace(f.animH.Text),
		animStepKey:     animationSteps[max(0, f.step.SelectedIndex())],
		animFPSKey:      strings.TrimSpace(f.fps.Text),
		animHoldKey:     strings.TrimSpace(f.hold.Text),
		multDatesKey:    datesKept(f.dates.Text),
		multColsKey:     strings.TrimSpace(f.columns.Text),
	} {
		prefs.SetString(key, value)
	}
	prefs.SetString(exportThemeKey, string(themeOf(f.theme)))
	prefs.SetBool(exportTransparentKey, f.transparent.Checked)
	prefs.SetBool(exportSourcesKey, f.sources.Checked)
	prefs.SetBool(exportTieLabelsKey, f.labels.Checked)
}

// exportJob is an export the dialog worked out: the file to ask for and
// the work that writes it.
type exportJob struct {
	choice fileChoice
	ext    string // added to a chosen name without it; "" for a folder
	what   string
	write  func(ctx context.Context, path string, progress func(done, total int)) error
	// more, when set, is what to add to the message that says the export
	// is done, once written.
	more func() string
}

// named is path as the export writes it: as chosen when it ends in one of
// the extensions of the files asked for (".dot" as well as ".gv" for DOT),
// else with the job's extension added. A DOT file named "dyn.dot" was
// saved as "dyn.dot.gv".
func (j exportJob) named(path string) string {
	ext := filepath.Ext(path)
	if j.ext == "" || strings.EqualFold(ext, j.ext) || slices.ContainsFunc(j.choice.exts, func(e string) bool { return strings.EqualFold(ext, e) }) {
		return path
	}
	return path + j.ext
}

// knownExtensions are the extensions of the files relmap reads and
// writes, from its formats' own lists: a name chosen for an export that
// ends in one of them, but not in its own, is a slip (a PNG named
// "quito.svg"), not a name to add to.
var knownExtensions = func() []string {
	exts := []string{".relmap", ".json", ".csv", "." + string(render.GIF), "." + string(render.MP4)}
	for _, f := range render.Formats {
		exts = append(exts, f.Extension())
	}
	for _, f := range netio.Formats {
		exts = append(exts, f.Extensions()...)
	}
	return exts
}()

// misnamed says why path is not a name for the job's file: it ends in
// the extension of another format. Nil when it is one.
func (j exportJob) misnamed(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if j.ext == "" || j.named(path) == path || !slices.Contains(knownExtensions, ext) {
		return nil
	}
	return fmt.Errorf(lang.L("The name %s ends in %s, but the export chosen writes %s: name it %s, or choose that format in Export"), filepath.Base(path), ext, j.choice.kind, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+j.ext)
}

// job reads the dialog into the export it asks for, or says which field
// is wrong, in one sentence.
func (e *Editor) exportJob(f *exportForm) (exportJob, error) {
	th := themeOf(f.theme)
	m, tl := e.shown(), e.tl
	// Files are named after the map, or the file of a map without a name.
	title := e.mapTitle()
	if strings.TrimSpace(m.Name) == "" {
		title = strings.TrimSuffix(title, filepath.Ext(title))
	}
	base := strings.ReplaceAll(title, "/", "-")
	switch f.kindOf() {
	case exportData:
		return e.dataJob(f, base)
	case exportAnimation:
		mf := choiceOf(movieNames, f.movie.Selected, render.GIF)
		q := animationRequest{from: f.from.Text, to: f.to.Text, step: animationSteps[max(0, f.step.SelectedIndex())], fps: f.fps.Text, hold: f.hold.Text, width: f.animW.Text, height: f.animH.Text, format: mf, theme: th}
		a, err := q.animation(m)
		if err != nil {
			return exportJob{}, err
		}
		r := e.r.Twin()
		name := base + " " + fmt.Sprintf(lang.L("%s to %s"), a.Dates[0], a.Dates[len(a.Dates)-1])
		job := exportJob{ext: "." + string(mf), what: fmt.Sprintf(lang.L("%d frames"), a.Frames()),
			choice: fileChoice{title: lang.L("Export Animation"), save: true, name: name + ".gif", kind: lang.L("GIF animations"), exts: []string{".gif"}},
			write: func(ctx context.Context, path string, progress func(done, total int)) error {
				return writeAnimation(ctx, r, m, tl, a, mf, path, progress)
			}}
		switch mf {
		case render.MP4:
			job.choice.name, job.choice.kind, job.choice.exts = name+".mp4", lang.L("MP4 videos"), []string{".mp4"}
		case render.PNGFrames:
			job.choice.name, job.choice.kind, job.choice.exts, job.ext = name+lang.L(" frames"), lang.L("folders"), nil, ""
		}
		return job, nil
	}
	pf := choiceOf(formatNames, f.format.Selected, render.PNG)
	dpi, err := exportDPI(f.dpi.Text)
	if err != nil {
		return exportJob{}, err
	}
	w, h, paper, err := exportSize(f.width.Text, f.height.Text, f.unit.Selected, dpi)
	if err != nil {
		return exportJob{}, err
	}
	if paper > 0 && dpi == 0 {
		dpi = 300 // the resolution ParseSize took
	}
	upper := strings.ToUpper(string(pf))
	choice := fileChoice{title: fmt.Sprintf(lang.L("Export %s"), upper), save: true, kind: fmt.Sprintf(lang.L("%s files"), upper), exts: []string{pf.Extension()}}
	if f.kindOf() == exportMultiples {
		q := multiplesRequest{dates: f.dates.Text, from: f.from.Text, to: f.to.Text, columns: f.columns.Text}
		mu, err := q.multiples(m, w, h, th)
		if err != nil {
			return exportJob{}, err
		}
		r := e.r.Twin()
		choice.name = base + lang.L(" multiples") + pf.Extension()
		return exportJob{choice: choice, ext: pf.Extension(), what: fmt.Sprintf(lang.L("%d dates"), len(mu.Dates)),
			write: func(_ context.Context, path string, _ func(int, int)) error {
				return writeFileWhole(path, func(out io.Writer) error { return r.WriteMultiples(out, pf, m, tl, mu, dpi) })
			}}, nil
	}
	pic := Picture{Format: pf, W: w, H: h, DPI: dpi, Theme: th, Transparent: f.transparent.Checked, TieLabels: f.labels.Checked, Paper: paper}
	if f.sources.Checked {
		pic.Cite = e.doc.m
	}
	write, leftOut := e.diagram.pictureLaterCounted(pic) // the picture as it is now
	choice.name = base + " " + e.doc.day.String() + pf.Extension()
	job := exportJob{choice: choice, ext: pf.Extension(), what: fmt.Sprintf("%d×%d %s", w, h, upper)}
	var left int
	job.write = func(_ context.Context, path string, _ func(int, int)) error {
		if pic.TieLabels {
			left = leftOut()
		}
		return writeFileWhole(path, write)
	}
	// Every tie was to be labelled: those that found no room are said.
	job.more = func() string {
		if left == 0 {
			return ""
		}
		return plural(left, " (1 tie label found no room and was left out; zoom in, or make the picture larger)",
			" (%d tie labels found no room and were left out; zoom in, or make the picture larger)")
	}
	return job, nil
}

// exportDialog asks what to export (the date on show, an animation of the
// timeline, or small multiples of dates) and how, then for a file, and
// writes it in the background, with a progress bar and Cancel.
func (e *Editor) exportDialog() {
	if e.tl == nil {
		e.showError(errors.New(lang.L("export: the map is still being laid out")))
		return
	}
	f := e.newExportForm()
	var d dialog.Dialog
	d = dialog.NewCustomConfirm(lang.L("Export"), lang.L("Choose file…"), lang.L("Cancel"), f.content(), func(ok bool) {
		if !ok {
			return
		}
		job, err := e.exportJob(f)
		if err != nil {
			// The dialog opens again as it was left, with the message
			// over it: nothing chosen is lost.
			d.Show()
			e.showError(fmt.Errorf(lang.L("export %s: %w"), strings.ToLower(f.kind.Selected), err))
			return
		}
		f.remember()
		// No file chosen, the dialog opens again as it was left.
		job.choice.cancelled = d.Show
		e.chooseFile(job.choice, func(path string) {
			if err := job.misnamed(path); err != nil {
				d.Show()
				e.showError(err)
				return
			}
			path = job.named(path)
			e.inBackgroundCancellable(lang.L("Exporting ")+job.what+"…", func(ctx context.Context, progress func(done, total int)) (func(), error) {
				if err := job.write(ctx, path, progress); err != nil {
					return nil, err
				}
				return func() {
					msg := fmt.Sprintf(lang.L("Exported %s to %s"), job.what, path)
					if job.more != nil {
						msg += job.more()
					}
					e.status.SetText(msg)
				}, nil
			})
		})
	}, e.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// dataJob is an export of the map's data (the whole map, as the side panel
// edits it) for another tool, or as relmap's own JSON or CSV tables; the
// other tools' formats carry the positions of the date on show, and, of an
// actor not on show then, its place on the nearest date it is.
func (e *Editor) dataJob(f *exportForm, base string) (exportJob, error) {
	d := dataFormats[max(0, f.data.SelectedIndex())]
	m := e.doc.m
	opt := netio.Options{GEXFVersion: d.version}
	if e.tl != nil {
		opt.Positions = e.tl.Nearest(e.doc.day)
	}
	exts := []string{d.ext}
	if d.format != "" {
		exts = d.format.Extensions() // the file dialog lists, and the export keeps, each
	}
	job := exportJob{ext: d.ext, what: d.name,
		choice: fileChoice{title: lang.L("Export"), save: true, name: base + d.ext, kind: lang.L(d.name), exts: exts}}
	switch {
	case d.format != "":
		var left []string // what the format could not carry, as the command line reports it
		job.write = func(_ context.Context, path string, _ func(int, int)) error {
			return writeFileWhole(path, func(w io.Writer) error {
				rep, err := netio.Write(d.format, w, m, opt)
				if rep != nil {
					left = noteLines(rep)
				}
				return err
			})
		}
		job.more = func() string {
			if len(left) == 0 {
				return ""
			}
			return fmt.Sprintf(lang.L("; not carried over: %s"), strings.Join(left, "; "))
		}
	case d.ext == ".json":
		job.write = func(_ context.Context, path string, _ func(int, int)) error {
			return writeFileWhole(path, func(w io.Writer) error { return jsonio.Encode(w, m) })
		}
	default:
		job.choice.name, job.choice.exts = base+" "+lang.L("tables"), nil
		job.choice.replaces = func(dir string) string {
			var there []string
			for _, name := range csvio.TableFiles {
				if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
					there = append(there, name)
				}
			}
			if len(there) == 0 {
				return ""
			}
			return fmt.Sprintf(lang.L("%s holds %s already. Replace them?"), dir, strings.Join(there, ", "))
		}
		job.write = func(_ context.Context, path string, _ func(int, int)) error { return csvio.Write(path, m) }
	}
	return job, nil
}
