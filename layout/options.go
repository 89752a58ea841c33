package layout

import (
	"fmt"
	"math"

	"relmap/model"
)

// Size is the width and height of a node's box, label included, in layout
// units (pixels at zoom 1).
type Size struct{ W, H float64 }

// Anchor says what each keyframe's layout is pulled toward.
type Anchor int

const (
	// AnchorPrevious pulls each keyframe toward the keyframe before it.
	AnchorPrevious Anchor = iota
	// AnchorAggregate pulls every keyframe toward one layout of the ties of
	// all dates together.
	AnchorAggregate
)

// Options configure Compute. The zero value is usable: every field has a
// documented default.
type Options struct {
	// EdgeLength is the ideal length of a tie in layout units. Default 170.
	EdgeLength float64
	// Stability, from 0 to 1, is how strongly each keyframe is pulled
	// toward its anchor: 0 gives every date its own best picture, 1 moves
	// nothing that was already placed. Zero means DefaultStability; any
	// negative value means 0.
	Stability float64
	// Anchor is what keyframes are pulled toward. Default AnchorPrevious.
	Anchor Anchor
	// Box returns the size of an actor's box, label included. Default: a
	// box of 120×40.
	Box func(model.Actor) Size
	// Gap is the least space between two boxes. Default 8.
	Gap float64
	// MaxSweeps bounds the stress-majorization sweeps per layout.
	// Default 300.
	MaxSweeps int
	// Seed seeds the random choices (degenerate starts only), so results
	// repeat.
	Seed int64
	// Progress, when not nil, is called from the computing goroutine
	// after each keyframe with how many of the total are done (by
	// Rebox, from the goroutine that did them, after each share of the
	// keyframes), one call at a time.
	Progress func(done, total int)
	// Preview, when not nil, is called from the computing goroutine by
	// Recompute once the ties of all dates are laid out together, before
	// the dates are, with that layout as a timeline of one frame: a
	// picture to show while a long timeline is laid out.
	Preview func(*Timeline)
}

// DefaultStability is the Stability used when Options leave it zero.
const DefaultStability = 0.5

// Stability returns the Options.Stability that means v, a user's setting
// from 0 ("every date its own best picture") to 1 ("nothing ever moves"):
// v itself, except that 0 becomes a negative value so that it is not taken
// for "use the default". It returns an error for values outside [0, 1].
func Stability(v float64) (float64, error) {
	if math.IsNaN(v) || v < 0 || v > 1 {
		return 0, fmt.Errorf("layout stability %v is outside 0 to 1", v)
	}
	if v == 0 {
		return -1, nil
	}
	return v, nil
}

func (o Options) withDefaults() Options {
	if o.EdgeLength <= 0 {
		o.EdgeLength = 170
	}
	switch {
	case o.Stability == 0:
		o.Stability = DefaultStability
	case o.Stability < 0:
		o.Stability = 0
	case o.Stability > 1:
		o.Stability = 1
	}
	if o.Box == nil {
		o.Box = func(model.Actor) Size { return Size{120, 40} }
	}
	if o.Gap <= 0 {
		o.Gap = 8
	}
	if o.MaxSweeps <= 0 {
		o.MaxSweeps = 300
	}
	return o
}

// anchorWeight maps Stability to κ, the weight of every actor's anchor
// term (what moving one edge length costs, against the stress of the
// actor's pairs): 0 → 0, 0.5 → 0.8, 1 → +Inf (nothing moves). The scale
// was chosen on the dynamic benchmark data sets (Newcomb, Rugby, Pride and
// Prejudice) so that the default stress and movement are both at most
// those of visone's dynamic layout on each.
func anchorWeight(stability float64) float64 {
	if stability >= 1 {
		return math.Inf(1)
	}
	return 0.8 * stability / (1 - stability)
}

// baseWeight is the mean weight sum (see stressModel.meanWeight) up to
// which κ is the anchor weight as it stands. The groups of the dynamic
// benchmark data sets, on which κ was chosen, lie below it.
const baseWeight = 8

// sizeFactor scales κ for a group whose pairs hold its nodes harder than
// baseWeight, as they do in big, dense maps, so that their anchors do not
// weaken against their stress as the map grows.
func sizeFactor(s *stressModel) float64 {
	return math.Max(1, s.meanWeight()/baseWeight)
}

// progress reports done of total keyframes to opt.Progress, if any.
func (o Options) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}
