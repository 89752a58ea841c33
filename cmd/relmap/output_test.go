package main

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path. A test must never open it for
// writing: that would block until a reader came.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// exportJSON writes the default map as JSON to out and fails the test if
// that fails.
func exportJSON(t *testing.T, out string) {
	t.Helper()
	mustRun(t, "export", "--format", "json", "--out", out)
}

// holdsAMap checks that path is a regular file holding a map as JSON.
func holdsAMap(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() {
		t.Fatalf("%s is %v, want a regular file", path, fi.Mode())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decodeMap(t, string(b))
}

// isLinkTo checks that link is still a symbolic link to target.
func isLinkTo(t *testing.T, link, target string) {
	t.Helper()
	got, err := os.Readlink(link)
	if err != nil {
		t.Fatalf("%s is no longer a link: %v", link, err)
	}
	if got != target {
		t.Errorf("%s links to %s, want %s", link, got, target)
	}
}

func TestOutWritesThroughLinksAndKeepsTheMode(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (out string)
		check func(t *testing.T, dir string)
	}{
		{
			"onto a symlink, should keep the link and write the file it points at",
			func(t *testing.T, dir string) string {
				writeFile(t, filepath.Join(dir, "real.json"), "old")
				symlink(t, "real.json", filepath.Join(dir, "link.json"))
				return filepath.Join(dir, "link.json")
			},
			func(t *testing.T, dir string) {
				isLinkTo(t, filepath.Join(dir, "link.json"), "real.json")
				holdsAMap(t, filepath.Join(dir, "real.json"))
			},
		},
		{
			"onto a chain of symlinks, should write the file at its end",
			func(t *testing.T, dir string) string {
				if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(dir, "sub", "real.json"), "old")
				symlink(t, "real.json", filepath.Join(dir, "sub", "inner.json"))
				symlink(t, filepath.Join("sub", "inner.json"), filepath.Join(dir, "outer.json"))
				return filepath.Join(dir, "outer.json")
			},
			func(t *testing.T, dir string) {
				isLinkTo(t, filepath.Join(dir, "outer.json"), filepath.Join("sub", "inner.json"))
				isLinkTo(t, filepath.Join(dir, "sub", "inner.json"), "real.json")
				holdsAMap(t, filepath.Join(dir, "sub", "real.json"))
			},
		},
		{
			"onto a dangling symlink, should create the file it names",
			func(t *testing.T, dir string) string {
				symlink(t, "new.json", filepath.Join(dir, "link.json"))
				return filepath.Join(dir, "link.json")
			},
			func(t *testing.T, dir string) {
				isLinkTo(t, filepath.Join(dir, "link.json"), "new.json")
				holdsAMap(t, filepath.Join(dir, "new.json"))
			},
		},
		{
			"onto a file of mode 0640, should keep 0640",
			func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "map.json")
				writeFile(t, p, "old")
				if err := os.Chmod(p, 0o640); err != nil {
					t.Fatal(err)
				}
				return p
			},
			func(t *testing.T, dir string) {
				p := filepath.Join(dir, "map.json")
				holdsAMap(t, p)
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o640 {
					t.Errorf("mode %v (%v), want 0640", fi.Mode().Perm(), err)
				}
			},
		},
		{
			"onto a new file, should give it 0666 less the umask, as os.Create does",
			func(t *testing.T, dir string) string {
				old := syscall.Umask(0o022)
				t.Cleanup(func() { syscall.Umask(old) })
				return filepath.Join(dir, "map.json")
			},
			func(t *testing.T, dir string) {
				p := filepath.Join(dir, "map.json")
				holdsAMap(t, p)
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o644 {
					t.Errorf("mode %v (%v), want 0644", fi.Mode().Perm(), err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			exportJSON(t, tt.setup(t, dir))
			tt.check(t, dir)
			for _, name := range files(t, dir) {
				if strings.HasPrefix(name, ".relmap-") {
					t.Errorf("a temporary file %s was left behind", name)
				}
			}
		})
	}
}

func TestOutRefusesWhatIsNotAFile(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string) (out string)
		kind    fs.FileMode // what out, or what it links to, must still be
		wantErr string
	}{
		{
			"onto a named pipe, should refuse and leave the pipe",
			func(t *testing.T, dir string) string {
				mkfifo(t, filepath.Join(dir, "p"))
				return filepath.Join(dir, "p")
			},
			fs.ModeNamedPipe, "/p is a named pipe, not a regular file; give a file name",
		},
		{
			"onto a symlink to a named pipe, should refuse and name both",
			func(t *testing.T, dir string) string {
				mkfifo(t, filepath.Join(dir, "p"))
				symlink(t, "p", filepath.Join(dir, "link"))
				return filepath.Join(dir, "link")
			},
			fs.ModeNamedPipe, "/link leads to " + "DIR/p, a named pipe, not a regular file",
		},
		{
			"onto a folder, should refuse and leave the folder",
			func(t *testing.T, dir string) string {
				if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(dir, "d")
			},
			fs.ModeDir, "/d is a folder, not a regular file; give a file name",
		},
		{
			"onto a socket, should refuse and leave the socket",
			func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "s")
				l, err := net.Listen("unix", p)
				if err != nil {
					t.Skipf("no unix sockets here: %v", err)
				}
				l.(*net.UnixListener).SetUnlinkOnClose(false)
				t.Cleanup(func() { l.Close() })
				return p
			},
			fs.ModeSocket, "/s is a socket, not a regular file; give a file name",
		},
	}
	for _, cmd := range []struct {
		name string
		args []string
	}{
		{"render", []string{"render", "--at", "2024-04-05", "--width", "200", "--height", "150"}},
		{"export json", []string{"export", "--format", "json"}},
		{"export positions", []string{"export", "--format", "positions"}},
	} {
		for _, tt := range tests {
			t.Run(cmd.name+" "+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				out := tt.setup(t, dir)
				before := files(t, dir)
				code, stdout, stderr := relmap(t, append(cmd.args, "--out", out)...)
				if code != 2 {
					t.Errorf("exit = %d, want 2", code)
				}
				if stdout != "" {
					t.Errorf("stdout = %q, want nothing", stdout)
				}
				oneLine(t, stderr, cmd.args[0]+": --out "+dir)
				oneLine(t, stderr, strings.ReplaceAll(tt.wantErr, "DIR", dir))
				fi, err := os.Stat(out)
				if err != nil {
					t.Fatal(err)
				}
				if got := fi.Mode().Type(); got != tt.kind {
					t.Errorf("%s is now %v, want %v", out, got, tt.kind)
				}
				if got := files(t, dir); strings.Join(got, " ") != strings.Join(before, " ") {
					t.Errorf("the folder holds %q, want %q", got, before)
				}
			})
		}
	}
}

// An --out in a folder that does not exist is refused before any work,
// naming the folder: the error of writing there named a hidden temporary
// file the user never gave.
func TestOutIntoNoFolderSaysWhichFolder(t *testing.T) {
	for _, args := range [][]string{
		{"render", "--at", "2024-04-05", "--width", "200", "--height", "150"},
		{"export", "--format", "json"},
	} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "missing", "crisis.png")
			code, stdout, stderr := relmap(t, append(args, "--out", out)...)
			if code != 2 || stdout != "" {
				t.Errorf("exit = %d, stdout %q; want 2 and nothing", code, stdout)
			}
			oneLine(t, stderr, args[0]+": --out "+out+": there is no folder "+filepath.Join(dir, "missing"))
			if strings.Contains(stderr, ".relmap-") {
				t.Errorf("the error names a temporary file: %q", stderr)
			}
		})
	}
}

func TestExportCSVRefusesATableThatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "ties.csv")
	mkfifo(t, pipe)
	// Hold the reading end open, so that a command that wrongly writes into
	// the pipe does not block.
	r, err := os.OpenFile(pipe, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	code, _, stderr := relmap(t, "export", "--format", "csv", "--out", dir)
	if code != 2 {
		t.Errorf("exit = %d, want 2", code)
	}
	oneLine(t, stderr, pipe+" is a named pipe, not a regular file")
	if got := files(t, dir); strings.Join(got, " ") != "ties.csv" {
		t.Errorf("the folder holds %q, want only the pipe", got)
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode().Type() != fs.ModeNamedPipe {
		t.Errorf("ties.csv is no longer a named pipe (%v)", err)
	}
}
