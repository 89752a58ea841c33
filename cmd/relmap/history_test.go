package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestHistoryListsTheImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.relmap")
	mustRun(t, append([]string{"import", "--map", path}, csvTables(t, "First", 3)...)...)
	mustRun(t, append([]string{"import", "--map", path}, csvTables(t, "Second", 2)...)...)
	out := mustRun(t, "history", "--map", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "done") || !strings.Contains(lines[0], "Import actors.csv, ties.csv") {
		t.Errorf("history = %q, want one done import (the first made the map)", out)
	}
	var entries []struct {
		State, Summary string
		Change         struct {
			Put struct {
				Actors []struct{ Name string }
			}
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "history", "--map", path, "--format", "json")), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || len(entries[0].Change.Put.Actors) != 2 || entries[0].Change.Put.Actors[0].Name != "Second 0" {
		t.Errorf("history as JSON = %+v", entries)
	}
	code, _, stderr := relmap(t, "history")
	if code != 2 {
		t.Errorf("history without --map: exit %d", code)
	}
	oneLine(t, stderr, "--map is required")
}

func TestImportJSON(t *testing.T) {
	dir := t.TempDir()
	jsonPath := filepath.Join(dir, "map.json")
	mustRun(t, "export", "--format", "json", "--out", jsonPath)
	want := decodeMap(t, mustRun(t, "export", "--format", "json"))
	path := filepath.Join(dir, "new.relmap")
	mustRun(t, "import", "--map", path, "--format", "json", jsonPath)
	got := decodeMap(t, mustRun(t, "export", "--map", path, "--format", "json"))
	if len(got.Actors) != len(want.Actors) || len(got.Ties) != len(want.Ties) || len(got.Events) != len(want.Events) {
		t.Errorf("imported %d actors, %d ties, %d events; want %d, %d, %d",
			len(got.Actors), len(got.Ties), len(got.Events), len(want.Actors), len(want.Ties), len(want.Events))
	}
	code, _, stderr := relmap(t, "import", "--map", path, "--format", "json", jsonPath)
	if code == 0 {
		t.Fatal("a second import of the same map succeeded")
	}
	oneLine(t, stderr, "is already in the map")
}
