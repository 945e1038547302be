//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// typeAndSend types text into WebChat's input box and presses Enter, as a
// customer does.
func (s *scenario) typeAndSend(text string) {
	s.t.Helper()
	// Enter sends on every build; a send button is not always shown (9.0.017.00 shows none
	// until it decides to). The box is found and focused in the page, and the keys typed into
	// the focused element: chromedp's own node queries never see the box in the real split
	// deployment (its DOM tracking loses the plugins' late markup).
	s.waitJS("the message box, shown and focused", `(() => { const box = document.querySelector(".cx-message-input");
		if (!box || box.getClientRects().length === 0) return false; box.focus(); return document.activeElement === box })()`)
	s.do(chromedp.KeyEvent(text + kb.Enter))
}

// waitCustomerMessages waits until the simulator has received n texts from the customer.
func (s *scenario) waitCustomerMessages(n int) {
	s.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		count := 0
		for _, m := range s.customerLog().Messages {
			if m.Type == "Text" {
				count++
			}
		}
		if count >= n {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %d customer message(s): saw %d", n, count)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// leave takes the customer away from the chat page.
func (s *scenario) leave() {
	s.t.Helper()
	s.do(chromedp.Navigate("about:blank"))
}

// reloadAction reloads the page without waiting for chatclose.
func reloadAction() chromedp.Action[chromedp.Void] { return chromedp.Reload() }

var _ = url.Values{}

// clickAction clicks the first element matching selector.
func clickAction(selector string) chromedp.Action[chromedp.Void] { return chromedp.Click(selector) }

// clickWhenStill clicks the first element matching selector as a customer does: once it has
// stopped moving (real WebChat animates and lays out its window for a while after opening) and
// nothing covers its middle.
func (s *scenario) clickWhenStill(selector string) {
	s.t.Helper()
	still := fmt.Sprintf(`new Promise(done => {
		const el = document.querySelector(%q);
		if (!el) return done(false);
		el.scrollIntoView({block: "nearest"});
		const at = () => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(); };
		const before = at();
		setTimeout(() => {
			const r = el.getBoundingClientRect();
			done(at() === before && r.width > 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el);
		}, 150);
	})`, selector)
	deadline := time.Now().Add(waitLimit)
	for !evalAwait[bool](s, still) {
		if time.Now().After(deadline) {
			s.t.Fatalf("%s never stood still and uncovered", selector)
		}
	}
	s.do(clickAction(selector))
}
