package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
)

// The default map's ties these tests rely on (assets/default-map.json).
const (
	relationsTie model.ID = 1 // Mexico–Ecuador relations, ending 2024-04-06
	severedTie   model.ID = 2 // Mexico–Ecuador relations broken, from 2024-04-06
)

// relmap runs one command line and returns its exit status and output.
func relmap(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs a command line that must succeed, and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := relmap(t, args...)
	if code != 0 {
		t.Fatalf("relmap %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// oneLine checks that stderr is a single line that mentions want.
func oneLine(t *testing.T, stderr, want string) {
	t.Helper()
	if s := strings.TrimSuffix(stderr, "\n"); s == "" || strings.Contains(s, "\n") {
		t.Errorf("stderr = %q, want one line", stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want it to mention %q", stderr, want)
	}
}

func decodeMap(t *testing.T, s string) *model.Map {
	t.Helper()
	m, err := jsonio.Decode(strings.NewReader(s))
	if err != nil {
		t.Fatalf("decode exported json: %v", err)
	}
	return m
}

func hasTie(ties []model.Tie, id model.ID) bool {
	for _, x := range ties {
		if x.ID == id {
			return true
		}
	}
	return false
}

func TestRenderWritesAPNG(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want image.Point
	}{
		{"with no size, should draw 1600×1000", nil, image.Pt(1600, 1000)},
		{"with a size, should draw that size", []string{"--width", "800", "--height", "600"}, image.Pt(800, 600)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "map.png")
			mustRun(t, append([]string{"render", "--at", "2024-04-05", "--out", out}, tt.args...)...)
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("decode %s: %v", out, err)
			}
			if got := img.Bounds().Size(); got != tt.want {
				t.Errorf("size = %v, want %v", got, tt.want)
			}
		})
	}
}

// A date before the map's first is drawn, as the window draws it, with
// a warning, as the window gives one: silent, its nearly empty picture
// looked like a fault.
func TestRenderWarnsOfADateBeforeTheMap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "map.png")
	code, _, stderr := relmap(t, "render", "--at", "1850-01-01", "--width", "400", "--height", "300", "--out", out)
	if code != 0 {
		t.Fatalf("exit = %d: %s", code, stderr)
	}
	oneLine(t, stderr, "relmap: warning: render: --at 1850-01-01 is before the map's first date, 1973-09-01: only what has no start date is shown")
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no picture: %v", err)
	}
	if _, _, stderr := relmap(t, "render", "--at", "2024-04-05", "--width", "400", "--height", "300", "--out", out); strings.Contains(stderr, "warning") {
		t.Errorf("a date within the map warns: %q", stderr)
	}
}

func TestRenderRejectsBadInput(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"without --out, should say it is required", []string{"--at", "2024-04-05"}, 2, "--out"},
		{"without --at, should say it is required", []string{"--out", "OUT"}, 2, "--at"},
		{"with a day February lacks, should name the date", []string{"--at", "2024-02-30", "--out", "OUT"}, 2, "2024-02-30"},
		{"with a month only, should ask for a full date", []string{"--at", "2024-04", "--out", "OUT"}, 2, "YYYY-MM-DD"},
		{"with a size too small, should name the size", []string{"--at", "2024-04-05", "--out", "OUT", "--width", "50", "--height", "50"}, 2, "50×50"},
		{"with a size too large, should name the size", []string{"--at", "2024-04-05", "--out", "OUT", "--width", "20000"}, 2, "20000×1000"},
		{"with a stray argument, should name it", []string{"--at", "2024-04-05", "--out", "OUT", "extra"}, 2, "extra"},
		{"with a stability above 1, should say it is out of range", []string{"--at", "2024-04-05", "--out", "OUT", "--stability", "1.5"}, 2, "1.5 is outside 0 to 1"},
		{"with a negative stability, should say it is out of range", []string{"--at", "2024-04-05", "--out", "OUT", "--stability", "-0.1"}, 2, "-0.1 is outside 0 to 1"},
		{"with a stability that is not a number, should say so", []string{"--at", "2024-04-05", "--out", "OUT", "--stability", "high"}, 2, `"high" is not a number`},
		{"with a missing map file, should name it", []string{"--map", "MISSING", "--at", "2024-04-05", "--out", "OUT"}, 1, "missing.relmap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "map.png")
			missing := filepath.Join(dir, "missing.relmap")
			args := []string{"render"}
			for _, a := range tt.args {
				a = strings.ReplaceAll(a, "OUT", out)
				a = strings.ReplaceAll(a, "MISSING", missing)
				args = append(args, a)
			}
			code, _, stderr := relmap(t, args...)
			if code != tt.wantCode {
				t.Errorf("exit = %d, want %d", code, tt.wantCode)
			}
			oneLine(t, stderr, tt.wantErr)
			if got := files(t, dir); len(got) != 0 {
				t.Errorf("the folder holds %q, want nothing written", got)
			}
		})
	}
}

func TestExportJSON(t *testing.T) {
	t.Run("with no date, should write the whole map", func(t *testing.T) {
		m := decodeMap(t, mustRun(t, "export", "--format", "json"))
		if got := len(m.Actors); got < 20 {
			t.Errorf("%d actors, want at least 20", got)
		}
	})

	t.Run("with --out, should write the file and nothing to standard output", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "map.json")
		if stdout := mustRun(t, "export", "--out", out); stdout != "" {
			t.Errorf("stdout = %q, want nothing", stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		decodeMap(t, string(b))
	})

	tests := []struct {
		name       string
		at         string
		has, lacks model.ID
	}{
		{"on 2024-04-05, should hold the relations and not their break", "2024-04-05", relationsTie, severedTie},
		{"on 2024-04-06, should hold the break and not the relations", "2024-04-06", severedTie, relationsTie},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got jsonio.At
			if err := json.Unmarshal([]byte(mustRun(t, "export", "--format", "json", "--at", tt.at)), &got); err != nil {
				t.Fatalf("decode snapshot: %v", err)
			}
			if got.At != tt.at {
				t.Errorf("at = %q, want %q", got.At, tt.at)
			}
			if !hasTie(got.Ties, tt.has) {
				t.Errorf("the snapshot lacks tie %d", tt.has)
			}
			if hasTie(got.Ties, tt.lacks) {
				t.Errorf("the snapshot holds tie %d", tt.lacks)
			}
		})
	}
}

func TestExportRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"with an unknown format, should name it", []string{"--format", "xml"}, "xml"},
		{"with csv and no folder, should ask for --out", []string{"--format", "csv"}, "--out"},
		{"with csv and a date, should say --at is for json", []string{"--format", "csv", "--out", "OUT", "--at", "2024-04-05"}, "--at"},
		{"with a bad date, should name it", []string{"--at", "2024-02-30"}, "2024-02-30"},
		{"with json and a stability, should say --stability is for positions", []string{"--format", "json", "--stability", "1"}, "--format positions"},
		{"with positions and a stability above 1, should say it is out of range", []string{"--format", "positions", "--stability", "2"}, "2 is outside 0 to 1"},
		{"with positions and a stability that is not a number, should say so", []string{"--format", "positions", "--stability", "NaN"}, "NaN"},
		{"with positions and an empty stability, should say it is not a number", []string{"--format", "positions", "--stability", ""}, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"export"}
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "OUT", dir))
			}
			code, stdout, stderr := relmap(t, args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			oneLine(t, stderr, tt.wantErr)
			if got := files(t, dir); len(got) != 0 {
				t.Errorf("the folder holds %q, want nothing written", got)
			}
		})
	}
}

// exportCSV writes the default map's tables into a new folder.
func exportCSV(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	mustRun(t, "export", "--format", "csv", "--out", dir)
	return dir
}

func tables(dir string) []string {
	return []string{
		filepath.Join(dir, csvio.ActorsFile),
		filepath.Join(dir, csvio.TiesFile),
		filepath.Join(dir, csvio.EventsFile),
	}
}

func TestExportCSVThenImport(t *testing.T) {
	dir := exportCSV(t)
	for _, name := range []string{csvio.ActorsFile, csvio.TiesFile, csvio.EventsFile} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("export --format csv: %s missing or empty (%v)", name, err)
		}
	}

	want := decodeMap(t, mustRun(t, "export", "--format", "json"))
	path := filepath.Join(t.TempDir(), "new.relmap")
	mustRun(t, append([]string{"import", "--map", path}, tables(dir)...)...)
	got := decodeMap(t, mustRun(t, "export", "--map", path, "--format", "json"))

	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"actors", len(got.Actors), len(want.Actors)},
		{"ties", len(got.Ties), len(want.Ties)},
		{"events", len(got.Events), len(want.Events)},
		{"sources", len(got.Sources), len(want.Sources)},
	} {
		if c.got != c.want {
			t.Errorf("after the round trip the map has %d %s, want %d", c.got, c.what, c.want)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// breakTies rewrites line 3 of the ties table in dir so that it names an
// actor no map has.
func breakTies(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, csvio.TiesFile)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if !strings.HasPrefix(lines[2], "Mexico,Ecuador,") {
		t.Fatalf("line 3 of %s is %q; the test expects the severed tie", p, lines[2])
	}
	lines[2] = strings.Replace(lines[2], "Mexico,Ecuador,", "Mexico,Atlantis,", 1)
	writeFile(t, p, strings.Join(lines, ""))
}

func TestImportOfABrokenTableChangesNothing(t *testing.T) {
	dir := exportCSV(t)
	breakTies(t, dir)
	where := regexp.MustCompile(`ties\.csv\D*3\b`)

	check := func(t *testing.T, path string) {
		t.Helper()
		code, _, stderr := relmap(t, append([]string{"import", "--map", path}, tables(dir)...)...)
		if code == 0 {
			t.Fatalf("exit = 0, want failure")
		}
		if !where.MatchString(stderr) || !strings.Contains(stderr, "Atlantis") {
			t.Errorf("stderr = %q, want ties.csv, line 3 and the unknown actor named", stderr)
		}
	}

	t.Run("into a new map, should leave no file behind", func(t *testing.T) {
		mapDir := t.TempDir()
		check(t, filepath.Join(mapDir, "new.relmap"))
		if got := files(t, mapDir); len(got) != 0 {
			t.Errorf("the folder holds %q, want nothing", got)
		}
	})

	t.Run("into an existing map, should leave it as it was", func(t *testing.T) {
		small := t.TempDir()
		writeFile(t, filepath.Join(small, csvio.ActorsFile), "Label,Type\nAlpha,country\nBeta,country\n")
		writeFile(t, filepath.Join(small, csvio.TiesFile), "From,To,Type\nAlpha,Beta,relations\n")
		path := filepath.Join(t.TempDir(), "old.relmap")
		mustRun(t, append([]string{"import", "--map", path}, tables(small)[:2]...)...)
		before := mustRun(t, "export", "--map", path)
		if got := len(decodeMap(t, before).Actors); got != 2 {
			t.Fatalf("the existing map has %d actors, want 2", got)
		}
		check(t, path)
		if after := mustRun(t, "export", "--map", path); after != before {
			t.Errorf("the map changed:\nbefore %.200s…\nafter  %.200s…", before, after)
		}
	})
}

func TestImportRejectsBadUse(t *testing.T) {
	dir := exportCSV(t)
	tbl := tables(dir)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"without --map, should ask for it", tbl, "--map"},
		{"with nine tables, should want seven at most", append([]string{"--map", "MAP"}, append(append(tbl, tbl...), tbl...)...), "got 9"},
		{"with one table twice, should say so", append([]string{"--map", "MAP"}, append(tbl, tbl[0])...), "are both actors tables"},
		{"with only a kinds table, should want a table of records", []string{"--map", "MAP", filepath.Join(dir, csvio.KindsFile)}, "no actors, ties or events table"},
		{"with a Pajek file, should say Pajek is not a format it reads", []string{"--map", "MAP", filepath.Join(dir, "karate.net")}, "karate.net: .net is not a format relmap reads: it reads CSV tables (.csv)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mapDir := t.TempDir()
			args := []string{"import"}
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "MAP", filepath.Join(mapDir, "new.relmap")))
			}
			code, _, stderr := relmap(t, args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2", code)
			}
			oneLine(t, stderr, tt.wantErr)
			if got := files(t, mapDir); len(got) != 0 {
				t.Errorf("the folder holds %q, want nothing", got)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"relmap -h should list the commands", []string{"-h"}, "relmap render"},
		{"relmap help should list the commands", []string{"help"}, "relmap render"},
		{"render -h should list its flags", []string{"render", "-h"}, "-width"},
		{"export -h should list its flags", []string{"export", "-h"}, "-format"},
		{"import -h should list its flags", []string{"import", "-h"}, "-map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := relmap(t, tt.args...)
			if code != 0 {
				t.Errorf("exit = %d, want 0", code)
			}
			if out := stdout + stderr; !strings.Contains(out, "Usage") || !strings.Contains(out, tt.want) {
				t.Errorf("output = %q, want usage mentioning %q", out, tt.want)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	for _, args := range [][]string{{"--frobnicate"}, {"frobnicate", "now"}} {
		t.Run(strings.Join(args, " ")+" should exit 2 and say why", func(t *testing.T) {
			code, _, stderr := relmap(t, args...)
			if code != 2 {
				t.Errorf("exit = %d, want 2", code)
			}
			if !strings.Contains(stderr, `unknown command "`+args[0]+`"`) {
				t.Errorf("stderr = %q, want it to name the command", stderr)
			}
		})
	}
}

// A command that panics says it met a bug, in a sentence, and fails; the
// stack follows for a report.
func TestACommandThatPanicsSaysSo(t *testing.T) {
	commands["crash"] = func([]string, io.Writer, io.Writer) error { panic("a slice read past its end") }
	defer delete(commands, "crash")
	code, _, stderr := relmap(t, "crash")
	if code != 1 {
		t.Errorf("exit = %d, want 1", code)
	}
	if want := "relmap: crash stopped on an internal error, which is a bug in relmap: a slice read past its end"; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr begins %q, want %q", stderr[:min(len(stderr), 120)], want)
	}
	if !strings.Contains(stderr, "TestACommandThatPanicsSaysSo") {
		t.Error("the stack of the panic is not given for a report")
	}
}

func TestExportPositionsListsEveryActorAtEveryKeyframe(t *testing.T) {
	out := mustRun(t, "export", "--format", "positions")
	m, err := loadMap("")
	if err != nil {
		t.Fatal(err)
	}
	keys := m.Keyframes()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got, want := lines[0], "date,id,name,x,y"; got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	dates := map[string]int{}
	for _, l := range lines[1:] {
		dates[strings.SplitN(l, ",", 2)[0]]++
	}
	if got, want := len(dates), len(keys)+1; got != want {
		t.Errorf("%d dates, want %d (every keyframe and the time before)", got, want)
	}
	day := model.DayOf(2024, 4, 6)
	if got, want := dates[day.String()], len(m.Snapshot(day).Actors); got != want {
		t.Errorf("rows on %s: %d, want one per actor present (%d)", day, got, want)
	}
	if again := mustRun(t, "export", "--format", "positions"); again != out {
		t.Error("two exports of the same map's positions differ")
	}
}

// positions reads the output of export --format positions: every actor's
// position on each date, dates in order.
func positions(t *testing.T, out string) (dates []string, pos map[string]map[string]string) {
	t.Helper()
	pos = map[string]map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		f := strings.Split(l, ",")
		if len(f) != 5 {
			t.Fatalf("row %q: %d columns, want 5", l, len(f))
		}
		if pos[f[0]] == nil {
			pos[f[0]] = map[string]string{}
			dates = append(dates, f[0])
		}
		pos[f[0]][f[1]] = f[3] + "," + f[4]
	}
	return dates, pos
}

func TestExportPositionsStability(t *testing.T) {
	t.Run("without --stability, should lay out at 0.5", func(t *testing.T) {
		if mustRun(t, "export", "--format", "positions") != mustRun(t, "export", "--format", "positions", "--stability", "0.5") {
			t.Error("the default positions differ from those at --stability 0.5")
		}
	})

	t.Run("at 1, should move no actor already placed", func(t *testing.T) {
		dates, pos := positions(t, mustRun(t, "export", "--format", "positions", "--stability", "1"))
		for i := 1; i < len(dates); i++ {
			for id, p := range pos[dates[i]] {
				if q, ok := pos[dates[i-1]][id]; ok && p != q {
					t.Errorf("actor %s moves from %s on %s to %s on %s", id, q, dates[i-1], p, dates[i])
				}
			}
		}
	})

	t.Run("at 0, should move actors", func(t *testing.T) {
		if mustRun(t, "export", "--format", "positions", "--stability", "0") == mustRun(t, "export", "--format", "positions", "--stability", "1") {
			t.Error("the positions at 0 and at 1 are the same")
		}
	})
}

// A flag may follow the files: "--report -" after the tables was read as a
// file named --report ("open --report: no such file or directory").
func TestFlagsMayFollowTheFiles(t *testing.T) {
	dir := exportCSV(t)
	path := filepath.Join(t.TempDir(), "new.relmap")
	out := mustRun(t, append(append([]string{"import"}, tables(dir)...), "--map", path, "--skip-bad-rows", filepath.Join(t.TempDir(), "bad.csv"))...)
	if !strings.Contains(out, "0 rows refused") {
		t.Errorf("import with its flags after the tables said %q", out)
	}
	got := decodeMap(t, mustRun(t, "export", "--format", "json", "--map", path))
	if len(got.Actors) == 0 {
		t.Error("the import with its flags after the tables added no actor")
	}
	// Ties without dates are said, as they hold on every date.
	dir2 := t.TempDir()
	writeFile(t, filepath.Join(dir2, "links.csv"), "From,To,Type,Start\nMexico,Ecuador,relations,2020\nMexico,Chile,relations,\n")
	if out := mustRun(t, "import", "--map", path, filepath.Join(dir2, "links.csv")); !strings.Contains(out, "1 of the 2 ties imported have no dates") {
		t.Errorf("an import of an undated tie said %q", out)
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("update", false, "")
	fs.String("map", "", "")
	for _, tt := range []struct{ in, want []string }{
		{[]string{"a.csv", "--update", "b.csv", "--map", "m.relmap"}, []string{"--update", "--map", "m.relmap", "a.csv", "b.csv"}},
		{[]string{"--map=m", "a.csv", "--", "--odd.csv"}, []string{"--map=m", "a.csv", "--", "--odd.csv"}},
		{[]string{"a.csv", "-"}, []string{"a.csv", "-"}},
	} {
		if got := flagsFirst(fs, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("flagsFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
