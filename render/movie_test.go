package render_test

import (
	"bytes"
	"context"
	"image"
	"image/gif"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"relmap/model"
	"relmap/render"
)

func days(t *testing.T, s ...string) []model.Day {
	t.Helper()
	var out []model.Day
	for _, d := range s {
		day, err := model.ParseDay(d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, day)
	}
	return out
}

// TestAnimationDates: by event an animation stops at each event's date
// between its ends; by month at each month; a span backwards or too
// finely cut is refused.
func TestAnimationDates(t *testing.T) {
	m, _, _ := setup(t)
	ends := days(t, "2024-04-04", "2024-04-07")
	got, err := render.AnimationDates(m, ends[0], ends[1], render.StepEvent)
	if want := days(t, "2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"); err != nil || !slices.Equal(got, want) {
		t.Errorf("by event: %v, %v; want %v", got, err, want)
	}
	ends = days(t, "2023-11-15", "2024-02-01")
	got, err = render.AnimationDates(m, ends[0], ends[1], render.StepMonth)
	if want := days(t, "2023-11-15", "2023-12-15", "2024-01-15", "2024-02-01"); err != nil || !slices.Equal(got, want) {
		t.Errorf("by month: %v, %v; want %v", got, err, want)
	}
	if _, err := render.AnimationDates(m, ends[1], ends[0], render.StepDay); err == nil {
		t.Error("an animation backwards was accepted")
	}
	far := days(t, "1900-01-01", "2024-01-01")
	if _, err := render.AnimationDates(m, far[0], far[1], render.StepDay); err == nil {
		t.Error("an animation of 45,000 days was accepted")
	}
}

// animation is the default map's 4 to 7 April 2024, by event, at w×h.
func animation(t *testing.T, w, h int) render.Animation {
	return render.Animation{Dates: days(t, "2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"),
		FPS: 25, Hold: time.Second, Move: 700 * time.Millisecond, W: w, H: h, Theme: render.Light}
}

// TestGIFFramesAndTiming: the GIF of 4 to 7 April plays as long as its
// frames say, rests included, at 4 hundredths a frame, starts with a whole
// picture, stores only changes after, and keeps the ground exact.
func TestGIFFramesAndTiming(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	a := animation(t, 640, 400)
	if a.Frames() != 4*25+3*18 {
		t.Fatalf("%d frames, want 4 rests of 25 and 3 transitions of 18", a.Frames())
	}
	var buf bytes.Buffer
	var last, calls int
	progress := func(done, total int) { last, calls = done, calls+1 }
	if err := r.WriteGIF(context.Background(), &buf, m, tl, a, progress); err != nil {
		t.Fatal(err)
	}
	if last != a.Frames() || calls != 4+3*18 {
		t.Errorf("progress said %d frames done in %d calls, want %d in %d", last, calls, a.Frames(), 4+3*18)
	}
	g, err := gif.DecodeAll(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var total int
	for _, d := range g.Delay {
		total += d
	}
	if total != a.Frames()*4 {
		t.Errorf("the GIF plays %d hundredths, want %d (%d frames at 25 a second)", total, a.Frames()*4, a.Frames())
	}
	if len(g.Image) < 4 || len(g.Image) > a.Frames() {
		t.Errorf("%d GIF frames for %d animation frames", len(g.Image), a.Frames())
	}
	if b := g.Image[0].Bounds(); b.Dx() != 640 || b.Dy() != 400 {
		t.Errorf("the first frame is %v, want the whole 640×400", b)
	}
	smaller := 0
	for _, img := range g.Image[1:] {
		if b := img.Bounds(); b.Dx()*b.Dy() < 640*400 {
			smaller++
		}
	}
	if smaller == 0 {
		t.Error("no frame stores only what changed")
	}
	if r, gg, b, _ := g.Image[0].Palette[0].RGBA(); r>>8 != 0xfa || gg>>8 != 0xfa || b>>8 != 0xf8 {
		t.Errorf("the palette's first colour is (%d, %d, %d), want the ground exact", r>>8, gg>>8, b>>8)
	}
	if got := g.Image[0].ColorIndexAt(3, 390); got != 0 {
		t.Errorf("the ground is drawn with colour %d, not the exact ground", got)
	}
}

// TestPNGFramesAndCancel: the PNG frames are one file a frame, numbered; a
// folder with files is refused; a cancelled animation stops.
func TestPNGFramesAndCancel(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	a := animation(t, 320, 200)
	a.FPS, a.Hold, a.Move = 5, 400*time.Millisecond, 400*time.Millisecond
	dir := filepath.Join(t.TempDir(), "frames")
	if err := r.WriteFrames(context.Background(), dir, m, tl, a, nil); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "frame-*.png"))
	if err != nil || len(files) != a.Frames() {
		t.Errorf("%d frame files, want %d", len(files), a.Frames())
	}
	if _, err := os.Stat(filepath.Join(dir, "frame-00001.png")); err != nil {
		t.Error(err)
	}
	if err := r.WriteFrames(context.Background(), dir, m, tl, a, nil); err == nil {
		t.Error("frames written into a folder that holds files")
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err = r.Play(ctx, m, tl, a, func(_ *image.RGBA, _ int) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	}, nil)
	if err == nil || n != 3 {
		t.Errorf("cancelled after 3 frames: %d frames drawn, error %v", n, err)
	}
}

// TestMP4 makes an MP4 when ffmpeg is installed.
func TestMP4(t *testing.T) {
	if render.FFmpeg() == "" {
		t.Skip("ffmpeg is not installed; relmap makes MP4s only with it (Debian: ffmpeg)")
	}
	m, r, tl := setup(t)
	a := animation(t, 320, 200)
	a.FPS = 5
	var buf bytes.Buffer
	if err := r.WriteMP4(context.Background(), &buf, m, tl, a, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes()[:64], []byte("ftyp")) {
		t.Errorf("the MP4 (%d bytes) has no ftyp box", buf.Len())
	}
}

// BenchmarkGIF60 exports a 60-frame GIF at 1280×720: the default map from
// 4 to 7 April 2024, 10 frames a second.
func BenchmarkGIF60(b *testing.B) {
	m, r, tl := setup(b)
	a := render.Animation{Dates: []model.Day{}, FPS: 10, Hold: 600 * time.Millisecond, Move: 1200 * time.Millisecond, W: 1280, H: 720}
	for _, d := range []string{"2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"} {
		day, _ := model.ParseDay(d)
		a.Dates = append(a.Dates, day)
	}
	if a.Frames() != 60 {
		b.Fatalf("%d frames", a.Frames())
	}
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := r.WriteGIF(context.Background(), &buf, m, tl, a, nil); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}

// TestSmallMultiples: four dates in two columns, each panel titled with
// its date and events, one legend, the SVG as the PNG; the dates are read
// from events, a step or a list.
func TestSmallMultiples(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	got, err := render.MultiplesDates(m, "events", days(t, "2024-04-04")[0], days(t, "2024-04-07")[0])
	if want := days(t, "2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"); err != nil || !slices.Equal(got, want) {
		t.Errorf("events: %v, %v; want %v", got, err, want)
	}
	span := days(t, "2023-11-01", "2024-04-30")
	want := days(t, "2023-11-01", "2024-01-01", "2024-03-01", "2024-04-30")
	if got, err := render.MultiplesDates(m, "2m", span[0], span[1]); err != nil || !slices.Equal(got, want) {
		t.Errorf("every 2 months from %v to %v: %v, %v; want %v, the end too", span[0], span[1], got, err, want)
	}
	for bad, why := range map[string]string{
		"2024-13-01":            "the month must be 01 to 12",
		"2024-04-01,2024-13-05": "the month must be 01 to 12",
		"weekly":                "want events, a step",
		"0m":                    "want events, a step",
	} {
		if _, err := render.MultiplesDates(m, bad, span[0], span[1]); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: %v, want it refused as %q", bad, err, why)
		}
	}
	if _, err := render.MultiplesDates(m, "1m", 0, 0); err == nil {
		t.Error("every month without a span accepted")
	}
	mu := render.Multiples{Dates: days(t, "2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"), Columns: 2, W: 1600, H: 1000}
	var svg, pngData bytes.Buffer
	if err := r.WriteMultiples(&svg, render.SVG, m, tl, mu, 0); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMultiples(&pngData, render.PNG, m, tl, mu, 0); err != nil {
		t.Fatal(err)
	}
	doc := svg.String()
	for _, want := range []string{">4 April 2024<", ">5 April 2024<", ">6 April 2024<", ">7 April 2024<", ">4 April 2024 – 7 April 2024<", "Mexico grants Glas asylum"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the small multiples have no %q", want)
		}
	}
	if n := strings.Count(doc, ">Actors<"); n != 1 {
		t.Errorf("%d legends, want one", n)
	}
	if n := strings.Count(doc, `data-name="Jorge Glas"`); n != 4 {
		t.Errorf("Jorge Glas is drawn %d times, want once a panel", n)
	}
	if _, err := exec.LookPath("rsvg-convert"); err == nil {
		dir := t.TempDir()
		src, out := filepath.Join(dir, "m.svg"), filepath.Join(dir, "m.png")
		if err := os.WriteFile(src, svg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command("rsvg-convert", "-o", out, src).CombinedOutput(); err != nil {
			t.Fatalf("rsvg-convert: %v: %s", err, msg)
		}
		want, err := png.Decode(&pngData)
		if err != nil {
			t.Fatal(err)
		}
		if d := looksLike(readPNG(t, out), want); d != "" {
			t.Errorf("the SVG small multiples rasterised: %s", d)
		}
	}
	mu.Columns, mu.W, mu.H = 6, 400, 300
	if err := r.WriteMultiples(&svg, render.SVG, m, tl, mu, 0); err == nil {
		t.Error("four panels of 50 pixels accepted")
	}
}

// TestMonthlyStepsDoNotDrift: a month after 31 January is the last of
// February, and the next the 31st of March again.
func TestMonthlyStepsDoNotDrift(t *testing.T) {
	m, _, _ := setup(t)
	ends := days(t, "2024-01-31", "2024-05-15")
	got, err := render.AnimationDates(m, ends[0], ends[1], render.StepMonth)
	if want := days(t, "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-15"); err != nil || !slices.Equal(got, want) {
		t.Errorf("by month: %v, %v; want %v", got, err, want)
	}
	leap := days(t, "2024-02-29", "2026-06-01")
	got, err = render.MultiplesDates(m, "1y", leap[0], leap[1])
	if want := days(t, "2024-02-29", "2025-02-28", "2026-02-28", "2026-06-01"); err != nil || !slices.Equal(got, want) {
		t.Errorf("every year: %v, %v; want %v", got, err, want)
	}
}
