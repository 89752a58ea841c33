package ui

import (
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

func TestKindEditor(t *testing.T) {
	te := newTestEditor(t)
	relations := te.doc.m.Kind(model.ClassTie, "relations")

	t.Run("bad input is refused beside the field", func(t *testing.T) {
		f := te.newKindEditor(relations)
		f.colour.SetText("blue")
		if _, ok := f.read(te.doc.m); ok || !strings.Contains(f.message("color"), "#rrggbb") {
			t.Errorf("colour 'blue': message %q", f.message("color"))
		}
		n := te.newKindEditor(model.Kind{Class: model.ClassTie})
		n.name.SetText("Relations")
		if _, ok := n.read(te.doc.m); ok || !strings.Contains(n.message("name"), "already") {
			t.Errorf("a second 'relations': message %q", n.message("name"))
		}
		// Both wrong: both said at once, not the colour on the next Save.
		n.colour.SetText("#zzz")
		if _, ok := n.read(te.doc.m); ok || !strings.Contains(n.message("name"), "already") || !strings.Contains(n.message("color"), "#rrggbb") {
			t.Errorf("a second 'relations' coloured #zzz: the name says %q, the colour %q", n.message("name"), n.message("color"))
		}
		// The colour is checked as the focus leaves it.
		l := te.newKindEditor(model.Kind{Class: model.ClassTie})
		l.colour.SetText("#zzz")
		l.colour.FocusLost()
		if !strings.Contains(l.message("color"), "#rrggbb") {
			t.Errorf("leaving a colour of #zzz, the field says %q", l.message("color"))
		}
	})

	t.Run("a new colour is one undoable change", func(t *testing.T) {
		f := te.newKindEditor(relations)
		f.colour.SetText("#123456")
		f.dashed.SetChecked(true)
		k, ok := f.read(te.doc.m)
		if !ok {
			t.Fatalf("read: %q", f.message("color"))
		}
		if _, err := te.apply(model.Change{Summary: "Edit Kind", Put: model.Records{Kinds: []model.Kind{k}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		if got := te.doc.m.Kind(model.ClassTie, "relations"); got.Color != "#123456" || !got.Dashed {
			t.Errorf("relations is %+v", got)
		}
		te.undo()
		te.settle(t)
		if got := te.doc.m.Kind(model.ClassTie, "relations"); got != relations {
			t.Errorf("after undo relations is %+v, want %+v", got, relations)
		}
	})

	t.Run("a kind nothing uses can be added and deleted", func(t *testing.T) {
		n := te.newKindEditor(model.Kind{Class: model.ClassActor})
		n.name.SetText("consulate")
		n.label.SetText("Consulate")
		n.shape.SetSelected(model.ShapeHexagon)
		k, ok := n.read(te.doc.m)
		if !ok {
			t.Fatal("a new kind was refused")
		}
		if _, err := te.apply(model.Change{Summary: "New Kind", Put: model.Records{Kinds: []model.Kind{k}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		if !declared(te.doc.m, k) || kindUses(te.doc.m, model.ClassActor)["consulate"] != 0 {
			t.Fatal("the new kind is not in the map's catalogue")
		}
		if _, err := te.apply(model.Change{Summary: "Delete Kind", Delete: model.Deleted{Kinds: []model.Kind{k}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		if declared(te.doc.m, k) {
			t.Error("the deleted kind is still declared")
		}
	})
}

// A built-in kind's label is edited in the window's language, and stays
// the built-in label, for every language, when left as it is: the Spanish
// form showed "Diplomatic relations", and saving it translated would have
// made it a label of the user's, Spanish in an English window.
func TestABuiltInLabelIsEditedInTheWindowsLanguage(t *testing.T) {
	te := newTestEditor(t)
	speak(t, "es")
	defer speak(t, "en")
	relations := te.doc.m.Kind(model.ClassTie, "relations")
	f := te.newKindEditor(relations)
	if got := f.label.Text; got != "Relaciones diplomáticas" {
		t.Errorf("the Spanish form shows the label %q, want %q", got, "Relaciones diplomáticas")
	}
	if k, ok := f.read(te.doc.m); !ok || k.Label != relations.Label {
		t.Errorf("left as it is, the label is saved as %q (ok %v), want the built-in %q", k.Label, ok, relations.Label)
	}
	f.label.SetText("Relaciones")
	if k, ok := f.read(te.doc.m); !ok || k.Label != "Relaciones" {
		t.Errorf("a label typed is saved as %q (ok %v), want %q", k.Label, ok, "Relaciones")
	}
}

// TestMapProperties sets the map's author, licence and a new source in
// the properties form: one change, shown at the foot of the picture.
func TestMapProperties(t *testing.T) {
	te := newTestEditor(t)
	f := te.newPropertiesEditor()
	f.name.SetText("  ")
	if _, ok := f.change(); ok || !strings.Contains(f.message("name"), "name") {
		t.Errorf("an empty name: message %q", f.message("name"))
	}
	f.name.SetText("Quito 2024")
	f.author.SetText("A newsroom")
	f.licence.SetText("CC BY 4.0")
	f.source.SetText("https://example.org/quito")
	c, ok := f.change()
	if !ok {
		t.Fatalf("change refused: %q", f.message(""))
	}
	if _, err := te.apply(c); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	m := te.doc.m
	if m.Name != "Quito 2024" || m.Author != "A newsroom" || m.DefaultSource <= 0 {
		t.Fatalf("map info %+v", m.Info())
	}
	te.paint(t)
	if got := te.diagram.Scene().Credit; got != "Source: https://example.org/quito  ·  A newsroom  ·  CC BY 4.0" {
		t.Errorf("the picture credits %q", got)
	}
}

func TestActorPickerNarrows(t *testing.T) {
	names := []string{"Andrés Manuel López Obrador", "Ecuador", "Lopez Island"}
	folded := []string{model.Fold(names[0]), model.Fold(names[1]), model.Fold(names[2])}
	// Names that begin with what is typed come first.
	if got := picks(names, folded, " LÓPEZ "); len(got) != 2 || got[0] != names[2] || got[1] != names[0] {
		t.Errorf("typing LÓPEZ lists %q, want Lopez Island first", got)
	}
	if got := picks(names, folded, ""); len(got) != 3 {
		t.Errorf("an empty field lists %q", got)
	}
	// An actor field lists the map's actors in alphabetical order.
	m := &model.Map{Actors: []model.Actor{{ID: 1, Name: "ecuador"}, {ID: 2, Name: "Álvaro"}, {ID: 3, Name: "Chile"}}}
	if got := actorPicker(m).options; !slices.Equal(got, []string{"Álvaro", "Chile", "ecuador"}) {
		t.Errorf("an actor field lists %q, want them in alphabetical order", got)
	}
	// A field naming an actor opens on it, first, then the names about
	// it, not only on those holding its name: the first of the names
	// about it was taken for the one named.
	big := &model.Map{}
	for i := range 3 * maxPicks {
		big.Actors = append(big.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %05d", i)})
	}
	p := actorPicker(big)
	p.SetText("Actor 00070")
	if got := p.list(p.Text); len(got) != maxPicks || got[0] != "Actor 00070" || !slices.Contains(got, "Actor 00060") || slices.Index(got[1:], "Actor 00070") >= 0 {
		t.Errorf("a field naming Actor 00070 opens on %d names from %q to %q, want it first and %d about it", len(got), got[0], got[len(got)-1], maxPicks-1)
	}
	// A big map's field lists no more than maxPicks names, empty or not.
	var many, manyFolded []string
	for i := range 3 * maxPicks {
		many = append(many, fmt.Sprintf("Actor %05d", i))
		manyFolded = append(manyFolded, model.Fold(many[i]))
	}
	for _, typed := range []string{"", "actor", "1"} {
		if got := picks(many, manyFolded, typed); len(got) != maxPicks {
			t.Errorf("typing %q in a field of %d actors lists %d names, want %d", typed, len(many), len(got), maxPicks)
		}
	}
}

func TestKindFieldsShowLabels(t *testing.T) {
	te := newTestEditor(t)
	var png model.Tie
	for _, tie := range te.doc.m.Ties {
		if tie.Kind == "persona-non-grata" {
			png = tie
		}
	}
	if png.ID == 0 {
		t.Skip("the default map has no persona non grata tie")
	}
	f := te.newTieEditor(png)
	if f.kind.Text != "Persona non grata" {
		t.Errorf("the kind field shows %q", f.kind.Text)
	}
	if got, _, ok := f.read(); !ok || got.Kind != "persona-non-grata" {
		t.Errorf("read kind %q (ok %v)", got.Kind, ok)
	}
	f.kind.SetText("Expulsion")
	if got, _, _ := f.read(); got.Kind != "Expulsion" {
		t.Errorf("a new kind reads as %q", got.Kind)
	}
}

// TestExportResolution parses the export dialog's resolution and writes
// it into the PNG.
func TestExportResolution(t *testing.T) {
	for in, want := range map[string]float64{"": 0, " 300 ": 300, "72": 72} {
		if got, err := exportDPI(in); err != nil || got != want {
			t.Errorf("exportDPI(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "-5", "many", "20000"} {
		if _, err := exportDPI(bad); err == nil {
			t.Errorf("exportDPI(%q) accepted", bad)
		}
	}
	path := filepath.Join(t.TempDir(), "x.png")
	write := func(w io.Writer) error { return render.WritePNGAt(w, image.NewRGBA(image.Rect(0, 0, 4, 3)), 300) }
	if err := writeFileWhole(path, write); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "pHYs") {
		t.Errorf("the export has no pHYs chunk (%v)", err)
	}
}

// The kinds' lists stay scrolled where they were after an edit: after
// one low in a list it jumped back to the top.
func TestTheKindsListsKeepTheirPlace(t *testing.T) {
	te := newTestEditor(t)
	if _, err := te.apply(model.Change{Summary: "New Kind", Put: model.Records{Kinds: []model.Kind{{Class: model.ClassTie, Name: "zz-unused", Label: "Zz unused"}}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	te.win.Resize(fyne.NewSize(800, 450))
	te.kindsDialog()
	top := te.win.Canvas().Overlays().Top()
	tabsOf := func() *container.AppTabs {
		for _, o := range test.LaidOutObjects(top) {
			if tabs, ok := o.(*container.AppTabs); ok {
				return tabs
			}
		}
		t.Fatal("the Kinds dialog has no tabs")
		return nil
	}
	scrollOf := func() *container.Scroll { return tabsOf().Selected().Content.(*container.Scroll) }
	tabsOf().SelectIndex(1) // the ties, the longest list
	scrollOf().ScrollToOffset(fyne.NewPos(0, 60))
	if got := scrollOf().Offset.Y; got != 60 {
		t.Fatalf("the ties' list scrolls to %v, not 60: it has no room to scroll", got)
	}
	var del *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		if row, ok := o.(*fyne.Container); ok {
			label, button := (*widget.Label)(nil), (*widget.Button)(nil)
			for _, c := range row.Objects {
				switch c := c.(type) {
				case *widget.Label:
					label = c
				case *fyne.Container:
					if len(c.Objects) == 2 {
						button, _ = c.Objects[1].(*widget.Button)
					}
				}
			}
			if label != nil && button != nil && strings.Contains(label.Text, "(zz-unused)") {
				del = button
			}
		}
	}
	if del == nil {
		t.Fatal("no delete button for the unused kind")
	}
	test.Tap(del)
	te.settle(t)
	if got := scrollOf().Offset.Y; got != 60 {
		t.Errorf("after deleting a kind the list is scrolled to %v, want 60 as before", got)
	}
}
