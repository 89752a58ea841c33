package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"relmap/model"
)

// Merge adds every record of m to the store in one transaction, each with a
// new ID, and upserts m's kinds. References among m's records are rewritten
// to the new IDs. A reference to an ID that no record of m has, but the
// store has, stays a reference to the stored record: that is how an import
// adds ties to actors already in the map. Each record must keep the model's
// rules. On success m's IDs (and the references in it, and the keys of its
// Pins) are set to the stored ones; on failure nothing is written and m is
// unchanged. Merge leaves the map's name and description alone.
func (s *Store) Merge(ctx context.Context, m *model.Map) error {
	if m == nil {
		return fmt.Errorf("merge map: %w: no map", model.ErrInvalid)
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	defer tx.Rollback()
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge map: %w", fileError(err))
	}
	stored.apply(m)
	return nil
}

// merged is m's records as stored: new IDs, rewritten references. It is
// written back into m only once the transaction has committed.
type merged struct {
	sources []model.Source
	actors  []model.Actor
	ties    []model.Tie
	events  []model.Event
	pins    map[model.ID]model.Point
}

// apply sets m's records to their stored versions, element by element, so
// that the caller's slices see the new IDs.
func (st *merged) apply(m *model.Map) {
	copy(m.Sources, st.sources)
	copy(m.Actors, st.actors)
	copy(m.Ties, st.ties)
	copy(m.Events, st.events)
	if m.Pins != nil {
		clear(m.Pins)
		for id, p := range st.pins {
			m.Pins[id] = p
		}
	}
}

// merge writes m's records as new ones (see model.PlanMerge, which
// decides their IDs and checks them) and returns them as stored.
func merge(ctx context.Context, tx *sql.Tx, m *model.Map) (*merged, error) {
	refs := m.OutsideRefs()
	stored, err := storedRefs(ctx, tx, refs.Actors, refs.Ties, refs.Sources)
	if err != nil {
		return nil, err
	}
	var next model.NextIDs
	for _, t := range []struct {
		table string
		id    *model.ID
	}{{"sources", &next.Source}, {"actors", &next.Actor}, {"ties", &next.Tie}, {"events", &next.Event}} {
		if *t.id, err = nextID(ctx, tx, t.table); err != nil {
			return nil, err
		}
	}
	plan, err := model.PlanMerge(m, stored, next)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return nil, err
	}
	if err := insertIndexed(ctx, tx, plan, int64(next.Actor+next.Tie-2)); err != nil {
		return nil, err
	}
	out := &merged{sources: plan.Sources, actors: plan.Actors, ties: plan.Ties, events: plan.Events,
		pins: make(map[model.ID]model.Point, len(plan.Pins))}
	for _, p := range plan.Pins {
		out.pins[p.Actor] = p.At
	}
	return out, nil
}

// rebuildAbove is the number of new actors and ties above which a merge
// into a map no bigger than itself builds the indexes of the tables it
// writes anew afterwards: SQLite sorts a whole column faster than it
// inserts into an index row by row (0.5 s of 3.5 s at 100,000 actors and
// 200,000 ties).
const rebuildAbove = 20000

// insertIndexed is insertNew, with the tables' indexes built again
// afterwards when the merge is big and the map, which holds about stored
// actors and ties (the highest IDs given), no bigger.
func insertIndexed(ctx context.Context, tx *sql.Tx, r model.Records, stored int64) error {
	added := int64(len(r.Actors) + len(r.Ties))
	if added < rebuildAbove || added < stored {
		return insertNew(ctx, tx, r)
	}
	var drop, build []string
	err := eachRow(ctx, tx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('actors', 'ties', 'actor_sources', 'tie_sources', 'event_sources', 'event_participants', 'event_ties')
		ORDER BY name`, nil, func(rows *sql.Rows) error {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return err
		}
		drop, build = append(drop, name), append(build, def)
		return nil
	})
	if err != nil {
		return err
	}
	for _, name := range drop {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(name)); err != nil {
			return err
		}
	}
	if err := insertNew(ctx, tx, r); err != nil {
		return err
	}
	for _, def := range build {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return err
		}
	}
	return nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// nextID is the ID table gives its next new row: above every ID it holds
// or has held (AUTOINCREMENT's sqlite_sequence), so that an ID the history
// may put back is never given to another record.
func nextID(ctx context.Context, tx *sql.Tx, table string) (model.ID, error) {
	var top int64
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT max(coalesce((SELECT max(id) FROM %s), 0),
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = '%[1]s'), 0))`, table)).Scan(&top)
	return top + 1, err
}

// MergeInto reads the map and merges what add makes of it, in one write
// transaction: add sees the map as it is while no one else can write it,
// so that the checks it makes against the map (a name already taken)
// hold when its records are written. Two imports at once run one after
// the other, and the second sees the first's records. On failure nothing
// is written.
//
// The merge is recorded in the history under summary, so that the app can
// undo it: its inverse deletes the records it added (kinds it put stay).
func (s *Store) MergeInto(ctx context.Context, summary string, add func(base *model.Map) (*model.Map, error)) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	defer tx.Rollback()
	base, err := load(ctx, tx)
	if err != nil {
		return fmt.Errorf("merge map: load map %s: %w", s.path, loadError(ctx, s.loadLimit, err))
	}
	m, err := add(base)
	if err != nil {
		return err
	}
	stored, err := merge(ctx, tx, m)
	if err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := recordMerge(ctx, tx, summary, stored); err != nil {
		return fmt.Errorf("merge map: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge map: %w", fileError(err))
	}
	stored.apply(m)
	return nil
}

// recordMerge adds a merge to the history as a done entry.
func recordMerge(ctx context.Context, tx *sql.Tx, summary string, st *merged) error {
	applied := model.Change{Summary: summary, Put: model.Records{
		Sources: st.sources, Actors: st.actors, Ties: st.ties, Events: st.events}}
	for _, id := range slices.Sorted(maps.Keys(st.pins)) {
		applied.Put.Pins = append(applied.Put.Pins, model.Pin{Actor: id, At: st.pins[id]})
	}
	inverse := model.Change{Summary: summary, Delete: model.Deleted{
		Sources: collect(st.sources, func(x model.Source) model.ID { return x.ID }),
		Actors:  collect(st.actors, func(x model.Actor) model.ID { return x.ID }),
		Ties:    collect(st.ties, func(x model.Tie) model.ID { return x.ID }),
		Events:  collect(st.events, func(x model.Event) model.ID { return x.ID }),
	}}
	if _, err := tx.ExecContext(ctx, "UPDATE history SET state = 'dropped' WHERE state = 'undone'"); err != nil {
		return err
	}
	return record(ctx, tx, applied, inverse)
}

func collect[T any](records []T, id func(T) model.ID) []model.ID {
	ids := make([]model.ID, len(records))
	for i, r := range records {
		ids[i] = id(r)
	}
	return ids
}
