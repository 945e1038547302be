//go:build !js

package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
)

// floorVisit is one replay of the loader's steps on an idle page: ms after the module's fetch
// started.
type floorVisit struct {
	Bytes        float64 `json:"bytes"`        // the whole module in hand (the arrayBuffer)
	Compiled     float64 `json:"compiled"`     // compiled and its sha384 computed, side by side
	Instantiated float64 `json:"instantiated"` // instantiated with wasm_exec.js's imports
}

// floorCell names one cell of the floor table.
type floorCell struct {
	Rate float64
	Warm bool
}

// floorStart starts chatclose on a settled page and resolves once it is ready, so that
// wasm_exec.js is loaded and the page is idle again: ChatClose.configure with no options, sent
// before the module is loaded, makes the loader fetch, compile, check and start it
// (web/chatclose.js keeps the command for the Go side).
const floorStart = `new Promise((resolve, reject) => {
	const limit = setTimeout(() => reject(new Error("ChatClose.ready did not come within 20 s")), 20000);
	CXBus.subscribe("ChatClose.ready", () => { clearTimeout(limit); resolve(true); });
	CXBus.command("ChatClose.configure", {});
})`

// floorReplay does what the loader does with the module on a secure page (web/chatclose.js,
// compile and load), up to the instance, and times each step: fetch and read the whole body,
// compile it beside WebCrypto's sha384 of it, instantiate it. The Go program is not run (a Go
// module has no start function: instantiating runs none of its code), so Go's start is left
// out: a lower bound of the time from the request to ChatClose.ready. The %s is the fetch's
// cache mode: "no-store" for a cold start (the loader's own fetch has just filled the cache),
// "default" for a warm one.
const floorReplay = `(async () => {
	const url = performance.getEntriesByType("resource").find(e => e.name.includes("/chatclose.wasm")).name;
	await new Promise(r => setTimeout(r, 200));
	const start = performance.now();
	const response = await fetch(url, {credentials: "same-origin", cache: "%s"});
	const bytes = await response.arrayBuffer();
	const read = performance.now();
	const [module] = await Promise.all([WebAssembly.compile(bytes), crypto.subtle.digest("SHA-384", bytes)]);
	const compiled = performance.now();
	await WebAssembly.instantiate(module, new Go().importObject);
	return {bytes: read - start, compiled: compiled - start, instantiated: performance.now() - start};
})()`

// floorSettle is how long the page rests after its load event before the module is started.
const floorSettle = 500 * time.Millisecond

// moduleFloor measures how soon chatclose's module can be instantiated at best once it is
// requested: on the stand-in's customer page without a chat (a browser context of its own, so
// no Widgets session cookie and the loader fetches nothing), started and settled, the loader's
// steps are replayed (floorReplay) while nothing else runs. returnRuns times per throttling
// rate, cold (the module fetched from the server) and warm (from the HTTP cache, filled by an
// unmeasured start first), on a secure page as the returns are.
func moduleFloor(browser context.Context, dist string, secure *chromium.SecureListeners) (map[floorCell][]floorVisit, error) {
	srv, base, err := serveSecure(secure, sandbox.Options{DistDir: dist, CDNCache: true})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	page := base + "/customer.html?async=1"
	ctx, cancel, err := ownTab(browser)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if _, err := startOnIdlePage(ctx, page, 1, true); err != nil {
		return nil, fmt.Errorf("filling the cache: %w", err)
	}
	time.Sleep(warmStay)
	out := map[floorCell][]floorVisit{}
	for run := 0; run < returnRuns; run++ {
		for _, rate := range returnRates {
			for _, warm := range []bool{false, true} {
				v, err := startOnIdlePage(ctx, page, rate, warm)
				if err != nil {
					return nil, fmt.Errorf("%gx, warm %v: %w", rate, warm, err)
				}
				cell := floorCell{rate, warm}
				out[cell] = append(out[cell], v)
			}
		}
	}
	fmt.Fprintln(os.Stderr, "bench: the module's floor measured")
	return out, nil
}

// startOnIdlePage opens pageURL (a page without a chat) at the CPU throttling rate, cold or
// warm, lets it settle, starts chatclose, and once it is ready replays the loader's steps.
func startOnIdlePage(ctx context.Context, pageURL string, rate float64, warm bool) (floorVisit, error) {
	var v floorVisit
	defer setConditions(ctx, 1, false)
	if err := openAt(ctx, pageURL, rate, warm); err != nil {
		return v, err
	}
	if err := waitFor(ctx, "ChatClose registered", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`, 10*time.Second); err != nil {
		return v, err
	}
	if started, err := eval[bool](ctx, `performance.getEntriesByType("resource").some(e => e.name.includes("/chatclose.wasm"))`); err != nil || started {
		return v, fmt.Errorf("the page without a chat fetched the module before it was asked to (%v)", err)
	}
	time.Sleep(floorSettle)
	if _, err := evalAwait[bool](ctx, floorStart); err != nil {
		return v, err
	}
	mode := "default"
	if !warm {
		mode = "no-store"
	}
	return evalAwait[floorVisit](ctx, fmt.Sprintf(floorReplay, mode))
}
