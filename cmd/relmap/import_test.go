package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportRefusesInputsThatAreNoTables(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skipf("no /dev/zero here: %v", err)
	}
	tests := []struct {
		name    string
		tables  func(t *testing.T, dir string) []string
		wantErr string // DIR is the tables' folder
	}{
		{
			"/dev/zero as the actors table, should stop at the row's limit",
			func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "ties.csv"), "From,To,Type\n")
				return []string{"/dev/zero", filepath.Join(dir, "ties.csv")}
			},
			"/dev/zero:1: a record longer than the 1 MiB limit of one row",
		},
		{
			"a table whose third row is over 1 MiB, should name the file and line",
			func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "actors.csv"), "Label,Notes\nA,short\nB,"+strings.Repeat("long ", 1<<18)+"\nC,short\n")
				writeFile(t, filepath.Join(dir, "ties.csv"), "From,To,Type\n")
				return []string{filepath.Join(dir, "actors.csv"), filepath.Join(dir, "ties.csv")}
			},
			"DIR/actors.csv:3: a record longer than the 1 MiB limit of one row",
		},
		{
			"a folder as the ties table, should refuse it",
			func(t *testing.T, dir string) []string {
				writeFile(t, filepath.Join(dir, "actors.csv"), "Label\nA\n")
				if err := os.Mkdir(filepath.Join(dir, "ties.csv"), 0o755); err != nil {
					t.Fatal(err)
				}
				return []string{filepath.Join(dir, "actors.csv"), filepath.Join(dir, "ties.csv")}
			},
			"import: DIR/ties.csv is a folder, not a CSV file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, mapDir := t.TempDir(), t.TempDir()
			args := append([]string{"import", "--map", filepath.Join(mapDir, "new.relmap")}, tt.tables(t, dir)...)
			code, stdout, stderr := relmap(t, args...)
			if code != 1 {
				t.Errorf("exit = %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			oneLine(t, stderr, strings.ReplaceAll(tt.wantErr, "DIR", dir))
			if got := files(t, mapDir); len(got) != 0 {
				t.Errorf("the map's folder holds %q, want nothing", got)
			}
		})
	}
}
