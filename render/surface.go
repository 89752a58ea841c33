package render

import (
	"image/color"

	"relmap/model"
)

// surface is what a picture is drawn on, in device pixels with y down.
// The painter draws pixels; svgSurface and pdfSurface write vector
// documents and recorder a line of text a call, for golden files. All
// draw the same plan through drawVector (the painter through its tiles),
// so that every format shows the same picture.
type surface interface {
	// fill fills the polygon pts.
	fill(pts []pt, c color.NRGBA)
	// stroke draws the polyline pts w pixels wide with butt ends; dash,
	// when positive, is the length of its dashes and of the gaps between
	// them, counted from its start.
	stroke(pts []pt, w float64, c color.NRGBA, dash float64)
	// dot fills a disc of radius rad.
	dot(c pt, rad float64, col color.NRGBA)
	// text writes s with the left end of its baseline at (x, y).
	text(bold bool, size, x, y float64, s string, c color.NRGBA)
	// textWidth is how wide text writes s.
	textWidth(bold bool, size float64, s string) float64
	// begin opens the group of one element of the map: elem is "actor"
	// or "tie", kind its kind's name; end closes it.
	begin(elem string, id model.ID, name, kind string)
	end()
}

// A painter draws no groups.
func (p *painter) begin(string, model.ID, string, string) {}
func (p *painter) end()                                   {}

// drawVector draws plan p on out in the order the tiles paint it: the
// background, the ties (each a group), their labels, the actors (each a
// group) and the overlays.
func (r *Renderer) drawVector(p *plan, out surface) {
	w, h := float64(p.w), float64(p.h)
	pal := p.pal
	out.fill([]pt{{0, 0}, {w, 0}, {w, h}, {0, h}}, pal.background)
	lifted := p.liftedFrom()
	for i := range p.edges {
		pe := &p.edges[i]
		out.begin("tie", pe.e.ID, p.tieName(pe), pe.e.Kind.Name)
		dense := p.dense && i < lifted
		width := pe.width
		if dense {
			width = 1
		}
		out.stroke(pe.path, width, pe.col, pe.dash)
		if pe.arrow != nil && !dense {
			out.fill(pe.arrow[:], pe.col)
		}
		out.end()
	}
	for _, i := range p.nodes {
		n := &p.s.Nodes[i]
		out.begin("actor", n.ID, n.Label, n.Kind.Name)
		r.drawNode(out, p, int(i))
		out.end()
	}
	for _, l := range p.labels { // over the actors, as painted
		r.drawEdgeLabel(out, l, pal)
	}
	r.drawOverlays(out, p)
}

// tieName names a planned tie for its group: its label, or its two
// actors.
func (p *plan) tieName(pe *plannedEdge) string {
	if pe.e.Label != "" {
		return pe.e.Label
	}
	a, okA := p.ix.byID[pe.e.From]
	b, okB := p.ix.byID[pe.e.To]
	if !okA || !okB {
		return ""
	}
	return p.s.Nodes[a].Label + " – " + p.s.Nodes[b].Label
}
