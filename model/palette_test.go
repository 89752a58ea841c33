package model_test

import (
	"fmt"
	"math"
	"testing"

	"relmap/model"
)

// TestColorDifference checks ColorDifference on colours as maps write them
// (the formula itself is checked against its published test data in
// TestDeltaE2000Sharma): zero for one colour, symmetric, and for two greys
// about ten L* apart about ten.
func TestColorDifference(t *testing.T) {
	same, err := model.ColorDifference("#2f6db5", "#2f6db5")
	if err != nil || same != 0 {
		t.Errorf("difference of a colour with itself = %v, %v", same, err)
	}
	ab, _ := model.ColorDifference("#e69f00", "#0072b2")
	ba, _ := model.ColorDifference("#0072b2", "#e69f00")
	if math.Abs(ab-ba) > 1e-9 || ab < 40 {
		t.Errorf("orange and blue differ by %v one way and %v the other", ab, ba)
	}
	// #777777 is L* 50.0, #919191 L* 60.6; for greys CIEDE2000 is
	// ΔL/SL with SL = 1 + 0.015(L̄−50)²/√(20+(L̄−50)²).
	g, _ := model.ColorDifference("#777777", "#919191")
	if g < 9.5 || g > 10.5 {
		t.Errorf("greys ten L* apart differ by %v", g)
	}
	if _, err := model.ColorDifference("blue", "#000000"); err == nil {
		t.Error("a colour that is not #rrggbb was accepted")
	}
}

// TestNewKindsGetDistinctColours imports twelve new tie kinds into the
// default catalogue's map and checks that every two of them, and each of
// them and the kinds the map already draws, differ by CIEDE2000 ≥ 10.
func TestNewKindsGetDistinctColours(t *testing.T) {
	base := &model.Map{
		Actors: []model.Actor{{ID: 1, Name: "A", Kind: "country"}, {ID: 2, Name: "B", Kind: "country"}},
		Ties:   []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2}, {ID: 2, Kind: "severed", From: 1, To: 2}},
	}
	add := &model.Map{Actors: []model.Actor{{ID: 1, Name: "C", Kind: "consulate"}}}
	for i := range 12 {
		add.Ties = append(add.Ties, model.Tie{ID: model.ID(i + 1), Kind: fmt.Sprintf("expel-%d", i), From: 1, To: 2})
	}
	add.Ties = append(add.Ties, model.Tie{ID: 13, Kind: "relations", From: 1, To: 2})
	kinds := model.StyleNewKinds(base, add)
	if len(kinds) != 13 {
		t.Fatalf("%d new kinds, want 13 (1 actor, 12 tie): %+v", len(kinds), kinds)
	}
	if kinds[0].Class != model.ClassActor || kinds[0].Shape == "" || kinds[1].Label != "Expel 0" {
		t.Errorf("first kinds %+v", kinds[:2])
	}
	colours := []string{base.Kind(model.ClassTie, "relations").Color, base.Kind(model.ClassTie, "severed").Color}
	for _, k := range kinds[1:] {
		colours = append(colours, k.Color)
	}
	for i := range colours {
		for j := i + 1; j < len(colours); j++ {
			if d, _ := model.ColorDifference(colours[i], colours[j]); d < 10 {
				t.Errorf("%s and %s differ by only %.1f", colours[i], colours[j], d)
			}
		}
	}
}

// A kind without a label is named as a label is written: a kind a table
// brought in ("trade-partner") read in lower case, with its dashes, in
// the legend and the forms.
func TestAKindWithoutALabelIsNamedAsALabelIs(t *testing.T) {
	for _, tt := range []struct {
		kind model.Kind
		want string
	}{
		{model.Kind{Name: "sanctions"}, "Sanctions"},
		{model.Kind{Name: "trade-partner"}, "Trade partner"},
		{model.Kind{Name: "joint_venture"}, "Joint venture"},
		{model.Kind{Name: "ñandú"}, "Ñandú"},
		{model.Kind{Name: "embassy-of", Label: "Embassy of"}, "Embassy of"},
		{model.Kind{Name: "un", Label: "un"}, "un"}, // a label is as written
	} {
		if got := tt.kind.DisplayName(); got != tt.want {
			t.Errorf("%+v is named %q, want %q", tt.kind, got, tt.want)
		}
	}
}
