package main

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDesktopAppStartsShowsTheMapAndQuits runs the real binary under Xvfb
// on a fresh copy of the default map, screenshots the screen with
// ImageMagick's import, checks that the diagram is drawn, and checks that
// SIGTERM makes the app exit cleanly. Set RELMAP_SCREENSHOT to a path to
// keep the screenshot.
func TestDesktopAppStartsShowsTheMapAndQuits(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("end-to-end test needs %s (Debian packages xvfb and imagemagick; scripts/setup.sh --test installs them)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "relmap")
	build := exec.Command("go", "build", "-tags", "x11", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	display := startXvfb(t, dir)
	env := append(os.Environ(), "DISPLAY="+display)
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		p := filepath.Join(dir, v)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+p)
	}

	app := exec.Command(bin)
	app.Env = env
	logFile, err := os.Create(filepath.Join(dir, "app.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	app.Stdout, app.Stderr = logFile, logFile
	start := time.Now()
	if err := app.Start(); err != nil {
		t.Fatalf("start app: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		if app.ProcessState == nil {
			app.Process.Kill()
		}
	}()

	shot := filepath.Join(dir, "shot.png")
	var img image.Image
	deadline := time.Now().Add(60 * time.Second)
	for {
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "app.log"))
			t.Fatalf("no diagram on screen after 60 s; app log:\n%s", log)
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "app.log"))
			t.Fatalf("app exited early: %v\n%s", err, log)
		default:
		}
		img = screenshot(t, display, shot)
		if img != nil && diagramShown(img) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("launch to first frame under Xvfb: %v", time.Since(start).Round(10*time.Millisecond))
	if keep := os.Getenv("RELMAP_SCREENSHOT"); keep != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(keep, b, 0o644)
	}

	// With a second window open (the Table), SIGTERM still ends the app
	// cleanly, the map's file closed.
	if _, err := exec.LookPath("xdotool"); err == nil {
		xdo := func(args ...string) {
			cmd := exec.Command("xdotool", args...)
			cmd.Env = env
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("xdotool %v: %v\n%s", args, err, out)
			}
		}
		xdo("mousemove", "700", "500", "click", "1")
		xdo("key", "ctrl+t")
		tables := exec.Command("xdotool", "search", "--sync", "--name", "Table")
		tables.Env = env
		if out, err := tables.Output(); err != nil || len(out) == 0 {
			t.Fatalf("Ctrl+T opened no Table window: %v", err)
		}
	}
	if err := app.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("signal app: %v", err)
	}
	select {
	case err := <-exited:
		if err != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "app.log"))
			t.Fatalf("app did not exit cleanly: %v\n%s", err, log)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("app did not exit within 20 s of SIGTERM")
	}
	mapFile := filepath.Join(dir, "XDG_DATA_HOME", "relmap", "mexico-ecuador-2024.relmap")
	if _, err := os.Stat(mapFile); err != nil {
		t.Errorf("first run did not copy the default map into the data folder: %v", err)
	}
	// Closed, the map is all in its file: no write-ahead log is left
	// beside it, which copying the file alone would leave behind.
	if fi, err := os.Stat(mapFile + "-wal"); err == nil && fi.Size() > 0 {
		log, _ := os.ReadFile(filepath.Join(dir, "app.log"))
		t.Errorf("after SIGTERM the map's write-ahead log is left beside it (%d bytes); app log:\n%s", fi.Size(), log)
	}
}

// startXvfb starts a virtual X server on a free display and stops it when
// the test ends.
func startXvfb(t *testing.T, dir string) string {
	t.Helper()
	for n := 91; n < 120; n++ {
		if !displayFree(n) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("start Xvfb: %v", err)
		}
		t.Cleanup(func() {
			// Asked to stop, Xvfb removes its socket and lock; killed, it
			// would leave them and the display would look taken.
			x.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { x.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				x.Process.Kill()
				<-done
			}
		})
		for i := 0; i < 50; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("Xvfb on %s did not come up", display)
	}
	t.Fatal("no free X display between :91 and :119")
	return ""
}

// displayFree reports whether X display n can be used: no socket, or the
// socket and lock left by a server that is no longer running (which it
// removes).
func displayFree(n int) bool {
	socket, lock := fmt.Sprintf("/tmp/.X11-unix/X%d", n), fmt.Sprintf("/tmp/.X%d-lock", n)
	if _, err := os.Stat(socket); err != nil {
		return true
	}
	data, err := os.ReadFile(lock)
	if err != nil {
		return false
	}
	var pid int
	if _, err := fmt.Sscan(strings.TrimSpace(string(data)), &pid); err != nil || pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err == nil || errors.Is(err, syscall.EPERM) {
		return false // its server is running
	}
	return os.Remove(socket) == nil && os.Remove(lock) == nil
}

// screenshot captures the whole X screen, or returns nil while that fails.
func screenshot(t *testing.T, display, path string) image.Image {
	t.Helper()
	cmd := exec.Command("import", "-display", display, "-window", "root", path)
	if err := cmd.Run(); err != nil {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil
	}
	return img
}

// diagramShown reports whether the screen shows the diagram: a large area
// of the diagram's ground (light or dark, as the window is), and the
// colours of countries (blue) and officials (orange) from the default map.
func diagramShown(img image.Image) bool {
	var paper, country, official int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r == 0xfa && g == 0xfa && bl == 0xf8, r == 0x1e && g == 0x22 && bl == 0x27: // light or dark ground
				paper++
			case near(r, 0x2f) && near(g, 0x6d) && near(bl, 0xb5):
				country++
			case near(r, 0xc2) && near(g, 0x57) && near(bl, 0x1a):
				official++
			}
		}
	}
	samples := (b.Dx() / 2) * (b.Dy() / 2)
	return paper > samples/5 && country > 50 && official > 50
}

func near(v, want uint32) bool { return v+6 >= want && v <= want+6 }
