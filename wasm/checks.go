//go:build js && wasm

package main

import (
	"sync"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// Events the startup checks wait for.
const (
	eventAppReady     = "App.ready"      // Widgets have read their configuration and started
	eventWindowClosed = "WebChat.closed" // the chat window is gone (WebChat rebuilds it on open)
	dataWindowOpen    = "WebChat.open"   // bus data: true while the window is open (9.0.018.07; 9.0.017.00 has none)
	windowSelector    = ".cx-webchat"    // WebChat's window, whatever the site's templates
)

// checked is what the startup checks have found so far in this page view.
type checked struct {
	inert      bool            // the transport never sends state changes: chatclose does nothing
	open       bool            // the chat window is open now
	selectors  []handler.Check // the selector checks made when the window first opened
	appStarted bool            // App.ready was seen
}

// onAppReady runs the checks that need only the page's configuration, once Widgets have read
// it (App.ready is republished, so a late subscriber gets it at once): the transport, the
// WebChatService, contradictory options. Each problem is said once; an unsupported transport
// also makes chatclose do nothing.
func (a *app) onAppReady(safejs.Value) {
	a.mu.Lock()
	again := a.checked.appStarted
	a.checked.appStarted = true
	a.mu.Unlock()
	if again {
		return
	}
	transport := handler.TransportCheck(bus.ReadTransport())
	if !transport.OK {
		a.mu.Lock()
		a.checked.inert = true
		a.mu.Unlock()
	}
	service := a.plugin.ServiceFacts()
	inFlight := service.Listed && !service.Registered && service.Tried != ""
	checks := []handler.Check{transport, handler.OptionsCheck(a.config(), bus.AsyncEnabled())}
	if !inFlight {
		checks = append(checks, service.Check())
	}
	for _, c := range checks {
		a.warn(c)
	}
	if service.Listed && !service.Registered && service.PluginsFrom != "" && service.Tried == "" {
		// The split deployment: CXBus loads WebChatService when a chat starts. Once its file
		// has loaded, or failed to, it is there or it never will be.
		a.checkServiceOnceLoaded(false)
	}
	if inFlight {
		// CXBus added webchatservice.min.js, but the plugin has not registered: the file may
		// still be on its way (a module started early on a reload gets here while CXBus
		// fetches it), so the check waits for its load or error event. A file that had
		// already loaded without registering sends no event: the grace period says so then.
		a.checkServiceOnceLoaded(true)
	}
	// With lazy loading chatclose starts once the chat has, often after WebChat.opened.
	if a.plugin.DataTrue(dataWindowOpen) || bus.Visible(windowSelector) {
		a.onWindowState(true)
	}
}

// serviceLoadGrace is how long the WebChatService check waits for a webchatservice.min.js that
// CXBus had already added when the checks ran, before it says the plugin never registered.
const serviceLoadGrace = 10 * time.Second

// checkServiceOnceLoaded says the WebChatService check once CXBus's webchatservice.min.js has
// loaded or failed to load, or, with grace, after serviceLoadGrace at the latest: whichever
// comes first, once.
func (a *app) checkServiceOnceLoaded(grace bool) {
	var once sync.Once
	check := func() { once.Do(func() { a.warn(a.plugin.ServiceFacts().Check()) }) }
	if err := bus.WatchScriptLoad(a.log, bus.WebChatServiceFile, check); err != nil {
		a.log.Debug("cannot watch for WebChatService's file: " + err.Error())
	}
	if grace {
		time.AfterFunc(serviceLoadGrace, check)
	}
}

// onWindowState notes whether the chat window is open; the first time it opens, the selector
// options are checked against it.
func (a *app) onWindowState(open bool) {
	a.mu.Lock()
	a.checked.open = open
	first := open && a.checked.selectors == nil
	a.mu.Unlock()
	if !first {
		return
	}
	checks := a.selectorChecks(true)
	a.mu.Lock()
	a.checked.selectors = checks
	a.mu.Unlock()
	for _, c := range checks {
		a.warn(c)
	}
}

// selectorChecks checks the selector options against the page; opened says whether the chat
// window is there to match.
func (a *app) selectorChecks(opened bool) []handler.Check {
	cfg := a.config()
	return []handler.Check{
		handler.InputSelectorCheck(bus.SelectorFacts(cfg.InputSelector, opened), cfg.ReadOnly),
		handler.TranscriptSelectorCheck(bus.SelectorFacts(cfg.TranscriptSelector, opened)),
	}
}

// warn says a failed check on the console, once per check.
func (a *app) warn(c handler.Check) {
	if !c.OK {
		a.log.WarnOnce("check:"+c.Name, c.Warning())
	}
}

// inert reports whether the startup checks found a transport chatclose cannot serve.
func (a *app) inert() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.checked.inert
}

// diagnose resolves ChatClose.diagnose with every check as the page is now, each as
// {name, ok, found, fix}: a list console.table shows as a table. The selectors are checked now
// when the chat window is open, as they were when it first opened when it is closed now, and
// not at all before it ever opened.
func (a *app) diagnose(req bus.Request) {
	a.mu.Lock()
	open, selectors := a.checked.open, a.checked.selectors
	a.mu.Unlock()
	if open || selectors == nil {
		selectors = a.selectorChecks(open)
	}
	checks := append([]handler.Check{
		handler.TransportCheck(bus.ReadTransport()),
		a.plugin.ServiceFacts().Check(),
	}, selectors...)
	checks = append(checks, handler.OptionsCheck(a.config(), bus.AsyncEnabled()))
	out := make([]any, len(checks))
	for i, c := range checks {
		out[i] = c.Map()
	}
	req.Resolve(out)
}
