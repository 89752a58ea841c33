package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"relmap/model/sqlite"
)

func cmdHistory(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("history", "history --map FILE [--format text|json]", stderr)
	mapPath := fset.String("map", "", "map file (.relmap) whose history to list (required)")
	format := fset.String("format", "text", "text (one line per change) or json (every change in full)")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *mapPath == "" {
		return usageErr("history: --map is required")
	}
	if *format != "text" && *format != "json" {
		return usageErr("history: --format %q: want text or json", *format)
	}
	if _, err := os.Stat(*mapPath); err != nil {
		return fmt.Errorf("map %s: %w", *mapPath, err)
	}
	st, err := sqlite.Open(*mapPath)
	if err != nil {
		return err
	}
	defer st.Close()
	entries, err := st.History(context.Background())
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		type entry struct {
			At      time.Time `json:"at"`
			State   string    `json:"state"`
			Summary string    `json:"summary"`
			Change  any       `json:"change"`
		}
		out := make([]entry, 0, len(entries))
		for _, e := range entries {
			out = append(out, entry{e.At, string(e.State), e.Summary, e.Change})
		}
		return enc.Encode(out)
	}
	for _, e := range entries {
		fmt.Fprintf(stdout, "%s  %-7s  %s\n", e.At.UTC().Format(time.RFC3339), e.State, e.Summary)
	}
	return nil
}
