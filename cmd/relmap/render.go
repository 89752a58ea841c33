package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"relmap/i18n"
	"relmap/model"
	"relmap/render"
)

func cmdRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render [--map FILE] --at YYYY-MM-DD --out FILE.png|.svg|.pdf [--format png|svg|pdf] [--dpi N] [--width W --height H | --size WxH[px|cm|mm|in]] [--frame date|all] [--theme light|dark|print] [--transparent] [--sources] [--tie-labels] [--stability S] [--progress]\n"+
		"       render [--map FILE] --multiples events|D1,D2,…|Nm|Ny [--from D1 --to D2] [--columns N] --out FILE.png|.svg|.pdf [--width W --height H] [--theme light|dark|print]\n"+
		"       render [--map FILE] --from YYYY-MM-DD --to YYYY-MM-DD [--step event|day|month|year] --out FILE.gif|FILE.mp4|FOLDER [--format gif|png-frames|mp4] [--fps N] [--hold SECONDS] [--width W --height H] [--theme light|dark|print]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	at := fs.String("at", "", "date to draw, YYYY-MM-DD (required for a picture)")
	out := fs.String("out", "", "picture file to write: .png, .svg or .pdf; for an animation .gif, .mp4, or a folder for png-frames (required)")
	format := fs.String("format", "", "png, svg or pdf; for an animation gif, png-frames or mp4; taken from --out's extension when not given")
	from := fs.String("from", "", "an animation's first date, YYYY-MM-DD")
	to := fs.String("to", "", "an animation's last date, YYYY-MM-DD")
	step := fs.String("step", "event", "an animation's steps: event (each event's date), day, month or year")
	fps := fs.Int("fps", 25, "an animation's frames a second, 1 to 60")
	hold := fs.Float64("hold", 1.5, "seconds an animation rests at each date")
	multiples := fs.String("multiples", "", "small multiples of dates in one picture: events (each event's date, within --from and --to when given), dates separated by commas, or every N months or years (3m, 1y) from --from to --to")
	columns := fs.Int("columns", 0, "small multiples' columns (as square a grid as the dates make when 0)")
	dpi := fs.Float64("dpi", 0, "resolution written into the PNG, in dots per inch (none when 0)")
	width := fs.Int("width", 1600, "width in pixels")
	height := fs.Int("height", 1000, "height in pixels")
	size := fs.String("size", "", "size instead of --width and --height: WxH in px, or in cm, mm or in at --dpi (300 when not given), text keeping its size on paper: 18x12cm")
	theme := fs.String("theme", "light", "the picture's look: light, dark, or print (white, black text, no halos)")
	transparent := fs.Bool("transparent", false, "leave the picture's ground transparent (PNG, SVG and PDF)")
	tieLabels := fs.Bool("tie-labels", false, "label every tie, with its weight when it has one, where there is room")
	sources := fs.Bool("sources", false, "print the sources of what is shown in a footer, numbered, with their numbers on the actors, the ties and the header's events, and the map's credit")
	langFlag := fs.String("lang", "", "the language of the picture's words (date, legend, footer): "+strings.Join(i18n.Languages(), " or ")+"; from LANG when not given")
	frame := fs.String("frame", "date", "what the picture is fitted to: `date` (the actors shown on it) or all (every date)")
	lf := addLayoutFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("render: unexpected argument %q", fs.Arg(0))
	}
	lang := i18n.FromEnv()
	if *langFlag != "" {
		l, err := i18n.Load(*langFlag)
		if err != nil {
			return usageErr("render: --lang: %v", err)
		}
		lang = l
	}
	// Each kind of picture refuses the flags of the others.
	only := func(what string, flags ...string) error {
		for _, f := range flags {
			if isSet(fs, f) {
				return usageErr("render: --%s does not go with %s", f, what)
			}
		}
		return nil
	}
	if *multiples != "" {
		if err := only("--multiples", "at", "size", "transparent", "sources", "tie-labels", "step", "fps", "hold", "frame"); err != nil {
			return err
		}
		if err := render.CheckDPI(*dpi); err != nil {
			return usageErr("render: --dpi: %v", err)
		}
		return renderMultiples(multiplesFlags{spec: *multiples, from: *from, to: *to, columns: *columns, mapPath: *mapPath, out: *out, format: *format,
			width: *width, height: *height, dpi: *dpi, theme: *theme, lf: lf, lang: lang}, stderr)
	}
	if *from != "" || *to != "" {
		if err := only("an animation (--from, --to)", "at", "size", "dpi", "transparent", "sources", "tie-labels", "columns", "frame"); err != nil {
			return err
		}
		return renderAnimation(animationFlags{mapPath: *mapPath, out: *out, format: *format, from: *from, to: *to, step: *step,
			fps: *fps, hold: *hold, width: *width, height: *height, theme: *theme, lf: lf, lang: lang}, stderr)
	}
	if err := only("a picture of one date (--at)", "step", "fps", "hold", "columns"); err != nil {
		return err
	}
	if *at == "" || *out == "" {
		return usageErr("render: --at and --out are required (or --from, --to and --out for an animation)")
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
	lm.r.SetLang(lang)
	// As the window says beside its date field: the picture of a date
	// before the map's first shows what has no start date only.
	if keys := lm.m.Keyframes(); len(keys) > 0 && day < keys[0] {
		fmt.Fprintf(stderr, "relmap: warning: render: --at %s is before the map's first date, %s: only what has no start date is shown\n", day, keys[0])
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

// animationFlags are what `relmap render --from … --to …` was given.
type animationFlags struct {
	mapPath, out, format, from, to, step, theme string
	fps, width, height                          int
	hold                                        float64
	lf                                          layoutFlags
	lang                                        *i18n.Lang
}

// renderAnimation writes the animation of a map's timeline from one date
// to another: a GIF, numbered PNG frames, or an MP4 through ffmpeg.
func renderAnimation(af animationFlags, stderr io.Writer) error {
	if af.from == "" || af.to == "" || af.out == "" {
		return usageErr("render: an animation needs --from, --to and --out")
	}
	mf, err := render.ParseMovieFormat(af.format, af.out)
	if err != nil {
		return usageErr("render: %v", err)
	}
	if mf == render.MP4 && render.FFmpeg() == "" {
		return usageErr("render: an MP4 is made by ffmpeg, which is not on the PATH; write --format gif or png-frames instead")
	}
	from, err := model.ParseDay(af.from)
	if err != nil {
		return usageErr("render: --from: %v", err)
	}
	to, err := model.ParseDay(af.to)
	if err != nil {
		return usageErr("render: --to: %v", err)
	}
	step, err := render.ParseStep(af.step)
	if err != nil {
		return usageErr("render: --step: %v", err)
	}
	th, err := render.ParseTheme(af.theme)
	if err != nil {
		return usageErr("render: --theme: %v", err)
	}
	if af.hold < 0 || af.hold > 60 {
		return usageErr("render: --hold %g: want 0 to 60 seconds", af.hold)
	}
	lm, err := layOutMap("render", af.mapPath, af.lf, stderr)
	if err != nil {
		return err
	}
	lm.r.SetLang(af.lang)
	dates, err := render.AnimationDates(lm.m, from, to, step)
	if err != nil {
		return usageErr("render: %v", err)
	}
	a := render.Animation{Dates: dates, FPS: af.fps, Hold: time.Duration(af.hold * float64(time.Second)), Move: 700 * time.Millisecond, W: af.width, H: af.height, Theme: th}
	if err := a.Check(); err != nil {
		return usageErr("render: %v", err)
	}
	ctx := context.Background()
	switch mf {
	case render.PNGFrames:
		return lm.r.WriteFrames(ctx, af.out, lm.m, lm.tl, a, nil)
	case render.MP4:
		return writeFileAtomic(af.out, func(w io.Writer) error { return lm.r.WriteMP4(ctx, w, lm.m, lm.tl, a, nil) })
	}
	return writeFileAtomic(af.out, func(w io.Writer) error { return lm.r.WriteGIF(ctx, w, lm.m, lm.tl, a, nil) })
}

// multiplesFlags are what `relmap render --multiples …` was given.
type multiplesFlags struct {
	spec, from, to, mapPath, out, format, theme string
	columns, width, height                      int
	dpi                                         float64
	lf                                          layoutFlags
	lang                                        *i18n.Lang
}

// renderMultiples writes small multiples: several dates of a map side by
// side in one layout and one scale.
func renderMultiples(mf multiplesFlags, stderr io.Writer) error {
	if mf.out == "" {
		return usageErr("render: --multiples needs --out")
	}
	pf, err := render.PictureFormat(mf.format, mf.out)
	if err != nil {
		return usageErr("render: %v", err)
	}
	var from, to model.Day
	for _, d := range []struct {
		flag, value string
		day         *model.Day
	}{{"--from", mf.from, &from}, {"--to", mf.to, &to}} {
		if d.value == "" {
			continue
		}
		if *d.day, err = model.ParseDay(d.value); err != nil {
			return usageErr("render: %s: %v", d.flag, err)
		}
	}
	th, err := render.ParseTheme(mf.theme)
	if err != nil {
		return usageErr("render: --theme: %v", err)
	}
	if err := render.CheckSize(mf.width, mf.height); err != nil {
		return usageErr("render: --width and --height: %v", err)
	}
	if mf.columns < 0 || mf.columns > render.MaxPanels {
		return usageErr("render: --columns %d: want 1 to %d, or 0 to choose", mf.columns, render.MaxPanels)
	}
	lm, err := layOutMap("render", mf.mapPath, mf.lf, stderr)
	if err != nil {
		return err
	}
	lm.r.SetLang(mf.lang)
	dates, err := render.MultiplesDates(lm.m, mf.spec, from, to)
	if err != nil {
		return usageErr("render: --multiples: %v", err)
	}
	mu := render.Multiples{Dates: dates, Columns: mf.columns, W: mf.width, H: mf.height, Theme: th}
	return writeFileAtomic(mf.out, func(w io.Writer) error { return lm.r.WriteMultiples(w, pf, lm.m, lm.tl, mu, mf.dpi) })
}
