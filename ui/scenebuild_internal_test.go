package ui

import (
	"strings"
	"testing"
	"time"

	"relmap/model"
	"relmap/model/analysis"
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

// On a big map a selection, a filter changed and a layout done are drawn
// as a new date is: the scene is built off the UI goroutine and then
// shown.
func TestBigMapSelectionsFiltersAndLayoutsAreDrawnInTheBackground(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.diagram.asyncAt = 1 // the default map counts as big
	glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
	shown := te.shownAt
	te.Select(glas.ID)
	if te.shownAt != shown {
		t.Error("a selection built the picture on the UI goroutine")
	}
	te.settle(t)
	if s := te.diagram.Scene(); s == nil {
		t.Fatal("after the build there is no scene")
	} else if s.Selected != glas.ID {
		t.Fatalf("after the build the scene's selection is %v, want Glas (%d)", s.Selected, glas.ID)
	}
	te.Select(0)
	te.settle(t)

	official := render.KindKey{Class: model.ClassActor, Name: "official"}
	shown = te.shownAt
	te.setHidden(official, true)
	if te.shownAt != shown {
		t.Error("hiding a kind built the picture on the UI goroutine")
	}
	te.settle(t)
	for _, n := range te.diagram.Scene().Nodes {
		if n.Kind.Name == "official" {
			t.Fatalf("after the build hidden official %q is drawn", n.Label)
		}
	}
	te.setHidden(official, false)
	te.settle(t)

	shown = te.shownAt
	te.layoutMu.Lock()
	gen := te.layoutGen
	te.layoutMu.Unlock()
	tl := te.tl
	te.applyLayout(gen, te.doc.m, te.tlStability, tl, nil, nil)
	if te.shownAt != shown {
		t.Error("a layout done built the picture on the UI goroutine")
	}
	te.settle(t)
	if s := te.diagram.Scene(); s == nil || s.At != te.doc.day || len(s.Nodes) == 0 {
		t.Errorf("after the build the scene is %+v, want the date on show", s)
	}
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

// On a big map the paths asked for are found off the UI goroutine: until
// they are, the status line and the side panel say so; then the picture,
// the status line and the side panel show them.
func TestBigMapPathsAreFoundInTheBackground(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.diagram.asyncAt = 1 // the default map counts as big
	glas, _ := te.doc.m.ActorByName("Jorge Glas Espinel")
	icj, _ := te.doc.m.ActorByName("International Court of Justice")
	first := model.MustDate("2024-04-20").First()
	te.SetDate(first, false)
	te.settle(t)
	// Each search waits for the test to let it go, once the test is done
	// with the UI: under the test driver, work handed back to the UI
	// goroutine runs on the searching one.
	gate := make(chan struct{})
	var found []model.Day
	shortestPaths = func(m *model.Map, day model.Day, from, to model.ID, k int) []analysis.Path {
		select {
		case <-gate:
		case <-time.After(5 * time.Second): // held on the UI goroutine, nothing lets it go
			t.Error("the paths were found on the UI goroutine")
		}
		found = append(found, day)
		return analysis.Paths(m, day, from, to, k)
	}
	t.Cleanup(func() { shortestPaths = analysis.Paths })
	te.showPath(glas.ID, icj.ID, 0)
	te.diagram.jobs.Wait()
	if !te.pathsPending() || !strings.HasPrefix(te.status.Text, "Finding the paths from Jorge Glas") {
		t.Errorf("just asked for, the paths are pending %v, status %q", te.pathsPending(), te.status.Text)
	}
	if panel := strings.Join(texts(te.side.Objects), "\n"); !strings.Contains(panel, "Finding the paths…") {
		t.Errorf("the side panel says\n%s\nwant that the paths are being found", panel)
	}
	gate <- struct{}{}
	te.settle(t)
	if te.pathsPending() || te.paths.key.day != first {
		t.Fatalf("after settling the paths are pending %v, of %s; want those of %s", te.pathsPending(), te.paths.key.day, first)
	}
	em := te.diagram.Scene().Emphasis
	if em == nil || !em.Actors[glas.ID] || !em.Actors[icj.ID] || len(em.Ties) == 0 {
		t.Fatalf("the path from Glas to the ICJ on %s: %+v", first, em)
	}
	if !strings.Contains(te.status.Text, "Jorge Glas – ") {
		t.Errorf("status %q, want the path", te.status.Text)
	}
	if len(found) != 1 || found[0] != first {
		t.Errorf("paths found for %v; want those of %s", found, first)
	}
}

// On a big map a new date's refit is not lost when another picture is
// asked for before the new date's is shown: a comparison moved to its
// later date and kept the earlier date's fit, the map cut off all round.
func TestBigMapRefitsSurviveAPictureAskedForMeanwhile(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	te.diagram.asyncAt = 1 // the default map counts as big
	keys := te.doc.keys
	te.SetDate(keys[0], false)
	te.settle(t)
	time.Sleep(cameraTime + 100*time.Millisecond)
	te.settle(t)
	early := te.diagram.View()
	d := te.doc.m.Diff(keys[0], keys[len(keys)-1])
	// A build under way meanwhile, held, so that the pictures the
	// comparison asks for wait behind it, as they do while a big map's
	// picture is built.
	release := make(chan struct{})
	te.offUI(func() func() {
		<-release
		return func() {}
	})
	te.showDiff(d) // a selection cleared, the date moved, and the picture shown at once
	close(release)
	te.jobs.Wait()
	te.settle(t)
	time.Sleep(cameraTime + 100*time.Millisecond)
	te.settle(t)
	want := te.diagram.fitView(te.diagram.pw, te.diagram.ph, te.diagram.ratio)
	if got := te.diagram.View(); got != want {
		t.Errorf("after comparing %s with %s the view is %+v, want the later date's fit %+v (the earlier's was %+v)", d.From, d.To, got, want, early)
	}
	if !te.diagram.Following() {
		t.Error("the view no longer follows the fit")
	}
}
