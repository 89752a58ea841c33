package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/sqlite"
	"relmap/ui"
)

// appID is the desktop application's identity (also in FyneApp.toml).
const appID = "io.relmap.desktop"

// dataDir is where relmap keeps the user's maps: $XDG_DATA_HOME/relmap, or
// ~/.local/share/relmap.
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "relmap"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "relmap"), nil
}

// lastMapFile remembers the map opened last.
func lastMapFile() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find config folder: %w", err)
	}
	return filepath.Join(d, "relmap", "last-map"), nil
}

// chooseMap returns the map to open: path when given, else the last map
// opened, else the user's copy of the default map, made on first run.
func chooseMap(path string) (string, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("open map: %w", err)
		}
		return path, nil
	}
	if last, err := lastMapFile(); err == nil {
		if b, err := os.ReadFile(last); err == nil {
			p := strings.TrimSpace(string(b))
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, assets.DefaultMapFile)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("open map %s: %w", p, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("make data folder: %w", err)
	}
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		return "", fmt.Errorf("default map: %w", err)
	}
	st, err := sqlite.Create(p, m)
	if err != nil {
		return "", err
	}
	return p, st.Close()
}

func rememberMap(path string) {
	last, err := lastMapFile()
	if err != nil {
		return
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(last), 0o755) == nil {
		_ = os.WriteFile(last, []byte(abs+"\n"), 0o644)
	}
}

// openFirstMap opens the map the app starts on: path, else the map opened
// last (see chooseMap). A map named that cannot be opened (a file that is
// no map, double-clicked in a file manager) is refused, and the app opens
// on the map it would open without one: refused says why.
func openFirstMap(path string) (st *sqlite.Store, opened string, refused, err error) {
	open := func(path string) (*sqlite.Store, string, error) {
		chosen, err := chooseMap(path)
		if err != nil {
			return nil, "", err
		}
		st, err := sqlite.Open(chosen)
		return st, chosen, err
	}
	st, opened, err = open(path)
	if err != nil && path != "" {
		refused = err
		st, opened, err = open("")
	}
	return st, opened, refused, err
}

// runApp opens the desktop app on a map and returns when it quits.
func runApp(path string) error {
	// The desktop's language, before the preferences change it (see
	// ui.Setup), for a relmap started again.
	language, hasLanguage := os.LookupEnv("LANGUAGE")
	st, path, refused, err := openFirstMap(path)
	if err != nil {
		return err
	}
	if refused != nil {
		fmt.Fprintln(os.Stderr, "relmap:", refused)
	}
	r, err := newRenderer()
	if err != nil {
		return err
	}

	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if err := ui.Setup(a, r); err != nil {
		return err
	}
	win := a.NewWindow("relmap")
	ed, err := ui.NewEditor(win, st, r, filepath.Base(path))
	if err != nil {
		st.Close()
		return err
	}
	closed := false
	defer func() {
		if !closed {
			ed.Close()
		}
	}()
	appFolder, _ := dataDir() // without one, dialogs start by the map
	ed.SetFiles(&ui.Files{
		Open:      func(p string) (model.Store, error) { return sqlite.Open(p) },
		Create:    func(p string, m *model.Map) (model.Store, error) { return sqlite.Create(p, m) },
		AppFolder: appFolder,
		Opened:    rememberMap, // the map to open next time, without one named
	}, path)
	ed.TakeUpLook() // after a restart in another language
	win.SetContent(ed.Content())
	win.Resize(fyne.NewSize(1400, 880))
	win.SetMaster()

	// Quit cleanly on SIGTERM or SIGINT, so that the store is closed.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
	if log := os.Getenv("RELMAP_LATENCY_LOG"); log != "" {
		// How long the UI keeps the user waiting, for benchmarks: from
		// when its loop runs. A function handed to it before then waits
		// for the window to come up, which is timed on its own.
		ctx, stop := context.WithCancel(context.Background())
		defer stop()
		a.Lifecycle().SetOnStarted(func() {
			go func() {
				probe := &ui.LatencyProbe{Stacks: os.Getenv("RELMAP_LATENCY_STACKS")}
				if err := probe.Run(ctx, log); err != nil {
					fmt.Fprintln(os.Stderr, "relmap: latency log:", err)
				}
			}()
		})
	}
	restart := false
	// The date the map is left on, for the next time it is opened, kept
	// before the preferences are written as the app stops (and before a
	// restart, which opens the map again).
	a.Lifecycle().SetOnStopped(ed.KeepPlace)
	ed.Restart = func() {
		restart = true
		ed.KeepPlace()
		ed.KeepLook()
		a.Quit()
	}
	ed.Welcome()
	if refused != nil {
		ed.ShowError(refused)
	}
	win.ShowAndRun()
	signal.Stop(sig)
	if restart {
		closed = true
		path := ed.Path()
		if err := ed.Close(); err != nil {
			return err
		}
		env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "LANGUAGE=") })
		if hasLanguage {
			env = append(env, "LANGUAGE="+language)
		}
		return startAgain(path, env)
	}
	return nil
}

// startAgain replaces this process with a new relmap on the map at path,
// in the environment env.
func startAgain(path string, env []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("start again: %w", err)
	}
	if err := syscall.Exec(exe, []string{os.Args[0], path}, env); err != nil {
		return fmt.Errorf("start again: %w", err)
	}
	return nil
}
