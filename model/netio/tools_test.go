package netio_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/netio"
)

// readFile reads a file of format f.
func readFile(t *testing.T, f netio.Format, path string) (*model.Map, *netio.Report) {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	m, rep, err := netio.Read(f, file, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return m, rep
}

// lines are a map's actors and ties as text, by names, sorted.
func lines(m *model.Map) []string {
	name := map[model.ID]string{}
	var out []string
	for _, a := range m.Actors {
		name[a.ID] = a.Name
	}
	for _, a := range m.Actors {
		out = append(out, fmt.Sprintf("%s (%s) in %q, of %q, %v, pin %v", a.Name, a.Kind, name[a.BelongsTo], name[a.LocatedIn], a.Lives(), m.Pins[a.ID]))
	}
	for _, t := range m.Ties {
		out = append(out, fmt.Sprintf("%s -%s-> %s %q %v %s w%g %v", name[t.From], t.Kind, name[t.To], t.Label, t.Directed, t.Span, t.Weight, t.Attrs))
	}
	slices.Sort(out)
	return out
}

// TestOtherToolsFiles reads files as yEd, Gephi, Graphviz and Cytoscape
// write them, checks what comes in, and writes each back in its format
// and reads it again with nothing lost: format → relmap → format.
func TestOtherToolsFiles(t *testing.T) {
	for _, c := range []struct {
		file   string
		format netio.Format
		want   []string
	}{
		{"yed.graphml", netio.GraphML, []string{
			"Ecuador (colour ffcc00) in \"\", of \"\", [… – …], pin {340 215}",
			"Mexican Embassy (colour 339966) in \"Quito\", of \"\", [… – …], pin {100 355}",
			"Mexican Embassy -colour 2e8b57-> Mexico \"\" true … – … w0 map[]",
			"Mexican Embassy -colour 2e8b57-> Mexico \"a parallel edge\" true … – … w0 map[]",
			"Mexico (colour ffcc00) in \"\", of \"\", [… – …], pin {140 215}",
			"Mexico -colour c62828-> Ecuador \"relations broken\" false … – … w0 map[]",
			"Quito (colour f5f5f5) in \"\", of \"\", [… – …], pin {100 350}",
		}},
		{"gephi.graphml", netio.GraphML, []string{
			"Chile (colour 2f6db5) in \"\", of \"\", [… – …], pin {0 0}",
			"Ecuador (colour 2f6db5) in \"\", of \"\", [… – …], pin {80 -3}",
			"Mexico (colour 2f6db5) in \"\", of \"\", [… – …], pin {-12.5 40.25}",
			"Mexico -tie-> Chile \"\" true … – … w1 map[]",
			"Mexico -tie-> Ecuador \"\" false … – … w1 map[]",
			"Mexico -tie-> Ecuador \"\" false … – … w3 map[Edge Label:relations]",
		}},
		{"clusters.gv", netio.DOT, []string{
			"Daniel Noboa (Ecuador side) in \"\", of \"\", [… – …], pin {0 0}",
			"Daniel Noboa -holds-office-> Ecuador \"President\" true 2023-11-23 – … w0 map[]",
			"Ecuador (Ecuador side) in \"\", of \"\", [… – …], pin {0 0}",
			"Mexican Embassy, Quito (Mexico side) in \"\", of \"\", [… – …], pin {0 0}",
			"Mexican Embassy, Quito -tie-> Mexico \"\" false … – … w2 map[]",
			"Mexican Embassy, Quito -tie-> Mexico \"raid\" true … – … w0 map[]",
			"Mexico (Mexico side) in \"\", of \"\", [… – …], pin {0 0}",
			"Mexico -tie-> Ecuador \"\" true … – … w0 map[]",
			"Mexico -tie-> National Police \"\" true … – … w0 map[]",
			"National Police (Ecuador side) in \"\", of \"\", [… – …], pin {0 0}",
			"National Police -tie-> Mexican Embassy, Quito \"raid\" true … – … w0 map[]",
		}},
		{"desktop.cyjs", netio.CYJS, []string{
			"Ecuador (country) in \"\", of \"\", [… – …], pin {-80 60.25}",
			"Jorge Glas (actor) in \"\", of \"\", [… – …], pin {0 0}",
			"Mexico (country) in \"\", of \"\", [… – …], pin {120.5 -30}",
			"Mexico -asylum-> Jorge Glas \"\" true 2024-04-05 – … w0 map[]",
			"Mexico -relations-> Ecuador \"Mexico (relations) Ecuador\" false … – 2024-04-06 w0 map[]",
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			m, rep := readFile(t, c.format, filepath.Join("testdata", c.file))
			got := lines(m)
			if !slices.Equal(got, c.want) {
				t.Errorf("read:\n%s\nwant:\n%s\nreport: %q", join(got), join(c.want), rep.Lines())
			}
			var buf bytes.Buffer
			if _, err := netio.Write(c.format, &buf, m, netio.Options{}); err != nil {
				t.Fatal(err)
			}
			back, _, err := netio.Read(c.format, &buf, "again")
			if err != nil {
				t.Fatal(err)
			}
			if again := lines(back); !slices.Equal(again, got) {
				t.Errorf("written and read again:\n%s\nfirst read:\n%s", join(again), join(got))
			}
		})
	}
}

func join(lines []string) string {
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// TestEscapesAndMissingIDs: a DOT note of two lines comes back in two
// lines; Cytoscape.js edges without ids are read.
func TestEscapesAndMissingIDs(t *testing.T) {
	m := featureMap()
	m.Actors[0].Notes = "first line\nsecond \"quoted\" \\ line"
	var buf bytes.Buffer
	if _, err := netio.WriteDOT(&buf, m, netio.Options{}); err != nil {
		t.Fatal(err)
	}
	back, _, err := netio.ReadDOT(&buf, "x")
	if err != nil {
		t.Fatal(err)
	}
	if back.Actors[0].Notes != m.Actors[0].Notes {
		t.Errorf("notes came back %q, want %q", back.Actors[0].Notes, m.Actors[0].Notes)
	}
	doc := `{"elements": [{"data": {"id": "a"}}, {"data": {"id": "b"}}, {"data": {"source": "a", "target": "b"}}, {"data": {"source": "b", "target": "a"}}]}`
	cy, _, err := netio.ReadCYJS(bytes.NewReader([]byte(doc)), "cy")
	if err != nil || len(cy.Ties) != 2 {
		t.Errorf("edges without ids: %v ties, %v", cy, err)
	}
}

// TestKeepBaseKinds: an import keeps the map's own colours of its kinds.
func TestKeepBaseKinds(t *testing.T) {
	base := defaultMap(t)
	add, _, err := netio.ReadCYJS(bytes.NewReader([]byte(`{"elements": [{"data": {"id": "a", "kind": "country"}}, {"data": {"id": "b", "kind": "sect"}}],
		"style": [{"selector": "node[kind = \"country\"]", "style": {"background-color": "#ff0000"}}]}`)), "x")
	if err != nil {
		t.Fatal(err)
	}
	netio.KeepBaseKinds(base, add)
	for _, k := range add.Kinds {
		if k.Name == "country" {
			t.Errorf("the import would recolour the map's country kind %s", k.Color)
		}
	}
	if add.Kind(model.ClassActor, "sect").Color == "" {
		t.Error("the new kind lost its style")
	}
}

// TestGEXF11Draft reads what 1.1draft files write otherwise: a node's
// and an edge's slices (its spells), several parents, and a weight given
// as an attribute, once or over time. Slices and parents were dropped
// without a word.
func TestGEXF11Draft(t *testing.T) {
	const file = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.1draft" version="1.1">
  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">
    <attributes class="edge" mode="dynamic"><attribute id="0" title="weight" type="float"/></attributes>
    <nodes>
      <node id="a" label="Mexico"/>
      <node id="b" label="Ecuador"/>
      <node id="c" label="Embassy">
        <parents><parent for="a"/><parent for="b"/></parents>
        <slices><slice end="2009-03-01"/><slice start="2009-03-05" end="2009-03-10"/></slices>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b">
        <attvalues><attvalue for="0" value="1" start="2009-03-01"/><attvalue for="0" value="3" start="2011-03-01"/></attvalues>
      </edge>
      <edge id="1" source="c" target="a">
        <attvalues><attvalue for="0" value="2.5"/></attvalues>
        <slices><slice start="2009-03-02" end="2009-03-04"/></slices>
      </edge>
    </edges>
  </graph>
</gexf>`
	m, rep, err := netio.Read(netio.GEXF, bytes.NewReader([]byte(file)), "draft")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Ecuador (actor) in \"\", of \"\", [… – …], pin {0 0}",
		"Embassy (actor) in \"Mexico\", of \"\", [… – 2009-03-02 2009-03-05 – 2009-03-11], pin {0 0}",
		"Embassy -tie-> Mexico \"\" true 2009-03-02 – 2009-03-05 w2.5 map[]",
		"Mexico (actor) in \"\", of \"\", [… – …], pin {0 0}",
		"Mexico -tie-> Ecuador \"\" true … – … w0 map[weight:1 (2009-03-01 – …); 3 (2011-03-01 – …)]",
	}
	if got := lines(m); !slices.Equal(got, want) {
		t.Errorf("read:\n%s\nwant:\n%s", join(got), join(want))
	}
	said := strings.Join(rep.Lines(), "\n")
	for _, w := range []string{"several parents", "edge weights that change over time"} {
		if !strings.Contains(said, w) {
			t.Errorf("the report does not say %q:\n%s", w, said)
		}
	}
}

// A Cytoscape.js file whose graph says it is directed, as NetworkX's
// cytoscape_data writes it, is read with directed ties: its edges came in
// undirected. An edge's own "directed" still says otherwise.
func TestCYJSReadsTheGraphsDirection(t *testing.T) {
	t.Parallel()
	file := func(graph, edge string) string {
		return `{"data": [], ` + graph + `"multigraph": false, "elements": {"nodes": [
		{"data": {"id": "Mexico", "value": "Mexico", "name": "Mexico"}},
		{"data": {"id": "Ecuador", "value": "Ecuador", "name": "Ecuador"}},
		{"data": {"id": "Jorge Glas", "value": "Jorge Glas", "name": "Jorge Glas"}}],
		"edges": [{"data": {"kind": "relations", "source": "Mexico", "target": "Ecuador"` + edge + `}},
		{"data": {"source": "Ecuador", "target": "Jorge Glas"}}]}}`
	}
	for _, c := range []struct {
		name, graph, edge string
		want              []bool // each tie's direction
	}{
		{"a directed graph", `"directed": true, `, "", []bool{true, true}},
		{"a directed graph with an undirected edge", `"directed": true, `, `, "directed": false`, []bool{false, true}},
		{"an undirected graph", `"directed": false, `, "", []bool{false, false}},
		{"an undirected graph with a directed edge", `"directed": false, `, `, "directed": true`, []bool{true, false}},
		{"a graph that does not say", "", "", []bool{false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m, _, err := netio.ReadCYJS(strings.NewReader(file(c.graph, c.edge)), "networkx")
			if err != nil {
				t.Fatal(err)
			}
			var got []bool
			for _, tie := range m.Ties {
				got = append(got, tie.Directed)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("ties directed %v, want %v", got, c.want)
			}
		})
	}
}
