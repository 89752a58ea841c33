package ui

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/render"
)

// TestExportDialog: one dialog exports the date on show, an animation or
// small multiples, each from its own fields, and says which field is
// wrong; it remembers the last choices.
func TestExportDialog(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	dir := t.TempDir()
	run := func(f *exportForm, name string) string {
		t.Helper()
		job, err := te.exportJob(f)
		if err != nil {
			t.Fatalf("%s: %v", f.kind.Selected, err)
		}
		path := filepath.Join(dir, name)
		if err := job.write(context.Background(), path, func(int, int) {}); err != nil {
			t.Fatalf("%s: %v", f.kind.Selected, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	f := te.newExportForm()
	f.kind.SetSelected(exportDate)
	f.format.SetSelected(formatNames["svg"])
	f.proportions.SetChecked(false) // each side as typed
	f.width.SetText("900")
	f.height.SetText("600")
	f.sources.SetChecked(true)
	if got := run(f, "date.svg"); !strings.Contains(got, "Sources: [1]") || !strings.Contains(got, `width="900"`) {
		t.Error("the date's SVG is not 900 wide with its sources")
	}
	f.remember()
	if again := te.newExportForm(); again.format.Selected != formatNames["svg"] || !again.sources.Checked || again.kind.Selected != exportDate {
		t.Errorf("the dialog forgot the last choices: %q, sources %v, %q", again.format.Selected, again.sources.Checked, again.kind.Selected)
	}

	f.kind.SetSelected(exportAnimation)
	if !f.shown(f.fps) || f.shown(f.format) || !f.shown(f.from) || f.shown(f.sources) {
		t.Error("the animation's fields are not the ones shown")
	}
	f.movie.SetSelected(movieNames["gif"])
	f.from.SetText("2024-04-04")
	f.to.SetText("2024-04-07")
	f.fps.SetText("5")
	f.animW.SetText("400")
	f.animH.SetText("300")
	if got := run(f, "anim.gif"); !strings.HasPrefix(got, "GIF89a") {
		t.Error("the animation is not a GIF")
	}

	f.kind.SetSelected(exportMultiples)
	f.format.SetSelected(formatNames["png"])
	f.dates.SetText("events")
	f.columns.SetText("2")
	f.proportions.SetChecked(false) // each side as typed
	f.width.SetText("1600")
	f.height.SetText("1000")
	if got := run(f, "multiples.png"); !strings.HasPrefix(got, "\x89PNG") {
		t.Error("the small multiples are not a PNG")
	}

	f.kind.SetSelected(exportData)
	if !f.shown(f.data) || f.shown(f.width) {
		t.Error("the data export shows other fields than its format")
	}
	f.data.SetSelectedIndex(2) // GEXF 1.3
	if got := run(f, "map.gexf"); !strings.Contains(got, `<gexf xmlns="http://gexf.net/1.3"`) || !strings.Contains(got, "viz:position") {
		t.Error("the data export is not GEXF 1.3 with positions")
	}
	f.data.SetSelectedIndex(1) // CSV tables
	run2 := func() {
		job, err := te.exportJob(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := job.write(context.Background(), filepath.Join(dir, "tables"), nil); err != nil {
			t.Fatal(err)
		}
	}
	run2()
	if _, err := os.Stat(filepath.Join(dir, "tables", "actors.csv")); err != nil {
		t.Errorf("the CSV export: %v", err)
	}

	for _, bad := range []struct {
		kind, field, value, says string
	}{
		{exportDate, "width", "wide", "whole numbers"},
		{exportDate, "dpi", "-3", "resolution"},
		{exportAnimation, "fps", "0", "frames a second"},
		{exportAnimation, "to", "1900-01-01", "after the start"},
		{exportMultiples, "dates", "2024-04-04,someday", "someday"},
	} {
		g := te.newExportForm()
		g.kind.SetSelected(bad.kind)
		map[string]*textField{"width": g.width, "dpi": g.dpi, "fps": g.fps, "to": g.to, "dates": g.dates}[bad.field].SetText(bad.value)
		if _, err := te.exportJob(g); err == nil || !strings.Contains(err.Error(), bad.says) {
			t.Errorf("%s with %s %q: %v, want an error saying %q", bad.kind, bad.field, bad.value, err, bad.says)
		}
	}
}

// Changing the unit writes the size in the new one, and an animation,
// sized in pixels always, has a size of its own: a size on paper chosen
// for the date once blocked every animation with "an animation is sized
// in pixels", with no unit to change on its tab.
func TestExportSizesAndUnits(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	f := te.newExportForm()
	f.kind.SetSelected(exportDate)
	f.unit.SetSelected("px")
	f.dpi.SetText("")
	// Kept in proportion, a side typed sets the other: the picture keeps
	// the shape of the window (a new width left the height as it was).
	if !f.proportions.Checked {
		t.Error("the export's proportions are not kept at first")
	}
	ratio := f.sizeRatio()
	f.width.SetText("2000")
	if want := strconv.Itoa(int(math.Round(2000 * ratio))); f.height.Text != want {
		t.Errorf("2000 wide, in proportion: %s high, want %s", f.height.Text, want)
	}
	f.height.SetText("500")
	if want := strconv.Itoa(int(math.Round(500 / ratio))); f.width.Text != want {
		t.Errorf("500 high, in proportion: %s wide, want %s", f.width.Text, want)
	}
	f.proportions.SetChecked(false)
	f.width.SetText("1016")
	f.height.SetText("757")
	if f.width.Text != "1016" {
		t.Errorf("not in proportion, the width typed became %s", f.width.Text)
	}
	f.unit.SetSelected("cm")
	if f.width.Text != "8.6" || f.height.Text != "6.4" {
		t.Errorf("1016 × 757 px at 300 dpi in cm: %s × %s, want 8.6 × 6.4", f.width.Text, f.height.Text)
	}
	f.width.SetText("18")
	f.height.SetText("12")
	f.unit.SetSelected("mm")
	if f.width.Text != "180" || f.height.Text != "120" {
		t.Errorf("18 × 12 cm in mm: %s × %s", f.width.Text, f.height.Text)
	}
	f.dpi.SetText("150")
	f.unit.SetSelected("px")
	if f.width.Text != "1063" || f.height.Text != "709" {
		t.Errorf("180 × 120 mm at 150 dpi in px: %s × %s, want 1063 × 709", f.width.Text, f.height.Text)
	}
	f.unit.SetSelected("cm")
	f.width.SetText("18")
	f.height.SetText("12")
	f.remember()

	// The animation keeps its own size, in pixels, whatever the date's.
	g := te.newExportForm()
	g.kind.SetSelected(exportAnimation)
	if g.shown(g.width) || g.shown(g.unit) || !g.shown(g.animW) {
		t.Error("the animation's tab shows the date's size and unit rather than its own size in pixels")
	}
	g.from.SetText("2024-04-04")
	g.to.SetText("2024-04-07")
	g.animW.SetText("400")
	g.animH.SetText("300")
	if _, err := te.exportJob(g); err != nil {
		t.Errorf("an animation with the date sized in cm: %v", err)
	}
	g.remember()
	if h := te.newExportForm(); h.width.Text != "18" || h.unit.Selected != "cm" || h.animW.Text != "400" || h.animH.Text != "300" {
		t.Errorf("remembered: the date %s × %s %s, the animation %s × %s; want 18 × 12 cm and 400 × 300",
			h.width.Text, h.height.Text, h.unit.Selected, h.animW.Text, h.animH.Text)
	}

	// A size too big or no number says which, once.
	for _, bad := range []struct{ w, h, says string }{
		{"1016", "757", "1016 × 757 cm at 150 dpi is 60000 × 44705 pixels; each side must be 100 to 16384 pixels"},
		{"wide", "12", "width and height must be numbers of cm, above 0"},
		{"-18", "12", "width and height must be numbers of cm, above 0"},
	} {
		g := te.newExportForm()
		g.kind.SetSelected(exportDate)
		g.dpi.SetText("150")
		g.proportions.SetChecked(false) // each side as typed
		g.width.SetText(bad.w)
		g.height.SetText(bad.h)
		if _, err := te.exportJob(g); err == nil || err.Error() != bad.says {
			t.Errorf("%s × %s cm: %v, want %q", bad.w, bad.h, err, bad.says)
		}
	}
}

// A value the export refuses opens the dialog again as it was left, the
// message over it, rather than closing it and losing what was chosen; so
// does the Preferences dialog.
func TestARefusedValueKeepsTheDialog(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	c := te.win.Canvas()
	for _, open := range []struct {
		name, field, confirm string
		show                 func()
	}{
		{"export", "width", "Choose file…", te.exportDialog},
		{"preferences", "recent maps", "OK", te.preferencesDialog},
	} {
		open.show()
		dlg := c.Overlays().Top()
		var fields []*textField
		for _, o := range test.LaidOutObjects(dlg) {
			if f, ok := o.(*textField); ok {
				fields = append(fields, f)
			}
		}
		var typed []*textField
		switch open.name {
		case "export":
			for _, f := range fields {
				if _, err := strconv.Atoi(f.Text); err == nil {
					typed = append(typed, f) // the width and height
				}
			}
		case "preferences":
			typed = fields[len(fields)-1:] // recent maps kept, the last field
		}
		if len(typed) == 0 {
			t.Fatalf("%s: no %s field", open.name, open.field)
		}
		for _, f := range typed {
			f.SetText("abc")
		}
		test.Tap(button(t, dlg, open.confirm))
		shown := func(o fyne.CanvasObject) bool {
			for _, ov := range c.Overlays().List()[:max(0, len(c.Overlays().List())-1)] {
				if slices.Contains(test.LaidOutObjects(ov), o) {
					return true
				}
			}
			return false
		}
		if n := len(c.Overlays().List()); n != 2 || !shown(typed[0]) {
			t.Errorf("%s: after a refused %s, %d overlays, the dialog under the top one %t; want the dialog and the message over it", open.name, open.field, n, shown(typed[0]))
		}
		if typed[0].Text != "abc" {
			t.Errorf("%s: the %s field now reads %q", open.name, open.field, typed[0].Text)
		}
		for c.Overlays().Top() != nil {
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
}

// Cancel in the file dialog opens the Export dialog again as it was left:
// it closed, and the choices made in it had to be made again.
func TestCancellingTheFileOpensTheExportAgain(t *testing.T) {
	t.Setenv("RELMAP_FILE_DIALOG", "fyne")
	te := newTestEditor(t)
	te.paint(t)
	c := te.win.Canvas()
	te.exportDialog()
	export := c.Overlays().Top()
	var width *textField
	for _, o := range test.LaidOutObjects(export) {
		if f, ok := o.(*textField); ok && width == nil {
			if _, err := strconv.Atoi(f.Text); err == nil {
				width = f
			}
		}
	}
	if width == nil {
		t.Fatal("no width field")
	}
	width.SetText("1234")
	test.Tap(button(t, export, "Choose file…"))
	chooser := c.Overlays().Top()
	if chooser == nil || chooser == export {
		t.Fatal("Choose file… shows no file dialog")
	}
	test.Tap(button(t, chooser, "Cancel"))
	top := c.Overlays().Top()
	if shown := top != nil && slices.Contains(test.LaidOutObjects(top), fyne.CanvasObject(width)); !shown || width.Text != "1234" {
		t.Errorf("after Cancel in the file dialog: the Export dialog on top %t, its width %q; want it shown again, its width 1234", shown, width.Text)
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
}

// A radio button gives the focus back to its window once a choice is
// made, so that Escape then reaches the window and closes the dialog: a
// radio button, focused by the click, took every key and ignored Escape,
// so the first Escape in the export dialog did nothing.
func TestARadioChoiceGivesBackTheFocus(t *testing.T) {
	var chosen string
	r := newRadio([]string{"This date", "Animation"}, func(s string) { chosen = s })
	w := test.NewWindow(r)
	defer w.Close()
	c := w.Canvas()
	c.FocusNext() // the first button, as a click on it does in the window
	item := c.Focused()
	if item == nil || !strings.Contains(reflect.TypeOf(item).String(), "radioItem") {
		t.Fatalf("the focus went to %T, not a radio button", item)
	}
	test.Tap(item.(fyne.Tappable))
	if chosen != "This date" {
		t.Errorf("the click chose %q", chosen)
	}
	if c.Focused() != nil {
		t.Errorf("after the choice %T keeps the focus, and with it Escape", c.Focused())
	}
	// A second click on the option chosen keeps it chosen.
	test.Tap(item.(fyne.Tappable))
	if r.Selected != "This date" {
		t.Errorf("a click on the option chosen leaves %q chosen", r.Selected)
	}
}

// With every tie to be labelled, the export says how many labels found no
// room: they were left out without a word.
func TestExportSaysWhichTieLabelsWereLeftOut(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	f := te.newExportForm()
	f.kind.SetSelected(exportDate)
	f.unit.SetSelected("px")
	f.proportions.SetChecked(false) // each side as typed
	f.width.SetText("500")
	f.height.SetText("320")
	f.labels.SetChecked(true)
	job, err := te.exportJob(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := job.write(context.Background(), filepath.Join(t.TempDir(), "small.png"), nil); err != nil {
		t.Fatal(err)
	}
	if more := job.more(); !strings.Contains(more, "tie labels found no room") {
		t.Errorf("a 500×320 picture of every tie labelled says %q after the export", more)
	}
	f.labels.SetChecked(false)
	if job, err = te.exportJob(f); err != nil {
		t.Fatal(err)
	}
	if err := job.write(context.Background(), filepath.Join(t.TempDir(), "plain.png"), nil); err != nil {
		t.Fatal(err)
	}
	if more := job.more(); more != "" {
		t.Errorf("without every tie labelled the export says %q", more)
	}
}

// A new language chosen in the Preferences is offered at once: Restart
// Now starts relmap again on the map open; the same language offers
// nothing.
func TestANewLanguageOffersARestart(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	c := te.win.Canvas()
	restarts := 0
	te.Restart = func() { restarts++ }
	prefs := fyne.CurrentApp().Preferences()
	prefs.SetString(langKey, "")
	defer prefs.SetString(langKey, "")
	choose := func(name string) {
		t.Helper()
		te.preferencesDialog()
		dlg := c.Overlays().Top()
		var language *choice
		for _, o := range test.LaidOutObjects(dlg) {
			if ch, ok := o.(*choice); ok && slices.Contains(ch.Options, "Español") {
				language = ch
			}
		}
		if language == nil {
			t.Fatal("the Preferences have no language choice")
		}
		language.SetSelected(name)
		test.Tap(button(t, dlg, "OK"))
	}
	choose("English")
	top := c.Overlays().Top()
	if top == nil || !slices.ContainsFunc(test.LaidOutObjects(top), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.Contains(l.Text, "relmap speaks English from its next start")
	}) {
		t.Fatal("choosing English offers no restart")
	}
	test.Tap(button(t, top, "Restart Now"))
	if restarts != 1 {
		t.Errorf("Restart Now started relmap again %d times", restarts)
	}
	choose("English")
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("the language as it was offers a restart: %T", top)
		c.Overlays().Remove(top)
	}
}

// The animation's formats say why MP4 is missing when ffmpeg, which makes
// it, is not installed; with ffmpeg, MP4 is among them.
func TestTheAnimationSaysWhyMP4IsMissing(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	f := te.newExportForm()
	f.kind.SetSelected(exportAnimation)
	var said bool
	for _, r := range f.rows {
		if l, ok := r.field.(*widget.Label); ok && r.field.Visible() && strings.Contains(l.Text, "MP4 needs ffmpeg") {
			said = true
		}
	}
	hasMP4 := slices.Contains(f.movie.Options, movieNames["mp4"])
	if render.FFmpeg() == "" && (!said || hasMP4) || render.FFmpeg() != "" && (said || !hasMP4) {
		t.Errorf("ffmpeg at %q: MP4 offered %v, the dialog says it needs ffmpeg %v", render.FFmpeg(), hasMP4, said)
	}
}

// An animation and small multiples are made, unless the user says
// otherwise, of the stretch of time the timeline shows, within the map's
// changes: they began at the map's first change, fifty years before the
// crisis its events tell of.
func TestAnAnimationSpansTheTimelineOnShow(t *testing.T) {
	te := newTestEditor(t)
	keys := te.doc.m.Keyframes()
	for _, tt := range []struct {
		name     string
		lo, hi   model.Day
		from, to model.Day
	}{
		{"a window within the changes", day(t, "2024-03-01"), day(t, "2024-04-30"), day(t, "2024-03-01"), day(t, "2024-04-30")},
		{"a window reaching beyond the last change", keys[len(keys)-1] - 20, keys[len(keys)-1] + 25, keys[len(keys)-1] - 20, keys[len(keys)-1]},
		{"a window reaching before the first change", keys[0] - 25, keys[0] + 40, keys[0], keys[0] + 40},
	} {
		t.Run(tt.name, func(t *testing.T) {
			te.time.slider.setWindow(tt.lo, tt.hi)
			f := te.newExportForm()
			if f.from.Text != tt.from.String() || f.to.Text != tt.to.String() {
				t.Errorf("from %s to %s, want %s to %s", f.from.Text, f.to.Text, tt.from, tt.to)
			}
		})
	}
	te.time.fitEvents()
	if f := te.newExportForm(); f.from.Text < "2023-11-01" {
		t.Errorf("fitted to the events, the animation starts on %s, before them", f.from.Text)
	}
}

// The small multiples' dates at the events are kept in one word whatever
// the language they were typed in, and shown in the window's.
func TestTheEventsWordIsKeptInOneLanguage(t *testing.T) {
	for _, text := range []string{"events", " Events ", lang.L("events")} {
		if got := datesKept(text); got != eventsWord {
			t.Errorf("%q is kept as %q, want %q", text, got, eventsWord)
		}
	}
	if got := datesKept("3m"); got != "3m" {
		t.Errorf("3m is kept as %q", got)
	}
	if got := datesShown(eventsWord); got != lang.L("events") {
		t.Errorf("the events' word is shown as %q, want %q", got, lang.L("events"))
	}
}

// The window says what a data export could not carry, as the command
// line's report does: a GraphML export lost the map's 11 events unsaid.
func TestADataExportSaysWhatItLeftOut(t *testing.T) {
	te := newTestEditor(t)
	f := te.newExportForm()
	for i, d := range dataFormats {
		if d.ext == ".graphml" {
			f.data.SetSelectedIndex(i)
		}
	}
	job, err := te.dataJob(f, "crisis")
	if err != nil {
		t.Fatal(err)
	}
	if err := job.write(context.Background(), filepath.Join(t.TempDir(), "crisis.graphml"), nil); err != nil {
		t.Fatal(err)
	}
	if got := job.more(); !strings.HasPrefix(got, "; not carried over: ") || !strings.Contains(got, "event") {
		t.Errorf("after the GraphML export the status line adds %q, want what was not carried over, the events", got)
	}
}

// The export dialog keeps its size whichever kind of export is chosen:
// it grew and shrank, centred, and its buttons moved from under the
// pointer, so that a click meant for one format chose another.
func TestTheExportDialogKeepsItsSize(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	te.exportDialog()
	top := te.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no Export dialog")
	}
	var kinds *widget.RadioGroup
	for _, o := range test.LaidOutObjects(top) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == 4 {
			kinds = r
		}
	}
	if kinds == nil {
		t.Fatal("the Export dialog has no choice of what to export")
	}
	var sizes []fyne.Size
	for _, k := range kinds.Options {
		kinds.SetSelected(k)
		sizes = append(sizes, top.MinSize())
	}
	for i, s := range sizes {
		if s != sizes[0] {
			t.Errorf("choosing %q sizes the dialog %v; %q sized it %v", kinds.Options[i], s, kinds.Options[0], sizes[0])
		}
	}
}

// A data export keeps the name typed when it ends in any extension of its
// format's files (.gv or .dot for DOT), and the file dialog lists them
// all: a DOT export typed as "dyn.dot" was saved as "dyn.dot.gv".
func TestADataExportKeepsEveryExtensionOfItsFormat(t *testing.T) {
	te := newTestEditor(t)
	f := te.newExportForm()
	for _, c := range []struct{ ext, typed, want string }{
		{".gv", "dyn.dot", "dyn.dot"},
		{".gv", "dyn.DOT", "dyn.DOT"},
		{".gv", "dyn.gv", "dyn.gv"},
		{".gv", "dyn", "dyn.gv"},
		{".gv", "dyn.graphml", "dyn.graphml.gv"},
		{".gexf", "dyn.gexf", "dyn.gexf"},
		{".gexf", "dyn.dot", "dyn.dot.gexf"},
		{".json", "dyn", "dyn.json"},
	} {
		t.Run(c.typed+" as "+c.ext, func(t *testing.T) {
			for i, d := range dataFormats {
				if d.ext == c.ext {
					f.data.SetSelectedIndex(i)
					break
				}
			}
			job, err := te.dataJob(f, "dyn")
			if err != nil {
				t.Fatal(err)
			}
			if got := job.named(c.typed); got != c.want {
				t.Errorf("typed %q, written as %q, want %q", c.typed, got, c.want)
			}
		})
	}
	for i, d := range dataFormats {
		if d.format == "" {
			continue
		}
		f.data.SetSelectedIndex(i)
		job, err := te.dataJob(f, "dyn")
		if err != nil {
			t.Fatal(err)
		}
		if want := d.format.Extensions(); !slices.Equal(job.choice.exts, want) || job.choice.exts[0] != d.ext {
			t.Errorf("%s: the file dialog lists %q, want %q, %s first", d.name, job.choice.exts, want, d.ext)
		}
	}
}

// A name that ends in another format's extension is refused, saying the
// name to give: a PNG named "quito.svg" was written as "quito.svg.png".
// A name with no extension, or one relmap knows nothing of, is added to.
func TestAnExportRefusesTheNameOfAnotherFormat(t *testing.T) {
	png := exportJob{ext: ".png", choice: fileChoice{kind: "PNG files", exts: []string{".png"}}}
	dot := exportJob{ext: ".gv", choice: fileChoice{kind: "DOT (Graphviz)", exts: []string{".gv", ".dot"}}}
	for _, c := range []struct {
		job   exportJob
		typed string
		want  string // in the message; "" for none
	}{
		{png, "/maps/quito.svg", "The name quito.svg ends in .svg, but the export chosen writes PNG files: name it quito.png"},
		{png, "/maps/quito.GEXF", "name it quito.png"},
		{png, "/maps/quito.png", ""},
		{png, "/maps/quito.PNG", ""},
		{png, "/maps/quito", ""},
		{png, "/maps/quito.v2", ""},
		{dot, "/maps/dyn.dot", ""},
		{dot, "/maps/dyn.graphml", "name it dyn.gv"},
		{exportJob{choice: fileChoice{kind: "folders"}}, "/maps/frames.png", ""}, // a folder's name
	} {
		err := c.job.misnamed(c.typed)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s as %s: %v; want %q", c.typed, c.job.choice.kind, err, c.want)
		}
	}
}

// The Export dialog offers the small multiples' dates exported last only
// where they make three panels or more of the map on show: "20y", kept
// from a long history, made one panel of the default map's weeks.
func TestExportOffersDatesThatSuitTheMap(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	prefs := fyne.CurrentApp().Preferences()
	for kept, want := range map[string]string{
		"20y":                                eventsWord,
		"1900-01-01, 1901-01-01":             eventsWord,
		"2024-04-04, 2024-04-05, 2024-04-06": "2024-04-04, 2024-04-05, 2024-04-06",
		eventsWord:                           eventsWord,
	} {
		prefs.SetString(multDatesKey, kept)
		if got := datesKept(te.newExportForm().dates.Text); got != want {
			t.Errorf("with %q kept, the dialog offers %q, want %q", kept, got, want)
		}
	}
}
