//go:build js && wasm

package main

import (
	"errors"
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// refusedNoSession is WebChat's answer to injectMessage while its window is closed, or when
// this page view has not seen the customer join (facts sheet, sections 3.3 and 9).
const refusedNoSession = "No chat session to inject into."

// maxHistoryPages bounds how many older history pages chatclose asks for, one by one, to let
// WebChat see the customer's join after a restore; then it shows the notice itself.
const maxHistoryPages = 5

// historyWait is how long chatclose waits for a requested history page to arrive.
const historyWait = 2 * time.Second

// attempt is one action for one decision, with what it took so far to carry it out.
type attempt struct {
	action   handler.Action
	command  handler.Command
	text     string // the notice, for notify
	decision handler.Decision
	segment  int
	actor    string // the tab that acted first
	remote   bool   // acting on another tab's behalf
	pages    int    // history pages requested for it
}

// send runs the attempt's command and handles the outcome in a goroutine.
func (a *app) send(at attempt) {
	result := a.plugin.Command(at.command.Name, at.command.Data, a.config().CommandTimeout)
	go a.settled(at, result)
}

// settled waits for the command and reports, retries or falls back.
func (a *app) settled(at attempt, result <-chan bus.Result) {
	r := <-result
	rejected, _ := find[*bus.RejectedError](r.Err)
	switch {
	case r.Err == nil:
		a.succeeded(at, bus.ElementFrom(r.Value))
	case at.action == handler.ActionNotify && rejected != nil && rejected.Reason == refusedNoSession:
		a.refused(at)
	default:
		a.failed(at, r.Err)
	}
}

// refused handles WebChat refusing the notice. With its window closed (after a reload
// Widgets publish the restored history before WebChat reopens it), the notice waits for
// WebChat.opened. With the window open, WebChat refuses because this page view never saw the
// customer join: older history pages are asked for, so WebChat sees the join, and when that
// does not help chatclose shows the notice itself.
func (a *app) refused(at attempt) {
	if !a.current(at) {
		return
	}
	cfg := a.config()
	if !bus.Visible(cfg.TranscriptSelector) {
		a.log.Debug("WebChat refused the notice while its window is closed; it is sent again when the window opens")
		a.mu.Lock()
		a.pending = &at
		a.mu.Unlock()
		return
	}
	if bus.AsyncEnabled() && at.pages < maxHistoryPages {
		at.pages++
		a.log.Debug("WebChat refused the notice with its window open; asking for older history")
		a.mu.Lock()
		a.awaiting = &at
		a.mu.Unlock()
		result := a.plugin.Command(commandHistory, map[string]any{}, cfg.CommandTimeout)
		go func() {
			r := <-result
			if r.Err == nil {
				time.Sleep(historyWait)
			}
			if late := a.takeAwaiting(); late != nil {
				a.showItself(*late) // no (more) history came
			}
		}()
		return
	}
	a.showItself(at)
}

// historyArrived sends a notice that was waiting for a history page again. The command runs
// after WebChat has handled the page, since CXBus queued WebChat's subscriber first.
func (a *app) historyArrived() {
	if at := a.takeAwaiting(); at != nil {
		a.send(*at)
	}
}

func (a *app) takeAwaiting() *attempt {
	a.mu.Lock()
	defer a.mu.Unlock()
	at := a.awaiting
	a.awaiting = nil
	return at
}

// showItself puts the notice into the transcript as chatclose's own entry, as text.
func (a *app) showItself(at attempt) {
	if !a.current(at) {
		return
	}
	el, err := bus.AppendNotice(a.config().TranscriptSelector, at.text)
	if err != nil {
		a.failed(at, errors.New("WebChat refused the notice and it could not be shown otherwise: "+err.Error()))
		return
	}
	a.log.Debug("WebChat refused the notice; chatclose showed it in the transcript itself")
	a.succeeded(at, el)
}

// onWindowOpened sends a refused notice again, now that WebChat's window is open.
func (a *app) onWindowOpened(safejs.Value) {
	a.mu.Lock()
	at := a.pending
	a.pending = nil
	a.mu.Unlock()
	if at != nil && a.current(*at) {
		a.log.Debug("WebChat opened: sending the notice again")
		a.send(*at)
	}
}

// succeeded records and announces a carried-out action; a notice may lock the input.
func (a *app) succeeded(at attempt, notice bus.Element) {
	event := "notified"
	if at.action == handler.ActionEnd {
		event = "ended"
	}
	a.record(at, at.action.String())
	a.publish(event, a.details(at))
	if at.action == handler.ActionNotify {
		a.lockAfter(at, notice)
	}
}

// failed reports an action that could not be carried out.
func (a *app) failed(at attempt, err error) {
	a.log.Error(err.Error())
	details := a.details(at)
	details["message"] = err.Error()
	_, details["timeout"] = find[*bus.TimeoutError](err)
	a.publish("error", details)
}

// find returns the first error of type E in err's chain. It does what errors.As does for a
// concrete type, without errors.As's reflection, which costs the module about 5 KB brotli.
func find[E error](err error) (E, bool) {
	for err != nil {
		if e, ok := err.(E); ok {
			return e, true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			break
		}
		err = u.Unwrap()
	}
	var zero E
	return zero, false
}
