//go:build !js

package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The customer conditions of issue 18: a window closed or minimized while the agent finalizes,
// and a second ordinary chat in one page view.

// lastEntryIsANoticeInView is a JavaScript expression: the transcript's last shown entry is the one notice,
// and it lies within the transcript's visible area.
const lastEntryIsANoticeInView = `(() => {
	const shown = Array.from(document.querySelectorAll(".cx-transcript .cx-message, .cx-transcript .cx-injected")).filter(e => e.isConnected && e.getClientRects().length > 0);
	const last = shown[shown.length - 1];
	if (!last || !last.classList.contains("cx-injected")) return false;
	const box = last.getBoundingClientRect();
	let view = last.parentElement;
	while (view && view !== document.body && !(view.scrollHeight > view.clientHeight && /(auto|scroll)/.test(getComputedStyle(view).overflowY))) view = view.parentElement;
	const area = view && view !== document.body ? view.getBoundingClientRect() : {top: 0, bottom: innerHeight};
	return box.bottom > area.top && box.top < area.bottom + 1;
})()`

// finalizeWhileAway has the agent finalize an async chat while the customer's window is put
// away by hide ("WebChat.close", or WebChat.minimize) and brought back by show. It returns the
// polls the simulator counted while the window was away.
func finalizeWhileAway(t *testing.T, hide, hideData, show, showData string) int {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("I'll look into it."))
	require.Empty(t, s.command(hide, hideData))
	before := s.customerLog().Polls
	index := s.state("Finalizing")
	s.settle() // the poll loop goes on while the window is away, on every build tried
	away := s.customerLog().Polls - before
	s.waitJS("the Finalizing delivered", `window.__e2e.maxIndex >= `+index)
	require.Empty(t, s.command(show, showData))
	s.waitNotices(1)
	s.settle()
	s.waitJS("the notice last and in view", lastEntryIsANoticeInView)
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
	assert.Equal(t, 1, s.events("notified"))
	assert.Empty(t, s.customerLog().Deletes, "async chat is never ended")
	return away
}

func TestAsyncFinalizingWhileTheWindowIsClosed(t *testing.T) {
	polls := finalizeWhileAway(t, "WebChat.close", "{}", "WebChat.open", "{}")
	t.Logf("%d polls while the window was closed", polls)
}

func TestAsyncFinalizingWhileTheWindowIsMinimized(t *testing.T) {
	polls := finalizeWhileAway(t, "WebChat.minimize", "{minimized: true}", "WebChat.minimize", "{minimized: false}")
	t.Logf("%d polls while the window was minimized", polls)
}

// TestASecondOrdinaryChatInOnePageViewIsEndedToo: chatclose ends each chat once, not each page
// view once.
func TestASecondOrdinaryChatInOnePageViewIsEndedToo(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(ordinaryChat())
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitDeletes(1)
	s.waitJS("the first chat completed", `window.__e2e.events.some(e => e.name === "WebChat.completed")`)
	first := s.customerLog()

	require.Empty(t, s.command("WebChat.close", "{}"))
	require.Empty(t, s.command("WebChat.open", `{form: {autoSubmit: true, firstname: "Carla", lastname: "Again"}}`))
	s.waitSessions(2)
	s.waitJS("the second chat's window", `Array.from(document.querySelectorAll(".cx-message-input")).some(e => e.getClientRects().length > 0)`)
	s.agent("join", nil)
	s.waitDelivered(s.say("Hello again."))
	s.state("Finalizing")
	s.waitDeletes(1) // the newest session's log
	s.waitJS("the second chat completed", `window.__e2e.events.filter(e => e.name === "WebChat.completed").length === 2`)
	time.Sleep(500 * time.Millisecond) // the chat is over and polling stopped: nothing to wait for, the check is that nothing more is sent
	assert.Len(t, s.customerLog().Deletes, 1, "one DELETE for the second chat")
	assert.Len(t, first.Deletes, 1, "one DELETE for the first chat")
	var sessions []map[string]any
	s.controlJSON(http.MethodGet, "/control/sessions", nil, &sessions)
	require.Len(t, sessions, 2)
	assert.Equal(t, 2, s.events("ended"), "one ChatClose.ended per chat")
	assert.Empty(t, s.notices())
}

// waitSessions waits until the simulator holds n sessions.
func (s *scenario) waitSessions(n int) {
	s.t.Helper()
	s.waitFor(fmt.Sprintf("%d chat session(s)", n), func() bool {
		var list []map[string]any
		s.controlJSON(http.MethodGet, "/control/sessions", nil, &list)
		return len(list) >= n
	})
}

// waitFor waits until cond holds.
func (s *scenario) waitFor(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
