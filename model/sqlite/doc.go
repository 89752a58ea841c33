// Package sqlite keeps a relmap map in a SQLite file (extension .relmap). It
// implements model.Store over github.com/mattn/go-sqlite3 and is the only
// package that imports it.
//
// A map file may come from anyone, so a Store trusts nothing in it:
//   - Open identifies the file by reading its header (SQLite's magic and
//     relmap's application ID) before SQLite opens it, then checks the
//     schema on a read-only connection: an object that relmap's migrations
//     did not create, or one of theirs that was changed, is refused by
//     name (checkSchema). Only then does a writer open, which turns the
//     file to WAL mode and applies missing migrations. A refused file is
//     left byte for byte as it was.
//   - Every connection runs in SQLite's defensive mode with trusted_schema
//     OFF and secure_delete ON: nothing in the file runs, and deleted
//     records are overwritten, not left in free pages.
//   - Load is bounded in time (LoadLimit) and interrupted past it.
//
// A Store is safe for concurrent use. It has one writer connection, whose
// transactions begin IMMEDIATE (two writers queue rather than fail half
// way; a writer that waits more than five seconds gets ErrBusy) and commit
// with synchronous=FULL (an edit that returned survives power loss), and a
// pool of query-only readers, which in WAL mode never wait for the writer.
// A file the user cannot write, or in a folder the user cannot write,
// opens read-only. Each exported method runs in one transaction: it
// either changes everything it was asked to or nothing; MergeInto makes
// the checks of an import against the map in the same transaction as its
// writes. Create builds a new file aside and moves it into place whole.
//
// The schema lives in numbered, append-only SQL files under migrations/,
// embedded in the binary. Open applies those a file lacks, each in its own
// transaction together with PRAGMA user_version, and refuses files written
// by a newer schema. Constraint failures come back as the model's
// ErrNotFound, ErrConflict and ErrInvalid, so that callers can tell them
// apart with errors.Is; a damaged file is ErrDamaged, in the same words
// for every command.
package sqlite
