// Command compat turns the browser suite's results on Genesys Widgets builds into the
// compatibility table (make test-widgets): one row per top-level test, one column per build,
// each cell pass, FAIL, or skip with its reason.
//
// Usage:
//
//	go run ./web/cmd/compat [-out FILE] BUILD RESULTS [BUILD RESULTS ...]
//
// BUILD is the folder of a Genesys Widgets build (its version is read from widgets.min.js),
// split=FOLDER for that build's split deployment (cxbus.min.js and plugins/; the column is
// "VERSION split"), or "stand-in"; RESULTS is that run's `go test -json` output. The table goes
// to standard output and, with -out, to FILE; after it, on standard output only, the output of
// every test that failed. The exit status is 1 when any test failed or a run did not finish.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chatclose/chatclose/web/sandbox"
)

func main() {
	failed, err := run(os.Args[1:], os.Stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "compat:", err)
		os.Exit(2)
	case failed:
		os.Exit(1)
	}
}

// run reads the runs named in args, writes the table, and reports whether anything failed.
func run(args []string, stdout io.Writer) (bool, error) {
	flags := flag.NewFlagSet("compat", flag.ContinueOnError)
	out := flags.String("out", "", "also write the table to `file`")
	if err := flags.Parse(args); err != nil {
		return false, err
	}
	rest := flags.Args()
	if len(rest) == 0 || len(rest)%2 != 0 {
		return false, errors.New("want pairs of BUILD RESULTS (a Widgets folder or \"stand-in\", and its go test -json output)")
	}
	var runs []suiteRun
	for i := 0; i < len(rest); i += 2 {
		version, err := columnName(rest[i])
		if err != nil {
			return false, err
		}
		file, err := os.Open(rest[i+1])
		if err != nil {
			return false, err
		}
		r, err := readRun(version, file)
		file.Close()
		if err != nil {
			return false, fmt.Errorf("%s: %w", rest[i+1], err)
		}
		runs = append(runs, r)
	}
	table := render(runs)
	if _, err := io.WriteString(stdout, table); err != nil {
		return false, err
	}
	if *out != "" {
		if err := os.WriteFile(*out, []byte(table), 0o644); err != nil {
			return false, err
		}
	}
	for _, r := range runs {
		if text := r.failures(); text != "" {
			if _, err := io.WriteString(stdout, "\n"+text); err != nil {
				return false, err
			}
		}
	}
	for _, r := range runs {
		if r.failed() {
			return true, nil
		}
	}
	return false, nil
}

// splitPrefix marks a BUILD argument that names a build's split deployment.
const splitPrefix = "split="

// columnName is the table's column for a BUILD argument: "stand-in", a build's version, or
// its version and "split" for its split deployment, which the folder must have.
func columnName(build string) (string, error) {
	if build == sandbox.StandIn {
		return sandbox.StandIn, nil
	}
	folder, split := strings.CutPrefix(build, splitPrefix)
	info, err := sandbox.ReadWidgetsBuild(folder)
	if err != nil {
		return "", err
	}
	if !split {
		return info.Version, nil
	}
	if !info.Split {
		return "", fmt.Errorf("%s has no split deployment (cxbus.min.js and plugins/widgets-core.min.js)", folder)
	}
	return info.Version + " split", nil
}
