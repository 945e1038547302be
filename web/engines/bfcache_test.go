//go:build !js

package engines

import (
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/stretchr/testify/assert"
)

// The back/forward cache on every engine (issue 18; web/e2e/bfcache_test.go is Chromium's
// version, with Chromium's reasons). The cache keeps top-level pages, so the tab takes the
// harness page, customer frame and all, to another page of the site and back with
// history.back(); the harness page counts its pageshow events with persisted === true. The
// same chat runs without chatclose and with it, and the outcomes are compared.

// bfcacheOutcome is what one back navigation did: "restored" (from the back/forward cache) or
// "loaded" (the page was loaded again).
type bfcacheOutcome string

// awayAndBack takes the tab to another page of the site and back with history.back(), and
// reports whether the harness page came back from the back/forward cache.
func (c *chat) awayAndBack() bfcacheOutcome {
	c.t.Helper()
	c.eval(`(window.__bfcache = {restored: 0}, addEventListener("pageshow", e => { if (e.persisted) window.__bfcache.restored++ }), null)`, nil)
	faults, _ := c.pageFaults()
	c.navigate(c.base + "/static/sandbox.css")
	c.eval(`(setTimeout(() => history.back(), 0), null)`, nil)
	var out bfcacheOutcome
	c.waitJSValue("the harness page back", `document.readyState !== "complete" || !window.__harness ? "" : !window.__bfcache ? "loaded" : window.__bfcache.restored >= 1 ? "restored" : ""`, &out)
	if out != "restored" {
		c.faults = append(c.faults, faults...) // the page view they were seen in is gone
	}
	return out
}

// navigate loads url in the tab.
func (c *chat) navigate(url string) {
	c.t.Helper()
	ctx, cancel := contextWithWaitLimit()
	defer cancel()
	if err := c.tab.Navigate(ctx, url); err != nil {
		c.t.Fatalf("%s: navigate to %s: %v", c.run.name, url, err)
	}
}

// bfcacheChat opens an async chat with an agent, with or without chatclose, on a site that lets
// its pages be cached, and goes away and back.
func bfcacheChat(t *testing.T, e *engineRun, withChatclose bool) (*chat, bfcacheOutcome) {
	c := newChat(t, e, chatOptions{wrap: sandbox.Cacheable})
	params := asyncChat()
	if !withChatclose {
		params = sandbox.WithoutChatclose(params)
	}
	params.Set("autostart", "1")
	c.open(params)
	c.waitSession()
	if withChatclose {
		c.waitReady()
	}
	c.agent("join", nil)
	c.say("Have a look around the shop.")
	c.settle()
	return c, c.awayAndBack()
}

// backForwardCache: with chatclose the page is restored whenever it is without, and after the
// way back the next Finalizing gets one notice. An engine that restores neither page (its
// driver session keeps pages out of the cache) logs so: see the README's back/forward cache.
func backForwardCache(t *testing.T, e *engineRun) {
	var without bfcacheOutcome
	// A subtest of its own, so its profile is closed before the next opens (WebKitWebDriver
	// runs one session at a time).
	t.Run("without chatclose", func(t *testing.T) { _, without = bfcacheChat(t, e, false) })
	if without == "" {
		t.FailNow()
	}
	c, with := bfcacheChat(t, e, true)
	t.Logf("%s: back/forward cache without chatclose: %s; with chatclose: %s", e.name, without, with)
	// Firefox now and then loads a page again that it could have restored, with or without
	// chatclose (the page without it, 1 run in 3 on 9.0.017.00 with secure pages): up to two
	// more trips tell that from a page chatclose keeps out of the cache, which is kept out
	// every time (an unload listener does that).
	for trip := 2; trip <= 3 && without == "restored" && with != "restored"; trip++ {
		c.waitReady()
		c.settle()
		with = c.awayAndBack()
		t.Logf("%s: with chatclose, trip %d: %s", e.name, trip, with)
	}
	if without == "restored" {
		assert.Equal(t, bfcacheOutcome("restored"), with, "the page without chatclose is restored from the back/forward cache, with chatclose it is not")
	}
	if with != "restored" {
		c.waitReady()
	}
	c.finalize()
	c.settle()
	assert.Equal(t, []string{handler.DefaultNotice}, c.notices())
	assert.Equal(t, 1, c.count("ChatClose.notified"))
	assert.Empty(t, c.customerLog().Deletes, "async chat is never ended")
}
