package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// standInPrefix starts the skip message of a test that needs the stand-in (web/e2e); the
// reason follows it.
const standInPrefix = "stand-in only: "

// noSplitPrefix starts the skip message of a test that needs the split deployment, on a build
// that has none (web/e2e); the message is the reason, prefix included.
const noSplitPrefix = "no split deployment: "

// verdict is one top-level test's result on one build.
type verdict struct {
	action string // pass, fail or skip
	reason string // why it was skipped
}

// suiteRun is the browser suite's results on one build.
type suiteRun struct {
	version  string
	verdicts map[string]verdict
	order    []string // tests in the order they started
	finished bool     // every package reported pass or fail
	passed   bool     // every package passed
	// output holds each top-level test's output lines, its subtests' included, so a failure
	// can be shown; packageOutput the lines of each package outside any test (a panic, a
	// timeout, a build error), the last packageLines of them.
	output        map[string][]string
	packageOutput map[string][]string
}

// packageLines bounds the package-level output kept per package.
const packageLines = 60

// testEvent is one line of `go test -json` output.
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// readRun reads one run's `go test -json` output, of one package or several (the browser
// suite and the engine tier).
func readRun(version string, r io.Reader) (suiteRun, error) {
	run := suiteRun{version: version, verdicts: map[string]verdict{}, output: map[string][]string{}, packageOutput: map[string][]string{}}
	// Each package's end: "pass" or "fail", or "" while it has started and not ended.
	ends := map[string]string{}
	lines := bufio.NewScanner(r)
	lines.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for lines.Scan() {
		var ev testEvent
		if err := json.Unmarshal(lines.Bytes(), &ev); err != nil {
			continue // a line go test did not write as JSON (a build error, say)
		}
		if ev.Test == "" {
			switch ev.Action {
			case "output":
				kept := append(run.packageOutput[ev.Package], ev.Output)
				if len(kept) > packageLines {
					kept = kept[len(kept)-packageLines:]
				}
				run.packageOutput[ev.Package] = kept
			case "start":
				ends[ev.Package] = ""
			case "pass", "fail":
				ends[ev.Package] = ev.Action
			}
			continue
		}
		if ev.Action == "output" {
			top, _, _ := strings.Cut(ev.Test, "/")
			run.output[top] = append(run.output[top], ev.Output)
		}
		if strings.Contains(ev.Test, "/") {
			continue // subtests count through their parent
		}
		v, seen := run.verdicts[ev.Test]
		if !seen {
			run.order = append(run.order, ev.Test)
		}
		switch ev.Action {
		case "pass", "fail", "skip":
			v.action = ev.Action
		case "output":
			if i := strings.Index(ev.Output, standInPrefix); i >= 0 {
				v.reason = strings.TrimSpace(ev.Output[i+len(standInPrefix):])
			} else if i := strings.Index(ev.Output, noSplitPrefix); i >= 0 {
				v.reason = strings.TrimSpace(ev.Output[i:])
			}
		}
		run.verdicts[ev.Test] = v
	}
	run.finished, run.passed = len(ends) > 0, len(ends) > 0
	for _, end := range ends {
		run.finished = run.finished && end != ""
		run.passed = run.passed && end == "pass"
	}
	return run, lines.Err()
}

// failed reports whether a test failed or the run did not finish.
func (r suiteRun) failed() bool {
	if !r.finished || !r.passed {
		return true
	}
	for _, v := range r.verdicts {
		if v.action == "fail" {
			return true
		}
	}
	return false
}

// failures returns, for a person reading the run, the output of each test that failed, in
// the order the tests ran, and when the run did not finish or a package failed outside any
// test, the last lines that package wrote.
func (r suiteRun) failures() string {
	var b strings.Builder
	for _, name := range r.order {
		if r.verdicts[name].action != "fail" {
			continue
		}
		fmt.Fprintf(&b, "--- %s on %s:\n", name, r.version)
		for _, line := range r.output[name] {
			b.WriteString(line)
		}
	}
	if b.Len() == 0 && r.failed() {
		for pkg, lines := range r.packageOutput {
			fmt.Fprintf(&b, "--- %s on %s, outside any test (last %d lines):\n", pkg, r.version, len(lines))
			for _, line := range lines {
				b.WriteString(line)
			}
		}
	}
	return b.String()
}
