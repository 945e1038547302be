//go:build js && wasm

package main

import (
	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
)

// decide runs the decision on one batch and, when it says so, acts and tells the other tabs.
// It returns the decision.
func (a *app) decide(batch handler.Batch, source string) handler.Decision {
	defer a.syncWatching()
	d := a.decider.Decide(batch)
	a.decided(d, source)
	if !d.Act {
		return d
	}
	a.log.Debug(source + ": " + d.Message.State + " at index " + d.Message.Index.String())
	a.tellActed(d.Message)
	a.act(d, a.tab, false)
	return d
}

// onDigest decides on a batch the loader digested (bus.ServeDigests). It runs inside the
// module's export, where nothing may call JavaScript or wait, so it declines (handled false,
// nothing changed) what needs either: acting, which the decision declines itself, and, while
// the input is locked, a new segment, which unlocks it. Everything else costs no allocation
// (TestDigestPathAllocatesNothing).
func (a *app) onDigest(g handler.Digest) (handled, watching bool) {
	d, ok := a.decider.DecideDigest(g, a.locked())
	if !ok {
		return false, false
	}
	a.decided(d, "digest")
	return true, a.watching()
}

// decided does what every decision calls for before any action: remember the state change
// for getState, and start a new segment on activity or another state, which unlocks the input.
func (a *app) decided(d handler.Decision, source string) {
	a.noteStateChange(d)
	if d.Reason == handler.ReasonActivity || d.Reason == handler.ReasonOtherState {
		a.newSegment()
		a.unlock("activity", a.tab, true)
	}
	if !d.Act && a.log.Debugging() { // every batch passes here: build no message unless asked
		a.log.Debug(source + ": no action (" + d.Reason.String() + ")")
	}
}

// act carries out the configured action for decision d: here, or, when remote, on behalf of
// the tab actor that acted on it first.
func (a *app) act(d handler.Decision, actor string, remote bool) {
	cfg := a.config()
	action := cfg.Mode.Resolve(bus.AsyncEnabled())
	if a.inert() {
		action = handler.ActionNone // said once by the transport check
	}
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
		a.log.Debug(d.Message.State + " seen; no action (mode off, or a transport chatclose cannot serve)")
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
