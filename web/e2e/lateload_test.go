//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lateChat is the customer page with chatclose's tag added after the page loaded, the way tag
// managers add scripts: after the widgets have restored the chat and published its history.
func lateChat() url.Values {
	return url.Values{"async": {"1"}, "order": {"late"}, "late": {"2500"}}
}

// TestLateLoadedChatcloseFindsAFinalizingFromWhileTheCustomerWasAway: an async chat is
// finalized while the customer is away; they come back, and the page's chatclose tag is added
// 2.5 s after load. chatclose catches up from the transcript and shows one notice.
func TestLateLoadedChatcloseFindsAFinalizingFromWhileTheCustomerWasAway(t *testing.T) {
	for _, tc := range []struct {
		name          string
		csp           string
		sessionActive string // stand-in: 0 keeps no sessionActive flag, as 9.0.017.00
	}{
		{"no CSP", "", "1"},
		{"strict CSP", sandbox.StrictCSP, "1"},
		{"no sessionActive flag", "", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sessionActive == "0" {
				standInOnly(t, "stand-in option sessionactive=0 (what 9.0.017.00 does on its own)")
			}
			s := newScenario(t, options{csp: tc.csp})
			s.startChat(asyncChat())
			s.agent("join", nil)
			s.waitDelivered(s.say("I'll check and get back to you."))
			s.leave()
			index := s.state("Finalizing")

			late := lateChat()
			late.Set("sessionactive", tc.sessionActive)
			s.open(late)
			s.waitJS("the restored chat", `document.querySelectorAll(".cx-transcript .cx-message").length >= 2`)
			assert.False(t, eval[bool](s, `window.__e2e.events.some(e => e.name === "ready")`), "chatclose is not on the page yet")
			s.waitReady()
			s.waitNotices(1)
			s.waitDelivered(index)
			assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
			assert.Equal(t, 1, s.events("notified"))
			assert.Equal(t, index, s.busEvents("notified")[0].Data["index"])
		})
	}
}

// TestLateLoadedChatcloseFindsAFinalizingBeforeAHistoryPage: as above, and before chatclose's
// tag is added the customer scrolls up, so WebChatService fetches a history page. Its
// transcript then holds the restored messages and, after them, the older page newest first
// (9…28, then 8…1): chatclose reads it in index order, finds the Finalizing at 28 and shows one
// notice. Read as it came, its front (an agent's message at 9) looked newest (seen on
// 9.0.017.00, whose restored batch sometimes comes before chatclose subscribes).
func TestLateLoadedChatcloseFindsAFinalizingBeforeAHistoryPage(t *testing.T) {
	s := newScenario(t, options{})
	s.longAsyncChat(25)
	s.leave()
	index := s.state("Finalizing")

	s.open(lateChat())
	s.waitJS("the restored page", fmt.Sprintf(`document.querySelectorAll(".cx-transcript .cx-message").length >= %d`, restorePage-2))
	if r := s.command("WebChatService.fetchHistory", `{}`); r != "" {
		t.Fatalf("WebChatService.fetchHistory: %s", r)
	}
	transcript := `new Promise(r => CXBus.command("WebChatService.getTranscript").done(t => r(t.originalMessages.map(m => parseInt(m.index, 10)))))`
	s.waitJS("the history page in the transcript", `window.__e2e.maxIndex > 0 && window.__e2e.batches >= 2`)
	got := evalAwait[[]int](s, transcript)
	require.Greater(t, len(got), restorePage)
	require.Greater(t, got[0], got[len(got)-1], "the transcript's front is newer than its end: %v", got)
	require.False(t, eval[bool](s, `window.__e2e.events.some(e => e.name === "ready")`), "chatclose is not on the page yet")

	s.waitReady()
	s.waitNotices(1)
	s.waitDelivered(index)
	s.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
	assert.Equal(t, 1, s.events("notified"))
	assert.Equal(t, index, s.busEvents("notified")[0].Data["index"])
}
