//go:build !js

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/chatclose/chatclose/web/sim"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// returnHost is the host name the return pages are opened on: Genesys Widgets keep their
// session in cookies, which need a host name (the browser maps it to 127.0.0.1).
const returnHost = "widgets.test"

// warmStay is how long the page view that fills the cache lasts.
const warmStay = 3 * time.Second

// returnRuns is how many times each cell of the return table is measured (its median is
// reported).
const returnRuns = 5

// returnObserver runs in every return page before its scripts. It records, in
// window.__return, when the first message of the restored transcript and the first injected
// message (the notice) were attached and rendered (performance.now(), ms since navigation).
const returnObserver = `(() => {
	const seen = window.__return = {transcript: null, notice: null, published: null, opened: null, ready: null, blocked: 0};
	// The bus events, timed too: when Widgets published the restored history, when WebChat
	// opened its window, when chatclose was ready.
	const watch = cx => {
		cx.subscribe("WebChatService.messageReceived", () => { if (seen.published === null) seen.published = performance.now(); });
		cx.subscribe("WebChat.opened", () => { if (seen.opened === null) seen.opened = performance.now(); });
		cx.subscribe("ChatClose.ready", () => { if (seen.ready === null) seen.ready = performance.now(); });
	};
	const find = () => window.CXBus && typeof window.CXBus.subscribe === "function" ? watch(window.CXBus) : setTimeout(find, 1);
	find();
	// Long tasks (50 ms and over) on the main thread until the notice is shown: while one runs,
	// Widgets cannot show the transcript nor chatclose the notice.
	new PerformanceObserver(list => {
		for (const e of list.getEntries()) if (seen.notice === null || e.startTime < seen.notice) seen.blocked += e.duration;
	}).observe({type: "longtask", buffered: true});
	const shown = sel => Array.from(document.querySelectorAll(sel)).some(e => e.isConnected && e.getClientRects().length > 0);
	const look = () => {
		if (seen.transcript === null && shown(".cx-transcript .cx-message:not(.cx-injected)")) seen.transcript = performance.now();
		if (seen.notice === null && shown(".cx-transcript .cx-injected")) seen.notice = performance.now();
		if (seen.transcript !== null && seen.notice !== null) observer.disconnect();
	};
	const observer = new MutationObserver(look);
	observer.observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["class", "style", "hidden"]});
})();`

// returnVisit is one return to the finalized chat: times in ms since navigation.
type returnVisit struct {
	Transcript float64 `json:"transcript"` // the restored transcript shown
	Notice     float64 `json:"notice"`     // the notice shown
	WasmStart  float64 `json:"wasmStart"`  // the request for chatclose.wasm started; -1: none
	Published  float64 `json:"published"`  // Widgets published the restored history (first messageReceived)
	Opened     float64 `json:"opened"`     // WebChat.opened
	Ready      float64 `json:"ready"`      // ChatClose.ready; 0 on the sample's page
	Blocked    float64 `json:"blocked"`    // ms of long tasks on the main thread before the notice
}

// Gap is the time the restored chat looked open: from the transcript to the notice.
func (v returnVisit) Gap() float64 { return v.Notice - v.Transcript }

// returnCell names one cell of the return table.
type returnCell struct {
	Impl string  // "sample", "chatclose", "chatclose before"
	Rate float64 // CPU throttling rate
	Warm bool    // the browser cache holds the page's files
}

// returnResult is the return table of one Widgets build.
type returnResult struct {
	Widgets string
	Impls   []string
	Visits  map[returnCell][]returnVisit
}

// returnImpl is one page to return to: the Genesys sample's, or chatclose's from a bundle.
type returnImpl struct {
	name string
	dist string // the bundle; empty for the sample
}

// returnRates are the CPU throttling rates measured: none, and a mid-range phone's.
var returnRates = []float64{1, 4}

// returnToFinalizedChat measures, on one Widgets build (widgetsDir, empty for the stand-in),
// the return to an async chat the agent finalized while the customer was away: for each
// implementation, a chat is started in a browser context of its own, the agent joins and
// answers, the customer leaves (about:blank), the agent finalizes; then the customer comes
// back returnRuns times for every throttling rate, with the HTTP cache emptied (cold) and
// kept (warm: the files as a CDN serves them, kept by an earlier view). The cells are interleaved,
// so a noisy moment on the machine touches them all alike.
func returnToFinalizedChat(browser context.Context, impls []returnImpl, widgetsDir string, secure *chromium.SecureListeners) (returnResult, error) {
	r := returnResult{Widgets: sandbox.StandIn, Visits: map[returnCell][]returnVisit{}}
	if widgetsDir != "" {
		info, err := sandbox.ReadWidgetsBuild(widgetsDir)
		if err != nil {
			return r, err
		}
		r.Widgets = info.Version
	}
	type visitor struct {
		impl returnImpl
		ctx  context.Context
		page string
	}
	var visitors []visitor
	for _, impl := range impls {
		r.Impls = append(r.Impls, impl.name)
		dist := impl.dist
		if dist == "" {
			dist = impls[len(impls)-1].dist // the sample's page needs no bundle; any will do
		}
		srv, base, err := serveSecure(secure, sandbox.Options{DistDir: dist, Widgets: widgetsDir, CDNCache: true})
		if err != nil {
			return r, err
		}
		defer srv.Close()
		page := base + "/customer.html?async=1"
		if impl.dist == "" {
			page = base + "/bench/sample.html?async=1"
		}
		ctx, cancel, err := ownTab(browser)
		if err != nil {
			return r, err
		}
		defer cancel()
		if err := finalizeWhileAway(ctx, sim.ControlClient{BaseURL: srv.URL}, page, impl.dist != ""); err != nil {
			return r, fmt.Errorf("%s: %w", impl.name, err)
		}
		// One unmeasured return fills the cache, as an earlier page view of the shop would. The
		// customer stays a few seconds: Chromium writes a module's compiled code to the cache
		// only once it has run a while (V8's wasm caching timeout, 2 s).
		if _, err := visitReturn(ctx, page, 1, true); err != nil {
			return r, fmt.Errorf("%s, warming the cache: %w", impl.name, err)
		}
		time.Sleep(warmStay)
		visitors = append(visitors, visitor{impl, ctx, page})
	}
	for run := 0; run < returnRuns; run++ {
		for _, rate := range returnRates {
			for _, warm := range []bool{false, true} {
				for _, v := range visitors {
					visit, err := visitReturn(v.ctx, v.page, rate, warm)
					if err != nil {
						return r, fmt.Errorf("%s, %gx, warm %v: %w", v.impl.name, rate, warm, err)
					}
					cell := returnCell{v.impl.name, rate, warm}
					r.Visits[cell] = append(r.Visits[cell], visit)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "bench: return to a finalized chat, run %d of %d done\n", run+1, returnRuns)
	}
	return r, nil
}

// finalizeWhileAway starts an async chat on pageURL, has the agent join and answer, waits until
// the customer sees the answer (and, on chatclose's page, until chatclose is ready), leaves
// the page, and has the agent finalize the interaction.
func finalizeWhileAway(ctx context.Context, control sim.ControlClient, pageURL string, chatclose bool) error {
	if err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: returnObserver})
		return chromedp.Void{}, err
	}); err != nil {
		return err
	}
	if err := navigate(ctx, pageURL+"&autostart=1"); err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var list []map[string]any
		if err := control.Do(http.MethodGet, "/control/sessions", nil, &list); err != nil {
			return err
		}
		if len(list) > 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the page never started a chat")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, step := range []struct {
		kind string
		body any
	}{{"join", nil}, {"send", map[string]any{"text": "I'll check and get back to you."}}} {
		if err := control.Do(http.MethodPost, "/control/sessions/latest/"+step.kind, step.body, nil); err != nil {
			return err
		}
	}
	if err := waitFor(ctx, "the agent's answer", `Array.from(document.querySelectorAll(".cx-transcript .cx-message")).some(e => e.textContent.includes("get back to you"))`, 30*time.Second); err != nil {
		return err
	}
	if chatclose {
		if err := waitFor(ctx, "ChatClose.ready", `window.__chatcloseLoader && window.__chatcloseLoader.exports`, 30*time.Second); err != nil {
			return err
		}
	}
	if err := navigate(ctx, "about:blank"); err != nil {
		return err
	}
	return control.Do(http.MethodPost, "/control/sessions/latest/state", map[string]any{"state": "Finalizing"}, nil)
}

// navigate opens url in the tab and waits for its load event, within stepLimit.
func navigate(ctx context.Context, url string) error {
	step, cancel := context.WithTimeout(ctx, stepLimit)
	defer cancel()
	return chromedp.Do(step, chromedp.Navigate(url))
}

// visitReturn comes back to pageURL at the CPU throttling rate, with the HTTP cache kept (warm)
// or emptied, waits until the transcript and the notice are shown, and reports their times.
func visitReturn(ctx context.Context, pageURL string, rate float64, warm bool) (returnVisit, error) {
	var v returnVisit
	defer setConditions(ctx, 1, false)
	if err := openAt(ctx, pageURL, rate, warm); err != nil {
		return v, err
	}
	if err := waitFor(ctx, "the restored transcript and the notice", `window.__return && __return.transcript !== null && __return.notice !== null`, 30*time.Second); err != nil {
		return v, err
	}
	return eval[returnVisit](ctx, `({transcript: __return.transcript, notice: __return.notice,
		published: __return.published || 0, blocked: __return.blocked, opened: __return.opened || 0, ready: __return.ready || 0,
		wasmStart: (performance.getEntriesByType("resource").find(e => e.name.includes("/chatclose.wasm")) || {startTime: -1}).startTime})`)
}

// openAt opens pageURL in the tab at the CPU throttling rate, with the HTTP cache emptied first
// unless warm, and checks that the page is a secure context, as an https shop's is. The caller
// sets the rate back (setConditions(ctx, 1, false)) when it is done with the page.
func openAt(ctx context.Context, pageURL string, rate float64, warm bool) error {
	if err := navigate(ctx, "about:blank"); err != nil {
		return err
	}
	if err := setConditions(ctx, rate, !warm); err != nil {
		return err
	}
	if err := navigate(ctx, pageURL); err != nil {
		return err
	}
	if secure, err := eval[bool](ctx, `isSecureContext`); err != nil || !secure {
		return fmt.Errorf("%s is not a secure context (as an https shop is): %v", pageURL, err)
	}
	return nil
}

// setConditions sets the tab's CPU throttling rate and, with emptyCache, empties the HTTP cache
// of its browser context, as before a first visit. It also turns off DevTools' network agent,
// which chromedp turns on in every tab: while it is on, Chromium keeps a copy of every response
// body for DevTools, which doubled the time a page took to read chatclose.wasm's body (the
// module's floor: about 88 against 45 ms at 1×), a cost a customer's browser never has.
func setConditions(ctx context.Context, rate float64, emptyCache bool) error {
	return chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Disable, cdp.Empty{}); err != nil {
			return chromedp.Void{}, err
		}
		if emptyCache {
			if _, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{}); err != nil {
				return chromedp.Void{}, err
			}
		}
		_, err := cdp.Call(ctx, tg, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate})
		return chromedp.Void{}, err
	})
}

// median is the median of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// column is one measure of every visit of a cell.
func column[V any](visits []V, of func(V) float64) []float64 {
	out := make([]float64, len(visits))
	for i, v := range visits {
		out[i] = of(v)
	}
	return out
}
