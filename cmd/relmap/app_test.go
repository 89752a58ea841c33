package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A map named on the command line that cannot be opened (a file that is
// no map, double-clicked in a file manager) is refused with the reason,
// left as it was, and the app opens on the map it opens without one,
// rather than showing no window at all.
func TestAMapThatCannotBeOpenedIsRefusedAndAnotherOpens(t *testing.T) {
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	bad := filepath.Join(t.TempDir(), "hostname.relmap")
	if err := os.WriteFile(bad, []byte("relmap-host\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, opened, refused, err := openFirstMap(bad)
	if err != nil {
		t.Fatalf("no map opened: %v", err)
	}
	defer st.Close()
	if refused == nil || !strings.Contains(refused.Error(), "not a relmap file") {
		t.Errorf("the bad file was refused with %v, want why", refused)
	}
	if filepath.Base(opened) != "mexico-ecuador-2024.relmap" {
		t.Errorf("the app opened %s, want the default map", opened)
	}
	if data, _ := os.ReadFile(bad); string(data) != "relmap-host\n" {
		t.Errorf("the refused file now holds %q", data)
	}
	// A good map named opens, with nothing refused.
	st2, opened2, refused2, err := openFirstMap(opened)
	if err != nil || refused2 != nil || opened2 != opened {
		t.Errorf("the default map named: opened %s, refused %v, %v", opened2, refused2, err)
	}
	if st2 != nil {
		st2.Close()
	}
}
