package sqlite_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"relmap/model"
)

func TestSetPinRefusesPositionsOutsideTheBound(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.Merge(ctx, richMap()); err != nil {
		t.Fatal(err)
	}
	before := load(t, s)
	pinned, free := before.Actors[0].ID, before.Actors[1].ID
	tests := []struct {
		name  string
		actor model.ID
		p     model.Point
	}{
		{"when moving a pin to +Inf, should say invalid", pinned, model.Point{X: math.Inf(1), Y: 0}},
		{"when moving a pin to -Inf in y, should say invalid", pinned, model.Point{X: 0, Y: math.Inf(-1)}},
		{"when moving a pin to 1e18, should say invalid", pinned, model.Point{X: 1e18, Y: 0}},
		{"when pinning a free actor at -1e18, should say invalid", free, model.Point{X: 1, Y: -1e18}},
		{"when pinning just past the bound, should say invalid", free, model.Point{X: math.Nextafter(model.MaxCoordinate, math.Inf(1)), Y: 0}},
		{"when pinning at NaN, should say invalid", free, model.Point{X: math.NaN(), Y: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SetPin(ctx, tt.actor, tt.p)
			if !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("error = %v, want one wrapping %v", err, model.ErrInvalid)
			}
			if got, want := load(t, s).Pins, before.Pins; !equal(got, want) {
				t.Errorf("a refused pin changed the pins: got %v, want %v", got, want)
			}
		})
	}

	t.Run("when pinning on the bound, should store the pin", func(t *testing.T) {
		p := model.Point{X: -model.MaxCoordinate, Y: model.MaxCoordinate}
		if err := s.SetPin(ctx, free, p); err != nil {
			t.Fatal(err)
		}
		if got := load(t, s).Pins[free]; got != p {
			t.Errorf("pin = %v, want %v", got, p)
		}
	})
}
