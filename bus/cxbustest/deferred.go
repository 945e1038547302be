//go:build js && wasm

package cxbustest

import (
	"sync"

	"github.com/hack-pad/safejs"
)

// deferred is CXBus's own Deferred: promise has done/fail/always (chaining, synchronous once
// settled), then (registers, returns undefined) and state; controls has resolve/reject, as
// handed to command handlers in e.deferred.
type deferred struct {
	mu       sync.Mutex
	state    string // "pending", "resolved", "rejected"
	value    safejs.Value
	onDone   []safejs.Value
	onFail   []safejs.Value
	promise  safejs.Value
	controls safejs.Value
}

func (b *Bus) newDeferred() *deferred {
	d := &deferred{state: "pending", value: safejs.Undefined(), promise: newObject(), controls: newObject()}
	add := func(resolved bool) func(args []safejs.Value) any {
		return func(args []safejs.Value) any {
			d.add(resolved, arg(args, 0))
			return d.promise
		}
	}
	b.set(d.promise, "done", add(true))
	b.set(d.promise, "fail", add(false))
	b.set(d.promise, "always", func(args []safejs.Value) any {
		d.add(true, arg(args, 0))
		d.add(false, arg(args, 0))
		return d.promise
	})
	b.set(d.promise, "then", func(args []safejs.Value) any {
		d.add(true, arg(args, 0))
		d.add(false, arg(args, 1))
		return safejs.Undefined()
	})
	b.set(d.promise, "state", func([]safejs.Value) any {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.state
	})
	b.set(d.promise, "promise", func([]safejs.Value) any { return d.promise })
	b.set(d.controls, "resolve", func(args []safejs.Value) any { d.settle(true, arg(args, 0)); return nil })
	b.set(d.controls, "reject", func(args []safejs.Value) any { d.settle(false, arg(args, 0)); return nil })
	return d
}

// add registers cb for the resolved or rejected outcome, calling it at once when the
// deferred has already settled that way. Non-functions are ignored.
func (d *deferred) add(resolved bool, cb safejs.Value) {
	if cb.Type() != safejs.TypeFunction {
		return
	}
	d.mu.Lock()
	switch {
	case d.state == "pending" && resolved:
		d.onDone = append(d.onDone, cb)
	case d.state == "pending":
		d.onFail = append(d.onFail, cb)
	case (d.state == "resolved") == resolved:
		value := d.value
		d.mu.Unlock()
		_, _ = cb.Invoke(value)
		return
	}
	d.mu.Unlock()
}

// settle resolves or rejects once, calling the registered callbacks in order.
func (d *deferred) settle(resolved bool, value any) {
	v, isValue := value.(safejs.Value)
	if !isValue {
		var err error
		if v, err = safejs.ValueOf(value); err != nil {
			v = safejs.Undefined()
		}
	}
	d.mu.Lock()
	if d.state != "pending" {
		d.mu.Unlock()
		return
	}
	callbacks := d.onFail
	d.state = "rejected"
	if resolved {
		callbacks = d.onDone
		d.state = "resolved"
	}
	d.value = v
	d.onDone, d.onFail = nil, nil
	d.mu.Unlock()
	for _, cb := range callbacks {
		_, _ = cb.Invoke(v)
	}
}
