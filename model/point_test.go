package model_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"relmap/model"
)

func TestPointCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    model.Point
		ok   bool
	}{
		{"the origin is valid", model.Point{}, true},
		{"a corner of the bound is valid", model.Point{X: -model.MaxCoordinate, Y: model.MaxCoordinate}, true},
		{"just past the bound is not", model.Point{X: math.Nextafter(model.MaxCoordinate, math.Inf(1))}, false},
		{"1e18 is not", model.Point{Y: -1e18}, false},
		{"+Inf is not", model.Point{X: math.Inf(1)}, false},
		{"NaN is not", model.Point{Y: math.NaN()}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.p.Check(); (err == nil) != tt.ok {
				t.Errorf("%v.Check() = %v, want ok %v", tt.p, err, tt.ok)
			}
		})
	}
}

func TestCheckPin(t *testing.T) {
	t.Parallel()
	m := &model.Map{Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}}}
	tests := []struct {
		name  string
		actor model.ID
		p     model.Point
		want  error
		msg   string
	}{
		{"when the pin is far, should name the actor and say invalid", 1, model.Point{X: 1e18}, model.ErrInvalid, `actor "Mexico": pin: the position (1e+18, 0) is outside`},
		{"when the pin is infinite, should say it is not finite", 1, model.Point{Y: math.Inf(-1)}, model.ErrInvalid, "not a pair of finite numbers"},
		{"when the actor is missing, should say not found", 2, model.Point{}, model.ErrNotFound, "no actor has id 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := m.CheckPin(tt.actor, tt.p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want one wrapping %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q, want it to contain %q", err, tt.msg)
			}
		})
	}
	if err := m.CheckPin(1, model.Point{X: 5, Y: -5}); err != nil {
		t.Errorf("a valid pin: %v", err)
	}
}

func TestWithoutInvalidPins(t *testing.T) {
	t.Parallel()
	t.Run("when every pin is valid, should return the map itself", func(t *testing.T) {
		m := &model.Map{Pins: map[model.ID]model.Point{1: {X: 1, Y: 2}}}
		if got := m.WithoutInvalidPins(); got != m {
			t.Error("got a copy, want the map itself")
		}
	})
	t.Run("when a pin is far, should leave it out of a copy and keep the map", func(t *testing.T) {
		m := &model.Map{Name: "x", Pins: map[model.ID]model.Point{1: {X: 1, Y: 2}, 2: {X: math.Inf(1)}, 3: {Y: 1e18}}}
		got := m.WithoutInvalidPins()
		if want := map[model.ID]model.Point{1: {X: 1, Y: 2}}; !reflect.DeepEqual(got.Pins, want) || got.Name != "x" {
			t.Errorf("got %+v, want the map with pins %v", got, want)
		}
		if len(m.Pins) != 3 {
			t.Errorf("the map's own pins changed: %v", m.Pins)
		}
	})
}
