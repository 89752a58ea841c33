package layout

import (
	"context"
	"hash/fnv"
	"sort"

	"relmap/model"
)

// union is the graph of every actor and tie of a map, whatever their
// dates, split into connected components. Each component is laid out on
// its own and the components are packed side by side; on a keyframe, the
// actors of one component form a group whose pairs that are not connected
// on that date keep their distance in the union (see group.row).
type union struct {
	g      graph
	index  map[model.ID]int32
	comps  [][]int32 // union nodes of each component, sorted
	compOf []int32   // component of each union node
	local  []int32   // index of each union node within its component
	sub    []graph   // each component's graph, by local index
	// full[c] is component c's all-pairs hop distances when it is laid
	// out with full stress (nil until its aggregate is computed).
	full [][]uint16
	sig  uint64
}

func newUnion(m *model.Map, opt Options) *union {
	g := buildGraph(model.Snapshot{Actors: m.Actors, Ties: m.Ties})
	u := &union{g: g, index: make(map[model.ID]int32, g.n()), comps: g.components()}
	for i, id := range g.ids {
		u.index[id] = int32(i)
	}
	u.compOf = make([]int32, g.n())
	u.local = make([]int32, g.n())
	u.sub = make([]graph, len(u.comps))
	u.full = make([][]uint16, len(u.comps))
	for c, nodes := range u.comps {
		for k, v := range nodes {
			u.compOf[v], u.local[v] = int32(c), int32(k)
		}
		u.sub[c] = g.subgraph(nodes)
	}
	u.sig = graphSig(0, m.Actors, g, m.Pins, opt)
	return u
}

// aggregate lays out every component of the union (warm-started from warm
// where it has every actor of a component) and packs them side by side.
// Positions are in edge lengths.
func (u *union) aggregate(ctx context.Context, m *model.Map, opt Options, warm map[model.ID][2]float64) (map[model.ID][2]float64, error) {
	rng := newRand(opt)
	pos := make([][][2]float64, len(u.comps))
	pinned := make([]bool, len(u.comps))
	for c, sub := range u.comps {
		gr := u.unionGroup(c)
		p := warmStart(u.sub[c].ids, warm)
		if p == nil {
			p = gr.initial(rng)
		}
		s := gr.model()
		if s.d != nil {
			u.full[c] = s.d
		}
		s.fixed = make([]bool, len(sub))
		for k, id := range u.sub[c].ids {
			if pin, ok := m.Pins[id]; ok {
				p[k], s.fixed[k], pinned[c] = toUnits(pin, opt.EdgeLength), true, true
			}
		}
		if !pinned[c] && p != nil {
			s.scale(p)
		}
		if err := s.run(ctx, p, opt.MaxSweeps, s.tolerance()); err != nil {
			return nil, err
		}
		pos[c] = p
	}
	sizes := make(map[model.ID]Size, len(m.Actors))
	for _, a := range m.Actors {
		sz := opt.Box(a)
		sizes[a.ID] = Size{sz.W / opt.EdgeLength, sz.H / opt.EdgeLength}
	}
	pack(u.sub, pos, pinned, sizes, opt.Gap/opt.EdgeLength+0.5)
	out := make(map[model.ID][2]float64, u.g.n())
	for c := range u.comps {
		for k, id := range u.sub[c].ids {
			out[id] = pos[c][k]
		}
	}
	return out, nil
}

// homePositions lists home in the node order of the union graph.
func (u *union) homePositions(home map[model.ID][2]float64) [][2]float64 {
	out := make([][2]float64, u.g.n())
	for i, id := range u.g.ids {
		out[i] = home[id]
	}
	return out
}

// warmStart returns the positions of ids in warm, or nil unless warm has
// them all.
func warmStart(ids []model.ID, warm map[model.ID][2]float64) [][2]float64 {
	if warm == nil {
		return nil
	}
	p := make([][2]float64, len(ids))
	for k, id := range ids {
		q, ok := warm[id]
		if !ok {
			return nil
		}
		p[k] = q
	}
	return p
}

// unionGroup is component c of the union as a group: distances are hop
// distances in the union.
func (u *union) unionGroup(c int) group {
	sub := u.sub[c]
	return group{n: sub.n(), adj: sub.adj, row: func(i int, dist []int32, _ []bool) {
		sub.bfs(i, dist, make([]int32, 0, sub.n()))
	}}
}

// groupsOf splits the nodes of keyframe graph g by union component, each
// list in g's order; groups come in component order.
func (u *union) groupsOf(g graph) [][]int32 {
	byComp := map[int32][]int32{}
	var order []int32
	for v, id := range g.ids {
		c := u.compOf[u.index[id]]
		if _, ok := byComp[c]; !ok {
			order = append(order, c)
		}
		byComp[c] = append(byComp[c], int32(v))
	}
	sort.Slice(order, func(p, q int) bool { return order[p] < order[q] })
	out := make([][]int32, len(order))
	for k, c := range order {
		out[k] = byComp[c]
	}
	return out
}

// keyframeGroup is the group of keyframe nodes (indexes into g, all in one
// union component): distances are hop distances on the keyframe's date,
// and for pairs not connected then, ghost distances in the union.
func (u *union) keyframeGroup(g graph, nodes []int32) group {
	kg := g.subgraph(nodes)
	c := u.compOf[u.index[kg.ids[0]]]
	sub, full := u.sub[c], u.full[c]
	ul := make([]int32, len(nodes)) // union-local index of each node
	for k, id := range kg.ids {
		ul[k] = u.local[u.index[id]]
	}
	return group{n: kg.n(), adj: kg.adj, row: func(i int, dist []int32, ghost []bool) {
		kg.bfs(i, dist, make([]int32, 0, kg.n()))
		var urow []int32
		for j, v := range dist {
			ghost[j] = false
			if v >= 0 {
				continue
			}
			if full != nil {
				dist[j] = int32(full[int(ul[i])*sub.n()+int(ul[j])])
			} else {
				if urow == nil {
					urow = make([]int32, sub.n())
					sub.bfs(int(ul[i]), urow, make([]int32, 0, sub.n()))
				}
				dist[j] = urow[ul[j]]
			}
			ghost[j] = dist[j] > 0
		}
	}}
}

// graphSig hashes what a layout of g depends on: seed, the actors' boxes
// and pins, the ties, and the options.
func graphSig(seed uint64, actors []model.Actor, g graph, pins map[model.ID]model.Point, opt Options) uint64 {
	h := &hasher{h: fnv.New64a()}
	put, putF := h.u64, h.f64
	put(seed)
	h.options(opt)
	for _, a := range actors {
		put(uint64(a.ID))
		sz := opt.Box(a)
		putF(sz.W)
		putF(sz.H)
		if p, ok := pins[a.ID]; ok {
			putF(p.X)
			putF(p.Y)
		}
	}
	for i, nb := range g.adj {
		put(uint64(i))
		for _, j := range nb {
			put(uint64(j))
		}
	}
	return h.sum64()
}
