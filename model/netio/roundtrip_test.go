package netio_test

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/netio"
)

func defaultMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// featureMap is a generated map with every feature a format may carry:
// kinds with colours, lives with gaps, dates known to the day, month and
// year, open ends, directed and undirected ties, parallel ties, weights,
// labels, attributes with awkward characters, notes and positions.
func featureMap() *model.Map {
	d := func(s string) model.Date { return model.MustDate(s) }
	m := &model.Map{Name: "Features <&> \"all\"", Pins: map[model.ID]model.Point{}}
	m.Kinds = append(m.Kinds, model.Kind{Name: "bloc", Class: model.ClassActor, Label: "Bloc", Shape: model.ShapeSquare, Color: "#123456"},
		model.Kind{Name: "treaty", Class: model.ClassTie, Label: "Treaty", Color: "#abcdef"})
	for i := 1; i <= 12; i++ {
		a := model.Actor{ID: model.ID(i), Name: fmt.Sprintf("Actor %d «%c»", i, 'a'+rune(i)), Kind: []string{"country", "official", "bloc"}[i%3]}
		switch i % 4 {
		case 1:
			a.Life = model.Span{Start: d("1918"), End: d("1940-06")}
			a.Later = []model.Span{{Start: d("1991-08-20")}}
		case 2:
			a.Life = model.Span{Start: d("2001-02-03"), End: d("2020-01-01")}
		case 3:
			a.Attrs = map[string]string{"iso": fmt.Sprintf("X%d", i), "note <1>": "a & b"}
			a.Short = fmt.Sprintf("A%d", i)
			a.BelongsTo = 1
			a.LocatedIn = 2
		}
		m.Actors = append(m.Actors, a)
		m.Pins[a.ID] = model.Point{X: float64(i * 100), Y: float64(-i * 37)}
	}
	for i := 1; i <= 20; i++ {
		from, to := model.ID(i%12+1), model.ID((i*5)%12+1)
		if from == to {
			to = from%12 + 1
		}
		t := model.Tie{ID: model.ID(i), From: from, To: to, Kind: []string{"relations", "treaty", "member"}[i%3], Directed: i%2 == 0}
		switch i % 5 {
		case 0:
			t.Span = model.Span{Start: d("2024-04-05"), End: d("2024-04-07")}
		case 1:
			t.Span = model.Span{Start: d("2023-12")}
			t.Weight = float64(i) * 1.5
		case 2:
			t.Label = fmt.Sprintf("label %d", i)
			t.Attrs = map[string]string{"since": "always", "where": "Quito, \"EC\""}
		case 3:
			t.Span = model.Span{End: d("1999")}
		}
		m.Ties = append(m.Ties, t)
	}
	// A parallel tie.
	m.Ties = append(m.Ties, model.Tie{ID: 21, From: m.Ties[0].From, To: m.Ties[0].To, Kind: m.Ties[0].Kind, Span: model.Span{Start: d("2030-01-01")}})
	return m
}

// summary is what a format must keep of a map, by names rather than ids:
// one line each actor and tie, sorted.
func summary(m *model.Map, withAttrs bool) []string {
	var out []string
	name := map[model.ID]string{}
	for _, a := range m.Actors {
		name[a.ID] = a.Name
	}
	for _, a := range m.Actors {
		line := fmt.Sprintf("actor %q kind=%s short=%q lives=%v belongs=%q in=%q", a.Name, a.Kind, a.Short, a.Lives(), name[a.BelongsTo], name[a.LocatedIn])
		if withAttrs {
			line += fmt.Sprintf(" attrs=%v", sortedAttrs(a.Attrs))
		}
		out = append(out, line)
	}
	for _, t := range m.Ties {
		line := fmt.Sprintf("tie %q-%q kind=%s directed=%v span=%s label=%q weight=%g", name[t.From], name[t.To], t.Kind, t.Directed, t.Span, t.Label, t.Weight)
		if withAttrs {
			line += fmt.Sprintf(" attrs=%v", sortedAttrs(t.Attrs))
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return out
}

func sortedAttrs(a map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if k != "sources" {
			out = append(out, k+"="+a[k])
		}
	}
	return out
}

// same reports the first difference between two summaries.
func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("%s, line %d:\n got %s\nwant %s", what, i+1, g, w)
			return
		}
	}
}

// TestGEXFRoundTrip: relmap → GEXF (1.3 and 1.2) → relmap keeps every
// actor, tie, date with its precision, kind, attribute, colour and
// position, on the default map and on a map with every feature.
func TestGEXFRoundTrip(t *testing.T) {
	for _, version := range []string{"1.3", "1.2"} {
		for name, m := range map[string]*model.Map{"default": defaultMap(t), "features": featureMap()} {
			t.Run(version+"/"+name, func(t *testing.T) {
				var buf bytes.Buffer
				rep, err := netio.WriteGEXF(&buf, m, netio.Options{GEXFVersion: version})
				if err != nil {
					t.Fatal(err)
				}
				if len(m.Events) > 0 && !strings.Contains(strings.Join(rep.Lines(), "\n"), "events were not written") {
					t.Errorf("the report does not say the events were left out: %q", rep.Lines())
				}
				back, _, err := netio.ReadGEXF(&buf, "back")
				if err != nil {
					t.Fatalf("%v\n%s", err, buf.String())
				}
				same(t, "GEXF round trip", summary(back, true), summary(m, true))
				for _, a := range m.Actors {
					if k := m.Kind(model.ClassActor, a.Kind); back.Kind(model.ClassActor, a.Kind).Color != k.Color {
						t.Errorf("kind %s: colour %s, want %s", a.Kind, back.Kind(model.ClassActor, a.Kind).Color, k.Color)
					}
				}
				for id, p := range m.Pins {
					if got := back.Pins[id]; got != p {
						t.Errorf("actor %d at %v, want %v", id, got, p)
					}
				}
			})
		}
	}
}

// TestRoundTrip: relmap → Cytoscape.js JSON, GraphML, DOT or GML → relmap
// keeps every actor, tie, date, kind, colour, attribute and position;
// Graphviz itself renders the DOT (dot -Tsvg, and neato -n with relmap's
// positions) when installed.
func TestRoundTrip(t *testing.T) {
	formats := []struct {
		name  string
		write func(io.Writer, *model.Map, netio.Options) (*netio.Report, error)
		read  func(io.Reader, string) (*model.Map, *netio.Report, error)
		check func(t *testing.T, text string)
	}{
		{"Cytoscape.js", netio.WriteCYJS, netio.ReadCYJS, nil},
		{"GraphML", netio.WriteGraphML, netio.ReadGraphML, nil},
		{"DOT", netio.WriteDOT, netio.ReadDOT, graphviz},
		{"GML", netio.WriteGML, netio.ReadGML, nil},
	}
	for _, f := range formats {
		for name, m := range map[string]*model.Map{"default": defaultMap(t), "features": featureMap()} {
			t.Run(f.name+"/"+name, func(t *testing.T) {
				var buf bytes.Buffer
				if _, err := f.write(&buf, m, netio.Options{}); err != nil {
					t.Fatal(err)
				}
				text := buf.String()
				back, _, err := f.read(&buf, "back")
				if err != nil {
					t.Fatalf("%v\n%.2000s", err, text)
				}
				same(t, f.name+" round trip", summary(back, true), summary(m, true))
				for _, k := range m.Kinds {
					if got := back.Kind(k.Class, k.Name).Color; got != k.Color {
						t.Errorf("kind %s: colour %s, want %s", k.Name, got, k.Color)
					}
				}
				if len(back.Pins) != len(m.Pins) {
					t.Errorf("%d positions, want %d", len(back.Pins), len(m.Pins))
				}
				for id, p := range m.Pins {
					if got := back.Pins[id]; got != p {
						t.Errorf("actor %d at %v, want %v", id, got, p)
					}
				}
				if f.check != nil {
					f.check(t, text)
				}
			})
		}
	}
}

// graphviz renders a DOT text with dot -Tsvg and neato -n -Tsvg, or skips.
func graphviz(t *testing.T, text string) {
	t.Helper()
	runs := [][]string{{"dot", "-Tsvg"}}
	if strings.Contains(text, `"pos"=`) {
		runs = append(runs, []string{"neato", "-n", "-Tsvg"})
	}
	for _, args := range runs {
		if _, err := exec.LookPath(args[0]); err != nil {
			t.Logf("%s is not installed (Debian: graphviz; bash scripts/setup.sh --test installs it): not rendered", args[0])
			return
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdin = strings.NewReader(text)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !bytes.Contains(out, []byte("<svg")) {
			t.Errorf("%s: %v: %s", strings.Join(args, " "), err, stderr.String())
		}
		if strings.Contains(stderr.String(), "Error") {
			t.Errorf("%s said: %s", strings.Join(args, " "), stderr.String())
		}
	}
}

// GraphML draws each actor in yEd in its kind's shape where yEd has one:
// every node was an ellipse.
func TestGraphMLWritesTheKindsShapes(t *testing.T) {
	m := &model.Map{Kinds: []model.Kind{
		{Class: model.ClassActor, Name: "hub", Shape: model.ShapeHexagon},
		{Class: model.ClassActor, Name: "post", Shape: model.ShapeSquare},
		{Class: model.ClassActor, Name: "envoy", Shape: model.ShapePerson},
	}, Actors: []model.Actor{
		{ID: 1, Name: "A", Kind: "hub"}, {ID: 2, Name: "B", Kind: "post"}, {ID: 3, Name: "C", Kind: "envoy"},
	}}
	var b bytes.Buffer
	if _, err := netio.Write(netio.GraphML, &b, m, netio.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, shape := range map[string]string{"A": "hexagon", "B": "rectangle", "C": "ellipse"} {
		if want := name + `</y:NodeLabel><y:Shape type="` + shape + `"/>`; !strings.Contains(b.String(), want) {
			t.Errorf("actor %s is not drawn as a %s: no %q in\n%s", name, shape, want, b.String())
		}
	}
}
