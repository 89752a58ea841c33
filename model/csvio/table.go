package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"relmap/model"
)

// Fields of the tables, as errors name them.
const (
	fName         = "name"
	fKind         = "kind"
	fShort        = "short"
	fStart        = "start"
	fEnd          = "end"
	fBelongsTo    = "belongs to"
	fLocatedIn    = "located in"
	fNotes        = "notes"
	fSources      = "sources"
	fID           = "id"
	fLives        = "lives"
	fBegins       = "begins"
	fEnds         = "ends"
	fFrom         = "from"
	fTo           = "to"
	fLabel        = "label"
	fDirected     = "directed"
	fWeight       = "weight"
	fDate         = "date"
	fTitle        = "title"
	fDescription  = "description"
	fParticipants = "participants"
)

// column is a known column of a table: the field it fills and the headers
// that name it, the one Write uses first.
type column struct {
	field    string
	headers  []string
	required bool
}

// layout is what one table may hold.
type layout struct {
	columns []column
	// attrs says whether unknown columns become attributes; otherwise
	// they are errors.
	attrs bool
	// byHeader maps a normalised header to its column.
	byHeader map[string]*column
}

func newLayout(attrs bool, cols ...column) *layout {
	l := &layout{columns: cols, attrs: attrs, byHeader: map[string]*column{}}
	for i := range l.columns {
		for _, h := range l.columns[i].headers {
			l.byHeader[normHeader(h)] = &l.columns[i]
		}
	}
	return l
}

var (
	actorSources = []string{"Source", "Sources", "Reference", "References", "Citation", "Citations", "Source URL"}
	tieSources   = []string{"Reference", "References", "Citation", "Citations", "Source URL", "Source URLs"}

	actorsLayout = newLayout(true,
		column{fName, []string{"Label", "Name"}, true},
		column{fKind, []string{"Type", "Kind"}, false},
		column{fShort, []string{"Short", "Short Name"}, false},
		column{fStart, []string{"Start"}, false},
		column{fEnd, []string{"End"}, false},
		column{fBelongsTo, []string{"Belongs To"}, false},
		column{fLocatedIn, []string{"Located In"}, false},
		column{fNotes, []string{"Notes", "Description"}, false},
		column{fSources, actorSources, false},
		column{fLives, []string{"Lives"}, false},
	)
	tiesLayout = newLayout(true,
		column{fFrom, []string{"From", "Source"}, true},
		column{fTo, []string{"To", "Target"}, true},
		column{fKind, []string{"Type", "Kind"}, true},
		column{fStart, []string{"Start"}, false},
		column{fEnd, []string{"End"}, false},
		column{fLabel, []string{"Label", "Status"}, false},
		column{fDirected, []string{"Directed", "Direction"}, false},
		column{fWeight, []string{"Weight"}, false},
		column{fNotes, []string{"Notes", "Description"}, false},
		column{fSources, tieSources, false},
		column{fID, []string{"Id"}, false},
	)
	eventsLayout = newLayout(false,
		column{fDate, []string{"Date"}, true},
		column{fKind, []string{"Type", "Kind"}, false},
		column{fTitle, []string{"Title", "Label", "Name"}, true},
		column{fDescription, []string{"Description", "Notes"}, false},
		column{fParticipants, []string{"Participants", "Actors"}, false},
		column{fSources, actorSources, false},
		column{fBegins, []string{"Begins"}, false},
		column{fEnds, []string{"Ends"}, false},
	)
)

// attrPrefix starts a header that is always an attribute.
const attrPrefix = "attr:"

// normHeader folds case and drops spaces, "_" and "-".
func normHeader(h string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(h)))
}

// isReserved reports whether an attribute named key must be written with
// attrPrefix to be read back as an attribute.
func (l *layout) isReserved(key string) bool {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(key)), attrPrefix) {
		return true
	}
	_, ok := l.byHeader[normHeader(key)]
	return ok
}

// sheet is a table read from a file: which column holds what, and the
// non-blank rows.
type sheet struct {
	file  string
	col   map[string]int // field -> column index
	attrs []attrColumn
	rows  []row
}

type attrColumn struct {
	key   string
	index int
}

type row struct {
	line  int
	cells []string // trimmed
}

// cell is the trimmed value of field in r, or "" when the table lacks the
// column.
func (s *sheet) cell(r row, field string) string {
	i, ok := s.col[field]
	if !ok {
		return ""
	}
	return r.cells[i]
}

// fail places err at r.
func (s *sheet) fail(r row, err error) error {
	return &Error{File: s.file, Line: r.line, Err: err}
}

// invalid is a FieldError of field saying format with args, which a
// window says in its language (see model.Message).
func invalid(field, format string, args ...any) error {
	return &model.FieldError{Field: field, Msg: fmt.Sprintf(format, args...), Said: &model.Message{Format: format, Args: args}, Err: model.ErrInvalid}
}

// readSheet reads a CSV file laid out as l, a record at a time, and stops
// at the limits lim.
func readSheet(file string, r io.Reader, l *layout, lim limits) (*sheet, error) {
	fail := func(line int, err error) error { return &Error{File: file, Line: line, Err: err} }
	readFail := func(line int, err error) error {
		var pe *csv.ParseError
		switch {
		case errors.Is(err, errEmpty):
			return fail(0, invalid("", "the file is empty: its first row must name the columns"))
		case errors.Is(err, errFileTooLarge):
			return fail(0, invalid("", "larger than the %s limit of an input file", mib(lim.file)))
		case errors.Is(err, errRecordTooLong):
			return fail(line, invalid("", "a record longer than the %s limit of one row", mib(lim.record)))
		case errors.As(err, &pe):
			return fail(pe.StartLine, invalid("", "malformed CSV: %v", pe.Err))
		}
		return fail(0, &model.FieldError{Msg: "cannot read: " + err.Error(), Err: err})
	}
	tr, err := newTableReader(r, lim)
	if err != nil {
		return nil, readFail(0, err)
	}
	s := &sheet{file: file, col: map[string]int{}}
	var width int
	var blank []int     // columns without a header
	for n := 1; ; n++ { // n counts records, line the file's lines
		rec, err := tr.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readFail(n, err)
		}
		line := tr.line()
		for _, c := range rec {
			if !utf8.ValidString(c) {
				return nil, fail(line, invalid("", `the text is not UTF-8 (in a spreadsheet, save as "CSV UTF-8")`))
			}
		}
		if n == 1 {
			if blank, err = s.header(rec, l); err != nil {
				return nil, fail(line, err)
			}
			width = len(rec)
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != width {
			return nil, fail(line, invalid("", "the row has %d cells but the header has %d", len(rec), width))
		}
		r := row{line: line, cells: make([]string, len(rec))}
		empty := true
		for i, c := range rec {
			r.cells[i] = strings.TrimSpace(c)
			empty = empty && r.cells[i] == ""
		}
		if empty {
			continue
		}
		for _, i := range blank {
			if r.cells[i] != "" {
				return nil, fail(line, invalid("", "column %s has a value but no header", columnLetters(i)))
			}
		}
		s.rows = append(s.rows, r)
	}
	return s, nil
}

// header learns which column holds what from the first row, and returns
// the columns without a header.
func (s *sheet) header(rec []string, l *layout) (blank []int, err error) {
	seen := map[string]string{} // field or attribute -> header
	for i, h := range rec {
		h = strings.TrimSpace(h)
		if h == "" {
			blank = append(blank, i)
			continue
		}
		if c, ok := l.byHeader[normHeader(h)]; ok {
			if prev, dup := seen[c.field]; dup {
				return nil, invalid("", "the columns %q and %q both give the %s", prev, h, c.field)
			}
			seen[c.field] = h
			s.col[c.field] = i
			continue
		}
		if !l.attrs {
			return nil, invalid("", "unknown column %q (this table takes %s)", h, l.headerList())
		}
		key := h
		if strings.HasPrefix(strings.ToLower(h), attrPrefix) {
			key = strings.TrimSpace(h[len(attrPrefix):])
			if key == "" {
				return nil, invalid("", "column %s: an attribute name must follow %q", columnLetters(i), attrPrefix)
			}
		}
		if _, dup := seen["attr "+key]; dup {
			return nil, invalid("", "the column %q appears twice", h)
		}
		seen["attr "+key] = h
		s.attrs = append(s.attrs, attrColumn{key: key, index: i})
	}
	for _, c := range l.columns {
		if _, ok := s.col[c.field]; c.required && !ok {
			msg := fmt.Sprintf("no %q column", c.headers[0])
			if len(c.headers) > 1 {
				msg += fmt.Sprintf(" (or %s)", quoteList(c.headers[1:], "or"))
			}
			return nil, invalid("", "%s", msg)
		}
	}
	return blank, nil
}

// headerList names the columns l takes, by their first header.
func (l *layout) headerList() string {
	hs := make([]string, len(l.columns))
	for i, c := range l.columns {
		hs[i] = c.headers[0]
	}
	return quoteList(hs, "and")
}

func quoteList(ss []string, conj string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}

// columnLetters names column i (from 0) as a spreadsheet does: A, B, ...,
// Z, AA, AB, ...
func columnLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// sniffComma guesses the separator from the header row: the most frequent
// of comma, semicolon and tab outside quotes, comma on a tie.
func sniffComma(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}
