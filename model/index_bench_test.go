package model_test

import (
	"fmt"
	"testing"

	"relmap/model/storetest"
)

// BenchmarkValidate checks whole maps of 1,000 to 100,000 actors with
// twice as many ties.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		m := storetest.Generated(n, 2*n)
		b.Run(fmt.Sprint(n, " actors"), func(b *testing.B) {
			for b.Loop() {
				if err := m.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
