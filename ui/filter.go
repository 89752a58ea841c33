package ui

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// shown is the map as the picture shows it: the map laid out, without the
// actors and ties of the kinds the filter hides, nor the ties of hidden
// actors. The picture and its framing both use it, so that hidden actors
// neither show nor widen the frame; analyses, find and the side panel use
// the whole map.
func (e *Editor) shown() *model.Map {
	if len(e.hidden) == 0 && e.attrKey == "" {
		return e.drawn
	}
	if e.shownFrom == e.drawn && e.shownMap != nil {
		return e.shownMap
	}
	m := *e.drawn
	m.Actors, m.Ties = nil, nil
	gone := map[model.ID]bool{}
	for _, a := range e.drawn.Actors {
		if e.hidden[render.KindKey{Class: model.ClassActor, Name: a.Kind}] || (e.attrKey != "" && a.Attrs[e.attrKey] != e.attrValue) {
			gone[a.ID] = true
			continue
		}
		m.Actors = append(m.Actors, a)
	}
	for _, t := range e.drawn.Ties {
		if !e.hidden[render.KindKey{Class: model.ClassTie, Name: t.Kind}] && !gone[t.From] && !gone[t.To] {
			m.Ties = append(m.Ties, t)
		}
	}
	e.shownMap, e.shownFrom = &m, e.drawn
	return &m
}

// framed is m as the view is fitted to on day: with only the actors tied
// on the date shown, those alone; with what is out of focus hidden, what
// is in it (Fit to Window left a focus hidden so a small cluster).
func (e *Editor) framed(m *model.Map, day model.Day) *model.Map { return e.framer()(m, day) }

// framer is framed as a function that reads nothing of the editor's, for
// a view fitted off the UI goroutine.
func (e *Editor) framer() func(m *model.Map, day model.Day) *model.Map {
	tiedOnly := e.tiedOnly
	var in map[model.ID]bool
	if e.hidingOutOfFocus() { // the focus worked out only then
		if em := e.emphasis(); em != nil {
			in = em.Actors
		}
	}
	return func(m *model.Map, day model.Day) *model.Map {
		if tiedOnly {
			m = tiedOn(m, day)
		}
		if in != nil {
			out := *m
			out.Actors = slices.DeleteFunc(slices.Clone(m.Actors), func(a model.Actor) bool { return !in[a.ID] })
			m = &out
		}
		return m
	}
}

// tiedOn is m with only the actors that a tie on show on day (as the
// picture's, in m's snapshot) joins to another.
func tiedOn(m *model.Map, day model.Day) *model.Map {
	tied := map[model.ID]bool{}
	for _, t := range m.Snapshot(day).Ties {
		tied[t.From], tied[t.To] = true, true
	}
	out := *m
	out.Actors = slices.DeleteFunc(slices.Clone(m.Actors), func(a model.Actor) bool { return !tied[a.ID] })
	return &out
}

// setTiedOnly shows only the actors with ties on the date, or all, and
// draws the picture again.
func (e *Editor) setTiedOnly(on bool) {
	e.tiedOnly = on
	e.showSceneSoon(true)
}

// filterNote is what the picture's caption says while a filter is on.
func (e *Editor) filterNote() string {
	if parts := e.filterParts(); len(parts) > 0 {
		return lang.L("Filter on: ") + strings.Join(parts, ", ")
	}
	return ""
}

// filterParts are what the filter on leaves out, each said on its own
// ("1 kind hidden"); none when no filter is on.
func (e *Editor) filterParts() []string {
	var parts []string
	if e.tiedOnly {
		parts = append(parts, lang.L("only actors with ties"))
	}
	switch n := len(e.hidden); n {
	case 0:
	case 1:
		parts = append(parts, lang.L("1 kind hidden"))
	default:
		parts = append(parts, fmt.Sprintf(lang.L("%d kinds hidden"), n))
	}
	if e.attrKey != "" {
		parts = append(parts, fmt.Sprintf(lang.L("only %s = %s"), e.attrKey, e.attrValue))
	}
	return parts
}

// setAttrFilter shows only the actors whose attribute key has value (key
// "" shows all) and draws the picture again.
func (e *Editor) setAttrFilter(key, value string) {
	e.attrKey, e.attrValue = key, value
	if key == "" {
		e.attrValue = ""
	}
	e.shownMap = nil
	e.showSceneSoon(true)
}

// attrSection is the filter's choice of an attribute value: the keys the
// map's actors have, and for the key chosen its values with how many
// actors have each.
func (e *Editor) attrSection() []fyne.CanvasObject {
	values := map[string]map[string]int{}
	for _, a := range e.doc.m.Actors {
		for k, v := range a.Attrs {
			if values[k] == nil {
				values[k] = map[string]int{}
			}
			values[k][v]++
		}
	}
	if len(values) == 0 {
		return nil
	}
	anyKey := lang.L("(any)")
	keys := append([]string{anyKey}, slices.Sorted(maps.Keys(values))...)
	valueSel := newChoice(nil, nil)
	// An attribute of many values (an identifier, a year of birth) has
	// them typed instead, the list offering those holding the text: a
	// choice of the 3,800 of one took seconds to open.
	valuePick := newPick(nil)
	valuePick.SetPlaceHolder(lang.L("Type a value"))
	valuePick.Hide()
	labelOf := map[string]string{} // option text → value
	fill := func(key string) {
		var opts []string
		clear(labelOf)
		// Numbers in their order (2 before 10), the rest as text.
		for _, v := range slices.SortedFunc(maps.Keys(values[key]), compareCells) {
			o := fmt.Sprintf("%s (%s)", v, windowLang.Count(values[key][v]))
			labelOf[o] = v
			opts = append(opts, o)
		}
		many := len(opts) > manyValues
		valueSel.Options = nil
		valueSel.ClearSelected()
		valuePick.SetOptions(nil)
		valuePick.SetText("")
		if many {
			valuePick.SetOptions(opts)
			valueSel.Hide()
			valuePick.Show()
		} else {
			valueSel.Options = opts
			valuePick.Hide()
			valueSel.Show()
		}
		valueSel.Refresh()
	}
	keySel := newChoice(keys, fill)
	// The filter on is shown before the choices are told of changes:
	// opening the filter draws nothing again.
	if e.attrKey != "" {
		keySel.SetSelected(e.attrKey)
		on := fmt.Sprintf("%s (%s)", e.attrValue, windowLang.Count(values[e.attrKey][e.attrValue]))
		if valuePick.Visible() {
			valuePick.SetText(on)
		} else {
			valueSel.SetSelected(on)
		}
	} else {
		keySel.SetSelected(anyKey)
	}
	keySel.OnChanged = func(k string) {
		// The value is chosen again: until it is, no attribute filters.
		fill(k)
		e.setAttrFilter("", "")
	}
	valueSel.OnChanged = func(o string) {
		if v, ok := labelOf[o]; ok && keySel.Selected != anyKey {
			e.setAttrFilter(keySel.Selected, v)
		}
	}
	valuePick.OnChanged = valueSel.OnChanged
	return []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Only actors whose attribute"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, keySel, container.NewStack(valueSel, valuePick)),
	}
}

// manyValues is the most values of an attribute the filter offers as a
// choice; more are typed (see attrSection).
const manyValues = 100

// filterDialog shows or hides the kinds of actors and ties: a check box
// for each kind the map uses, with how many records it has. Hidden items
// drop out of the picture and of its framing.
func (e *Editor) filterDialog() {
	var boxes []fyne.CanvasObject
	section := func(title string, class model.Class, counts map[string]int) {
		boxes = append(boxes, widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		// In the order of the labels shown, in the window's language,
		// not of the kinds' names ("relations" is "Diplomatic
		// relations").
		names := make([]string, 0, len(counts))
		labels := make(map[string]string, len(counts))
		for name := range counts {
			names = append(names, name)
			labels[name] = kindLabel(e.doc.m.Kind(class, name))
		}
		slices.SortFunc(names, func(a, b string) int {
			return cmp.Or(strings.Compare(model.Fold(labels[a]), model.Fold(labels[b])), strings.Compare(a, b))
		})
		for _, name := range names {
			key := render.KindKey{Class: class, Name: name}
			label := labels[name] + " (" + windowLang.Count(counts[name]) + ")"
			// Checked before it is told of changes: opening the
			// filter draws nothing again.
			check := widget.NewCheck(label, nil)
			check.SetChecked(!e.hidden[key])
			check.OnChanged = func(on bool) { e.setHidden(key, !on) }
			boxes = append(boxes, check)
		}
	}
	tied := widget.NewCheck(lang.L("Only actors with ties on the date shown"), nil)
	tied.SetChecked(e.tiedOnly)
	tied.OnChanged = e.setTiedOnly
	boxes = append(boxes, tied)
	actors, ties := map[string]int{}, map[string]int{}
	for _, a := range e.doc.m.Actors {
		actors[a.Kind]++
	}
	for _, t := range e.doc.m.Ties {
		ties[t.Kind]++
	}
	section(lang.L("Actors"), model.ClassActor, actors)
	section(lang.L("Ties"), model.ClassTie, ties)
	boxes = append(boxes, e.attrSection()...)
	content := container.NewVScroll(container.NewVBox(boxes...))
	d := dialog.NewCustom(lang.L("Filter"), lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(420, 560))
	d.Show()
}

// setHidden hides or shows a kind and draws the picture again.
func (e *Editor) setHidden(key render.KindKey, hide bool) {
	if e.hidden == nil {
		e.hidden = map[render.KindKey]bool{}
	}
	if hide {
		e.hidden[key] = true
	} else {
		delete(e.hidden, key)
	}
	e.shownMap = nil
	e.showSceneSoon(true)
}

// toggleKind hides a kind that shows, or shows a hidden one: a click on
// its legend line.
func (e *Editor) toggleKind(k model.Kind) {
	key := render.KindKey{Class: k.Class, Name: k.Name}
	e.setHidden(key, !e.hidden[key])
}
