package model_test

import (
	"errors"
	"testing"

	"relmap/model"
)

// FuzzParseDate checks that ParseDate never panics, that every error it
// gives wraps ErrDate, and that every date it accepts prints back to a
// string that parses to the same date, whose day range is in order.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"", "2024", "2023-12", "2024-04-05", " 2024-02-29 ", "2023-02-29",
		"0000", "9999-12-31", "2024-13-40", "yesterday", "+123-01", "2024--01", "2024-1-1", "٢٠٢٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := model.ParseDate(s)
		if err != nil {
			if !errors.Is(err, model.ErrDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrDate", s, err)
			}
			return
		}
		back, err := model.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %+v, which prints %q and parses back to %+v, %v", s, d, d.String(), back, err)
		}
		if !d.IsZero() && d.First() > d.Last() {
			t.Fatalf("ParseDate(%q) = %+v: first day %s after last %s", s, d, d.First(), d.Last())
		}
	})
}
