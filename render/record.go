package render

import (
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"

	"relmap/model"
)

// recorder writes each drawing call as a line of text, with coordinates
// to a hundredth of a pixel: a picture as an exact, diffable file, for
// golden tests.
type recorder struct {
	r   *Renderer
	out strings.Builder
}

func (c *recorder) fill(pts []pt, col color.NRGBA) {
	if col.A == 0 {
		return
	}
	fmt.Fprintf(&c.out, "fill %s%s\n", hexA(col), points(pts))
}

func (c *recorder) stroke(pts []pt, w float64, col color.NRGBA, dash float64) {
	fmt.Fprintf(&c.out, "stroke %s width %s dash %s%s\n", hexA(col), num(w), num(dash), points(pts))
}

func (c *recorder) dot(at pt, rad float64, col color.NRGBA) {
	fmt.Fprintf(&c.out, "dot %s %s,%s r %s\n", hexA(col), num(at.X), num(at.Y), num(rad))
}

func (c *recorder) text(bold bool, size, x, y float64, s string, col color.NRGBA) {
	weight := "regular"
	if bold {
		weight = "bold"
	}
	fmt.Fprintf(&c.out, "text %s %s %s %s,%s %q\n", hexA(col), weight, num(size), num(x), num(y), s)
}

func (c *recorder) textWidth(bold bool, size float64, s string) float64 {
	return c.r.textWidth(bold, size, s)
}

func (c *recorder) begin(elem string, id model.ID, name, kind string) {
	fmt.Fprintf(&c.out, "begin %s %d %s %q\n", elem, id, kind, name)
}

func (c *recorder) end() { c.out.WriteString("end\n") }

// points writes pts as " x,y x,y …".
func points(pts []pt) string {
	var b strings.Builder
	for _, q := range pts {
		b.WriteString(" " + num(q.X) + "," + num(q.Y))
	}
	return b.String()
}

// num writes v to two decimals, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// hexA writes c as #rrggbbaa.
func hexA(c color.NRGBA) string {
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}

// Record writes scene s seen through v at w×h as the list of its drawing
// calls, one a line (see recorder).
func (r *Renderer) Record(out io.Writer, s *Scene, v View, w, h int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := &recorder{r: r}
	r.drawVector(r.planVector(s, fixView(v), max(w, 1), max(h, 1)), c)
	_, err := io.WriteString(out, c.out.String())
	return err
}

// fixView gives a view without a UI scale scale 1.
func fixView(v View) View {
	if v.UIScale <= 0 {
		v.UIScale = 1
	}
	return v
}
