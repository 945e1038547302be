//go:build !js

package main

import (
	"context"
	"fmt"
	"math"
	"time"
)

// stats are one handler's per-event times in milliseconds (bench.js stats).
type stats struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
	Max   float64 `json:"max"`
	Mean  float64 `json:"mean"`
	Over1 int     `json:"over1ms"`
}

// sizeRun is both handlers on events of one size.
type sizeRun struct {
	Messages  int
	Sample    stats   `json:"sample"`
	Chatclose stats   `json:"chatclose"`
	MemBefore float64 `json:"memBefore"`
	MemAfter  float64 `json:"memAfter"`
}

// burstRun is chatclose alone on consecutive events, from just after start.
type burstRun struct {
	Messages  int
	Chatclose stats   `json:"chatclose"`
	First     float64 `json:"first"`
	MemBefore float64 `json:"memBefore"`
	MemAfter  float64 `json:"memAfter"`
	Grew      int     `json:"grew"`     // events during which the memory grew
	SlowGrew  int     `json:"slowGrew"` // …and took over 1 ms
}

// latencyResult is what the latency page measured.
type latencyResult struct {
	Isolated   bool // performance.now() has 5 µs steps (else 100 µs)
	MemStart   float64
	Burst      burstRun  // batches ending in text: the loader's pre-filter keeps them
	Sizes      []sizeRun // the same
	GoBurst    burstRun  // batches ending in a state change: they reach the Go side
	GoSizes    []sizeRun // the same
	MemEnd     float64
	FetchReady loadResult // the same page's load (eager), for comparison
}

// The event sizes and how many events of each every handler gets, after warm calls.
var (
	sizes      = []int{10, 1000, 100000}
	eventCount = map[int]int{10: 10000, 1000: 10000, 100000: 1000}
	burstSize  = 10
	burstCount = 10000
	warmCalls  = 20
)

// latency opens the benchmark page with eager loading and, once chatclose is ready, runs
// the burst (chatclose alone, the first 10,000 events after start) and then both handlers
// on every size.
func latency(browser context.Context, url string) (latencyResult, error) {
	var r latencyResult
	ctx, cancel, err := tab(browser, url)
	if err != nil {
		return r, err
	}
	defer cancel()
	if err := waitFor(ctx, "ChatClose.ready", "window.bench && bench.ready()", 30*time.Second); err != nil {
		return r, err
	}
	type info struct {
		Memory   float64 `json:"memory"`
		Isolated bool    `json:"isolated"`
	}
	start, err := eval[info](ctx, "bench.info()")
	if err != nil {
		return r, err
	}
	r.Isolated, r.MemStart = start.Isolated, start.Memory
	if r.FetchReady, err = eval[loadResult](ctx, "bench.loads()"); err != nil {
		return r, err
	}
	for _, kind := range []string{"text", "state"} {
		for _, n := range sizes {
			if _, err := eval[int](ctx, fmt.Sprintf("bench.prepare(%d, %q)", n, kind)); err != nil {
				return r, err
			}
		}
	}
	for _, k := range []struct {
		kind  string
		burst *burstRun
		runs  *[]sizeRun
	}{{"text", &r.Burst, &r.Sizes}, {"state", &r.GoBurst, &r.GoSizes}} {
		if *k.burst, err = eval[burstRun](ctx, fmt.Sprintf("bench.burst(%d, %d, %q)", burstSize, burstCount, k.kind)); err != nil {
			return r, err
		}
		k.burst.Messages = burstSize
		for _, n := range sizes {
			run, err := eval[sizeRun](ctx, fmt.Sprintf("bench.measure(%d, %d, %d, %q)", n, eventCount[n], warmCalls, k.kind))
			if err != nil {
				return r, err
			}
			run.Messages = n
			*k.runs = append(*k.runs, run)
		}
	}
	end, err := eval[info](ctx, "bench.info()")
	r.MemEnd = end.Memory
	return r, err
}

// fileLoad is one request of the page under /chatclose/ (Resource Timing; times in ms since
// navigation, sizes in bytes: transfer with headers, encoded body as sent, decoded body).
type fileLoad struct {
	Name     string  `json:"name"`
	Start    float64 `json:"start"`
	End      float64 `json:"end"`
	Transfer int64   `json:"transfer"`
	Encoded  int64   `json:"encoded"`
	Decoded  int64   `json:"decoded"`
}

// loadResult is what one page loaded from /chatclose/, and when the module was ready.
type loadResult struct {
	Files        []fileLoad `json:"files"`
	Instantiated *float64   `json:"instantiated"`
	ReadyAt      *float64   `json:"readyAt"`
}

// fetched reports whether the page requested name.
func (l loadResult) fetched(name string) bool {
	for _, f := range l.Files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// encoded is the sum of the encoded bodies the page loaded from /chatclose/.
func (l loadResult) encoded() int64 {
	var n int64
	for _, f := range l.Files {
		n += f.Encoded
	}
	return n
}

// fetchToReady is the time from the first request for the module's files (wasm_exec.js,
// chatclose-filter.js or chatclose.wasm) to ChatClose.ready, and the part of it until the module was instantiated;
// ok is false when the page did not load the module.
func (l loadResult) fetchToReady() (ready, instantiated float64, ok bool) {
	start := math.Inf(1)
	for _, f := range l.Files {
		if f.Name == "wasm_exec.js" || f.Name == "chatclose-filter.js" || f.Name == "chatclose.wasm" {
			start = math.Min(start, f.Start)
		}
	}
	if math.IsInf(start, 1) || l.ReadyAt == nil || l.Instantiated == nil {
		return 0, 0, false
	}
	return *l.ReadyAt - start, *l.Instantiated - start, true
}

// pageLoads opens url in a fresh browser context, waits until the widgets are ready and, on
// a page with a chat, until chatclose is; then reports what the page loaded from /chatclose/.
// A page without a chat is given two more seconds, so a late fetch would be seen.
func pageLoads(browser context.Context, url string, chat bool) (loadResult, error) {
	ctx, cancel, err := tab(browser, url)
	if err != nil {
		return loadResult{}, err
	}
	defer cancel()
	if err := waitFor(ctx, "the loader's plugin", "window.__chatcloseLoader && window.__chatcloseLoader.plugin", 30*time.Second); err != nil {
		return loadResult{}, err
	}
	if err := waitFor(ctx, "WebChat ready", "window._genesys.widgets.bus !== undefined", 30*time.Second); err != nil {
		return loadResult{}, err
	}
	if chat {
		if err := waitFor(ctx, "ChatClose.ready", "bench.ready()", 30*time.Second); err != nil {
			return loadResult{}, err
		}
	} else {
		time.Sleep(2 * time.Second)
	}
	return eval[loadResult](ctx, "bench.loads()")
}
