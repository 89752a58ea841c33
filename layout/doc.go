// Package layout places a map's actors so that the picture reads well at
// every date, stays steady as the date moves, and big maps still lay out in
// seconds.
//
// Static quality: each connected part of the graph of all dates is laid out
// by stress majorization (Gansner, Koren and North, "Graph Drawing by
// Stress Majorization", GD 2004, weights d⁻²) started from PivotMDS (Brandes
// and Pich, GD 2006); parts of more than 3,000 actors use the sparse stress
// model with 200 pivots (Ortmann, Klimenta and Brandes, "A Sparse Stress
// Model", GD 2016), linear in time and memory per sweep. Sweeps update all
// nodes at once from the previous positions (Jacobi steps) over both cores,
// in fixed chunks, so results do not depend on the core count. Parts are
// packed side by side in rows. Directed and parallel ties count once.
//
// Stability: each keyframe (a day on which anything begins or ends) gets
// its own layout, started from the frame before and pulled toward an anchor
// (the frame before, or the aggregate of all dates; Options.Anchor) with a
// weight set by Options.Stability. The pull costs the distance an actor
// moves, the same for every actor, not its square, so that an actor whose
// ties change makes one clear move while the rest stay put. Small maps
// then get smoothing passes in which every frame is pulled toward the
// frames on both sides. Actors that appear start near their ties' other
// ends. Pairs not connected on a date keep a weak pull at their distance
// in the graph of all dates: weaker between two actors that both have ties
// on the date, stronger where one has none, so that idle actors wait near
// their partners of other dates.
//
// Labels and pins: a node's box includes its label; after layout no two
// boxes overlap (see removeOverlaps). Pinned actors stay exactly at their
// pins in every frame. A pin that is not a valid position
// (model.Point.Check) counts as no pin.
//
// Long timelines: a map with more than 100 keyframes is laid out
// incrementally, as online dynamic graph drawing does (North, "Incremental
// Layout in DynaDAG", GD 1995; Frishman and Tal, "Online Dynamic Graph
// Drawing", IEEE TVCG 2008): the first keyframe gets a whole layout, and
// each later one relaxes only the actors whose links begin or end on it
// and their neighbours, by localized stress majorization against the
// actors at most three hops away, anchored where they were. Most dates of
// a long history change one or two ties, so a date costs what changed on
// it, not the size of the map, and actors away from a change never move:
// the picture cannot drift, turn or scale. Laying out every keyframe
// afresh (the method for short timelines) costs dates × actors, which is
// minutes for thousands of dates. Every few dates a picture grown sparse
// (as actors leave, or arrive at their aggregate home) is drawn together
// by scaling its parts' centres toward its centre, which keeps their
// orthogonal order (Misra, Eades, Lai and Sugiyama, "Layout Adjustment
// and the Mental Map", J. Visual Languages and Computing 1995). A crowd
// that a change leaves overlapping is let out as little as it can be,
// which for wide boxes is up and down; once the picture is taller than
// wide it is let out sideways instead, so that a history that grows
// dense keeps its shape. See incremental, relax and compact.
//
// Kept layouts: a Timeline stores each actor's moves, not frames ×
// actors, encodes to bytes (MarshalBinary) and is kept in the map file
// under Key, a hash of the map's content, the options and EngineVersion.
//
// Incremental work: Recompute takes the timeline of the map before an edit,
// reuses every frame whose inputs did not change, warm-starts the rest, and
// stops when its context is cancelled. In a long history, the dates after
// an edit keep the earlier timeline's picture but for the actors the edit
// reached (see follower).
//
// Quality metrics (NormalizedStress, DynamicScores, Crossings, Overlaps,
// Movement, OrderKept) are the ones the tests and benchmarks report.
//
// Everything here is deterministic: the same map and Options give the same
// positions, bit for bit.
package layout
