package netio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/graph/formats/cytoscapejs"

	"relmap/model"
)

// The data fields relmap writes in Cytoscape.js JSON, read back; every
// other field is an attribute.
var cyjsFields = map[string]bool{
	"id": true, "source": true, "target": true, "parent": true, "name": true, "label": true,
	"kind": true, "interaction": true, "directed": true, "weight": true, "short": true,
	"notes": true, "start": true, "end": true, "lives": true, "sources": true, "SUID": true, "shared_name": true,
	"shared_interaction": true, "selected": true,
}

// ReadCYJS reads Cytoscape.js JSON (elements as an array, or as nodes and
// edges, as Cytoscape writes .cyjs) into a new map named name: each
// node's data (name, kind, dates, attributes), position (as a pin) and
// parent; each edge's source, target, interaction or kind, direction
// (its own "directed", else the file's, as NetworkX writes it), label,
// weight, dates and attributes.
func ReadCYJS(r io.Reader, name string) (*model.Map, *Report, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, &Error{Format: CYJS, Err: err}
	}
	var probe struct {
		Elements json.RawMessage `json:"elements"`
		Style    []any           `json:"style"`
		Directed any             `json:"directed"` // NetworkX's cytoscape_data says so of the whole graph
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, nil, jsonError(data, err)
	}
	data = edgeIDs(data)
	var nodes []cytoscapejs.Node
	var edges []cytoscapejs.Edge
	switch trimmed := bytes.TrimSpace(probe.Elements); {
	case len(trimmed) == 0:
		return nil, nil, &Error{Format: CYJS, Err: fault("no \"elements\": not Cytoscape.js JSON")}
	case trimmed[0] == '[':
		var g cytoscapejs.GraphElem
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, nil, jsonError(data, err)
		}
		for i, e := range g.Elements {
			switch {
			case e.Data.Source == "" && e.Data.Target == "":
				nodes = append(nodes, cytoscapejs.Node{Data: cytoscapejs.NodeData{ID: e.Data.ID, Parent: e.Data.Parent, Attributes: e.Data.Attributes}, Position: e.Position})
			case e.Data.Source != "" && e.Data.Target != "":
				edges = append(edges, cytoscapejs.Edge{Data: cytoscapejs.EdgeData{ID: e.Data.ID, Source: e.Data.Source, Target: e.Data.Target, Attributes: e.Data.Attributes}})
			default:
				return nil, nil, &Error{Format: CYJS, Where: place("element %d", i+1), Err: fault("an edge needs both a source and a target")}
			}
		}
	default:
		var g cytoscapejs.GraphNodeEdge
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, nil, jsonError(data, err)
		}
		nodes, edges = g.Elements.Nodes, g.Elements.Edges
	}
	rep := &Report{}
	b := newBuilder(name, rep)
	for _, n := range nodes {
		where := place("node %q", n.Data.ID)
		d := cyjsData(n.Data.Attributes)
		a, err := b.actor(n.Data.ID, firstOf(d.take("name"), d.take("label")), d.take("kind"))
		if err != nil {
			return nil, nil, &Error{Format: CYJS, Where: where, Err: err}
		}
		a.Short, a.Notes = d.take("short"), d.take("notes")
		if a.Life, a.Later, err = d.lives(); err != nil {
			return nil, nil, &Error{Format: CYJS, Where: where, Err: err}
		}
		d.noteSources(rep)
		a.Attrs = d.rest()
		if n.Data.Parent != "" {
			a.Attrs = withAttr(a.Attrs, "parent", n.Data.Parent)
		}
		if n.Position != nil {
			b.pin(n.Data.ID, n.Position.X, n.Position.Y)
		}
	}
	b.parents()
	for i, e := range edges {
		where := place("edge %q", e.Data.ID)
		if e.Data.ID == "" {
			where = place("edge %d", i+1)
		}
		d := cyjsData(e.Data.Attributes)
		directed := probe.Directed == true
		switch d.take("directed") {
		case "true":
			directed = true
		case "false":
			directed = false
		}
		t, err := b.tie(e.Data.Source, e.Data.Target, firstOf(d.take("kind"), d.take("interaction")), directed)
		if errors.Is(err, errSelfLoop) {
			continue
		}
		if err != nil {
			return nil, nil, &Error{Format: CYJS, Where: where, Err: err}
		}
		t.Label, t.Notes = firstOf(d.take("label"), d.take("name")), d.take("notes")
		if t.Weight, err = parseWeight(d.take("weight")); err != nil {
			return nil, nil, &Error{Format: CYJS, Where: where, Err: err}
		}
		if t.Span, err = d.span(); err != nil {
			return nil, nil, &Error{Format: CYJS, Where: where, Err: err}
		}
		d.noteSources(rep)
		t.Attrs = d.rest()
	}
	for k, colour := range cyjsKindColours(probe.Style) {
		b.colour(k.class, k.name, colour)
	}
	m, err := b.finish()
	if err != nil {
		return nil, nil, &Error{Format: CYJS, Err: err}
	}
	return m, rep, nil
}

// edgeIDs gives the edges without an id (which Cytoscape.js allows, and
// gonum's decoder refuses) one of their own; data as it was when it is
// not such JSON.
func edgeIDs(data []byte) []byte {
	var doc map[string]any
	if json.Unmarshal(data, &doc) != nil {
		return data
	}
	var elements []any
	switch el := doc["elements"].(type) {
	case []any:
		elements = el
	case map[string]any:
		elements, _ = el["edges"].([]any)
	}
	n, changed := 0, false
	for _, e := range elements {
		obj, _ := e.(map[string]any)
		d, _ := obj["data"].(map[string]any)
		if d == nil || d["source"] == nil || d["id"] != nil {
			continue
		}
		n++
		d["id"] = fmt.Sprintf("edge %d", n)
		changed = true
	}
	if !changed {
		return data
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return data
	}
	return out
}

// jsonError is a JSON syntax or type error with its line.
func jsonError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return &Error{Format: CYJS, Line: lineOf(data, syntax.Offset), Err: fault("not JSON: %v", err)}
	case errors.As(err, &typ):
		return &Error{Format: CYJS, Line: lineOf(data, typ.Offset), Err: err}
	}
	return &Error{Format: CYJS, Err: err}
}

// firstOf is the first of its arguments that is not empty.
func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// cyjsData are an element's data fields as strings.
func cyjsData(attrs map[string]any) values {
	v := values{}
	for k, x := range attrs {
		switch x := x.(type) {
		case nil:
		case string:
			v[k] = x
		case float64:
			v[k] = strconv.FormatFloat(x, 'g', -1, 64)
		case bool:
			v[k] = strconv.FormatBool(x)
		default:
			b, _ := json.Marshal(x)
			v[k] = string(b)
		}
	}
	for k := range v {
		if k == "SUID" || k == "shared_name" || k == "shared_interaction" || k == "selected" {
			delete(v, k) // Cytoscape's bookkeeping
		}
	}
	return v
}

// span reads the start and end fields.
func (v values) span() (model.Span, error) {
	var s model.Span
	var err error
	if s.Start, err = model.ParseDate(v.take("start")); err != nil {
		return s, fault("start: %v", err)
	}
	if s.End, err = model.ParseDate(v.take("end")); err != nil {
		return s, fault("end: %v", err)
	}
	if err := s.Check(); err != nil {
		return s, err
	}
	return s, nil
}

// The attributes that name, by the file's node id, the actor an actor
// belongs to (a parent, or relmap's "belongs to") or is located in.
const (
	attrParent    = "parent"
	attrBelongsTo = "belongs to"
	attrLocatedIn = "located in"
)

// parents makes the actors whose attribute "parent" or "belongs to" names
// a node of the file belong to its actor, and those whose "located in"
// does located in it.
func (b *builder) parents() {
	for i := range b.m.Actors {
		a := &b.m.Actors[i]
		for _, ref := range []struct {
			attr string
			to   *model.ID
		}{{attrParent, &a.BelongsTo}, {attrBelongsTo, &a.BelongsTo}, {attrLocatedIn, &a.LocatedIn}} {
			key, ok := a.Attrs[ref.attr]
			if !ok {
				continue
			}
			if id, ok := b.byKey[key]; ok && id != a.ID {
				*ref.to = id
				delete(a.Attrs, ref.attr)
			}
		}
		if len(a.Attrs) == 0 {
			a.Attrs = nil
		}
	}
}

// WriteCYJS writes m as Cytoscape.js JSON (nodes and edges, as Cytoscape
// writes .cyjs): each actor's name, kind, dates, short name, notes,
// sources and attributes as its data, its position, and its parent (the
// actor it belongs to); each tie's source, target, kind (also as
// Cytoscape's interaction), direction, label, weight, dates and
// attributes; and a style that colours each kind.
func WriteCYJS(w io.Writer, m *model.Map, opt Options) (*Report, error) {
	rep := &Report{}
	if len(m.Events) > 0 {
		rep.Note("%d events were not written: Cytoscape.js JSON has no events", len(m.Events))
	}
	cite := citer(m)
	put := func(data map[string]any, key, value string) {
		if value != "" {
			data[key] = value
		}
	}
	pos := opt.positions(m)
	var g cytoscapejs.GraphNodeEdge
	for _, a := range m.Actors {
		data := freeAttrs(a.Attrs)
		put(data, "name", a.Name)
		put(data, "kind", a.Kind)
		put(data, "short", a.Short)
		put(data, "notes", a.Notes)
		put(data, "sources", cite(a.Sources))
		if a.LocatedIn != 0 {
			put(data, attrLocatedIn, strconv.FormatInt(int64(a.LocatedIn), 10))
		}
		if lives := a.Lives(); len(lives) > 1 {
			put(data, "lives", model.LivesString(lives))
		} else {
			put(data, "start", a.Life.Start.String())
			put(data, "end", a.Life.End.String())
		}
		n := cytoscapejs.Node{Data: cytoscapejs.NodeData{ID: strconv.FormatInt(int64(a.ID), 10), Attributes: data}}
		if a.BelongsTo != 0 {
			n.Data.Parent = strconv.FormatInt(int64(a.BelongsTo), 10)
		}
		if p, ok := pos[a.ID]; ok {
			n.Position = &cytoscapejs.Position{X: p.X, Y: p.Y}
		}
		g.Elements.Nodes = append(g.Elements.Nodes, n)
	}
	for _, t := range m.Ties {
		data := freeAttrs(t.Attrs)
		put(data, "kind", t.Kind)
		put(data, "interaction", t.Kind)
		put(data, "label", t.Label)
		put(data, "notes", t.Notes)
		put(data, "sources", cite(t.Sources))
		put(data, "start", t.Span.Start.String())
		put(data, "end", t.Span.End.String())
		data["directed"] = t.Directed
		if t.Weight != 0 {
			data["weight"] = t.Weight
		}
		g.Elements.Edges = append(g.Elements.Edges, cytoscapejs.Edge{Data: cytoscapejs.EdgeData{
			ID: "e" + strconv.FormatInt(int64(t.ID), 10), Source: strconv.FormatInt(int64(t.From), 10), Target: strconv.FormatInt(int64(t.To), 10), Attributes: data}})
	}
	// A style that colours each kind, as Cytoscape.js reads it.
	type rule struct {
		Selector string         `json:"selector"`
		Style    map[string]any `json:"style"`
	}
	var style []any
	seen := map[string]bool{}
	for _, a := range m.Actors {
		if !seen["n"+a.Kind] {
			seen["n"+a.Kind] = true
			style = append(style, rule{fmt.Sprintf("node[kind = %q]", a.Kind), map[string]any{"background-color": kindColor(m, model.ClassActor, a.Kind), "label": "data(name)"}})
		}
	}
	for _, t := range m.Ties {
		if !seen["e"+t.Kind] {
			seen["e"+t.Kind] = true
			style = append(style, rule{fmt.Sprintf("edge[kind = %q]", t.Kind), map[string]any{"line-color": kindColor(m, model.ClassTie, t.Kind), "target-arrow-color": kindColor(m, model.ClassTie, t.Kind)}})
		}
	}
	doc := struct {
		Data     map[string]any       `json:"data"`
		Elements cytoscapejs.Elements `json:"elements"`
		Style    []any                `json:"style,omitempty"`
	}{Data: map[string]any{"name": m.Name}, Elements: g.Elements, Style: style}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return rep, enc.Encode(doc)
}

// cyjsKindColours reads the colours a Cytoscape.js style gives kinds
// (node[kind = "x"] and edge[kind = "x"] rules), as WriteCYJS writes them.
func cyjsKindColours(style []any) map[kindKey]string {
	out := map[kindKey]string{}
	for _, r := range style {
		rule, ok := r.(map[string]any)
		if !ok {
			continue
		}
		sel, _ := rule["selector"].(string)
		props, _ := rule["style"].(map[string]any)
		for _, c := range []struct {
			prefix, prop string
			class        model.Class
		}{{"node[kind = ", "background-color", model.ClassActor}, {"edge[kind = ", "line-color", model.ClassTie}} {
			if !strings.HasPrefix(sel, c.prefix) || !strings.HasSuffix(sel, "]") {
				continue
			}
			kind, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(sel, c.prefix), "]"))
			colour, _ := props[c.prop].(string)
			if _, _, _, ok := rgb(colour); err == nil && ok {
				out[kindKey{c.class, kind}] = colour
			}
		}
	}
	return out
}

// freeAttrs is an element's data holding its free attributes, those named
// like a field of relmap's renamed "attr NAME".
func freeAttrs(attrs map[string]string) map[string]any {
	data := map[string]any{}
	for k, v := range attrs {
		if cyjsFields[k] {
			k = "attr " + k
		}
		data[k] = v
	}
	return data
}
