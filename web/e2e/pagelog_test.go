//go:build !js

package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chatclose/chatclose/web/chromium"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/debugger"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageLog records what the reliability and security tests look at beyond the harness's
// faults: every console message of every level, the browser's own log (CSP and integrity
// refusals land there), and every request with the scripts on the stack that started it.
type pageLog struct {
	mu       sync.Mutex
	console  []string
	browser  []string
	requests []request
}

// request is one network request of the tab.
type request struct {
	URL  string
	Type string
	// Scripts are the URLs of the JavaScript (and WebAssembly) frames on the synchronous
	// stack that started the request; empty for requests the HTML parser made.
	Scripts []string
}

// startedBy reports whether any frame of the request's stack belongs to a script whose URL
// contains one of parts.
func (r request) startedBy(parts ...string) bool {
	for _, s := range r.Scripts {
		for _, p := range parts {
			if strings.Contains(s, p) {
				return true
			}
		}
	}
	return false
}

// watchPage starts recording for s's tab. With stacks, the Debugger domain is enabled so
// that requests carry their initiator's stack (synchronous frames only: async stack
// tracking stays off, so a request the stand-in makes in a task of its own is not charged
// to whoever sent it the command).
func watchPage(s *scenario, stacks bool) *pageLog {
	s.t.Helper()
	l := &pageLog{}
	if err := chromedp.Listen(s.ctx, l.listen); err != nil {
		s.t.Fatal(err)
	}
	if stacks {
		err := chromedp.Do(s.ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			if _, err := cdp.Call(ctx, tg, debugger.Enable, debugger.EnableParams{}); err != nil {
				return chromedp.Void{}, err
			}
			_, err := cdp.Call(ctx, tg, debugger.SetAsyncCallStackDepth, debugger.SetAsyncCallStackDepthParams{MaxDepth: 0})
			return chromedp.Void{}, err
		})
		if err != nil {
			s.t.Fatal(err)
		}
	}
	return l
}

func (l *pageLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		l.console = append(l.console, string(ev.Type)+": "+chromium.ConsoleText(ev.Args))
	case *cdplog.EventEntryAdded:
		if ev.Entry != nil {
			l.browser = append(l.browser, fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text))
		}
	case *network.EventRequestWillBeSent:
		r := request{URL: ev.Request.URL, Type: string(ev.Type)}
		if ev.Initiator != nil && ev.Initiator.Stack != nil {
			for _, f := range ev.Initiator.Stack.CallFrames {
				r.Scripts = append(r.Scripts, f.URL)
			}
		}
		l.requests = append(l.requests, r)
	}
}

// consoleLines returns the console messages so far that contain substr ("" for all).
func (l *pageLog) consoleLines(substr string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return grep(l.console, substr)
}

// browserLines returns the browser's own log entries so far that contain substr.
func (l *pageLog) browserLines(substr string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return grep(l.browser, substr)
}

// clear forgets the console messages recorded so far.
func (l *pageLog) clear() {
	l.mu.Lock()
	l.console = nil
	l.mu.Unlock()
}

// allRequests returns the requests so far.
func (l *pageLog) allRequests() []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]request(nil), l.requests...)
}

func grep(lines []string, substr string) []string {
	var out []string
	for _, line := range lines {
		if strings.Contains(line, substr) {
			out = append(out, line)
		}
	}
	return out
}

// initScript runs src in every page (and frame) of the tab before the page's own scripts.
func (s *scenario) initScript(src string) {
	s.t.Helper()
	err := chromedp.Do(s.ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return chromedp.Void{}, err
	})
	if err != nil {
		s.t.Fatal(err)
	}
}

// waitFault waits until the harness has recorded a fault (a chatclose console error or
// warning, an uncaught error) containing substr, and allows it.
func (s *scenario) waitFault(substr string) {
	s.t.Helper()
	s.allow(substr)
	deadline := time.Now().Add(waitLimit)
	for s.countFaults(substr) == 0 {
		if time.Now().After(deadline) {
			s.mu.Lock()
			faults := append([]string(nil), s.faults...)
			s.mu.Unlock()
			s.t.Fatalf("waiting for a fault containing %q; recorded: %q", substr, faults)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// chatcloseFaults returns the recorded faults that chatclose itself wrote to the console.
func (s *scenario) chatcloseFaults() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return grep(s.faults, "chatclose: ")
}

// command sends a CXBus command from the page and waits for it to settle; it returns "" when
// it resolved and the rejection's text otherwise.
func (s *scenario) command(name, dataJSON string) string {
	s.t.Helper()
	return evalAwait[string](s, fmt.Sprintf(`new Promise(resolve => CXBus.command(%q, %s)
		.done(() => resolve("")).fail(reason => resolve("rejected: " + String(reason))))`, name, dataJSON))
}

// startChatFromPage opens WebChat with its form submitted, as a customer does.
func (s *scenario) startChatFromPage() {
	s.t.Helper()
	s.waitJS("WebChat ready", `window.CXBus && window._genesys.widgets.bus !== undefined`)
	if r := s.command("WebChat.open", `{form: {autoSubmit: true, firstname: "Carla", lastname: "Customer"}}`); r != "" {
		s.t.Fatalf("WebChat.open: %s", r)
	}
	s.waitSession()
}

// transcriptHas waits until the customer's transcript shows text.
func (s *scenario) transcriptHas(text string) {
	s.t.Helper()
	s.waitJS("the transcript shows "+text, fmt.Sprintf(`(document.querySelector(".cx-transcript") || {textContent: ""}).textContent.includes(%q)`, text))
}

// chatStillWorks checks the page after a fault: the agent's words reach the customer, the
// customer's reach the agent, and a Finalizing changes nothing when chatclose is not running.
func (s *scenario) chatStillWorks(expectNoAction bool) {
	s.t.Helper()
	s.agent("join", nil)
	s.say("Still here, how can I help?")
	s.transcriptHas("Still here, how can I help?")
	s.typeAndSend("Where is my parcel?")
	s.waitCustomerMessages(1)
	if expectNoAction {
		s.waitDelivered(s.state("Finalizing"))
		if n := len(s.notices()); n != 0 {
			s.t.Errorf("%d notice(s) without chatclose running", n)
		}
		if n := len(s.customerLog().Deletes); n != 0 {
			s.t.Errorf("%d DELETE(s) without chatclose running", n)
		}
	}
}
