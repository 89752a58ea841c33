package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"relmap/layout"
	"relmap/model"
	"relmap/model/sqlite"
	"relmap/render"
)

// layoutFlags are the flags of the commands that lay a map out.
type layoutFlags struct {
	stability *string
	progress  *bool
}

func addLayoutFlags(fs *flag.FlagSet) layoutFlags {
	return layoutFlags{
		stability: stabilityFlag(fs),
		progress:  fs.Bool("progress", false, "report layout progress on stderr even when it is not a terminal"),
	}
}

// laidOutMap is a map with its layout.
type laidOutMap struct {
	m  *model.Map
	r  *render.Renderer
	tl *layout.Timeline
}

// layOutMap loads the map at path (the default map when empty) and returns
// it laid out at the stability of lf. A map file's kept layout is used
// when it is fresh; otherwise the map is laid out, from the kept layout
// where it still holds, and the result is kept in the file for the next
// command (a file that cannot be written is only warned about).
func layOutMap(cmd, path string, lf layoutFlags, stderr io.Writer) (*laidOutMap, error) {
	stability, err := parseStability(cmd, *lf.stability)
	if err != nil {
		return nil, err
	}
	r, err := newRenderer()
	if err != nil {
		return nil, err
	}
	progress := progressReporter(stderr, *lf.progress)
	defer progress.done()
	ctx := context.Background()
	if path == "" {
		m, err := loadMap("")
		if err != nil {
			return nil, err
		}
		tl, err := r.LayoutProgress(ctx, m, stability, nil, progress.report)
		if err != nil {
			return nil, err
		}
		return &laidOutMap{m: m, r: r, tl: tl}, nil
	}
	m, st, err := openMap(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	tl, _, err := r.LayoutKept(ctx, m, stability, st, progress.report)
	if tl == nil {
		return nil, err
	}
	if err != nil {
		fmt.Fprintf(stderr, "relmap: warning: %v\n", err)
	}
	return &laidOutMap{m: m, r: r, tl: tl}, nil
}

// openMap opens the map file at path, which must exist, and reads it.
func openMap(path string) (*model.Map, *sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("map %s: %w", path, err)
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return nil, nil, err
	}
	m, err := st.Load(context.Background())
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return m, st, nil
}

// progressLine writes "laying out: N of M dates" to a terminal, at most a
// few times a second, on one line.
type progressLine struct {
	mu      sync.Mutex
	w       io.Writer
	on      bool
	last    time.Time
	written bool
}

// progressReporter reports to stderr when it is a terminal, or always with
// force.
func progressReporter(stderr io.Writer, force bool) *progressLine {
	return &progressLine{w: stderr, on: force || isTerminal(stderr)}
}

func (p *progressLine) report(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); done == total || now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		fmt.Fprintf(p.w, "\rlaying out: %d of %d dates", done, total)
		p.written = true
	}
}

// done ends the progress line.
func (p *progressLine) done() {
	if p.written {
		fmt.Fprintln(p.w)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
