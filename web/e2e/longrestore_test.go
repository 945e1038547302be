//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// restorePage is how many messages a restore brings back (the transport's default page).
const restorePage = 20

// longAsyncChat starts an async chat in s whose agent joins and sends n numbered messages
// ("Step 1." …), more than one restore page holds when n > 18, so a reload restores a page
// without the customer's join. It returns the last message's index.
func (s *scenario) longAsyncChat(n int) string {
	s.t.Helper()
	s.startChat(asyncChat())
	s.agent("join", nil)
	var actions []map[string]any
	for i := 1; i <= n; i++ {
		actions = append(actions, map[string]any{"kind": "send", "text": fmt.Sprintf("Step %d.", i)})
	}
	last := s.batch(actions...)
	s.waitDelivered(last)
	return last
}

// reloadRestored reloads the customer page and waits for the restored page in the transcript.
func (s *scenario) reloadRestored() {
	s.t.Helper()
	s.reload()
	s.waitJS("the restored page", fmt.Sprintf(`document.querySelectorAll(".cx-transcript .cx-message").length >= %d`, restorePage-2))
}

// scrollThroughHistory does what a customer scrolling up does: WebChat asks for the page of
// history older than what it shows.
func (s *scenario) scrollThroughHistory() {
	s.t.Helper()
	if r := s.command("WebChatService.fetchHistory", `{}`); r != "" {
		s.t.Fatalf("WebChatService.fetchHistory: %s", r)
	}
	s.settle()
}

// heardNotices counts the notices in WebChat's screen-reader transcript.
func (s *scenario) heardNotices() int {
	s.t.Helper()
	return eval[int](s, fmt.Sprintf(`Array.from(document.querySelectorAll(".cx-screen-reader-transcript > *")).filter(e => e.textContent.includes(%q)).length`, handler.DefaultNotice))
}

// stepOrder returns the numbers of the "Step N." messages in the order the transcript shows
// them, and whether the one notice is the transcript's last entry.
func (s *scenario) stepOrder() (steps []int, noticeLast bool) {
	s.t.Helper()
	texts := eval[[]string](s, `Array.from(document.querySelectorAll(".cx-transcript .cx-message")).filter(e => e.getClientRects().length > 0).map(e => (e.querySelector(".cx-message-text") || e).textContent.trim())`)
	step := regexp.MustCompile(`^Step (\d+)\.$`)
	for _, text := range texts {
		if m := step.FindStringSubmatch(text); m != nil {
			n, _ := strconv.Atoi(m[1])
			steps = append(steps, n)
		}
	}
	return steps, len(texts) > 0 && texts[len(texts)-1] == handler.DefaultNotice
}

func TestNoticeAfterARestoreLongerThanTheRestorePage(t *testing.T) {
	s := newScenario(t, options{})
	s.longAsyncChat(25)
	s.reloadRestored() // the restore page holds the last 20 messages: the customer's join is not among them
	index := s.state("Finalizing")
	s.waitNotices(1)
	s.waitDelivered(index)
	s.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices(), "exactly one notice, visible in the transcript")
	assert.Len(t, s.busEvents("notified"), 1)
	assert.Equal(t, 1, s.heardNotices(), "screen readers hear the notice once")
	assert.Empty(t, s.customerLog().historyRequests(), "chatclose loads no history to get the notice shown")

	s.scrollThroughHistory()
	assert.Len(t, s.notices(), 1, "scrolling through history shows no second notice")
	assert.NotEmpty(t, s.customerLog().historyRequests(), "the customer's own scrolling is seen at the server (the check above can see a history request)")
}

func TestANoticeShownBeforeAReloadOfALongChatIsShownOnceAfterIt(t *testing.T) {
	s := newScenario(t, options{})
	s.longAsyncChat(25)
	index := s.state("Finalizing")
	s.waitNotices(1)
	s.waitDelivered(index)
	s.reloadRestored()
	s.waitNotices(1)
	s.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices(), "visible again after the reload, once")
	assert.Equal(t, 1, s.heardNotices())

	// The customer writes again and the agent answers: a new segment, and no stale notice, now
	// or after another reload.
	s.typeAndSend("One more thing.")
	s.waitCustomerMessages(1)
	s.waitDelivered(s.say("Sure, go ahead."))
	s.reloadRestored()
	s.settle()
	assert.Empty(t, s.notices(), "the old segment's notice is not shown again")
	assert.Empty(t, s.customerLog().historyRequests())
}

func TestALongChatFinalizedAfterAReloadStaysInOrder(t *testing.T) {
	s := newScenario(t, options{})
	s.longAsyncChat(33)
	s.reloadRestored()
	before, _ := s.stepOrder()
	index := s.state("Finalizing")
	s.waitNotices(1)
	s.waitDelivered(index)
	s.settle()
	steps, noticeLast := s.stepOrder()
	assert.Equal(t, before, steps, "the transcript is as restored: nothing loaded, moved or dropped")
	for i := 1; i < len(steps); i++ {
		assert.Less(t, steps[i-1], steps[i], "no message below a newer one: %v", steps)
	}
	assert.Equal(t, 33, steps[len(steps)-1])
	assert.True(t, noticeLast, "the one notice is the last entry")
	assert.Len(t, s.notices(), 1)
	assert.Empty(t, s.customerLog().historyRequests(), "chatclose sent no fetchHistory")
}

// TestHistoryModeSwallowsAnInjectedMessage pins down the Widgets behaviour the notice's
// verification exists for (facts sheet, section 9): after a history page, WebChat resolves an
// injectMessage with an element it never attaches. It holds on the real build and the stand-in.
func TestHistoryModeSwallowsAnInjectedMessage(t *testing.T) {
	s := newScenario(t, options{})
	s.longAsyncChat(25)
	s.reloadRestored()
	s.settle()
	s.scrollThroughHistory() // its page holds the customer's join, so WebChat would inject
	got := evalAwait[string](s, `new Promise(resolve => CXBus.command("WebChat.injectMessage", {type: "text", text: "Injected in history mode"})
		.done(el => resolve("resolved, attached: " + !!(el && el[0] && el[0].isConnected)))
		.fail(reason => resolve("rejected: " + String(reason))))`)
	assert.Equal(t, "resolved, attached: false", got)
	assert.False(t, eval[bool](s, `document.body.textContent.includes("Injected in history mode")`), "nothing shows it")

	// A live batch that holds a message ends history mode.
	s.waitDelivered(s.say("Back from the archive."))
	got = evalAwait[string](s, `new Promise(resolve => CXBus.command("WebChat.injectMessage", {type: "text", text: "Injected live"})
		.done(el => resolve("resolved, attached: " + !!(el && el[0] && el[0].isConnected)))
		.fail(reason => resolve("rejected: " + String(reason))))`)
	assert.Equal(t, "resolved, attached: true", got)
}

// TestANoticeWebChatSwallowsIsShownAnyway: the customer scrolls up while chatclose is still
// loading after a reload, so WebChat is in history mode when the notice is sent. WebChat
// resolves it and shows nothing; chatclose must check, and show it.
func TestANoticeWebChatSwallowsIsShownAnyway(t *testing.T) {
	s := newScenario(t, options{wasmDelay: 3 * time.Second})
	s.longAsyncChat(25)
	index := s.state("Finalizing")
	s.waitNotices(1)
	s.waitDelivered(index)

	s.do(reloadAction())
	s.waitJS("the restored page", fmt.Sprintf(`document.querySelectorAll(".cx-transcript .cx-message").length >= %d`, restorePage-2))
	require.False(t, eval[bool](s, `window.__e2e.events.some(e => e.name === "ready")`), "chatclose must still be loading")
	if r := s.command("WebChatService.fetchHistory", `{}`); r != "" {
		t.Fatalf("WebChatService.fetchHistory: %s", r)
	}
	s.waitReady()
	s.waitEvents("notified", 1)
	s.waitNotices(1)
	s.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices(), "shown once, although WebChat swallowed it")
	assert.Equal(t, 1, s.heardNotices())
	assert.Equal(t, 1, eval[int](s, `document.querySelectorAll(".cx-transcript .chatclose-notice").length`), "chatclose placed it")
}

// TestANoticeIsShownAgainWhenWebChatReopensItsWindow: WebChat builds its window anew when it
// opens, from the messages it received, so a notice shown before the customer closed the window
// is gone from it. chatclose shows it again, and read-only mode locks the new input box, with no
// second ChatClose.notified.
func TestANoticeIsShownAgainWhenWebChatReopensItsWindow(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
	s.agent("join", nil)
	s.waitDelivered(s.say("Your refund is on its way."))
	s.waitDelivered(s.state("Finalizing"))
	s.waitNotices(1)
	s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)

	require.Empty(t, s.command("WebChat.close", "{}"))
	require.Empty(t, s.command("WebChat.open", "{}"))
	s.waitNotices(1)
	s.waitJS("the new input box locked", `document.querySelector(".cx-message-input").disabled`)
	s.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
	assert.Equal(t, 1, s.events("notified"), "shown again, not notified again")
	assert.Equal(t, 1, eval[int](s, `document.querySelectorAll(".cx-transcript .chatclose-unlock").length`), "one way to write again")

	s.clickWhenStill(".cx-transcript .chatclose-unlock")
	s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
	assert.Equal(t, "control", s.waitEvents("unlocked", 1)[0].Data["reason"])
}

// TestNoSecondChatAfterAnEndedOneInThePageView pins down what 9.0.018.07 does when the customer
// reopens WebChat after an async chat ended: nothing opens, and no chat starts. After an
// ordinary chat a new one starts.
func TestNoSecondChatAfterAnEndedOneInThePageView(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("Anything else?"))
	require.Empty(t, s.command("WebChat.endChat", "{}"))
	s.waitJS("the chat ended", `window.__e2e.events.some(e => e.name === "WebChat.completed")`)
	require.Empty(t, s.command("WebChat.close", "{}"))
	require.Empty(t, s.command("WebChat.open", `{form: {autoSubmit: true, firstname: "Carla", lastname: "Again"}}`))
	time.Sleep(time.Second) // nothing to wait for: the check is that nothing happens
	var sessions []map[string]any
	s.controlJSON("GET", "/control/sessions", nil, &sessions)
	assert.Len(t, sessions, 1, "no second chat")
	assert.False(t, eval[bool](s, `Array.from(document.querySelectorAll(".cx-message-input")).some(e => e.getClientRects().length > 0)`), "no chat window")
}
