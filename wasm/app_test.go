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

func eval(t *testing.T, src string) safejs.Value {
	t.Helper()
	v, err := safejs.Global().Call("eval", "("+src+")")
	require.NoError(t, err, src)
	return v
}

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
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome { return cxbustest.Outcome{Resolve: true} })
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
		return {version: "test", plugin, attached: 0, attach(fn) { this.attached++; target = fn; while (kept.length) fn(kept.shift()); }};
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
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome {
		tries++
		if tries == 1 {
			return cxbustest.Outcome{Reject: "No chat session to inject into."}
		}
		return cxbustest.Outcome{Resolve: true}
	})
	p.watch(t, "ready", "notified", "error")
	startApp()
	waitFor(t, "ChatClose.ready", func() bool { return p.count("ready") == 1 })
	p.messages(t, `{originalMessages: [`+final2+`]}`)
	waitFor(t, "the first try", func() bool { return len(p.bus.SentNamed("WebChat.injectMessage")) == 1 })
	time.Sleep(30 * time.Millisecond)
	assert.Equal(t, 0, p.count("notified"))
	assert.Equal(t, 0, p.count("error"), "a refusal that will be retried is not an error")

	p.bus.Publish("WebChat.opened", eval(t, `{}`))
	waitFor(t, "the notice", func() bool { return p.count("notified") == 1 })
	p.bus.Publish("WebChat.opened", eval(t, `{}`))
	time.Sleep(30 * time.Millisecond)
	assert.Len(t, p.bus.SentNamed("WebChat.injectMessage"), 2, "sent again once, not on every opening")
}

func TestARefusedNoticeIsDroppedWhenANewSegmentStarts(t *testing.T) {
	p := newPage(t, asyncOn)
	p.bus.Handle("WebChat.injectMessage", func(safejs.Value) cxbustest.Outcome {
		return cxbustest.Outcome{Reject: "No chat session to inject into."}
	})
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
