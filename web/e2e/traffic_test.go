//go:build !js

package e2e

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jwt matches anything shaped like the client token (a JWT), whatever chat it belongs to.
var jwt = regexp.MustCompile(`[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)

// tokenHolders are the storage entries that may hold the client token: the integrator's own
// cookie (the sandbox's async session hooks) and Genesys Widgets' cookie.
var tokenHolders = map[string]bool{
	"cookie northwind_chat_session":                                 true,
	"cookie _genesys.widgets.webchat.state.pureengage-v3-rest.keys": true,
}

// storageSnapshot lists every cookie, localStorage and sessionStorage entry of the page as
// "<kind> <name>" → value, and the IndexedDB databases as "indexedDB <name>".
const storageSnapshot = `(async () => {
	const out = {};
	for (const c of document.cookie ? document.cookie.split("; ") : []) {
		const eq = c.indexOf("=");
		out["cookie " + c.slice(0, eq)] = decodeURIComponent(c.slice(eq + 1));
	}
	for (const [kind, store] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) {
		for (let i = 0; i < store.length; i++) out[kind + " " + store.key(i)] = store.getItem(store.key(i));
	}
	for (const db of await indexedDB.databases()) out["indexedDB " + db.name] = "";
	return out;
})()`

// TestNoTokenLeaksAndNoExtraTraffic runs a chat with debug output on (chatclose logs every
// decision), a notice, a reload and a restore, and then checks that the client token appears
// in no console message, browser log entry, chatclose bus event or storage entry of
// chatclose's, and that chatclose's only requests are its own three files, once per page load.
func TestNoTokenLeaksAndNoExtraTraffic(t *testing.T) {
	s := newScenario(t, options{})
	log := watchPage(s, true)
	q := withOptions(url.Values{"async": {"1"}}, `{"debug": true}`)
	s.startChat(q)
	s.agent("join", nil)
	s.say("Your order has shipped.")
	s.state("Finalizing")
	s.waitNotices(1)
	tokens := []string{sessionToken(s)}
	s.reload()
	s.waitNotices(1)
	s.waitDelivered(s.state("Completed"))
	assert.Zero(t, s.customerLog().Restores, "an async restore keeps the stored token: no re-create at the server")
	if restored := sessionToken(s); restored != tokens[0] {
		tokens = append(tokens, restored) // a transport that re-creates the session on restore
	}
	require.NotEmpty(t, log.consoleLines("chatclose: "), "debug output was on")

	// The token is nowhere chatclose writes.
	for _, line := range append(log.consoleLines(""), log.browserLines("")...) {
		assert.False(t, jwt.MatchString(line), "a token-like string on the console: %s", line)
	}
	events := eval[string](s, `JSON.stringify(window.__e2e.events)`)
	assert.False(t, jwt.MatchString(events), "a token-like string in chatclose's events: %s", events)
	storage := evalAwait[map[string]string](s, storageSnapshot)
	for name, value := range storage {
		assert.True(t, strings.HasPrefix(name, "cookie _genesys.widgets.") || strings.HasPrefix(name, "localStorage _genesys.widgets.") || name == "cookie northwind_chat_session" ||
			name == "sessionStorage Widgets.ready", "%s is neither Genesys Widgets' nor the integrator's: chatclose stores nothing", name)
		if jwt.MatchString(value) {
			assert.True(t, tokenHolders[name], "a token in %s", name)
		}
	}
	for _, token := range tokens {
		holders := 0
		for name, value := range storage {
			if strings.Contains(value, token) {
				holders++
				assert.True(t, tokenHolders[name], "the token in %s", name)
			}
		}
		if token == tokens[len(tokens)-1] {
			assert.Positive(t, holders, "the current token is where the integrator keeps it (the check can see it)")
		}
	}

	// chatclose's only requests are its own files, once per page load.
	origin := s.base + "/"
	counts := map[string]int{}
	widgetsRequests := 0
	for _, r := range log.allRequests() {
		if !strings.HasPrefix(r.URL, "data:") && !strings.HasPrefix(r.URL, origin) {
			// Real widgets-core, in the split deployment, fetches a web font from Genesys's
			// servers itself; nothing else may leave the origin.
			assert.True(t, r.startedBy("/widgets/plugins/widgets-core.min.js") && !r.startedBy("/chatclose/", "wasm://"),
				"a request to another origin: %s (stack %q)", r.URL, r.Scripts)
		}
		path := strings.TrimPrefix(strings.SplitN(r.URL, "?", 2)[0], strings.TrimSuffix(origin, "/"))
		if strings.HasPrefix(path, "/chatclose/") {
			counts[path]++
		}
		if r.startedBy("/chatclose/", "wasm://") {
			assert.Contains(t, []string{"/chatclose/wasm_exec.js", "/chatclose/chatclose-filter.js", "/chatclose/chatclose.wasm"}, path,
				"chatclose requested %s (stack %q)", r.URL, r.Scripts)
		}
		if strings.HasPrefix(path, "/nexus/") && r.startedBy("/widgets/") { // the bundle, or a plugin's file
			widgetsRequests++
		}
	}
	assert.Equal(t, map[string]int{"/chatclose/chatclose.js": 2, "/chatclose/wasm_exec.js": 2, "/chatclose/chatclose-filter.js": 2, "/chatclose/chatclose.wasm": 2}, counts)
	assert.Positive(t, widgetsRequests, "requests carry the stacks that started them (the check can see them)")
	wasm := requestsTo(log, "/chatclose/chatclose.wasm")
	require.NotEmpty(t, wasm)
	assert.True(t, wasm[0].startedBy("/chatclose/chatclose.js"), "the module is fetched by the loader: %q", wasm[0].Scripts)
}

// sessionToken returns the client token the page keeps in the integrator's session cookie.
func sessionToken(s *scenario) string {
	s.t.Helper()
	raw := eval[string](s, `decodeURIComponent((document.cookie.split("; ").find(c => c.startsWith("northwind_chat_session=")) || "=").split("=")[1])`)
	var session struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(raw), &session); err != nil || !jwt.MatchString(session.Token) {
		s.t.Fatalf("no client token in the session cookie %q (%v)", raw, err)
	}
	return session.Token
}

func requestsTo(l *pageLog, path string) []request {
	var out []request
	for _, r := range l.allRequests() {
		if strings.Contains(r.URL, path) {
			out = append(out, r)
		}
	}
	return out
}
