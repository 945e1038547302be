//go:build js && wasm

package main

import (
	"errors"
	"sync"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// Version is chatclose's version, reported in ChatClose.ready.
const Version = "0.1.0"

// Event names chatclose subscribes to.
const (
	eventMessages     = "WebChatService.messageReceived"
	eventServiceReady = "WebChatService.ready"
	eventWindowOpened = "WebChat.opened"
	commandTranscript = "WebChatService.getTranscript"
)

// refusedNoSession is WebChat's answer to injectMessage while its window is closed or no
// chat session is shown in it yet (facts sheet, section 3.3). After a reload, Widgets
// publish the restored history before WebChat reopens its window, so the first try of a
// notice is often refused this way.
const refusedNoSession = "No chat session to inject into."

// app is one running chatclose: its configuration, the decisions of this page view and its
// connection to CXBus.
type app struct {
	cfg     handler.Config
	log     *bus.Logger
	decider *handler.Decider
	plugin  *bus.Plugin

	mu      sync.Mutex
	segment int      // counts segments seen to start; a refused notice is kept only for its own
	pending *attempt // a notice WebChat refused, sent again when its window opens
}

// attempt is one sending of an action's command, remembered so a refused notice can be sent again.
type attempt struct {
	command  handler.Command
	decision handler.Decision
	segment  int
}

// startApp reads the configuration and connects in the background, so main can park at once.
func startApp() *app {
	log := bus.NewLogger(false)
	cfg, errs := handler.ParseConfig(bus.ReadOptions())
	for _, err := range errs {
		log.Error(err.Error())
	}
	log.SetDebug(cfg.Debug)
	a := &app{cfg: cfg, log: log, decider: handler.NewDecider(cfg.States)}
	go a.connect()
	return a
}

// connect joins CXBus: through the loader's plugin when chatclose.js started this program,
// otherwise by waiting for window.CXBus and registering the plugin itself.
func (a *app) connect() {
	loader, fromLoader := bus.FindLoader()
	var err error
	if fromLoader {
		a.plugin, err = loader.Plugin(a.log)
	} else {
		a.plugin, err = a.register()
	}
	if err != nil {
		a.log.Error(err.Error())
		return
	}
	if fromLoader {
		// The loader's subscriber has kept every event so far; swap it for ours and take
		// the kept events over in the same turn, so none is lost or seen twice.
		if err := a.plugin.Unsubscribe(eventMessages); err != nil {
			a.log.Error(err.Error())
			return
		}
	}
	sub, err := a.plugin.Subscribe(eventMessages, a.onMessages)
	if err != nil {
		a.log.Error(err.Error())
		return
	}
	if fromLoader {
		if err := loader.Attach(sub.Func()); err != nil {
			a.log.Error(err.Error())
		}
	}
	for event, handle := range map[string]bus.Handler{eventServiceReady: a.onServiceReady, eventWindowOpened: a.onWindowOpened} {
		if _, err := a.plugin.Subscribe(event, handle); err != nil {
			a.log.Error(err.Error())
		}
	}
	mode := string(a.cfg.Mode)
	if err := a.plugin.Republish("ready", map[string]any{"version": Version, "mode": mode}); err != nil {
		a.log.Error(err.Error())
	}
	a.log.Debug("ready (mode " + mode + ")")
}

func (a *app) register() (*bus.Plugin, error) {
	cx, err := bus.FindCXBus(a.cfg.BusTimeout)
	if err != nil {
		return nil, err
	}
	return bus.Register(cx, bus.PluginName, a.log)
}

// onMessages decides on one messageReceived batch. It runs inside a CXBus callback: it
// sends at most one command and leaves the waiting to a goroutine.
func (a *app) onMessages(event safejs.Value) {
	batch, err := bus.ReadBatch(event)
	if err != nil {
		a.log.Debug("ignored a messageReceived event: " + err.Error())
		return
	}
	a.decide(batch, "messageReceived")
}

// onServiceReady catches up once WebChatService is ready: messageReceived is not replayed to
// late subscribers, so a state change published before chatclose subscribed is found in the
// transcript the service has kept for this page.
func (a *app) onServiceReady(safejs.Value) {
	result := a.plugin.Command(commandTranscript, map[string]any{}, a.cfg.CommandTimeout)
	go func() {
		r := <-result
		if r.Err != nil {
			a.log.Debug("no transcript to catch up from: " + r.Err.Error())
			return
		}
		batch, err := bus.ReadBatchData(r.Value)
		if err != nil {
			a.log.Debug("no transcript to catch up from: " + err.Error())
			return
		}
		a.decide(batch, "transcript")
	}()
}

// decide runs the decision and, when it says so, the configured action.
func (a *app) decide(batch handler.Batch, source string) {
	d := a.decider.Decide(batch)
	if d.Reason == handler.ReasonActivity || d.Reason == handler.ReasonOtherState {
		a.newSegment() // a notice still waiting would be stale
	}
	if !d.Act {
		a.log.Debug(source + ": no action (" + d.Reason.String() + ")")
		return
	}
	action := a.cfg.Mode.Resolve(bus.AsyncEnabled())
	cmd, ok := a.cfg.Command(action)
	if !ok {
		a.log.Debug(source + ": " + d.Message.State + " seen; mode is off")
		return
	}
	a.log.Debug(source + ": " + d.Message.State + " at index " + d.Message.Index.String() + ": " + action.String())
	a.mu.Lock()
	a.pending = nil
	segment := a.segment
	a.mu.Unlock()
	a.send(action, attempt{command: cmd, decision: d, segment: segment})
}

// send runs the action's command and reports its outcome from a goroutine.
func (a *app) send(action handler.Action, p attempt) {
	result := a.plugin.Command(p.command.Name, p.command.Data, a.cfg.CommandTimeout)
	go a.report(action, p, result)
}

// newSegment notes that a new segment started and drops any notice still waiting.
func (a *app) newSegment() {
	a.mu.Lock()
	a.segment++
	a.pending = nil
	a.mu.Unlock()
}

// keepRefused keeps a refused notice for when the window opens, unless its segment is over.
func (a *app) keepRefused(p attempt) {
	a.mu.Lock()
	if p.segment == a.segment {
		a.pending = &p
	}
	a.mu.Unlock()
}

// onWindowOpened sends a refused notice again, now that WebChat's window is open.
func (a *app) onWindowOpened(safejs.Value) {
	a.mu.Lock()
	p := a.pending
	a.pending = nil
	a.mu.Unlock()
	if p != nil {
		a.log.Debug("WebChat opened: sending the notice again")
		a.send(handler.ActionNotify, *p)
	}
}

// report waits for the action's command and publishes the outcome on the bus. A notice that
// WebChat refused because no session is shown yet is kept for when its window opens.
func (a *app) report(action handler.Action, p attempt, result <-chan bus.Result) {
	r := <-result
	d := p.decision
	details := map[string]any{"state": d.Message.State, "index": d.Message.Index.String()}
	var rejected *bus.RejectedError
	if action == handler.ActionNotify && errors.As(r.Err, &rejected) && rejected.Reason == refusedNoSession {
		a.log.Debug("WebChat refused the notice for now (" + rejected.Reason + "); it is sent again when the chat window opens")
		a.keepRefused(p)
		return
	}
	if r.Err != nil {
		a.log.Error(r.Err.Error())
		details["message"] = r.Err.Error()
		var timeout *bus.TimeoutError
		details["timeout"] = errors.As(r.Err, &timeout)
		a.publish("error", details)
		return
	}
	event := "notified"
	if action == handler.ActionEnd {
		event = "ended"
	}
	a.publish(event, details)
}

func (a *app) publish(event string, data map[string]any) {
	if err := a.plugin.Publish(event, data); err != nil {
		a.log.Error(err.Error())
	}
}
