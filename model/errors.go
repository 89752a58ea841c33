package model

import (
	"errors"
	"fmt"
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
	// Said is the message Msg was written from, when it was one: a
	// window says it in its user's language (see Message).
	Said *Message
	Err  error // ErrInvalid, ErrNotFound, ...
}

// fieldError is a FieldError that says said.
func fieldError(rec, field string, said *Message, err error) *FieldError {
	return &FieldError{Record: rec, Field: field, Msg: said.Error(), Said: said, Err: err}
}

// Message is a message of the model's rules, kept as the pattern and the
// values fmt.Sprintf writes it from, so that a window can say it in its
// user's language: Format is the key of its translation, and an Arg that
// is a *Message, or an error that wraps one, is said in that language
// too. Err, when not nil, is the error it says, which errors.Is and
// errors.As find through it (a store's ErrNotRelmap, say).
type Message struct {
	Format string
	Args   []any
	Err    error
}

// says is the Message written from format and args.
func says(format string, args ...any) *Message { return &Message{Format: format, Args: args} }

func (m *Message) Error() string { return fmt.Sprintf(m.Format, m.Args...) }

func (m *Message) Unwrap() error { return m.Err }

// said is err as a Message: the one it is or wraps, else one that says
// err's text as it is.
func said(err error) *Message {
	var m *Message
	if errors.As(err, &m) {
		return m
	}
	return says("%s", err.Error())
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
