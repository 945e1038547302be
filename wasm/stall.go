//go:build js && wasm

package main

import (
	"strconv"
	"sync"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
)

// Events and commands for the stalled poll loop.
const (
	eventChatEnded   = "WebChatService.ended"
	commandStartPoll = "WebChatService.startPoll"
)

// stallWatch is the page's watch on WebChatService's poll loop: the rule and the timer that
// checks it when a stall could first be due.
type stallWatch struct {
	mu    sync.Mutex
	rule  handler.PollWatch
	timer *time.Timer
}

// watchPolls starts watching the transport's polls for this page view. Without a
// PerformanceObserver chatclose cannot see them and only says so in debug output.
func (a *app) watchPolls() {
	if _, err := bus.WatchPolls(a.log, a.onPoll); err != nil {
		a.log.Debug("stalled polls cannot be noticed: " + err.Error())
	}
}

// onPoll records a poll the transport made. It runs in the observer's callback: no waiting.
func (a *app) onPoll(p bus.PollSeen) {
	a.stall.mu.Lock()
	recovered := a.stall.rule.Poll(p.At, p.Status)
	a.stall.mu.Unlock()
	if recovered {
		a.log.Debug("the chat's polls resumed")
	}
	a.armStallCheck()
}

// setChatOpen records whether a chat is open in this page view.
func (a *app) setChatOpen(open bool) {
	a.stall.mu.Lock()
	a.stall.rule.SetOpen(open)
	a.stall.mu.Unlock()
	a.armStallCheck()
}

// armStallCheck sets the timer for when a stall could first be due, or stops it when none can.
func (a *app) armStallCheck() {
	a.stall.mu.Lock()
	defer a.stall.mu.Unlock()
	if a.stall.timer != nil {
		a.stall.timer.Stop()
		a.stall.timer = nil
	}
	if due, ok := a.stall.rule.Due(); ok {
		a.stall.timer = time.AfterFunc(max(due-bus.Now(), 0), a.checkStall)
	}
}

// checkStall runs when a stall could be due; it acts once per stall.
func (a *app) checkStall() {
	a.stall.mu.Lock()
	stalled := a.stall.rule.Check(bus.Now())
	a.stall.mu.Unlock()
	if !stalled {
		a.armStallCheck()
		return
	}
	result := a.plugin.Command(commandStartPoll, map[string]any{}, a.config().CommandTimeout)
	go a.restarted(<-result)
}

// restarted reports a stall and the restart's outcome: one console warning and one
// ChatClose.error. The transport's loop had ended (its last poll failed and none followed),
// so startPoll starts one chain of polls, not a second one.
func (a *app) restarted(r bus.Result) {
	msg := "the chat's polls stopped: a poll failed with an HTTP error and no poll followed for " +
		strconv.Itoa(handler.StallGaps) + " poll intervals, so no chat message was arriving. "
	if r.Err != nil {
		msg += commandStartPoll + " failed: " + r.Err.Error()
	} else {
		msg += "chatclose restarted them with " + commandStartPoll + "."
	}
	a.log.Warn(msg)
	a.publish("error", map[string]any{"reason": "pollStalled", "message": msg, "tab": a.tab, "remote": false, "timeout": false})
}
