package render

import (
	"image/color"
	"math"

	"relmap/model"
)

// drawHeader writes the date, the map's title and the latest event at the
// top left.
func (r *Renderer) drawHeader(p *painter, s *Scene, ui float64) {
	x := margin * ui
	r.drawText(p, true, 24*ui, x, 32*ui, s.Date, ink)
	line := s.Title
	if s.Caption != "" {
		if line != "" {
			line += "   ·   "
		}
		line += s.Caption
	}
	r.drawText(p, false, 13*ui, x, 54*ui, line, muted)
}

// drawLegend lists the actor and tie kinds in a panel down the right side.
func (r *Renderer) drawLegend(p *painter, s *Scene, ui float64, w, h int) {
	x0 := float64(w) - legendWidth*ui
	p.fill([]pt{{x0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {x0, float64(h)}}, panel)
	p.fill([]pt{{x0, 0}, {x0 + ui, 0}, {x0 + ui, float64(h)}, {x0, float64(h)}}, color.NRGBA{0xd5, 0xd9, 0xde, 0xff})
	x := x0 + 16*ui
	y := 32 * ui
	row := 22 * ui
	text := 12 * ui
	r.drawText(p, true, 13*ui, x, y, "Actors", ink)
	y += row
	for _, k := range s.ActorKinds {
		c := pt{x + 9*ui, y - 4*ui}
		col := parseColor(k.Color)
		p.fill(shapePolygon(k.Shape, c, 8*ui), col)
		if k.Shape == model.ShapePerson {
			p.fill(circle(pt{c.X, c.Y - 0.28*8*ui}, 0.3*8*ui), white)
			p.fill(shoulders(c, 8*ui), white)
		}
		r.drawText(p, false, text, x+28*ui, y, k.DisplayName(), ink)
		y += row
	}
	y += row / 2
	r.drawText(p, true, 13*ui, x, y, "Ties", ink)
	y += row
	for _, k := range s.TieKinds {
		col := parseColor(k.Color)
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
		r.drawText(p, false, text, x+28*ui, y, k.DisplayName(), ink)
		y += row
		if y > float64(h)-8*ui {
			break
		}
	}
}
