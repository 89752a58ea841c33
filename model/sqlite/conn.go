package sqlite

/*
typedef struct sqlite3 sqlite3;
int sqlite3_db_config(sqlite3*, int op, ...);

// relmap_defensive turns on SQLite's defensive mode
// (SQLITE_DBCONFIG_DEFENSIVE, 1010) and returns whether it is on, or -1.
static int relmap_defensive(void *db) {
	int on = -1;
	if (sqlite3_db_config((sqlite3*)db, 1010, 1, &on) != 0) return -1;
	return on;
}
*/
import "C"

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"unsafe"

	"github.com/mattn/go-sqlite3"

	"relmap/model"
)

// driverName is go-sqlite3's driver with the settings that make a map file
// inert: every connection it opens is set up by harden.
const driverName = "sqlite3_relmap"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: harden})
}

// harden sets up a new connection so that nothing in a map file runs and
// nothing deleted stays in it:
//   - defensive mode (SQLITE_DBCONFIG_DEFENSIVE): no statement can corrupt
//     the file, writable_schema and the like are off;
//   - trusted_schema OFF: functions with side effects and virtual tables
//     cannot be used from the schema (views, triggers, defaults, checks);
//   - secure_delete ON: deleted content is overwritten with zeros.
//
// The schema itself is checked when the file is opened (checkSchema).
func harden(c *sqlite3.SQLiteConn) error {
	if on := C.relmap_defensive(rawHandle(c)); on != 1 {
		return errors.New("sqlite: cannot turn on defensive mode")
	}
	for _, pragma := range []string{"PRAGMA trusted_schema = OFF", "PRAGMA secure_delete = ON"} {
		if _, err := c.Exec(pragma, nil); err != nil {
			return fmt.Errorf("sqlite: %s: %w", pragma, err)
		}
	}
	return nil
}

// rawHandle is the connection's sqlite3 pointer, which go-sqlite3 does not
// export; the field is read once per connection, right after it opens.
func rawHandle(c *sqlite3.SQLiteConn) unsafe.Pointer {
	f := reflect.ValueOf(c).Elem().FieldByName("db")
	return *(*unsafe.Pointer)(unsafe.Pointer(f.UnsafeAddr()))
}

// access is how a store reaches its file.
type access int

const (
	// writeAccess: the one writer connection. Transactions begin
	// IMMEDIATE, so that two writers queue rather than fail half way,
	// and commit with synchronous=FULL, durable on power loss.
	writeAccess access = iota
	// readAccess: reader connections of a writable file. In WAL mode a
	// reader never waits for a writer; transactions begin DEFERRED and
	// the connection is query-only.
	readAccess
	// readOnlyAccess: a file the user cannot write, or in a folder the
	// user cannot write. Opened read-only; immutable when SQLite could
	// not keep its shared-memory file beside it and no WAL is there to
	// be read.
	readOnlyAccess
)

// dsn is the go-sqlite3 data source name for the file at path: an absolute
// file: URI, so that '?', '#' and '%' in the path stay part of it, with the
// settings every pooled connection of the access must have.
func dsn(path string, a access, immutable bool) (string, error) {
	if path == "" {
		return "", fmt.Errorf("%w: no file name", model.ErrInvalid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	q := "?_foreign_keys=on&_busy_timeout=5000&_stmt_cache_size=64"
	switch a {
	case writeAccess:
		q += "&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate&_cache_size=-65536"
	case readAccess:
		q += "&mode=ro&_query_only=1&_txlock=deferred"
	case readOnlyAccess:
		q += "&mode=ro&_query_only=1&_txlock=deferred"
		if immutable {
			q += "&immutable=1"
		}
	}
	return u.String() + q, nil
}
