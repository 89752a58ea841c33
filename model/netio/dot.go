package netio

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"

	"relmap/model"
)

// maxDOTDepth is how deeply subgraphs may nest in a DOT file read.
const maxDOTDepth = 64

// dotColours are the Graphviz colour names read as colours; others are
// kept as attributes.
var dotColours = map[string]string{
	"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#00ff00", "blue": "#0000ff",
	"yellow": "#ffff00", "orange": "#ffa500", "purple": "#a020f0", "gray": "#bebebe", "grey": "#bebebe",
	"brown": "#a52a2a", "pink": "#ffc0cb", "cyan": "#00ffff", "magenta": "#ff00ff", "navy": "#000080",
	"darkgreen": "#006400", "darkred": "#8b0000", "gold": "#ffd700", "crimson": "#dc143c", "steelblue": "#4682b4",
}

// ReadDOT reads a Graphviz DOT file (gonum's parser) into a new map named
// name: nodes with their label, kind, colour, position (pos, as a pin),
// dates and attributes, the defaults of node and edge statements in
// their scope; edges (chains and subgraph ends too, parallel ones each a
// tie) with their label, kind, colour, weight, dir and dates; clusters
// (subgraphs named cluster…) as the kind of the nodes they hold when
// those have none.
func ReadDOT(r io.Reader, name string) (*model.Map, *Report, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, &Error{Format: DOT, Err: err}
	}
	if depth := nesting(data); depth > maxDOTDepth {
		return nil, nil, &Error{Format: DOT, Err: fault("subgraphs nest %d deep, more than %d", depth, maxDOTDepth)}
	}
	f, err := parseDOT(data)
	if err != nil {
		return nil, nil, &Error{Format: DOT, Line: dotErrLine(err), Err: err}
	}
	if len(f.Graphs) == 0 {
		return nil, nil, &Error{Format: DOT, Err: fault("no graph")}
	}
	if len(f.Graphs) > 1 {
		return nil, nil, &Error{Format: DOT, Err: fault("%d graphs in one file: relmap reads one", len(f.Graphs))}
	}
	g := f.Graphs[0]
	rep := &Report{}
	d := &dotReader{b: newBuilder(name, rep), rep: rep, directed: g.Directed, attrs: map[string]map[string]string{}}
	if g.ID != "" && name == "" {
		d.b.m.Name = unquote(g.ID)
	}
	if err := d.stmts(g.Stmts, dotScope{node: map[string]string{}, edge: map[string]string{}}, ""); err != nil {
		return nil, nil, err
	}
	if err := d.finishNodes(); err != nil {
		return nil, nil, err
	}
	for _, e := range d.edges {
		if err := d.edge(e); err != nil {
			return nil, nil, err
		}
	}
	m, err := d.b.finish()
	if err != nil {
		return nil, nil, &Error{Format: DOT, Err: err}
	}
	return m, rep, nil
}

// parseDOT parses, turning a panic of the parser on hostile input into
// an error.
func parseDOT(data []byte) (f *ast.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fault("not DOT: %v", p)
		}
	}()
	f, err = dot.ParseBytes(data)
	if err != nil {
		return nil, fault("not DOT: %v", err)
	}
	return f, nil
}

var dotLine = regexp.MustCompile(`(?i)line (\d+)`)

// dotErrLine finds the line a parse error names, 0 when none.
func dotErrLine(err error) int {
	if m := dotLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// nesting is how deeply braces nest in data, outside quoted strings.
func nesting(data []byte) int {
	depth, most := 0, 0
	quoted := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '{':
			depth++
			most = max(most, depth)
		case !quoted && c == '}':
			depth--
		}
	}
	return most
}

// unquote reads a DOT ID: a quoted string without its quotes and escapes,
// an HTML string without its angle brackets, else as it is.
func unquote(id string) string {
	switch {
	case len(id) >= 2 && id[0] == '"' && id[len(id)-1] == '"':
		return unescape(id[1 : len(id)-1])
	case len(id) >= 2 && id[0] == '<' && id[len(id)-1] == '>':
		return id[1 : len(id)-1]
	}
	return id
}

// unescape reads a DOT quoted string's escapes in one pass: \" and \\,
// the line breaks \n, \l and \r, and a backslash before a line break
// (a line continued); any other backslash stays.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i == len(s)-1 {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case '"', '\\':
			b.WriteByte(s[i])
		case 'n', 'l', 'r':
			b.WriteByte('\n')
		case '\n':
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// quote writes s as a DOT quoted string.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

// dotScope are the default node and edge attributes in force, and the
// cluster the statements are in.
type dotScope struct {
	node, edge map[string]string
	cluster    string
}

func (s dotScope) child() dotScope {
	c := dotScope{node: map[string]string{}, edge: map[string]string{}, cluster: s.cluster}
	for k, v := range s.node {
		c.node[k] = v
	}
	for k, v := range s.edge {
		c.edge[k] = v
	}
	return c
}

type dotEdge struct {
	from, to string
	attrs    map[string]string
	directed bool
	where    *model.Message
}

type dotReader struct {
	b        *builder
	rep      *Report
	directed bool
	order    []string                     // node ids, as first met
	attrs    map[string]map[string]string // each node's attributes
	cluster  map[string]string
	edges    []dotEdge
}

// node notes node id with attributes (later statements add to earlier).
func (d *dotReader) node(id string, scope dotScope, attrs []*ast.Attr) {
	id = unquote(id)
	a, ok := d.attrs[id]
	if !ok {
		a = map[string]string{}
		for k, v := range scope.node {
			a[k] = v
		}
		d.attrs[id] = a
		d.order = append(d.order, id)
		if scope.cluster != "" {
			if d.cluster == nil {
				d.cluster = map[string]string{}
			}
			d.cluster[id] = scope.cluster
		}
	}
	for _, at := range attrs {
		a[unquote(at.Key)] = unquote(at.Val)
	}
}

// vertices are the node ids a vertex stands for: a node, or every node of
// a subgraph (read for its own statements first).
func (d *dotReader) vertices(v ast.Vertex, scope dotScope, depth int) ([]string, error) {
	switch v := v.(type) {
	case *ast.Node:
		d.node(v.ID, scope, nil)
		return []string{unquote(v.ID)}, nil
	case *ast.Subgraph:
		var ids []string
		err := d.stmtsCollect(v.Stmts, scope, v.ID, depth+1, &ids)
		return ids, err
	}
	return nil, fault("an edge end that is neither node nor subgraph")
}

func (d *dotReader) stmts(stmts []ast.Stmt, scope dotScope, id string) error {
	var ids []string
	return d.stmtsCollect(stmts, scope, id, 0, &ids)
}

// stmtsCollect reads statements in their own scope, adding the ids of the
// nodes they name to ids.
func (d *dotReader) stmtsCollect(stmts []ast.Stmt, parent dotScope, id string, depth int, ids *[]string) error {
	if depth > maxDOTDepth {
		return &Error{Format: DOT, Err: fault("subgraphs nest more than %d deep", maxDOTDepth)}
	}
	scope := parent.child()
	if name := unquote(id); strings.HasPrefix(name, "cluster") {
		scope.cluster = strings.TrimPrefix(strings.TrimPrefix(name, "cluster"), "_")
		if scope.cluster == "" {
			scope.cluster = name
		}
	}
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.NodeStmt:
			d.node(st.Node.ID, scope, st.Attrs)
			*ids = append(*ids, unquote(st.Node.ID))
		case *ast.AttrStmt:
			target := map[ast.Kind]map[string]string{ast.NodeKind: scope.node, ast.EdgeKind: scope.edge}[st.Kind]
			for _, a := range st.Attrs {
				if target != nil {
					target[unquote(a.Key)] = unquote(a.Val)
				} else if unquote(a.Key) == "label" && scope.cluster != "" {
					scope.cluster = unquote(a.Val) // a cluster's label names its kind
				}
			}
		case *ast.Attr:
			if unquote(st.Key) == "label" && scope.cluster != "" {
				scope.cluster = unquote(st.Val)
			}
		case *ast.Subgraph:
			if err := d.stmtsCollect(st.Stmts, scope, st.ID, depth+1, ids); err != nil {
				return err
			}
		case *ast.EdgeStmt:
			from, err := d.vertices(st.From, scope, depth)
			if err != nil {
				return &Error{Format: DOT, Err: err}
			}
			*ids = append(*ids, from...)
			attrs := map[string]string{}
			for k, v := range scope.edge {
				attrs[k] = v
			}
			for _, a := range st.Attrs {
				attrs[unquote(a.Key)] = unquote(a.Val)
			}
			for e := st.To; e != nil; e = e.To {
				to, err := d.vertices(e.Vertex, scope, depth)
				if err != nil {
					return &Error{Format: DOT, Err: err}
				}
				*ids = append(*ids, to...)
				for _, a := range from {
					for _, b := range to {
						d.edges = append(d.edges, dotEdge{from: a, to: b, attrs: attrs, directed: e.Directed, where: place("edge %s -> %s", a, b)})
					}
				}
				from = to
			}
		}
	}
	return nil
}

// finishNodes makes an actor of each node.
func (d *dotReader) finishNodes() error {
	for _, id := range d.order {
		v := values(d.attrs[id])
		where := place("node %q", id)
		kind := v.take("kind")
		if kind == "" {
			kind = d.cluster[id]
		}
		colour := dotColour(firstOf(v["fillcolor"], v["color"]))
		if colour != "" {
			delete(v, "fillcolor")
			delete(v, "color")
		}
		a, err := d.b.actor(id, v.take("label"), kind)
		if err != nil {
			return &Error{Format: DOT, Where: where, Err: err}
		}
		d.b.colour(model.ClassActor, a.Kind, colour)
		a.Short, a.Notes = v.take("short"), v.take("notes")
		if a.Life, a.Later, err = v.lives(); err != nil {
			return &Error{Format: DOT, Where: where, Err: err}
		}
		if pos := v.take("pos"); pos != "" {
			x, y, ok := dotPos(pos)
			if !ok {
				return &Error{Format: DOT, Where: where, Err: fault("pos %q is not x,y", pos)}
			}
			d.b.pin(id, x, -y) // Graphviz's y points up
		}
		for _, k := range []string{"shape", "style", "fontname", "fontsize", "width", "height", "fixedsize", "labelloc"} {
			if _, ok := v[k]; ok {
				delete(v, k)
				d.rep.Note("node drawing attributes (shape, style, fonts, sizes) were not kept: relmap draws actors by kind")
			}
		}
		v.noteSources(d.rep)
		a.Attrs = v.rest()
	}
	d.b.parents()
	return nil
}

// edge makes a tie of an edge.
func (d *dotReader) edge(e dotEdge) error {
	v := values{}
	for k, x := range e.attrs {
		v[k] = x
	}
	directed := e.directed
	switch v.take("dir") {
	case "none":
		directed = false
	case "forward", "both", "back":
		directed = true
	}
	colour := dotColour(v["color"])
	if colour != "" {
		delete(v, "color")
	}
	t, err := d.b.tie(e.from, e.to, v.take("kind"), directed)
	if errors.Is(err, errSelfLoop) {
		return nil
	}
	if err != nil {
		return &Error{Format: DOT, Where: e.where, Err: err}
	}
	d.b.colour(model.ClassTie, t.Kind, colour)
	t.Label, t.Notes = v.take("label"), v.take("notes")
	if t.Weight, err = parseWeight(v.take("weight")); err != nil {
		return &Error{Format: DOT, Where: e.where, Err: err}
	}
	if t.Span, err = v.span(); err != nil {
		return &Error{Format: DOT, Where: e.where, Err: err}
	}
	for _, k := range []string{"style", "penwidth", "arrowhead", "arrowtail", "fontname", "fontsize"} {
		if _, ok := v[k]; ok {
			delete(v, k)
			d.rep.Note("edge drawing attributes (style, pen width, arrowheads, fonts) were not kept: relmap draws ties by kind")
		}
	}
	v.noteSources(d.rep)
	t.Attrs = v.rest()
	return nil
}

// dotColour reads a Graphviz colour: #rrggbb (or #rrggbbaa), or a name
// dotColours knows; "" otherwise.
func dotColour(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := dotColours[s]; ok {
		return c
	}
	if len(s) == 9 && s[0] == '#' {
		s = s[:7]
	}
	if _, _, _, ok := rgb(s); ok {
		return s
	}
	return ""
}

// dotPos reads "x,y" or "x,y!".
func dotPos(s string) (x, y float64, ok bool) {
	xs, ys, found := strings.Cut(strings.TrimSuffix(strings.TrimSpace(s), "!"), ",")
	if !found {
		return 0, 0, false
	}
	x, err1 := strconv.ParseFloat(strings.TrimSpace(xs), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(ys), 64)
	return x, y, err1 == nil && err2 == nil
}

// WriteDOT writes m as a Graphviz digraph that dot and neato -n render
// with relmap's positions (pos, in points, y up), colours and labels:
// actors as filled circles with their name as label, ties as edges (dir
// none for an undirected one) with their label and kind's colour, and
// every field relmap keeps (kind, dates, notes, sources, attributes) as
// attributes Graphviz passes over.
func WriteDOT(w io.Writer, m *model.Map, opt Options) (*Report, error) {
	rep := &Report{}
	if len(m.Events) > 0 {
		rep.Note("%d events were not written: DOT has no events", len(m.Events))
	}
	cite := citer(m)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", quote(m.Name))
	b.WriteString("  node [shape=ellipse style=filled fontname=\"Go\" fontsize=10];\n")
	b.WriteString("  edge [fontname=\"Go\" fontsize=9];\n")
	attrList := func(pairs [][2]string) string {
		var parts []string
		for _, p := range pairs {
			if p[1] != "" {
				parts = append(parts, quote(p[0])+"="+quote(p[1]))
			}
		}
		return strings.Join(parts, " ")
	}
	pos := opt.positions(m)
	for _, a := range m.Actors {
		colour := kindColor(m, model.ClassActor, a.Kind)
		pairs := [][2]string{{"label", a.Name}, {"xlabel", ""}, {"kind", a.Kind}, {"fillcolor", colour}, {"color", colour},
			{"short", a.Short}, {"notes", a.Notes}, {"sources", cite(a.Sources)}}
		if lives := a.Lives(); len(lives) > 1 {
			pairs = append(pairs, [2]string{"lives", model.LivesString(lives)})
		} else {
			pairs = append(pairs, [2]string{"start", a.Life.Start.String()}, [2]string{"end", a.Life.End.String()})
		}
		for key, id := range map[string]model.ID{attrBelongsTo: a.BelongsTo, attrLocatedIn: a.LocatedIn} {
			if id != 0 {
				pairs = append(pairs, [2]string{key, strconv.FormatInt(int64(id), 10)})
			}
		}
		if p, ok := pos[a.ID]; ok {
			pairs = append(pairs, [2]string{"pos", fnum(p.X) + "," + fnum(-p.Y) + "!"})
		}
		for _, k := range sortedKeys(a.Attrs) {
			pairs = append(pairs, [2]string{k, a.Attrs[k]})
		}
		fmt.Fprintf(&b, "  %d [%s];\n", a.ID, attrList(pairs))
	}
	for _, t := range m.Ties {
		pairs := [][2]string{{"kind", t.Kind}, {"label", t.Label}, {"color", kindColor(m, model.ClassTie, t.Kind)},
			{"notes", t.Notes}, {"sources", cite(t.Sources)}, {"start", t.Span.Start.String()}, {"end", t.Span.End.String()}}
		if !t.Directed {
			pairs = append(pairs, [2]string{"dir", "none"})
		}
		if t.Weight != 0 {
			pairs = append(pairs, [2]string{"weight", fnum(t.Weight)})
		}
		for _, k := range sortedKeys(t.Attrs) {
			pairs = append(pairs, [2]string{k, t.Attrs[k]})
		}
		fmt.Fprintf(&b, "  %d -> %d [%s];\n", t.From, t.To, attrList(pairs))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return rep, err
}
