//go:build !js

package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// check is one entry of ChatClose.diagnose's answer.
type check struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Found string `json:"found"`
	Fix   string `json:"fix"`
}

// diagnose runs ChatClose.diagnose in the page, as support staff would from the console, and
// returns its checks by name. It checks that every check is there, in order, and that a check
// names a fix exactly when it fails.
func (s *scenario) diagnose() map[string]check {
	s.t.Helper()
	raw := evalAwait[string](s, `new Promise((ok, fail) => CXBus.command("ChatClose.diagnose").done(v => ok(JSON.stringify(v))).fail(fail))`)
	var list []check
	require.NoError(s.t, json.Unmarshal([]byte(raw), &list), raw)
	names := make([]string, len(list))
	out := map[string]check{}
	for i, c := range list {
		names[i] = c.Name
		out[c.Name] = c
		assert.Equal(s.t, c.OK, c.Fix == "", "check %s: a fix exactly when it fails: %+v", c.Name, c)
		assert.NotEmpty(s.t, c.Found, "check %s says what it found", c.Name)
	}
	require.Equal(s.t, handler.CheckNames(), names, "ChatClose.diagnose lists every check, in order")
	return out
}

// warnings returns chatclose's console warnings so far that contain substr.
func (s *scenario) warnings(substr string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, f := range s.faults {
		if strings.HasPrefix(f, "console warning: chatclose: ") && strings.Contains(f, substr) {
			out = append(out, f)
		}
	}
	return out
}

// waitWarning waits until chatclose has warned with a line containing substr, lets the warning
// pass the page-fault check, waits a while longer for a repeat, and returns every such line.
func (s *scenario) waitWarning(substr string) []string {
	s.t.Helper()
	s.allow(substr)
	deadline := time.Now().Add(waitLimit)
	for len(s.warnings(substr)) == 0 {
		if time.Now().After(deadline) {
			s.t.Fatalf("no chatclose warning containing %q", substr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.quiet()
	return s.warnings(substr)
}

// quiet gives a page without a chat time to say anything more: a second, then an idle turn.
func (s *scenario) quiet() {
	s.t.Helper()
	time.Sleep(time.Second)
	s.waitJS("an idle page", `new Promise(r => setTimeout(() => r(true), 0))`)
}

// eager is a page that loads chatclose's module at once, without a chat: the startup checks
// run as soon as Widgets are ready.
func eager(params url.Values) url.Values {
	params.Set("load", "eager")
	return params
}

// assertOnlyFailing checks that exactly the named checks fail.
func assertOnlyFailing(t *testing.T, checks map[string]check, failing ...string) {
	t.Helper()
	for name, c := range checks {
		want := true
		for _, f := range failing {
			want = want && f != name
		}
		assert.Equal(t, want, c.OK, "check %s: %+v", name, c)
	}
}

func TestAHealthyPageWarnsNothingAndPassesEveryCheck(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
	s.waitJS("the chat window", `document.querySelector(".cx-webchat .cx-message-input")`)
	checks := s.diagnose()
	assertOnlyFailing(t, checks)
	assert.Equal(t, `transport.type "pureengage-v3-rest"`, checks[handler.CheckTransport].Found)
	assert.Equal(t, "WebChatService is registered", checks[handler.CheckWebChatService].Found)
	assert.Contains(t, checks[handler.CheckInputSelector].Found, "matches")
	assert.Contains(t, checks[handler.CheckTranscriptSelector].Found, "matches")

	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1)
	s.settle()
	assert.Empty(t, s.warnings(""), "a healthy page gets no warning at all")
	assertOnlyFailing(t, s.diagnose())
}

func TestAnUnsupportedTransportIsSaidOnceAndChatcloseDoesNothing(t *testing.T) {
	standInOnly(t, "the stand-in chats through its v3 imitation whatever transport.type says; a real build would start no v3 chat")
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "transport": {"purecloud-v2-sockets"}})
	said := s.waitWarning(`transport.type is "purecloud-v2-sockets"`)
	require.Len(t, said, 1)
	assert.Contains(t, said[0], "console warning: chatclose: _genesys.widgets.webchat.transport.type is \"purecloud-v2-sockets\" (Genesys Cloud), which never sends the InteractionStateChange messages chatclose acts on, so chatclose does nothing on this page. chatclose works only with")

	s.agent("join", nil)
	s.waitDelivered(s.state("Finalizing"))
	assert.Empty(t, s.notices(), "chatclose does nothing on a transport it cannot serve")
	assert.Zero(t, s.events("notified"))
	assert.Equal(t, "none", s.getState()["action"])
	checks := s.diagnose()
	assertOnlyFailing(t, checks, handler.CheckTransport)
	assert.Contains(t, checks[handler.CheckTransport].Fix, `"pureengage-v3-rest"`)
	assert.Len(t, s.warnings(""), 1, "said once, and nothing else")
}

func TestNoTransportTypeMeansGMSAndIsSaidOnce(t *testing.T) {
	s := newScenario(t, options{})
	s.open(eager(url.Values{"transport": {"none"}}))
	said := s.waitWarning("transport.type is not set, so Widgets chat through GMS")
	require.Len(t, said, 1)
	checks := s.diagnose()
	assertOnlyFailing(t, checks, handler.CheckTransport)
	assert.Len(t, s.warnings(""), 1)
}

func TestNoWebChatServiceIsSaidOnce(t *testing.T) {
	standInOnly(t, "fault hook: a Widgets build without WebChatService")
	s := newScenario(t, options{})
	s.open(eager(url.Values{"faults": {`{"missing":["WebChatService"]}`}}))
	said := s.waitWarning("no WebChatService on this page")
	require.Len(t, said, 1)
	assert.Contains(t, said[0], "chatclose: no WebChatService on this page: CXBus has no plugin of that name and loads no plugins. chatclose needs Genesys WebChatService")
	checks := s.diagnose()
	assertOnlyFailing(t, checks, handler.CheckWebChatService)
	assert.Len(t, s.warnings(""), 1)
}

func TestSelectorsThatMatchNothingAreSaidWhenTheWindowFirstOpens(t *testing.T) {
	s := newScenario(t, options{})
	s.open(eager(url.Values{"options": {`{"readOnly": true, "inputSelector": "#no-such-input", "transcriptSelector": "#["}`}}))
	s.waitReady()
	s.quiet()
	assert.Empty(t, s.warnings(""), "nothing is said before the chat window opens")
	checks := s.diagnose()
	assertOnlyFailing(t, checks)
	assert.Contains(t, checks[handler.CheckInputSelector].Found, "checked when the chat window first opens")

	evalAwait[bool](s, `new Promise((ok, fail) => CXBus.command("WebChat.open").done(() => ok(true)).fail(fail))`)
	input := s.waitWarning(`inputSelector "#no-such-input" matches nothing in the open chat window`)
	transcript := s.waitWarning(`transcriptSelector "#[" is not a valid CSS selector`)
	require.Len(t, input, 1)
	require.Len(t, transcript, 1)
	assert.Contains(t, input[0], "read-only mode has no input box to lock. Set inputSelector to a CSS selector of your WebChat's message box")
	checks = s.diagnose()
	assertOnlyFailing(t, checks, handler.CheckInputSelector, handler.CheckTranscriptSelector)

	// Closed and opened again: said once, all the same.
	evalAwait[bool](s, `new Promise((ok, fail) => CXBus.command("WebChat.close").done(() => ok(true)).fail(fail))`)
	assertOnlyFailing(t, s.diagnose(), handler.CheckInputSelector, handler.CheckTranscriptSelector)
	evalAwait[bool](s, `new Promise((ok, fail) => CXBus.command("WebChat.open").done(() => ok(true)).fail(fail))`)
	s.quiet()
	assert.Len(t, s.warnings(""), 2, "each selector said once")
}

func TestContradictoryOptionsAreSaidOnce(t *testing.T) {
	s := newScenario(t, options{})
	s.open(eager(url.Values{"async": {"0"}, "mode": {"notify"}}))
	said := s.waitWarning(`mode is "notify" but _genesys.widgets.webchat.transport.async.enabled is not true`)
	require.Len(t, said, 1)
	assert.Contains(t, said[0], `the notice would show in a chat that is still open for routing. Use mode "auto"`)
	checks := s.diagnose()
	assertOnlyFailing(t, checks, handler.CheckOptions)
	assert.Len(t, s.warnings(""), 1)
}

func TestDiagnoseAnswersFromTheFirstMoment(t *testing.T) {
	s := newScenario(t, options{})
	s.open(url.Values{}) // lazy, no chat: the module is not loaded
	s.waitJS("the ChatClose plugin", `window.CXBus && window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
	assert.Empty(t, s.requested("chatclose.wasm"), "a page without a chat loads no module")
	checks := s.diagnose()
	assertOnlyFailing(t, checks)
	assert.NotEmpty(t, s.requested("chatclose.wasm"), "diagnose loads the module to run its checks")
}
