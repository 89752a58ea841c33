package layout

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// chunk is the number of items one task of parallelChunks handles. It is
// fixed, not derived from the core count, so that sums built per chunk are
// added in the same order on every machine and results repeat bit for bit.
const chunk = 128

// parallelChunks calls f(c, lo, hi) for every chunk c = [lo, hi) of
// [0, n), spread over all cores (see Spread), and returns when all are
// done.
func parallelChunks(n int, f func(c, lo, hi int)) {
	chunks := (n + chunk - 1) / chunk
	if min(runtime.GOMAXPROCS(0), chunks) <= 1 {
		for c := 0; c < chunks; c++ {
			f(c, c*chunk, min(n, (c+1)*chunk))
		}
		return
	}
	Spread(chunks, nil, func(_, c int) { f(c, c*chunk, min(n, (c+1)*chunk)) })
}

// Spread calls f(worker, i) for every i in [0, n), over one goroutine per
// core (worker numbers them from 0), and returns when all are done; start,
// when not nil, runs first on each goroutine (render lowers the priority
// of a background renderer's there). A panic in f stops the rest and, once
// all are done, is raised again on the caller's goroutine, with the stack
// where it began (see workerPanic): a caller can recover it, where a panic
// on a goroutine of Spread's own would end the program.
func Spread(n int, start func(), f func(worker, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[workerPanic]
	for w := range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					failed.CompareAndSwap(nil, &workerPanic{p, debug.Stack()})
					next.Store(int64(n)) // the others stop too
				}
			}()
			if start != nil {
				start()
			}
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(w, i)
			}
		}()
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(p)
	}
}

// workerPanic is a panic on one of Spread's goroutines, and its stack.
type workerPanic struct {
	value any
	stack []byte
}

// Error is what the panic said.
func (p *workerPanic) Error() string { return fmt.Sprint(p.value) }

// Stack is where it began.
func (p *workerPanic) Stack() []byte { return p.stack }

// numChunks is how many chunks parallelChunks cuts n items into.
func numChunks(n int) int { return (n + chunk - 1) / chunk }
