package ui

import (
	"fmt"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	if len(e.hidden) == 0 {
		return e.drawn
	}
	if e.shownFrom == e.drawn && e.shownMap != nil {
		return e.shownMap
	}
	m := *e.drawn
	m.Actors, m.Ties = nil, nil
	gone := map[model.ID]bool{}
	for _, a := range e.drawn.Actors {
		if e.hidden[render.KindKey{Class: model.ClassActor, Name: a.Kind}] {
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

// filterNote is what the picture's caption says while a filter is on.
func (e *Editor) filterNote() string {
	switch n := len(e.hidden); n {
	case 0:
		return ""
	case 1:
		return "Filter on: 1 kind hidden"
	default:
		return fmt.Sprintf("Filter on: %d kinds hidden", n)
	}
}

// filterDialog shows or hides the kinds of actors and ties: a check box
// for each kind the map uses, with how many records it has. Hidden items
// drop out of the picture and of its framing.
func (e *Editor) filterDialog() {
	var boxes []fyne.CanvasObject
	section := func(title string, class model.Class, counts map[string]int) {
		boxes = append(boxes, widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		names := make([]string, 0, len(counts))
		for name := range counts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			key := render.KindKey{Class: class, Name: name}
			label := e.m.Kind(class, name).DisplayName() + " (" + strconv.Itoa(counts[name]) + ")"
			check := widget.NewCheck(label, func(on bool) { e.setHidden(key, !on) })
			check.SetChecked(!e.hidden[key])
			boxes = append(boxes, check)
		}
	}
	actors, ties := map[string]int{}, map[string]int{}
	for _, a := range e.m.Actors {
		actors[a.Kind]++
	}
	for _, t := range e.m.Ties {
		ties[t.Kind]++
	}
	section("Actors", model.ClassActor, actors)
	section("Ties", model.ClassTie, ties)
	content := container.NewVScroll(container.NewVBox(boxes...))
	d := dialog.NewCustom("Filter", "Close", content, e.win)
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
	e.diagram.Refit()
	e.showScene()
}

// toggleKind hides a kind that shows, or shows a hidden one: a click on
// its legend line.
func (e *Editor) toggleKind(k model.Kind) {
	key := render.KindKey{Class: k.Class, Name: k.Name}
	e.setHidden(key, !e.hidden[key])
}
