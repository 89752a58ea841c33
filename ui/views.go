package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// currentView is the way the map is looked at now, under name: with the
// date shown, where the picture is panned and zoomed to, and the actor
// selected.
func (e *Editor) currentView(name string) model.View {
	v := model.View{Name: name, SizeBy: e.sizeBy, ByCommunity: e.byCommunity, Attr: e.attrKey, AttrValue: e.attrValue, TiedOnly: e.tiedOnly,
		Selected: e.doc.selected}
	if len(e.doc.keys) > 0 {
		v.Date = e.doc.day.String()
	}
	if e.diagram.Following() {
		v.Fitted = true
	} else {
		cv := e.diagram.View()
		v.Camera = &model.Camera{X: cv.CX, Y: cv.CY, Zoom: cv.Zoom}
	}
	for k := range e.hidden {
		v.Hidden = append(v.Hidden, model.Kind{Class: k.Class, Name: k.Name})
	}
	sort.Slice(v.Hidden, func(i, j int) bool {
		a, b := v.Hidden[i], v.Hidden[j]
		return a.Class < b.Class || (a.Class == b.Class && a.Name < b.Name)
	})
	return v
}

// restartLookKey is the preference that keeps, across a restart (for a
// new language), the map's path and the way it was looked at, as JSON.
const restartLookKey = "restart.look"

// KeepLook keeps the way the map is looked at now (its filter, sizes and
// colours) for TakeUpLook after a restart: they were lost when the app
// started again in another language.
func (e *Editor) KeepLook() {
	if a := fyne.CurrentApp(); a != nil {
		data, err := json.Marshal(e.currentView(""))
		if err == nil {
			a.Preferences().SetString(restartLookKey, e.doc.Path()+"\n"+string(data))
		}
	}
}

// TakeUpLook looks at the map as KeepLook kept, if it kept a look of this
// map's file, and forgets it.
func (e *Editor) TakeUpLook() {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	kept := a.Preferences().String(restartLookKey)
	if kept == "" {
		return
	}
	a.Preferences().RemoveValue(restartLookKey)
	path, data, _ := strings.Cut(kept, "\n")
	var v model.View
	if path != e.doc.Path() || json.Unmarshal([]byte(data), &v) != nil {
		return
	}
	// The window is not painted yet: its first picture is fitted.
	v.Camera, v.Fitted = nil, false
	e.lookAs(v)
}

// applyView looks at the map as v says: its filter, sizes and colours,
// and the date, place and actor it was saved with.
func (e *Editor) applyView(v model.View) {
	said := lang.L("View: ") + v.Name + "."
	if missed := e.lookAs(v); missed != "" {
		said += " " + missed
	}
	e.status.SetText(said)
}

// lookAs looks at the map as v says. It returns what of v the map no
// longer has, in a sentence ("" for nothing): a date outside its dates,
// an actor deleted since.
func (e *Editor) lookAs(v model.View) (missed string) {
	e.hidden = map[render.KindKey]bool{}
	for _, k := range v.Hidden {
		e.hidden[render.KindKey{Class: k.Class, Name: k.Name}] = true
	}
	e.shownMap = nil
	e.sizeBy, e.byCommunity = v.SizeBy, v.ByCommunity
	e.attrKey, e.attrValue, e.tiedOnly = v.Attr, v.AttrValue, v.TiedOnly
	e.rebuildMenu()
	var gone []string
	if day, err := model.ParseDay(v.Date); err == nil {
		if keys := e.doc.keys; len(keys) > 0 && day >= keys[0] && day <= keys[len(keys)-1] {
			e.doc.SetDay(day, false)
		} else {
			gone = append(gone, fmt.Sprintf(lang.L("its date, %s, is outside the map's dates"), windowLang.Date(day)))
		}
	}
	if v.Selected != 0 {
		if _, ok := e.doc.m.Actor(v.Selected); ok {
			e.doc.Select(v.Selected)
		} else {
			gone = append(gone, lang.L("the actor it had selected is no longer in the map"))
		}
	}
	switch {
	case v.Camera != nil && v.Camera.Zoom > 0:
		cv := e.diagram.View()
		cv.CX, cv.CY, cv.Zoom = v.Camera.X, v.Camera.Y, v.Camera.Zoom
		e.diagram.Hold(cv)
	case v.Fitted:
		e.diagram.Fit()
	default:
		e.diagram.Refit()
	}
	e.showScene()
	if len(gone) == 0 {
		return ""
	}
	return sentence(errors.New(strings.Join(gone, "; ")))
}

// viewStore is the store as it keeps views, if it does.
func (e *Editor) viewStore() (model.ViewStore, bool) {
	vs, ok := e.doc.store.(model.ViewStore)
	return vs, ok
}

// saveViewDialog saves the way the map is looked at now under a name,
// with, as ticked, the date shown, where the picture is panned and
// zoomed to, and the actor selected.
func (e *Editor) saveViewDialog() {
	vs, ok := e.viewStore()
	if !ok {
		e.showError(errNoViews())
		return
	}
	v := e.currentView("")
	name := newTextField()
	name.SetPlaceHolder(lang.L("Name of the view"))
	f := newForm()
	f.add("name", lang.L("Name"), name)
	keep := func(label string) *widget.Check {
		c := widget.NewCheck(label, nil)
		c.SetChecked(true)
		return c
	}
	var date, place, actor *widget.Check
	if v.Date != "" {
		date = keep(fmt.Sprintf(lang.L("The date shown, %s"), windowLang.Date(e.doc.day)))
		f.add("date", lang.L("Keep"), date)
	}
	if v.Fitted {
		place = keep(lang.L("The whole map, fitted"))
	} else {
		place = keep(lang.L("Where the picture is panned and zoomed to"))
	}
	f.add("place", keepLabel(date == nil), place)
	if a, ok := e.doc.m.Actor(v.Selected); ok {
		actor = keep(fmt.Sprintf(lang.L("The actor selected, %s"), a.Label()))
		f.add("actor", "", actor)
	}
	// A name missing or refused is said beneath it, and the dialog stays
	// open for it to be put right.
	d := formDialogWith(e, lang.L("Save View"), lang.L("Save"), f, func() bool {
		f.clear()
		v.Name = strings.TrimSpace(name.Text)
		if v.Name == "" {
			f.fail("name", lang.L("a name is required"))
			return false
		}
		if date != nil && !date.Checked {
			v.Date = ""
		}
		if !place.Checked {
			v.Camera, v.Fitted = nil, false
		}
		if actor == nil || !actor.Checked {
			v.Selected = 0
		}
		if err := vs.PutView(context.Background(), v); err != nil {
			var fe *model.FieldError
			if errors.As(err, &fe) {
				f.fail("name", inWords(err))
				return false
			}
			e.showError(err)
			return true
		}
		e.rebuildMenu()
		e.status.SetText(fmt.Sprintf(lang.L("Saved the view %s: View > Views shows it again."), quoted(v.Name)))
		return true
	}, nil)
	d.Show()
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	e.win.Canvas().Focus(name)
}

// keepLabel is the label of the first of the Save View dialog's ticks.
func keepLabel(first bool) string {
	if first {
		return lang.L("Keep")
	}
	return ""
}

// viewItems are the View menu's saved views: taking one applies it; and
// Delete View, one item per view.
func (e *Editor) viewItems() (apply, remove []*fyne.MenuItem) {
	vs, ok := e.viewStore()
	if !ok {
		return nil, nil
	}
	views, err := vs.Views(context.Background())
	if err != nil {
		return nil, nil
	}
	for _, v := range views {
		apply = append(apply, fyne.NewMenuItem(v.Name, func() { e.applyView(v) }))
		remove = append(remove, fyne.NewMenuItem(v.Name, func() {
			if err := vs.DeleteView(context.Background(), v.Name); err != nil {
				e.showError(err)
				return
			}
			e.rebuildMenu()
		}))
	}
	if len(apply) == 0 {
		none := fyne.NewMenuItem(lang.L("No views saved yet"), nil)
		none.Disabled = true
		apply = []*fyne.MenuItem{none}
	}
	return apply, remove
}

// viewMenuItems are the View menu's items for named views.
func (e *Editor) viewMenuItems() []*fyne.MenuItem {
	apply, remove := e.viewItems()
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("Save View…"), e.saveViewDialog),
		e.submenu(lang.L("Views"), apply),
	}
	if len(remove) > 0 {
		items = append(items, e.submenu(lang.L("Delete View"), remove))
	}
	return items
}

// errNoViews says that the map's store keeps no views.
func errNoViews() error { return errors.New(lang.L("this map cannot keep views")) }
