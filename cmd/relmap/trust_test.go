package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"relmap/model"
	"relmap/model/csvio"
)

// csvTables writes an actors and a ties table of n actors in a chain,
// named prefix and a number, into a new folder and returns their paths.
func csvTables(t *testing.T, prefix string, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var actors, ties strings.Builder
	actors.WriteString("Label,Type\n")
	ties.WriteString("From,To,Type\n")
	for i := range n {
		fmt.Fprintf(&actors, "%s %d,country\n", prefix, i)
		if i > 0 {
			fmt.Fprintf(&ties, "%s %d,%s %d,relations\n", prefix, i-1, prefix, i)
		}
	}
	a, ti := filepath.Join(dir, "actors.csv"), filepath.Join(dir, "ties.csv")
	writeFile(t, a, actors.String())
	writeFile(t, ti, ties.String())
	return []string{a, ti}
}

// csvFiles opens the tables for importInto; the test closes them.
func csvFiles(t *testing.T, paths []string) csvio.Files {
	t.Helper()
	var files csvio.Files
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		*[]*csvio.Table{&files.Actors, &files.Ties}[i] = csvio.Table{Name: p, R: f}
	}
	return files
}

func TestTwoImportsAtOnceDoNotDuplicateActors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.relmap")
	mustRun(t, append([]string{"import", "--map", path}, csvTables(t, "First", 2)...)...)
	const n = 300
	tables := csvTables(t, "Actor", n)
	const imports = 4
	errs := make([]error, imports)
	var wg sync.WaitGroup
	for i := range imports {
		files := csvFiles(t, tables)
		wg.Go(func() {
			errs[i] = importInto(path, "Import", func(base *model.Map) (*model.Map, error) { return csvio.Read(files, base) })
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !strings.Contains(err.Error(), "is already in the map"):
			t.Errorf("import: %v, want success or a name already in the map", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d of %d imports of the same tables succeeded, want 1", ok, imports)
	}
	m := decodeMap(t, mustRun(t, "export", "--map", path, "--format", "json"))
	if got, want := len(m.Actors), 2+n; got != want {
		t.Errorf("the map has %d actors, want %d", got, want)
	}
}

func TestAFailedImportIntoANewMapLeavesNothing(t *testing.T) {
	tables := csvTables(t, "Actor", 3)
	writeFile(t, tables[1], "From,To,Type\nActor 0,Nobody,relations\n")
	dir := t.TempDir()
	code, _, stderr := relmap(t, "import", "--map", filepath.Join(dir, "new.relmap"), tables[0], tables[1])
	if code == 0 {
		t.Fatal("the import of a tie to an unknown actor succeeded")
	}
	oneLine(t, stderr, "Nobody")
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("the failed import left %v", got)
	}
}

func TestEveryCommandSaysTheSameOfADamagedMap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.relmap")
	mustRun(t, append([]string{"import", "--map", path}, csvTables(t, "Actor", 400)...)...)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Damage every page after the schema's: the header and schema stay
	// readable, the records do not.
	for i := 2 * 4096; i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	writeFile(t, path, string(data))
	const want = "the map file is damaged"
	for _, args := range [][]string{
		{"export", "--map", path, "--format", "json"},
		{"export", "--map", path, "--format", "positions"},
		{"render", "--map", path, "--at", "2024-01-01", "--out", filepath.Join(t.TempDir(), "out.png")},
	} {
		code, _, stderr := relmap(t, args...)
		if code == 0 {
			t.Errorf("relmap %s succeeded on a damaged map", args[0])
			continue
		}
		oneLine(t, stderr, want)
	}
	if got := files(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("reading the damaged map left %v beside it", got)
	}
}

func TestExportRefusesAnEmptyFileAndLeavesItEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.relmap")
	writeFile(t, path, "")
	code, _, stderr := relmap(t, "export", "--map", path, "--format", "json")
	if code == 0 {
		t.Fatal("export of an empty file succeeded")
	}
	oneLine(t, stderr, "not a relmap file: the file is empty")
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file became %d bytes (%v)", fi.Size(), err)
	}
}

func TestAKilledImportLeavesNothingOrTheMapAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "relmap")
	if out, err := exec.Command("go", "build", "-tags", "x11", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tables := csvTables(t, "Actor", 20000)
	existing := filepath.Join(dir, "existing.relmap")
	mustRun(t, append([]string{"import", "--map", existing}, csvTables(t, "First", 3)...)...)
	before := len(decodeMap(t, mustRun(t, "export", "--map", existing, "--format", "json")).Actors)
	for _, delay := range []time.Duration{20 * time.Millisecond, 80 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		t.Run(fmt.Sprintf("killed after %s", delay), func(t *testing.T) {
			mapDir := t.TempDir()
			fresh := filepath.Join(mapDir, "new.relmap")
			for _, path := range []string{fresh, existing} {
				cmd := exec.Command(bin, append([]string{"import", "--map", path}, tables...)...)
				cmd.Env = append(os.Environ(), "TMPDIR="+t.TempDir())
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(delay)
				cmd.Process.Kill()
				cmd.Wait()
			}
			switch got := files(t, mapDir); {
			case len(got) == 0:
			case len(got) == 1 && got[0] == "new.relmap":
				// The import finished before the kill: the map is whole.
				if n := len(decodeMap(t, mustRun(t, "export", "--map", fresh, "--format", "json")).Actors); n != 20000 {
					t.Errorf("the new map has %d actors, want all 20000 or no map", n)
				}
			default:
				t.Errorf("a killed import into a new map left %v", got)
			}
			switch n := len(decodeMap(t, mustRun(t, "export", "--map", existing, "--format", "json")).Actors); n {
			case before:
			case before + 20000:
				before = n // it finished: later imports are refused as duplicates
			default:
				t.Errorf("the existing map has %d actors after a killed import, want %d or %d", n, before, before+20000)
			}
		})
	}
}
