package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
	"relmap/model/netio"
	"relmap/model/sqlite"
)

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("import", "import --map FILE [--update] [--format csv] TABLES.csv... | FOLDER | [--format json|gexf|graphml|dot|cyjs] FILE [--report FILE]", stderr)
	mapPath := fset.String("map", "", "map file (.relmap) to add to; created when missing (required)")
	format := fset.String("format", "", "csv (spreadsheet tables), json (a relmap JSON map), gexf, graphml, dot, cyjs or gml; taken from the file's extension when not given (.gexf, .graphml, .dot or .gv, .cyjs, .gml, .json, .csv; a folder is csv)")
	skipBad := fset.String("skip-bad-rows", "", "with CSV tables: import the good rows, and write the refused ones with their reasons to this file")
	report := fset.String("report", "", "write what the file held that the map could not to this file (- for standard error)")
	update := fset.Bool("update", false, "update the map from corrected tables: rows naming actors it has update them, the rest are added")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *mapPath == "" {
		return usageErr("import: --map is required")
	}
	if *format == "" {
		*format = "csv"
		if fset.NArg() == 1 {
			if f, ok := netio.FormatOf(fset.Arg(0)); ok {
				*format = string(f)
			} else if strings.EqualFold(filepath.Ext(fset.Arg(0)), ".json") {
				*format = "json"
			}
		}
		// A file of a format relmap does not read (a .gml) is said to be
		// one, rather than read as a table without the columns it needs.
		if *format == "csv" {
			for _, name := range fset.Args() {
				if ext := strings.ToLower(filepath.Ext(name)); ext != ".csv" && ext != ".txt" && ext != "" {
					return usageErr("import: %s: %s is not a format relmap reads: it reads CSV tables (.csv), relmap JSON (.json), GEXF (.gexf), GraphML (.graphml), DOT (.dot, .gv), Cytoscape.js (.cyjs) and GML (.gml); --format csv reads a table named otherwise", name, ext)
				}
			}
		}
	}
	if *skipBad != "" && (*update || (*format != "" && *format != "csv")) {
		return usageErr("import: --skip-bad-rows works with CSV tables, without --update")
	}
	if *update {
		if *format != "csv" && *format != "" {
			return usageErr("import: --update reads CSV tables, not --format %s", *format)
		}
		return updateFrom(*mapPath, fset.Args(), stdout)
	}
	var read func(base *model.Map) (*model.Map, error)
	var rep *netio.Report
	switch *format {
	case "csv":
		files, err := openTables(fset.Args())
		if err != nil {
			return err
		}
		defer files.close()
		read = func(base *model.Map) (*model.Map, error) { return csvio.Read(files.Files, base) }
		if *skipBad != "" {
			read = func(base *model.Map) (*model.Map, error) {
				m, refused, err := csvio.ReadSkipping(files.Files, base)
				if err != nil {
					return nil, err
				}
				if err := writeFileAtomic(*skipBad, func(w io.Writer) error { return csvio.WriteRefused(w, refused) }); err != nil {
					return nil, err
				}
				rows := fmt.Sprintf("%d rows", len(refused))
				if len(refused) == 1 {
					rows = "1 row"
				}
				fmt.Fprintf(stdout, "%s refused, written with their reasons to %s\n", rows, *skipBad)
				return m, nil
			}
		}
	case "json":
		if fset.NArg() != 1 {
			return usageErr("import: --format json wants one JSON file, got %d files", fset.NArg())
		}
		add, err := readJSONMap(fset.Arg(0))
		if err != nil {
			return err
		}
		read = func(base *model.Map) (*model.Map, error) { return add, namesFree(fset.Arg(0), base, add) }
	case "gexf", "graphml", "dot", "cyjs", "gml":
		if fset.NArg() != 1 {
			return usageErr("import: --format %s wants one file, got %d files", *format, fset.NArg())
		}
		add, r, err := readGraphFile(fset.Arg(0), graphFormats[*format].read)
		if err != nil {
			return err
		}
		rep = r
		read = func(base *model.Map) (*model.Map, error) {
			netio.KeepBaseKinds(base, add)
			return add, namesFree(fset.Arg(0), base, add)
		}
	default:
		return usageErr("import: --format %q: want csv, json, gexf, graphml, dot, cyjs or gml", *format)
	}
	var added *model.Map
	keep := func(base *model.Map) (*model.Map, error) {
		m, err := read(base)
		added = m
		return m, err
	}
	if err := importInto(*mapPath, "Import "+strings.Join(baseNames(fset.Args()), ", "), keep); err != nil {
		var rows *csvio.Errors
		switch {
		case errors.As(err, &rows):
			// The advice on a line of its own, after the rows.
			advice := "nothing was imported: correct the rows, or add --skip-bad-rows FILE to import the good ones"
			if errors.Is(err, model.ErrConflict) {
				advice += " (or --update to update the map from corrected tables)"
			}
			return fmt.Errorf("%w\n%s", err, advice)
		case errors.Is(err, model.ErrConflict) && *format == "csv":
			return fmt.Errorf("%w (to update the map from corrected tables, add --update)", err)
		}
		return err
	}
	fmt.Fprintf(stdout, "imported into %s\n", *mapPath)
	// Ties without dates hold on every date: said, as they may be a gap
	// in the data rather than ties that always held.
	if n := model.Undated(added.Ties); n > 0 {
		fmt.Fprintf(stdout, "%d of the %d ties imported have no dates: they hold on every date\n", n, len(added.Ties))
	}
	return writeReport(*report, rep, stderr)
}

// readGraphFile reads a file of another tool's format into a map named
// after the file.
func readGraphFile(path string, read func(io.Reader, string) (*model.Map, *netio.Report, error)) (*model.Map, *netio.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s is not a regular file", path)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	m, rep, err := read(f, name)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, rep, nil
}

// updateFrom updates the map at path from corrected tables (csvio.
// ReadUpdate, model.Reconcile) in one undoable change, and says what it did
// ("12 added, 3 updated, 0 unchanged").
func updateFrom(path string, names []string, stdout io.Writer) error {
	files, err := openTables(names)
	if err != nil {
		return err
	}
	defer files.close()
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	var counts model.Counts
	_, err = st.ApplyTo(context.Background(), func(base *model.Map) (model.Change, error) {
		read, err := csvio.ReadUpdate(files.Files, base)
		if err != nil {
			return model.Change{}, err
		}
		read.Kinds = append(read.Kinds, model.StyleNewKinds(base, read)...)
		var c model.Change
		c, counts = model.Reconcile("Update from "+strings.Join(baseNames(names), ", "), base, read)
		return c, nil
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("import --update: %w", err)
	}
	fmt.Fprintf(stdout, "updated %s: %s\n", path, counts)
	return nil
}

// tableFiles are the opened CSV files of an import.
type tableFiles struct {
	csvio.Files
	open []*os.File
}

func (t *tableFiles) close() {
	for _, f := range t.open {
		f.Close()
	}
}

// openTables opens the tables of an import: the files named, in any
// order, each known by its name (actors.csv, ties.csv, events.csv,
// kinds.csv, sources.csv) or else by its header row; or, given one folder,
// those of its files with these names (a CSV export's folder).
func openTables(names []string) (*tableFiles, error) {
	if len(names) == 1 {
		if fi, err := os.Stat(names[0]); err == nil && fi.IsDir() {
			var found []string
			for _, n := range csvio.TableFiles {
				if _, err := os.Stat(filepath.Join(names[0], n)); err == nil {
					found = append(found, filepath.Join(names[0], n))
				}
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("import: %s has none of actors.csv, ties.csv, events.csv", names[0])
			}
			names = found
		}
	}
	if len(names) == 0 || len(names) > 7 {
		return nil, usageErr("import: want the tables (actors.csv ties.csv [events.csv kinds.csv sources.csv map.csv pins.csv]) or their folder, got %d files", len(names))
	}
	t := &tableFiles{}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			t.close()
			return nil, fmt.Errorf("import: %w", err)
		}
		t.open = append(t.open, f)
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			t.close()
			return nil, fmt.Errorf("import: %s is a folder, not a CSV file", name)
		}
		what, err := csvio.TableOf(name, f)
		if err != nil {
			// Not known by name or header: the first of actors, ties and
			// events still free, whose reader then says what is wrong.
			for _, w := range []string{csvio.ActorsFile, csvio.TiesFile, csvio.EventsFile} {
				if t.Table(w).R == nil {
					what, err = w, nil
					break
				}
			}
		}
		if err == nil {
			_, err = f.Seek(0, io.SeekStart)
		}
		if err != nil {
			t.close()
			return nil, fmt.Errorf("import: %s: %w", name, err)
		}
		if slot := t.Table(what); slot.R != nil {
			t.close()
			return nil, usageErr("import: %s and %s are both %s tables", slot.Name, name, strings.TrimSuffix(what, ".csv"))
		}
		*t.Table(what) = csvio.Table{Name: name, R: f}
	}
	if t.Actors.R == nil && t.Ties.R == nil && t.Events.R == nil {
		t.close()
		return nil, usageErr("import: no actors, ties or events table among %s", strings.Join(names, ", "))
	}
	return t, nil
}

// readJSONMap reads a relmap JSON map.
func readJSONMap(path string) (*model.Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	m, err := jsonio.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	return m, nil
}

// namesFree refuses a JSON map that names an actor as the map already
// does, as the CSV import does.
func namesFree(path string, base, add *model.Map) error {
	if err := model.NamesFree(base, add); err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	return nil
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// importInto adds what read makes of the map to the map at path. A map
// that does not exist is made whole or not at all (sqlite.Create); into an
// existing map, read sees the map and its result is written in one write
// transaction, so that a second import at the same time sees the first's
// actors, and the import is recorded in the map's history under summary.
//
// Kinds the tables use that neither map declares are declared too, each
// with a colour of its own (model.StyleNewKinds).
func importInto(path, summary string, readTables func(base *model.Map) (*model.Map, error)) error {
	ctx := context.Background()
	read := func(base *model.Map) (*model.Map, error) {
		add, err := readTables(base)
		if err != nil {
			return nil, err
		}
		add.Kinds = append(add.Kinds, model.StyleNewKinds(base, add)...)
		return add, nil
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		add, err := read(&model.Map{Kinds: model.DefaultKinds(), Pins: map[model.ID]model.Point{}})
		if err != nil {
			return err
		}
		if err := sqlite.CreateFile(path, add); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		return nil
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	err = st.MergeInto(ctx, summary, read)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}
