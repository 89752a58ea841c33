package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"relmap/layout"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/csvio"
	"relmap/model/jsonio"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export [--map FILE] --format json|csv|positions|metrics [--at YYYY-MM-DD] [--stability S] [--progress] [--out PATH]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	format := fs.String("format", "json", "json, positions or metrics (to --out or standard output), or csv (tables into the folder --out)")
	at := fs.String("at", "", "with json: only what is in force on this date; with metrics: the date measured (required); YYYY-MM-DD")
	out := fs.String("out", "", "file (json) or folder (csv) to write")
	lf := addLayoutFlags(fs)
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
	if _, err := parseStability("export", *lf.stability); err != nil {
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
	case "metrics":
		if *at == "" {
			return usageErr("export: --format metrics needs --at YYYY-MM-DD")
		}
	default:
		return usageErr("export: unknown --format %q (want json, csv, positions or metrics)", *format)
	}
	if *format == "csv" {
		err := checkOutFolder("export", *out, csvio.ActorsFile, csvio.TiesFile, csvio.EventsFile)
		if err != nil {
			return err
		}
	} else if *out != "" {
		if err := checkOut("export", *out); err != nil {
			return err
		}
	}
	if *format == "positions" {
		lm, err := layOutMap("export", *mapPath, lf, stderr)
		if err != nil {
			return err
		}
		write := func(w io.Writer) error { return writePositions(w, lm.m, lm.tl) }
		if *out == "" {
			return write(stdout)
		}
		return writeFileAtomic(*out, write)
	}
	m, err := loadMap(*mapPath)
	if err != nil {
		return err
	}
	if *format == "csv" {
		if err := csvio.Write(*out, m); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s, %s, %s, %s, %s, %s and %s to %s\n", csvio.ActorsFile, csvio.TiesFile, csvio.EventsFile,
			csvio.KindsFile, csvio.SourcesFile, csvio.MapFile, csvio.PinsFile, *out)
		return nil
	}
	write := func(w io.Writer) error {
		switch {
		case *format == "metrics":
			return writeMetrics(w, analysis.Measure(m, day))
		case *at != "":
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
// of tl, m's layout: one row per keyframe and actor, with columns date,
// id, name, x, y. The first keyframe's date is the day before the map's
// first change.
func writePositions(w io.Writer, m *model.Map, tl *layout.Timeline) error {
	names := make(map[model.ID]string, len(m.Actors))
	for _, a := range m.Actors {
		names[a.ID] = a.Name
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "id", "name", "x", "y"})
	var ids []model.ID
	tl.Each(func(f layout.Frame) bool {
		ids = ids[:0]
		for id := range f.Pos {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			p := f.Pos[id]
			cw.Write([]string{f.At.String(), strconv.FormatInt(id, 10), names[id],
				strconv.FormatFloat(p.X, 'f', 3, 64), strconv.FormatFloat(p.Y, 'f', 3, 64)})
		}
		return cw.Error() == nil
	})
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write positions: %w", err)
	}
	return nil
}

// writeMetrics writes the measures of a date as CSV: id, name, kind,
// degree, betweenness, pagerank, community, ranked as analysis.Measure
// ranks them.
func writeMetrics(w io.Writer, ms []analysis.Metrics) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "kind", "degree", "betweenness", "pagerank", "community"})
	for _, x := range ms {
		cw.Write([]string{strconv.FormatInt(x.ID, 10), x.Name, x.Kind, strconv.Itoa(x.Degree),
			strconv.FormatFloat(x.Betweenness, 'f', -1, 64), strconv.FormatFloat(x.PageRank, 'f', -1, 64), strconv.Itoa(x.Community)})
	}
	cw.Flush()
	return cw.Error()
}
