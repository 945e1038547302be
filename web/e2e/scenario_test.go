//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// waitLimit bounds every wait on a condition. Conditions normally hold within a few poll
// intervals (the customer page polls every 150 ms in these tests).
const waitLimit = 15 * time.Second

// scenario is one test's sandbox server and browser tab.
type scenario struct {
	t        *testing.T
	ctx      context.Context // the tab
	server   *httptest.Server
	base     string // http://widgets.test:PORT
	mu       sync.Mutex
	faults   []string // uncaught errors and chatclose console errors
	allowed  []string // substrings of console errors a test expects
	requests []string // every URL the tab requested, in order
}

// options change one scenario's sandbox server.
type options struct {
	wasmDelay time.Duration
	cursor    string
	csp       string         // Content-Security-Policy header of every answer
	faults    sandbox.Faults // failures the server injects
	dist      string         // the bundle to serve instead of the one built for the tests
	// wrap, when set, wraps the sandbox's handler, to change what the server answers.
	wrap func(http.Handler) http.Handler
	// secure makes the page a secure context, as an https shop's is (the others, on
	// http://widgets.test, are not).
	secure bool
}

// observer runs in every page before its own scripts. It subscribes to chatclose's and
// WebChatService's events as soon as CXBus exists and keeps what it saw in window.__e2e.
const observer = `(() => {
	const seen = window.__e2e = {events: [], maxIndex: -1, batches: 0, firstBatchAt: null};
	const watch = cx => {
		for (const name of ["ready", "notified", "ended", "error", "locked", "unlocked"]) {
			cx.subscribe("ChatClose." + name, e => seen.events.push({name, data: JSON.parse(JSON.stringify(e.data || {}))}));
		}
		cx.subscribe("WebChat.completed", () => seen.events.push({name: "WebChat.completed"}));
		cx.subscribe("WebChatService.messageReceived", e => {
			seen.batches++;
			if (seen.firstBatchAt === null) seen.firstBatchAt = performance.now();
			for (const m of (e.data && Array.isArray(e.data.originalMessages)) ? e.data.originalMessages : []) {
				const i = m && parseInt(m.index, 10);
				if (i > seen.maxIndex) seen.maxIndex = i;
			}
		});
	};
	const look = () => window.CXBus && typeof window.CXBus.subscribe === "function" ? watch(window.CXBus) : setTimeout(look, 1);
	look();
})();`

// newScenario starts a sandbox server and opens a fresh browser context for t.
func newScenario(t *testing.T, opts options) *scenario {
	t.Helper()
	dist := distDir
	if opts.dist != "" {
		dist = opts.dist
	}
	srv, err := sandbox.New(sandbox.Options{DistDir: dist, Cursor: opts.cursor, WasmDelay: opts.wasmDelay, CSP: opts.csp, Faults: opts.faults, Widgets: widgetsDir})
	if err != nil {
		t.Fatal(err)
	}
	var handler http.Handler = srv
	if opts.wrap != nil {
		handler = opts.wrap(srv)
	}
	ts := httptest.NewUnstartedServer(handler)
	var ln net.Listener
	if opts.secure {
		ln, err = secure.Take()
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)
	port := ln.Addr().(*net.TCPAddr).Port

	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	s := &scenario{t: t, ctx: ctx, server: ts, base: fmt.Sprintf("http://%s:%d", host, port)}
	s.watchTab()
	return s
}

// openTab opens another tab in the same browser context (same cookies, storage and
// BroadcastChannel scope), on the same sandbox server.
func (s *scenario) openTab() *scenario {
	s.t.Helper()
	ctx, cancel := chromedp.NewContext(s.ctx)
	s.t.Cleanup(cancel)
	other := &scenario{t: s.t, ctx: ctx, server: s.server, base: s.base}
	other.watchTab()
	return other
}

// watchTab listens to the tab's events and installs the observer script.
func (s *scenario) watchTab() {
	s.t.Helper()
	if err := chromedp.Listen(s.ctx, s.listen); err != nil {
		s.t.Fatal(err)
	}
	err := chromedp.Do(s.ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observer})
		return chromedp.Void{}, err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(s.checkFaults)
}

// listen records uncaught page errors, chatclose's console errors and Go runtime failures.
// It runs in chromedp's event loop: it only appends under a lock.
func (s *scenario) listen(ev any) {
	var fault string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.mu.Lock()
		s.requests = append(s.requests, ev.Request.URL)
		s.mu.Unlock()
	case *runtime.EventExceptionThrown:
		fault = "uncaught: " + chromium.ExceptionText(ev.ExceptionDetails)
	case *runtime.EventConsoleAPICalled:
		text := chromium.ConsoleText(ev.Args)
		switch {
		case (ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning) && strings.HasPrefix(text, "chatclose:"):
			fault = "console " + string(ev.Type) + ": " + text
		case strings.HasPrefix(text, "panic:") || strings.HasPrefix(text, "fatal error:") ||
			strings.HasPrefix(text, "exit code:") || strings.Contains(text, "Go program has already exited"):
			fault = "Go runtime: " + text
		}
	}
	if fault == "" {
		return
	}
	s.mu.Lock()
	s.faults = append(s.faults, fault)
	s.mu.Unlock()
}

// requested returns the URLs the tab has requested so far that contain substr.
func (s *scenario) requested(substr string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, u := range s.requests {
		if strings.Contains(u, substr) {
			out = append(out, u)
		}
	}
	return out
}

// allow lets console errors containing substr pass; a test that provokes one expects it.
func (s *scenario) allow(substr string) {
	s.mu.Lock()
	s.allowed = append(s.allowed, substr)
	s.mu.Unlock()
}

func (s *scenario) checkFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		expected := false
		for _, a := range s.allowed {
			expected = expected || strings.Contains(f, a)
		}
		if !expected {
			s.t.Errorf("page fault: %s", f)
		}
	}
}

// customerURL is the customer page with the given query parameters; polling is fast unless
// the test says otherwise, and the page is the split deployment's when splitLayout is set.
func (s *scenario) customerURL(params url.Values) string {
	q := url.Values{"poll": {"150"}}
	if splitLayout {
		q.Set("split", "1")
	}
	for k, v := range params {
		q[k] = v
	}
	return s.base + "/customer.html?" + q.Encode()
}

// open navigates the tab to the customer page.
func (s *scenario) open(params url.Values) {
	s.t.Helper()
	s.do(chromedp.Navigate(s.customerURL(params)))
}

// startChat opens the customer page with a chat started at once, and waits for the session
// and for chatclose to be ready.
func (s *scenario) startChat(params url.Values) {
	s.t.Helper()
	q := url.Values{"autostart": {"1"}}
	for k, v := range params {
		q[k] = v
	}
	s.open(q)
	s.waitSession()
	s.waitReady()
}

func (s *scenario) do(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, waitLimit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](s *scenario, expr string) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, waitLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// evalAwait evaluates a JavaScript expression whose value is a promise, and waits for it.
func evalAwait[T any](s *scenario, expr string) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, waitLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitJS waits until a JavaScript expression is truthy in the page.
func (s *scenario) waitJS(what, expr string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, waitLimit+time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+expr+")", chromedp.WithPollingTimeout(waitLimit), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		s.t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// waitReady waits for ChatClose.ready in the page.
func (s *scenario) waitReady() {
	s.t.Helper()
	s.waitJS("ChatClose.ready", `window.__e2e && window.__e2e.events.some(e => e.name === "ready")`)
}

// events counts the chatclose events of one name seen by the page since it loaded.
func (s *scenario) events(name string) int {
	s.t.Helper()
	return eval[int](s, fmt.Sprintf(`window.__e2e.events.filter(e => e.name === %q).length`, name))
}

// shownNotices is a JavaScript expression: the injected messages a customer can see in the
// transcript, attached and rendered. An element WebChat built but never attached is not one.
const shownNotices = `Array.from(document.querySelectorAll(".cx-transcript .cx-injected")).filter(e => e.isConnected && e.getClientRects().length > 0)`

// notices returns the texts of the injected messages shown in the transcript.
func (s *scenario) notices() []string {
	s.t.Helper()
	return eval[[]string](s, shownNotices+`.map(e => (e.querySelector(".cx-message-text") || e).textContent.trim())`)
}

// waitNotices waits until the transcript shows n injected messages.
func (s *scenario) waitNotices(n int) {
	s.t.Helper()
	s.waitJS(fmt.Sprintf("%d notice(s)", n), fmt.Sprintf(`%s.length === %d`, shownNotices, n))
}

// waitDelivered waits until the page's WebChatService has published the message with the
// given index, and then for two more polls, so anything chatclose would do about it is done.
func (s *scenario) waitDelivered(index string) {
	s.t.Helper()
	s.waitJS("message "+index+" delivered", `window.__e2e.maxIndex >= `+index)
	s.settle()
}

// settle waits for two more completed polls of the customer page, as recorded by the
// simulator, and for the page to be idle after them.
func (s *scenario) settle() {
	s.t.Helper()
	start := s.customerLog().Polls
	deadline := time.Now().Add(waitLimit)
	for s.customerLog().Polls < start+2 {
		if time.Now().After(deadline) {
			s.t.Fatalf("the customer page stopped polling (polls stayed at %d)", start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.waitJS("an idle page", `new Promise(r => setTimeout(() => r(true), 0))`)
}

// reload reloads the customer page and waits for chatclose to be ready again.
func (s *scenario) reload() {
	s.t.Helper()
	s.do(chromedp.Reload())
	s.waitReady()
}

// countFaults counts the recorded faults that contain substr.
func (s *scenario) countFaults(substr string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		if strings.Contains(f, substr) {
			n++
		}
	}
	return n
}
