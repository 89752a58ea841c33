package layout

import (
	"math"

	"relmap/model"
)

// Tween is the picture partway through a transition between two frames:
// where each actor is and how opaque each actor and tie is (0 to 1).
type Tween struct {
	Pos        map[model.ID]model.Point
	ActorAlpha map[model.ID]float64
	TieAlpha   map[model.ID]float64
}

// Transition stages the change from snapshot a (laid out by fa) to
// snapshot b (laid out by fb) at progress p from 0 to 1: in the first third
// what leaves fades out, in the second what stays moves (slow-in,
// slow-out), in the last what arrives fades in. Actors and ties of both
// snapshots appear in the result.
func Transition(a, b model.Snapshot, fa, fb Frame, p float64) Tween {
	out, move, in := Stages(p)
	tw := Tween{
		Pos:        map[model.ID]model.Point{},
		ActorAlpha: map[model.ID]float64{},
		TieAlpha:   map[model.ID]float64{},
	}
	actorsB := make(map[model.ID]bool, len(b.Actors))
	for _, act := range b.Actors {
		actorsB[act.ID] = true
	}
	for _, act := range a.Actors {
		pa := fa.Pos[act.ID]
		if pb, ok := fb.Pos[act.ID]; ok && actorsB[act.ID] {
			tw.Pos[act.ID] = model.Point{X: pa.X + (pb.X-pa.X)*move, Y: pa.Y + (pb.Y-pa.Y)*move}
			tw.ActorAlpha[act.ID] = 1
		} else {
			tw.Pos[act.ID] = pa
			tw.ActorAlpha[act.ID] = out
		}
	}
	for _, act := range b.Actors {
		if _, ok := tw.Pos[act.ID]; !ok {
			tw.Pos[act.ID] = fb.Pos[act.ID]
			tw.ActorAlpha[act.ID] = in
		}
	}
	inB := map[model.ID]bool{}
	for _, t := range b.Ties {
		inB[t.ID] = true
	}
	for _, t := range a.Ties {
		if inB[t.ID] {
			tw.TieAlpha[t.ID] = 1
		} else {
			tw.TieAlpha[t.ID] = out
		}
	}
	for _, t := range b.Ties {
		if _, ok := tw.TieAlpha[t.ID]; !ok {
			tw.TieAlpha[t.ID] = in
		}
	}
	return tw
}

// Stages are the three stages of a transition at progress p from 0 to 1:
// the opacity of what leaves, how far (eased) what stays has moved, and
// the opacity of what arrives.
func Stages(p float64) (out, move, in float64) {
	p = math.Max(0, math.Min(1, p))
	return clamp01(1 - 3*p), smoothstep(clamp01(3*p - 1)), clamp01(3*p - 2)
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// smoothstep is slow-in, slow-out: 3t² − 2t³.
func smoothstep(t float64) float64 { return t * t * (3 - 2*t) }
