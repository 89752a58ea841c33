package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// animationRequest is what the animation dialog asks for.
type animationRequest struct {
	from, to, step, fps, hold, width, height string
	format                                   render.MovieFormat
	theme                                    render.Theme
}

// animation reads the dialog's fields into an animation of m, or says
// which field is wrong.
func (q animationRequest) animation(m *model.Map) (render.Animation, error) {
	from, err := dayTyped(q.from)
	if err != nil {
		return render.Animation{}, fmt.Errorf("%s: %s", lang.L("from"), dateProblem(q.from, err))
	}
	to, err := dayTyped(q.to)
	if err != nil {
		return render.Animation{}, fmt.Errorf("%s: %s", lang.L("to"), dateProblem(q.to, err))
	}
	step, err := render.ParseStep(q.step)
	if err != nil {
		return render.Animation{}, err
	}
	dates, err := render.AnimationDates(m, from, to, step)
	if err != nil {
		return render.Animation{}, err
	}
	fps, err := strconv.Atoi(strings.TrimSpace(q.fps))
	if err != nil {
		return render.Animation{}, fmt.Errorf(lang.L("frames a second: %q is not a whole number"), q.fps)
	}
	hold, err := strconv.ParseFloat(strings.TrimSpace(q.hold), 64)
	if err != nil || !(hold >= 0 && hold <= 60) { // not NaN either
		return render.Animation{}, errors.New(lang.L("rest at each date: want 0 to 60 seconds"))
	}
	w, h, _, err := exportSize(q.width, q.height, "px", 0)
	if err != nil {
		return render.Animation{}, err
	}
	a := render.Animation{Dates: dates, FPS: fps, Hold: time.Duration(hold * float64(time.Second)), Move: 700 * time.Millisecond, W: w, H: h, Theme: q.theme}
	return a, a.Check()
}

// writeAnimation writes animation a of m, laid out by tl, to path in
// format f: a GIF or MP4 whole or not at all, PNG frames into a new
// folder.
func writeAnimation(ctx context.Context, r *render.Renderer, m *model.Map, tl *layout.Timeline, a render.Animation, f render.MovieFormat, path string, progress func(done, total int)) error {
	switch f {
	case render.PNGFrames:
		return r.WriteFrames(ctx, path, m, tl, a, progress)
	case render.MP4:
		return writeFileWhole(path, func(w io.Writer) error { return r.WriteMP4(ctx, w, m, tl, a, progress) })
	}
	return writeFileWhole(path, func(w io.Writer) error { return r.WriteGIF(ctx, w, m, tl, a, progress) })
}

// inBackgroundCancellable is inBackground with a Cancel button beside the
// bar: it cancels work's context, and a cancelled job says so quietly.
func (e *Editor) inBackgroundCancellable(what string, work func(ctx context.Context, progress func(done, total int)) (func(), error)) {
	ctx, cancel := context.WithCancel(context.Background())
	e.cancelJob.OnTapped = cancel
	e.cancelJob.Show()
	e.inBackground(what, func(progress func(done, total int)) (func(), error) {
		finish, err := work(ctx, progress)
		cancel()
		fyne.Do(e.cancelJob.Hide)
		if errors.Is(err, context.Canceled) {
			return func() { e.status.SetText(lang.L("Cancelled: ") + what) }, nil
		}
		return finish, err
	})
}
