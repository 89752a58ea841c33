package layout

import (
	"context"
	"math"
	"math/rand"

	"relmap/model"
)

func toUnits(p model.Point, unit float64) [2]float64 { return [2]float64{p.X / unit, p.Y / unit} }

// keyframe lays out one snapshot, whose graph is g. prev is the frame
// before it (nil for the first), which it starts from and, with
// AnchorPrevious, is pulled toward; start holds positions to start from
// instead (a warm start); home is the aggregate.
func (u *union) keyframe(ctx context.Context, m *model.Map, snap model.Snapshot, g graph, prev, start map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) (map[model.ID]model.Point, error) {
	n := g.n()
	unit := opt.EdgeLength
	kappa := anchorWeight(opt.Stability)
	pos := make([][2]float64, n)
	for _, nodes := range u.groupsOf(g) {
		gr := u.keyframeGroup(g, nodes)
		local := make([][2]float64, len(nodes))
		placed := make([]bool, len(nodes))
		for k, v := range nodes {
			id := g.ids[v]
			if p, ok := prev[id]; ok {
				local[k], placed[k] = toUnits(p, unit), true
			}
			if p, ok := start[id]; ok {
				local[k], placed[k] = toUnits(p, unit), true
			}
		}
		startNewcomers(gr, nodes, g, local, placed, home)
		term := anchorOf(g, nodes, prev, home, opt)
		fixed := make([]bool, len(nodes))
		anyFixed := false
		for k, v := range nodes {
			if p, ok := m.Pins[g.ids[v]]; ok {
				local[k], fixed[k], anyFixed = toUnits(p, unit), true, true
			}
		}
		before := centroid(local)
		s := gr.model()
		s.fixed = fixed
		if term != nil && kappa > 0 {
			if math.IsInf(kappa, 1) {
				for k := range fixed {
					if term.alpha[k] > 0 {
						local[k], fixed[k] = term.at[k], true
					}
				}
			} else {
				pull := kappa * sizeFactor(s)
				for k := range term.alpha {
					term.alpha[k] *= pull
				}
				s.anchors = []anchorTerm{*term}
			}
		}
		if err := s.run(ctx, local, opt.MaxSweeps, s.tolerance()); err != nil {
			return nil, err
		}
		if (term == nil || kappa == 0) && !anyFixed {
			// Nothing holds the group in place: keep it where it started.
			after := centroid(local)
			for k := range local {
				local[k][0] += before[0] - after[0]
				local[k][1] += before[1] - after[1]
			}
		}
		for k, v := range nodes {
			pos[v] = local[k]
		}
	}
	return u.separate(m, snap, g, pos, opt), nil
}

// anchorOf returns the anchor term of nodes: toward their places in prev,
// or with AnchorAggregate toward their homes, with weight 1 for the nodes
// it places and 0 for the rest; nil for the first frame, which nothing
// anchors.
func anchorOf(g graph, nodes []int32, prev map[model.ID]model.Point, home map[model.ID][2]float64, opt Options) *anchorTerm {
	if prev == nil {
		return nil
	}
	t := &anchorTerm{at: make([][2]float64, len(nodes)), alpha: make([]float64, len(nodes))}
	for k, v := range nodes {
		id := g.ids[v]
		if opt.Anchor == AnchorAggregate {
			t.at[k], t.alpha[k] = home[id], 1
		} else if p, ok := prev[id]; ok {
			t.at[k], t.alpha[k] = toUnits(p, opt.EdgeLength), 1
		}
	}
	return t
}

// separate converts pos to layout units, puts pinned actors exactly at
// their pins and removes box overlaps.
func (u *union) separate(m *model.Map, snap model.Snapshot, g graph, pos [][2]float64, opt Options) map[model.ID]model.Point {
	boxes := make([]box, g.n())
	for i, a := range snap.Actors {
		sz := opt.Box(a)
		boxes[i] = box{x: pos[i][0] * opt.EdgeLength, y: pos[i][1] * opt.EdgeLength, w: sz.W, h: sz.H}
		if p, ok := m.Pins[a.ID]; ok {
			boxes[i].x, boxes[i].y, boxes[i].fixed = p.X, p.Y, true // exactly, not via edge lengths
		}
	}
	removeOverlaps(boxes, opt.Gap)
	out := make(map[model.ID]model.Point, g.n())
	for i, id := range g.ids {
		out[id] = model.Point{X: boxes[i].x, Y: boxes[i].y}
	}
	return out
}

// spreadHome is the aggregate in union order, spread (see spread) for
// boxes of the actors' mean size, unless an actor is pinned.
func (u *union) spreadHome(m *model.Map, home map[model.ID][2]float64, opt Options) [][2]float64 {
	pos := u.homePositions(home)
	if len(m.Pins) > 0 || len(m.Actors) == 0 {
		return pos
	}
	var w, h float64
	for _, a := range m.Actors {
		sz := opt.Box(a)
		w, h = w+sz.W, h+sz.H
	}
	n := float64(len(m.Actors))
	spread(pos, (math.Max(w/n, h/n)+opt.Gap)/opt.EdgeLength)
	return pos
}

// startNewcomers gives the nodes not yet placed a start: near their placed
// neighbours, offset from each as the aggregate offsets them; with no
// placed neighbour, their home.
func startNewcomers(gr group, nodes []int32, g graph, local [][2]float64, placed []bool, home map[model.ID][2]float64) {
	for k, v := range nodes {
		if placed[k] {
			continue
		}
		hi := home[g.ids[v]]
		var sum [2]float64
		count := 0
		for _, j := range gr.adj[k] {
			if placed[j] {
				hj := home[g.ids[nodes[j]]]
				sum[0] += local[j][0] + hi[0] - hj[0]
				sum[1] += local[j][1] + hi[1] - hj[1]
				count++
			}
		}
		if count > 0 {
			local[k] = [2]float64{sum[0] / float64(count), sum[1] / float64(count)}
		} else {
			local[k] = hi
		}
	}
}

func centroid(pos [][2]float64) [2]float64 {
	var c [2]float64
	for _, p := range pos {
		c[0] += p[0]
		c[1] += p[1]
	}
	if len(pos) > 0 {
		c[0] /= float64(len(pos))
		c[1] /= float64(len(pos))
	}
	return c
}

// newRand is the random source of a layout.
func newRand(opt Options) *rand.Rand { return rand.New(rand.NewSource(opt.Seed)) }
