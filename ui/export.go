package ui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"relmap/render"
)

// ExportPNG writes what the diagram shows, at w×h pixels, as PNG.
func (e *Editor) ExportPNG(out io.Writer, w, h int) error {
	return e.ExportPicture(out, Picture{Format: render.PNG, W: w, H: h})
}

// ExportPicture writes what the diagram shows as p says.
func (e *Editor) ExportPicture(out io.Writer, p Picture) error {
	if err := render.CheckSize(p.W, p.H); err != nil {
		return fmt.Errorf("export %s: %w", p.Format, err)
	}
	if err := render.CheckDPI(p.DPI); err != nil {
		return fmt.Errorf("export %s: %w", p.Format, err)
	}
	return e.diagram.PictureLater(p)(out)
}

// writeFileWhole writes path with write, whole or not at all: into a new
// file beside it, moved into place once written.
func writeFileWhole(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// exportDPI parses the resolution field of the export dialog: empty for
// none, else 1 to 10,000 dots per inch.
func exportDPI(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	dpi, err := strconv.ParseFloat(s, 64)
	if err != nil || dpi < 1 || dpi > 10000 {
		return 0, fmt.Errorf("the resolution must be a number of dots per inch, 1 to 10000, or empty")
	}
	return dpi, nil
}

// exportSize parses the width and height fields of the export dialog, in
// unit (px, cm, mm or in, at dpi), into pixels and the paper scale (see
// Picture.Paper; 0 for pixels).
func exportSize(ws, hs, unit string, dpi float64) (int, int, float64, error) {
	if unit == "px" || unit == "" {
		w, errW := strconv.Atoi(strings.TrimSpace(ws))
		h, errH := strconv.Atoi(strings.TrimSpace(hs))
		if errW != nil || errH != nil {
			return 0, 0, 0, fmt.Errorf("width and height must be whole numbers of pixels")
		}
		if err := render.CheckSize(w, h); err != nil {
			return 0, 0, 0, err
		}
		return w, h, 0, nil
	}
	w, h, paper, err := render.ParseSize(strings.TrimSpace(ws)+"x"+strings.TrimSpace(hs)+unit, dpi)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("width and height must be numbers of %s: %w", unit, err)
	}
	return w, h, paper, nil
}

// The export dialog's last choices, kept in the app's preferences.
const (
	exportFormatKey      = "export.format"
	exportDPIKey         = "export.dpi"
	exportThemeKey       = "export.theme"
	exportTransparentKey = "export.transparent"
	exportSourcesKey     = "export.sources"
	exportTieLabelsKey   = "export.tieLabels"
	exportUnitKey        = "export.unit"
	exportWidthKey       = "export.width"
	exportHeightKey      = "export.height"
)

// themeChoice offers the themes of a picture, th chosen.
func themeChoice(th render.Theme) *widget.RadioGroup {
	var names []string
	for _, t := range render.Themes {
		names = append(names, strings.ToUpper(string(t[:1]))+string(t[1:]))
	}
	themes := widget.NewRadioGroup(names, nil)
	themes.Horizontal = true
	themes.SetSelected(strings.ToUpper(string(th[:1])) + string(th[1:]))
	return themes
}

// choiceOf is the key whose name in names is selected, or fallback.
func choiceOf[K comparable](names map[K]string, selected string, fallback K) K {
	for k, name := range names {
		if name == selected {
			return k
		}
	}
	return fallback
}

// formatNames are the export dialog's format choices.
var formatNames = map[render.Format]string{
	render.PNG: "PNG image",
	render.SVG: "SVG drawing (text and shapes, editable)",
	render.PDF: "PDF document (fonts embedded)",
}

// exportDialog asks for a format and a size, then a file, and writes the
// picture of what the diagram shows.
func (e *Editor) exportDialog() {
	pw, ph := e.diagram.PixelSize()
	if pw == 0 {
		pw, ph = 1600, 1000
	}
	prefs := fyne.CurrentApp().Preferences()
	var names []string
	for _, f := range render.Formats {
		names = append(names, formatNames[f])
	}
	format := widget.NewSelect(names, nil)
	last := render.Format(prefs.StringWithFallback(exportFormatKey, string(render.PNG)))
	if formatNames[last] == "" {
		last = render.PNG
	}
	format.SetSelected(formatNames[last])
	wEntry, hEntry, dpiEntry := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	units := widget.NewSelect([]string{"px", "cm", "mm", "in"}, nil)
	units.SetSelected(prefs.StringWithFallback(exportUnitKey, "px"))
	if units.Selected == "" {
		units.SetSelected("px")
	}
	if units.Selected != "px" {
		// A size on paper is remembered; one in pixels follows the window.
		wEntry.SetText(prefs.String(exportWidthKey))
		hEntry.SetText(prefs.String(exportHeightKey))
	}
	if wEntry.Text == "" || hEntry.Text == "" {
		wEntry.SetText(strconv.Itoa(pw))
		hEntry.SetText(strconv.Itoa(ph))
	}
	dpiEntry.SetText(prefs.String(exportDPIKey))
	dpiEntry.SetPlaceHolder("none, or e.g. 300 for print (PNG)")
	th, err := render.ParseTheme(prefs.StringWithFallback(exportThemeKey, string(windowTheme())))
	if err != nil {
		th = render.Light
	}
	themes := themeChoice(th)
	transparent := widget.NewCheck("Transparent background", nil)
	transparent.SetChecked(prefs.Bool(exportTransparentKey))
	sources := widget.NewCheck("Sources and credit in a footer", nil)
	sources.SetChecked(prefs.Bool(exportSourcesKey))
	tieLabels := widget.NewCheck("Label every tie, with its weight", nil)
	tieLabels.SetChecked(prefs.Bool(exportTieLabelsKey))
	items := []*widget.FormItem{
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Width", wEntry),
		widget.NewFormItem("Height", hEntry),
		widget.NewFormItem("Unit", units),
		widget.NewFormItem("Resolution (dpi)", dpiEntry),
		widget.NewFormItem("Theme", themes),
		widget.NewFormItem("", transparent),
		widget.NewFormItem("", sources),
		widget.NewFormItem("", tieLabels),
	}
	dialog.ShowForm("Export Picture", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f := choiceOf(formatNames, format.Selected, render.PNG)
		dpi, err := exportDPI(dpiEntry.Text)
		var w, h int
		var paper float64
		if err == nil {
			w, h, paper, err = exportSize(wEntry.Text, hEntry.Text, units.Selected, dpi)
		}
		if paper > 0 && dpi == 0 {
			dpi = 300 // the resolution ParseSize took
		}
		if err != nil {
			e.showError(fmt.Errorf("export %s: %w", f, err))
			return
		}
		th, err := render.ParseTheme(themes.Selected)
		if err != nil {
			th = render.Light
		}
		prefs.SetString(exportFormatKey, string(f))
		prefs.SetString(exportDPIKey, strings.TrimSpace(dpiEntry.Text))
		prefs.SetString(exportThemeKey, string(th))
		prefs.SetBool(exportTransparentKey, transparent.Checked)
		prefs.SetBool(exportSourcesKey, sources.Checked)
		prefs.SetBool(exportTieLabelsKey, tieLabels.Checked)
		prefs.SetString(exportUnitKey, units.Selected)
		prefs.SetString(exportWidthKey, strings.TrimSpace(wEntry.Text))
		prefs.SetString(exportHeightKey, strings.TrimSpace(hEntry.Text))
		pic := Picture{Format: f, W: w, H: h, DPI: dpi, Theme: th, Transparent: transparent.Checked, TieLabels: tieLabels.Checked, Paper: paper}
		if sources.Checked {
			pic.Cite = e.doc.m
		}
		upper := strings.ToUpper(string(f))
		name := strings.ReplaceAll(e.doc.m.Name, "/", "-") + " " + e.doc.day.String() + f.Extension()
		e.chooseFile(fileChoice{title: "Export " + upper, save: true, name: name, kind: upper + " files", exts: []string{f.Extension()}}, func(path string) {
			if !strings.EqualFold(filepath.Ext(path), f.Extension()) {
				path += f.Extension()
			}
			// Drawn and written off the UI goroutine, from the picture as
			// it is now.
			write := e.diagram.PictureLater(pic)
			e.inBackground(fmt.Sprintf("Exporting %d×%d %s…", w, h, upper), func(func(int, int)) (func(), error) {
				if err := writeFileWhole(path, write); err != nil {
					return nil, err
				}
				return func() { e.status.SetText(fmt.Sprintf("Exported %d×%d %s to %s", w, h, upper, path)) }, nil
			})
		})
	}, e.win)
}
