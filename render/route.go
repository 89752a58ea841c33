package render

import (
	"math"
	"slices"
)

// Routing: a tie drawn straight through an actor that is not one of its
// ends says something false (that the actor lies on the way). Such a tie is
// bent, as little as will clear every actor, to one side or the other;
// where no bend of the few tried clears them, it stays straight.

// routeLimit is the most ties a picture routes: beyond it the picture is
// an overview in which single lines cannot be followed anyway.
const routeLimit = 2000

// obstacles are the actors' shapes on screen, bucketed in cells so that a
// line looks only at the actors near it.
type obstacles struct {
	*cells
	centre []pt
	rad    []float64 // by node index; 0 for actors that are not obstacles
}

// routeCell is the side of an obstacle cell, in pixels.
const routeCell = 64.0

// newObstacles buckets the plan's drawn actors.
func newObstacles(p *plan) *obstacles {
	o := &obstacles{centre: p.centre, rad: make([]float64, len(p.s.Nodes))}
	var drawn []int32
	for _, i := range p.nodes {
		n := &p.s.Nodes[i]
		if n.Alpha < 0.5 {
			continue
		}
		r := shapeRadius * p.v.Zoom
		if n.Scale > 0 {
			r *= n.Scale
		}
		o.rad[i] = r + 2
		drawn = append(drawn, i)
	}
	o.cells = newCells(0, 0, routeCell, int(float64(p.w)/routeCell)+1, int(float64(p.h)/routeCell)+1, drawn,
		func(i int32) rect {
			c, r := o.centre[i], o.rad[i]
			return rect{c.X - r, c.Y - r, c.X + r, c.Y + r}
		})
	return o
}

// crossed counts the actors other than a and b whose shapes path passes
// through.
func (o *obstacles) crossed(path []pt, a, b int32) int {
	var seen []int32
	for k := 1; k < len(path); k++ {
		p, q := path[k-1], path[k]
		c0, r0 := o.at(math.Min(p.X, q.X), math.Min(p.Y, q.Y))
		c1, r1 := o.at(math.Max(p.X, q.X), math.Max(p.Y, q.Y))
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				for _, i := range o.in(c, r) {
					if i != a && i != b && !slices.Contains(seen, i) && segmentDistance(o.centre[i], p, q) < o.rad[i] {
						seen = append(seen, i)
					}
				}
			}
		}
	}
	return len(seen)
}

// route returns the path of a single tie between nodes a and b (centres
// ca and cb) that crosses no other actor: straight when that does, else
// the least bend, tried on both sides, that does; straight again when none
// of the bends tried clears every actor.
func (o *obstacles) route(straight []pt, a, b int32, ca, cb pt, zoom, ra, rb float64) []pt {
	if o.crossed(straight, a, b) == 0 {
		return straight
	}
	step := (shapeRadius + 8) * zoom
	for k := 1; k <= 4; k++ {
		for _, side := range []float64{1, -1} {
			_, path := bowedPath(nil, ca, cb, side*float64(k)*step, rim(ra)*zoom, rim(rb)*zoom, true)
			if len(path) >= 2 && o.crossed(path, a, b) == 0 {
				return path
			}
		}
	}
	return straight
}
