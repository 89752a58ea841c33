package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strings"

	"relmap/i18n"
	"relmap/model"
)

// drawHeader writes the date at the top left, and under it the map's
// title, the caption and the latest date's events: as many as fit beside
// the legend, then how many more there are.
//
// Each line lies on a band of the ground, as the credit does: zoomed in,
// actors and ties pass under the header, and its words were lost among
// them.
func (r *Renderer) drawHeader(p surface, s *Scene, v View, w int) {
	ui := v.UIScale
	pal := s.palette()
	x := margin * ui
	onBand := func(bold bool, size, y float64, text string, c color.NRGBA) {
		if text == "" {
			return
		}
		if pal.band.A > 0 {
			tw, pad := p.textWidth(bold, size, text), 4*ui
			p.fill(roundRect(x-pad, y-size*0.9-pad/2, x+tw+pad, y+size*0.3+pad/2, 3*ui), pal.band)
		}
		p.text(bold, size, x, y, text, c)
	}
	onBand(true, 24*ui, 32*ui, r.dateOf(s), pal.ink)
	size := headerSize * ui
	onBand(false, size, 54*ui, headerLine(s, r.lang, func(t string) float64 { return p.textWidth(false, size, t) },
		headerRoom(v, w)), pal.muted)
}

// headerSize is the size of the header's second line, at UI scale 1.
const headerSize = 13.0

// headerRoom is the width the header's second line has in a picture w
// pixels wide, seen through v.
func headerRoom(v View, w int) float64 {
	return float64(w) - (legendSpan(v.Collapsed)+2*margin)*v.UIScale
}

// titled reports whether headerLine keeps the title of s.
func titled(s *Scene, lang *i18n.Lang, width func(string) float64, room float64) bool {
	_, kept := headerLead(s, lang, width, room)
	return kept || s.Title == ""
}

// headerLead is what headerLine puts before the events of s, and whether
// it keeps the title: the title and the caption, or, where the first
// event would not fit whole after them, the caption alone (what a filter
// or a measure does to the picture), or nothing.
func headerLead(s *Scene, lang *i18n.Lang, width func(string) float64, room float64) (lead string, titled bool) {
	all := strings.Join(slices.DeleteFunc([]string{s.Title, s.Caption}, func(t string) bool { return t == "" }), "   ·   ")
	if len(s.Events) == 0 {
		return all, true
	}
	first := s.EventDate + "  " + s.Events[0]
	if len(s.Events) > 1 {
		first += fmt.Sprintf(lang.T("; and %d more"), len(s.Events)-1)
	}
	fits := func(lead string) bool { return lead != "" && width(lead+"   ·   "+first) <= room }
	switch {
	case fits(all):
		return all, true
	case fits(s.Caption):
		return s.Caption, false
	}
	return "", false
}

// headerLine is the header's second line: the title, the caption and the
// events of s, with the events that do not fit in room (as width
// measures it) counted instead ("and 3 more"). Where the first event
// would not fit whole after the title and caption, the title gives way to
// it, then the caption (see headerLead): the date's events are what the
// picture tells, and a small animation's header read "2024-04-05 M…; and
// 2 more".
func headerLine(s *Scene, lang *i18n.Lang, width func(string) float64, room float64) string {
	line, _ := headerLead(s, lang, width, room)
	if len(s.Events) == 0 {
		return line
	}
	if line != "" {
		line += "   ·   "
	}
	line += s.EventDate + "  " + s.Events[0]
	for i := 1; i < len(s.Events); i++ {
		next := line + "; " + s.Events[i]
		rest := ""
		if i < len(s.Events)-1 {
			rest = fmt.Sprintf(lang.T("; and %d more"), len(s.Events)-i-1)
		}
		if width(next+rest) > room {
			more := fmt.Sprintf(lang.T("; and %d more"), len(s.Events)-i)
			return fit(line, width, room-width(more)) + more
		}
		line = next
	}
	return fit(line, width, room)
}

// drawEmpty writes the scene's Empty note in the middle of the map, which
// shows no actor.
func (r *Renderer) drawEmpty(p surface, s *Scene, v View, w, h int) {
	x0, y0, x1, y1 := plot(w, h, v)
	size := 15 * v.UIScale
	width := func(t string) float64 { return p.textWidth(false, size, t) }
	text := fit(s.Empty, width, x1-x0)
	p.text(false, size, (x0+x1-width(text))/2, (y0+y1)/2, text, s.palette().muted)
}

// creditLine is credit (its parts joined by creditSep) cut to fit room:
// the source's title is shortened first, so that the author and the
// licence, which a picture published must carry, stay whole ("Source:
// Mexico's embassy rai…  ·  Ana Reporter  ·  CC BY 4.0"); only when
// they do not fit either is the line cut at its end.
func creditLine(credit string, width func(string) float64, room float64) string {
	if width(credit) <= room {
		return credit
	}
	parts := strings.Split(credit, creditSep)
	if len(parts) > 1 {
		tail := creditSep + strings.Join(parts[1:], creditSep)
		least := string([]rune(parts[0])[:min(len([]rune(parts[0])), 12)]) + "…" // the source's title, shortest
		if head := room - width(tail); head >= width(least) {
			return fit(parts[0], width, head) + tail
		}
	}
	return fit(credit, width, room)
}

// creditSep is what the parts of a credit are joined by (see
// model.Map.Credit).
const creditSep = "  ·  "

// drawCredit writes the scene's credit at the foot of the diagram, on a
// band of the background so that it stays readable over what is drawn
// beneath, as maps print their attribution.
func (r *Renderer) drawCredit(p surface, s *Scene, ui float64, w, h int, collapsed bool) {
	if s.Credit == "" {
		return
	}
	pal := s.palette()
	size := 11 * ui
	room := float64(w) - (legendSpan(collapsed)+2*margin)*ui
	text := creditLine(r.credit(s), func(t string) float64 { return p.textWidth(false, size, t) }, room)
	x, base := margin*ui, float64(h)-7*ui
	width := p.textWidth(false, size, text)
	p.fill([]pt{{x - 4*ui, base - size - 2*ui}, {x + width + 4*ui, base - size - 2*ui}, {x + width + 4*ui, base + 4*ui}, {x - 4*ui, base + 4*ui}}, pal.band)
	p.text(false, size, x, base, text, pal.muted)
}

// drawLegend lists the actor and tie kinds in a panel down the right side;
// a kind the filter hides is drawn faint and marked hidden.
// legendRow is one line of the legend: a heading (kind zero) or a kind,
// with the baseline y of its text.
type legendRow struct {
	heading string
	kind    model.Kind
	note    string // what size or colour means, for a row that is no kind
	glyph   string // "size" or "colour": the note's glyph
	y       float64
}

// legendRows lays out the legend's lines, in device pixels.
func legendRows(s *Scene, lang *i18n.Lang, ui float64, h int) []legendRow {
	y, row := 32*ui, 22*ui
	// A heading with no kind under it (on a new, empty map) is left out.
	var rows []legendRow
	if len(s.ActorKinds) > 0 {
		rows = append(rows, legendRow{heading: lang.T("Actors"), y: y})
		y += row
		for _, k := range s.ActorKinds {
			rows = append(rows, legendRow{kind: k, y: y})
			y += row
		}
		y += row / 2
	}
	if len(s.TieKinds) > 0 {
		rows = append(rows, legendRow{heading: lang.T("Ties"), y: y})
		y += row
	}
	for i, k := range s.TieKinds {
		// The last line there is room for, with kinds still to come,
		// says how many are left out rather than leave them unsaid.
		if left := len(s.TieKinds) - i; left > 1 && y+row > float64(h)-8*ui {
			return append(rows, legendRow{note: fmt.Sprintf(lang.T("…and %d more"), left), y: y})
		}
		rows = append(rows, legendRow{kind: k, y: y})
		y += row
		if y > float64(h)-8*ui {
			return rows
		}
	}
	if s.Filter != "" {
		// A line for each of what the filter leaves out: on one, they
		// ran off the legend's edge.
		y += row / 2
		rows = append(rows, legendRow{heading: lang.T("Filter on"), y: y})
		y += row
		for _, part := range strings.Split(s.Filter, "\n") {
			rows = append(rows, legendRow{note: part, y: y})
			y += row
		}
	}
	if s.Since != "" {
		y += row / 2
		rows = append(rows, legendRow{heading: lang.T("Compared"), y: y},
			legendRow{note: fmt.Sprintf(lang.T("began since %s"), s.Since), glyph: "began", y: y + row},
			legendRow{note: fmt.Sprintf(lang.T("ended since %s"), s.Since), glyph: "ended", y: y + 2*row})
		y += 3 * row
	}
	if s.Emphasis != nil && len(s.Emphasis.Links) > 0 {
		// A path's step over a belongs-to or located-in link (see
		// Emphasis.Links), dotted.
		y += row / 2
		rows = append(rows, legendRow{note: lang.T("belongs to or located in"), glyph: "link", y: y})
		y += row
	}
	if s.SizeBy == "" && s.ColorBy == "" {
		return rows
	}
	y += row / 2
	rows = append(rows, legendRow{heading: lang.T("Drawn by"), y: y})
	y += row
	if s.SizeBy != "" {
		rows = append(rows, legendRow{note: lang.T("Size:") + " " + lang.T(s.SizeBy), glyph: "size", y: y})
		y += row
	}
	if s.ColorBy != "" {
		rows = append(rows, legendRow{note: lang.T("Colour:") + " " + lang.T(s.ColorBy), glyph: "colour", y: y})
	}
	return rows
}

// LegendAt returns the kind whose legend line holds device pixel (sx, sy),
// if any. A collapsed legend has none.
func (r *Renderer) LegendAt(s *Scene, v View, w, h int, sx, sy float64) (model.Kind, bool) {
	ui := v.UIScale
	if v.Collapsed || sx < float64(w)-legendWidth*ui {
		return model.Kind{}, false
	}
	for _, row := range legendRows(s, r.lang, ui, h) {
		if row.heading == "" && row.note == "" && sy >= row.y-15*ui && sy < row.y+7*ui {
			return row.kind, true
		}
	}
	return model.Kind{}, false
}

// LegendToggleAt reports whether device pixel (sx, sy) is on the control
// that folds the legend (its top corner) or unfolds it (the whole tab).
func LegendToggleAt(v View, w, h int, sx, sy float64) bool {
	ui := v.UIScale
	if v.Collapsed {
		return sx >= float64(w)-tabWidth*ui && sy >= 0 && sy < float64(h)
	}
	return sx >= float64(w)-toggleSize*ui && sy < toggleSize*ui
}

// toggleSize is the side of the legend's fold control, at UI scale 1.
const toggleSize = 28.0

func (r *Renderer) drawLegend(p surface, s *Scene, v View, w, h int) {
	ui := v.UIScale
	pal := s.palette()
	ink, muted := pal.ink, pal.muted
	x0 := float64(w) - legendSpan(v.Collapsed)*ui
	p.fill([]pt{{x0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {x0, float64(h)}}, pal.panel)
	p.fill([]pt{{x0, 0}, {x0 + ui, 0}, {x0 + ui, float64(h)}, {x0, float64(h)}}, pal.rule)
	if v.Collapsed {
		// The tab: a chevron to unfold it, and the word down the tab.
		cx := x0 + tabWidth*ui/2
		if v.Controls {
			p.fill(chevron(pt{cx, 18 * ui}, 5*ui, -1), muted)
		}
		for i, c := range []rune(r.lang.T("LEGEND")) {
			s := string(c)
			p.text(true, 11*ui, cx-p.textWidth(true, 11*ui, s)/2, 44*ui+float64(i)*14*ui, s, muted)
		}
		return
	}
	if v.Controls {
		p.fill(chevron(pt{float64(w) - toggleSize*ui/2, toggleSize * ui / 2}, 5*ui, 1), muted)
	}
	x := x0 + 16*ui
	text := 12 * ui
	for _, row := range legendRows(s, r.lang, ui, h) {
		y, k := row.y, row.kind
		if row.heading != "" {
			p.text(true, 13*ui, x, y, row.heading, ink)
			continue
		}
		if row.note != "" {
			c := pt{x + 9*ui, y - 4*ui}
			switch row.glyph {
			case "size": // a small and a large actor
				p.fill(circle(pt{c.X - 5*ui, c.Y + 3*ui}, 3*ui), muted)
				p.fill(circle(pt{c.X + 4*ui, c.Y}, 7*ui), muted)
			case "colour": // actors of three communities
				for i, col := range []string{"#1b9e77", "#d95f02", "#7570b3"} {
					p.fill(circle(pt{c.X - 7*ui + float64(i)*7*ui, c.Y}, 4*ui), parseColor(col))
				}
			case "began": // a tie in full, in the comparison's colour
				col := ink
				if s.Emphasis != nil && s.Emphasis.Color != "" {
					col = parseColor(s.Emphasis.Color)
				}
				p.stroke([]pt{{x, c.Y}, {x + 22*ui, c.Y}}, math.Max(1, 2*ui), col, 0)
			case "ended": // a tie ghosted
				p.stroke([]pt{{x, c.Y}, {x + 22*ui, c.Y}}, math.Max(1, 2*ui), parseColor(GhostColor), 4*ui)
			case "link": // an emphasis's link, dotted as planLinks draws it
				col := ink
				if s.Emphasis.Color != "" {
					col = parseColor(s.Emphasis.Color)
				}
				p.stroke([]pt{{x, c.Y}, {x + 22*ui, c.Y}}, math.Max(1, 2*ui), col, 2*ui)
			}
			if row.glyph == "" {
				p.text(false, text, x, y, row.note, muted)
				continue
			}
			p.text(false, text, x+28*ui, y, row.note, ink)
			continue
		}
		col, label, labelInk := parseColor(k.Color), r.lang.KindLabel(k), ink
		if k.Class == model.ClassActor && s.ColorBy != "" {
			// The actors' colour tells the measure: the kinds' shapes
			// are drawn in no colour of their own, which the picture
			// would belie.
			col = muted
		}
		if s.Hidden[KindKey{k.Class, k.Name}] {
			col.A, label, labelInk = 0x50, label+" "+r.lang.T("(hidden)"), muted
		}
		if k.Class == model.ClassActor {
			c := pt{x + 9*ui, y - 4*ui}
			p.fill(shapePolygon(k.Shape, c, 8*ui), col)
			if k.Shape == model.ShapePerson {
				p.fill(circle(pt{c.X, c.Y - 0.28*8*ui}, 0.3*8*ui), white)
				p.fill(shoulders(c, 8*ui), white)
			}
		} else {
			a, b := pt{x, y - 4*ui}, pt{x + 22*ui, y - 4*ui}
			dash := 0.0
			if k.Dashed {
				dash = 4 * ui
			}
			if k.Arrow {
				size := 7 * ui
				p.fill([]pt{b, {b.X - size, b.Y - size/2}, {b.X - size, b.Y + size/2}}, col)
				b.X -= size * 0.8
			}
			p.stroke([]pt{a, b}, math.Max(1, 2*ui), col, dash)
		}
		p.text(false, text, x+28*ui, y, label, labelInk)
	}
}

// Overlays are the parts of a w×h picture seen through v that do not move
// with the view: the header strip and the legend panel (or its tab).
func Overlays(w, h int, v View) []image.Rectangle {
	ui := v.UIScale
	if ui <= 0 {
		ui = 1
	}
	return []image.Rectangle{
		image.Rect(0, 0, w, int(math.Ceil(headerH*ui))),
		image.Rect(int(math.Floor(float64(w)-legendSpan(v.Collapsed)*ui)), 0, w, h),
	}
}

// chevron is a small arrowhead at c pointing right (dir 1) or left (-1).
func chevron(c pt, size, dir float64) []pt {
	return []pt{{c.X + dir*size*0.6, c.Y}, {c.X - dir*size*0.6, c.Y - size}, {c.X - dir*size*0.6, c.Y + size}}
}

// credit is the scene's credit in the renderer's language: the map's
// "Source:" said in it.
func (r *Renderer) credit(s *Scene) string {
	if rest, ok := strings.CutPrefix(s.Credit, "Source: "); ok {
		return r.lang.T("Source:") + " " + rest
	}
	return s.Credit
}
