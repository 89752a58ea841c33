package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"relmap/model"
)

// Create makes a new map file at path holding a copy of m, name and
// description included; it fails with ErrConflict if the file exists. Like
// Merge, it gives m's records their stored IDs.
//
// The map is built in a folder of its own under the system's temporary
// folder and moved to path only when it is complete and closed: if
// anything fails, or the process is killed, nothing is left at path, not
// even an empty file or a -wal beside it.
func Create(path string, m *model.Map) (*Store, error) {
	if err := CreateFile(path, m); err != nil {
		return nil, err
	}
	return Open(path)
}

// CreateFile is Create without opening the new map: once it returns,
// nothing holds the file, and a process killed after it leaves the map
// whole and alone, with no -wal or -shm beside it.
func CreateFile(path string, m *model.Map) error {
	if err := create(context.Background(), path, m); err != nil {
		return &model.Message{Format: "create map %s: %v", Args: []any{path, err}, Err: err}
	}
	return nil
}

func create(ctx context.Context, path string, m *model.Map) error {
	if m == nil {
		return fmt.Errorf("%w: no map", model.ErrInvalid)
	}
	if _, err := os.Lstat(path); err == nil {
		return &model.Message{Format: "conflict: the file exists", Err: model.ErrConflict}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir, err := os.MkdirTemp("", "relmap-new-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	built := filepath.Join(dir, "map.relmap")
	s, err := open(ctx, built)
	if err != nil {
		return err
	}
	err = s.fill(ctx, m)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return place(built, path)
}

// place moves the finished file from to the new path to, never replacing
// a file that appeared there meanwhile: a hard link where both lie on one
// file system, else a copy beside to, synced, then linked.
func place(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return existErr(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(to), "."+filepath.Base(to)+".new-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(from)
	if err != nil {
		tmp.Close()
		return err
	}
	defer src.Close()
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return existErr(os.Link(tmp.Name(), to))
}

// existErr says plainly that a file took the new map's place.
func existErr(err error) error {
	if errors.Is(err, fs.ErrExist) {
		return &model.Message{Format: "conflict: the file exists", Err: model.ErrConflict}
	}
	return err
}
