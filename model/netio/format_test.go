package netio_test

import (
	"testing"

	"relmap/model/netio"
)

// Each extension of a format's files names that format, whatever its
// case: DOT's are .gv and .dot.
func TestFormatsByTheirExtensions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path string
		want netio.Format
		ok   bool
	}{
		{"map.gexf", netio.GEXF, true},
		{"map.graphml", netio.GraphML, true},
		{"map.gv", netio.DOT, true},
		{"dyn.dot", netio.DOT, true},
		{"DYN.DOT", netio.DOT, true},
		{"map.cyjs", netio.CYJS, true},
		{"karate.gml", netio.GML, true},
		{"map.json", "", false},
		{"map", "", false},
	} {
		if got, ok := netio.FormatOf(c.path); got != c.want || ok != c.ok {
			t.Errorf("%s is %q, %v; want %q, %v", c.path, got, ok, c.want, c.ok)
		}
	}
	for _, f := range netio.Formats {
		for _, ext := range f.Extensions() {
			if got, _ := netio.FormatOf("x" + ext); got != f {
				t.Errorf("%s, an extension of %s, names %q", ext, f, got)
			}
		}
	}
}
