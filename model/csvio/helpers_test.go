package csvio_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/csvio"
)

// tables are the three files of a test as text; "" means absent.
type tables struct{ actors, ties, events string }

func (tb tables) files() csvio.Files {
	var f csvio.Files
	if tb.actors != "" {
		f.Actors.R = strings.NewReader(tb.actors)
	}
	if tb.ties != "" {
		f.Ties.R = strings.NewReader(tb.ties)
	}
	if tb.events != "" {
		f.Events.R = strings.NewReader(tb.events)
	}
	return f
}

func read(t *testing.T, tb tables, base *model.Map) *model.Map {
	t.Helper()
	m, err := csvio.Read(tb.files(), base)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return m
}

// write returns m as the three tables.
func write(t testing.TB, m *model.Map) tables {
	t.Helper()
	var a, ti, e bytes.Buffer
	if err := csvio.WriteTables(&a, &ti, &e, m); err != nil {
		t.Fatalf("WriteTables: %v", err)
	}
	return tables{a.String(), ti.String(), e.String()}
}

// testdataTables reads the tables of testdata/dir.
func testdataTables(t testing.TB, dir string) tables {
	t.Helper()
	get := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", dir, name))
		if os.IsNotExist(err) {
			return ""
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return tables{get(csvio.ActorsFile), get(csvio.TiesFile), get(csvio.EventsFile)}
}

func testdataDirs(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

// merged is base with m's records added, as a store's Merge would leave
// it (m's IDs already avoid base's).
func merged(base, m *model.Map) *model.Map {
	out := &model.Map{}
	if base != nil {
		out.Kinds = base.Kinds
		out.Sources = append(out.Sources, base.Sources...)
		out.Actors = append(out.Actors, base.Actors...)
		out.Ties = append(out.Ties, base.Ties...)
		out.Events = append(out.Events, base.Events...)
	}
	out.Sources = append(out.Sources, m.Sources...)
	out.Actors = append(out.Actors, m.Actors...)
	out.Ties = append(out.Ties, m.Ties...)
	out.Events = append(out.Events, m.Events...)
	return out
}
