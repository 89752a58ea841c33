package netio_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"relmap/model/netio"
)

// A GEXF or GraphML file cut short is said to be, at its last line, in
// plain words and with the line once: it was "line 26: not GEXF XML: XML
// syntax error on line 26: unexpected EOF".
func TestXMLFormatsSayAFileIsCutShort(t *testing.T) {
	t.Parallel()
	for _, f := range []netio.Format{netio.GEXF, netio.GraphML} {
		t.Run(string(f), func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if _, err := netio.Write(f, &buf, featureMap(), netio.Options{}); err != nil {
				t.Fatal(err)
			}
			for _, cut := range []string{"within a line", "after a line break"} {
				text := buf.String()[:buf.Len()/2]
				if cut == "after a line break" {
					text = text[:strings.LastIndex(text, "\n")+1]
				}
				lines := strings.Count(strings.TrimSuffix(text, "\n"), "\n") + 1
				_, _, err := netio.Read(f, strings.NewReader(text), "cut")
				want := string(f) + " line " + strconv.Itoa(lines) + ": the file ends before its XML is complete: it seems to have been cut short"
				if err == nil || err.Error() != want {
					t.Errorf("cut %s:\ngot  %v\nwant %s", cut, err, want)
				}
				var ne *netio.Error
				if !errors.As(err, &ne) || ne.Line != lines {
					t.Errorf("cut %s: the error's line is not %d: %#v", cut, lines, ne)
				}
			}
		})
	}
}

// A file that is not XML says how it begins only when that is text: a
// program renamed .gexf was said to begin "\x7fELF\x02\x01…".
func TestXMLFormatsSayWhatAFileIsInstead(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"a program", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", "the file is not XML: it holds binary data, not text"},
		{"a picture", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not XML: it holds binary data, not text"},
		{"an archive", "PK\x03\x04\x14\x00\x06\x00", "the file is not XML: it holds binary data, not text"},
		{"text in UTF-16", "\xff\xfe<\x00?\x00x\x00m\x00l\x00", "the file is written in UTF-16, which relmap does not read: save it as UTF-8"},
		{"text cut within a character", "Relaciones diplomáticas entre México – Ecuador", `the file is not XML: it begins "Relaciones diplomáticas entre México"`},
		{"a table", "id,name\n1,Mexico\n", `the file is not XML: it begins "id,name"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			for _, f := range []netio.Format{netio.GEXF, netio.GraphML} {
				_, _, err := netio.Read(f, strings.NewReader(c.in), "other")
				if want := string(f) + ": " + c.want; err == nil || err.Error() != want {
					t.Errorf("%s:\ngot  %v\nwant %s", f, err, want)
				}
			}
		})
	}
}

// XML that breaks its rules says where and how, once; a file in an
// encoding relmap does not read says which, where encoding/xml said
// "Decoder.CharsetReader is nil"; one declared ASCII is read.
func TestXMLFormatsSayWhyTheirXMLIsNotRead(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, in string
		f        netio.Format
		want     string
	}{
		{"a tag closed by another", "<gexf>\n<graph>\n<nodes><node id=\"a\"></nodes>\n</graph>\n</gexf>\n", netio.GEXF,
			"gexf line 3: the XML is broken: element <node> closed by </nodes>"},
		{"a tag closed by another", "<graphml>\n<graph>\n<node id=\"a\"></edge>\n</graph>\n</graphml>\n", netio.GraphML,
			"graphml line 3: the XML is broken: element <node> closed by </edge>"},
		{"Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<gexf><graph/></gexf>\n", netio.GEXF,
			`gexf: the file is written in the encoding "ISO-8859-1", which relmap does not read: save it as UTF-8`},
		{"Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<graphml><graph/></graphml>\n", netio.GraphML,
			`graphml: the file is written in the encoding "ISO-8859-1", which relmap does not read: save it as UTF-8`},
	} {
		t.Run(string(c.f)+", "+c.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := netio.Read(c.f, strings.NewReader(c.in), "bad")
			if err == nil || err.Error() != c.want {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
	for _, f := range []struct {
		format netio.Format
		root   string
	}{{netio.GEXF, `<gexf><graph><nodes><node id="a" label="Mexico"/></nodes></graph></gexf>`},
		{netio.GraphML, `<graphml><graph><node id="a"/></graph></graphml>`}} {
		in := `<?xml version="1.0" encoding="US-ASCII"?>` + "\n" + f.root
		if m, _, err := netio.Read(f.format, strings.NewReader(in), "ascii"); err != nil || len(m.Actors) != 1 {
			t.Errorf("%s declared ASCII: %v", f.format, err)
		}
	}
}
