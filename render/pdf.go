package render

import (
	"fmt"
	"image/color"
	"io"

	"github.com/go-pdf/fpdf"

	"relmap/model"
)

// pxToPt is the size of a device pixel in PDF points when no resolution is
// given: a pixel is 1/96 inch, as CSS and SVG take it, and a point 1/72.
const pxToPt = 0.75

// pdfSurface writes a picture as a one-page PDF the size of the picture
// (a pixel 1/96 inch, or 1/dpi), with the Go fonts embedded (subset) so
// that its text is real text: selectable and searchable.
type pdfSurface struct {
	r     *Renderer
	doc   *fpdf.Fpdf
	alpha float64
	k     float64 // points a pixel
}

func newPDF(r *Renderer, w, h int, title string, dpi float64) *pdfSurface {
	k := pxToPt
	if dpi > 0 {
		k = 72 / dpi
	}
	doc := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: float64(w) * k, Ht: float64(h) * k}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCompression(true)
	doc.SetCreator("relmap", true)
	doc.SetTitle(title, true)
	doc.AddUTF8FontFromBytes("Go", "", r.ttf[0])
	doc.AddUTF8FontFromBytes("Go", "B", r.ttf[1])
	doc.SetLineCapStyle("butt")
	doc.SetLineJoinStyle("round")
	doc.AddPage()
	return &pdfSurface{r: r, doc: doc, alpha: 1, k: k}
}

// finish writes the document to out.
func (c *pdfSurface) finish(out io.Writer) error {
	if err := c.doc.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return c.doc.Output(out)
}

// setAlpha sets the opacity of what is drawn next, when it changes.
func (c *pdfSurface) setAlpha(col color.NRGBA) {
	if a := float64(col.A) / 255; a != c.alpha {
		c.doc.SetAlpha(a, "Normal")
		c.alpha = a
	}
}

func (c *pdfSurface) path(pts []pt) {
	for i, q := range pts {
		if i == 0 {
			c.doc.MoveTo(q.X*c.k, q.Y*c.k)
		} else {
			c.doc.LineTo(q.X*c.k, q.Y*c.k)
		}
	}
}

func (c *pdfSurface) fill(pts []pt, col color.NRGBA) {
	if len(pts) < 3 || col.A == 0 {
		return
	}
	c.setAlpha(col)
	c.doc.SetFillColor(int(col.R), int(col.G), int(col.B))
	c.path(pts)
	c.doc.ClosePath()
	c.doc.DrawPath("F")
}

func (c *pdfSurface) stroke(pts []pt, w float64, col color.NRGBA, dash float64) {
	if len(pts) < 2 || col.A == 0 {
		return
	}
	c.setAlpha(col)
	c.doc.SetDrawColor(int(col.R), int(col.G), int(col.B))
	c.doc.SetLineWidth(w * c.k)
	if dash > 0 {
		c.doc.SetDashPattern([]float64{dash * c.k, dash * c.k}, 0)
	}
	c.path(pts)
	c.doc.DrawPath("D")
	if dash > 0 {
		c.doc.SetDashPattern(nil, 0)
	}
}

func (c *pdfSurface) dot(at pt, rad float64, col color.NRGBA) {
	c.fill(circle(at, rad), col)
}

func (c *pdfSurface) text(bold bool, size, x, y float64, s string, col color.NRGBA) {
	if s == "" || col.A == 0 {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	c.setAlpha(col)
	c.doc.SetFont("Go", style, size*c.k)
	c.doc.SetTextColor(int(col.R), int(col.G), int(col.B))
	c.doc.Text(x*c.k, y*c.k, s)
}

func (c *pdfSurface) textWidth(bold bool, size float64, s string) float64 {
	return c.r.textWidth(bold, size, s)
}

// PDF has no groups that viewers show; actors and ties are drawn in order.
func (c *pdfSurface) begin(string, model.ID, string, string) {}
func (c *pdfSurface) end()                                   {}
