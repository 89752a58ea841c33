package netio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"relmap/model"
)

// The GEXF file as read: element names only, whatever their namespace, so
// that 1.1draft, 1.2draft and 1.3 files (and files whose namespace and
// version disagree) read alike.
type gexfFile struct {
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
	Keywords    string `xml:"keywords"`
}

type gexfGraph struct {
	Mode            string           `xml:"mode,attr"`
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	TimeFormat      string           `xml:"timeformat,attr"`
	TimeType        string           `xml:"timetype,attr"` // 1.1draft's name for it
	TimeRep         string           `xml:"timerepresentation,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string    `xml:"class,attr"`
	Mode  string    `xml:"mode,attr"`
	Attrs []gexfDef `xml:"attribute"`
}

type gexfDef struct {
	ID      string `xml:"id,attr"`
	Title   string `xml:"title,attr"`
	Type    string `xml:"type,attr"`
	Default string `xml:"default"`
}

type gexfTime struct {
	Start     string `xml:"start,attr"`
	End       string `xml:"end,attr"`
	StartOpen string `xml:"startopen,attr"`
	EndOpen   string `xml:"endopen,attr"`
	Timestamp string `xml:"timestamp,attr"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	ID    string `xml:"id,attr"` // 1.0 and 1.1draft files name the attribute so
	Value string `xml:"value,attr"`
	gexfTime
}

type gexfColor struct {
	R   string `xml:"r,attr"`
	G   string `xml:"g,attr"`
	B   string `xml:"b,attr"`
	A   string `xml:"a,attr"`
	Hex string `xml:"hex,attr"`
}

type gexfPosition struct {
	X string `xml:"x,attr"`
	Y string `xml:"y,attr"`
	Z string `xml:"z,attr"`
}

type gexfValue struct {
	Value string `xml:"value,attr"`
}

type gexfNode struct {
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	PID       string         `xml:"pid,attr"`
	Parents   []gexfParent   `xml:"parents>parent"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue"`
	Spells    []gexfTime     `xml:"spells>spell"`
	Slices    []gexfTime     `xml:"slices>slice"` // 1.1draft's spells
	Color     *gexfColor     `xml:"color"`
	Position  *gexfPosition  `xml:"position"`
	Size      *gexfValue     `xml:"size"`
	Shape     *gexfValue     `xml:"shape"`
	Children  []gexfNode     `xml:"nodes>node"`
	Edges     []gexfEdge     `xml:"edges>edge"` // edges nested in a node (1.1draft hierarchies)
	gexfTime
}

// gexfParent is one of a node's parents (1.1draft's multiple parents).
type gexfParent struct {
	For string `xml:"for,attr"`
}

type gexfEdge struct {
	ID        string         `xml:"id,attr"`
	Source    string         `xml:"source,attr"`
	Target    string         `xml:"target,attr"`
	Type      string         `xml:"type,attr"`
	Kind      string         `xml:"kind,attr"`
	Label     string         `xml:"label,attr"`
	Weight    string         `xml:"weight,attr"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue"`
	Spells    []gexfTime     `xml:"spells>spell"`
	Slices    []gexfTime     `xml:"slices>slice"` // 1.1draft's spells
	Color     *gexfColor     `xml:"color"`
	Thickness *gexfValue     `xml:"thickness"`
	Shape     *gexfValue     `xml:"shape"`
	gexfTime
}

// The attribute titles relmap writes its own fields under, read back.
const (
	titleKind    = "kind"
	titleShort   = "short name"
	titleNotes   = "notes"
	titleSources = "sources"
	titleStart   = "start date"
	titleEnd     = "end date"
	titleLives   = "lives"
	titleLabel   = "label"
)

// ReadGEXF reads a GEXF file (1.1draft, 1.2draft or 1.3) into a new map
// named name. Nodes become actors and edges ties, each spell of an edge a
// tie of its own and the spells of a node its lives; dates come from
// start and end (open intervals and spells included) as calendar days
// (time given as numbers is read as days from 1970-01-01); attribute
// values become attributes (a dated value as the value with its dates);
// viz colours colour the kinds, viz positions become pins. What a map
// cannot hold is noted in the report.
func ReadGEXF(r io.Reader, name string) (*model.Map, *Report, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, &Error{Format: GEXF, Err: err}
	}
	if err := safeXML(data); err != nil {
		return nil, nil, &Error{Format: GEXF, Err: err}
	}
	var f gexfFile
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = refuseCharset
	dec.Strict = true
	if err := dec.Decode(&f); err != nil {
		return nil, nil, xmlFault(GEXF, data, dec, err)
	}
	rep := &Report{}
	g := f.Graph
	format := g.TimeFormat
	if format == "" {
		format = g.TimeType
	}
	clock, err := gexfClock(format)
	if err != nil {
		return nil, nil, &Error{Format: GEXF, Where: place("graph"), Err: err}
	}
	clock.report = rep
	clock.years = (clock.numeric || clock.auto) && allYears(data)
	defs := map[string]map[string]gexfDef{"node": {}, "edge": {}}
	for _, as := range g.Attributes {
		class := as.Class
		if class != "edge" {
			class = "node"
		}
		for _, d := range as.Attrs {
			defs[class][d.ID] = d
		}
	}
	b := newBuilder(name, rep)
	if f.Meta.Description != "" {
		b.m.Description = f.Meta.Description
	}
	// Nodes, flattening nested ones (each belongs to its parent).
	var edges []gexfEdge
	var addNodes func(nodes []gexfNode, parent string) error
	addNodes = func(nodes []gexfNode, parent string) error {
		for _, n := range nodes {
			where := place("node %q", n.ID)
			if id, ok := b.byKey[n.ID]; ok {
				// A node met again with other dates (as 1.1draft files
				// write an element that comes back): another life.
				spans, err := clock.spans(n.gexfTime, append(n.Spells, n.Slices...))
				if err == nil {
					err = b.live(n.ID, id, spans)
				}
				if err != nil {
					return &Error{Format: GEXF, Where: where, Err: err}
				}
				continue
			}
			values, err := b.attValues(defs["node"], n.AttValues, clock, where)
			if err != nil {
				return &Error{Format: GEXF, Where: where, Err: err}
			}
			a, err := b.actor(n.ID, n.Label, values.take(titleKind))
			if err != nil {
				return &Error{Format: GEXF, Where: where, Err: err}
			}
			a.Short, a.Notes = values.take(titleShort), values.take(titleNotes)
			spans, err := clock.spans(n.gexfTime, append(n.Spells, n.Slices...))
			if err != nil {
				return &Error{Format: GEXF, Where: where, Err: err}
			}
			if lives := values.take(titleLives); lives != "" {
				if spans, err = model.ParseLives(lives); err != nil {
					return &Error{Format: GEXF, Where: where, Err: fault("attribute %q: %v", titleLives, err)}
				}
			}
			if len(spans) > 0 {
				a.Life, a.Later = spans[0], spans[1:]
			}
			values.noteSources(rep)
			a.Attrs = values.rest()
			if n.Color != nil {
				if hex, ok := n.Color.hex(); ok {
					b.colour(model.ClassActor, a.Kind, hex)
				}
			}
			if n.Position != nil {
				x, errX := strconv.ParseFloat(n.Position.X, 64)
				y, errY := strconv.ParseFloat(n.Position.Y, 64)
				if errX == nil && errY == nil {
					b.pin(n.ID, x, -y) // GEXF's y points up, the map's down
				}
			}
			if n.Size != nil || n.Shape != nil {
				rep.Note("node sizes and shapes (viz:size, viz:shape) were not kept: relmap draws actors by kind")
			}
			parentKey := parent
			switch {
			case n.PID != "":
				parentKey = n.PID
			case len(n.Parents) > 0:
				parentKey = n.Parents[0].For
				if len(n.Parents) > 1 {
					rep.Note("of a node's several parents (parents), the first was kept as what it belongs to: an actor belongs to one")
				}
			}
			if parentKey != "" {
				a.Attrs = withAttr(a.Attrs, "parent", parentKey)
			}
			edges = append(edges, n.Edges...)
			if err := addNodes(n.Children, n.ID); err != nil {
				return err
			}
		}
		return nil
	}
	if err := addNodes(g.Nodes, ""); err != nil {
		return nil, nil, err
	}
	b.parents()                                          // now that every node is known
	directedByDefault := g.DefaultEdgeType == "directed" // GEXF's default is undirected
	for i, e := range append(g.Edges, edges...) {
		where := place("edge %q", e.ID)
		if e.ID == "" {
			where = place("edge %d", i+1)
		}
		values, err := b.attValues(defs["edge"], e.AttValues, clock, where)
		if err != nil {
			return nil, nil, &Error{Format: GEXF, Where: where, Err: err}
		}
		kind := e.Kind
		if k := values.take(titleKind); k != "" {
			kind = k
		}
		directed := directedByDefault
		switch e.Type {
		case "directed":
			directed = true
		case "undirected", "mutual":
			directed = false
		}
		spans, err := clock.spans(e.gexfTime, append(e.Spells, e.Slices...))
		if err != nil {
			return nil, nil, &Error{Format: GEXF, Where: where, Err: err}
		}
		if err := values.dates(&spans); err != nil {
			return nil, nil, &Error{Format: GEXF, Where: where, Err: err}
		}
		if len(spans) == 0 {
			spans = []model.Span{{}}
		}
		label, notes := e.Label, values.take(titleNotes)
		if l := values.take(titleLabel); l != "" {
			label = l
		}
		values.noteSources(rep)
		// A weight given as an attribute: one for the whole edge is its
		// weight; one that changes over time stays an attribute.
		w := e.Weight
		if v, ok := values["weight"]; ok && w == "" {
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				w = values.take("weight")
			} else if strings.Contains(v, "(") {
				rep.Note("edge weights that change over time were kept as the attribute \"weight\", with their dates: a tie has one weight")
			}
		}
		rest := values.rest()
		weight, err := parseWeight(w)
		if err != nil {
			return nil, nil, &Error{Format: GEXF, Where: where, Err: err}
		}
		// Each spell of an edge is a tie of its own.
		for _, span := range spans {
			t, err := b.tie(e.Source, e.Target, kind, directed)
			if errors.Is(err, errSelfLoop) {
				break
			}
			if err != nil {
				return nil, nil, &Error{Format: GEXF, Where: where, Err: err}
			}
			t.Span, t.Label, t.Notes, t.Weight = span, label, notes, weight
			for k, v := range rest {
				t.Attrs = withAttr(t.Attrs, k, v)
			}
		}
		if e.Color != nil {
			if hex, ok := e.Color.hex(); ok {
				b.colour(model.ClassTie, kindOr(kind, "tie"), hex)
			}
		}
		if e.Thickness != nil || e.Shape != nil {
			rep.Note("edge thickness and shapes (viz:thickness, viz:shape) were not kept: relmap draws ties by kind and weight")
		}
	}
	m, err := b.finish()
	if err != nil {
		return nil, nil, &Error{Format: GEXF, Err: err}
	}
	return m, rep, nil
}

// withAttr returns attrs with name set to value.
func withAttr(attrs map[string]string, name, value string) map[string]string {
	attr(&attrs, name, value)
	return attrs
}

// hex is the colour as "#rrggbb".
func (c *gexfColor) hex() (string, bool) {
	if c.Hex != "" {
		h := c.Hex
		if !strings.HasPrefix(h, "#") {
			h = "#" + h
		}
		if _, _, _, ok := rgb(strings.ToLower(h)); ok {
			return strings.ToLower(h), true
		}
		return "", false
	}
	r, errR := strconv.Atoi(c.R)
	g, errG := strconv.Atoi(c.G)
	b, errB := strconv.Atoi(c.B)
	if errR != nil || errG != nil || errB != nil {
		return "", false
	}
	return hexOf(r, g, b), true
}

// clock reads a graph's times: dates, numbers, or (when the file does
// not say, and GEXF's default is numbers) whichever each time is.
type clock struct {
	numeric, auto bool
	// years: every time in the file is a number from 1000 to 3000, so
	// the numbers are years (as in "2005.0"), not days.
	years  bool
	report *Report
}

func gexfClock(format string) (clock, error) {
	switch format {
	case "":
		return clock{auto: true}, nil
	case "date", "dateTime", "datetime":
		return clock{}, nil
	case "double", "float", "integer", "long":
		return clock{numeric: true}, nil
	}
	return clock{}, fault("timeformat %q: want date, dateTime, double or integer", format)
}

// day reads a time: a date (YYYY, YYYY-MM, YYYY-MM-DD, or a dateTime's
// date), or a number of days from 1970-01-01.
func (c clock) date(s string) (model.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return model.Date{}, nil
	}
	if c.numeric || (c.auto && !strings.Contains(s[1:], "-")) {
		v, err := strconv.ParseFloat(s, 64)
		if c.years && err == nil {
			c.report.Note("times given as numbers from 1000 to 3000 were read as years")
			return model.Date{Year: int(math.Floor(v)), Precision: model.PrecisionYear}, nil
		}
		c.report.Note("times given as numbers were read as days from 1970-01-01")
		if err != nil || math.IsNaN(v) || math.Abs(v) > 3e6 {
			return model.Date{}, fault("time %q is not a number of days", s)
		}
		return model.DateOfDay(model.Day(math.Floor(v))), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return model.DateOfDay(model.DayOf(t.Year(), t.Month(), t.Day())), nil
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	return model.ParseDate(s)
}

// span reads one interval: GEXF's are closed (the end day is in it)
// unless startopen or endopen says otherwise; a map's end is the first
// day no longer in it.
func (c clock) span(t gexfTime) (model.Span, error) {
	var s model.Span
	var err error
	switch {
	case t.Timestamp != "":
		if s.Start, err = c.date(t.Timestamp); err != nil {
			return s, err
		}
		s.End = s.Start // a month or year: through all of it
		if s.Start.Precision == model.PrecisionDay {
			s.End = model.DateOfDay(s.Start.First() + 1)
		}
		return s, nil
	case t.StartOpen != "":
		if s.Start, err = c.date(t.StartOpen); err != nil {
			return s, err
		}
		// After that day, month or year (a number read as a year is the
		// year's first instant: after it is the year).
		if !c.years {
			s.Start = model.DateOfDay(s.Start.Last() + 1)
		}
	default:
		if s.Start, err = c.date(t.Start); err != nil {
			return s, err
		}
	}
	switch {
	case t.EndOpen != "":
		if s.End, err = c.date(t.EndOpen); err != nil {
			return s, err
		}
		if s.End.Precision != model.PrecisionDay && !s.End.IsZero() {
			s.End = model.DateOfDay(s.End.First()) // before that month or year
		}
	default:
		if s.End, err = c.date(t.End); err != nil {
			return s, err
		}
		if s.End.Precision == model.PrecisionDay {
			s.End = model.DateOfDay(s.End.First() + 1)
		}
	}
	if err := s.Check(); err != nil {
		return s, err
	}
	return s, nil
}

// spans reads an element's own interval and its spells: the spells when
// it has any, else its interval (none when it has no dates).
func (c clock) spans(own gexfTime, spells []gexfTime) ([]model.Span, error) {
	var out []model.Span
	if len(spells) == 0 {
		if own == (gexfTime{}) {
			return nil, nil
		}
		spells = []gexfTime{own}
	}
	for _, sp := range spells {
		s, err := c.span(sp)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// values are an element's attribute values by title, as the map will hold
// them: a dated value written "value (start – end)", several joined.
type values map[string]string

// attValues reads an element's attribute values by their attributes'
// titles (their ids when untitled), with the defaults of those it lacks.
func (b *builder) attValues(defs map[string]gexfDef, avs []gexfAttValue, c clock, where *model.Message) (values, error) {
	out := values{}
	for _, av := range avs {
		key := av.For
		if key == "" {
			key = av.ID
		}
		d, ok := defs[key]
		title := d.Title
		if !ok || title == "" {
			title = key
		}
		if title == "" {
			return nil, fault("an attribute value names no attribute")
		}
		v := av.Value
		if av.gexfTime != (gexfTime{}) {
			s, err := c.span(av.gexfTime)
			if err != nil {
				return nil, fault("attribute %q: %v", title, err)
			}
			v += " (" + s.String() + ")"
		}
		if old, ok := out[title]; ok {
			v = old + "; " + v
		}
		out[title] = v
	}
	for key, d := range defs {
		title := d.Title
		if title == "" {
			title = key
		}
		if _, ok := out[title]; !ok && d.Default != "" {
			out[title] = d.Default
		}
	}
	return out, nil
}

// take removes and returns the value of title.
func (v values) take(title string) string {
	s := v[title]
	delete(v, title)
	return s
}

// dates takes the start and end dates relmap writes with their precision
// ("2024-04") and puts them on a single span in place of GEXF's days.
func (v values) dates(spans *[]model.Span) error {
	start, end := v.take(titleStart), v.take(titleEnd)
	if start == "" && end == "" {
		return nil
	}
	var s model.Span
	var err error
	if s.Start, err = model.ParseDate(start); err != nil {
		return err
	}
	if s.End, err = model.ParseDate(end); err != nil {
		return err
	}
	if len(*spans) <= 1 {
		*spans = []model.Span{s}
	}
	return nil
}

// noteSources says sources were read as a plain attribute.
func (v values) noteSources(r *Report) {
	if _, ok := v[titleSources]; ok {
		r.Note("sources were kept as the attribute %q, not as the map's sources", titleSources)
	}
}

// rest are the values left, as attributes; nil for none.
func (v values) rest() map[string]string {
	if len(v) == 0 {
		return nil
	}
	return map[string]string(v)
}

// timeAttr finds the times of a GEXF file: its start, end, startopen,
// endopen and timestamp attributes.
var timeAttr = regexp.MustCompile(`\b(?:start|end|startopen|endopen|timestamp)="([^"]*)"`)

// allYears reports whether every time in a GEXF file is a number from 1000
// to 3000, and there is at least one.
func allYears(data []byte) bool {
	found := false
	for _, m := range timeAttr.FindAllSubmatch(data, -1) {
		v, err := strconv.ParseFloat(string(m[1]), 64)
		if err != nil || v < 1000 || v > 3000 {
			return false
		}
		found = true
	}
	return found
}
