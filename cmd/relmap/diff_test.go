package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestDiffOfTheDefaultMap(t *testing.T) {
	out := mustRun(t, "diff", "--from", "2024-04-04", "--to", "2024-04-07")
	for _, want := range []string{
		"+ began    tie   Mexico – Ecuador: Relations severed",
		"- ended    tie   Mexico – Ecuador: Diplomatic relations",
		"* happened event 2024-04-05 Ecuadorian police raid the Mexican Embassy",
		"± between  tie   Ecuador police – Jorge Glas: Arrest / detention (arrested in the raid), 2024-04-05 – 2024-04-06",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff text lacks %q:\n%s", want, out)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(mustRun(t, "diff", "--from", "2024-04-04", "--to", "2024-04-07", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "change,record,id,description,date" || len(rows) != 25 {
		t.Errorf("diff csv: header %v and %d rows, want 24 changes (two ties began and ended between the dates)", rows[0], len(rows)-1)
	}
	for _, bad := range [][]string{
		{"diff", "--from", "2024-04-04"},
		{"diff", "--from", "2024-13-40", "--to", "2024-04-07"},
		{"diff", "--from", "2024-04-04", "--to", "2024-04-07", "--format", "xml"},
	} {
		if code, _, stderr := relmap(t, bad...); code != 2 {
			t.Errorf("relmap %v: exit %d, stderr %q; want a usage error", bad, code, stderr)
		}
	}
}

func TestExportMetrics(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(mustRun(t, "export", "--format", "metrics", "--at", "2024-04-07"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "id,name,kind,degree,betweenness,pagerank,community" {
		t.Errorf("header %q", got)
	}
	// Ecuador is the most between on 7 April: its ties, and the police and
	// the presidency that belong to it (links count as the layout counts
	// them: model.Snapshot.Links).
	if len(rows) != 27 || rows[1][1] != "Ecuador" || rows[2][1] != "Mexico" {
		t.Errorf("%d rows, first %v, %v; want 26 actors, Ecuador then Mexico first", len(rows)-1, rows[1], rows[2])
	}
	if code, _, stderr := relmap(t, "export", "--format", "metrics"); code != 2 {
		t.Errorf("metrics without --at: exit %d, %q", code, stderr)
	}
}
