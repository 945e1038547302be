//go:build !js

package main

import (
	"fmt"
	"strings"

	"github.com/chatclose/chatclose/web/sandbox"
)

// Targets of issue 17: the time a restored, finalized chat looks open to the customer.
const (
	targetReturnGap4x = 100.0 // ms, median, 4× CPU throttling
	targetReturnGap1x = 30.0  // ms, median, no throttling
)

// returnMarkdown is the section "Return to a finalized chat": one table per Widgets build.
func returnMarkdown(runs []returnResult) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("\n## Return to a finalized chat\n\n")
	w("An async chat the agent finalized while the customer was away: the customer comes back to the shop page, Widgets restore the chat, and the page should say at once that it is over. ")
	w("**Gap** is the time from the restored transcript being shown (its first message attached and rendered) to the notice being shown: all that time the chat looks open. ")
	w("Median of %d returns per cell (min–max in brackets), and the medians of when each was shown (ms since navigation) of when the request for `chatclose.wasm` started, and of three bus events: Widgets publishing the restored history (the first `WebChatService.messageReceived`), `WebChat.opened`, `ChatClose.ready`; and **main thread blocked**, the ms of long tasks (50 ms and over) on the page's main thread before the notice showed, during which neither Widgets nor chatclose could show anything. ", returnRuns)
	w("The pages are secure contexts, as an https shop's are (Chromium's `--unsafely-treat-insecure-origin-as-secure` for their origins): there chatclose's loader checks the module's hash with WebCrypto, instead of a fetch with integrity, which hashes it in one long main-thread task. ")
	w("**Cold**: the browser context's HTTP cache emptied just before, as on a first visit. **Warm**: the files served as a CDN serves versioned ones (`Cache-Control: public, max-age=31536000, immutable`, the sandbox's `CDNCache`) and kept by an earlier page view. ")
	w("DevTools' network agent is off during the returns: while it is on, Chromium keeps a copy of every response body for DevTools, which a customer's browser never does (it doubled the time to read `chatclose.wasm`'s body). ")
	w("4× is Chromium's CPU throttling (`Emulation.setCPUThrottlingRate`), a mid-range phone. ")
	w("Over localhost: on a real network a cold return also waits for the module's bytes. ")
	w("The sample is the Genesys sample's logic on the same page in place of chatclose (`web/bench/static/sample.js`); it injects the notice from the restored history, and again on `WebChat.opened` when WebChat refused it because its window was not open yet. ")
	w("The cells are interleaved: a noisy moment on the shared machine touches them alike.\n")
	for _, r := range runs {
		w("\n### Genesys Widgets %s\n\n", r.Widgets)
		w("| page | CPU | cache | gap | transcript shown | notice shown | module requested | history published | window opened | ChatClose.ready | main thread blocked |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, impl := range r.Impls {
			for _, rate := range returnRates {
				for _, warm := range []bool{false, true} {
					visits := r.Visits[returnCell{impl, rate, warm}]
					gaps := column(visits, returnVisit.Gap)
					module := "–"
					if starts := column(visits, func(v returnVisit) float64 { return v.WasmStart }); len(starts) > 0 && median(starts) >= 0 {
						module = ms1(median(starts))
					}
					ready := "–"
					if readies := column(visits, func(v returnVisit) float64 { return v.Ready }); len(readies) > 0 && median(readies) > 0 {
						ready = ms1(median(readies))
					}
					w("| %s | %g× | %s | **%s** (%s–%s) | %s | %s | %s | %s | %s | %s | %s |\n", impl, rate, cacheName(warm),
						ms1(median(gaps)), ms1(minOf(gaps)), ms1(maxOf(gaps)),
						ms1(median(column(visits, func(v returnVisit) float64 { return v.Transcript }))),
						ms1(median(column(visits, func(v returnVisit) float64 { return v.Notice }))),
						module,
						ms1(median(column(visits, func(v returnVisit) float64 { return v.Published }))),
						ms1(median(column(visits, func(v returnVisit) float64 { return v.Opened }))), ready,
						ms1(median(column(visits, func(v returnVisit) float64 { return v.Blocked }))))
				}
			}
		}
	}
	return b.String()
}

// returnTargets are issue 17's targets, judged on chatclose's worst cache (cold) on every
// Widgets build measured. Where the module's floor was measured (floor, on the stand-in), the
// stand-in's cells also say how far over the sample's transcript the earliest notice is: a gap
// under that was made by a transcript chatclose's own work delayed.
func returnTargets(runs []returnResult, floor map[floorCell][]floorVisit) []target {
	var out []target
	for _, t := range []struct {
		rate  float64
		limit float64
	}{{4, targetReturnGap4x}, {1, targetReturnGap1x}} {
		var measured []string
		met := len(runs) > 0
		for _, r := range runs {
			var cells []string
			for _, warm := range []bool{false, true} {
				gap := median(column(r.Visits[returnCell{"chatclose", t.rate, warm}], returnVisit.Gap))
				sample := median(column(r.Visits[returnCell{"sample", t.rate, warm}], returnVisit.Gap))
				cell := fmt.Sprintf("%s %s ms (sample %s", cacheName(warm), ms1(gap), ms1(sample))
				if r.Widgets == sandbox.StandIn && len(floor[floorCell{t.rate, warm}]) > 0 {
					_, earliest, transcript := floorEarliest(floor, r, floorCell{t.rate, warm})
					cell += fmt.Sprintf("; floor %s ms over its transcript", ms1(earliest-transcript))
				}
				cells = append(cells, cell+")")
				met = met && gap <= t.limit
			}
			measured = append(measured, r.Widgets+": "+strings.Join(cells, ", "))
		}
		out = append(out, target{fmt.Sprintf("return to a finalized chat, %g× CPU: transcript → notice ≤ %g ms (median of %d)", t.rate, t.limit, returnRuns), strings.Join(measured, "; "), met})
	}
	return out
}

// cacheName names a cell's cache: warm (kept by an earlier view) or cold (emptied).
func cacheName(warm bool) string {
	if warm {
		return "warm"
	}
	return "cold"
}

func minOf(xs []float64) float64 {
	m := 0.0
	for i, x := range xs {
		if i == 0 || x < m {
			m = x
		}
	}
	return m
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for i, x := range xs {
		if i == 0 || x > m {
			m = x
		}
	}
	return m
}
