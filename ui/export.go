package ui

import (
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"relmap/render"
)

// Export size limits, in pixels.
const (
	minExport = 100
	maxExport = 16384
)

// ExportPNG writes what the diagram shows, at w×h pixels, as PNG.
func (e *Editor) ExportPNG(out io.Writer, w, h int) error {
	if w < minExport || h < minExport || w > maxExport || h > maxExport {
		return fmt.Errorf("export png: size %d×%d: each side must be %d to %d pixels", w, h, minExport, maxExport)
	}
	return render.WritePNG(out, e.diagram.Image(w, h))
}

// writePNGFile writes img to path as PNG, with its resolution when dpi is
// above 0, whole or not at all: into a new file beside it, moved into
// place once written.
func writePNGFile(path string, img image.Image, dpi float64) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = render.WritePNGAt(tmp, img, dpi)
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

// exportSize parses the width and height fields of the export dialog.
func exportSize(ws, hs string) (int, int, error) {
	w, errW := strconv.Atoi(strings.TrimSpace(ws))
	h, errH := strconv.Atoi(strings.TrimSpace(hs))
	if errW != nil || errH != nil {
		return 0, 0, fmt.Errorf("width and height must be whole numbers of pixels")
	}
	if w < minExport || h < minExport || w > maxExport || h > maxExport {
		return 0, 0, fmt.Errorf("each side must be %d to %d pixels", minExport, maxExport)
	}
	return w, h, nil
}

// exportDialog asks for a size, then a file, and writes the PNG.
func (e *Editor) exportDialog() {
	pw, ph := e.diagram.PixelSize()
	if pw == 0 {
		pw, ph = 1600, 1000
	}
	wEntry, hEntry, dpiEntry := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	wEntry.SetText(strconv.Itoa(pw))
	hEntry.SetText(strconv.Itoa(ph))
	dpiEntry.SetPlaceHolder("none, or e.g. 300 for print")
	items := []*widget.FormItem{
		widget.NewFormItem("Width (px)", wEntry),
		widget.NewFormItem("Height (px)", hEntry),
		widget.NewFormItem("Resolution (dpi)", dpiEntry),
	}
	dialog.ShowForm("Export PNG", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		w, h, err := exportSize(wEntry.Text, hEntry.Text)
		var dpi float64
		if err == nil {
			dpi, err = exportDPI(dpiEntry.Text)
		}
		if err != nil {
			e.showError(fmt.Errorf("export png: %w", err))
			return
		}
		name := strings.ReplaceAll(e.doc.m.Name, "/", "-") + " " + e.doc.day.String() + ".png"
		e.chooseFile(fileChoice{title: "Export PNG", save: true, name: name, kind: "PNG images", exts: []string{".png"}}, func(path string) {
			if !strings.EqualFold(filepath.Ext(path), ".png") {
				path += ".png"
			}
			// Drawn and written off the UI goroutine, from the picture as
			// it is now.
			paint := e.diagram.ImageLater(w, h)
			e.inBackground(fmt.Sprintf("Exporting %d×%d PNG…", w, h), func(func(int, int)) (func(), error) {
				if err := writePNGFile(path, paint(), dpi); err != nil {
					return nil, err
				}
				return func() { e.status.SetText(fmt.Sprintf("Exported %d×%d PNG to %s", w, h, path)) }, nil
			})
		})
	}, e.win)
}
