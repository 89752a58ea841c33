package csvio_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/csvio"
)

func TestReadErrors(t *testing.T) {
	t.Parallel()
	const actors = "Label,Type\nMexico,country\nEcuador,country\n"
	base := &model.Map{Actors: []model.Actor{{ID: 1, Name: "Peru", Kind: "country"}}}
	tests := []struct {
		name string
		in   tables
		base *model.Map
		want string // the whole message
		is   error
	}{
		{
			name: "when a tie names no known actor, the error names the file, line and field",
			in:   tables{actors: actors, ties: "From,To,Type\nMexico,Ecuador,relations\nMexico,Ecuadr,severed\n"},
			want: `ties.csv:3: to: no actor is named "Ecuadr"`,
			is:   model.ErrNotFound,
		},
		{
			name: "when two rows of the actors table share a name, the second is at fault",
			in:   tables{actors: "Label\nMexico\nEcuador\nmexico \n"},
			want: `actors.csv:4: name: "mexico" is already the name on line 2`,
			is:   model.ErrConflict,
		},
		{
			name: "when an imported actor has a base actor's name, it is at fault",
			in:   tables{actors: "Label\nChile\nPERU\n"},
			base: base,
			want: `actors.csv:3: name: an actor named "PERU" is already in the map`,
			is:   model.ErrConflict,
		},
		{
			name: "when a short name is shared by two actors, a reference to it is ambiguous",
			in:   tables{actors: "Label,Short\nRepublic of Peru,PE\nMexico,\n", ties: "From,To,Type\npe,Mexico,k\n"},
			base: &model.Map{Actors: []model.Actor{{ID: 1, Name: "Peru", Short: "PE", Kind: "country"}}},
			want: `ties.csv:2: from: several actors are named "pe"`,
			is:   model.ErrConflict,
		},
		{
			name: "when an actor's life ends before it starts, the model's rule catches it at its line",
			in:   tables{actors: "Label,Start,End\nA,2020,2021\nB,2024-04-06,2024-04-06\n"},
			want: `actors.csv:3: end: ends (2024-04-06) on or before it starts (2024-04-06); the end is the first day after the last`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a tie's span is reversed, the model's rule catches it",
			in:   tables{actors: actors, ties: "From,To,Type,Start,End\nMexico,Ecuador,k,2024,2023\n"},
			want: `ties.csv:2: end: ends (2023) on or before it starts (2024); the end is the first day after the last`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a tie joins an actor to itself, the model's rule catches it",
			in:   tables{actors: actors, ties: "From,To,Type\nMexico,mexico,k\n"},
			want: `ties.csv:2: to: a tie must join two different actors`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an actor belongs to itself, the model's rule catches it",
			in:   tables{actors: "Label,Belongs To\nA,a\n"},
			want: `actors.csv:2: belongs to: an actor cannot refer to itself`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a date is malformed, the error names the column",
			in:   tables{actors: "Label,Start\nA,\nB,April 2024\n"},
			want: `actors.csv:3: start: invalid date "April 2024": the year must have four digits (use YYYY, YYYY-MM or YYYY-MM-DD)`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a tie has no kind, it is at fault",
			in:   tables{actors: actors, ties: "From,To,Type\nMexico,Ecuador,\n"},
			want: `ties.csv:2: kind: a kind is required`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a tie has no To, it is at fault",
			in:   tables{actors: actors, ties: "From,To,Type\nMexico,,k\n"},
			want: `ties.csv:2: to: an actor is required`,
			is:   model.ErrInvalid,
		},
		{
			name: "when Directed is not a yes or a no, it is at fault",
			in:   tables{actors: actors, ties: "From,To,Type,Directed\nMexico,Ecuador,k,maybe\n"},
			want: `ties.csv:2: directed: "maybe" is not one of true, false, yes, no, 1, 0, directed, undirected`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a weight is not a number, it is at fault",
			in:   tables{actors: actors, ties: "From,To,Type,Weight\nMexico,Ecuador,k,NaN\n"},
			want: `ties.csv:2: weight: "NaN" is not a number`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a weight is negative, the model's rule catches it",
			in:   tables{actors: actors, ties: "From,To,Type,Weight\nMexico,Ecuador,k,-1\n"},
			want: `ties.csv:2: weight: the weight cannot be negative`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an actor has no name, it is at fault",
			in:   tables{actors: "Label,Type\nA,x\n,x\n"},
			want: `actors.csv:3: name: a name is required`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an event has no date, it is at fault",
			in:   tables{events: "Date,Title\n,Raid\n"},
			want: `events.csv:2: date: a date is required`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an event has no title, it is at fault",
			in:   tables{events: "Date,Title\n2024,\n"},
			want: `events.csv:2: title: a title is required`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a participant is unknown, the error names the name without the role",
			in:   tables{actors: actors, events: "Date,Title,Participants\n2024,Raid,Mexico; Ecuadr (raider)\n"},
			want: `events.csv:2: participants: no actor is named "Ecuadr"`,
			is:   model.ErrNotFound,
		},
		{
			name: "when a required column is missing, the error names the file and header",
			in:   tables{actors: actors, ties: "From,Target\nMexico,Ecuador\n"},
			want: `ties.csv:1: no "Type" column (or "Kind")`,
			is:   model.ErrInvalid,
		},
		{
			name: "when the name column is missing, the error lists its synonyms",
			in:   tables{actors: "Type\ncountry\n"},
			want: `actors.csv:1: no "Label" column (or "Name")`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a column is given twice under synonyms, the header is at fault",
			in:   tables{actors: "Label,Name\nA,B\n"},
			want: `actors.csv:1: the columns "Label" and "Name" both give the name`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an attribute column appears twice, the header is at fault",
			in:   tables{actors: "Label,ISO,attr:ISO\nA,B,C\n"},
			want: `actors.csv:1: the column "attr:ISO" appears twice`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an event ends a tie no row has the Id of, the cell is at fault",
			in: tables{actors: actors, ties: "From,To,Type,Id\nMexico,Ecuador,k,4\n",
				events: "Date,Title,Ends\n2024-04-06,Broken,4; 9\n"},
			want: `events.csv:2: ends: no tie of ties.csv has the Id 9`,
			is:   model.ErrNotFound,
		},
		{
			name: "when two ties have one Id, the second is at fault",
			in:   tables{actors: actors, ties: "From,To,Type,Id\nMexico,Ecuador,k,4\nEcuador,Mexico,k,4\n"},
			want: `ties.csv:3: id: the Id 4 is given to two ties`,
			is:   model.ErrConflict,
		},
		{
			name: "when a tie attribute column appears twice, the header is at fault",
			in:   tables{actors: actors, ties: "From,To,Type,Colour,attr:Colour\nMexico,Ecuador,k,red,blue\n"},
			want: `ties.csv:1: the column "attr:Colour" appears twice`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a file is empty, the error says so",
			in:   tables{actors: "\ufeff \n"},
			want: `actors.csv: the file is empty: its first row must name the columns`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a row is ragged, the error gives both widths",
			in:   tables{actors: "Label,Type\nA,x\nB\n"},
			want: `actors.csv:3: the row has 1 cells but the header has 2`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a quote is not closed, the error points at the row it opens",
			in:   tables{actors: "Label,Notes\nA,x\nB,\"never closed\nC,y\n"},
			want: `actors.csv:3: malformed CSV: extraneous or missing " in quoted-field`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a quote is bare, the line is the file's, a line break in a quoted cell counted",
			in:   tables{actors: "Label,Notes\nA,\"two\nlines\"\nB,say \"hi\"\n"},
			want: `actors.csv:4: malformed CSV: bare " in non-quoted-field`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a row after a cell of two lines is wrong, its line is the file's",
			in:   tables{actors: "Label,Notes\nA,\"two\nlines\"\nB,x,extra\n"},
			want: `actors.csv:4: the row has 3 cells but the header has 2`,
			is:   model.ErrInvalid,
		},
		{
			name: "when a cell has a value under no header, it is at fault",
			in:   tables{actors: "Label,,Type\nA,,x\nB,oops,x\n"},
			want: `actors.csv:3: column B has a value but no header`,
			is:   model.ErrInvalid,
		},
		{
			name: "when the text is not UTF-8, the error says how to save it",
			in:   tables{actors: "Label\nM\xe9xico\n"},
			want: `actors.csv:2: the text is not UTF-8 (in a spreadsheet, save as "CSV UTF-8")`,
			is:   model.ErrInvalid,
		},
		{
			name: "when an attr: column has no name, the header is at fault",
			in:   tables{actors: "Label,attr: \nA,x\n"},
			want: `actors.csv:1: column B: an attribute name must follow "attr:"`,
			is:   model.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := csvio.Read(tt.in.files(), tt.base)
			if m != nil {
				t.Errorf("got a map %+v, want nil", m)
			}
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var ce *csvio.Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %T, want *csvio.Error", err)
			}
			if prefix := ce.File + ":"; !strings.HasPrefix(tt.want, prefix) {
				t.Errorf("Error.File = %q, not the file in %q", ce.File, tt.want)
			}
		})
	}
}

func TestReadNamesTheFileGiven(t *testing.T) {
	t.Parallel()
	_, err := csvio.Read(csvio.Files{Ties: csvio.Table{Name: "edges.csv", R: strings.NewReader("From,To,Type\nA,B,k\n")}}, nil)
	if got, want := err.Error(), `edges.csv:2: from: no actor is named "A"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestReadReportsReaderErrors(t *testing.T) {
	t.Parallel()
	_, err := csvio.Read(csvio.Files{Actors: csvio.Table{R: failingReader{}}}, nil)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %v, want it to wrap %v", err, io.ErrUnexpectedEOF)
	}
	if got, want := err.Error(), "actors.csv: cannot read: unexpected EOF"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestReadSkipping: with bad rows skipped, the good rows come in and the
// bad ones, and the rows that name them, are returned with their file,
// line and reason; a table that cannot be read still stops the import.
func TestReadSkipping(t *testing.T) {
	actors := "Label,Type,Belongs to\nMexico,country,\nBad,country,Nowhere\nEmbassy,mission,Bad\nEcuador,country,\n"
	ties := "From,To,Type,Start,End\nMexico,Ecuador,relations,2000,2024-04-06\nMexico,Ecuador,relations,2024-04-06,2024-04-06\nEmbassy,Mexico,embassy-of,,\n"
	f := csvio.Files{Actors: csvio.Table{R: strings.NewReader(actors)}, Ties: csvio.Table{R: strings.NewReader(ties)}}
	m, refused, err := csvio.ReadSkipping(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Actors) != 2 || len(m.Ties) != 1 {
		t.Errorf("%d actors and %d ties came in, want Mexico, Ecuador and their one good tie", len(m.Actors), len(m.Ties))
	}
	var got []string
	for _, r := range refused {
		got = append(got, fmt.Sprintf("%s:%d", r.File, r.Line))
	}
	if want := []string{"actors.csv:3", "actors.csv:4", "ties.csv:3", "ties.csv:4"}; !slices.Equal(got, want) {
		t.Errorf("refused %v, want %v", got, want)
	}
	var buf strings.Builder
	if err := csvio.WriteRefused(&buf, refused); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "ties.csv,3,") || !strings.Contains(buf.String(), "Nowhere") {
		t.Errorf("the refused rows file:\n%s", buf.String())
	}
	if _, _, err := csvio.ReadSkipping(csvio.Files{Actors: csvio.Table{R: strings.NewReader("")}}, nil); err == nil {
		t.Error("an empty table did not stop the import")
	}
}

// A tie row naming an actor whose row was refused is refused too, though
// the map has an actor of that name: importing a map's own tables again
// into it, the actors refused as named twice, had added each tie a second
// time between the map's actors.
func TestReadSkippingRefusesTiesOfRefusedActorsOfTheMapsNames(t *testing.T) {
	base := &model.Map{
		Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
		Ties:   []model.Tie{{ID: 1, From: 1, To: 2, Kind: "relations"}},
	}
	actors := "Label,Type\nMexico,country\nEcuador,country\nPeru,country\n"
	ties := "From,To,Type\nMexico,Ecuador,relations\nPeru,Mexico,relations\n"
	f := csvio.Files{Actors: csvio.Table{R: strings.NewReader(actors)}, Ties: csvio.Table{R: strings.NewReader(ties)}}
	m, refused, err := csvio.ReadSkipping(f, base)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Actors) != 1 || m.Actors[0].Name != "Peru" {
		t.Errorf("actors came in: %v, want Peru alone", m.Actors)
	}
	if len(m.Ties) != 0 {
		t.Errorf("%d ties came in, want none: each names an actor whose row was refused", len(m.Ties))
	}
	var got []string
	for _, r := range refused {
		got = append(got, fmt.Sprintf("%s:%d %s", r.File, r.Line, r.Reason))
	}
	if len(got) != 4 || !strings.Contains(got[2], "ties.csv:2") || !strings.Contains(got[2], "names an actor whose row was refused") {
		t.Errorf("refused:\n%s", strings.Join(got, "\n"))
	}
	// A table of ties alone names the map's actors, as it always has.
	m, refused, err = csvio.ReadSkipping(csvio.Files{Ties: csvio.Table{R: strings.NewReader("From,To,Type\nEcuador,Mexico,severed\n")}}, base)
	if err != nil || len(refused) != 0 || len(m.Ties) != 1 {
		t.Errorf("a tie between the map's actors: %v, refused %v, %d ties", err, refused, len(m.Ties))
	}
}

// TestReadFindsEveryBadRow: an import with several bad rows reports each
// of them, in order, and imports nothing; a tie naming a bad actor's row
// is not bad for it, nor an event naming a bad tie's Id; past MaxErrors
// the rest are counted.
func TestReadFindsEveryBadRow(t *testing.T) {
	t.Parallel()
	in := tables{
		actors: "Label,Type,Start\nMexico,country,\nEcuador,country,24-04-2024\nmexico,country,\n",
		ties:   "Id,From,To,Type,Start,End\n1,Mexico,Ecuador,relations,2000,\n2,Mexico,Peru,relations,,\n3,Ecuador,Mexico,severed,2025,2024\n",
		events: "Date,Title,Participants,Ends\n2024-04-05,Raid,Ecuador,3\n2024-13-01,Break,Mexico,\n",
	}
	m, err := csvio.Read(in.files(), nil)
	if m != nil {
		t.Errorf("got a map of %d actors, want none", len(m.Actors))
	}
	var es *csvio.Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %T %v, want *csvio.Errors", err, err)
	}
	var got []string
	for _, r := range es.Rows {
		got = append(got, fmt.Sprintf("%s:%d", r.File, r.Line))
	}
	// Ecuador's bad start does not make tie 1 or the raid bad, nor tie
	// 3's reversed span the raid that ends it.
	if want := []string{"actors.csv:3", "actors.csv:4", "ties.csv:3", "ties.csv:4", "events.csv:3"}; !slices.Equal(got, want) {
		t.Errorf("bad rows %v, want %v\n%v", got, want, err)
	}
	if want := "5 bad rows\n  actors.csv:3: start:"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("the message begins %q, want %q", err.Error(), want)
	}
	var ce *csvio.Error
	if !errors.As(err, &ce) || ce.Line != 3 || ce.File != "actors.csv" {
		t.Errorf("errors.As finds %+v, want the first bad row", ce)
	}
	if !errors.Is(err, model.ErrNotFound) || !errors.Is(err, model.ErrConflict) {
		t.Errorf("the rows' errors are not all seen through %v", err)
	}

	var many strings.Builder
	many.WriteString("From,To,Type\n")
	for range csvio.MaxErrors + 7 {
		many.WriteString("Nobody,Nothing,relations\n")
	}
	_, err = csvio.Read(tables{actors: "Label\nA\n", ties: many.String()}.files(), nil)
	if !errors.As(err, &es) || len(es.Rows) != csvio.MaxErrors || es.Beyond != 7 {
		t.Fatalf("got %v, want %d rows and 7 beyond", err, csvio.MaxErrors)
	}
	if !strings.HasSuffix(err.Error(), "\n  and 7 more") || !strings.HasPrefix(err.Error(), fmt.Sprintf("%d bad rows", csvio.MaxErrors+7)) {
		t.Errorf("the message:\n%s", err)
	}
}
