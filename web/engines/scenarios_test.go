//go:build !js

package engines

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scenario is one of the core browser scenarios, run on every engine.
type scenario struct {
	name string
	run  func(t *testing.T, e *engineRun)
}

// scenarios is the engine tier: the core of web/e2e, on every engine. Every scenario also
// fails on any page error, CSP violation or chatclose console error (chat_test.go).
var scenarios = []scenario{
	{"async Finalizing shows one notice", asyncFinalizingShowsOneNotice},
	{"ordinary chat: Finalizing sends one DELETE", ordinaryChatSendsOneDelete},
	{"Finalizing then Completed shows one notice", finalizingThenCompletedShowsOneNotice},
	{"reload after the notice", reloadAfterTheNotice},
	{"two tabs show the notice once each", twoTabs},
	{"read-only mode", readOnlyMode},
	{"keyboard path out of the lock", keyboardPath},
	{"strict CSP", strictCSP},
	{"page errors are caught", pageErrorsAreCaught},
	{"phone layout", phoneLayout},
	{"back-forward cache", backForwardCache},
}

func asyncChat() url.Values    { return url.Values{"async": {"1"}} }
func ordinaryChat() url.Values { return url.Values{"async": {"0"}} }

// finalize posts the agent's Finalizing, waits for the notice, and records how long it took
// from the post to the ChatClose.notified report in the page (by the page's clock, which is
// this machine's).
func (c *chat) finalize() {
	c.t.Helper()
	before := len(c.reports("ChatClose.notified"))
	sent := time.Now()
	c.state("Finalizing")
	c.waitNotices(1)
	notified := c.waitReports("ChatClose.notified", before+1)
	c.run.addLatency(latency{poll: c.poll, took: time.UnixMilli(notified[before].Time).Sub(sent)})
}

// asyncFinalizingShowsOneNotice runs at the customer page's default poll (500 ms), so the
// notice latency it measures is a customer's (the other scenarios poll every 150 ms).
func asyncFinalizingShowsOneNotice(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(url.Values{"async": {"1"}, "poll": {"500"}})
	// Firefox's pages are secure contexts (firefoxPrefs), so there the loader checks the
	// module's hash with WebCrypto; the others run the plain-http path.
	var secure bool
	c.eval(`!!(`+frame+`.isSecureContext && `+frame+`.crypto.subtle)`, &secure)
	assert.Equal(t, e.name == "firefox", secure, "a secure context with WebCrypto")
	c.agent("join", nil)
	c.say("Your order has shipped.")
	c.finalize()
	c.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, c.notices())
	assert.Empty(t, c.customerLog().Deletes, "async chat is never ended")
	assert.Equal(t, 1, c.count("ChatClose.notified"))
}

func ordinaryChatSendsOneDelete(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(ordinaryChat())
	c.agent("join", nil)
	c.say("Your order has shipped.")
	c.state("Finalizing")
	c.waitDeletes(1)
	c.waitReports("ChatClose.ended", 1)
	c.state("Completed")
	c.waitReports("widget.ended", 1)
	// The chat is over: the page stops polling, and nothing is sent again.
	c.waitJS("an idle page", `new Promise(r => setTimeout(() => r(true), 300))`)
	assert.Len(t, c.customerLog().Deletes, 1, "exactly one DELETE")
	assert.Equal(t, 1, c.count("ChatClose.ended"))
	assert.Empty(t, c.notices())
}

// finalizingThenCompletedShowsOneNotice runs at the default poll too.
func finalizingThenCompletedShowsOneNotice(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(url.Values{"async": {"1"}, "poll": {"500"}})
	c.agent("join", nil)
	c.finalize()
	c.settle()
	c.state("Completed")
	c.settle()
	assert.Len(t, c.notices(), 1)
	assert.Equal(t, 1, c.count("ChatClose.notified"))
}

func reloadAfterTheNotice(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(asyncChat())
	c.agent("join", nil)
	c.say("Done.")
	c.finalize()
	c.reload()
	c.waitNotices(1)
	c.state("Completed")
	c.settle()
	c.settle()
	assert.Len(t, c.notices(), 1, "the restored transcript shows the notice once")
	assert.Equal(t, 1, c.count("ChatClose.notified"))
	assert.Empty(t, c.customerLog().Deletes)
}

// twoTabs: the same chat restored in a second tab; one tab acts on the Finalizing, the other
// shows the same notice on its behalf, and each shows it once.
func twoTabs(t *testing.T, e *engineRun) {
	first := newChat(t, e, chatOptions{})
	first.startChat(asyncChat())
	first.agent("join", nil)
	first.say("Let me check that.")
	first.settle()

	second := first.openTab()
	second.open(asyncChat())
	second.waitReady()
	second.waitJS("the restored transcript", frame+`.document.querySelectorAll(".cx-transcript .cx-message").length >= 2`)

	index := first.state("Finalizing")
	first.waitNotices(1)
	second.waitNotices(1)
	first.settle()

	acted, mirrored := 0, 0
	for _, tab := range []*chat{first, second} {
		assert.Len(t, tab.notices(), 1)
		events := tab.waitReports("ChatClose.notified", 1)
		require.Len(t, events, 1, "each tab shows the notice once")
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

const input = frame + `.document.querySelector(".cx-message-input")`

// send puts text in WebChat's input box and presses the send button.
func (c *chat) send(text string) {
	c.t.Helper()
	c.eval(`(() => { const box = `+input+`; box.value = `+jsString(text)+`; box.dispatchEvent(new Event("input", {bubbles: true})); `+
		frame+`.document.querySelector(".cx-send").click(); return true })()`, nil)
}

func readOnlyMode(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
	c.agent("join", nil)
	c.say("Your refund is on its way.")
	c.finalize()
	c.waitJS("the input locked", input+`.disabled`)
	var placeholder string
	c.eval(input+`.placeholder`, &placeholder)
	assert.Equal(t, handler.DefaultConfig().Texts("en").Locked, placeholder)

	// A send is cancelled and never reaches the simulator; the text stays in the box.
	c.send("thanks!")
	c.waitJS("the text put back", input+`.value === "thanks!"`)
	c.settle()
	for _, m := range c.customerLog().Messages {
		assert.NotContains(t, m.Text, "thanks", "a cancelled send reached the simulator")
	}

	// The control under the notice unlocks; the customer can write again.
	c.eval(`(`+frame+`.document.querySelector(".cx-injected .chatclose-unlock").click(), true)`, nil)
	c.waitJS("the input unlocked", `!`+input+`.disabled`)
	var state map[string]any
	require.Empty(t, c.command("ChatClose.getState", nil, &state))
	assert.Equal(t, false, state["locked"])
	c.send("Actually, one more question.")
	c.waitGo("the customer's message", func() bool {
		for _, m := range c.customerLog().Messages {
			if m.Text == "Actually, one more question." {
				return true
			}
		}
		return false
	})
}

// strictCSP serves the sandbox and the harness under the strictest policy chatclose allows
// (sandbox.StrictCSP): the notice and read-only mode work with zero violations, and an
// inline script is refused and reported, which shows the policy is in force and seen. It
// runs at the default poll.
func strictCSP(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{csp: sandbox.StrictCSP})
	c.startChat(url.Values{"async": {"1"}, "readonly": {"1"}, "poll": {"500"}})
	c.agent("join", nil)
	c.say("Your order has shipped.")
	c.finalize()
	c.waitJS("the input locked", input+`.disabled`)
	c.settle()
	assert.Empty(t, c.reports("csp"), "no violation")

	const probe = "engine-tier CSP probe"
	c.allow(probe)
	c.allow(`"directive":"script-src`)                    // the harness's report
	c.allow("blocked an inline script (script-src-elem)") // Firefox's driver log
	c.eval(`(() => { const d = `+frame+`.document; const el = d.createElement("script"); el.textContent = "window.__inline = `+"'"+probe+"'"+`"; d.head.appendChild(el); return true })()`, nil)
	c.waitReports("csp", 1)
	var ran bool
	c.eval(frame+`.__inline !== undefined`, &ran)
	assert.False(t, ran, "the inline script ran")
}

// pageErrorsAreCaught proves the fault checks see what they must, on engines whose driver
// sees the console and on WebKit, whose driver does not: a deliberately bad option makes
// chatclose report it once on the console, and an error thrown in the page is caught.
func pageErrorsAreCaught(t *testing.T, e *engineRun) {
	const bad = `chatclose: _genesys.widgets.chatclose.mode must be one of "auto", "notify", "end", "off", got "bogus"; using the default`
	const thrown = "engine-tier probe: an uncaught error"
	c := newChat(t, e, chatOptions{})
	c.allow(bad)
	c.allow(thrown)
	c.startChat(url.Values{"async": {"1"}, "options": {`{"mode": "bogus"}`}})
	// The function is the frame's own (an error is reported to the realm of the function that
	// threw), made with the frame's Function constructor.
	c.eval(`(`+frame+`.setTimeout(new (`+frame+`.Function)(`+jsString("throw new Error("+jsString(thrown)+")")+`), 0), true)`, nil)
	c.waitReports("error", 1)

	faults, err := c.pageFaults()
	require.NoError(t, err)
	assert.Equal(t, 1, countContaining(faults, bad), "the page caught the bad option's report once: %v", faults)
	assert.Equal(t, 1, countContaining(faults, thrown), "the page caught the uncaught error: %v", faults)

	if entries, supported := c.profile.DriverLog(); supported {
		var driver []string
		for _, en := range entries {
			if f := driverFault(en); f != "" {
				driver = append(driver, f)
			}
		}
		assert.Equal(t, 1, countContaining(driver, bad), "the driver saw the bad option's report once: %v", driver)
		assert.Equal(t, 1, countContaining(driver, thrown), "the driver saw the uncaught error: %v", driver)
	}

	// The default mode is used: the chat still gets its notice.
	c.agent("join", nil)
	c.finalize()
}

func countContaining(list []string, substr string) int {
	n := 0
	for _, s := range list {
		if strings.Contains(s, substr) {
			n++
		}
	}
	return n
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// phoneLayout runs an async chat with read-only mode in WebChat's phone layout, in a
// phone-sized frame (mobile=1 forces main.mobileMode; see harness.js): one notice, in view
// down to its control, and the message box locked.
func phoneLayout(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(url.Values{"async": {"1"}, "readonly": {"1"}, "mobile": {"1"}})
	c.waitJS("the phone layout", `(() => { const w = `+frame+`; const el = w.document.querySelector(".cx-widget.cx-webchat.cx-mobile");
		if (!el) return false; const r = el.getBoundingClientRect();
		const page = w.document.documentElement; // its client box leaves out a classic scrollbar (Firefox)
		return w.innerWidth === 393 && r.left <= 0 && r.top <= 0 && r.right >= page.clientWidth && r.bottom >= page.clientHeight })()`)
	c.agent("join", nil)
	for i := 0; i < 8; i++ {
		c.say("Here is one more line of the answer, long enough to wrap on a phone's screen.")
	}
	c.finalize()
	c.waitJS("the input locked", input+`.disabled`)
	c.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, c.notices())
	var inView bool
	c.eval(`(() => { const w = `+frame+`; const shown = w.document.querySelectorAll(".cx-transcript .cx-injected");
		const n = shown[shown.length - 1]; if (!n) return false;
		const r = n.getBoundingClientRect(), t = n.closest(".cx-transcript").getBoundingClientRect();
		return r.top >= t.top - 1 && r.bottom <= t.bottom + 1 && r.bottom <= w.innerHeight + 1 })()`, &inView)
	assert.True(t, inView, "the notice, with its control, is in view")
	assert.Equal(t, 1, c.count("ChatClose.notified"))
}
