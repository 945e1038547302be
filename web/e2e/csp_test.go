//go:build !js

package e2e

import (
	"net/url"
	"testing"

	"github.com/chatclose/chatclose/web/sandbox"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cspWatch keeps every Content-Security-Policy violation of a frame in window.__csp.
const cspWatch = `(() => {
	window.__csp = [];
	document.addEventListener("securitypolicyviolation", e =>
		window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber));
})();`

// violations returns the CSP violations seen so far by the page (and, when framed, by the
// customer's frame).
func violations(s *scenario, framed bool) []string {
	s.t.Helper()
	if framed {
		return eval[[]string](s, `window.__csp.concat(`+inFrame+`.__csp || [])`)
	}
	return eval[[]string](s, `window.__csp`)
}

// provokeViolation adds an inline script to the page: the policy must refuse it. It shows
// that the policy is in force and that violations are seen.
func provokeViolation(s *scenario) {
	s.t.Helper()
	eval[bool](s, `(() => { const el = document.createElement("script"); el.textContent = "window.__inline = true"; document.head.appendChild(el); return true; })()`)
	s.waitJS("the inline script refused", `window.__csp.length > 0 && window.__inline === undefined`)
}

// TestStrictCSP serves the sandbox under the strictest policy an integrator can have with
// chatclose (no unsafe-inline, no unsafe-eval): the notice, the end of a chat and the sandbox
// page all work with zero violations.
func TestStrictCSP(t *testing.T) {
	t.Run("notify", func(t *testing.T) {
		s := newScenario(t, options{csp: sandbox.StrictCSP})
		s.initScript(cspWatch)
		s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}})
		s.agent("join", nil)
		s.say("Your order has shipped.")
		s.state("Finalizing")
		s.waitNotices(1)
		s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
		assert.Empty(t, violations(s, false))
		provokeViolation(s)
		require.Len(t, violations(s, false), 1)
	})
	t.Run("end", func(t *testing.T) {
		s := newScenario(t, options{csp: sandbox.StrictCSP})
		s.initScript(cspWatch)
		s.startChat(ordinaryChat())
		s.agent("join", nil)
		s.state("Finalizing")
		s.waitDeletes(1)
		s.waitJS("ChatClose.ended", `window.__e2e.events.some(e => e.name === "ended")`)
		assert.Empty(t, violations(s, false))
	})
	t.Run("sandbox page", func(t *testing.T) {
		s := newScenario(t, options{csp: sandbox.StrictCSP})
		s.initScript(cspWatch)
		s.do(chromedp.Navigate(s.base + "/?poll=150&async=1"))
		s.waitJS("the shop page in the frame", inFrame+`.document.querySelector(".cx-webchat-chat-button")`)
		s.waitJS("the frame's widgets ready", inFrame+`._genesys.widgets.bus !== undefined`)
		assert.Empty(t, violations(s, true))
	})
}
