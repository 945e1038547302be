//go:build js && wasm

package bus

import (
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
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
}

// Subscribe subscribes h to event (e.g. "WebChatService.messageReceived") through the
// plugin interface. CXBus answers with the event name on success and false otherwise; false
// becomes an error. The subscription's function lives until Close.
func (p *Plugin) Subscribe(event string, h Handler) (*Subscription, error) {
	where := "the " + event + " subscriber"
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer guard(p.log, where)
		if len(args) > 0 {
			h(args[0])
		} else {
			h(safejs.Undefined())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("creating the %s callback: %w", event, jsError(err))
	}
	res, err := p.iface.Call("subscribe", event, fn)
	if err == nil && res.Type() == safejs.TypeBoolean {
		err = fmt.Errorf("CXBus refused the subscription")
	}
	if err != nil {
		fn.Release()
		return nil, fmt.Errorf("subscribing %s to %s: %w", p.name, event, jsError(err))
	}
	return &Subscription{plugin: p, event: event, fn: fn}, nil
}

// Func returns the JavaScript function CXBus calls, so that events buffered elsewhere (by the
// loader script) can be handed to the same handler in order.
func (s *Subscription) Func() safejs.Value { return s.fn.Value() }

// Close unsubscribes and releases the callback. CXBus's unsubscribe removes every
// subscription the plugin holds for the event. Close is idempotent.
func (s *Subscription) Close() error {
	var err error
	s.once.Do(func() {
		if _, callErr := s.plugin.iface.Call("unsubscribe", s.event); callErr != nil {
			err = fmt.Errorf("unsubscribing %s from %s: %w", s.plugin.name, s.event, jsError(callErr))
		}
		s.fn.Release()
	})
	return err
}

// Unsubscribe removes every subscription the plugin holds for event, including ones made
// by JavaScript on the same plugin interface (the loader's buffering subscriber).
func (p *Plugin) Unsubscribe(event string) error {
	if _, err := p.iface.Call("unsubscribe", event); err != nil {
		return fmt.Errorf("unsubscribing %s from %s: %w", p.name, event, jsError(err))
	}
	return nil
}
