//go:build !js

package main

import (
	"fmt"
	"strings"
)

// floorMarkdown is the section "The module's floor": how soon chatclose's module can be
// instantiated once it is requested with nothing else running, added to when a return requests
// it (the stand-in's chatclose page), against when the sample's page shows the restored
// transcript. standIn is the stand-in's return table of the same run.
func floorMarkdown(floor map[floorCell][]floorVisit, standIn returnResult) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("\n### The module's floor\n\n")
	w("How soon chatclose could show the notice at best, on this machine. On the stand-in's customer page without a chat, once chatclose has started and the page has settled, the bench replays what the loader does with the module on a secure page and times each step, in ms after the fetch started (median of %d, min–max): the whole body read, compiled beside WebCrypto's sha384 of it, instantiated with `wasm_exec.js`'s imports. ", returnRuns)
	w("Go's start (`ChatClose.ready` comes after it) is left out, so these are lower bounds. ")
	w("**Earliest notice** adds the instance's time to when a return requests the module (the stand-in's chatclose page above, same cell). On a return Widgets restore the chat on the same two cores meanwhile, so no notice can show sooner. ")
	w("**Over the sample's transcript** is how long after the sample's page shows the restored transcript (same cell) that is: the gap chatclose would have at best if its page showed the transcript as soon as the sample's does.\n\n")
	w("| CPU | cache | body read | compiled and hashed | instantiated | module requested on a return | earliest notice | sample's transcript shown | over the sample's transcript |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, rate := range returnRates {
		for _, warm := range []bool{false, true} {
			visits := floor[floorCell{rate, warm}]
			if len(visits) == 0 {
				continue
			}
			bytes := column(visits, func(v floorVisit) float64 { return v.Bytes })
			compiled := column(visits, func(v floorVisit) float64 { return v.Compiled })
			instance := column(visits, func(v floorVisit) float64 { return v.Instantiated })
			requested, earliest, transcript := floorEarliest(floor, standIn, floorCell{rate, warm})
			w("| %g× | %s | %s (%s–%s) | %s (%s–%s) | **%s** (%s–%s) | %s | %s | %s | **%s** |\n", rate, cacheName(warm),
				ms1(median(bytes)), ms1(minOf(bytes)), ms1(maxOf(bytes)),
				ms1(median(compiled)), ms1(minOf(compiled)), ms1(maxOf(compiled)),
				ms1(median(instance)), ms1(minOf(instance)), ms1(maxOf(instance)),
				ms1(requested), ms1(earliest), ms1(transcript), ms1(earliest-transcript))
		}
	}
	return b.String()
}

// floorEarliest is, for one cell, when a return requested the module (the stand-in's chatclose
// page, median), the earliest notice (that plus the floor's median instance time), and when the
// sample's page showed the restored transcript (median).
func floorEarliest(floor map[floorCell][]floorVisit, standIn returnResult, cell floorCell) (requested, earliest, transcript float64) {
	requested = median(column(standIn.Visits[returnCell{"chatclose", cell.Rate, cell.Warm}], func(v returnVisit) float64 { return v.WasmStart }))
	earliest = requested + median(column(floor[cell], func(v floorVisit) float64 { return v.Instantiated }))
	transcript = median(column(standIn.Visits[returnCell{"sample", cell.Rate, cell.Warm}], func(v returnVisit) float64 { return v.Transcript }))
	return requested, earliest, transcript
}
