package storetest

import (
	"fmt"
	"math/rand"

	"relmap/model"
)

// Generated is a map of n actors and ties ties for benchmarks and scale
// tests: countries and officials in groups of 25, each tie within a group
// but one in seven, with dates spread over fifty years. The same n and
// ties give the same map.
func Generated(n, ties int) *model.Map {
	rng := rand.New(rand.NewSource(int64(n)*7919 + int64(ties)))
	m := &model.Map{Name: fmt.Sprintf("generated %d", n), Pins: map[model.ID]model.Point{}}
	for i := range n {
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %06d", i+1),
			Kind: []string{"country", "official"}[i%2]})
	}
	for len(m.Ties) < ties && n > 1 {
		a := rng.Intn(n)
		b := a/25*25 + rng.Intn(25)
		if rng.Intn(7) == 0 {
			b = rng.Intn(n)
		}
		if b >= n || a == b {
			continue
		}
		year := 1970 + rng.Intn(50)
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(len(m.Ties) + 1), Kind: "relations",
			From: model.ID(a + 1), To: model.ID(b + 1),
			Span: model.Span{Start: model.MustDate(fmt.Sprint(year)), End: model.MustDate(fmt.Sprint(year + 1 + rng.Intn(10)))}})
	}
	return m
}
