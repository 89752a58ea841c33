package main

import (
	"io"

	"relmap/model"
	"relmap/render"
)

func cmdRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render [--map FILE] --at YYYY-MM-DD --out FILE.png [--width W --height H] [--frame date|all] [--stability S] [--progress]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	at := fs.String("at", "", "date to draw, YYYY-MM-DD (required)")
	out := fs.String("out", "", "PNG file to write (required)")
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
	return writeFileAtomic(*out, func(w io.Writer) error { return render.WritePNG(w, img) })
}
