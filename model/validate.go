package model

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// lookup finds the records a record refers to: a *Map by scanning it, an
// *Index in O(1).
type lookup interface {
	Actor(ID) (Actor, bool)
	Tie(ID) (Tie, bool)
	Source(ID) (Source, bool)
}

// CheckActor returns the first rule a (to be stored in m) breaks, as a
// *FieldError naming the field.
func (m *Map) CheckActor(a Actor) error { return checkActor(m, a) }

// CheckTie returns the first rule t (to be stored in m) breaks, as a
// *FieldError naming the field.
func (m *Map) CheckTie(t Tie) error { return checkTie(m, t) }

// CheckEvent returns the first rule e (to be stored in m) breaks.
func (m *Map) CheckEvent(e Event) error { return checkEvent(m, e) }

func checkActor(m lookup, a Actor) error {
	rec := "actor"
	if a.Name != "" {
		rec = "actor " + quote(a.Name)
	}
	fail := func(field string, msg *Message, err error) error {
		return fieldError(rec, field, msg, err)
	}
	if strings.TrimSpace(a.Name) == "" {
		return fail("name", says("a name is required"), ErrInvalid)
	}
	if strings.TrimSpace(a.Kind) == "" {
		return fail("kind", says("a kind is required"), ErrInvalid)
	}
	for _, ref := range []struct {
		field string
		id    ID
	}{{"belongs to", a.BelongsTo}, {"located in", a.LocatedIn}} {
		if ref.id == 0 {
			continue
		}
		if ref.id == a.ID {
			return fail(ref.field, says("an actor cannot refer to itself"), ErrInvalid)
		}
		if _, ok := m.Actor(ref.id); !ok {
			return fail(ref.field, says("no actor has id %d", ref.id), ErrNotFound)
		}
	}
	if err := a.Life.Check(); err != nil {
		return fail("end", said(err), ErrInvalid)
	}
	for _, s := range a.Later {
		if err := s.Check(); err != nil {
			return fail("later", says("%s %s", s, said(err)), ErrInvalid)
		}
	}
	if err := checkLives(a.Lives()); err != nil {
		return fail("later", said(err), ErrInvalid)
	}
	return checkSources(m, rec, a.Sources)
}

func checkTie(m lookup, t Tie) error {
	rec := "tie"
	if t.ID != 0 {
		rec = fmt.Sprintf("tie %d", t.ID)
	}
	fail := func(field string, msg *Message, err error) error {
		return fieldError(rec, field, msg, err)
	}
	if strings.TrimSpace(t.Kind) == "" {
		return fail("kind", says("a kind is required"), ErrInvalid)
	}
	for _, end := range []struct {
		field string
		id    ID
	}{{"from", t.From}, {"to", t.To}} {
		if end.id == 0 {
			return fail(end.field, says("an actor is required"), ErrInvalid)
		}
		if _, ok := m.Actor(end.id); !ok {
			return fail(end.field, says("no actor has id %d", end.id), ErrNotFound)
		}
	}
	if t.From == t.To {
		return fail("to", says("a tie must join two different actors"), ErrInvalid)
	}
	if err := t.Span.Check(); err != nil {
		return fail("end", said(err), ErrInvalid)
	}
	if t.Weight < 0 {
		return fail("weight", says("the weight cannot be negative"), ErrInvalid)
	}
	if math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) {
		return fail("weight", says("the weight must be a finite number"), ErrInvalid)
	}
	return checkSources(m, rec, t.Sources)
}

func checkEvent(m lookup, e Event) error {
	rec := "event"
	if e.Title != "" {
		rec = "event " + quote(e.Title)
	}
	fail := func(field string, msg *Message, err error) error {
		return fieldError(rec, field, msg, err)
	}
	if e.Date.IsZero() {
		return fail("date", says("a date is required"), ErrInvalid)
	}
	if strings.TrimSpace(e.Title) == "" {
		return fail("title", says("a title is required"), ErrInvalid)
	}
	if strings.TrimSpace(e.Kind) == "" {
		return fail("kind", says("a kind is required"), ErrInvalid)
	}
	for _, p := range e.Participants {
		if _, ok := m.Actor(p.Actor); !ok {
			return fail("participants", says("no actor has id %d", p.Actor), ErrNotFound)
		}
	}
	for _, ids := range []struct {
		field string
		ids   []ID
	}{{"begins", e.Begins}, {"ends", e.Ends}} {
		for _, id := range ids.ids {
			if _, ok := m.Tie(id); !ok {
				return fail(ids.field, says("no tie has id %d", id), ErrNotFound)
			}
		}
	}
	return checkSources(m, rec, e.Sources)
}

func checkSources(m lookup, rec string, ids []ID) error {
	for _, id := range ids {
		if _, ok := m.Source(id); !ok {
			return fieldError(rec, "sources", says("no source has id %d", id), ErrNotFound)
		}
	}
	return nil
}

// Validate checks the whole map: unique ids, every kind's and record's
// rules, every pin (CheckPin). It returns the first problem found.
func (m *Map) Validate() error {
	if err := m.uniqueIDs(false); err != nil {
		return err
	}
	for _, k := range m.Kinds {
		if err := k.Check(); err != nil {
			return err
		}
	}
	for _, s := range m.Sources {
		if err := s.Check(); err != nil {
			return err
		}
	}
	x := NewIndex(m)
	if _, ok := x.Source(m.DefaultSource); m.DefaultSource != 0 && !ok {
		return fieldError("map", "source", says("no source has id %d", m.DefaultSource), ErrNotFound)
	}
	for _, a := range m.Actors {
		if err := x.CheckActor(a); err != nil {
			return err
		}
	}
	for _, t := range m.Ties {
		if err := x.CheckTie(t); err != nil {
			return err
		}
	}
	for _, e := range m.Events {
		if err := x.CheckEvent(e); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Pins)) {
		if err := x.CheckPin(id, m.Pins[id]); err != nil {
			return err
		}
	}
	return nil
}

// uniqueIDs checks the IDs of each of m's tables (see the function).
func (m *Map) uniqueIDs(zeroOK bool) error {
	if err := uniqueIDs("source", len(m.Sources), func(i int) ID { return m.Sources[i].ID }, zeroOK); err != nil {
		return err
	}
	if err := uniqueIDs("actor", len(m.Actors), func(i int) ID { return m.Actors[i].ID }, zeroOK); err != nil {
		return err
	}
	if err := uniqueIDs("tie", len(m.Ties), func(i int) ID { return m.Ties[i].ID }, zeroOK); err != nil {
		return err
	}
	return uniqueIDs("event", len(m.Events), func(i int) ID { return m.Events[i].ID }, zeroOK)
}

// uniqueIDs checks that the n IDs of a table are positive and that no two
// are the same; with zeroOK, zero IDs (records nothing can refer to, as
// in a map to merge) may be there, any number of them.
func uniqueIDs(what string, n int, id func(int) ID, zeroOK bool) error {
	seen := make(map[ID]bool, n)
	for i := 0; i < n; i++ {
		v := id(i)
		switch {
		case v == 0 && zeroOK:
			continue
		case v < 0 && zeroOK:
			return fieldError(fmt.Sprintf("%s %d", what, v), "id", says("ids cannot be negative"), ErrInvalid)
		case v <= 0:
			return fieldError(fmt.Sprintf("%s #%d", what, i+1), "id", says("ids must be positive"), ErrInvalid)
		}
		if seen[v] {
			return fieldError(fmt.Sprintf("%s %d", what, v), "id", says("the id is used twice"), ErrConflict)
		}
		seen[v] = true
	}
	return nil
}

// Check returns the rule the source breaks: it needs a title or a URL,
// and its grade, if any, is one of Grades.
func (s Source) Check() error {
	rec := "source"
	if s.ID != 0 {
		rec = fmt.Sprintf("source %d", s.ID)
	}
	if strings.TrimSpace(s.Title) == "" && strings.TrimSpace(s.URL) == "" {
		return fieldError(rec, "title", says("a title or URL is required"), ErrInvalid)
	}
	if s.Grade != "" && !slices.ContainsFunc(Grades, func(g Grade) bool { return g.Letter == s.Grade }) {
		return fieldError(rec, "grade", says("the grade must be a letter from A to F, not %q", s.Grade), ErrInvalid)
	}
	return nil
}

// Grade is a reliability grade of a source.
type Grade struct {
	Letter, Meaning string
}

// Grades are the grades of a source's reliability, as in the Admiralty
// system of intelligence practice (NATO STANAG 2511).
var Grades = []Grade{
	{"A", "Completely reliable"},
	{"B", "Usually reliable"},
	{"C", "Fairly reliable"},
	{"D", "Not usually reliable"},
	{"E", "Unreliable"},
	{"F", "Reliability cannot be judged"},
}

// Check returns the rule the kind breaks: a class of actor, tie or
// event, and a name.
func (k Kind) Check() error {
	rec := "kind " + quote(k.Name)
	switch k.Class {
	case ClassActor, ClassTie, ClassEvent:
	default:
		return fieldError(rec, "class", says("the class must be actor, tie or event, not %q", k.Class), ErrInvalid)
	}
	if strings.TrimSpace(k.Name) == "" {
		return fieldError(rec, "name", says("a name is required"), ErrInvalid)
	}
	if _, ok := labOf(k.Color); k.Color != "" && (!ok || !strings.HasPrefix(k.Color, "#")) {
		return fieldError(rec, "color", says("a colour is written #rrggbb, not %q", k.Color), ErrInvalid)
	}
	if k.Shape != "" && !slices.Contains(Shapes, k.Shape) {
		return fieldError(rec, "shape", says("the shape must be one of %s, not %q", strings.Join(Shapes, ", "), k.Shape), ErrInvalid)
	}
	return nil
}
