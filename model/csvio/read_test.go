package csvio_test

import (
	"reflect"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/csvio"
)

func TestRead(t *testing.T) {
	t.Parallel()
	d := model.MustDate
	base := &model.Map{
		Sources: []model.Source{{ID: 4, Title: "AP News"}},
		Actors: []model.Actor{
			{ID: 7, Name: "Mexico", Kind: "country"},
			{ID: 9, Name: "Republic of Ecuador", Short: "Ecuador", Kind: "country"},
		},
		Ties:   []model.Tie{{ID: 3, Kind: "relations", From: 7, To: 9}},
		Events: []model.Event{{ID: 12, Date: d("2024"), Kind: "raid", Title: "x"}},
	}
	tests := []struct {
		name string
		in   tables
		base *model.Map
		want *model.Map
	}{
		{
			name: "when a tie names actors of the table, it refers to their new ids",
			in: tables{
				actors: "Label,Type\nMexico,country\nEcuador,country\n",
				ties:   "From,To,Type\nMexico,Ecuador,relations\n",
			},
			want: &model.Map{
				Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
				Ties:   []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2}},
			},
		},
		{
			name: "when records name base actors, they use the base ids and new ids start above the base's",
			in: tables{
				actors: "Name,Belongs To,Located In\nEmbassy,Mexico,ecuador\n",
				ties:   "Source,Target,Type\nEmbassy,Mexico,embassy-of\n",
				events: "Date,Title,Participants\n2024-04-05,Raid,Embassy (target); ECUADOR\n",
			},
			base: base,
			want: &model.Map{
				Actors: []model.Actor{{ID: 10, Name: "Embassy", Kind: csvio.DefaultActorKind, BelongsTo: 7, LocatedIn: 9}},
				Ties:   []model.Tie{{ID: 4, Kind: "embassy-of", From: 10, To: 7}},
				Events: []model.Event{{ID: 13, Date: d("2024-04-05"), Kind: csvio.DefaultEventKind, Title: "Raid",
					Participants: []model.Participant{{Actor: 10, Role: "target"}, {Actor: 9}}}},
			},
		},
		{
			name: "when a row names an actor of a later row, it is found",
			in:   tables{actors: "Label,Belongs To\nGlas,Ecuador\nEcuador,\n"},
			want: &model.Map{Actors: []model.Actor{
				{ID: 1, Name: "Glas", Kind: "actor", BelongsTo: 2},
				{ID: 2, Name: "Ecuador", Kind: "actor"},
			}},
		},
		{
			name: "when sources repeat, each is one source, and the base's is reused",
			in: tables{
				actors: "Label,Source\nA,https://a.example | AP News\nB,Reuters <https://r.example>|https://a.example|https://a.example\n",
				ties:   "From,To,Type,Source URL\nA,B,k,ap news | AP News\n",
			},
			base: &model.Map{Sources: []model.Source{{ID: 4, Title: "AP News"}}},
			want: &model.Map{
				Sources: []model.Source{{ID: 5, URL: "https://a.example"}, {ID: 6, Title: "Reuters", URL: "https://r.example"}, {ID: 7, Title: "ap news"}},
				Actors: []model.Actor{
					{ID: 1, Name: "A", Kind: "actor", Sources: []model.ID{5, 4}},
					{ID: 2, Name: "B", Kind: "actor", Sources: []model.ID{6, 5}},
				},
				Ties: []model.Tie{{ID: 1, Kind: "k", From: 1, To: 2, Sources: []model.ID{7, 4}}},
			},
		},
		{
			name: "when headers vary in case, spacing and synonym, they are read",
			in: tables{
				actors: " NAME ,kind,short_name,START,end,belongs-to,LocatedIn,Description,References\nA,k,a,2001,2002-03,,,n,\nB,k,,,,A,A,,\n",
				ties:   "source,TARGET,Kind,status,DIRECTION,weight,description,citation\nA,B,k,l,Directed,0.25,n,\n",
			},
			want: &model.Map{
				Actors: []model.Actor{
					{ID: 1, Name: "A", Kind: "k", Short: "a", Life: model.Span{Start: d("2001"), End: d("2002-03")}, Notes: "n"},
					{ID: 2, Name: "B", Kind: "k", BelongsTo: 1, LocatedIn: 1},
				},
				Ties: []model.Tie{{ID: 1, Kind: "k", From: 1, To: 2, Label: "l", Directed: true, Weight: 0.25, Notes: "n"}},
			},
		},
		{
			name: "when other columns are present, non-empty cells become attributes",
			in:   tables{actors: "Label,ISO,attr:Type,Population\nA,MX,state,\nB,,,\n"},
			want: &model.Map{Actors: []model.Actor{
				{ID: 1, Name: "A", Kind: "actor", Attrs: map[string]string{"ISO": "MX", "Type": "state"}},
				{ID: 2, Name: "B", Kind: "actor"},
			}},
		},
		{
			name: "when a participant's name ends in parentheses, the whole name is matched first",
			in: tables{
				actors: "Label\nEmbassy (Quito)\nEmbassy\n",
				events: "Date,Title,Participants\n2024,E,Embassy (Quito); Embassy (Quito) (target); Embassy (host);;\n",
			},
			want: &model.Map{
				Actors: []model.Actor{{ID: 1, Name: "Embassy (Quito)", Kind: "actor"}, {ID: 2, Name: "Embassy", Kind: "actor"}},
				Events: []model.Event{{ID: 1, Date: d("2024"), Kind: "event", Title: "E", Participants: []model.Participant{
					{Actor: 1}, {Actor: 1, Role: "target"}, {Actor: 2, Role: "host"},
				}}},
			},
		},
		{
			name: "when a file is semicolon-separated with a byte-order mark and CRLF, it is read",
			in:   tables{actors: "\ufeff\"Label\";Type\r\nA;x\r\n\"B;C\";y\r\n"},
			want: &model.Map{Actors: []model.Actor{{ID: 1, Name: "A", Kind: "x"}, {ID: 2, Name: "B;C", Kind: "y"}}},
		},
		{
			name: "when a row is blank or a column has no header and no values, they are skipped",
			in:   tables{actors: "Label,,Type\n,,\n\nA,,x\n  \n"},
			want: &model.Map{Actors: []model.Actor{{ID: 1, Name: "A", Kind: "x"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := read(t, tt.in, tt.base)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if err := merged(tt.base, got).Validate(); err != nil {
				t.Errorf("the merged map is invalid: %v", err)
			}
		})
	}
}

func TestReadDirected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cell string
		want bool
	}{
		{"", false}, {"false", false}, {"No", false}, {"0", false}, {"undirected", false}, {"mutual", false},
		{"TRUE", true}, {"yes", true}, {"1", true}, {"Directed", true},
	}
	for _, tt := range tests {
		t.Run("when Directed is "+quoteOrEmpty(tt.cell)+", the tie is directed only for yes-like values", func(t *testing.T) {
			t.Parallel()
			m := read(t, tables{
				actors: "Label\nA\nB\n",
				ties:   "From,To,Type,Directed\nA,B,k," + tt.cell + "\n",
			}, nil)
			if got, want := m.Ties[0].Directed, tt.want; got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return `"` + s + `"`
}

func TestReadTestdata(t *testing.T) {
	t.Parallel()
	for _, dir := range testdataDirs(t) {
		t.Run("when reading testdata/"+dir+", the map is valid and survives a round trip", func(t *testing.T) {
			t.Parallel()
			m := read(t, testdataTables(t, dir), nil)
			if err := m.Validate(); err != nil {
				t.Fatalf("invalid map: %v", err)
			}
			if len(m.Actors) == 0 {
				t.Fatal("no actors read")
			}
			got := read(t, write(t, m), nil)
			if !reflect.DeepEqual(got, m) {
				t.Errorf("got  %+v\nwant %+v", got, m)
			}
		})
	}
}

func TestReadQuito(t *testing.T) {
	t.Parallel()
	m := read(t, testdataTables(t, "quito"), nil)
	if got, want := len(m.Actors), 5; got != want {
		t.Errorf("actors: got %d, want %d", got, want)
	}
	glas, err := m.ActorByName("Glas")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := glas.Life.String(), "2013-05 – 2018-01"; got != want {
		t.Errorf("Glas's life: got %q, want %q", got, want)
	}
	refuge := m.Ties[3]
	if got, want := refuge.To, m.Actors[2].ID; got != want {
		t.Errorf("refuge tie goes to %d, want the embassy %d (named by its short name)", got, want)
	}
	if got, want := len(m.Sources), 4; got != want {
		t.Errorf("sources: got %d (%+v), want %d", got, m.Sources, want)
	}
	if got, want := m.Actors[2].Notes, `Raided on 5 April 2024, "an affront" said Mexico.`; got != want {
		t.Errorf("notes: got %q, want %q", got, want)
	}
}

// TableOf tells a table by its name, else by its header: ties and events
// before actors, whose name column a tie's label or an event's title may
// share; a header that fits none, or no header, is refused with why.
func TestTableOf(t *testing.T) {
	if got, err := csvio.TableOf("/data/Ties.csv", strings.NewReader("Name\n")); got != csvio.TiesFile || err != nil {
		t.Errorf("TableOf(Ties.csv) = %q, %v; want its name's table", got, err)
	}
	for _, tt := range []struct{ header, want, err string }{
		{"Name,Type,Notes", csvio.ActorsFile, ""},
		{"\ufeffLabel,Kind", csvio.ActorsFile, ""},
		{"Source,Target,Type,Label", csvio.TiesFile, ""},
		{"from , TO,kind", csvio.TiesFile, ""},
		{"Date,Title,Participants", csvio.EventsFile, ""},
		{"Name,Source", csvio.ActorsFile, ""},
		{"From,Source,Type", "", "names none of relmap's tables"},
		{"id,weight", "", `actors need a "Label" (or "Name") column`},
		{"Field,Value", csvio.MapFile, ""},
		{"Actor,X,Y", csvio.PinsFile, ""},
		{"Kind,Class,Color", csvio.KindsFile, ""},
		{"Id,Title,Publisher", csvio.SourcesFile, ""},
		{"", "", "the file is empty"},
	} {
		got, err := csvio.TableOf("x.csv", strings.NewReader(tt.header+"\n1,2,3\n"))
		if tt.header == "" {
			got, err = csvio.TableOf("x.csv", strings.NewReader(""))
		}
		if got != tt.want || (tt.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("TableOf(%q) = %q, %v; want %q, %q", tt.header, got, err, tt.want, tt.err)
		}
	}
}
