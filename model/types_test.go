package model_test

import (
	"testing"

	"relmap/model"
)

// A weight reads in full at everyday sizes and in exponent form beyond
// them: the side panel once printed 1e308 as 309 digits over 8 lines.
func TestWeightText(t *testing.T) {
	for w, want := range map[float64]string{
		60: "60", 0.25: "0.25", 1234567: "1234567", 0: "0", -3.5: "-3.5",
		1e308: "1e+308", 2.5e15: "2.5e+15", 0.00001: "1e-05",
	} {
		if got := model.WeightText(w); got != want {
			t.Errorf("WeightText(%v) = %q, want %q", w, got, want)
		}
	}
}
