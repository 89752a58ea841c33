package render

import (
	"context"
	"fmt"
	"image"

	"relmap/layout"
	"relmap/model"
)

// FitTimeline returns the view that shows every actor of every frame of tl
// in a w×h picture, so that the picture does not jump as the date moves.
func (r *Renderer) FitTimeline(m *model.Map, tl *layout.Timeline, w, h int, ui float64) View {
	labels := make(map[model.ID]string, len(m.Actors))
	for _, a := range m.Actors {
		labels[a.ID] = a.Label()
	}
	r.mu.Lock()
	minX, minY, maxX, maxY := Bounds(tl, func(id model.ID) layout.Size { return r.boxSize(labels[id]) })
	r.mu.Unlock()
	return Fit(minX, minY, maxX, maxY, w, h, ui)
}

// Still draws m as of day, laid out by tl and fitted to the whole
// timeline, into a w×h image: what `relmap render` writes.
func (r *Renderer) Still(m *model.Map, tl *layout.Timeline, day model.Day, w, h int) *image.RGBA {
	v := r.FitTimeline(m, tl, w, h, 1)
	s := NewScene(m, FrameAt(m, tl, day), day, 0)
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
	opt, err := r.LayoutOptions(stability)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	tl, err := layout.Recompute(ctx, m, opt, old)
	if err != nil {
		return nil, fmt.Errorf("lay out %q: %w", m.Name, err)
	}
	return tl, nil
}
