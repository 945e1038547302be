//go:build js && wasm

package main

import (
	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
)

// decide runs the decision on one batch and, when it says so, acts and tells the other tabs.
func (a *app) decide(batch handler.Batch, source string) {
	defer a.syncWatching()
	d := a.decider.Decide(batch)
	a.noteStateChange(d)
	if d.Reason == handler.ReasonActivity || d.Reason == handler.ReasonOtherState {
		a.newSegment()
		a.unlock("activity", a.tab, true)
	}
	if !d.Act {
		if a.log.Debugging() { // every batch passes here: build no message unless asked
			a.log.Debug(source + ": no action (" + d.Reason.String() + ")")
		}
		return
	}
	a.log.Debug(source + ": " + d.Message.State + " at index " + d.Message.Index.String())
	a.tellActed(d.Message)
	a.act(d, a.tab, false)
}

// act carries out the configured action for decision d: here, or, when remote, on behalf of
// the tab actor that acted on it first.
func (a *app) act(d handler.Decision, actor string, remote bool) {
	cfg := a.config()
	action := cfg.Mode.Resolve(bus.AsyncEnabled())
	a.mu.Lock()
	a.pending, a.shown = nil, nil
	at := attempt{action: action, decision: d, segment: a.segment, actor: actor, remote: remote}
	a.mu.Unlock()
	switch action {
	case handler.ActionNotify:
		at.text = cfg.Texts(bus.Lang()).Notice
		at.command = handler.NoticeCommand(at.text)
	case handler.ActionEnd:
		at.command = handler.EndCommand()
	default:
		a.record(at, "none")
		a.log.Debug(d.Message.State + " seen; mode is off")
		return
	}
	a.send(at)
}

// newSegment notes that a new segment started and drops any notice still waiting.
func (a *app) newSegment() {
	a.mu.Lock()
	a.segment++
	a.pending, a.shown = nil, nil
	a.mu.Unlock()
}

// current reports whether at still belongs to the segment in progress.
func (a *app) current(at attempt) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return at.segment == a.segment
}
