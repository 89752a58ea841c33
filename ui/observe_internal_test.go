package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"relmap/layout"
	"relmap/model"
	"relmap/model/csvio"
	"relmap/model/jsonio"
	"relmap/model/storetest"
)

// TestViewsFollowTheDocument makes every kind of update through the
// document alone and checks what it told its observers and that each view
// (timeline, side panel, picture, title, Edit menu) followed.
func TestViewsFollowTheDocument(t *testing.T) {
	te := newTestEditor(t)
	doc := te.doc
	var got []Update
	doc.Observe(func(u Update) { got = append(got, u) })
	last := func(t *testing.T, want Aspect) Update {
		t.Helper()
		if len(got) != 1 {
			t.Fatalf("%d updates, want 1: %+v", len(got), got)
		}
		u := got[0]
		got = nil
		if u.Aspects != want {
			t.Fatalf("update of %05b, want %05b", u.Aspects, want)
		}
		return u
	}

	t.Run("date", func(t *testing.T) {
		was := doc.Day()
		day := model.MustDate("2024-01-10").First()
		doc.SetDay(day, false)
		if u := last(t, DayChanged); u.Was != was {
			t.Errorf("the update says the date was %s, not %s", u.Was, was)
		}
		if te.time.date.Text != "2024-01-10" || te.time.slider.day != day {
			t.Errorf("the timeline shows %q and %s", te.time.date.Text, te.time.slider.day)
		}
		if len(te.diagram.Scene().Events) == 0 || te.Day() != day {
			t.Error("the picture did not follow the date")
		}
		doc.SetDay(day, false)
		if len(got) != 0 {
			t.Error("setting the date on show told the views again")
		}
	})

	glas, _ := doc.Map().ActorByName("Jorge Glas Espinel")
	t.Run("selection", func(t *testing.T) {
		doc.Select(glas.ID)
		last(t, SelectionChanged)
		if !panelSays(te, glas.Name) {
			t.Error("the side panel does not show the selected actor")
		}
		if te.diagram.Scene().Selected != glas.ID {
			t.Error("the picture does not stress the selected actor")
		}
	})

	t.Run("edit and undo", func(t *testing.T) {
		_, err := doc.Apply(model.Change{Summary: "Delete Actor", Delete: model.Deleted{Actors: []model.ID{glas.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		last(t, MapChanged|HistoryChanged|SelectionChanged)
		if doc.Selected() != 0 {
			t.Error("the deleted actor is still selected")
		}
		if te.undoItem.Label != "Undo Delete Actor" || panelSays(te, glas.Name) {
			t.Errorf("after the delete the menu says %q", te.undoItem.Label)
		}
		if ok, err := doc.Undo(); !ok || err != nil {
			t.Fatalf("undo: %v, %v", ok, err)
		}
		te.settle(t)
		// The actor brought back is selected again.
		last(t, MapChanged|HistoryChanged|SelectionChanged)
		if _, ok := doc.Map().Actor(glas.ID); !ok || te.redoItem.Label != "Redo Delete Actor" {
			t.Errorf("after undo the actor is back: %v; the menu says %q", ok, te.redoItem.Label)
		}
		if doc.Selected() != glas.ID || !panelSays(te, glas.Name) {
			t.Errorf("after undo actor %d is selected, want %d, in the side panel", doc.Selected(), glas.ID)
		}
		doc.Select(0)
		last(t, SelectionChanged)
	})

	t.Run("map properties", func(t *testing.T) {
		if _, err := doc.Apply(model.Change{Summary: "Map Properties", Put: model.Records{Info: &model.Info{Name: "Quito 2024"}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		last(t, MapChanged|HistoryChanged)
		if title := te.win.Title(); title != "Quito 2024 — "+te.title+" — relmap" {
			t.Errorf("window title %q", title)
		}
	})

	t.Run("a map without a name goes by its file's", func(t *testing.T) {
		if _, err := doc.Apply(model.Change{Summary: "Map Properties", Put: model.Records{Info: &model.Info{Name: ""}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		if title := te.win.Title(); title != te.title+" — relmap" {
			t.Errorf("window title %q, want %q", title, te.title+" — relmap")
		}
		if first := texts(te.side.Objects); len(first) == 0 || first[0] != te.title {
			t.Errorf("the side panel begins %q, want the file's name %q", first, te.title)
		}
	})
}

// panelSays reports whether a label or button of the side panel says text.
func panelSays(te *testEditor, text string) bool {
	return anyContains(texts(te.side.Objects), text)
}

// TestImportShowsHowFarItIs imports a JSON map of 2,000 actors and 4,000
// ties and checks that the bar was told how far the import was, in
// order, up to the end.
func TestImportShowsHowFarItIs(t *testing.T) {
	te := newTestEditor(t)
	add := storetest.Generated(2000, 4000)
	add.Pins = nil
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonio.Encode(f, add); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var mu sync.Mutex
	var seen []int
	applied, _, err := te.importChange(path, te.doc.m, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != 1000 {
			t.Errorf("progress out of %d, want 1000", total)
		}
		seen = append(seen, done)
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	te.doc.Applied(applied)
	// The import's progress is what is tested, not the fresh layout of
	// 2,000 new actors it starts.
	te.cancelRunningLayout()
	te.settle(t)
	if len(seen) < 10 || !slices.IsSorted(seen) || seen[len(seen)-1] != 1000 {
		t.Errorf("progress went %v", seen)
	}
	if got := len(te.doc.m.Actors); got < 2000 {
		t.Errorf("the map has %d actors after the import", got)
	}
}

// TestUpdateFromTables writes the map's tables, corrects a note in them,
// and updates the map from them: one undoable change, and the status line
// counts what it did.
func TestUpdateFromTables(t *testing.T) {
	te := newTestEditor(t)
	dir := t.TempDir()
	if err := csvio.Write(dir, te.doc.m); err != nil {
		t.Fatal(err)
	}
	actors := filepath.Join(dir, csvio.ActorsFile)
	data, err := os.ReadFile(actors)
	if err != nil {
		t.Fatal(err)
	}
	mexico, _ := te.doc.m.ActorByName("Mexico")
	fixed := strings.Replace(string(data), mexico.Notes, "Corrected note.", 1)
	if err := os.WriteFile(actors, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	te.updateInBackground(actors)
	te.settle(t)
	if got, _ := te.doc.m.Actor(mexico.ID); got.Notes != "Corrected note." {
		t.Errorf("Mexico's notes are %q", got.Notes)
	}
	if !strings.HasPrefix(te.status.Text, "Updated from tables: 0 added, 1 updated,") {
		t.Errorf("status %q", te.status.Text)
	}
	te.undo()
	te.settle(t)
	if got, _ := te.doc.m.Actor(mexico.ID); got.Notes != mexico.Notes {
		t.Error("undo did not take the update back")
	}
}

// TestImportOtherFormats: Import… takes a GEXF (or GraphML, DOT,
// Cytoscape.js) file as one undoable change, and says what it could not
// carry over.
func TestImportOtherFormats(t *testing.T) {
	te := newTestEditor(t)
	te.paint(t)
	path := filepath.Join(t.TempDir(), "web.gexf")
	gexf := `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="dynamic" timeformat="date" defaultedgetype="directed">
<nodes><node id="a" label="Alpha Org" start="2020-01-01"><viz:size xmlns:viz="http://gexf.net/1.3/viz" value="3"/></node><node id="b" label="Beta Org"/></nodes>
<edges><edge source="a" target="b" start="2021-05-01" end="2021-05-31"/></edges></graph></gexf>`
	if err := os.WriteFile(path, []byte(gexf), 0o644); err != nil {
		t.Fatal(err)
	}
	before := len(te.doc.m.Actors)
	applied, notes, err := te.importChange(path, te.doc.m, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	te.doc.Applied(applied)
	if got := len(te.doc.m.Actors); got != before+2 {
		t.Errorf("%d actors after the import, want %d", got, before+2)
	}
	if len(notes) == 0 || !strings.Contains(notes[0], "viz:size") {
		t.Errorf("the import's notes %q do not say the size was left out", notes)
	}
	var tie model.Tie
	for _, ti := range te.doc.m.Ties {
		if a, _ := te.doc.m.Actor(ti.From); a.Name == "Alpha Org" {
			tie = ti
		}
	}
	if tie.Span.String() != "2021-05-01 – 2021-06-01" || !tie.Directed {
		t.Errorf("the imported tie is %+v", tie)
	}
}

// A file relmap does not read, or a CSV file whose header is none of its
// tables', is refused with why, under its own name, and the map is left
// as it was: karate.gml (before GML was read) was read as the folder of
// CSV tables it lay in, and the message named "Karate.gml", a file that
// is not there. A Pajek file is one relmap does not read.
func TestImportRefusesWhatItCannotRead(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	dir := t.TempDir()
	before := te.stored(t)
	for name, says := range map[string]string{
		"karate.net":            "'karate.net' is not a kind of file relmap reads: it imports relmap JSON (.json), CSV tables (.csv)",
		"chiefs_of_mission.csv": `In chiefs_of_mission.csv, line 1: the header names none of relmap's tables: actors need a "Label" (or "Name") column`,
		"notes":                 "'notes' is not a kind of file relmap reads",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("*Vertices 1\n1 \"A\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := te.importFile(path)
		if err == nil {
			t.Errorf("%s was imported", name)
			continue
		}
		if got := sentence(err); !strings.HasPrefix(got, says) {
			t.Errorf("%s: %q, want it to say %q", name, got, says)
		}
	}
	te.settle(t)
	if after := te.stored(t); len(after.Actors) != len(before.Actors) || len(after.Ties) != len(before.Ties) {
		t.Error("a refused import changed the map")
	}
}

// A CSV file of a name that is none of relmap's tables is read as the
// table its header says it is: a list of people (Name, Type), then a list
// of links between them and the map's actors (Source, Target, Type). Both
// were refused for their names.
func TestACSVFileOfAnotherNameIsReadByItsHeader(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	links := filepath.Join(dir, "links.csv")
	if err := os.WriteFile(people, []byte("Name,Type,Notes\nAna Pérez,official,Reporter's source\nLuis Gómez,official,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(links, []byte("Source,Target,Type,Start\nAna Pérez,Ecuador,member,2020-01\nLuis Gómez,Ana Pérez,relations,2021\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := len(te.doc.m.Ties)
	for _, path := range []string{people, links} {
		if err := te.importFile(path); err != nil {
			t.Fatalf("import %s: %v", filepath.Base(path), err)
		}
	}
	ana, err := te.doc.m.ActorByName("Ana Pérez")
	if err != nil || ana.Kind != "official" || ana.Notes != "Reporter's source" {
		t.Fatalf("Ana Pérez was imported as %+v (%v)", ana, err)
	}
	if got := len(te.doc.m.Ties); got != before+2 {
		t.Fatalf("%d ties after importing links.csv, want %d", got, before+2)
	}
	if _, err := te.doc.m.ActorByName("Luis Gómez"); err != nil {
		t.Error("Luis Gómez was not imported")
	}
}

// On a new map the timeline shows every date the map comes to have, as
// they are added, while it shows them all: a country from 1992, then a
// tie from 2016 to 2019 and a country from 2018 stayed out of a timeline
// on the fortnight around 1992 until the whole-span button was pressed.
// A timeline zoomed in on part of the map stays as it is.
func TestANewMapsTimelineGrowsWithItsDates(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	if err := te.newMap(filepath.Join(t.TempDir(), "grow.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	add := func(c model.Change) model.Change {
		t.Helper()
		applied, err := te.apply(c)
		if err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		return applied
	}
	peru := add(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Peru", Kind: "country", Life: model.Span{Start: model.MustDate("1992")}}}}}).Put.Actors[0]
	bolivia := add(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Bolivia", Kind: "country"}}}}).Put.Actors[0]
	add(model.Change{Summary: "New Tie", Put: model.Records{Ties: []model.Tie{{From: peru.ID, To: bolivia.ID, Kind: "relations",
		Span: model.Span{Start: model.MustDate("2016"), End: model.MustDate("2019")}}}}})
	add(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Chile", Kind: "country", Life: model.Span{Start: model.MustDate("2018")}}}}})
	first, last := model.MustDate("1992").First(), model.MustDate("2019").First()
	if !te.time.slider.shows(first, last) {
		t.Errorf("the timeline shows %s to %s, want 1992 to 2019 in sight", model.Day(te.time.slider.win.lo), model.Day(te.time.slider.win.hi))
	}
	te.time.slider.setWindow(model.MustDate("2016").First(), model.MustDate("2017").First())
	add(model.Change{Summary: "New Actor", Put: model.Records{Actors: []model.Actor{{Name: "Ecuador", Kind: "country", Life: model.Span{Start: model.MustDate("2021")}}}}})
	if w := te.time.slider.win; w.lo != float64(model.MustDate("2016").First()) {
		t.Errorf("a timeline zoomed on 2016 shows %s to %s after a date was added", model.Day(w.lo), model.Day(w.hi))
	}
}

// An import says how many of its ties have no dates, and so hold on every
// date: 232 ties of a tester's data were drawn on every date, unsaid.
func TestAnImportSaysItsTiesWithoutDates(t *testing.T) {
	te := newTestEditor(t)
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	path := filepath.Join(t.TempDir(), "links.csv")
	if err := os.WriteFile(path, []byte("Source,Target,Type,Start\nMexico,Chile,relations,2020\nMexico,United Kingdom,relations,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	te.importInBackground(path)
	te.jobs.Wait()
	if want := "Imported 'links.csv'; 1 of the 2 ties have no dates, and hold on every date."; !strings.Contains(te.status.Text+te.notice, want) {
		t.Errorf("after the import the status line says %q (then %q), want %q", te.status.Text, te.notice, want)
	}
}

// What is imported into a new map, which opens on today, is shown at its
// own dates: the date on show moves to them and the slider's window fits
// them. It stayed on today, the slider on the weeks around it, and the
// imported years nowhere in sight.
func TestAFirstImportMovesToItsDates(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	if err := te.newMap(filepath.Join(t.TempDir(), "web.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	defer te.settle(t)
	defer holdLayouts(te)()
	if len(te.doc.keys) != 0 {
		t.Fatalf("a new map has %d keyframes", len(te.doc.keys))
	}
	path := filepath.Join(t.TempDir(), "web.gexf")
	gexf := `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph mode="dynamic" timeformat="date" defaultedgetype="directed">
<nodes><node id="a" label="Alpha Org"/><node id="b" label="Beta Org"/><node id="c" label="Gamma Org"/></nodes>
<edges><edge source="a" target="b" start="2009-02-01" end="2009-03-31"/><edge source="b" target="c" start="2009-03-01"/></edges></graph></gexf>`
	if err := os.WriteFile(path, []byte(gexf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := te.importFile(path); err != nil {
		t.Fatal(err)
	}
	te.jobs.Wait()
	first, last := te.doc.keys[0], te.doc.keys[len(te.doc.keys)-1]
	if day := te.doc.day; day < first || day > last {
		t.Errorf("after the import the date on show is %v, outside the map's %v to %v", day, first, last)
	}
	if w := te.time.slider.win; float64(first) < w.lo || float64(last) > w.hi {
		t.Errorf("the slider shows %v to %v, not the map's %v to %v", model.Day(w.lo), model.Day(w.hi), first, last)
	}
}

// An actor's panel lists the events it takes part in, by date, each with
// its role: the panel told an actor's ties but not what it did.
func TestTheActorsPanelListsItsEvents(t *testing.T) {
	te := newTestEditor(t)
	glas, err := te.doc.m.ActorByName("Jorge Glas Espinel")
	if err != nil {
		t.Fatal(err)
	}
	te.Select(glas.ID)
	te.settle(t)
	lines := texts(te.side.Objects)
	at := func(sub string) int {
		return slices.IndexFunc(lines, func(s string) bool { return strings.Contains(s, sub) })
	}
	events, ties := at("Events"), at("Ties over time")
	moved, arrested := at("refugee: 2023-12  Jorge Glas moves into the Mexican Embassy"), at("arrested: 2024-04-05  Jorge Glas arrested")
	if events < 0 || moved < 0 || arrested < 0 {
		t.Fatalf("the panel does not list Glas's events with their roles: %q", lines)
	}
	if !(events < moved && moved < arrested && arrested < ties) {
		t.Errorf("the events are not listed by date under their heading, before the ties: at %d, %d, %d, ties at %d", events, moved, arrested, ties)
	}
	if n := te.doc.m.EventsOfActor(glas.ID); len(n) != 5 {
		t.Errorf("Glas takes part in %d events, want 5", len(n))
	}
}

// A network imported into a new map is laid out afresh, as opening it
// would lay it out: held still and placed one by one beside their
// partners, 306 imported actors lay in a band four times wider than tall.
func TestAnImportIntoANewMapIsLaidOutAfresh(t *testing.T) {
	te := newTestEditor(t)
	te.openFiles(t)
	if err := te.newMap(filepath.Join(t.TempDir(), "web.relmap")); err != nil {
		t.Fatal(err)
	}
	te.settle(t)
	net := storetest.Generated(60, 200)
	net.Pins = nil
	var buf bytes.Buffer
	if err := jsonio.Encode(&buf, net); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "web.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := te.importFile(path); err != nil {
		t.Fatal(err)
	}
	te.jobs.Wait()
	te.waitLayout()
	te.settle(t)
	ratio := func(tl *layout.Timeline) float64 {
		x0, y0, x1, y1, ok := tl.Extent(func(model.ID) layout.Size { return layout.Size{} })
		if !ok {
			t.Fatal("nothing laid out")
		}
		return max((x1-x0)/(y1-y0), (y1-y0)/(x1-x0))
	}
	fresh, err := te.r.Layout(context.Background(), te.doc.m, stability(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ratio(te.tl), ratio(fresh); got > 1.5*want {
		t.Errorf("the imported network is laid out %.1f times wider than tall (or taller than wide); laid out afresh, %.1f", got, want)
	}
}
