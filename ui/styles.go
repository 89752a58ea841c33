package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// tieStylesDialog sets, for each kind of tie the map uses, whether a tie's
// weight is drawn as its width and whether its label is always drawn.
// Each change of a box is one undoable change of the kind.
func (e *Editor) tieStylesDialog() {
	used := map[string]bool{}
	for _, t := range e.doc.m.Ties {
		used[t.Kind] = true
	}
	var rows []fyne.CanvasObject
	rows = append(rows, container.NewGridWithColumns(3,
		widget.NewLabelWithStyle(lang.L("Kind"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("Weight as width"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("Label always"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})))
	for _, name := range e.doc.m.KindNames(model.ClassTie) {
		if !used[name] {
			continue
		}
		k := e.doc.m.Kind(model.ClassTie, name)
		weighted := widget.NewCheck("", nil)
		weighted.SetChecked(k.Weighted)
		labelled := widget.NewCheck("", nil)
		labelled.SetChecked(k.Labelled)
		weighted.OnChanged = func(on bool) { e.setTieStyle(name, func(k *model.Kind) { k.Weighted = on }) }
		labelled.OnChanged = func(on bool) { e.setTieStyle(name, func(k *model.Kind) { k.Labelled = on }) }
		rows = append(rows, container.NewGridWithColumns(3, widget.NewLabel(kindLabel(k)), weighted, labelled))
	}
	d := dialog.NewCustom(lang.L("Tie Styles"), lang.L("Close"), container.NewVScroll(container.NewVBox(rows...)), e.win)
	d.Resize(fyne.NewSize(520, 480))
	d.Show()
}

// setTieStyle changes one style of tie kind name, as one undoable change.
func (e *Editor) setTieStyle(name string, set func(k *model.Kind)) {
	k := e.doc.m.Kind(model.ClassTie, name)
	before := k
	set(&k)
	if k == before {
		return
	}
	c := model.Change{Summary: lang.L("Style of ") + quoted(kindLabel(k)), Put: model.Records{Kinds: []model.Kind{k}}}
	if _, err := e.apply(c); err != nil {
		e.showError(err)
	}
}
