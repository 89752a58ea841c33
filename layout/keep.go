package layout

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sort"

	"relmap/model"
)

// EngineVersion numbers the layout engine: a kept layout computed by
// another version is laid out again. Raise it whenever the same input can
// give other positions.
const EngineVersion = 9

// Key names what a layout of m with opt is computed from: the engine
// version, the options, every actor's ID, life span, links and box size,
// every tie's ends and span, every event's date, and the pins that are
// valid positions (Recompute ignores the others). A kept layout is used
// only under the same key. It takes O(actors + ties + events + pins).
func Key(m *model.Map, opt Options) string { return key(m, opt, true) }

// structureKey is Key without the actors' box sizes: two maps with the
// same structureKey differ, as far as a layout goes, in those alone.
func structureKey(m *model.Map, opt Options) string { return key(m, opt, false) }

// key is Key, with the box sizes when boxes is set.
func key(m *model.Map, opt Options, boxes bool) string {
	opt = opt.withDefaults()
	m = m.WithoutInvalidPins()
	h := &hasher{h: sha256.New()}
	put, putF := h.u64, h.f64
	putS := func(s model.Span) {
		from, okF := s.From()
		until, okU := s.Until()
		put(uint64(from))
		put(boolBit(okF))
		put(uint64(until))
		put(boolBit(okU))
	}
	h.options(opt)
	put(uint64(len(m.Actors)))
	for _, a := range m.Actors {
		put(uint64(a.ID))
		putS(a.Life)
		put(uint64(len(a.Later)))
		for _, s := range a.Later {
			putS(s)
		}
		put(uint64(a.BelongsTo))
		put(uint64(a.LocatedIn))
		if boxes {
			sz := opt.Box(a)
			putF(sz.W)
			putF(sz.H)
		}
	}
	put(uint64(len(m.Ties)))
	for _, t := range m.Ties {
		put(uint64(t.ID))
		put(uint64(t.From))
		put(uint64(t.To))
		putS(t.Span)
	}
	put(uint64(len(m.Events)))
	for _, e := range m.Events {
		put(uint64(e.Date.First()))
	}
	pins := make([]model.ID, 0, len(m.Pins))
	for id := range m.Pins {
		pins = append(pins, id)
	}
	sort.Slice(pins, func(i, j int) bool { return pins[i] < pins[j] })
	for _, id := range pins {
		put(uint64(id))
		putF(m.Pins[id].X)
		putF(m.Pins[id].Y)
	}
	return fmt.Sprintf("v%d-%s", EngineVersion, hex.EncodeToString(h.h.Sum(nil)))
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// timelineMagic starts an encoded Timeline.
const timelineMagic = "RLT1"

// stepsMark starts the encoding's last, optional part: each frame's own
// signature (Timeline.stepSigs), which a timeline kept before it was
// written has not.
const stepsMark = 'S'

// MarshalBinary encodes the timeline: its frames' days and signatures,
// every actor's moves, the aggregate layout and, for a long timeline,
// each date's own signature, so that a later Recompute can reuse it.
func (t *Timeline) MarshalBinary() ([]byte, error) {
	out := []byte(timelineMagic)
	out = binary.LittleEndian.AppendUint64(out, t.homeSig)
	out = binary.AppendUvarint(out, uint64(len(t.days)))
	prev := int64(0)
	for k, d := range t.days {
		out = binary.AppendVarint(out, int64(d)-prev)
		prev = int64(d)
		out = binary.LittleEndian.AppendUint64(out, t.sigs[k])
	}
	homeIDs := make([]model.ID, 0, len(t.home))
	for id := range t.home {
		homeIDs = append(homeIDs, id)
	}
	sort.Slice(homeIDs, func(i, j int) bool { return homeIDs[i] < homeIDs[j] })
	out = binary.AppendUvarint(out, uint64(len(homeIDs)))
	for _, id := range homeIDs {
		out = binary.AppendVarint(out, int64(id))
		out = appendFloats(out, t.home[id][0], t.home[id][1])
	}
	out = binary.AppendUvarint(out, uint64(len(t.tracks)))
	for _, tr := range t.tracks {
		out = binary.AppendVarint(out, int64(tr.id))
		out = binary.AppendUvarint(out, uint64(len(tr.runs)))
		last := int32(0)
		for _, r := range tr.runs {
			out = binary.AppendUvarint(out, uint64(r.frame-last))
			last = r.frame
			out = appendFloats(out, r.p.X, r.p.Y)
		}
	}
	if len(t.stepSigs) > 0 && len(t.stepSigs) == len(t.days) {
		out = append(out, stepsMark)
		for _, sig := range t.stepSigs {
			out = binary.LittleEndian.AppendUint64(out, sig)
		}
	}
	return out, nil
}

func appendFloats(out []byte, fs ...float64) []byte {
	for _, f := range fs {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(f))
	}
	return out
}

// errCorrupt is what UnmarshalBinary returns for data it cannot read.
var errCorrupt = errors.New("layout: kept layout is damaged")

// UnmarshalBinary decodes what MarshalBinary wrote. Damaged data gives an
// error and leaves t unchanged.
func (t *Timeline) UnmarshalBinary(data []byte) error {
	d := decoder{buf: data}
	if len(data) < len(timelineMagic) || string(data[:len(timelineMagic)]) != timelineMagic {
		return errCorrupt
	}
	d.buf = d.buf[len(timelineMagic):]
	var out Timeline
	out.homeSig = d.u64()
	n := d.count()
	out.days, out.sigs = make([]model.Day, n), make([]uint64, n)
	prev := int64(0)
	for k := range n {
		prev += d.varint()
		out.days[k] = model.Day(prev)
		out.sigs[k] = d.u64()
		if k > 0 && out.days[k] <= out.days[k-1] {
			d.fail()
		}
	}
	homes := d.count()
	out.home = make(map[model.ID][2]float64, homes)
	for range homes {
		id := model.ID(d.varint())
		out.home[id] = [2]float64{d.f64(), d.f64()}
	}
	tracks := d.count()
	out.tracks = make([]track, tracks)
	for i := range out.tracks {
		tr := &out.tracks[i]
		tr.id = model.ID(d.varint())
		if i > 0 && tr.id <= out.tracks[i-1].id {
			d.fail()
		}
		tr.runs = make([]run, d.count())
		frame := int64(0)
		for k := range tr.runs {
			step := d.uvarint()
			if k > 0 && step == 0 {
				d.fail()
			}
			frame += int64(step)
			if frame >= int64(n) {
				d.fail()
			}
			tr.runs[k] = run{frame: int32(frame), p: model.Point{X: d.f64(), Y: d.f64()}}
		}
	}
	if len(d.buf) > 0 && !d.bad {
		if d.buf[0] != stepsMark || len(d.buf) != 1+8*n {
			d.fail()
		} else {
			d.buf = d.buf[1:]
			out.stepSigs = make([]uint64, n)
			for k := range n {
				out.stepSigs[k] = d.u64()
			}
		}
	}
	if d.bad || len(d.buf) != 0 {
		return errCorrupt
	}
	*t = out
	return nil
}

// decoder reads MarshalBinary's encoding; any error sets bad and makes
// every later read return zero.
type decoder struct {
	buf []byte
	bad bool
}

func (d *decoder) fail() { d.bad, d.buf = true, nil }

func (d *decoder) u64() uint64 {
	if len(d.buf) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.buf)
	d.buf = d.buf[8:]
	return v
}

func (d *decoder) f64() float64 { return math.Float64frombits(d.u64()) }

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length, refusing one longer than the data left could hold.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	return int(v)
}
