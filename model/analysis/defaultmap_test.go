package analysis_test

import (
	"bytes"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/jsonio"
)

func defaultMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// How Mexico and Ecuador are connected, checked against the map's facts:
// by their diplomatic relations on 5 April; once Mexico breaks them on the
// 6th, by the severed relations, and next through Glas (asylum, then his
// imprisonment).
func TestPathsBetweenMexicoAndEcuador(t *testing.T) {
	m := defaultMap(t)
	mexico, _ := m.ActorByName("Mexico")
	ecuador, _ := m.ActorByName("Ecuador")
	glas, _ := m.ActorByName("Jorge Glas Espinel")
	kinds := func(p analysis.Path) []string {
		var out []string
		for _, id := range p.Ties {
			tie, _ := m.Tie(id)
			out = append(out, tie.Kind)
		}
		return out
	}
	on5 := analysis.Paths(m, model.MustDate("2024-04-05").First(), mexico.ID, ecuador.ID, 3)
	if len(on5) == 0 || len(on5[0].Actors) != 2 || kinds(on5[0])[0] != "relations" {
		t.Fatalf("5 April: shortest path %+v, want the direct diplomatic relations", on5)
	}
	on6 := analysis.Paths(m, model.MustDate("2024-04-06").First(), mexico.ID, ecuador.ID, 3)
	if len(on6) < 2 || len(on6[0].Actors) != 2 || kinds(on6[0])[0] != "severed" {
		t.Fatalf("6 April: paths %+v, want the severed relations first", on6)
	}
	throughGlas := false
	for _, p := range on6[1:] {
		if len(p.Actors) == 3 && p.Actors[1] == glas.ID && kinds(p)[0] == "asylum" {
			throughGlas = true
		}
	}
	if !throughGlas {
		t.Errorf("6 April: the next paths %+v go nowhere through Jorge Glas", on6[1:])
	}
	for d := 1; d <= 3; d++ {
		actors, ties := analysis.Within(m, model.MustDate("2024-04-07").First(), glas.ID, d)
		if !actors[glas.ID] || len(ties) == 0 {
			t.Errorf("focus %d around Glas: %d actors, %d ties", d, len(actors), len(ties))
		}
		if d > 1 {
			smaller, _ := analysis.Within(m, model.MustDate("2024-04-07").First(), glas.ID, d-1)
			if len(actors) < len(smaller) {
				t.Errorf("focus %d holds %d actors, focus %d %d: a wider focus holds less", d, len(actors), d-1, len(smaller))
			}
		}
	}
}
