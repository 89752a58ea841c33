package netio_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"relmap/model"
	"relmap/model/netio"
)

// TestClassicGML reads Newman's GML files of the classic data sets: every
// node an actor (named by its label, else its id), every edge a tie, and a
// node's value (a book's leaning) an attribute.
func TestClassicGML(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "datasets", "classic")
	for _, c := range []struct {
		file         string
		actors, ties int
		first, attr  string
	}{
		{"karate.gml", 34, 78, "1", ""},
		{"dolphins.gml", 62, 159, "Beak", ""},
		{"polbooks.gml", 105, 441, "1000 Years for Revenge", "value"},
	} {
		path := filepath.Join(dir, c.file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("%s is not there (../shared/datasets/classic beside the checkout)", path)
		}
		m, rep := readFile(t, netio.GML, path)
		if len(m.Actors) != c.actors || len(m.Ties) != c.ties {
			t.Errorf("%s: %d actors and %d ties, want %d and %d (report %q)", c.file, len(m.Actors), len(m.Ties), c.actors, c.ties, rep.Lines())
		}
		if len(m.Actors) > 0 && m.Actors[0].Name != c.first {
			t.Errorf("%s: the first actor is %q, want %q", c.file, m.Actors[0].Name, c.first)
		}
		if c.attr != "" && m.Actors[0].Attrs[c.attr] == "" {
			t.Errorf("%s: the first actor's attributes %v have no %s", c.file, m.Actors[0].Attrs, c.attr)
		}
		for _, tie := range m.Ties {
			if tie.Directed {
				t.Fatalf("%s: a tie of an undirected graph is directed", c.file)
			}
		}
	}
}

// TestGMLRefusesWhatIsNotGML: a file that is not GML, or is GML cut
// short, is refused with the line and what is wrong.
func TestGMLRefusesWhatIsNotGML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"graph [\n  node [ id 1 ]\n  node [ id 2\n", "gml line 4: a list opened with [ is not closed with ]"},
		{"<?xml version=\"1.0\"?>\n<graphml/>", "gml line 1: \"<?xml version=\\\"1.0\\\"?…\" where a key (a word such as node or label) was expected"},
		{"Creator \"me\"\n", "gml: not GML: no graph [ … ] in the file"},
		{"graph [\n node [ id 1 label \"A ]\n]", "gml line 2: the string of label is not closed with \""},
		{"graph [\n node [ id 1 ]\n edge [ source 1 target 9 ]\n]", "gml line 3: edge 1 -> 9: target \"9\" is no node of the file"},
		{"graph [ node [ id 1 ] node [ id 1 ] ]", "gml line 1: node \"1\": node id \"1\" is used twice"},
		{"graph [\n directed @\n]", "gml line 2: the value of directed, \"@\", is not a number, a string or a list"},
	} {
		_, _, err := netio.ReadGML(strings.NewReader(c.in), "bad")
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\ngot  %v\nwant %s", c.in, err, c.want)
		}
	}
	deep := strings.Repeat("graph [ ", 100) + strings.Repeat("] ", 100)
	if _, _, err := netio.ReadGML(bytes.NewReader([]byte(deep)), "deep"); err == nil || !strings.Contains(err.Error(), "nest more than 64 deep") {
		t.Errorf("lists 100 deep: %v", err)
	}
}

// A file that is not XML, given as GraphML or GEXF, is said not to be,
// with how it begins: a GML file was said to end too soon at its last line.
func TestXMLFormatsSayAFileIsNotXML(t *testing.T) {
	for _, f := range []netio.Format{netio.GraphML, netio.GEXF} {
		_, _, err := netio.Read(f, strings.NewReader("graph\n[\n  node [ id 1 ]\n]\n"), "karate")
		if want := string(f) + ": the file is not XML: it begins \"graph\""; err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", f, err, want)
		}
		_, _, err = netio.Read(f, strings.NewReader(" \n"), "empty")
		if want := string(f) + ": the file is empty"; err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", f, err, want)
		}
	}
}

// A map whose ties are all undirected is written as an undirected graph:
// NetworkX and igraph read the graph's directed key alone, and made a
// directed graph of Newman's political books.
func TestGMLOfUndirectedTiesIsUndirected(t *testing.T) {
	m := &model.Map{Name: "books", Actors: []model.Actor{{ID: 1, Name: "A", Kind: "actor"}, {ID: 2, Name: "B", Kind: "actor"}},
		Ties: []model.Tie{{ID: 1, From: 1, To: 2, Kind: "tie"}}}
	var buf bytes.Buffer
	if _, err := netio.WriteGML(&buf, m, netio.Options{}); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, "graph [\n  directed 0\n") || strings.Contains(text, "    directed") {
		t.Errorf("an undirected map's GML:\n%s", text)
	}
	back, _, err := netio.ReadGML(&buf, "back")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Ties) != 1 || back.Ties[0].Directed {
		t.Errorf("read back as %+v", back.Ties)
	}
}

// GML is written in ASCII, every other character as its number: NetworkX
// refused relmap's files of raw UTF-8 ("input is not ASCII-encoded"), and
// a line break within a string. Names and notes read back exactly.
func TestGMLIsWrittenInASCII(t *testing.T) {
	t.Parallel()
	m := &model.Map{Name: "Crisis – 2024…", Actors: []model.Actor{
		{ID: 1, Name: "Andrés Manuel López Obrador", Kind: "official", Notes: "first line\nsecond \"quoted\" & tabbed\there"},
		{ID: 2, Name: "…", Kind: "actor", Attrs: map[string]string{"nota": "– 😀 \u0096"}},
	}, Ties: []model.Tie{{ID: 1, From: 1, To: 2, Kind: "tie", Label: "–"}}}
	var buf bytes.Buffer
	if _, err := netio.WriteGML(&buf, m, netio.Options{}); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for i, c := range []byte(text) {
		if c >= 0x80 {
			t.Fatalf("byte %d of the GML is not ASCII: %q", i, text[max(0, i-20):min(len(text), i+20)])
		}
	}
	for _, want := range []string{`label "Andr&#233;s Manuel L&#243;pez Obrador"`, `label "&#8230;"`, `label "&#8211;"`,
		`notes "first line&#10;second &quot;quoted&quot; &amp; tabbed&#9;here"`, `nota "&#8211; &#128512; &#150;"`} {
		if !strings.Contains(text, want) {
			t.Errorf("no %s in\n%s", want, text)
		}
	}
	back, _, err := netio.ReadGML(&buf, "")
	if err != nil {
		t.Fatal(err)
	}
	if back.Name != m.Name {
		t.Errorf("the map's name read back %q, want %q", back.Name, m.Name)
	}
	for i, a := range back.Actors {
		if a.Name != m.Actors[i].Name || a.Notes != m.Actors[i].Notes || a.Attrs["nota"] != m.Actors[i].Attrs["nota"] {
			t.Errorf("actor %d read back %q, %q, %q; want %q, %q, %q", i+1, a.Name, a.Notes, a.Attrs["nota"], m.Actors[i].Name, m.Actors[i].Notes, m.Actors[i].Attrs["nota"])
		}
	}
	if len(back.Ties) != 1 || back.Ties[0].Label != "–" {
		t.Errorf("the tie read back %+v", back.Ties)
	}
}

// GML's strings are read with their character entities decoded: numbers
// as the code point they name (as XML and NetworkX read them, not as
// HTML, which reads &#150; as "–"), names only when whole (HTML read
// "&notes;" as "¬es;"); anything else stays as written.
func TestGMLDecodesCharacterEntities(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"a decimal number", "Andr&#233;s", "Andrés"},
		{"a hexadecimal number", "L&#xF3;pez &#X2026;", "López …"},
		{"a character beyond the first plane", "&#128512;", "😀"},
		{"XML's names", "&amp; &quot; &lt; &gt; &apos;", `& " < > '`},
		{"an HTML name", "Andr&eacute;s", "Andrés"},
		{"a number in HTML's Windows range", "&#150;", "\u0096"},
		{"a name that begins as an entity's", "&notes;", "&notes;"},
		{"an unknown name", "&relmap;", "&relmap;"},
		{"an ampersand alone", "AT&T & co", "AT&T & co"},
		{"no semicolon", "&#233 &amp", "&#233 &amp"},
		{"no character", "&#xD800; &#99999999;", "&#xD800; &#99999999;"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m, _, err := netio.ReadGML(strings.NewReader("graph [ node [ id 1 label \""+c.in+"\" ] ]"), "entities")
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Actors[0].Name; got != c.want {
				t.Errorf("%q read as %q, want %q", c.in, got, c.want)
			}
		})
	}
}
