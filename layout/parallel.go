package layout

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// chunk is the number of items one task of parallelChunks handles. It is
// fixed, not derived from the core count, so that sums built per chunk are
// added in the same order on every machine and results repeat bit for bit.
const chunk = 128

// parallelChunks calls f(c, lo, hi) for every chunk c = [lo, hi) of
// [0, n), spread over all cores, and returns when all are done.
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
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
}

// numChunks is how many chunks parallelChunks cuts n items into.
func numChunks(n int) int { return (n + chunk - 1) / chunk }
