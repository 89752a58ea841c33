// Command relmap is the relationship-map visualizer. With no arguments it
// opens the desktop app; subcommands render, export and import work
// headless, for scripts and publishing pipelines.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"relmap/layout"
)

const usage = `relmap: relationship maps that change over time.

Usage:
  relmap [MAP.relmap]          open the desktop app (on the last map, or the default map)
  relmap render [flags]        draw a map as of a date into a PNG
  relmap export [flags]        write a map as JSON or CSV tables
  relmap import --map FILE actors.csv ties.csv [events.csv]
                               add spreadsheet tables to a map, all or nothing
  relmap import --map FILE --format json MAP.json
                               add a relmap JSON map to a map, all or nothing
  relmap history --map FILE    list the changes made to a map, newest first
  relmap diff --from D1 --to D2
                               what changed in a map between two dates

Run "relmap COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands are the commands run runs, by name.
var commands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"render":  cmdRender,
	"export":  cmdExport,
	"import":  cmdImport,
	"history": cmdHistory,
	"diff":    cmdDiff,
}

// run executes one command line and returns the exit status. A command
// that panics, a bug, says so in a sentence, with the stack for a report
// beneath it, and fails: it is not cut short by a trace alone.
func run(args []string, stdout, stderr io.Writer) (status int) {
	what := "relmap"
	if len(args) > 0 && commands[args[0]] != nil {
		what = args[0]
	}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "relmap: %s stopped on an internal error, which is a bug in relmap: %v\n\nFor a report of the bug:\n%s", what, p, debug.Stack())
			status = 1
		}
	}()
	var err error
	switch {
	case len(args) == 0:
		err = runApp("")
	case commands[args[0]] != nil:
		err = commands[args[0]](args[1:], stdout, stderr)
	case args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help":
		fmt.Fprint(stdout, usage)
		return 0
	case len(args) == 1 && args[0] != "" && args[0][0] != '-':
		err = runApp(args[0])
	default:
		fmt.Fprint(stderr, usage)
		err = usageErr("unknown command %q", args[0])
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "relmap:", err)
		return 2
	}
	fmt.Fprintln(stderr, "relmap:", err)
	return 1
}

// errUsage marks errors in how a command was called.
var errUsage = errors.New("usage")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}

// parseFlags parses args into fs; bad flags are usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(flagsFirst(fs, args))
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageErr("%s: %v", fs.Name(), err)
}

// flagsFirst is args with the flags (and their values) moved before the
// other arguments, in order, so that a flag may follow the files it
// applies to ("import --map m.relmap a.csv b.csv --report -"): Go's flag
// package stops at the first argument that is not a flag, and read
// "--report" as a file. What follows "--" is left as it is.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil || hasValue || i+1 == len(args) {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		i++
		flags = append(flags, args[i]) // its value
	}
	return append(flags, rest...)
}

// newFlags makes a flag set that prints its usage to stderr and returns
// errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: relmap %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// stabilityFlag adds --stability to fs, the layout's stability, default
// layout.DefaultStability. It is a string so that parseStability can report
// a bad value in one line.
func stabilityFlag(fs *flag.FlagSet) *string {
	return fs.String("stability", strconv.FormatFloat(layout.DefaultStability, 'g', -1, 64),
		"layout stability `S`, from 0 (every date its own best picture) to 1 (nothing ever moves)")
}

// parseStability reads the --stability value s of command cmd; a bad value
// is a usage error.
func parseStability(cmd, s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, usageErr("%s: --stability %q is not a number", cmd, s)
	}
	if _, err := layout.Stability(v); err != nil {
		return 0, usageErr("%s: --stability: %v", cmd, err)
	}
	return v, nil
}

// isSet reports whether flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
