package model

import "context"

// Progress is told how far a long operation has gone: done of total
// steps. It may be called from any goroutine.
type Progress func(done, total int)

type progressKey struct{}

// WithProgress returns a context that carries p to the operations run
// with it: a store's Apply and Merge report to it as they write records.
// A store reports at most a few hundred times, however big the change.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ProgressOf is the Progress ctx carries, or one that does nothing.
func ProgressOf(ctx context.Context) Progress {
	if p, ok := ctx.Value(progressKey{}).(Progress); ok && p != nil {
		return p
	}
	return func(int, int) {}
}
