package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// The files that render and export write with --out are replaced whole,
// through a temporary file renamed over them, so that a failed write leaves
// the earlier file as it was. Only regular files are replaced, and they
// keep their permission bits; a new file gets 0666 less the umask, as
// os.Create gives. A symbolic link is followed and stays a link: the file
// it leads to is written, or created when the link dangles. Anything else
// that --out may name (a named pipe, a device such as /dev/null, a socket,
// a folder) is refused before any work is done, and nothing is written.

// maxLinks is how many symbolic links resolveOut follows, as Linux does.
const maxLinks = 40

// notRegularError says that an --out path is, or leads to, something other
// than a regular file.
type notRegularError struct {
	path   string
	target string // path with its links followed
	kind   string // "a named pipe", "a folder", ...
}

func (e *notRegularError) Error() string {
	if e.target == e.path {
		return fmt.Sprintf("%s is %s, not a regular file", e.path, e.kind)
	}
	return fmt.Sprintf("%s leads to %s, %s, not a regular file", e.path, e.target, e.kind)
}

// resolveOut follows path's symbolic links to the file that writing path
// replaces, and returns its name and, when it exists, its info (nil for a
// file yet to be created). It returns a *notRegularError when path is, or
// leads to, anything but a regular file.
func resolveOut(path string) (string, fs.FileInfo, error) {
	p := path
	for links := 0; ; links++ {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.Mode().IsRegular() {
				return "", nil, &notRegularError{path: path, target: p, kind: kindOf(fi.Mode())}
			}
			return p, fi, nil
		}
		if links == maxLinks {
			return "", nil, fmt.Errorf("%s: more than %d symbolic links in a row", path, maxLinks)
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
}

// kindOf names the type of a file that is not a regular file.
func kindOf(m fs.FileMode) string {
	switch m.Type() {
	case fs.ModeDir:
		return "a folder"
	case fs.ModeNamedPipe:
		return "a named pipe"
	case fs.ModeSocket:
		return "a socket"
	case fs.ModeDevice | fs.ModeCharDevice:
		return "a character device"
	case fs.ModeDevice:
		return "a block device"
	}
	return "a special file"
}

// checkOut refuses, before cmd does any work, an --out path that
// writeFileAtomic would refuse.
func checkOut(cmd, path string) error {
	target, _, err := resolveOut(path)
	var nr *notRegularError
	if errors.As(err, &nr) {
		return usageErr("%s: --out %v; give a file name", cmd, err)
	}
	if err != nil {
		return fmt.Errorf("%s: --out: %w", cmd, err)
	}
	if err := folderOf(target); err != nil {
		return usageErr("%s: --out %s: %v", cmd, path, err)
	}
	return nil
}

// folderOf checks that the folder a file is to be written in is one: the
// error of writing into none would name the temporary file, not it.
func folderOf(file string) error {
	dir := filepath.Dir(file)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("there is no folder %s", dir)
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

// checkOutFolder refuses, before cmd does any work, an --out folder dir
// in which one of the files names is not a regular file.
func checkOutFolder(cmd, dir string, names ...string) error {
	for _, name := range names {
		_, _, err := resolveOut(filepath.Join(dir, name))
		var nr *notRegularError
		if errors.As(err, &nr) {
			return usageErr("%s: --out %s: %v; remove it or give another folder", cmd, dir, err)
		}
		if err != nil {
			return fmt.Errorf("%s: --out: %w", cmd, err)
		}
	}
	return nil
}

// writeFileAtomic writes the regular file path, or the one its symbolic
// links lead to, through a temporary file in the same folder, so that a
// failed write leaves any earlier file untouched. It keeps an existing
// file's permission bits, and refuses to replace anything but a regular
// file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	target, old, err := resolveOut(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	perm := fs.FileMode(0o666) // less the umask
	if old != nil {
		perm = 0o600 // until the write is done, then old's bits
	}
	if err := folderOf(target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := createTemp(filepath.Dir(target), perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil && old != nil {
		err = tmp.Chmod(old.Mode().Perm())
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// createTemp creates a new file named .relmap-* in dir, with the
// permission bits perm less the umask. Unlike os.CreateTemp, which always
// gives 0600, it lets a new file get the bits os.Create would give it.
func createTemp(dir string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, ".relmap-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("create a temporary file in %s: too many tries", dir)
}
