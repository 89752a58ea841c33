package layout

import (
	"context"

	"relmap/model"
)

// Compute lays out every keyframe of m from scratch. See Recompute.
func Compute(m *model.Map, opt Options) *Timeline {
	tl, _ := Recompute(context.Background(), m, opt, nil)
	return tl
}

// Recompute lays out every keyframe of m. First it lays out the ties of all
// dates together (the aggregate), which gives every actor a home; then each
// keyframe in order, starting from and pulled toward its anchor (see
// Options.Anchor and Options.Stability). An actor that appears starts near
// the actors it is tied to, where the aggregate puts it relative to them.
// Pinned actors stay exactly where m.Pins puts them; a pin that is not a
// valid position (model.Point.Check: not finite, or beyond
// model.MaxCoordinate, as in a file saved before positions were checked)
// counts as no pin, so that it can neither panic nor move other actors.
// After each keyframe's stress layout, boxes are separated so that none
// overlap.
//
// With old, the layout of an earlier version of m with the same options, a
// frame whose inputs are unchanged is reused, and the others start from
// old's positions (a warm start), so an edit re-lays out only what it
// changes and the picture stays familiar; smoothing then moves only the
// frames near the change (see smoothReach), so the result can differ
// slightly from a fresh layout of m. Without old the result depends only
// on m and opt. Recompute stops early with ctx's error when ctx is
// done.
//
// Timelines of more than longTimeline keyframes are laid out
// incrementally instead (see incremental): each date relaxes only the
// actors near what changed on it, so the cost follows the changes, not
// dates × actors.
func Recompute(ctx context.Context, m *model.Map, opt Options, old *Timeline) (*Timeline, error) {
	opt = opt.withDefaults()
	m = m.WithoutInvalidPins()
	keys := m.Keyframes()
	u := newUnion(m, opt)
	home, err := u.homeOf(ctx, m, opt, old)
	if err != nil {
		return nil, err
	}
	if opt.Preview != nil {
		opt.Preview(u.preview(m, keys, home, opt))
	}
	var tl *Timeline
	if len(keys) > longTimeline {
		tl, err = u.incremental(ctx, m, keys, home, opt, old)
	} else {
		tl, err = u.perKeyframe(ctx, m, keys, home, opt, old)
	}
	if err != nil {
		return nil, err
	}
	tl.home, tl.homeSig = home, u.sig
	return tl, nil
}

// preview is the aggregate layout home as a timeline of one frame in
// force on every date (see Options.Preview): every actor at its home,
// spread as a map without history is, pinned actors at their pins.
func (u *union) preview(m *model.Map, keys []model.Day, home map[model.ID][2]float64, opt Options) *Timeline {
	spread := u.spreadHome(m, home, opt)
	pos := make(map[model.ID]model.Point, len(spread))
	for i, id := range u.g.ids {
		pos[id] = model.Point{X: spread[i][0] * opt.EdgeLength, Y: spread[i][1] * opt.EdgeLength}
		if pin, ok := m.Pins[id]; ok {
			pos[id] = pin
		}
	}
	b := newTimelineBuilder(1)
	b.setFrame(frameDays(keys)[0], 0, pos, nil)
	return b.done()
}

// homeOf is the aggregate layout of the union: old's when it was computed
// from the same union, else computed afresh, warm-started from old's.
func (u *union) homeOf(ctx context.Context, m *model.Map, opt Options, old *Timeline) (map[model.ID][2]float64, error) {
	if old != nil && old.home != nil && old.homeSig == u.sig {
		return old.home, nil
	}
	var warm map[model.ID][2]float64
	if old != nil {
		warm = old.home
	}
	return u.aggregate(ctx, m, opt, warm)
}

// keyframes is a timeline under construction: the positions of every
// frame, and what each was computed from.
type keyframes struct {
	days []model.Day
	pos  []map[model.ID]model.Point
	sigs []uint64
}

// perKeyframe lays out each keyframe in turn with the stress of its whole
// snapshot, then smooths the frames together: the method for timelines of
// up to longTimeline keyframes.
func (u *union) perKeyframe(ctx context.Context, m *model.Map, keys []model.Day, home map[model.ID][2]float64, opt Options, old *Timeline) (*Timeline, error) {
	days := frameDays(keys)
	kf := &keyframes{days: days}
	var reused []bool
	reuse := map[uint64]int{}
	var oldFrames []Frame
	if old != nil {
		oldFrames = old.Frames()
		for k, sig := range old.sigs {
			reuse[sig] = k
		}
	}
	var prev map[model.ID]model.Point
	prevSig := u.sig
	for n, day := range days {
		snap := m.Snapshot(day)
		g := buildGraph(snap)
		sig := graphSig(prevSig, snap.Actors, g, m.Pins, opt)
		k, ok := reuse[sig]
		reused = append(reused, ok)
		var pos map[model.ID]model.Point
		if ok {
			pos = oldFrames[k].Pos
		} else {
			var warm map[model.ID]model.Point
			if old != nil {
				warm = oldFrames[old.Index(day)].Pos
			}
			var err error
			if len(keys) == 0 {
				// Nothing changes over time: the aggregate is the picture.
				pos = u.separate(m, snap, u.g, u.spreadHome(m, home, opt), opt)
			} else {
				pos, err = u.keyframe(ctx, m, snap, g, prev, warm, home, opt)
			}
			if err != nil {
				return nil, err
			}
		}
		kf.pos, kf.sigs = append(kf.pos, pos), append(kf.sigs, sig)
		prev, prevSig = pos, sig
		opt.progress(n+1, len(days))
	}
	if err := u.smooth(ctx, m, kf, opt, dirtyWindow(reused, smoothReach)); err != nil {
		return nil, err
	}
	b := newTimelineBuilder(len(days))
	for k, day := range days {
		var before map[model.ID]model.Point
		if k > 0 {
			before = kf.pos[k-1]
		}
		b.setFrame(day, kf.sigs[k], kf.pos[k], before)
	}
	return b.done(), nil
}

// dirtyWindow marks the frames within reach frames of one that was not
// reused.
func dirtyWindow(reused []bool, reach int) []bool {
	dirty := make([]bool, len(reused))
	for k, ok := range reused {
		if ok {
			continue
		}
		for j := max(0, k-reach); j <= min(len(reused)-1, k+reach); j++ {
			dirty[j] = true
		}
	}
	return dirty
}

// frameDays are the first days of a timeline's frames for keyframes keys:
// the day before the first keyframe, then each keyframe; for none, one
// frame, day 0.
func frameDays(keys []model.Day) []model.Day {
	if len(keys) == 0 {
		return []model.Day{0}
	}
	return append([]model.Day{keys[0] - 1}, keys...)
}
