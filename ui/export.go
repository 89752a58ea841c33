package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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
	wEntry, hEntry := widget.NewEntry(), widget.NewEntry()
	wEntry.SetText(strconv.Itoa(pw))
	hEntry.SetText(strconv.Itoa(ph))
	items := []*widget.FormItem{
		widget.NewFormItem("Width (px)", wEntry),
		widget.NewFormItem("Height (px)", hEntry),
	}
	dialog.ShowForm("Export PNG", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		w, h, err := exportSize(wEntry.Text, hEntry.Text)
		if err != nil {
			e.showError(fmt.Errorf("export png: %w", err))
			return
		}
		save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil {
				e.showError(err)
				return
			}
			if wc == nil {
				return
			}
			// Drawn and written off the UI goroutine, from the picture as
			// it is now.
			paint := e.diagram.ImageLater(w, h)
			e.inBackground(fmt.Sprintf("Exporting %d×%d PNG…", w, h), func(func(int, int)) (func(), error) {
				werr := render.WritePNG(wc, paint())
				cerr := wc.Close()
				if werr == nil {
					werr = cerr
				}
				if werr != nil {
					return nil, werr
				}
				return func() { e.status.SetText(fmt.Sprintf("Exported %d×%d PNG to %s", w, h, wc.URI().Path())) }, nil
			})
		}, e.win)
		save.SetFileName(strings.ReplaceAll(e.doc.m.Name, "/", "-") + " " + e.doc.day.String() + ".png")
		save.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
		save.Show()
	}, e.win)
}
