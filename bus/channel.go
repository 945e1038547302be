//go:build js && wasm

package bus

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hack-pad/safejs"
)

// Channel carries small messages between the open tabs of this site: BroadcastChannel where
// the browser has it, otherwise the storage event of a localStorage key. A tab never receives
// its own messages. Messages are plain objects (map[string]any of strings, numbers, bools);
// never put secrets in them: the fallback passes them through localStorage.
type Channel struct {
	name      string
	broadcast safejs.Value // the BroadcastChannel, or undefined when using storage
	storage   safejs.Value
	fn        safejs.Func
}

// OpenChannel opens the channel called name; receive gets every message another tab posts.
// receive runs inside a JavaScript callback: it must not block.
func OpenChannel(name string, log *Logger, receive func(map[string]any)) (*Channel, error) {
	c := &Channel{name: name, broadcast: safejs.Undefined(), storage: safejs.Undefined()}
	deliver := func(v safejs.Value) {
		if m, ok := toGo(v, 0).(map[string]any); ok {
			receive(m)
		}
	}
	if ctor, err := get(builtins.global, "BroadcastChannel"); err == nil && ctor.Type() == safejs.TypeFunction {
		bc, err := ctor.New(name)
		if err == nil {
			c.broadcast = bc
			c.fn, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
				defer guard(log, "the "+name+" channel")
				if data, err := get(arg0(args), "data"); err == nil {
					deliver(data)
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("creating the channel callback: %w", jsError(err))
			}
			if _, err := bc.Call("addEventListener", "message", c.fn); err != nil {
				c.fn.Release()
				return nil, fmt.Errorf("listening on BroadcastChannel %s: %w", name, jsError(err))
			}
			return c, nil
		}
	}
	storage, err := get(builtins.global, "localStorage")
	if err != nil || !isObject(storage) {
		return nil, fmt.Errorf("this browser has neither BroadcastChannel nor localStorage")
	}
	c.storage = storage
	c.fn, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer guard(log, "the "+name+" channel")
		ev := arg0(args)
		if getString(ev, "key") != name {
			return nil
		}
		raw := getString(ev, "newValue")
		if raw == "" {
			return nil
		}
		if parsed, err := jsonObject().Call("parse", raw); err == nil {
			deliver(parsed)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("creating the channel callback: %w", jsError(err))
	}
	if _, err := builtins.global.Call("addEventListener", "storage", c.fn); err != nil {
		c.fn.Release()
		return nil, fmt.Errorf("listening to storage events: %w", jsError(err))
	}
	return c, nil
}

// Post sends msg to the other tabs.
func (c *Channel) Post(msg map[string]any) error {
	if isObject(c.broadcast) {
		if _, err := c.broadcast.Call("postMessage", msg); err != nil {
			return fmt.Errorf("posting to %s: %w", c.name, jsError(err))
		}
		return nil
	}
	// The storage event fires only when the value changes: a time stamp keeps repeated
	// messages distinct. The key is removed again, so nothing stays behind.
	stamped := make(map[string]any, len(msg)+1)
	for k, v := range msg {
		stamped[k] = v
	}
	stamped["sent"] = strconv.FormatInt(time.Now().UnixNano(), 36)
	text, err := jsonObject().Call("stringify", stamped)
	if err == nil {
		_, err = c.storage.Call("setItem", c.name, text)
	}
	if err == nil {
		_, err = c.storage.Call("removeItem", c.name)
	}
	if err != nil {
		return fmt.Errorf("posting to %s through localStorage: %w", c.name, jsError(err))
	}
	return nil
}

// UsesBroadcastChannel reports whether the channel runs on BroadcastChannel (false: on
// storage events).
func (c *Channel) UsesBroadcastChannel() bool { return isObject(c.broadcast) }

func arg0(args []safejs.Value) safejs.Value {
	if len(args) > 0 {
		return args[0]
	}
	return safejs.Undefined()
}

// jsonObject returns the page's JSON object.
func jsonObject() safejs.Value {
	j, err := get(builtins.global, "JSON")
	if err != nil {
		return safejs.Undefined()
	}
	return j
}
