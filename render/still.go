package render

import (
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

// LayoutOptions are the layout options of every picture this renderer
// draws: boxes sized for its labels, and the given stability (see
// layout.Options; 0 means the default).
func (r *Renderer) LayoutOptions(stability float64) layout.Options {
	return layout.Options{Box: r.ActorBox, Stability: stability}
}

// Layout lays m out with boxes sized for this renderer's labels at the
// default stability: the layout that pictures of m made outside the app
// are drawn from.
func (r *Renderer) Layout(m *model.Map) *layout.Timeline {
	return layout.Compute(m, r.LayoutOptions(0))
}
