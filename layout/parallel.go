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
// [0, n), spread over all cores, and returns when all are done. A panic in
// f stops the rest and is raised again on the caller's goroutine, with the
// stack where it began (see workerPanic), where the caller can recover it.
func parallelChunks(n int, f func(c, lo, hi int)) {
	chunks := (n + chunk - 1) / chunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		for c := 0; c < chunks; c++ {
			f(c, c*chunk, min(n, (c+1)*chunk))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[workerPanic]
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					failed.CompareAndSwap(nil, &workerPanic{p, debug.Stack()})
					next.Store(int64(chunks)) // the others stop too
				}
			}()
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				f(c, c*chunk, min(n, (c+1)*chunk))
			}
		}()
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(p)
	}
}

// workerPanic is a panic on one of parallelChunks' goroutines, and its
// stack.
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
