package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export [--map FILE] --format json|csv|positions [--at YYYY-MM-DD] [--stability S] [--out PATH]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	format := fs.String("format", "json", "json or positions (to --out or standard output), or csv (tables into the folder --out)")
	at := fs.String("at", "", "with json: only what is in force on this date, YYYY-MM-DD")
	out := fs.String("out", "", "file (json) or folder (csv) to write")
	stabilityArg := stabilityFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("export: unexpected argument %q", fs.Arg(0))
	}
	var day model.Day
	if *at != "" {
		d, err := model.ParseDay(*at)
		if err != nil {
			return usageErr("export: --at: %v", err)
		}
		day = d
	}
	stability, err := parseStability("export", *stabilityArg)
	if err != nil {
		return err
	}
	if *format != "positions" && isSet(fs, "stability") {
		return usageErr("export: --stability works with --format positions only")
	}
	switch *format {
	case "json":
	case "positions":
		if *at != "" {
			return usageErr("export: --at works with --format json only")
		}
	case "csv":
		if *out == "" {
			return usageErr("export: --format csv needs --out FOLDER")
		}
		if *at != "" {
			return usageErr("export: --at works with --format json only")
		}
	default:
		return usageErr("export: unknown --format %q (want json, csv or positions)", *format)
	}
	m, err := loadMap(*mapPath)
	if err != nil {
		return err
	}
	if *format == "csv" {
		if err := csvio.Write(*out, m); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s, %s and %s to %s\n", csvio.ActorsFile, csvio.TiesFile, csvio.EventsFile, *out)
		return nil
	}
	write := func(w io.Writer) error {
		if *format == "positions" {
			return writePositions(w, m, stability)
		}
		if *at != "" {
			return jsonio.EncodeAt(w, m, day)
		}
		return jsonio.Encode(w, m)
	}
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomic(*out, write)
}

// writePositions writes, as CSV, every actor's position at every keyframe
// of the layout that the app and `relmap render` draw at the given
// stability: one row per keyframe and actor, with columns date, id, name,
// x, y. The first keyframe's date is the day before the map's first change.
func writePositions(w io.Writer, m *model.Map, stability float64) error {
	r, err := newRenderer()
	if err != nil {
		return err
	}
	tl, err := r.Layout(context.Background(), m, stability, nil)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "id", "name", "x", "y"})
	for _, f := range tl.Frames {
		for _, a := range m.Snapshot(f.At).Actors {
			p := f.Pos[a.ID]
			cw.Write([]string{f.At.String(), strconv.FormatInt(a.ID, 10), a.Name,
				strconv.FormatFloat(p.X, 'f', 3, 64), strconv.FormatFloat(p.Y, 'f', 3, 64)})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write positions: %w", err)
	}
	return nil
}
