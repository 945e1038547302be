//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"sync"
)

// Handler receives one CXBus event: the object {time, publisher, event, data} that CXBus
// passes to subscribers. It runs on the page's main thread inside a JavaScript callback: it
// must return quickly and must not block. A panic in it is recovered and logged once.
type Handler func(event safejs.Value)

// Subscription is one event subscription held through the plugin interface.
type Subscription struct {
	plugin *Plugin
	event  string
	fn     safejs.Func
	once   sync.Once

	subscribed safejs.Value // what CXBus calls: fn, or a function around it
}

// Subscribe subscribes h to event (e.g. "WebChatService.messageReceived") through the
// plugin interface. CXBus answers with the event name on success and false otherwise; false
// becomes an error. The subscription's function lives until Close.
func (p *Plugin) Subscribe(event string, h Handler) (*Subscription, error) {
	return p.SubscribeThrough(event, h, nil)
}

// SubscribeThrough is Subscribe, except that CXBus is given through(f) instead of the
// handler's own function f (the loader's pre-filter, which calls f only for the events that
// need the Go side). A nil through subscribes f itself.
func (p *Plugin) SubscribeThrough(event string, h Handler, through func(safejs.Value) safejs.Value) (*Subscription, error) {
	fn, err := newFunc(p.log, "the "+event+" subscriber", func(args []safejs.Value) any {
		h(arg(args, 0))
		return nil
	})
	if err != nil {
		return nil, wrap("subscribing "+p.name+" to "+event, err)
	}
	subscribed := fn.Value()
	if through != nil {
		subscribed = through(fn.Value())
	}
	res, err := invokeMethod(p.iface, "subscribe", event, subscribed)
	if err == nil && res.Type() == safejs.TypeBoolean {
		err = errors.New("CXBus refused the subscription")
	}
	if err != nil {
		fn.Release()
		return nil, wrap("subscribing "+p.name+" to "+event, err)
	}
	return &Subscription{plugin: p, event: event, fn: fn, subscribed: subscribed}, nil
}

// Func returns the JavaScript function CXBus calls, so that events buffered elsewhere (by the
// loader script) can be handed to the same handler in order.
func (s *Subscription) Func() safejs.Value { return s.subscribed }

// Close unsubscribes and releases the callback. CXBus's unsubscribe removes every
// subscription the plugin holds for the event. Close is idempotent.
func (s *Subscription) Close() error {
	var err error
	s.once.Do(func() {
		err = s.plugin.Unsubscribe(s.event)
		s.fn.Release()
	})
	return err
}

// Unsubscribe removes every subscription the plugin holds for event, including ones made
// by JavaScript on the same plugin interface (the loader's buffering subscriber).
func (p *Plugin) Unsubscribe(event string) error {
	if _, err := invokeMethod(p.iface, "unsubscribe", event); err != nil {
		return wrap("unsubscribing "+p.name+" from "+event, err)
	}
	return nil
}
