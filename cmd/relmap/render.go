package main

import (
	"io"
	"path/filepath"
	"strings"

	"relmap/model"
	"relmap/render"
)

func cmdRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render [--map FILE] --at YYYY-MM-DD --out FILE.png [--format png] [--dpi N] [--width W --height H] [--frame date|all] [--stability S] [--progress]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	at := fs.String("at", "", "date to draw, YYYY-MM-DD (required)")
	out := fs.String("out", "", "PNG file to write (required)")
	format := fs.String("format", "", "png; taken from --out's extension when not given")
	dpi := fs.Float64("dpi", 0, "resolution written into the PNG, in dots per inch (none when 0)")
	width := fs.Int("width", 1600, "width in pixels")
	height := fs.Int("height", 1000, "height in pixels")
	frame := fs.String("frame", "date", "what the picture is fitted to: `date` (the actors shown on it) or all (every date)")
	lf := addLayoutFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("render: unexpected argument %q", fs.Arg(0))
	}
	if *at == "" || *out == "" {
		return usageErr("render: --at and --out are required")
	}
	if err := pictureFormat(*format, *out); err != nil {
		return err
	}
	if *dpi < 0 || *dpi > 10000 {
		return usageErr("render: --dpi %g: want 1 to 10000 dots per inch (or 0 for none)", *dpi)
	}
	day, err := model.ParseDay(*at)
	if err != nil {
		return usageErr("render: --at: %v", err)
	}
	if *width < 200 || *height < 150 || *width > 16384 || *height > 16384 {
		return usageErr("render: size %dx%d: width must be 200 to 16384 and height 150 to 16384", *width, *height)
	}
	framing, err := render.ParseFraming(*frame)
	if err != nil {
		return usageErr("render: --frame: %v", err)
	}
	if err := checkOut("render", *out); err != nil {
		return err
	}
	lm, err := layOutMap("render", *mapPath, lf, stderr)
	if err != nil {
		return err
	}
	img := lm.r.Still(lm.m, lm.tl, day, framing, *width, *height)
	return writeFileAtomic(*out, func(w io.Writer) error { return render.WritePNGAt(w, img, *dpi) })
}

// pictureFormat checks that a picture is asked for as PNG, by --format or
// else by the extension of out: relmap writes no other format, and never
// writes a PNG under another format's name.
func pictureFormat(format, out string) error {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	switch {
	case format != "" && strings.ToLower(format) != "png":
		return usageErr("render: --format %s: relmap writes PNG pictures only", format)
	case ext != "" && ext != "png":
		return usageErr("render: --out %s: a .%s name, but relmap writes PNG pictures only; name it .png", out, ext)
	}
	return nil
}
