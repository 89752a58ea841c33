package csvio

import (
	"fmt"
	"strconv"
	"strings"

	"relmap/model"
)

// The catalogue tables: the map's kinds, with their styles, and its
// sources, with every field. Both are optional; without them an import
// knows kinds by name only and sources by their title and URL.
const (
	KindsFile   = "kinds.csv"
	SourcesFile = "sources.csv"
	// MapFile holds the map's properties (a Field and a Value column:
	// name, description, author, licence, source) and PinsFile the
	// positions the user fixed (Actor, X, Y).
	MapFile  = "map.csv"
	PinsFile = "pins.csv"
)

// Fields of the catalogue tables.
const (
	fClass     = "class"
	fColour    = "colour"
	fShape     = "shape"
	fDashed    = "dashed"
	fArrow     = "arrow"
	fWeighted  = "weighted"
	fLabelled  = "labelled"
	fURL       = "url"
	fPublisher = "publisher"
	fQuote     = "quote"
	fGrade     = "grade"
	fField     = "field"
	fValue     = "value"
	fActor     = "actor"
	fX         = "x"
	fY         = "y"
)

var (
	kindsLayout = newLayout(false,
		column{fKind, []string{"Kind", "Type", "Name"}, true},
		column{fClass, []string{"Class"}, true},
		column{fLabel, []string{"Label"}, false},
		column{fColour, []string{"Colour", "Color"}, false},
		column{fShape, []string{"Shape"}, false},
		column{fDashed, []string{"Dashed"}, false},
		column{fArrow, []string{"Arrow"}, false},
		column{fWeighted, []string{"Weighted"}, false},
		column{fLabelled, []string{"Labelled", "Labeled"}, false},
	)
	sourcesLayout = newLayout(false,
		column{fTitle, []string{"Title"}, false},
		column{fURL, []string{"URL", "Link"}, false},
		column{fPublisher, []string{"Publisher"}, false},
		column{fDate, []string{"Date"}, false},
		column{fQuote, []string{"Quote"}, false},
		column{fGrade, []string{"Grade", "Reliability"}, false},
	)
)

var (
	mapLayout = newLayout(false,
		column{fField, []string{"Field"}, true},
		column{fValue, []string{"Value"}, false},
	)
	pinsLayout = newLayout(false,
		column{fActor, []string{"Actor"}, true},
		column{fX, []string{"X"}, true},
		column{fY, []string{"Y"}, true},
	)
)

// readMap reads the map table: the import's name, description, author,
// licence and source (its title and URL as a cell cites it).
func (im *importer) readMap(sh *sheet) error {
	for _, r := range sh.rows {
		v := sh.cell(r, fValue)
		switch strings.ToLower(sh.cell(r, fField)) {
		case "name":
			im.out.Name = v
		case "description":
			im.out.Description = v
		case "author":
			im.out.Author = v
		case "licence", "license":
			im.out.Licence = v
		case "source":
			if ids := im.sources.cite(v); len(ids) > 0 {
				im.out.DefaultSource = ids[0]
			}
		default:
			return sh.fail(r, invalid(fField, "%q is not one of name, description, author, licence and source", sh.cell(r, fField)))
		}
	}
	im.out.Sources = im.sources.added
	return nil
}

// readPins reads the pins table: the actor named in each row is fixed at
// X, Y (layout units).
func (im *importer) readPins(sh *sheet) error {
	for _, r := range sh.rows {
		id, err := im.requiredActor(fActor, sh.cell(r, fActor))
		if err == nil && im.out.Pins[id] != (model.Point{}) {
			err = &model.FieldError{Field: fActor, Msg: fmt.Sprintf("%q is pinned twice", sh.cell(r, fActor)), Err: model.ErrConflict}
		}
		var p model.Point
		for _, c := range []struct {
			field string
			to    *float64
		}{{fX, &p.X}, {fY, &p.Y}} {
			if err != nil {
				break
			}
			*c.to, err = strconv.ParseFloat(sh.cell(r, c.field), 64)
			if err != nil {
				err = invalid(c.field, "%q is not a number", sh.cell(r, c.field))
			}
		}
		if err == nil {
			if perr := p.Check(); perr != nil {
				err = invalid(fX, "%s", perr)
			}
		}
		if err != nil {
			return sh.fail(r, err)
		}
		if im.out.Pins == nil {
			im.out.Pins = map[model.ID]model.Point{}
		}
		im.out.Pins[id] = p
	}
	return nil
}

// mapRows writes the map's properties as the map table.
func (w *tableWriter) mapRows() ([][]string, error) {
	source := ""
	if s, ok := w.m.Source(w.m.DefaultSource); ok && w.m.DefaultSource != 0 {
		source = formatSource(s)
	}
	return [][]string{headers(mapLayout),
		{"name", w.m.Name}, {"description", w.m.Description}, {"author", w.m.Author},
		{"licence", w.m.Licence}, {"source", source}}, nil
}

// pinRows writes the map's pins as the pins table, by actor name, in
// actor order.
func (w *tableWriter) pinRows() ([][]string, error) {
	recs := [][]string{headers(pinsLayout)}
	for _, a := range w.m.Actors {
		if p, ok := w.m.Pins[a.ID]; ok {
			recs = append(recs, []string{a.Name, strconv.FormatFloat(p.X, 'g', -1, 64), strconv.FormatFloat(p.Y, 'g', -1, 64)})
		}
	}
	return recs, nil
}

// readKinds reads the kinds table into the import's kinds.
func (im *importer) readKinds(sh *sheet) error {
	seen := map[[2]string]int{}
	for _, r := range sh.rows {
		k := model.Kind{Name: sh.cell(r, fKind), Class: model.Class(strings.ToLower(sh.cell(r, fClass))),
			Label: sh.cell(r, fLabel), Color: strings.ToLower(sh.cell(r, fColour)), Shape: strings.ToLower(sh.cell(r, fShape))}
		flags := []struct {
			field string
			to    *bool
		}{{fDashed, &k.Dashed}, {fArrow, &k.Arrow}, {fWeighted, &k.Weighted}, {fLabelled, &k.Labelled}}
		for _, f := range flags {
			v, err := parseFlag(f.field, sh.cell(r, f.field))
			if err != nil {
				return sh.fail(r, err)
			}
			*f.to = v
		}
		if err := k.Check(); err != nil {
			return sh.fail(r, bare(err))
		}
		key := [2]string{string(k.Class), k.Name}
		if line, dup := seen[key]; dup {
			return sh.fail(r, &model.FieldError{Field: fKind, Msg: fmt.Sprintf("the %s kind %q is already on line %d", k.Class, k.Name, line), Err: model.ErrConflict})
		}
		seen[key] = r.line
		im.out.Kinds = append(im.out.Kinds, k)
	}
	return nil
}

// readSources reads the sources table: each row a source with every
// field, known to the cells of the other tables by its title and URL. A
// source the map has already (same title and URL) is the map's.
func (im *importer) readSources(sh *sheet) error {
	seen := map[sourceKey]int{}
	for _, r := range sh.rows {
		s := model.Source{Title: sh.cell(r, fTitle), URL: sh.cell(r, fURL), Publisher: sh.cell(r, fPublisher),
			Quote: sh.cell(r, fQuote), Grade: strings.ToUpper(sh.cell(r, fGrade))}
		var err error
		if s.Date, err = parseDate(fDate, sh.cell(r, fDate)); err != nil {
			return sh.fail(r, err)
		}
		if err := s.Check(); err != nil {
			return sh.fail(r, bare(err))
		}
		k := sourceKey{s.Title, s.URL}
		if line, dup := seen[k]; dup {
			return sh.fail(r, &model.FieldError{Field: fTitle, Msg: fmt.Sprintf("this source is already on line %d", line), Err: model.ErrConflict})
		}
		seen[k] = r.line
		im.sources.add(s)
	}
	im.out.Sources = im.sources.added
	return nil
}

// parseFlag reads a yes/no cell; empty is no.
func parseFlag(field, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "", "false", "no", "0":
		return false, nil
	case "true", "yes", "1":
		return true, nil
	}
	return false, invalid(field, "%q is not yes or no (true, false, yes, no, 1 or 0)", v)
}

// kindRows writes the map's kinds as the kinds table: every kind it has,
// declared or from the default catalogue or only in use, as it draws
// them (model.Map.Kind), so that the tables hold the map's picture.
func (w *tableWriter) kindRows() ([][]string, error) {
	recs := [][]string{headers(kindsLayout)}
	flag := strconv.FormatBool
	var kinds []model.Kind
	for _, class := range []model.Class{model.ClassActor, model.ClassTie, model.ClassEvent} {
		for _, name := range w.m.KindNames(class) {
			kinds = append(kinds, w.m.Kind(class, name))
		}
	}
	for _, k := range kinds {
		recs = append(recs, []string{k.Name, string(k.Class), k.Label, k.Color, k.Shape,
			flag(k.Dashed), flag(k.Arrow), flag(k.Weighted), flag(k.Labelled)})
	}
	return recs, nil
}

// sourceRows writes the map's sources as the sources table.
func (w *tableWriter) sourceRows() ([][]string, error) {
	recs := [][]string{headers(sourcesLayout)}
	for _, s := range w.m.Sources {
		recs = append(recs, []string{s.Title, s.URL, s.Publisher, s.Date.String(), s.Quote, s.Grade})
	}
	return recs, nil
}
