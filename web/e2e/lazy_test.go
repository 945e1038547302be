//go:build !js

package e2e

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoChatNoModule opens the shop page without a chat: the loader registers the plugin but
// fetches neither wasm_exec.js nor the module. Only when the customer starts a chat does it load
// them, and chatclose then handles the chat as usual.
func TestNoChatNoModule(t *testing.T) {
	s := newScenario(t, options{})
	s.open(url.Values{"async": {"1"}})
	s.waitJS("the page loaded", `document.readyState === "complete"`)
	s.waitJS("the plugin registered by the loader", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
	s.waitJS("WebChat ready", `window._genesys.widgets.bus !== undefined`)
	assert.Empty(t, s.requested("chatclose.wasm"), "a page with no chat fetched the module")
	assert.Empty(t, s.requested("wasm_exec.js"), "a page with no chat fetched wasm_exec.js")
	assert.Empty(t, s.requested("chatclose-filter.js"), "a page with no chat fetched the pre-filter")

	// The customer starts a chat: now the module loads.
	s.waitJS("the chat started", `(CXBus.command("WebChat.open", {form: {autoSubmit: true, firstname: "Carla", lastname: "C"}}), true)`)
	s.waitSession()
	s.waitReady()
	assert.Len(t, s.requested("chatclose.wasm"), 1)
	s.agent("join", nil)
	s.state("Finalizing")
	s.waitNotices(1)
}

// TestEagerLoadingFetchesTheModuleAtOnce checks the load: 'eager' option.
func TestEagerLoadingFetchesTheModuleAtOnce(t *testing.T) {
	s := newScenario(t, options{})
	s.open(url.Values{"async": {"1"}, "load": {"eager"}})
	s.waitReady()
	assert.Len(t, s.requested("chatclose.wasm"), 1)
	assert.Equal(t, 0, eval[int](s, `document.querySelectorAll(".cx-transcript .cx-message").length`), "no chat was started")
}

// moduleRequestedAt is a JavaScript expression: when the page requested chatclose.wasm
// (Resource Timing, ms since navigation), or -1.
const moduleRequestedAt = `(performance.getEntriesByType("resource").find(e => e.name.includes("/chatclose.wasm")) || {startTime: -1}).startTime`

// TestReturningCustomerGetsTheModuleBeforeTheTranscript: an async chat is finalized while the
// customer is away. When they come back, the loader sees Widgets' session cookie and starts
// fetching the module at once: before Widgets have even loaded (their script is held back
// here for a second), and so before they publish the restored transcript; the notice then
// comes with the transcript rather than after it. Without the cookie the loader would learn of
// the chat only from the running Widgets.
func TestReturningCustomerGetsTheModuleBeforeTheTranscript(t *testing.T) {
	s := newScenario(t, options{faults: sandbox.Faults{WidgetsDelay: time.Second}})
	s.startChat(asyncChat())
	s.agent("join", nil)
	s.waitDelivered(s.say("I'll check and get back to you."))
	s.leave()
	index := s.state("Finalizing")

	s.open(asyncChat())
	s.waitNotices(1)
	s.waitDelivered(index)
	published := eval[float64](s, `window.__e2e.firstBatchAt`)
	requested := eval[float64](s, moduleRequestedAt)
	widgetsLoaded := eval[float64](s, `performance.getEntriesByType("resource").find(e => e.name.includes(`+strconv.Quote(widgetsEntry())+`)).responseEnd`)
	t.Logf("module requested at %.1f ms, Widgets loaded at %.1f ms, restored transcript published at %.1f ms", requested, widgetsLoaded, published)
	require.GreaterOrEqual(t, requested, 0.0, "the module was not fetched")
	assert.Less(t, requested, widgetsLoaded, "the module's fetch waited for Widgets")
	assert.Less(t, requested, published, "the module's fetch started only after Widgets published the restored transcript")
	assert.Len(t, s.requested("chatclose.wasm"), 2, "one fetch for the chat, one for the return: never two on a page")
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
}

// TestWidgetsCookiesWithoutAChatFetchNoModule: Widgets' other cookies (the window's open flag,
// the message index, App's plugin list) do not mean a chat exists; a page with them and no
// session cookie fetches nothing, as a page without any.
func TestWidgetsCookiesWithoutAChatFetchNoModule(t *testing.T) {
	s := newScenario(t, options{})
	s.open(asyncChat())
	s.waitJS("the plugin registered by the loader", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
	s.waitJS("cookies set", `(document.cookie = "_genesys.widgets.webchat.state.pureengage-v3-rest.open=true; path=/",
		document.cookie = "_genesys.widgets.webchat.state.pureengage-v3-rest.index=7; path=/",
		document.cookie = "_genesys.widgets.app.autoLoadList=%7B%7D; path=/",
		document.cookie = "northwind_sessions_seen=1; path=/", true)`)
	s.open(asyncChat())
	s.waitJS("the page loaded", `document.readyState === "complete"`)
	s.waitJS("WebChat ready", `window._genesys.widgets.bus !== undefined`)
	s.waitJS("an idle page", `new Promise(r => setTimeout(() => r(true), 1000))`)
	assert.Equal(t, -1.0, eval[float64](s, moduleRequestedAt))
	assert.Empty(t, s.requested("chatclose.wasm"), "a page with no chat fetched the module")
	assert.Empty(t, s.requested("wasm_exec.js"), "a page with no chat fetched wasm_exec.js")
}
