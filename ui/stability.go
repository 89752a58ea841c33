package ui

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
)

// stabilityKey is the preference that holds the layout stability, from 0
// (every date its own best picture) to 1 (nothing ever moves).
const stabilityKey = "layout.stability"

// stabilitySteps is how many steps the slider has from 0 to 1 (steps of
// 0.05).
const stabilitySteps = 20

// stability is the user's layout stability setting; a stored value out of
// range reads as the default.
func stability() float64 {
	app := fyne.CurrentApp()
	if app == nil {
		return layout.DefaultStability
	}
	v := app.Preferences().FloatWithFallback(stabilityKey, layout.DefaultStability)
	if _, err := layout.Stability(v); err != nil {
		return layout.DefaultStability
	}
	return v
}

// setStability stores v as the layout stability and, when it changed, lays
// the map out again with it (see relayout).
func (e *Editor) setStability(v float64) error {
	if _, err := layout.Stability(v); err != nil {
		return err
	}
	if v == stability() {
		return nil
	}
	fyne.CurrentApp().Preferences().SetFloat(stabilityKey, v)
	e.relayout()
	return nil
}

// stabilitySlider is a slider of the layout stability, on the one kept,
// with its value beside it and what its two ends mean beneath, for the Layout
// Stability dialog and the Preferences alike.
func stabilitySlider() (*widget.Slider, fyne.CanvasObject) {
	value := widget.NewLabel("")
	slider := widget.NewSlider(0, 1)
	slider.Step = 1.0 / stabilitySteps
	slider.OnChanged = func(v float64) { value.SetText(windowLang.Decimal(fmt.Sprintf("%.2f", roundStability(v)))) }
	slider.SetValue(stability())
	value.SetText(windowLang.Decimal(fmt.Sprintf("%.2f", roundStability(slider.Value))))
	ends := container.NewBorder(nil, nil,
		widget.NewLabel(lang.L("Every date its own best picture")), widget.NewLabel(lang.L("Nothing ever moves")))
	return slider, container.NewVBox(container.NewBorder(nil, nil, nil, value, slider), ends)
}

// stabilityDialog asks for the layout stability with a slider.
func (e *Editor) stabilityDialog() {
	slider, control := stabilitySlider()
	content := container.NewVBox(
		widget.NewLabel(lang.L("How firmly each date's picture holds on to the one before:")), control)
	d := dialog.NewCustomConfirm(lang.L("Layout Stability"), lang.L("OK"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		if err := e.setStability(roundStability(slider.Value)); err != nil {
			e.showError(err)
		}
	}, e.win)
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}

// roundStability puts a slider value on the slider's grid, so that 0.3
// is stored as 0.3 and not 0.30000000000000004.
func roundStability(v float64) float64 {
	return math.Round(v*stabilitySteps) / stabilitySteps
}
