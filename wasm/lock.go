//go:build js && wasm

package main

import (
	"time"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// lock is read-only mode's hold on the input box after a notice.
type lock struct {
	control *bus.Control // "I have another question", under the notice
}

// lockAfter locks the input after a notice when read-only mode is on: sends are cancelled
// (see beforeSend), the input box is disabled with a visible explanation, and a control under
// the notice lets the customer write again. Screen readers hear the lock's explanation once.
func (a *app) lockAfter(at attempt, notice bus.Element) {
	cfg := a.config()
	if !cfg.ReadOnly {
		return
	}
	texts := cfg.Texts(bus.Lang())
	a.mu.Lock()
	already := a.lock != nil
	a.mu.Unlock()
	if already {
		return
	}
	control, err := notice.AddControl(texts.Unlock, handler.Direction(texts.Unlock), a.log, func() { a.unlock("control", a.tab, true) })
	if err != nil {
		a.log.Error("read-only mode cannot offer the customer a way to write again, so it does not lock: " + err.Error())
		return
	}
	if _, err := bus.LockInputs(cfg.InputSelector, texts.Locked, handler.Direction(texts.Locked)); err != nil {
		a.log.Error("read-only mode could not disable the input box: " + err.Error())
	}
	bus.Announce(texts.Locked)
	notice.Reveal()
	a.mu.Lock()
	a.lock = &lock{control: control}
	a.mu.Unlock()
	a.publish("locked", a.details(at))
}

// relock moves read-only mode's hold to a notice shown again in WebChat's rebuilt window: a new
// control under it, and the new input box locked.
func (a *app) relock(notice bus.Element) {
	a.mu.Lock()
	l := a.lock
	cfg := a.cfg
	a.mu.Unlock()
	if l == nil {
		return
	}
	texts := cfg.Texts(bus.Lang())
	control, err := notice.AddControl(texts.Unlock, handler.Direction(texts.Unlock), a.log, func() { a.unlock("control", a.tab, true) })
	if err != nil {
		a.log.Error("read-only mode lost its control when WebChat rebuilt its window, so it unlocks: " + err.Error())
		a.unlock("control", a.tab, true)
		return
	}
	a.mu.Lock()
	old := l.control
	l.control = control
	a.mu.Unlock()
	old.Remove()
	if _, err := bus.LockInputs(cfg.InputSelector, texts.Locked, handler.Direction(texts.Locked)); err != nil {
		a.log.Error("read-only mode could not disable the input box: " + err.Error())
	}
	notice.Reveal()
}

// unlock lets the customer write again: after the control, a new segment, a new chat, another
// tab's unlock, or a configure that turned read-only mode off. With tell, the other tabs of the
// chat unlock too. After the control, the focus moves into the input box: the customer who
// pressed it (with a mouse, Enter or Space) writes at once, and a screen reader announces the
// box, writable again.
func (a *app) unlock(reason, actor string, tell bool) {
	a.mu.Lock()
	l := a.lock
	a.lock = nil
	selector := a.cfg.InputSelector
	a.mu.Unlock()
	if l == nil {
		return
	}
	l.control.Remove()
	if _, err := bus.UnlockInputs(selector); err != nil {
		a.log.Error("could not enable the input box again: " + err.Error())
	}
	if reason == "control" && actor == a.tab {
		if err := bus.FocusInput(selector); err != nil {
			a.log.Debug("could not move the focus into the input box: " + err.Error())
		}
	}
	a.publish("unlocked", map[string]any{"reason": reason, "tab": actor, "remote": actor != a.tab})
	if tell {
		a.tellUnlocked(reason)
	}
	a.syncWatching()
}

func (a *app) locked() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lock != nil
}

// beforeSend is the before hook on WebChatService.sendMessage, the command WebChat sends
// with: while locked it cancels the send, and puts the customer's text back in the box
// (WebChat clears the box whatever happens).
func (a *app) beforeSend(data safejs.Value) bool {
	if !a.locked() {
		return true
	}
	text := bus.Field(data, "message")
	selector := a.config().InputSelector
	if text != "" {
		time.AfterFunc(20*time.Millisecond, func() {
			if err := bus.SetInputText(selector, text); err != nil {
				a.log.Debug("could not put the cancelled text back: " + err.Error())
			}
		})
	}
	a.log.Debug("read-only: a send was cancelled")
	return false
}
