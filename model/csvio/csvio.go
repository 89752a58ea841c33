package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"relmap/model"
)

// The file names Write writes and ReadDir reads.
const (
	ActorsFile = "actors.csv"
	TiesFile   = "ties.csv"
	EventsFile = "events.csv"
)

// The kinds given to actors and events whose Type cell is empty or missing.
const (
	DefaultActorKind = "actor"
	DefaultEventKind = "event"
)

// Table is one CSV file to read.
type Table struct {
	// Name is the file name that errors show; empty means the default
	// (ActorsFile, TiesFile or EventsFile).
	Name string
	// R is the file's content; nil means there is no such table.
	R io.Reader
}

// Files are the tables of one import. Any of them may be absent.
type Files struct {
	Actors, Ties, Events Table
	// Kinds and Sources are the catalogue tables (KindsFile, SourcesFile),
	// Map the map's properties and Pins its fixed positions (MapFile,
	// PinsFile).
	Kinds, Sources, Map, Pins Table
}

// Error is a problem with one row of one file. It unwraps to a
// *model.FieldError, and through it to model.ErrInvalid, ErrNotFound or
// ErrConflict (or, when a file cannot be read at all, the reader's error).
type Error struct {
	File string
	// Line is the row as a spreadsheet numbers it: the header is 1. Zero
	// means the file as a whole (empty, unreadable).
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// MaxErrors is the most bad rows Read reports of one import.
const MaxErrors = 50

// Errors are the bad rows of an import that Read refused, when there are
// more than one: each as an *Error, in the order of the tables and their
// rows, at most MaxErrors of them. Unwrap gives each, so that errors.As
// finds the first.
type Errors struct {
	Rows []*Error
	// Beyond is how many bad rows there were after the last in Rows.
	Beyond int
}

// Error is each row's error on a line of its own.
func (e *Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad rows", len(e.Rows)+e.Beyond)
	for _, r := range e.Rows {
		b.WriteString("\n  ")
		b.WriteString(r.Error())
	}
	if e.Beyond > 0 {
		fmt.Fprintf(&b, "\n  and %d more", e.Beyond)
	}
	return b.String()
}

func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.Rows))
	for i, r := range e.Rows {
		errs[i] = r
	}
	return errs
}

// Read converts the tables into the records they add to base, the map being
// imported into (nil for none). Ties and events may name actors of the
// actors table or of base.
//
// The result holds only the new actors, ties, events and sources. Their IDs
// follow the largest ID of their sort in base, so that they never collide
// with the base IDs the new records refer to; the result is what a
// model.Store's Merge takes. Each record is checked with the model's rules.
//
// Read is all or nothing: a bad row stops the import, and no map is
// returned. A bad row of the actors, ties or events table does not stop
// the reading, so that every bad row is found in one go: the error is
// then an *Error naming the file and line, or, for more than one row,
// *Errors. A row is bad in itself only: a tie naming a bad actor's row is
// read as naming that actor. Any other table stops at its first bad row. It reads each table as a stream and
// refuses one of more than MaxFileSize bytes, or with a row of more than
// MaxRecordSize bytes, so that a file that is no table fails at once.
func Read(f Files, base *model.Map) (*model.Map, error) {
	im := newImporter(base)
	im.every = true
	return read(f, im)
}

// ReadUpdate reads the tables as corrections and additions to base: a row
// of the actors table that names an actor of base (case and surrounding
// spaces aside) is that actor, with each of the row's non-empty cells in
// place of its value; any other row is a new actor, as Read reads it. Ties
// and events are read as Read reads them; model.Reconcile matches them to
// base's. The result holds the actors the actors table names (with base's
// IDs where they are base's) and the new ties, events and sources.
func ReadUpdate(f Files, base *model.Map) (*model.Map, error) {
	im := newImporter(base)
	im.update, im.taken, im.every = true, map[string]bool{}, true
	im.baseByName = make(map[string]model.Actor, len(im.base.Actors))
	for _, a := range im.base.Actors {
		im.baseByName[fold(a.Name)] = a
	}
	return read(f, im)
}

// Refused is a row of a table that ReadSkipping left out: its file, line,
// why, and its cells.
type Refused struct {
	File   string
	Line   int
	Reason string
	Cells  []string
}

// ReadSkipping reads the tables as Read does, but a row of the actors,
// ties or events table that is wrong is left out, and returned with its
// reason, instead of stopping the import; so are the rows that name it.
// A table that cannot be read at all (not CSV, no header) still stops it.
func ReadSkipping(f Files, base *model.Map) (*model.Map, []Refused, error) {
	im := newImporter(base)
	im.skip = true
	m, err := read(f, im)
	if err != nil {
		return nil, nil, err
	}
	return m, im.refused, nil
}

// WriteRefused writes refused rows as CSV: file, line and reason, then
// the row's cells.
func WriteRefused(w io.Writer, refused []Refused) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"File", "Line", "Reason", "Row"})
	for _, r := range refused {
		cw.Write(append([]string{r.File, strconv.Itoa(r.Line), r.Reason}, r.Cells...))
	}
	cw.Flush()
	return cw.Error()
}

func read(f Files, im *importer) (*model.Map, error) {
	steps := []struct {
		table  Table
		name   string
		layout *layout
		read   func(*sheet) error
	}{
		{f.Kinds, KindsFile, kindsLayout, im.readKinds},
		{f.Sources, SourcesFile, sourcesLayout, im.readSources},
		{f.Actors, ActorsFile, actorsLayout, im.readActors},
		{f.Ties, TiesFile, tiesLayout, im.readTies},
		{f.Events, EventsFile, eventsLayout, im.readEvents},
		{f.Map, MapFile, mapLayout, im.readMap},
		{f.Pins, PinsFile, pinsLayout, im.readPins},
	}
	for _, s := range steps {
		if s.table.R == nil {
			continue
		}
		name := s.table.Name
		if name == "" {
			name = s.name
		}
		sh, err := readSheet(name, s.table.R, s.layout, defaultLimits)
		if err != nil {
			return nil, err
		}
		if err := s.read(sh); err != nil {
			return nil, im.failed(err)
		}
	}
	if err := im.failed(nil); err != nil {
		return nil, err
	}
	return im.out, nil
}

// ReadDir reads whichever of ActorsFile, TiesFile and EventsFile are in dir,
// as Read does. It fails when none is there.
func ReadDir(dir string, base *model.Map) (*model.Map, error) {
	return readDir(dir, base, Read)
}

// ReadDirSkipping is ReadDir with ReadSkipping.
func ReadDirSkipping(dir string, base *model.Map) (*model.Map, []Refused, error) {
	var refused []Refused
	m, err := readDir(dir, base, func(f Files, base *model.Map) (*model.Map, error) {
		m, r, err := ReadSkipping(f, base)
		refused = r
		return m, err
	})
	return m, refused, err
}

// ReadDirUpdate is ReadDir with ReadUpdate.
func ReadDirUpdate(dir string, base *model.Map) (*model.Map, error) {
	return readDir(dir, base, ReadUpdate)
}

func readDir(dir string, base *model.Map, read func(Files, *model.Map) (*model.Map, error)) (*model.Map, error) {
	var f Files
	found := false
	for i, name := range TableFiles {
		file, err := os.Open(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read tables in %s: %w", dir, err)
		}
		defer file.Close()
		if fi, err := file.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("read tables in %s: %s is a folder, not a CSV file", dir, name)
		}
		*f.Table(name) = Table{Name: name, R: file}
		found = found || i < 3 // the catalogues alone are no map
	}
	if !found {
		return nil, fmt.Errorf("read tables in %s: none of %s, %s, %s is there: %w",
			dir, ActorsFile, TiesFile, EventsFile, fs.ErrNotExist)
	}
	return read(f, base)
}

// TableOf tells which of relmap's tables the CSV file name is, by its
// name when that is one of theirs (ActorsFile, TiesFile, EventsFile,
// KindsFile, SourcesFile, MapFile, PinsFile), else by the header r starts
// with (people.csv): "Field" and "Value" for the map's properties; "Actor",
// "X" and "Y" for pins; "Class" for kinds; "Publisher", "Quote" or "Grade"
// for sources; "From" and "To" (or "Source" and "Target") for ties; "Date"
// and "Title" for events; "Label" (or "Name") for actors, in that order,
// as a tie's label or an event's title may be named as an actor's is. It
// fails, saying what the header lacks, when it is none of them. r is read
// no further than its first row.
func TableOf(name string, r io.Reader) (string, error) {
	base := strings.ToLower(filepath.Base(name))
	if slices.Contains(TableFiles, base) {
		return base, nil
	}
	tr, err := newTableReader(r, defaultLimits)
	if err != nil {
		return "", &Error{File: name, Err: err}
	}
	header, err := tr.read()
	if err == io.EOF {
		return "", &Error{File: name, Err: invalid("", "the file is empty: its first row must name the columns")}
	}
	if err != nil {
		return "", &Error{File: name, Line: 1, Err: invalid("", "malformed CSV: %v", err)}
	}
	named := map[string]bool{}
	for _, h := range header {
		named[normHeader(h)] = true
	}
	has := func(l *layout, fields ...string) bool {
		for _, f := range fields {
			if !slices.ContainsFunc(header, func(h string) bool { c, ok := l.byHeader[normHeader(h)]; return ok && c.field == f }) {
				return false
			}
		}
		return true
	}
	switch {
	case named["field"] && named["value"]:
		return MapFile, nil
	case named["actor"] && named["x"] && named["y"]:
		return PinsFile, nil
	case named["class"]:
		return KindsFile, nil
	case named["publisher"] || named["quote"] || named["grade"]:
		return SourcesFile, nil
	case has(tiesLayout, fFrom, fTo):
		return TiesFile, nil
	case has(eventsLayout, fDate, fTitle):
		return EventsFile, nil
	case has(actorsLayout, fName):
		return ActorsFile, nil
	}
	return "", &Error{File: name, Line: 1, Err: invalid("", `the header names none of relmap's tables: actors need a "Label" (or "Name") column, ties "From" and "To" (or "Source" and "Target"), events "Date" and "Title"`)}
}

// TableFiles are the names of relmap's tables: those Write writes, and
// ReadDir reads from a folder.
var TableFiles = []string{ActorsFile, TiesFile, EventsFile, KindsFile, SourcesFile, MapFile, PinsFile}

// Table returns the table of f that file, one of TableFiles, names.
func (f *Files) Table(file string) *Table {
	switch file {
	case ActorsFile:
		return &f.Actors
	case TiesFile:
		return &f.Ties
	case EventsFile:
		return &f.Events
	case KindsFile:
		return &f.Kinds
	case SourcesFile:
		return &f.Sources
	case MapFile:
		return &f.Map
	}
	return &f.Pins
}
