package layout

import (
	"math"
	"slices"
	"sort"

	"relmap/model"
)

// Frame holds every actor's position at one keyframe.
type Frame struct {
	At  model.Day
	Pos map[model.ID]model.Point
}

// Timeline is a map's layout through time: one frame per keyframe, the
// first standing for everything before the map's first keyframe.
//
// It keeps, for each actor, only the frames at which its position changes
// (a track of runs), so its size follows the number of moves, not
// frames × actors: a history of thousands of dates in which each date
// moves a handful of actors takes little memory, and a frame is rebuilt
// in O(actors · log moves).
type Timeline struct {
	days []model.Day
	// sigs[k] identifies everything frame k was computed from.
	sigs []uint64
	// stepSigs[k], when a long timeline's (see incremental), identifies
	// what begins and ends on frame k's day alone, with the options: a
	// later layout after an edit tells by it which dates the edit left as
	// they were. Nil for a short timeline, or one kept without them.
	stepSigs []uint64
	tracks   []track // by actor ID
	// home is the layout of the ties of all dates, in edge lengths, and
	// homeSig what it was computed from.
	home    map[model.ID][2]float64
	homeSig uint64
}

// track is one actor's places: from runs[i].frame on, the actor is at
// runs[i].p, or absent when p.X is NaN.
type track struct {
	id   model.ID
	runs []run
}

type run struct {
	frame int32
	p     model.Point
}

var absent = model.Point{X: math.NaN(), Y: math.NaN()}

func isAbsent(p model.Point) bool { return math.IsNaN(p.X) }

// Without is t without the places of actors ids, on every date: Adjust
// then places them afresh, beside their partners, as new actors.
func (t *Timeline) Without(ids []model.ID) *Timeline {
	out := *t
	out.tracks = slices.DeleteFunc(slices.Clone(t.tracks), func(tr track) bool { return slices.Contains(ids, tr.id) })
	return &out
}

// Len is the number of frames.
func (t *Timeline) Len() int { return len(t.days) }

// Day is the first day of frame i.
func (t *Timeline) Day(i int) model.Day { return t.days[i] }

// Index returns the index of the frame in force on day.
func (t *Timeline) Index(day model.Day) int {
	i := sort.Search(len(t.days), func(i int) bool { return t.days[i] > day }) - 1
	return max(i, 0)
}

// At returns the frame in force on day.
func (t *Timeline) At(day model.Day) Frame { return t.Frame(t.Index(day)) }

// Frame returns frame i. It takes O(a log r) for a actors that have ever
// been placed and r moves per actor.
func (t *Timeline) Frame(i int) Frame {
	f := Frame{Pos: map[model.ID]model.Point{}}
	if i < 0 || i >= len(t.days) {
		return f
	}
	f.At = t.days[i]
	for _, tr := range t.tracks {
		if p, ok := tr.at(int32(i)); ok {
			f.Pos[tr.id] = p
		}
	}
	return f
}

// Nearest is where every actor ever placed is on day, or, for one not on
// show then, on the nearest date on which it is: the places a file for
// another tool carries, which has no dates for them. Written with only
// the day's places, a network of 3,893 actors kept 2,284 of them, and
// the others were laid out afresh when the file was read back.
func (t *Timeline) Nearest(day model.Day) map[model.ID]model.Point {
	out := map[model.ID]model.Point{}
	if len(t.days) == 0 {
		return out
	}
	k := int32(t.Index(day))
	for _, tr := range t.tracks {
		if p, ok := tr.nearest(k, day, t.days); ok {
			out[tr.id] = p
		}
	}
	return out
}

// nearest is the track's place at frame k, on day, or else at the frame
// nearest day, in days, at which it has one.
func (tr track) nearest(k int32, day model.Day, days []model.Day) (model.Point, bool) {
	j := sort.Search(len(tr.runs), func(j int) bool { return tr.runs[j].frame > k }) - 1
	if j >= 0 && !isAbsent(tr.runs[j].p) {
		return tr.runs[j].p, true
	}
	var best model.Point
	found, gap := false, model.Day(math.MaxInt32)
	// The last place before: its run lasts until the next run begins.
	for i := j; i >= 0; i-- {
		if !isAbsent(tr.runs[i].p) {
			best, found, gap = tr.runs[i].p, true, day-days[tr.runs[i+1].frame-1]
			break
		}
	}
	// The first place after.
	for i := j + 1; i < len(tr.runs); i++ {
		if !isAbsent(tr.runs[i].p) {
			if d := days[tr.runs[i].frame] - day; !found || d < gap {
				best, found = tr.runs[i].p, true
			}
			break
		}
	}
	return best, found
}

// at is the track's place at frame k.
func (tr track) at(k int32) (model.Point, bool) {
	j := sort.Search(len(tr.runs), func(j int) bool { return tr.runs[j].frame > k }) - 1
	if j < 0 || isAbsent(tr.runs[j].p) {
		return model.Point{}, false
	}
	return tr.runs[j].p, true
}

// Frames returns every frame, in order. It takes O(frames × actors): for
// tests and exports, not for drawing.
func (t *Timeline) Frames() []Frame {
	out := make([]Frame, 0, len(t.days))
	t.Each(func(f Frame) bool {
		pos := make(map[model.ID]model.Point, len(f.Pos))
		for id, p := range f.Pos {
			pos[id] = p
		}
		out = append(out, Frame{At: f.At, Pos: pos})
		return true
	})
	return out
}

// Each calls f with every frame in order, until f returns false. The
// frame's Pos is reused between calls: f must not keep it.
func (t *Timeline) Each(f func(Frame) bool) { t.EachOf(0, len(t.days), f) }

// EachOf is Each for frames from to until (not included).
func (t *Timeline) EachOf(from, until int, f func(Frame) bool) {
	from, until = max(from, 0), min(until, len(t.days))
	if from >= until {
		return
	}
	byFrame := make([][]int, until)    // tracks with a run starting at each frame after from
	next := make([]int, len(t.tracks)) // next run of each track
	for i, tr := range t.tracks {
		next[i] = sort.Search(len(tr.runs), func(j int) bool { return tr.runs[j].frame > int32(from) })
		for _, r := range tr.runs[next[i]:] {
			if int(r.frame) >= until {
				break
			}
			byFrame[r.frame] = append(byFrame[r.frame], i)
		}
	}
	pos := t.Frame(from).Pos
	for k := from; k < until; k++ {
		day := t.days[k]
		for _, i := range byFrame[k] {
			tr := t.tracks[i]
			p := tr.runs[next[i]].p
			next[i]++
			if isAbsent(p) {
				delete(pos, tr.id)
			} else {
				pos[tr.id] = p
			}
		}
		if !f(Frame{At: day, Pos: pos}) {
			return
		}
	}
}

// Extent returns the box, in layout units, that holds every actor of every
// frame, with box giving each actor's size; ok is false when no frame
// holds an actor. It takes O(moves).
func (t *Timeline) Extent(box func(model.ID) Size) (minX, minY, maxX, maxY float64, ok bool) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for _, tr := range t.tracks {
		sz := box(tr.id)
		for _, r := range tr.runs {
			if isAbsent(r.p) {
				continue
			}
			minX, minY = min(minX, r.p.X-sz.W/2), min(minY, r.p.Y-sz.H/2)
			maxX, maxY = max(maxX, r.p.X+sz.W/2), max(maxY, r.p.Y+sz.H/2)
			ok = true
		}
	}
	return minX, minY, maxX, maxY, ok
}

// Moves is the number of times an actor appears, moves or leaves over the
// whole timeline: the size of what a Timeline keeps.
func (t *Timeline) Moves() int {
	n := 0
	for _, tr := range t.tracks {
		n += len(tr.runs)
	}
	return n
}

// timelineBuilder records frames one after the other.
type timelineBuilder struct {
	t     *Timeline
	index map[model.ID]int
}

func newTimelineBuilder(frames int) *timelineBuilder {
	return &timelineBuilder{
		t:     &Timeline{days: make([]model.Day, 0, frames), sigs: make([]uint64, 0, frames)},
		index: map[model.ID]int{},
	}
}

// frame starts the next frame.
func (b *timelineBuilder) frame(day model.Day, sig uint64) int32 {
	b.t.days = append(b.t.days, day)
	b.t.sigs = append(b.t.sigs, sig)
	return int32(len(b.t.days) - 1)
}

// set places id at p from the current frame on (absent to remove it).
func (b *timelineBuilder) set(id model.ID, p model.Point) {
	k := int32(len(b.t.days) - 1)
	i, ok := b.index[id]
	if !ok {
		if isAbsent(p) {
			return
		}
		i = len(b.t.tracks)
		b.index[id] = i
		b.t.tracks = append(b.t.tracks, track{id: id})
	}
	tr := &b.t.tracks[i]
	if last := len(tr.runs) - 1; last >= 0 {
		if tr.runs[last].frame == k {
			tr.runs[last].p = p
			return
		}
		if q := tr.runs[last].p; q == p || (isAbsent(q) && isAbsent(p)) {
			return
		}
	}
	tr.runs = append(tr.runs, run{frame: k, p: p})
}

// setFrame records frame pos as a whole: actors missing from it leave.
func (b *timelineBuilder) setFrame(day model.Day, sig uint64, pos map[model.ID]model.Point, prev map[model.ID]model.Point) {
	b.frame(day, sig)
	for id := range prev {
		if _, ok := pos[id]; !ok {
			b.set(id, absent)
		}
	}
	ids := make([]model.ID, 0, len(pos))
	for id := range pos {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		b.set(id, pos[id])
	}
}

// done returns the timeline, its tracks in ID order.
func (b *timelineBuilder) done() *Timeline {
	sort.Slice(b.t.tracks, func(i, j int) bool { return b.t.tracks[i].id < b.t.tracks[j].id })
	return b.t
}

// copyPrefix records old's moves before frame k as this timeline's, whose
// frames up to k are old's.
func (b *timelineBuilder) copyPrefix(old *Timeline, k int32) {
	for _, tr := range old.tracks {
		n := 0
		for n < len(tr.runs) && tr.runs[n].frame < k {
			n++
		}
		if n == 0 {
			continue
		}
		b.index[tr.id] = len(b.t.tracks)
		b.t.tracks = append(b.t.tracks, track{id: tr.id, runs: append([]run(nil), tr.runs[:n]...)})
	}
}
