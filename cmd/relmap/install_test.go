package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallScript installs relmap into a temporary home with
// scripts/install.sh (fyne package, the launcher, the icon, the .relmap
// file type) and uninstalls it.
func TestInstallScript(t *testing.T) {
	if testing.Short() {
		t.Skip("installing is skipped in -short mode")
	}
	home := t.TempDir()
	data := filepath.Join(home, "share")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("bash", append([]string{"../../scripts/install.sh"}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+data)
		for _, keep := range []string{"GOCACHE", "GOPATH", "GOMODCACHE"} {
			if v, err := exec.Command("go", "env", keep).Output(); err == nil {
				cmd.Env = append(cmd.Env, keep+"="+strings.TrimSpace(string(v)))
			}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("install.sh %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run()
	launcher := filepath.Join(data, "applications", "io.relmap.desktop.desktop")
	for _, f := range []string{
		filepath.Join(home, ".local", "bin", "relmap"),
		launcher,
		filepath.Join(data, "icons", "hicolor", "256x256", "apps", "io.relmap.desktop.png"),
		filepath.Join(data, "mime", "packages", "io.relmap.desktop.xml"),
	} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}
	desktop, _ := os.ReadFile(launcher)
	if !strings.Contains(string(desktop), "MimeType=application/x-relmap;") || !strings.Contains(string(desktop), "relmap %f") {
		t.Errorf("the launcher does not open .relmap files:\n%s", desktop)
	}
	mime, _ := os.ReadFile(filepath.Join(data, "mime", "packages", "io.relmap.desktop.xml"))
	if !strings.Contains(string(mime), `<glob pattern="*.relmap"/>`) {
		t.Errorf("the MIME type does not claim .relmap:\n%s", mime)
	}
	run("--uninstall")
	for _, f := range []string{filepath.Join(home, ".local", "bin", "relmap"), launcher, filepath.Join(data, "mime", "packages", "io.relmap.desktop.xml")} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("still there after --uninstall: %s", f)
		}
	}
}
