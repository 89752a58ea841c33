package layout_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"relmap/layout"
	"relmap/model"
)

// scaleFreeMap makes a Barabási–Albert graph of n actors: each new actor
// ties to two earlier ones chosen in proportion to their degree (average
// degree 4), with no dates.
func scaleFreeMap(n int, seed uint64) *model.Map {
	m := &model.Map{}
	for i := 1; i <= n; i++ {
		m.Actors = append(m.Actors, model.Actor{ID: int64(i), Name: fmt.Sprint(i), Kind: "country"})
	}
	x := seed
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	ends := []int64{1, 2} // every tie's two ends: picking from it picks by degree
	m.Ties = append(m.Ties, model.Tie{ID: 1, Kind: "relations", From: 1, To: 2})
	for i := int64(3); i <= int64(n); i++ {
		a := ends[next()%uint64(len(ends))]
		b := a
		for tries := 0; b == a && tries < 10; tries++ {
			b = ends[next()%uint64(len(ends))]
		}
		for _, to := range []int64{a, b} {
			m.Ties = append(m.Ties, model.Tie{ID: int64(len(m.Ties) + 1), Kind: "relations", From: i, To: to})
			ends = append(ends, i, to)
		}
	}
	return m
}

// benchBox is the box of every actor in the comparison: a small node
// without a label, about the size Graphviz gives shape=point nodes
// (0.05 of an edge length).
func benchBox(model.Actor) layout.Size { return layout.Size{W: 10, H: 10} }

// graphviz lays m out with a Graphviz program (neato -Gmode=major, or sfdp)
// and returns the positions, scaled so that the mean tie is as long as
// relmap's, for the same boxes. It skips b when the program is missing.
func graphviz(b *testing.B, prog string, m *model.Map) map[model.ID]model.Point {
	b.Helper()
	var dot bytes.Buffer
	dot.WriteString("graph G {\nnode [shape=point];\n")
	for _, t := range m.Ties {
		fmt.Fprintf(&dot, "%d -- %d;\n", t.From, t.To)
	}
	dot.WriteString("}\n")
	args := []string{"-Tplain"}
	if prog == "neato" {
		args = append(args, "-Gmode=major")
	}
	cmd := exec.Command(prog, args...)
	cmd.Stdin = &dot
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s: %v", prog, err)
	}
	pos := map[model.ID]model.Point{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || f[0] != "node" {
			continue
		}
		id, _ := strconv.ParseInt(f[1], 10, 64)
		x, _ := strconv.ParseFloat(f[2], 64)
		y, _ := strconv.ParseFloat(f[3], 64)
		pos[id] = model.Point{X: x, Y: y}
	}
	var sum float64
	for _, t := range m.Ties {
		p, q := pos[t.From], pos[t.To]
		sum += math.Hypot(p.X-q.X, p.Y-q.Y)
	}
	s := 170 / (sum / float64(len(m.Ties)))
	for id, p := range pos {
		pos[id] = model.Point{X: p.X * s, Y: p.Y * s}
	}
	return pos
}

// peakMB is the process's peak resident memory so far (VmHWM), in MB, where
// the system reports it.
func peakMB() (float64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseFloat(f[1], 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}

// BenchmarkCompare lays out generated random and scale-free graphs with
// relmap and, when installed, with Graphviz's neato (stress majorization,
// up to 2,000 actors) and sfdp (multilevel force-directed), and reports
// each layout's normalized stress, crossings and overlapping boxes.
// scripts/bench-layout.sh prints the results as one table. Set
// RELMAP_BENCH_MAX to leave out the larger graphs.
func BenchmarkCompare(b *testing.B) {
	maxN := 100000
	if v, err := strconv.Atoi(os.Getenv("RELMAP_BENCH_MAX")); err == nil {
		maxN = v
	}
	graphs := []struct {
		name string
		make func(int, uint64) *model.Map
	}{{"random", randomMap}, {"scale-free", scaleFreeMap}}
	for _, n := range []int{2000, 10000, 100000} {
		if n > maxN {
			continue
		}
		for _, gen := range graphs {
			m := gen.make(n, 42)
			snap := m.Snapshot(0)
			report := func(b *testing.B, pos map[model.ID]model.Point) {
				b.ReportMetric(layout.NormalizedStress(snap, pos), "stress")
				c, est := layout.Crossings(snap, pos)
				unit := "crossings"
				if est {
					unit = "crossings-est"
				}
				b.ReportMetric(float64(c), unit)
				b.ReportMetric(float64(layout.Overlaps(snap, pos, benchBox)), "overlaps")
			}
			prefix := fmt.Sprintf("graph=%s/n=%d/method=", gen.name, n)
			b.Run(prefix+"relmap", func(b *testing.B) {
				var tl *layout.Timeline
				for b.Loop() {
					tl = layout.Compute(m, layout.Options{Box: benchBox})
				}
				report(b, tl.Frames()[0].Pos)
				if mb, ok := peakMB(); ok {
					b.ReportMetric(mb, "peak-MB")
				}
			})
			for _, prog := range []string{"neato", "sfdp"} {
				if prog == "neato" && n > 2000 {
					continue // neato's stress majorization is O(n²) memory and far slower
				}
				b.Run(prefix+prog, func(b *testing.B) {
					if _, err := exec.LookPath(prog); err != nil {
						b.Skipf("%s is not installed (apt-get install graphviz)", prog)
					}
					var pos map[model.ID]model.Point
					for b.Loop() {
						pos = graphviz(b, prog, m)
					}
					report(b, pos)
				})
			}
		}
	}
}
