package netio_test

import (
	"bytes"
	"strings"
	"testing"

	"relmap/model/netio"
)

// fuzzRead is the property every reader is fuzzed for: it never panics;
// what it accepts is a valid map, which writing in the same format and
// reading again keeps (as many actors; every tie, or more when a tie's
// two ends had spells of their own).
func fuzzRead(t *testing.T, f netio.Format, data []byte) {
	m, _, err := netio.Read(f, bytes.NewReader(data), "fuzz")
	if err != nil {
		return
	}
	if err := m.Validate(); err != nil {
		t.Fatalf("accepted an invalid map: %v", err)
	}
	var buf bytes.Buffer
	if _, err := netio.Write(f, &buf, m, netio.Options{}); err != nil {
		t.Fatalf("cannot write what was read: %v", err)
	}
	back, _, err := netio.Read(f, &buf, "again")
	if err != nil {
		t.Fatalf("cannot read what was written: %v\n%s", err, buf.String())
	}
	if len(back.Actors) != len(m.Actors) || len(back.Ties) != len(m.Ties) {
		t.Fatalf("read %d actors and %d ties, wrote them, read %d and %d", len(m.Actors), len(m.Ties), len(back.Actors), len(back.Ties))
	}
}

// hostile are inputs every reader must refuse cleanly.
var hostile = []string{
	`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><gexf><graph><nodes><node id="&lol2;"/></nodes></graph></gexf>`,
	`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><graphml><graph><node id="&xxe;"/></graph></graphml>`,
	strings.Repeat("digraph { subgraph { ", 200) + strings.Repeat("} ", 400),
	`{"elements": {"nodes": [{"data": {"id": "a"}}], "edges": [{"data": {"id": "e", "source": "a", "target": "a"}}]}}`,
	"",
}

func FuzzReadGEXF(f *testing.F) {
	for _, s := range append(hostile,
		`<gexf version="1.3"><graph mode="dynamic" timeformat="date"><nodes><node id="a" label="A" start="2024-04-05"><spells><spell start="2001" end="2002-03"/></spells></node><node id="b"/></nodes><edges><edge source="a" target="b" endopen="2024-05-01" weight="2"/></edges></graph></gexf>`,
		`<gexf><graph><attributes class="node"><attribute id="0" title="kind"><default>bloc</default></attribute></attributes><nodes><node id="1"><attvalues><attvalue for="0" value="x" start="3" end="4"/></attvalues><nodes><node id="2" pid="1"/></nodes></node></nodes></graph></gexf>`,
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, netio.GEXF, data) })
}

func FuzzReadGraphML(f *testing.F) {
	for _, s := range append(hostile,
		`<graphml><key id="d0" for="node" attr.name="label"/><key id="d1" for="edge" attr.name="weight" attr.type="double"><default>1</default></key><graph edgedefault="directed"><node id="a"><data key="d0">A</data></node><node id="b"><graph><node id="c"/></graph></node><edge source="a" target="c"/></graph></graphml>`,
		`<graphml xmlns:y="http://www.yworks.com/xml/graphml"><key id="g" for="node" yfiles.type="nodegraphics"/><graph><node id="n"><data key="g"><y:ShapeNode><y:Geometry x="1" y="2" width="3" height="4"/><y:Fill color="#FF0000"/><y:NodeLabel>N</y:NodeLabel></y:ShapeNode></data></node><node id="m"/><edge source="n" target="m" directed="true"/></graph></graphml>`,
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, netio.GraphML, data) })
}

func FuzzReadDOT(f *testing.F) {
	for _, s := range append(hostile,
		`digraph G { node [color=red]; a [label="Alpha" pos="1,2!"]; a -> b -> c [label="x" weight=2]; subgraph cluster_x { label="bloc"; d; e } a -> {d e} [dir=none] }`,
		`graph { "a \"q\"" -- b [start="2020" end="2021-02"] }`,
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, netio.DOT, data) })
}

func FuzzReadCYJS(f *testing.F) {
	for _, s := range append(hostile,
		`{"elements": [{"data": {"id": "a", "name": "A", "kind": "country"}, "position": {"x": 1, "y": 2}}, {"data": {"id": "b", "parent": "a"}}, {"data": {"id": "e", "source": "a", "target": "b", "directed": true, "weight": 3, "start": "2020-01"}}]}`,
		`{"elements": {"nodes": [{"data": {"id": "1", "lives": "1918 – 1940; 1991 – …"}}, {"data": {"id": "2"}}], "edges": [{"data": {"id": "e", "source": "1", "target": "2", "interaction": "pp"}}]}, "style": [{"selector": "node[kind = \"actor\"]", "style": {"background-color": "#123456"}}]}`,
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, netio.CYJS, data) })
}

func FuzzReadGML(f *testing.F) {
	for _, s := range append(hostile,
		strings.Repeat("graph [ x [ ", 100)+strings.Repeat("] ", 200),
		`Creator "x" graph [ directed 1 node [ id 1 label "A &amp; B" graphics [ x 1.5 y -2 fill "#ff0000" ] ] node [ id 2 ] edge [ source 1 target 2 value 3 label "l" start "2020" ] ]`,
		"# comment\ngraph\n[\n  node [ id 1 attribute [ key \"belongs to\" value \"2\" ] ]\n  node [ id 2 lives \"1918 – 1940; 1991 – …\" ]\n  edge [ source 2 target 1 directed 0 ]\n]\n",
	) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, netio.GML, data) })
}
