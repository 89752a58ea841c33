package model

import "fmt"

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
		return fmt.Errorf("ends (%s) on or before it starts (%s)", s.End, s.Start)
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
