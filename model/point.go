package model

import (
	"math"
)

// MaxCoordinate bounds a valid position: X and Y lie within
// ±MaxCoordinate layout units. An actor's box is about a hundred units
// wide and a tie 170 long, so the bound is some hundred thousand boxes
// from the origin, far beyond any drawing a person makes or reads, while
// sums and squares of coordinates stay exact to well under a unit in
// float64. Positions outside it (or not finite) come only from damaged or
// hand-made files, and would poison a layout.
const MaxCoordinate = 1e7

// Check returns nil if p is a valid position: both coordinates finite and
// within ±MaxCoordinate. Otherwise it says what is wrong, for a
// FieldError's Msg (see Map.CheckPin).
func (p Point) Check() error {
	for _, v := range []float64{p.X, p.Y} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return says("the position (%g, %g) is not a pair of finite numbers", p.X, p.Y)
		}
		if math.Abs(v) > MaxCoordinate {
			return says("the position (%g, %g) is outside the drawing area (each coordinate within ±%g)", p.X, p.Y, float64(MaxCoordinate))
		}
	}
	return nil
}

// CheckPin returns the rule a pin of actor at p (to be stored in m)
// breaks, as a *FieldError naming the actor (by name when m holds it) and
// the field "pin": ErrNotFound when m has no such actor, ErrInvalid when p
// is not a valid position (Point.Check).
func (m *Map) CheckPin(actor ID, p Point) error { return checkPin(m, actor, p) }

func checkPin(m lookup, actor ID, p Point) error {
	a, ok := m.Actor(actor)
	if !ok {
		return fieldError("pins", "actor", says("no actor has id %d", actor), ErrNotFound)
	}
	if err := p.Check(); err != nil {
		return fieldError("actor "+quote(a.Name), "pin", said(err), ErrInvalid)
	}
	return nil
}

// WithoutInvalidPins returns m if every pin is a valid position
// (Point.Check), else a shallow copy of m whose Pins leave out those that
// are not. The layout and the exporters use it, so that a pin saved before
// positions were checked counts as no pin rather than failing them. It
// takes O(pins).
func (m *Map) WithoutInvalidPins() *Map {
	valid := func(p Point) bool { return p.Check() == nil }
	bad := 0
	for _, p := range m.Pins {
		if !valid(p) {
			bad++
		}
	}
	if bad == 0 {
		return m
	}
	out := *m
	out.Pins = make(map[ID]Point, len(m.Pins)-bad)
	for id, p := range m.Pins {
		if valid(p) {
			out.Pins[id] = p
		}
	}
	return &out
}
