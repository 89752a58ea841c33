package model_test

import (
	"errors"
	"math"
	"testing"

	"relmap/model"
)

// A tie's weight is a finite number, 0 or more: NaN and the infinities
// are refused with the field named, as a negative weight is, before they
// reach a file (where NaN broke a NOT NULL constraint and Inf the JSON of
// the history).
func TestATiesWeightIsAFiniteNumber(t *testing.T) {
	m := &model.Map{Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}}}
	tie := model.Tie{From: 1, To: 2, Kind: "relations"}
	for _, w := range []float64{0, 1, 2.5, 1e300} {
		tie.Weight = w
		if err := m.CheckTie(tie); err != nil {
			t.Errorf("weight %g: %v", w, err)
		}
	}
	for _, w := range []float64{-1, math.NaN(), math.Inf(1), math.Inf(-1)} {
		tie.Weight = w
		var fe *model.FieldError
		if err := m.CheckTie(tie); !errors.As(err, &fe) || fe.Field != "weight" || !errors.Is(err, model.ErrInvalid) {
			t.Errorf("weight %g: %v, want an invalid weight", w, err)
		}
	}
}
