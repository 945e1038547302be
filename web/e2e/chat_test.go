//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func asyncChat() url.Values    { return url.Values{"async": {"1"}} }
func ordinaryChat() url.Values { return url.Values{"async": {"0"}} }

// finalizedAsyncChat starts an async chat in a new scenario, has the agent join, answer and
// finalize it, and waits for the notice. It returns the scenario and the Finalizing's index.
func finalizedAsyncChat(t *testing.T, params url.Values) (*scenario, string) {
	t.Helper()
	s := newScenario(t, options{})
	s.startChat(params)
	s.agent("join", nil)
	s.say("Done.")
	index := s.state("Finalizing")
	s.waitNotices(1)
	return s, index
}

func TestOrdinaryChatFinalizingEndsTheChatOnce(t *testing.T) {
	ordinaryFinalizingEndsTheChatOnce(t, ordinaryChat())
}

// ordinaryFinalizingEndsTheChatOnce starts an ordinary chat on the page params open and checks
// that Finalizing ends it once: one endChat, one DELETE at the server, no notice.
func ordinaryFinalizingEndsTheChatOnce(t *testing.T, params url.Values) {
	s := newScenario(t, options{})
	s.startChat(params)
	s.agent("join", nil)
	s.say("Your order has shipped.")
	s.state("Finalizing")
	s.waitDeletes(1)
	s.waitJS("ChatClose.ended", `window.__e2e.events.some(e => e.name === "ended")`)
	s.state("Completed")
	// The chat is over on the customer's side, and nothing is sent again.
	s.waitJS("WebChat.completed", `window.__e2e.events.some(e => e.name === "WebChat.completed")`)
	time.Sleep(500 * time.Millisecond) // a second endChat would come within a poll or two
	assert.Len(t, s.customerLog().Deletes, 1, "exactly one DELETE")
	assert.Equal(t, 1, s.events("ended"))
	assert.Empty(t, s.notices())
}

func TestAsyncFinalizingShowsOneNoticeAndKeepsTheChat(t *testing.T) {
	asyncFinalizingShowsOneNotice(t, asyncChat())
}

// asyncFinalizingShowsOneNotice starts an async chat on the page params open and checks that
// Finalizing shows one notice and keeps the chat; it returns the scenario for more steps.
func asyncFinalizingShowsOneNotice(t *testing.T, params url.Values) *scenario {
	s := newScenario(t, options{})
	s.startChat(params)
	s.agent("join", nil)
	s.say("Your order has shipped.")
	index := s.state("Finalizing")
	s.waitNotices(1)
	s.waitDelivered(index)
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
	assert.Empty(t, s.customerLog().Deletes, "async chat is never ended")
	assert.Equal(t, 1, s.events("notified"))
	return s
}

func TestAsyncFinalizingThenCompletedInSeparatePollsShowsOneNotice(t *testing.T) {
	s, index := finalizedAsyncChat(t, asyncChat())
	s.waitDelivered(index)
	s.waitDelivered(s.state("Completed"))
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
}

func TestAsyncReloadAfterTheNoticeShowsItOnceAndNeverAgain(t *testing.T) {
	s, _ := finalizedAsyncChat(t, asyncChat())
	s.reload()
	s.waitNotices(1)
	s.waitDelivered(s.state("Completed"))
	s.settle()
	assert.Len(t, s.notices(), 1, "the restored transcript shows the notice once")
	assert.Equal(t, 1, s.events("notified"))
	assert.Empty(t, s.customerLog().Deletes)
}

// TestAsyncReloadMidPollKeepsPolling: a page that goes away with its poll in flight leaves
// Widgets' shared flag _genesys.widgets.chatPollPending set, and nothing clears it then (seen in
// the 9.0.018.07 transport). The next page's restore clears it; until the stand-in did too, a
// reload at the wrong moment stopped the restored page's polls, and with them every notice.
func TestAsyncReloadMidPollKeepsPolling(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("Let me check that for you."))
	// Set as the page goes, after anything Widgets does then: the flag a poll in flight leaves.
	eval[bool](s, fmt.Sprintf(`(addEventListener("pagehide", () => localStorage.setItem(%q, "true")), true)`, sandbox.PollPendingKey))
	s.reload()
	s.waitDelivered(s.state("Finalizing"))
	s.waitNotices(1)
	assert.Equal(t, 1, s.events("notified"))
}

func TestAsyncCustomerWritesAfterFinalizingNoStaleNotice(t *testing.T) {
	s, _ := finalizedAsyncChat(t, asyncChat())
	s.typeAndSend("One more question: can I change the address?")
	s.waitCustomerMessages(1)
	s.waitDelivered(s.say("Yes, of course."))
	assert.Len(t, s.notices(), 1, "no second notice after the customer wrote")
	assert.Equal(t, 1, s.events("notified"))
	s.reload()
	s.settle()
	assert.Empty(t, s.notices(), "after a reload, the conversation is live again: no stale notice")
	assert.Equal(t, 0, s.events("notified"))
}

func TestAsyncFinalizingAndAgentMessageInOnePollShowNoNotice(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.batch(
		map[string]any{"kind": "state", "state": "Finalizing"},
		map[string]any{"kind": "send", "text": "Oh, one more thing about your order."},
	))
	assert.Empty(t, s.notices())
	assert.Equal(t, 0, s.events("notified"))
}

func TestAsyncAgentFinalizesWhileTheCustomerIsAway(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("I'll check and get back to you."))
	s.leave()
	s.say("Found it: it ships tomorrow.")
	index := s.state("Finalizing")
	s.open(asyncChat()) // the customer comes back: the widget restores the chat
	s.waitReady()
	s.waitNotices(1)
	s.waitDelivered(index)
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
}

func TestConfiguredNoticeWithHTMLShowsAsText(t *testing.T) {
	const notice = `<b>Bye</b> <img src=x onerror="window.__xss=1"> & thanks`
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "notice": {notice}})
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1)
	assert.Equal(t, []string{notice}, s.notices())
	assert.Equal(t, 0, eval[int](s, `document.querySelectorAll(".cx-injected b, .cx-injected img").length`), "no element was made from the notice")
	assert.False(t, eval[bool](s, `window.__xss === 1`))
}

func TestMalformedStateChangesAreIgnoredAndTheNextFinalizingIsHandled(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	system := func(extra map[string]any) map[string]any {
		m := map[string]any{"type": "System", "utcTime": "2026-11-21T18:00:00.000Z", "visibility": "All",
			"from":  map[string]any{"type": "System", "participantId": "00000000-0000-0000-0000-000000000000"},
			"event": "InteractionStateChange"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, raw := range []map[string]any{
		system(nil),                         // no data
		system(map[string]any{"data": nil}), // data: null
		system(map[string]any{"data": map[string]any{"interactionState": 3}}),     // numeric state
		system(map[string]any{"data": map[string]any{"interactionState": "Xyz"}}), // unknown state
		system(map[string]any{"data": "Finalizing"}),                              // data is a string
	} {
		s.agent("raw", map[string]any{"message": raw})
	}
	s.waitDelivered(s.say("Anything else?"))
	assert.Empty(t, s.notices())
	s.state("Finalizing")
	s.waitNotices(1)
	assert.Equal(t, 1, s.events("notified"))
}

func TestPluginScriptBeforeAndAfterTheWidgets(t *testing.T) {
	for _, order := range []string{"before", "after"} {
		t.Run(order, func(t *testing.T) {
			s := newScenario(t, options{})
			s.startChat(url.Values{"async": {"1"}, "order": {order}})
			s.agent("join", nil)
			s.state("Finalizing")
			s.waitNotices(1)
			scripts := eval[[]string](s, `Array.from(document.scripts).map(e => e.src.replace(location.origin, ""))`)
			require.GreaterOrEqual(t, len(scripts), 3)
			pluginFirst := indexOf(scripts, "/chatclose/chatclose.js") < indexOf(scripts, widgetsEntry())
			assert.Equal(t, order == "before", pluginFirst, "script order %v", scripts)
		})
	}
}

func TestStateChangeWhileTheModuleIsStillLoading(t *testing.T) {
	for _, order := range []string{"before", "after"} {
		t.Run(order, func(t *testing.T) {
			s := newScenario(t, options{wasmDelay: 1500 * 1e6})
			s.startChat(url.Values{"async": {"1"}, "order": {order}})
			s.agent("join", nil)
			s.say("Done.")
			s.state("Finalizing")
			s.waitNotices(1)
			// Reload: the restored history with the Finalizing is published long before the
			// module, held back by the server, is ready.
			s.do(reloadAction())
			s.waitJS("the restored Finalizing published", `window.__e2e.maxIndex >= 0 && window.__e2e.batches > 0`)
			assert.Equal(t, 0, s.events("ready"), "the module is still loading")
			s.waitReady()
			s.waitNotices(1)
			s.settle()
			assert.Len(t, s.notices(), 1)
			assert.Equal(t, 1, s.events("notified"))
		})
	}
}

func indexOf(list []string, want string) int {
	for i, s := range list {
		if strings.HasPrefix(s, want) {
			return i
		}
	}
	return -1
}
