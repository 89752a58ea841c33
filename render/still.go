package render

import (
	"context"
	"fmt"
	"image"

	"relmap/layout"
	"relmap/model"
)

// Framing says what a still picture is fitted to.
type Framing int

const (
	// FrameDate fits the actors shown on the picture's date.
	FrameDate Framing = iota
	// FrameAll fits every actor of every date, so that the picture does
	// not move as the date does.
	FrameAll
)

// ParseFraming reads "date" or "all".
func ParseFraming(s string) (Framing, error) {
	switch s {
	case "date":
		return FrameDate, nil
	case "all":
		return FrameAll, nil
	}
	return 0, fmt.Errorf("framing %q: want date or all", s)
}

// FitTimeline returns the view that shows every actor of every frame of tl
// in a w×h picture, so that the picture does not jump as the date moves.
func (r *Renderer) FitTimeline(m *model.Map, tl *layout.Timeline, w, h int, ui float64) View {
	box := r.boxOf(m)
	r.mu.Lock()
	minX, minY, maxX, maxY := Bounds(tl, box)
	r.mu.Unlock()
	return Fit(minX, minY, maxX, maxY, w, h, ui)
}

// FitDate returns the view that shows the actors of tl's frame on day in a
// w×h picture; with none shown, the whole timeline.
func (r *Renderer) FitDate(m *model.Map, tl *layout.Timeline, day model.Day, w, h int, ui float64) View {
	box := r.boxOf(m)
	// m's actors only: a map the filter thins (see the window's) frames
	// what it shows.
	all := tl.At(day).Pos
	pos := make(map[model.ID]model.Point, len(all))
	for _, a := range m.Actors {
		if p, ok := all[a.ID]; ok {
			pos[a.ID] = p
		}
	}
	r.mu.Lock()
	minX, minY, maxX, maxY, ok := FrameBounds(pos, box)
	r.mu.Unlock()
	if !ok {
		return r.FitTimeline(m, tl, w, h, ui)
	}
	return Fit(minX, minY, maxX, maxY, w, h, ui)
}

// FitView returns the view of day in a w×h picture framed as f says.
func (r *Renderer) FitView(m *model.Map, tl *layout.Timeline, day model.Day, f Framing, w, h int, ui float64) View {
	if f == FrameAll {
		return r.FitTimeline(m, tl, w, h, ui)
	}
	return r.FitDate(m, tl, day, w, h, ui)
}

// boxOf returns the box size of each actor of m by ID; the sizes are measured when
// asked, with r.mu held.
func (r *Renderer) boxOf(m *model.Map) func(model.ID) layout.Size {
	labels := make(map[model.ID]string, len(m.Actors))
	for _, a := range m.Actors {
		labels[a.ID] = actorLabel(a)
	}
	return func(id model.ID) layout.Size { return r.boxSize(labels[id]) }
}

// Still draws m as of day, laid out by tl and framed as f says, into a
// w×h image: what `relmap render` writes.
func (r *Renderer) Still(m *model.Map, tl *layout.Timeline, day model.Day, f Framing, w, h int) *image.RGBA {
	s, v := r.StillScene(m, tl, day, f, w, h)
	return r.Draw(s, v, w, h)
}

// LayoutOptions returns the options of the layout that every picture of a
// map drawn by r is made from, on screen or exported: boxes sized for r's
// labels, and stability, a user's setting from 0 (every date its own best
// picture) to 1 (nothing ever moves; layout.DefaultStability is the
// default). It returns an error for a stability outside [0, 1].
func (r *Renderer) LayoutOptions(stability float64) (layout.Options, error) {
	s, err := layout.Stability(stability)
	if err != nil {
		return layout.Options{}, err
	}
	return layout.Options{Stability: s, Box: r.ActorBox}, nil
}

// Layout lays m out for drawing, with r.LayoutOptions(stability). With old,
// the timeline of an earlier version of m laid out at the same stability,
// frames that the change cannot reach are reused and the others start from
// old's positions (see layout.Recompute); with old nil the result depends
// only on m and stability. It returns ctx's error (wrapped) when ctx is
// done first, and an error for a stability outside [0, 1].
func (r *Renderer) Layout(ctx context.Context, m *model.Map, stability float64, old *layout.Timeline) (*layout.Timeline, error) {
	return r.LayoutProgress(ctx, m, stability, old, nil)
}

// LayoutProgress is Layout that tells progress, when not nil, how many
// dates of how many are laid out, from the computing goroutine.
func (r *Renderer) LayoutProgress(ctx context.Context, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int)) (*layout.Timeline, error) {
	return r.LayoutPreviewing(ctx, m, stability, old, progress, nil)
}

// LayoutPreviewing is LayoutProgress that also gives preview, when not
// nil, a first picture of the map before its dates are laid out (see
// layout.Options.Preview), from the computing goroutine.
func (r *Renderer) LayoutPreviewing(ctx context.Context, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	opt.Progress, opt.Preview = progress, preview
	tl, err := layout.Recompute(ctx, m, opt, old)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	return tl, nil
}

// Adjust lays m out after an edit holding old's picture still (see
// layout.Adjust), telling progress as LayoutProgress does.
func (r *Renderer) Adjust(ctx context.Context, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int)) (*layout.Timeline, error) {
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	opt.Progress = progress
	tl, err := layout.Adjust(ctx, m, opt, old)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	return tl, nil
}

// Described is layout.Described with r.LayoutOptions(stability): tl, the
// timeline of m at that stability, knowing each of its dates' own events
// when it was kept without them, so that a later edit moves the dates
// after it only near what it changed.
func (r *Renderer) Described(m *model.Map, stability float64, tl *layout.Timeline) *layout.Timeline {
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		return tl
	}
	return layout.Described(tl, m, opt)
}

// Rebox is layout.Rebox, or else layout.Prune, with
// r.LayoutOptions(stability): old, the timeline of was at that stability,
// held still for m, a version of was that differs from it only in its
// actors' boxes (a new name, a new kind) or its pins (a dragged actor), or
// that lacks some of its actors, ties or events (a delete); ok is false,
// and nothing is done, when m differs from was in more. progress, when
// not nil, is told how many of the dates are done.
func (r *Renderer) Rebox(ctx context.Context, was, m *model.Map, stability float64, old *layout.Timeline, progress func(done, total int)) (tl *layout.Timeline, ok bool, err error) {
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		return nil, false, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	opt.Progress = progress
	tl, ok, err = layout.Rebox(ctx, was, m, opt, old)
	if err == nil && !ok {
		tl, ok, err = layout.Prune(ctx, was, m, opt, old)
	}
	if err != nil {
		return nil, false, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	return tl, ok, nil
}

// LayoutKey names the layout of m at stability drawn by r (see
// layout.Key); it panics on a stability outside [0, 1].
func (r *Renderer) LayoutKey(m *model.Map, stability float64) string {
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		panic("render: " + err.Error())
	}
	return layout.Key(m, opt)
}

// KeptLayout returns the layout kept in c. fresh reports whether it was
// kept under key, the LayoutKey of the map as it is now; a stale one is
// still returned, as the start of a new layout (see Layout's old). tl is
// nil when c keeps none, or one that does not decode.
func (r *Renderer) KeptLayout(ctx context.Context, key string, c model.LayoutCache) (tl *layout.Timeline, fresh bool, err error) {
	kept, data, err := c.Layout(ctx)
	if err != nil || kept == "" {
		return nil, false, err
	}
	tl = new(layout.Timeline)
	if tl.UnmarshalBinary(data) != nil {
		return nil, false, nil // damaged: lay out again
	}
	return tl, kept == key, nil
}

// Keep stores tl in c under key, the LayoutKey of the map and stability
// it was laid out from. The key is the caller's, worked out once: it
// hashes the whole map.
func (r *Renderer) Keep(ctx context.Context, key string, tl *layout.Timeline, c model.LayoutCache) error {
	data, err := tl.MarshalBinary()
	if err != nil {
		return err
	}
	return c.PutLayout(ctx, key, data)
}

// LayoutKept returns m's layout at stability: the one kept in c when it is
// fresh, else a new one, started from the kept one, which it then keeps
// in c. laidOut reports whether any layout work was done. When the new
// layout cannot be kept, tl is returned with the error.
func (r *Renderer) LayoutKept(ctx context.Context, m *model.Map, stability float64, c model.LayoutCache, progress func(done, total int)) (tl *layout.Timeline, laidOut bool, err error) {
	if _, err := layout.Stability(stability); err != nil {
		return nil, false, err
	}
	key := r.LayoutKey(m, stability)
	old, fresh, err := r.KeptLayout(ctx, key, c)
	if err != nil {
		return nil, false, err
	}
	if fresh {
		return old, false, nil
	}
	tl, err = r.LayoutProgress(ctx, m, stability, old, progress)
	if err != nil {
		return nil, true, err
	}
	if err := r.Keep(ctx, key, tl, c); err != nil {
		return tl, true, fmt.Errorf("keep the layout of %q: %w", m.Name, err)
	}
	return tl, true, nil
}
