package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

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
		*tables[i] = csvio.Table{Name: name, R: f}
	}

	_, statErr := os.Stat(*mapPath)
	created := errors.Is(statErr, fs.ErrNotExist)
	st, err := sqlite.Open(*mapPath)
	if err != nil {
		return err
	}
	err = importInto(st, files)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil && created {
		// A file this command created holds nothing worth keeping.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(*mapPath + suffix)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported into %s\n", *mapPath)
	return nil
}

func importInto(st *sqlite.Store, files csvio.Files) error {
	ctx := context.Background()
	base, err := st.Load(ctx)
	if err != nil {
		return err
	}
	add, err := csvio.Read(files, base)
	if err != nil {
		return err
	}
	if err := st.Merge(ctx, add); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}
