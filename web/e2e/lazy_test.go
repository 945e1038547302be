//go:build !js

package e2e

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
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
