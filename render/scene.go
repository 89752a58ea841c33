package render

import (
	"maps"
	"math"
	"slices"

	"relmap/i18n"
	"relmap/layout"
	"relmap/model"
)

// Node is an actor as drawn: its box is centred at X, Y in layout units.
type Node struct {
	ID       model.ID
	Label    string
	Kind     model.Kind
	X, Y     float64
	Alpha    float64
	Selected bool
	Pinned   bool
	// Told is set when the actor takes part in an event the header
	// tells of: where few names are kept, theirs come first.
	Told bool
	// Scale multiplies the shape's size (0 means 1): an actor sized by
	// a measure. Color, when set ("#rrggbb"), fills the shape instead of
	// its kind's colour: an actor coloured by its community.
	Scale float64
	Color string
	// Marks are the numbers of the footer's sources that support the
	// actor (see Scene.CiteSources).
	Marks []int
}

// Edge is a tie as drawn. Lane and Lanes place it among the ties that join
// the same two actors, so that parallel ties are drawn apart.
type Edge struct {
	ID          model.ID
	From, To    model.ID
	Kind        model.Kind
	Label       string
	Directed    bool
	Alpha       float64
	Lane, Lanes int
	// Weight is the tie's weight, drawn as its width when its kind is
	// Weighted.
	Weight float64
	// Marks are the numbers of the footer's sources that support the tie.
	Marks []int
	// KindLabel: the tie has no label of its own, and Label is its kind's,
	// said in the picture's language when drawn.
	KindLabel bool
}

// Scene is everything one picture shows. Once drawn, a scene's actors and
// ties change only by moving, fading and resizing (MoveNode, TweenScene,
// Alpha, Scale) and by what the renderer is told of (Selected, Emphasis):
// the renderer keeps what it works out of the rest, such as each tie's
// style, and so does a Copy. To change anything else, build a new scene.
type Scene struct {
	Title string
	// At is the picture's day, written in the renderer's language; Date
	// is written as it is when At is 0.
	At   model.Day
	Date string
	// Caption is a note on what the picture shows (a filter, a measure),
	// written after the title.
	Caption string
	// Events are the titles of the events of EventDate, the latest date
	// with events up to the picture's (within model.EventWindow days).
	Events    []string
	EventDate string
	// Credit is what the picture credits at its foot: the map's source,
	// author and licence (model.Map.Credit).
	Credit string
	Nodes  []Node
	Edges  []Edge
	// Legend kinds: those the whole map uses, so that the legend does not
	// change as the date moves.
	ActorKinds []model.Kind
	TieKinds   []model.Kind
	// Selected is the selected actor (0 for none); its ties are labelled.
	Selected model.ID
	// Known, when set and its first day is At, is the date the picture
	// is of as far as it is known, which the header shows: the month of
	// an event of a month, which an animation steps to on its first day,
	// rather than that day.
	Known model.Date
	// Emphasis, when set, is what the picture stresses instead of the
	// selection's neighbourhood: a focus, a path.
	Emphasis *Emphasis
	// Hidden are the kinds a filter hides: their actors and ties are not
	// in the scene, and the legend lists them faint.
	Hidden map[KindKey]bool
	// SizeBy and ColorBy say, in the legend, what the actors' sizes and
	// colours (Node.Scale, Node.Color) stand for ("betweenness",
	// "community"); empty when they stand for nothing.
	SizeBy, ColorBy string
	// Empty, when set and the scene has no actors, is written in the
	// middle of the map: why it shows none (a filter that leaves none).
	Empty string
	// Filter, when set, says in the legend what a filter leaves out, a
	// line for each ("2 kinds hidden\nonly role = embassy").
	Filter string
	// Since, when set, is the date the picture is compared with
	// ("2024-04-04"): the legend says that the ties that began since are
	// drawn in full in the emphasis's colour, and those that ended since
	// dashed in GhostColor (see Ghosts).
	Since string
	// Ghosts are ties not in force on the picture's date, drawn ghosted
	// (faded, dashed, in GhostColor) under the rest where both their
	// actors are drawn: what a comparison of two dates says has ended.
	Ghosts []Edge
	// Theme is the picture's look (Light when empty); Transparent leaves
	// its ground unpainted, for a picture laid over another.
	Theme       Theme
	Transparent bool
	// Sources, when not nil, are printed in a footer, numbered, with the
	// map's credit, and their numbers marked on what each supports (see
	// CiteSources).
	Sources []string
	// TieLabels draws every tie's label, with its weight when it has one,
	// where there is room, whatever its kind says.
	TieLabels bool

	ix *index // built by the renderer when first needed
}

// Copy returns a copy of s that shares nothing s's owner may change:
// its actors, ties, emphasis and hidden kinds are copied.
func (s *Scene) Copy() *Scene {
	c := *s
	if s.ix != nil {
		// What the renderer worked out of the actors and ties holds for
		// the copy too, but for where they are (see Scene).
		ix := *s.ix
		ix.grid = nil
		ix.labelWidths = nil              // filled in as measured: each copy its own
		ix.alpha = slices.Clone(ix.alpha) // kept with the copy's edges (see moved)
		c.ix = &ix
	}
	c.Nodes = append([]Node(nil), s.Nodes...)
	c.Edges = append([]Edge(nil), s.Edges...)
	c.ActorKinds = append([]model.Kind(nil), s.ActorKinds...)
	c.TieKinds = append([]model.Kind(nil), s.TieKinds...)
	if s.Emphasis != nil {
		c.Emphasis = &Emphasis{Actors: maps.Clone(s.Emphasis.Actors), Ties: maps.Clone(s.Emphasis.Ties), Color: s.Emphasis.Color, Links: slices.Clone(s.Emphasis.Links), Solid: s.Emphasis.Solid}
	}
	c.Ghosts = append([]Edge(nil), s.Ghosts...)
	c.Hidden = maps.Clone(s.Hidden)
	return &c
}

// KindKey names a kind: its class and name.
type KindKey struct {
	Class model.Class
	Name  string
}

// Emphasis is a set of actors and ties that a picture draws in full and
// labels; the rest are drawn faded. Color, when set ("#rrggbb"), draws the
// emphasised ties in that colour instead of their kinds'. Links are pairs
// of actors it joins by no tie (a path's step over an actor's belongs-to
// or located-in link), drawn dotted between them over the rest, in Color
// or the picture's ink. Solid draws the emphasised ties solid, whatever
// their kinds' dashes: what began, in a comparison, against what ended,
// dashed.
type Emphasis struct {
	Actors, Ties map[model.ID]bool
	Color        string
	Links        [][2]model.ID
	Solid        bool
}

// GhostColor is the colour of ghosted ties (Scene.Ghosts).
const GhostColor = "#c62828"

// labelText is what tie e's label says: its label, and with TieLabels
// its weight too.
func (s *Scene) labelText(e *Edge, lang *i18n.Lang) string {
	label := e.Label
	if e.KindLabel {
		label = lang.KindLabel(e.Kind)
	}
	if !s.TieLabels || e.Weight == 0 {
		return label
	}
	w := lang.Decimal(model.WeightText(e.Weight))
	if label == "" {
		return w
	}
	return label + " (" + w + ")"
}

// stressed reports whether e is drawn in full and labelled: one of the
// emphasis's ties, or, with none, a tie of the selected actor.
func (s *Scene) stressed(e *Edge) bool {
	if s.Emphasis != nil {
		return s.Emphasis.Ties[e.ID]
	}
	return e.From == s.Selected || e.To == s.Selected
}

// Frame is what to draw of a map: the snapshot (for a transition, the union
// of two), positions, and opacities (nil maps mean fully opaque).
type Frame struct {
	Snap       model.Snapshot
	Pos        map[model.ID]model.Point
	ActorAlpha map[model.ID]float64
	TieAlpha   map[model.ID]float64
}

// FrameAt is the still frame of m on day, laid out by tl.
func FrameAt(m *model.Map, tl *layout.Timeline, day model.Day) Frame {
	return Frame{Snap: m.Snapshot(day), Pos: tl.At(day).Pos}
}

// knownDays are the dates, as known, of the events whose first days are
// days, where they are known to less than a day and no event of a day
// falls on that day: the dates an animation or small multiples of events
// show.
func knownDays(m *model.Map, days []model.Day) map[model.Day]model.Date {
	want := make(map[model.Day]bool, len(days))
	for _, d := range days {
		want[d] = true
	}
	known := map[model.Day]model.Date{}
	for _, e := range m.Events {
		d := e.Date.First()
		if !want[d] || e.Date.IsZero() {
			continue
		}
		if k, ok := known[d]; !ok || e.Date.Precision > k.Precision {
			known[d] = e.Date
		}
	}
	for d, k := range known {
		if k.Precision == model.PrecisionDay {
			delete(known, d)
		}
	}
	return known
}

// headerEvents are the date and titles of the events a header tells of,
// of events latest first (a Snapshot's): every event of the latest date
// that has any, in map order.
func headerEvents(events []model.Event) (date string, titles []string) {
	if len(events) == 0 {
		return "", nil
	}
	latest := events[0].Date
	for _, e := range events {
		if e.Date == latest {
			titles = append(titles, e.Title)
		}
	}
	return latest.String(), titles
}

// NewScene builds the scene of frame f of map m as of day, with selected
// highlighted (0 for none).
func NewScene(m *model.Map, f Frame, day model.Day, selected model.ID) *Scene {
	s := &Scene{Title: m.Name, At: day, Date: day.Time().Format("2 January 2006"), Selected: selected, Credit: m.Credit()}
	s.EventDate, s.Events = headerEvents(f.Snap.Events)
	// Kinds are looked up once each, not once per actor and tie.
	kinds := map[KindKey]model.Kind{}
	kind := func(class model.Class, name string) model.Kind {
		k, ok := kinds[KindKey{class, name}]
		if !ok {
			k = m.Kind(class, name)
			kinds[KindKey{class, name}] = k
		}
		return k
	}
	alpha := func(m map[model.ID]float64, id model.ID) float64 {
		if m == nil {
			return 1
		}
		return m[id]
	}
	told := map[model.ID]bool{}
	for _, e := range f.Snap.Events {
		if e.Date.String() != s.EventDate {
			break // latest first: the header tells of the latest date's
		}
		for _, p := range e.Participants {
			told[p.Actor] = true
		}
	}
	for _, a := range f.Snap.Actors {
		p, ok := f.Pos[a.ID]
		if !ok {
			continue // not laid out (yet): drawn nowhere rather than at the origin
		}
		_, pinned := m.Pins[a.ID]
		s.Nodes = append(s.Nodes, Node{
			ID: a.ID, Label: actorLabel(a), Kind: kind(model.ClassActor, a.Kind),
			X: p.X, Y: p.Y, Alpha: alpha(f.ActorAlpha, a.ID), Selected: a.ID == selected, Pinned: pinned, Told: told[a.ID],
		})
	}
	s.Nodes = slices.Clip(s.Nodes)
	// A map whose ties are all of one kind (a network imported from
	// another tool, all "tie") says nothing by naming it: a tie without a
	// label of its own is then not labelled by its kind.
	oneKind := !slices.ContainsFunc(m.Ties, func(t model.Tie) bool { return t.Kind != m.Ties[0].Kind })
	s.Edges = make([]Edge, 0, len(f.Snap.Ties))
	for _, t := range f.Snap.Ties {
		_, okFrom := f.Pos[t.From]
		_, okTo := f.Pos[t.To]
		if !okFrom || !okTo {
			continue
		}
		k := kind(model.ClassTie, t.Kind)
		e := Edge{ID: t.ID, From: t.From, To: t.To, Kind: k, Label: t.Label, Directed: t.Directed, Alpha: alpha(f.TieAlpha, t.ID), Weight: t.Weight}
		if t.Label == "" && !oneKind {
			e.Label, e.KindLabel = tieLabel(t, k), true
		}
		s.Edges = append(s.Edges, e)
	}
	setLanes(s.Edges)
	s.ActorKinds, s.TieKinds = usedKinds(m)
	return s
}

func tieLabel(t model.Tie, k model.Kind) string {
	if t.Label != "" {
		return t.Label
	}
	return k.DisplayName()
}

// setLanes numbers the ties that join the same two actors, in their order,
// so that they are drawn apart.
func setLanes(edges []Edge) {
	// Two passes over the ties: the first counts each pair's, the second
	// numbers them in their order. Most pairs have one tie. A pair is one
	// word when every id fits in 32 bits, as ids do but in made-up maps.
	small := true
	for i := range edges {
		small = small && edges[i].From >= 0 && edges[i].To >= 0 && edges[i].From < 1<<32 && edges[i].To < 1<<32
	}
	if small {
		numberLanes(edges, func(e *Edge) uint64 {
			k := pairKey(e.From, e.To)
			return uint64(k[0])<<32 | uint64(k[1])
		})
		return
	}
	numberLanes(edges, func(e *Edge) [2]model.ID { return pairKey(e.From, e.To) })
}

// numberLanes gives each tie its lane among the ties of its pair, in
// order, and their number; key names a tie's pair.
func numberLanes[K comparable](edges []Edge, key func(*Edge) K) {
	count := make(map[K]int32, len(edges))
	for i := range edges {
		count[key(&edges[i])]++
	}
	next := map[K]int32{}
	for i := range edges {
		k := key(&edges[i])
		n := count[k]
		if n == 1 {
			edges[i].Lane, edges[i].Lanes = 0, 1
			continue
		}
		edges[i].Lane, edges[i].Lanes = int(next[k]), int(n)
		next[k]++
	}
}

func pairKey(a, b model.ID) [2]model.ID {
	if a > b {
		a, b = b, a
	}
	return [2]model.ID{a, b}
}

// UsedKinds lists the actor and tie kinds m uses, in catalogue order: the
// legend of a picture of m.
func UsedKinds(m *model.Map) (actors, ties []model.Kind) { return usedKinds(m) }

// usedKinds lists the actor and tie kinds m uses, in catalogue order.
func usedKinds(m *model.Map) (actors, ties []model.Kind) {
	usedA, usedT := map[string]bool{}, map[string]bool{}
	for _, a := range m.Actors {
		usedA[a.Kind] = true
	}
	for _, t := range m.Ties {
		usedT[t.Kind] = true
	}
	for _, name := range m.KindNames(model.ClassActor) {
		if usedA[name] {
			actors = append(actors, m.Kind(model.ClassActor, name))
		}
	}
	for _, name := range m.KindNames(model.ClassTie) {
		if usedT[name] {
			ties = append(ties, m.Kind(model.ClassTie, name))
		}
	}
	return actors, ties
}

// Bounds returns the box, in layout units, that holds every actor of every
// frame of tl, so that a view fitted to it stays put as the date moves.
func Bounds(tl *layout.Timeline, box func(model.ID) layout.Size) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY, ok := tl.Extent(box)
	if !ok {
		return 0, 0, 0, 0
	}
	return minX, minY, maxX, maxY
}

// FrameBounds returns the box, in layout units, that holds the actors at
// pos; ok is false when there are none.
func FrameBounds(pos map[model.ID]model.Point, box func(model.ID) layout.Size) (minX, minY, maxX, maxY float64, ok bool) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for id, p := range pos {
		sz := box(id)
		minX, minY = min(minX, p.X-sz.W/2), min(minY, p.Y-sz.H/2)
		maxX, maxY = max(maxX, p.X+sz.W/2), max(maxY, p.Y+sz.H/2)
		ok = true
	}
	return minX, minY, maxX, maxY, ok
}

// TweenScene is the scene of a staged transition between two dates, built
// once: each step of the animation only moves its actors and sets the
// opacities of what leaves and arrives, instead of taking two snapshots and
// building a scene on every tick.
type TweenScene struct {
	scene *Scene
	from  []model.Point // each node's position at the start
	to    []model.Point // and at the end
	nodes []role
	edges []role
}

// role is what a transition does to an actor or tie.
type role uint8

const (
	stays role = iota
	leaves
	arrives
)

// NewTweenScene prepares the transition of m from day a to day b as laid
// out by tl; build makes the scene of a frame (as NewScene does, with any
// styling the caller adds).
func NewTweenScene(m *model.Map, tl *layout.Timeline, a, b model.Day, build func(Frame) *Scene) *TweenScene {
	sa, sb, fa, fb := m.Snapshot(a), m.Snapshot(b), tl.At(a), tl.At(b)
	start, end := layout.Transition(sa, sb, fa, fb, 0), layout.Transition(sa, sb, fa, fb, 1)
	union := model.Snapshot{At: b, Events: sb.Events}
	for _, x := range m.Actors {
		if _, ok := start.ActorAlpha[x.ID]; ok {
			union.Actors = append(union.Actors, x)
		}
	}
	for _, x := range m.Ties {
		if _, ok := start.TieAlpha[x.ID]; ok {
			union.Ties = append(union.Ties, x)
		}
	}
	t := &TweenScene{scene: build(Frame{Snap: union, Pos: start.Pos, ActorAlpha: start.ActorAlpha, TieAlpha: start.TieAlpha})}
	roleOf := func(alpha0, alpha1 float64) role {
		switch {
		case alpha0 == 0:
			return arrives
		case alpha1 == 0:
			return leaves
		}
		return stays
	}
	for _, n := range t.scene.Nodes {
		t.from = append(t.from, start.Pos[n.ID])
		t.to = append(t.to, end.Pos[n.ID])
		t.nodes = append(t.nodes, roleOf(start.ActorAlpha[n.ID], end.ActorAlpha[n.ID]))
	}
	for _, e := range t.scene.Edges {
		t.edges = append(t.edges, roleOf(start.TieAlpha[e.ID], end.TieAlpha[e.ID]))
	}
	return t
}

// Step moves the scene to share p (0 to 1) of the transition and returns
// it.
func (t *TweenScene) Step(p float64) *Scene {
	out, move, in := layout.Stages(p)
	alpha := [...]float64{stays: 1, leaves: out, arrives: in}
	for i := range t.scene.Nodes {
		n := &t.scene.Nodes[i]
		// What leaves or arrives has the same start and end: it stays put.
		a, b := t.from[i], t.to[i]
		n.X, n.Y, n.Alpha = a.X+(b.X-a.X)*move, a.Y+(b.Y-a.Y)*move, alpha[t.nodes[i]]
	}
	for i := range t.scene.Edges {
		t.scene.Edges[i].Alpha = alpha[t.edges[i]]
	}
	t.scene.moved()
	return t.scene
}
