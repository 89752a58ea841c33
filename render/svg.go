package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"strings"

	"relmap/model"
)

// svgFont is the font family SVG text asks for: the Go fonts the picture
// is measured with, then any sans-serif.
const svgFont = "Go, sans-serif"

// svgSurface writes a picture as SVG: ties as paths, text as <text>, each
// actor and tie a <g> with its id, kind and name, so that a designer can
// restyle it.
type svgSurface struct {
	r   *Renderer
	buf bytes.Buffer
}

// newSVG starts the SVG of a w×h picture: w pixels wide, or, with dpi
// above 0, w/dpi inches.
func newSVG(r *Renderer, w, h int, dpi float64) *svgSurface {
	c := &svgSurface{r: r}
	width, height := fmt.Sprint(w), fmt.Sprint(h)
	if dpi > 0 {
		width, height = num(float64(w)/dpi)+"in", num(float64(h)/dpi)+"in"
	}
	fmt.Fprintf(&c.buf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %d %d" xml:space="preserve">`+"\n", width, height, w, h)
	return c
}

// finish closes the document and writes it to out.
func (c *svgSurface) finish(out io.Writer) error {
	c.buf.WriteString("</svg>\n")
	_, err := out.Write(c.buf.Bytes())
	return err
}

func (c *svgSurface) fill(pts []pt, col color.NRGBA) {
	if len(pts) < 3 || col.A == 0 {
		return
	}
	fmt.Fprintf(&c.buf, `<path d="%sZ" fill="%s"%s/>`+"\n", pathData(pts), hex(col), opacity("fill-opacity", col))
}

func (c *svgSurface) stroke(pts []pt, w float64, col color.NRGBA, dash float64) {
	if len(pts) < 2 || col.A == 0 {
		return
	}
	dashes := ""
	if dash > 0 {
		dashes = fmt.Sprintf(` stroke-dasharray="%s %s"`, num(dash), num(dash))
	}
	fmt.Fprintf(&c.buf, `<path d="%s" fill="none" stroke="%s" stroke-width="%s"%s%s/>`+"\n", pathData(pts), hex(col), num(w), dashes, opacity("stroke-opacity", col))
}

func (c *svgSurface) dot(at pt, rad float64, col color.NRGBA) {
	if col.A == 0 {
		return
	}
	fmt.Fprintf(&c.buf, `<circle cx="%s" cy="%s" r="%s" fill="%s"%s/>`+"\n", num(at.X), num(at.Y), num(rad), hex(col), opacity("fill-opacity", col))
}

func (c *svgSurface) text(bold bool, size, x, y float64, s string, col color.NRGBA) {
	if s == "" || col.A == 0 {
		return
	}
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	fmt.Fprintf(&c.buf, `<text x="%s" y="%s" font-family="%s" font-size="%s"%s fill="%s"%s>`, num(x), num(y), svgFont, num(size), weight, hex(col), opacity("fill-opacity", col))
	xml.EscapeText(&c.buf, []byte(s))
	c.buf.WriteString("</text>\n")
}

func (c *svgSurface) textWidth(bold bool, size float64, s string) float64 {
	return c.r.textWidth(bold, size, s)
}

func (c *svgSurface) begin(elem string, id model.ID, name, kind string) {
	fmt.Fprintf(&c.buf, `<g id="%s-%d" class="%s %s" data-name="%s">`+"\n", elem, id, elem, attr(strings.Join(strings.Fields(kind), "-")), attr(name))
}

func (c *svgSurface) end() { c.buf.WriteString("</g>\n") }

// pathData writes pts as an SVG path's moves and lines.
func pathData(pts []pt) string {
	var b strings.Builder
	for i, q := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(num(q.X) + " " + num(q.Y))
	}
	return b.String()
}

// hex writes c's colour as #rrggbb.
func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// opacity is the attribute name="alpha" for a colour not opaque.
func opacity(name string, c color.NRGBA) string {
	if c.A == 0xff {
		return ""
	}
	return fmt.Sprintf(` %s="%s"`, name, strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", float64(c.A)/255), "0"), "."))
}

// attr escapes s for an attribute value.
func attr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
