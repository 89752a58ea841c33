package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"relmap/model"
)

// Load reads the whole map: records in ID order, kinds in the order they
// were first stored, and a non-nil Pins map. It reads in one transaction
// that never waits for a writer, and is interrupted with ErrTooSlow after
// LoadLimit. What the file holds in a form the model cannot read (a date,
// an attribute, a NULL where a value must be, a damaged page) is
// ErrDamaged, naming the table, row and column where it can.
func (s *Store) Load(ctx context.Context) (*model.Map, error) {
	ctx, cancel := context.WithTimeout(ctx, s.loadLimit)
	defer cancel()
	m, err := s.read(ctx, load)
	if err != nil {
		return nil, loadMapError(s.path, loadError(ctx, s.loadLimit, err))
	}
	return m, nil
}

// read runs fn in one read transaction.
func (s *Store) read(ctx context.Context, fn func(context.Context, *sql.Tx) (*model.Map, error)) (*model.Map, error) {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := fn(ctx, tx)
	if err != nil {
		return nil, err
	}
	return m, tx.Commit()
}

// loadError says what stopped a load, in the same words for every
// command: too slow, or a damaged file.
func loadError(ctx context.Context, limit time.Duration, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return &model.Message{Format: "reading the map took too long: stopped after %s", Args: []any{limit}, Err: ErrTooSlow}
	case errors.Is(err, context.Canceled):
		return err
	}
	err = fileError(err)
	if errors.Is(err, ErrDamaged) || errors.Is(err, ErrTooSlow) || errors.Is(err, ErrBusy) {
		return err
	}
	return &model.Message{Format: "the map file is damaged: %v", Args: []any{err}, Err: fmt.Errorf("%w: %w", ErrDamaged, err)}
}

// loadMapError is err, which stopped the load of the map at path.
func loadMapError(path string, err error) error {
	return &model.Message{Format: "load map %s: %v", Args: []any{path, err}, Err: err}
}

// load reads every table into a Map.
func load(ctx context.Context, tx *sql.Tx) (*model.Map, error) {
	m := &model.Map{Pins: map[model.ID]model.Point{}}
	info, err := readInfo(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("info: %w", err)
	}
	m.SetInfo(info)
	if err := loadKinds(ctx, tx, m); err != nil {
		return nil, err
	}
	steps := []func(context.Context, *sql.Tx, *model.Map, *idSet) error{
		loadSources, loadActors, loadTies, loadEvents, loadPins,
	}
	for _, step := range steps {
		if err := step(ctx, tx, m, nil); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// idSet limits a loader to the records with the IDs in it; a nil set
// loads every record.
type idSet struct{ ids []model.ID }

// where is the WHERE clause that keeps the rows whose col is in the set,
// and its argument: the IDs as one JSON array, read by json_each.
func (s *idSet) where(col string) (string, []any) {
	if s == nil {
		return "", nil
	}
	list, _ := json.Marshal(s.ids)
	if s.ids == nil {
		list = []byte("[]")
	}
	return fmt.Sprintf(" WHERE %s IN (SELECT value FROM json_each(?))", col), []any{string(list)}
}

func loadKinds(ctx context.Context, tx *sql.Tx, m *model.Map) error {
	return eachRow(ctx, tx, "SELECT class, name, label, shape, color, dashed, arrow, weighted, labelled FROM kinds ORDER BY rowid", nil,
		func(rows *sql.Rows) error {
			var k model.Kind
			if err := rows.Scan(&k.Class, &k.Name, &k.Label, &k.Shape, &k.Color, &k.Dashed, &k.Arrow, &k.Weighted, &k.Labelled); err != nil {
				return fmt.Errorf("kinds: %w", err)
			}
			m.Kinds = append(m.Kinds, k)
			return nil
		})
}

func loadSources(ctx context.Context, tx *sql.Tx, m *model.Map, ids *idSet) error {
	w, args := ids.where("id")
	return eachRow(ctx, tx, "SELECT id, title, publisher, url, date, quote, grade FROM sources"+w+" ORDER BY id", args,
		func(rows *sql.Rows) error {
			var src model.Source
			var date sql.NullString
			if err := rows.Scan(&src.ID, &src.Title, &src.Publisher, &src.URL, &date, &src.Quote, &src.Grade); err != nil {
				return fmt.Errorf("sources: %w", err)
			}
			var err error
			if src.Date, err = parseDate("sources", src.ID, "date", date); err != nil {
				return err
			}
			m.Sources = append(m.Sources, src)
			return nil
		})
}

func loadActors(ctx context.Context, tx *sql.Tx, m *model.Map, ids *idSet) error {
	index := map[model.ID]int{}
	w, args := ids.where("id")
	err := eachRow(ctx, tx, `SELECT id, name, kind, short, belongs_to, located_in,
		life_start, life_end, attrs, notes, later FROM actors`+w+` ORDER BY id`, args,
		func(rows *sql.Rows) error {
			var a model.Actor
			var belongsTo, locatedIn sql.NullInt64
			var start, end sql.NullString
			var attrs, later string
			err := rows.Scan(&a.ID, &a.Name, &a.Kind, &a.Short, &belongsTo, &locatedIn, &start, &end, &attrs, &a.Notes, &later)
			if err != nil {
				return fmt.Errorf("actors: %w", err)
			}
			a.BelongsTo, a.LocatedIn = belongsTo.Int64, locatedIn.Int64
			if a.Life.Start, err = parseDate("actors", a.ID, "life_start", start); err != nil {
				return err
			}
			if a.Life.End, err = parseDate("actors", a.ID, "life_end", end); err != nil {
				return err
			}
			if a.Attrs, err = parseAttrs(a.ID, attrs); err != nil {
				return err
			}
			if a.Later, err = parseLater(a.ID, later); err != nil {
				return err
			}
			index[a.ID] = len(m.Actors)
			m.Actors = append(m.Actors, a)
			return nil
		})
	if err != nil {
		return err
	}
	return loadLinks(ctx, tx, "actor_sources", "actor_id", "source_id", ids, func(owner, source model.ID) {
		if i, ok := index[owner]; ok {
			m.Actors[i].Sources = append(m.Actors[i].Sources, source)
		}
	})
}

func loadTies(ctx context.Context, tx *sql.Tx, m *model.Map, ids *idSet) error {
	index := map[model.ID]int{}
	w, args := ids.where("id")
	err := eachRow(ctx, tx, `SELECT id, kind, from_actor, to_actor, directed, start_date, end_date,
		label, weight, notes, attrs FROM ties`+w+` ORDER BY id`, args,
		func(rows *sql.Rows) error {
			var t model.Tie
			var start, end sql.NullString
			var attrs string
			err := rows.Scan(&t.ID, &t.Kind, &t.From, &t.To, &t.Directed, &start, &end, &t.Label, &t.Weight, &t.Notes, &attrs)
			if err != nil {
				return fmt.Errorf("ties: %w", err)
			}
			if t.Attrs, err = parseAttrs(t.ID, attrs); err != nil {
				return err
			}
			if t.Span.Start, err = parseDate("ties", t.ID, "start_date", start); err != nil {
				return err
			}
			if t.Span.End, err = parseDate("ties", t.ID, "end_date", end); err != nil {
				return err
			}
			index[t.ID] = len(m.Ties)
			m.Ties = append(m.Ties, t)
			return nil
		})
	if err != nil {
		return err
	}
	return loadLinks(ctx, tx, "tie_sources", "tie_id", "source_id", ids, func(owner, source model.ID) {
		if i, ok := index[owner]; ok {
			m.Ties[i].Sources = append(m.Ties[i].Sources, source)
		}
	})
}

func loadEvents(ctx context.Context, tx *sql.Tx, m *model.Map, ids *idSet) error {
	index := map[model.ID]int{}
	w, args := ids.where("id")
	err := eachRow(ctx, tx, "SELECT id, date, kind, title, description FROM events"+w+" ORDER BY id", args,
		func(rows *sql.Rows) error {
			var e model.Event
			var date sql.NullString
			err := rows.Scan(&e.ID, &date, &e.Kind, &e.Title, &e.Description)
			if err != nil {
				return fmt.Errorf("events: %w", err)
			}
			if e.Date, err = parseDate("events", e.ID, "date", date); err != nil {
				return err
			}
			index[e.ID] = len(m.Events)
			m.Events = append(m.Events, e)
			return nil
		})
	if err != nil {
		return err
	}
	w, args = ids.where("event_id")
	err = eachRow(ctx, tx, "SELECT event_id, actor_id, role FROM event_participants"+w+" ORDER BY event_id, seq", args,
		func(rows *sql.Rows) error {
			var event model.ID
			var p model.Participant
			if err := rows.Scan(&event, &p.Actor, &p.Role); err != nil {
				return fmt.Errorf("event_participants: %w", err)
			}
			if i, ok := index[event]; ok {
				m.Events[i].Participants = append(m.Events[i].Participants, p)
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = eachRow(ctx, tx, "SELECT event_id, change, tie_id FROM event_ties"+w+" ORDER BY event_id, change, seq", args,
		func(rows *sql.Rows) error {
			var event, tie model.ID
			var change string
			if err := rows.Scan(&event, &change, &tie); err != nil {
				return fmt.Errorf("event_ties: %w", err)
			}
			i, ok := index[event]
			if !ok {
				return nil
			}
			switch change {
			case changeBegins:
				m.Events[i].Begins = append(m.Events[i].Begins, tie)
			case changeEnds:
				m.Events[i].Ends = append(m.Events[i].Ends, tie)
			}
			return nil
		})
	if err != nil {
		return err
	}
	return loadLinks(ctx, tx, "event_sources", "event_id", "source_id", ids, func(owner, source model.ID) {
		if i, ok := index[owner]; ok {
			m.Events[i].Sources = append(m.Events[i].Sources, source)
		}
	})
}

func loadPins(ctx context.Context, tx *sql.Tx, m *model.Map, ids *idSet) error {
	w, args := ids.where("actor_id")
	return eachRow(ctx, tx, "SELECT actor_id, x, y FROM pins"+w+" ORDER BY actor_id", args,
		func(rows *sql.Rows) error {
			var id model.ID
			var p model.Point
			if err := rows.Scan(&id, &p.X, &p.Y); err != nil {
				return fmt.Errorf("pins: %w", err)
			}
			m.Pins[id] = p
			return nil
		})
}

// loadLinks reads a link table (owner, seq, target) in order and hands each
// pair to add.
func loadLinks(ctx context.Context, tx *sql.Tx, table, ownerCol, targetCol string, ids *idSet, add func(owner, target model.ID)) error {
	w, args := ids.where(ownerCol)
	query := fmt.Sprintf("SELECT %s, %s FROM %s%s ORDER BY %[1]s, seq", ownerCol, targetCol, table, w)
	return eachRow(ctx, tx, query, args, func(rows *sql.Rows) error {
		var owner, target model.ID
		if err := rows.Scan(&owner, &target); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		add(owner, target)
		return nil
	})
}
