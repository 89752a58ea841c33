package jsonio

import (
	"errors"
	"io"
	"strings"
	"testing"

	"relmap/model"
)

// spaces is an endless stream of spaces, which JSON allows between values.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// These tests lower maxSize, so they do not run in parallel: parallel
// tests start only once every test that is not has ended.
func TestDecodeStopsAtTheLimit(t *testing.T) {
	defer func(old int64) { maxSize = old }(maxSize)
	maxSize = 1 << 20
	const small = `{"name":"x","actors":[],"ties":[]}`
	tests := []struct {
		name string
		in   io.Reader
		want string // the whole message; empty for none
	}{
		{"when the stream never ends, should stop at the limit", io.MultiReader(strings.NewReader(small), spaces{}),
			"read map json: larger than the 1 MiB limit of an input file"},
		{"when the stream is one byte over the limit, should refuse it", strings.NewReader(small + strings.Repeat(" ", 1<<20-len(small)+1)),
			"read map json: larger than the 1 MiB limit of an input file"},
		{"when the stream is exactly at the limit, should decode it", strings.NewReader(small + strings.Repeat(" ", 1<<20-len(small))), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.in)
			if tt.want == "" {
				if err != nil || m == nil {
					t.Fatalf("got map %v, error %v; want a map", m, err)
				}
				return
			}
			if err == nil || m != nil {
				t.Fatalf("got map %v, error %v; want %q", m, err, tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("errors.Is(%v, model.ErrInvalid) = false", err)
			}
		})
	}
}
