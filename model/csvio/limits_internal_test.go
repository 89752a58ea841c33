package csvio

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"relmap/model"
)

// repeatReader is an endless stream of s, s, s, ...
type repeatReader struct {
	s   string
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.s[r.off]
		r.off = (r.off + 1) % len(r.s)
	}
	return len(p), nil
}

// sized returns a table of one column whose text is exactly n bytes.
func sized(n int) string {
	var b strings.Builder
	b.WriteString("Label\n")
	for i := 0; b.Len()+200 < n; i++ {
		row := fmt.Sprintf("actor %d ", i)
		b.WriteString(row + strings.Repeat("x", 99-len(row)) + "\n")
	}
	b.WriteString(strings.Repeat("y", n-b.Len()-1) + "\n")
	return b.String()
}

func TestReadSheetStopsAtTheLimits(t *testing.T) {
	t.Parallel()
	// The file's limit is above twice the row's, as in Read, so that a
	// long row meets the row's limit first.
	lim := limits{file: 4 << 20, record: 1 << 20}
	long := strings.Repeat("x", 1<<20)
	tests := []struct {
		name     string
		in       io.Reader
		want     string // the whole message; empty for none
		wantRows int
	}{
		{
			name: "when a stream has no line breaks (/dev/zero), should stop at the first row's limit",
			in:   &repeatReader{s: "\x00"},
			want: "actors.csv:1: a record longer than the 1 MiB limit of one row",
		},
		{
			name: "when a stream of short rows never ends, should stop at the file's limit",
			in:   io.MultiReader(strings.NewReader("Label\n"), &repeatReader{s: "an actor with a name of some length as long as a row may well be in a table of real actors\n"}),
			want: "actors.csv: larger than the 4 MiB limit of an input file",
		},
		{
			name:     "when a file is exactly at the file's limit, should read it",
			in:       strings.NewReader(sized(4 << 20)),
			wantRows: strings.Count(sized(4<<20), "\n") - 1,
		},
		{
			name: "when a file is one byte over the file's limit, should refuse it",
			in:   strings.NewReader(sized(4<<20 + 1)),
			want: "actors.csv: larger than the 4 MiB limit of an input file",
		},
		{
			name:     "when a row and its line break are exactly at the row's limit, should read it",
			in:       strings.NewReader("Label\nA\n" + long[1:] + "\nB\n"),
			wantRows: 3,
		},
		{
			name: "when a row is one byte over the row's limit, should name its line",
			in:   strings.NewReader("Label\nA\n" + long + "\nB\n"),
			want: "actors.csv:3: a record longer than the 1 MiB limit of one row",
		},
		{
			name: "when the last row is over the limit and has no line break, should name its line",
			in:   strings.NewReader("Label\nA\n" + long + "x"),
			want: "actors.csv:3: a record longer than the 1 MiB limit of one row",
		},
		{
			name: "when a quoted cell runs over many short lines past the row's limit, should name the row it starts",
			in:   io.MultiReader(strings.NewReader("Label,Notes\nA,x\nB,\""), &repeatReader{s: "a short line\n"}),
			want: "actors.csv:3: a record longer than the 1 MiB limit of one row",
		},
		{
			name: "when the header has no line break, should stop at the limit after a byte-order mark",
			in:   io.MultiReader(strings.NewReader(utf8BOM), &repeatReader{s: "Label,"}),
			want: "actors.csv:1: a record longer than the 1 MiB limit of one row",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sh, err := readSheet("actors.csv", tt.in, actorsLayout, lim)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				if got := len(sh.rows); got != tt.wantRows {
					t.Errorf("got %d rows, want %d", got, tt.wantRows)
				}
				return
			}
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
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

func TestReadHasTheDocumentedLimits(t *testing.T) {
	t.Parallel()
	if got, want := defaultLimits, (limits{file: 256 << 20, record: 1 << 20}); got != want {
		t.Errorf("Read's limits are %+v, want %+v as documented", got, want)
	}
}
