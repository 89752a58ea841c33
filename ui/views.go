package ui

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// currentView is the way the map is looked at now, under name.
func (e *Editor) currentView(name string) model.View {
	v := model.View{Name: name, SizeBy: e.sizeBy, ByCommunity: e.byCommunity, Attr: e.attrKey, AttrValue: e.attrValue, TiedOnly: e.tiedOnly}
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
	e.lookAs(v)
}

// applyView looks at the map as v says: its filter, sizes and colours.
func (e *Editor) applyView(v model.View) {
	e.lookAs(v)
	e.status.SetText(lang.L("View: ") + v.Name + ".")
}

// lookAs looks at the map as v says.
func (e *Editor) lookAs(v model.View) {
	e.hidden = map[render.KindKey]bool{}
	for _, k := range v.Hidden {
		e.hidden[render.KindKey{Class: k.Class, Name: k.Name}] = true
	}
	e.shownMap = nil
	e.sizeBy, e.byCommunity = v.SizeBy, v.ByCommunity
	e.attrKey, e.attrValue, e.tiedOnly = v.Attr, v.AttrValue, v.TiedOnly
	e.rebuildMenu()
	e.diagram.Refit()
	e.showScene()
}

// viewStore is the store as it keeps views, if it does.
func (e *Editor) viewStore() (model.ViewStore, bool) {
	vs, ok := e.doc.store.(model.ViewStore)
	return vs, ok
}

// saveViewDialog saves the way the map is looked at now under a name.
func (e *Editor) saveViewDialog() {
	vs, ok := e.viewStore()
	if !ok {
		e.showError(errNoViews())
		return
	}
	name := newTextField()
	name.SetPlaceHolder(lang.L("Name of the view"))
	d := dialog.NewForm(lang.L("Save View"), lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{widget.NewFormItem(lang.L("Name"), name)}, func(ok bool) {
		if !ok {
			return
		}
		if err := vs.PutView(context.Background(), e.currentView(strings.TrimSpace(name.Text))); err != nil {
			e.showError(err)
			return
		}
		e.rebuildMenu()
	}, e.win)
	name.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	e.win.Canvas().Focus(name)
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
