package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	"relmap/model"
)

// schemaObject is one row of sqlite_schema.
type schemaObject struct {
	kind, name, sql string
}

func (o schemaObject) String() string { return fmt.Sprintf("%s %q", o.kind, o.name) }

// expectedSchemas caches, by schema version, the objects that relmap's
// migrations up to that version create.
var expectedSchemas sync.Map // int → map[string]schemaObject

// expectedSchema is what relmap's first version migrations create, by
// type and name: worked out once by applying them to an empty database in
// memory, so that the comparison sees SQLite's own normalised text.
func expectedSchema(ctx context.Context, version int) (map[string]schemaObject, error) {
	if got, ok := expectedSchemas.Load(version); ok {
		return got.(map[string]schemaObject), nil
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, m := range ms[:version] {
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	objects, err := schemaOf(ctx, db)
	if err != nil {
		return nil, err
	}
	expectedSchemas.Store(version, objects)
	return objects, nil
}

// schemaOf reads sqlite_schema, by type and name.
func schemaOf(ctx context.Context, db *sql.DB) (map[string]schemaObject, error) {
	rows, err := db.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	objects := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			return nil, err
		}
		objects[o.kind+" "+o.name] = o
	}
	return objects, rows.Err()
}

// checkSchema refuses a file whose schema is not exactly what relmap's
// migrations up to version create: a trigger, view, table or index that
// someone added, or one of relmap's changed, could run code or hide data
// when the map is read or written. SQLite's statistics tables, which
// ANALYZE makes and which hold no code, are allowed. The error names
// every object that differs.
func checkSchema(ctx context.Context, db *sql.DB, version int) error {
	want, err := expectedSchema(ctx, version)
	if err != nil {
		return err
	}
	got, err := schemaOf(ctx, db)
	if err != nil {
		return err
	}
	var added, changed, missing []string
	for key, o := range got {
		w, ok := want[key]
		switch {
		case !ok && o.kind == "table" && strings.HasPrefix(o.name, "sqlite_stat"):
		case !ok:
			added = append(added, o.String())
		case w.sql != o.sql:
			changed = append(changed, o.String())
		}
	}
	for key, o := range want {
		if _, ok := got[key]; !ok {
			missing = append(missing, o.String())
		}
	}
	var problems []string
	for _, p := range []struct {
		what string
		list []string
	}{{"holds what relmap did not create", added}, {"has changed", changed}, {"lacks", missing}} {
		if len(p.list) > 0 {
			sort.Strings(p.list)
			problems = append(problems, p.what+": "+strings.Join(p.list, ", "))
		}
	}
	if len(problems) > 0 {
		return &model.Message{Format: "not a relmap file: its schema %s", Args: []any{strings.Join(problems, "; its schema ")}, Err: ErrNotRelmap}
	}
	return nil
}
