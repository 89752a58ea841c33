package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"relmap/model/analysis"
)

// measuresDialog ranks the actors shown on the date on show by
// betweenness, with their degree, PageRank and community
// (analysis.Measure), computed off the UI goroutine; choosing one selects
// it.
func (e *Editor) measuresDialog() {
	m, day := e.m, e.day
	e.inBackground("Measuring who matters on "+day.String()+"…", func() (func(), error) {
		ms := analysis.Measure(m, day)
		return func() { e.showMeasures(ms, day.String()) }, nil
	})
}

func (e *Editor) showMeasures(ms []analysis.Metrics, day string) {
	list := widget.NewList(func() int { return len(ms) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(measureLine(i+1, ms[i])) })
	list.OnSelected = func(i widget.ListItemID) { e.Select(ms[i].ID) }
	d := dialog.NewCustom("Who Matters on "+day, "Close", list, e.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
	e.measured = ms // for tests
}

// measureLine is one row of the ranking: "1. Mexico — betweenness 81,
// degree 7, PageRank 0.077, community 2".
func measureLine(rank int, x analysis.Metrics) string {
	line := fmt.Sprintf("%d. %s — betweenness %g, degree %d, PageRank %.3f", rank, x.Name, x.Betweenness, x.Degree, x.PageRank)
	if x.Community > 0 {
		line += fmt.Sprintf(", community %d", x.Community)
	}
	return line
}
