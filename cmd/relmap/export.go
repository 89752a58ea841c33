package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"relmap/layout"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/csvio"
	"relmap/model/jsonio"
	"relmap/model/netio"
)

// graphFormats are the other tools' formats, by their --format names.
var graphFormats = map[string]struct {
	read  func(io.Reader, string) (*model.Map, *netio.Report, error)
	write func(io.Writer, *model.Map, netio.Options) (*netio.Report, error)
}{
	"gexf":    {netio.ReadGEXF, netio.WriteGEXF},
	"graphml": {netio.ReadGraphML, netio.WriteGraphML},
	"dot":     {netio.ReadDOT, netio.WriteDOT},
	"cyjs":    {netio.ReadCYJS, netio.WriteCYJS},
	"gml":     {netio.ReadGML, netio.WriteGML},
}

// writeReport writes a report's lines to path ("-" for stderr; nothing
// when path is empty and the report is empty).
func writeReport(path string, rep *netio.Report, stderr io.Writer) error {
	var lines []string
	if rep != nil {
		lines = rep.Lines()
	}
	text := strings.Join(lines, "\n")
	if len(lines) > 0 {
		text += "\n"
	}
	switch path {
	case "":
		switch len(lines) {
		case 0:
		case 1:
			fmt.Fprintf(stderr, "not carried over: %s\n", lines[0])
		default:
			fmt.Fprintf(stderr, "not carried over: %s, and %d more notes (--report FILE writes them all)\n", lines[0], len(lines)-1)
		}
		return nil
	case "-":
		_, err := io.WriteString(stderr, text)
		return err
	}
	return writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export [--map FILE] --format json|csv|gexf|graphml|dot|cyjs|gml|positions|metrics [--at YYYY-MM-DD] [--gexf-version 1.3|1.2] [--report FILE] [--stability S] [--progress] [--out PATH]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	format := fs.String("format", "", "json, gexf, graphml, dot, cyjs, gml, positions or metrics (to --out or standard output), or csv (tables into the folder --out); taken from --out's extension when not given, else json")
	at := fs.String("at", "", "with json: only what is in force on this date; with gexf, graphml, dot, cyjs or gml: the date whose layout positions are written (an actor not on show then at its nearest date); with metrics: the date measured (required); YYYY-MM-DD")
	out := fs.String("out", "", "file (json) or folder (csv) to write")
	gexfVersion := fs.String("gexf-version", "1.3", "the GEXF version written: 1.3 or 1.2 (1.2draft)")
	report := fs.String("report", "", "write what the format could not hold to this file (- for standard error)")
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
	if *format == "" {
		*format = "json"
		if f, ok := netio.FormatOf(*out); ok {
			*format = string(f)
		}
	}
	graphFormat, isGraph := graphFormats[*format]
	if *format != "positions" && !isGraph && isSet(fs, "stability") {
		return usageErr("export: --stability works with --format positions, gexf, graphml, dot, cyjs or gml only")
	}
	if *gexfVersion != "1.3" && *gexfVersion != "1.2" {
		return usageErr("export: --gexf-version %q: want 1.3 or 1.2", *gexfVersion)
	}
	switch *format {
	case "json", "gexf", "graphml", "dot", "cyjs", "gml":
	case "positions":
		if *at != "" {
			return usageErr("export: --at works with --format json, gexf, graphml, dot, cyjs, gml or metrics, not %s", *format)
		}
	case "csv":
		if *out == "" {
			return usageErr("export: --format csv needs --out FOLDER")
		}
		if *at != "" {
			return usageErr("export: --at works with --format json, gexf, graphml, dot, cyjs, gml or metrics, not %s", *format)
		}
	case "metrics":
		if *at == "" {
			return usageErr("export: --format metrics needs --at YYYY-MM-DD")
		}
	default:
		return usageErr("export: unknown --format %q (want json, csv, gexf, graphml, dot, cyjs, gml, positions or metrics)", *format)
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
	if isGraph {
		opt := netio.Options{GEXFVersion: *gexfVersion}
		var m *model.Map
		if *at != "" {
			// Positions of the date, from the layout (of an actor not
			// on show then, of the nearest date it is).
			lm, err := layOutMap("export", *mapPath, lf, stderr)
			if err != nil {
				return err
			}
			m, opt.Positions = lm.m, lm.tl.Nearest(day)
		} else {
			var err error
			if m, err = loadMap(*mapPath); err != nil {
				return err
			}
		}
		var rep *netio.Report
		write := func(w io.Writer) (err error) {
			rep, err = graphFormat.write(w, m, opt)
			return err
		}
		var err error
		if *out == "" {
			err = write(stdout)
		} else {
			err = writeFileAtomic(*out, write)
		}
		if err != nil {
			return err
		}
		return writeReport(*report, rep, stderr)
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
