package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/sqlite"
)

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("import", "import --map FILE actors.csv ties.csv [events.csv]", stderr)
	mapPath := fset.String("map", "", "map file (.relmap) to add to; created when missing (required)")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *mapPath == "" {
		return usageErr("import: --map is required")
	}
	if fset.NArg() < 2 || fset.NArg() > 3 {
		return usageErr("import: want actors.csv ties.csv [events.csv], got %d files", fset.NArg())
	}
	var files csvio.Files
	tables := []*csvio.Table{&files.Actors, &files.Ties, &files.Events}
	for i, name := range fset.Args() {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return fmt.Errorf("import: %s is a folder, not a CSV file", name)
		}
		*tables[i] = csvio.Table{Name: name, R: f}
	}

	if err := importInto(*mapPath, files); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported into %s\n", *mapPath)
	return nil
}

// importInto adds the tables to the map at path. A map that does not exist
// is made whole or not at all (sqlite.Create); into an existing map, the
// tables are read against the map and written in one write transaction,
// so that a second import at the same time sees the first's actors.
func importInto(path string, files csvio.Files) error {
	ctx := context.Background()
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		add, err := csvio.Read(files, &model.Map{Kinds: model.DefaultKinds(), Pins: map[model.ID]model.Point{}})
		if err != nil {
			return err
		}
		st, err := sqlite.Create(path, add)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		return st.Close()
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	err = st.MergeInto(ctx, func(base *model.Map) (*model.Map, error) { return csvio.Read(files, base) })
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}
