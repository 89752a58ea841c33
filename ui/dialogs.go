package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formDialog shows f with Save and Cancel (and Delete when del is not
// nil). Save closes the dialog only when save succeeds.
func formDialog(e *Editor, title string, f *form, save func() bool, del func()) dialog.Dialog {
	var d dialog.Dialog
	saveBtn := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		if save() {
			d.Hide()
		}
	})
	saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	buttons := container.NewHBox()
	if del != nil {
		delBtn := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), del)
		delBtn.Importance = widget.DangerImportance
		buttons.Add(delBtn)
	}
	buttons.Add(layoutSpacer())
	buttons.Add(cancel)
	buttons.Add(saveBtn)
	content := container.NewBorder(nil, container.NewPadded(buttons), nil, nil, f.content())
	d = dialog.NewCustomWithoutButtons(title, content, e.win)
	d.Resize(fyne.NewSize(520, content.MinSize().Height+60))
	return d
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("   ") }
