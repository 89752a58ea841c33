package render

import (
	"cmp"
	"image/color"
	"math"
	"slices"

	"relmap/layout"
	"relmap/model"
)

// index is what a scene's drawing and hit testing look up again and again,
// worked out once per scene: each tie's two actors by position in Nodes
// and its style, each actor's degree, box and rank for kept labels, and a
// grid of the actors' boxes for hit tests.
type index struct {
	nodes, edges int // len(Nodes) and len(Edges) it was built for
	byID         map[model.ID]int32
	ends         [][2]int32 // each edge's two node indexes (-1: not drawn)
	degree       []int32
	tie          []tieStyle // what each edge's drawing needs of its kind and lane
	// alpha is each edge's Alpha, packed: planning a frame reads it of
	// every edge, and reading it from the edges, each some 200 bytes,
	// took a frame's ties longer to plan. Kept with the edges by moved.
	alpha      []float64
	heaviest   float64       // the largest weight of an edge of a Weighted kind
	grid       *cells        // nil until a hit test needs it, and after a move
	box        []layout.Size // each actor's box; nil until the renderer measures them
	rank       []int32       // the actors by importance (see ranking); nil until needed
	rankScales []float64     // the actors' sizes (Scale) rank was sorted by
	// labelWidths are the actors' labels' widths at labelAt pixels, each
	// measured when first needed (-1 until then; see Renderer.labelWidth).
	labelWidths []float64
	labelAt     float64
	// near is the actor nearOf and its neighbours (see
	// Renderer.neighbourhood), nil until a frame selects one: finding
	// them goes through every edge, which each frame did on one core.
	near   map[model.ID]bool
	nearOf model.ID
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
	ix.tie = make([]tieStyle, len(s.Edges))
	ix.alpha = make([]float64, len(s.Edges))
	colours := map[string]color.NRGBA{}
	for i := range s.Edges {
		e := &s.Edges[i]
		hex := e.Kind.Color
		c, ok := colours[hex]
		if !ok {
			c = parseColor(hex)
			colours[hex] = c
		}
		ix.tie[i] = styleOf(e, c)
		ix.alpha[i] = e.Alpha
		if e.Kind.Weighted {
			ix.heaviest = math.Max(ix.heaviest, e.Weight)
		}
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

// tieStyle is what planning a tie needs of it besides its ends and
// opacity, packed small so that a frame's ties are read straight through:
// its kind's colour, its bow, its weight and its kind's flags.
type tieStyle struct {
	col    color.NRGBA
	lane   float32 // the bow, in lane spacings, to the tie's left as drawn
	weight float32
	flags  uint8
}

// The flags of a tieStyle.
const (
	tieDirected = 1 << iota
	tieDashed
	tieWeighted
	tieLabelled
	tieOneLane // the only tie between its two actors
)

func styleOf(e *Edge, c color.NRGBA) tieStyle {
	st := tieStyle{col: c, lane: float32(float64(e.Lane) - float64(e.Lanes-1)/2), weight: float32(e.Weight)}
	if e.From > e.To {
		// Keep the bow on the same side whichever way the tie points.
		st.lane = -st.lane
	}
	for _, f := range []struct {
		on   bool
		flag uint8
	}{{e.Directed, tieDirected}, {e.Kind.Dashed, tieDashed}, {e.Kind.Weighted, tieWeighted}, {e.Kind.Labelled, tieLabelled}, {e.Lanes <= 1, tieOneLane}} {
		if f.on {
			st.flags |= f.flag
		}
	}
	return st
}

// boxes returns each actor's box, measured once per scene. Callers hold
// the renderer's lock.
func (r *Renderer) boxes(s *Scene) []layout.Size {
	ix := s.indexed()
	if ix.box == nil {
		ix.box = make([]layout.Size, len(s.Nodes))
		for i := range s.Nodes {
			ix.box[i] = r.boxSize(s.Nodes[i].Label)
		}
	}
	return ix.box
}

// ranking returns the actors by importance, as the labels kept below a
// readable size are chosen: by size (the measure actors are sized by),
// then degree, then order. It is sorted once per scene, and again when
// the sizes have changed since (a measure sizes the actors).
func (s *Scene) ranking() []int32 {
	ix := s.indexed()
	before := func(a, b int32) int {
		na, nb := &s.Nodes[a], &s.Nodes[b]
		if na.Scale != nb.Scale {
			return cmp.Compare(nb.Scale, na.Scale)
		}
		if ix.degree[a] != ix.degree[b] {
			return cmp.Compare(ix.degree[b], ix.degree[a])
		}
		return cmp.Compare(a, b)
	}
	if ix.rank != nil && len(ix.rankScales) == len(s.Nodes) {
		same := true
		for i := range s.Nodes {
			if s.Nodes[i].Scale != ix.rankScales[i] {
				same = false
				break
			}
		}
		if same {
			return ix.rank
		}
	}
	ix.rank = make([]int32, len(s.Nodes))
	ix.rankScales = make([]float64, len(s.Nodes))
	for i := range ix.rank {
		ix.rank[i] = int32(i)
		ix.rankScales[i] = s.Nodes[i].Scale
	}
	slices.SortFunc(ix.rank, before)
	return ix.rank
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

// moved forgets what depends on the actors' positions, and takes up the
// edges' opacities (see index.alpha): what a step of a transition changes.
func (s *Scene) moved() {
	if s.ix != nil {
		s.ix.grid = nil
		for i := range min(len(s.ix.alpha), len(s.Edges)) {
			s.ix.alpha[i] = s.Edges[i].Alpha
		}
	}
}

// cells is a grid of square cells over a plane, each listing the items
// whose boxes reach it, in increasing item order: a hit test, or a line
// looking for the actors in its way, looks at the few items near it
// instead of every one.
type cells struct {
	x0, y0, size float64
	cols, rows   int
	start        []int32 // cell k holds items[start[k]:start[k+1]]
	items        []int32
}

// newCells makes a cols×rows grid of cells of the given size from (x0,
// y0) holding items, each in every cell its box reaches (boxes beyond the
// grid count in its edge cells).
func newCells(x0, y0, size float64, cols, rows int, items []int32, box func(i int32) rect) *cells {
	c := &cells{x0: x0, y0: y0, size: size, cols: cols, rows: rows, start: make([]int32, cols*rows+1)}
	each := func(i int32, f func(k int)) {
		b := box(i)
		c0, r0 := c.at(b.x0, b.y0)
		c1, r1 := c.at(b.x1, b.y1)
		for r := r0; r <= r1; r++ {
			for col := c0; col <= c1; col++ {
				f(r*cols + col)
			}
		}
	}
	for _, i := range items {
		each(i, func(k int) { c.start[k+1]++ })
	}
	for k := 1; k < len(c.start); k++ {
		c.start[k] += c.start[k-1]
	}
	c.items = make([]int32, c.start[len(c.start)-1])
	fill := append([]int32(nil), c.start[:len(c.start)-1]...)
	for _, i := range items {
		each(i, func(k int) {
			c.items[fill[k]] = i
			fill[k]++
		})
	}
	return c
}

// at is the cell holding point (x, y), clamped to the grid.
func (c *cells) at(x, y float64) (col, row int) {
	col = int(math.Floor((x - c.x0) / c.size))
	row = int(math.Floor((y - c.y0) / c.size))
	return min(max(col, 0), c.cols-1), min(max(row, 0), c.rows-1)
}

// in lists the items of cell (col, row).
func (c *cells) in(col, row int) []int32 {
	k := row*c.cols + col
	return c.items[c.start[k]:c.start[k+1]]
}

// near lists the items whose boxes may hold point (x, y); nil when the
// point is off the grid.
func (c *cells) near(x, y float64) []int32 {
	if x < c.x0 || y < c.y0 || x > c.x0+float64(c.cols)*c.size || y > c.y0+float64(c.rows)*c.size {
		return nil
	}
	return c.in(c.at(x, y))
}

// gridCells bounds the number of cells per actor, so that a map spread over
// a huge area does not make a huge grid.
const gridCells = 4

// newGrid buckets the actors' boxes (in layout units) for hit tests: cells
// about as big as a box, enlarged until there are at most gridCells per
// actor.
func newGrid(s *Scene, box func(*Node) (w, h float64)) *cells {
	if len(s.Nodes) == 0 {
		return newCells(0, 0, 1, 1, 1, nil, nil)
	}
	boxes := make([]rect, len(s.Nodes))
	all := make([]int32, len(s.Nodes))
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	var maxW, maxH float64
	for i := range s.Nodes {
		n := &s.Nodes[i]
		w, h := box(n)
		boxes[i], all[i] = rect{n.X - w/2, n.Y - h/2, n.X + w/2, n.Y + h/2}, int32(i)
		maxW, maxH = math.Max(maxW, w), math.Max(maxH, h)
		minX, maxX = math.Min(minX, boxes[i].x0), math.Max(maxX, boxes[i].x1)
		minY, maxY = math.Min(minY, boxes[i].y0), math.Max(maxY, boxes[i].y1)
	}
	size := math.Max(math.Max(maxW, maxH)/2, 1)
	for (maxX-minX)/size*(maxY-minY)/size > float64(gridCells*len(s.Nodes)) {
		size *= 2
	}
	return newCells(minX, minY, size, int((maxX-minX)/size)+1, int((maxY-minY)/size)+1, all,
		func(i int32) rect { return boxes[i] })
}
