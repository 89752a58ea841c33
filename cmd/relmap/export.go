package main

import (
	"fmt"
	"io"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export [--map FILE] --format json|csv [--at YYYY-MM-DD] [--out PATH]", stderr)
	mapPath := fs.String("map", "", "map file (.relmap); the default map when empty")
	format := fs.String("format", "json", "json (to --out or standard output) or csv (tables into the folder --out)")
	at := fs.String("at", "", "with json: only what is in force on this date, YYYY-MM-DD")
	out := fs.String("out", "", "file (json) or folder (csv) to write")
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
	switch *format {
	case "json":
	case "csv":
		if *out == "" {
			return usageErr("export: --format csv needs --out FOLDER")
		}
		if *at != "" {
			return usageErr("export: --at works with --format json only")
		}
	default:
		return usageErr("export: unknown --format %q (want json or csv)", *format)
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
