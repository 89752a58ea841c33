package analysis_test

import (
	"fmt"
	"testing"

	"relmap/model"
	"relmap/model/analysis"
	"relmap/model/storetest"
)

// BenchmarkMeasure measures generated maps of 1,000, 2,000 and 10,000 actors
// with twice as many ties, as of a date in the middle of their history.
func BenchmarkMeasure(b *testing.B) {
	for _, n := range []int{1000, 2000, 10000} {
		m := storetest.Generated(n, 2*n)
		day := model.MustDate("1995-06-01").First()
		b.Run(fmt.Sprint(n, " actors"), func(b *testing.B) {
			for b.Loop() {
				analysis.Measure(m, day)
			}
		})
	}
}
