package netio

import (
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"relmap/model"
)

// maxGMLDepth is how deeply lists may nest in a GML file read.
const maxGMLDepth = 64

// gmlValue is a GML value: a number or a string (as written, a string
// unescaped), or a list of keys and values.
type gmlValue struct {
	text   string
	number bool
	list   []gmlPair
	isList bool
	line   int
}

type gmlPair struct {
	key   string
	value gmlValue
}

// get is the first value of key in a list, and whether there is one.
func (v gmlValue) get(key string) (gmlValue, bool) {
	for _, p := range v.list {
		if p.key == key {
			return p.value, true
		}
	}
	return gmlValue{}, false
}

// gmlParser reads GML's keys and values.
type gmlParser struct {
	data []byte
	at   int
	line int
}

func (p *gmlParser) fail(format string, args ...any) error {
	return &Error{Format: GML, Line: p.line, Err: fault(format, args...)}
}

// skip passes white space and comments (# to the end of the line).
func (p *gmlParser) skip() {
	for p.at < len(p.data) {
		switch c := p.data[p.at]; {
		case c == '\n':
			p.line++
			p.at++
		case c == ' ' || c == '\t' || c == '\r':
			p.at++
		case c == '#':
			for p.at < len(p.data) && p.data[p.at] != '\n' {
				p.at++
			}
		default:
			return
		}
	}
}

// list reads keys and values up to a closing bracket (or the end, at the
// top, when top is true).
func (p *gmlParser) list(depth int, top bool) ([]gmlPair, error) {
	if depth > maxGMLDepth {
		return nil, p.fail("lists nest more than %d deep", maxGMLDepth)
	}
	var out []gmlPair
	for {
		p.skip()
		if p.at == len(p.data) {
			if top {
				return out, nil
			}
			return nil, p.fail("a list opened with [ is not closed with ]")
		}
		if p.data[p.at] == ']' {
			if top {
				return nil, p.fail("a ] closes no list")
			}
			p.at++
			return out, nil
		}
		start := p.at
		for p.at < len(p.data) && isKeyByte(p.data[p.at], p.at == start) {
			p.at++
		}
		if p.at == start {
			return nil, p.fail("%q where a key (a word such as node or label) was expected", p.near())
		}
		key := string(p.data[start:p.at])
		p.skip()
		v, err := p.value(depth, key)
		if err != nil {
			return nil, err
		}
		out = append(out, gmlPair{key, v})
	}
}

// near is the text at the parser's place, for an error.
func (p *gmlParser) near() string {
	end := p.at
	for end < len(p.data) && end-p.at < 20 && p.data[end] != '\n' {
		end++
	}
	if end < len(p.data) && p.data[end] != '\n' {
		return string(p.data[p.at:end]) + "…"
	}
	return string(p.data[p.at:end])
}

func isKeyByte(c byte, first bool) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || !first && c >= '0' && c <= '9'
}

// value reads the value of key: a list, a string or a number.
func (p *gmlParser) value(depth int, key string) (gmlValue, error) {
	if p.at == len(p.data) {
		return gmlValue{}, p.fail("the key %s has no value", key)
	}
	line := p.line
	switch c := p.data[p.at]; {
	case c == '[':
		p.at++
		l, err := p.list(depth+1, false)
		return gmlValue{list: l, isList: true, line: line}, err
	case c == '"':
		end := p.at + 1
		for end < len(p.data) && p.data[end] != '"' {
			end++
		}
		if end == len(p.data) {
			return gmlValue{}, p.fail("the string of %s is not closed with \"", key)
		}
		s := string(p.data[p.at+1 : end])
		p.line += strings.Count(s, "\n")
		p.at = end + 1
		return gmlValue{text: gmlUnescape(s), line: line}, nil
	default:
		start := p.at
		for p.at < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.at]) >= 0 {
			p.at++
		}
		s := string(p.data[start:p.at])
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			p.at = start
			return gmlValue{}, p.fail("the value of %s, %q, is not a number, a string or a list", key, p.near())
		}
		return gmlValue{text: s, number: true, line: line}, nil
	}
}

// gmlEntity is a character entity of a GML string: a character's number,
// decimal or hexadecimal (&#233;, &#xE9;), or its HTML name (&eacute;,
// &amp;).
var gmlEntity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// gmlUnescape decodes the character entities of a GML string, as GML
// writes every character outside ASCII (and NetworkX, Gephi and relmap
// & and "). A number is the character of that code point exactly (HTML
// reads &#150; as "–", XML and NetworkX as U+0096), and a name is decoded
// only when it is a whole entity's: HTML would read "&notes;" as "¬es;".
// Anything else, such as a lone & ("AT&T"), stays as written.
func gmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return gmlEntity.ReplaceAllStringFunc(s, func(e string) string {
		name := e[1 : len(e)-1]
		if name[0] != '#' {
			if r := html.UnescapeString(e); r != e && (r == ";" || !strings.HasSuffix(r, ";")) {
				return r
			}
			return e
		}
		n, err := strconv.ParseUint(name[1:], 10, 32)
		if name[1] == 'x' || name[1] == 'X' {
			n, err = strconv.ParseUint(name[2:], 16, 32)
		}
		if err != nil || !utf8.ValidRune(rune(n)) {
			return e
		}
		return string(rune(n))
	})
}

// ReadGML reads a GML file (as Gephi, yEd, igraph, NetworkX and Newman's
// data sets write it) into a new map named name: nodes with their label
// (else their id), kind, colour (graphics fill), position (graphics x, y,
// as a pin), dates and other keys as attributes; edges with their label,
// kind, colour, weight (or value), dates and attributes. The graph's
// directed key says whether ties are directed. Strings' character
// entities (&#233;, &eacute;, &amp;) are decoded.
func ReadGML(r io.Reader, name string) (*model.Map, *Report, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, &Error{Format: GML, Err: err}
	}
	p := &gmlParser{data: data, line: 1}
	top, err := p.list(0, true)
	if err != nil {
		return nil, nil, err
	}
	var graph gmlValue
	graphs := 0
	for _, pair := range top {
		if pair.key == "graph" && pair.value.isList {
			graph = pair.value
			graphs++
		}
	}
	switch {
	case graphs == 0:
		return nil, nil, &Error{Format: GML, Err: fault("not GML: no graph [ … ] in the file")}
	case graphs > 1:
		return nil, nil, &Error{Format: GML, Err: fault("%d graphs in one file: relmap reads one", graphs)}
	}
	rep := &Report{}
	b := newBuilder(name, rep)
	if v, ok := graph.get("label"); ok && name == "" {
		b.m.Name = v.text
	}
	directed := false
	if v, ok := graph.get("directed"); ok {
		directed = v.text == "1"
	}
	for _, pair := range graph.list {
		if pair.key != "node" || !pair.value.isList {
			continue
		}
		if err := gmlNode(b, pair.value, rep); err != nil {
			return nil, nil, err
		}
	}
	b.parents()
	for _, pair := range graph.list {
		if pair.key != "edge" || !pair.value.isList {
			continue
		}
		if err := gmlEdge(b, pair.value, directed, rep); err != nil {
			return nil, nil, err
		}
	}
	m, err := b.finish()
	if err != nil {
		return nil, nil, &Error{Format: GML, Err: err}
	}
	return m, rep, nil
}

// gmlKeys are a node's or an edge's keys but its graphics, as values, and
// its graphics: attributes written as attribute [ key … value … ] (a name
// that is no GML key) among them.
func gmlKeys(v gmlValue) (values, gmlValue, error) {
	out := values{}
	var graphics gmlValue
	for _, p := range v.list {
		switch {
		case p.key == "graphics" && p.value.isList:
			graphics = p.value
		case p.key == gmlAttribute && p.value.isList:
			k, okK := p.value.get("key")
			x, okV := p.value.get("value")
			if !okK || !okV || k.text == "" {
				return nil, graphics, fault("line %d: an attribute [ … ] needs a key and a value", p.value.line)
			}
			out[k.text] = x.text
		case p.value.isList:
			// A list relmap has no field for: kept as its text.
			out[p.key] = gmlText(p.value)
		default:
			out[p.key] = p.value.text
		}
	}
	return out, graphics, nil
}

// gmlText writes a list as GML text on one line.
func gmlText(v gmlValue) string {
	var parts []string
	for _, p := range v.list {
		if p.value.isList {
			parts = append(parts, p.key+" "+gmlText(p.value))
		} else {
			parts = append(parts, p.key+" "+p.value.text)
		}
	}
	return "[ " + strings.Join(parts, " ") + " ]"
}

func gmlNode(b *builder, n gmlValue, rep *Report) error {
	v, graphics, err := gmlKeys(n)
	id := v.take("id")
	where := place("node %q", id)
	if err != nil {
		return &Error{Format: GML, Line: n.line, Where: where, Err: err}
	}
	a, err := b.actor(id, v.take("label"), v.take("kind"))
	if err != nil {
		return &Error{Format: GML, Line: n.line, Where: where, Err: err}
	}
	a.Short, a.Notes = v.take("short"), v.take("notes")
	if a.Life, a.Later, err = v.lives(); err != nil {
		return &Error{Format: GML, Line: n.line, Where: where, Err: err}
	}
	if graphics.isList {
		x, okX := graphics.get("x")
		y, okY := graphics.get("y")
		if okX && okY {
			fx, errX := strconv.ParseFloat(x.text, 64)
			fy, errY := strconv.ParseFloat(y.text, 64)
			if errX == nil && errY == nil {
				b.pin(id, fx, fy) // GML's y points down, as the map's does
			}
		}
		if fill, ok := graphics.get("fill"); ok {
			b.colour(model.ClassActor, a.Kind, dotColour(fill.text))
		}
		for _, p := range graphics.list {
			if p.key != "x" && p.key != "y" && p.key != "fill" && p.key != "z" {
				rep.Note("node graphics other than position and fill (sizes, shapes, outlines) were not kept: relmap draws actors by kind")
				break
			}
		}
	}
	v.noteSources(rep)
	a.Attrs = v.rest()
	return nil
}

func gmlEdge(b *builder, e gmlValue, directed bool, rep *Report) error {
	v, graphics, err := gmlKeys(e)
	from, to := v.take("source"), v.take("target")
	where := place("edge %s -> %s", from, to)
	if err != nil {
		return &Error{Format: GML, Line: e.line, Where: where, Err: err}
	}
	switch v.take("directed") {
	case "1":
		directed = true
	case "0":
		directed = false
	}
	delete(v, "id")
	t, err := b.tie(from, to, v.take("kind"), directed)
	if errors.Is(err, errSelfLoop) {
		return nil
	}
	if err != nil {
		return &Error{Format: GML, Line: e.line, Where: where, Err: err}
	}
	if graphics.isList {
		if fill, ok := graphics.get("fill"); ok {
			b.colour(model.ClassTie, t.Kind, dotColour(fill.text))
		}
	}
	t.Label, t.Notes = v.take("label"), v.take("notes")
	weight := v.take("weight")
	if weight == "" {
		// Newman's files and others give an edge's weight as its value.
		if _, err := strconv.ParseFloat(v["value"], 64); err == nil {
			weight = v.take("value")
		}
	}
	if t.Weight, err = parseWeight(weight); err != nil {
		return &Error{Format: GML, Line: e.line, Where: where, Err: err}
	}
	if t.Span, err = v.span(); err != nil {
		return &Error{Format: GML, Line: e.line, Where: where, Err: err}
	}
	v.noteSources(rep)
	t.Attrs = v.rest()
	return nil
}

// gmlAttribute is the list a GML file relmap writes keeps an attribute
// in whose name is no GML key ("belongs to", "note 1").
const gmlAttribute = "attribute"

// gmlReserved are the keys relmap's GML gives a meaning of its own, in a
// node and, with gmlEdgeReserved, in an edge: an attribute of one of
// these names is written as an attribute [ … ].
var (
	gmlReserved = map[string]bool{
		"id": true, "label": true, "kind": true, "short": true, "notes": true, "sources": true, "lives": true,
		"start": true, "end": true, "graphics": true, gmlAttribute: true,
	}
	gmlEdgeReserved = map[string]bool{"source": true, "target": true, "weight": true, "value": true, "directed": true}
)

// gmlString writes s as a GML string, in ASCII as GML asks (NetworkX
// refuses a file that is not): & and " as entities, and every character
// outside printable ASCII (é, …, a line break, which NetworkX's reader
// also refuses in a string) as its number, "Andr&#233;s".
func gmlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r < ' ' || r > '~':
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// gmlKey reports whether name can be written as a GML key of its own, in
// an edge when edge is true, else in a node.
func gmlKey(name string, edge bool) bool {
	if name == "" || gmlReserved[name] || edge && gmlEdgeReserved[name] {
		return false
	}
	for i := range len(name) {
		if !isKeyByte(name[i], i == 0) {
			return false
		}
	}
	return true
}

// WriteGML writes m as a GML graph (as Gephi, yEd, igraph and NetworkX
// read it), directed when any tie is: actors as nodes with their name as
// label, their kind's colour as graphics fill and their position as
// graphics x, y; ties as edges with their label, weight and kind's colour
// (directed 0 for an undirected one among directed ones); and every field
// relmap keeps (kind, dates, notes, sources, attributes) as keys, an
// attribute whose name is no GML key as attribute [ key … value … ]. The
// file is ASCII, other characters written as entities (see gmlString).
func WriteGML(w io.Writer, m *model.Map, opt Options) (*Report, error) {
	rep := &Report{}
	if len(m.Events) > 0 {
		rep.Note("%d events were not written: GML has no events", len(m.Events))
	}
	cite := citer(m)
	// Directed when any tie is, each undirected one then saying so: a
	// graph of undirected ties only is undirected, as NetworkX and
	// igraph read the graph's key alone.
	directed := slices.ContainsFunc(m.Ties, func(t model.Tie) bool { return t.Directed })
	var b strings.Builder
	fmt.Fprintf(&b, "graph [\n  directed %d\n", map[bool]int{false: 0, true: 1}[directed])
	fmt.Fprintf(&b, "  label %s\n", gmlString(m.Name))
	pairs := func(indent string, fields [][2]string, attrs map[string]string, edge bool) {
		for _, f := range fields {
			if f[1] != "" {
				fmt.Fprintf(&b, "%s%s %s\n", indent, f[0], gmlString(f[1]))
			}
		}
		for _, k := range sortedKeys(attrs) {
			if gmlKey(k, edge) {
				fmt.Fprintf(&b, "%s%s %s\n", indent, k, gmlString(attrs[k]))
			} else {
				fmt.Fprintf(&b, "%s%s [ key %s value %s ]\n", indent, gmlAttribute, gmlString(k), gmlString(attrs[k]))
			}
		}
	}
	pos := opt.positions(m)
	for _, a := range m.Actors {
		fmt.Fprintf(&b, "  node [\n    id %d\n", a.ID)
		fields := [][2]string{{"label", a.Name}, {"kind", a.Kind}, {"short", a.Short}, {"notes", a.Notes}, {"sources", cite(a.Sources)}}
		if lives := a.Lives(); len(lives) > 1 {
			fields = append(fields, [2]string{"lives", model.LivesString(lives)})
		} else {
			fields = append(fields, [2]string{"start", a.Life.Start.String()}, [2]string{"end", a.Life.End.String()})
		}
		attrs := map[string]string{}
		for k, v := range a.Attrs {
			attrs[k] = v
		}
		for key, id := range map[string]model.ID{attrBelongsTo: a.BelongsTo, attrLocatedIn: a.LocatedIn} {
			if id != 0 {
				attrs[key] = strconv.FormatInt(int64(id), 10)
			}
		}
		pairs("    ", fields, attrs, false)
		b.WriteString("    graphics [")
		if p, ok := pos[a.ID]; ok {
			fmt.Fprintf(&b, " x %s y %s", fnum(p.X), fnum(p.Y))
		}
		fmt.Fprintf(&b, " fill %s ]\n  ]\n", gmlString(kindColor(m, model.ClassActor, a.Kind)))
	}
	for _, t := range m.Ties {
		fmt.Fprintf(&b, "  edge [\n    source %d\n    target %d\n", t.From, t.To)
		if directed && !t.Directed {
			b.WriteString("    directed 0\n")
		}
		if t.Weight != 0 {
			fmt.Fprintf(&b, "    weight %s\n", fnum(t.Weight))
		}
		pairs("    ", [][2]string{{"kind", t.Kind}, {"label", t.Label}, {"notes", t.Notes}, {"sources", cite(t.Sources)},
			{"start", t.Span.Start.String()}, {"end", t.Span.End.String()}}, t.Attrs, true)
		fmt.Fprintf(&b, "    graphics [ fill %s ]\n  ]\n", gmlString(kindColor(m, model.ClassTie, t.Kind)))
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return rep, err
}
