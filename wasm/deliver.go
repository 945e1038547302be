//go:build js && wasm

package main

import (
	"errors"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// attempt is one action for one decision, with what it took so far to carry it out.
type attempt struct {
	action   handler.Action
	command  handler.Command
	text     string // the notice, for notify
	decision handler.Decision
	segment  int
	actor    string           // the tab that acted first
	remote   bool             // acting on another tab's behalf
	delivery handler.Delivery // the notice's way onto the page so far
	reshow   bool             // showing a notice again that WebChat's rebuilt window lost
}

// placed is a notice that was shown, and its element.
type placed struct {
	at      attempt
	element bus.Element
}

// send runs the attempt's command and handles the outcome in a goroutine.
func (a *app) send(at attempt) {
	result := a.plugin.Command(at.command.Name, at.command.Data, a.config().CommandTimeout)
	go a.settled(at, result)
}

// settled waits for the command and carries out what the delivery rules say next.
func (a *app) settled(at attempt, result <-chan bus.Result) {
	r := <-result
	if at.action != handler.ActionNotify {
		if r.Err != nil {
			a.failed(at, r.Err)
		} else {
			a.succeeded(at, bus.Element{})
		}
		return
	}
	selector := a.config().TranscriptSelector
	answer := handler.Failed
	if rejected, _ := find[*bus.RejectedError](r.Err); r.Err == nil {
		answer = handler.Resolved
	} else if rejected != nil && rejected.Reason == handler.RefusedNoSession {
		answer = handler.Refused
	}
	var el bus.Element
	if answer == handler.Resolved {
		el = bus.ElementFrom(r.Value)
	}
	page := handler.Page{Shown: bus.NoticeShown(selector, el), Returned: el.Valid(), WindowOpen: bus.Visible(selector)}
	step := at.delivery.Next(answer, page)
	if step != handler.StepDone && step != handler.StepFail && !a.current(at) {
		return // a new segment started meanwhile: a notice placed now would be stale
	}
	if step == handler.StepAttachReturned {
		a.log.Debug("WebChat resolved the notice but did not show it; chatclose attaches WebChat's element")
		err := bus.AttachNotice(selector, el, at.text)
		if err != nil {
			a.log.Debug("attaching WebChat's element failed: " + err.Error())
		}
		step = at.delivery.AfterAttach(err == nil && bus.NoticeShown(selector, el))
	}
	switch step {
	case handler.StepDone:
		a.succeeded(at, el)
	case handler.StepWaitForWindow:
		a.log.Debug("WebChat refused the notice while its window is closed; it is sent again when the window opens")
		a.mu.Lock()
		a.pending = &at
		a.mu.Unlock()
		a.syncWatching()
	case handler.StepShowOwn:
		a.showItself(at)
	default:
		a.failed(at, r.Err)
	}
}

// showItself puts the notice into the transcript as chatclose's own entry, as text.
func (a *app) showItself(at attempt) {
	el, err := bus.AppendNotice(a.config().TranscriptSelector, at.text)
	if err != nil {
		a.failed(at, errors.New("WebChat did not show the notice and it could not be shown otherwise: "+err.Error()))
		return
	}
	a.log.Debug("WebChat did not show the notice; chatclose showed it in the transcript itself")
	a.succeeded(at, el)
}

// onWindowOpened sends a refused notice again, now that WebChat's window is open. WebChat
// builds its window anew on every opening, from the messages it received, so a notice shown
// before it was closed is gone: it is shown again, without a second ChatClose.notified.
func (a *app) onWindowOpened(safejs.Value) {
	a.onWindowState(true)
	a.mu.Lock()
	at, shown := a.pending, a.shown
	a.pending = nil
	a.mu.Unlock()
	switch {
	case at != nil && a.current(*at):
		a.log.Debug("WebChat opened: sending the notice again")
		a.send(*at)
	case shown != nil && a.current(shown.at) && !bus.NoticeShown(a.config().TranscriptSelector, shown.element):
		a.log.Debug("WebChat opened without the notice: showing it again")
		again := shown.at
		again.reshow, again.delivery = true, handler.Delivery{}
		a.send(again)
	}
}

// succeeded records and announces a carried-out action; a notice may lock the input. A notice
// reads in its text's direction, whichever way it was placed. A notice
// shown again is neither recorded nor announced again: only its lock moves to it.
func (a *app) succeeded(at attempt, notice bus.Element) {
	if at.action == handler.ActionNotify {
		notice.SetDir(handler.Direction(at.text))
		a.mu.Lock()
		a.shown = &placed{at: at, element: notice}
		a.mu.Unlock()
	}
	if at.reshow {
		a.relock(notice)
		return
	}
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
