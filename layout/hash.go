package layout

import (
	"encoding/binary"
	"hash"
	"math"
)

// hasher writes the values a layout depends on into a hash, for the
// signatures that tell whether a kept frame or layout still holds.
type hasher struct {
	h   hash.Hash
	buf [8]byte
}

func (w *hasher) u64(v uint64) {
	binary.LittleEndian.PutUint64(w.buf[:], v)
	w.h.Write(w.buf[:])
}

func (w *hasher) f64(f float64) { w.u64(math.Float64bits(f)) }

// options writes every option that changes positions, and the engine's
// version, so that no frame of another engine is taken for this one's.
func (w *hasher) options(opt Options) {
	w.u64(EngineVersion)
	w.f64(opt.EdgeLength)
	w.f64(opt.Stability)
	w.u64(uint64(opt.Anchor))
	w.f64(opt.Gap)
	w.u64(uint64(opt.MaxSweeps))
	w.u64(uint64(opt.Seed))
}

// sum64 is the hash so far; the hash must be a 64-bit one (FNV).
func (w *hasher) sum64() uint64 { return w.h.(hash.Hash64).Sum64() }
