package netio_test

import (
	"bytes"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/netio"
)

// threeActors is a map of three actors tied in a row, each tie directed
// as directed says.
func threeActors(directed ...bool) *model.Map {
	m := &model.Map{Name: "row", Actors: []model.Actor{
		{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}, {ID: 3, Name: "Jorge Glas", Kind: "official"},
	}}
	for i, d := range directed {
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), From: model.ID(i%3 + 1), To: model.ID((i+1)%3 + 1), Kind: "tie", Directed: d})
	}
	return m
}

// GEXF and GraphML declare a graph directed when every tie is: NetworkX
// reads the declaration alone, and refused relmap's files of directed
// ties ("Directed edge found in undirected graph."). A map with
// undirected ties is declared undirected, as both formats have no mixed
// graph, each edge saying its direction; either way every tie reads back
// with its own.
func TestGraphsDeclareTheirDirection(t *testing.T) {
	t.Parallel()
	formats := []struct {
		name    string
		write   func(*bytes.Buffer, *model.Map) error
		read    netio.Format
		declare string // the declaration, with %s for the direction
	}{
		{"GEXF 1.3", gexfWriter("1.3"), netio.GEXF, `defaultedgetype="%s"`},
		{"GEXF 1.2", gexfWriter("1.2"), netio.GEXF, `defaultedgetype="%s"`},
		{"GraphML", func(b *bytes.Buffer, m *model.Map) error {
			_, err := netio.WriteGraphML(b, m, netio.Options{})
			return err
		}, netio.GraphML, `edgedefault="%s"`},
	}
	maps := []struct {
		name     string
		m        *model.Map
		declared string
	}{
		{"every tie directed", threeActors(true, true, true), "directed"},
		{"directed and undirected ties", threeActors(true, false, true), "undirected"},
		{"every tie undirected", threeActors(false, false), "undirected"},
		{"no ties", threeActors(), "undirected"},
	}
	for _, f := range formats {
		for _, c := range maps {
			t.Run(f.name+", "+c.name+", is declared "+c.declared, func(t *testing.T) {
				t.Parallel()
				var buf bytes.Buffer
				if err := f.write(&buf, c.m); err != nil {
					t.Fatal(err)
				}
				text := buf.String()
				if want := strings.Replace(f.declare, "%s", c.declared, 1); !strings.Contains(text, want) {
					t.Errorf("no %s in\n%s", want, text)
				}
				back, _, err := netio.Read(f.read, &buf, "back")
				if err != nil {
					t.Fatal(err)
				}
				for i, tie := range back.Ties {
					if got, want := tie.Directed, c.m.Ties[i].Directed; got != want {
						t.Errorf("tie %d read back directed %v, want %v", i+1, got, want)
					}
				}
			})
		}
	}
}

// gexfWriter writes GEXF of a version.
func gexfWriter(version string) func(*bytes.Buffer, *model.Map) error {
	return func(b *bytes.Buffer, m *model.Map) error {
		_, err := netio.WriteGEXF(b, m, netio.Options{GEXFVersion: version})
		return err
	}
}
