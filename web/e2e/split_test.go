//go:build !js

package e2e

import (
	"net/url"
	"testing"
	"time"

	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
)

// The split deployment, as the Genesys sample starts Widgets: the page loads cxbus.min.js,
// sets the plugins path and loads widgets-core; CXBus fetches WebChat, WebChatService and the
// rest from plugins/ when they are first needed (CONTRACT.md section 4, split=1).

// noSplitPrefix starts the message of every skip for a build without the split deployment;
// the compatibility table (web/cmd/compat) shows it.
const noSplitPrefix = "no split deployment: "

// needsSplit skips t on a real build that has no split deployment beside its bundle. The
// stand-in always has one, so the split tests never skip in make test.
func needsSplit(t *testing.T) {
	t.Helper()
	if !widgets.Split {
		t.Skip(noSplitPrefix + "this build's folder has no cxbus.min.js and plugins/widgets-core.min.js")
	}
}

// split returns params for the split deployment's page.
func split(params url.Values) url.Values {
	q := url.Values{"split": {"1"}}
	for k, v := range params {
		q[k] = v
	}
	return q
}

// widgetsEntry is the path of the page's first Widgets script: the bundle, or cxbus.min.js
// when the whole suite runs on the split deployment.
func widgetsEntry() string {
	if splitLayout {
		return "/widgets/cxbus.min.js"
	}
	return "/widgets/widgets.min.js"
}

// registeredPlugins is a JavaScript expression: the names of the plugins registered on CXBus.
const registeredPlugins = `Object.keys(CXBus.registerPlugin("E2EProbe" + Math.random()).registry())`

// TestSplitDeploymentWithoutAChatFetchesNoChatPlugin: on a page where nobody chats, chatclose
// must not make CXBus fetch WebChatService or WebChat, neither its loader (lazy) nor its module
// (eager), since a command to a plugin that is not there makes CXBus fetch its file.
func TestSplitDeploymentWithoutAChatFetchesNoChatPlugin(t *testing.T) {
	needsSplit(t)
	for _, load := range []string{"lazy", "eager"} {
		t.Run(load, func(t *testing.T) {
			s := newScenario(t, options{})
			s.open(split(url.Values{"async": {"1"}, "load": {load}}))
			s.waitJS("widgets-core started", `window._genesys.widgets.bus !== undefined`)
			s.waitJS("the plugin registered", `window.__chatcloseLoader && window.__chatcloseLoader.plugin`)
			if load == "eager" {
				s.waitReady()
			}
			// widgets-core loads its auto-load list 100 ms after start-up; give it, and
			// chatclose, time to fetch what they would.
			time.Sleep(time.Second)
			assert.Empty(t, s.requested("/plugins/webchatservice"), "WebChatService was fetched on a page without a chat")
			assert.Empty(t, s.requested("/plugins/webchat.min.js"), "WebChat was fetched on a page without a chat")
			assert.NotContains(t, eval[[]string](s, registeredPlugins), "WebChatService")
			if load == "lazy" {
				assert.Empty(t, s.requested("chatclose.wasm"), "a page with no chat fetched the module")
			}
		})
	}
}

// TestSplitDeploymentAsyncFinalizingShowsOneNotice: a live async chat in the split deployment
// gets one notice, and after a reload (the plugins come back through the auto-load list) the
// restored transcript shows it once.
func TestSplitDeploymentAsyncFinalizingShowsOneNotice(t *testing.T) {
	needsSplit(t)
	s := asyncFinalizingShowsOneNotice(t, split(asyncChat()))

	s.reload()
	s.waitNotices(1)
	s.waitDelivered(s.state("Completed"))
	assert.Equal(t, []string{handler.DefaultNotice}, s.notices(), "the restored transcript shows the notice once")
	assert.Equal(t, 1, s.events("notified"), "one notice in this page view, as after a reload of the bundle")
	assert.Empty(t, s.customerLog().Deletes, "an async chat is never ended")
}

// TestSplitDeploymentOrdinaryFinalizingEndsTheChatOnce: a live ordinary chat in the split
// deployment is ended once: one endChat, one DELETE at the server.
func TestSplitDeploymentOrdinaryFinalizingEndsTheChatOnce(t *testing.T) {
	needsSplit(t)
	ordinaryFinalizingEndsTheChatOnce(t, split(ordinaryChat()))
}

// TestSplitDeploymentFinalizedWhileAway: the agent finalizes an async chat while the customer
// is away; they come back, and the plugins are fetched again through the auto-load list.
// chatclose, on the page from the start or added 2.5 s after load, shows one notice.
func TestSplitDeploymentFinalizedWhileAway(t *testing.T) {
	needsSplit(t)
	for _, tc := range []struct {
		name string
		back url.Values
	}{
		{"chatclose on the page", asyncChat()},
		{"chatclose added late", lateChat()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScenario(t, options{})
			s.startChat(split(asyncChat()))
			s.agent("join", nil)
			s.waitDelivered(s.say("I'll check and get back to you."))
			s.leave()
			index := s.state("Finalizing")
			s.open(split(tc.back))
			s.waitReady()
			s.waitNotices(1)
			s.waitDelivered(index)
			assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
			assert.Equal(t, 1, s.events("notified"))
		})
	}
}
