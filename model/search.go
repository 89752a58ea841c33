package model

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is s as a search compares it: lower case, without accents and
// surrounding spaces ("  López " → "lopez").
func Fold(s string) string {
	s = strings.TrimSpace(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s) // nothing to take apart
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.TrimSpace(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Match is an actor a search found, and the field and text it was found
// in.
type Match struct {
	Actor Actor
	Field string // "name", "short name", an attribute's key, or "notes"
	Text  string
}

// Search finds the actors whose name, short name, attribute values or
// notes contain query, case and accents aside ("lopez" finds "López
// Obrador"), and, for a query without spaces, the spaces of the text
// aside too ("actor06204" finds "Actor 06204"). Matches in names come first, then short names, attributes
// and notes; within each, actors whose name begins with the query first,
// then by name. An empty query finds nothing. To search one map again and
// again (as a find field does, keystroke by keystroke), use a Searcher.
func (m *Map) Search(query string) []Match { return NewSearcher(m).Search(query) }

// Searcher searches one map many times: it folds every actor's fields once.
type Searcher struct {
	actors []searchable
}

type searchable struct {
	actor  Actor
	name   string // folded
	fields []searchField
}

type searchField struct {
	field, text, folded string
	joined              string // folded, without its spaces
}

// NewSearcher prepares m's actors for searching. It sees m as it is now.
func NewSearcher(m *Map) *Searcher {
	s := &Searcher{actors: make([]searchable, len(m.Actors))}
	for i, a := range m.Actors {
		fields := []searchField{{field: "name", text: a.Name}, {field: "short name", text: a.Short}}
		for _, k := range slices.Sorted(maps.Keys(a.Attrs)) {
			fields = append(fields, searchField{field: k, text: a.Attrs[k]})
		}
		fields = append(fields, searchField{field: "notes", text: a.Notes})
		for f := range fields {
			fields[f].folded = Fold(fields[f].text)
			fields[f].joined = strings.ReplaceAll(fields[f].folded, " ", "")
		}
		s.actors[i] = searchable{actor: a, name: fields[0].folded, fields: fields}
	}
	return s
}

// Search is Map.Search on the searcher's map.
func (s *Searcher) Search(query string) []Match {
	q := Fold(query)
	if q == "" {
		return nil
	}
	// What each match needs for ordering, small so that sorting is quick:
	// the actor's place, the field it matched in, and its rank.
	type found struct {
		actor, field int32
		rank         int8
		prefix       bool
	}
	var out []found
	joined := !strings.Contains(q, " ") // a query typed without spaces
	for i, a := range s.actors {
		for f, fl := range a.fields {
			if strings.Contains(fl.folded, q) || joined && strings.Contains(fl.joined, q) {
				out = append(out, found{int32(i), int32(f), int8(min(f, 3)), strings.HasPrefix(a.name, q)})
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b found) int {
		switch {
		case a.rank != b.rank:
			return int(a.rank) - int(b.rank)
		case a.prefix != b.prefix:
			if a.prefix {
				return -1
			}
			return 1
		}
		if c := strings.Compare(s.actors[a.actor].name, s.actors[b.actor].name); c != 0 {
			return c
		}
		return int(a.actor - b.actor)
	})
	matches := make([]Match, len(out))
	for i, f := range out {
		a := &s.actors[f.actor]
		fl := a.fields[f.field]
		matches[i] = Match{Actor: a.actor, Field: fl.field, Text: fl.text}
	}
	return matches
}
