//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// busEvent is a ChatClose event as the observer script saw it.
type busEvent struct {
	Name string         `json:"name"`
	Data map[string]any `json:"data"`
}

// busEvents returns the ChatClose events the page saw, oldest first.
func (s *scenario) busEvents(name string) []busEvent {
	s.t.Helper()
	raw := eval[string](s, fmt.Sprintf(`JSON.stringify(window.__e2e.events.filter(e => e.name === %q))`, name))
	var out []busEvent
	require.NoError(s.t, json.Unmarshal([]byte(raw), &out))
	return out
}

// waitEvents waits until the page has seen n ChatClose events of the name, and returns them.
func (s *scenario) waitEvents(name string, n int) []busEvent {
	s.t.Helper()
	s.waitJS(fmt.Sprintf("%d %s event(s)", n, name), fmt.Sprintf(`window.__e2e.events.filter(e => e.name === %q).length >= %d`, name, n))
	events := s.busEvents(name)
	require.GreaterOrEqual(s.t, len(events), n)
	return events
}

// getState runs ChatClose.getState in the page.
func (s *scenario) getState() map[string]any {
	s.t.Helper()
	raw := evalAwait[string](s, `new Promise((ok, fail) => CXBus.command("ChatClose.getState").done(v => ok(JSON.stringify(v))).fail(fail))`)
	var state map[string]any
	require.NoError(s.t, json.Unmarshal([]byte(raw), &state))
	return state
}

func TestEveryTabShowsTheNoticeOnce(t *testing.T) {
	first := newScenario(t, options{})
	first.startChat(asyncChat())
	first.agent("join", nil)
	first.waitDelivered(first.say("Let me check that."))

	second := first.openTab()
	second.open(asyncChat()) // the same chat, restored in a second tab
	second.waitReady()
	second.waitJS("the restored transcript", `document.querySelectorAll(".cx-transcript .cx-message").length >= 2`)

	index := first.state("Finalizing")
	first.waitNotices(1)
	second.waitNotices(1)
	first.settle()

	acted, mirrored := 0, 0
	for _, tab := range []*scenario{first, second} {
		assert.Len(t, tab.notices(), 1)
		events := tab.waitEvents("notified", 1)
		require.Len(t, events, 1, "each tab shows the notice once")
		assert.Equal(t, "Finalizing", events[0].Data["state"])
		assert.Equal(t, index, events[0].Data["index"])
		if events[0].Data["remote"] == true {
			mirrored++
		} else {
			acted++
		}
	}
	assert.Equal(t, 1, acted, "exactly one tab acted on the state change")
	assert.Equal(t, 1, mirrored, "the other showed the notice on its behalf")
	assert.Empty(t, first.customerLog().Deletes)
}

func TestReadOnlyMode(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
	s.agent("join", nil)
	s.say("Your refund is on its way.")
	s.state("Finalizing")
	s.waitNotices(1)
	s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
	locked := handler.DefaultConfig().Texts("en").Locked
	assert.Equal(t, locked, eval[string](s, `document.querySelector(".cx-message-input").placeholder`))

	// A send is cancelled and never reaches the simulator; the text stays in the box.
	eval[bool](s, `(() => { const box = document.querySelector(".cx-message-input"); box.value = "thanks!"; document.querySelector(".cx-send").click(); return true })()`)
	s.waitJS("the text put back", `document.querySelector(".cx-message-input").value === "thanks!"`)
	reason := evalAwait[string](s, `new Promise(ok => CXBus.command("WebChatService.sendMessage", {message: "thanks again", type: "text"}).done(() => ok("sent")).fail(r => ok(String(r))))`)
	assert.Contains(t, reason, "cancelled")
	s.settle()
	for _, m := range s.customerLog().Messages {
		assert.NotContains(t, m.Text, "thanks", "a cancelled send reached the simulator")
	}

	// The control under the notice unlocks.
	s.clickWhenStill(".cx-injected ." + "chatclose-unlock")
	s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
	assert.Equal(t, "control", s.waitEvents("unlocked", 1)[0].Data["reason"])
	s.typeAndSend("Actually, one more question.")
	s.waitCustomerMessages(1)

	// A new agent message unlocks too.
	s.say("Sure, go ahead.")
	s.state("Finalizing")
	s.waitJS("locked again", `document.querySelector(".cx-message-input").disabled`)
	s.say("Oh, and one more thing from me.")
	s.waitJS("unlocked by the agent", `!document.querySelector(".cx-message-input").disabled`)
	unlocked := s.waitEvents("unlocked", 2)
	assert.Equal(t, "activity", unlocked[len(unlocked)-1].Data["reason"])

}

// TestReadOnlyModeANewChatStartsUnlocked: a chat that ends locked, and a new chat in the same
// page view, which starts unlocked.
func TestReadOnlyModeANewChatStartsUnlocked(t *testing.T) {
	standInOnly(t, "a second chat in one page view (stand-in option newchat); the real 9.0.018.07 starts none, see TestNoSecondChatAfterAnEndedOneInThePageView")
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}, "newchat": {"1"}})
	s.agent("join", nil)
	s.say("Your refund is on its way.")
	s.state("Finalizing")
	s.waitJS("locked a third time", `document.querySelector(".cx-message-input").disabled`)
	eval[bool](s, `(CXBus.command("WebChat.endChat"), true)`)
	s.waitJS("the chat ended", `window.__e2e.events.some(e => e.name === "WebChat.completed")`)
	eval[bool](s, `(CXBus.command("WebChat.close").always(() => CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "Again"}})), true)`)
	s.waitJS("a new chat, unlocked", `window.__e2e.events.filter(e => e.name === "unlocked").some(e => e.data.reason === "newChat")`)
	assert.False(t, eval[bool](s, `document.querySelector(".cx-message-input").disabled`))
}

func TestGermanNotice(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "lang": {"de"}, "readonly": {"1"}})
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1)
	de := handler.DefaultConfig().Texts("de")
	assert.Equal(t, de.Notice, strings.TrimSuffix(s.notices()[0], de.Unlock))
	assert.Equal(t, de.Unlock, eval[string](s, `document.querySelector(".chatclose-unlock").textContent`))
	assert.Equal(t, de.Locked, eval[string](s, `document.querySelector(".cx-message-input").placeholder`))
}

func TestBusEventsAndGetState(t *testing.T) {
	s := newScenario(t, options{})
	s.open(url.Values{"async": {"1"}, "readonly": {"1"}})
	s.waitJS("the loader registered", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
	state := s.getState()
	assert.Equal(t, false, state["ready"], "before any chat the loader answers")
	assert.Equal(t, false, state["loaded"])
	assert.Equal(t, "lazy", state["load"])

	s.waitJS("the chat started", `(CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "C"}}), true)`)
	s.waitSession()
	s.waitReady()
	ready := s.waitEvents("ready", 1)
	require.Len(t, ready, 1)
	assert.Equal(t, "auto", ready[0].Data["mode"])
	assert.NotEmpty(t, ready[0].Data["version"])
	tab := ready[0].Data["tab"]
	assert.NotEmpty(t, tab)
	state = s.getState()
	assert.Equal(t, true, state["ready"])
	assert.Equal(t, "notify", state["action"])
	assert.Nil(t, state["lastStateChange"])
	assert.Equal(t, false, state["locked"])

	s.agent("join", nil)
	index := s.state("Finalizing")
	locked := s.waitEvents("locked", 1)
	notified := s.waitEvents("notified", 1)
	require.Len(t, notified, 1)
	assert.Equal(t, map[string]any{"state": "Finalizing", "index": index, "tab": tab, "remote": false}, notified[0].Data)
	assert.Equal(t, notified[0].Data, locked[0].Data)
	state = s.getState()
	assert.Equal(t, map[string]any{"state": "Finalizing", "index": index, "decision": "segment closed"}, state["lastStateChange"])
	assert.Equal(t, true, state["locked"])
	done := state["done"].([]any)
	require.Len(t, done, 1)
	assert.Equal(t, "notify", done[0].(map[string]any)["action"])

	s.do(clickAction(".chatclose-unlock"))
	assert.Equal(t, map[string]any{"reason": "control", "tab": tab, "remote": false}, s.waitEvents("unlocked", 1)[0].Data)
	assert.Equal(t, false, s.getState()["locked"])

	// configure: a bad value is rejected with its reason; a good one applies at once.
	reason := evalAwait[string](s, `new Promise(ok => CXBus.command("ChatClose.configure", {mode: "close"}).done(() => ok("")).fail(r => ok(String(r))))`)
	assert.Contains(t, reason, `mode must be one of "auto", "notify", "end", "off", got "close"`)
	evalAwait[string](s, `new Promise(ok => CXBus.command("ChatClose.configure", {mode: "end"}).done(() => ok("")).fail(r => ok(String(r))))`)
	assert.Equal(t, "end", s.getState()["action"])
	s.say("One more thing.")
	index = s.state("Finalizing")
	assert.Equal(t, map[string]any{"state": "Finalizing", "index": index, "tab": tab, "remote": false}, s.waitEvents("ended", 1)[0].Data)
	s.waitDeletes(1)
}

func TestABadOptionValueIsReportedOnceAndTheDefaultUsed(t *testing.T) {
	s := newScenario(t, options{})
	const want = `chatclose: _genesys.widgets.chatclose.mode must be one of "auto", "notify", "end", "off", got "bogus"; using the default`
	s.allow(want)
	s.startChat(url.Values{"async": {"1"}, "options": {`{"mode": "bogus"}`}})
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1) // the default, auto, notifies in async chat
	assert.Equal(t, 1, s.countFaults(want), "the bad value is reported exactly once")
	assert.Equal(t, "auto", s.getState()["mode"])
}

// TestNoticeAfterARestoreLongerThanTheRestorePage: after a reload whose restore page lacks
// the customer's join, WebChat refuses injectMessage for the rest of the page view (facts
// sheet, section 9). chatclose asks for older history so WebChat sees the join; where WebChat
// does not count a join from history (not known for real Widgets: the historyjoin option),
// chatclose shows the notice as an entry of its own. Either way the customer sees one notice.
