package ui

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
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
		return fmt.Errorf(lang.L("export %s: %w"), p.Format, err)
	}
	if err := render.CheckDPI(p.DPI); err != nil {
		return fmt.Errorf(lang.L("export %s: %w"), p.Format, err)
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
	if err != nil || !(dpi >= 1 && dpi <= 10000) { // not NaN either
		return 0, errors.New(lang.L("the resolution must be a number of dots per inch, 1 to 10000, or empty"))
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
		switch {
		case errW != nil:
			return 0, 0, 0, fmt.Errorf(lang.L("width %q: width and height must be whole numbers of pixels"), strings.TrimSpace(ws))
		case errH != nil:
			return 0, 0, 0, fmt.Errorf(lang.L("height %q: width and height must be whole numbers of pixels"), strings.TrimSpace(hs))
		}
		if err := render.CheckSize(w, h); err != nil {
			return 0, 0, 0, err
		}
		return w, h, 0, nil
	}
	fw, errW := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	fh, errH := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	perUnit := render.PixelsPer(unit, dpi)
	if errW != nil || errH != nil || !(fw > 0) || !(fh > 0) || math.IsInf(fw, 0) || math.IsInf(fh, 0) || perUnit == 0 {
		return 0, 0, 0, fmt.Errorf(lang.L("width and height must be numbers of %s, above 0"), unit)
	}
	w, h := int(math.Round(fw*perUnit)), int(math.Round(fh*perUnit))
	if render.CheckSize(w, h) != nil {
		if dpi == 0 {
			dpi = 300 // what PixelsPer takes
		}
		return 0, 0, 0, fmt.Errorf(lang.L("%g × %g %s at %g dpi is %.0f × %.0f pixels; each side must be %d to %d pixels"),
			fw, fh, unit, dpi, fw*perUnit, fh*perUnit, render.MinSide, render.MaxSide)
	}
	return w, h, render.PaperScale(w, dpi), nil
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
		names = append(names, themeName(t))
	}
	themes := newRadio(names, nil)
	themes.Horizontal = true
	themes.SetSelected(themeName(th))
	return themes
}

// themeName is a theme as the window's language names it: "Light".
func themeName(t render.Theme) string {
	return lang.L(strings.ToUpper(string(t[:1])) + string(t[1:]))
}

// themeOf is the theme a themeChoice has chosen (Light when none).
func themeOf(r *widget.RadioGroup) render.Theme {
	for _, t := range render.Themes {
		if themeName(t) == r.Selected {
			return t
		}
	}
	return render.Light
}

// choiceOf is the key whose name in names is selected (as the window's
// language says it), or fallback.
func choiceOf[K comparable](names map[K]string, selected string, fallback K) K {
	for k, name := range names {
		if lang.L(name) == selected {
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
