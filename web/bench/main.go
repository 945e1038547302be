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
	"github.com/chatclose/chatclose/web/chromium"

	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chatclose/chatclose/web/bundle"
)

func main() {
	out := flag.String("out", "BENCHMARKS.md", "where to write the results")
	browserPath := flag.String("chromium", chromium.Path(), "the Chromium binary (Debian's chromium package)")
	flag.Parse()
	if err := run(*out, *browserPath); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(out, chromium string) error {
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

	ctx, stop, err := startBrowser(chromium, filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer stop()

	var r results
	r.Sizes = sizes
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
	fmt.Fprintln(os.Stderr, "bench: Go benchmarks of the decision")
	if r.GoBench, err = goBenchmarks(); err != nil {
		return err
	}
	if r.Machine, err = describeMachine(chromium); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(r.markdown()), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "bench: wrote", out)
	fmt.Print(r.summary())
	return nil
}
