//go:build !js

package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Injected faults: each test breaks one thing chatclose depends on and checks that chatclose
// says so once, clearly, and that the page and the chat keep working.

// withOptions adds chatclose options (a JSON object) to the customer page's query.
func withOptions(q url.Values, options string) url.Values {
	q.Set("options", options)
	return q
}

// withFaults adds stand-in faults (a JSON object, CONTRACT.md section 4) to the query.
func withFaults(q url.Values, faults string) url.Values {
	q.Set("faults", faults)
	return q
}

func TestFaultCXBusNeverAppears(t *testing.T) {
	s := newScenario(t, options{faults: sandbox.Faults{NoWidgets: true}})
	s.open(withOptions(asyncChat(), `{"busTimeout": 400}`))
	s.waitFault("chatclose: window.CXBus did not appear within 400 ms")
	s.waitJS("the shop page", `document.readyState === "complete" && document.querySelector(".shop-hero") !== null`)
	assert.Len(t, s.chatcloseFaults(), 1, "one clear error")
	assert.True(t, eval[bool](s, `window.__chatcloseLoader.plugin === null`))
	assert.Empty(t, s.requested("/chatclose/wasm_exec.js"), "nothing more is loaded")
	assert.Empty(t, s.requested("/chatclose/chatclose.wasm"), "nothing more is loaded")
}

// TestFaultCXBusTenSecondsLate holds the widgets script back for 10 s: chatclose, loaded
// first, waits for CXBus (30 s by default) and then works as usual.
func TestFaultCXBusTenSecondsLate(t *testing.T) {
	t.Parallel()
	const late = 10 * time.Second
	s := newScenario(t, options{faults: sandbox.Faults{WidgetsDelay: late}})
	start := time.Now()
	s.startChat(url.Values{"async": {"1"}, "order": {"before"}})
	require.GreaterOrEqual(t, time.Since(start), late)
	arrived := eval[float64](s, `performance.getEntriesByType("resource").find(e => e.name.includes("`+widgetsEntry()+`")).responseEnd`)
	assert.GreaterOrEqual(t, arrived, float64(late.Milliseconds()), "CXBus came 10 s after navigation")
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1)
	assert.Equal(t, 1, s.events("notified"))
}

// TestFaultCXBusLaterThanBusTimeout: CXBus comes after chatclose gave up. chatclose says so
// once and stays out of the way; the chat works without it.
func TestFaultCXBusLaterThanBusTimeout(t *testing.T) {
	t.Parallel()
	s := newScenario(t, options{faults: sandbox.Faults{WidgetsDelay: 1500 * time.Millisecond}})
	q := withOptions(url.Values{"async": {"1"}, "order": {"before"}, "autostart": {"1"}}, `{"busTimeout": 300}`)
	s.open(q)
	s.waitFault("chatclose: window.CXBus did not appear within 300 ms")
	s.waitSession()
	s.chatStillWorks(true)
	assert.Len(t, s.chatcloseFaults(), 1)
	assert.Equal(t, 0, s.events("ready"))
}

func TestFaultPluginNameTaken(t *testing.T) {
	standInOnly(t, "the stand-in's fault hook `taken` registers ChatClose first")
	s := newScenario(t, options{})
	s.open(withFaults(url.Values{"async": {"1"}, "autostart": {"1"}}, `{"taken": ["ChatClose"]}`))
	s.waitFault(`chatclose: CXBus.registerPlugin("ChatClose") returned false: the name is taken`)
	s.waitSession()
	s.chatStillWorks(true)
	assert.Len(t, s.chatcloseFaults(), 1)
	assert.Empty(t, s.requested("/chatclose/chatclose.wasm"), "a loader that could not register loads nothing")
}

// countInjects makes the page count the WebChat.injectMessage commands anyone sends, with a
// before hook of a plugin of its own (hooks see every command before it runs).
const countInjects = `(() => {
	window.__injects = 0;
	CXBus.registerPlugin("E2ECount").before("WebChat.injectMessage", data => { window.__injects++; return data; });
	return true;
})()`

// TestFaultInjectRefusedUntilTheWindowOpens: with WebChat's window closed, WebChat refuses
// the notice ("No chat session to inject into."). chatclose sends it again when the window
// opens, once, and never again on later openings.
func TestFaultInjectRefusedUntilTheWindowOpens(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	require.True(t, eval[bool](s, countInjects))
	s.agent("join", nil)
	s.waitDelivered(s.say("Let me check."))
	require.Empty(t, s.command("WebChat.close", "{}"))
	s.waitDelivered(s.state("Finalizing"))
	s.waitJS("the refused notice", `window.__injects === 1`)
	s.settle()
	assert.Empty(t, s.notices(), "refused while the window is closed")
	assert.Equal(t, 0, s.events("notified"))

	require.Empty(t, s.command("WebChat.open", "{}"))
	s.waitNotices(1)
	s.waitJS("ChatClose.notified", `window.__e2e.events.some(e => e.name === "notified")`)
	require.Empty(t, s.command("WebChat.close", "{}"))
	require.Empty(t, s.command("WebChat.open", "{}"))
	s.settle()
	s.waitNotices(1)
	s.settle()
	assert.Len(t, s.notices(), 1, "no duplicate")
	assert.Equal(t, 3, eval[int](s, `window.__injects`), "one refused try, one retry, and once more for the rebuilt window")
	assert.Equal(t, 1, s.events("notified"))
	assert.Equal(t, 0, s.events("error"))
}

// TestFaultEndChatRejects: WebChat refuses to end the chat. chatclose reports it once, as a
// ChatClose.error and on the console, does not try again for the same segment, and the chat
// keeps working.
func TestFaultEndChatRejects(t *testing.T) {
	standInOnly(t, "the stand-in's fault hook `reject` makes WebChat.endChat fail")
	const reason = "there is no active chat session to end"
	s := newScenario(t, options{})
	s.allow("WebChat.endChat was rejected: " + reason)
	s.startChat(withFaults(ordinaryChat(), `{"reject": {"WebChat.endChat": "`+reason+`"}}`))
	s.agent("join", nil)
	index := s.state("Finalizing")
	s.waitJS("ChatClose.error", `window.__e2e.events.some(e => e.name === "error")`)
	s.waitDelivered(s.state("Completed"))
	errs := eval[[]map[string]any](s, `window.__e2e.events.filter(e => e.name === "error").map(e => e.data)`)
	require.Len(t, errs, 1)
	assert.Equal(t, index, errs[0]["index"])
	assert.Contains(t, errs[0]["message"], reason)
	assert.Equal(t, false, errs[0]["timeout"])
	assert.Len(t, s.chatcloseFaults(), 1)
	assert.Empty(t, s.customerLog().Deletes)
	assert.Equal(t, 0, s.events("ended"))
	s.typeAndSend("Are you still there?")
	s.waitCustomerMessages(1)
}

// TestFaultCommandNeverSettles: WebChat never answers injectMessage. After commandTimeout
// chatclose reports the timeout once for that state change; the next segment's state change
// gets its own single report.
func TestFaultCommandNeverSettles(t *testing.T) {
	standInOnly(t, "the stand-in's fault hook `hang` keeps WebChat.injectMessage from settling")
	s := newScenario(t, options{})
	s.allow("WebChat.injectMessage did not settle within 300ms")
	s.startChat(withFaults(withOptions(asyncChat(), `{"commandTimeout": 300}`), `{"hang": ["WebChat.injectMessage"]}`))
	s.agent("join", nil)
	first := s.state("Finalizing")
	s.waitJS("the first timeout", `window.__e2e.events.filter(e => e.name === "error").length === 1`)
	s.agent("segment", nil)
	s.say("Hello, I'm taking over.")
	second := s.state("Finalizing")
	s.waitJS("the second timeout", `window.__e2e.events.filter(e => e.name === "error").length >= 2`)
	s.settle()
	errs := eval[[]map[string]any](s, `window.__e2e.events.filter(e => e.name === "error").map(e => e.data)`)
	require.Len(t, errs, 2, "one report per state change: %v", errs)
	assert.Equal(t, first, errs[0]["index"])
	assert.Equal(t, second, errs[1]["index"])
	for _, e := range errs {
		assert.Equal(t, true, e["timeout"])
	}
	assert.Len(t, s.chatcloseFaults(), 2)
	assert.Empty(t, s.notices())
}

// TestFaultModuleFiles breaks chatclose's own files on the server. Each fault gives one clear
// console error, no uncaught error, and a chat that works without chatclose; a wrong MIME
// type with the right bytes changes nothing (the loader compiles from the bytes). On an https
// page (secure) the loader checks the module's hash itself, and says the same.
func TestFaultModuleFiles(t *testing.T) {
	html := []byte("<!doctype html><html><head><title>Northwind</title></head><body>Not found</body></html>")
	for _, tc := range []struct {
		name   string
		faults sandbox.Faults
		want   string // the console error; none when works
		works  bool
		secure bool
	}{
		{"wasm missing", sandbox.Faults{Missing: []string{"chatclose.wasm"}},
			"chatclose.wasm (HTTP 404)", false, false},
		{"wasm tampered", sandbox.Faults{Tamper: []string{"chatclose.wasm"}},
			"chatclose.wasm failed its integrity check: it is not the file this chatclose.js was built with (expected sha384-", false, false},
		{"wasm_exec.js tampered", sandbox.Faults{Tamper: []string{"wasm_exec.js"}},
			"wasm_exec.js failed its integrity check", false, false},
		{"an HTML page instead of the wasm", sandbox.Faults{
			Types:  map[string]string{"chatclose.wasm": "text/html; charset=utf-8"},
			Bodies: map[string][]byte{"chatclose.wasm": html}},
			"served as text/html; charset=utf-8", false, false},
		{"wasm with a wrong MIME type", sandbox.Faults{Types: map[string]string{"chatclose.wasm": "application/octet-stream"}},
			"", true, false},
		{"wasm tampered, on an https page", sandbox.Faults{Tamper: []string{"chatclose.wasm"}},
			"chatclose.wasm failed its integrity check: it is not the file this chatclose.js was built with (expected sha384-", false, true},
		{"an HTML page instead of the wasm, on an https page", sandbox.Faults{
			Types:  map[string]string{"chatclose.wasm": "text/html; charset=utf-8"},
			Bodies: map[string][]byte{"chatclose.wasm": html}},
			"chatclose.wasm failed its integrity check: it is not the file this chatclose.js was built with (expected sha384-", false, true},
		{"wasm missing, on an https page", sandbox.Faults{Missing: []string{"chatclose.wasm"}},
			"chatclose.wasm (HTTP 404)", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScenario(t, options{faults: tc.faults, secure: tc.secure})
			s.open(url.Values{"async": {"1"}, "autostart": {"1"}})
			assert.Equal(t, tc.secure, eval[bool](s, `isSecureContext`), "a secure context")
			if tc.want != "" {
				s.waitFault(tc.want)
			}
			s.waitSession()
			if tc.works {
				s.waitReady()
				s.agent("join", nil)
				s.state("Finalizing")
				s.waitNotices(1)
				assert.Empty(t, s.chatcloseFaults())
			} else {
				s.chatStillWorks(true)
				assert.Equal(t, 0, s.events("ready"))
				msg := s.chatcloseFaults()
				require.Len(t, msg, 1, "one clear error")
				assert.Contains(t, msg[0], "The chat keeps working without chatclose.")
			}
			t.Logf("%q", s.chatcloseFaults())
		})
	}
}

// TestLoaderPinsWhatItLoads checks the build's Subresource Integrity stamp: the bundle's
// chatclose.js carries the sha384 of wasm_exec.js, chatclose-filter.js and chatclose.wasm (put
// in by esbuild's define), integrity.json lists all four files and a script tag with integrity and
// crossorigin, and the source loader carries no stamp.
func TestLoaderPinsWhatItLoads(t *testing.T) {
	var manifest struct {
		Algorithm string            `json:"algorithm"`
		Files     map[string]string `json:"files"`
		Snippet   string            `json:"snippet"`
	}
	require.NoError(t, json.Unmarshal(readFile(t, distDir+"/integrity.json"), &manifest))
	assert.Equal(t, "sha384", manifest.Algorithm)
	for _, name := range []string{"chatclose.js", "chatclose-filter.js", "chatclose.wasm", "wasm_exec.js"} {
		assert.Equal(t, sri(readFile(t, distDir+"/"+name)), manifest.Files[name], name)
	}
	loader := string(readFile(t, distDir+"/chatclose.js"))
	assert.Contains(t, loader, `"wasm_exec.js":"`+manifest.Files["wasm_exec.js"]+`"`)
	assert.Contains(t, loader, `"chatclose.wasm":"`+manifest.Files["chatclose.wasm"]+`"`)
	assert.Contains(t, loader, `"chatclose-filter.js":"`+manifest.Files["chatclose-filter.js"]+`"`)
	assert.Contains(t, manifest.Snippet, `integrity="`+manifest.Files["chatclose.js"]+`"`)
	assert.Contains(t, manifest.Snippet, `crossorigin="anonymous"`)
	assert.Contains(t, manifest.Snippet, `src="https://your.site/chatclose/chatclose.js"`)
	source := string(readFile(t, "../chatclose.js"))
	assert.Contains(t, source, "CHATCLOSE_SRI_WASM_EXEC", "the source names the build-time constant the build stamps")
	assert.False(t, strings.Contains(source, "sha384-"), "the source loader stays stamp-free")
}
