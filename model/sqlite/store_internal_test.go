package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"relmap/model"
)

const settings = "?_foreign_keys=on&_busy_timeout=5000&_stmt_cache_size=64&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate&_cache_size=-65536"

func TestDSN(t *testing.T) {
	tests := []struct {
		name string
		path string
		want string
	}{
		{"when the path is plain, should be a file URI with the settings",
			"/data/map.relmap", "file:///data/map.relmap" + settings},
		{"when the path has URI characters, should escape them",
			"/data/a b?c#d%e.relmap", "file:///data/a%20b%3Fc%23d%25e.relmap" + settings},
		{"when the path is not ASCII, should escape its bytes",
			"/data/México.relmap", "file:///data/M%C3%A9xico.relmap" + settings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dsn(tt.path, writeAccess, false)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("dsn(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
	t.Run("when the path is relative, should make it absolute", func(t *testing.T) {
		got, err := dsn("map.relmap", writeAccess, false)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs("map.relmap")
		if want := "file://" + filepath.ToSlash(abs); !strings.HasPrefix(got, want) {
			t.Errorf("dsn = %q, want it to start with %q", got, want)
		}
	})
}

func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range ms {
		if got, want := m.version, i+1; got != want {
			t.Errorf("migration %s has version %d, want %d", m.name, got, want)
		}
	}
}

func TestConstraintFailuresBecomeDomainErrors(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "map.relmap"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec("INSERT INTO actors (id, name, kind) VALUES (1, 'Mexico', 'country'), (2, 'Ecuador', 'country')"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sql  string
		want error
	}{
		{"when a foreign key fails, should be not found",
			"INSERT INTO ties (kind, from_actor, to_actor) VALUES ('relations', 1, 99)", model.ErrNotFound},
		{"when a primary key repeats, should be a conflict",
			"INSERT INTO actors (id, name, kind) VALUES (1, 'Peru', 'country')", model.ErrConflict},
		{"when a kind repeats, should be a conflict",
			"INSERT INTO kinds (class, name) VALUES ('actor', 'country')", model.ErrConflict},
		{"when a check fails, should be invalid",
			"INSERT INTO ties (kind, from_actor, to_actor) VALUES ('relations', 1, 1)", model.ErrInvalid},
		{"when a date has the wrong form, should be invalid",
			"UPDATE actors SET life_start = '5 April 2024' WHERE id = 1", model.ErrInvalid},
		{"when a required value is missing, should be invalid",
			"INSERT INTO events (date, kind, title) VALUES (NULL, 'raid', 'x')", model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.db.ExecContext(ctx, tt.sql)
			if err == nil {
				t.Fatal("the statement succeeded")
			}
			if got := domainError(err); !errors.Is(got, tt.want) {
				t.Errorf("domainError(%v) = %v, want one wrapping %v", err, got, tt.want)
			}
		})
	}
	t.Run("when the error is not a constraint, should pass it on", func(t *testing.T) {
		err := errors.New("disk on fire")
		if got := domainError(err); got != err {
			t.Errorf("domainError changed %v to %v", err, got)
		}
	})
}

func TestLoadReportsCorruptValues(t *testing.T) {
	tests := []struct {
		name  string
		sql   string
		wants []string
		is    error
	}{
		{"when a tie's end date is not a calendar date, should name table, row and column",
			"UPDATE ties SET end_date = '2023-02-30' WHERE id = 1", []string{"ties", "row 1", "end_date", "2023-02-30"}, model.ErrDate},
		{"when an actor's start has month 13, should name table, row and column",
			"UPDATE actors SET life_start = '2024-13' WHERE id = 2", []string{"actors", "row 2", "life_start"}, model.ErrDate},
		{"when an event's date is corrupt, should name table, row and column",
			"UPDATE events SET date = '0000' WHERE id = 1", []string{"events", "row 1", "date"}, model.ErrDate},
		{"when a source's date is corrupt, should name table, row and column",
			"UPDATE sources SET date = '2024-00' WHERE id = 1", []string{"sources", "row 1", "date"}, model.ErrDate},
		{"when attributes are not strings, should name table, row and column",
			`UPDATE actors SET attrs = '{"since": 1936}' WHERE id = 1`, []string{"actors", "row 1", "attrs"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(filepath.Join(t.TempDir(), "map.relmap"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			m := &model.Map{
				Sources: []model.Source{{ID: 1, Title: "s"}},
				Actors:  []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
				Ties:    []model.Tie{{ID: 1, Kind: "relations", From: 1, To: 2}},
				Events:  []model.Event{{ID: 1, Date: model.MustDate("2024"), Kind: "raid", Title: "Raid"}},
			}
			if err := s.Merge(ctx, m); err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.Exec(tt.sql); err != nil {
				t.Fatal(err)
			}
			_, err = s.Load(ctx)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Load error %q does not say %q", err, want)
				}
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Load error = %v, want one wrapping %v", err, tt.is)
			}
		})
	}
}
