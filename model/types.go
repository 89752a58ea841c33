package model

import (
	"math"
	"strconv"
	"strings"
)

// ID identifies an actor, tie, event or source within one map. Zero means
// "not stored yet" (or, in a reference, "none").
type ID = int64

// Source is where a fact comes from. Actors, ties and events cite sources
// by ID.
type Source struct {
	ID        ID     `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Date      Date   `json:"date,omitzero"`
	Quote     string `json:"quote,omitempty"`
	// Grade is how reliable the source is, A to F as in the Admiralty
	// system (see Grades); empty when not graded.
	Grade string `json:"grade,omitempty"`
}

// Citation names the source as a list of sources does: its title (else
// its URL), then its publisher and date in brackets, when it has them.
func (s Source) Citation() string {
	name := s.Title
	if name == "" {
		name = s.URL
	}
	var more []string
	if s.Publisher != "" {
		more = append(more, s.Publisher)
	}
	if !s.Date.IsZero() {
		more = append(more, s.Date.String())
	}
	if len(more) > 0 {
		name += " (" + strings.Join(more, ", ") + ")"
	}
	return name
}

// Actor is a country, official, embassy or other mission, organisation, or
// anything else of a user-defined kind.
type Actor struct {
	ID    ID     `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Short string `json:"short,omitempty"`
	// BelongsTo is the actor this one is part of: an embassy belongs to its
	// sending country, an official to a government. Zero for none.
	BelongsTo ID `json:"belongsTo,omitempty"`
	// LocatedIn is where the actor is: an embassy is located in its host
	// country. Zero for none.
	LocatedIn ID `json:"locatedIn,omitempty"`
	// Life is when the actor exists (an embassy opened and closed); open
	// ends mean always. Later are the further spans of an actor that
	// ceased to exist and came back (the Baltic states 1918–1940 and from
	// 1991): Life is then the first span, each of Later starts after the
	// one before ends, and the actor is absent in the gaps.
	Life    Span              `json:"life,omitzero"`
	Later   []Span            `json:"later,omitempty"`
	Attrs   map[string]string `json:"attrs,omitempty"`
	Notes   string            `json:"notes,omitempty"`
	Sources []ID              `json:"sources,omitempty"`
}

// Label is the name to draw: the short name when there is one.
func (a Actor) Label() string {
	if a.Short != "" {
		return a.Short
	}
	return a.Name
}

// Tie is a relationship between two actors over a span of time.
type Tie struct {
	ID       ID     `json:"id"`
	Kind     string `json:"kind"`
	From     ID     `json:"from"`
	To       ID     `json:"to"`
	Directed bool   `json:"directed,omitempty"`
	Span     Span   `json:"span,omitzero"`
	// Label is a status or short description ("severed", "ambassador").
	Label  string  `json:"label,omitempty"`
	Weight float64 `json:"weight,omitempty"`
	Notes  string  `json:"notes,omitempty"`
	// Attrs are free attributes ("treaty": "Vienna 1961"), as actors have.
	Attrs   map[string]string `json:"attrs,omitempty"`
	Sources []ID              `json:"sources,omitempty"`
}

// Participant is an actor's part in an event.
type Participant struct {
	Actor ID     `json:"actor"`
	Role  string `json:"role,omitempty"`
}

// Event is something that happened on a date and involved actors; it may
// begin or end ties.
type Event struct {
	ID           ID            `json:"id"`
	Date         Date          `json:"date"`
	Kind         string        `json:"kind"`
	Title        string        `json:"title"`
	Description  string        `json:"description,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Begins       []ID          `json:"begins,omitempty"`
	Ends         []ID          `json:"ends,omitempty"`
	Sources      []ID          `json:"sources,omitempty"`
}

// Point is a position in layout units.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Map is a whole relationship map: what a .relmap file holds.
type Map struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Author and Licence are whom the map's pictures credit and on what
	// terms they may be used ("CC BY 4.0"); DefaultSource is the source the
	// map rests on as a whole (0 for none).
	Author        string   `json:"author,omitempty"`
	Licence       string   `json:"licence,omitempty"`
	DefaultSource ID       `json:"source,omitempty"`
	Kinds         []Kind   `json:"kinds,omitempty"`
	Sources       []Source `json:"sources,omitempty"`
	Actors        []Actor  `json:"actors"`
	Ties          []Tie    `json:"ties"`
	Events        []Event  `json:"events,omitempty"`
	// Pins are positions the user fixed by dragging, by actor.
	Pins map[ID]Point `json:"pins,omitempty"`
}

// Info is the map's name, description and credits.
func (m *Map) Info() Info {
	return Info{Name: m.Name, Description: m.Description, Author: m.Author, Licence: m.Licence, Source: m.DefaultSource}
}

// SetInfo sets the map's name, description and credits.
func (m *Map) SetInfo(i Info) {
	m.Name, m.Description, m.Author, m.Licence, m.DefaultSource = i.Name, i.Description, i.Author, i.Licence, i.Source
}

// Credit is the line a picture of the map credits it with: its source,
// author and licence, as the map has them ("" for none).
func (m *Map) Credit() string {
	var parts []string
	if s, ok := m.Source(m.DefaultSource); ok && m.DefaultSource != 0 {
		name := s.Title
		if name == "" {
			name = s.URL
		}
		if s.Publisher != "" {
			name += " (" + s.Publisher + ")"
		}
		parts = append(parts, "Source: "+name)
	}
	if m.Author != "" {
		parts = append(parts, m.Author)
	}
	if m.Licence != "" {
		parts = append(parts, m.Licence)
	}
	return strings.Join(parts, "  ·  ")
}

// Actor returns the actor with id, if the map has it.
func (m *Map) Actor(id ID) (Actor, bool) {
	for _, a := range m.Actors {
		if a.ID == id {
			return a, true
		}
	}
	return Actor{}, false
}

// Tie returns the tie with id, if the map has it.
func (m *Map) Tie(id ID) (Tie, bool) {
	for _, t := range m.Ties {
		if t.ID == id {
			return t, true
		}
	}
	return Tie{}, false
}

// Source returns the source with id, if the map has it.
func (m *Map) Source(id ID) (Source, bool) {
	for _, s := range m.Sources {
		if s.ID == id {
			return s, true
		}
	}
	return Source{}, false
}

// ActorByName finds the one actor whose name or short name is name, ignoring
// case. It fails when none or several match.
func (m *Map) ActorByName(name string) (Actor, error) {
	var found []Actor
	for _, a := range m.Actors {
		if equalFold(a.Name, name) || (a.Short != "" && equalFold(a.Short, name)) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return Actor{}, fieldError("", "actor", says("no actor is named %s", quote(name)), ErrNotFound)
	case 1:
		return found[0], nil
	}
	return Actor{}, fieldError("", "actor", says("several actors are named %s", quote(name)), ErrConflict)
}

// TiesOf returns the ties that touch actor id, in map order.
func (m *Map) TiesOf(id ID) []Tie {
	var out []Tie
	for _, t := range m.Ties {
		if t.From == id || t.To == id {
			out = append(out, t)
		}
	}
	return out
}

// WeightText writes a tie's weight for a person to read: in full for
// everyday sizes (60, 0.25, 1234567), in exponent form beyond them
// (1e+308), so that an extreme weight is one short word, not 309 digits.
func WeightText(w float64) string {
	if a := math.Abs(w); a != 0 && (a >= 1e15 || a < 1e-4) {
		return strconv.FormatFloat(w, 'g', -1, 64)
	}
	return strconv.FormatFloat(w, 'f', -1, 64)
}
