//go:build js && wasm

package cxbustest

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// Bus is a fake CXBus installed as window.CXBus.
type Bus struct {
	mu       sync.Mutex
	obj      safejs.Value
	plugins  map[string]*plugin
	subs     map[string][]subscriber
	stored   map[string]safejs.Value
	funcs    []safejs.Func
	tasks    map[int]func()
	nextTask int
	runner   safejs.Func
	sent     []Sent
	before   map[string][]safejs.Value // command → hooks, in registration order
}

// Sent is one command the bus received.
type Sent struct {
	// Commander is the plugin that sent it ("CXBus" for the global object).
	Commander string
	// Command is its full name, e.g. "WebChat.injectMessage".
	Command string
	// Data is the data object it carried.
	Data safejs.Value
}

// Outcome is how a command handled by a Go function settles.
type Outcome struct {
	// Resolve is the value to resolve with, when Reject is nil and Never is false.
	Resolve any
	// Reject, when not nil, is the value to reject with.
	Reject any
	// Never leaves the command unsettled forever.
	Never bool
}

// CommandFunc handles one command; data is the command's data object.
type CommandFunc func(data safejs.Value) Outcome

type subscriber struct {
	plugin string
	fn     safejs.Value
}

type plugin struct {
	name     string
	iface    safejs.Value
	ready    bool
	commands map[string]func(commander string, data safejs.Value, d *deferred)
	waiting  []func()
}

// Install creates the fake and sets window.CXBus. Call Close when the test ends.
func Install() *Bus {
	b := &Bus{plugins: map[string]*plugin{}, subs: map[string][]subscriber{}, stored: map[string]safejs.Value{}, tasks: map[int]func(){}, before: map[string][]safejs.Value{}}
	b.runner = b.fn(func(args []safejs.Value) any {
		id, _ := args[0].Int()
		b.mu.Lock()
		task := b.tasks[id]
		delete(b.tasks, id)
		b.mu.Unlock()
		if task != nil {
			task()
		}
		return nil
	})
	b.obj = newObject()
	b.set(b.obj, "registerPlugin", func(args []safejs.Value) any {
		name, _ := arg(args, 0).String()
		p, ok := b.register(name)
		if !ok {
			return false
		}
		return p.iface
	})
	self, _ := b.register("CXBus")
	self.ready = true
	for _, m := range []string{"command", "subscribe"} {
		method, _ := self.iface.Get(m)
		must(b.obj.Set(m, method))
	}
	must(safejs.Global().Set("CXBus", b.obj))
	return b
}

// Close removes window.CXBus and releases every function the fake made. Tasks still queued
// then do nothing.
func (b *Bus) Close() {
	_ = safejs.Global().Delete("CXBus")
	b.mu.Lock()
	funcs := b.funcs
	b.funcs = nil
	b.tasks = map[int]func(){}
	b.mu.Unlock()
	for _, f := range funcs {
		f.Release()
	}
}

// Object returns the window.CXBus object.
func (b *Bus) Object() safejs.Value { return b.obj }

// Publish publishes "<publisher>.<event>" as if plugin publisher did it; publisher need not be
// registered.
func (b *Bus) Publish(fullEvent string, data safejs.Value) {
	publisher, _, _ := strings.Cut(fullEvent, ".")
	b.publish(publisher, fullEvent, data, false)
}

// Republish is Publish with replay to later subscribers.
func (b *Bus) Republish(fullEvent string, data safejs.Value) {
	publisher, _, _ := strings.Cut(fullEvent, ".")
	b.publish(publisher, fullEvent, data, true)
}

// Handle makes "<Plugin>.<command>" answer through fn, registering and readying the plugin
// when needed, like a widget plugin that registerCommand'ed it.
func (b *Bus) Handle(fullCommand string, fn CommandFunc) {
	pluginName, command, _ := strings.Cut(fullCommand, ".")
	b.mu.Lock()
	p := b.plugins[pluginName]
	b.mu.Unlock()
	if p == nil {
		p, _ = b.register(pluginName)
	}
	b.mu.Lock()
	p.commands[command] = func(_ string, data safejs.Value, d *deferred) {
		out := fn(data)
		switch {
		case out.Never:
		case out.Reject != nil:
			d.settle(false, out.Reject)
		default:
			d.settle(true, out.Resolve)
		}
	}
	b.mu.Unlock()
	b.makeReady(p)
}

// Sent returns the commands received so far, oldest first.
func (b *Bus) Sent() []Sent {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Sent(nil), b.sent...)
}

// SentNamed returns the commands received so far with the given full name.
func (b *Bus) SentNamed(name string) []Sent {
	var out []Sent
	for _, s := range b.Sent() {
		if s.Command == name {
			out = append(out, s)
		}
	}
	return out
}

// Subscribers returns the plugins subscribed to fullEvent, in subscription order.
func (b *Bus) Subscribers(fullEvent string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, s := range b.subs[fullEvent] {
		out = append(out, s.plugin)
	}
	return out
}

// Wait polls cond every millisecond, letting JavaScript run in between, until it holds or
// timeout passes; it reports whether cond held.
func Wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// later runs task in a JavaScript task of its own (setTimeout 0).
func (b *Bus) later(task func()) {
	b.mu.Lock()
	b.nextTask++
	id := b.nextTask
	b.tasks[id] = task
	b.mu.Unlock()
	_, err := safejs.Global().Call("setTimeout", b.runner, 0, id)
	must(err)
}

func (b *Bus) fn(f func(args []safejs.Value) any) safejs.Func {
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any { return f(args) })
	must(err)
	b.mu.Lock()
	b.funcs = append(b.funcs, fn)
	b.mu.Unlock()
	return fn
}

func (b *Bus) set(obj safejs.Value, name string, f func(args []safejs.Value) any) {
	must(obj.Set(name, b.fn(f)))
}

func newObject() safejs.Value {
	object, err := safejs.Global().Get("Object")
	must(err)
	o, err := object.New()
	must(err)
	return o
}

func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprintf("cxbustest: %v", err))
	}
}
