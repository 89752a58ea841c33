package model

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is s as a search compares it: lower case, without accents and
// surrounding spaces ("  López " → "lopez").
func Fold(s string) string {
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
// Obrador"). Matches in names come first, then short names, attributes
// and notes; within each, actors whose name begins with the query first,
// then by name. An empty query finds nothing.
func (m *Map) Search(query string) []Match {
	q := Fold(query)
	if q == "" {
		return nil
	}
	type found struct {
		Match
		rank   int
		prefix bool
	}
	var out []found
	for _, a := range m.Actors {
		fields := []struct{ field, text string }{{"name", a.Name}, {"short name", a.Short}}
		for _, k := range slices.Sorted(maps.Keys(a.Attrs)) {
			fields = append(fields, struct{ field, text string }{k, a.Attrs[k]})
		}
		fields = append(fields, struct{ field, text string }{"notes", a.Notes})
		for rank, f := range fields {
			if strings.Contains(Fold(f.text), q) {
				out = append(out, found{Match{a, f.field, f.text}, min(rank, 3), strings.HasPrefix(Fold(a.Name), q)})
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.rank != b.rank:
			return a.rank < b.rank
		case a.prefix != b.prefix:
			return a.prefix
		}
		return Fold(a.Actor.Name) < Fold(b.Actor.Name)
	})
	matches := make([]Match, len(out))
	for i, f := range out {
		matches[i] = f.Match
	}
	return matches
}
