//go:build !js

// Command bench is chatclose's browser benchmark (make bench). In one headless Chromium it
// measures, on one page in one run, the per-event cost of chatclose's real
// WebChatService.messageReceived subscriber against the Genesys sample's logic on events of
// 10, 1,000 and 100,000 messages, the module's memory, the time from fetching the module to
// ChatClose.ready, and the bytes a page loads without a chat and with one; then it writes
// the results, with the machine and the versions, to BENCHMARKS.md.
//
// It builds the bundle from the current source (web/bundle.Build) and serves it with the
// sandbox (the Genesys Widgets stand-in and the chat simulator) on 127.0.0.1 only.
//
//	go run ./web/bench [-out BENCHMARKS.md] [-chromium /usr/bin/chromium]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chatclose/chatclose/web/bundle"
	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
)

func main() {
	out := flag.String("out", "BENCHMARKS.md", "where to write the results")
	browserPath := flag.String("chromium", chromium.Path(), "the Chromium binary (Debian's chromium package)")
	flag.StringVar(&before, "before", "", "a bundle `folder` built from an earlier version, measured beside this one on the return to a finalized chat")
	flag.BoolVar(&returnOnly, "return-only", false, "measure only the return to a finalized chat and print its section instead of writing -out")
	flag.Parse()
	if err := run(*out, *browserPath); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// before is the -before flag; returnOnly the -return-only flag.
var (
	before     string
	returnOnly bool
)

func run(out, chromiumPath string) error {
	tmp, err := os.MkdirTemp("", "chatclose-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	dist := filepath.Join(tmp, "dist")
	fmt.Fprintln(os.Stderr, "bench: building the bundle")
	if err := bundle.Build(dist); err != nil {
		return err
	}
	sizes, err := bundleSizes(dist)
	if err != nil {
		return err
	}

	srv, err := serve(dist)
	if err != nil {
		return err
	}
	defer srv.Close()

	// The return pages are secure contexts, as an https shop's are: one server per
	// implementation and Widgets build.
	impls, builds := returnImpls(dist), widgetsBuilds()
	// One more for the module's floor.
	secure, err := chromium.ReserveSecureListeners(returnHost, len(impls)*len(builds)+1)
	if err != nil {
		return err
	}
	defer secure.Close()
	ctx, stop, err := startBrowser(chromiumPath, filepath.Join(tmp, "profile"), secure)
	if err != nil {
		return err
	}
	defer stop()

	var r results
	r.Sizes = sizes
	fmt.Fprintln(os.Stderr, "bench: the return to a finalized chat")
	if r.Returns, err = returns(ctx, impls, builds, secure); err != nil {
		return fmt.Errorf("the return to a finalized chat: %w", err)
	}
	if r.Floor, err = moduleFloor(ctx, dist, secure); err != nil {
		return fmt.Errorf("the module's floor: %w", err)
	}
	if returnOnly {
		fmt.Print(returnMarkdown(r.Returns), floorMarkdown(r.Floor, r.Returns[0]))
		for _, t := range returnTargets(r.Returns, r.Floor) {
			fmt.Printf("%-4s %s: %s\n", yesNo(t.met), t.name, t.measured)
		}
		return nil
	}
	fmt.Fprintln(os.Stderr, "bench: bytes loaded by a page without a chat")
	if r.NoChat, err = pageLoads(ctx, srv.URL+"/bench/page.html?async=1", false); err != nil {
		return fmt.Errorf("the page without a chat: %w", err)
	}
	fmt.Fprintln(os.Stderr, "bench: bytes loaded by a page with a chat, and the time from fetch to ready")
	if r.Chat, err = pageLoads(ctx, srv.URL+"/bench/page.html?async=1&autostart=1", true); err != nil {
		return fmt.Errorf("the page with a chat: %w", err)
	}
	fmt.Fprintln(os.Stderr, "bench: per-event latency and memory")
	if r.Latency, err = latency(ctx, srv.URL+"/bench/page.html?async=1&load=eager"); err != nil {
		return fmt.Errorf("the latency page: %w", err)
	}
	fmt.Fprintln(os.Stderr, "bench: batches while the input is locked")
	if r.Latency.Locked, err = lockedBurst(ctx, srv.URL+"/bench/page.html?async=1&autostart=1&readonly=1&load=eager"); err != nil {
		return fmt.Errorf("the locked page: %w", err)
	}
	fmt.Fprintln(os.Stderr, "bench: Go benchmarks of the decision")
	if r.GoBench, err = goBenchmarks(); err != nil {
		return err
	}
	if r.Machine, err = describeMachine(chromiumPath); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(r.markdown()), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "bench: wrote", out)
	fmt.Print(r.summary())
	return nil
}

// returns measures the return to a finalized chat for each of impls (returnImpls) on each of
// builds (widgetsBuilds), on the servers of secure, one per pair.
func returns(browser context.Context, impls []returnImpl, builds []string, secure *chromium.SecureListeners) ([]returnResult, error) {
	var out []returnResult
	for _, dir := range builds {
		r, err := returnToFinalizedChat(browser, impls, dir, secure)
		if err != nil {
			return nil, fmt.Errorf("on Widgets %s: %w", r.Widgets, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// returnImpls are the pages the return is measured on: the Genesys sample, the -before
// bundle when given, and this bundle (dist).
func returnImpls(dist string) []returnImpl {
	impls := []returnImpl{{name: "sample"}}
	if before != "" {
		impls = append(impls, returnImpl{name: "chatclose before", dist: before})
	}
	return append(impls, returnImpl{name: "chatclose", dist: dist})
}

// widgetsBuilds are the Widgets builds the return is measured on: the stand-in (""), then
// every real build named in GENESYS_WIDGETS (folders separated by ':').
func widgetsBuilds() []string {
	builds := []string{""}
	for _, dir := range strings.Split(os.Getenv(sandbox.WidgetsEnv), ":") {
		if dir != "" {
			builds = append(builds, dir)
		}
	}
	return builds
}
