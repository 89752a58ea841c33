package ui

import (
	"context"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relmap/render"
)

// TestExportAnimation: the dialog's fields make an animation or say which
// is wrong; the export writes the GIF in the background, and Cancel stops
// one and leaves no file.
func TestExportAnimation(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	q := animationRequest{from: "2024-04-04", to: "2024-04-07", step: "event", fps: "10", hold: "0.5", width: "400", height: "300", format: render.GIF, theme: render.Light}
	a, err := q.animation(te.shown())
	if err != nil || len(a.Dates) != 4 || a.W != 400 {
		t.Fatalf("animation: %+v, %v", a, err)
	}
	for _, bad := range []struct{ field, value, says string }{
		{"from", "April", "from"},
		{"to", "2024-04-01", "end must come after"},
		{"fps", "fast", "frames a second"},
		{"fps", "500", "frames a second"},
		{"hold", "-1", "rest"},
		{"hold", "NaN", "rest"},
		{"width", "50", "100 to 16384"},
	} {
		b := q
		switch bad.field {
		case "from":
			b.from = bad.value
		case "to":
			b.to = bad.value
		case "fps":
			b.fps = bad.value
		case "hold":
			b.hold = bad.value
		case "width":
			b.width = bad.value
		}
		if _, err := b.animation(te.shown()); err == nil || !strings.Contains(err.Error(), bad.says) {
			t.Errorf("%s %q: %v, want an error saying %q", bad.field, bad.value, err, bad.says)
		}
	}

	path := filepath.Join(t.TempDir(), "crisis.gif")
	te.inBackgroundCancellable("Exporting", func(ctx context.Context, progress func(done, total int)) (func(), error) {
		return func() {}, writeAnimation(ctx, te.r.Twin(), te.shown(), te.tl, a, render.GIF, path, progress)
	})
	te.jobs.Wait()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if g, err := gif.DecodeAll(f); err != nil || len(g.Image) < 4 {
		t.Errorf("the exported GIF: %v", err)
	}

	cancelled := filepath.Join(t.TempDir(), "cancelled.gif")
	started := make(chan bool)
	te.inBackgroundCancellable("Exporting", func(ctx context.Context, progress func(done, total int)) (func(), error) {
		close(started)
		<-ctx.Done()
		return func() {}, writeAnimation(ctx, te.r.Twin(), te.shown(), te.tl, a, render.GIF, cancelled, progress)
	})
	<-started
	te.cancelJob.OnTapped()
	te.jobs.Wait()
	if _, err := os.Stat(cancelled); !os.IsNotExist(err) {
		t.Errorf("the cancelled export left a file: %v", err)
	}
	if !strings.HasPrefix(te.status.Text, "Cancelled") || te.cancelJob.Visible() {
		t.Errorf("after Cancel the status says %q and Cancel shows %v", te.status.Text, te.cancelJob.Visible())
	}
}
