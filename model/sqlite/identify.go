package sqlite

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"relmap/model"
)

// fileState is what identify learnt of a map file without writing to it.
type fileState struct {
	exists    bool
	readOnly  bool // the file or its folder cannot be written
	immutable bool // read-only, no WAL beside it, and no -shm can be made
}

// sqliteMagic begins every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// writable reports whether the user may write path; a variable so that
// tests run as root can see a read-only file.
var writable = func(path string) bool { return syscall.Access(path, 2 /* W_OK */) == nil }

// identify reads the file at path, if there is one, and says whether it
// is a relmap map, before SQLite opens it: a missing file is a new map; an
// empty file, a folder, a device, a file that is not a SQLite database or
// one with another application's ID is refused with ErrNotRelmap.
func identify(path string) (fileState, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fileState{}, nil
	}
	if err != nil {
		return fileState{}, err
	}
	switch {
	case info.IsDir():
		return fileState{}, &model.Message{Format: "not a relmap file: it is a folder", Err: ErrNotRelmap}
	case !info.Mode().IsRegular():
		return fileState{}, &model.Message{Format: "not a relmap file: it is not a regular file", Err: ErrNotRelmap}
	case info.Size() == 0:
		return fileState{}, &model.Message{Format: "not a relmap file: the file is empty", Err: ErrNotRelmap}
	}
	header, err := readHeader(path)
	if err != nil {
		return fileState{}, err
	}
	if len(header) < 100 || !bytes.HasPrefix(header, sqliteMagic) {
		return fileState{}, &model.Message{Format: "not a relmap file: it is not a SQLite database", Err: ErrNotRelmap}
	}
	dir := filepath.Dir(path)
	_, walErr := os.Stat(path + "-wal")
	hasWAL := walErr == nil
	f := fileState{exists: true, readOnly: !writable(path) || !writable(dir)}
	f.immutable = f.readOnly && !writable(dir) && !hasWAL
	// The application ID lives in the header (bytes 68–71). A map whose
	// first transaction is still only in its WAL has a blank header there:
	// ask SQLite, read-only.
	switch id := binary.BigEndian.Uint32(header[68:72]); {
	case id == applicationID:
	case id == 0 && hasWAL:
		if err := checkAppID(path, f); err != nil {
			return fileState{}, err
		}
	default:
		return fileState{}, otherApplication()
	}
	return f, nil
}

// readHeader reads the first 100 bytes of the file (fewer if it is
// shorter).
func readHeader(path string) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(file, header)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return header[:n], nil
}

// checkAppID reads the application ID through a read-only connection.
func checkAppID(path string, f fileState) error {
	a := readAccess
	if f.readOnly {
		a = readOnlyAccess
	}
	db, err := openPool(path, a, f.immutable)
	if err != nil {
		return err
	}
	defer db.Close()
	var id int64
	if err := db.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&id); err != nil {
		return fileError(err)
	}
	if id != applicationID {
		return otherApplication()
	}
	return nil
}

// otherApplication refuses a SQLite database that is not a relmap map.
func otherApplication() error {
	return &model.Message{Format: "not a relmap file: a SQLite database of another application", Err: ErrNotRelmap}
}
