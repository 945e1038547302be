//go:build !js

package e2e

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenshotDir is where the sandbox test leaves its screenshot for people to look at.
var screenshotDir = filepath.Join(os.TempDir(), "chatclose-e2e-screenshots")

// inFrame evaluates JavaScript against the customer's page inside the sandbox page.
const inFrame = `document.querySelector("#customer-frame").contentWindow`

// TestSandboxClickThrough drives the sandbox page of make demo as a person would: the
// customer starts a chat in the shop page, the agent joins, writes and finalizes from the
// console; in async mode the notice appears in the customer's transcript, in ordinary mode the
// chat ends. The async run leaves a screenshot in screenshotDir.
func TestSandboxClickThrough(t *testing.T) {
	for _, mode := range []struct {
		name  string
		async string
	}{{"async", "1"}, {"ordinary", "0"}} {
		t.Run(mode.name, func(t *testing.T) {
			s := newScenario(t, options{})
			s.do(chromedp.Navigate(s.base + "/?poll=150&async=" + mode.async))
			s.waitJS("the shop page in the frame", inFrame+`.document.querySelector(".cx-webchat-chat-button")`)

			// The customer opens the chat and submits the form.
			s.waitJS("the launcher clicked", inFrame+`.document.querySelector(".cx-webchat-chat-button").click() || true`)
			s.waitJS("the form", inFrame+`.document.querySelector(".cx-form [name=firstname]")`)
			eval[bool](s, `(() => { const d = `+inFrame+`.document;
				d.querySelector(".cx-form [name=firstname]").value = "Carla";
				d.querySelector(".cx-form [name=lastname]").value = "Customer";
				d.querySelector(".cx-form .cx-submit").click(); return true })()`)
			s.waitSession()
			s.waitJS("chatclose ready in the frame", inFrame+`.__e2e && `+inFrame+`.__e2e.events.some(e => e.name === "ready")`)

			// The agent works from the console.
			s.do(chromedp.Click("#agent-join"))
			s.do(chromedp.SendKeys("#agent-text", "Your parcel left the warehouse today."), chromedp.Click("#agent-send"))
			s.waitJS("the agent's text in the customer's transcript", inFrame+`.document.querySelector(".cx-transcript").textContent.includes("Your parcel left")`)
			s.do(chromedp.Click("#agent-finalize"))

			if mode.async == "1" {
				s.waitJS("the notice in the customer's transcript", inFrame+`.document.querySelectorAll(".cx-transcript .cx-injected").length === 1`)
				s.waitJS("the notice in the sandbox log", `document.querySelector("#chatclose-log").textContent.includes("notified")`)
				saveScreenshot(t, "sandbox-async-finalize.png", capture(s))
				assert.Empty(t, s.customerLog().Deletes)
				return
			}
			s.waitDeletes(1)
			s.waitJS("the end in the sandbox log", `document.querySelector("#chatclose-log").textContent.includes("ended")`)
			assert.Len(t, s.customerLog().Deletes, 1)
			assert.Equal(t, 0, eval[int](s, inFrame+`.document.querySelectorAll(".cx-injected").length`))
		})
	}
}

// capture takes a PNG screenshot of the viewport.
func capture(s *scenario) []byte {
	s.t.Helper()
	img, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatalf("screenshot: %v", err)
	}
	return img
}

// saveScreenshot checks that data is a real PNG of the viewport and writes it to
// screenshotDir.
func saveScreenshot(t *testing.T, name string, data []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err, "the screenshot is not a PNG")
	assert.Equal(t, 1280, img.Bounds().Dx())
	require.NoError(t, os.MkdirAll(screenshotDir, 0o755))
	path := filepath.Join(screenshotDir, name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	t.Logf("screenshot: %s", path)
}

// TestSandboxToggles: make demo's split-deployment and phone toggles reload the shop page as
// the split deployment (WebChat preloaded, so its chat button is there to click) in a
// phone-sized frame with WebChat's phone layout.
func TestSandboxToggles(t *testing.T) {
	needsSplit(t)
	s := newScenario(t, options{})
	s.do(chromedp.Navigate(s.base + "/?poll=150&async=1"))
	s.waitJS("the shop page in the frame", inFrame+`.document.querySelector(".cx-webchat-chat-button")`)
	s.do(chromedp.Click("#toggle-split"))
	s.waitJS("the split deployment in the frame", inFrame+`.document.querySelector("script[src$='/widgets/cxbus.min.js']") && `+inFrame+`.document.querySelector(".cx-webchat-chat-button")`)
	s.do(chromedp.Click("#toggle-phone"))
	s.waitJS("the phone frame", `document.querySelector("#customer-frame").getBoundingClientRect().width === 393 && `+inFrame+`.location.search.includes("mobile=1")`)
	s.waitJS("the chat button", inFrame+`.document.querySelector(".cx-webchat-chat-button")`)
	assert.True(t, eval[bool](s, inFrame+`.CXBus.data("App.mobileMode") === true`), "WebChat's phone layout")
	assert.Equal(t, "Split deployment: on", eval[string](s, `document.querySelector("#toggle-split").textContent`))
	assert.Equal(t, "Phone: on", eval[string](s, `document.querySelector("#toggle-phone").textContent`))
	assert.Contains(t, eval[string](s, `document.querySelector("#customer-url").textContent`), "split=1")
}
