//go:build !js

package engines

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/web/sandbox"
)

// waitLimit bounds every wait on a condition. Conditions normally hold within a few poll
// intervals of the customer page.
const waitLimit = 15 * time.Second

// evalTry bounds one evaluation of a wait's expression; the wait tries again after it.
const evalTry = 3 * time.Second

// frame is the customer's page inside the harness page, as JavaScript.
const frame = `document.getElementById("customer").contentWindow`

// chat is one scenario's view of a customer: a tab on the harness page, whose frame holds
// the customer's page of a sandbox server of the scenario's own.
type chat struct {
	t       *testing.T
	run     *engineRun
	profile Profile
	tab     Tab
	server  *httptest.Server
	base    string        // http://widgets.test:PORT
	allowed *[]string     // substrings of faults the scenario expects, shared by its tabs
	faults  []string      // faults of the page views already left
	opened  bool          // whether the tab has opened a page yet
	fresh   bool          // whether the tab is the first of a new profile
	poll    time.Duration // the customer page's poll interval
}

// chatOptions change one scenario's sandbox server.
type chatOptions struct {
	csp  string                          // Content-Security-Policy of every answer, the harness page's too
	wrap func(http.Handler) http.Handler // changes every answer, the harness page's too (nil: none)
}

// newChat starts a sandbox server and opens a tab in a fresh profile of the engine.
func newChat(t *testing.T, run *engineRun, opts chatOptions) *chat {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{DistDir: distDir, CSP: opts.csp, Widgets: widgetsDir})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = WithHarness(srv, opts.csp)
	if opts.wrap != nil {
		h = opts.wrap(h)
	}
	ts := httptest.NewUnstartedServer(h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	profile, err := run.browser.NewProfile(ctx)
	if err != nil {
		t.Fatalf("%s: a new profile: %v", run.name, err)
	}
	t.Cleanup(func() { _ = profile.Close() })
	c := &chat{t: t, run: run, profile: profile, server: ts, allowed: new([]string),
		base: fmt.Sprintf("http://%s:%d", Hosts[0], ln.Addr().(*net.TCPAddr).Port)}
	c.openTab()
	t.Cleanup(c.checkDriverLog)
	return c
}

// openTab opens the chat's tab (the first time) or another tab of the same profile and server.
func (c *chat) openTab() *chat {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	tab, err := c.profile.NewTab(ctx)
	if err != nil {
		c.t.Fatalf("%s: a new tab: %v", c.run.name, err)
	}
	if c.tab == nil {
		c.tab, c.fresh = tab, true
		c.t.Cleanup(c.checkPageFaults)
		return c
	}
	other := &chat{t: c.t, run: c.run, profile: c.profile, tab: tab, server: c.server, base: c.base, allowed: c.allowed}
	c.t.Cleanup(other.checkPageFaults)
	return other
}

// customerPath is the customer page's path and query; polling is fast unless the
// parameters say otherwise.
func customerPath(params url.Values) string {
	q := url.Values{"poll": {"150"}}
	for k, v := range params {
		q[k] = v
	}
	return "/customer.html?" + q.Encode()
}

// open navigates the tab to the harness page holding the customer page.
func (c *chat) open(params url.Values) {
	c.t.Helper()
	c.keepPageFaults()
	c.poll = 150 * time.Millisecond
	if ms, err := strconv.Atoi(params.Get("poll")); err == nil {
		c.poll = time.Duration(ms) * time.Millisecond
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := c.tab.Navigate(ctx, c.base+HarnessPage(customerPath(params))); err != nil {
		c.t.Fatalf("%s: navigate: %v", c.run.name, err)
	}
	if !c.opened && c.fresh {
		// Every scenario starts from a fresh profile: no cookie or stored key of an earlier
		// one (cookies do not care about ports, so they would reach this server).
		var start struct {
			Cookies string `json:"cookies"`
			Storage int    `json:"storage"`
		}
		// Only the cookies' names: their values hold client tokens.
		c.eval(`({cookies: window.__harness.cookiesAtStart.split("; ").map(c => c.split("=")[0]).join(", "), storage: window.__harness.storageAtStart})`, &start)
		if start.Cookies != "" || start.Storage != 0 {
			c.t.Fatalf("%s: the profile is not fresh: cookies %s, %d stored keys", c.run.name, start.Cookies, start.Storage)
		}
	}
	c.opened = true
}

// startChat opens the customer page with a chat started at once, and waits for the session
// and for chatclose to be ready.
func (c *chat) startChat(params url.Values) {
	c.t.Helper()
	q := url.Values{"autostart": {"1"}}
	for k, v := range params {
		q[k] = v
	}
	c.open(q)
	c.waitSession()
	c.waitReady()
	c.checkWidgets()
}

// checkWidgets checks that the page runs the Widgets the tier was asked for: the real CXBus
// has loadModule (the transports' modules), which the stand-in's lacks.
func (c *chat) checkWidgets() {
	c.t.Helper()
	var real bool
	c.eval(`typeof `+frame+`.CXBus.loadModule === "function"`, &real)
	if real == widgets.StandIn {
		c.t.Fatalf("%s: the page does not run Genesys Widgets %s (CXBus.loadModule: %v)", c.run.name, widgets.Version, real)
	}
}

// reload reloads the tab (harness and customer page) and waits for chatclose to be ready.
func (c *chat) reload() {
	c.t.Helper()
	c.keepPageFaults()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := c.tab.Reload(ctx); err != nil {
		c.t.Fatalf("%s: reload: %v", c.run.name, err)
	}
	c.waitReady()
}

// evalErr evaluates a JavaScript expression in the harness page into out.
func (c *chat) evalErr(expr string, out any) error {
	raw, err := c.evalRaw(expr)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// eval evaluates a JavaScript expression in the harness page into out, failing the test on
// an error.
func (c *chat) eval(expr string, out any) {
	c.t.Helper()
	if err := c.evalErr(expr, out); err != nil {
		c.t.Fatalf("%s: evaluating %s: %v", c.run.name, expr, err)
	}
}

// waitJS waits until a JavaScript expression is truthy in the harness page. An exception
// counts as not yet (the frame may be between pages).
func (c *chat) waitJS(what, expr string) {
	c.t.Helper()
	var ok bool
	c.waitJSValue(what, "!!("+expr+")", &ok)
}

// waitJSValue waits until a JavaScript expression's value is truthy in the harness page, and
// puts the value into out. An exception counts as not yet (the frame may be between pages).
// When the wait runs out, the failure names the expression, the last value or error it saw,
// and what the page looked like then (pageSnapshot), so a failure is readable.
func (c *chat) waitJSValue(what, expr string, out any) {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		// Each try gets a few seconds only: WebKitWebDriver can leave a script sent while the
		// page navigates (a history.back() into the back/forward cache) unanswered for good,
		// and one such try must not use up the whole wait.
		ctx, cancel := context.WithTimeout(context.Background(), evalTry)
		raw, err := c.tab.Eval(ctx, expr)
		cancel()
		if err == nil && !falsy(raw) {
			if err := json.Unmarshal(raw, out); err != nil {
				c.t.Fatalf("%s: %s gave %s: %v", c.run.name, expr, raw, err)
			}
			return
		}
		if time.Now().After(deadline) {
			last := "value " + string(raw)
			if err != nil {
				last = "error: " + err.Error()
			}
			c.t.Fatalf("%s: waited %v for %s\nexpression: %s\nlast seen: %s\npage then: %s", c.run.name, waitLimit, what, expr, last, c.pageSnapshot())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// falsy says whether a JSON value is falsy in JavaScript.
func falsy(raw json.RawMessage) bool {
	switch string(raw) {
	case "", "null", "false", "0", `""`:
		return true
	}
	return false
}

// evalRaw evaluates a JavaScript expression in the harness page and returns its JSON value.
func (c *chat) evalRaw(expr string) (json.RawMessage, error) {
	ctx, cancel := contextWithWaitLimit()
	defer cancel()
	return c.tab.Eval(ctx, expr)
}

// contextWithWaitLimit is a context for one step of a scenario.
func contextWithWaitLimit() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), waitLimit)
}

// pageSnapshot describes the harness page and its customer frame for a failure message: the
// pages' addresses and states, how many reports of each kind the harness kept and the last
// few, the notices shown, and the simulator's count of polls and DELETEs.
func (c *chat) pageSnapshot() string {
	raw, err := c.evalRaw(`(() => { const h = window.__harness, s = {top: location.pathname + location.search, readyState: document.readyState};
		if (!h) return s;
		s.frameLoads = h.frameLoads; s.reports = {};
		for (const r of h.reports) s.reports[r.kind] = (s.reports[r.kind] || 0) + 1;
		s.lastReports = h.reports.slice(-5).map(r => ({kind: r.kind, ageMs: Date.now() - r.time, data: JSON.stringify(r.data).slice(0, 200)}));
		try { const w = ` + frame + `; s.frame = w.location.pathname + w.location.search; s.frameReadyState = w.document.readyState;
			s.notices = ` + shownNotices + `.length; s.transcriptEntries = w.document.querySelectorAll(".cx-transcript .cx-message").length;
			s.pollPending = w.localStorage.getItem(` + strconv.Quote(sandbox.PollPendingKey) + `) } catch (e) { s.frameError = String(e) }
		return s })()`)
	text := string(raw)
	if err != nil {
		text = "(unreadable: " + err.Error() + ")"
	}
	return text + "; simulator: " + c.simulatorSnapshot()
}

// report is one report of the customer page (customer-config.js), as the harness kept it.
type report struct {
	Kind string         `json:"kind"`
	Data map[string]any `json:"data"`
	Time int64          `json:"time"` // Date.now() when it arrived
}

// reports returns the customer page's reports of one kind in this page view, oldest first.
func (c *chat) reports(kind string) []report {
	c.t.Helper()
	var out []report
	c.eval(fmt.Sprintf(`window.__harness.reports.filter(r => r.kind === %q)`, kind), &out)
	return out
}

// count counts the reports of one kind in this page view.
func (c *chat) count(kind string) int { return len(c.reports(kind)) }

// waitReports waits until this page view has n reports of one kind, and returns them.
func (c *chat) waitReports(kind string, n int) []report {
	c.t.Helper()
	c.waitJS(fmt.Sprintf("%d %s report(s)", n, kind), fmt.Sprintf(`window.__harness.reports.filter(r => r.kind === %q).length >= %d`, kind, n))
	return c.reports(kind)
}

// waitReady waits for ChatClose.ready in the customer page.
func (c *chat) waitReady() {
	c.t.Helper()
	c.waitReports("ChatClose.ready", 1)
}

// shownNotices is a JavaScript expression: the injected messages the customer can see in the
// transcript, attached and rendered. An element WebChat built but never attached is not one.
const shownNotices = `Array.from(` + frame + `.document.querySelectorAll(".cx-transcript .cx-injected")).filter(e => e.isConnected && e.getClientRects().length > 0)`

// notices returns the texts of the injected messages shown in the customer's transcript.
func (c *chat) notices() []string {
	c.t.Helper()
	var out []string
	c.eval(shownNotices+`.map(e => (e.querySelector(".cx-message-text") || e).textContent.trim())`, &out)
	return out
}

// waitNotices waits until the customer's transcript shows n injected messages.
func (c *chat) waitNotices(n int) {
	c.t.Helper()
	c.waitJS(fmt.Sprintf("%d notice(s)", n), fmt.Sprintf(`%s.length === %d`, shownNotices, n))
}

// settle waits for two more completed polls of the customer page, as the simulator counts
// them, and one more round trip to the page, so whatever chatclose does about the messages
// added so far is done.
func (c *chat) settle() {
	c.t.Helper()
	start := c.customerLog().Polls
	c.waitGo("two more polls", func() bool { return c.customerLog().Polls >= start+2 })
	c.waitJS("an idle page", `new Promise(r => setTimeout(() => r(true), 0))`)
}

// command runs a CXBus command in the customer page and returns its resolution, or the
// rejection as "rejected: …".
func (c *chat) command(name string, data any, out any) string {
	c.t.Helper()
	arg, _ := json.Marshal(data)
	var res struct {
		Value  json.RawMessage `json:"value"`
		Reason string          `json:"reason"`
	}
	c.eval(fmt.Sprintf(`new Promise(ok => %s.CXBus.command(%q, %s).done(v => ok({value: v === undefined ? null : v})).fail(r => ok({reason: "rejected: " + String(r)})))`, frame, name, arg), &res)
	if res.Reason != "" {
		return res.Reason
	}
	if out != nil {
		if err := json.Unmarshal(res.Value, out); err != nil {
			c.t.Fatalf("%s: %s answered %s: %v", c.run.name, name, res.Value, err)
		}
	}
	return ""
}

// allow lets faults containing substr pass; a scenario that provokes one expects it.
func (c *chat) allow(substr string) { *c.allowed = append(*c.allowed, substr) }

// pageFaults returns the faults the harness saw in this page view: uncaught errors and
// unhandled rejections, CSP violations, and chatclose's console errors.
func (c *chat) pageFaults() ([]string, error) {
	var reports []report
	err := c.evalErr(`window.__harness ? window.__harness.reports.filter(r => ["error", "unhandledrejection", "csp", "console.error"].includes(r.kind)) : []`, &reports)
	var out []string
	for _, r := range reports {
		text, _ := json.Marshal(r.Data)
		if r.Kind == "console.error" {
			msg, _ := r.Data["message"].(string)
			if !strings.HasPrefix(msg, "chatclose:") {
				continue
			}
			text = []byte(msg)
		}
		out = append(out, "page "+r.Kind+": "+string(text))
	}
	return out, err
}

// keepPageFaults keeps this page view's faults before the tab leaves it.
func (c *chat) keepPageFaults() {
	faults, err := c.pageFaults()
	if err == nil {
		c.faults = append(c.faults, faults...)
	}
}

// checkPageFaults fails the test for every fault the harness saw that the scenario did not
// allow.
func (c *chat) checkPageFaults() {
	faults, err := c.pageFaults()
	if err != nil && !c.t.Failed() {
		c.t.Errorf("%s: reading the page's faults: %v", c.run.name, err)
	}
	c.failUnless(append(c.faults, faults...))
}

// checkDriverLog fails the test for every uncaught exception, chatclose console error or
// warning and Go runtime failure the driver saw in the profile's pages.
func (c *chat) checkDriverLog() {
	entries, supported := c.profile.DriverLog()
	if !supported {
		return
	}
	var faults []string
	for _, e := range entries {
		if f := driverFault(e); f != "" {
			faults = append(faults, f)
		}
	}
	c.failUnless(faults)
}

// driverFault says why a driver's log entry is a fault, or returns "".
func driverFault(e LogEntry) string {
	switch {
	case e.Kind == "exception":
		return "driver: uncaught: " + e.Text
	case (e.Level == "error" || e.Level == "warn") && strings.HasPrefix(e.Text, "chatclose:"):
		return "driver: console " + e.Level + ": " + e.Text
	case strings.HasPrefix(e.Text, "panic:") || strings.HasPrefix(e.Text, "fatal error:") ||
		strings.HasPrefix(e.Text, "exit code:") || strings.Contains(e.Text, "Go program has already exited"):
		return "driver: Go runtime: " + e.Text
	}
	return ""
}

func (c *chat) failUnless(faults []string) {
	for _, f := range faults {
		expected := false
		for _, a := range *c.allowed {
			expected = expected || strings.Contains(f, a)
		}
		if !expected {
			c.t.Errorf("%s: %s", c.run.name, f)
		}
	}
}
