package netio

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"relmap/model"
)

// Options are what a map is written with beyond the map itself.
type Options struct {
	// Positions, when not nil, are the actors' positions to write (the
	// layout of a chosen date); else the map's pins are written.
	Positions map[model.ID]model.Point
	// GEXFVersion is "1.3" (the default) or "1.2" (1.2draft, which
	// gonum and older Gephi read).
	GEXFVersion string
}

// positions are the positions to write: opt's, else the map's pins.
func (o Options) positions(m *model.Map) map[model.ID]model.Point {
	if o.Positions != nil {
		return o.Positions
	}
	return m.Pins
}

// The namespaces of the GEXF versions written.
var gexfNamespaces = map[string][2]string{
	"1.3": {"http://gexf.net/1.3", "http://gexf.net/1.3/viz"},
	"1.2": {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz"},
}

// WriteGEXF writes m as GEXF (opt.GEXFVersion): actors as nodes, with
// their lives as start and end or spells and their kind, short name,
// notes, sources and attributes as attribute values; ties as edges, with
// their direction (the graph declared directed when every tie is), their
// kind as kind and attribute, their dates, label, weight and attributes;
// kinds' colours as viz:color; positions as viz:position. Dates are
// written as GEXF days; a date known only to the month or year is written
// as its first (or last) day and, exact, as the attribute "start date"
// and "end date" (an actor's "lives"), which ReadGEXF reads back. What
// GEXF cannot hold (events, a map's sources as records) is noted in the
// report.
func WriteGEXF(w io.Writer, m *model.Map, opt Options) (*Report, error) {
	version := opt.GEXFVersion
	if version == "" {
		version = "1.3"
	}
	ns, ok := gexfNamespaces[version]
	if !ok {
		return nil, fault("gexf version %q: want 1.3 or 1.2", version)
	}
	rep := &Report{}
	if len(m.Events) > 0 {
		rep.Note("%d events were not written: GEXF has no events", len(m.Events))
	}
	// Attribute declarations: relmap's fields, then each free attribute.
	nodeDefs := []string{titleKind, titleShort, titleNotes, titleSources, titleLives, attrLocatedIn}
	edgeDefs := []string{titleKind, titleLabel, titleNotes, titleSources, titleStart, titleEnd}
	nodeIdx, edgeIdx := map[string]int{}, map[string]int{}
	add := func(defs *[]string, idx map[string]int, title string) {
		if _, ok := idx[title]; !ok {
			idx[title] = len(*defs)
			*defs = append(*defs, title)
		}
	}
	for _, t := range nodeDefs {
		nodeIdx[t] = len(nodeIdx)
	}
	for _, t := range edgeDefs {
		edgeIdx[t] = len(edgeIdx)
	}
	for _, a := range m.Actors {
		for _, k := range sortedKeys(a.Attrs) {
			add(&nodeDefs, nodeIdx, k)
		}
	}
	for _, t := range m.Ties {
		for _, k := range sortedKeys(t.Attrs) {
			add(&edgeDefs, edgeIdx, k)
		}
	}
	dynamic := false
	for _, a := range m.Actors {
		dynamic = dynamic || !a.Life.IsZero() || len(a.Later) > 0
	}
	for _, t := range m.Ties {
		dynamic = dynamic || !t.Span.IsZero()
	}
	mode := "static"
	if dynamic {
		mode = "dynamic"
	}
	edgeType := "undirected"
	if allDirected(m) {
		edgeType = "directed"
	}

	var b strings.Builder
	e := &xmlOut{b: &b}
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<gexf xmlns="%s" xmlns:viz="%s" version="%s">`+"\n", ns[0], ns[1], version)
	b.WriteString("  <meta>\n    <creator>relmap</creator>\n")
	e.elem("    ", "description", m.Name+descSuffix(m.Description))
	b.WriteString("  </meta>\n")
	fmt.Fprintf(&b, `  <graph mode="%s" defaultedgetype="%s" timeformat="date">`+"\n", mode, edgeType)
	for _, c := range []struct {
		class string
		defs  []string
	}{{"node", nodeDefs}, {"edge", edgeDefs}} {
		fmt.Fprintf(&b, `    <attributes class="%s" mode="static">`+"\n", c.class)
		for i, t := range c.defs {
			fmt.Fprintf(&b, `      <attribute id="%s%d" title="%s" type="string"/>`+"\n", c.class[:1], i, attrEsc(t))
		}
		b.WriteString("    </attributes>\n")
	}
	cite := citer(m)
	pos := opt.positions(m)

	b.WriteString("    <nodes>\n")
	for _, a := range m.Actors {
		lives := a.Lives()
		fmt.Fprintf(&b, `      <node id="%d" label="%s"`, a.ID, attrEsc(a.Name))
		if a.BelongsTo != 0 {
			fmt.Fprintf(&b, ` pid="%d"`, a.BelongsTo)
		}
		if len(lives) == 1 {
			b.WriteString(gexfInterval(lives[0]))
		}
		b.WriteString(">\n        <attvalues>\n")
		vals := map[string]string{titleKind: a.Kind, titleShort: a.Short, titleNotes: a.Notes, titleSources: cite(a.Sources)}
		if a.LocatedIn != 0 {
			vals[attrLocatedIn] = strconv.FormatInt(int64(a.LocatedIn), 10)
		}
		for _, l := range lives {
			if s, e := inexact(l); s != "" || e != "" {
				vals[titleLives] = model.LivesString(lives) // exact, as GEXF's days are not
			}
		}
		for k, v := range a.Attrs {
			vals[k] = v
		}
		e.attValues("n", nodeIdx, nodeDefs, vals)
		b.WriteString("        </attvalues>\n")
		if len(lives) > 1 {
			b.WriteString("        <spells>\n")
			for _, l := range lives {
				fmt.Fprintf(&b, "          <spell%s/>\n", gexfInterval(l))
			}
			b.WriteString("        </spells>\n")
		}
		if r, g, bl, ok := rgb(kindColor(m, model.ClassActor, a.Kind)); ok {
			fmt.Fprintf(&b, `        <viz:color r="%d" g="%d" b="%d"/>`+"\n", r, g, bl)
		}
		if p, ok := pos[a.ID]; ok {
			fmt.Fprintf(&b, `        <viz:position x="%s" y="%s" z="0"/>`+"\n", fnum(p.X), fnum(-p.Y))
		}
		b.WriteString("      </node>\n")
	}
	b.WriteString("    </nodes>\n    <edges>\n")
	for _, t := range m.Ties {
		kind := "undirected"
		if t.Directed {
			kind = "directed"
		}
		fmt.Fprintf(&b, `      <edge id="%d" source="%d" target="%d" type="%s" kind="%s"`, t.ID, t.From, t.To, kind, attrEsc(t.Kind))
		if t.Label != "" {
			fmt.Fprintf(&b, ` label="%s"`, attrEsc(t.Label))
		}
		if t.Weight != 0 {
			fmt.Fprintf(&b, ` weight="%s"`, fnum(t.Weight))
		}
		b.WriteString(gexfInterval(t.Span))
		b.WriteString(">\n        <attvalues>\n")
		vals := map[string]string{titleKind: t.Kind, titleLabel: t.Label, titleNotes: t.Notes, titleSources: cite(t.Sources)}
		vals[titleStart], vals[titleEnd] = inexact(t.Span)
		for k, v := range t.Attrs {
			vals[k] = v
		}
		e.attValues("e", edgeIdx, edgeDefs, vals)
		b.WriteString("        </attvalues>\n")
		if r, g, bl, ok := rgb(kindColor(m, model.ClassTie, t.Kind)); ok {
			fmt.Fprintf(&b, `        <viz:color r="%d" g="%d" b="%d"/>`+"\n", r, g, bl)
		}
		b.WriteString("      </edge>\n")
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	_, err := io.WriteString(w, b.String())
	return rep, err
}

// allDirected reports whether m has ties and every one is directed: its
// graph is then declared directed, in GEXF and GraphML, as NetworkX and
// igraph read the graph's declaration alone and refuse a directed edge in
// an undirected graph. A map of undirected ties, or of both kinds, is
// declared undirected (the default of both formats), each edge saying its
// own direction: GEXF has no "mixed" graph in any version (1.1draft, 1.2draft
// and 1.3 allow directed, undirected and mutual), and Gephi and yEd read each
// edge's direction.
func allDirected(m *model.Map) bool {
	return len(m.Ties) > 0 && !slices.ContainsFunc(m.Ties, func(t model.Tie) bool { return !t.Directed })
}

// descSuffix is the map's description after its name, when it has one.
func descSuffix(d string) string {
	if d == "" {
		return ""
	}
	return ": " + d
}

// gexfInterval writes a span as GEXF's start and end attributes: closed
// days (a map's end is the first day no longer in it, GEXF's the last day
// in it).
func gexfInterval(s model.Span) string {
	var b strings.Builder
	if from, ok := s.From(); ok {
		fmt.Fprintf(&b, ` start="%s"`, from)
	}
	if until, ok := s.Until(); ok {
		fmt.Fprintf(&b, ` end="%s"`, until-1)
	}
	return b.String()
}

// inexact are a span's start and end as written when known only to the
// month or year ("2023-12"), else empty: GEXF's days would lose that.
func inexact(s model.Span) (start, end string) {
	if !s.Start.IsZero() && s.Start.Precision != model.PrecisionDay {
		start = s.Start.String()
	}
	if !s.End.IsZero() && s.End.Precision != model.PrecisionDay {
		end = s.End.String()
	}
	if start != "" || end != "" {
		// Both, so that a reader takes the pair.
		if start == "" {
			start = s.Start.String()
		}
		if end == "" {
			end = s.End.String()
		}
	}
	return start, end
}

// xmlOut writes XML pieces.
type xmlOut struct{ b *strings.Builder }

func (x *xmlOut) elem(indent, name, text string) {
	fmt.Fprintf(x.b, "%s<%s>", indent, name)
	xml.EscapeText(x.b, []byte(text))
	fmt.Fprintf(x.b, "</%s>\n", name)
}

// attValues writes the non-empty values, by their attributes' ids.
func (x *xmlOut) attValues(prefix string, idx map[string]int, defs []string, vals map[string]string) {
	for _, title := range defs {
		v := vals[title]
		if v == "" {
			continue
		}
		fmt.Fprintf(x.b, `          <attvalue for="%s%d" value="%s"/>`+"\n", prefix, idx[title], attrEsc(v))
	}
}

// attrEsc escapes s for an attribute value.
func attrEsc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

// fnum writes a number briefly and exactly.
func fnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
