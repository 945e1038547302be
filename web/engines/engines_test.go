//go:build !js

package engines

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
)

// allEngines are the engines the tier knows.
var allEngines = []string{"chromium", "firefox", "webkit"}

// engineNames are the engines the tier runs; ENGINES (comma-separated) picks some. An
// unknown name is an error, so a typo does not skip everything.
func engineNames() ([]string, error) {
	env := strings.TrimSpace(os.Getenv("ENGINES"))
	if env == "" {
		return allEngines, nil
	}
	var picked []string
	for _, n := range strings.Split(env, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(allEngines, n) {
			return nil, fmt.Errorf("ENGINES=%s: unknown engine %q; the engines are %s", env, n, strings.Join(allEngines, ", "))
		}
		picked = append(picked, n)
	}
	return picked, nil
}

// engineRun is one engine's browser and what the tier measured on it.
type engineRun struct {
	name    string
	browser Browser

	mu        sync.Mutex
	latencies []latency
}

// latency is how long after the agent's Finalizing the customer page had the notice.
type latency struct {
	poll time.Duration // the customer page's poll interval
	took time.Duration
}

func (r *engineRun) addLatency(l latency) {
	r.mu.Lock()
	r.latencies = append(r.latencies, l)
	r.mu.Unlock()
}

// startEngine starts one engine's browser. A browser that is not installed fails the test
// when CI=true and skips it otherwise, saying how to install it.
func startEngine(t *testing.T, name string) Browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := filepath.Join(scratch, name)
	var (
		b       Browser
		err     error
		missing []string
	)
	need := func(paths ...string) {
		for _, p := range paths {
			if _, statErr := os.Stat(p); statErr != nil {
				missing = append(missing, p)
			}
		}
	}
	switch name {
	case "chromium":
		if need(chromium.Path()); missing == nil {
			b, err = StartChromium(chromium.Path(), dir)
		}
	case "firefox":
		if need(FirefoxPath()); missing == nil {
			b, err = StartFirefox(ctx, FirefoxPath(), dir)
		}
	case "webkit":
		if need(WebKitWebDriverPath(), MiniBrowserPath(), XvfbPath()); missing == nil {
			b, err = StartWebKit(ctx, WebKitWebDriverPath(), MiniBrowserPath(), XvfbPath())
		}
	}
	if missing != nil {
		msg := fmt.Sprintf("the %s engine needs %s (run scripts/need-engines.sh as root; CHROMIUM, FIREFOX, WEBKIT_WEBDRIVER, MINIBROWSER and XVFB override the paths)", name, strings.Join(missing, ", "))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	return b
}

// TestChromium, TestFirefox and TestWebKit run every scenario on one engine each (one
// top-level test per engine, so the compatibility table of make test-widgets has a row for
// each). ENGINES skips the engines it does not name.
func TestChromium(t *testing.T) { runEngine(t, "chromium") }

// TestFirefox: see TestChromium.
func TestFirefox(t *testing.T) { runEngine(t, "firefox") }

// TestWebKit: see TestChromium.
func TestWebKit(t *testing.T) { runEngine(t, "webkit") }

// summaries are the engines' summary lines, in the order they ran; TestMain writes them.
var summaries []string

// runEngine starts one engine's browser and runs every scenario on it.
func runEngine(t *testing.T, name string) {
	names, err := engineNames()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, name) {
		t.Skip("ENGINES=" + os.Getenv("ENGINES") + " leaves " + name + " out")
	}
	started := time.Now()
	b := startEngine(t, name)
	defer b.Close()
	run := &engineRun{name: name, browser: b}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { sc.run(t, run) })
	}
	summaries = append(summaries, run.summary(time.Since(started), t.Failed()))
}

// summary is one engine's line of the tier's summary.
func (r *engineRun) summary(took time.Duration, failed bool) string {
	status := "passed"
	if failed {
		status = "FAILED"
	}
	line := fmt.Sprintf("engines: %-8s %-32s Widgets %-10s %s in %.1fs", r.name, r.browser.Version(), widgets.Version, status, took.Seconds())
	r.mu.Lock()
	defer r.mu.Unlock()
	byPoll := map[time.Duration][]time.Duration{}
	var polls []time.Duration
	for _, l := range r.latencies {
		if byPoll[l.poll] == nil {
			polls = append(polls, l.poll)
		}
		byPoll[l.poll] = append(byPoll[l.poll], l.took)
	}
	slices.Sort(polls)
	for _, p := range slices.Backward(polls) {
		took := byPoll[p]
		slices.Sort(took)
		line += fmt.Sprintf("; notice after Finalizing at poll %d ms: median %d ms of %d (%d–%d)",
			p.Milliseconds(), took[len(took)/2].Milliseconds(), len(took), took[0].Milliseconds(), took[len(took)-1].Milliseconds())
	}
	return line
}

// writeSummary writes the engines' summary lines to $ENGINES_SUMMARY (the Makefile shows
// them), or to standard error when it is not set.
func writeSummary(lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	text := strings.Join(lines, "\n") + "\n"
	if path := os.Getenv("ENGINES_SUMMARY"); path != "" {
		return os.WriteFile(path, []byte(text), 0o644)
	}
	_, err := os.Stderr.WriteString(text)
	return err
}
