//go:build js && wasm

package main

import (
	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
)

// channelName is the cross-tab channel of every chatclose on this site; messages carry the
// chat session's id and are ignored by tabs of other sessions.
const channelName = "chatclose"

// Kinds of cross-tab messages.
const (
	tabActed    = "acted"    // a tab acted on a state change: {state, index, id, time}
	tabUnlocked = "unlocked" // a tab unlocked read-only mode: {reason}
)

// openTabs joins the cross-tab channel. Genesys Widgets do not keep tabs in step, and with
// the v3 transport a message may reach one tab only, so the tab that acts tells the others.
func (a *app) openTabs() {
	ch, err := bus.OpenChannel(channelName, a.log, a.onTabMessage)
	if err != nil {
		a.log.Debug("no cross-tab channel: " + err.Error())
		return
	}
	a.tabs = ch
}

// tell posts msg to the other tabs of this chat session. Nothing is posted before the
// session is known, and never more than the session's id: the client token stays out.
func (a *app) tell(msg map[string]any) {
	session := a.sessionID()
	if a.tabs == nil || session == "" {
		return
	}
	msg["session"] = session
	msg["tab"] = a.tab
	if err := a.tabs.Post(msg); err != nil {
		a.log.Debug(err.Error())
	}
}

func (a *app) tellActed(m handler.Message) {
	a.tell(map[string]any{"kind": tabActed, "state": m.State, "index": m.Index.String(), "id": m.ID, "time": m.UTCTime})
}

func (a *app) tellUnlocked(reason string) {
	a.tell(map[string]any{"kind": tabUnlocked, "reason": reason})
}

// onTabMessage follows another tab of the same chat: it shows the same notice (or ends, or
// locks) for a state change this tab has not acted on, and unlocks when that tab unlocked.
func (a *app) onTabMessage(msg map[string]any) {
	session := a.sessionID()
	if session == "" || text(msg, "session") != session {
		return
	}
	from := text(msg, "tab")
	switch text(msg, "kind") {
	case tabActed:
		m := handler.Message{
			Type:    "System",
			Event:   handler.EventInteractionStateChange,
			State:   text(msg, "state"),
			Index:   handler.ParseIndex(text(msg, "index")),
			ID:      text(msg, "id"),
			UTCTime: text(msg, "time"),
		}
		if m.State == "" || !a.decider.Adopt(m) {
			return
		}
		a.syncWatching()
		a.log.Debug("another tab acted on " + m.State + " at index " + m.Index.String())
		a.act(handler.Decision{Act: true, Reason: handler.ReasonFinal, Message: m}, from, true)
	case tabUnlocked:
		a.unlock("remote", from, false)
		a.syncWatching()
	}
}

// text reads a string field of a cross-tab message.
func text(msg map[string]any, key string) string {
	s, _ := msg[key].(string)
	return s
}
