//go:build js && wasm

package cxbustest

import (
	"strings"
	"time"

	"github.com/hack-pad/safejs"
)

// register makes a plugin interface for name; ok is false when the name is taken.
func (b *Bus) register(name string) (*plugin, bool) {
	b.mu.Lock()
	if _, taken := b.plugins[name]; taken {
		b.mu.Unlock()
		return nil, false
	}
	p := &plugin{name: name, commands: map[string]func(string, safejs.Value, *deferred){}}
	b.plugins[name] = p
	b.mu.Unlock()

	p.iface = newObject()
	b.set(p.iface, "subscribe", func(args []safejs.Value) any {
		event, _ := arg(args, 0).String()
		cb := arg(args, 1)
		if cb.Type() != safejs.TypeFunction {
			return false
		}
		b.mu.Lock()
		b.subs[event] = append(b.subs[event], subscriber{plugin: name, fn: cb})
		stored, replay := b.stored[event]
		b.mu.Unlock()
		if replay {
			b.later(func() { _, _ = cb.Invoke(stored) })
		}
		return event
	})
	b.set(p.iface, "unsubscribe", func(args []safejs.Value) any {
		event, _ := arg(args, 0).String()
		b.mu.Lock()
		defer b.mu.Unlock()
		kept := b.subs[event][:0:0]
		removed := false
		for _, s := range b.subs[event] {
			if s.plugin == name {
				removed = true
				continue
			}
			kept = append(kept, s)
		}
		b.subs[event] = kept
		return removed
	})
	b.set(p.iface, "publish", func(args []safejs.Value) any {
		event, _ := arg(args, 0).String()
		b.publish(name, name+"."+event, arg(args, 1), false)
		return true
	})
	b.set(p.iface, "republish", func(args []safejs.Value) any {
		event, _ := arg(args, 0).String()
		b.publish(name, name+"."+event, arg(args, 1), true)
		return true
	})
	b.set(p.iface, "registerCommand", func(args []safejs.Value) any {
		command, _ := arg(args, 0).String()
		handler := arg(args, 1)
		b.mu.Lock()
		p.commands[command] = func(commander string, data safejs.Value, d *deferred) {
			e := newObject()
			must(e.Set("time", time.Now().UnixMilli()))
			must(e.Set("commander", commander))
			must(e.Set("command", name+"."+command))
			must(e.Set("data", data))
			must(e.Set("deferred", d.controls))
			_, _ = handler.Invoke(e)
		}
		b.mu.Unlock()
		return true
	})
	b.set(p.iface, "before", func(args []safejs.Value) any {
		command, _ := arg(args, 0).String()
		hook := arg(args, 1)
		if hook.Type() != safejs.TypeFunction {
			return false
		}
		b.mu.Lock()
		b.before[command] = append(b.before[command], hook)
		b.mu.Unlock()
		return true
	})
	b.set(p.iface, "ready", func([]safejs.Value) any {
		b.makeReady(p)
		return true
	})
	b.set(p.iface, "command", func(args []safejs.Value) any {
		full, _ := arg(args, 0).String()
		return b.command(name, full, arg(args, 1)).promise
	})
	return p, true
}

func (b *Bus) makeReady(p *plugin) {
	b.mu.Lock()
	p.ready = true
	waiting := p.waiting
	p.waiting = nil
	b.mu.Unlock()
	for _, run := range waiting {
		b.later(run)
	}
}

// command routes one command as CXBus does.
func (b *Bus) command(commander, full string, data safejs.Value) *deferred {
	d := b.newDeferred()
	if data.Type() == safejs.TypeUndefined {
		data = newObject()
	}
	b.mu.Lock()
	b.sent = append(b.sent, Sent{Commander: commander, Command: full, Data: data})
	target, command, _ := strings.Cut(full, ".")
	p := b.plugins[target]
	b.mu.Unlock()
	b.mu.Lock()
	hooks := append([]safejs.Value(nil), b.before[full]...)
	b.mu.Unlock()
	for _, hook := range hooks { // before hooks run inside command(); false or a non-object cancels
		if data.Type() != safejs.TypeObject {
			break
		}
		out, err := hook.Invoke(data)
		if err != nil {
			out = safejs.Undefined()
		}
		data = out
	}
	if data.Type() != safejs.TypeObject {
		b.later(func() { d.settle(false, "Command was cancelled by a 'before' function.") })
		return d
	}
	if p == nil {
		b.later(func() {
			d.settle(false, "Could not load plugin file in given location: "+strings.ToLower(target)+".min.js")
		})
		return d
	}
	run := func() {
		b.mu.Lock()
		handler := p.commands[command]
		b.mu.Unlock()
		if handler != nil { // an unknown command never settles
			handler(commander, data, d)
		}
	}
	b.mu.Lock()
	ready := p.ready
	if !ready {
		p.waiting = append(p.waiting, run)
	}
	b.mu.Unlock()
	if ready {
		b.later(run)
	}
	return d
}

// publish delivers {time, publisher, event, data} to each current subscriber in a task of
// its own; the subscribers are chosen now, as CXBus does.
func (b *Bus) publish(publisher, full string, data safejs.Value, keep bool) {
	if data.Type() == safejs.TypeUndefined || data.Type() == safejs.TypeNull {
		data = newObject()
	}
	envelope := newObject()
	must(envelope.Set("time", time.Now().UnixMilli()))
	must(envelope.Set("publisher", publisher))
	must(envelope.Set("event", full))
	must(envelope.Set("data", data))
	b.mu.Lock()
	subs := append([]subscriber(nil), b.subs[full]...)
	if keep {
		b.stored[full] = envelope
	}
	b.mu.Unlock()
	for _, s := range subs {
		fn := s.fn
		b.later(func() { _, _ = fn.Invoke(envelope) })
	}
}
