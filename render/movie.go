package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"relmap/layout"
	"relmap/model"
)

// MovieFormat is the file format of an animation.
type MovieFormat string

// The animation formats: an animated GIF; numbered PNG frames in a folder,
// for video tools; an MP4 video, made by ffmpeg when it is on the PATH.
const (
	GIF       MovieFormat = "gif"
	PNGFrames MovieFormat = "png-frames"
	MP4       MovieFormat = "mp4"
)

// MovieFormats lists the animation formats.
var MovieFormats = []MovieFormat{GIF, PNGFrames, MP4}

// ParseMovieFormat is the format an animation is asked for in: by name,
// or else by the extension of path (.gif, .mp4; a name without one is a
// folder of PNG frames).
func ParseMovieFormat(name, path string) (MovieFormat, error) {
	if name != "" {
		f := MovieFormat(strings.ToLower(name))
		if !slices.Contains(MovieFormats, f) {
			return "", fmt.Errorf("format %q: animations are written as gif, png-frames or mp4", name)
		}
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), "."); f != PNGFrames && ext != "" && ext != string(f) {
			return "", fmt.Errorf("%s is named .%s, but the format asked for is %s", path, ext, f)
		}
		return f, nil
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".gif":
		return GIF, nil
	case ".mp4":
		return MP4, nil
	case "":
		return PNGFrames, nil
	default:
		return "", fmt.Errorf("%s: %s is not an animation format (gif, mp4, or a folder for png-frames)", path, ext)
	}
}

// FFmpeg is the ffmpeg on the PATH, or "" when there is none.
func FFmpeg() string {
	p, err := exec.LookPath("ffmpeg")
	if err != nil {
		return ""
	}
	return p
}

// WriteGIF plays m's animation a (see Play) into an animated GIF on out:
// one palette for the whole animation, chosen from the pictures of its
// first and last dates with their ground exact, so that the ground shows
// no banding; each frame stores only what changed since the one before,
// and a rest is one frame shown for its length.
func (r *Renderer) WriteGIF(ctx context.Context, out io.Writer, m *model.Map, tl *layout.Timeline, a Animation, progress func(done, total int)) error {
	if err := a.Check(); err != nil {
		return err
	}
	if a.FPS > 50 {
		return fmt.Errorf("%d frames a second: a GIF plays at most 50 (its delays are hundredths of a second)", a.FPS)
	}
	v := r.FitDays(m, tl, a.Dates, a.W, a.H, 1)
	// The palette's samples: up to five dates spread over the animation.
	var sampleDays []model.Day
	for i := 0; i < 5; i++ {
		d := a.Dates[i*(len(a.Dates)-1)/4]
		if len(sampleDays) == 0 || sampleDays[len(sampleDays)-1] != d {
			sampleDays = append(sampleDays, d)
		}
	}
	var samples []*image.RGBA
	for _, d := range sampleDays {
		s := NewScene(m, FrameAt(m, tl, d), d, 0)
		s.Theme = a.Theme
		samples = append(samples, r.Draw(s, v, a.W, a.H))
	}
	q := newQuantizer(samples, Background(a.Theme))
	g := newGIFStream(out, image.Config{ColorModel: q.palette, Width: a.W, Height: a.H})
	// Each frame's delay in hundredths of a second, from the time it
	// starts and ends, so that rounding does not add up.
	shown := 0 // frames shown so far
	delay := func(repeat int) int {
		at := func(n int) int { return int(math.Round(float64(n) * 100 / float64(a.FPS))) }
		d := at(shown+repeat) - at(shown)
		shown += repeat
		return d
	}
	var prev *image.Paletted
	err := r.Play(ctx, m, tl, a, func(img *image.RGBA, repeat int) error {
		cur := q.paletted(img)
		if prev == nil {
			prev = cur
			return g.add(cur, delay(repeat))
		}
		change := changed(prev, cur)
		if change.Empty() {
			g.longer(delay(repeat)) // the same picture, shown longer
			return nil
		}
		prev = cur
		return g.add(cur.SubImage(change).(*image.Paletted), delay(repeat))
	}, progress)
	if err != nil {
		return err
	}
	return g.close()
}

// gifStream writes an animated GIF a frame at a time, as gif.EncodeAll
// writes it whole (the same bytes), keeping one frame: an animation of
// thousands of frames is not held in memory. A frame is written when the
// next one comes, or at the end, as its delay may grow meanwhile.
type gifStream struct {
	out     io.Writer
	config  image.Config
	frame   *image.Paletted // the frame not yet written, nil for none
	delay   int
	written int // frames written
	buf     bytes.Buffer
}

func newGIFStream(out io.Writer, config image.Config) *gifStream {
	return &gifStream{out: out, config: config}
}

// add puts frame next, shown for delay hundredths of a second, over
// what is there (gif.DisposalNone).
func (g *gifStream) add(frame *image.Paletted, delay int) error {
	if err := g.flush(true); err != nil {
		return err
	}
	g.frame, g.delay = frame, delay
	return nil
}

// longer shows the last frame delay hundredths of a second longer.
func (g *gifStream) longer(delay int) { g.delay += delay }

// close writes the last frame and ends the GIF.
func (g *gifStream) close() error {
	if g.frame == nil && g.written == 0 {
		return fmt.Errorf("an animation without a frame")
	}
	if err := g.flush(false); err != nil {
		return err
	}
	_, err := g.out.Write([]byte{0x3b}) // the trailer
	return err
}

// flush writes the frame waiting, if any; more tells whether another
// follows. Each frame is encoded as a GIF of its own, whose header (and,
// before the first frame, the loop count of an animation of more than
// one) and trailer are left out.
func (g *gifStream) flush(more bool) error {
	if g.frame == nil {
		return nil
	}
	g.buf.Reset()
	one := &gif.GIF{Image: []*image.Paletted{g.frame}, Delay: []int{g.delay}, Disposal: []byte{gif.DisposalNone}, Config: g.config}
	if err := gif.EncodeAll(&g.buf, one); err != nil {
		return err
	}
	b := g.buf.Bytes()
	header := 13 // the signature and the logical screen descriptor
	if b[10]&0x80 != 0 {
		header += 3 << (b[10]&7 + 1) // the global colour table
	}
	if g.written == 0 {
		if _, err := g.out.Write(b[:header]); err != nil {
			return err
		}
		if more {
			// Played over and over (gif.GIF.LoopCount 0).
			loop := []byte{0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 0x03, 0x01, 0, 0, 0}
			if _, err := g.out.Write(loop); err != nil {
				return err
			}
		}
	}
	if _, err := g.out.Write(b[header : len(b)-1]); err != nil {
		return err
	}
	g.written++
	g.frame = nil
	return nil
}

// changed is the smallest rectangle holding every pixel that differs
// between a and b, two pictures of one size.
func changed(a, b *image.Paletted) image.Rectangle {
	r := image.Rectangle{}
	w := a.Rect.Dx()
	for y := 0; y < a.Rect.Dy(); y++ {
		ra, rb := a.Pix[y*a.Stride:y*a.Stride+w], b.Pix[y*b.Stride:y*b.Stride+w]
		if bytes.Equal(ra, rb) {
			continue
		}
		x0, x1 := 0, w-1
		for ra[x0] == rb[x0] {
			x0++
		}
		for ra[x1] == rb[x1] {
			x1--
		}
		r = r.Union(image.Rect(x0, y, x1+1, y+1))
	}
	return r
}

// quantizer maps pictures to one palette of at most 256 colours: the
// ground exact, then the commonest colours of sample pictures (in bins of
// 5 bits a channel), each picture pixel to the nearest.
type quantizer struct {
	palette color.Palette
	lookup  []int16 // palette index of each 15-bit bin, -1 until needed
}

func newQuantizer(samples []*image.RGBA, ground color.NRGBA) *quantizer {
	type bin struct {
		n       int
		r, g, b int
	}
	bins := make([]bin, 1<<15)
	for _, img := range samples {
		for i := 0; i+3 < len(img.Pix); i += 4 {
			r, g, b := int(img.Pix[i]), int(img.Pix[i+1]), int(img.Pix[i+2])
			k := binOf(r, g, b)
			bins[k].n++
			bins[k].r += r
			bins[k].g += g
			bins[k].b += b
		}
	}
	order := make([]int, 0, len(bins))
	for k := range bins {
		if bins[k].n > 0 && k != binOf(int(ground.R), int(ground.G), int(ground.B)) {
			order = append(order, k)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return bins[b].n - bins[a].n })
	q := &quantizer{palette: color.Palette{color.RGBA{ground.R, ground.G, ground.B, 0xff}}, lookup: make([]int16, 1<<15)}
	for _, k := range order[:min(len(order), 255)] {
		b := bins[k]
		q.palette = append(q.palette, color.RGBA{uint8(b.r / b.n), uint8(b.g / b.n), uint8(b.b / b.n), 0xff})
	}
	for k := range q.lookup {
		q.lookup[k] = -1
	}
	return q
}

func binOf(r, g, b int) int { return r>>3<<10 | g>>3<<5 | b>>3 }

// paletted is img in q's palette.
func (q *quantizer) paletted(img *image.RGBA) *image.Paletted {
	out := image.NewPaletted(img.Rect, q.palette)
	ground := q.palette[0].(color.RGBA)
	for i, j := 0, 0; i+3 < len(img.Pix); i, j = i+4, j+1 {
		r, g, b := img.Pix[i], img.Pix[i+1], img.Pix[i+2]
		if r == ground.R && g == ground.G && b == ground.B {
			continue // index 0
		}
		k := binOf(int(r), int(g), int(b))
		if q.lookup[k] < 0 {
			q.lookup[k] = int16(q.palette.Index(color.RGBA{r, g, b, 0xff}))
		}
		out.Pix[j] = uint8(q.lookup[k])
	}
	return out
}

// WriteFrames plays m's animation a (see Play) into dir as numbered PNG
// pictures, frame-00001.png on, one a frame at a's rate (a rest is
// written as many times as it lasts), for video tools; it makes dir, and
// refuses one that holds files already.
func (r *Renderer) WriteFrames(ctx context.Context, dir string, m *model.Map, tl *layout.Timeline, a Animation, progress func(done, total int)) error {
	if err := a.Check(); err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s holds files already; frames go into an empty or new folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := 0
	return r.Play(ctx, m, tl, a, func(img *image.RGBA, repeat int) error {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return err
		}
		for range repeat {
			n++
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("frame-%05d.png", n)), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
		return nil
	}, progress)
}

// WriteMP4 plays m's animation a (see Play) into an H.264 MP4 video on
// out, through ffmpeg, which must be on the PATH.
func (r *Renderer) WriteMP4(ctx context.Context, out io.Writer, m *model.Map, tl *layout.Timeline, a Animation, progress func(done, total int)) error {
	ffmpeg := FFmpeg()
	if ffmpeg == "" {
		return fmt.Errorf("an MP4 is made by ffmpeg, which is not installed (Debian: apt-get install ffmpeg); write a gif or png-frames instead")
	}
	if err := a.Check(); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "relmap-mp4-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	video := filepath.Join(tmp, "out.mp4")
	cmd := exec.CommandContext(ctx, ffmpeg, "-loglevel", "error", "-f", "image2pipe", "-framerate", fmt.Sprint(a.FPS), "-c:v", "png", "-i", "-",
		"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p", video)
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	played := r.Play(ctx, m, tl, a, func(img *image.RGBA, repeat int) error {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return err
		}
		for range repeat {
			if _, err := in.Write(buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}, progress)
	in.Close()
	if err := cmd.Wait(); err != nil && ctx.Err() == nil {
		// ffmpeg's own word, not the broken pipe it left behind.
		return fmt.Errorf("ffmpeg: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if played != nil {
		return played
	}
	f, err := os.Open(video)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(out, f)
	return err
}
