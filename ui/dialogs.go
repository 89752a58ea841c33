package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// confirmDelete asks question (what a form's Delete would delete) and
// deletes with del when the answer is Delete: a click that lands on the
// button by mistake (the last of three quick ones that opened the form)
// deletes nothing.
func (e *Editor) confirmDelete(question string, del func()) {
	d := dialog.NewConfirm(lang.L("Delete"), question+"\n"+lang.L("Edit > Undo brings it back."), func(ok bool) {
		if ok {
			del()
		}
	}, e.win)
	d.SetConfirmText(lang.L("Delete"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// formDialog shows f with Save and Cancel (and Delete when del is not
// nil). Save closes the dialog only when save succeeds.
func formDialog(e *Editor, title string, f *form, save func() bool, del func()) dialog.Dialog {
	return formDialogWith(e, title, lang.L("Save"), f, save, del)
}

// formDialogWith is formDialog with its confirming button called confirm
// ("Done" for a form whose record is stored with another).
func formDialogWith(e *Editor, title, confirm string, f *form, save func() bool, del func()) dialog.Dialog {
	var d dialog.Dialog
	var fit func()
	saveBtn := newDialogButton(confirm, theme.ConfirmIcon(), func() {
		if save() {
			d.Hide()
			return
		}
		fit() // the messages beside the fields take room: the dialog grows to show them
	})
	saveBtn.Importance = widget.HighImportance
	// Enter in a field of one line saves, as the button does.
	for _, o := range f.rows {
		submitOnEnter(o, saveBtn.OnTapped)
	}
	// Cancel asks first, as Escape does, when the form holds changes:
	// it discarded a filled form without a word.
	var cancel *dialogButton
	cancel = newDialogButton(lang.L("Cancel"), theme.CancelIcon(), func() {
		if !closeDialog(cancel) {
			d.Hide()
		}
	})
	buttons := container.NewHBox()
	if del != nil {
		delBtn := newDialogButton(lang.L("Delete"), theme.DeleteIcon(), del)
		delBtn.Importance = widget.DangerImportance
		buttons.Add(delBtn)
	}
	buttons.Add(layoutSpacer())
	buttons.Add(cancel)
	buttons.Add(saveBtn)
	// A form taller than the window (an event with many participants)
	// scrolls between its title and its buttons.
	// Room is kept on the right for the scroll bar, which is drawn over
	// what it scrolls.
	inputs := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()), f.content())
	scroll := container.NewVScroll(inputs)
	content := newGuardedForm(container.NewBorder(nil, container.NewPadded(buttons), nil, nil, scroll))
	d = dialog.NewCustomWithoutButtons(title, content, e.win)
	// As tall as the inputs, up to the window's room.
	fit = func() {
		height := inputs.MinSize().Height
		if room := e.win.Canvas().Size().Height - 200; room > 200 && height > room {
			height = room
		}
		scroll.SetMinSize(fyne.NewSize(inputs.MinSize().Width, height))
		d.Resize(fyne.NewSize(520, content.MinSize().Height+60))
	}
	fit()
	return d
}

// submitOnEnter makes Enter in each field of one line in o (one that
// does nothing else on Enter) call submit.
func submitOnEnter(o fyne.CanvasObject, submit func()) {
	switch w := o.(type) {
	case *textField:
		if !w.MultiLine && w.OnSubmitted == nil {
			w.OnSubmitted = func(string) { submit() }
		}
	case *pick:
		if w.OnSubmitted == nil {
			w.OnSubmitted = func(string) { submit() }
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			submitOnEnter(c, submit)
		}
	}
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("   ") }
