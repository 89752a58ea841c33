package netio_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"relmap/model/netio"
)

// gexfSamples are the GEXF specification's sample files, or a skip.
func gexfSamples(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "datasets", "gexf")
	files, _ := filepath.Glob(filepath.Join(dir, "data", "*.gexf"))
	primer, _ := filepath.Glob(filepath.Join(dir, "primer", "*", "*.gexf"))
	files = append(files, primer...)
	if len(files) == 0 {
		t.Skipf("the GEXF samples are not in %s (../shared/datasets/gexf beside the checkout)", dir)
	}
	return files
}

// counted are a GEXF file's nodes (nested ones too; a node id met again
// counted once), its edges (nested too) and their spells, counted from
// the XML itself.
func counted(t *testing.T, path string) (nodes, edges, spells int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var stack []string
	ids := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "node":
				for _, a := range el.Attr {
					if a.Name.Local == "id" && !ids[a.Value] {
						ids[a.Value] = true
						nodes++
					}
				}
			case "edge":
				edges++
			case "spell":
				if len(stack) > 1 && stack[len(stack)-2] == "edge" {
					spells++
				}
			}
			stack = append(stack, el.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// TestGEXFSamplesImport reads every sample file of the GEXF specification
// and checks its actors and ties against the file's nodes and edges.
func TestGEXFSamplesImport(t *testing.T) {
	for _, path := range gexfSamples(t) {
		name := strings.TrimPrefix(path, filepath.Join("..", "..", "..", "shared", "datasets", "gexf")+"/")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, rep, err := netio.ReadGEXF(f, name)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, spells := counted(t, path)
			if len(m.Actors) != nodes {
				t.Errorf("%d actors, the file has %d nodes", len(m.Actors), nodes)
			}
			loops := 0
			for _, l := range rep.Lines() {
				if strings.Contains(l, "to itself") {
					loops++
				}
			}
			if loops == 0 && len(m.Ties) < edges {
				t.Errorf("%d ties, the file has %d edges (and %d spells of edges)", len(m.Ties), edges, spells)
			}
			t.Logf("%d nodes → %d actors, %d edges (%d spells) → %d ties; report: %q", nodes, len(m.Actors), edges, spells, len(m.Ties), rep.Lines())
			// GEXF → relmap → GEXF → relmap loses nothing.
			var buf bytes.Buffer
			if _, err := netio.WriteGEXF(&buf, m, netio.Options{}); err != nil {
				t.Fatal(err)
			}
			back, _, err := netio.ReadGEXF(&buf, name)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := lines(back), lines(m); !slices.Equal(a, b) {
				t.Errorf("written and read again, %d lines differ from the first read's %d", len(a), len(b))
			}
		})
	}
}

// TestGEXFDynamicDates reads the dates of the dynamic samples: starts and
// ends (GEXF's closed days), spells as lives, open intervals, and dated
// attribute values.
func TestGEXFDynamicDates(t *testing.T) {
	dir := filepath.Dir(filepath.Dir(gexfSamples(t)[0]))
	read := func(name string) map[string]string {
		f, err := os.Open(filepath.Join(dir, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		m, _, err := netio.ReadGEXF(f, name)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		names := map[int64]string{}
		for _, a := range m.Actors {
			names[int64(a.ID)] = a.Name
			out[a.Name] = fmt.Sprint(a.Lives(), " ", a.Attrs)
		}
		for _, tie := range m.Ties {
			out[names[int64(tie.From)]+"→"+names[int64(tie.To)]] = tie.Span.String()
		}
		return out
	}
	got := read("dynamics.gexf")
	for key, want := range map[string]string{
		"Gephi":                 "[2009-03-01 – …] map[frog:true indegree:1 url:http://gephi.org]",
		"Visualization":         "[… – 2009-03-02 2009-03-05 – 2009-03-11] map[frog:true indegree:0 (… – 2009-03-02); 1 (2009-03-01 – …)]",
		"Gephi→Visualization":   "2009-03-01 – 2009-03-11",
		"Visualization→Network": "… – 2009-03-11",
	} {
		if got[key] != want {
			t.Errorf("dynamics.gexf %s: %s, want %s", key, got[key], want)
		}
	}
	got = read("dynamics_openintervals.gexf")
	if want := "[… – …] map[value:15 (2000 – 2005); 20 (2005 – 2010-01-01); 25 (2010 – 2015-01-01)]"; got["growing slowly"] != want {
		t.Errorf("dynamics_openintervals.gexf: %s, want %s", got["growing slowly"], want)
	}
}
