//go:build js && wasm

package main

import (
	"sync"
	"testing"
	"time"

	"github.com/chatclose/chatclose/bus/cxbustest"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the wired program under Node against the fake CXBus. They share globals,
// so none is parallel.

// eval builds a JavaScript fixture.
var eval = cxbustest.Eval

func setGlobal(t *testing.T, name, src string) {
	t.Helper()
	require.NoError(t, safejs.Global().Set(name, eval(t, src)))
	t.Cleanup(func() { _ = safejs.Global().Delete(name) })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	require.True(t, cxbustest.Wait(3*time.Second, cond), "timed out waiting for %s", what)
}

// page is a fake page: CXBus, a WebChat that records commands, and chatclose's events.
type page struct {
	bus    *cxbustest.Bus
	mu     sync.Mutex
	events map[string][]safejs.Value
}

func newPage(t *testing.T, genesys string) *page {
	t.Helper()
	setGlobal(t, "_genesys", genesys)
	p := &page{bus: cxbustest.Install(), events: map[string][]safejs.Value{}}
	t.Cleanup(p.bus.Close)
	installDOM(t)
	p.bus.Handle("WebChat.injectMessage", webChatShows(t))
	p.bus.Handle("WebChat.endChat", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Resolve: true} })
	return p
}

// watch records ChatClose events through the global CXBus.subscribe.
func (p *page) watch(t *testing.T, events ...string) {
	t.Helper()
	for _, name := range events {
		name := name
		fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			data, _ := args[0].Get("data")
			p.mu.Lock()
			p.events[name] = append(p.events[name], data)
			p.mu.Unlock()
			return nil
		})
		require.NoError(t, err)
		t.Cleanup(fn.Release)
		_, err = p.bus.Object().Call("subscribe", "ChatClose."+name, fn)
		require.NoError(t, err)
	}
}

func (p *page) count(event string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.events[event])
}

func (p *page) messages(t *testing.T, src string) {
	t.Helper()
	p.bus.Publish("WebChatService.messageReceived", eval(t, src))
}

const (
	asyncOn  = `{widgets: {webchat: {transport: {async: {enabled: true}}}}}`
	asyncOff = `{widgets: {webchat: {transport: {async: {enabled: false}}}}}`
	agentMsg = `{type: "Text", index: "1", from: {type: "Agent"}}`
	final2   = `{type: "System", index: "2", event: "InteractionStateChange", data: {interactionState: "Finalizing"}}`
	done3    = `{type: "System", index: "3", event: "InteractionStateChange", data: {interactionState: "Completed"}}`
)

func TestNotifiesOnceInAsyncChat(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+agentMsg+`, `+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	p.messages(t, `{originalMessages: [`+done3+`]}`)
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	time.Sleep(50 * time.Millisecond)

	sent := p.bus.SentNamed("WebChat.injectMessage")
	require.Len(t, sent, 1, "one segment, one notice")
	data := sent[0].Data
	typ, _ := data.Get("type")
	text, _ := data.Get("text")
	bubble, _ := data.Get("bubble")
	showTime, _ := bubble.Get("time")
	assert.Equal(t, "text", mustString(typ))
	assert.Contains(t, mustString(text), "Please do not respond to this automated message")
	assert.Equal(t, safejs.TypeBoolean, showTime.Type())
	assert.Empty(t, p.bus.SentNamed("WebChat.endChat"))
	p.mu.Lock()
	index, _ := p.events["notified"][0].Get("index")
	p.mu.Unlock()
	assert.Equal(t, "2", mustString(index))
}

func TestEndsOrdinaryChat(t *testing.T) {
	p := newPage(t, asyncOff)
	p.watch(t, "ready", "ended")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "ChatClose.ended", func() bool { return p.count("ended") == 1 })
	assert.Len(t, p.bus.SentNamed("WebChat.endChat"), 1)
	assert.Empty(t, p.bus.SentNamed("WebChat.injectMessage"))
}

func TestConfiguredModeAndNotice(t *testing.T) {
	p := newPage(t, `{widgets: {webchat: {transport: {async: {enabled: false}}}, chatclose: {mode: "notify", notice: "<b>Bye</b>"}}}`)
	p.watch(t, "ready", "notified")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	text, _ := p.bus.SentNamed("WebChat.injectMessage")[0].Data.Get("text")
	assert.Equal(t, "<b>Bye</b>", mustString(text))
}

func TestHistoryPagesAndNewActivityDoNotAct(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{oldMessages: true, originalMessages: [`+final2+`]}`)
	p.messages(t, `{originalMessages: [`+final2+`, {type: "Text", index: "3", from: {type: "Client"}}]}`)
	p.messages(t, `{originalMessages: "not an array"}`)
	p.messages(t, `{originalMessages: [{type: "System", index: "4", event: "InteractionStateChange", data: null}]}`)
	p.messages(t, `{originalMessages: [{type: "System", index: "5", event: "InteractionStateChange", data: {interactionState: "Completed"}}]}`)
	waitFor(t, "the notice for index 5", func() bool { return p.count("notified") == 1 })
	time.Sleep(30 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 1)
}

func TestTakesOverTheLoadersKeptEventsInOrder(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	// A loader as chatclose.js makes it: it registered ChatClose, subscribed, and kept three
	// events: a Finalizing (a notice), the customer's answer (a new segment), and that
	// segment's Completed (a second notice).
	iface, err := p.bus.Object().Call("registerPlugin", "ChatClose")
	require.NoError(t, err)
	require.NoError(t, safejs.Global().Set("__loaderPlugin", iface))
	t.Cleanup(func() { _ = safejs.Global().Delete("__loaderPlugin") })
	setGlobal(t, "__chatcloseLoader", `(() => {
		const kept = [];
		let target = null;
		const plugin = globalThis.__loaderPlugin;
		plugin.subscribe("WebChatService.messageReceived", e => target ? target(e) : kept.push(e));
		return {version: "test", plugin, attached: 0, served: {},
			attach(fn) { this.attached++; target = fn; while (kept.length) fn(kept.shift()); },
			serve(name, fn) { this.served[name] = fn; }};
	})()`)
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	p.messages(t, `{originalMessages: [{type: "Text", index: "3", from: {type: "Client"}}]}`)
	p.messages(t, `{originalMessages: [{type: "System", index: "4", event: "InteractionStateChange", data: {interactionState: "Completed"}}]}`)
	time.Sleep(20 * time.Millisecond) // the loader's subscriber has kept them all
	startApp()
	waitFor(t, "two notices", func() bool { return p.count("notified") == 2 })
	loader, _ := safejs.Global().Get("__chatcloseLoader")
	attached, _ := loader.Get("attached")
	n, _ := attached.Int()
	assert.Equal(t, 1, n)
	assert.Equal(t, []string{"ChatClose"}, p.bus.Subscribers("WebChatService.messageReceived"), "the loader's subscriber was swapped for chatclose's")
	p.mu.Lock()
	first, _ := p.events["notified"][0].Get("index")
	second, _ := p.events["notified"][1].Get("index")
	p.mu.Unlock()
	assert.Equal(t, []string{"2", "4"}, []string{mustString(first), mustString(second)}, "events were handed over in order")

	// A later event reaches chatclose once, and is judged with what the kept ones taught.
	p.messages(t, `{originalMessages: [{type: "Text", index: "5", from: {type: "Agent"}}, {type: "System", index: "6", event: "InteractionStateChange", data: {interactionState: "Finalizing"}}]}`)
	waitFor(t, "a third notice", func() bool { return p.count("notified") == 3 })
	time.Sleep(30 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 3)
}

func TestCatchesUpFromTheTranscript(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified")
	p.bus.Handle("WebChatService.getTranscript", func(safejs.Value) cxbustest.Outcome {
		return cxbustest.Outcome{Resolve: eval(t, `{messages: [], originalMessages: [`+agentMsg+`, `+final2+`]}`)}
	})
	p.bus.Republish("WebChatService.ready", eval(t, `{}`))
	startApp()
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	// The same state change arriving live afterwards is not acted on again.
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	time.Sleep(30 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 1)
}

func TestACommandThatNeverSettlesIsReportedOnce(t *testing.T) {
	p := newPage(t, `{widgets: {webchat: {transport: {async: {enabled: true}}}, chatclose: {commandTimeout: 50}}}`)
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Never: true} })
	p.watch(t, "ready", "error", "notified")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "ChatClose.error", func() bool { return p.count("error") == 1 })
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, 1, p.count("error"))
	assert.Equal(t, 0, p.count("notified"))
	p.mu.Lock()
	timeout, _ := p.events["error"][0].Get("timeout")
	p.mu.Unlock()
	b, _ := timeout.Bool()
	assert.True(t, b)
}

func mustString(v safejs.Value) string {
	s, _ := v.String()
	return s
}

func TestARefusedNoticeIsSentAgainWhenTheWindowOpens(t *testing.T) {
	p := newPage(t, asyncOn)
	tries := 0
	show := webChatShows(t)
	p.bus.Handle("WebChat.injectMessage", func(data safejs.Value) cxbustest.Outcome {
		tries++
		if tries == 1 {
			return cxbustest.Outcome{Reject: "No chat session to inject into."}
		}
		return show(data)
	})
	eval(t, `__fakeDOM.open = false`)
	p.watch(t, "ready", "notified", "error")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "the first try", func() bool { return len(p.bus.SentNamed("WebChat.injectMessage")) == 1 })
	time.Sleep(30 * time.Millisecond)
	assert.Equal(t, 0, p.count("notified"))
	assert.Equal(t, 0, p.count("error"), "a refusal that will be retried is not an error")

	eval(t, `__fakeDOM.open = true`)
	p.bus.Publish("WebChat.opened", eval(t, `{}`))
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	p.bus.Publish("WebChat.opened", eval(t, `{}`))
	time.Sleep(30 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 2, "sent again once, not on every opening")
	assert.Len(t, shownNotices(t), 1)
}

func TestARefusedNoticeIsDroppedWhenANewSegmentStarts(t *testing.T) {
	p := newPage(t, asyncOn)
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome {
		return cxbustest.Outcome{Reject: "No chat session to inject into."}
	})
	eval(t, `__fakeDOM.open = false`)
	p.watch(t, "ready")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "the first try", func() bool { return len(p.bus.SentNamed("WebChat.injectMessage")) == 1 })
	time.Sleep(20 * time.Millisecond)
	p.messages(t, `{originalMessages: [{type: "Text", index: "3", from: {type: "Client"}}]}`)
	time.Sleep(20 * time.Millisecond)
	p.bus.Publish("WebChat.opened", eval(t, `{}`))
	time.Sleep(50 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 1, "the stale notice is not sent")
}

// command sends a command through the global CXBus and waits for its outcome.
func command(t *testing.T, p *page, name, data string) (safejs.Value, string) {
	t.Helper()
	type outcome struct {
		value  safejs.Value
		reason string
	}
	done := make(chan outcome, 1)
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any { done <- outcome{value: args[0]}; return nil })
	require.NoError(t, err)
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, _ := args[0].String()
		done <- outcome{reason: s}
		return nil
	})
	require.NoError(t, err)
	defer fail.Release()
	promise, err := p.bus.Object().Call("command", name, eval(t, data))
	require.NoError(t, err)
	_, err = promise.Call("done", ok)
	require.NoError(t, err)
	_, err = promise.Call("fail", fail)
	require.NoError(t, err)
	select {
	case o := <-done:
		return o.value, o.reason
	case <-time.After(3 * time.Second):
		t.Fatalf("%s never settled", name)
		return safejs.Undefined(), ""
	}
}

func field(t *testing.T, v safejs.Value, key string) safejs.Value {
	t.Helper()
	f, err := v.Get(key)
	require.NoError(t, err)
	return f
}

func TestGetStateAndConfigure(t *testing.T) {
	p := newPage(t, asyncOn)
	p.watch(t, "ready", "notified", "ended")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })

	state, reason := command(t, p, "ChatClose.getState", `{}`)
	require.Empty(t, reason)
	ready, _ := field(t, state, "ready").Bool()
	assert.True(t, ready)
	assert.Equal(t, "auto", mustString(field(t, state, "mode")))
	assert.Equal(t, "notify", mustString(field(t, state, "action")))
	assert.True(t, field(t, state, "lastStateChange").IsNull())

	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	state, _ = command(t, p, "ChatClose.getState", `{}`)
	last := field(t, state, "lastStateChange")
	assert.Equal(t, "Finalizing", mustString(field(t, last, "state")))
	assert.Equal(t, "2", mustString(field(t, last, "index")))
	done := field(t, state, "done")
	n, _ := field(t, done, "length").Int()
	require.Equal(t, 1, n)
	first, _ := done.Index(0)
	assert.Equal(t, "notify", mustString(field(t, first, "action")))

	_, reason = command(t, p, "ChatClose.configure", `{mode: "close", debug: "yes"}`)
	assert.Equal(t, `chatclose: configure rejected, nothing changed: _genesys.widgets.chatclose.debug must be true or false, got "yes"; _genesys.widgets.chatclose.mode must be one of "auto", "notify", "end", "off", got "close"`, reason)
	_, reason = command(t, p, "ChatClose.configure", `{load: "eager"}`)
	assert.Contains(t, reason, "load only works in _genesys.widgets.chatclose")

	state, reason = command(t, p, "ChatClose.configure", `{mode: "end", states: ["Completed"]}`)
	require.Empty(t, reason)
	assert.Equal(t, "end", mustString(field(t, state, "action")))
	p.messages(t, `{originalMessages: [{type: "Text", index: "3", from: {type: "Agent"}}, {type: "System", index: "4", event: "InteractionStateChange", data: {interactionState: "Finalizing"}}]}`)
	p.messages(t, `{originalMessages: [{type: "System", index: "5", event: "InteractionStateChange", data: {interactionState: "Completed"}}]}`)
	waitFor(t, "the end", func() bool { return p.count("ended") == 1 })
	assert.Equal(t, 1, p.count("notified"), "Finalizing no longer closes a segment")
}
