package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"relmap/layout"
	"relmap/model"
)

// A panel of small multiples: its margins and the height of its header,
// at UI scale 1, and the gap between panels.
const (
	panelMargin  = 8.0
	panelHeaderH = 40.0
	panelGap     = 12.0
	// MaxPanels is the most dates small multiples show.
	MaxPanels = 36
)

// Multiples is one picture of several dates of a map side by side: a
// grid of panels in one shared layout and one scale, each titled with its
// date and events, under one header and beside one legend.
type Multiples struct {
	Dates   []model.Day
	Columns int // 0: as square a grid as the dates make
	W, H    int
	Theme   Theme
}

// MultiplesDates reads which dates small multiples show: "events" (the
// dates of the map's events, within from and to when they are not 0),
// every N months written Nm or Ny (from from until to, and to itself; both
// are needed),
// or a list of dates separated by commas.
func MultiplesDates(m *model.Map, spec string, from, to model.Day) ([]model.Day, error) {
	spec = strings.TrimSpace(spec)
	lower := strings.ToLower(spec)
	var days []model.Day
	switch {
	case lower == "events":
		for _, e := range m.Events {
			d := e.Date.First()
			if (from == 0 || d >= from) && (to == 0 || d <= to) {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			if from != 0 || to != 0 {
				return nil, &model.Message{Format: "the map has no events from %s to %s to show as small multiples", Args: []any{spanEnd(from), spanEnd(to)}}
			}
			return nil, &model.Message{Format: "the map has no events to show as small multiples"}
		}
	case len(lower) > 1 && (strings.HasSuffix(lower, "m") || strings.HasSuffix(lower, "y")) && !strings.Contains(lower, ","):
		n, err := strconv.Atoi(lower[:len(lower)-1])
		if err != nil || n < 1 {
			return nil, &model.Message{Format: "small multiples %q: want events, a step such as 3m or 1y, or dates separated by commas", Args: []any{spec}}
		}
		if from == 0 || to <= from {
			return nil, &model.Message{Format: "small multiples every %s need a start and a later end", Args: []any{spec}}
		}
		months := n
		if lower[len(lower)-1] == 'y' {
			months = 12 * n
		}
		for k := 0; ; k++ {
			d := addMonths(from, k*months)
			if d > to || len(days) > MaxPanels {
				break
			}
			days = append(days, d)
		}
		// The end is shown too, as an animation's is: every 2 months
		// from 16 November 2023 to 14 April 2024 left out the crisis in
		// April.
		days = append(days, to)
	default:
		parts := strings.Split(spec, ",")
		for _, part := range parts {
			d, err := model.ParseDay(part)
			part = strings.TrimSpace(part)
			switch {
			case err != nil && (len(parts) > 1 || part != "" && part[0] >= '0' && part[0] <= '9'):
				// A list of dates, or a date: what is wrong with it.
				return nil, &model.Message{Format: "small multiples: %s", Args: []any{err}, Err: err}
			case err != nil:
				return nil, &model.Message{Format: "small multiples %q: want events, a step such as 3m or 1y, or dates separated by commas", Args: []any{part}, Err: err}
			}
			days = append(days, d)
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	if len(days) > MaxPanels {
		return nil, fmt.Errorf("small multiples of %d dates or more: at most %d fit one picture", len(days), MaxPanels)
	}
	return days, nil
}

// panel is one date of small multiples: its scene and view, and where it
// lies in the picture.
type panel struct {
	s    *Scene
	v    View
	rect image.Rectangle
}

// spanEnd writes one end of a span of days, "…" for none (0).
func spanEnd(d model.Day) string {
	if d == 0 {
		return "…"
	}
	return d.String()
}

// multiples works out the picture: the board (header, legend and credit
// around an empty map area) and its panels.
func (r *Renderer) multiples(m *model.Map, tl *layout.Timeline, mu Multiples) (*Scene, View, []panel, error) {
	if len(mu.Dates) == 0 || len(mu.Dates) > MaxPanels {
		return nil, View{}, nil, fmt.Errorf("small multiples show 1 to %d dates, not %d", MaxPanels, len(mu.Dates))
	}
	if err := CheckSize(mu.W, mu.H); err != nil {
		return nil, View{}, nil, err
	}
	first, last := mu.Dates[0], mu.Dates[len(mu.Dates)-1]
	known := knownDays(m, mu.Dates)
	date := func(d model.Day) string {
		if k, ok := known[d]; ok {
			return r.lang.Known(k)
		}
		return r.lang.Date(d)
	}
	board := NewScene(m, Frame{Snap: model.Snapshot{At: last}}, last, 0)
	board.At, board.Date = 0, date(first)+" – "+date(last)
	board.Caption = fmt.Sprintf(r.lang.T("%d dates in one layout and one scale"), len(mu.Dates))
	board.Theme = mu.Theme
	bv := View{UIScale: 1, Zoom: 1}

	cols := mu.Columns
	if cols <= 0 {
		cols = int(math.Ceil(math.Sqrt(float64(len(mu.Dates)))))
	}
	cols = min(cols, len(mu.Dates))
	rows := (len(mu.Dates) + cols - 1) / cols
	x0, y0, x1, y1 := plot(mu.W, mu.H, bv)
	cw := (x1 - x0 - panelGap*float64(cols-1)) / float64(cols)
	ch := (y1 - y0 - panelGap*float64(rows-1)) / float64(rows)
	if cw < 60 || ch < 60 {
		return nil, View{}, nil, fmt.Errorf("%d panels in %d columns leave each %.0f×%.0f pixels; make the picture larger or take fewer dates", len(mu.Dates), cols, cw, ch)
	}
	// One scale: every panel fits every date's actors.
	box := r.boxOf(m)
	r.mu.Lock()
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, d := range mu.Dates {
		if a, b, c, e, ok := FrameBounds(tl.At(d).Pos, box); ok {
			minX, minY, maxX, maxY = min(minX, a), min(minY, b), max(maxX, c), max(maxY, e)
		}
	}
	r.mu.Unlock()
	pw, ph := int(cw), int(ch)
	pv := fitIn(minX, minY, maxX, maxY, pw, ph, View{UIScale: 1, Panel: true})
	var panels []panel
	for i, d := range mu.Dates {
		s := NewScene(m, FrameAt(m, tl, d), d, 0)
		s.Theme, s.Known = mu.Theme, known[d]
		x := int(x0 + float64(i%cols)*(cw+panelGap))
		y := int(y0 + float64(i/cols)*(ch+panelGap))
		panels = append(panels, panel{s: s, v: pv, rect: image.Rect(x, y, x+pw, y+ph)})
	}
	return board, bv, panels, nil
}

// DrawMultiples draws m's small multiples mu, laid out by tl.
func (r *Renderer) DrawMultiples(m *model.Map, tl *layout.Timeline, mu Multiples) (*image.RGBA, error) {
	board, bv, panels, err := r.multiples(m, tl, mu)
	if err != nil {
		return nil, err
	}
	img := r.Draw(board, bv, mu.W, mu.H)
	rule := board.palette().rule
	for _, p := range panels {
		pic := r.Draw(p.s, p.v, p.rect.Dx(), p.rect.Dy())
		draw.Draw(img, p.rect, pic, image.Point{}, draw.Src)
		frame(img, p.rect.Inset(-1), rule)
	}
	return img, nil
}

// frame draws the one-pixel outline of rect in c.
func frame(img *image.RGBA, rect image.Rectangle, c color.NRGBA) {
	u := image.NewUniform(c)
	for _, side := range []image.Rectangle{
		{rect.Min, image.Pt(rect.Max.X, rect.Min.Y+1)},
		{image.Pt(rect.Min.X, rect.Max.Y-1), rect.Max},
		{rect.Min, image.Pt(rect.Min.X+1, rect.Max.Y)},
		{image.Pt(rect.Max.X-1, rect.Min.Y), rect.Max},
	} {
		draw.Draw(img, side.Intersect(img.Rect), u, image.Point{}, draw.Over)
	}
}

// WriteMultiples draws m's small multiples mu, laid out by tl, and
// writes them to out in format f (with print resolution dpi for a PNG).
func (r *Renderer) WriteMultiples(out io.Writer, f Format, m *model.Map, tl *layout.Timeline, mu Multiples, dpi float64) error {
	if f == PNG {
		img, err := r.DrawMultiples(m, tl, mu)
		if err != nil {
			return err
		}
		return WritePNGAt(out, img, dpi)
	}
	board, bv, panels, err := r.multiples(m, tl, mu)
	if err != nil {
		return err
	}
	r.mu.Lock()
	var doc surface
	var finish func(io.Writer) error
	switch f {
	case SVG:
		c := newSVG(r, mu.W, mu.H, dpi)
		doc, finish = c, c.finish
	case PDF:
		c := newPDF(r, mu.W, mu.H, board.Title, dpi)
		doc, finish = c, c.finish
	default:
		r.mu.Unlock()
		return fmt.Errorf("format %q: relmap writes pictures as %s", f, formatList())
	}
	r.drawVector(r.planVector(board, bv, mu.W, mu.H), doc)
	rule := board.palette().rule
	for _, p := range panels {
		at := shifted{doc, float64(p.rect.Min.X), float64(p.rect.Min.Y)}
		r.drawVector(r.planVector(p.s, p.v, p.rect.Dx(), p.rect.Dy()), at)
		b := p.rect.Inset(-1)
		doc.stroke([]pt{{float64(b.Min.X) + 0.5, float64(b.Min.Y) + 0.5}, {float64(b.Max.X) - 0.5, float64(b.Min.Y) + 0.5},
			{float64(b.Max.X) - 0.5, float64(b.Max.Y) - 0.5}, {float64(b.Min.X) + 0.5, float64(b.Max.Y) - 0.5}, {float64(b.Min.X) + 0.5, float64(b.Min.Y) + 0.5}}, 1, rule, 0)
	}
	r.mu.Unlock()
	return finish(out)
}

// shifted is a surface drawn dx, dy from the origin of another: a panel
// of small multiples in the whole picture.
type shifted struct {
	surface
	dx, dy float64
}

func (s shifted) move(pts []pt) []pt {
	out := make([]pt, len(pts))
	for i, q := range pts {
		out[i] = pt{q.X + s.dx, q.Y + s.dy}
	}
	return out
}

func (s shifted) fill(pts []pt, c color.NRGBA) { s.surface.fill(s.move(pts), c) }
func (s shifted) stroke(pts []pt, w float64, c color.NRGBA, dash float64) {
	s.surface.stroke(s.move(pts), w, c, dash)
}
func (s shifted) dot(c pt, rad float64, col color.NRGBA) {
	s.surface.dot(pt{c.X + s.dx, c.Y + s.dy}, rad, col)
}
func (s shifted) text(bold bool, size, x, y float64, t string, c color.NRGBA) {
	s.surface.text(bold, size, x+s.dx, y+s.dy, t, c)
}

// drawPanelHeader writes a panel's date and, under it, its events.
func (r *Renderer) drawPanelHeader(p surface, s *Scene, v View, w int) {
	ui := v.UIScale
	pal := s.palette()
	x := panelMargin * ui
	p.text(true, 14*ui, x, 18*ui, r.dateOf(s), pal.ink)
	if len(s.Events) == 0 {
		return
	}
	size := 11 * ui
	line := s.EventDate + "  " + strings.Join(s.Events, "; ")
	p.text(false, size, x, 33*ui, fit(line, func(t string) float64 { return p.textWidth(false, size, t) }, float64(w)-2*x), pal.muted)
}

// fitIn is Fit for any view: the view like v that shows the layout box
// whole in the diagram area of a w×h picture, at most at zoom 1.5.
func fitIn(minX, minY, maxX, maxY float64, w, h int, v View) View {
	x0, y0, x1, y1 := plot(w, h, v)
	zoom := 1.5 * v.UIScale
	if bw, bh := maxX-minX, maxY-minY; bw > 0 && bh > 0 {
		zoom = math.Min(zoom, math.Min((x1-x0)/bw, (y1-y0)/bh))
	}
	if zoom <= 0 || math.IsInf(minX, 0) {
		zoom = 0.05
	}
	v.CX, v.CY, v.Zoom = (minX+maxX)/2, (minY+maxY)/2, zoom
	if math.IsInf(minX, 0) {
		v.CX, v.CY = 0, 0
	}
	return v
}
