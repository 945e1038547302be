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

// tabTo presses Tab from the top of the customer's page until the focus is on an element
// matching selector, and returns how many presses it took.
func (c *chat) tabTo(selector string) int {
	c.t.Helper()
	c.eval(`(`+frame+`.focus(), `+frame+`.document.activeElement && `+frame+`.document.activeElement.blur(), true)`, nil)
	for n := 1; n <= maxTabs; n++ {
		c.press(KeyTab)
		var on bool
		c.eval(focusedIs(selector), &on)
		if on {
			return n
		}
	}
	var where string
	c.eval(`(el => el ? el.outerHTML.slice(0, 120) : "nothing")(`+frame+`.document.activeElement)`, &where)
	c.t.Fatalf("%s: %d presses of Tab never reached %s (the focus is on %s)", c.run.name, maxTabs, selector, where)
	return 0
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
			var still bool
			c.eval(focusedIs(".chatclose-unlock"), &still)
			assert.False(t, still, "Tab leaves the control")
			c.tabTo(".chatclose-unlock") // and Tab reaches it again
		}
		if e.name == "firefox" {
			// Firefox's WebDriver BiDi input.performActions moves the focus with Tab, but an
			// Enter or Space it presses on the focused control did not press it, now and then
			// (NOTES.md): here the tier checks that Tab reaches and leaves the control only.
			t.Logf("%s: Tab reaches and leaves the control; pressing it with a key is checked on Chromium and WebKit", e.name)
			return
		}
		c.press(key)
		var unlocked bool
		for deadline := time.Now().Add(3 * time.Second); !unlocked && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			c.eval(`!`+input+`.disabled`, &unlocked)
		}
		if !unlocked {
			var where string
			c.eval(`(el => el ? el.outerHTML.slice(0, 160) : "nothing")(`+frame+`.document.activeElement)`, &where)
			t.Fatalf("%s: pressing %q on the control did not unlock the input (the focus is on %s)", e.name, key, where)
		}
		c.waitJS("the focus in the input", focusedIs(".cx-message-input"))
	}
	c.press("a")
	var value string
	c.eval(input+`.value`, &value)
	assert.Equal(t, "a", value, "typing goes into the input box")
}
