package render_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"relmap/layout"
)

func TestLayout(t *testing.T) {
	t.Parallel()
	m, r, _ := setup(t)
	ctx := context.Background()

	t.Run("at each stability, should lay out as layout.Recompute with the renderer's options", func(t *testing.T) {
		for _, s := range []float64{0, 0.5, 1} {
			got, err := r.Layout(ctx, m, s, nil)
			if err != nil {
				t.Fatalf("stability %v: %v", s, err)
			}
			opt, err := r.LayoutOptions(s)
			if err != nil {
				t.Fatalf("stability %v: %v", s, err)
			}
			want := layout.Compute(m, opt)
			for i := range want.Frames() {
				if !reflect.DeepEqual(got.Frames()[i].Pos, want.Frames()[i].Pos) {
					t.Errorf("stability %v, frame %s: positions differ", s, want.Frames()[i].At)
				}
			}
		}
	})

	t.Run("with a stability outside 0 to 1, should say so", func(t *testing.T) {
		for _, s := range []float64{-0.1, 1.5} {
			if _, err := r.LayoutOptions(s); err == nil {
				t.Errorf("LayoutOptions(%v) gave no error", s)
			}
			if _, err := r.Layout(ctx, m, s, nil); err == nil || !strings.Contains(err.Error(), "outside 0 to 1") {
				t.Errorf("Layout at %v: error %v, want it out of range", s, err)
			}
		}
	})

	t.Run("when the context is cancelled, should return its error", func(t *testing.T) {
		done, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := r.Layout(done, m, 0.5, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}
