package render

import (
	"math"

	"relmap/model"
)

// index is what a scene's drawing and hit testing look up again and again,
// worked out once per scene: each tie's two actors by position in Nodes,
// each actor's degree, and a grid of the actors' boxes for hit tests.
type index struct {
	nodes, edges int // len(Nodes) and len(Edges) it was built for
	byID         map[model.ID]int32
	ends         [][2]int32 // each edge's two node indexes (-1: not drawn)
	degree       []int32
	grid         *grid // nil until a hit test needs it, and after a move
}

// indexed returns s's index, building it when s has changed size since.
// Callers hold the renderer's lock.
func (s *Scene) indexed() *index {
	if ix := s.ix; ix != nil && ix.nodes == len(s.Nodes) && ix.edges == len(s.Edges) {
		return ix
	}
	ix := &index{nodes: len(s.Nodes), edges: len(s.Edges), byID: make(map[model.ID]int32, len(s.Nodes))}
	for i := range s.Nodes {
		ix.byID[s.Nodes[i].ID] = int32(i)
	}
	ix.ends = make([][2]int32, len(s.Edges))
	ix.degree = make([]int32, len(s.Nodes))
	for i := range s.Edges {
		a, okA := ix.byID[s.Edges[i].From]
		b, okB := ix.byID[s.Edges[i].To]
		if !okA || !okB {
			ix.ends[i] = [2]int32{-1, -1}
			continue
		}
		ix.ends[i] = [2]int32{a, b}
		ix.degree[a]++
		ix.degree[b]++
	}
	s.ix = ix
	return ix
}

// MoveNode moves actor id by (dx, dy) layout units, as a drag does.
func (s *Scene) MoveNode(id model.ID, dx, dy float64) {
	for i := range s.Nodes {
		if s.Nodes[i].ID == id {
			s.Nodes[i].X += dx
			s.Nodes[i].Y += dy
		}
	}
	s.moved()
}

// moved forgets what depends on the actors' positions.
func (s *Scene) moved() {
	if s.ix != nil {
		s.ix.grid = nil
	}
}

// grid buckets the actors' boxes (in layout units) by square cells, so that
// a hit test looks at the few actors whose boxes reach its cell instead of
// every actor. Each cell lists its actors in increasing node order.
type grid struct {
	x0, y0, cell float64
	cols, rows   int
	start        []int32 // cell c holds items[start[c]:start[c+1]]
	items        []int32
}

// gridCells bounds the number of cells per actor, so that a map spread over
// a huge area does not make a huge grid.
const gridCells = 4

func newGrid(s *Scene, box func(*Node) (w, h float64)) *grid {
	if len(s.Nodes) == 0 {
		return &grid{cell: 1, cols: 1, rows: 1, start: make([]int32, 2)}
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	var maxW, maxH float64
	for i := range s.Nodes {
		n := &s.Nodes[i]
		w, h := box(n)
		maxW, maxH = math.Max(maxW, w), math.Max(maxH, h)
		minX, maxX = math.Min(minX, n.X-w/2), math.Max(maxX, n.X+w/2)
		minY, maxY = math.Min(minY, n.Y-h/2), math.Max(maxY, n.Y+h/2)
	}
	// Cells about as big as a box, enlarged until there are at most
	// gridCells per actor.
	cell := math.Max(math.Max(maxW, maxH)/2, 1)
	for (maxX-minX)/cell*(maxY-minY)/cell > float64(gridCells*len(s.Nodes)) {
		cell *= 2
	}
	g := &grid{x0: minX, y0: minY, cell: cell,
		cols: int((maxX-minX)/cell) + 1, rows: int((maxY-minY)/cell) + 1}
	g.start = make([]int32, g.cols*g.rows+1)
	span := func(n *Node) (c0, r0, c1, r1 int) {
		w, h := box(n)
		c0, r0 = g.at(n.X-w/2, n.Y-h/2)
		c1, r1 = g.at(n.X+w/2, n.Y+h/2)
		return
	}
	for i := range s.Nodes {
		c0, r0, c1, r1 := span(&s.Nodes[i])
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				g.start[r*g.cols+c+1]++
			}
		}
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.items = make([]int32, g.start[len(g.start)-1])
	fill := append([]int32(nil), g.start[:len(g.start)-1]...)
	for i := range s.Nodes {
		c0, r0, c1, r1 := span(&s.Nodes[i])
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				k := r*g.cols + c
				g.items[fill[k]] = int32(i)
				fill[k]++
			}
		}
	}
	return g
}

// at is the cell holding layout point (x, y), clamped to the grid.
func (g *grid) at(x, y float64) (col, row int) {
	col = int(math.Floor((x - g.x0) / g.cell))
	row = int(math.Floor((y - g.y0) / g.cell))
	return min(max(col, 0), g.cols-1), min(max(row, 0), g.rows-1)
}

// near lists the actors whose boxes may hold layout point (x, y), in
// increasing node order; nil when the point is off the grid.
func (g *grid) near(x, y float64) []int32 {
	if x < g.x0 || y < g.y0 || x > g.x0+float64(g.cols)*g.cell || y > g.y0+float64(g.rows)*g.cell {
		return nil
	}
	c, r := g.at(x, y)
	k := r*g.cols + c
	return g.items[g.start[k]:g.start[k+1]]
}
