package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// TestSeveralSourcesInOneChange cites two sources on a new tie, one stored
// (its grade edited in the form) and one new, and checks that the tie,
// the new source and the edited one are one change, and that the side
// panel shows both with the stored one's link.
func TestSeveralSourcesInOneChange(t *testing.T) {
	te := newTestEditor(t)
	before := te.stored(t)
	stored := before.Sources[0]
	f := te.newTieEditor(model.Tie{})
	f.kind.SetText("statement")
	f.from.SetText("Mexico")
	f.to.SetText("Chile")
	f.sources.rows[0].pick.SetText(stored.Title)
	f.sources.rows[0].source.Grade = "B" // as the source editor leaves it
	f.sources.addRow(model.Source{})
	f.sources.rows[1].pick.SetText("A new report")
	if !f.save() {
		t.Fatalf("save() = false: %q", f.message("sources"))
	}
	te.settle(t)
	after := te.stored(t)
	if len(after.Sources) != len(before.Sources)+1 || len(after.Ties) != len(before.Ties)+1 {
		t.Fatalf("%d sources and %d ties after, want one more of each", len(after.Sources), len(after.Ties))
	}
	if s, _ := after.Source(stored.ID); s.Grade != "B" {
		t.Errorf("the stored source's grade is %q, want B", s.Grade)
	}
	tie := f.tie
	if len(tie.Sources) != 2 || tie.Sources[0] != stored.ID {
		t.Errorf("the tie cites %v", tie.Sources)
	}
	te.undo()
	te.settle(t)
	if got := te.stored(t); len(got.Sources) != len(before.Sources) || !slices.Equal(sourceGrades(got), sourceGrades(before)) {
		t.Error("one undo did not take back the tie, the new source and the grade")
	}
	te.redo()
	te.settle(t)
	te.SelectTie(tie.ID)
	panel := strings.Join(texts(te.side.Objects), "\n")
	if !strings.Contains(panel, "• "+stored.Title) || !strings.Contains(panel, "grade B") || !strings.Contains(panel, "• A new report") {
		t.Errorf("the tie's panel says:\n%s", panel)
	}
	if stored.URL != "" && !hasLink(te.side.Objects) {
		t.Error("the stored source's URL is not a link")
	}
}

func sourceGrades(m *model.Map) []string {
	var out []string
	for _, s := range m.Sources {
		out = append(out, s.Grade)
	}
	return out
}

// hasLink reports whether a hyperlink is among objs.
func hasLink(objs []fyne.CanvasObject) bool {
	for _, o := range objs {
		switch o := o.(type) {
		case *widget.Hyperlink:
			return true
		case *fyne.Container:
			if hasLink(o.Objects) {
				return true
			}
		}
	}
	return false
}

// Add source adds a row only when the last is filled: an empty one is
// where the next source goes, and a second blank was one more to fill.
func TestAddSourceFillsTheEmptyRowFirst(t *testing.T) {
	te := newTestEditor(t)
	f := te.newTieEditor(model.Tie{})
	add := f.sources.content.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*dialogButton)
	if len(f.sources.rows) != 1 {
		t.Fatalf("a new tie's form has %d source rows, want 1", len(f.sources.rows))
	}
	test.Tap(add)
	if len(f.sources.rows) != 1 {
		t.Errorf("Add source with the row empty made %d rows, want 1", len(f.sources.rows))
	}
	f.sources.rows[0].pick.SetText("A new report")
	test.Tap(add)
	if len(f.sources.rows) != 2 {
		t.Errorf("Add source after the row was filled made %d rows, want 2", len(f.sources.rows))
	}
}

func TestSourceEditorRefusesBadInput(t *testing.T) {
	f := newSourceEditor(model.Source{})
	f.address.SetText("ftp://example.org")
	f.when.SetText("April")
	if _, ok := f.read(); ok {
		t.Fatal("a source with no title, an ftp address and no date was accepted")
	}
	if !strings.Contains(f.message("url"), "http") || !strings.Contains(f.message("date"), "not a date") {
		t.Errorf("messages: url %q, date %q", f.message("url"), f.message("date"))
	}
	f.address.SetText("https://example.org/report")
	f.when.SetText("2024-04")
	f.grade.SetSelectedIndex(2)
	s, ok := f.read()
	if !ok || s.Grade != "B" || s.Date != model.MustDate("2024-04") || s.URL != "https://example.org/report" {
		t.Errorf("read %+v, %v", s, ok)
	}
}

func TestMergeSources(t *testing.T) {
	te := newTestEditor(t)
	m := te.doc.m
	if len(m.Sources) < 2 {
		t.Skip("the default map has fewer than two sources")
	}
	a, b := m.Sources[0], m.Sources[1]
	citing := citations(m)[a.ID] + citations(m)[b.ID]
	if _, err := te.apply(mergeSources(m, a, b.ID)); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	if _, ok := te.doc.m.Source(a.ID); ok {
		t.Error("the merged source is still there")
	}
	n := citations(te.doc.m)[b.ID]
	if n == 0 || n > citing {
		t.Errorf("the source merged into is cited %d times, the two were %d", n, citing)
	}
	for _, tie := range te.doc.m.Ties {
		if slices.Contains(tie.Sources, a.ID) {
			t.Errorf("tie %d still cites the merged source", tie.ID)
		}
	}
}

// TestTieAttributes gives a new tie two attributes in its form, refuses a
// value without a name, and shows them in the side panel.
func TestTieAttributes(t *testing.T) {
	te := newTestEditor(t)
	f := te.newTieEditor(model.Tie{})
	f.kind.SetText("relations")
	f.from.SetText("Mexico")
	f.to.SetText("Chile")
	f.attrs.addRow("", "Vienna 1961")
	if f.save() || !strings.Contains(f.message("attrs"), "needs a name") {
		t.Fatalf("a value without a name: saved or message %q", f.message("attrs"))
	}
	f.attrs.rows[0].key.SetText("treaty")
	if f.message("attrs") != "" {
		t.Error("the message stays after the name is given")
	}
	f.attrs.addRow("level", "embassy")
	f.notes.SetText("Restored in 2025.")
	if !f.save() {
		t.Fatalf("save() = false: %q", f.message("attrs"))
	}
	te.settle(t)
	stored, _ := te.stored(t).Tie(f.tie.ID)
	if stored.Attrs["treaty"] != "Vienna 1961" || stored.Attrs["level"] != "embassy" || len(stored.Attrs) != 2 || stored.Notes != "Restored in 2025." {
		t.Errorf("stored attributes %v", stored.Attrs)
	}
	te.SelectTie(f.tie.ID)
	if panel := strings.Join(texts(te.side.Objects), "\n"); !strings.Contains(panel, "treaty: Vienna 1961") {
		t.Errorf("the tie's panel says:\n%s", panel)
	}
}

// TestActorThatComesBack gives an actor a second span in its form: it is
// absent from the picture in the gap and back after it.
func TestActorThatComesBack(t *testing.T) {
	te := newTestEditor(t)
	chile, _ := te.doc.m.ActorByName("Chile")
	f := te.newActorEditor(chile)
	f.end.SetText("2024-01")
	f.later.SetText("2023–")
	if f.save() || f.message("later") == "" {
		t.Fatalf("a later span that starts before the first ends: saved, or message %q", f.message("later"))
	}
	f.later.SetText("2024-04-06–")
	if !f.save() {
		t.Fatalf("save() = false: %q", f.message("later"))
	}
	te.settle(t)
	shown := func(day string) bool {
		d, _ := model.ParseDay(day)
		return te.doc.m.Snapshot(d).Has(chile.ID)
	}
	if !shown("2023-12-31") || shown("2024-03-01") || !shown("2024-04-07") {
		t.Errorf("Chile shown on 2023-12-31 %v, 2024-03-01 %v, 2024-04-07 %v; want true, false, true",
			shown("2023-12-31"), shown("2024-03-01"), shown("2024-04-07"))
	}
	te.Select(chile.ID)
	if panel := strings.Join(texts(te.side.Objects), "\n"); !strings.Contains(panel, "Exists: … – 2024-01; 2024-04-06 – …") {
		t.Errorf("the panel says:\n%s", panel)
	}
}

func TestCitedBy(t *testing.T) {
	te := newTestEditor(t)
	src := te.doc.m.Sources[0]
	got := citedBy(te.Editor, src.ID)
	if !strings.HasPrefix(got, "Cited by the map") || !strings.Contains(got, "actor Mexico") {
		t.Errorf("citedBy = %.200q", got)
	}
	// Of many, the first are named and the rest counted.
	var put []model.Actor
	for i := range 100 {
		put = append(put, model.Actor{Name: fmt.Sprintf("Witness %d", i), Kind: "official", Sources: []model.ID{src.ID}})
	}
	if _, err := te.apply(model.Change{Summary: "Witnesses", Put: model.Records{Actors: put}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	cited := 1 // the map
	for _, a := range te.doc.m.Actors {
		if slices.Contains(a.Sources, src.ID) {
			cited++
		}
	}
	for _, t := range te.doc.m.Ties {
		if slices.Contains(t.Sources, src.ID) {
			cited++
		}
	}
	for _, ev := range te.doc.m.Events {
		if slices.Contains(ev.Sources, src.ID) {
			cited++
		}
	}
	got = citedBy(te.Editor, src.ID)
	if n := strings.Count(got, ";") + 1; n != citedShown+1 || !strings.HasSuffix(got, fmt.Sprintf("; and %d more.", cited-citedShown)) {
		t.Errorf("cited %d times, citedBy names %d and ends %q", cited, n-1, got[max(0, len(got)-40):])
	}
}

// The Sources dialog adds a source, keeps the source just edited or added
// selected with where it is cited, forgets a deleted one's citations, and
// says in itself, not behind it, when a button needs a source selected.
func TestTheSourcesDialog(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	// The layouts the changes start wait until the end: the dialog is
	// driven meanwhile, and the test driver would show their results on
	// their own goroutines.
	defer te.settle(t)
	defer holdLayouts(te)()
	c := te.win.Canvas()
	te.sourcesDialog()
	dlg := c.Overlays().Top()
	var list *dialogList
	var citing *widget.Label
	for _, o := range test.LaidOutObjects(dlg) {
		switch w := o.(type) {
		case *dialogList:
			list = w
		case *widget.Label:
			if w.Text == "Select a source to see where it is cited." {
				citing = w
			}
		}
	}
	if list == nil || citing == nil {
		t.Fatal("the Sources dialog has no list or no note of where a source is cited")
	}
	status := te.status.Text
	test.Tap(button(t, dlg, "Delete"))
	if citing.Text != "Select a source first." || te.status.Text != status {
		t.Errorf("Delete with nothing selected: the dialog says %q, the status line %q", citing.Text, te.status.Text)
	}
	// A new source, written in its own form, is added and selected.
	test.Tap(button(t, dlg, "New Source…"))
	form := c.Overlays().Top()
	var title *textField
	for _, o := range test.LaidOutObjects(form) {
		if f, ok := o.(*textField); ok && title == nil {
			title = f
		}
	}
	if title == nil || form == dlg {
		t.Fatal("New Source… opened no form")
	}
	title.SetText("Diario El Universo, 6 April 2024")
	test.Tap(button(t, form, "Done"))
	te.jobs.Wait()
	added := slices.IndexFunc(te.doc.m.Sources, func(s model.Source) bool { return s.Title == "Diario El Universo, 6 April 2024" })
	if added < 0 {
		t.Fatal("the new source was not added")
	}
	if citing.Text == "Select a source to see where it is cited." {
		t.Error("after adding a source the dialog does not say where it is cited: it is not selected")
	}
	// Deleted (cited nowhere, so at once), its note goes.
	test.Tap(button(t, dlg, "Delete"))
	te.jobs.Wait()
	if slices.ContainsFunc(te.doc.m.Sources, func(s model.Source) bool { return s.Title == "Diario El Universo, 6 April 2024" }) {
		t.Fatal("the new source, selected, was not deleted")
	}
	if citing.Text != "Select a source to see where it is cited." {
		t.Errorf("after the delete the dialog still says %q", citing.Text)
	}
	// Merged into another typed by its name: a name that is none merges
	// nothing.
	from, into := te.doc.m.Sources[0], te.doc.m.Sources[1]
	list.Select(0)
	merge := func(typed string) {
		test.Tap(button(t, dlg, "Merge Into…"))
		form := c.Overlays().Top()
		var field *pick
		for _, o := range test.LaidOutObjects(form) {
			if f, ok := o.(*pick); ok {
				field = f
			}
		}
		if field == nil || form == dlg {
			t.Fatal("Merge Into… opened no form with a field for the source")
		}
		field.SetText(typed)
		test.Tap(button(t, form, "Merge"))
		te.jobs.Wait()
	}
	n := len(te.doc.m.Sources)
	merge("no such source")
	if citing.Text != "Nothing merged: choose the source to merge into." || len(te.doc.m.Sources) != n {
		t.Errorf("merging into a name that is none: the dialog says %q, and %d sources are left of %d", citing.Text, len(te.doc.m.Sources), n)
	}
	merge(fmt.Sprintf("%s #%d", sourceName(into), into.ID))
	if len(te.doc.m.Sources) != n-1 || slices.ContainsFunc(te.doc.m.Sources, func(s model.Source) bool { return s.ID == from.ID }) {
		t.Errorf("merging %q into %q left %d sources of %d", sourceName(from), sourceName(into), len(te.doc.m.Sources), n)
	}
	c.Overlays().Remove(dlg)
}
