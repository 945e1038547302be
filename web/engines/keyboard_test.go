//go:build !js

package engines

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// maxTabs bounds the Tab presses from the top of the customer's page to the unlock control.
const maxTabs = 40

// press presses one key (a WebDriver key value) into whatever has the focus.
func (c *chat) press(key string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := c.tab.Press(ctx, key); err != nil {
		c.t.Fatalf("%s: pressing %q: %v", c.run.name, key, err)
	}
}

// focusedIs is a JavaScript expression: whether the customer page's focused element matches
// selector.
func focusedIs(selector string) string {
	return `(el => !!(el && el.matches(` + strconv.Quote(selector) + `)))(` + frame + `.document.activeElement)`
}

// inContent is a JavaScript expression: whether the harness page (and so the web content) has
// the browser's focus. A Tab past the page's last stop takes the focus to the browser's own
// toolbar; Firefox's WebDriver BiDi key actions still reach the page's focused element after
// that, but Firefox presses no button for keys that come while its page is not focused
// (NOTES.md, the engine tier).
const inContent = `document.hasFocus()`

// tabTo presses Tab from the top of the harness page (its #page-start, just before the
// customer's page) until the focus is on an element of the customer's page matching selector,
// and returns how many presses it took. Each press must leave the focus in the web content.
func (c *chat) tabTo(selector string) int {
	c.t.Helper()
	c.eval(`(document.getElementById("page-start").focus(), true)`, nil)
	for n := 1; n <= maxTabs; n++ {
		c.press(KeyTab)
		c.checkInContent()
		var on bool
		c.eval(focusedIs(selector), &on)
		if on {
			return n
		}
	}
	c.t.Fatalf("%s: %d presses of Tab never reached %s (the focus is on %s)", c.run.name, maxTabs, selector, c.focusedElement())
	return 0
}

// focusedElement describes the customer page's focused element for a failure message.
func (c *chat) focusedElement() string {
	var where string
	c.eval(`(el => el ? el.outerHTML.slice(0, 160) : "nothing")(`+frame+`.document.activeElement)`, &where)
	return where
}

// checkInContent fails the test when the web content has lost the browser's focus: the keys
// pressed after that would not behave as a customer's.
func (c *chat) checkInContent() {
	c.t.Helper()
	var in bool
	c.eval(inContent, &in)
	if !in {
		c.t.Fatalf("%s: the page lost the browser's focus (Tab left the web content?); the customer page's focus is on %s", c.run.name, c.focusedElement())
	}
}

// keyboardPath: with the input locked, Tab reaches "I have another question"; Space presses
// it, and after the next lock Enter does; each time the focus lands in the input, unlocked, and
// typing goes into it. Tab leaves the control: it traps nothing.
func keyboardPath(t *testing.T, e *engineRun) {
	c := newChat(t, e, chatOptions{})
	c.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
	c.agent("join", nil)
	c.say("Your refund is on its way.")
	c.finalize()
	for i, key := range []string{" ", KeyEnter} {
		if i > 0 {
			c.say("Anything else?")
			c.state("Finalizing")
		}
		c.waitJS("the input locked", input+`.disabled && `+frame+`.document.querySelector(".chatclose-unlock")`)
		presses := c.tabTo(".chatclose-unlock")
		t.Logf("%s: Tab reached the control in %d presses", e.name, presses)
		if i == 0 {
			c.press(KeyTab)
			c.checkInContent()
			var still bool
			c.eval(focusedIs(".chatclose-unlock"), &still)
			assert.False(t, still, "Tab leaves the control")
			c.tabTo(".chatclose-unlock") // and Tab reaches it again
		}
		c.press(key)
		var unlocked bool
		for deadline := time.Now().Add(3 * time.Second); !unlocked && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			c.eval(`!`+input+`.disabled`, &unlocked)
		}
		if !unlocked {
			var in bool
			c.eval(inContent, &in)
			t.Fatalf("%s: pressing %q on the control did not unlock the input (the focus is on %s; the page has the browser's focus: %v)", e.name, key, c.focusedElement(), in)
		}
		c.waitJS("the focus in the input", focusedIs(".cx-message-input"))
	}
	c.press("a")
	var value string
	c.eval(input+`.value`, &value)
	assert.Equal(t, "a", value, "typing goes into the input box")
}
