package csvio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"relmap/model"
)

// Write writes m into dir as ActorsFile, TiesFile and EventsFile, creating
// dir if need be. It encodes all three before writing any, so that a map
// that cannot be written leaves no files behind.
func Write(dir string, m *model.Map) error {
	var actors, ties, events, kinds, sources, props, pins bytes.Buffer
	if err := WriteTables(&actors, &ties, &events, m); err != nil {
		return err
	}
	if err := WriteCatalogues(&kinds, &sources, m); err != nil {
		return err
	}
	if m == nil {
		m = &model.Map{}
	}
	w := newTableWriter(m)
	if err := writeAll(w, []tableOut{{&props, MapFile, w.mapRows}, {&pins, PinsFile, w.pinRows}}); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write tables: %w", err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{ActorsFile, actors.Bytes()}, {TiesFile, ties.Bytes()}, {EventsFile, events.Bytes()},
		{KindsFile, kinds.Bytes()}, {SourcesFile, sources.Bytes()}, {MapFile, props.Bytes()}, {PinsFile, pins.Bytes()}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("write tables: %w", err)
		}
	}
	return nil
}

// WriteTables writes m's actors, ties and events as the three tables, with
// every column in a fixed order and attribute columns sorted by name, so
// that the same map always gives the same bytes. Read reads back every map
// that Read returned (with no base map) as it was.
//
// It fails only on a broken map: a reference to an actor or source m does
// not have.
func WriteTables(actors, ties, events io.Writer, m *model.Map) error {
	if m == nil {
		m = &model.Map{}
	}
	w := newTableWriter(m)
	return writeAll(w, []tableOut{{actors, ActorsFile, w.actorRows}, {ties, TiesFile, w.tieRows}, {events, EventsFile, w.eventRows}})
}

// WriteCatalogues writes m's kinds and sources as the catalogue tables,
// in m's order.
func WriteCatalogues(kinds, sources io.Writer, m *model.Map) error {
	if m == nil {
		m = &model.Map{}
	}
	w := newTableWriter(m)
	return writeAll(w, []tableOut{{kinds, KindsFile, w.kindRows}, {sources, SourcesFile, w.sourceRows}})
}

// tableOut is one table to write.
type tableOut struct {
	out    io.Writer
	file   string
	encode func() ([][]string, error)
}

func writeAll(w *tableWriter, tables []tableOut) error {
	for _, t := range tables {
		recs, err := t.encode()
		if err == nil {
			cw := csv.NewWriter(t.out)
			err = cw.WriteAll(recs)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", t.file, err)
		}
	}
	return nil
}

// tableWriter looks up what m's records refer to.
type tableWriter struct {
	m       *model.Map
	byID    map[model.ID]model.Actor
	sources map[model.ID]model.Source
	index   *actorIndex
}

func newTableWriter(m *model.Map) *tableWriter {
	w := &tableWriter{m: m, byID: map[model.ID]model.Actor{}, sources: map[model.ID]model.Source{}, index: newActorIndex()}
	for _, a := range m.Actors {
		w.byID[a.ID] = a
		w.index.add(a)
	}
	for _, s := range m.Sources {
		w.sources[s.ID] = s
	}
	return w
}

func headers(l *layout) []string {
	hs := make([]string, len(l.columns))
	for i, c := range l.columns {
		hs[i] = c.headers[0]
	}
	return hs
}

// attrHeaders returns the attribute names of a table's records, sorted,
// and the table's header: l's columns, then a column per attribute (with
// attrPrefix where the name is one of l's headers, or blank).
func attrHeaders(l *layout, attrs []map[string]string) (keys, head []string) {
	keySet := map[string]bool{}
	for _, a := range attrs {
		for k := range a {
			keySet[k] = true
		}
	}
	for k := range keySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	head = headers(l)
	for _, k := range keys {
		if l.isReserved(k) || strings.TrimSpace(k) == "" {
			k = attrPrefix + k
		}
		head = append(head, k)
	}
	return keys, head
}

func (w *tableWriter) actorRows() ([][]string, error) {
	attrs := make([]map[string]string, len(w.m.Actors))
	for i, a := range w.m.Actors {
		attrs[i] = a.Attrs
	}
	keys, head := attrHeaders(actorsLayout, attrs)
	recs := [][]string{head}
	for _, a := range w.m.Actors {
		rec := func(err error) error { return fmt.Errorf("actor %q: %w", a.Name, err) }
		belongs, err := w.optionalName(fBelongsTo, a.BelongsTo)
		if err != nil {
			return nil, rec(err)
		}
		located, err := w.optionalName(fLocatedIn, a.LocatedIn)
		if err != nil {
			return nil, rec(err)
		}
		sources, err := w.sourceCell(a.Sources)
		if err != nil {
			return nil, rec(err)
		}
		lives := ""
		if len(a.Later) > 0 {
			lives = model.LivesString(a.Lives())
		}
		row := []string{a.Name, a.Kind, a.Short, a.Life.Start.String(), a.Life.End.String(), belongs, located, a.Notes, sources, lives}
		for _, k := range keys {
			row = append(row, a.Attrs[k])
		}
		recs = append(recs, row)
	}
	return recs, nil
}

func (w *tableWriter) tieRows() ([][]string, error) {
	attrs := make([]map[string]string, len(w.m.Ties))
	for i, t := range w.m.Ties {
		attrs[i] = t.Attrs
	}
	keys, head := attrHeaders(tiesLayout, attrs)
	recs := [][]string{head}
	for _, t := range w.m.Ties {
		rec := func(err error) error { return fmt.Errorf("tie %d: %w", t.ID, err) }
		from, err := w.name(fFrom, t.From)
		if err != nil {
			return nil, rec(err)
		}
		to, err := w.name(fTo, t.To)
		if err != nil {
			return nil, rec(err)
		}
		sources, err := w.sourceCell(t.Sources)
		if err != nil {
			return nil, rec(err)
		}
		weight := ""
		if t.Weight != 0 {
			weight = strconv.FormatFloat(t.Weight, 'g', -1, 64)
		}
		row := []string{from, to, t.Kind, t.Span.Start.String(), t.Span.End.String(),
			t.Label, strconv.FormatBool(t.Directed), weight, t.Notes, sources, strconv.FormatInt(t.ID, 10)}
		for _, k := range keys {
			row = append(row, t.Attrs[k])
		}
		recs = append(recs, row)
	}
	return recs, nil
}

func (w *tableWriter) eventRows() ([][]string, error) {
	recs := [][]string{headers(eventsLayout)}
	for _, e := range w.m.Events {
		rec := func(err error) error { return fmt.Errorf("event %q: %w", e.Title, err) }
		parts := make([]string, 0, len(e.Participants))
		for _, p := range e.Participants {
			a, ok := w.byID[p.Actor]
			if !ok {
				return nil, rec(noActor(fParticipants, p.Actor))
			}
			parts = append(parts, w.index.formatParticipant(p, a))
		}
		sources, err := w.sourceCell(e.Sources)
		if err != nil {
			return nil, rec(err)
		}
		recs = append(recs, []string{e.Date.String(), e.Kind, e.Title, e.Description,
			strings.Join(parts, participantSep+" "), sources, tieIDs(e.Begins), tieIDs(e.Ends)})
	}
	return recs, nil
}

// tieIDs writes a list of ties by the Ids the ties table gives them.
func tieIDs(ids []model.ID) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(out, participantSep+" ")
}

func (w *tableWriter) name(field string, id model.ID) (string, error) {
	a, ok := w.byID[id]
	if !ok {
		return "", noActor(field, id)
	}
	return a.Name, nil
}

func (w *tableWriter) optionalName(field string, id model.ID) (string, error) {
	if id == 0 {
		return "", nil
	}
	return w.name(field, id)
}

func noActor(field string, id model.ID) error {
	return &model.FieldError{Field: field, Msg: fmt.Sprintf("no actor has id %d", id), Err: model.ErrNotFound}
}

func (w *tableWriter) sourceCell(ids []model.ID) (string, error) {
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		s, ok := w.sources[id]
		if !ok {
			return "", &model.FieldError{Field: fSources, Msg: fmt.Sprintf("no source has id %d", id), Err: model.ErrNotFound}
		}
		parts = append(parts, formatSource(s))
	}
	return strings.Join(parts, " "+sourceSep+" "), nil
}
