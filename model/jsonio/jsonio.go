package jsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"relmap/model"
)

// Decode reads one map from r and validates it (model.Map.Validate: a pin
// must be a valid position, model.Point.Check). Unknown fields are errors,
// so that a misspelt key is reported rather than silently dropped. Errors
// name the byte offset (syntax) or the record and field (rules). It
// refuses a stream of more than MaxSize bytes.
func Decode(r io.Reader) (*model.Map, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read map json: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m model.Map
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("map json: %w", describe(data, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("map json: %w: more than one value", model.ErrInvalid)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("map json: %w", err)
	}
	return &m, nil
}

// describe adds the line and column to JSON syntax and type errors.
func describe(data []byte, err error) error {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("%w: %v", model.ErrInvalid, err)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Errorf("%w: line %d, column %d: %v", model.ErrInvalid, line, col, err)
}

// Encode writes m as indented JSON. It leaves out pins that are not valid
// positions (model.Point.Check), which the layout ignores too, so that
// what it writes Decode reads back.
func Encode(w io.Writer, m *model.Map) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m.WithoutInvalidPins()); err != nil {
		return fmt.Errorf("write map json: %w", err)
	}
	return nil
}

// At is what `relmap export --at` writes: the map's name, the date, and
// the snapshot's actors, ties and events.
type At struct {
	Name   string        `json:"name"`
	At     string        `json:"at"`
	Actors []model.Actor `json:"actors"`
	Ties   []model.Tie   `json:"ties"`
	Events []model.Event `json:"events"`
}

// EncodeAt writes what is in force in m on day.
func EncodeAt(w io.Writer, m *model.Map, day model.Day) error {
	s := m.Snapshot(day)
	out := At{Name: m.Name, At: day.String(), Actors: s.Actors, Ties: s.Ties, Events: s.Events}
	if out.Actors == nil {
		out.Actors = []model.Actor{}
	}
	if out.Ties == nil {
		out.Ties = []model.Tie{}
	}
	if out.Events == nil {
		out.Events = []model.Event{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write snapshot json: %w", err)
	}
	return nil
}
