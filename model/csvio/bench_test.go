package csvio_test

import (
	"fmt"
	"strings"
	"testing"

	"relmap/model/csvio"
)

// generated returns tables of n actors, each tied to the next two, with an
// event per ten actors.
func generated(n int) tables {
	var a, t, e strings.Builder
	a.WriteString("Label,Type,Start,Belongs To,Source,ISO\n")
	t.WriteString("From,To,Type,Start,End,Weight,Reference\n")
	e.WriteString("Date,Title,Participants,Source\n")
	for i := range n {
		fmt.Fprintf(&a, "Actor %d,country,19%02d,Actor %d,https://example.org/%d,X%d\n", i, i%100, (i+1)%n, i%50, i)
		for _, j := range []int{1, 2} {
			fmt.Fprintf(&t, "Actor %d,Actor %d,relations,2000,2024-04,%d,Source %d\n", i, (i+j)%n, j, i%7)
		}
		if i%10 == 0 {
			fmt.Fprintf(&e, "2024-04-%02d,Event %d,Actor %d (host); Actor %d,Source %d\n", 1+i%28, i, i, (i+3)%n, i%7)
		}
	}
	return tables{a.String(), t.String(), e.String()}
}

func BenchmarkRead(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		tb := generated(n)
		b.Run(fmt.Sprintf("%d actors", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := csvio.Read(tb.files(), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteTables(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		m, err := csvio.Read(generated(n).files(), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%d actors", n), func(b *testing.B) {
			for b.Loop() {
				write(b, m)
			}
		})
	}
}
