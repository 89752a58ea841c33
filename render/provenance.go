package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"relmap/model"
)

// CiteSources numbers the sources of what s shows (its actors, ties and
// events, taken from m) in the order the map lists them, marks each actor
// and tie with the numbers of its sources, and each event of the header
// after its title ("[2]"), and puts the list and the map's credit in a
// footer: provenance printed on the picture.
func (s *Scene) CiteSources(m *model.Map) {
	cited := map[model.ID]bool{}
	actors := make(map[model.ID][]model.ID, len(m.Actors))
	for _, a := range m.Actors {
		actors[a.ID] = a.Sources
	}
	ties := make(map[model.ID][]model.ID, len(m.Ties))
	for _, t := range m.Ties {
		ties[t.ID] = t.Sources
	}
	for _, n := range s.Nodes {
		for _, id := range actors[n.ID] {
			cited[id] = true
		}
	}
	for _, e := range s.Edges {
		for _, id := range ties[e.ID] {
			cited[id] = true
		}
	}
	titles := map[string]bool{}
	for _, t := range s.Events {
		titles[t] = true
	}
	for _, e := range m.Events {
		if titles[e.Title] && e.Date.String() == s.EventDate {
			for _, id := range e.Sources {
				cited[id] = true
			}
		}
	}
	number := map[model.ID]int{}
	s.Sources = []string{}
	for _, src := range m.Sources {
		if cited[src.ID] {
			s.Sources = append(s.Sources, src.Citation())
			number[src.ID] = len(s.Sources)
		}
	}
	marks := func(ids []model.ID) []int {
		var out []int
		for _, id := range ids {
			if n, ok := number[id]; ok {
				out = append(out, n)
			}
		}
		return out
	}
	for i := range s.Nodes {
		s.Nodes[i].Marks = marks(actors[s.Nodes[i].ID])
	}
	for i := range s.Edges {
		s.Edges[i].Marks = marks(ties[s.Edges[i].ID])
	}
	// The header's events are marked after their titles, "[2]": the
	// footer listed their sources, which nothing on the picture marked.
	for i, title := range s.Events {
		for _, e := range m.Events {
			if e.Title == title && e.Date.String() == s.EventDate {
				if ms := marks(e.Sources); len(ms) > 0 {
					s.Events[i] = title + " [" + markText(ms) + "]"
				}
				break
			}
		}
	}
	var credit []string
	for _, part := range []string{m.Name, m.Author, m.Licence} {
		if part != "" {
			credit = append(credit, part)
		}
	}
	s.Credit = strings.Join(credit, "  ·  ") // and the picture's date, in its language
}

// markText writes source numbers as a mark: "1,3".
func markText(marks []int) string {
	parts := make([]string, len(marks))
	for i, n := range marks {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// footerSize is the size of the footer's text, at UI scale 1.
const footerSize = 11.0

// footerLines breaks the footer of s into lines that fit room: the
// numbered sources, each starting a line, then the credit and the
// picture's date.
func (r *Renderer) footerLines(s *Scene, width func(string) float64, room float64) []string {
	credit := r.lang.T("as of") + " " + r.dateOf(s)
	if s.Credit != "" {
		credit = s.Credit + "  ·  " + credit
	}
	if len(s.Sources) == 0 {
		return append(wrap(r.lang.T("Sources: none cited for what is shown"), width, room), wrap(credit, width, room)...)
	}
	var lines []string
	for i, src := range s.Sources {
		item := fmt.Sprintf("[%d] %s", i+1, src)
		if i == 0 {
			item = r.lang.T("Sources:") + " " + item
		}
		lines = append(lines, wrap(item, width, room)...)
	}
	return append(lines, wrap(credit, width, room)...)
}

// wrap breaks text into lines that fit room at spaces (keeping the text's
// spacing within a line); a word wider than room has a line of its own.
func wrap(text string, width func(string) float64, room float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(text, " ") {
		next := line + " " + word
		if line == "" {
			next = word
		}
		if word != "" && line != "" && width(next) > room {
			lines = append(lines, strings.TrimRight(line, " "))
			next = word
		}
		line = next
	}
	if line = strings.TrimSpace(line); line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fit cuts text to fit room, ending it with an ellipsis when cut.
func fit(text string, width func(string) float64, room float64) string {
	if width(text) <= room {
		return text
	}
	runes := []rune(text)
	for len(runes) > 1 && width(string(runes)+"…") > room {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimRight(string(runes), " ;·") + "…"
}

// footerRoom is the room the footer of s takes at the foot of a w-pixel
// wide picture seen through v, in pixels: 0 without one.
func (r *Renderer) footerRoom(s *Scene, v View, w int) float64 {
	if s.Sources == nil {
		return 0
	}
	ui := v.UIScale
	size := footerSize * ui
	room := float64(w) - (legendSpan(v.Collapsed)+2*margin)*ui
	lines := r.footerLines(s, func(t string) float64 { return r.textWidth(false, size, t) }, room)
	return float64(len(lines))*size*1.35 + 8*ui
}

// WithFooter returns v narrowed so that the map drawn through it at w×h
// clears the footer of s (its sources and credit), when s has one.
func (r *Renderer) WithFooter(s *Scene, v View, w, h int) View {
	r.mu.Lock()
	foot := r.footerRoom(s, fixView(v), w)
	r.mu.Unlock()
	if foot == 0 {
		return v
	}
	_, y0, _, y1 := plot(w, h, fixView(v))
	if span := y1 - y0; span > foot {
		v.Zoom *= (span - foot) / span
	}
	v.CY += foot / 2 / v.Zoom
	return v
}

// drawFooter writes the footer of s at the foot of the picture: its
// numbered sources and its credit, on a band of the ground.
func (r *Renderer) drawFooter(p surface, s *Scene, v View, w, h int) {
	ui := v.UIScale
	pal := s.palette()
	size := footerSize * ui
	room := float64(w) - (legendSpan(v.Collapsed)+2*margin)*ui
	lines := r.footerLines(s, func(t string) float64 { return p.textWidth(false, size, t) }, room)
	step := size * 1.35
	x := margin * ui
	top := float64(h) - float64(len(lines))*step - 6*ui
	var widest float64
	for _, l := range lines {
		widest = math.Max(widest, p.textWidth(false, size, l))
	}
	p.fill([]pt{{x - 4*ui, top - 2*ui}, {x + widest + 4*ui, top - 2*ui}, {x + widest + 4*ui, float64(h)}, {x - 4*ui, float64(h)}}, pal.band)
	for i, l := range lines {
		p.text(false, size, x, top+float64(i+1)*step-0.35*size, l, pal.muted)
	}
}

// drawMarks writes, beside each actor label and at the middle of each tie
// without a label (a label carries its tie's, see edgeLabel), the numbers
// of the footer's sources that support it; an actor's, which ties'
// labels keep clear of, are left out under one that could not.
func (r *Renderer) drawMarks(p surface, pl *plan) {
	if pl.s.Sources == nil {
		return
	}
	pal := pl.pal
	size := pl.markSize()
	labelled := make(map[*Edge]bool, len(pl.labels))
	for _, l := range pl.labels {
		labelled[l.e] = true
	}
	for i := range pl.edges {
		pe := &pl.edges[i]
		if len(pe.e.Marks) == 0 || len(pe.path) < 2 || labelled[pe.e] {
			continue
		}
		at, normal := alongPath(pe.path, 0.5)
		p.text(false, size, at.X+normal.X*4, at.Y+normal.Y*4, markText(pe.e.Marks), pal.muted)
	}
	for _, i := range pl.nodes {
		n := &pl.s.Nodes[i]
		if len(n.Marks) == 0 {
			continue
		}
		// Where a tie's label had no free place but over them, the
		// label's plate hides them: text over text reads as neither.
		box := r.nodeMarkBox(pl, i)
		if slices.ContainsFunc(pl.labels, func(l edgeLabel) bool { return l.box.overlap(box) > 0 }) {
			continue
		}
		at := pl.nodeMarkAt(i)
		p.text(false, size, at.X, at.Y, markText(n.Marks), pal.muted)
	}
}

// markSize is the size of the sources' marks: a little smaller than the
// actors' names (which grow with the zoom), never bigger, and never
// unreadable.
func (pl *plan) markSize() float64 {
	size := 7 * pl.v.UIScale
	if pl.size > 0 {
		size = math.Min(math.Max(size, 0.8*pl.size), pl.size)
	}
	return size
}

// nodeMarkAt is where actor i's marks are written (the start of their
// baseline): above and right of its shape.
func (pl *plan) nodeMarkAt(i int32) pt {
	c := pl.centre[i]
	rad := pl.dotRad(int(i))
	return pt{c.X + rad + 2*pl.v.UIScale, c.Y - rad + pl.markSize()*0.3}
}

// nodeMarkBox is the box of actor i's marks, which the ties' labels keep
// clear of.
func (r *Renderer) nodeMarkBox(pl *plan, i int32) rect {
	at, size := pl.nodeMarkAt(i), pl.markSize()
	return rect{at.X, at.Y - 0.8*size, at.X + r.textWidth(false, size, markText(pl.s.Nodes[i].Marks)), at.Y + 0.2*size}
}
