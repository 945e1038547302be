//go:build js && wasm

package bus

import (
	"github.com/hack-pad/safejs"
	"sync"
	"time"
)

// settler delivers command results. It owns one long-lived JavaScript function,
// settle(id, resolved, value); each command gets copies bound to its id with
// Function.prototype.bind, so no function is created per command and none can leak. A
// settlement that arrives after the timeout finds no pending command and is dropped.
type settler struct {
	fn      safejs.Func
	mu      sync.Mutex
	next    int
	pending map[int]*pendingCommand
}

// pendingCommand is one command waiting to settle.
type pendingCommand struct {
	id     int
	name   string
	ch     chan Result
	timer  *time.Timer
	onDone safejs.Value
	onFail safejs.Value
}

func newSettler(log *Logger) (*settler, error) {
	s := &settler{pending: make(map[int]*pendingCommand)}
	var err error
	s.fn, err = newFunc(log, "command settlement", func(args []safejs.Value) any {
		s.settle(args)
		return nil
	})
	return s, err
}

// start registers a pending command and its timeout.
func (s *settler) start(name string, timeout time.Duration) *pendingCommand {
	s.mu.Lock()
	s.next++
	c := &pendingCommand{id: s.next, name: name, ch: make(chan Result, 1)}
	s.pending[c.id] = c
	s.mu.Unlock()
	var err error
	if c.onDone, err = invokeMethod(s.fn.Value(), "bind", nil, c.id, true); err == nil {
		c.onFail, err = invokeMethod(s.fn.Value(), "bind", nil, c.id, false)
	}
	if err != nil {
		s.finish(c.id, Result{Err: wrap("preparing "+name, err)})
		return c
	}
	c.timer = time.AfterFunc(timeout, func() {
		s.finish(c.id, Result{Err: &TimeoutError{Command: name, After: timeout}})
	})
	return c
}

// settle is the JavaScript entry point: args are (id, resolved, value…).
func (s *settler) settle(args []safejs.Value) {
	if len(args) < 2 || args[1].Type() != safejs.TypeBoolean {
		return
	}
	n, ok := numberOf(args[0])
	if !ok {
		return
	}
	id, resolved, value := int(n), isTrue(args[1]), arg(args, 2)
	s.mu.Lock()
	c := s.pending[id]
	s.mu.Unlock()
	if c == nil {
		return
	}
	if resolved {
		s.finish(c.id, Result{Value: value})
		return
	}
	s.finish(c.id, Result{Value: safejs.Undefined(), Err: &RejectedError{Command: c.name, Reason: rejectionText(value)}})
}

// finish delivers r for command id once; later calls for the same id do nothing.
func (s *settler) finish(id int, r Result) {
	s.mu.Lock()
	c := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if c == nil {
		return
	}
	if c.timer != nil {
		c.timer.Stop()
	}
	c.ch <- r
}

// Pending returns how many commands are still waiting; tests use it to check that nothing
// is left behind.
func (p *Plugin) Pending() int {
	p.results.mu.Lock()
	defer p.results.mu.Unlock()
	return len(p.results.pending)
}
