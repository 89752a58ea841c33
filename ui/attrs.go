package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// attrsField edits a record's free attributes as rows of a name and a
// value, with a button that removes a row and one that adds a row.
type attrsField struct {
	rows    []attrRow
	box     *fyne.Container
	content fyne.CanvasObject
	// changed is called when a row is added, edited or removed.
	changed func()
}

type attrRow struct {
	key, value *textField
	box        fyne.CanvasObject
}

func newAttrsField(attrs map[string]string) *attrsField {
	f := &attrsField{box: container.NewVBox(), changed: func() {}}
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		f.addRow(k, attrs[k])
	}
	add := newDialogButton(lang.L("Add attribute"), theme.ContentAddIcon(), func() {
		f.addRow("", "")
		f.changed()
	})
	f.content = container.NewVBox(f.box, container.NewHBox(add))
	return f
}

func (f *attrsField) addRow(key, value string) {
	r := attrRow{key: newTextField(), value: newTextField()}
	r.key.SetText(key)
	r.key.SetPlaceHolder(lang.L("name, e.g. treaty"))
	r.value.SetText(value)
	r.value.SetPlaceHolder(lang.L("value"))
	r.key.OnChanged = func(string) { f.changed() }
	r.value.OnChanged = func(string) { f.changed() }
	remove := newDialogButton("", theme.DeleteIcon(), func() {
		for i, x := range f.rows {
			if x.key == r.key {
				f.rows = slices.Delete(f.rows, i, i+1)
				f.box.Remove(x.box)
				f.changed()
				return
			}
		}
	})
	r.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, r.key, r.value))
	f.rows = append(f.rows, r)
	f.box.Add(r.box)
}

// read returns the attributes the rows hold (nil for none); rows with
// neither name nor value are skipped. problem says what is wrong, if
// anything: a value without a name, or a name given twice.
func (f *attrsField) read() (attrs map[string]string, problem string) {
	for i, r := range f.rows {
		k, v := strings.TrimSpace(r.key.Text), strings.TrimSpace(r.value.Text)
		switch {
		case k == "" && v == "":
			continue
		case k == "":
			return nil, fmt.Sprintf(lang.L("attribute %d needs a name"), i+1)
		case attrs[k] != "":
			return nil, fmt.Sprintf(lang.L("the attribute %q is given twice"), k)
		case v == "":
			continue // an attribute without a value is no attribute
		}
		if attrs == nil {
			attrs = map[string]string{}
		}
		attrs[k] = v
	}
	return attrs, ""
}
