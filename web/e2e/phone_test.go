//go:build !js

package e2e

import (
	"net/url"
	"testing"

	"github.com/chatclose/chatclose/handler"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
	"github.com/stretchr/testify/assert"
)

// On a phone. Widgets' default main.mobileMode is 'auto': on a small screen of a phone browser
// WebChat runs full screen, with the cx-mobile layout. The tab emulates a Pixel 5 (393 x 851,
// a phone's user agent, touch); the page sets no mobileMode, as most sites do.

// onAPhone makes s's tab a phone.
func (s *scenario) onAPhone() {
	s.t.Helper()
	s.do(chromedp.Emulate(device.Pixel5))
}

// inPhoneLayout is a JavaScript expression: App is in mobile mode and WebChat's open window
// fills the screen with its phone layout.
const inPhoneLayout = `(() => {
	const w = document.querySelector(".cx-widget.cx-webchat.cx-mobile");
	if (CXBus.data("App.mobileMode") !== true || !w) return false;
	const r = w.getBoundingClientRect();
	return r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight;
})()`

// noticeInView is a JavaScript expression: the last notice, down to its bottom edge (and the
// read-only control in it), lies inside the visible part of the transcript and of the screen.
const noticeInView = `(() => {
	const shown = ` + shownNotices + `;
	const n = shown[shown.length - 1];
	if (!n) return false;
	const r = n.getBoundingClientRect(), t = n.closest(".cx-transcript").getBoundingClientRect();
	return r.top >= t.top - 1 && r.bottom <= t.bottom + 1 && r.top >= 0 && r.bottom <= innerHeight + 1;
})()`

// noticePlace is a JavaScript expression: where the last notice and its transcript are, for
// failure messages.
const noticePlace = `(() => {
	const shown = ` + shownNotices + `;
	const n = shown[shown.length - 1];
	if (!n) return "no notice shown";
	const r = n.getBoundingClientRect(), t = n.closest(".cx-transcript");
	const tr = t.getBoundingClientRect();
	return "notice " + r.top + ".." + r.bottom + ", transcript " + tr.top + ".." + tr.bottom +
		" (scrolled " + t.scrollTop + " of " + t.scrollHeight + "), screen 0.." + innerHeight;
})()`

// TestOnAPhone: in WebChat's phone layout an async chat's notice is shown once and in view,
// read-only mode locks the message box, and an ordinary chat is ended once (one DELETE).
func TestOnAPhone(t *testing.T) {
	t.Run("async, read-only", func(t *testing.T) {
		s := newScenario(t, options{})
		s.onAPhone()
		s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
		s.waitJS("the phone layout", inPhoneLayout)
		s.agent("join", nil)
		for i := 0; i < 8; i++ {
			s.say("Here is one more line of the answer, long enough to wrap on a phone's screen.")
		}
		index := s.state("Finalizing")
		s.waitNotices(1)
		s.waitEvents("locked", 1)
		s.waitDelivered(index)
		assert.Equal(t, []string{handler.DefaultNotice}, s.notices())
		assert.True(t, eval[bool](s, noticeInView), "the notice, with its control, is in view on the phone: %s", eval[string](s, noticePlace))
		assert.True(t, eval[bool](s, `document.querySelector(".cx-webchat .cx-message-input").disabled`), "the message box is locked")
		assert.Equal(t, 1, s.events("notified"))
		assert.Equal(t, 1, s.events("locked"))
	})
	t.Run("ordinary", func(t *testing.T) {
		s := newScenario(t, options{})
		s.onAPhone()
		s.startChat(ordinaryChat())
		s.waitJS("the phone layout", inPhoneLayout)
		s.agent("join", nil)
		s.say("Your order has shipped.")
		s.state("Finalizing")
		s.waitDeletes(1)
		s.waitJS("WebChat.completed", `window.__e2e.events.some(e => e.name === "WebChat.completed")`)
		assert.Len(t, s.customerLog().Deletes, 1, "exactly one DELETE")
		assert.Equal(t, 1, s.events("ended"))
		assert.Empty(t, s.notices())
	})
}
