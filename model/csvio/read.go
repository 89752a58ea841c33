package csvio

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"relmap/model"
)

// importer builds the records of one import.
type importer struct {
	base    *model.Map
	out     *model.Map
	index   *actorIndex
	actors  map[model.ID]model.Actor // base and new, for checking
	taken   map[string]bool          // folded names of base actors
	sources *sourceBook
	// update reads a row that names an actor of base as that actor, its
	// non-empty cells replacing what base has (see ReadUpdate); baseByName
	// finds them by folded name.
	update     bool
	baseByName map[string]model.Actor
	// tieRows finds the ties read by the Id the ties table gave them, for
	// the events table's Begins and Ends.
	tieRows map[int64]model.ID

	nextActor, nextTie, nextEvent model.ID

	// skip refuses a bad row of the actors, ties or events table instead
	// of the whole import, noting it in refused (see ReadSkipping).
	skip    bool
	refused []Refused

	// every reads on past a bad row of the actors, ties or events table,
	// noting it in bad, so that Read reports every one (see
	// importer.failed). A bad row's actor and tie Id stay known, so
	// that the rows naming them are not found bad for it.
	every  bool
	bad    []*Error
	beyond int // bad rows past MaxErrors
}

// failed is what stops the import: err, which stopped the reading (nil
// for none), after the bad rows found before it.
func (im *importer) failed(err error) error {
	var ce *Error
	if err != nil && !errors.As(err, &ce) {
		return err // not a row's: the file could not be read
	}
	rows := im.bad
	if ce != nil {
		if len(rows) < MaxErrors {
			rows = append(rows, ce)
		} else {
			im.beyond++
		}
	}
	switch {
	case len(rows) == 0:
		return nil
	case len(rows) == 1 && im.beyond == 0:
		return rows[0]
	}
	return &Errors{Rows: rows, Beyond: im.beyond}
}

// refuse notes row r of sh as refused for err, when rows may be skipped;
// otherwise it returns the error that stops the import.
func (im *importer) refuse(sh *sheet, r row, err error) error {
	if im.every {
		if len(im.bad) < MaxErrors {
			im.bad = append(im.bad, &Error{File: sh.file, Line: r.line, Err: err})
		} else {
			im.beyond++
		}
		return nil
	}
	if !im.skip {
		return sh.fail(r, err)
	}
	reason := err.Error()
	var fe *model.FieldError
	if errors.As(err, &fe) {
		reason = bare(err).Error()
	}
	im.refused = append(im.refused, Refused{File: sh.file, Line: r.line, Reason: reason, Cells: r.cells})
	return nil
}

func newImporter(base *model.Map) *importer {
	if base == nil {
		base = &model.Map{}
	}
	im := &importer{
		base:      base,
		out:       &model.Map{},
		index:     newActorIndex(),
		actors:    make(map[model.ID]model.Actor, len(base.Actors)),
		taken:     make(map[string]bool, len(base.Actors)),
		sources:   newSourceBook(base.Sources),
		nextActor: 1, nextTie: 1, nextEvent: 1,
	}
	for _, a := range base.Actors {
		im.index.add(a)
		im.actors[a.ID] = a
		im.taken[fold(a.Name)] = true
		im.nextActor = max(im.nextActor, a.ID+1)
	}
	for _, t := range base.Ties {
		im.nextTie = max(im.nextTie, t.ID+1)
	}
	for _, e := range base.Events {
		im.nextEvent = max(im.nextEvent, e.ID+1)
	}
	return im
}

// readActors reads the actors table in two passes, so that a row may name
// an actor of a later row: the first learns every name, the second builds
// and checks each actor in row order.
func (im *importer) readActors(sh *sheet) error {
	firstLine := map[string]int{} // folded name -> line it first appears on
	ids := make([]model.ID, len(sh.rows))
	for i, r := range sh.rows {
		ids[i] = im.nextActor
		im.nextActor++
		a := model.Actor{ID: ids[i], Name: sh.cell(r, fName), Kind: kindOr(sh.cell(r, fKind), DefaultActorKind), Short: sh.cell(r, fShort)}
		n := fold(a.Name)
		if _, dup := firstLine[n]; n == "" || dup || im.taken[n] {
			continue
		}
		firstLine[n] = r.line
		if old, ok := im.baseByName[n]; ok && im.update {
			ids[i] = old.ID // the row updates it: the index knows it already
			continue
		}
		im.index.add(a)
		im.actors[a.ID] = a
	}
	refused := map[model.ID]bool{}
	for i, r := range sh.rows {
		a, err := im.actor(sh, r, ids[i], firstLine)
		if err == nil && im.update {
			a, err = im.patchActor(sh, r, a)
		}
		if err != nil {
			if err := im.refuse(sh, r, err); err != nil {
				return err
			}
			if im.every {
				continue // known still, for the rows that name it
			}
			if old, ok := im.actors[ids[i]]; ok {
				im.index.remove(old)
				delete(im.actors, ids[i])
			}
			im.index.refuse(sh.cell(r, fName), sh.cell(r, fShort))
			refused[ids[i]] = true
			continue
		}
		im.actors[a.ID] = a
		im.out.Actors = append(im.out.Actors, a)
	}
	// An actor that belongs to, or is located in, one refused is refused
	// in turn, until none is.
	for changed := len(refused) > 0; changed; {
		changed = false
		kept := im.out.Actors[:0]
		for i, a := range im.out.Actors {
			if refused[a.BelongsTo] || refused[a.LocatedIn] {
				r := sh.rows[slices.Index(ids, a.ID)]
				im.refused = append(im.refused, Refused{File: sh.file, Line: r.line, Cells: r.cells,
					Reason: "it belongs to, or is located in, an actor whose row was refused"})
				im.index.remove(a)
				im.index.refuse(a.Name, a.Short)
				delete(im.actors, a.ID)
				refused[a.ID], changed = true, true
				continue
			}
			kept = append(kept, im.out.Actors[i])
		}
		im.out.Actors = kept
	}
	im.out.Sources = im.sources.added
	return nil
}

// patchActor is actor a as a row read in update mode leaves it: when the
// row names an actor of base, that actor with each non-empty cell of the
// row in place of its value (attributes one by one, sources added to its
// own); otherwise a itself.
func (im *importer) patchActor(sh *sheet, r row, a model.Actor) (model.Actor, error) {
	old, ok := im.baseByName[fold(a.Name)]
	if !ok || old.ID != a.ID {
		return a, nil
	}
	out := old
	out.Attrs = maps.Clone(old.Attrs)
	set := func(field string, to *string, v string) {
		if sh.cell(r, field) != "" {
			*to = v
		}
	}
	set(fKind, &out.Kind, a.Kind)
	set(fShort, &out.Short, a.Short)
	set(fNotes, &out.Notes, a.Notes)
	if sh.cell(r, fStart) != "" {
		out.Life.Start = a.Life.Start
	}
	if sh.cell(r, fEnd) != "" {
		out.Life.End = a.Life.End
	}
	if sh.cell(r, fBelongsTo) != "" {
		out.BelongsTo = a.BelongsTo
	}
	if sh.cell(r, fLocatedIn) != "" {
		out.LocatedIn = a.LocatedIn
	}
	for k, v := range a.Attrs {
		if out.Attrs == nil {
			out.Attrs = map[string]string{}
		}
		out.Attrs[k] = v
	}
	for _, id := range a.Sources {
		if !slices.Contains(out.Sources, id) {
			out.Sources = append(slices.Clip(out.Sources), id)
		}
	}
	probe := im.probe(out.Sources, out.BelongsTo, out.LocatedIn)
	return out, bare(probe.CheckActor(out))
}

func (im *importer) actor(sh *sheet, r row, id model.ID, firstLine map[string]int) (model.Actor, error) {
	a := model.Actor{
		ID:    id,
		Name:  sh.cell(r, fName),
		Kind:  kindOr(sh.cell(r, fKind), DefaultActorKind),
		Short: sh.cell(r, fShort),
		Notes: sh.cell(r, fNotes),
	}
	if a.Name == "" {
		return a, invalid(fName, "a name is required")
	}
	if im.taken[fold(a.Name)] {
		return a, &model.FieldError{Field: fName, Msg: fmt.Sprintf("an actor named %q is already in the map", a.Name), Err: model.ErrConflict}
	}
	if line := firstLine[fold(a.Name)]; line != r.line {
		return a, &model.FieldError{Field: fName, Msg: fmt.Sprintf("%q is already the name on line %d", a.Name, line), Err: model.ErrConflict}
	}
	var err error
	if a.Life, err = readSpan(sh, r); err != nil {
		return a, err
	}
	if cell := sh.cell(r, fLives); cell != "" {
		lives, err := model.ParseLives(cell)
		if err != nil {
			return a, invalid(fLives, "%s", err)
		}
		a.Life, a.Later = lives[0], lives[1:]
		if len(a.Later) == 0 {
			a.Later = nil
		}
	}
	if a.BelongsTo, err = im.optionalActor(fBelongsTo, sh.cell(r, fBelongsTo)); err != nil {
		return a, err
	}
	if a.LocatedIn, err = im.optionalActor(fLocatedIn, sh.cell(r, fLocatedIn)); err != nil {
		return a, err
	}
	a.Attrs = readAttrs(sh, r)
	a.Sources = im.sources.cite(sh.cell(r, fSources))
	probe := im.probe(a.Sources, a.BelongsTo, a.LocatedIn)
	return a, bare(probe.CheckActor(a))
}

// readAttrs is the attributes of row r: its cells in the sheet's
// attribute columns that are not empty; nil when there are none.
func readAttrs(sh *sheet, r row) map[string]string {
	var attrs map[string]string
	for _, c := range sh.attrs {
		if v := r.cells[c.index]; v != "" {
			if attrs == nil {
				attrs = map[string]string{}
			}
			attrs[c.key] = v
		}
	}
	return attrs
}

func (im *importer) readTies(sh *sheet) error {
	im.tieRows = map[int64]model.ID{}
	baseTies := map[model.ID]bool{}
	if im.update {
		for _, t := range im.base.Ties {
			baseTies[t.ID] = true
		}
	}
	for _, r := range sh.rows {
		t, err := im.tie(sh, r)
		if n, perr := strconv.ParseInt(sh.cell(r, fID), 10, 64); err == nil && perr == nil && baseTies[n] {
			t.ID = n // the row updates the map's tie with its Id
		}
		if err == nil {
			err = im.tieRow(sh.cell(r, fID), t.ID)
		}
		if err != nil {
			if err := im.refuse(sh, r, err); err != nil {
				return err
			}
			if im.every {
				// Its Id is known still, for the events that name it.
				_ = im.tieRow(sh.cell(r, fID), 0)
			}
			continue
		}
		im.out.Ties = append(im.out.Ties, t)
	}
	im.out.Sources = im.sources.added
	return nil
}

// tieRow notes that the ties table's Id cell names tie id; an empty cell
// names none.
func (im *importer) tieRow(cell string, id model.ID) error {
	if cell == "" {
		return nil
	}
	n, err := strconv.ParseInt(cell, 10, 64)
	if err != nil || n <= 0 {
		return invalid(fID, "an Id is a whole number above 0, not %q", cell)
	}
	if _, dup := im.tieRows[n]; dup {
		return &model.FieldError{Field: fID, Msg: fmt.Sprintf("the Id %d is given to two ties", n), Err: model.ErrConflict}
	}
	im.tieRows[n] = id
	return nil
}

// tieRefs reads a cell of tie Ids ("3; 7") into the ties they name.
func (im *importer) tieRefs(field, cell string) ([]model.ID, error) {
	var out []model.ID
	for _, tok := range strings.Split(cell, participantSep) {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		n, err := strconv.ParseInt(tok, 10, 64)
		if err != nil {
			return nil, invalid(field, "%q is not the Id of a tie", tok)
		}
		id, ok := im.tieRows[n]
		if !ok {
			return nil, &model.FieldError{Field: field, Msg: fmt.Sprintf("no tie of %s has the Id %d", TiesFile, n), Err: model.ErrNotFound}
		}
		out = append(out, id)
	}
	return out, nil
}

func (im *importer) tie(sh *sheet, r row) (model.Tie, error) {
	t := model.Tie{
		ID:    im.nextTie,
		Kind:  sh.cell(r, fKind),
		Label: sh.cell(r, fLabel),
		Notes: sh.cell(r, fNotes),
	}
	im.nextTie++
	var err error
	if t.From, err = im.requiredActor(fFrom, sh.cell(r, fFrom)); err != nil {
		return t, err
	}
	if t.To, err = im.requiredActor(fTo, sh.cell(r, fTo)); err != nil {
		return t, err
	}
	if t.Span, err = readSpan(sh, r); err != nil {
		return t, err
	}
	if t.Directed, err = parseDirected(sh.cell(r, fDirected)); err != nil {
		return t, err
	}
	if t.Weight, err = parseWeight(sh.cell(r, fWeight)); err != nil {
		return t, err
	}
	t.Attrs = readAttrs(sh, r)
	t.Sources = im.sources.cite(sh.cell(r, fSources))
	probe := im.probe(t.Sources, t.From, t.To)
	return t, bare(probe.CheckTie(t))
}

func (im *importer) readEvents(sh *sheet) error {
	for _, r := range sh.rows {
		e, err := im.event(sh, r)
		if err != nil {
			if err := im.refuse(sh, r, err); err != nil {
				return err
			}
			continue
		}
		im.out.Events = append(im.out.Events, e)
	}
	im.out.Sources = im.sources.added
	return nil
}

func (im *importer) event(sh *sheet, r row) (model.Event, error) {
	e := model.Event{
		ID:          im.nextEvent,
		Kind:        kindOr(sh.cell(r, fKind), DefaultEventKind),
		Title:       sh.cell(r, fTitle),
		Description: sh.cell(r, fDescription),
	}
	im.nextEvent++
	var err error
	if e.Date, err = parseDate(fDate, sh.cell(r, fDate)); err != nil {
		return e, err
	}
	if e.Participants, err = im.index.parseParticipants(sh.cell(r, fParticipants)); err != nil {
		return e, err
	}
	if e.Begins, err = im.tieRefs(fBegins, sh.cell(r, fBegins)); err != nil {
		return e, err
	}
	if e.Ends, err = im.tieRefs(fEnds, sh.cell(r, fEnds)); err != nil {
		return e, err
	}
	e.Sources = im.sources.cite(sh.cell(r, fSources))
	ids := make([]model.ID, len(e.Participants))
	for i, p := range e.Participants {
		ids[i] = p.Actor
	}
	probe := im.probe(e.Sources, ids...)
	for _, id := range append(slices.Clone(e.Begins), e.Ends...) {
		probe.Ties = append(probe.Ties, model.Tie{ID: id})
	}
	return e, bare(probe.CheckEvent(e))
}

// probe is a map holding just what a record refers to, so that the
// model's checks run in constant time per record rather than scanning the
// whole map.
func (im *importer) probe(sources []model.ID, actors ...model.ID) *model.Map {
	m := &model.Map{Kinds: im.base.Kinds, Sources: im.sources.sources(sources)}
	for _, id := range actors {
		if a, ok := im.actors[id]; ok {
			m.Actors = append(m.Actors, a)
		}
	}
	return m
}

// bare drops the record from a model check's error: the file and line
// say which record it is.
func bare(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		c := *fe
		c.Record = ""
		return &c
	}
	return err
}

func (im *importer) optionalActor(field, name string) (model.ID, error) {
	if name == "" {
		return 0, nil
	}
	return im.index.find(field, name)
}

func (im *importer) requiredActor(field, name string) (model.ID, error) {
	if name == "" {
		return 0, invalid(field, "an actor is required")
	}
	return im.index.find(field, name)
}

func kindOr(kind, def string) string {
	if kind == "" {
		return def
	}
	return kind
}

func readSpan(sh *sheet, r row) (model.Span, error) {
	var s model.Span
	var err error
	if s.Start, err = parseDate(fStart, sh.cell(r, fStart)); err != nil {
		return s, err
	}
	s.End, err = parseDate(fEnd, sh.cell(r, fEnd))
	return s, err
}

func parseDate(field, v string) (model.Date, error) {
	d, err := model.ParseDate(v)
	if err != nil {
		return d, invalid(field, "%v", err)
	}
	return d, nil
}

func parseDirected(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "", "false", "no", "0", "undirected", "mutual":
		return false, nil
	case "true", "yes", "1", "directed":
		return true, nil
	}
	return false, invalid(fDirected, "%q is not one of true, false, yes, no, 1, 0, directed, undirected", v)
}

func parseWeight(v string) (float64, error) {
	if v == "" {
		return 0, nil
	}
	w, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
		return 0, invalid(fWeight, "%q is not a number", v)
	}
	return w, nil
}
