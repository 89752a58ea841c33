package csvio_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/csvio"
)

// richMap uses every field the tables carry, with IDs numbered as Read
// numbers them.
func richMap() *model.Map {
	d := model.MustDate
	return &model.Map{
		Sources: []model.Source{
			{ID: 1, URL: "https://apnews.com/x"},
			{ID: 2, Title: "Reuters", URL: "https://reuters.com/y"},
			{ID: 3, Title: "Official gazette, no. 4"},
			{ID: 4, URL: "doi:10.1000/182"},
		},
		Actors: []model.Actor{
			{ID: 1, Name: "Mexico", Kind: "country", Attrs: map[string]string{"ISO": "MX", "Type": "federal", "attr:x": "y"}},
			{ID: 2, Name: "Ecuador", Kind: "country", Sources: []model.ID{1, 2}},
			{ID: 3, Name: "Embassy of Mexico (Quito)", Kind: "mission", Short: "Embassy", BelongsTo: 1, LocatedIn: 2,
				Life: model.Span{Start: d("1937"), End: d("2024-04")}, Notes: "line one\nline two, \"quoted\""},
			{ID: 4, Name: "Glas; Jorge", Kind: "official", Short: "Glas", Life: model.Span{Start: d("2013-05-24")}},
			{ID: 5, Name: "Estonia", Kind: "country", Life: model.Span{Start: d("1918-02-24"), End: d("1940-06")},
				Later: []model.Span{{Start: d("1991-08-20")}}},
		},
		Ties: []model.Tie{
			{ID: 1, Kind: "relations", From: 1, To: 2, Span: model.Span{End: d("2024-04-06")}, Label: "full", Weight: 0.1},
			{ID: 2, Kind: "refuge", From: 4, To: 3, Directed: true, Weight: 1e21, Notes: "n", Sources: []model.ID{3, 4},
				Attrs: map[string]string{"treaty": "Caracas 1954", "Weight": "reserved name"}},
		},
		Events: []model.Event{
			{ID: 1, Date: d("2024-04-05"), Kind: "raid", Title: "Raid", Description: "d",
				Participants: []model.Participant{{Actor: 2, Role: "raider"}, {Actor: 3, Role: "target"}, {Actor: 3}, {Actor: 4, Role: "refugee"}},
				Sources:      []model.ID{1}, Begins: []model.ID{2}, Ends: []model.ID{1}},
			{ID: 2, Date: d("2024-04"), Kind: "severed", Title: "Relations broken"},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	want := richMap()
	tb := write(t, want)
	got := read(t, tb, nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v\ntables:\n%s\n%s\n%s", got, want, tb.actors, tb.ties, tb.events)
	}
}

func TestWriteThenReadDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new", "folder")
	want := richMap()
	// The catalogue tables keep what the cells cannot: kinds' styles and
	// every field of a source.
	want.Kinds = []model.Kind{{Name: "refuge", Class: model.ClassTie, Label: "Refuge", Color: "#ef6c00", Arrow: true, Weighted: true},
		{Name: "mission", Class: model.ClassActor, Label: "Mission", Shape: model.ShapeDiamond, Color: "#2e8b57"}}
	s := &want.Sources[1]
	s.Publisher, s.Date, s.Quote, s.Grade = "Reuters", model.MustDate("2024-04-06"), "“a flagrant violation”, he said", "B"
	// The map and pins tables keep the map's properties and pins.
	want.Name, want.Description, want.Author, want.Licence = "Quito", "The raid, in tables.", "A newsroom", "CC BY 4.0"
	want.DefaultSource = want.Sources[1].ID
	want.Pins = map[model.ID]model.Point{1: {X: 1.5, Y: -20}, 3: {X: 0, Y: 0.25}}
	if err := csvio.Write(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := csvio.ReadDir(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	// kinds.csv holds every kind the map draws with, declared or not:
	// read back, each draws as it did.
	for _, class := range []model.Class{model.ClassActor, model.ClassTie, model.ClassEvent} {
		for _, name := range want.KindNames(class) {
			if g, w := got.Kind(class, name), want.Kind(class, name); g != w {
				t.Errorf("kind %s %q reads back as %+v, want %+v", class, name, g, w)
			}
		}
	}
	got.Kinds = want.Kinds
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadDirWithNoTables(t *testing.T) {
	t.Parallel()
	_, err := csvio.ReadDir(t.TempDir(), nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want an error wrapping os.ErrNotExist", err)
	}
}

func TestReadDirRefusesAFolderNamedLikeATable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, csvio.TiesFile), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := csvio.ReadDir(dir, nil)
	if want := "ties.csv is a folder, not a CSV file"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want an error saying %q", err, want)
	}
}

func TestWriteTables(t *testing.T) {
	t.Parallel()
	tb := write(t, richMap())
	tests := []struct {
		name      string
		got, want string
	}{
		{
			name: "the actors header has the known columns, then attributes sorted, escaped where reserved",
			got:  firstLine(tb.actors),
			want: "Label,Type,Short,Start,End,Belongs To,Located In,Notes,Source,Lives,ISO,attr:Type,attr:attr:x",
		},
		{
			name: "the ties header cites sources under Reference, then attributes sorted, escaped where reserved",
			got:  firstLine(tb.ties),
			want: "From,To,Type,Start,End,Label,Directed,Weight,Notes,Reference,Id,attr:Weight,treaty",
		},
		{
			name: "the events header is fixed",
			got:  firstLine(tb.events),
			want: "Date,Type,Title,Description,Participants,Source,Begins,Ends",
		},
		{
			name: "a participant whose name holds a semicolon is written by its short name",
			got:  strings.Split(tb.events, "\n")[1],
			want: "2024-04-05,raid,Raid,d,Ecuador (raider); Embassy of Mexico (Quito) (target); Embassy of Mexico (Quito); Glas (refugee),https://apnews.com/x,2,1",
		},
		{
			name: "sources are URLs, titles or Title <URL>, joined by a bar",
			got:  strings.Split(tb.ties, "\n")[2],
			want: `Glas; Jorge,Embassy of Mexico (Quito),refuge,,,,true,1e+21,n,"Official gazette, no. 4 | <doi:10.1000/182>",2,reserved name,Caracas 1954`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got  %s\nwant %s", tt.got, tt.want)
			}
		})
	}
	if again := write(t, richMap()); again != tb {
		t.Error("writing the same map twice gave different bytes")
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    *model.Map
		want string
	}{
		{
			name: "when a tie refers to a missing actor, the tie is named",
			m:    &model.Map{Actors: []model.Actor{{ID: 1, Name: "A", Kind: "k"}}, Ties: []model.Tie{{ID: 5, Kind: "k", From: 1, To: 2}}},
			want: "write ties.csv: tie 5: to: no actor has id 2",
		},
		{
			name: "when an actor cites a missing source, the actor is named",
			m:    &model.Map{Actors: []model.Actor{{ID: 1, Name: "A", Kind: "k", Sources: []model.ID{3}}}},
			want: `write actors.csv: actor "A": sources: no source has id 3`,
		},
		{
			name: "when an event's participant is missing, the event is named",
			m:    &model.Map{Events: []model.Event{{ID: 1, Date: model.MustDate("2024"), Kind: "k", Title: "E", Participants: []model.Participant{{Actor: 9}}}}},
			want: `write events.csv: event "E": participants: no actor has id 9`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "out")
			err := csvio.Write(dir, tt.m)
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("Write left %s behind (stat: %v)", dir, err)
			}
		})
	}
}

func TestCatalogueErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		kinds, sources, want string
	}{
		{kinds: "Kind,Class,Colour\nconsulate,actor,blue\n", want: `kinds.csv:2: color: a colour is written #rrggbb, not "blue"`},
		{kinds: "Kind,Class\nconsulate,actor\nConsulate,place\n", want: `kinds.csv:3: class: the class must be actor, tie or event, not "place"`},
		{kinds: "Kind,Class,Dashed\nsevered,tie,perhaps\n", want: `kinds.csv:2: dashed: "perhaps" is not yes or no (true, false, yes, no, 1 or 0)`},
		{sources: "Title,Grade\nEl País,G\n", want: `sources.csv:2: grade: the grade must be a letter from A to F, not "G"`},
		{sources: "Title,URL\nEl País,\nEl País,\n", want: `sources.csv:3: title: this source is already on line 2`},
	} {
		var f csvio.Files
		f.Actors.R = strings.NewReader("Label\nMexico\n")
		if c.kinds != "" {
			f.Kinds.R = strings.NewReader(c.kinds)
		}
		if c.sources != "" {
			f.Sources.R = strings.NewReader(c.sources)
		}
		_, err := csvio.Read(f, nil)
		if err == nil || err.Error() != c.want {
			t.Errorf("got %v\nwant %s", err, c.want)
		}
	}
}
