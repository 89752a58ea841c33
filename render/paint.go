package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"unsafe"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// pt is a point in device pixels.
type pt struct{ X, Y float64 }

// painter fills anti-aliased polygons into an RGBA image, each through a
// rasterizer the size of the polygon's clipped bounding box, and writes
// text with font faces of its own (faces are not safe to share between
// goroutines).
type painter struct {
	dst  *image.RGBA
	z    vector.Rasterizer
	mask image.Alpha // a polygon's coverage, laid over dst by fill
	// inks, when ink is not 0, is what a dense frame's lines are drawn
	// into: for each pixel of dst, the number of the last ink drawn there
	// (see plan.inks), 0 for none. The pixels are kept in blocks of 8×8,
	// one cache line each, so that a line's next pixel is most often in
	// the same line of the cache, whichever way it goes: pixel (x, y) of
	// dst (from its corner) is at inkCol[x] + inkRow[y] (see startInks).
	inks           []uint8
	ink            uint8
	inkCol, inkRow []uint32
	// open counts the 8×8 blocks of inks not yet all ink, as drawn by the
	// lines drawn last (see painter.layers): open[r*(across+1)+c] is how
	// many of those in the first r rows and c columns of blocks are not
	// full. The lines drawn before pass by the runs whose blocks are all
	// full. under is where those lines are drawn meanwhile, its ink laid
	// under the final inks (see layUnder).
	open    []int32
	openW   int // the blocks across, and one
	under   []uint8
	layered bool // lines are drawn in layers: open holds
	r       *Renderer
	faces   map[faceKey]*glyphFace
	frame   uint64 // counts the frames painted, to forget faces not used
}

func newPainter(dst *image.RGBA, r *Renderer) *painter {
	return &painter{dst: dst, r: r, faces: map[faceKey]*glyphFace{}}
}

// text draws s with the left end of its baseline at (x, y).
func (p *painter) text(bold bool, size float64, x, y float64, s string, c color.NRGBA) {
	if y+size*0.4 < float64(p.dst.Rect.Min.Y) || y-size*1.1 > float64(p.dst.Rect.Max.Y) {
		return // wholly above or below the painter's rows
	}
	d := font.Drawer{Dst: p.dst, Src: image.NewUniform(c), Face: p.face(bold, size), Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}}
	d.DrawString(s)
}

// face is the painter's own face of a font at a size (rounded to a
// quarter pixel, as the renderer's are).
func (p *painter) face(bold bool, size float64) font.Face {
	key := faceKey{bold, math.Round(size*4) / 4}
	f, ok := p.faces[key]
	if !ok {
		f = newGlyphFace(p.r.newFace(key))
		p.faces[key] = f
	}
	f.used = p.frame
	return f
}

// newFrame starts a frame: the faces (and the glyphs they keep) that the
// frame before did not use are forgotten, so that zooming through many
// sizes does not keep them all.
func (p *painter) newFrame() {
	p.frame++
	for key, f := range p.faces {
		if f.used+1 < p.frame {
			delete(p.faces, key)
		}
	}
}

// textWidth measures s as text draws it.
func (p *painter) textWidth(bold bool, size float64, s string) float64 {
	return float64(font.MeasureString(p.face(bold, size), s)) / 64
}

// fill fills the polygon pts with c.
func (p *painter) fill(pts []pt, c color.NRGBA) {
	if len(pts) < 3 || c.A == 0 {
		return
	}
	minX, minY, maxX, maxY := pts[0].X, pts[0].Y, pts[0].X, pts[0].Y
	for _, q := range pts[1:] {
		minX, maxX = minf(minX, q.X), maxf(maxX, q.X)
		minY, maxY = minf(minY, q.Y), maxf(maxY, q.Y)
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	r = r.Intersect(p.dst.Bounds())
	if r.Empty() {
		return
	}
	rb, ga := channels(c)
	ca := uint32(c.A) + uint32(c.A)>>7 // 0 to 256
	d := p.dst
	if pixelRect(pts) {
		// Whole pixels, each wholly covered: as the mask would have them,
		// without rasterizing (panels, bands).
		r = image.Rect(int(minX), int(minY), int(maxX), int(maxY)).Intersect(d.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			i := d.PixOffset(r.Min.X, y)
			if ca == 256 && y > r.Min.Y {
				copy(d.Pix[i:i+4*r.Dx()], d.Pix[d.PixOffset(r.Min.X, r.Min.Y):])
				continue
			}
			for range r.Dx() {
				blend(d.Pix, i, rb, ga, ca)
				i += 4
			}
		}
		return
	}
	if len(pts) == 3 && maxX-minX <= smallTriangle && maxY-minY <= smallTriangle {
		p.triangle(pts, r, rb, ga, ca)
		return
	}
	p.z.Reset(r.Dx(), r.Dy())
	p.z.DrawOp = draw.Src // Reset sets Over
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	p.z.MoveTo(float32(pts[0].X)-ox, float32(pts[0].Y)-oy)
	for _, q := range pts[1:] {
		p.z.LineTo(float32(q.X)-ox, float32(q.Y)-oy)
	}
	p.z.ClosePath()
	// The rasterizer writes the coverage into the mask; it is laid over
	// the picture here, two channels a multiplication (see line).
	n := r.Dx() * r.Dy()
	if cap(p.mask.Pix) < n {
		p.mask.Pix = make([]uint8, n)
	}
	p.mask.Pix, p.mask.Stride, p.mask.Rect = p.mask.Pix[:n], r.Dx(), image.Rect(0, 0, r.Dx(), r.Dy())
	p.z.Draw(&p.mask, p.mask.Rect, image.Opaque, image.Point{})
	for y := 0; y < r.Dy(); y++ {
		row := p.mask.Pix[y*r.Dx() : (y+1)*r.Dx()]
		i := d.PixOffset(r.Min.X, r.Min.Y+y)
		for _, m := range row {
			if m != 0 {
				al := ca * (uint32(m) + uint32(m)>>7) >> 8 // 0 to 256
				blend(d.Pix, i, rb, ga, al)
			}
			i += 4
		}
	}
}

// smallTriangle is the largest triangle, in pixels across and down,
// that fill covers by its distance to the edges rather than rasterizing
// (arrowheads on a zoomed-out map).
const smallTriangle = 8.0

// triangle fills the triangle pts within r, its colour given as fill
// has it: each pixel gets the share of it that the distance from its
// centre to the nearest edge gives, a pixel whose centre is on an edge
// half. For a triangle a few pixels across, this is close to the area
// the rasterizer finds, at a fraction of its cost.
func (p *painter) triangle(pts []pt, r image.Rectangle, rb, ga, ca uint32) {
	// Each edge as nx·x + ny·y + c: the distance from the edge, positive
	// inside.
	var nx, ny, nc [3]float64
	for k := range 3 {
		a, b, o := pts[k], pts[(k+1)%3], pts[(k+2)%3]
		ex, ey := b.X-a.X, b.Y-a.Y
		l := math.Hypot(ex, ey)
		if l == 0 {
			return
		}
		nx[k], ny[k] = -ey/l, ex/l
		if nx[k]*(o.X-a.X)+ny[k]*(o.Y-a.Y) < 0 {
			nx[k], ny[k] = -nx[k], -ny[k]
		}
		nc[k] = -(nx[k]*a.X + ny[k]*a.Y)
	}
	d := p.dst
	cx := float64(r.Min.X) + 0.5
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cy := float64(y) + 0.5
		// The three distances, plus a half, at the row's first pixel;
		// each steps by its nx a pixel.
		d0, d1, d2 := nx[0]*cx+ny[0]*cy+nc[0]+0.5, nx[1]*cx+ny[1]*cy+nc[1]+0.5, nx[2]*cx+ny[2]*cy+nc[2]+0.5
		i := d.PixOffset(r.Min.X, y)
		for x := r.Min.X; x < r.Max.X; x++ {
			if d0 > 0 && d1 > 0 && d2 > 0 {
				m := uint32(255 * unit(d0) * unit(d1) * unit(d2))
				blend(d.Pix, i, rb, ga, ca*(m+m>>7)>>8)
			}
			d0, d1, d2 = d0+nx[0], d1+nx[1], d2+nx[2]
			i += 4
		}
	}
}

// unit is v cut to at most 1.
func unit(v float64) float64 {
	if v > 1 {
		return 1
	}
	return v
}

// pixelRect reports whether pts is a rectangle whose sides run along
// pixel edges: four corners in order, on whole pixel coordinates.
func pixelRect(pts []pt) bool {
	if len(pts) != 4 {
		return false
	}
	for _, q := range pts {
		if q.X != math.Trunc(q.X) || q.Y != math.Trunc(q.Y) {
			return false
		}
	}
	a, b, c, d := pts[0], pts[1], pts[2], pts[3]
	return (a.Y == b.Y && b.X == c.X && c.Y == d.Y && d.X == a.X) ||
		(a.X == b.X && b.Y == c.Y && c.X == d.X && d.Y == a.Y)
}

// thinLine is the widest line drawn by stepping along it (line) rather
// than filled as polygons, in pixels.
const thinLine = 4.0

// thin draws the polyline pts w pixels wide (w up to thinLine) by
// stepping along it: anti-aliased, each pixel across the line getting the
// share of it the line covers, or, with aa false, one pixel per step.
// dash, when positive, is the length of dashes and gaps. Only the part in
// the painter's image is walked.
func (p *painter) thin(pts []pt, w float64, c color.NRGBA, dash float64, aa bool) {
	if c.A == 0 {
		return
	}
	b := p.dst.Rect
	clip := rect{float64(b.Min.X) - w, float64(b.Min.Y) - w, float64(b.Max.X) + w, float64(b.Max.Y) + w}
	if dash == 0 {
		for k := 1; k < len(pts); k++ {
			if a, e, ok := clipSegment(pts[k-1], pts[k], clip); ok {
				p.line(a, e, w, c, 0, 0, aa)
			}
		}
		return
	}
	var along float64
	for k := 1; k < len(pts); k++ {
		a0, b0 := pts[k-1], pts[k]
		length := dist(a0, b0)
		a, e, ok := clipSegment(a0, b0, clip)
		if ok && !aa {
			// One pixel a step: dashes of steps (see stepDashes).
			var wk walk
			if wk.set(a, e, 0, 0, p.dst.Rect) {
				wk.stepDashes(a0)
				p.walkOne(&wk, c)
			}
			continue
		}
		if ok && length > 0 {
			// The dash pattern runs from the unclipped start.
			start := along + dist(a0, a)
			p.line(a, e, w, c, dash, start, aa)
		}
		along += length
	}
}

// line is one straight piece of a thin line, w pixels wide; start is how
// far along the whole line it begins, for the dash pattern. It steps one
// pixel column (or row, for a steep line) at a time (see walk), and gives
// each pixel across the line the share of it the line covers (with aa
// false, the one pixel the centre falls in). The walk and each step
// across it are cut to the painter's image first, so the pixels are
// written without further checks.
func (p *painter) line(a, b pt, w float64, c color.NRGBA, dash, start float64, aa bool) {
	var wk walk
	if !wk.set(a, b, dash, start, p.dst.Rect) {
		return
	}
	if !aa {
		p.walkOne(&wk, c)
		return
	}
	if littleEndian {
		// Half the line's extent across a column, as toFixed gives it:
		// being positive, rounded without math.Floor, which is a call.
		if hf := int64(w/2*wk.stepLen()*fixedOne + 0.5); hf < fixedOne {
			if p.hairline(&wk, hf, c) {
				return
			}
		}
	}
	p.walkShares(&wk, w, c, aa)
}

// walkOne draws walk wk one pixel a step: as walkDense when c is opaque,
// else as walkShares without anti-aliasing.
func (p *painter) walkOne(wk *walk, c color.NRGBA) {
	if c.A == 0xff {
		p.walkDense(wk, c)
		return
	}
	p.walkShares(wk, 1, c, false)
}

// walkTerms is the painter's image in a walk's terms (x along it, y
// across it, see walk): the bounds across, the distance in Pix between
// neighbouring pixels along and across, and the offset in Pix of pixel
// (0, 0), which may lie before the image.
func (p *painter) walkTerms(steep bool) (ylo, yhi, xstep, ystep, origin int) {
	d := p.dst
	ylo, yhi = d.Rect.Min.Y, d.Rect.Max.Y
	xstep, ystep = 4, d.Stride
	if steep {
		ylo, yhi = d.Rect.Min.X, d.Rect.Max.X
		xstep, ystep = ystep, xstep
	}
	return ylo, yhi, xstep, ystep, -d.Rect.Min.Y*d.Stride - d.Rect.Min.X*4
}

// hairline draws the walk of a line less than two pixels across as
// walkShares would, if the whole line is in the image, and
// reports whether it was; hf is half its extent across a column (under
// one pixel).
func (p *painter) hairline(wk *walk, hf int64, c color.NRGBA) bool {
	ylo, yhi, xstep, ystep, origin := p.walkTerms(wk.steep)
	// The first and last steps' extents in the image: as the line is
	// straight, every step's is.
	last := wk.yf + int64(wk.x1-wk.x0)*wk.df
	lo, hi := min(wk.yf, last)-hf, max(wk.yf, last)+hf
	if lo < int64(ylo)<<32 || (hi>>24+255)>>8 > int64(yhi) {
		return false
	}
	rb, ga := channels(c)
	hairSteps(unsafe.Pointer(unsafe.SliceData(p.dst.Pix)), origin+wk.x0*xstep, wk.x1-wk.x0+1, xstep, ystep, wk.yf, wk.df, hf, wk.ph, wk.pstep, rb, ga, uint32(c.A))
	return true
}

// walkShares draws the walk of a line w pixels wide in c: each pixel
// across a step gets the share of it the line covers (with aa false, the
// one pixel the centre falls in). Each step across is cut to the
// painter's image.
func (p *painter) walkShares(wk *walk, w float64, c color.NRGBA, aa bool) {
	ylo, yhi, xstep, ystep, origin := p.walkTerms(wk.steep)
	pix := p.dst.Pix
	rb, ga := channels(c) // blended two channels a multiplication
	ca := uint32(c.A)
	hf := toFixed(w / 2 * wk.stepLen()) // half the line's extent across a column
	for x, yf, ph := wk.x0, wk.yf, wk.ph; x <= wk.x1; x, yf, ph = x+1, yf+wk.df, ph+wk.pstep {
		if ph&(1<<32) != 0 {
			continue // in a gap (ph stays 0 without dashes)
		}
		// The line's extent across the column, in 256ths of a pixel.
		var y0, y1 int
		if aa {
			y0, y1 = int((yf-hf)>>24), int((yf+hf)>>24)
		} else {
			y0 = int(yf>>32) << 8
			y1 = y0 + 256
		}
		j0, j1 := y0>>8, (y1+255)>>8 // j1: one past the last
		if j0 >= ylo && j1 <= yhi {
			// The whole extent in the image: the first and last pixels
			// get part, those between all (a hairline has no more than
			// three).
			i := origin + x*xstep + j0*ystep
			if j1-j0 == 1 {
				blend(pix, i, rb, ga, cover(ca, y1-y0))
				continue
			}
			blend(pix, i, rb, ga, cover(ca, (j0+1)<<8-y0))
			for j := j0 + 1; j < j1-1; j++ {
				i += ystep
				blend(pix, i, rb, ga, cover(ca, 256))
			}
			blend(pix, i+ystep, rb, ga, cover(ca, y1-(j1-1)<<8))
			continue
		}
		j0, j1 = max(j0, ylo), min(j1, yhi)
		i := origin + x*xstep + j0*ystep
		for j := j0; j < j1; j++ {
			blend(pix, i, rb, ga, cover(ca, min(y1, (j+1)<<8)-max(y0, j<<8)))
			i += ystep
		}
	}
}

// hairSteps is the n steps of painter.hairline's walk, from the column
// whose pixel in row 0 is i bytes from base (which may lie before it):
// the pixels across each step get the shares walkShares gives them,
// written without a check.
func hairSteps(base unsafe.Pointer, i, n, xstep, ystep int, yf, df, hf, ph, pstep int64, rb, ga, ca uint32) {
	for ; n > 0; n, yf, ph, i = n-1, yf+df, ph+pstep, i+xstep {
		if ph&(1<<32) != 0 {
			continue // in a gap (ph stays 0 without dashes)
		}
		y0, y1 := int((yf-hf)>>24), int((yf+hf)>>24) // in 256ths of a pixel
		j0 := y0 >> 8
		px := unsafe.Add(base, i+j0*ystep)
		switch (y1+255)>>8 - j0 {
		case 1:
			blendAt(px, rb, ga, cover(ca, y1-y0))
		case 2:
			blendAt(px, rb, ga, cover(ca, (j0+1)<<8-y0))
			blendAt(unsafe.Add(px, ystep), rb, ga, cover(ca, y1-(j0+1)<<8))
		default: // 3
			blendAt(px, rb, ga, cover(ca, (j0+1)<<8-y0))
			blendAt(unsafe.Add(px, ystep), rb, ga, cover(ca, 256))
			blendAt(unsafe.Add(px, 2*ystep), rb, ga, cover(ca, y1-(j0+2)<<8))
		}
	}
}

// walk is how line steps along a straight line: one pixel column at a
// time, or one row for a steep line, sampling at pixel centres. In its
// terms x is along the walk, y across it.
type walk struct {
	x0, x1 int   // the first and last column walked, within the image's
	yf, df int64 // y at the centre of column x0, and its change a column, in 2⁻³² px
	// The dash pattern's phase at column x0 and its change a column, in
	// dashes, in 2⁻³² of one: a column is drawn where the whole part is
	// even. Both are 0 without dashes.
	ph, pstep int64
	grad      float64 // the change across a column, in pixels
	steep     bool
}

// stepLen is the line's length a column.
func (wk *walk) stepLen() float64 { return math.Sqrt(1 + wk.grad*wk.grad) }

// set makes wk the walk of the line from a to b over the columns of r
// (its rows, when the line is steep), and reports whether it has any;
// dash and start are as line takes them. The line's position across is
// kept in fixed point, 32 bits of fraction, so that a step is integer
// work. It is written in place, not returned: a walk is made for every
// line drawn.
func (wk *walk) set(a, b pt, dash, start float64, r image.Rectangle) bool {
	dx, dy := b.X-a.X, b.Y-a.Y
	steep := math.Abs(dy) > math.Abs(dx)
	xlo, xhi := r.Min.X, r.Max.X
	if steep {
		a, b = pt{a.Y, a.X}, pt{b.Y, b.X}
		dx, dy = dy, dx
		xlo, xhi = r.Min.Y, r.Max.Y
	}
	// The walk goes toward increasing x; backward is true when that is
	// from the line's end to its start, which the dash pattern counts from.
	backward := dx < 0
	if backward {
		a, b = b, a
		dx, dy = -dx, -dy
	}
	if dx == 0 {
		return false
	}
	grad := dy / dx
	x0, x1 := max(int(math.Floor(a.X)), xlo), min(int(math.Floor(b.X)), xhi-1)
	if x0 > x1 {
		return false
	}
	wk.x0, wk.x1, wk.grad, wk.steep = x0, x1, grad, steep
	wk.yf = toFixed(a.Y + (float64(x0)+0.5-a.X)*grad)
	wk.df = toFixed(grad)
	wk.ph, wk.pstep = 0, 0
	if dash > 0 {
		// The phase starts within one period, so it stays small.
		stepLen := wk.stepLen()
		dd0, ddStep := start+(float64(x0)+0.5-a.X)*stepLen, stepLen
		if backward {
			dd0, ddStep = start+(b.X-float64(x0)-0.5)*stepLen, -stepLen
		}
		dd0 -= 2 * dash * math.Floor(dd0/(2*dash))
		wk.ph, wk.pstep = toFixed(dd0/dash), toFixed(ddStep/dash)
	}
	return true
}

// stepDashes gives a walk one pixel a step (a dense frame's) its dash
// pattern: eight steps drawn, eight not, in runs of the eight columns (or
// rows, for a steep walk) of the ink plane's blocks (see startInks), so
// that a dash is written as the solid walk's runs are; from is the
// unclipped start of the line, whose run is drawn. The runs are aligned
// to the picture's columns and rows, not to the line's start: a line cut
// at a band's edge goes on with the same pattern in the next.
func (wk *walk) stepDashes(from pt) {
	at := from.X
	if wk.steep {
		at = from.Y
	}
	odd := int64(int(math.Floor(at))>>3) & 1 // the start's run is drawn
	wk.ph = (int64(wk.x0) + 8*odd) & 15 << 29
	wk.pstep = blockDash
}

// blockDash is a walk's change of dash phase a step with step dashes
// (see stepDashes): a dash is eight steps.
const blockDash = 1 << 29

// rows is the rows of pixels the walk goes through.
func (wk *walk) rows() span {
	if wk.steep {
		return span{float64(wk.x0), float64(wk.x1)}
	}
	y0, y1 := wk.yf>>32, (wk.yf+int64(wk.x1-wk.x0)*wk.df)>>32
	return span{float64(min(y0, y1)), float64(max(y0, y1))}
}

// walkDense draws the dense case of a line, one opaque pixel a column, in
// c or, when the painter draws inks, in its ink (see inks). The walk may
// reach beyond the painter's image: only the columns, and the pixels
// across them, in the image are drawn.
func (p *painter) walkDense(wk *walk, c color.NRGBA) {
	r := p.dst.Rect
	xlo, xhi, ylo, yhi := r.Min.X, r.Max.X, r.Min.Y, r.Max.Y
	if wk.steep {
		xlo, xhi, ylo, yhi = ylo, yhi, xlo, xhi
	}
	x0, x1 := max(wk.x0, xlo), min(wk.x1, xhi-1)
	if x0 > x1 {
		return
	}
	// The columns whose pixel lies outside the image across the walk are
	// cut off too, so that a step is a store.
	skip := int64(x0 - wk.x0)
	yf, ph := wk.yf+skip*wk.df, wk.ph+skip*wk.pstep
	first, last := acrossWithin(yf, wk.df, x1-x0, ylo, yhi)
	if first > last {
		return
	}
	yf += int64(first) * wk.df
	ph += int64(first) * wk.pstep
	x0, x1 = x0+first, x0+last
	if p.ink != 0 {
		p.lineInk(x0, x1, yf, wk.df, wk.steep, ph, wk.pstep)
		return
	}
	d := p.dst
	xstep, ystep := 4, d.Stride
	if wk.steep {
		xstep, ystep = ystep, xstep
	}
	v := opaquePixel(c)
	i := -d.Rect.Min.Y*d.Stride - d.Rect.Min.X*4 + x0*xstep // Pix offset of column x0, row 0
	for range x1 - x0 + 1 {
		if ph&(1<<32) == 0 {
			binary.LittleEndian.PutUint32(d.Pix[i+int(yf>>32)*ystep:], v)
		}
		yf += wk.df
		ph += wk.pstep
		i += xstep
	}
}

// startInks readies the painter to draw a dense frame's lines by number
// in its image (see inks), which has no ink yet.
func (p *painter) startInks() {
	b := p.dst.Rect
	w, h := b.Dx(), b.Dy()
	bw, bh := (w+7)/8, (h+7)/8
	if n := 64 * bw * bh; cap(p.inks) < n {
		p.inks = make([]uint8, n)
	} else {
		p.inks = p.inks[:n] // all 0, as resolveInks leaves them
	}
	p.inkCol, p.inkRow = p.inkCol[:0], p.inkRow[:0]
	for x := range uint32(w) {
		p.inkCol = append(p.inkCol, x>>3*64+x&7)
	}
	for y := range uint32(h) {
		p.inkRow = append(p.inkRow, y>>3*uint32(64*bw)+y&7*8)
	}
}

// resolveInks paints every pixel of the painter's image the colour of its
// ink in inks (by number; 0 is the ground's), and leaves no ink anywhere.
func (p *painter) resolveInks(inks []uint32) {
	var colour [256]uint32 // an ink is a byte: no bounds to check
	copy(colour[:], inks)
	d := p.dst
	w := d.Rect.Dx()
	pair := func(v uint64) uint64 { return uint64(colour[v&0xff]) | uint64(colour[v>>8&0xff])<<32 }
	for y, ro := range p.inkRow[:d.Rect.Dy()] {
		row := d.Pix[d.PixOffset(d.Rect.Min.X, d.Rect.Min.Y+y):][:4*w]
		src := p.inks[ro:] // the row's eight pixels of each block, a block (64) apart
		x := 0
		for ; x+8 <= w; x += 8 {
			v := binary.LittleEndian.Uint64(src[8*x:])
			out := row[4*x:][:32]
			binary.LittleEndian.PutUint64(out, pair(v))
			binary.LittleEndian.PutUint64(out[8:], pair(v>>16))
			binary.LittleEndian.PutUint64(out[16:], pair(v>>32))
			binary.LittleEndian.PutUint64(out[24:], pair(v>>48))
		}
		for ; x < w; x++ {
			binary.LittleEndian.PutUint32(row[4*x:], colour[src[8*(x&^7)+x&7]])
		}
	}
	clear(p.inks)
}

// layers draws n lines by ink, in order, with draw(lo, hi) drawing lines
// lo to hi, in two layers, the last lines first. A dense frame's lines
// are many times its pixels, and most of what the first ones draw the
// last ones draw over. The last lines, a share last of them, are drawn
// into inks; its 8×8 blocks that are then not all ink are counted (see
// painter.open), and the lines before are drawn into under, passing by
// each run of 64 steps whose blocks are all full, then laid under inks.
// The pixels are those of drawing all n lines in order into inks: a pixel
// takes the ink of the last line through it.
//
// Of 50,000 random long ties among 10,000 actors fitted to 1920×1080 (ink
// some 14 times the map's pixels), the first half puts 95% of its steps
// in blocks the last half has filled, and passes by 84% in runs of 64 all
// in full blocks. The blocks are counted, not marked, so that whether a
// run's are all full is a sum of four numbers (see allFull): reading each
// block's mark cost as much as the steps spared. Runs of 32 steps, or the
// last 40% or 60% first, were no quicker; of 200,000 among 100,000 (56
// times), the last 15% first took 5% less time than the last half (see
// layerInk).
func (p *painter) layers(n int, last float64, draw func(lo, hi int)) {
	wb, hb := p.blocks()
	p.openW = wb + 1
	p.open = resize(p.open, p.openW*(hb+1))
	cut := n - int(float64(n)*last)
	draw(cut, n)
	p.under = resize(p.under, len(p.inks)) // all 0, as layUnder leaves it
	p.markFull()
	p.layered = true // lineInk reads open
	p.inks, p.under = p.under, p.inks
	draw(0, cut)
	p.inks, p.under = p.under, p.inks
	p.layered = false
	p.layUnder()
}

// markFull counts the blocks of inks not all ink into open (see
// painter.open).
func (p *painter) markFull() {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	wb, hb := p.blocks()
	w := wb + 1
	clear(p.open[:w]) // the first row: no rows above
	for r := range hb {
		var inRow int32 // the blocks not full in this row so far
		p.open[(r+1)*w] = 0
		for c := range wb {
			blk := p.inks[(r*wb+c)*64:][:64]
			for k := 0; k < 64; k += 8 {
				if v := binary.LittleEndian.Uint64(blk[k:]); (v-ones)&^v&highs != 0 {
					inRow++ // a byte of v is 0
					break
				}
			}
			p.open[(r+1)*w+c+1] = p.open[r*w+c+1] + inRow
		}
	}
}

// blocks is how many blocks of inks there are across and down the image.
func (p *painter) blocks() (across, down int) {
	return (p.dst.Rect.Dx() + 7) / 8, (p.dst.Rect.Dy() + 7) / 8
}

// layUnder gives each pixel of inks without ink the ink under has there,
// and leaves under empty.
func (p *painter) layUnder() {
	const lows, highs = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	for b := range len(p.under) / 64 {
		below := p.under[b*64:][:64]
		var drawn uint64
		for k := 0; k < 64; k += 8 {
			drawn |= binary.LittleEndian.Uint64(below[k:])
		}
		if drawn == 0 {
			continue
		}
		top := p.inks[b*64:][:64]
		for k := 0; k < 64; k += 8 {
			v, u := binary.LittleEndian.Uint64(top[k:]), binary.LittleEndian.Uint64(below[k:])
			inked := ((v&lows + lows) | v) & highs // the high bit of each byte that is not 0
			keep := inked >> 7 * 0xff              // its bytes all 1s
			binary.LittleEndian.PutUint64(top[k:], v|u&^keep)
		}
		clear(below)
	}
}

// lineInk is the dense case of a line when the painter draws inks: it
// writes p.ink into p.inks, one pixel a column from x0 to x1, skipping
// the gaps of step dashes when pstep is not 0 (see walk for the terms,
// and stepDashes).
// Drawn in layers, the walk is cut into runs of 64 steps, and a run
// whose blocks are all full draws nothing (see painter.layers). Every
// pixel is in the image: walkDense has cut the walk to it.
func (p *painter) lineInk(x0, x1 int, yf, df int64, steep bool, ph, pstep int64) {
	b := p.dst.Rect
	xmin, ymin := b.Min.X, b.Min.Y
	along, across := p.inkCol, p.inkRow
	if steep {
		xmin, ymin = ymin, xmin
		along, across = across, along
	}
	lo, hi := x0-xmin, x1-xmin // in along
	yf -= int64(ymin) << 32
	if len(p.inks) == 0 || len(across) == 0 || lo > hi {
		return
	}
	// The walk's first and last steps are checked to be in the tables;
	// the walk is straight, so every step between is too, and each pixel
	// is then in inks (see startInks): the steps are written without a
	// check each, in runs of the eight pixels along a block, which its
	// dashes, if any, are too (see stepDashes).
	end := yf + int64(hi-lo)*df
	if lo < 0 || hi >= len(along) || min(yf, end) < 0 || max(yf, end)>>32 >= int64(len(across)) {
		panic("render: a dense line's walk leaves its image")
	}
	if pstep != 0 && pstep != blockDash {
		panic("render: a dense line's dashes are not of steps")
	}
	if !p.layered {
		inkRun(p.inks, p.ink, along, lo, hi, across, yf, df, steep, ph, pstep)
		return
	}
	// In layers, by runs of the 64 steps from a multiple of 64, each
	// passed by when every block its steps lie in is full.
	for i := lo; i <= hi; {
		last := min(hi, i|63)
		n := int64(last - i)
		a, b := int(yf>>32), int((yf+n*df)>>32) // across, at the run's ends
		if !p.allFull(i, last, min(a, b), max(a, b), steep) {
			inkRun(p.inks, p.ink, along, i, last, across, yf, df, steep, ph, pstep)
		}
		yf += (n + 1) * df
		ph += (n + 1) * pstep
		i = last + 1
	}
}

// allFull reports whether every block of the ink plane that a run of a
// walk from step lo to hi along, lying from a to b across, may touch is
// full (all in the painter's image's terms, as lineInk has them): those
// of the rows and columns of blocks the run spans, counted in open.
func (p *painter) allFull(lo, hi, a, b int, steep bool) bool {
	r0, r1, c0, c1 := a>>3, b>>3+1, lo>>3, hi>>3+1 // rows and columns of blocks, the last one past
	if steep {
		r0, r1, c0, c1 = c0, c1, r0, r1
	}
	w, o := p.openW, p.open
	return o[r1*w+c1]-o[r0*w+c1]-o[r1*w+c0]+o[r0*w+c0] == 0
}

// inkRun writes ink into inks at the steps lo to hi of a walk (in
// lineInk's terms, checked by it), solid or with step dashes.
func inkRun(inks []uint8, ink uint8, along []uint32, lo, hi int, across []uint32, yf, df int64, steep bool, ph, pstep int64) {
	if steep {
		inkDown(inks, along, lo, hi, across, yf, df, ink, ph, pstep)
	} else {
		inkAcross(inks, along, lo, hi, across, yf, df, ink, ph, pstep)
	}
}

// inkAcross writes ink at the steps lo to hi of a walk along the columns
// (the tables as lineInk takes them, checked by it): a block's eight
// pixels in a row are neighbours in inks, so that in a run of eight from
// a block's first column each is the run's first plus 0 to 7. A step
// dashed (see stepDashes) is in a gap where ph has bit 32 set: a whole
// run of eight from a block's first column is, or none.
func inkAcross(inks []uint8, cols []uint32, lo, hi int, rows []uint32, yf, df int64, ink uint8, ph, pstep int64) {
	base, rowAt := unsafe.Pointer(unsafe.SliceData(inks)), unsafe.Pointer(unsafe.SliceData(rows))
	row := func(y int64) uintptr { return uintptr(*(*uint32)(unsafe.Add(rowAt, uintptr(y>>32)*4))) }
	i := lo
	for ; i <= hi && i&7 != 0; i++ {
		if ph&(1<<32) == 0 {
			*(*uint8)(unsafe.Add(base, uintptr(cols[i])+row(yf))) = ink
		}
		yf += df
		ph += pstep
	}
	for ; i+7 <= hi; i += 8 {
		if ph&(1<<32) == 0 {
			q := unsafe.Add(base, cols[i])
			*(*uint8)(unsafe.Add(q, row(yf))) = ink
			*(*uint8)(unsafe.Add(q, row(yf+df)+1)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+2*df)+2)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+3*df)+3)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+4*df)+4)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+5*df)+5)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+6*df)+6)) = ink
			*(*uint8)(unsafe.Add(q, row(yf+7*df)+7)) = ink
		}
		yf += 8 * df
		ph += 8 * pstep
	}
	for ; i <= hi; i++ {
		if ph&(1<<32) == 0 {
			*(*uint8)(unsafe.Add(base, uintptr(cols[i])+row(yf))) = ink
		}
		yf += df
		ph += pstep
	}
}

// inkDown is inkAcross for a steep walk, along the rows: a block's eight
// pixels in a column are 8 apart in inks.
func inkDown(inks []uint8, rows []uint32, lo, hi int, cols []uint32, xf, df int64, ink uint8, ph, pstep int64) {
	base, colAt := unsafe.Pointer(unsafe.SliceData(inks)), unsafe.Pointer(unsafe.SliceData(cols))
	col := func(x int64) uintptr { return uintptr(*(*uint32)(unsafe.Add(colAt, uintptr(x>>32)*4))) }
	i := lo
	for ; i <= hi && i&7 != 0; i++ {
		if ph&(1<<32) == 0 {
			*(*uint8)(unsafe.Add(base, uintptr(rows[i])+col(xf))) = ink
		}
		xf += df
		ph += pstep
	}
	for ; i+7 <= hi; i += 8 {
		if ph&(1<<32) == 0 {
			q := unsafe.Add(base, rows[i])
			*(*uint8)(unsafe.Add(q, col(xf))) = ink
			*(*uint8)(unsafe.Add(q, col(xf+df)+8)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+2*df)+16)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+3*df)+24)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+4*df)+32)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+5*df)+40)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+6*df)+48)) = ink
			*(*uint8)(unsafe.Add(q, col(xf+7*df)+56)) = ink
		}
		xf += 8 * df
		ph += 8 * pstep
	}
	for ; i <= hi; i++ {
		if ph&(1<<32) == 0 {
			*(*uint8)(unsafe.Add(base, uintptr(rows[i])+col(xf))) = ink
		}
		xf += df
		ph += pstep
	}
}

// acrossWithin is the steps k from 0 to n (first to last, first > last
// for none) at which a walk across, at yf + k·df in line's fixed point,
// lies in the pixels [lo, hi). Those are one run, as the walk is straight.
func acrossWithin(yf, df int64, n, lo, hi int) (first, last int) {
	l, h := int64(lo)<<32, int64(hi)<<32
	var f, e int64
	switch {
	case df > 0:
		f, e = ceilDiv(l-yf, df), ceilDiv(h-yf, df)-1
	case df < 0:
		f, e = floorDiv(yf-h, -df)+1, floorDiv(yf-l, -df)
	case yf >= l && yf < h:
		f, e = 0, int64(n)
	default:
		return 1, 0
	}
	return int(max(f, 0)), int(min(e, int64(n)))
}

// floorDiv is a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// ceilDiv is a/b rounded up, for b > 0.
func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// cover is the opacity (0 to 256) of a colour of alpha ca (0 to 255) over
// cov 256ths of a pixel.
func cover(ca uint32, cov int) uint32 {
	al := ca * uint32(cov) >> 8
	return al + al>>7
}

// channels is c as blend takes it: its red and blue in the two halves of
// one word, its green and an opaque alpha in those of another.
func channels(c color.NRGBA) (rb, ga uint32) {
	return uint32(c.R) | uint32(c.B)<<16, uint32(c.G) | 0xff<<16
}

// opaquePixel is c, made opaque, as one RGBA pixel in a little-endian word.
func opaquePixel(c color.NRGBA) uint32 {
	return uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 0xff<<24
}

// blend lays a colour over the premultiplied pixel at pix[i:]: its red and
// blue in rb's two halves, its green and (opaque) alpha in ga's, with
// opacity al (0 to 256). Two channels are blended a multiplication.
func blend(pix []uint8, i int, rb, ga, al uint32) {
	binary.LittleEndian.PutUint32(pix[i:], blended(binary.LittleEndian.Uint32(pix[i:]), rb, ga, al))
}

// blended is the pixel px (a little-endian word) with a colour laid over
// it as blend lays it.
func blended(px, rb, ga, al uint32) uint32 {
	lo := (rb*al + (px&0x00ff00ff)*(256-al)) >> 8 & 0x00ff00ff
	hi := (ga*al + (px>>8&0x00ff00ff)*(256-al)) & 0xff00ff00
	return lo | hi
}

// littleEndian is whether this machine keeps words little-endian, as the
// pixels are: blendAt reads and writes a pixel as one word only then.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// blendAt is blend of the pixel at px.
func blendAt(px unsafe.Pointer, rb, ga, al uint32) {
	p := (*uint32)(px) // a little-endian word: see littleEndian
	*p = blended(*p, rb, ga, al)
}

// over is c laid over the opaque colour ground as blend lays it on a
// pixel.
func over(c, ground color.NRGBA) color.NRGBA {
	var px [4]uint8
	binary.LittleEndian.PutUint32(px[:], opaquePixel(ground))
	rb, ga := channels(c)
	blend(px[:], 0, rb, ga, cover(uint32(c.A), 256))
	return color.NRGBA{px[0], px[1], px[2], 0xff}
}

// fixedOne is one pixel in the fixed point line walks y in: 2³².
const fixedOne = 1 << 32

// toFixed is x in that fixed point, to the nearest step.
func toFixed(x float64) int64 { return int64(math.Floor(x*fixedOne + 0.5)) }

// dot draws a filled anti-aliased disc of radius rad at c: each pixel
// gets the share of it the disc covers, reckoned from its centre's
// distance to the disc's (full within rad-½, none beyond rad+½).
func (p *painter) dot(c pt, rad float64, col color.NRGBA) {
	d := p.dst
	b := d.Rect
	y0, y1 := max(int(math.Floor(c.Y-rad)), b.Min.Y), min(int(math.Ceil(c.Y+rad)), b.Max.Y-1)
	x0, x1 := max(int(math.Floor(c.X-rad)), b.Min.X), min(int(math.Ceil(c.X+rad)), b.Max.X-1)
	if x0 > x1 || col.A == 0 {
		return
	}
	full, none := math.Max(rad-0.5, 0), rad+0.5
	full *= full
	beyond := none * none // a pixel this far off, squared, gets nothing: no root to take
	rb, ga := channels(col)
	ca := uint32(col.A) + uint32(col.A)>>7 // 0 to 256
	for y := y0; y <= y1; y++ {
		dy := float64(y) + 0.5 - c.Y
		i := d.PixOffset(x0, y)
		for x := x0; x <= x1; x, i = x+1, i+4 {
			dx := float64(x) + 0.5 - c.X
			d2 := dx*dx + dy*dy
			if d2 >= beyond {
				continue
			}
			al := ca
			if d2 > full {
				cov := none - math.Sqrt(d2)
				if cov <= 0 {
					continue
				}
				al = ca * uint32(cov*256) >> 8
			}
			blend(d.Pix, i, rb, ga, al)
		}
	}
}

// circle returns a polygon approximating a circle.
func circle(c pt, r float64) []pt {
	n := 12 + int(r)
	if n > 64 {
		n = 64
	}
	out := make([]pt, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = pt{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)}
	}
	return out
}

// roundRect returns a polygon for a rectangle with rounded corners.
func roundRect(x0, y0, x1, y1, r float64) []pt {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	var out []pt
	corner := func(cx, cy, start float64) {
		for i := 0; i <= 4; i++ {
			a := start + float64(i)*math.Pi/8
			out = append(out, pt{cx + r*math.Cos(a), cy + r*math.Sin(a)})
		}
	}
	corner(x1-r, y1-r, 0)
	corner(x0+r, y1-r, math.Pi/2)
	corner(x0+r, y0+r, math.Pi)
	corner(x1-r, y0+r, 3*math.Pi/2)
	return out
}

// segmentPiece is the longest piece of a stroked segment that is filled
// through one rasterizer, which keeps long lines from clearing large
// buffers.
const segmentPiece = 96

// stroke draws the polyline pts with width w; dash, when positive, is the
// length of dashes and gaps. Only the part inside the painter's image
// (widened by w) is cut into pieces and filled.
func (p *painter) stroke(pts []pt, w float64, c color.NRGBA, dash float64) {
	if len(pts) < 2 || c.A == 0 {
		return
	}
	bd := p.dst.Rect
	clip := rect{float64(bd.Min.X) - w, float64(bd.Min.Y) - w, float64(bd.Max.X) + w, float64(bd.Max.Y) + w}
	var along float64 // distance walked, for the dash pattern
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		length := math.Hypot(b.X-a.X, b.Y-a.Y)
		if length == 0 {
			continue
		}
		ca, cb, ok := clipSegment(a, b, clip)
		if !ok {
			along += length
			continue
		}
		// Walk the visible part only, on the same grid of pieces (and
		// dashes) as the whole segment, so a clipped line matches.
		s0 := math.Hypot(ca.X-a.X, ca.Y-a.Y)
		s1 := math.Hypot(cb.X-a.X, cb.Y-a.Y)
		step := float64(segmentPiece)
		if dash > 0 {
			step = dash
		}
		for s := math.Floor(s0/step) * step; s < s1; s += step {
			e := math.Min(s+step, length)
			if dash > 0 && int(math.Floor((along+s)/dash))%2 == 1 {
				continue
			}
			// Overlap pieces slightly so seams do not show.
			e2 := e
			if dash == 0 && e < length {
				e2 = math.Min(e+0.5, length)
			}
			p.quad(lerp(a, b, s/length), lerp(a, b, e2/length), w, c)
		}
		along += length
	}
}

// quad fills the rectangle of width w around the segment a-b.
func (p *painter) quad(a, b pt, w float64, c color.NRGBA) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	p.fill([]pt{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}}, c)
}

// dist is the distance between a and b.
func dist(a, b pt) float64 { return math.Sqrt((b.X-a.X)*(b.X-a.X) + (b.Y-a.Y)*(b.Y-a.Y)) }

func lerp(a, b pt, t float64) pt { return pt{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }

// fade returns c with its alpha multiplied by alpha.
func fade(c color.NRGBA, alpha float64) color.NRGBA {
	switch {
	case !(alpha > 0): // NaN too
		c.A = 0
	case alpha < 1:
		c.A = uint8(float64(c.A)*alpha + 0.5)
	}
	return c
}

// minf and maxf are the lesser and the greater of two numbers that are
// not NaN: math.Min and math.Max without their care for NaN and signed
// zeros, which drawing pays for on every tie.
func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// parseColor reads "#rrggbb"; anything else is a neutral grey.
func parseColor(s string) color.NRGBA {
	c := color.NRGBA{0x75, 0x75, 0x75, 0xff}
	if len(s) != 7 || s[0] != '#' {
		return c
	}
	var v [3]uint8
	for i := 0; i < 3; i++ {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return c
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{v[0], v[1], v[2], 0xff}
}

func hexDigit(b byte) (uint8, bool) {
	switch {
	case b >= '0' && b <= '9':
		return b - '0', true
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10, true
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}
