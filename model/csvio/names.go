package csvio

import (
	"slices"
	"strings"

	"relmap/model"
)

// actorIndex finds actors by name, then by short name, ignoring case.
type actorIndex struct {
	byName  map[string][]model.ID
	byShort map[string][]model.ID
	// refused are the names and short names of the actors' rows refused
	// (see refuse).
	refused map[string]bool
}

func newActorIndex() *actorIndex {
	return &actorIndex{byName: map[string][]model.ID{}, byShort: map[string][]model.ID{}, refused: map[string]bool{}}
}

// refuse notes the name and short name of an actor's row refused: a row
// that names it is refused in turn, even when an actor of the map has the
// name too. An import's rows name the actors of its own table: the ties
// of a table whose actors the map had already (refused, as named twice)
// were added again between the map's actors, each tie twice over.
func (x *actorIndex) refuse(name, short string) {
	for _, n := range []string{fold(name), fold(short)} {
		if n != "" {
			x.refused[n] = true
		}
	}
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (x *actorIndex) add(a model.Actor) {
	if n := fold(a.Name); n != "" {
		x.byName[n] = append(x.byName[n], a.ID)
	}
	if s := fold(a.Short); s != "" {
		x.byShort[s] = append(x.byShort[s], a.ID)
	}
}

// remove forgets actor a: a row refused, which no other row may name.
func (x *actorIndex) remove(a model.Actor) {
	drop := func(m map[string][]model.ID, key string) {
		m[key] = slices.DeleteFunc(m[key], func(id model.ID) bool { return id == a.ID })
		if len(m[key]) == 0 {
			delete(m, key)
		}
	}
	drop(x.byName, fold(a.Name))
	drop(x.byShort, fold(a.Short))
}

// find returns the one actor named name (or, failing that, short-named
// name), or an error for field saying none or several are.
func (x *actorIndex) find(field, name string) (model.ID, error) {
	if x.refused[fold(name)] {
		fe := invalid(field, "%q names an actor whose row was refused", name).(*model.FieldError)
		fe.Err = model.ErrNotFound
		return 0, fe
	}
	ids := x.byName[fold(name)]
	if len(ids) == 0 {
		ids = x.byShort[fold(name)]
	}
	switch len(ids) {
	case 0:
		fe := invalid(field, "no actor is named %q", name).(*model.FieldError)
		fe.Err = model.ErrNotFound
		return 0, fe
	case 1:
		return ids[0], nil
	}
	fe := invalid(field, "several actors are named %q", name).(*model.FieldError)
	fe.Err = model.ErrConflict
	return 0, fe
}

// participantSep separates the participants in a cell.
const participantSep = ";"

// parseParticipants reads "Name; Name (role)".
func (x *actorIndex) parseParticipants(cell string) ([]model.Participant, error) {
	var out []model.Participant
	for _, tok := range strings.Split(cell, participantSep) {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		p, err := x.parseParticipant(tok)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// parseParticipant reads "Name" or "Name (role)". The whole of tok is
// tried as a name first, so that "Embassy of Mexico (Quito)" can be a name.
func (x *actorIndex) parseParticipant(tok string) (model.Participant, error) {
	id, err := x.find(fParticipants, tok)
	if err == nil {
		return model.Participant{Actor: id}, nil
	}
	open := strings.LastIndex(tok, "(")
	if !strings.HasSuffix(tok, ")") || open < 0 || !isNotFound(err) {
		return model.Participant{}, err
	}
	name := strings.TrimSpace(tok[:open])
	if id, err = x.find(fParticipants, name); err != nil {
		return model.Participant{}, err
	}
	return model.Participant{Actor: id, Role: strings.TrimSpace(tok[open+1 : len(tok)-1])}, nil
}

func isNotFound(err error) bool {
	fe, ok := err.(*model.FieldError)
	return ok && fe.Err == model.ErrNotFound
}

// formatParticipant writes p so that parseParticipant reads it back: by
// name, or by short name when the name cannot be read back (it holds the
// separator, or a role would make it ambiguous). It falls back to the name.
func (x *actorIndex) formatParticipant(p model.Participant, a model.Actor) string {
	format := func(name string) string {
		if p.Role == "" {
			return name
		}
		return name + " (" + p.Role + ")"
	}
	for _, name := range []string{a.Name, a.Short} {
		if name == "" {
			continue
		}
		s := format(name)
		if strings.Contains(s, participantSep) {
			continue
		}
		if got, err := x.parseParticipant(s); err == nil && got == p {
			return s
		}
	}
	return format(a.Name)
}
