package main

import (
	"io"

	"relmap/model"
	"relmap/render"
)

func cmdRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render [--map FILE] --at YYYY-MM-DD --out FILE.png|.svg|.pdf [--format png|svg|pdf] [--dpi N] [--width W --height H | --size WxH[px|cm|mm|in]] [--frame date|all] [--theme light|dark|print] [--transparent] [--sources] [--tie-labels] [--stability S] [--progress]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	at := fs.String("at", "", "date to draw, YYYY-MM-DD (required)")
	out := fs.String("out", "", "picture file to write: .png, .svg or .pdf (required)")
	format := fs.String("format", "", "png, svg or pdf; taken from --out's extension when not given")
	dpi := fs.Float64("dpi", 0, "resolution written into the PNG, in dots per inch (none when 0)")
	width := fs.Int("width", 1600, "width in pixels")
	height := fs.Int("height", 1000, "height in pixels")
	size := fs.String("size", "", "size instead of --width and --height: WxH in px, or in cm, mm or in at --dpi (300 when not given), text keeping its size on paper: 18x12cm")
	theme := fs.String("theme", "light", "the picture's look: light, dark, or print (white, black text, no halos)")
	transparent := fs.Bool("transparent", false, "leave the picture's ground transparent (PNG, SVG and PDF)")
	tieLabels := fs.Bool("tie-labels", false, "label every tie, with its weight when it has one, where there is room")
	sources := fs.Bool("sources", false, "print the sources of what is shown in a footer, numbered, with their numbers on the actors and ties, and the map's credit")
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
	pf, err := render.PictureFormat(*format, *out)
	if err != nil {
		return usageErr("render: %v", err)
	}
	if err := render.CheckDPI(*dpi); err != nil {
		return usageErr("render: --dpi: %v", err)
	}
	day, err := model.ParseDay(*at)
	if err != nil {
		return usageErr("render: --at: %v", err)
	}
	scale := 1.0
	if *size != "" {
		if *width, *height, scale, err = render.ParseSize(*size, *dpi); err != nil {
			return usageErr("render: --size: %v", err)
		}
		if *dpi == 0 && scale != 1 {
			*dpi = 300
		}
	}
	if err := render.CheckSize(*width, *height); err != nil {
		return usageErr("render: --width and --height: %v", err)
	}
	th, err := render.ParseTheme(*theme)
	if err != nil {
		return usageErr("render: --theme: %v", err)
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
	// Laid out at the size on screen, then enlarged for paper.
	sw, sh := int(float64(*width)/scale), int(float64(*height)/scale)
	s, v := lm.r.StillScene(lm.m, lm.tl, day, framing, sw, sh)
	v = v.Scaled(sw, sh, *width, *height)
	s.Theme, s.Transparent, s.TieLabels = th, *transparent, *tieLabels
	if *sources {
		s.CiteSources(lm.m)
		v = lm.r.WithFooter(s, v, *width, *height)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return lm.r.WritePicture(w, pf, s, v, *width, *height, *dpi) })
}
