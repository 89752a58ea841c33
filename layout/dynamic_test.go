package layout_test

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"relmap/layout"
	"relmap/model"
)

// dynamicDir holds the dynamic-graph data sets (time slices and visone's
// reference layout, see its README.md). They live outside the repository,
// so the tests that need them skip when it is absent.
const dynamicDir = "../../shared/datasets/dynamic"

// dynamicSets are the data sets with the scores that
// datasets/dynamic/README.md gives for visone's dynamic layout of them.
var dynamicSets = []struct {
	name          string
	nodes, slices int
	stress, move  float64
}{
	{name: "newcomb", nodes: 17, slices: 15, stress: 0.103, move: 0.072},
	{name: "rugby", nodes: 12, slices: 20, stress: 0.123, move: 0.116},
	{name: "pride", nodes: 118, slices: 61, stress: 0.188, move: 0.101},
}

// day0 is the day of slice 0; slice s is the day day0+s.
var day0 = model.DayOf(2000, 1, 1)

// nodeBox is the box of every node: 30×30, the size of visone's nodes in
// the reference layout, so that both layouts leave the same room.
func nodeBox(model.Actor) layout.Size { return layout.Size{W: 30, H: 30} }

// dynamicData is one data set: the map whose snapshot on day0+s is slice s,
// and visone's positions for each slice.
type dynamicData struct {
	m      *model.Map
	slices int
	visone []map[model.ID]model.Point
}

// loadDynamic reads the data set name, or skips tb when the data are not
// there.
func loadDynamic(tb testing.TB, name string) dynamicData {
	tb.Helper()
	if _, err := os.Stat(dynamicDir); errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("dynamic data sets not found at %s (expected /work/shared/datasets/dynamic): %v", dynamicDir, err)
	} else if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(dynamicDir, name)
	files, err := filepath.Glob(filepath.Join(dir, "slices", "*.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatalf("%s: no slices/*.csv", dir)
	}
	sort.Strings(files)
	adj := make([][][]bool, len(files))
	stems := make([]string, len(files))
	for s, f := range files {
		adj[s] = readMatrix(tb, f)
		if len(adj[s]) != len(adj[0]) {
			tb.Fatalf("%s: %d nodes, want %d as in %s", f, len(adj[s]), len(adj[0]), files[0])
		}
		stems[s] = strings.TrimSuffix(filepath.Base(f), ".csv")
	}
	return dynamicData{
		m:      sliceMap(adj),
		slices: len(files),
		visone: readVisone(tb, filepath.Join(dir, "visone-layout.zip"), stems, len(adj[0])),
	}
}

// readMatrix reads a whitespace-separated adjacency matrix: entry i, j is
// true when the file's entry is non-zero.
func readMatrix(tb testing.TB, path string) [][]bool {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows [][]bool
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		row := make([]bool, len(fields))
		for j, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				tb.Fatalf("%s row %d: %v", path, len(rows), err)
			}
			row[j] = v != 0
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	for i, r := range rows {
		if len(r) != len(rows) {
			tb.Fatalf("%s row %d: %d entries, want %d", path, i, len(r), len(rows))
		}
	}
	return rows
}

// sliceMap makes the map of a sequence of adjacency matrices: actor i+1
// (named "i", always alive) for node i, and for slice s an undirected tie
// in force on day0+s only for each pair with a non-zero entry either way.
func sliceMap(adj [][][]bool) *model.Map {
	n := len(adj[0])
	m := &model.Map{Name: "slices"}
	for i := 0; i < n; i++ {
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: strconv.Itoa(i), Kind: "person"})
	}
	for s, a := range adj {
		span := model.Span{Start: model.DateOfDay(day0 + model.Day(s)), End: model.DateOfDay(day0 + model.Day(s+1))}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if a[i][j] || a[j][i] {
					m.Ties = append(m.Ties, model.Tie{ID: model.ID(len(m.Ties) + 1), Kind: "tie", From: model.ID(i + 1), To: model.ID(j + 1), Span: span})
				}
			}
		}
	}
	return m
}

// graphML is the part of a visone GraphML file that the tests read.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Nodes []struct {
		Data []struct {
			Key      string `xml:"key,attr"`
			Text     string `xml:",chardata"`
			Geometry *struct {
				X float64 `xml:"x,attr"`
				Y float64 `xml:"y,attr"`
				W float64 `xml:"width,attr"`
				H float64 `xml:"height,attr"`
			} `xml:"shapeNode>ShapeNode>Geometry"`
		} `xml:"data"`
	} `xml:"graph>node"`
}

// readVisone reads visone's positions (box centres) for the slices named
// stems from the GraphML files STEM.graphml in the zip archive at path. The
// node index is the node attribute named "id"; actor i+1 is node i.
func readVisone(tb testing.TB, path string, stems []string, n int) []map[model.ID]model.Point {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	frames := make([]map[model.ID]model.Point, len(stems))
	for s, stem := range stems {
		f, err := zr.Open(stem + ".graphml")
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		var g graphML
		err = xml.NewDecoder(f).Decode(&g)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %s.graphml: %v", path, stem, err)
		}
		frames[s] = visonePositions(tb, g, n)
	}
	return frames
}

// visonePositions returns the centre of each node's box in g by actor.
func visonePositions(tb testing.TB, g graphML, n int) map[model.ID]model.Point {
	tb.Helper()
	var idKey string
	for _, k := range g.Keys {
		if k.For == "node" && k.Name == "id" {
			idKey = k.ID
		}
	}
	if idKey == "" {
		tb.Fatal("graphml: no node key named id")
	}
	pos := make(map[model.ID]model.Point, n)
	for _, node := range g.Nodes {
		index := -1
		var centre *model.Point
		for _, d := range node.Data {
			if d.Key == idKey {
				i, err := strconv.Atoi(strings.TrimSpace(d.Text))
				if err != nil {
					tb.Fatalf("graphml: node index: %v", err)
				}
				index = i
			}
			if geo := d.Geometry; geo != nil {
				centre = &model.Point{X: geo.X + geo.W/2, Y: geo.Y + geo.H/2}
			}
		}
		if index < 0 || index >= n || centre == nil {
			tb.Fatalf("graphml: node with index %d of %d, geometry %v", index, n, centre)
		}
		pos[model.ID(index+1)] = *centre
	}
	if len(pos) != n {
		tb.Fatalf("graphml: %d nodes, want %d", len(pos), n)
	}
	return pos
}

// scoreDynamic scores the positions frames(s) of the slices s = 0..slices-1
// of m (slice s on day0+s) with layout.DynamicScores: mean normalized stress
// with one scale for all slices, and mean movement between consecutive
// visoneFrame returns visone's positions of slice s.
func (d dynamicData) visoneFrame(s int) map[model.ID]model.Point { return d.visone[s] }

// slices as a share of the diameter.
func scoreDynamic(m *model.Map, slices int, frames func(s int) map[model.ID]model.Point) (stress, movement float64) {
	snaps := make([]model.Snapshot, slices)
	pos := make([]map[model.ID]model.Point, slices)
	for s := range slices {
		snaps[s] = m.Snapshot(day0 + model.Day(s))
		pos[s] = frames(s)
	}
	return layout.DynamicScores(snaps, pos)
}

// relmapLayout lays m out with relmap's engine at stability st, with
// visone's 30×30 node boxes.
func relmapLayout(m *model.Map, st float64) *layout.Timeline {
	return layout.Compute(m, layout.Options{Stability: st, Box: nodeBox})
}

// timelineFrames returns the positions of slice s in tl.
func timelineFrames(tl *layout.Timeline) func(s int) map[model.ID]model.Point {
	return func(s int) map[model.ID]model.Point { return tl.At(day0 + model.Day(s)).Pos }
}

func TestDynamicLoaderMakesOneSnapshotPerSlice(t *testing.T) {
	t.Parallel()
	for _, ds := range dynamicSets {
		t.Run(ds.name, func(t *testing.T) {
			t.Parallel()
			d := loadDynamic(t, ds.name)
			if got, want := d.slices, ds.slices; got != want {
				t.Fatalf("slices: got %d, want %d", got, want)
			}
			if got, want := len(d.m.Actors), ds.nodes; got != want {
				t.Fatalf("actors: got %d, want %d", got, want)
			}
			ties := 0
			for s := range d.slices {
				snap := d.m.Snapshot(day0 + model.Day(s))
				if got, want := len(snap.Actors), ds.nodes; got != want {
					t.Errorf("slice %d: %d actors, want %d", s, got, want)
				}
				ties += len(snap.Ties)
				if got, want := len(d.visone[s]), ds.nodes; got != want {
					t.Errorf("slice %d: visone places %d actors, want %d", s, got, want)
				}
			}
			if got, want := ties, len(d.m.Ties); got != want {
				t.Errorf("ties over all snapshots: got %d, want each of the map's %d once", got, want)
			}
		})
	}
}

// TestVisoneReferenceScores checks our metrics against published numbers:
// scored with them, visone's reference layout must get the figures that
// datasets/dynamic/README.md gives (rounded there to 0.001 and 0.1%).
func TestVisoneReferenceScores(t *testing.T) {
	t.Parallel()
	for _, ds := range dynamicSets {
		t.Run(ds.name, func(t *testing.T) {
			t.Parallel()
			d := loadDynamic(t, ds.name)
			stress, move := scoreDynamic(d.m, d.slices, d.visoneFrame)
			t.Logf("visone: stress %.4f, movement %.2f%%", stress, 100*move)
			if got, want := stress, ds.stress; math.Abs(got-want) > 0.001 {
				t.Errorf("mean normalized stress: got %.4f, want %.3f", got, want)
			}
			if got, want := move, ds.move; math.Abs(got-want) > 0.001 {
				t.Errorf("mean movement: got %.2f%%, want %.1f%%", 100*got, 100*want)
			}
		})
	}
}

// TestDynamicBeatsVisoneAtDefaultStability holds relmap's layout to the
// project's goal: at the default stability, no more stress and no more
// movement than visone's dynamic layout on every reference data set.
func TestDynamicBeatsVisoneAtDefaultStability(t *testing.T) {
	t.Parallel()
	for _, ds := range dynamicSets {
		t.Run(ds.name, func(t *testing.T) {
			t.Parallel()
			d := loadDynamic(t, ds.name)
			vStress, vMove := scoreDynamic(d.m, d.slices, d.visoneFrame)
			tl := relmapLayout(d.m, layout.DefaultStability)
			stress, move := scoreDynamic(d.m, d.slices, timelineFrames(tl))
			t.Logf("relmap %.4f / %.2f%%, visone %.4f / %.2f%% (stress / movement)", stress, 100*move, vStress, 100*vMove)
			if stress > vStress {
				t.Errorf("mean normalized stress %.4f, want at most visone's %.4f", stress, vStress)
			}
			if move > vMove {
				t.Errorf("mean movement %.2f%%, want at most visone's %.2f%%", 100*move, 100*vMove)
			}
		})
	}
}

// BenchmarkDynamic lays out each reference data set and reports the scores
// of the result: visone's reference layout (only scored) and relmap's at
// several stabilities.
func BenchmarkDynamic(b *testing.B) {
	for _, ds := range dynamicSets {
		b.Run("data="+ds.name, func(b *testing.B) {
			d := loadDynamic(b, ds.name)
			b.Run("method=visone", func(b *testing.B) {
				var stress, move float64
				for b.Loop() {
					stress, move = scoreDynamic(d.m, d.slices, d.visoneFrame)
				}
				b.ReportMetric(stress, "stress")
				b.ReportMetric(100*move, "move%")
			})
			b.Run("method=relmap", func(b *testing.B) {
				for _, st := range []float64{0.1, 0.3, layout.DefaultStability, 0.7, 0.9} {
					b.Run(fmt.Sprintf("stability=%.2f", st), func(b *testing.B) {
						var tl *layout.Timeline
						for b.Loop() {
							tl = relmapLayout(d.m, st)
						}
						stress, move := scoreDynamic(d.m, d.slices, timelineFrames(tl))
						b.ReportMetric(stress, "stress")
						b.ReportMetric(100*move, "move%")
					})
				}
			})
		})
	}
}

func TestDynamicMovement(t *testing.T) {
	t.Parallel()
	ties := func(pairs ...[2]model.ID) []model.Tie {
		var out []model.Tie
		for _, p := range pairs {
			out = append(out, model.Tie{From: p[0], To: p[1]})
		}
		return out
	}
	actors := []model.Actor{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}}
	path := model.Snapshot{Actors: actors, Ties: ties([2]model.ID{1, 2}, [2]model.ID{2, 3})}
	line := map[model.ID]model.Point{1: {X: 0}, 2: {X: 5}, 3: {X: 10}, 4: {X: 100}}
	shift := func(pos map[model.ID]model.Point, dx, dy float64) map[model.ID]model.Point {
		out := map[model.ID]model.Point{}
		for id, p := range pos {
			out[id] = model.Point{X: p.X + dx, Y: p.Y + dy}
		}
		return out
	}
	scale := func(pos map[model.ID]model.Point, k float64) map[model.ID]model.Point {
		out := map[model.ID]model.Point{}
		for id, p := range pos {
			out[id] = model.Point{X: k * p.X, Y: k * p.Y}
		}
		return out
	}
	tests := []struct {
		name       string
		prev, next model.Snapshot
		a, b       map[model.ID]model.Point
		want       float64
	}{
		{"when nothing moves, should be 0", path, path, line, line, 0},
		{"when all shift by 5 on a diameter of 10, should be a half (the isolated actor does not count)", path, path, line, shift(line, 3, 4), 0.5},
		{"when both frames are scaled alike, should not change", path, path, scale(line, 7), scale(shift(line, 3, 4), 7), 0.5},
		{"when one actor loses its ties, should leave it out", path, model.Snapshot{Actors: actors, Ties: ties([2]model.ID{1, 2})},
			line, map[model.ID]model.Point{1: {X: 2}, 2: {X: 7}, 3: {X: 50}, 4: {X: 100}}, 2.0 / 5},
		{"when fewer than two actors are present in both, should be 0", path, model.Snapshot{Actors: actors, Ties: ties([2]model.ID{3, 4})}, line, shift(line, 1, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, want := layout.DynamicMovement(tt.prev, tt.next, tt.a, tt.b), tt.want; math.Abs(got-want) > 1e-12 {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestDynamicScoresUseOneScaleForAllFrames(t *testing.T) {
	t.Parallel()
	actors := []model.Actor{{ID: 1}, {ID: 2}, {ID: 3}}
	snap := model.Snapshot{Actors: actors, Ties: []model.Tie{{From: 1, To: 2}, {From: 2, To: 3}}}
	exact := map[model.ID]model.Point{1: {X: 0}, 2: {X: 1}, 3: {X: 2}}
	double := map[model.ID]model.Point{1: {X: 0}, 2: {X: 2}, 3: {X: 4}}
	tests := []struct {
		name       string
		frames     []map[model.ID]model.Point
		wantScale  float64
		wantStress float64
	}{
		{"when every frame is exact, should score 0", []map[model.ID]model.Point{exact, exact}, 1, 0},
		{"when every frame is twice too big, should scale by a half and score 0", []map[model.ID]model.Point{double, double}, 0.5, 0},
		// One α for both: α = Σe/d / Σe²/d² = (3+6) / (3+12) = 0.6, so
		// the exact frame scores 0.4² = 0.16 per pair and the double one 0.2² = 0.04.
		{"when the frames differ in scale, should score both at one scale", []map[model.ID]model.Point{exact, double}, 0.6, 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			snaps := []model.Snapshot{snap, snap}
			if got, want := layout.StressScale(snaps, tt.frames), tt.wantScale; math.Abs(got-want) > 1e-12 {
				t.Errorf("scale: got %v, want %v", got, want)
			}
			if got, _ := layout.DynamicScores(snaps, tt.frames); math.Abs(got-tt.wantStress) > 1e-12 {
				t.Errorf("stress: got %v, want %v", got, tt.wantStress)
			}
		})
	}
}

// datedRandomMap is randomMap(n, seed) with every tie in force for part of
// 25 days from day0: a random span of 1 to 25 days (churn), or with long
// set, one that starts in the first 5 days and lasts 20 to 25.
func datedRandomMap(n int, seed uint64, long bool) (*model.Map, int) {
	const days = 25
	m := randomMap(n, seed)
	x := seed
	next := func(k int) int { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return int(x % uint64(k)) }
	for i := range m.Ties {
		start, length := next(days), 1+next(days)
		if long {
			start, length = next(5), 20+next(6)
		}
		end := min(days, start+length)
		m.Ties[i].Span = model.Span{Start: model.DateOfDay(day0 + model.Day(start)), End: model.DateOfDay(day0 + model.Day(end))}
	}
	return m, days
}

// BenchmarkDynamicGenerated reports the dynamic scores at the default
// stability on dated random maps of growing size, to show how the setting
// carries over from the small reference data sets to bigger maps.
func BenchmarkDynamicGenerated(b *testing.B) {
	for _, long := range []bool{false, true} {
		for _, n := range []int{60, 270, 600} {
			b.Run(fmt.Sprintf("ties=%s/n=%d", map[bool]string{false: "churn", true: "long"}[long], n), func(b *testing.B) {
				m, days := datedRandomMap(n, uint64(n), long)
				var tl *layout.Timeline
				for b.Loop() {
					tl = relmapLayout(m, layout.DefaultStability)
				}
				stress, move := scoreDynamic(m, days, timelineFrames(tl))
				b.ReportMetric(stress, "stress")
				b.ReportMetric(100*move, "move%")
			})
		}
	}
}
