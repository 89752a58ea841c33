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
