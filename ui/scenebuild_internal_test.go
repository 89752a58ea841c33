package ui

import (
	"testing"

	"relmap/model"
	"relmap/render"
)

// On a big map the scenes of new dates are built off the UI goroutine
// and then shown: a date set from the slider, and a staged change, whose
// animation starts when its scenes are built.
func TestBigMapScenesAreBuiltInTheBackground(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.diagram.asyncAt = 1 // the default map counts as big
	te.framing = render.FrameDate
	day := model.MustDate("2023-11-01").First()
	w, h, ui, _, _ := te.diagram.FitFrame()
	fit := te.r.FitView(te.shown(), te.tl, day, render.FrameDate, w, h, ui)
	te.SetDate(day, false)
	te.settle(t)
	if s := te.diagram.Scene(); s == nil || s.At != day {
		t.Fatalf("after the build the scene is of %v, want %v", s.At, day)
	}
	if te.diagram.camera == nil && te.diagram.view != fit {
		t.Errorf("the view is %+v and does not glide to the date's fit %+v", te.diagram.view, fit)
	}
	if !te.diagram.big() {
		t.Error("the diagram does not draw a big map's pictures in the background")
	}
	next := model.MustDate("2024-04-07").First()
	te.SetDate(next, true)
	te.settle(t)
	if te.anim == nil {
		t.Fatal("the staged change's animation did not start once its scenes were built")
	}
	te.anim.Stop()
}

// Builds run one at a time, the last asked for replacing any waiting, and
// a build asked for before a scene shown at once is dropped.
func TestBuildsOffTheUIGoroutine(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	release := make(chan struct{})
	var applied []string
	build := func(name string, wait bool) func() func() {
		return func() func() {
			if wait {
				<-release
			}
			return func() { applied = append(applied, name) }
		}
	}
	te.offUI(build("first", true))
	te.offUI(build("replaced", false))
	te.offUI(build("last", false))
	close(release)
	te.jobs.Wait()
	if len(applied) != 2 || applied[0] != "first" || applied[1] != "last" {
		t.Errorf("applied %v, want [first last]", applied)
	}

	applied = nil
	release = make(chan struct{})
	te.offUI(build("stale", true))
	te.showScene()
	close(release)
	te.jobs.Wait()
	if len(applied) != 0 {
		t.Errorf("a build asked for before a scene shown at once was applied: %v", applied)
	}
}
