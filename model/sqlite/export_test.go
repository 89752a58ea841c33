package sqlite

import "database/sql"

// DBOf exposes a store's connection pool to the black-box tests.
func DBOf(s *Store) *sql.DB { return s.db }
