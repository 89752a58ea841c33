package layout

import (
	"context"
	"math"
	"slices"

	"relmap/model"
)

// Smoothing runs when the frames' stress models hold at most smoothBudget
// pair terms in all, for smoothPasses passes, fewer (but at least 6) when
// the passes would take more than smoothWork term updates. After an edit
// it moves the frames within smoothReach of the first frame that changed,
// and every frame after it (whose inputs chain through it).
const (
	smoothPasses = 120
	smoothBudget = 20_000_000
	smoothWork   = 120_000_000
	smoothReach  = 6
)

// smoothPart is one group of one frame in smoothing.
type smoothPart struct {
	s     *stressModel
	nodes []int32 // indexes into the frame's graph
	pos   [][2]float64
	// link[a][i] is the index of node i's actor in the graph of the frame
	// before (a = 0) or after (a = 1); -1 when that frame does not anchor
	// it.
	link [2][]int32
}

// smooth lays out the frames together: the stress of every frame plus,
// for every actor, the anchor terms between its places at consecutive
// frames, as in dynamic stress layouts that link each actor to its copies
// at neighbouring times. Starting from the frames laid out one after the
// other, each pass lays out every frame in turn, forward and back, pulled
// toward both neighbours as they stand (block coordinate descent).
// Forward-only anchoring lets the picture lag behind its changes and then
// drift; linking spreads each change over the dates around it, which gives
// less stress for the same movement. Boxes are separated once, after the
// last pass.
//
// Only frames marked dirty move; the others anchor their neighbours.
func (u *union) smooth(ctx context.Context, m *model.Map, kf *keyframes, opt Options, dirty []bool) error {
	kappa := anchorWeight(opt.Stability)
	if opt.Anchor != AnchorPrevious || kappa == 0 || math.IsInf(kappa, 1) || len(kf.days) < 3 || !slices.Contains(dirty, true) {
		return nil
	}
	actors := 0
	for _, pos := range kf.pos {
		actors += len(pos)
	}
	if actors > smoothBudget { // each actor has a term with itself and every other of its group
		return nil
	}
	nf := len(kf.days)
	snaps := make([]model.Snapshot, nf)
	graphs := make([]graph, nf)
	groups := make([][][]int32, nf)
	terms := 0
	for k, day := range kf.days {
		snaps[k] = m.Snapshot(day)
		graphs[k] = buildGraph(snaps[k])
		groups[k] = u.groupsOf(graphs[k])
		for _, nodes := range groups[k] {
			terms += len(nodes) * len(nodes)
		}
	}
	if terms > smoothBudget {
		return nil
	}
	// flat[k] holds frame k's positions in edge lengths, by graph node.
	index := make([]map[model.ID]int32, nf)
	flat := make([][][2]float64, nf)
	for k, g := range graphs {
		index[k] = make(map[model.ID]int32, g.n())
		flat[k] = make([][2]float64, g.n())
		for v, id := range g.ids {
			index[k][id] = int32(v)
			flat[k][v] = toUnits(kf.pos[k][id], opt.EdgeLength)
		}
	}
	// A frame with no ties at all (before the first tie begins, after the
	// last ends) says nothing about where actors belong: it anchors no one.
	informs := func(k int) bool { return k >= 0 && k < nf && len(snaps[k].Ties) > 0 }
	parts := make([][]smoothPart, nf)
	for k, g := range graphs {
		if !dirty[k] {
			continue
		}
		var links [2]map[model.ID]int32
		for a, j := range []int{k - 1, k + 1} {
			if informs(j) {
				links[a] = index[j]
			}
		}
		for _, nodes := range groups[k] {
			if p, ok := u.smoothPart(m, g, nodes, flat[k], links, kappa); ok {
				parts[k] = append(parts[k], p)
			}
		}
	}
	passes := min(smoothPasses, max(6, smoothWork/terms))
	for pass := range passes {
		for step := range nf {
			k := step
			if pass%2 == 1 {
				k = nf - 1 - step
			}
			for _, p := range parts[k] {
				for a, j := range []int{k - 1, k + 1} {
					for i, other := range p.link[a] {
						if other >= 0 {
							p.s.anchors[a].at[i] = flat[j][other]
						}
					}
				}
				if err := p.s.run(ctx, p.pos, opt.MaxSweeps, p.s.tolerance()); err != nil {
					return err
				}
				for i, v := range p.nodes {
					flat[k][v] = p.pos[i]
				}
			}
		}
	}
	for k := range kf.days {
		if len(parts[k]) > 0 {
			kf.pos[k] = u.separate(m, snaps[k], graphs[k], flat[k], opt)
		}
	}
	return nil
}

// smoothPart builds the stress model of one group of a frame whose graph
// is g and positions pos, with anchor terms toward the frames before and
// after it, whose graph indexes are links[0] and links[1] (nil for a frame
// that anchors no one). It reports false for a group that no frame
// anchors, which smoothing leaves as it is.
func (u *union) smoothPart(m *model.Map, g graph, nodes []int32, pos [][2]float64, links [2]map[model.ID]int32, kappa float64) (smoothPart, bool) {
	p := smoothPart{s: u.keyframeGroup(g, nodes).model(), nodes: nodes, pos: make([][2]float64, len(nodes))}
	p.s.fixed = make([]bool, len(nodes))
	for i, v := range nodes {
		p.pos[i] = pos[v]
		_, p.s.fixed[i] = m.Pins[g.ids[v]]
	}
	pull := kappa * sizeFactor(p.s)
	linked := false
	for a, index := range links {
		p.link[a] = make([]int32, len(nodes))
		t := anchorTerm{at: make([][2]float64, len(nodes)), alpha: make([]float64, len(nodes))}
		for i, v := range nodes {
			p.link[a][i] = -1
			if other, ok := index[g.ids[v]]; ok {
				p.link[a][i], t.alpha[i], linked = other, pull, true
			}
		}
		p.s.anchors = append(p.s.anchors, t)
	}
	return p, linked
}

// toUnits converts a position in layout units to edge lengths.
