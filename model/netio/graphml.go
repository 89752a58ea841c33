package netio

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"relmap/model"
)

// The GraphML file as read, by element names whatever their namespace:
// keys, nested graphs, and yEd's graphics (shape nodes, generic nodes,
// poly-line and other edges) where present.
type graphMLFile struct {
	Keys  []graphMLKey   `xml:"key"`
	Graph []graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID      string `xml:"id,attr"`
	For     string `xml:"for,attr"`
	Name    string `xml:"attr.name,attr"`
	Type    string `xml:"attr.type,attr"`
	YFiles  string `xml:"yfiles.type,attr"`
	Default string `xml:"default"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
	Hyperedges  []struct{}    `xml:"hyperedge"`
}

type graphMLNode struct {
	ID    string         `xml:"id,attr"`
	Data  []graphMLData  `xml:"data"`
	Graph []graphMLGraph `xml:"graph"` // a group's members (yEd) or a nested graph
}

type graphMLEdge struct {
	ID       string        `xml:"id,attr"`
	Source   string        `xml:"source,attr"`
	Target   string        `xml:"target,attr"`
	Directed string        `xml:"directed,attr"`
	Data     []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key      string            `xml:"key,attr"`
	Text     string            `xml:",chardata"`
	Graphics []graphMLGraphics `xml:",any"`
}

// graphMLGraphics is one of yEd's node or edge graphics, whichever its name.
type graphMLGraphics struct {
	XMLName  xml.Name
	Geometry *graphMLGeometry `xml:"Geometry"`
	Fill     *struct {
		Color string `xml:"color,attr"`
	} `xml:"Fill"`
	NodeLabels []graphMLText `xml:"NodeLabel"`
	LineStyle  *struct {
		Color string `xml:"color,attr"`
	} `xml:"LineStyle"`
	Arrows *struct {
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
	} `xml:"Arrows"`
	EdgeLabels []graphMLText     `xml:"EdgeLabel"`
	Inner      []graphMLGraphics `xml:",any"` // a group node's realizers
}

type graphMLGeometry struct {
	X      string `xml:"x,attr"`
	Y      string `xml:"y,attr"`
	Width  string `xml:"width,attr"`
	Height string `xml:"height,attr"`
}

// geometry is the graphics' box, or its first realizer's (a group).
func (g graphMLGraphics) geometry() *graphMLGeometry {
	if g.Geometry != nil {
		return g.Geometry
	}
	for _, in := range g.Inner {
		if geo := in.geometry(); geo != nil {
			return geo
		}
	}
	return nil
}

type graphMLText struct {
	Text string `xml:",chardata"`
}

// label is the graphics' first label.
func (g graphMLGraphics) label() string {
	for _, l := range append(g.NodeLabels, g.EdgeLabels...) {
		if t := strings.TrimSpace(l.Text); t != "" {
			return t
		}
	}
	for _, in := range g.Inner {
		if l := in.label(); l != "" {
			return l
		}
	}
	return ""
}

// colour is the graphics' fill or line colour, "#rrggbb".
func (g graphMLGraphics) colour() string {
	c := ""
	switch {
	case g.Fill != nil:
		c = g.Fill.Color
	case g.LineStyle != nil:
		c = g.LineStyle.Color
	default:
		for _, in := range g.Inner {
			if c = in.colour(); c != "" {
				return c
			}
		}
	}
	if len(c) >= 7 {
		c = strings.ToLower(c[:7]) // yEd writes #RRGGBB or #RRGGBBAA
	}
	if _, _, _, ok := rgb(c); ok {
		return c
	}
	return ""
}

// ReadGraphML reads GraphML, as yEd and Gephi write it, into a new map
// named name: data keyed by <key> declarations (with their defaults) as
// fields (label or name, kind, dates) and attributes; yEd's labels,
// colours (a kind each fill colour when nodes have no kind) and
// geometry; Gephi's r, g, b, x and y; nested graphs as actors belonging
// to their group; parallel edges as ties of their own.
func ReadGraphML(r io.Reader, name string) (*model.Map, *Report, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, &Error{Format: GraphML, Err: err}
	}
	if err := safeXML(data); err != nil {
		return nil, nil, &Error{Format: GraphML, Err: err}
	}
	var f graphMLFile
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = refuseCharset
	if err := dec.Decode(&f); err != nil {
		return nil, nil, xmlFault(GraphML, data, dec, err)
	}
	if len(f.Graph) == 0 {
		return nil, nil, &Error{Format: GraphML, Err: fault("no <graph>")}
	}
	rep := &Report{}
	keys := map[string]graphMLKey{}
	for _, k := range f.Keys {
		keys[k.ID] = k
	}
	b := newBuilder(name, rep)
	type pendingEdge struct {
		e        graphMLEdge
		directed bool
	}
	var edges []pendingEdge
	var walk func(g graphMLGraph, parent string) error
	walk = func(g graphMLGraph, parent string) error {
		if len(g.Hyperedges) > 0 {
			rep.Note("hyperedges were not read: relmap ties join two actors")
		}
		for _, n := range g.Nodes {
			where := place("node %q", n.ID)
			v, gfx := graphMLValues(keys, "node", n.Data)
			label := firstOf(v.take("label"), v.take("name"), gfx.label())
			kind := v.take("kind")
			fill := gfx.colour()
			if fill == "" {
				fill = gephiColour(v)
			}
			if kind == "" && fill != "" {
				kind = "colour " + strings.TrimPrefix(fill, "#")
				rep.Note("nodes without a kind were given one by their colour")
			}
			a, err := b.actor(n.ID, label, kind)
			if err != nil {
				return &Error{Format: GraphML, Where: where, Err: err}
			}
			b.colour(model.ClassActor, a.Kind, fill)
			a.Short, a.Notes = v.take("short"), v.take("notes")
			if a.Life, a.Later, err = v.lives(); err != nil {
				return &Error{Format: GraphML, Where: where, Err: err}
			}
			x, y := v.take("x"), v.take("y")
			if geo := gfx.geometry(); geo != nil {
				x, y = centre(geo.X, geo.Width), centre(geo.Y, geo.Height)
			}
			if fx, errX := strconv.ParseFloat(x, 64); errX == nil {
				if fy, errY := strconv.ParseFloat(y, 64); errY == nil {
					b.pin(n.ID, fx, fy)
				}
			}
			v.noteSources(rep)
			a.Attrs = v.rest()
			if parent != "" {
				a.Attrs = withAttr(a.Attrs, "parent", parent)
			}
			for _, inner := range n.Graph {
				if err := walk(inner, n.ID); err != nil {
					return err
				}
			}
		}
		for _, e := range g.Edges {
			directed := g.EdgeDefault != "undirected"
			switch e.Directed {
			case "true":
				directed = true
			case "false":
				directed = false
			}
			edges = append(edges, pendingEdge{e, directed})
		}
		return nil
	}
	for _, g := range f.Graph {
		if err := walk(g, ""); err != nil {
			return nil, nil, err
		}
	}
	b.parents()
	for i, pe := range edges {
		e := pe.e
		where := place("edge %q", e.ID)
		if e.ID == "" {
			where = place("edge %d", i+1)
		}
		v, gfx := graphMLValues(keys, "edge", e.Data)
		kind := firstOf(v.take("kind"), v.take("interaction"))
		colour := gfx.colour()
		if colour == "" {
			colour = gephiColour(v)
		}
		if kind == "" && colour != "" && colour != "#000000" {
			kind = "colour " + strings.TrimPrefix(colour, "#")
			rep.Note("edges without a kind were given one by their colour")
		}
		directed := pe.directed
		if gfx.Arrows != nil {
			directed = gfx.Arrows.Target != "" && gfx.Arrows.Target != "none"
		}
		t, err := b.tie(e.Source, e.Target, kind, directed)
		if errors.Is(err, errSelfLoop) {
			continue
		}
		if err != nil {
			return nil, nil, &Error{Format: GraphML, Where: where, Err: err}
		}
		b.colour(model.ClassTie, t.Kind, colour)
		t.Label, t.Notes = firstOf(v.take("label"), gfx.label()), v.take("notes")
		if t.Weight, err = parseWeight(v.take("weight")); err != nil {
			return nil, nil, &Error{Format: GraphML, Where: where, Err: err}
		}
		if t.Span, err = v.span(); err != nil {
			return nil, nil, &Error{Format: GraphML, Where: where, Err: err}
		}
		v.noteSources(rep)
		t.Attrs = v.rest()
	}
	m, err := b.finish()
	if err != nil {
		return nil, nil, &Error{Format: GraphML, Err: err}
	}
	return m, rep, nil
}

// graphMLValues are an element's data by their keys' names (their ids when
// unnamed), with the defaults of the keys for its class it lacks; and its
// yEd graphics, when it has them.
func graphMLValues(keys map[string]graphMLKey, class string, data []graphMLData) (values, graphMLGraphics) {
	v := values{}
	var gfx graphMLGraphics
	for _, d := range data {
		k := keys[d.Key]
		if k.YFiles != "" || len(d.Graphics) > 0 {
			if len(d.Graphics) > 0 {
				gfx = d.Graphics[0]
			}
			continue
		}
		name := k.Name
		if name == "" {
			name = d.Key
		}
		v[name] = strings.TrimSpace(d.Text)
	}
	for id, k := range keys {
		if (k.For == class || k.For == "all") && k.Default != "" && k.YFiles == "" {
			name := k.Name
			if name == "" {
				name = id
			}
			if _, ok := v[name]; !ok {
				v[name] = strings.TrimSpace(k.Default)
			}
		}
	}
	return v, gfx
}

// gephiColour takes Gephi's r, g and b data, "#rrggbb".
func gephiColour(v values) string {
	r, g, b := v["r"], v["g"], v["b"]
	if r == "" || g == "" || b == "" {
		return ""
	}
	ri, e1 := strconv.Atoi(r)
	gi, e2 := strconv.Atoi(g)
	bi, e3 := strconv.Atoi(b)
	if e1 != nil || e2 != nil || e3 != nil {
		return ""
	}
	delete(v, "r")
	delete(v, "g")
	delete(v, "b")
	return hexOf(ri, gi, bi)
}

// centre is the middle of a box's side from its corner and size.
func centre(at, size string) string {
	a, err1 := strconv.ParseFloat(at, 64)
	s, err2 := strconv.ParseFloat(size, 64)
	if err1 != nil || err2 != nil {
		return at
	}
	return fnum(a + s/2)
}

// WriteGraphML writes m as GraphML that yEd opens with labels, colours
// and positions (its ShapeNode and PolyLineEdge graphics) and Gephi with
// attributes (label, kind, dates, weight and every attribute, each a
// declared <key>): actors as nodes, ties as edges (parallel ones too),
// with their direction (each edge's, and the graph's as directed when
// every tie is).
func WriteGraphML(w io.Writer, m *model.Map, opt Options) (*Report, error) {
	rep := &Report{}
	if len(m.Events) > 0 {
		rep.Note("%d events were not written: GraphML has no events", len(m.Events))
	}
	nodeKeys := []string{"label", "kind", "short", "notes", "sources", "start", "end", "lives", attrBelongsTo, attrLocatedIn}
	edgeKeys := []string{"label", "kind", "weight", "notes", "sources", "start", "end"}
	seen := map[string]bool{}
	for _, k := range nodeKeys {
		seen["n"+k] = true
	}
	for _, k := range edgeKeys {
		seen["e"+k] = true
	}
	for _, a := range m.Actors {
		for _, k := range sortedKeys(a.Attrs) {
			if !seen["n"+k] {
				seen["n"+k] = true
				nodeKeys = append(nodeKeys, k)
			}
		}
	}
	for _, t := range m.Ties {
		for _, k := range sortedKeys(t.Attrs) {
			if !seen["e"+k] {
				seen["e"+k] = true
				edgeKeys = append(edgeKeys, k)
			}
		}
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` + "\n")
	nodeID, edgeID := map[string]string{}, map[string]string{}
	for i, k := range nodeKeys {
		typ := "string"
		nodeID[k] = fmt.Sprintf("n%d", i)
		fmt.Fprintf(&b, `  <key id="%s" for="node" attr.name="%s" attr.type="%s"/>`+"\n", nodeID[k], attrEsc(k), typ)
	}
	for i, k := range edgeKeys {
		typ := "string"
		if k == "weight" {
			typ = "double"
		}
		edgeID[k] = fmt.Sprintf("e%d", i)
		fmt.Fprintf(&b, `  <key id="%s" for="edge" attr.name="%s" attr.type="%s"/>`+"\n", edgeID[k], attrEsc(k), typ)
	}
	b.WriteString(`  <key id="ng" for="node" yfiles.type="nodegraphics"/>` + "\n")
	b.WriteString(`  <key id="eg" for="edge" yfiles.type="edgegraphics"/>` + "\n")
	edgeDefault := "undirected"
	if allDirected(m) {
		edgeDefault = "directed"
	}
	fmt.Fprintf(&b, `  <graph id="G" edgedefault="%s">`+"\n", edgeDefault)
	cite := citer(m)
	data := func(indent string, ids map[string]string, keys []string, vals map[string]string) {
		for _, k := range keys {
			if v := vals[k]; v != "" {
				fmt.Fprintf(&b, `%s<data key="%s">`, indent, ids[k])
				xml.EscapeText(&b, []byte(v))
				b.WriteString("</data>\n")
			}
		}
	}
	pos := opt.positions(m)
	for _, a := range m.Actors {
		fmt.Fprintf(&b, `    <node id="n%d">`+"\n", a.ID)
		vals := map[string]string{"label": a.Name, "kind": a.Kind, "short": a.Short, "notes": a.Notes, "sources": cite(a.Sources)}
		for key, id := range map[string]model.ID{attrBelongsTo: a.BelongsTo, attrLocatedIn: a.LocatedIn} {
			if id != 0 {
				vals[key] = fmt.Sprintf("n%d", id)
			}
		}
		if lives := a.Lives(); len(lives) > 1 {
			vals["lives"] = model.LivesString(lives)
		} else {
			vals["start"], vals["end"] = a.Life.Start.String(), a.Life.End.String()
		}
		for k, v := range a.Attrs {
			vals[k] = v
		}
		data("      ", nodeID, nodeKeys, vals)
		b.WriteString(`      <data key="ng"><y:ShapeNode>`)
		if p, ok := pos[a.ID]; ok {
			fmt.Fprintf(&b, `<y:Geometry x="%s" y="%s" width="30" height="30"/>`, fnum(p.X-15), fnum(p.Y-15))
		}
		fmt.Fprintf(&b, `<y:Fill color="%s" transparent="false"/>`, strings.ToUpper(kindColor(m, model.ClassActor, a.Kind)))
		b.WriteString(`<y:NodeLabel modelName="sides" modelPosition="s">`)
		xml.EscapeText(&b, []byte(a.Label()))
		fmt.Fprintf(&b, `</y:NodeLabel><y:Shape type="%s"/></y:ShapeNode></data>`+"\n", yEdShape(m.Kind(model.ClassActor, a.Kind).Shape))
		b.WriteString("    </node>\n")
	}
	for _, t := range m.Ties {
		fmt.Fprintf(&b, `    <edge id="e%d" source="n%d" target="n%d" directed="%v">`+"\n", t.ID, t.From, t.To, t.Directed)
		vals := map[string]string{"label": t.Label, "kind": t.Kind, "notes": t.Notes, "sources": cite(t.Sources),
			"start": t.Span.Start.String(), "end": t.Span.End.String()}
		if t.Weight != 0 {
			vals["weight"] = fnum(t.Weight)
		}
		for k, v := range t.Attrs {
			vals[k] = v
		}
		data("      ", edgeID, edgeKeys, vals)
		arrow := "none"
		if t.Directed {
			arrow = "standard"
		}
		fmt.Fprintf(&b, `      <data key="eg"><y:PolyLineEdge><y:LineStyle color="%s" type="line" width="1.0"/><y:Arrows source="none" target="%s"/>`,
			strings.ToUpper(kindColor(m, model.ClassTie, t.Kind)), arrow)
		if t.Label != "" {
			b.WriteString("<y:EdgeLabel>")
			xml.EscapeText(&b, []byte(t.Label))
			b.WriteString("</y:EdgeLabel>")
		}
		b.WriteString("</y:PolyLineEdge></data>\n    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, err := io.WriteString(w, b.String())
	return rep, err
}

// yEdShape is the shape yEd draws for an actor of a kind's shape: its own
// of that name, or, for a person, which yEd has none of, an ellipse.
func yEdShape(shape string) string {
	switch shape {
	case model.ShapeSquare:
		return "rectangle"
	case model.ShapeDiamond, model.ShapeHexagon:
		return shape
	}
	return "ellipse"
}
