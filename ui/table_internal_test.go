package ui

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/layout"
	"relmap/model"
	"relmap/render"
)

// Sorted by one column and then by another, rows of equal cells in the
// second keep the order of the first: names in order within each kind.
func TestTableSortsEqualCellsByTheColumnSortedBefore(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	actors := v.actors
	col := func(title string) int {
		for i, c := range actors.cols {
			if c.title == lang.L(title) {
				return i
			}
		}
		t.Fatalf("the actors' table has no column %s", title)
		return -1
	}
	click := func(c int) {
		b := widget.NewButton("", nil)
		actors.updateHeader(widget.TableCellID{Row: -1, Col: c + 1}, b)
		b.OnTapped()
	}
	name, kind := col("Name"), col("Kind")
	click(name)
	click(name) // descending
	click(kind)
	if !strings.HasSuffix(headerText(actors, kind), "▲") || strings.HasSuffix(headerText(actors, name), "▼") {
		t.Errorf("sorted by kind after name, the headers read %q and %q", headerText(actors, kind), headerText(actors, name))
	}
	kinds := 0
	for i := 1; i < len(actors.rows); i++ {
		a, b := actor(te, actors.rows[i-1]), actor(te, actors.rows[i])
		ka, kb := actors.cols[kind].get(a.ID), actors.cols[kind].get(b.ID)
		switch c := compareCells(ka, kb); {
		case c > 0:
			t.Fatalf("sorted by kind: %q (%s) before %q (%s)", a.Name, ka, b.Name, kb)
		case c < 0:
			kinds++
		case compareCells(a.Name, b.Name) < 0:
			t.Errorf("among the %s, sorted by name descending before: %q before %q", ka, a.Name, b.Name)
		}
	}
	if kinds == 0 {
		t.Fatal("the map's actors are all of one kind: the test proves nothing")
	}
}

// headerText is what the header of column c of table t reads.
func headerText(t *recordTable, c int) string {
	b := widget.NewButton("", nil)
	t.updateHeader(widget.TableCellID{Row: -1, Col: c + 1}, b)
	return b.Text
}

// TestTableView opens the table view, filters and sorts the actors,
// selects a row (which selects the actor on the diagram), refuses a bad
// edit of a cell beneath the table and stores a good one as one undoable
// change,
// follows a selection made on the diagram, and deletes marked rows.
func TestTableView(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	if v == nil {
		t.Fatal("no table view")
	}
	defer v.win.Close()
	actors := v.actors
	if len(actors.rows) != len(te.doc.m.Actors) {
		t.Fatalf("%d rows for %d actors", len(actors.rows), len(te.doc.m.Actors))
	}
	if got, want := actors.count.Text, fmt.Sprint(len(te.doc.m.Actors)); got != want {
		t.Errorf("unfiltered, the count reads %q, want %q", got, want)
	}
	actors.filter.SetText("embassy QUITO")
	if len(actors.rows) == 0 || len(actors.rows) == len(te.doc.m.Actors) {
		t.Errorf("the filter leaves %d rows of %d", len(actors.rows), len(te.doc.m.Actors))
	}
	if got, want := actors.count.Text, fmt.Sprintf("%d of %d", len(actors.rows), len(te.doc.m.Actors)); got != want {
		t.Errorf("filtered, the count reads %q, want %q", got, want)
	}
	if got := windowLang.Count(50000); got != "50,000" {
		t.Errorf("50000 is written %q, want as the side panel writes it, 50,000", got)
	}
	for _, id := range actors.rows {
		a := actor(te, id)
		if all := strings.ToLower(a.Name + a.Notes + a.Short); !strings.Contains(all, "embassy") || !strings.Contains(all, "quito") {
			t.Errorf("the filter leaves %q", a.Name)
		}
	}
	actors.filter.SetText("")
	actors.sortCol, actors.desc = 0, true
	actors.reload()
	if first, second := actor(te, actors.rows[0]).Name, actor(te, actors.rows[1]).Name; strings.ToLower(first) < strings.ToLower(second) {
		t.Errorf("sorted by name, descending: %q before %q", first, second)
	}
	// Filtering a sorted table keeps its order; sorting the other way
	// turns it round.
	for _, desc := range []bool{true, false} {
		actors.desc = desc
		actors.reload()
		actors.filter.SetText("embassy")
		if len(actors.rows) < 3 {
			t.Fatalf("the filter embassy leaves %d rows", len(actors.rows))
		}
		for i := 1; i < len(actors.rows); i++ {
			a, b := strings.ToLower(actor(te, actors.rows[i-1]).Name), strings.ToLower(actor(te, actors.rows[i]).Name)
			if desc && a < b || !desc && a > b {
				t.Errorf("filtered, sorted by name (descending %v): %q before %q", desc, a, b)
			}
		}
		actors.filter.SetText("")
	}
	actors.desc = true
	actors.reload()

	mexico, _ := te.doc.m.ActorByName("Mexico")
	row := func(id model.ID) int {
		for i, r := range actors.rows {
			if r == id {
				return i
			}
		}
		t.Fatalf("no row for actor %d", id)
		return -1
	}
	actors.table.Select(widget.TableCellID{Row: row(mexico.ID), Col: 7}) // Notes
	if te.doc.selected != mexico.ID || actors.cellText != mexico.Notes {
		t.Fatalf("selecting Mexico's notes: selected %d, edit bar %q", te.doc.selected, actors.cellText)
	}
	actors.table.Select(widget.TableCellID{Row: row(mexico.ID), Col: 4}) // From
	actors.cellText = "2024-13"
	actors.store()
	if !strings.Contains(actors.message.Text, "is not a date: the month must be 01 to 12") {
		t.Errorf("a bad date says %q", actors.message.Text)
	}
	actors.cellText = "1821"
	actors.store()
	te.settle(t)
	if got, _ := te.doc.m.Actor(mexico.ID); got.Life.Start != model.MustDate("1821") || actors.message.Text != "" {
		t.Errorf("after storing 1821 Mexico starts %q (message %q)", got.Life.Start, actors.message.Text)
	}
	te.undo()
	te.settle(t)
	if got, _ := te.doc.m.Actor(mexico.ID); !got.Life.Start.IsZero() {
		t.Error("undo did not take the edit back")
	}

	// The Kind column reads the kind's label, and a label typed there
	// stores the kind's name.
	actors.table.Select(widget.TableCellID{Row: row(mexico.ID), Col: 2}) // Kind
	if want := kindLabel(te.doc.m.Kind(model.ClassActor, mexico.Kind)); actors.cellText != want || want == mexico.Kind {
		t.Errorf("Mexico's kind reads %q, want its label %q", actors.cellText, want)
	}
	official := te.doc.m.Kind(model.ClassActor, "official")
	actors.cellText = strings.ToUpper(kindLabel(official))
	actors.store()
	te.settle(t)
	if got, _ := te.doc.m.Actor(mexico.ID); got.Kind != "official" {
		t.Errorf("after storing %q Mexico's kind is %q, want %q", actors.cellText, got.Kind, "official")
	}
	te.undo()
	te.settle(t)

	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	te.Select(ecuador.ID)
	if sel, ok := selectedRow(actors); !ok || actors.rows[sel] != ecuador.ID {
		t.Error("a selection on the diagram is not the table's")
	}

	// Sorted by a header's click, the selected record stays selected, in
	// its new row: the selection stayed on the row, on another record.
	header := widget.NewButton("", nil)
	actors.updateHeader(widget.TableCellID{Row: -1, Col: 1}, header)
	for range 2 { // by name, then the other way
		header.OnTapped()
		if sel, ok := selectedRow(actors); !ok || actors.rows[sel] != ecuador.ID {
			t.Errorf("sorted by name (descending %v), the table's selection is row %d, %v, not Ecuador", actors.desc, sel, ok)
		}
	}

	// Filtered, likewise: the selection follows Ecuador to its row among
	// those left, and goes when Ecuador is filtered out.
	for _, c := range []struct {
		words string
		left  bool
	}{{"ecuador", true}, {"santiago", false}} {
		words := c.words
		actors.filter.SetText(words)
		row := slices.Index(actors.rows, ecuador.ID)
		if len(actors.rows) == 0 || row >= 0 != c.left {
			t.Fatalf("filtered by %q: Ecuador in row %d of %d, which this test does not try", words, row, len(actors.rows))
		}
		if sel, ok := tableSelection(actors.table); row >= 0 && (actors.selRow != row || !ok || sel.Row != row) || row < 0 && (actors.selRow != -1 || ok) {
			t.Errorf("filtered by %q, Ecuador in row %d: the selection is row %d (the table's %v, %v)", words, row, actors.selRow, sel, ok)
		}
	}
	actors.filter.SetText("")
	// A cell in edit goes with its record too, and its text to it.
	actors.table.Select(widget.TableCellID{Row: slices.Index(actors.rows, mexico.ID), Col: 7}) // Notes
	actors.cellText = "Notes typed before a filter."
	actors.filter.SetText("mexico")
	if row := slices.Index(actors.rows, mexico.ID); actors.cell.Row != row || actors.selRow != row {
		t.Fatalf("filtered by mexico, Mexico in row %d: the cell in edit is in row %d, the selection in %d", row, actors.cell.Row, actors.selRow)
	}
	actors.store()
	te.settle(t)
	if got := actor(te, mexico.ID).Notes; got != "Notes typed before a filter." {
		t.Errorf("the notes typed in Mexico's cell before a filter went to Mexico as %q", got)
	}
	actors.filter.SetText("")

	ties := v.ties
	n := len(te.doc.m.Ties)
	ties.deleteMarked()
	if !strings.HasPrefix(ties.message.Text, "Mark the rows") {
		t.Errorf("Delete Marked with none marked says %q", ties.message.Text)
	}
	ties.marked[ties.rows[0]], ties.marked[ties.rows[1]] = true, true
	ties.deleteMarked()
	te.settle(t)
	if len(te.doc.m.Ties) != n-2 || len(ties.rows) != n-2 {
		t.Errorf("after deleting two marked ties the map has %d and the table %d, want %d", len(te.doc.m.Ties), len(ties.rows), n-2)
	}
	// The message says what went, in place of the one before.
	if got := ties.message.Text; got != "Deleted 2 rows. Edit > Undo brings them back." {
		t.Errorf("after deleting two marked ties the table says %q", got)
	}
	if ties.message.Importance == widget.DangerImportance {
		t.Error("the news of a deletion is said as a fault, in red")
	}
	// Undone, the news goes.
	te.undo()
	te.settle(t)
	if got := ties.message.Text; got != "" || len(te.doc.m.Ties) != n {
		t.Errorf("after Undo the table says %q, and the map has %d ties, want %d", got, len(te.doc.m.Ties), n)
	}
}

func actor(te *testEditor, id model.ID) model.Actor {
	a, _ := te.doc.m.Actor(id)
	return a
}

// tableSelection is the cell Fyne's table has selected, if any.
func tableSelection(tb *widget.Table) (widget.TableCellID, bool) {
	cell := reflect.ValueOf(tb).Elem().FieldByName("selectedCell")
	if cell.IsNil() {
		return widget.TableCellID{}, false
	}
	c := cell.Elem()
	return widget.TableCellID{Row: int(c.FieldByName("Row").Int()), Col: int(c.FieldByName("Col").Int())}, true
}

// selectedRow is the row selected last in t's table.
func selectedRow(t *recordTable) (int, bool) {
	return t.selRow, t.selRow >= 0
}

// The table keeps what its filter searches and its sort keys for each
// version of the map: after an edit, the filter finds the new text and
// the sort puts the edited record where it now belongs.
// A filter shows its rows from the first: typed with the table scrolled
// down, its few rows lay above the rows on show, and the table looked
// empty.
func TestTheFilterShowsItsFirstRow(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	v.win.Resize(fyne.NewSize(700, 300))
	scrolled := func() float64 {
		return reflect.ValueOf(v.actors.table).Elem().FieldByName("offset").FieldByName("Y").Float()
	}
	v.actors.table.ScrollToBottom()
	if scrolled() == 0 {
		t.Fatal("the actors' table did not scroll down: too few rows for this test")
	}
	v.actors.filter.SetText("embassy")
	if got := scrolled(); got != 0 {
		t.Errorf("after filtering, the table is scrolled %v down, want the first row at the top", got)
	}
}

func TestTableFollowsEditsOfTheMap(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	actors := v.actors
	actors.sortCol, actors.desc = 0, false // by name
	actors.reload()
	actors.filter.SetText("zz")
	if len(actors.rows) != 0 {
		t.Fatalf("%d actors match zz before any is named so", len(actors.rows))
	}
	mexico, _ := te.doc.m.ActorByName("Mexico")
	renamed := mexico
	renamed.Name = "ZZ Mexico"
	if _, err := te.apply(model.Change{Summary: "Rename", Put: model.Records{Actors: []model.Actor{renamed}}}); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	actors.filter.SetText("zz")
	if !slices.Contains(actors.rows, mexico.ID) {
		t.Errorf("after the rename the filter zz leaves %v, not Mexico (%d)", actors.rows, mexico.ID)
	}
	actors.filter.SetText("")
	if last := actors.rows[len(actors.rows)-1]; last != mexico.ID {
		t.Errorf("sorted by name, the last row is %q, want ZZ Mexico", actor(te, last).Name)
	}
}

// Picking a tie in the table shows it: the date moves to the tie's first
// day when it is not in force on the date on show, and the tie is
// selected. Picking an actor selects it too.
func TestTablePicksShowTheRecord(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	te.SetDate(model.MustDate("2020-01-01").First(), false)
	tie, _ := te.doc.m.Tie(severedTie)
	ties := v.ties
	v.win.Content().(*container.AppTabs).SelectIndex(1) // its tab, as a user clicks it
	for i, id := range ties.rows {
		if id == tie.ID {
			ties.table.Select(widget.TableCellID{Row: i, Col: 1})
		}
	}
	if from, _ := tie.Span.From(); te.doc.day != from || te.doc.selectedTie != tie.ID {
		t.Errorf("after picking the severed tie the date is %s and tie %d selected; want %s and %d", te.doc.day, te.doc.selectedTie, from, tie.ID)
	}
	mexico, _ := te.doc.m.ActorByName("Mexico")
	actors := v.actors
	for i, id := range actors.rows {
		if id == mexico.ID {
			actors.table.Select(widget.TableCellID{Row: i, Col: 1})
		}
	}
	if te.doc.selected != mexico.ID {
		t.Errorf("after picking Mexico actor %d is selected", te.doc.selected)
	}
}

// The table's columns widen in proportion to fill a wide window, and go
// back to their own widths, not below, in a narrow one.
func TestTableColumnsWiden(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	widths := func() map[string]float32 {
		out := map[string]float32{}
		for _, o := range test.LaidOutObjects(v.win.Content()) {
			if b, ok := o.(*widget.Button); ok && b.Visible() {
				for _, c := range v.actors.cols {
					if b.Text == c.title {
						out[c.title] = b.Size().Width
					}
				}
			}
		}
		return out
	}
	var need float32
	for _, c := range v.actors.cols {
		need += c.width
	}
	v.win.Resize(fyne.NewSize(need+markWidth+600, 600))
	wide := widths()
	var sum float32
	for _, c := range v.actors.cols {
		if wide[c.title] < c.width+1 {
			t.Errorf("in a window 600 wider than the columns need, %s is %v wide, its own width %v", c.title, wide[c.title], c.width)
		}
		sum += wide[c.title]
	}
	if sum < need+500 || sum > need+600 {
		t.Errorf("in a window 600 wider than the columns need, they are %v wide, need %v", sum, need)
	}
	v.win.Resize(fyne.NewSize(400, 600))
	narrow := widths()
	if len(narrow) == 0 {
		t.Fatal("in a narrow window no column header shows")
	}
	for title, w := range narrow {
		for _, c := range v.actors.cols {
			if c.title == title && w != c.width {
				t.Errorf("in a narrow window %s is %v wide, want its own width %v", title, w, c.width)
			}
		}
	}
}

// Editing a cell: Escape ends the edit and stores nothing; a click on
// another cell stores what was typed, as Enter does, unless the column
// refuses it, when the cell stays in edit saying why; and in a table
// sorted by the column edited, the selection goes with the record to its
// new row.
func TestTableCellEdits(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	// The layouts the edits start wait until the end: the table is
	// driven meanwhile, and the test driver would run their progress on
	// their own goroutines.
	defer te.settle(t)
	defer holdLayouts(te)()
	te.tableWindow()
	v := te.tables
	defer v.win.Close()
	v.win.Resize(fyne.NewSize(1400, 900))
	actors := v.actors
	actors.sortCol, actors.desc = 0, false // by name
	actors.reload()
	row := func(name string) int {
		a, _ := te.doc.m.ActorByName(name)
		i := slices.Index(actors.rows, a.ID)
		if i < 0 {
			t.Fatalf("no row for %s", name)
		}
		return i
	}
	// field is the field of the cell in edit, as the table makes it.
	field := func() *textField {
		if actors.cell.Row < 0 {
			t.Fatal("no cell is in edit")
		}
		o := actors.table.CreateCell()
		actors.table.UpdateCell(actors.cell, o)
		f := o.(*fyne.Container).Objects[2].(*textField)
		if !f.Visible() {
			t.Fatalf("the cell in edit, %v, shows no field", actors.cell)
		}
		return f
	}
	const short, from, notes = 3, 4, 7
	short0 := func(name string) string { a, _ := te.doc.m.ActorByName(name); return a.Short }

	actors.table.Select(widget.TableCellID{Row: row("Mexico"), Col: short})
	field().SetText("MX")
	field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if actors.cell.Row >= 0 || short0("Mexico") != "" {
		t.Errorf("Escape in the cell: still in edit %v, Mexico's short name %q", actors.cell.Row >= 0, short0("Mexico"))
	}

	actors.table.Select(widget.TableCellID{Row: row("Mexico"), Col: short})
	field().SetText("MX")
	actors.table.Select(widget.TableCellID{Row: row("Ecuador"), Col: notes})
	ecuador, _ := te.doc.m.ActorByName("Ecuador")
	if short0("Mexico") != "MX" || actors.cell.Col != notes || actors.rows[actors.cell.Row] != ecuador.ID {
		t.Errorf("a click away from Mexico's short name stored %q, and left %v in edit; want MX stored, Ecuador's notes in edit", short0("Mexico"), actors.cell)
	}

	actors.table.Select(widget.TableCellID{Row: row("Chile"), Col: from})
	field().SetText("2024-13")
	actors.table.Select(widget.TableCellID{Row: row("Ecuador"), Col: notes})
	chile, _ := te.doc.m.ActorByName("Chile")
	if actors.cell.Col != from || actors.rows[actors.cell.Row] != chile.ID || !strings.Contains(actors.message.Text, "is not a date: the month must be 01 to 12") || actors.cellText != "2024-13" {
		t.Errorf("a click away from a bad date: %v in edit holding %q, message %q; want Chile's From kept in edit, saying why", actors.cell, actors.cellText, actors.message.Text)
	}
	field().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	// Chile exists again later: Until is the end of its last life, and
	// sets it, its first life left whole.
	lives, err := model.ParseLives("1818 – 1973; 1990 – …")
	if err != nil {
		t.Fatal(err)
	}
	chile.Life, chile.Later = lives[0], lives[1:]
	if _, err := te.apply(model.Change{Summary: "Edit Actor 'Chile'", Put: model.Records{Actors: []model.Actor{chile}}}); err != nil {
		t.Fatal(err)
	}
	const until = 5
	actors.table.Select(widget.TableCellID{Row: row("Chile"), Col: until})
	if got := field().Text; got != "" {
		t.Errorf("Chile's Until, its last life open: %q; want it empty", got)
	}
	field().SetText("2030")
	field().OnSubmitted(field().Text)
	chile, _ = te.doc.m.ActorByName("Chile")
	if got := model.LivesString(chile.Lives()); got != "1818 – 1973; 1990 – 2030" {
		t.Errorf("Chile's Until set to 2030: lives %q; want 1818 – 1973; 1990 – 2030", got)
	}

	// Sorted by name: renamed, Chile moves to the top, selected there.
	actors.table.Select(widget.TableCellID{Row: row("Chile"), Col: 1})
	field().SetText("AAA Chile")
	field().OnSubmitted(field().Text)
	if actors.rows[0] != chile.ID || actors.selRow != 0 {
		t.Errorf("renamed AAA Chile: first row %v, selected row %d; want Chile first and selected", actors.rows[0], actors.selRow)
	}
}

// openTableHeld opens the Table's window with te's layouts held (see
// holdLayouts); when the test ends the window closes, the layouts go on
// and te settles.
func (te *testEditor) openTableHeld(t *testing.T) *tableView {
	te.settle(t)
	t.Cleanup(func() { te.settle(t) })
	t.Cleanup(holdLayouts(te))
	te.tableWindow()
	v := te.tables
	t.Cleanup(v.win.Close)
	return v
}

// holdLayouts makes te's layouts wait, until the function it returns is
// called, or until they are cancelled by a newer one. The layouts kept
// are forgotten, so that a change the layout does not see (a source's)
// waits too rather than getting its picture back at once.
func holdLayouts(te *testEditor) (release func()) {
	te.laidOut.mu.Lock()
	te.laidOut.keys, te.laidOut.tls = nil, nil
	te.laidOut.mu.Unlock()
	gate := make(chan struct{})
	wait := func(ctx context.Context) error {
		select {
		case <-gate:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	layOut, adjust, rebox := te.layOut, te.adjust, te.rebox
	te.layOut = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
		if err := wait(ctx); err != nil {
			return nil, err
		}
		return layOut(ctx, m, s, old, progress, preview)
	}
	te.adjust = func(ctx context.Context, m *model.Map, s float64, old *layout.Timeline, progress func(int, int), preview func(*layout.Timeline)) (*layout.Timeline, error) {
		if err := wait(ctx); err != nil {
			return nil, err
		}
		return adjust(ctx, m, s, old, progress, preview)
	}
	te.rebox = func(ctx context.Context, was, m *model.Map, s float64, old *layout.Timeline, progress func(int, int)) (*layout.Timeline, bool, error) {
		if err := wait(ctx); err != nil {
			return nil, false, err
		}
		return rebox(ctx, was, m, s, old, progress)
	}
	return func() { close(gate) }
}

// The Table's window has a menu of its own, whose Close (Ctrl+W) closes
// it: a window's menu takes its shortcuts before a field with the focus.
func TestCtrlWClosesTheTable(t *testing.T) {
	te := newTestEditor(t)
	te.tableWindow()
	w := te.tables.win
	menuItem(t, w, ctrl(fyne.KeyW, 0)).Action()
	if te.tables != nil {
		t.Error("Ctrl+W left the Table open")
		w.Close()
	}
}

// The Table opens on what is selected on the diagram: the actor's row
// selected, or, for a tie, the Ties tab on the tie's row.
func TestTheTableOpensOnTheSelection(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	noboa, err := te.doc.m.ActorByName("Daniel Noboa")
	if err != nil {
		t.Fatal(err)
	}
	te.Select(noboa.ID)
	te.settle(t)
	te.tableWindow()
	v := te.tables
	if row := v.actors.selRow; row < 0 || row >= len(v.actors.rows) || v.actors.rows[row] != noboa.ID {
		t.Errorf("the Table opened with row %d selected, want Daniel Noboa's", row)
	}
	v.win.Close()

	tie := te.doc.m.Ties[len(te.doc.m.Ties)-1]
	te.SelectTie(tie.ID)
	te.settle(t)
	te.tableWindow()
	v = te.tables
	defer v.win.Close()
	if row := v.ties.selRow; row < 0 || row >= len(v.ties.rows) || v.ties.rows[row] != tie.ID {
		t.Errorf("the Table opened with tie row %d selected, want tie %d's", row, tie.ID)
	}
	tabs, ok := v.win.Content().(*container.AppTabs)
	if !ok || tabs.SelectedIndex() != 1 {
		t.Errorf("with a tie selected the Table opened on another tab than Ties")
	}
}

// The Table's window undoes and redoes the map's changes from its own
// Edit menu (Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y): with the Table focused,
// Ctrl+Z did nothing, and the edit could be undone only from the main
// window.
func TestTheTableUndoesAndRedoes(t *testing.T) {
	te := newTestEditor(t)
	w := te.openTableHeld(t).win
	undo, redo := menuItem(t, w, &fyne.ShortcutUndo{}), menuItem(t, w, ctrl(fyne.KeyZ, fyne.KeyModifierShift))
	// Its items are named, and enabled, as the main window's are: Redo
	// was offered with nothing to redo.
	if !undo.Disabled || !redo.Disabled {
		t.Errorf("with nothing to undo or redo, the Table offers Undo %v, Redo %v", !undo.Disabled, !redo.Disabled)
	}
	glas, _ := te.doc.m.ActorByName("Jorge Glas")
	te.Select(glas.ID)
	te.deleteSelected()
	te.jobs.Wait()
	if _, ok := te.doc.m.Actor(glas.ID); ok {
		t.Fatal("Jorge Glas was not deleted")
	}
	if undo.Disabled || !strings.HasPrefix(undo.Label, "Undo Delete") || !redo.Disabled {
		t.Errorf("after a delete the Table's Edit menu has %q (disabled %v) and Redo disabled %v", undo.Label, undo.Disabled, redo.Disabled)
	}
	undo.Action()
	te.jobs.Wait()
	if _, ok := te.doc.m.Actor(glas.ID); !ok {
		t.Fatal("the Table's Undo did not bring Jorge Glas back")
	}
	if redo.Disabled || !strings.HasPrefix(redo.Label, "Redo Delete") {
		t.Errorf("after an undo the Table's Edit menu has %q (disabled %v)", redo.Label, redo.Disabled)
	}
	redo.Action()
	te.jobs.Wait()
	if _, ok := te.doc.m.Actor(glas.ID); ok {
		t.Error("the Table's Redo did not delete Jorge Glas again")
	}
	undo.Action()
	te.jobs.Wait()
	// Ctrl+Y, which the desktop driver turns into Fyne's Redo shortcut.
	inner := reflect.ValueOf(w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	inner.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutRedo{})
	te.jobs.Wait()
	if _, ok := te.doc.m.Actor(glas.ID); ok {
		t.Error("Ctrl+Y in the Table did not redo the delete")
	}
}

// Ctrl+Z right after a cell is stored undoes the change: the cell's
// field, hidden once stored, kept the focus, and took Ctrl+Z as its own.
func TestUndoRightAfterACellIsStored(t *testing.T) {
	te := newTestEditor(t)
	v := te.openTableHeld(t)
	v.win.Resize(fyne.NewSize(1400, 900))
	c := v.win.Canvas()
	actors := v.actors
	uk, _ := te.doc.m.ActorByName("United Kingdom")
	const short = 3
	actors.table.Select(widget.TableCellID{Row: slices.Index(actors.rows, uk.ID), Col: short})
	c.Content().Refresh()
	field, ok := c.Focused().(*textField)
	if !ok {
		t.Fatalf("the cell in edit has not the focus: %T has", c.Focused())
	}
	field.SetText("UK")
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a, _ := te.doc.m.Actor(uk.ID); a.Short != "UK" {
		t.Fatalf("the short name stored is %q", a.Short)
	}
	if f, ok := c.Focused().(*textField); ok {
		t.Errorf("the stored cell's field (%q) keeps the focus", f.Text)
	}
	te.undoIn(v.win) // Ctrl+Z, through the Table's menu
	if a, _ := te.doc.m.Actor(uk.ID); a.Short != "" {
		t.Errorf("Ctrl+Z right after the cell was stored left the short name %q", a.Short)
	}
}

// Picking an actor in sight (a row of the Table, a match of Find) selects
// it and leaves the view be; one out of sight is glided to: a click on a
// row panned a fitted map half out of the window.
func TestPickingAnActorInSightLeavesTheView(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	uk, _ := te.doc.m.ActorByName("United Kingdom")
	before := te.diagram.View()
	te.goToActorID(uk.ID)
	if te.doc.selected != uk.ID {
		t.Fatal("the United Kingdom was not selected")
	}
	if te.diagram.camera != nil || te.diagram.View() != before || !te.diagram.follow {
		t.Errorf("picking the United Kingdom, in sight on the fitted map, moved the view from %+v to %+v", before, te.diagram.View())
	}
	// Zoomed in on the middle, the United Kingdom is out of sight.
	te.diagram.Hold(render.View{CX: before.CX, CY: before.CY, Zoom: before.Zoom * 8, UIScale: before.UIScale})
	p := te.tl.At(te.doc.day).Pos[uk.ID]
	if te.diagram.InSight(p) {
		t.Fatal("zoomed in eight times on the middle, the United Kingdom is still in sight")
	}
	te.goToActorID(uk.ID)
	if te.diagram.camera == nil {
		t.Error("picking the United Kingdom out of sight did not glide the view to it")
	}
	te.diagram.stopCamera()
	// On the picture's edge, it is not in sight enough: its ties run out
	// of the picture.
	w, h := te.diagram.pw, te.diagram.ph
	edge := render.View{CX: p.X, CY: p.Y, Zoom: before.Zoom * 8, UIScale: before.UIScale}
	for edge.Shows(p.X, p.Y, w, h) && edge.ShowsWell(p.X, p.Y, w, h) {
		edge.CY += 2 / edge.Zoom // the actor two pixels nearer the top
	}
	if !edge.Shows(p.X, p.Y, w, h) {
		t.Fatal("no view shows the United Kingdom on the picture's top edge")
	}
	te.diagram.Hold(edge)
	if te.diagram.InSight(p) {
		t.Error("the United Kingdom on the picture's top edge is in sight")
	}
	te.goToActorID(uk.ID)
	if te.diagram.camera == nil {
		t.Error("picking the United Kingdom on the picture's edge did not glide the view to it")
	}
	te.diagram.stopCamera()
}

// Picking a tie in force and in sight (a row of the Table's ties) selects
// it and leaves the view be: a click on a cell slid a fitted map aside,
// and it stayed so.
func TestPickingATieInSightLeavesTheView(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	var tie model.Tie
	for _, x := range te.doc.m.Ties {
		if x.Span.Covers(te.doc.day) {
			tie = x
			break
		}
	}
	before := te.diagram.View()
	te.goToTie(tie.ID)
	if te.doc.selectedTie != tie.ID {
		t.Fatal("the tie was not selected")
	}
	if te.diagram.camera != nil || te.diagram.View() != before || !te.diagram.follow {
		t.Errorf("picking tie %d, in sight on the fitted map, moved the view from %+v to %+v", tie.ID, before, te.diagram.View())
	}
	te.diagram.Hold(render.View{CX: before.CX + 1e4, CY: before.CY, Zoom: before.Zoom * 8, UIScale: before.UIScale})
	te.goToTie(tie.ID)
	if te.diagram.camera == nil {
		t.Error("picking the tie out of sight did not glide the view to it")
	}
	te.diagram.stopCamera()
}

// A table of many rows lays out what shows of them only, also when it
// was first laid out in a tab not on show (with no room for any row):
// Fyne's table then put a separator under every row, and kept them, and
// a 50,000-tie table took a third of a second to open. A record shown in
// the hidden tab is selected when the tab is.
func TestATableOfManyRowsLaysOutWhatShows(t *testing.T) {
	te := newTestEditor(t)
	ids := make([]model.ID, 20000)
	for i := range ids {
		ids[i] = model.ID(i + 1)
	}
	tab := te.newRecordTable("actors", func() []model.ID { return ids },
		[]tableColumn{{title: "Number", width: 120, get: func(id model.ID) string { return fmt.Sprint(id) }}}, nil, nil)
	tabs := container.NewAppTabs(container.NewTabItem("Other", widget.NewLabel("other")), container.NewTabItem("Rows", tab.content))
	w := test.NewWindow(tabs)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	tab.show(501)
	tabs.SelectIndex(1)
	if n := separators(tab.table); n > 100 {
		t.Errorf("the table has %d separators, for %d rows", n, len(ids))
	}
	if got, ok := selectedRow(tab); !ok || got != 500 {
		t.Errorf("the record shown in the hidden tab is in row %d (selected: %v), want 500", got, ok)
	}
	tab.table.ScrollToTop()
	if !shows(tab.table, "1") || !shows(tab.table, "3") {
		t.Error("the table shows no rows")
	}
}

// separators counts the separators drawn in o.
func separators(o fyne.CanvasObject) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if _, ok := o.(*widget.Separator); ok {
			n++
		}
	})
	return n
}

// shows reports whether a label on show in o reads text.
func shows(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == text {
			found = true
		}
	})
	return found
}

// walk calls f on o and everything drawn in it.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		if _, ok := o.(*widget.Separator); ok {
			return
		}
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, f)
		}
	}
}

// The Table refuses a source's web address that the source's form
// refuses: it stored "not a url".
func TestTableRefusesABadWebAddress(t *testing.T) {
	te := newTestEditor(t)
	v := te.openTableHeld(t)
	url := -1
	for i, c := range v.s.cols {
		if c.title == "URL" {
			url = i
		}
	}
	if url < 0 {
		t.Fatal("the sources' table has no URL column")
	}
	id := te.doc.m.Sources[0].ID
	if _, err := v.s.cols[url].set(id, "not a url"); err == nil || !strings.Contains(err.Error(), "http:// or https://") {
		t.Errorf("a web address of \"not a url\": %v, want it refused", err)
	}
	if c, err := v.s.cols[url].set(id, " https://example.org/a "); err != nil || c.Put.Sources[0].URL != "https://example.org/a" {
		t.Errorf("a good web address: %v, %+v", err, c.Put.Sources)
	}
}
