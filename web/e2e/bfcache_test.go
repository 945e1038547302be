//go:build !js

package e2e

import (
	"context"
	"fmt"
	"github.com/chatclose/chatclose/web/sandbox"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The back/forward cache (issue 18): chatclose must never be the reason a page that Widgets
// alone leaves eligible is not restored from it, and after a restore the next Finalizing still
// gets its one notice. Chromium reports why it did not restore a page with
// Page.backForwardCacheNotUsed; the test runs the same chat with and without chatclose and
// compares.

// bfcacheOutcome is what one back navigation did: restored from the cache, or the reasons why not.
type bfcacheOutcome struct {
	restored bool
	reasons  []string
}

func (o bfcacheOutcome) String() string {
	if o.restored {
		return "restored from the back/forward cache"
	}
	return "not restored: " + strings.Join(o.reasons, ", ")
}

// awayAndBack takes the customer to another page of the site and back with the back button,
// and reports whether the chat page came back from the back/forward cache.
func (s *scenario) awayAndBack() bfcacheOutcome {
	s.t.Helper()
	var out bfcacheOutcome
	notUsed := make(chan []string, 1)
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventBackForwardCacheNotUsed); ok {
			var reasons []string
			for _, r := range ev.NotRestoredExplanations {
				reasons = append(reasons, fmt.Sprintf("%s (%s)", r.Reason, r.Type))
			}
			select {
			case notUsed <- reasons:
			default:
			}
		}
	}); err != nil {
		s.t.Fatal(err)
	}
	s.do(chromedp.Evaluate[chromedp.Void](`window.__e2e.shown = 0, addEventListener("pageshow", e => { if (e.persisted) window.__e2e.shown++ }), undefined`))
	s.do(chromedp.Navigate(s.base + "/static/sandbox.css"))
	s.do(backWithoutWaiting())
	out.restored = s.evalWhenBack(`document.readyState !== "complete" || !window.__e2e ? "" : window.__e2e.shown === 1 ? "restored" : "loaded"`) == "restored"
	if !out.restored {
		select {
		case out.reasons = <-notUsed:
		default:
		}
	}
	return out
}

// bfcacheChat opens an async chat with an agent, with or without chatclose, and goes away and
// back; it returns the scenario and the outcome.
func bfcacheChat(t *testing.T, withChatclose bool) (*scenario, bfcacheOutcome) {
	s := newScenario(t, options{wrap: sandbox.Cacheable})
	params := asyncChat()
	if !withChatclose {
		params = sandbox.WithoutChatclose(params)
	}
	params.Set("autostart", "1")
	s.open(params)
	s.waitSession()
	if withChatclose {
		s.waitReady()
	}
	s.agent("join", nil)
	s.waitDelivered(s.say("Have a look around the shop."))
	return s, s.awayAndBack()
}

func TestBackForwardCacheChatcloseIsNeverTheReasonForAMiss(t *testing.T) {
	_, without := bfcacheChat(t, false)
	s, with := bfcacheChat(t, true)
	t.Logf("without chatclose: %s; with chatclose: %s", without, with)
	if without.restored {
		assert.True(t, with.restored, "Widgets alone is restored, with chatclose it is not: %s", with)
	}
	for _, r := range with.reasons {
		assert.Contains(t, without.reasons, r, "a reason chatclose adds")
	}

	// After the page came back (from the cache or not), the next Finalizing gets one notice.
	if !with.restored {
		s.waitReady()
	}
	s.state("Finalizing")
	s.evalWhenBack(shownNotices + `.length === 1 ? "shown" : ""`) // waitNotices may lose the restored page's context
	// Two more polls, counted at the simulator: chromedp's polling wait loses the page's
	// execution context after a restore from the cache, so nothing here waits in the page.
	polls := s.customerLog().Polls
	s.waitFor("two more polls", func() bool { return s.customerLog().Polls >= polls+2 })
	assert.Len(t, s.notices(), 1)
	assert.Equal(t, 1, s.events("notified"))
	require.Empty(t, s.customerLog().Deletes)
}

// backWithoutWaiting goes one entry back in the tab's history, as the back button does. It
// does not wait for a load event: a page restored from the cache fires none.
func backWithoutWaiting() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		history, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if history.CurrentIndex < 1 {
			return fmt.Errorf("no history entry to go back to")
		}
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: history.Entries[history.CurrentIndex-1].ID})
		return err
	})
}

// evalWhenBack evaluates an expression that is "" until the page is back in the page the tab went back to, retrying while
// the browser reports no execution context yet (a page restored from the cache gets its
// context back a moment after the navigation).
func (s *scenario) evalWhenBack(expr string) string {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		ctx, cancel := context.WithTimeout(s.ctx, time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil && v != "" {
			return v
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the page never came back: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
