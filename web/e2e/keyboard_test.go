//go:build !js

package e2e

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxTabs bounds the Tab presses from the top of the page to the unlock control: the shop
// page's links and WebChat's window come before it.
const maxTabs = 40

// activeIs is a JavaScript expression: whether the focused element matches selector.
func activeIs(selector string) string {
	return `!!(document.activeElement && document.activeElement.matches(` + strconv.Quote(selector) + `))`
}

// tabTo presses Tab from the top of the page until the focus is on an element matching
// selector, as a keyboard user does, and returns how many presses it took.
func (s *scenario) tabTo(selector string) int {
	s.t.Helper()
	eval[bool](s, `(document.activeElement && document.activeElement.blur(), window.getSelection().removeAllRanges(), true)`)
	for n := 1; n <= maxTabs; n++ {
		s.do(chromedp.KeyEvent(kb.Tab))
		if eval[bool](s, activeIs(selector)) {
			return n
		}
	}
	s.t.Fatalf("%d presses of Tab never reached %s (the focus is on %s)", maxTabs, selector,
		eval[string](s, `document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : "nothing"`))
	return 0
}

// lockedChat starts an async chat in read-only mode whose agent joins, answers and closes the
// segment, and waits for the lock.
func lockedChat(t *testing.T, params url.Values) *scenario {
	t.Helper()
	s := newScenario(t, options{})
	q := url.Values{"async": {"1"}, "readonly": {"1"}}
	for k, v := range params {
		q[k] = v
	}
	s.startChat(q)
	s.agent("join", nil)
	s.say("Your refund is on its way.")
	s.state("Finalizing")
	s.waitNotices(1)
	s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
	return s
}

// TestKeyboardPathOutOfTheLock: with the input locked, Tab reaches "I have another question",
// Enter and then (after the next lock) Space press it, and the focus lands in the input,
// unlocked. Tab and Shift+Tab leave the control both ways: it traps nothing.
func TestKeyboardPathOutOfTheLock(t *testing.T) {
	s := lockedChat(t, nil)
	for i, key := range []string{kb.Enter, " "} {
		if i > 0 { // lock again: a new segment closed
			s.say("Anything else?")
			s.state("Finalizing")
			s.waitJS("locked again", `document.querySelector(".cx-message-input").disabled && document.querySelector(".chatclose-unlock")`)
		}
		presses := s.tabTo(".chatclose-unlock")
		t.Logf("Tab reached the control in %d presses", presses)
		if i == 0 {
			s.do(chromedp.KeyEvent(kb.Tab))
			assert.False(t, eval[bool](s, activeIs(".chatclose-unlock")), "Tab leaves the control")
			s.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
			require.True(t, eval[bool](s, activeIs(".chatclose-unlock")), "Shift+Tab comes back to it")
			s.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
			assert.False(t, eval[bool](s, activeIs(".chatclose-unlock")), "Shift+Tab leaves the control")
			s.do(chromedp.KeyEvent(kb.Tab))
			require.True(t, eval[bool](s, activeIs(".chatclose-unlock")))
		}
		s.do(chromedp.KeyEvent(key))
		s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
		s.waitJS("the focus in the input", activeIs(".cx-message-input"))
		assert.Len(t, s.waitEvents("unlocked", i+1), i+1)
	}
	// The focus is where the customer writes: typing goes into the box.
	s.do(chromedp.KeyEvent("One more question."))
	assert.Equal(t, "One more question.", eval[string](s, `document.querySelector(".cx-message-input").value`))
}
