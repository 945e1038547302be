//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// minContrast is WCAG 2.2 AA's contrast for text of ordinary size (1.4.3).
const minContrast = 4.5

// contrastOf is a JavaScript function: the contrast ratio (WCAG 2.2) of an element's text, or
// of its placeholder with pseudo "::placeholder", against the background behind it (the first
// opaque background up the tree, over white), the text's own transparency and the element's
// opacity blended in.
const contrastOf = `(el, pseudo) => {
	const rgba = c => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
	const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
	const layers = [];
	for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
	let bg = [255, 255, 255, 1];
	for (const l of layers.reverse()) bg = over(l, bg);
	let fg = over(rgba(getComputedStyle(el, pseudo || null).color), bg);
	let opacity = 1;
	for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
	fg = over(fg.slice(0, 3).concat(opacity), bg);
	const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
	return (a + 0.05) / (b + 0.05);
}`

// reduceMotion makes the tab's pages prefer reduced motion (prefers-reduced-motion: reduce).
func (s *scenario) reduceMotion() {
	s.t.Helper()
	s.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	}))
}

// TestContrastAndMotion, on WebChat's light and dark themes (main.theme): the locked input's
// placeholder, chatclose's own entry and the unlock control meet WCAG 2.2 AA contrast; and
// under prefers-reduced-motion: reduce nothing chatclose adds animates or has a transition,
// focused or not.
func TestContrastAndMotion(t *testing.T) {
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			s := newScenario(t, options{})
			s.reduceMotion()
			s.startChat(url.Values{"async": {"1"}, "readonly": {"1"}, "theme": {theme}})
			s.agent("join", nil)
			s.waitDelivered(s.batch(steps(25)...))
			s.reloadRestoredPage(true)
			s.state("Finalizing")
			s.waitJS("chatclose's own entry", `document.querySelector(".cx-transcript .chatclose-notice")`)
			s.waitJS("the input locked", `document.querySelector(".cx-message-input").disabled`)
			require.True(t, eval[bool](s, `matchMedia("(prefers-reduced-motion: reduce)").matches`))
			themed := fmt.Sprintf(`!!document.querySelector(".cx-webchat.cx-theme-%s, .cx-theme-%s .cx-webchat")`, theme, theme)
			require.True(t, eval[bool](s, themed), "WebChat wears its %s theme", theme)

			for _, c := range []struct{ what, selector, pseudo string }{
				{"the locked placeholder", ".cx-message-input.chatclose-locked", "::placeholder"},
				{"chatclose's own entry", ".cx-transcript .chatclose-notice .cx-message-text", ""},
				{"the unlock control", ".chatclose-unlock", ""},
			} {
				ratio := eval[float64](s, fmt.Sprintf(`(%s)(document.querySelector(%q), %q)`, contrastOf, c.selector, c.pseudo))
				t.Logf("%s theme: %s has a contrast of %.2f:1", theme, c.what, ratio)
				assert.GreaterOrEqual(t, ratio, minContrast, "%s on the %s theme", c.what, theme)
			}

			s.tabTo(".chatclose-unlock") // focused: a focus style must not animate either
			moving := eval[string](s, fmt.Sprintf(`JSON.stringify((() => {
				const ours = Array.from(document.querySelectorAll(%q));
				const out = document.getAnimations().filter(a => a.effect && a.effect.target && ours.some(o => o.contains(a.effect.target))).map(a => "animation " + (a.animationName || a.transitionProperty || a.id));
				for (const el of ours.flatMap(o => [o, ...o.querySelectorAll("*")])) {
					const style = getComputedStyle(el);
					const longest = Math.max(...style.transitionDuration.split(",").map(parseFloat), ...style.animationDuration.split(",").map(parseFloat));
					if (longest > 0 && style.animationName + style.transitionProperty !== "noneall") out.push(el.className + ": " + style.transitionProperty + " " + style.transitionDuration + " / " + style.animationName + " " + style.animationDuration);
				}
				return out;
			})())`, ".chatclose-notice, .chatclose-unlock, .chatclose-locked"))
			var found []string
			require.NoError(t, json.Unmarshal([]byte(moving), &found))
			assert.Empty(t, found, "nothing chatclose adds moves under prefers-reduced-motion: reduce")
			s.do(chromedp.KeyEvent(kb.Enter))
			s.waitJS("the input unlocked", `!document.querySelector(".cx-message-input").disabled`)
		})
	}
}
