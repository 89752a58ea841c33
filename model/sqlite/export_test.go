package sqlite

import "database/sql"

// DBOf exposes a store's connection pool to the black-box tests.
func DBOf(s *Store) *sql.DB { return s.db }

// ReadDBOf exposes a store's reader pool to the black-box tests.
func ReadDBOf(s *Store) *sql.DB { return s.rdb }
