package render

import "math"

// Routing: a tie drawn straight through an actor that is not one of its
// ends says something false (that the actor lies on the way). Such a tie is
// bent, as little as will clear every actor, to one side or the other;
// where no bend of the few tried clears them, it stays straight.

// routeLimit is the most ties a picture routes: beyond it the picture is
// an overview in which single lines cannot be followed anyway.
const routeLimit = 2000

// obstacles are the actors' shapes on screen, bucketed in square cells so
// that a line looks only at the actors near it.
type obstacles struct {
	cell       float64
	cols, rows int
	start      []int32
	items      []int32 // node indexes
	centre     []pt
	rad        []float64 // by node index; 0 for actors that are not obstacles
}

// routeCell is the side of an obstacle cell, in pixels.
const routeCell = 64.0

// newObstacles buckets the plan's drawn actors.
func newObstacles(p *plan) *obstacles {
	o := &obstacles{cell: routeCell, centre: p.centre, rad: make([]float64, len(p.s.Nodes))}
	o.cols, o.rows = int(float64(p.w)/o.cell)+1, int(float64(p.h)/o.cell)+1
	o.start = make([]int32, o.cols*o.rows+1)
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
	span := func(i int32) (c0, r0, c1, r1 int) {
		c, r := o.centre[i], o.rad[i]
		return o.clampCol(c.X - r), o.clampRow(c.Y - r), o.clampCol(c.X + r), o.clampRow(c.Y + r)
	}
	for _, i := range drawn {
		c0, r0, c1, r1 := span(i)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				o.start[r*o.cols+c+1]++
			}
		}
	}
	for k := 1; k < len(o.start); k++ {
		o.start[k] += o.start[k-1]
	}
	o.items = make([]int32, o.start[len(o.start)-1])
	fill := append([]int32(nil), o.start[:len(o.start)-1]...)
	for _, i := range drawn {
		c0, r0, c1, r1 := span(i)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				o.items[fill[r*o.cols+c]] = i
				fill[r*o.cols+c]++
			}
		}
	}
	return o
}

func (o *obstacles) clampCol(x float64) int {
	return min(max(int(math.Floor(x/o.cell)), 0), o.cols-1)
}

func (o *obstacles) clampRow(y float64) int {
	return min(max(int(math.Floor(y/o.cell)), 0), o.rows-1)
}

// crossed counts the actors other than a and b whose shapes path passes
// through.
func (o *obstacles) crossed(path []pt, a, b int32) int {
	count := 0
	var seen []int32
	for k := 1; k < len(path); k++ {
		p, q := path[k-1], path[k]
		c0, c1 := o.clampCol(math.Min(p.X, q.X)), o.clampCol(math.Max(p.X, q.X))
		r0, r1 := o.clampRow(math.Min(p.Y, q.Y)), o.clampRow(math.Max(p.Y, q.Y))
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				cell := r*o.cols + c
				for _, i := range o.items[o.start[cell]:o.start[cell+1]] {
					if i == a || i == b || contains(seen, i) {
						continue
					}
					if segmentDistance(o.centre[i], p, q) < o.rad[i] {
						seen = append(seen, i)
						count++
					}
				}
			}
		}
	}
	return count
}

func contains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
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
			path := bowedPath(ca, cb, side*float64(k)*step, zoom, ra, rb)
			if len(path) >= 2 && o.crossed(path, a, b) == 0 {
				return path
			}
		}
	}
	return straight
}
