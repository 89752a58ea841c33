package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"relmap/i18n"
	"relmap/model"
	"relmap/render"
)

// picture writes the default map as of date in format f at 1200×750.
func picture(t *testing.T, f render.Format, date string) []byte {
	t.Helper()
	m, r, tl := setup(t)
	day, err := model.ParseDay(date)
	if err != nil {
		t.Fatal(err)
	}
	s, v := r.StillScene(m, tl, day, render.FrameDate, 1200, 750)
	var buf bytes.Buffer
	if err := r.WritePicture(&buf, f, s, v, 1200, 750, 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSVGIsTheMapWithGroups: the SVG parses, holds real text, and has a
// group for every actor and tie drawn, with its id, kind and name.
func TestSVGIsTheMapWithGroups(t *testing.T) {
	t.Parallel()
	data := picture(t, render.SVG, "2024-04-07")
	dec := xml.NewDecoder(bytes.NewReader(data))
	groups := map[string]string{}
	var texts []string
	var inText bool
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG does not parse: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inText = el.Name.Local == "text"
			if el.Name.Local == "g" {
				var id, name string
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "id":
						id = a.Value
					case "data-name":
						name = a.Value
					}
				}
				groups[id] = name
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(el))
			}
		case xml.EndElement:
			inText = false
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"7 April 2024", "Jorge Glas", "Mexican Embassy, Quito", "Relations severed"} {
		if !strings.Contains(all, want) {
			t.Errorf("no text %q in the SVG", want)
		}
	}
	var actors, ties int
	for id, name := range groups {
		switch {
		case strings.HasPrefix(id, "actor-"):
			actors++
		case strings.HasPrefix(id, "tie-"):
			ties++
		}
		if name == "" {
			t.Errorf("group %s has no name", id)
		}
	}
	if actors < 20 || ties < 20 {
		t.Errorf("%d actor and %d tie groups, want the map's (over 20 each)", actors, ties)
	}
	if groups["actor-1"] == "" {
		t.Errorf("no group actor-1 among %d", len(groups))
	}
}

// TestVectorPicturesLookLikeThePNG rasterises the SVG (rsvg-convert) and
// the PDF (pdftoppm) of the default map at three dates and compares them
// with the PNG: text is drawn by another rasteriser, so only a few
// pixels, at glyph edges, may differ much. The PDF's text must be
// extractable.
func TestVectorPicturesLookLikeThePNG(t *testing.T) {
	t.Parallel()
	tools := map[render.Format]string{render.SVG: "rsvg-convert", render.PDF: "pdftoppm"}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: librsvg2-bin, poppler-utils; bash scripts/setup.sh --test installs them)", tool)
		}
	}
	if out, err := exec.Command("fc-list", "Go:style=Regular").Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Skip("the Go fonts are not installed for rsvg-convert (Debian: fonts-go; bash scripts/setup.sh --test installs them)")
	}
	dir := t.TempDir()
	for _, date := range []string{"2023-11-01", "2024-04-05", "2024-04-07"} {
		want, err := png.Decode(bytes.NewReader(picture(t, render.PNG, date)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []render.Format{render.SVG, render.PDF} {
			src := filepath.Join(dir, date+f.Extension())
			if err := os.WriteFile(src, picture(t, f, date), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, date+"-"+string(f)+".png")
			var cmd *exec.Cmd
			if f == render.SVG {
				cmd = exec.Command("rsvg-convert", "-w", "1200", "-h", "750", "-o", out, src)
			} else {
				cmd = exec.Command("pdftoppm", "-r", "96", "-png", "-singlefile", src, strings.TrimSuffix(out, ".png"))
			}
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s %s: %v: %s", tools[f], src, err, msg)
			}
			got := readPNG(t, out)
			if d := looksLike(got, want); d != "" {
				t.Errorf("%s as %s, rasterised by %s: %s", date, f, tools[f], d)
			}
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", filepath.Join(dir, "2024-04-07.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"7 April 2024", "Jorge Glas", "Mexican Embassy, Quito"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("the PDF's text has no %q", want)
			}
		}
	}
}

// looksLike compares two pictures at a quarter of their size (each
// pixel the mean of 4×4), where the rasterisers' different anti-aliasing
// of glyphs and edges averages out but a line drawn wider, moved or
// missing does not: at most 0.25% of those pixels may differ by more
// than 25 (of 255) in some channel.
func looksLike(got, want image.Image) string {
	if got.Bounds() != want.Bounds() {
		return fmt.Sprintf("size %v, want %v", got.Bounds(), want.Bounds())
	}
	a, b := quarter(got), quarter(want)
	var bad int
	for i := 0; i < len(a); i += 3 {
		d := 0
		for c := 0; c < 3; c++ {
			d = max(d, a[i+c]-b[i+c], b[i+c]-a[i+c])
		}
		if d > 25 {
			bad++
		}
	}
	if n := len(a) / 3; bad*400 > n {
		return fmt.Sprintf("%d of %d pixels at a quarter size differ by more than 25", bad, n)
	}
	return ""
}

// quarter is img at a quarter of its size, each pixel the mean red, green
// and blue of 4×4.
func quarter(img image.Image) []int {
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	w, h := rgba.Rect.Dx()/4, rgba.Rect.Dy()/4
	out := make([]int, w*h*3)
	for y := 0; y < h*4; y++ {
		for x := 0; x < w*4; x++ {
			i := y*rgba.Stride + x*4
			o := ((y/4)*w + x/4) * 3
			for c := 0; c < 3; c++ {
				out[o+c] += int(rgba.Pix[i+c])
			}
		}
	}
	for i := range out {
		out[i] /= 16
	}
	return out
}

// TestDefaultMapRecording records the drawing calls of the default map at
// three dates (render.Record) and compares them with golden recordings,
// line by line: the exact picture, as text. Run with -update to rewrite
// them.
func TestDefaultMapRecording(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	es, err := i18n.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	for _, date := range []string{"2023-11-01", "2024-04-05", "2024-04-07", "2024-04-07-es"} {
		day, err := model.ParseDay(strings.TrimSuffix(date, "-es"))
		if err != nil {
			t.Fatal(err)
		}
		r := r
		if strings.HasSuffix(date, "-es") {
			r = r.Twin()
			r.SetLang(es) // the Spanish picture: "7 de abril de 2024"
		}
		s, v := r.StillScene(m, tl, day, render.FrameDate, 1200, 750)
		var buf bytes.Buffer
		if err := r.Record(&buf, s, v, 1200, 750); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(date, "-es") && !strings.Contains(buf.String(), `"7 de abril de 2024"`) {
			t.Error("the Spanish picture does not say 7 de abril de 2024")
		}
		name := filepath.Join("testdata", "default-"+date+".rec")
		if *update {
			if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("golden recording: %v (run go test ./render -update to make it)", err)
		}
		got, wantLines := strings.Split(buf.String(), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(got), len(wantLines)) {
			g, w := "(none)", "(none)"
			if i < len(got) {
				g = got[i]
			}
			if i < len(wantLines) {
				w = wantLines[i]
			}
			if g != w {
				t.Errorf("%s line %d:\n got %s\nwant %s", name, i+1, g, w)
				break
			}
		}
	}
}

// TestThemes: a dark picture is painted on dark ground with light text; a
// print picture on white, with black text and no plates or halos; a
// transparent one leaves its ground unpainted in every format.
func TestThemes(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	day, err := model.ParseDay("2024-04-07")
	if err != nil {
		t.Fatal(err)
	}
	record := func(th render.Theme) string {
		s, v := r.StillScene(m, tl, day, render.FrameDate, 1200, 750)
		s.Theme = th
		var buf bytes.Buffer
		if err := r.Record(&buf, s, v, 1200, 750); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	light, dark, print := record(render.Light), record(render.Dark), record(render.Print)
	for _, c := range []struct {
		name, rec, ground, date string
	}{
		{"light", light, "fill #fafaf8ff 0,0", `text #22262bff bold 24 24,32 "7 April 2024"`},
		{"dark", dark, "fill #1e2227ff 0,0", `text #e8eaedff bold 24 24,32 "7 April 2024"`},
		{"print", print, "fill #ffffffff 0,0", `text #000000ff bold 24 24,32 "7 April 2024"`},
	} {
		if !strings.HasPrefix(c.rec, c.ground) {
			t.Errorf("%s: the picture starts %.40q, want %q", c.name, c.rec, c.ground)
		}
		if !strings.Contains(c.rec, c.date) {
			t.Errorf("%s: no %q", c.name, c.date)
		}
	}
	// Light draws a white plate under every actor label; print none.
	if !strings.Contains(light, "fill #ffffffd8") || strings.Contains(print, "fill #ffffffd8") {
		t.Errorf("label plates: light has them %v, print has them %v; want light only",
			strings.Contains(light, "fill #ffffffd8"), strings.Contains(print, "fill #ffffffd8"))
	}
	if strings.Count(light, "\n") <= strings.Count(print, "\n") {
		t.Errorf("the print picture draws as much as the light one (%d lines): its halos are not left out", strings.Count(print, "\n"))
	}

	s, v := r.StillScene(m, tl, day, render.FrameDate, 600, 400)
	s.Transparent = true
	var buf bytes.Buffer
	if err := r.WritePicture(&buf, render.PNG, s, v, 600, 400, 0); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(3, 300).RGBA(); a != 0 {
		t.Errorf("transparent PNG: the ground's alpha is %d, want 0", a>>8)
	}
	buf.Reset()
	if err := r.WritePicture(&buf, render.SVG, s, v, 600, 400, 0); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `<path d="M0 0 L600 0 L600 400 L0 400Z"`) {
		t.Error("transparent SVG: the ground is painted")
	}
}

// TestSourcesFooter: with CiteSources the picture prints the sources of
// what it shows, numbered, marks the actors, ties and the header's events
// with them, credits the map, and the map is drawn clear of the footer.
func TestSourcesFooter(t *testing.T) {
	t.Parallel()
	m, r, tl := setup(t)
	day, err := model.ParseDay("2024-04-07")
	if err != nil {
		t.Fatal(err)
	}
	s, v := r.StillScene(m, tl, day, render.FrameDate, 1200, 750)
	s.CiteSources(m)
	v = r.WithFooter(s, v, 1200, 750)
	var buf bytes.Buffer
	if err := r.Record(&buf, s, v, 1200, 750); err != nil {
		t.Fatal(err)
	}
	rec := buf.String()
	for _, want := range []string{`"Sources: [1] Mexico breaks diplomatic relations`, `[2] The New York Times`, `"Mexico–Ecuador, April 2024  ·  as of 7 April 2024"`, `"1,2"`,
		`18 Mexican diplomats land in Mexico City [1]`} {
		if !strings.Contains(rec, want) {
			t.Errorf("the picture has no %s", want)
		}
	}
	// The footer's first line, and the lowest point of any actor.
	var footer, lowest float64
	inActor := false
	for _, line := range strings.Split(rec, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "begin":
			inActor = f[1] == "actor"
		case line == "end":
			inActor = false
		case strings.Contains(line, `"Sources: [1]`):
			fmt.Sscanf(strings.Split(f[4], ",")[1], "%g", &footer)
			footer -= 11
		case inActor && len(f) > 0 && f[0] == "fill":
			for _, p := range f[2:] {
				var x, y float64
				fmt.Sscanf(p, "%g,%g", &x, &y)
				lowest = max(lowest, y)
			}
		}
	}
	if footer == 0 || lowest == 0 || lowest >= footer {
		t.Errorf("the actors reach down to y=%.1f and the footer starts at %.1f: the map is not drawn clear of it", lowest, footer)
	}
}
