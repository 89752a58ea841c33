package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"relmap/model"
)

func cmdDiff(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("diff", "diff [--map FILE] --from YYYY-MM-DD --to YYYY-MM-DD [--format text|json|csv] [--out PATH]", stderr)
	mapPath := fset.String("map", "", "map file (.relmap); the default map when empty")
	fromFlag := fset.String("from", "", "the first date, YYYY-MM-DD (required)")
	toFlag := fset.String("to", "", "the second date, YYYY-MM-DD (required)")
	format := fset.String("format", "text", "text, json or csv")
	out := fset.String("out", "", "file to write; standard output when empty")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *fromFlag == "" || *toFlag == "" {
		return usageErr("diff: --from and --to are required")
	}
	from, err := model.ParseDay(*fromFlag)
	if err != nil {
		return usageErr("diff: --from: %v", err)
	}
	to, err := model.ParseDay(*toFlag)
	if err != nil {
		return usageErr("diff: --to: %v", err)
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return usageErr("diff: --format %q: want text, json or csv", *format)
	}
	if *out != "" {
		if err := checkOut("diff", *out); err != nil {
			return err
		}
	}
	m, err := loadMap(*mapPath)
	if err != nil {
		return err
	}
	rows := m.DiffRows(m.Diff(from, to))
	write := func(w io.Writer) error {
		switch *format {
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				From string          `json:"from"`
				To   string          `json:"to"`
				Rows []model.DiffRow `json:"changes"`
			}{from.String(), to.String(), rows})
		case "csv":
			cw := csv.NewWriter(w)
			cw.Write([]string{"change", "record", "id", "description", "date"})
			for _, r := range rows {
				cw.Write([]string{r.Change, r.Record, fmt.Sprint(r.ID), r.Text, r.Date})
			}
			cw.Flush()
			return cw.Error()
		}
		fmt.Fprintf(w, "From %s to %s: %d changes\n", from, to, len(rows))
		for _, r := range rows {
			change, text := r.Change, r.Text
			if r.Record == "event" {
				// An event is dated, as a tie's span is.
				change, text = "happened", r.Date+" "+r.Text
			}
			fmt.Fprintf(w, "%s %-8s %-5s %s\n", r.Mark(), change, r.Record, text)
		}
		return nil
	}
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomic(*out, write)
}
