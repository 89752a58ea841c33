package csvio_test

import (
	"reflect"
	"testing"

	"relmap/model/csvio"
)

// FuzzRead checks that Read never panics and that whatever it accepts,
// Write writes so that Read reads the same map back.
func FuzzRead(f *testing.F) {
	for _, dir := range testdataDirs(f) {
		tb := testdataTables(f, dir)
		f.Add(tb.actors, tb.ties, tb.events)
	}
	f.Add("Label,Short\nA (x),\nA,a;b\n", "", "Date,Title,Participants\n2024,T,A (x) (y); a;b\n")
	f.Add("Name,Source\nA,t <u> | www.x | <>\n", "", "")
	f.Fuzz(func(t *testing.T, actors, ties, events string) {
		got, err := csvio.Read(tables{actors, ties, events}.files(), nil)
		if err != nil {
			if got != nil {
				t.Fatalf("Read returned a map with error %v", err)
			}
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("Read accepted an invalid map: %v", err)
		}
		tb := write(t, got)
		again := read(t, tb, nil)
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip changed the map\ngot  %+v\nwant %+v\ntables:\n%s\n%s\n%s", again, got, tb.actors, tb.ties, tb.events)
		}
	})
}
