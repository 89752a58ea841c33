package csvio

import (
	"strings"

	"relmap/model"
)

// sourceSep separates the sources in a cell.
const sourceSep = "|"

// sourceKey identifies a source for deduplication.
type sourceKey struct{ title, url string }

// sourceBook turns source cells into sources, one per distinct source,
// reusing the base map's where they are equal.
type sourceBook struct {
	next  model.ID
	byKey map[sourceKey]model.ID
	byID  map[model.ID]model.Source
	added []model.Source
}

func newSourceBook(base []model.Source) *sourceBook {
	b := &sourceBook{next: 1, byKey: map[sourceKey]model.ID{}, byID: map[model.ID]model.Source{}}
	for _, s := range base {
		k := sourceKey{strings.TrimSpace(s.Title), strings.TrimSpace(s.URL)}
		if _, ok := b.byKey[k]; !ok {
			b.byKey[k] = s.ID
		}
		b.byID[s.ID] = s
		b.next = max(b.next, s.ID+1)
	}
	return b
}

// add makes s, from the sources table, known by its title and URL: the
// base map's source with them, or a new one with every field of s.
func (b *sourceBook) add(s model.Source) {
	k := sourceKey{strings.TrimSpace(s.Title), strings.TrimSpace(s.URL)}
	if _, known := b.byKey[k]; known {
		return
	}
	s.ID = b.next
	b.next++
	b.byKey[k], b.byID[s.ID] = s.ID, s
	b.added = append(b.added, s)
}

// cite returns the sources a cell lists, each once, adding new ones.
func (b *sourceBook) cite(cell string) []model.ID {
	var ids []model.ID
	seen := map[model.ID]bool{}
	for _, part := range strings.Split(cell, sourceSep) {
		k, ok := parseSource(part)
		if !ok {
			continue
		}
		id, known := b.byKey[k]
		if !known {
			id = b.next
			b.next++
			s := model.Source{ID: id, Title: k.title, URL: k.url}
			b.byKey[k], b.byID[id] = id, s
			b.added = append(b.added, s)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// sources returns the sources with ids.
func (b *sourceBook) sources(ids []model.ID) []model.Source {
	out := make([]model.Source, 0, len(ids))
	for _, id := range ids {
		out = append(out, b.byID[id])
	}
	return out
}

// parseSource reads "URL", "Title" or "Title <URL>"; ok is false for an
// empty part.
func parseSource(part string) (k sourceKey, ok bool) {
	part = strings.TrimSpace(part)
	if part == "" {
		return sourceKey{}, false
	}
	if open := strings.LastIndex(part, "<"); open >= 0 && strings.HasSuffix(part, ">") {
		url := strings.TrimSpace(part[open+1 : len(part)-1])
		if url != "" {
			return sourceKey{title: strings.TrimSpace(part[:open]), url: url}, true
		}
	}
	if looksLikeURL(part) {
		return sourceKey{url: part}, true
	}
	return sourceKey{title: part}, true
}

func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")) &&
		!strings.ContainsAny(s, " \t\n\r")
}

// formatSource writes s as parseSource reads it.
func formatSource(s model.Source) string {
	title, url := strings.TrimSpace(s.Title), strings.TrimSpace(s.URL)
	switch {
	case url == "":
		return title
	case title == "" && looksLikeURL(url):
		return url
	}
	if title == "" {
		return "<" + url + ">"
	}
	return title + " <" + url + ">"
}
