//go:build js && wasm

package main

import (
	"strings"

	"github.com/chatclose/chatclose/bus"
)

// serveCommands answers ChatClose.getState, ChatClose.configure and ChatClose.diagnose. With the loader, which
// registered them on CXBus from the first moment, the handlers are handed to it; otherwise
// they are registered here.
func (a *app) serveCommands(loader *bus.Loader) {
	commands := map[string]bus.RequestHandler{"getState": a.getState, "configure": a.configure, "diagnose": a.diagnose}
	for name, h := range commands {
		var err error
		if loader != nil {
			err = loader.Serve(name, a.log, h)
		} else {
			err = a.plugin.RegisterCommand(name, h)
		}
		if err != nil {
			a.log.Error(err.Error())
		}
	}
	if loader == nil {
		if err := a.plugin.Ready(); err != nil {
			a.log.Error(err.Error())
		}
	}
}

// getState resolves with chatclose's state: configuration in force, readiness, the last
// state change seen and what was done.
func (a *app) getState(req bus.Request) { req.Resolve(a.snapshot()) }

// configure changes options at run time. Every option is checked first; if any is bad the
// command is rejected with all the reasons and nothing changes. It resolves with the new state.
func (a *app) configure(req bus.Request) {
	raw, ok := bus.ToGo(req.Data).(map[string]any)
	if !ok {
		req.Reject("chatclose: configure takes an object of options, like {mode: 'notify'}")
		return
	}
	for _, name := range []string{"load", "busTimeout"} {
		if _, given := raw[name]; given {
			req.Reject("chatclose: configure rejected, nothing changed: " + name + " only works in _genesys.widgets.chatclose, before the page loads")
			return
		}
	}
	next, errs := a.config().With(raw)
	if len(errs) > 0 {
		reasons := make([]string, len(errs))
		for i, err := range errs {
			reasons[i] = err.Error()
		}
		req.Reject("chatclose: configure rejected, nothing changed: " + strings.Join(reasons, "; "))
		return
	}
	a.mu.Lock()
	a.cfg = next
	a.mu.Unlock()
	a.decider.SetStates(next.States)
	a.log.SetDebug(next.Debug)
	if !next.ReadOnly {
		a.unlock("configure", a.tab, true)
	}
	req.Resolve(a.snapshot())
}
