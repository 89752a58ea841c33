package ui

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// tableColumn is a column of a table view: its title, the text of a
// record's cell, and, for a column that can be edited, the change that
// puts text in a record's cell (an error says what is wrong with text).
type tableColumn struct {
	title string
	width float32
	get   func(id model.ID) string
	set   func(id model.ID, text string) (model.Change, error)
}

// recordTable is one tab of the table view: the records of one table of
// the map (actors, ties, events or sources) as rows, filtered by the text
// typed above them and sorted by the column whose header was clicked
// last. A click on a cell selects its record on the diagram and, in a
// column that can be edited, turns the cell into a field: Enter stores
// it, checked as the forms check it, with what is wrong said beneath the
// table and nothing stored. The first column marks rows for Delete
// Marked.
type recordTable struct {
	e      *Editor
	name   string
	ids    func() []model.ID
	delete func(ids []model.ID) model.Change
	onPick func(id model.ID)
	cols   []tableColumn

	rows    []model.ID
	marked  map[model.ID]bool
	sortCol int
	desc    bool
	// thenCol is the column sorted by before sortCol, by which rows of
	// equal cells in sortCol are ordered (descending when thenDesc), -1
	// for none: sorted by name and then by kind, the names of each kind
	// are in order.
	thenCol  int
	thenDesc bool
	// cell is the cell being edited (Row -1 for none), cellWas the text
	// it had, and cellText what its field holds; focus asks for the field
	// to take the keyboard.
	cell     widget.TableCellID
	cellText string
	cellWas  string
	// keep is the record whose cell was stored last, while the change is
	// applied: the table reloaded, its row is selected where it went.
	keep   model.ID
	focus  bool
	quiet  bool // the table is selecting a row itself
	selRow int  // the row selected last, -1 for none

	// text holds rowText's answers for the map textOf, keys sortKey's
	// for the map keysOf, by column.
	text   map[model.ID]string
	textOf *model.Map
	keys   map[int]map[model.ID]cellKey
	keysOf *model.Map
	// sorted is the records of the map sortedOf sorted as sortedBy says.
	sorted   []model.ID
	sortedOf *model.Map
	sortedBy sortOrder

	// headerH is the height of the table's header row, once known.
	headerH float32
	// showing is the record to select once the table has room for rows
	// (see shownRows), 0 for none: the table view opens on the
	// selection, and follows it, in tabs not yet laid out.
	showing model.ID

	filter  *widget.Entry
	count   *widget.Label // the rows shown, of how many
	table   *widget.Table
	message *widget.Label
	// saidOf is the map the message's news is about (a deletion's), nil
	// for a message about a fault; the news goes when the map changes.
	saidOf  *model.Map
	content fyne.CanvasObject
}

func (e *Editor) newRecordTable(name string, ids func() []model.ID, cols []tableColumn,
	selectRecord func(id model.ID), del func(ids []model.ID) model.Change) *recordTable {
	t := &recordTable{e: e, name: name, ids: ids, cols: cols, onPick: selectRecord, delete: del,
		marked: map[model.ID]bool{}, sortCol: -1, thenCol: -1, cell: widget.TableCellID{Row: -1}, selRow: -1}
	t.filter = widget.NewEntry()
	t.filter.SetPlaceHolder(map[string]string{
		"actors":  lang.L("Filter actors…"),
		"ties":    lang.L("Filter ties…"),
		"events":  lang.L("Filter events…"),
		"sources": lang.L("Filter sources…"),
	}[name])
	t.filter.OnChanged = func(string) {
		// From the first row that matches, its name in sight: scrolled
		// down a long table, a filter's few rows lay above the rows on
		// show. Fyne's ScrollToTop moves the rows to the top only when
		// their number changes (when all matched, the table was empty);
		// ScrollTo moves them, but to below the header.
		t.reload()
		t.table.ScrollToTop()
		if len(t.rows) > 0 {
			t.table.ScrollTo(widget.TableCellID{Row: 0, Col: 0})
		}
	}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return t.shownRows(), len(t.cols) + 1 },
		func() fyne.CanvasObject {
			return container.NewStack(widget.NewCheck("", nil), widget.NewLabel(""), newTextField())
		},
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	t.table.UpdateHeader = t.updateHeader
	t.table.SetColumnWidth(0, markWidth)
	for i, c := range cols {
		t.table.SetColumnWidth(i+1, c.width)
	}
	t.table.OnSelected = t.selected
	t.message = widget.NewLabel("")
	t.message.Importance = widget.DangerImportance // but for news (see saidOf)
	t.message.Wrapping = fyne.TextWrapWord
	deleteMarked := widget.NewButtonWithIcon(lang.L("Delete Marked"), theme.DeleteIcon(), t.deleteMarked)
	t.count = widget.NewLabel("")
	t.content = container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(t.count, deleteMarked), t.filter), t.message, nil, nil,
		container.New(&widening{t: t}, t.table))
	t.reload()
	return t
}

// shownRows is how many rows the table tells Fyne it has: none until it
// has room for a row below its header. With no room, Fyne's table lays a
// separator under every row, and keeps them: a table of 50,000 ties made
// 50,000 of them as it opened (a third of a second), and every refresh
// after that passed over them all.
func (t *recordTable) shownRows() int {
	if t.headerH == 0 {
		t.headerH = t.table.CreateHeader().MinSize().Height
	}
	if t.table.Size().Height <= t.headerH+1 {
		return 0
	}
	return len(t.rows)
}

// markWidth is the width of the column that marks rows.
const markWidth = 36

// widening lays a record table out over all its room, its columns (but
// the marks') widened in proportion to fill a width beyond what they
// need, and narrowed back to that, but not below it.
type widening struct {
	t     *recordTable
	width float32 // the width the columns were set for
}

func (w *widening) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (w *widening) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
	if id := w.t.showing; id != 0 && w.t.shownRows() > 0 {
		w.t.show(id)
	}
	if size.Width == w.width {
		return
	}
	w.width = size.Width
	var need float32
	for _, c := range w.t.cols {
		need += c.width
	}
	// Room is kept for the separators between columns and the scroll bar.
	th := w.t.table.Theme()
	room := size.Width - markWidth - float32(len(w.t.cols)+1)*th.Size(theme.SizeNameSeparatorThickness) - th.Size(theme.SizeNameScrollBar)
	grow := max(1, room/need)
	for i, c := range w.t.cols {
		w.t.table.SetColumnWidth(i+1, float32(math.Floor(float64(c.width*grow))))
	}
}

func (t *recordTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col == 0 {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	title := t.cols[id.Col-1].title
	if id.Col-1 == t.sortCol {
		title += map[bool]string{false: " ▲", true: " ▼"}[t.desc]
	}
	b.SetText(title)
	b.OnTapped = func() {
		if t.sortCol == id.Col-1 {
			t.desc = !t.desc
		} else {
			if t.sortCol >= 0 {
				t.thenCol, t.thenDesc = t.sortCol, t.desc
			}
			t.sortCol, t.desc = id.Col-1, false
		}
		t.reload() // the record selected stays selected, in its new row
	}
}

func (t *recordTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	check, label, field := stack.Objects[0].(*widget.Check), stack.Objects[1].(*widget.Label), stack.Objects[2].(*textField)
	if id.Row >= len(t.rows) {
		return
	}
	rec := t.rows[id.Row]
	if id.Col == 0 {
		label.Hide()
		field.Hide()
		check.Show()
		check.OnChanged = nil
		check.SetChecked(t.marked[rec])
		check.OnChanged = func(on bool) { t.marked[rec] = on }
		return
	}
	check.Hide()
	if id == t.cell {
		label.Hide()
		field.OnChanged, field.OnSubmitted = nil, nil
		field.SetText(t.cellText)
		field.OnChanged = func(s string) { t.cellText = s }
		field.OnSubmitted = func(string) { t.store() }
		field.onKey = func(k *fyne.KeyEvent) bool {
			if k.Name != fyne.KeyEscape {
				return false
			}
			t.cancelEdit()
			return true
		}
		field.Show()
		if t.focus {
			t.focus = false
			if c := fyne.CurrentApp().Driver().CanvasForObject(t.table); c != nil {
				c.Focus(field)
			}
		}
		return
	}
	field.Hide()
	label.Show()
	// A label set to the text it has is left alone: setting it draws it
	// again, and a table made wider sets every cell on show once for each
	// column widened.
	if text := t.cols[id.Col-1].get(rec); label.Text != text || label.Truncation != fyne.TextTruncateEllipsis {
		label.Truncation = fyne.TextTruncateEllipsis
		label.SetText(text)
	}
}

// reload reads the records again, filters and sorts them, and forgets a
// cell whose record is gone. The record selected, and the one whose cell
// is in edit, keep their place in whichever row the filter and the sort
// put them: the table's selection is a row, and stayed on the row, on
// another record (a cell's text then went to that record).
func (t *recordTable) reload() {
	selected, edited := t.recordAt(t.selRow), t.recordAt(t.cell.Row)
	words := strings.Fields(strings.ToLower(t.filter.Text))
	t.rows = t.rows[:0]
	all := t.ids()
	if t.sortCol >= 0 {
		all = t.sortedIDs(all)
	}
	if len(words) > 0 {
		t.readText(all)
	}
	for _, id := range all {
		if t.matches(id, words) {
			t.rows = append(t.rows, id)
		}
	}
	if len(t.marked) > 0 {
		shown := make(map[model.ID]bool, len(t.rows))
		for _, id := range t.rows {
			shown[id] = true
		}
		for id := range t.marked {
			if !shown[id] {
				delete(t.marked, id)
			}
		}
	}
	if edited != 0 {
		if i := slices.Index(t.rows, edited); i < 0 {
			t.clearEdit()
		} else {
			t.cell.Row = i
		}
	}
	switch {
	case t.keep != 0:
		t.leaveRow(slices.Index(t.rows, t.keep))
		t.keep = 0
	case t.cell.Row >= 0 && t.cell.Row != t.selRow:
		t.selectQuietly(t.cell) // the cell in edit, in its new row
	case t.cell.Row < 0 && selected != 0:
		if i := slices.Index(t.rows, selected); i < 0 {
			t.selRow = -1
			t.table.UnselectAll()
		} else if i != t.selRow {
			t.selRow = -1
			t.show(selected)
		}
	}
	if len(words) > 0 {
		t.count.SetText(fmt.Sprintf(lang.L("%s of %s"), windowLang.Count(len(t.rows)), windowLang.Count(len(all))))
	} else {
		t.count.SetText(windowLang.Count(len(all))) // as the side panel counts
	}
	t.table.Refresh()
}

// recordAt is the record of a row, 0 for none.
func (t *recordTable) recordAt(row int) model.ID {
	if row < 0 || row >= len(t.rows) {
		return 0
	}
	return t.rows[row]
}

// sortedIDs is all, this version of the map's records, sorted by the
// column sorted by: sorted once for each version, column and direction,
// not at every key typed in the filter, which then picks the rows out in
// order. Each row's cell is read and made a key once, not at every
// comparison: a table of 50,000 ties sorts in a blink.
func (t *recordTable) sortedIDs(all []model.ID) []model.ID {
	by := sortOrder{t.sortCol, t.desc, t.thenCol, t.thenDesc}
	if by.then == by.col {
		by.then = -1
	}
	if t.sortedOf == t.e.doc.m && t.sortedBy == by && len(t.sorted) == len(all) {
		return t.sorted
	}
	keys, then := t.readKeys(by.col, all), []cellKey(nil)
	if by.then >= 0 {
		then = t.readKeys(by.then, all)
	}
	keyed := make([]keyedRow, len(all))
	for i, id := range all {
		keyed[i] = keyedRow{id: id, at: i, key: keys[i]}
		if then != nil {
			keyed[i].then = then[i]
		}
	}
	// Rows with equal keys keep their order (by at), in either direction:
	// a stable sort, by the quicker unstable one.
	slices.SortFunc(keyed, func(a, b keyedRow) int {
		c := compareKeys(a.key, b.key)
		if by.desc {
			c = -c
		}
		if c == 0 && then != nil {
			c = compareKeys(a.then, b.then)
			if by.thenDesc {
				c = -c
			}
		}
		if c == 0 {
			return cmp.Compare(a.at, b.at)
		}
		return c
	})
	t.sorted = make([]model.ID, len(keyed))
	for i, k := range keyed {
		t.sorted[i] = k.id
	}
	t.sortedOf, t.sortedBy = t.e.doc.m, by
	return t.sorted
}

// sortOrder is how a table's rows are sorted: by a column, descending or
// not, and then, among equal cells, by another (-1 for none).
type sortOrder struct {
	col      int
	desc     bool
	then     int
	thenDesc bool
}

// keyedRow is a row, where it was before the sort, and the keys of its
// cells in the columns sorted by.
type keyedRow struct {
	id        model.ID
	at        int
	key, then cellKey
}

// cellKey is a cell as compareKeys orders it: its number, when it is one,
// and its text in lower case.
type cellKey struct {
	num    float64
	isNum  bool
	folded string
}

func cellKeyOf(s string) cellKey {
	x, err := strconv.ParseFloat(s, 64)
	return cellKey{num: x, isNum: err == nil, folded: strings.ToLower(s)}
}

// compareCells orders cells as numbers when both are, else as text,
// ignoring case.
func compareCells(a, b string) int { return compareKeys(cellKeyOf(a), cellKeyOf(b)) }

// compareKeys is compareCells for cells made keys.
func compareKeys(a, b cellKey) int {
	if a.isNum && b.isNum {
		return cmp.Compare(a.num, b.num)
	}
	return strings.Compare(a.folded, b.folded)
}

// matches reports whether every word of the filter is in one of the
// record's cells.
func (t *recordTable) matches(id model.ID, words []string) bool {
	if len(words) == 0 {
		return true
	}
	all := t.rowText(id)
	for _, w := range words {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}

// sortKey is the key of a record's cell in column col, worked out once
// for each version of the map.
func (t *recordTable) sortKey(col int, id model.ID) cellKey {
	if t.keysOf != t.e.doc.m {
		t.keys, t.keysOf = map[int]map[model.ID]cellKey{}, t.e.doc.m
	}
	known := t.keys[col]
	if known == nil {
		known = map[model.ID]cellKey{}
		t.keys[col] = known
	}
	k, ok := known[id]
	if !ok {
		k = cellKeyOf(t.cols[col].get(id))
		known[id] = k
	}
	return k
}

// readKeys is the sortKey of each record of ids in column col, those not
// yet known for this version of the map worked out over all cores, as
// readText does: a new column of 50,000 ties is read at its first click.
func (t *recordTable) readKeys(col int, ids []model.ID) []cellKey {
	out := make([]cellKey, len(ids))
	if len(ids) == 0 {
		return out
	}
	out[0] = t.sortKey(col, ids[0]) // on this goroutine first (see readText)
	known := t.keys[col]
	overCores(len(ids), func(i int) {
		k, ok := known[ids[i]]
		if !ok {
			k = cellKeyOf(t.cols[col].get(ids[i]))
		}
		out[i] = k
	})
	if len(known) < len(ids) { // some were worked out
		for i, id := range ids {
			known[id] = out[i]
		}
	}
	return out
}

// overCores calls f(i) for every i in [0, n), in a stretch of them for
// each core, and returns when all are done.
func overCores(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	per := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * per; i < min(n, (w+1)*per); i++ {
				f(i)
			}
		})
	}
	wg.Wait()
}

// rowText is a record's cells in lower case, a line each, as the filter
// searches them: worked out once for each version of the map, not at
// every key typed in the filter.
func (t *recordTable) rowText(id model.ID) string {
	if t.textOf != t.e.doc.m {
		t.text, t.textOf = map[model.ID]string{}, t.e.doc.m
	}
	if s, ok := t.text[id]; ok {
		return s
	}
	t.text[id] = t.textOfRow(id)
	return t.text[id]
}

// textOfRow is rowText without the store of them.
func (t *recordTable) textOfRow(id model.ID) string {
	var all strings.Builder
	for _, c := range t.cols {
		all.WriteString(strings.ToLower(c.get(id)))
		all.WriteByte('\n')
	}
	return all.String()
}

// readText works out the rowText of every record of ids not yet read for
// this version of the map, over all cores: the first letter typed in the
// filter of a 50,000-tie table reads every cell. The first record is read
// on this goroutine first, so that what the columns look records up in
// (built on first use) is there before they are read at once; the columns
// only read the map, which does not change meanwhile.
func (t *recordTable) readText(ids []model.ID) {
	if t.textOf == t.e.doc.m && len(t.text) == len(ids) || len(ids) == 0 {
		return
	}
	t.rowText(ids[0])
	texts := make([]string, len(ids))
	overCores(len(ids), func(i int) {
		if _, ok := t.text[ids[i]]; !ok {
			texts[i] = t.textOfRow(ids[i])
		}
	})
	for i, id := range ids {
		if texts[i] != "" {
			t.text[id] = texts[i]
		}
	}
}

// selected puts the cell in the edit bar and selects its record on the
// diagram.
func (t *recordTable) selected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	t.selRow = id.Row
	if t.quiet {
		if id != t.cell {
			t.clearEdit()
		}
		return
	}
	if id == t.cell {
		return // the cell in edit: it stays as typed
	}
	rec := t.rows[id.Row]
	if t.cell.Row >= 0 && t.cellText != t.cellWas {
		// A click away from a cell being edited stores it first, as Enter
		// does. A text the column refuses keeps the cell in edit, saying
		// why; a stored one may move rows (the table sorted by its
		// column), and the click then goes to the record clicked.
		if !t.store() {
			t.selectQuietly(t.cell)
			return
		}
		i := slices.Index(t.rows, rec)
		if i < 0 {
			return
		}
		id.Row = i
		t.selectQuietly(id)
	}
	if id.Col > 0 && t.cols[id.Col-1].set != nil {
		text := t.cols[id.Col-1].get(rec)
		t.cell, t.cellText, t.cellWas, t.focus = id, text, text, true
		t.message.SetText("")
		t.table.Refresh()
	} else {
		t.clearEdit()
	}
	if t.onPick != nil {
		t.onPick(rec)
	}
}

// selectQuietly selects cell id in the table, not on the diagram.
func (t *recordTable) selectQuietly(id widget.TableCellID) {
	t.quiet = true
	t.table.Select(id)
	t.quiet = false
}

// cancelEdit ends the edit of a cell without storing it: what Escape in
// the cell does.
func (t *recordTable) cancelEdit() {
	t.message.SetText("")
	t.leaveRow(t.cell.Row)
}

// leaveRow ends the edit of a cell, the record's row left selected by
// its mark: the table takes a click on a cell selected already for
// nothing, and a click on the cell edited must edit it again.
func (t *recordTable) leaveRow(row int) {
	t.clearEdit()
	if row >= 0 && row < len(t.rows) {
		t.selectQuietly(widget.TableCellID{Row: row, Col: 0})
	}
}

func (t *recordTable) clearEdit() {
	if t.cell.Row >= 0 {
		t.cell = widget.TableCellID{Row: -1}
		t.table.Refresh()
		// The cell's field, hidden now, gives up the focus: kept, it took
		// Ctrl+Z as its own (nothing typed to undo) rather than the map's.
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.table); c != nil {
			if _, ok := c.Focused().(*textField); ok {
				c.Unfocus()
			}
		}
	}
}

// store puts the text of the cell being edited in its record as one
// undoable change, and reports whether it did (or had nothing to store):
// a text the column refuses is said beneath the table, the field stays,
// and nothing is stored. The record's row stays selected where it goes
// (in a table sorted by the column, a new value moves it).
func (t *recordTable) store() bool {
	if t.cell.Row < 0 || t.cell.Row >= len(t.rows) || t.cell.Col == 0 {
		return true
	}
	c := t.cols[t.cell.Col-1]
	if c.set == nil {
		return true
	}
	rec := t.rows[t.cell.Row]
	change, err := c.set(rec, strings.TrimSpace(t.cellText))
	if err != nil {
		t.fault(c.title + ": " + sentence(err))
		return false
	}
	// The message and the field go before the change is applied:
	// applying it may start a layout, after which this view has nothing
	// more to do.
	t.message.SetText("")
	t.clearEdit()
	t.keep = rec // reload selects its row, before a layout can start
	// Said first: the change starts a layout, whose progress is on the
	// status line until it is done (see sayDone).
	t.e.sayTiesBeyondIn(t.e.doc.m, change)
	_, err = t.e.apply(change)
	t.keep = 0
	if err != nil {
		t.e.notice = ""
		t.fault(c.title + ": " + sentence(err))
		return false
	}
	return true
}

// fault says, in red, what is wrong.
func (t *recordTable) fault(msg string) {
	t.message.Importance = widget.DangerImportance
	t.saidOf = nil
	t.message.SetText(msg)
}

// deleteMarked deletes the marked records as one undoable change.
func (t *recordTable) deleteMarked() {
	var ids []model.ID
	for _, id := range t.rows {
		if t.marked[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.fault(lang.L("Mark the rows to delete in the first column."))
		return
	}
	if _, err := t.e.apply(t.delete(ids)); err != nil {
		t.fault(sentence(err))
		return
	}
	clear(t.marked)
	// Said as news, not as a fault, and only while the map is as the
	// deletion left it: it stood, in red, after Undo had brought the rows
	// back.
	t.message.Importance = widget.MediumImportance
	t.message.SetText(plural(len(ids), "Deleted 1 row. Edit > Undo brings it back.", "Deleted %d rows. Edit > Undo brings them back."))
	t.saidOf = t.e.doc.m
}

// show selects the row of record id, without selecting it again on the
// diagram.
func (t *recordTable) show(id model.ID) {
	t.showing = 0
	i := slices.Index(t.rows, id)
	if i < 0 || i == t.selRow {
		return // gone, or selected here already (a cell may be in edit)
	}
	if t.shownRows() == 0 {
		t.showing = id // once the table has room (see widening.Layout)
		return
	}
	t.quiet = true
	t.table.Select(widget.TableCellID{Row: i, Col: 1})
	t.quiet = false
}

// recordColumn is a column of records of type T: load finds the record
// of an ID, get is its cell's text, and parse (nil for a column that cannot
// be edited) puts a cell's text in the record, which put turns into the
// change that stores it.
func recordColumn[T any](title string, w float32, load func(model.ID) T, put func(T) (model.Change, error),
	get func(T) string, parse func(*T) func(string) error) tableColumn {
	c := tableColumn{title: title, width: w, get: func(id model.ID) string { return get(load(id)) }}
	if parse != nil {
		c.set = func(id model.ID, s string) (model.Change, error) {
			r := load(id)
			if err := parse(&r)(s); err != nil {
				return model.Change{}, err
			}
			return put(r)
		}
	}
	return c
}

// tableView is the table view's window: a tab per table of the map.
type tableView struct {
	win                     fyne.Window
	actors, ties, events, s *recordTable
	undoItem, redoItem      *fyne.MenuItem // named as the main window's are
}

// tableWindow opens the table view, or brings it to the front.
func (e *Editor) tableWindow() {
	if e.tables != nil {
		e.tables.win.RequestFocus()
		return
	}
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	v := e.newTableView()
	v.win = a.NewWindow(lang.L("Table — ") + e.mapTitle())
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Actors"), v.actors.content),
		container.NewTabItem(lang.L("Ties"), v.ties.content),
		container.NewTabItem(lang.L("Events"), v.events.content),
		container.NewTabItem(lang.L("Sources"), v.s.content))
	v.win.SetContent(tabs)
	v.win.Resize(fyne.NewSize(980, 560))
	v.win.SetOnClosed(func() { e.tables = nil })
	// A menu of its own: a window's menu takes its shortcuts before the
	// field with the focus does, the filter or a cell.
	closeItem := fyne.NewMenuItem(lang.L("Close"), v.win.Close)
	closeItem.Shortcut = ctrl(fyne.KeyW, 0)
	quit := fyne.NewMenuItem(lang.L("Quit"), e.quit)
	quit.Shortcut, quit.IsQuit = ctrl(fyne.KeyQ, 0), true
	// Undo and Redo act on the map from here too, as in the main window.
	undo := fyne.NewMenuItem(lang.L("Undo"), func() { e.undoIn(v.win) })
	undo.Shortcut = &fyne.ShortcutUndo{}
	redo := fyne.NewMenuItem(lang.L("Redo"), func() { e.redoIn(v.win) })
	redo.Shortcut = ctrl(fyne.KeyZ, fyne.KeyModifierShift)
	v.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.redoIn(v.win) })
	v.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), closeItem, quit), fyne.NewMenu(lang.L("Edit"), undo, redo)))
	v.undoItem, v.redoItem = undo, redo
	e.tables = v
	e.refreshUndo()
	v.win.Show()
	// It opens on what is selected on the diagram, its row selected and
	// scrolled to.
	v.actors.show(e.doc.selected)
	if e.doc.selectedTie != 0 {
		tabs.SelectIndex(1)
		v.ties.show(e.doc.selectedTie)
	}
}

// followInTables keeps the table view on the document.
func (e *Editor) followInTables(u Update) {
	v := e.tables
	if v == nil {
		return
	}
	if u.Has(MapChanged | FileChanged) {
		for _, t := range []*recordTable{v.actors, v.ties, v.events, v.s} {
			if t.saidOf != nil && t.saidOf != e.doc.m {
				t.message.SetText("")
				t.saidOf = nil
			}
			t.reload()
		}
		v.win.SetTitle(lang.L("Table — ") + e.mapTitle())
	}
	if u.Has(SelectionChanged) {
		v.actors.show(e.doc.selected)
		v.ties.show(e.doc.selectedTie)
	}
}

func (e *Editor) newTableView() *tableView {
	m := func() *model.Map { return e.doc.m }
	// Cells are read through an index of the map on show, made again when
	// the map changes, and so are the citation counts: a table sorts and
	// filters every row of a 10,000-actor map.
	var indexed *model.Map
	var index *model.Index
	var cited map[model.ID]int
	x := func() *model.Index {
		if indexed != m() {
			indexed, index, cited = m(), model.NewIndex(m()), citations(m())
		}
		return index
	}
	actor := func(id model.ID) model.Actor { a, _ := x().Actor(id); return a }
	tie := func(id model.ID) model.Tie { t, _ := x().Tie(id); return t }
	event := func(id model.ID) model.Event { ev, _ := x().Event(id); return ev }
	source := func(id model.ID) model.Source { s, _ := x().Source(id); return s }
	name := func(id model.ID) string { return actor(id).Name }
	ids := func(n int, at func(i int) model.ID) []model.ID {
		out := make([]model.ID, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	putActor := func(a model.Actor) (model.Change, error) {
		if other, err := m().ActorByName(a.Name); err == nil && other.ID != a.ID {
			return model.Change{}, fmt.Errorf(lang.L("another actor is named %q"), a.Name)
		}
		if err := m().CheckActor(a); err != nil {
			return model.Change{}, err
		}
		return model.Change{Summary: lang.L("Edit Actor ") + quoted(a.Name), Put: model.Records{Actors: []model.Actor{a}}}, nil
	}
	putTie := func(t model.Tie) (model.Change, error) {
		if err := m().CheckTie(t); err != nil {
			return model.Change{}, err
		}
		return model.Change{Summary: lang.L("Edit Tie ") + quoted(e.tieName(t)), Put: model.Records{Ties: []model.Tie{t}}}, nil
	}
	putEvent := func(ev model.Event) (model.Change, error) {
		if err := m().CheckEvent(ev); err != nil {
			return model.Change{}, err
		}
		return model.Change{Summary: lang.L("Edit Event ") + quoted(ev.Title), Put: model.Records{Events: []model.Event{ev}}}, nil
	}
	text := func(put func(string)) func(string) error {
		return func(s string) error { put(s); return nil }
	}
	date := func(put func(model.Date)) func(string) error {
		return func(s string) error {
			d, err := model.ParseDate(s)
			if err != nil {
				return errors.New(dateProblem(s, err))
			}
			put(d)
			return nil
		}
	}
	actorRef := func(put func(model.ID)) func(string) error {
		return func(s string) error {
			if s == "" {
				put(0)
				return nil
			}
			a, err := m().ActorByName(s)
			if err != nil {
				return err
			}
			put(a.ID)
			return nil
		}
	}
	actorCol := func(title string, w float32, get func(model.Actor) string, parse func(a *model.Actor) func(string) error) tableColumn {
		return recordColumn(title, w, actor, putActor, get, parse)
	}
	tieCol := func(title string, w float32, get func(model.Tie) string, parse func(t *model.Tie) func(string) error) tableColumn {
		return recordColumn(title, w, tie, putTie, get, parse)
	}
	eventCol := func(title string, w float32, get func(model.Event) string, parse func(ev *model.Event) func(string) error) tableColumn {
		return recordColumn(title, w, event, putEvent, get, parse)
	}
	v := &tableView{}
	v.actors = e.newRecordTable("actors", func() []model.ID {
		return ids(len(m().Actors), func(i int) model.ID { return m().Actors[i].ID })
	}, []tableColumn{
		actorCol(lang.L("Name"), 200, func(a model.Actor) string { return a.Name }, func(a *model.Actor) func(string) error {
			return func(s string) error {
				if s == "" {
					return errors.New(lang.L("a name is required"))
				}
				a.Name = s
				return nil
			}
		}),
		actorCol(lang.L("Kind"), 150, func(a model.Actor) string { return kindLabel(m().Kind(model.ClassActor, a.Kind)) }, func(a *model.Actor) func(string) error {
			return text(func(s string) { a.Kind = kindName(m(), model.ClassActor, s) })
		}),
		actorCol(lang.L("Short"), 100, func(a model.Actor) string { return a.Short }, func(a *model.Actor) func(string) error {
			return text(func(s string) { a.Short = s })
		}),
		actorCol(lang.L("From"), 90, func(a model.Actor) string { return a.Life.Start.String() }, func(a *model.Actor) func(string) error {
			return date(func(d model.Date) { a.Life.Start = d })
		}),
		// An actor that exists again later (see Actor.Later) ends when
		// its last life does: Until is that end, and sets it.
		actorCol(lang.L("Until"), 90, func(a model.Actor) string { return lastLife(&a).End.String() }, func(a *model.Actor) func(string) error {
			return date(func(d model.Date) {
				a.Later = slices.Clone(a.Later) // the map's own, shared with the record copied
				lastLife(a).End = d
			})
		}),
		actorCol(lang.L("Belongs to"), 140, func(a model.Actor) string { return name(a.BelongsTo) }, func(a *model.Actor) func(string) error {
			return actorRef(func(id model.ID) { a.BelongsTo = id })
		}),
		actorCol(lang.L("Notes"), 260, func(a model.Actor) string { return a.Notes }, func(a *model.Actor) func(string) error {
			return text(func(s string) { a.Notes = s })
		}),
	}, e.goToActorID, func(ids []model.ID) model.Change {
		return model.Change{Summary: plural(len(ids), "Delete 1 Actor", "Delete %d Actors"), Delete: model.Deleted{Actors: ids}}
	})
	v.ties = e.newRecordTable("ties", func() []model.ID {
		return ids(len(m().Ties), func(i int) model.ID { return m().Ties[i].ID })
	}, []tableColumn{
		tieCol(lang.X("tie.from", "From"), 160, func(t model.Tie) string { return name(t.From) }, func(t *model.Tie) func(string) error {
			return actorRef(func(id model.ID) { t.From = id })
		}),
		tieCol(lang.X("tie.to", "To"), 160, func(t model.Tie) string { return name(t.To) }, func(t *model.Tie) func(string) error {
			return actorRef(func(id model.ID) { t.To = id })
		}),
		tieCol(lang.L("Kind"), 150, func(t model.Tie) string { return kindLabel(m().Kind(model.ClassTie, t.Kind)) }, func(t *model.Tie) func(string) error {
			return text(func(s string) { t.Kind = kindName(m(), model.ClassTie, s) })
		}),
		tieCol(lang.L("Start"), 90, func(t model.Tie) string { return t.Span.Start.String() }, func(t *model.Tie) func(string) error {
			return date(func(d model.Date) { t.Span.Start = d })
		}),
		tieCol(lang.L("End"), 90, func(t model.Tie) string { return t.Span.End.String() }, func(t *model.Tie) func(string) error {
			return date(func(d model.Date) { t.Span.End = d })
		}),
		tieCol(lang.L("Label"), 180, func(t model.Tie) string { return t.Label }, func(t *model.Tie) func(string) error {
			return text(func(s string) { t.Label = s })
		}),
		tieCol(lang.L("Weight"), 70, func(t model.Tie) string { return weightText(t.Weight) }, func(t *model.Tie) func(string) error {
			return func(s string) error {
				w, err := parseWeight(s)
				if err == nil {
					t.Weight = w
				}
				return err
			}
		}),
	}, e.goToTie, func(ids []model.ID) model.Change {
		return model.Change{Summary: plural(len(ids), "Delete 1 Tie", "Delete %d Ties"), Delete: model.Deleted{Ties: ids}}
	})
	v.events = e.newRecordTable("events", func() []model.ID {
		return ids(len(m().Events), func(i int) model.ID { return m().Events[i].ID })
	}, []tableColumn{
		eventCol(lang.L("Date"), 100, func(ev model.Event) string { return ev.Date.String() }, func(ev *model.Event) func(string) error {
			return date(func(d model.Date) { ev.Date = d })
		}),
		eventCol(lang.L("Kind"), 110, func(ev model.Event) string { return kindLabel(m().Kind(model.ClassEvent, ev.Kind)) }, func(ev *model.Event) func(string) error {
			return text(func(s string) { ev.Kind = kindName(m(), model.ClassEvent, s) })
		}),
		eventCol(lang.L("Title"), 300, func(ev model.Event) string { return ev.Title }, func(ev *model.Event) func(string) error {
			return text(func(s string) { ev.Title = s })
		}),
		eventCol(lang.L("Participants"), 90, func(ev model.Event) string { return strconv.Itoa(len(ev.Participants)) }, nil),
		eventCol(lang.L("Ties"), 60, func(ev model.Event) string { return strconv.Itoa(len(ev.Begins) + len(ev.Ends)) }, nil),
	}, func(id model.ID) { e.SetDate(event(id).Date.First(), true) }, func(ids []model.ID) model.Change {
		return model.Change{Summary: plural(len(ids), "Delete 1 Event", "Delete %d Events"), Delete: model.Deleted{Events: ids}}
	})
	count := func(id model.ID) string { x(); return strconv.Itoa(cited[id]) }
	srcCol := func(title string, w float32, get func(model.Source) string, put func(s *model.Source, text string) error) tableColumn {
		c := tableColumn{title: title, width: w, get: func(id model.ID) string { return get(source(id)) }}
		if put != nil {
			c.set = func(id model.ID, text string) (model.Change, error) {
				s := source(id)
				if err := put(&s, text); err != nil {
					return model.Change{}, err
				}
				if err := s.Check(); err != nil {
					return model.Change{}, err
				}
				return model.Change{Summary: lang.L("Edit Source ") + quoted(sourceName(s)), Put: model.Records{Sources: []model.Source{s}}}, nil
			}
		}
		return c
	}
	v.s = e.newRecordTable("sources", func() []model.ID {
		return ids(len(m().Sources), func(i int) model.ID { return m().Sources[i].ID })
	}, []tableColumn{
		srcCol(lang.L("Title"), 300, func(s model.Source) string { return s.Title }, func(s *model.Source, t string) error { s.Title = t; return nil }),
		srcCol(lang.L("Publisher"), 140, func(s model.Source) string { return s.Publisher }, func(s *model.Source, t string) error { s.Publisher = t; return nil }),
		srcCol("URL", 200, func(s model.Source) string { return s.URL }, func(s *model.Source, t string) error {
			// Refused as the source's form refuses it.
			s.URL = strings.TrimSpace(t)
			if problem := webAddressProblem(s.URL); problem != "" {
				return errors.New(problem)
			}
			return nil
		}),
		srcCol(lang.L("Date"), 90, func(s model.Source) string { return s.Date.String() }, func(s *model.Source, t string) error {
			return date(func(d model.Date) { s.Date = d })(t)
		}),
		srcCol(lang.L("Grade"), 60, func(s model.Source) string { return s.Grade }, func(s *model.Source, t string) error { s.Grade = strings.ToUpper(t); return nil }),
		{title: lang.L("Cited"), width: 60, get: count},
	}, nil, func(ids []model.ID) model.Change {
		return model.Change{Summary: plural(len(ids), "Delete 1 Source", "Delete %d Sources"), Delete: model.Deleted{Sources: ids}}
	})
	return v
}

// lastLife is the last of the spans in which a exists: Life, or the last
// of Later.
func lastLife(a *model.Actor) *model.Span {
	if n := len(a.Later); n > 0 {
		return &a.Later[n-1]
	}
	return &a.Life
}
