// Package sqlite keeps a relmap map in a SQLite file (extension .relmap). It
// implements model.Store over github.com/mattn/go-sqlite3 and is the only
// package that imports it.
//
// A Store is safe for concurrent use. Every connection of its pool runs with
// foreign keys on, in WAL mode, waiting up to five seconds for a lock, and
// begins its transactions IMMEDIATE, so that two writers queue rather than
// fail half way. Each exported method runs in one transaction: it either
// changes everything it was asked to or nothing.
//
// The schema lives in numbered, append-only SQL files under migrations/,
// embedded in the binary. Open applies those a file lacks, each in its own
// transaction together with PRAGMA user_version, and refuses files written
// by a newer schema. Constraint failures come back as the model's
// ErrNotFound, ErrConflict and ErrInvalid, so that callers can tell them
// apart with errors.Is.
package sqlite
