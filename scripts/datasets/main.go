// Command datasets converts shared third-party data sets into relmap's CSV
// tables (actors.csv and ties.csv, as model/csvio reads them) and generates
// a synthetic long-history map for load tests.
//
// Usage:
//
//	go run ./scripts/datasets pocom    [--close-at-successor] SRC_DIR OUT_DIR
//	go run ./scripts/datasets missions [--system cow|gw] SRC_DIR OUT_DIR
//	go run ./scripts/datasets generate [--actors N --ties M --dates D --seed S] OUT_DIR
//
// pocom reads the Office of the Historian's Principal Officers & Chiefs of
// Mission (../shared/datasets/us_pocom): people linked to the countries and
// organisations they were accredited to. missions reads Kenkel's U.S.
// diplomatic mission status ranges (../shared/datasets/us_diplomatic_missions):
// one United States node with typed, dated ties to every country. generate
// writes a deterministic random map shaped like a long history.
//
// Each command writes OUT_DIR/actors.csv and OUT_DIR/ties.csv and prints
// "N actors, M ties, D distinct dates", where D counts the days on which an
// actor's life or a tie's span begins or ends (model.Span's From and Until).
// Notes about dropped or adjusted rows go to stderr.
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"relmap/model"
)

const usage = `Usage:
  datasets pocom    [--close-at-successor] SRC_DIR OUT_DIR
  datasets missions [--system cow|gw] SRC_DIR OUT_DIR
  datasets generate [--actors 10000 --ties 20000 --dates 20000 --seed 1] OUT_DIR

pocom     converts us_pocom (chiefs_of_mission.csv, people.csv)
missions  converts us_diplomatic_missions (mission_status_range_*_v0.1.csv)
generate  writes a synthetic long-history map

Each writes OUT_DIR/actors.csv and OUT_DIR/ties.csv and prints
"N actors, M ties, D distinct dates". Run "datasets COMMAND -h" for its flags.
`

// errUsage marks an error in the command line rather than in the data.
var errUsage = errors.New("usage")

func main() {
	err := run(os.Args[1:], os.Stdout)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "datasets: %v (run with -h for help)\n", err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "datasets: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	var t *tables
	var out string
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return flag.ErrHelp
	case "pocom":
		t, out, err = runPocom(rest)
	case "missions":
		t, out, err = runMissions(rest)
	case "generate":
		t, out, err = runGenerate(rest)
	default:
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	if err != nil {
		return err
	}
	if err := t.write(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d actors, %d ties, %d distinct dates\n", len(t.actors), len(t.ties), t.distinctDates())
	return nil
}

// parseArgs parses fs from args, allowing flags after the positional
// arguments too, and checks that exactly the named positionals are there.
func parseArgs(fs *flag.FlagSet, args []string, names ...string) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printFlags(fs, names)
				return nil, err
			}
			return nil, fmt.Errorf("%w: %s: %v", errUsage, fs.Name(), err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != len(names) {
		return nil, fmt.Errorf("%w: %s wants %s, got %d argument(s)", errUsage, fs.Name(), strings.Join(names, " "), len(pos))
	}
	return pos, nil
}

func printFlags(fs *flag.FlagSet, names []string) {
	fmt.Printf("Usage: datasets %s [flags] %s\n", fs.Name(), strings.Join(names, " "))
	fs.SetOutput(os.Stdout)
	fs.PrintDefaults()
}

// actorRow is one row of actors.csv. Attrs line up with tables.attrCols.
type actorRow struct {
	Label, Kind string
	Life        model.Span
	Notes, Cite string
	Attrs       []string
}

// tieRow is one row of ties.csv.
type tieRow struct {
	From, To, Kind string
	Span           model.Span
	Label          string
	Directed       bool
	Notes, Cite    string
}

// tables are the actors and ties of one conversion.
type tables struct {
	attrCols []string // extra actors.csv columns, which csvio reads as attributes
	actors   []actorRow
	ties     []tieRow
}

var (
	actorsHeader = []string{"Label", "Type", "Short", "Start", "End", "Belongs To", "Located In", "Notes", "Source"}
	tiesHeader   = []string{"From", "To", "Type", "Start", "End", "Label", "Directed", "Weight", "Notes", "Reference"}
)

// write writes actors.csv and ties.csv into dir, creating it if need be.
func (t *tables) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	actors := [][]string{append(append([]string{}, actorsHeader...), t.attrCols...)}
	for _, a := range t.actors {
		row := []string{a.Label, a.Kind, "", a.Life.Start.String(), a.Life.End.String(), "", "", a.Notes, a.Cite}
		actors = append(actors, append(row, a.Attrs...))
	}
	ties := [][]string{tiesHeader}
	for _, r := range t.ties {
		ties = append(ties, []string{r.From, r.To, r.Kind, r.Span.Start.String(), r.Span.End.String(),
			r.Label, strconv.FormatBool(r.Directed), "", r.Notes, r.Cite})
	}
	if err := writeCSV(filepath.Join(dir, "actors.csv"), actors); err != nil {
		return err
	}
	return writeCSV(filepath.Join(dir, "ties.csv"), ties)
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows) // flushes
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// distinctDates counts the days on which some life or span begins or ends.
func (t *tables) distinctDates() int {
	days := map[model.Day]bool{}
	add := func(s model.Span) {
		if d, ok := s.From(); ok {
			days[d] = true
		}
		if d, ok := s.Until(); ok {
			days[d] = true
		}
	}
	for _, a := range t.actors {
		add(a.Life)
	}
	for _, r := range t.ties {
		add(r.Span)
	}
	return len(days)
}

// labeler hands out actor labels that are unique ignoring case, as csvio
// requires.
type labeler map[string]bool

// take returns name, or name with " (2)", " (3)"… when it is taken.
func (l labeler) take(name string) string {
	label := name
	for n := 2; l[strings.ToLower(label)]; n++ {
		label = fmt.Sprintf("%s (%d)", name, n)
	}
	l[strings.ToLower(label)] = true
	return label
}

// sheet is a CSV file read into rows of cells found by column name.
type sheet struct {
	name string
	col  map[string]int
	rows [][]string
}

// readSheet reads path and checks that it has the columns named.
func readSheet(path string, need ...string) (*sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	sh := &sheet{name: filepath.Base(path), col: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		sh.col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range need {
		if _, ok := sh.col[c]; !ok {
			return nil, fmt.Errorf("%s has no column %q", path, c)
		}
	}
	return sh, nil
}

// get returns the trimmed cell of row r in column c.
func (sh *sheet) get(r []string, c string) string {
	return strings.TrimSpace(r[sh.col[c]])
}

// earlier reports whether a starts before b, where an open (zero) b is
// later than any date and an open a is never earlier.
func earlier(a, b model.Date) bool {
	return !a.IsZero() && (b.IsZero() || a.First() < b.First())
}

// later reports whether a span ending a lasts longer than one ending b,
// comparing the first day each no longer covers. Both must be set.
func later(a, b model.Date) bool {
	ua, _ := model.Span{End: a}.Until()
	ub, _ := model.Span{End: b}.Until()
	return ua > ub
}

// notes counts the rows a conversion dropped or changed, by reason, and
// prints them to stderr in the order first seen.
type notes struct {
	order []string
	n     map[string]int
}

func (n *notes) add(reason string) {
	if n.n == nil {
		n.n = map[string]int{}
	}
	if n.n[reason] == 0 {
		n.order = append(n.order, reason)
	}
	n.n[reason]++
}

func (n *notes) print(what string) {
	for _, r := range n.order {
		fmt.Fprintf(os.Stderr, "%s: %d %s\n", what, n.n[r], r)
	}
}
