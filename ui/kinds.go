package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// classNames are the classes of kinds as the kinds editor names them.
var classNames = []struct {
	class model.Class
	name  string
}{{model.ClassActor, "Actors"}, {model.ClassTie, "Ties"}, {model.ClassEvent, "Events"}} // said through lang.L where shown

// kindsDialog lists the kinds of the map, a tab per class: each with its
// colour, label, name and how many records use it, and buttons that edit
// its style and delete it (when nothing uses it); New Kind… adds one.
// Every edit is one undoable change.
func (e *Editor) kindsDialog() {
	tabs := container.NewAppTabs()
	var d dialog.Dialog
	var fill func()
	fill = func() {
		selected := tabs.SelectedIndex()
		// Each list stays scrolled where it was: after an edit low in
		// the list it jumped back to the top.
		offsets := make([]fyne.Position, len(classNames))
		for i, it := range tabs.Items {
			if sc, ok := it.Content.(*container.Scroll); ok && i < len(offsets) {
				offsets[i] = sc.Offset
			}
		}
		tabs.Items = nil
		for _, c := range classNames {
			tabs.Append(container.NewTabItem(lang.L(c.name), e.kindList(c.class, func() { fill() })))
		}
		if selected >= 0 {
			tabs.SelectIndex(selected)
		}
		tabs.Refresh()
		for i, it := range tabs.Items {
			it.Content.(*container.Scroll).ScrollToOffset(offsets[i])
		}
	}
	fill()
	add := widget.NewButtonWithIcon(lang.L("New Kind…"), theme.ContentAddIcon(), func() {
		class := classNames[max(tabs.SelectedIndex(), 0)].class
		e.kindForm(model.Kind{Class: class}, fill)
	})
	d = dialog.NewCustom(lang.L("Kinds"), lang.L("Close"), container.NewBorder(nil, container.NewHBox(add), nil, nil, tabs), e.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
}

// kindUses counts the records of m that use each kind of class.
func kindUses(m *model.Map, class model.Class) map[string]int {
	n := map[string]int{}
	switch class {
	case model.ClassActor:
		for _, a := range m.Actors {
			n[a.Kind]++
		}
	case model.ClassTie:
		for _, t := range m.Ties {
			n[t.Kind]++
		}
	case model.ClassEvent:
		for _, ev := range m.Events {
			n[ev.Kind]++
		}
	}
	return n
}

// kindList is the kinds editor's list of class; changed is called after
// an edit.
func (e *Editor) kindList(class model.Class, changed func()) *container.Scroll {
	m := e.doc.m
	uses := kindUses(m, class)
	var rows []fyne.CanvasObject
	for _, name := range m.KindNames(class) {
		k := m.Kind(class, name)
		swatch := canvas.NewRectangle(swatchColor(k.Color))
		swatch.SetMinSize(fyne.NewSize(18, 18))
		swatch.CornerRadius = 4
		text := kindLabel(k) + "  (" + k.Name + ") · " + counted(uses[name], "used once", "used %s times")
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.kindForm(k, changed) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			c := model.Change{Summary: lang.L("Delete Kind ") + quoted(kindLabel(k)), Delete: model.Deleted{Kinds: []model.Kind{k}}}
			if _, err := e.apply(c); err != nil {
				e.showError(err)
			}
			changed()
		})
		if uses[name] > 0 || !declared(m, k) {
			del.Disable() // in use, or one of the catalogue's the map does not hold
		}
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(swatch), container.NewHBox(edit, del), widget.NewLabel(text)))
	}
	return container.NewVScroll(container.NewVBox(rows...))
}

// declared reports whether m's own catalogue holds k.
func declared(m *model.Map, k model.Kind) bool {
	for _, x := range m.Kinds {
		if x.Class == k.Class && x.Name == k.Name {
			return true
		}
	}
	return false
}

// swatchColor is a kind's colour for a swatch; grey when it has none.
func swatchColor(hex string) color.Color {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}
	}
	return color.NRGBA{r, g, b, 0xff}
}

// kindEditor is the form of one kind's style.
type kindEditor struct {
	*form
	kind                              model.Kind
	name, label, colour               *textField
	shape                             *choice
	dashed, arrow, weighted, labelled *widget.Check
}

func (e *Editor) newKindEditor(k model.Kind) *kindEditor {
	f := &kindEditor{form: newForm(), kind: k}
	f.name = newTextField()
	f.name.SetText(k.Name)
	f.name.SetPlaceHolder(lang.L("e.g. consulate"))
	if k.Name != "" {
		f.name.Disable() // records refer to a kind by its name
	}
	f.label = newTextField()
	if k.Label != "" {
		f.label.SetText(kindLabel(k)) // a built-in label in the window's language
	}
	f.label.SetPlaceHolder(lang.L("as legends and forms show it"))
	f.colour = newTextField()
	f.colour.SetText(k.Color)
	f.colour.SetPlaceHolder("#rrggbb")
	pick := widget.NewButtonWithIcon(lang.L("Pick…"), theme.ColorPaletteIcon(), func() {
		// Named as typed so far: a new kind has no label yet.
		title, of := lang.L("Colour"), strings.TrimSpace(f.label.Text)
		if of == "" {
			of = strings.TrimSpace(f.name.Text)
		}
		if of != "" {
			title = lang.L("Colour of ") + of
		}
		p := dialog.NewColorPicker(title, "", func(c color.Color) {
			r, g, b, _ := color.NRGBAModel.Convert(c).(color.NRGBA).RGBA()
			f.colour.SetText(fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8))
		}, e.win)
		p.Advanced = true
		p.SetColor(swatchColor(f.colour.Text))
		p.Show()
	})
	f.add("name", lang.L("Name"), f.name)
	f.add("label", lang.L("Label"), f.label)
	f.add("color", lang.L("Colour"), container.NewBorder(nil, nil, nil, pick, f.colour))
	// A colour is checked as soon as the focus leaves it, as a date is.
	f.colour.onLeave = func() { f.checkColour(k.Class) }
	switch k.Class {
	case model.ClassActor:
		// Named in the window's language; stored by the model's names.
		names := make([]string, len(model.Shapes))
		for i, s := range model.Shapes {
			names[i] = lang.L(s)
		}
		f.shape = newChoice(names, nil)
		if i := slices.Index(model.Shapes, k.Shape); i >= 0 {
			f.shape.SetSelected(names[i])
		}
		f.add("shape", lang.L("Shape"), f.shape)
	case model.ClassTie:
		f.dashed = widget.NewCheck(lang.L("dashed"), nil)
		f.dashed.SetChecked(k.Dashed)
		f.arrow = widget.NewCheck(lang.L("directed: new ties get an arrow at the second actor"), nil)
		f.arrow.SetChecked(k.Arrow)
		f.weighted = widget.NewCheck(lang.L("weight drawn as width"), nil)
		f.weighted.SetChecked(k.Weighted)
		f.labelled = widget.NewCheck(lang.L("label always drawn"), nil)
		f.labelled.SetChecked(k.Labelled)
		f.add("dashed", lang.L("Line"), container.NewVBox(f.dashed, f.arrow, f.weighted, f.labelled))
	}
	return f
}

// read turns the inputs into a kind; ok is false, with the messages shown,
// when any is wrong.
func (f *kindEditor) read(m *model.Map) (model.Kind, bool) {
	f.clear()
	k := f.kind
	k.Name = strings.TrimSpace(f.name.Text)
	k.Label = strings.TrimSpace(f.label.Text)
	if f.kind.Label != "" && k.Label == kindLabel(f.kind) {
		k.Label = f.kind.Label // unchanged: a built-in label stays one, for every language
	}
	k.Color = strings.ToLower(strings.TrimSpace(f.colour.Text))
	if f.shape != nil {
		k.Shape = ""
		if i := f.shape.SelectedIndex(); i >= 0 {
			k.Shape = model.Shapes[i]
		}
	}
	if f.dashed != nil {
		k.Dashed, k.Arrow, k.Weighted, k.Labelled = f.dashed.Checked, f.arrow.Checked, f.weighted.Checked, f.labelled.Checked
	}
	if f.kind.Name == "" && k.Name != "" {
		for _, n := range m.KindNames(k.Class) {
			if strings.EqualFold(n, k.Name) {
				f.fail("name", lang.L("the map has a kind of this name already"))
			}
		}
	}
	// The colour is checked apart from the name, so that what is wrong
	// with both is said at once.
	f.checkColour(k.Class)
	if !f.ok() {
		return k, false
	}
	if err := k.Check(); err != nil {
		f.failErr(err)
		return k, false
	}
	return k, true
}

// checkColour says beneath the colour field what is wrong with it, if
// anything (the model's own check, on a kind with only that colour).
func (f *kindEditor) checkColour(class model.Class) {
	probe := model.Kind{Class: class, Name: "colour", Color: strings.ToLower(strings.TrimSpace(f.colour.Text))}
	if err := probe.Check(); err != nil {
		f.failErr(err)
	}
}

// kindForm edits kind k (or, with no name, makes a new one) in a dialog;
// Save stores it as one undoable change and calls changed.
func (e *Editor) kindForm(k model.Kind, changed func()) {
	f := e.newKindEditor(k)
	title := lang.L("New Kind")
	if k.Name != "" {
		title = lang.L("Edit Kind ") + quoted(kindLabel(k))
	}
	d := formDialog(e, title, f.form, func() bool {
		out, ok := f.read(e.doc.m)
		if !ok {
			return false
		}
		if out == k {
			return true
		}
		summary := lang.L("New Kind ") + quoted(kindLabel(out))
		if k.Name != "" {
			summary = lang.L("Edit Kind ") + quoted(kindLabel(out))
		}
		if _, err := e.apply(model.Change{Summary: summary, Put: model.Records{Kinds: []model.Kind{out}}}); err != nil {
			f.failErr(err)
			return false
		}
		changed()
		return true
	}, nil)
	d.Show()
}
