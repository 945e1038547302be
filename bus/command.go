//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"time"
)

// Result is how a CXBus command settled.
type Result struct {
	// Value is the first argument the command resolved with (undefined when it failed).
	Value safejs.Value
	// Err is nil when the command resolved; otherwise a *RejectedError, a *TimeoutError, or
	// an error from calling CXBus.
	Err error
}

// RejectedError is a command that CXBus or its target plugin rejected.
type RejectedError struct {
	// Command is the command's full name, e.g. "WebChat.injectMessage".
	Command string
	// Reason is the rejection value as text, e.g. "No chat session to inject into.".
	Reason string
}

// Error names the command and the reason.
func (e *RejectedError) Error() string { return e.Command + " was rejected: " + e.Reason }

// TimeoutError is a command that did not settle in time. CXBus never settles a command that
// its target plugin does not have, so a misspelled command ends here.
type TimeoutError struct {
	// Command is the command's full name.
	Command string
	// After is the timeout that ran out.
	After time.Duration
}

// Error names the command and the timeout.
func (e *TimeoutError) Error() string {
	return e.Command + " did not settle within " + e.After.String() + " (does the plugin have that command?)"
}

// Command sends a CXBus command through the plugin interface and returns at once; the
// result arrives on the returned channel exactly once: when the command resolves or rejects,
// or with a *TimeoutError after timeout. data may hold only values JavaScript can take (see
// safejs.ValueOf): build it from strings, numbers, bools, map[string]any and []any.
//
// CXBus returns its own Deferred, whose then registers callbacks but returns undefined; done
// and fail are used when present, then otherwise, so a standard Promise works as well.
//
// Command never blocks, so it may be called from a JavaScript callback; receiving from the
// channel does block, so do that in a goroutine.
func (p *Plugin) Command(name string, data map[string]any, timeout time.Duration) <-chan Result {
	cmd := p.results.start(name, timeout)
	promise, err := invokeMethod(p.iface, "command", name, data)
	if err != nil {
		p.results.finish(cmd.id, Result{Err: wrap("calling "+name, err)})
		return cmd.ch
	}
	if err := cmd.attach(promise); err != nil {
		p.results.finish(cmd.id, Result{Err: wrap(name, err)})
	}
	return cmd.ch
}

// attach registers the command's settlement functions on what command() returned.
func (c *pendingCommand) attach(promise safejs.Value) error {
	if !isObject(promise) {
		return errors.New("CXBus returned " + promise.Type().String() + " instead of a promise")
	}
	done, errDone := read(promise, "done")
	fail, errFail := read(promise, "fail")
	if errDone == nil && errFail == nil && done.Type() == safejs.TypeFunction && fail.Type() == safejs.TypeFunction {
		if _, err := invokeMethod(promise, "done", c.onDone); err != nil {
			return err
		}
		_, err := invokeMethod(promise, "fail", c.onFail)
		return err
	}
	then, err := read(promise, "then")
	if err != nil || then.Type() != safejs.TypeFunction {
		return errors.New("CXBus returned an object with neither done/fail nor then")
	}
	_, err = invokeMethod(promise, "then", c.onDone, c.onFail)
	return err
}

// rejectionText turns a rejection value into text without calling user code.
func rejectionText(v safejs.Value) string {
	switch v.Type() {
	case safejs.TypeString:
		return stringOf(v)
	case safejs.TypeObject:
		if msg := readString(v, "message"); msg != "" {
			return msg
		}
		return "an object with no message"
	case safejs.TypeUndefined:
		return "no reason given"
	default:
		return "a " + v.Type().String()
	}
}
