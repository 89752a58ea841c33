// Package netio reads and writes the formats other network tools speak:
// GEXF (Gephi, with its time), GraphML (yEd, Gephi), DOT (Graphviz),
// Cytoscape.js JSON and GML (Gephi, igraph, NetworkX, the classic data
// sets). A file comes in as a new map (actors, ties, kinds,
// dates, attributes and positions, as pins) and a Report of what the
// format held that a map cannot; a map goes out with everything the format
// can hold. It touches neither SQL nor the screen.
package netio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"relmap/model"
)

// Format is an interchange format.
type Format string

// The formats.
const (
	GEXF    Format = "gexf"
	GraphML Format = "graphml"
	DOT     Format = "dot"
	CYJS    Format = "cyjs"
	GML     Format = "gml"
)

// Formats lists the formats.
var Formats = []Format{GEXF, GraphML, DOT, CYJS, GML}

// Name is the format's name as people write it: GraphML, not graphml.
func (f Format) Name() string {
	switch f {
	case GEXF, DOT, GML:
		return strings.ToUpper(string(f))
	case GraphML:
		return "GraphML"
	case CYJS:
		return "Cytoscape.js JSON"
	}
	return string(f)
}

// Extensions are the file name extensions of f's files, with their dot,
// the one a file is named with first: DOT's are .gv (Graphviz's own, as
// .dot is also Word's) and .dot.
func (f Format) Extensions() []string {
	switch f {
	case DOT:
		return []string{".gv", ".dot"}
	}
	return []string{"." + string(f)}
}

// FormatOf is the format a file's extension names: .gexf, .graphml, .gv
// or .dot, .cyjs, .gml.
func FormatOf(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range Formats {
		if slices.Contains(f.Extensions(), ext) {
			return f, true
		}
	}
	return "", false
}

// MaxSize is the largest file read, 256 MiB: past it a file is refused as
// soon as it is read that far.
const MaxSize = 256 << 20

// readAll reads r whole, refusing more than MaxSize bytes.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, fault("the file is larger than %d MiB", MaxSize>>20)
	}
	return data, nil
}

// Report says what a file held that the map it was read into does not,
// or what a map held that a file it was written to cannot: each note once,
// with how many times it applied.
type Report struct {
	index map[string]int // a note's place in notes, by its text
	notes []Noted
}

// Noted is a note of a Report: what it says, in words a window can put in
// its language, and how many times it applied.
type Noted struct {
	Said  *model.Message
	Times int
}

// Note records a note.
func (r *Report) Note(format string, args ...any) {
	m := &model.Message{Format: format, Args: args}
	s := m.Error()
	if i, ok := r.index[s]; ok {
		r.notes[i].Times++
		return
	}
	if r.index == nil {
		r.index = map[string]int{}
	}
	r.index[s] = len(r.notes)
	r.notes = append(r.notes, Noted{m, 1})
}

// Notes are the notes in the order first made.
func (r *Report) Notes() []Noted { return slices.Clone(r.notes) }

// Lines are the notes in the order first made, in English, each with its
// count when above one.
func (r *Report) Lines() []string {
	var out []string
	for _, n := range r.Notes() {
		if n.Times > 1 {
			out = append(out, fmt.Sprintf("%s (%d times)", n.Said, n.Times))
		} else {
			out = append(out, n.Said.Error())
		}
	}
	return out
}

// Error is a problem with a file: where (a line when known, else an
// element) and why.
type Error struct {
	Format Format
	Line   int            // 0 when not known
	Where  *model.Message // the element (node "a", edge 3); nil when not known
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Format))
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Where != nil {
		b.WriteString(": " + e.Where.Error())
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// fault is what is wrong with a file, in words a window can put in its
// language (see model.Message); an error among args is wrapped.
func fault(format string, args ...any) error {
	m := &model.Message{Format: format, Args: args}
	for _, a := range args {
		if err, ok := a.(error); ok {
			m.Err = err
		}
	}
	return m
}

// place is where in a file something is: an element of it.
func place(format string, args ...any) *model.Message {
	return &model.Message{Format: format, Args: args}
}

// lineOf is the line of data that byte offset off is on.
func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// errSelfLoop is the tie of an actor to itself, which a map cannot hold:
// left out and reported.
var errSelfLoop = errors.New("a tie from an actor to itself")

// builder makes a map from the nodes and edges of a file: actors and ties
// by the file's ids, kinds as they are met.
type builder struct {
	m      *model.Map
	byKey  map[string]model.ID // node id in the file → actor
	kinds  map[kindKey]bool    // the kinds declared, with a colour of the file's
	report *Report
}

type kindKey struct {
	class model.Class
	name  string
}

func newBuilder(name string, r *Report) *builder {
	return &builder{m: &model.Map{Name: name, Actors: []model.Actor{}, Ties: []model.Tie{}}, byKey: map[string]model.ID{}, kinds: map[kindKey]bool{}, report: r}
}

// actor adds the node key as an actor named name of kind kind (a default
// kind when empty) and returns it to be filled in; a key met again is an
// error.
func (b *builder) actor(key, name, kind string) (*model.Actor, error) {
	if key == "" {
		return nil, fault("a node has no id")
	}
	if _, ok := b.byKey[key]; ok {
		return nil, fault("node id %q is used twice", key)
	}
	if strings.TrimSpace(name) == "" {
		name = key
	}
	kind = kindOr(kind, "actor")
	id := model.ID(len(b.m.Actors) + 1)
	b.byKey[key] = id
	b.m.Actors = append(b.m.Actors, model.Actor{ID: id, Name: name, Kind: kind})
	return &b.m.Actors[len(b.m.Actors)-1], nil
}

// tie adds a tie from node from to node to, of kind kind (a default kind
// when empty), and returns it to be filled in.
func (b *builder) tie(from, to, kind string, directed bool) (*model.Tie, error) {
	a, okA := b.byKey[from]
	c, okC := b.byKey[to]
	switch {
	case !okA:
		return nil, fault("source %q is no node of the file", from)
	case !okC:
		return nil, fault("target %q is no node of the file", to)
	case a == c:
		b.report.Note("ties from an actor to itself were left out: relmap ties join two actors")
		return nil, errSelfLoop
	}
	kind = kindOr(kind, "tie")
	id := model.ID(len(b.m.Ties) + 1)
	b.m.Ties = append(b.m.Ties, model.Tie{ID: id, From: a, To: c, Kind: kind, Directed: directed})
	return &b.m.Ties[len(b.m.Ties)-1], nil
}

// colour declares kind name of class in the colour hex the file gives it
// ("#rrggbb"; the first met wins). Kinds the file gives no colour are
// styled when the map is finished.
func (b *builder) colour(class model.Class, name, hex string) {
	key := kindKey{class, name}
	if b.kinds[key] || hex == "" {
		return
	}
	b.kinds[key] = true
	k := b.m.Kind(class, name)
	k.Color = hex
	b.m.Kinds = append(b.m.Kinds, k)
}

// pin keeps the position of node key.
func (b *builder) pin(key string, x, y float64) {
	id, ok := b.byKey[key]
	if !ok {
		return
	}
	if b.m.Pins == nil {
		b.m.Pins = map[model.ID]model.Point{}
	}
	b.m.Pins[id] = model.Point{X: x, Y: y}
}

// finish styles the kinds the file gave no colour, and checks the map.
func (b *builder) finish() (*model.Map, error) {
	b.m.Kinds = append(b.m.Kinds, model.StyleNewKinds(nil, b.m)...)
	sort.SliceStable(b.m.Kinds, func(i, j int) bool { return b.m.Kinds[i].Class < b.m.Kinds[j].Class })
	for id, p := range b.m.Pins {
		if p.Check() != nil {
			delete(b.m.Pins, id)
			b.report.Note("a position outside the drawing area was left out")
		}
	}
	if err := b.m.Validate(); err != nil {
		return nil, err
	}
	return b.m, nil
}

// attr sets attribute name of attrs to value, making the map.
func attr(attrs *map[string]string, name, value string) {
	if *attrs == nil {
		*attrs = map[string]string{}
	}
	(*attrs)[name] = value
}

// sortedKeys are m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// kindColor is the colour of kind name of class in m, "#rrggbb".
func kindColor(m *model.Map, class model.Class, name string) string {
	return m.Kind(class, name).Color
}

// rgb reads "#rrggbb" into its channels.
func rgb(hex string) (r, g, b int, ok bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0, false
	}
	_, err := fmt.Sscanf(hex[1:], "%02x%02x%02x", &r, &g, &b)
	return r, g, b, err == nil
}

// hexOf writes channels as "#rrggbb".
func hexOf(r, g, b int) string {
	clamp := func(v int) int { return min(max(v, 0), 255) }
	return fmt.Sprintf("#%02x%02x%02x", clamp(r), clamp(g), clamp(b))
}

// safeXML refuses XML that declares a document type: relmap's formats need
// none, and entity declarations are how XML files blow up their readers
// (encoding/xml expands none, but a clear refusal is better than a
// confusing one).
//
// A file that does not begin with a tag is said not to be XML, with how it
// begins (see notXML): a GML file named .graphml was said to end too soon
// at its last line.
func safeXML(data []byte) error {
	text := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(text) == 0:
		return fault("the file is empty")
	case text[0] != '<':
		return notXML(text)
	}
	head := data[:min(len(data), 64<<10)]
	if bytes.Contains(head, []byte("<!DOCTYPE")) || bytes.Contains(head, []byte("<!ENTITY")) {
		return fault("the file declares a document type or entities (<!DOCTYPE, <!ENTITY>), which relmap does not read")
	}
	return nil
}

// kindOr is kind, or fallback when empty.
func kindOr(kind, fallback string) string {
	if kind == "" {
		return fallback
	}
	return kind
}

// live adds spans to the lives of actor id: in order, lives that overlap
// or touch made one.
func (b *builder) live(key string, id model.ID, spans []model.Span) error {
	a := &b.m.Actors[id-1]
	if len(spans) == 0 || (a.Life.IsZero() && len(a.Later) == 0) {
		return fault("node id %q is used twice", key)
	}
	all := append(append([]model.Span{a.Life}, a.Later...), spans...)
	sort.SliceStable(all, func(i, j int) bool {
		fi, _ := all[i].From()
		fj, _ := all[j].From()
		return fi < fj
	})
	lives := all[:1]
	for _, s := range all[1:] {
		last := &lives[len(lives)-1]
		until, bounded := last.Until()
		from, _ := s.From()
		if !bounded || from <= until {
			if end, ok := s.Until(); !ok || !bounded || end > until {
				last.End = s.End
			}
			continue
		}
		lives = append(lives, s)
	}
	a.Life, a.Later = lives[0], lives[1:]
	if len(a.Later) == 0 {
		a.Later = nil
	}
	return nil
}

// Read reads a file of format f into a new map named name.
func Read(f Format, r io.Reader, name string) (*model.Map, *Report, error) {
	switch f {
	case GEXF:
		return ReadGEXF(r, name)
	case GraphML:
		return ReadGraphML(r, name)
	case DOT:
		return ReadDOT(r, name)
	case CYJS:
		return ReadCYJS(r, name)
	case GML:
		return ReadGML(r, name)
	}
	return nil, nil, fault("format %q: want gexf, graphml, dot, cyjs or gml", f)
}

// Write writes m in format f.
func Write(f Format, w io.Writer, m *model.Map, opt Options) (*Report, error) {
	switch f {
	case GEXF:
		return WriteGEXF(w, m, opt)
	case GraphML:
		return WriteGraphML(w, m, opt)
	case DOT:
		return WriteDOT(w, m, opt)
	case CYJS:
		return WriteCYJS(w, m, opt)
	case GML:
		return WriteGML(w, m, opt)
	}
	return nil, fault("format %q: want gexf, graphml, dot, cyjs or gml", f)
}

// KeepBaseKinds takes out of add, a map read from a file to be added to
// base, the kinds base has already (its own, and the built-in catalogue
// it draws with): the import keeps base's colours, labels and shapes of
// its kinds rather than the file's.
func KeepBaseKinds(base, add *model.Map) {
	declared := map[kindKey]bool{}
	for _, k := range append(model.DefaultKinds(), base.Kinds...) {
		declared[kindKey{k.Class, k.Name}] = true
	}
	kept := add.Kinds[:0]
	for _, k := range add.Kinds {
		if !declared[kindKey{k.Class, k.Name}] {
			kept = append(kept, k)
		}
	}
	add.Kinds = kept
}

// citer names sources of m by their ids, as an attribute holds them:
// each one's citation, "; " between.
func citer(m *model.Map) func([]model.ID) string {
	names := make(map[model.ID]string, len(m.Sources))
	for _, s := range m.Sources {
		names[s.ID] = s.Citation()
	}
	return func(ids []model.ID) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = names[id]
		}
		return strings.Join(parts, "; ")
	}
}

// parseWeight reads a weight: a finite number, or 0 for none.
func parseWeight(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	w, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
		return 0, fault("weight %q is not a number", s)
	}
	return w, nil
}

// lives reads an element's lives: relmap's "lives" field when it has one
// ("1918 – 1940; 1991 – …"), else its start and end.
func (v values) lives() (model.Span, []model.Span, error) {
	if text := v.take("lives"); text != "" {
		spans, err := model.ParseLives(text)
		if err != nil {
			return model.Span{}, nil, fault("lives: %v", err)
		}
		return spans[0], spans[1:], nil
	}
	span, err := v.span()
	return span, nil, err
}
