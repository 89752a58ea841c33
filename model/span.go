package model

import (
	"fmt"
	"strings"
)

// Span is the time something is in force. Either end may be open (zero).
//
// Spans are half-open. A Start covers from its first day. An End of day
// precision is exclusive: a tie ending 2024-04-06 is not there on
// 2024-04-06. An End known only to the month or year means "some time then",
// so the thing is shown through the whole period: ending "2024-04" it is
// there through 2024-04-30.
type Span struct {
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
}

// IsZero reports whether both ends are open.
func (s Span) IsZero() bool { return s.Start.IsZero() && s.End.IsZero() }

// Undated counts the ties with no dates at all, which hold on every date.
func Undated(ties []Tie) int {
	n := 0
	for _, t := range ties {
		if t.Span.IsZero() {
			n++
		}
	}
	return n
}

// From is the first day the span covers, and whether it has a start at all.
func (s Span) From() (Day, bool) { return s.Start.First(), !s.Start.IsZero() }

// Until is the first day the span no longer covers, and whether it has an
// end at all.
func (s Span) Until() (Day, bool) {
	if s.End.IsZero() {
		return 0, false
	}
	if s.End.Precision == PrecisionDay {
		return s.End.First(), true
	}
	return s.End.Last() + 1, true
}

// Covers reports whether the span is in force on day.
func (s Span) Covers(day Day) bool {
	if from, ok := s.From(); ok && day < from {
		return false
	}
	if until, ok := s.Until(); ok && day >= until {
		return false
	}
	return true
}

// Check returns an error when the span covers no day at all because it ends
// on or before it starts.
func (s Span) Check() error {
	from, okFrom := s.From()
	until, okUntil := s.Until()
	if okFrom && okUntil && until <= from {
		return says("ends (%s) on or before it starts (%s); the end is the first day after the last", s.End, s.Start)
	}
	return nil
}

// String formats the span as "START – END", with "…" for an open end.
func (s Span) String() string {
	a, b := s.Start.String(), s.End.String()
	if a == "" {
		a = "…"
	}
	if b == "" {
		b = "…"
	}
	return a + " – " + b
}

// Lives are the spans in which the actor exists: Life, then Later.
func (a Actor) Lives() []Span {
	return append([]Span{a.Life}, a.Later...)
}

// Exists reports whether the actor exists on day: in Life or a later span.
func (a Actor) Exists(day Day) bool {
	if a.Life.Covers(day) {
		return true
	}
	for _, s := range a.Later {
		if s.Covers(day) {
			return true
		}
	}
	return false
}

// LivesString writes an actor's spans as one CSV cell and the forms show
// them: "1918 – 1940; 1991 – …".
func LivesString(lives []Span) string {
	parts := make([]string, len(lives))
	for i, s := range lives {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// ParseLives reads spans written "1918–1940; 1991–" (a dash, an en dash or
// "..", with "…" or nothing for an open end), checking that each ends
// after it starts and that each starts after the one before ends. The
// empty string is one span open at both ends.
func ParseLives(text string) ([]Span, error) {
	var out []Span
	for _, part := range strings.Split(text, ";") {
		part = strings.TrimSpace(part)
		if part == "" && len(out) > 0 {
			continue
		}
		var a, b string
		switch {
		case strings.Contains(part, ".."):
			a, b, _ = strings.Cut(part, "..")
		case strings.Contains(part, "–"):
			a, b, _ = strings.Cut(part, "–")
		default:
			// "1918-1940": the dash that splits a year from a year; a
			// date's own dashes come in "YYYY-MM(-DD)".
			a, b = splitDash(part)
		}
		clean := func(s string) string { return strings.Trim(strings.TrimSpace(s), "…") }
		start, err := ParseDate(clean(a))
		if err != nil {
			return nil, fmt.Errorf("%q: %w", part, err)
		}
		end, err := ParseDate(clean(b))
		if err != nil {
			return nil, fmt.Errorf("%q: %w", part, err)
		}
		s := Span{Start: start, End: end}
		if err := s.Check(); err != nil {
			return nil, fmt.Errorf("%q %w", part, err)
		}
		out = append(out, s)
	}
	return out, checkLives(out)
}

// splitDash splits "START-END" at the dash between two dates, where
// START and END are YYYY, YYYY-MM or YYYY-MM-DD.
func splitDash(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			continue
		}
		if _, err := ParseDate(strings.TrimSpace(s[:i])); err != nil {
			continue
		}
		if _, err := ParseDate(strings.TrimSpace(strings.Trim(strings.TrimSpace(s[i+1:]), "…"))); err == nil {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// checkLives says where spans overlap or are out of order.
func checkLives(lives []Span) error {
	for i := 1; i < len(lives); i++ {
		prev, next := lives[i-1], lives[i]
		until, okU := prev.Until()
		from, okF := next.From()
		if !okU || !okF || from < until {
			return says("%s does not start after %s ends", next, prev)
		}
	}
	return nil
}

// TiesBeyond lists the ties of a, in m, in force on some day before a
// first exists or after it last does: a picture draws none of them on
// those days.
func (m *Map) TiesBeyond(a Actor) []Tie {
	first, bounded := Day(0), true
	last, ended := Day(0), true
	for i, s := range a.Lives() {
		f, ok := s.From()
		if !ok {
			bounded = false
		} else if i == 0 || f < first {
			first = f
		}
		u, ok := s.Until()
		if !ok {
			ended = false
		} else if u > last {
			last = u
		}
	}
	var out []Tie
	for _, t := range m.Ties {
		if t.From != a.ID && t.To != a.ID {
			continue
		}
		f, okF := t.Span.From()
		u, okU := t.Span.Until()
		if bounded && (!okF || f < first) || ended && (!okU || u > last) {
			out = append(out, t)
		}
	}
	return out
}
