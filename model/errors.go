package model

import (
	"errors"
	"strconv"
	"strings"
)

// Errors that callers tell apart with errors.Is.
var (
	// ErrNotFound: the thing asked for, or referred to, does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the change clashes with what is stored.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input breaks a rule of the model.
	ErrInvalid = errors.New("invalid")
)

// FieldError says which field of which record is wrong, and why. Forms show
// Msg beside the field; importers prefix the file and line.
type FieldError struct {
	Record string // "tie 12", "actor \"Mexico\""; may be empty
	Field  string // "from", "end", ...
	Msg    string
	Err    error // ErrInvalid, ErrNotFound, ...
}

func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Record != "" {
		b.WriteString(e.Record)
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *FieldError) Unwrap() error {
	if e.Err == nil {
		return ErrInvalid
	}
	return e.Err
}

func quote(s string) string { return strconv.Quote(s) }

func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
