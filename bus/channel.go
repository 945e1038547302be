//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"strconv"
	"time"
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
	where := "the " + name + " channel"
	if ctor, err := read(builtins.global, "BroadcastChannel"); err == nil && ctor.Type() == safejs.TypeFunction {
		if bc, err := construct(ctor, name); err == nil {
			c.broadcast = bc
			c.fn, err = newFunc(log, where, func(args []safejs.Value) any {
				if data, err := read(arg(args, 0), "data"); err == nil {
					deliver(data)
				}
				return nil
			})
			if err != nil {
				return nil, wrap("listening on BroadcastChannel "+name, err)
			}
			if _, err := invokeMethod(bc, "addEventListener", "message", c.fn); err != nil {
				c.fn.Release()
				return nil, wrap("listening on BroadcastChannel "+name, err)
			}
			return c, nil
		}
	}
	storage, ok := readObject(builtins.global, "localStorage")
	if !ok {
		return nil, errors.New("this browser has neither BroadcastChannel nor localStorage")
	}
	c.storage = storage
	var err error
	c.fn, err = newFunc(log, where, func(args []safejs.Value) any {
		ev := arg(args, 0)
		if readString(ev, "key") != name {
			return nil
		}
		raw := readString(ev, "newValue")
		if raw == "" {
			return nil
		}
		if parsed, err := invokeMethod(jsonObject(), "parse", raw); err == nil {
			deliver(parsed)
		}
		return nil
	})
	if err != nil {
		return nil, wrap("listening to storage events", err)
	}
	if _, err := invokeMethod(builtins.global, "addEventListener", "storage", c.fn); err != nil {
		c.fn.Release()
		return nil, wrap("listening to storage events", err)
	}
	return c, nil
}

// Post sends msg to the other tabs.
func (c *Channel) Post(msg map[string]any) error {
	if isObject(c.broadcast) {
		if _, err := invokeMethod(c.broadcast, "postMessage", msg); err != nil {
			return wrap("posting to "+c.name, err)
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
	text, err := invokeMethod(jsonObject(), "stringify", stamped)
	if err == nil {
		_, err = invokeMethod(c.storage, "setItem", c.name, text)
	}
	if err == nil {
		_, err = invokeMethod(c.storage, "removeItem", c.name)
	}
	if err != nil {
		return wrap("posting to "+c.name+" through localStorage", err)
	}
	return nil
}

// UsesBroadcastChannel reports whether the channel runs on BroadcastChannel (false: on
// storage events).
func (c *Channel) UsesBroadcastChannel() bool { return isObject(c.broadcast) }

// jsonObject returns the page's JSON object.
func jsonObject() safejs.Value {
	j, _ := readObject(builtins.global, "JSON")
	return j
}
