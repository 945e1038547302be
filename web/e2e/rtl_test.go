//go:build !js

package e2e

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rtlTexts are chatclose's texts for a right-to-left page, given through the i18n option as
// a site gives them (chatclose ships no Arabic or Hebrew texts).
var rtlTexts = map[string]map[string]string{
	"ar": {
		"notice": "شكراً لتواصلك معنا. لا حاجة للرد على هذه الرسالة إذا لم تكن لديك أسئلة أخرى.",
		"unlock": "لدي سؤال آخر",
		"locked": "انتهت هذه المحادثة. اختر «لدي سؤال آخر» للكتابة مجدداً.",
	},
	"he": {
		"notice": "תודה שפנית אלינו. אין צורך להשיב להודעה זו אם אין לך שאלות נוספות.",
		"unlock": "יש לי שאלה נוספת",
		"locked": "השיחה הסתיימה. בחר/י „יש לי שאלה נוספת” כדי לכתוב שוב.",
	},
}

// rtlParams are the customer page's parameters for a page in lang, in read-only mode.
func rtlParams(t *testing.T, lang string) url.Values {
	t.Helper()
	i18n, err := json.Marshal(map[string]any{"i18n": rtlTexts})
	require.NoError(t, err)
	return url.Values{"async": {"1"}, "readonly": {"1"}, "lang": {lang}, "options": {string(i18n)}}
}

// direction is a JavaScript expression: the computed direction of the first element matching
// selector.
func direction(selector string) string {
	return `(el => el ? getComputedStyle(el).direction : "missing")(document.querySelector("` + selector + `"))`
}

// TestRightToLeftNoticeAndLock: on an Arabic page (main.lang "ar", texts through i18n) the
// notice in WebChat's element, the control and the locked input's text read right to left,
// on a page laid out left to right; the input gets its own direction back when unlocked.
func TestRightToLeftNoticeAndLock(t *testing.T) {
	s := lockedChat(t, rtlParams(t, "ar"))
	ar := rtlTexts["ar"]
	assert.Equal(t, ar["notice"], s.notices()[0][:len(ar["notice"])])
	assert.Equal(t, "ltr", eval[string](s, `getComputedStyle(document.body).direction`), "the page itself is left to right")
	assert.Equal(t, "rtl", eval[string](s, direction(".cx-transcript .cx-injected")), "the notice")
	assert.Equal(t, "rtl", eval[string](s, direction(".chatclose-unlock")), "the control")
	assert.Equal(t, ar["unlock"], eval[string](s, `document.querySelector(".chatclose-unlock").textContent`))
	assert.Equal(t, "rtl", eval[string](s, direction(".cx-message-input")), "the locked input's placeholder")
	assert.Equal(t, ar["locked"], eval[string](s, `document.querySelector(".cx-message-input").placeholder`))

	s.clickWhenStill(".chatclose-unlock")
	s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
	assert.False(t, eval[bool](s, `document.querySelector(".cx-message-input").hasAttribute("dir")`), "the input's own direction is back")
	assert.Equal(t, "ltr", eval[string](s, direction(".cx-message-input")))
}

// TestRightToLeftFallbackEntry: chatclose's own entry (WebChat refuses the notice after a
// restore that lacks the customer's join) on a Hebrew page sets dir="rtl".
func TestRightToLeftFallbackEntry(t *testing.T) {
	s := newScenario(t, options{})
	s.startChat(rtlParams(t, "he"))
	s.agent("join", nil)
	s.waitDelivered(s.batch(steps(25)...))
	s.reloadRestoredPage(true)
	s.state("Finalizing")
	s.waitJS("chatclose's own entry", `document.querySelector(".cx-transcript .chatclose-notice")`)
	he := rtlTexts["he"]
	assert.Equal(t, he["notice"], eval[string](s, `document.querySelector(".cx-transcript .chatclose-notice .cx-message-text").textContent`))
	assert.Equal(t, "rtl", eval[string](s, `document.querySelector(".cx-transcript .chatclose-notice").getAttribute("dir")`))
	assert.Equal(t, "rtl", eval[string](s, direction(".cx-transcript .chatclose-notice .cx-message-text")))
	s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
	assert.Equal(t, "rtl", eval[string](s, direction(".cx-message-input")))
}
