package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"
	"runtime/debug"
	"slices"

	"relmap/layout"
	"relmap/model"
)

// Level of detail. A frame is planned once (which actors and ties fall in
// the picture, where, and how they are drawn) and then painted in tiles of
// rows over all cores (see paint).
const (
	// pointRadius: an actor whose shape would be smaller than this, in
	// pixels, is drawn as a dot of its colour, without its ring.
	pointRadius = 3.0
	// dotRadius is the smallest dot.
	dotRadius = 1.25
	// readableLabel: actor labels smaller than this, in pixels at UI scale
	// 1, are not drawn, but for the most important actors' (keptLabels).
	readableLabel = 7.0
	// keptLabelSize is the size of the labels kept below readableLabel.
	keptLabelSize = 11.0
	// keptLabelArea is the picture area, in square pixels at UI scale 1,
	// per kept label: 1920×1080 keeps about fifty.
	keptLabelArea = 40000
	// panelLabelArea is keptLabelArea in a panel of small multiples,
	// which is read as a whole at a glance: a panel of 390×350 pixels
	// keeps nine names rather than three.
	panelLabelArea = 15000
	// denseInk: when the ties on screen would be more than this many
	// times the picture's pixels long, they are drawn as plain one-pixel
	// lines: they cover the picture many times over and anti-aliasing
	// could not show more.
	denseInk = 3.0
	// layeredInk: when they would be more than this many times, most of
	// what the first ties draw the last ones draw over, and they are
	// drawn last first, in layers (see painter.layers). Below it the
	// layers spare too little for what they cost (a second plane to draw
	// into and lay under, the blocks to count): 50,000 long ties among
	// 10,000 actors fitted at 1920×1080 (14 times) take 9% less time in
	// layers, 35,000 (10 times) 2%, but 28,000 (8 times) 5% more, and the
	// 50,000 at zoom 1 (7 times) 20% more.
	layeredInk = 10.0
	// layerInk is how many times the picture's pixels the ties drawn
	// first in layers cover, at most half of them: enough to fill most of
	// its blocks (see painter.layers).
	layerInk = 7.0
)

// plan is one frame worked out before any pixel is painted.
type plan struct {
	s    *Scene
	pal  palette // the scene's colours
	ix   *index
	v    View
	w, h int
	// mapW is how many columns from the left the map is painted in: all
	// but those under the legend's panel, which is opaque.
	mapW int
	near map[model.ID]bool

	centre []pt       // each node's shape centre on screen
	node   []nodeEnd  // what a tie needs of each node, packed
	route  *obstacles // set when ties are routed around actors
	nodes  []int32
	edges  []plannedEdge
	// parts are where the ghosts and each chunk of planned ties begin in
	// edges, and, last, len(edges).
	parts []int
	// emphasis is the colour of emphasised ties, when the emphasis has one.
	emphasis color.NRGBA
	labels   []edgeLabel // labels of stressed ties
	// labelsLeftOut is how many ties' labels found no place
	// (see placeEdgeLabels).
	labelsLeftOut int
	kept          []keptLabel // labels drawn below readable size
	// unlabelled, at a readable size, marks the actors whose labels give
	// way to more important ones they would cover (see declutterLabels).
	unlabelled []bool
	names      []rect  // the plates of the names drawn at a readable size (see declutterLabels)
	dots       bool    // actors drawn as dots
	dense      bool    // ties drawn as one-pixel lines without anti-aliasing
	overdraw   float64 // how many times over the ties on screen would cover the map
	fine       bool    // a vector picture: curves kept at any enlargement (see bowedPath)
	// inks are the colours of a dense frame's ties, by number from 1
	// (0 the ground), each a pixel's RGBA in one word; nil unless the
	// frame is dense and all its ties are opaque, in at most 255 colours.
	// The tiles then draw each tie's number and lay the colours after.
	inks []uint32
	// rowInk is, in a dense frame, how much of its ties' ink lies in
	// each row, as planned: what painting the row costs, by which the
	// frame is cut into bands of equal work (see paint).
	rowInk []float32
	rad    float64 // shape radius in pixels
	size   float64 // label size in pixels; 0 for none
	// heaviest is the largest weight of a tie of a Weighted kind: the
	// weight drawn four times as wide as an unweighted tie.
	heaviest float64
}

// plannedEdge is a tie as a frame draws it. A frame plans every tie on
// screen and reads each plan several times, so it is kept small (88
// bytes): at 152, writing the plans was a quarter of the time planning
// 50,000 long ties took, and a frame of them took 4–7% longer.
type plannedEdge struct {
	col    color.NRGBA
	idx    int32   // in Scene.Edges
	y0, y1 float64 // the rows it may touch
	e      *Edge
	path   []pt
	width  float64
	dash   float64
	arrow  *[3]pt // the arrowhead's triangle, nil for none
	full   *[]pt  // a labelled tie's path to its target's rim, for its label
}

// nodeEnd is what planning a tie needs of each of its actors: the centre
// of its shape on screen, its opacity (alone: the tie's is the smaller of
// its actors' times its own) and how far from the centre the tie stops.
type nodeEnd struct {
	c     pt
	alpha float64
	trim  float64
}

type keptLabel struct {
	node int32
	x, y float64
	box  rect
}

// planFrame decides what frame s seen through v at w×h shows and how.
func (r *Renderer) planFrame(s *Scene, v View, w, h int) *plan {
	// The actors' names need only the actors placed: they are worked out
	// while the ties are planned, on all cores.
	names := func(p *plan) {
		if p.size == 0 {
			r.keepLabels(p)
		} else {
			r.declutterLabels(p)
		}
	}
	p := r.planShapesIn(s, v, w, h, mapWidth(w, v), names)
	// After the names, which the ties' labels keep clear of.
	if s.Selected != 0 || s.Emphasis != nil || s.TieLabels || p.anyLabelled() {
		p.labels, p.labelsLeftOut = r.placeEdgeLabels(p)
	}
	return p
}

// planVector is planFrame for a vector picture (see plan.fine).
func (r *Renderer) planVector(s *Scene, v View, w, h int) *plan {
	r.vector = true
	defer func() { r.vector = false }()
	return r.planFrame(s, v, w, h)
}

// planShapes is the part of a plan that places actors and ties, without
// their labels: what a hit test needs.
func (r *Renderer) planShapes(s *Scene, v View, w, h int) *plan {
	return r.planShapesIn(s, v, w, h, mapWidth(w, v), nil)
}

// planShapesIn is planShapes for a map painted in the first mapW columns
// (see plan.mapW). When alongside is not nil, it is called with the plan
// once its actors are placed, on a goroutine of its own, while the ties
// are planned; it may read the actors' part of the plan only, and is
// done when planShapesIn returns (a panic in it is raised again there).
func (r *Renderer) planShapesIn(s *Scene, v View, w, h, mapW int, alongside func(*plan)) *plan {
	ix := s.indexed()
	p := &plan{s: s, pal: s.palette(), ix: ix, v: v, w: w, h: h, mapW: mapW, near: r.neighbourhood(s), fine: r.vector}
	p.rad = shapeRadius * v.Zoom
	p.dots = v.AsDot(0)
	if size := labelSize * v.Zoom; size >= readableLabel {
		p.size = size
	}
	p.centre = reuse(&r.spare, &r.spare.centre, len(s.Nodes)) // each set below
	p.node = reuse(&r.spare, &r.spare.node, len(s.Nodes))
	box := r.boxes(s)
	// The actors are placed in chunks over all cores, each listing those
	// in the picture; the lists are then joined in order.
	shown := reuse(&r.spare, &r.spare.shown, (len(s.Nodes)+nodeChunk-1)/nodeChunk)
	for k := range shown {
		shown[k] = shown[k][:0]
	}
	r.spread(len(shown), func(_, k int) {
		// The chunk's list is grown in a variable of its own: the
		// lists' headers lie side by side, and another core's chunk
		// writing its own beside this one's on every actor would hand
		// their cache line back and forth.
		list := shown[k]
		defer func() { shown[k] = list }()
		for i := k * nodeChunk; i < min(len(s.Nodes), (k+1)*nodeChunk); i++ {
			n := &s.Nodes[i]
			p.centre[i] = r.shapeCentre(n, v, w, h)
			p.node[i] = nodeEnd{p.centre[i], n.Alpha, rim(n.Scale) * v.Zoom}
			if p.nodeAlpha(i) <= 0.01 {
				continue
			}
			sz := box[i]
			c := p.centre[i]
			if c.X+sz.W*v.Zoom < 0 || c.X-sz.W*v.Zoom > float64(p.mapW) || c.Y+sz.H*v.Zoom < 0 || c.Y-sz.H*v.Zoom > float64(h) {
				continue
			}
			list = append(list, int32(i))
		}
	})
	p.nodes = reuse(&r.spare, &r.spare.nodes, 0)
	for _, l := range shown {
		p.nodes = append(p.nodes, l...)
	}
	if r.spare.on {
		r.spare.nodes = p.nodes // grown
	}
	if alongside != nil {
		done := make(chan any, 1)
		go func() {
			if r.Background {
				LowerPriority() // as the spread's goroutines are
			}
			defer func() {
				if e := recover(); e != nil {
					done <- fmt.Sprintf("%v\n%s", e, debug.Stack())
					return
				}
				done <- nil
			}()
			alongside(p)
		}()
		defer func() {
			if e := <-done; e != nil {
				panic(e)
			}
		}()
	}
	width := v.lineWidth()
	p.heaviest = ix.heaviest
	if !p.dots && len(s.Edges) <= routeLimit {
		p.route = newObstacles(p)
	}
	if s.Emphasis != nil && s.Emphasis.Color != "" {
		p.emphasis = parseColor(s.Emphasis.Color)
	}
	// Ties are planned in fixed chunks over all cores, each into its own
	// stretch of one array, after the ghosts (drawn under the rest); the
	// stretches are then closed up in order, and p.parts records where
	// each chunk's ties begin. A chunk that outgrows its stretch is
	// planned into an array of its own, and the ties are then copied into
	// a new array.
	ghosts := p.planGhosts()
	chunks := (len(s.Edges) + planChunk - 1) / planChunk
	planned := make([][]plannedEdge, chunks)
	inks := make([]float64, chunks)
	// Each chunk's ink by row, as differences from the row before.
	rowInk := r.spare.takeRowInk(chunks, h+1)
	// Room for every tie of a chunk when most actors are in the picture,
	// else for a share of them, and at least for minRoom.
	room := planChunk
	if 2*len(p.nodes) < len(s.Nodes) {
		room = min(max(planChunk*(len(p.nodes)+1)/(len(s.Nodes)+1), minRoom), planChunk)
	}
	base := len(ghosts)
	all := r.spare.takeEdges(base + chunks*room)
	copy(all, ghosts)
	arenas := r.spare.takeArenas(chunks, 3*room)
	// When something is stressed, its ties are drawn last, over the
	// faded rest: each chunk sets them aside.
	lifted := make([][]plannedEdge, chunks)
	r.spread(chunks, func(_, c int) {
		lo, hi := c*planChunk, min(len(s.Edges), (c+1)*planChunk)
		at := base + c*room
		planned[c], lifted[c], arenas[c], inks[c] = p.planEdges(lo, hi, width, all[at:at:at+room], arenas[c], rowInk[c])
	})
	if r.spare.on {
		r.spare.arenas = arenas
	}
	var ink float64
	n, outgrown := base, false
	for c := range planned {
		ink += inks[c]
		n += len(planned[c])
		outgrown = outgrown || len(planned[c]) > room
	}
	if outgrown {
		all = append(make([]plannedEdge, 0, n), ghosts...)
	}
	p.parts = append(make([]int, 0, chunks+2), 0, base)
	end := base
	for c := range planned {
		if outgrown {
			all = append(all, planned[c]...)
		} else if from := base + c*room; from != end {
			copy(all[end:], all[from:from+len(planned[c])])
		}
		end += len(planned[c])
		p.parts = append(p.parts, end)
	}
	clear(all[end:])
	p.edges = all[:end]
	if p.near != nil {
		for _, l := range lifted {
			p.edges = append(p.edges, l...)
		}
		p.edges = append(p.edges, p.planLinks()...)
		p.parts = append(p.parts, len(p.edges))
	}
	p.overdraw = ink / (float64(p.mapW) * float64(h))
	p.dense = p.overdraw > denseInk
	if p.dense {
		p.rowInk = reuse(&r.spare, &r.spare.rowInk, h)
		var sum float32
		for y := range h {
			for _, d := range rowInk {
				sum += d[y]
			}
			p.rowInk[y] = sum
		}
	}
	if p.dense || p.near != nil {
		r.settleColours(p)
	}
	return p
}

// settleColours gives the translucent ties of a dense frame, or of a
// frame that stresses some ties (a selected actor's, say), but for the
// stressed ones drawn last, their colour laid once over the background,
// opaque (not over a transparent one). Where many cross, translucent lines
// would add up to their full colour, and the fade would not show.
//
// In a dense frame it also lists the colours of its ties but the stressed
// ones as inks (see plan.inks), when they are all opaque and at most 255,
// in the order they come; ink 0 is the ground. The tiles number each tie's
// ink (see denseTies.plan).
//
// Each part of p.edges is done on one core, listing its own colours; the
// lists are then joined in order.
func (r *Renderer) settleColours(p *plan) {
	ground := p.pal.background
	flatten := ground.A == 0xff
	end := p.liftedFrom()
	parts := len(p.parts) - 1
	found := make([][]uint32, parts)
	fits := make([]bool, parts) // all opaque, in at most 255 colours
	r.spread(parts, func(_, k int) {
		var last uint32
		fits[k] = p.dense
		for i := p.parts[k]; i < min(p.parts[k+1], end); i++ {
			pe := &p.edges[i]
			if flatten && pe.col.A != 0xff {
				pe.col = over(pe.col, ground)
			}
			if !fits[k] {
				continue
			}
			v := opaquePixel(pe.col)
			switch {
			case pe.col.A != 0xff || len(found[k]) == 255 && !slices.Contains(found[k], v):
				fits[k] = false
			case v == last && len(found[k]) > 0 || slices.Contains(found[k], v):
			default:
				found[k], last = append(found[k], v), v
			}
		}
	})
	if !p.dense {
		return
	}
	inks := []uint32{0} // the ground, when transparent
	if ground.A != 0 {
		inks[0] = opaquePixel(ground)
	}
	for k, colours := range found {
		if !fits[k] {
			return
		}
		for _, v := range colours {
			if !slices.Contains(inks[1:], v) {
				if len(inks) == 256 {
					return
				}
				inks = append(inks, v)
			}
		}
	}
	p.inks = inks
}

// liftedFrom is where in p.edges the stressed ties set aside to be drawn
// last begin (len(p.edges) when none are).
func (p *plan) liftedFrom() int {
	if p.near == nil || len(p.parts) < 2 {
		return len(p.edges)
	}
	return p.parts[len(p.parts)-2]
}

// planChunk is how many ties are planned at a time, on one core, and
// minRoom the least room made for those drawn of a chunk.
const (
	planChunk = 4096
	minRoom   = 64
)

// nodeChunk is how many actors a core places at a time.
const nodeChunk = 2048

// planEdges plans ties lo to hi: their paths on screen, colours, dashes
// and arrowheads, and how much ink they put in the picture. The ties
// drawn are appended to out, in order, and their paths and arrowheads to
// arena; both are returned grown. When something is stressed (p.near),
// its ties are set aside in lifted instead, in order, to be drawn last.
// The chunk's paths and arrowheads share one array, in the order of the
// ties, as the tiles read them.
//
// rowInk, h+1 long, gets each tie's ink spread evenly over the rows it
// spans on screen, as differences from the row before.
func (p *plan) planEdges(lo, hi int, width float64, out []plannedEdge, arena []pt, rowInk []float32) (planned, lifted []plannedEdge, grown []pt, ink float64) {
	s, v, w, h := p.s, p.v, p.mapW, p.h
	screen := rect{0, 0, float64(w), float64(h)}
	// The selected actor's place in Nodes (-1 for none), whose ties are
	// stressed unless an emphasis is: a tie's ends are compared with it,
	// rather than reading each tie's.
	selected := int32(-1)
	if k, ok := p.ix.byID[s.Selected]; ok && s.Selected != 0 && s.Emphasis == nil {
		selected = k
	}
	for i := lo; i < hi; i++ {
		end := p.ix.ends[i]
		if end[0] < 0 {
			continue
		}
		na, nb := &p.node[end[0]], &p.node[end[1]]
		a, b := na.c, nb.c
		if maxf(a.X, b.X) < 0 || minf(a.X, b.X) > float64(w) || maxf(a.Y, b.Y) < 0 || minf(a.Y, b.Y) > float64(h) {
			continue
		}
		e := &s.Edges[i]
		alpha := p.ix.alpha[i] * minf(na.alpha, nb.alpha)
		stressed := selected >= 0 && (end[0] == selected || end[1] == selected) || s.Emphasis != nil && s.stressed(e)
		if p.near != nil && !stressed {
			alpha *= 0.3
		}
		if alpha <= 0.01 {
			continue
		}
		st := &p.ix.tie[i]
		var path []pt
		arena, path = bowedPath(arena, a, b, float64(st.lane)*laneSpacing*v.Zoom, na.trim, nb.trim, p.fine)
		if len(path) < 2 {
			continue
		}
		if p.route != nil && st.flags&tieOneLane != 0 {
			path = p.route.route(path, end[0], end[1], a, b, v.Zoom, s.Nodes[end[0]].Scale, s.Nodes[end[1]].Scale)
		}
		col := st.col
		if s.Emphasis != nil && s.Emphasis.Color != "" && s.Emphasis.Ties[e.ID] {
			col = p.emphasis
		}
		// Planned in its place at the end of out, rather than built
		// and copied there, and taken back if culled.
		out = append(out, plannedEdge{idx: int32(i), e: e, path: path, col: fade(col, alpha), width: width})
		pe := &out[len(out)-1]
		if st.flags&tieWeighted != 0 {
			pe.width = p.weighted(float64(st.weight), width)
		}
		if stressed || st.flags&tieLabelled != 0 || s.TieLabels {
			full := append([]pt(nil), path...) // before the arrowhead shortens it
			pe.full = &full
		}
		if st.flags&tieDashed != 0 && !(stressed && s.Emphasis != nil && s.Emphasis.Solid) {
			pe.dash = math.Max(3, 7*v.Zoom)
		}
		// A tie into an actor drawn as a dot is a hairline without an
		// arrowhead: at that size the head would hide the dot, and the
		// ties are too many for their direction to be read.
		directed := st.flags&tieDirected != 0 && !v.AsDot(s.Nodes[end[1]].Scale)
		var reach, x0, x1 float64
		arena, reach, x0, x1 = pe.finish(v.Zoom, directed, arena)
		// Cull a tie none of whose ink (line or arrowhead) reaches the
		// picture.
		if x1 < -reach || x0 > float64(w)+reach || pe.y1 < 0 || pe.y0 > float64(h) {
			out = out[:len(out)-1]
			continue
		}
		var seen float64 // its length on screen
		if len(path) > 2 || x0 < 0 || x1 > float64(w) || pe.y0 < -reach || pe.y1 > float64(h)+reach {
			if visibleLength(pe.path, rect{-reach, -reach, float64(w) + reach, float64(h) + reach}) == 0 {
				out = out[:len(out)-1]
				continue
			}
			seen = visibleLength(pe.path, screen)
		} else {
			seen = dist(pe.path[0], pe.path[1])
		}
		tie := seen * maxf(pe.width, 1)
		ink += tie
		spreadInk(rowInk, pe, tie, h)
		if stressed && p.near != nil {
			lifted = append(lifted, *pe)
			out = out[:len(out)-1]
		}
	}
	return out, lifted, arena, ink
}

// spreadInk adds a planned tie's ink to the rows of a picture h high it
// spans, evenly, as differences from the row before (rowInk is h+1 long).
func spreadInk(rowInk []float32, pe *plannedEdge, ink float64, h int) {
	y0, y1 := max(int(pe.y0), 0), min(int(pe.y1), h-1)
	if y0 > y1 {
		return
	}
	per := float32(ink / float64(y1-y0+1))
	rowInk[y0] += per
	rowInk[y1+1] -= per
}

// finish gives a planned tie its arrowhead, when it is directed (as wide
// as a wide line needs), appended to arena, and the rows it may touch; it
// returns arena grown, how far its ink reaches beyond its path, and the
// columns of its path.
func (pe *plannedEdge) finish(zoom float64, directed bool, arena []pt) (grown []pt, reach, x0, x1 float64) {
	size := maxf(maxf(5, arrowSize*zoom), 2.5*pe.width)
	if directed {
		arena, pe.arrow = arrowHead(arena, pe.path, size)
	}
	reach = pe.width/2 + size + 2
	// The path's box (its points are never NaN).
	x0, x1 = pe.path[0].X, pe.path[0].X
	y0, y1 := pe.path[0].Y, pe.path[0].Y
	for _, q := range pe.path[1:] {
		if q.X < x0 {
			x0 = q.X
		} else if q.X > x1 {
			x1 = q.X
		}
		if q.Y < y0 {
			y0 = q.Y
		} else if q.Y > y1 {
			y1 = q.Y
		}
	}
	pe.y0, pe.y1 = y0-reach, y1+reach
	return arena, reach, x0, x1
}

// planGhosts plans the scene's ghosted ties whose two actors are drawn:
// faded, dashed and in GhostColor. They are not in Scene.Edges (idx -1).
//
// A ghost between two actors that ties on show join too is bowed into a
// lane beside theirs: drawn straight, it lay under the tie that replaced
// it (relations broken over relations ended), dash on dash, unseen.
func (p *plan) planGhosts() []plannedEdge {
	if len(p.s.Ghosts) == 0 {
		return nil
	}
	var out []plannedEdge
	col := fade(parseColor(GhostColor), 0.6)
	width := p.v.lineWidth()
	type pair [2]model.ID
	pairOf := func(a, b model.ID) pair { return pair{min(a, b), max(a, b)} }
	shown, ghosts := map[pair]int{}, map[pair]int{}
	for i := range p.s.Ghosts {
		ghosts[pairOf(p.s.Ghosts[i].From, p.s.Ghosts[i].To)]++
	}
	for i := range p.s.Edges {
		if k := pairOf(p.s.Edges[i].From, p.s.Edges[i].To); ghosts[k] > 0 {
			shown[k]++
		}
	}
	next := map[pair]int{}
	for i := range p.s.Ghosts {
		g := p.s.Ghosts[i] // a copy, laned here
		e := &g
		a, okA := p.ix.byID[e.From]
		b, okB := p.ix.byID[e.To]
		if !okA || !okB {
			continue
		}
		// Beyond the lanes of the ties on show, or, without any, in
		// lanes of their own.
		k := pairOf(e.From, e.To)
		e.Lane, e.Lanes = next[k], ghosts[k]
		if n := shown[k]; n > 0 {
			e.Lane, e.Lanes = n+next[k], n
		}
		next[k]++
		_, path := edgePath(nil, p.centre[a], p.centre[b], e, p.v.Zoom, p.s.Nodes[a].Scale, p.s.Nodes[b].Scale, p.fine)
		if len(path) < 2 {
			continue
		}
		pe := plannedEdge{idx: -1, e: e, path: path, col: col, width: width, dash: math.Max(3, 7*p.v.Zoom)}
		pe.finish(p.v.Zoom, e.Directed, nil)
		out = append(out, pe)
	}
	return out
}

// planLinks plans the emphasis's links whose two actors are drawn (see
// Emphasis.Links): straight, dotted, as wide as a tie, in its colour or
// the picture's ink. They are not in Scene.Edges (idx -1).
func (p *plan) planLinks() []plannedEdge {
	em := p.s.Emphasis
	if em == nil || len(em.Links) == 0 {
		return nil
	}
	col := p.pal.ink
	if em.Color != "" {
		col = p.emphasis
	}
	width := p.v.lineWidth()
	var out []plannedEdge
	for _, l := range em.Links {
		a, okA := p.ix.byID[l[0]]
		b, okB := p.ix.byID[l[1]]
		if !okA || !okB || a == b {
			continue
		}
		e := &Edge{From: l[0], To: l[1], Alpha: 1}
		_, path := edgePath(nil, p.centre[a], p.centre[b], e, p.v.Zoom, p.s.Nodes[a].Scale, p.s.Nodes[b].Scale, p.fine)
		if len(path) < 2 {
			continue
		}
		pe := plannedEdge{idx: -1, e: e, path: path, col: col, width: width, dash: math.Max(2, 3*p.v.Zoom)}
		pe.finish(p.v.Zoom, false, nil)
		out = append(out, pe)
	}
	return out
}

// anyLabelled reports whether a tie drawn is of a Labelled kind, on a
// picture with room for labels (crowdedLines ties or fewer).
func (p *plan) anyLabelled() bool {
	if len(p.edges) > crowdedLines {
		return false
	}
	for _, pe := range p.edges {
		if pe.e.Kind.Labelled {
			return true
		}
	}
	return false
}

// labelled reports whether tie e's label is drawn: it is stressed, or,
// with nothing stressed, of a Labelled kind.
func (p *plan) labelled(e *Edge) bool {
	if p.s.stressed(e) {
		return true
	}
	if p.s.TieLabels {
		return len(p.edges) <= crowdedLines
	}
	return e.Kind.Labelled && p.s.Selected == 0 && p.s.Emphasis == nil && len(p.edges) <= crowdedLines
}

// weighted is the width of a tie of a Weighted kind and the given
// weight, base for an unweighted one: one to four times as wide as its
// weight is of the heaviest's.
func (p *plan) weighted(weight, base float64) float64 {
	if weight <= 0 || p.heaviest <= 0 {
		return base
	}
	return base * (1 + 3*math.Min(weight/p.heaviest, 1))
}

// nodeAlpha is node i's opacity as drawn.
func (p *plan) nodeAlpha(i int) float64 {
	n := &p.s.Nodes[i]
	if p.near != nil && !p.near[n.ID] {
		return n.Alpha * 0.4
	}
	return n.Alpha
}

// arrowHead returns the triangle of an arrow of the given size at the end
// of path, appended to buf (returned grown, see bowedPath), and shortens
// the path's last point so the line stops inside it.
func arrowHead(buf, path []pt, size float64) (grown []pt, arrow *[3]pt) {
	end, before := path[len(path)-1], path[len(path)-2]
	dx, dy := end.X-before.X, end.Y-before.Y
	l := math.Sqrt(dx*dx + dy*dy)
	if l == 0 {
		return buf, nil
	}
	ux, uy := dx/l, dy/l
	base := pt{end.X - ux*size, end.Y - uy*size}
	path[len(path)-1] = pt{end.X - ux*size*0.8, end.Y - uy*size*0.8}
	n := len(buf)
	buf = append(buf, end, pt{base.X - uy*size*0.5, base.Y + ux*size*0.5}, pt{base.X + uy*size*0.5, base.Y - ux*size*0.5})
	return buf, (*[3]pt)(buf[n:])
}

// visibleLength is how much of path lies in the picture r.
func visibleLength(path []pt, r rect) float64 {
	var sum float64
	for k := 1; k < len(path); k++ {
		if a, b, ok := clipSegment(path[k-1], path[k], r); ok {
			sum += dist(a, b)
		}
	}
	return sum
}

// clipSegment cuts the segment a-b to rectangle r (Liang–Barsky).
func clipSegment(a, b pt, r rect) (pt, pt, bool) {
	if (a.X < r.x0 && b.X < r.x0) || (a.X > r.x1 && b.X > r.x1) || (a.Y < r.y0 && b.Y < r.y0) || (a.Y > r.y1 && b.Y > r.y1) {
		return a, b, false
	}
	if a.X >= r.x0 && a.X <= r.x1 && a.Y >= r.y0 && a.Y <= r.y1 && b.X >= r.x0 && b.X <= r.x1 && b.Y >= r.y0 && b.Y <= r.y1 {
		return a, b, true
	}
	// Past the tests above, the segment is neither wholly on the far side
	// of an edge nor parallel to and outside one: along each axis it
	// moves, the range of t inside is cut from [0, 1].
	dx, dy := b.X-a.X, b.Y-a.Y
	t0, t1 := clipAxis(0, 1, a.X, dx, r.x0, r.x1)
	t0, t1 = clipAxis(t0, t1, a.Y, dy, r.y0, r.y1)
	if t0 > t1 {
		return a, b, false
	}
	return pt{a.X + t0*dx, a.Y + t0*dy}, pt{a.X + t1*dx, a.Y + t1*dy}, true
}

// clipAxis cuts [t0, t1], the part of a segment kept so far, to where
// its coordinate along one axis, from a moving by d, lies in [lo, hi].
func clipAxis(t0, t1, a, d, lo, hi float64) (float64, float64) {
	if math.Abs(d) < 1e-300 {
		return t0, t1 // no move (the caller has checked that a is within), or one too small to divide by
	}
	inv := 1 / d
	in, out := (lo-a)*inv, (hi-a)*inv
	if in > out {
		in, out = out, in
	}
	return max(t0, in), min(t1, out)
}

// keepLabels picks, when actor labels are too small to read, the most
// important actors' labels to draw anyway at a readable size: the
// selected and emphasised actors first, then by size (the measure the
// actors are sized by) and degree (see Scene.ranking); a label that would
// cover one already kept is left out.
func (r *Renderer) keepLabels(p *plan) {
	ui := p.v.UIScale
	area := float64(keptLabelArea)
	if p.v.Panel {
		area = panelLabelArea
	}
	budget := int(float64(p.mapW) * float64(p.h) / (area * ui * ui))
	if budget < 1 {
		return
	}
	size := keptLabelSize * ui
	pad := labelPad * ui / 2
	// A kept name lies wholly on the map, below the header and left of
	// the legend: cut by either, or showing through the header's date, it
	// could not be read, and another is kept in its stead.
	_, top, _, _ := plot(p.w, p.h, p.v)
	onMap := rect{0, top, float64(p.mapW), float64(p.h)}
	keep := func(i int32) {
		n := &p.s.Nodes[i]
		c := p.centre[i]
		rad := p.dotRad(int(i))
		tw := r.textWidth(false, size, n.Label)
		bw, bh := tw+2*pad, size+2*pad
		// Below the actor: a name that would run off the map's side is
		// moved along it. The selected actor's goes above it, or to its
		// right or left, where below it would not be wholly on the map (an
		// actor at the map's edge, selected, went unnamed). The others
		// keep to their place below, or are left out: more names,
		// elsewhere, crowd out the labels of the selected actor's ties.
		gap := rad + 2*ui
		places := []pt{{c.X - bw/2, c.Y + gap}, {c.X - bw/2, c.Y - gap - bh}, {c.X + gap, c.Y - bh/2}, {c.X - gap - bw, c.Y - bh/2}}
		// So may an actor of the date's events, with nothing selected.
		if !n.Selected && !(n.Told && p.s.Selected == 0) {
			places = places[:1]
		}
		for _, at := range places {
			box := rect{at.X, at.Y, at.X + bw, at.Y + bh}
			if dx := onMap.x0 - box.x0; dx > 0 {
				box.x0, box.x1 = box.x0+dx, box.x1+dx
			} else if dx := onMap.x1 - box.x1; dx < 0 {
				box.x0, box.x1 = box.x0+dx, box.x1+dx
			}
			if !box.within(onMap) || slices.ContainsFunc(p.kept, func(k keptLabel) bool { return k.box.overlap(box) > 0 }) {
				continue
			}
			p.kept = append(p.kept, keptLabel{node: i, x: box.x0 + pad, y: box.y0 + pad + size*0.8, box: box})
			return
		}
	}
	p.byImportance(true, func(i int32) bool {
		if len(p.kept) >= budget {
			return false
		}
		keep(i)
		return true
	})
}

// byImportance calls f for each actor in the picture with a label, alpha
// 0.5 or more, most important first (see ranking; with a selection, the
// selected actor and those its ties on show join it to first; with an
// emphasis, its actors), until f returns false: an actor selected on a
// big map has its partners named, which the most important actors' names
// crowded out.
//
// With told, the actors of the events the header tells of come after
// those near the selection and before the rest: where few names are kept
// (small multiples, a big map zoomed out), the names of what the date's
// events are about. A panel of the raid named the three best connected
// actors, and never Jorge Glas.
func (p *plan) byImportance(told bool, f func(i int32) bool) {
	shown := make([]bool, len(p.s.Nodes))
	for _, i := range p.nodes {
		shown[i] = true
	}
	// The passes: the selected actor, then those near it (its partners,
	// or the emphasised actors), then the rest.
	pass := func(n *Node) int {
		switch {
		case n.Selected:
			return 0
		case p.near[n.ID]:
			return 1
		case told && n.Told:
			return 2
		}
		return 3
	}
	order := p.s.ranking()
	for k := range 4 {
		for _, i := range order {
			if !shown[i] {
				continue
			}
			if n := &p.s.Nodes[i]; n.Alpha >= 0.5 && n.Label != "" && pass(n) == k {
				if !f(i) {
					return
				}
			}
		}
	}
}

// declutterLabels decides, where labels are drawn at a readable size,
// which are: in order of importance (see byImportance), each that covers
// no label drawn before it, nor the header's strip. Where actors crowd
// (a big map at a middle zoom), the names of the less important give way
// rather than pile up into an unreadable mass. A faded actor's label
// (alpha under 0.5) is drawn as before, under the rest.
func (r *Renderer) declutterLabels(p *plan) {
	_, top, _, _ := plot(p.w, p.h, p.v)
	screen := rect{0, 0, float64(p.mapW), float64(p.h)}
	placed := newBoxGrid([]rect{{0, 0, float64(p.mapW), top}}, screen)
	p.unlabelled = make([]bool, len(p.s.Nodes))
	for _, i := range p.nodes {
		if n := &p.s.Nodes[i]; n.Alpha >= 0.5 && n.Label != "" {
			p.unlabelled[i] = true // until placed below
		}
	}
	p.byImportance(false, func(i int32) bool {
		box := p.labelBox(int(i), r.labelWidth(p, int(i)))
		if !placed.any(box) {
			placed.add(box)
			p.unlabelled[i] = false
			p.names = append(p.names, box)
		}
		return true
	})
}

// labelWidth is the width of actor i's label at the plan's size, measured
// once for a scene and a size: a pan draws frame after frame at one size.
func (r *Renderer) labelWidth(p *plan, i int) float64 {
	ix := p.ix
	if ix.labelAt != p.size || len(ix.labelWidths) != len(p.s.Nodes) {
		ix.labelWidths, ix.labelAt = make([]float64, len(p.s.Nodes)), p.size
		for k := range ix.labelWidths {
			ix.labelWidths[k] = -1
		}
	}
	if ix.labelWidths[i] < 0 {
		ix.labelWidths[i] = r.textWidth(false, p.size, p.s.Nodes[i].Label)
	}
	return ix.labelWidths[i]
}

// labelBox is the plate of actor i's label, tw wide, at a readable size.
func (p *plan) labelBox(i int, tw float64) rect {
	n, c, v := &p.s.Nodes[i], p.centre[i], p.v
	rad := p.rad
	if n.Scale > 0 {
		rad *= n.Scale
	}
	top := c.Y + rad + labelGap*v.Zoom
	pad := labelPad * v.Zoom
	return rect{c.X - tw/2 - pad, top, c.X + tw/2 + pad, top + p.size + pad*1.5}
}

// tileRows is the height of the tiles a frame is painted in: small
// enough that a tile's pixels stay in a core's cache (2 MB here) while
// every tie that crosses it is drawn, tall enough that few short ties
// cross two tiles and are walked twice.
const tileRows = 128

// denseBands is how many bands a dense frame is painted in (see
// denseCuts), and overlayBands how many what lies over the map is drawn
// in. Two bands of equal work keep two cores busy: four, of the same
// rows, made the frame of 50,000 long ties among 10,000 actors 5 to 8%
// slower and that of 200,000 among 100,000 about 10%, each band going
// through all the ties.
const (
	denseBands   = 2
	overlayBands = 2
)

// tileStroke is what a tile needs to draw a planned tie: its path when
// straight (most are), else the planned tie's, and its ink.
type tileStroke struct {
	a, b        pt
	col         color.NRGBA
	width, dash float32
	edge        int32 // in plan.edges
	bent        bool  // the path is the planned tie's, not a-b
	arrow       bool  // it has an arrowhead
}

// strokeOf is planned tie i as the tiles draw it.
func (p *plan) strokeOf(i int) tileStroke {
	pe := &p.edges[i]
	st := tileStroke{col: pe.col, width: float32(pe.width), dash: float32(pe.dash), edge: int32(i), arrow: pe.arrow != nil}
	if len(pe.path) == 2 {
		st.a, st.b = pe.path[0], pe.path[1]
	} else {
		st.bent = true
	}
	return st
}

// paint draws the plan into img, tile by tile over all cores. Each tile
// draws, in the picture's order, only what reaches its rows, clipped to
// them. The tiles give the pixels one pass would, but where an
// anti-aliased polygon crosses a tile's edge (one level in 255 at most);
// as the tiles do not depend on the core count, neither does the picture.
func (r *Renderer) paint(p *plan, img *image.RGBA) {
	if p.dense {
		r.paintIn(p, img, denseCuts(p))
		return
	}
	r.paintIn(p, img, evenCuts(p.h, tileRows))
}

// evenCuts is the first row of each tile of rows rows in a picture h
// high, and h.
func evenCuts(h, rows int) []int {
	var cuts []int
	for y := 0; y < h; y += rows {
		cuts = append(cuts, y)
	}
	return append(cuts, h)
}

// denseCuts is where a dense frame's bands begin, and its height: long ties
// cross many tiles, and a few tall bands clip each fewer times. There are
// denseBands of them, cut where their ties' ink (see plan.rowInk) and their
// pixels, each as much work as a step of ink, are equal: ties gathered at
// the top of a picture are not left to one core. The cuts follow from the
// frame alone, not from the number of cores, so that the picture is the
// same on any machine. Each band is a whole number of the ink plane's
// blocks of 8 rows, so that a steep tie's step dashes (see stepDashes) go
// on across them, and the layers pass whole blocks by (see
// painter.layers).
func denseCuts(p *plan) []int {
	const unit = 8
	var total float64
	for _, ink := range p.rowInk {
		total += float64(ink) + float64(p.mapW)
	}
	cuts := []int{0}
	var sum float64
	for y, ink := range p.rowInk {
		sum += float64(ink) + float64(p.mapW)
		k := len(cuts)
		if k < denseBands && sum >= total*float64(k)/denseBands {
			if cut := (y + 1 + unit/2) / unit * unit; cut > cuts[k-1] && cut < p.h {
				cuts = append(cuts, cut)
			}
		}
	}
	return append(cuts, p.h)
}

// paintIn is paint in tiles of the given number of rows.
func (r *Renderer) paintIn(p *plan, img *image.RGBA, cuts []int) {
	tiles := len(cuts) - 1
	// Each tile gets the strokes of the ties that reach it, in order, in
	// arrays of its own, one for each part of p.edges (sorted over all
	// cores): a tile then reads its ties' ink straight through rather
	// than picking them out of every tie planned.
	//
	// A dense frame's ties but the stressed ones are instead walked once
	// over the whole picture (see dense), and each tile draws its part of
	// each walk, going through them all: they are mostly long, and a tie
	// is then neither listed in, nor clipped and set up again for, every
	// tile it crosses.
	parts := len(p.parts) - 1
	edgeTiles := r.spare.takeTiles(parts) // by part, then tile
	var dt *denseTies
	if p.dense {
		dt = r.spare.takeDense(len(p.edges))
	}
	whole := image.Rect(0, 0, p.mapW, p.h)
	// The tile of each row.
	tileAt := reuse(&r.spare, &r.spare.tileAt, p.h)
	for t := range tiles {
		for y := cuts[t]; y < cuts[t+1]; y++ {
			tileAt[y] = int32(t)
		}
	}
	tileOf := func(y float64) int { return int(tileAt[min(max(int(math.Floor(y)), 0), p.h-1)]) }
	r.spread(parts, func(_, k int) {
		lo, hi := p.parts[k], p.parts[k+1]
		byTile := edgeTiles[k]
		if cap(byTile) < tiles {
			byTile = make([][]tileStroke, tiles)
		}
		byTile = byTile[:tiles]
		for t := range byTile {
			byTile[t] = byTile[t][:0]
		}
		edgeTiles[k] = byTile
		if dt != nil && hi <= p.liftedFrom() {
			var last inked
			for i := lo; i < hi; i++ {
				dt.plan(p, i, whole, tileOf, &last)
			}
			return
		}
		if lo == hi {
			return
		}
		per := 2*(hi-lo)/tiles + 16
		for i := lo; i < hi; i++ {
			pe := &p.edges[i]
			if pe.y1 < 0 || pe.y0 > float64(p.h) {
				continue
			}
			st := p.strokeOf(i)
			for t := tileOf(pe.y0); t <= tileOf(pe.y1); t++ {
				if cap(byTile[t]) == 0 {
					byTile[t] = make([]tileStroke, 0, per)
				}
				byTile[t] = append(byTile[t], st)
			}
		}
	})
	// The rows each actor shown reaches, worked out over all cores; each
	// tile then picks out its own.
	box := r.boxes(p.s)
	nodeRows := reuse(&r.spare, &r.spare.nodeRows, len(p.nodes)) // each set below
	r.spread((len(p.nodes)+nodeChunk-1)/nodeChunk, func(_, k int) {
		for j := k * nodeChunk; j < min(len(p.nodes), (k+1)*nodeChunk); j++ {
			i := p.nodes[j]
			c := p.centre[i]
			reach := (box[i].H + 2*shapeRadius) * p.v.Zoom * math.Max(1, p.s.Nodes[i].Scale)
			nodeRows[j] = span{c.Y - reach, c.Y + reach + dotRadius + 2}
		}
	})
	r.growPainters(runtime.GOMAXPROCS(0))
	for _, pa := range r.painters {
		pa.newFrame()
	}
	// The busiest tiles go first, so that the cores finish together.
	order, load := make([]int, tiles), make([]int, tiles)
	for t := range order {
		order[t] = t
		for _, part := range edgeTiles {
			load[t] += len(part[t])
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return load[b] - load[a] })
	r.spread(tiles, func(worker, k int) {
		t := order[k]
		pa := r.painters[worker]
		pa.dst = img.SubImage(image.Rect(0, cuts[t], p.mapW, cuts[t+1])).(*image.RGBA)
		r.paintTile(p, pa, edgeTiles, dt, t, nodeRows)
	})
	// What lies over the map is drawn over the whole picture, in a few
	// bands over all cores (fixed, so that the picture is the same on any
	// machine).
	r.spread(overlayBands, func(worker, k int) {
		pa := r.painters[worker]
		pa.dst = img.SubImage(image.Rect(0, k*p.h/overlayBands, p.w, (k+1)*p.h/overlayBands)).(*image.RGBA)
		r.drawOverlays(pa, p)
	})
	r.spare.tiles = edgeTiles
	if dt != nil {
		r.spare.dense = dt
	}
}

// span is the rows from top to bottom (in pixels, not whole) that
// something drawn may reach.
type span struct{ top, bottom float64 }

// meets reports whether the span reaches any of the rows of r.
func (sp span) meets(r image.Rectangle) bool {
	return sp.bottom+1 >= float64(r.Min.Y) && sp.top-1 <= float64(r.Max.Y)
}

// inked is a colour and its ink.
type inked struct {
	colour uint32
	ink    uint8
}

// denseTies are a dense frame's ties, by edge, as the tiles draw them:
// each straight one's walk over the whole picture (the others' empty), the
// first and last tile each tie reaches (last < first for none), and each
// one's ink when the frame has inks; kept apart from the planned ties so
// that a tile reads only what it needs of them.
type denseTies struct {
	walks []walk
	tiles [][2]int16
	inks  []uint8
}

// plan works out how the tiles draw planned tie i in the picture whole,
// and numbers its ink when the frame has inks; tileOf is the tile a row is
// in, and last the colour and ink of the tie planned before on this core.
func (dt *denseTies) plan(p *plan, i int, whole image.Rectangle, tileOf func(y float64) int, last *inked) {
	pe := &p.edges[i]
	if p.inks != nil {
		if v := opaquePixel(pe.col); v != last.colour || last.ink == 0 {
			*last = inked{v, uint8(slices.Index(p.inks[1:], v) + 1)}
		}
		dt.inks[i] = last.ink
	}
	dt.tiles[i] = [2]int16{1, 0}
	dt.walks[i] = walk{x0: 1} // none
	if pe.y1 < 0 || pe.y0 > float64(whole.Max.Y) {
		return
	}
	rows := span{pe.y0, pe.y1}
	if len(pe.path) == 2 {
		wk := &dt.walks[i]
		if !wk.whole(pe.path[0], pe.path[1], pe.col, pe.dash, whole) {
			return // none, as set above
		}
		rows = wk.rows()
	}
	dt.tiles[i] = [2]int16{int16(tileOf(rows.top - 1)), int16(tileOf(rows.bottom + 1))}
}

// whole makes wk the walk of a straight dense tie from a to b over the
// picture r, as painter.thin would walk it one pixel wide in an image of
// all of r; false when it shows nowhere.
func (wk *walk) whole(a0, b0 pt, col color.NRGBA, dash float64, r image.Rectangle) bool {
	clip := rect{float64(r.Min.X) - 1, float64(r.Min.Y) - 1, float64(r.Max.X) + 1, float64(r.Max.Y) + 1}
	a, b, ok := clipSegment(a0, b0, clip)
	if !ok || col.A == 0 {
		return false
	}
	if !wk.set(a, b, 0, 0, r) {
		return false
	}
	if dash > 0 {
		wk.stepDashes(a0)
	}
	// A steep walk's steps across the picture's columns (a shallow
	// one's are its columns, cut to them by set): each tile then cuts a
	// walk to its rows only (see paintDenseInks).
	if wk.steep {
		first, last := acrossWithin(wk.yf, wk.df, wk.x1-wk.x0, r.Min.X, r.Max.X)
		if first > last {
			return false
		}
		wk.trim(first, last)
	}
	return true
}

// trim cuts the walk to its steps first to last (from 0).
func (wk *walk) trim(first, last int) {
	wk.yf += int64(first) * wk.df
	wk.ph += int64(first) * wk.pstep
	wk.x0, wk.x1 = wk.x0+first, wk.x0+last
}

// paintDense draws a dense frame's ties but the stressed ones in the
// painter's image, in order, one pixel wide, by ink when the frame has
// inks (see painter.layers).
func (r *Renderer) paintDense(p *plan, pa *painter, dt *denseTies, t int) {
	n := p.liftedFrom()
	switch {
	case p.inks == nil:
		r.paintDenseTies(p, pa, dt, t, 0, n)
	case p.overdraw < layeredInk:
		paintDenseInks(p, pa, dt, t, 0, n)
	default:
		last := min(0.5, layerInk/p.overdraw)
		pa.layers(n, last, func(lo, hi int) { paintDenseInks(p, pa, dt, t, lo, hi) })
	}
}

// paintDenseInks is paintDenseTies for a frame with inks: each tie's walk,
// cut to the tile's rows, is written by ink (see painter.lineInk), or, for
// a tie without one, its path. A walk lies in the picture's columns (see
// walk.whole): only a shallow walk's rows are worked out, and a steep
// walk's are its steps.
func paintDenseInks(p *plan, pa *painter, dt *denseTies, t, lo, hi int) {
	top, bottom := pa.dst.Rect.Min.Y, pa.dst.Rect.Max.Y
	for i := lo; i < hi; i++ {
		if span := dt.tiles[i]; t < int(span[0]) || t > int(span[1]) {
			continue
		}
		wk := &dt.walks[i]
		pa.ink = dt.inks[i]
		if wk.x0 > wk.x1 {
			pe := &p.edges[i]
			pa.thin(pe.path, 1, pe.col, pe.dash, false)
			continue
		}
		var first, last int
		if wk.steep {
			first, last = max(top-wk.x0, 0), min(bottom-1, wk.x1)-wk.x0
		} else {
			first, last = acrossWithin(wk.yf, wk.df, wk.x1-wk.x0, top, bottom)
		}
		if first > last {
			continue
		}
		k := int64(first)
		pa.lineInk(wk.x0+first, wk.x0+last, wk.yf+k*wk.df, wk.df, wk.steep, wk.ph+k*wk.pstep, wk.pstep)
	}
}

// paintDenseTies draws a dense frame without inks' ties lo to hi but the
// stressed ones in the painter's image, in order, one pixel wide, in
// their colours (see paintDenseInks for a frame with inks).
func (r *Renderer) paintDenseTies(p *plan, pa *painter, dt *denseTies, t, lo, hi int) {
	for i := lo; i < hi; i++ {
		if span := dt.tiles[i]; t < int(span[0]) || t > int(span[1]) {
			continue
		}
		wk := &dt.walks[i]
		pe := &p.edges[i]
		if wk.x0 <= wk.x1 && pe.col.A == 0xff {
			pa.walkDense(wk, pe.col)
		} else {
			pa.thin(pe.path, 1, pe.col, pe.dash, false)
		}
	}
}

// spread is layout.Spread, whose goroutines run at a lower priority for a
// Background renderer.
func (r *Renderer) spread(n int, f func(worker, i int)) {
	var start func()
	if r.Background {
		start = LowerPriority
	}
	layout.Spread(n, start, f)
}

// growPainters makes sure there is a painter, with its own rasterizer and
// font faces, for each of n bands.
func (r *Renderer) growPainters(n int) {
	for len(r.painters) < n {
		r.painters = append(r.painters, newPainter(nil, r))
	}
}

// paintTile paints the map in tile t: the painter's image is the tile;
// edges[k][t] are the ties of part k that reach it, or, in a dense frame,
// dt its ties but the stressed ones; nodeRows the rows each of p.nodes
// reaches.
func (r *Renderer) paintTile(p *plan, pa *painter, edges [][][]tileStroke, dt *denseTies, t int, nodeRows []span) {
	pal := p.pal
	ground := pal.background // opaque, or wholly transparent (zero, premultiplied)
	if ground.A == 0 {
		ground = color.NRGBA{}
	}
	b := pa.dst.Rect
	if p.inks != nil {
		// Each tie's number is drawn where it goes, and then each
		// pixel takes the colour of the last drawn there, or the
		// ground's (ink 0).
		pa.startInks()
	} else {
		first := pa.dst.Pix[pa.dst.PixOffset(b.Min.X, b.Min.Y):pa.dst.PixOffset(b.Max.X, b.Min.Y)]
		for i := 0; i < len(first); i += 4 {
			first[i], first[i+1], first[i+2], first[i+3] = ground.R, ground.G, ground.B, ground.A
		}
		for y := b.Min.Y + 1; y < b.Max.Y; y++ {
			copy(pa.dst.Pix[pa.dst.PixOffset(b.Min.X, y):], first)
		}
	}
	// The stressed ties, when set aside (see planShapes), are the last
	// part: drawn after the rest, inks and all, in full even in a dense
	// frame, so that they show.
	lifted := []tileStroke(nil)
	if p.near != nil && len(edges) > 0 {
		if last := edges[len(edges)-1]; t < len(last) {
			lifted = last[t]
		}
		edges = edges[:len(edges)-1]
	}
	if dt != nil {
		r.paintDense(p, pa, dt, t)
	} else {
		for _, part := range edges {
			if t < len(part) {
				r.paintStrokes(p, pa, part[t])
			}
		}
	}
	if p.inks != nil {
		pa.ink = 0
		pa.resolveInks(p.inks)
	}
	r.paintStrokes(p, pa, lifted)
	for j, i := range p.nodes {
		if nodeRows[j].meets(b) {
			r.drawNode(pa, p, int(i))
		}
	}
	// The ties' labels over the actors: one with no place clear of every
	// actor's shape covers some of one (see placeEdgeLabels), and under
	// it was lost ("decla◆sona non grata").
	for _, l := range p.labels {
		if l.box.y1+1 >= float64(b.Min.Y) && l.box.y0-1 <= float64(b.Max.Y) {
			r.drawEdgeLabel(pa, l, pal)
		}
	}
}

// paintStrokes draws planned ties in a tile, in order.
func (r *Renderer) paintStrokes(p *plan, pa *painter, strokes []tileStroke) {
	for k := range strokes {
		st := &strokes[k]
		straight := [2]pt{st.a, st.b}
		path := straight[:]
		if st.bent {
			path = p.edges[st.edge].path
		}
		width, dash := float64(st.width), float64(st.dash)
		if width <= thinLine {
			pa.thin(path, width, st.col, dash, true)
		} else {
			pa.stroke(path, width, st.col, dash)
		}
		if st.arrow {
			pa.fill(p.edges[st.edge].arrow[:], st.col)
		}
	}
}

// drawOverlays draws what lies over the map: the labels kept below a
// readable size, the header, the credit and the legend.
func (r *Renderer) drawOverlays(pa surface, p *plan) {
	pal := p.pal
	for _, k := range p.kept {
		n := &p.s.Nodes[k.node]
		alpha := p.nodeAlpha(int(k.node))
		b := k.box
		pa.fill(roundRect(b.x0, b.y0, b.x1, b.y1, 3*p.v.UIScale), fade(pal.plate, alpha))
		pa.text(n.Selected, keptLabelSize*p.v.UIScale, k.x, k.y, n.Label, fade(pal.ink, alpha))
	}
	r.drawMarks(pa, p)
	if p.v.Panel {
		r.drawPanelHeader(pa, p.s, p.v, p.w)
		return
	}
	r.drawHeader(pa, p.s, p.v, p.w)
	if len(p.s.Nodes) == 0 && p.s.Empty != "" {
		r.drawEmpty(pa, p.s, p.v, p.w, p.h)
	}
	if p.s.Sources != nil {
		r.drawFooter(pa, p.s, p.v, p.w, p.h)
	} else {
		r.drawCredit(pa, p.s, p.v.UIScale, p.w, p.h, p.v.Collapsed)
	}
	r.drawLegend(pa, p.s, p.v, p.w, p.h)
}

// scratch is what a renderer keeps of a frame's biggest arrays (its
// planned ties, their paths and the tiles' lists) for the next frame it
// draws with DrawOn, which then makes few of its own: a window drawing
// frame after frame leaves the garbage collector little to do.
// The arrays are in use while a frame is drawn only, under the renderer's
// lock; on is set while DrawOn draws.
type scratch struct {
	on      bool
	edges   []plannedEdge
	planned int // how many of edges the last frame planned
	arenas  [][]pt
	tiles   [][][]tileStroke
	dense   *denseTies
	// The actors' arrays of a frame (see plan and paintIn).
	centre   []pt
	node     []nodeEnd
	shown    [][]int32
	nodes    []int32
	nodeRows []span
	tileAt   []int32 // the tile of each row (see paintIn)
	// rowInk: each chunk's, and a dense frame's (see plan.rowInk).
	rowInks [][]float32
	rowInk  []float32
}

// takeEdges returns an array of n planned ties, the spare one when it
// is long enough.
func (sc *scratch) takeEdges(n int) []plannedEdge {
	if !sc.on || cap(sc.edges) < n {
		return make([]plannedEdge, n)
	}
	// What the last frame planned beyond n is not planned over: let go
	// of it.
	clear(sc.edges[n:max(n, sc.planned)])
	all := sc.edges[:n]
	sc.edges = nil
	return all
}

// takeArenas returns n empty arrays of points, of room points each at
// least, the spare ones where they are.
func (sc *scratch) takeArenas(n, room int) [][]pt {
	var out [][]pt
	if sc.on {
		out, sc.arenas = sc.arenas, nil
	}
	out = resize(out, n)
	for c := range out {
		if cap(out[c]) < room {
			out[c] = make([]pt, 0, room)
		}
		out[c] = out[c][:0]
	}
	return out
}

// takeRowInk returns n arrays of m zeros, the spare ones while DrawOn
// draws (see reuse).
func (sc *scratch) takeRowInk(n, m int) [][]float32 {
	out := reuse(sc, &sc.rowInks, n)
	for c := range out {
		out[c] = resize(out[c], m)
		clear(out[c])
	}
	return out
}

// takeTiles returns n lists of tiles' strokes, the spare ones where they
// are (their tiles emptied by the caller).
func (sc *scratch) takeTiles(n int) [][][]tileStroke {
	var out [][][]tileStroke
	if sc.on {
		out, sc.tiles = sc.tiles, nil
	}
	return resize(out, n)
}

// takeDense returns a dense frame's ties for n planned ties, the spare
// ones where they are.
func (sc *scratch) takeDense(n int) *denseTies {
	dt := &denseTies{}
	if sc.on && sc.dense != nil {
		dt, sc.dense = sc.dense, nil
	}
	dt.walks, dt.tiles, dt.inks = resize(dt.walks, n), resize(dt.tiles, n), resize(dt.inks, n)
	return dt
}

// reuse returns *spare with length n, its array kept in *spare for the
// next frame, while DrawOn draws (sc.on); else a new array. What it held is
// kept: the caller sets each element, or empties the array.
func reuse[T any](sc *scratch, spare *[]T, n int) []T {
	if !sc.on {
		return make([]T, n)
	}
	*spare = resize(*spare, n)
	return *spare
}

// resize returns s with length n, keeping what its array holds up to its
// capacity (and zero values beyond).
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		s = append(s[:cap(s)], make([]T, n-cap(s))...)
	}
	return s[:n]
}

// keep takes back frame p's planned ties for the next frame. They still
// point into p's scene, the one just drawn, until the next frame plans
// over them and clears what it leaves (see planShapes): clearing them
// here would cost every frame a pass over the array, to let go of a
// scene that is on show.
func (sc *scratch) keep(p *plan) {
	sc.edges, sc.planned = p.edges[:0], len(p.edges)
}
