package render

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"relmap/layout"
	"relmap/model"
)

// Format is the file format of a picture.
type Format string

// The picture formats relmap writes: PNG pixels, and SVG and PDF vector
// documents of the same picture.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// Formats lists the picture formats, PNG first.
var Formats = []Format{PNG, SVG, PDF}

// Extension is the file name extension of f, with its dot.
func (f Format) Extension() string { return "." + string(f) }

// PictureFormat is the format a picture is asked for in: by name when
// name is not empty, else by the extension of path (PNG for a path
// without one). A name that is not a picture format, or one that
// disagrees with path's extension, is an error: a picture is never
// written under another format's name.
func PictureFormat(name, path string) (Format, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	known := func(s string) (Format, bool) {
		for _, f := range Formats {
			if string(f) == s {
				return f, true
			}
		}
		return "", false
	}
	if name != "" {
		f, ok := known(strings.ToLower(name))
		if !ok {
			return "", fmt.Errorf("format %q: relmap writes pictures as %s", name, formatList())
		}
		if ext != "" && ext != string(f) {
			return "", fmt.Errorf("%s is named .%s, but the format asked for is %s; name it %s", path, ext, f, f.Extension())
		}
		return f, nil
	}
	if ext == "" {
		return PNG, nil
	}
	f, ok := known(ext)
	if !ok {
		return "", fmt.Errorf("%s: .%s is not a picture format relmap writes (%s)", path, ext, formatList())
	}
	return f, nil
}

func formatList() string {
	var names []string
	for _, f := range Formats {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// WritePicture draws scene s seen through v at w×h pixels and writes it
// to out in format f. dpi, when above 0, is the print resolution: written
// into a PNG, and the size of an SVG's or PDF's page (w/dpi inches wide);
// without it a pixel is 1/96 inch, as CSS and SVG take it.
func (r *Renderer) WritePicture(out io.Writer, f Format, s *Scene, v View, w, h int, dpi float64) error {
	w, h = max(w, 1), max(h, 1)
	switch f {
	case PNG:
		return WritePNGAt(out, r.Draw(s, v, w, h), dpi)
	case SVG:
		r.mu.Lock()
		c := newSVG(r, w, h, dpi)
		r.drawVector(r.planVector(s, fixView(v), w, h), c)
		r.mu.Unlock()
		return c.finish(out)
	case PDF:
		r.mu.Lock()
		c := newPDF(r, w, h, s.Title, dpi)
		r.drawVector(r.planVector(s, fixView(v), w, h), c)
		r.mu.Unlock()
		return c.finish(out)
	}
	return fmt.Errorf("format %q: relmap writes pictures as %s", f, formatList())
}

// StillScene is the scene and view of m as of day, laid out by tl and
// framed as fr says, at w×h: what Still draws and `relmap render` writes.
func (r *Renderer) StillScene(m *model.Map, tl *layout.Timeline, day model.Day, fr Framing, w, h int) (*Scene, View) {
	return NewScene(m, FrameAt(m, tl, day), day, 0), r.FitView(m, tl, day, fr, w, h, 1)
}

// The sides of a picture written to a file, in pixels: the same for the
// app's export and the command line.
const (
	MinSide = 100
	MaxSide = 16384
)

// CheckSize returns an error saying why a w×h picture cannot be written,
// or nil.
func CheckSize(w, h int) error {
	if !sidesFit(float64(w), float64(h)) {
		return &model.Message{Format: "size %d×%d: each side must be %d to %d pixels", Args: []any{w, h, MinSide, MaxSide}}
	}
	return nil
}

// CheckDPI returns an error saying why dpi is not a print resolution (0
// is none), or nil.
func CheckDPI(dpi float64) error {
	if dpi != 0 && (dpi < 1 || dpi > 10000) {
		return fmt.Errorf("resolution %g: want 1 to 10000 dots per inch, or none", dpi)
	}
	return nil
}

// ParseSize reads a picture's size, "WxH" followed by a unit: px (the
// default), or cm, mm or in at dpi dots per inch (300 when dpi is 0). It
// returns the size in pixels and how much larger than on screen text and
// lines are drawn (1 for px). On paper that is dpi/96, which keeps their
// size on screen, on a page at least as wide as a window paperWindow
// pixels wide; a narrower page is drawn as that window would show it,
// scaled down to the page, so that the map keeps its room beside the
// legend and its names stay readable.
func ParseSize(s string, dpi float64) (w, h int, scale float64, err error) {
	text := strings.ToLower(strings.TrimSpace(s))
	unit := "px"
	for _, u := range []string{"px", "cm", "mm", "in"} {
		if strings.HasSuffix(text, u) {
			unit, text = u, strings.TrimSpace(strings.TrimSuffix(text, u))
			break
		}
	}
	ws, hs, ok := strings.Cut(strings.ReplaceAll(text, "×", "x"), "x")
	var fw, fh float64
	if ok {
		var errW, errH error
		fw, errW = strconv.ParseFloat(strings.TrimSpace(ws), 64)
		fh, errH = strconv.ParseFloat(strings.TrimSpace(hs), 64)
		ok = errW == nil && errH == nil && !math.IsNaN(fw) && !math.IsNaN(fh)
	}
	if !ok {
		return 0, 0, 0, fmt.Errorf("size %q: want WIDTHxHEIGHT and a unit, px, cm, mm or in (1600x1000, 18x12cm)", s)
	}
	perUnit := PixelsPer(unit, dpi)
	pw, ph := math.Round(fw*perUnit), math.Round(fh*perUnit)
	if !sidesFit(pw, ph) {
		in := ""
		if unit != "px" {
			in = fmt.Sprintf(" at %g dpi", PixelsPer("in", dpi))
		}
		return 0, 0, 0, fmt.Errorf("size %q is %s×%s pixels%s: each side must be %d to %d pixels", s, sidePixels(pw), sidePixels(ph), in, MinSide, MaxSide)
	}
	w, h = int(pw), int(ph)
	scale = 1
	if unit != "px" {
		scale = PaperScale(w, dpi)
	}
	return w, h, scale, nil
}

// sidesFit reports whether a picture w×h pixels is within MinSide and
// MaxSide on each side.
func sidesFit(w, h float64) bool {
	return w >= MinSide && h >= MinSide && w <= MaxSide && h <= MaxSide
}

// sidePixels writes a side of a picture in pixels, a side far beyond any
// picture's as more than the largest.
func sidePixels(px float64) string {
	if math.Abs(px) > 1e9 {
		return fmt.Sprintf("more than %d", MaxSide)
	}
	return strconv.FormatFloat(px, 'f', 0, 64)
}

// PixelsPer is how many pixels one unit (px, cm, mm or in) is at dpi dots
// per inch (300 when dpi is 0); 0 for another unit.
func PixelsPer(unit string, dpi float64) float64 {
	if dpi == 0 {
		dpi = 300
	}
	return map[string]float64{"px": 1, "cm": dpi / 2.54, "mm": dpi / 25.4, "in": dpi}[unit]
}

// PaperScale is how much larger than on screen text and lines are drawn
// on a page w pixels wide at dpi (300 when 0; see ParseSize).
func PaperScale(w int, dpi float64) float64 {
	if dpi == 0 {
		dpi = 300
	}
	return math.Min(dpi/96, float64(w)/paperWindow)
}

// paperWindow is the width, in pixels on screen, of the narrowest window
// a page is drawn as (see ParseSize): 10.4 inches, 26.5 cm.
const paperWindow = 1000
