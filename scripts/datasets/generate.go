package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
	"time"

	"relmap/model"
)

// genParams are the generate command's flags.
type genParams struct {
	actors, ties, dates int
	seed                int64
}

const (
	communitySize = 100
	withinShare   = 0.85 // share of ties inside one community
	minTieDays    = 31
	maxTieDays    = 3652
	minLifeYears  = 3
	maxLifeYears  = 40
	tieAttempts   = 50 // pairs tried for one tie before giving up
)

// genEpoch is the first day of the synthetic history.
var genEpoch = model.DayOf(1900, time.January, 1)

func runGenerate(args []string) (*tables, string, error) {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	var p genParams
	fs.IntVar(&p.actors, "actors", 10000, "number of actors, in communities of about 100")
	fs.IntVar(&p.ties, "ties", 20000, "number of ties")
	fs.IntVar(&p.dates, "dates", 20000, "number of distinct dates to aim for (within 5%)")
	fs.Int64Var(&p.seed, "seed", 1, "random seed; equal flags give equal output")
	pos, err := parseArgs(fs, args, "OUT_DIR")
	if err != nil {
		return nil, "", err
	}
	if err := p.check(); err != nil {
		return nil, "", err
	}
	t, skipped := calibrate(p)
	if skipped > 0 {
		fmt.Fprintf(os.Stderr, "generate: %d ties skipped: no pair alive together for %d days found in %d tries\n", skipped, minTieDays, tieAttempts)
	}
	if d := t.distinctDates(); !within(d, p.dates, 0.05) {
		fmt.Fprintf(os.Stderr, "generate: %d distinct dates is not within 5%% of %d: no length of history gives that many with these counts\n", d, p.dates)
	}
	return t, pos[0], nil
}

func (p genParams) check() error {
	switch {
	case p.actors < 2:
		return fmt.Errorf("%w: --actors must be at least 2", errUsage)
	case p.ties < 0:
		return fmt.Errorf("%w: --ties cannot be negative", errUsage)
	case p.dates < 1:
		return fmt.Errorf("%w: --dates must be at least 1", errUsage)
	}
	return nil
}

// calibrate searches for the length of history, in days, whose map has
// about p.dates distinct dates: more days spread the same dates thinner, so
// fewer coincide. Each try reseeds, so the result depends on p alone.
func calibrate(p genParams) (*tables, int) {
	type try struct {
		t              *tables
		skipped, dates int
	}
	run := func(span int) try {
		t, skipped := generateMap(p, span)
		return try{t, skipped, t.distinctDates()}
	}
	lo, hi := 1, max(2, p.dates)
	best := run(hi)
	for best.dates < p.dates && hi < 64*p.dates {
		lo, hi = hi, 2*hi
		best = run(hi)
	}
	for lo <= hi && !within(best.dates, p.dates, 0.01) {
		mid := (lo + hi) / 2
		cur := run(mid)
		if abs(cur.dates-p.dates) < abs(best.dates-p.dates) {
			best = cur
		}
		if cur.dates < p.dates {
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return best.t, best.skipped
}

func within(got, want int, share float64) bool {
	return float64(abs(got-want)) <= share*float64(want)
}

func abs(x int) int { return max(x, -x) }

// genActor is an actor of the synthetic map; its life is [start, end) in
// days from genEpoch, end == span meaning still alive.
type genActor struct {
	label, kind string
	community   int
	start, end  int
}

// generateMap makes the map for a history of span days.
func generateMap(p genParams, span int) (*tables, int) {
	rng := rand.New(rand.NewSource(p.seed))
	actors := genActors(rng, p.actors, span)
	t := &tables{attrCols: []string{"Community"}}
	for _, a := range actors {
		life := model.Span{Start: genDate(a.start)}
		if a.end < span {
			life.End = genDate(a.end)
		}
		t.actors = append(t.actors, actorRow{Label: a.label, Kind: a.kind, Life: life,
			Attrs: []string{strconv.Itoa(a.community)}})
	}
	skipped := 0
	for range p.ties {
		if tie, ok := genTie(rng, actors, span); ok {
			t.ties = append(t.ties, tie)
		} else {
			skipped++
		}
	}
	return t, skipped
}

func genActors(rng *rand.Rand, n, span int) []genActor {
	width := max(5, len(strconv.Itoa(n)))
	out := make([]genActor, n)
	for i := range out {
		life := logUniform(rng, minLifeYears*365, maxLifeYears*365)
		start := rng.Intn(span)
		out[i] = genActor{
			label:     fmt.Sprintf("Actor %0*d", width, i),
			kind:      genKind(rng),
			community: i / communitySize,
			start:     start,
			end:       min(start+life, span),
		}
	}
	return out
}

// genKind picks an actor kind: mostly officials, some countries and
// organisations.
func genKind(rng *rand.Rand) string {
	switch x := rng.Float64(); {
	case x < 0.2:
		return "country"
	case x < 0.4:
		return "organisation"
	}
	return "official"
}

// genTie joins two actors alive together for at least minTieDays, in one
// community withinShare of the time.
func genTie(rng *rand.Rand, actors []genActor, span int) (tieRow, bool) {
	for range tieAttempts {
		a := &actors[rng.Intn(len(actors))]
		b := &actors[partner(rng, len(actors), a.community)]
		from, until := max(a.start, b.start), min(a.end, b.end)
		if a == b || until-from < minTieDays {
			continue
		}
		length := logUniform(rng, minTieDays, min(maxTieDays, until-from))
		start := from + rng.Intn(until-from-length+1)
		tie := kindTie(a, b)
		tie.Span = model.Span{Start: genDate(start), End: genDate(start + length)}
		return tie, true
	}
	return tieRow{}, false
}

// partner picks an actor index in community c, or withinShare of the time
// not, in another one (when there is another).
func partner(rng *rand.Rand, n, c int) int {
	communities := (n + communitySize - 1) / communitySize
	if communities > 1 && rng.Float64() >= withinShare {
		other := rng.Intn(communities - 1)
		if other >= c {
			other++
		}
		c = other
	}
	first := c * communitySize
	return first + rng.Intn(min(communitySize, n-first))
}

// kindTie types a tie by its ends: membership of an organisation, an
// official's posting to a country, or else relations.
func kindTie(a, b *genActor) tieRow {
	switch {
	case b.kind == "organisation":
		return tieRow{From: a.label, To: b.label, Kind: "member", Directed: true}
	case a.kind == "organisation":
		return tieRow{From: b.label, To: a.label, Kind: "member", Directed: true}
	case a.kind == "official" && b.kind == "country":
		return tieRow{From: a.label, To: b.label, Kind: "ambassador", Directed: true}
	case b.kind == "official" && a.kind == "country":
		return tieRow{From: b.label, To: a.label, Kind: "ambassador", Directed: true}
	}
	return tieRow{From: a.label, To: b.label, Kind: "relations"}
}

// logUniform draws an integer in [lo, hi] whose logarithm is uniform, so
// short and long spans are both common.
func logUniform(rng *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	x := math.Exp(math.Log(float64(lo)) + rng.Float64()*(math.Log(float64(hi))-math.Log(float64(lo))))
	return min(hi, max(lo, int(math.Round(x))))
}

func genDate(day int) model.Date { return model.DateOfDay(genEpoch + model.Day(day)) }
