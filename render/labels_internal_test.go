package render

import (
	"testing"

	"relmap/assets"
	"relmap/model"
)

// labelScene is A and B far apart with a tie between them, A selected, and
// C in the middle of the tie, where its label would go first.
func labelScene() *Scene {
	kind := model.Kind{Name: "tie", Color: "#336699"}
	actor := model.Kind{Name: "person", Color: "#aa5500", Shape: model.ShapeCircle}
	return &Scene{
		Selected: 1,
		Nodes: []Node{
			{ID: 1, Label: "A", Kind: actor, X: 0, Y: 0, Alpha: 1, Selected: true},
			{ID: 2, Label: "B", Kind: actor, X: 600, Y: 0, Alpha: 1},
			{ID: 3, Label: "C in the middle", Kind: actor, X: 300, Y: -10, Alpha: 1},
		},
		Edges: []Edge{
			{ID: 1, From: 1, To: 2, Kind: kind, Label: "a long label of the tie", Alpha: 1, Lanes: 1},
			{ID: 2, From: 1, To: 3, Kind: kind, Label: "to the middle", Alpha: 1, Lanes: 1},
		},
	}
}

func TestEdgeLabelsAvoidActorsAndEachOther(t *testing.T) {
	t.Parallel()
	r, err := New(assets.FontRegular, assets.FontBold)
	if err != nil {
		t.Fatal(err)
	}
	s := labelScene()
	byID := map[model.ID]*Node{}
	for i := range s.Nodes {
		byID[s.Nodes[i].ID] = &s.Nodes[i]
	}
	w, h := 1000, 600
	v := View{CX: 300, CY: 0, Zoom: 1, UIScale: 1}
	labels := r.placeEdgeLabels(s, byID, v, w, h)
	if len(labels) != 2 {
		t.Fatalf("placed %d labels, want 2", len(labels))
	}
	for _, l := range labels {
		for i := range s.Nodes {
			n := &s.Nodes[i]
			if a := l.box.overlap(r.nodeRect(n, v, w, h)); a > 0 {
				t.Errorf("label %q covers %q (%.0f px²)", l.e.Label, n.Label, a)
			}
		}
	}
	if a := labels[0].box.overlap(labels[1].box); a > 0 {
		t.Errorf("labels %q and %q overlap (%.0f px²)", labels[0].e.Label, labels[1].e.Label, a)
	}
}

func TestAlongPath(t *testing.T) {
	t.Parallel()
	path := []pt{{0, 0}, {10, 0}, {10, 30}}
	tests := []struct {
		t          float64
		at, normal pt
	}{{0, pt{0, 0}, pt{0, 1}}, {0.25, pt{10, 0}, pt{0, 1}}, {0.5, pt{10, 10}, pt{-1, 0}}, {1, pt{10, 30}, pt{-1, 0}}}
	for _, tt := range tests {
		if at, normal := alongPath(path, tt.t); at != tt.at || normal != tt.normal {
			t.Errorf("alongPath(%v) = %v, %v; want %v, %v", tt.t, at, normal, tt.at, tt.normal)
		}
	}
}
