package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
	"relmap/model/analysis"
	"relmap/render"
)

// measuresDialog ranks the actors shown on the date on show by
// betweenness, with their degree, PageRank and community
// (analysis.Measure), computed off the UI goroutine; choosing one selects
// it.
func (e *Editor) measuresDialog() {
	m, day := e.doc.m, e.doc.day
	// The ranking of the map and date measured last is shown again at
	// once: on a map of 10,000 actors it took seconds each time.
	if r := e.ranked; r.m == m && r.day == day && r.ms != nil {
		e.showMeasures(r.ms, windowLang.Date(day))
		return
	}
	e.inBackground(lang.L("Measuring who matters on ")+windowLang.Date(day)+"…", func(func(int, int)) (func(), error) {
		ms := measure(m, day)
		return func() {
			e.ranked = ranking{m, day, ms}
			e.showMeasures(ms, windowLang.Date(day))
		}, nil
	})
}

// ranking is the Who Matters dialog's ranking of a map on a date.
type ranking struct {
	m   *model.Map
	day model.Day
	ms  []analysis.Metrics
}

func (e *Editor) showMeasures(ms []analysis.Metrics, day string) {
	e.measured = ms // for tests
	if len(ms) == 0 {
		dialog.ShowInformation(lang.L("Who Matters on ")+day, lang.L("No actor is on the map on this date: there is nothing to measure."), e.win)
		return
	}
	list := newDialogList(func() int { return len(ms) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(measureLine(i+1, ms[i])) })
	list.OnSelected = func(i widget.ListItemID) { e.goToActorID(ms[i].ID) }
	d := dialog.NewCustom(lang.L("Who Matters on ")+day, lang.L("Close"), list, e.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// measureLine is one row of the ranking: "1. Mexico — betweenness 81,
// degree 7, PageRank 7.7%, community 2". Betweenness is rounded to a
// whole number from 100 up and to three digits below; PageRank, a share
// of the whole map, is given as a percentage to two digits, so that on
// a map of thousands of actors it does not read 0.000.
func measureLine(rank int, x analysis.Metrics) string {
	between := strconv.FormatFloat(x.Betweenness, 'f', 0, 64)
	if x.Betweenness < 100 {
		between = strconv.FormatFloat(x.Betweenness, 'g', 3, 64)
	}
	pagerank := windowLang.Decimal(strconv.FormatFloat(100*x.PageRank, 'g', 2, 64)) + "%"
	between = windowLang.Decimal(between)
	line := fmt.Sprintf(lang.L("%d. %s — betweenness %s, degree %d, PageRank %s"), rank, x.Name, between, x.Degree, pagerank)
	if x.Community > 0 {
		line += fmt.Sprintf(lang.L(", community %d"), x.Community)
	}
	return line
}

// measureCache holds the measures of one map on one date.
type measureCache struct {
	m   *model.Map
	day model.Day
	by  map[model.ID]analysis.Metrics
}

// noCommunity is the colour of an actor in no community, coloured by
// community.
const noCommunity = "#8c9099"

// communityColors tell communities apart; more than ten share colours.
var communityColors = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
	"#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99"}

// measuresNow returns the measures of the map on show as of the date on
// show, and that date, if they are computed; else it asks for them
// (startMeasuring), and the picture is drawn again when they are ready.
// Meanwhile it returns those of the date measured last on the same map,
// if any, and that date: while the timeline played, each new date was
// drawn first without its sizes, its labels chosen anew, then with them,
// and the picture flickered.
func (e *Editor) measuresNow() (map[model.ID]analysis.Metrics, model.Day) {
	m, day := e.drawn, e.doc.day
	c := e.measureCache
	if c != nil && c.m == m && c.day == day {
		return c.by, day
	}
	e.wanted = measureKey{m, day}
	if c != nil && c.m == m {
		return c.by, c.day
	}
	return nil, 0
}

// startMeasuring computes the measures asked for off the UI goroutine.
// It runs after a picture is shown, so that the picture the measures
// bring comes after it. One computation runs at a time: while the slider
// runs through dates, the date asked for last is measured when the one
// under way is done, and the dates between are not.
func (e *Editor) startMeasuring() {
	want := e.wanted
	if want.m == nil || e.measuring == want || e.measuring.m != nil {
		return
	}
	e.wanted, e.measuring = measureKey{}, want
	e.jobs.Add(1)
	go func() {
		defer e.jobs.Done()
		by := map[model.ID]analysis.Metrics{}
		err := panicked(lang.L("Measuring"), func() {
			for _, x := range measure(want.m, want.day) {
				by[x.ID] = x
			}
		})
		fyne.DoAndWait(func() {
			if err != nil {
				e.status.SetText(sentence(err))
			}
			e.measureCache = &measureCache{m: want.m, day: want.day, by: by}
			e.measuring = measureKey{}
			if e.drawn == want.m && e.doc.day == want.day {
				e.showSceneSoon(false) // off the UI goroutine on a big map
			}
			e.startMeasuring() // a date asked for meanwhile
		})
	}()
}

// measure is analysis.Measure, as the editor calls it (a test counts the
// calls).
var measure = analysis.Measure

// measureKey names a computation of measures under way.
type measureKey struct {
	m   *model.Map
	day model.Day
}

// styleByMeasures sizes the scene's actors by the measure chosen and
// colours them by community, and says so in the caption.
func (e *Editor) styleByMeasures(s *render.Scene) { e.measureStyle()(s) }

// measureStyle takes what styleByMeasures needs from the editor and
// returns the function that styles a scene with it, which reads nothing
// of the editor's and may run on any goroutine.
func (e *Editor) measureStyle() func(*render.Scene) {
	sizeBy, byCommunity := e.sizeBy, e.byCommunity
	if sizeBy == "" && !byCommunity {
		return func(*render.Scene) {}
	}
	by, of := e.measuresNow() // computed once, then only read
	day := e.doc.day
	return func(s *render.Scene) {
		var notes []string
		if sizeBy != "" {
			notes = append(notes, lang.L("size: ")+lang.L(sizeBy))
		}
		if byCommunity {
			notes = append(notes, lang.L("colour: community"))
		}
		if by == nil {
			// Until the measures come (seconds on a big map), the
			// picture says so, and claims no sizes or colours.
			s.Caption = withNote(lang.L("Measuring the actors for ")+strings.Join(notes, ", ")+"…", s.Caption)
			return
		}
		said := lang.L("Actors by ") + strings.Join(notes, ", ")
		if of != day {
			said += fmt.Sprintf(lang.L(" as measured on %s, until this date's measures come"), windowLang.Date(of))
		}
		s.Caption = withNote(said, s.Caption)
		s.SizeBy = sizeBy
		if byCommunity {
			s.ColorBy = "community"
		}
		value := func(x analysis.Metrics) float64 {
			switch sizeBy {
			case "degree":
				return float64(x.Degree)
			case "betweenness":
				return x.Betweenness
			case "PageRank":
				return x.PageRank
			}
			return 0
		}
		top := 0.0
		for _, x := range by {
			top = math.Max(top, value(x))
		}
		for i := range s.Nodes {
			n := &s.Nodes[i]
			x, ok := by[n.ID]
			if byCommunity && x.Community == 0 {
				// In no community (no tie on the date): grey, not its
				// kind's colour, which would read as a community.
				n.Color = noCommunity
			}
			if !ok {
				continue
			}
			if sizeBy != "" && top > 0 {
				// The area follows the measure: from 0.7 to 2 times the
				// usual size.
				n.Scale = 0.7 + 1.3*math.Sqrt(value(x)/top)
			}
			if byCommunity && x.Community > 0 {
				n.Color = communityColors[(x.Community-1)%len(communityColors)]
			}
		}
	}
}

// sizeItems are the View menu's choices of what sizes the actors.
func (e *Editor) sizeItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	labels := map[string]string{"": lang.L("Same Size"), "degree": lang.L("Size by Degree"),
		"betweenness": lang.L("Size by Betweenness"), "PageRank": lang.L("Size by PageRank")}
	for _, choice := range []string{"", "degree", "betweenness", "PageRank"} {
		it := fyne.NewMenuItem(labels[choice], nil)
		it.Checked = e.sizeBy == choice
		it.Action = func() {
			e.sizeBy = choice
			e.rebuildMenu()
			e.showScene()
		}
		items = append(items, it)
	}
	community := fyne.NewMenuItem(lang.L("Colour by Community"), func() {
		e.byCommunity = !e.byCommunity
		e.rebuildMenu()
		e.showScene()
	})
	community.Checked = e.byCommunity
	return append(items, community)
}
