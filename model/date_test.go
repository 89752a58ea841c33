package model_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"relmap/model"
)

func TestParseDateGood(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want model.Date
	}{
		{"year", "2024", model.Date{Year: 2024, Precision: model.PrecisionYear}},
		{"month", "2024-04", model.Date{Year: 2024, Month: time.April, Precision: model.PrecisionMonth}},
		{"day", "2024-04-05", model.Date{Year: 2024, Month: time.April, Day: 5, Precision: model.PrecisionDay}},
		{"surrounding spaces", " 2024-04-05 ", model.Date{Year: 2024, Month: time.April, Day: 5, Precision: model.PrecisionDay}},
		{"leap day", "2024-02-29", model.Date{Year: 2024, Month: time.February, Day: 29, Precision: model.PrecisionDay}},
		{"empty is open", "", model.Date{}},
		{"blank is open", "   ", model.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := model.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateBad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantMsg string
	}{
		{"month 13", "2024-13", "the month must be 01 to 12"},
		{"february 30", "2024-02-30", "February 2024 has no day 30"},
		{"february 29 in a common year", "2023-02-29", "February 2023 has no day 29"},
		{"two-digit year", "24-01-01", "the year must have four digits"},
		{"slashes", "2024/04/05", "the year must have four digits"},
		{"letters", "abcd", "the year must have four digits"},
		{"too many parts", "2024-04-05-01", "too many parts"},
		{"one-digit month", "2024-4", "the month must be 01 to 12"},
		{"month zero", "2024-00", "the month must be 01 to 12"},
		{"day zero", "2024-04-00", "April 2024 has no day 00"},
		{"year zero", "0000", "the year must have four digits"},
		{"signed year", "+123", "the year must have four digits"},
		{"signed month", "2024-+4", "the month must be 01 to 12"},
		{"signed day", "2024-04-+5", "April 2024 has no day +5"},
		{"trailing dash", "2024-", "the month must be 01 to 12"},
		{"time suffix", "2024-04-05T00", "April 2024 has no day 05T00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := model.ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			if !errors.Is(err, model.ErrDate) {
				t.Errorf("ParseDate(%q) error %v does not wrap ErrDate", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("ParseDate(%q) error = %q, want it to contain %q", tt.in, err, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Errorf("ParseDate(%q) error = %q, want it to show the accepted forms", tt.in, err)
			}
		})
	}
}

func TestParseDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"full date", "2024-04-05", "2024-04-05", false},
		{"month only", "2024-04", "", true},
		{"year only", "2024", "", true},
		{"invalid", "2024-02-30", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := model.ParseDay(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseDay(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("ParseDay(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestDatePrecisionAndString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		wantPrec model.Precision
		wantStr  string
	}{
		{"open", "", model.PrecisionNone, ""},
		{"year", "2024", model.PrecisionYear, "2024"},
		{"month", "2023-12", model.PrecisionMonth, "2023-12"},
		{"day", "2024-04-05", model.PrecisionDay, "2024-04-05"},
		{"early year", "0999", model.PrecisionYear, "0999"},
		{"year one", "0001-02-03", model.PrecisionDay, "0001-02-03"},
		{"last year written in four digits", "9999-12-31", model.PrecisionDay, "9999-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := model.MustDate(tt.in)
			if d.Precision != tt.wantPrec {
				t.Errorf("precision of %q: got %d, want %d", tt.in, d.Precision, tt.wantPrec)
			}
			if got := d.String(); got != tt.wantStr {
				t.Errorf("String of %q: got %q, want %q", tt.in, got, tt.wantStr)
			}
			if got, want := d.IsZero(), tt.wantPrec == model.PrecisionNone; got != want {
				t.Errorf("IsZero of %q: got %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestDateFirstLast(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		wantFirst string
		wantLast  string
	}{
		{"december", "2023-12", "2023-12-01", "2023-12-31"},
		{"april", "2024-04", "2024-04-01", "2024-04-30"},
		{"leap february", "2024-02", "2024-02-01", "2024-02-29"},
		{"common february", "2023-02", "2023-02-01", "2023-02-28"},
		{"year", "2024", "2024-01-01", "2024-12-31"},
		{"day", "2024-04-05", "2024-04-05", "2024-04-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := model.MustDate(tt.in)
			if got := d.First().String(); got != tt.wantFirst {
				t.Errorf("First of %s: got %s, want %s", tt.in, got, tt.wantFirst)
			}
			if got := d.Last().String(); got != tt.wantLast {
				t.Errorf("Last of %s: got %s, want %s", tt.in, got, tt.wantLast)
			}
		})
	}
}

func TestDayRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		{"epoch", "1970-01-01"},
		{"before epoch", "1969-12-31"},
		{"leap day", "2024-02-29"},
		{"raid", "2024-04-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			day := model.MustDate(tt.in).First()
			if got := day.String(); got != tt.in {
				t.Errorf("Day of %s prints %s", tt.in, got)
			}
			if got := model.DateOfDay(day); got != model.MustDate(tt.in) {
				t.Errorf("DateOfDay(%s) = %+v, want %+v", tt.in, got, model.MustDate(tt.in))
			}
		})
	}
	if got := model.DayOf(1970, time.January, 1); got != 0 {
		t.Errorf("DayOf(1970-01-01) = %d, want 0", got)
	}
}

func span(start, end string) model.Span {
	return model.Span{Start: model.MustDate(start), End: model.MustDate(end)}
}

func TestSpanCovers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		span model.Span
		day  string
		want bool
	}{
		{"day end is exclusive", span("", "2024-04-06"), "2024-04-06", false},
		{"day before day end", span("", "2024-04-06"), "2024-04-05", true},
		{"day start is inclusive", span("2024-04-06", ""), "2024-04-06", true},
		{"before day start", span("2024-04-06", ""), "2024-04-05", false},
		{"month start covers its first day", span("2023-12", "2024-04-05"), "2023-12-01", true},
		{"before month start", span("2023-12", "2024-04-05"), "2023-11-30", false},
		{"month end covers its last day", span("2024-04-05", "2024-04"), "2024-04-30", true},
		{"after month end", span("2024-04-05", "2024-04"), "2024-05-01", false},
		{"year end covers 31 December", span("1973-09", "1974"), "1974-12-31", true},
		{"after year end", span("1973-09", "1974"), "1975-01-01", false},
		{"open both ends, long ago", span("", ""), "1830-01-01", true},
		{"open both ends, far ahead", span("", ""), "2999-12-31", true},
		{"open start", span("", "2024-04-07"), "1900-01-01", true},
		{"open end", span("2023-11-23", ""), "2100-01-01", true},
		{"one-day span", span("2024-04-05", "2024-04-06"), "2024-04-05", true},
		{"one-day span, next day", span("2024-04-05", "2024-04-06"), "2024-04-06", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			day := model.MustDate(tt.day).First()
			if got := tt.span.Covers(day); got != tt.want {
				t.Errorf("(%s).Covers(%s) = %v, want %v", tt.span, tt.day, got, tt.want)
			}
		})
	}
}

func TestSpanCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		span    model.Span
		wantErr bool
	}{
		{"open", span("", ""), false},
		{"open start", span("", "2024-04-06"), false},
		{"open end", span("2024-04-06", ""), false},
		{"ordinary", span("2023-12", "2024-04-05"), false},
		{"one day", span("2024-04-05", "2024-04-06"), false},
		{"same day", span("2024-04-05", "2024-04-05"), true},
		{"backwards", span("2024-04-06", "2024-04-05"), true},
		{"same month", span("2024-04", "2024-04"), false},
		{"day start inside month end", span("2024-04-05", "2024-04"), false},
		{"month end before day start", span("2024-05-01", "2024-04"), true},
		{"end on first day of month start", span("2024-04", "2024-04-01"), true},
		{"end on second day of month start", span("2024-04", "2024-04-02"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.span.Check()
			if (err != nil) != tt.wantErr {
				t.Errorf("(%s).Check() = %v, want error %v", tt.span, err, tt.wantErr)
			}
		})
	}
}

func TestSpanString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		span model.Span
		want string
	}{
		{"open", span("", ""), "… – …"},
		{"closed", span("2023-12", "2024-04-05"), "2023-12 – 2024-04-05"},
		{"open end", span("2024", ""), "2024 – …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.span.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKeyframeAt(t *testing.T) {
	t.Parallel()
	keys := []model.Day{10, 20, 30}
	tests := []struct {
		name string
		keys []model.Day
		day  model.Day
		want int
	}{
		{"before the first", keys, 5, -1},
		{"on the first", keys, 10, 0},
		{"between", keys, 15, 0},
		{"on a middle one", keys, 20, 1},
		{"on the last", keys, 30, 2},
		{"after the last", keys, 99, 2},
		{"no keyframes", nil, 10, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := model.KeyframeAt(tt.keys, tt.day); got != tt.want {
				t.Errorf("KeyframeAt(%v, %d) = %d, want %d", tt.keys, tt.day, got, tt.want)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		{"year", "2024"},
		{"month", "2023-12"},
		{"day", "2024-04-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := model.MustDate(tt.in)
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), `"`+tt.in+`"`; got != want {
				t.Errorf("marshal %s: got %s, want %s", tt.in, got, want)
			}
			var back model.Date
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if back != d {
				t.Errorf("round trip of %s: got %+v, want %+v", tt.in, back, d)
			}
		})
	}

	t.Run("bad date is an error", func(t *testing.T) {
		t.Parallel()
		var d model.Date
		err := json.Unmarshal([]byte(`"2024-02-30"`), &d)
		if !errors.Is(err, model.ErrDate) {
			t.Errorf("got %v, want an error wrapping ErrDate", err)
		}
	})

	t.Run("span omits open ends", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			span model.Span
			want string
		}{
			{span("", ""), `{}`},
			{span("2024-04-06", ""), `{"start":"2024-04-06"}`},
			{span("", "2024-04-06"), `{"end":"2024-04-06"}`},
			{span("2023-12", "2024-04-05"), `{"start":"2023-12","end":"2024-04-05"}`},
		}
		for _, tt := range tests {
			b, err := json.Marshal(tt.span)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("marshal %s: got %s, want %s", tt.span, b, tt.want)
			}
			var back model.Span
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if back != tt.span {
				t.Errorf("round trip of %s: got %+v", tt.span, back)
			}
		}
	})
}

// A date is written as fmt writes it, zero-padded, whatever its year, but
// for an unknown precision, written as nothing.
func TestDateStringPadsAsFmt(t *testing.T) {
	t.Parallel()
	for _, year := range []int{-44, 0, 7, 42, 999, 1816, 2024, 9999, 10000, 123456} {
		for _, p := range []model.Precision{model.PrecisionYear, model.PrecisionMonth, model.PrecisionDay} {
			d := model.Date{Year: year, Month: time.March, Day: 9, Precision: p}
			want := fmt.Sprintf("%04d", year)
			if p >= model.PrecisionMonth {
				want += "-03"
			}
			if p == model.PrecisionDay {
				want += "-09"
			}
			if got := d.String(); got != want {
				t.Errorf("%d at precision %d: got %q, want %q", year, p, got, want)
			}
		}
	}
	if got := (model.Date{Year: 2024, Month: 1, Day: 1, Precision: 9}).String(); got != "" {
		t.Errorf("a date of an unknown precision is written %q", got)
	}
}
