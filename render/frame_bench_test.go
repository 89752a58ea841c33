package render_test

import (
	"fmt"
	"image"
	"math"
	"math/rand"
	"runtime"
	"syscall"
	"testing"
	"time"

	"relmap/assets"
	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// bigScene is a generated map of n actors and m ties as after a layout:
// actors on a jittered grid 170 units apart (the layout's tie length);
// with short ties each tie joins an actor to one of its nearest
// neighbours, with long ties it joins two actors chosen at random (a map
// before layout, or a star). Kinds come from the default catalogue; every
// tenth tie is directed; a fifth are dashed ("severed").
func bigScene(n, m int, long bool, seed int64) (*model.Map, render.Frame) {
	rng := rand.New(rand.NewSource(seed))
	side := int(math.Ceil(math.Sqrt(float64(n))))
	mp := &model.Map{Name: fmt.Sprintf("%d actors", n)}
	pos := make(map[model.ID]model.Point, n)
	actorKinds := []string{"country", "official", "mission", "organisation"}
	tieKinds := []string{"relations", "ambassador", "embassy-of", "severed", "member"}
	for i := 0; i < n; i++ {
		id := model.ID(i + 1)
		mp.Actors = append(mp.Actors, model.Actor{ID: id, Name: fmt.Sprintf("Actor %d", i+1), Kind: actorKinds[i%len(actorKinds)]})
		pos[id] = model.Point{
			X: float64(i%side)*170 + rng.Float64()*60,
			Y: float64(i/side)*170 + rng.Float64()*60,
		}
	}
	for t := 0; t < m; t++ {
		a := rng.Intn(n)
		var b int
		if long {
			b = rng.Intn(n)
		} else {
			// A neighbour within two places on the grid, across rows
			// but never around the end of one.
			dx, dy := 0, 0
			for dx == 0 && dy == 0 {
				dx, dy = rng.Intn(5)-2, rng.Intn(5)-2
			}
			col := min(max(a%side+dx, 0), side-1)
			row := min(max(a/side+dy, 0), (n-1)/side)
			b = min(row*side+col, n-1)
		}
		if a == b {
			b = (a + 1) % n
		}
		mp.Ties = append(mp.Ties, model.Tie{
			ID: model.ID(t + 1), From: model.ID(a + 1), To: model.ID(b + 1),
			Kind: tieKinds[t%len(tieKinds)], Directed: t%10 == 0,
		})
	}
	return mp, render.Frame{Snap: model.Snapshot{Actors: mp.Actors, Ties: mp.Ties}, Pos: pos}
}

// BenchmarkFrame is the whole frame, scene to pixels, at 1920×1080 on
// generated maps with short and with long ties: fitted to the whole map;
// zoomed to 1 on its middle; fitted with an actor selected (the rest
// faded, its ties and their labels drawn over them); and, with short
// ties, zoomed to 0.5 with every tie labelled (960 labels placed: those of
// the 1,435 ties on screen that find room). Each reports, besides the
// time a frame takes once the scene is on show, the processor time of all
// cores a frame (cpu-ms) and the time of the scene's first frame
// (first-ms). scripts/bench-render.sh prints them as a table.
func BenchmarkFrame(b *testing.B) {
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []struct{ actors, ties int }{{10000, 50000}, {100000, 200000}} {
		for _, long := range []bool{false, true} {
			mp, f := bigScene(size.actors, size.ties, long, 1)
			ties := "short"
			if long {
				ties = "long"
			}
			minX, minY, maxX, maxY, _ := render.FrameBounds(f.Pos, func(model.ID) layout.Size { return layout.Size{W: 100, H: 50} })
			fitted := render.Fit(minX, minY, maxX, maxY, 1920, 1080, 1)
			views := map[string]render.View{
				"fitted":   fitted,
				"zoom1":    {CX: (minX + maxX) / 2, CY: (minY + maxY) / 2, Zoom: 1, UIScale: 1},
				"selected": fitted,
				"labelled": {CX: (minX + maxX) / 2, CY: (minY + maxY) / 2, Zoom: 0.5, UIScale: 1},
			}
			for _, name := range []string{"fitted", "zoom1", "selected", "labelled"} {
				if size.actors > 10000 && name != "fitted" || long && name == "labelled" {
					continue
				}
				v := views[name]
				var selected model.ID
				if name == "selected" {
					selected = model.ID(size.actors / 2)
				}
				b.Run(fmt.Sprintf("actors=%d/ties=%d/%s/%s", size.actors, size.ties, ties, name), func(b *testing.B) {
					s := render.NewScene(mp, f, 0, selected)
					s.TieLabels = name == "labelled"
					// Each frame is painted over the last, as the window
					// paints its pictures.
					img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
					// The scene's first frame indexes it (its ties' ends
					// and styles, its actors' boxes), once: it is timed
					// on its own, as what a new date costs, so that the
					// frames timed are those of panning and zooming, and
					// their time does not depend on how many are drawn.
					start := time.Now()
					r.DrawOn(img, s, v)
					first := time.Since(start)
					// The garbage of making the map, the scene and its
					// index is collected now, not while the frames are
					// timed: a pan or a zoom has none of it. Without
					// this, the first four of 20 frames were once seen
					// to take twice as long as the rest.
					runtime.GC()
					cpu := cpuTime()
					for b.Loop() {
						r.DrawOn(img, s, v)
					}
					// The processor time of all cores, a steadier figure
					// than the time on the clock on a shared machine.
					b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
					b.ReportMetric(float64(first)/float64(time.Millisecond), "first-ms")
				})
			}
		}
	}
}

// BenchmarkNewScene builds the scene of a 10,000-actor, 50,000-tie frame,
// as a change of date does.
func BenchmarkNewScene(b *testing.B) {
	mp, f := bigScene(10000, 50000, false, 1)
	b.ReportAllocs()
	for b.Loop() {
		render.NewScene(mp, f, 0, 0)
	}
}

// BenchmarkHitTestTie finds the tie under a click on a 10,000-actor,
// 50,000-tie map fitted at 1920×1080 (it plans the ties as drawn).
func BenchmarkHitTestTie(b *testing.B) {
	r, err := render.New(assets.FontRegular, assets.FontBold)
	if err != nil {
		b.Fatal(err)
	}
	mp, f := bigScene(10000, 50000, false, 1)
	s := render.NewScene(mp, f, 0, 0)
	minX, minY, maxX, maxY, _ := render.FrameBounds(f.Pos, func(model.ID) layout.Size { return layout.Size{W: 100, H: 50} })
	v := render.Fit(minX, minY, maxX, maxY, 1920, 1080, 1)
	for b.Loop() {
		r.HitTestTie(s, v, 1920, 1080, 800, 500)
	}
}

// cpuTime is the processor time the process has used, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
