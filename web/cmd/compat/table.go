package main

import (
	"fmt"
	"strings"
)

// render writes the compatibility table as Markdown: a row per top-level test (in the order of
// the first run, then any others), a column per build, and a summary line per build.
func render(runs []suiteRun) string {
	var b strings.Builder
	b.WriteString("# chatclose on Genesys Widgets builds\n\n")
	b.WriteString("Written by `make test-widgets`. A skip means the test needs the stand-in (fault hooks or\n")
	b.WriteString("stand-in options), or a split deployment the build lacks; its reason says what. A column\n")
	b.WriteString("\"VERSION split\" is the browser suite on that build's split deployment (cxbus.min.js and plugins/).\n\n")
	b.WriteString("| test |")
	for _, r := range runs {
		fmt.Fprintf(&b, " %s |", r.version)
	}
	b.WriteString("\n|---|")
	for range runs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	var tests []string
	seen := map[string]bool{}
	for _, r := range runs {
		for _, name := range r.order {
			if !seen[name] {
				seen[name] = true
				tests = append(tests, name)
			}
		}
	}
	for _, name := range tests {
		fmt.Fprintf(&b, "| %s |", name)
		for _, r := range runs {
			fmt.Fprintf(&b, " %s |", cell(r.verdicts[name], r.finished))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	for _, r := range runs {
		counts := map[string]int{}
		for _, v := range r.verdicts {
			counts[v.action]++
		}
		status := "passed"
		if r.failed() {
			status = "FAILED"
		}
		if !r.finished {
			status = "did not finish"
		}
		fmt.Fprintf(&b, "- %s: %s (%d passed, %d failed, %d skipped)\n", r.version, status, counts["pass"], counts["fail"], counts["skip"])
	}
	return b.String()
}

// cell is one test's result on one build.
func cell(v verdict, finished bool) string {
	switch v.action {
	case "pass":
		return "pass"
	case "fail":
		return "**FAIL**"
	case "skip":
		if v.reason != "" {
			return "skip: " + strings.ReplaceAll(v.reason, "|", "\\|")
		}
		return "skip"
	case "":
		if finished {
			return "not run"
		}
		return "did not finish"
	}
	return v.action
}
