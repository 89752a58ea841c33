package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// The precisions of a Date, coarsest first. The zero Precision marks an
// unknown (open) date.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// Day is a calendar day counted from 1970-01-01 (day 0). Days order and
// subtract like integers, which is what timelines and intervals need.
type Day int32

// DayOf returns the Day of a calendar date; out-of-range months and days
// normalise as time.Date does.
func DayOf(year int, month time.Month, day int) Day {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Day(t.Unix() / 86400)
}

// Time returns midnight UTC at the start of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format("2006-01-02") }

// ParseDay parses a full YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	d, err := ParseDate(s)
	if err != nil {
		return 0, err
	}
	if d.Precision != PrecisionDay {
		return 0, fmt.Errorf("date %q: want a full date YYYY-MM-DD", s)
	}
	return d.First(), nil
}

// Date is a calendar date known to a Precision: "2024", "2023-12" or
// "2024-04-05". The zero Date is unknown, which on an interval means open.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
}

// ErrDate is wrapped by every error ParseDate returns.
var ErrDate = errors.New("invalid date")

// DateError is the error ParseDate returns: the text, and which of its
// parts is wrong, so that a window can say why in its own language.
type DateError struct {
	Text   string
	Reason DateReason
	// Of a day that does not exist (NoSuchDay): the year, the month and
	// the day as written.
	Year  int
	Month time.Month
	Day   string
}

// DateReason is why a text is no date.
type DateReason int

const (
	TooManyParts DateReason = iota + 1 // more than YYYY-MM-DD
	BadYear                            // not four digits, or year 0
	BadMonth                           // not 01 to 12
	NoSuchDay                          // not a day of the month
)

// Why says in English what is wrong: "February 2024 has no day 30".
func (e *DateError) Why() string {
	switch e.Reason {
	case TooManyParts:
		return "too many parts"
	case BadYear:
		return "the year must have four digits"
	case BadMonth:
		return "the month must be 01 to 12"
	}
	return fmt.Sprintf("%s %d has no day %s", e.Month, e.Year, e.Day)
}

func (e *DateError) Error() string {
	return fmt.Sprintf("%v %q: %s (use YYYY, YYYY-MM or YYYY-MM-DD)", ErrDate, e.Text, e.Why())
}

func (e *DateError) Unwrap() error { return ErrDate }

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD (surrounding spaces allowed).
// An empty string is the zero (open) Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	bad := func(why DateReason) (Date, error) {
		return Date{}, &DateError{Text: s, Reason: why}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return bad(TooManyParts)
	}
	num := func(p string, width int) (int, bool) {
		if len(p) != width {
			return 0, false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false // Atoi would accept a sign: "+123"
			}
		}
		n, err := strconv.Atoi(p)
		return n, err == nil
	}
	y, ok := num(parts[0], 4)
	if !ok || y < 1 {
		return bad(BadYear)
	}
	d := Date{Year: y, Precision: PrecisionYear}
	if len(parts) >= 2 {
		m, ok := num(parts[1], 2)
		if !ok || m < 1 || m > 12 {
			return bad(BadMonth)
		}
		d.Month, d.Precision = time.Month(m), PrecisionMonth
	}
	if len(parts) == 3 {
		day, ok := num(parts[2], 2)
		if !ok || day < 1 || day > daysIn(y, d.Month) {
			return Date{}, &DateError{Text: s, Reason: NoSuchDay, Year: y, Month: d.Month, Day: parts[2]}
		}
		d.Day, d.Precision = day, PrecisionDay
	}
	return d, nil
}

// MustDate is ParseDate for literals in code and tests; it panics on error.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic("model: " + err.Error())
	}
	return d
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String formats d at its precision; the zero Date is "".
func (d Date) String() string {
	if d.Precision >= PrecisionYear && d.Precision <= PrecisionDay && d.Year >= 0 && d.Year <= 9999 {
		// The common case without fmt: a table of 50,000 ties shows two
		// dates a row.
		b := make([]byte, 0, 10)
		b = appendDigits(b, d.Year, 4)
		if d.Precision != PrecisionYear {
			b = appendDigits(append(b, '-'), int(d.Month), 2)
		}
		if d.Precision == PrecisionDay {
			b = appendDigits(append(b, '-'), d.Day, 2)
		}
		return string(b)
	}
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return ""
}

// appendDigits appends n (0 or more) to b in at least width digits,
// zero-padded, as fmt's %0*d does.
func appendDigits(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// First is the first day d covers: 2023-12 covers from 2023-12-01.
func (d Date) First() Day {
	switch d.Precision {
	case PrecisionYear:
		return DayOf(d.Year, time.January, 1)
	case PrecisionMonth:
		return DayOf(d.Year, d.Month, 1)
	}
	return DayOf(d.Year, d.Month, d.Day)
}

// Last is the last day d covers: 2024-04 covers through 2024-04-30.
func (d Date) Last() Day {
	switch d.Precision {
	case PrecisionYear:
		return DayOf(d.Year, time.December, 31)
	case PrecisionMonth:
		return DayOf(d.Year, d.Month, daysIn(d.Year, d.Month))
	}
	return d.First()
}

// DateOfDay returns the day-precision Date of day.
func DateOfDay(day Day) Date {
	t := day.Time()
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: PrecisionDay}
}

// MarshalText writes d as ParseDate reads it.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads d with ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
