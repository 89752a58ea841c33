package render

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"math/rand"
	"slices"
	"testing"
)

// TestHairlineIsWalkShares: the fast walk of a hairline lying wholly in
// the image gives every pixel exactly what the general walk gives it, in
// a tile below the picture's top (so that row 0 lies before its pixels),
// steep and shallow, solid and dashed, opaque and translucent, up to 1.4
// pixels wide.
func TestHairlineIsWalkShares(t *testing.T) {
	whole := image.Rect(0, 0, 300, 400)
	tile := image.Rect(0, 128, 300, 256)
	fast, slow := image.NewRGBA(whole), image.NewRGBA(whole)
	pf := newPainter(fast.SubImage(tile).(*image.RGBA), nil)
	ps := newPainter(slow.SubImage(tile).(*image.RGBA), nil)
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 2000; n++ {
		a := pt{5 + rng.Float64()*290, 133 + rng.Float64()*118}
		b := pt{5 + rng.Float64()*290, 133 + rng.Float64()*118}
		w := 1 + 0.4*rng.Float64()
		c := color.NRGBA{uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(1 + rng.Intn(255))}
		dash := 0.0
		if n%3 == 0 {
			dash = 2 + 5*rng.Float64()
		}
		var wk walk
		if !wk.set(a, b, dash, 10*rng.Float64(), tile) {
			continue
		}
		hf := toFixed(w / 2 * wk.stepLen())
		if !pf.hairline(&wk, hf, c) {
			t.Fatalf("the hairline from %v to %v, %.2f wide, was not drawn fast, though in the tile", a, b, w)
		}
		ps.walkShares(&wk, w, c, true)
	}
	if !bytes.Equal(fast.Pix, slow.Pix) {
		for i := range fast.Pix {
			if fast.Pix[i] != slow.Pix[i] {
				t.Fatalf("pixel (%d, %d) differs: fast %v, general %v", i/4%300, i/4/300, fast.Pix[i/4*4:][:4], slow.Pix[i/4*4:][:4])
			}
		}
	}
	// A line reaching beyond the tile is left to the general walk.
	var wk walk
	wk.set(pt{10, 120}, pt{200, 200}, 0, 0, tile)
	if pf.hairline(&wk, toFixed(0.5*wk.stepLen()), color.NRGBA{A: 255}) {
		t.Error("a hairline reaching above the tile was drawn by the fast walk")
	}
}

// TestLayersDrawAsInOrder: lines drawn by ink in layers, the last first,
// leave every pixel of a band the ink of drawing them all in order, when
// many blocks are full early and passed by; steep and shallow, solid and
// dashed, in a band below the picture's top whose width is not a whole
// number of blocks.
func TestLayersDrawAsInOrder(t *testing.T) {
	whole := image.Rect(0, 0, 700, 600)
	band := image.Rect(0, 256, 700, 512)
	inOrder := newPainter(image.NewRGBA(whole).SubImage(band).(*image.RGBA), nil)
	layered := newPainter(image.NewRGBA(whole).SubImage(band).(*image.RGBA), nil)
	inOrder.startInks()
	layered.startInks()
	rng := rand.New(rand.NewSource(3))
	type line struct {
		a, b   pt
		dashed bool
		ink    uint8
	}
	lines := make([]line, 20000)
	for i := range lines {
		l := line{a: pt{rng.Float64() * 700, 206 + rng.Float64()*356}, b: pt{rng.Float64() * 700, 206 + rng.Float64()*356}, ink: uint8(1 + rng.Intn(250))}
		l.dashed = i%4 == 0
		lines[i] = l
	}
	draw := func(p *painter) func(lo, hi int) {
		return func(lo, hi int) {
			for _, l := range lines[lo:hi] {
				var wk walk
				if wk.set(l.a, l.b, 0, 0, band) {
					if l.dashed {
						wk.stepDashes(l.a)
					}
					p.ink = l.ink
					p.walkDense(&wk, color.NRGBA{})
				}
			}
		}
	}
	draw(inOrder)(0, len(lines))
	// The last half first, when most blocks are full by then, and the
	// last tenth, when few are.
	for _, last := range []float64{0.5, 0.1} {
		clear(layered.inks)
		layered.layers(len(lines), last, draw(layered))
		checkLayers(t, last, band, inOrder, layered)
	}
}

// checkLayers fails t when inks drawn in layers, the share last of them
// first, are not those drawn in order, or ink is left under; with the
// last half first, also when half the blocks were not full by then.
func checkLayers(t *testing.T, last float64, band image.Rectangle, inOrder, layered *painter) {
	t.Helper()
	if !bytes.Equal(inOrder.inks, layered.inks) {
		for y := range band.Dy() {
			for x := range band.Dx() {
				if i := inOrder.inkCol[x] + inOrder.inkRow[y]; inOrder.inks[i] != layered.inks[i] {
					t.Fatalf("the last %v first: pixel (%d, %d): ink %d drawn in layers, %d in order", last, x, band.Min.Y+y, layered.inks[i], inOrder.inks[i])
				}
			}
		}
		t.Fatal("the ink planes differ outside the band's pixels")
	}
	wb, hb := layered.blocks()
	if open := int(layered.open[len(layered.open)-1]); last >= 0.5 && open > wb*hb/2 {
		t.Errorf("%d of %d blocks were full for the layers to pass by: the test does not try passing them by", wb*hb-open, wb*hb)
	}
	if slices.ContainsFunc(layered.under, func(b uint8) bool { return b != 0 }) {
		t.Error("the layers left ink under")
	}
}

// TestAllFullCountsTheBlocksARunSpans: a run of a walk is passed by when
// every block of the rows and columns of blocks it spans is full, steep
// or shallow, and not when one of them is not.
func TestAllFullCountsTheBlocksARunSpans(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 70, 64)) // a last column of blocks cut short
	p := newPainter(img, nil)
	p.startInks()
	for i := range p.inks {
		p.inks[i] = 1
	}
	wb, hb := p.blocks()
	open := (2*wb + 5) * 64 // the block in row 2, column 5
	p.inks[open+9] = 0
	p.openW = wb + 1
	p.open = make([]int32, p.openW*(hb+1))
	p.markFull()
	cases := []struct {
		lo, hi, a, b int
		steep        bool
		want         bool
	}{
		{0, 63, 0, 7, false, true},     // along row 0 of blocks
		{0, 63, 16, 23, false, false},  // along row 2, through column 5
		{0, 31, 16, 23, false, true},   // along row 2, short of column 5
		{48, 69, 3, 30, false, true},   // rows 0 to 3, columns 6 to 8: only column 5 is open
		{40, 69, 3, 30, false, false},  // rows 0 to 3, columns 5 to 8
		{0, 63, 3, 3, true, true},      // down column 0
		{0, 63, 40, 47, true, false},   // down column 5, through row 2
		{24, 63, 40, 47, true, true},   // down column 5, below row 2
		{0, 15, 30, 50, true, true},    // rows 0 and 1, columns 3 to 6
		{0, 23, 30, 50, true, false},   // rows 0 to 2, columns 3 to 6
		{0, 63, 64, 69, true, true},    // down the last, short column
		{64, 69, 0, 63, false, true},   // the last columns, all rows
		{40, 40, 17, 17, false, false}, // one step, in the open block
	}
	for _, c := range cases {
		if got := p.allFull(c.lo, c.hi, c.a, c.b, c.steep); got != c.want {
			t.Errorf("steps %d to %d along, %d to %d across, steep %v: all full %v, want %v", c.lo, c.hi, c.a, c.b, c.steep, got, c.want)
		}
	}
}

// TestDenseDashesAreRunsOfEightSteps: a dense frame's dashed line is
// drawn in runs of eight columns (rows, when steep) of the picture, every
// other one, the run its start is in drawn, whichever way it is walked.
func TestDenseDashesAreRunsOfEightSteps(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 200))
	cases := []struct {
		a, b  pt
		steep bool
	}{
		{pt{3.5, 10.5}, pt{180.5, 40.5}, false},  // its start in run 0, drawn
		{pt{190.5, 60.5}, pt{12.5, 90.5}, false}, // walked from its end; its start in run 23
		{pt{20.5, 5.5}, pt{60.5, 170.5}, true},
		{pt{150.5, 197.5}, pt{120.5, 9.5}, true}, // from row 197, run 24
	}
	for _, c := range cases {
		p := newPainter(img, nil)
		p.startInks()
		var wk walk
		if !wk.set(c.a, c.b, 0, 0, img.Rect) {
			t.Fatalf("%v to %v: no walk", c.a, c.b)
		}
		wk.stepDashes(c.a)
		p.ink = 1
		p.walkDense(&wk, color.NRGBA{})
		start, from, to := c.a.X, min(c.a.X, c.b.X), max(c.a.X, c.b.X)
		if c.steep {
			start, from, to = c.a.Y, min(c.a.Y, c.b.Y), max(c.a.Y, c.b.Y)
		}
		drawnRun := int(start) >> 3 & 1
		for k := int(from); k <= int(to); k++ {
			// The one pixel the walk puts in column (row) k.
			any := false
			for j := range 200 {
				x, y := k, j
				if c.steep {
					x, y = j, k
				}
				any = any || p.inks[p.inkCol[x]+p.inkRow[y]] != 0
			}
			if want := k>>3&1 == drawnRun; any != want {
				t.Fatalf("%v to %v: step %d drawn %v, want %v", c.a, c.b, k, any, want)
			}
		}
	}
}

// A GIF written a frame at a time is the GIF gif.EncodeAll writes of the
// same frames, byte for byte: with one frame, and with many, some of
// them a part of the picture, some shown longer.
func TestGIFStreamWritesWhatEncodeAllWrites(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	palette := color.Palette{}
	for i := range 200 {
		palette = append(palette, color.RGBA{uint8(i), uint8(255 - i), uint8(i * 7), 0xff})
	}
	config := image.Config{ColorModel: palette, Width: 90, Height: 60}
	for _, frames := range []int{1, 2, 40} {
		want := &gif.GIF{Config: config}
		var got bytes.Buffer
		g := newGIFStream(&got, config)
		for k := range frames {
			full := image.NewPaletted(image.Rect(0, 0, 90, 60), palette)
			for i := range full.Pix {
				full.Pix[i] = uint8(rng.Intn(len(palette)))
			}
			frame := full
			if k > 0 && rng.Intn(2) == 0 {
				x, y := rng.Intn(80), rng.Intn(50)
				frame = full.SubImage(image.Rect(x, y, x+1+rng.Intn(10), y+1+rng.Intn(10))).(*image.Paletted)
			}
			delay := 1 + rng.Intn(50)
			if err := g.add(frame, delay); err != nil {
				t.Fatal(err)
			}
			want.Image = append(want.Image, frame)
			if rng.Intn(3) == 0 {
				more := 1 + rng.Intn(100)
				g.longer(more)
				delay += more
			}
			want.Delay = append(want.Delay, delay)
			want.Disposal = append(want.Disposal, gif.DisposalNone)
		}
		if err := g.close(); err != nil {
			t.Fatal(err)
		}
		var all bytes.Buffer
		if err := gif.EncodeAll(&all, want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), all.Bytes()) {
			t.Errorf("%d frames: the stream wrote %d bytes, EncodeAll %d, not the same", frames, got.Len(), all.Len())
		}
	}
}
