package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// The animation dialog's last choices, kept in the app's preferences.
const (
	animFormatKey = "animation.format"
	animStepKey   = "animation.step"
	animFPSKey    = "animation.fps"
	animHoldKey   = "animation.hold"
)

// movieNames are the animation dialog's format choices.
var movieNames = map[render.MovieFormat]string{
	render.GIF:       "GIF",
	render.PNGFrames: "PNG frames (a folder, for video tools)",
	render.MP4:       "MP4 video (made by ffmpeg)",
}

// animationRequest is what the animation dialog asks for.
type animationRequest struct {
	from, to, step, fps, hold, width, height string
	format                                   render.MovieFormat
	theme                                    render.Theme
}

// animation reads the dialog's fields into an animation of m, or says
// which field is wrong.
func (q animationRequest) animation(m *model.Map) (render.Animation, error) {
	from, err := model.ParseDay(strings.TrimSpace(q.from))
	if err != nil {
		return render.Animation{}, fmt.Errorf("from: %w", err)
	}
	to, err := model.ParseDay(strings.TrimSpace(q.to))
	if err != nil {
		return render.Animation{}, fmt.Errorf("to: %w", err)
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
		return render.Animation{}, fmt.Errorf("frames a second: %q is not a whole number", q.fps)
	}
	hold, err := strconv.ParseFloat(strings.TrimSpace(q.hold), 64)
	if err != nil || hold < 0 || hold > 60 {
		return render.Animation{}, fmt.Errorf("rest at each date: want 0 to 60 seconds")
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

// animationDialog asks for the dates, steps, format and size of an
// animation, then a file, and writes it in the background with a
// progress bar and Cancel.
func (e *Editor) animationDialog() {
	prefs := fyne.CurrentApp().Preferences()
	m, tl := e.shown(), e.tl
	if tl == nil {
		e.showError(fmt.Errorf("export animation: the map is still being laid out"))
		return
	}
	first, last := e.doc.day, e.doc.day
	if keys := m.Keyframes(); len(keys) > 0 {
		first = keys[0]
		if last <= first {
			last = keys[len(keys)-1]
		}
	}
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetText(first.String())
	to.SetText(last.String())
	step := widget.NewSelect([]string{"event", "day", "month", "year"}, nil)
	step.SetSelected(prefs.StringWithFallback(animStepKey, "event"))
	var names []string
	for _, f := range render.MovieFormats {
		if f == render.MP4 && render.FFmpeg() == "" {
			continue // offered only where ffmpeg can make it
		}
		names = append(names, movieNames[f])
	}
	format := widget.NewSelect(names, nil)
	format.SetSelected(movieNames[render.MovieFormat(prefs.StringWithFallback(animFormatKey, string(render.GIF)))])
	if format.Selected == "" {
		format.SetSelected(movieNames[render.GIF])
	}
	fps, hold := widget.NewEntry(), widget.NewEntry()
	fps.SetText(prefs.StringWithFallback(animFPSKey, "25"))
	hold.SetText(prefs.StringWithFallback(animHoldKey, "1.5"))
	wEntry, hEntry := widget.NewEntry(), widget.NewEntry()
	wEntry.SetText("1280")
	hEntry.SetText("720")
	themes := themeChoice(windowTheme())
	items := []*widget.FormItem{
		widget.NewFormItem("From", from),
		widget.NewFormItem("To", to),
		widget.NewFormItem("Steps", step),
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Frames a second", fps),
		widget.NewFormItem("Rest at each date (s)", hold),
		widget.NewFormItem("Width (px)", wEntry),
		widget.NewFormItem("Height (px)", hEntry),
		widget.NewFormItem("Theme", themes),
	}
	dialog.ShowForm("Export Animation", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f := choiceOf(movieNames, format.Selected, render.GIF)
		th, _ := render.ParseTheme(themes.Selected)
		q := animationRequest{from: from.Text, to: to.Text, step: step.Selected, fps: fps.Text, hold: hold.Text, width: wEntry.Text, height: hEntry.Text, format: f, theme: th}
		a, err := q.animation(m)
		if err != nil {
			e.showError(fmt.Errorf("export animation: %w", err))
			return
		}
		prefs.SetString(animFormatKey, string(f))
		prefs.SetString(animStepKey, step.Selected)
		prefs.SetString(animFPSKey, strings.TrimSpace(fps.Text))
		prefs.SetString(animHoldKey, strings.TrimSpace(hold.Text))
		base := strings.ReplaceAll(m.Name, "/", "-") + " " + a.Dates[0].String() + " to " + a.Dates[len(a.Dates)-1].String()
		choice := fileChoice{title: "Export Animation", save: true, name: base + ".gif", kind: "GIF animations", exts: []string{".gif"}}
		switch f {
		case render.MP4:
			choice.name, choice.kind, choice.exts = base+".mp4", "MP4 videos", []string{".mp4"}
		case render.PNGFrames:
			choice.name, choice.kind, choice.exts = base+" frames", "folders", nil
		}
		e.chooseFile(choice, func(path string) {
			if ext := "." + string(f); f != render.PNGFrames && !strings.EqualFold(filepath.Ext(path), ext) {
				path += ext
			}
			r := e.r.Twin()
			what := fmt.Sprintf("Exporting %d frames…", a.Frames())
			e.inBackgroundCancellable(what, func(ctx context.Context, progress func(done, total int)) (func(), error) {
				if err := writeAnimation(ctx, r, m, tl, a, f, path, progress); err != nil {
					return nil, err
				}
				return func() { e.status.SetText(fmt.Sprintf("Exported %d frames to %s", a.Frames(), path)) }, nil
			})
		})
	}, e.win)
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
			return func() { e.status.SetText("Cancelled: " + what) }, nil
		}
		return finish, err
	})
}
