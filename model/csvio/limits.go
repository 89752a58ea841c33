package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// Limits on one table, so that a file that is no table (a disk image,
// /dev/zero) fails at once rather than filling the memory. Real tables are
// far smaller: the largest known is a few megabytes, and a map of 100,000
// actors is about 60 MB as JSON.
const (
	// MaxFileSize is the most bytes Read takes from one table.
	MaxFileSize = 256 << 20
	// MaxRecordSize is the most bytes of one row, line breaks in quoted
	// cells included.
	MaxRecordSize = 1 << 20
)

// limits are the sizes a tableReader allows; tests make them small.
type limits struct {
	file, record int64
}

var defaultLimits = limits{file: MaxFileSize, record: MaxRecordSize}

// The errors of tableReader, which readSheet turns into an *Error.
var (
	errEmpty         = errors.New("the file is empty")
	errFileTooLarge  = errors.New("the file passes its size limit")
	errRecordTooLong = errors.New("a record passes its size limit")
)

// utf8BOM is the byte-order mark some spreadsheets write first.
const utf8BOM = "\ufeff"

// tableReader reads the records of one CSV file as a stream, and fails
// with errFileTooLarge or errRecordTooLong at a limit, so that it never
// holds more than one record's limit of the file.
type tableReader struct {
	cr    *csv.Reader
	rl    *recordLimiter
	bom   int64 // the length of the byte-order mark before the records
	start int64 // where the record being read starts, after the BOM
	max   int64 // the most bytes of one record
}

// newTableReader starts reading r: it skips a byte-order mark and guesses
// the separator from the header row. It fails with errEmpty when r holds
// nothing but white space.
func newTableReader(r io.Reader, lim limits) (*tableReader, error) {
	rl := &recordLimiter{r: newSizeLimiter(r, lim.file), max: lim.record, ahead: lim.record}
	br := bufio.NewReaderSize(rl, int(lim.record))
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF {
		return nil, err
	}
	atEOF := err == io.EOF
	t := &tableReader{rl: rl, max: lim.record}
	if bytes.HasPrefix(head, []byte(utf8BOM)) {
		head, t.bom = head[len(utf8BOM):], int64(len(utf8BOM))
	}
	if atEOF && len(bytes.TrimSpace(head)) == 0 {
		return nil, errEmpty
	}
	comma := sniffComma(head)
	br.Discard(int(t.bom))
	t.cr = csv.NewReader(br) // reads br itself, which buffers at most ahead bytes
	t.cr.Comma = comma
	t.cr.FieldsPerRecord = -1
	return t, nil
}

// read returns the next record, or io.EOF after the last.
// line is the line of the file the record last read starts on: a quoted
// cell may hold line breaks, so records and lines are not one to one.
func (t *tableReader) line() int {
	line, _ := t.cr.FieldPos(0)
	return line
}

func (t *tableReader) read() ([]string, error) {
	rec, err := t.cr.Read()
	if err == nil && t.cr.InputOffset()-t.start > t.max {
		err = errRecordTooLong
	}
	if err != nil {
		return nil, err
	}
	t.start = t.cr.InputOffset()
	t.rl.start = t.bom + t.start
	return rec, nil
}

// sizeLimiter reads r, and fails with errFileTooLarge once it has read
// more than a limit.
type sizeLimiter struct {
	r    io.Reader
	left int64 // bytes still allowed, plus one
}

func newSizeLimiter(r io.Reader, max int64) *sizeLimiter {
	return &sizeLimiter{r: r, left: max + 1}
}

func (l *sizeLimiter) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errFileTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left <= 0 {
		return n, errFileTooLarge
	}
	return n, err
}

// recordLimiter reads r, and fails with errRecordTooLong once it has read
// more than max+ahead bytes past the start of the current record, so that
// a reader above it that buffers at most ahead bytes never holds more than
// max bytes of one record. Its user moves start as records end.
type recordLimiter struct {
	r          io.Reader
	max, ahead int64
	read       int64 // bytes read so far
	start      int64 // where the current record starts
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	// One byte more than the limit lets a record of exactly max bytes at
	// the end of the file see the end.
	left := l.start + l.max + l.ahead + 1 - l.read
	if left <= 0 {
		return 0, errRecordTooLong
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// mib writes a limit in mebibytes, as the errors show it.
func mib(n int64) string {
	return fmt.Sprintf("%d MiB", n>>20)
}
