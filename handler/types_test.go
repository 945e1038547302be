package handler

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The npm package's TypeScript declarations and the README describe the same configuration,
// commands, events and checks as the code. These tests read all three, so none can drift: an
// option added to the code without its declaration and its README row fails here.

func readRepoFile(t *testing.T, parts ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{".."}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// block returns the body of `export interface name {…}` or `export type name = …;` in a
// declaration file.
func block(t *testing.T, decl, start, end string) string {
	t.Helper()
	i := strings.Index(decl, start)
	if i < 0 {
		t.Fatalf("chatclose.d.ts has no %q", start)
	}
	rest := decl[i+len(start):]
	j := strings.Index(rest, end)
	if j < 0 {
		t.Fatalf("chatclose.d.ts: %q does not end", start)
	}
	return rest[:j]
}

func names(matches [][]string) []string {
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

func equalLists(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// readmeSection returns the README from heading to the next heading of the same level.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	i := strings.Index(readme, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no %q", heading)
	}
	rest := readme[i+len(heading)+2:]
	level := heading[:strings.Index(heading, " ")+1]
	if j := strings.Index(rest, "\n"+level); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func TestTypesAndREADMEListEveryOption(t *testing.T) {
	decl := readRepoFile(t, "web", "types", "chatclose.d.ts")
	readme := readRepoFile(t, "README.md")
	var code []string
	for name := range options {
		code = append(code, name)
	}
	for name := range loaderOptions {
		code = append(code, name)
	}
	sort.Strings(code)
	declared := names(regexp.MustCompile(`(?m)^  (\w+)\?:`).FindAllStringSubmatch(block(t, decl, "export interface ChatCloseOptions {", "\n}"), -1))
	equalLists(t, "ChatCloseOptions in chatclose.d.ts", declared, code)
	table := names(regexp.MustCompile("(?m)^\\| `(\\w+)` \\|").FindAllStringSubmatch(readmeSection(t, readme, "## Configuration"), -1))
	equalLists(t, "the README's configuration table", table, code)
}

func TestTypesAndREADMEListEveryCommandEventAndCheck(t *testing.T) {
	decl := readRepoFile(t, "web", "types", "chatclose.d.ts")
	readme := readRepoFile(t, "README.md")
	key := regexp.MustCompile(`(?m)^  '(ChatClose\.\w+)':`)

	commands := names(key.FindAllStringSubmatch(block(t, decl, "export interface ChatCloseCommands {", "\n}"), -1))
	documented := names(regexp.MustCompile("(?m)^#### `(ChatClose\\.\\w+)`").FindAllStringSubmatch(readme, -1))
	equalLists(t, "ChatCloseCommands against the README's commands", commands, documented)
	loader := readRepoFile(t, "web", "chatclose.js")
	list := regexp.MustCompile(`var COMMANDS = \[([^\]]*)\]`).FindStringSubmatch(loader)
	if list == nil {
		t.Fatal("web/chatclose.js has no COMMANDS list")
	}
	var served []string
	for _, m := range regexp.MustCompile(`'(\w+)'`).FindAllStringSubmatch(list[1], -1) {
		served = append(served, "ChatClose."+m[1])
	}
	sort.Strings(served)
	equalLists(t, "ChatCloseCommands against the loader's COMMANDS", commands, served)

	events := names(key.FindAllStringSubmatch(block(t, decl, "export interface ChatCloseEvents {", "\n}"), -1))
	table := names(regexp.MustCompile("(?m)^\\| `(ChatClose\\.\\w+)`").FindAllStringSubmatch(readmeSection(t, readme, "### Events"), -1))
	equalLists(t, "ChatCloseEvents against the README's events table", events, table)

	union := block(t, decl, "export type ChatCloseCheckName =", ";")
	var declared []string
	for _, m := range regexp.MustCompile(`'(\w+)'`).FindAllStringSubmatch(union, -1) {
		declared = append(declared, m[1])
	}
	equalLists(t, "ChatCloseCheckName, in order", declared, CheckNames())
	checks := regexp.MustCompile("(?m)^\\| `(\\w+)`").FindAllStringSubmatch(readmeSection(t, readme, "## What chatclose checks"), -1)
	var rows []string
	for _, m := range checks {
		rows = append(rows, m[1])
	}
	equalLists(t, "the README's checks table, in order", rows, CheckNames())
}
