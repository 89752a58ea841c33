package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
)

// stabilityKey is the preference that holds the layout stability, from 0
// (every date its own best picture) to 1 (nothing ever moves).
const stabilityKey = "layout.stability"

// stability is the user's layout stability setting.
func stability() float64 {
	app := fyne.CurrentApp()
	if app == nil {
		return layout.DefaultStability
	}
	return app.Preferences().FloatWithFallback(stabilityKey, layout.DefaultStability)
}

// stabilityOption is the setting as layout.Options.Stability takes it; a
// stored value out of range falls back to the default.
func stabilityOption() float64 {
	v, err := layout.Stability(stability())
	if err != nil {
		return layout.DefaultStability
	}
	return v
}

// setStability stores v and lays the map out afresh with it (the frames
// on show were laid out with the old setting, so none can be reused; they
// only give the new layout its start).
func (e *Editor) setStability(v float64) error {
	if _, err := layout.Stability(v); err != nil {
		return err
	}
	fyne.CurrentApp().Preferences().SetFloat(stabilityKey, v)
	e.relayout(e.tl)
	return nil
}

// stabilityDialog asks for the layout stability with a slider.
func (e *Editor) stabilityDialog() {
	value := widget.NewLabel("")
	slider := widget.NewSlider(0, 1)
	slider.Step = 0.05
	slider.OnChanged = func(v float64) { value.SetText(fmt.Sprintf("%.2f", v)) }
	slider.SetValue(stability())
	ends := container.NewBorder(nil, nil,
		widget.NewLabel("Every date its own\nbest picture"), widget.NewLabel("Nothing ever\nmoves"))
	content := container.NewVBox(
		widget.NewLabel("How strongly each date's picture holds on to the one before:"),
		slider, ends, container.NewCenter(value))
	d := dialog.NewCustomConfirm("Layout Stability", "Apply", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		if err := e.setStability(slider.Value); err != nil {
			e.showError(err)
		}
	}, e.win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}
