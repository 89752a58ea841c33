package main

import (
	"encoding/csv"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// editTable rewrites a CSV table: edit gets its header and rows and
// returns the rows to write.
func editTable(t *testing.T, path string, edit func(head []string, rows [][]string) [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := append([][]string{recs[0]}, edit(recs[0], recs[1:])...)
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	cw.WriteAll(out)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestImportUpdate corrects an export of the default map (a note, a tie's
// label, one actor more) and imports it back with --update: the counts
// say what changed, the map holds the corrections, a second run changes
// nothing, and without --update the clash names --update.
func TestImportUpdate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.relmap")
	mustRun(t, "export", "--format", "json", "--out", filepath.Join(dir, "d.json"))
	mustRun(t, "import", "--map", path, "--format", "json", filepath.Join(dir, "d.json"))
	tables := filepath.Join(dir, "t")
	mustRun(t, "export", "--map", path, "--format", "csv", "--out", tables)
	editTable(t, filepath.Join(tables, "actors.csv"), func(head []string, rows [][]string) [][]string {
		for _, r := range rows {
			if r[0] == "Mexico" {
				r[slices.Index(head, "Notes")] = "Corrected note."
			}
		}
		peru := make([]string, len(head))
		peru[0], peru[1] = "Peru", "country"
		return append(rows, peru)
	})
	var tieID string
	editTable(t, filepath.Join(tables, "ties.csv"), func(head []string, rows [][]string) [][]string {
		rows[0][slices.Index(head, "Label")] = "corrected label"
		rows[0][slices.Index(head, "Start")] = "1900" // a new start: the Id still names the tie
		tieID = rows[0][slices.Index(head, "Id")]
		return rows
	})
	args := []string{filepath.Join(tables, "actors.csv"), filepath.Join(tables, "ties.csv"), filepath.Join(tables, "events.csv")}

	code, _, stderr := relmap(t, append([]string{"import", "--map", path}, args...)...)
	if code == 0 || !strings.Contains(stderr, "--update") {
		t.Errorf("an import that clashes: exit %d, %q", code, stderr)
	}
	out := mustRun(t, append([]string{"import", "--update", "--map", path}, args...)...)
	if !strings.Contains(out, "1 added, 2 updated,") {
		t.Errorf("first update says %q", out)
	}
	m := decodeMap(t, mustRun(t, "export", "--map", path, "--format", "json"))
	mexico, _ := m.ActorByName("Mexico")
	if _, err := m.ActorByName("Peru"); err != nil || mexico.Notes != "Corrected note." || mexico.Attrs["capital"] != "Mexico City" {
		t.Errorf("after the update Mexico is %+v (Peru: %v)", mexico, err)
	}
	id, _ := strconv.ParseInt(tieID, 10, 64)
	if tie, ok := m.Tie(id); !ok || tie.Label != "corrected label" || tie.Span.Start.String() != "1900" {
		t.Errorf("the tie with Id %s is %+v", tieID, tie)
	}
	if out := mustRun(t, append([]string{"import", "--update", "--map", path}, args...)...); !strings.Contains(out, "0 added, 0 updated,") {
		t.Errorf("second update says %q", out)
	}
	if hist := mustRun(t, "history", "--map", path); strings.Count(hist, "Update from") != 1 {
		t.Errorf("history:\n%s", hist)
	}
}

// TestCSVRoundTrip exports the default map's tables, imports their folder
// into an empty map and exports that: the seven files are the same,
// events' ties (by the ties' Ids), kinds' styles, sources' fields, the
// map's properties and its pins included.
func TestCSVRoundTrip(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	mustRun(t, "export", "--format", "csv", "--out", first)
	path := filepath.Join(dir, "again.relmap")
	mustRun(t, "import", "--map", path, first) // the export's folder itself
	second := filepath.Join(dir, "second")
	mustRun(t, "export", "--map", path, "--format", "csv", "--out", second)
	for _, name := range []string{"actors.csv", "ties.csv", "events.csv", "kinds.csv", "sources.csv", "map.csv", "pins.csv"} {
		a, errA := os.ReadFile(filepath.Join(first, name))
		b, errB := os.ReadFile(filepath.Join(second, name))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s differs after a round trip (%v, %v)", name, errA, errB)
		}
	}
	events, _ := os.ReadFile(filepath.Join(second, "events.csv"))
	if !strings.Contains(strings.SplitN(string(events), "\n", 2)[0], "Begins,Ends") {
		t.Errorf("events header %q", strings.SplitN(string(events), "\n", 2)[0])
	}
}

// TestRenderFormats: a picture is written in the format its name or
// --format says (PNG, SVG, PDF); another format, or a format that
// disagrees with the name, is refused and nothing is written; --dpi
// records the resolution in the PNG's pHYs chunk.
func TestRenderFormats(t *testing.T) {
	dir := t.TempDir()
	for _, bad := range [][]string{
		{"--out", filepath.Join(dir, "crisis.gif")},
		{"--out", filepath.Join(dir, "crisis.png"), "--format", "svg"},
		{"--out", filepath.Join(dir, "crisis"), "--format", "eps"},
	} {
		code, _, stderr := relmap(t, append([]string{"render", "--at", "2024-04-05"}, bad...)...)
		if code != 2 || !strings.Contains(stderr, "crisis") && !strings.Contains(stderr, "eps") {
			t.Errorf("%v: exit %d, %q; want exit 2 naming the problem", bad, code, stderr)
		}
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("the refused renders left %v", got)
	}
	mustRun(t, "render", "--at", "2024-04-05", "--out", filepath.Join(dir, "crisis.svg"), "--width", "400", "--height", "300")
	mustRun(t, "render", "--at", "2024-04-05", "--out", filepath.Join(dir, "crisis-pdf"), "--format", "pdf", "--width", "400", "--height", "300")
	for name, prefix := range map[string]string{"crisis.svg": "<?xml", "crisis-pdf": "%PDF-"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !strings.HasPrefix(string(data), prefix) {
			t.Errorf("%s does not start with %q (%v)", name, prefix, err)
		}
	}
	out := filepath.Join(dir, "crisis.png")
	mustRun(t, "render", "--at", "2024-04-05", "--out", out, "--dpi", "300", "--width", "400", "--height", "300")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "pHYs")
	if i < 0 {
		t.Fatal("no pHYs chunk")
	}
	if ppm := int(data[i+4])<<24 | int(data[i+5])<<16 | int(data[i+6])<<8 | int(data[i+7]); ppm != 11811 || data[i+12] != 1 {
		t.Errorf("pHYs says %d per unit %d, want 11811 per metre (300 dpi)", ppm, data[i+12])
	}
	if _, err := png.Decode(strings.NewReader(string(data))); err != nil {
		t.Errorf("the PNG with pHYs does not decode: %v", err)
	}
}

// TestRenderAnimation: --from and --to write an animated GIF or a folder
// of PNG frames; a bad step, a backward span or an MP4 without ffmpeg is
// refused with one sentence and nothing written.
func TestRenderAnimation(t *testing.T) {
	dir := t.TempDir()
	gifPath := filepath.Join(dir, "crisis.gif")
	mustRun(t, "render", "--from", "2024-04-04", "--to", "2024-04-07", "--out", gifPath, "--width", "320", "--height", "200", "--fps", "5")
	data, err := os.ReadFile(gifPath)
	if err != nil || !strings.HasPrefix(string(data), "GIF89a") {
		t.Fatalf("crisis.gif is not a GIF (%v)", err)
	}
	frames := filepath.Join(dir, "frames")
	mustRun(t, "render", "--from", "2024-04-04", "--to", "2024-04-05", "--out", frames, "--width", "320", "--height", "200", "--fps", "2", "--hold", "1")
	if got, _ := filepath.Glob(filepath.Join(frames, "frame-*.png")); len(got) != 2*2+1 {
		t.Errorf("%d frames, want 5 (two rests of 2 and a transition of 1)", len(got))
	}
	bad := [][]string{
		{"--step", "week", "--out", filepath.Join(dir, "a.gif")},
		{"--out", filepath.Join(dir, "b.webm")},
	}
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		bad = append(bad, []string{"--out", filepath.Join(dir, "c.mp4")})
	}
	for _, args := range bad {
		code, _, stderr := relmap(t, append([]string{"render", "--from", "2024-04-04", "--to", "2024-04-07"}, args...)...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, %q; want exit 2 and one line", args, code, stderr)
		}
	}
	code, _, stderr := relmap(t, "render", "--from", "2024-04-07", "--to", "2024-04-04", "--out", filepath.Join(dir, "d.gif"))
	if code != 2 || !strings.Contains(stderr, "after the start") {
		t.Errorf("a backward span: exit %d, %q", code, stderr)
	}
	if got := files(t, dir); len(got) != 2 {
		t.Errorf("the refused animations left files: %v", got)
	}
}

// TestRenderMultiples: --multiples writes one picture of several dates;
// a bad list is refused with one sentence.
func TestRenderMultiples(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "four.png")
	mustRun(t, "render", "--multiples", "events", "--from", "2024-04-04", "--to", "2024-04-07", "--columns", "2", "--out", out, "--width", "1200", "--height", "800")
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width != 1200 || cfg.Height != 800 {
		t.Errorf("four.png: %+v, %v", cfg, err)
	}
	code, _, stderr := relmap(t, "render", "--multiples", "2024-04-04,April", "--out", filepath.Join(dir, "bad.png"))
	if code != 2 || !strings.Contains(stderr, "April") {
		t.Errorf("a bad date in the list: exit %d, %q", code, stderr)
	}
}

// TestInterchangeFormats: export writes GEXF, GraphML, DOT and Cytoscape.js
// (the format taken from --out's extension), import reads each back by
// its extension into a new map with every actor and tie, and --report
// lists what was not carried over.
func TestInterchangeFormats(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".gexf", ".graphml", ".dot", ".cyjs"} {
		out := filepath.Join(dir, "crisis"+ext)
		mustRun(t, "export", "--out", out, "--at", "2024-04-07")
		report := filepath.Join(dir, "report"+ext+".txt")
		mustRun(t, "import", "--map", filepath.Join(dir, "back"+ext+".relmap"), "--report", report, out)
		code, stdout, stderr := relmap(t, "export", "--map", filepath.Join(dir, "back"+ext+".relmap"), "--format", "json")
		if code != 0 {
			t.Fatalf("%s: export of the import: %s", ext, stderr)
		}
		if n := strings.Count(stdout, `"kind":`); n < 26+37 {
			t.Errorf("%s: the map read back has %d kinds of records, want the 26 actors and 37 ties", ext, n)
		}
		text, err := os.ReadFile(report)
		if err != nil || !strings.Contains(string(text), "sources") {
			t.Errorf("%s: the report %q (%v) does not say how the sources came in", ext, text, err)
		}
	}
	bad := filepath.Join(dir, "bad.gexf")
	if err := os.WriteFile(bad, []byte("<gexf><graph><nodes><node id=\"a\"/></nodes><edges><edge source=\"a\" target=\"zz\"/></edges></graph></gexf>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := relmap(t, "import", "--map", filepath.Join(dir, "bad.relmap"), bad)
	if code == 0 || !strings.Contains(stderr, `target "zz" is no node`) {
		t.Errorf("a GEXF edge to a missing node: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.relmap")); !os.IsNotExist(err) {
		t.Error("the refused import left a map")
	}
}

// TestImportSkippingBadRows: --skip-bad-rows imports the good rows and
// writes the refused ones with their reasons.
func TestImportSkippingBadRows(t *testing.T) {
	dir := t.TempDir()
	actors := filepath.Join(dir, "actors.csv")
	ties := filepath.Join(dir, "ties.csv")
	os.WriteFile(actors, []byte("Label,Type\nMexico,country\nEcuador,country\n"), 0o644)
	os.WriteFile(ties, []byte("From,To,Type,Start,End\nMexico,Ecuador,relations,2000,2024-04-06\nMexico,Ecuador,ambassador,1945-12-06,1945-12-06\n"), 0o644)
	refused := filepath.Join(dir, "refused.csv")
	code, stdout, stderr := relmap(t, "import", "--map", filepath.Join(dir, "m.relmap"), "--skip-bad-rows", refused, actors, ties)
	if code != 0 || !strings.Contains(stdout, "1 row refused") {
		t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(refused)
	if err != nil || !strings.Contains(string(data), "ties.csv,3,end: ends (1945-12-06) on or before it starts") {
		t.Errorf("refused rows: %q, %v", data, err)
	}
	_, out, _ := relmap(t, "export", "--map", filepath.Join(dir, "m.relmap"), "--format", "json")
	if strings.Count(out, `"from":`) != 1 {
		t.Errorf("the good tie did not come in: %s", out)
	}
}

// TestImportSaysEveryBadRow: an import with several bad rows names each,
// on a line of its own, with what to do, and imports nothing.
func TestImportSaysEveryBadRow(t *testing.T) {
	dir := t.TempDir()
	actors, ties := filepath.Join(dir, "actors.csv"), filepath.Join(dir, "ties.csv")
	for path, body := range map[string]string{
		actors: "Label,Type,Start\nPeru,country,\nBolivia,country,2024-13-01\nperu,country,\n",
		ties:   "From,To,Type\nPeru,Bolivia,relations\nPeru,Chle,relations\n",
	} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "m.relmap")
	code, _, stderr := relmap(t, "import", "--map", path, actors, ties)
	if code == 0 {
		t.Fatal("an import with bad rows succeeded")
	}
	for _, want := range []string{
		"3 bad rows\n",
		"\n  " + actors + ":3: start:",
		"\n  " + actors + ":4: name:",
		"\n  " + ties + ":3: to: no actor is named \"Chle\"\n",
		"\nnothing was imported: correct the rows, or add --skip-bad-rows FILE to import the good ones (or --update",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the error does not say %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a map file was made by an import that failed")
	}
}
