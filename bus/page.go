//go:build js && wasm

package bus

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// maxOptionDepth and maxOptionKeys bound how much of a configuration object is read, so a
// cyclic or huge object cannot stall the page.
const (
	maxOptionDepth = 4
	maxOptionKeys  = 256
)

// ReadOptions reads window._genesys.widgets.chatclose into plain Go values (string, float64,
// bool, nil, []any, map[string]any) for handler.ParseConfig. A missing object gives an empty
// map. Values that cannot be represented (functions, symbols) come back as struct{}{}, which
// the configuration rejects with a clear message; reading never calls user code except
// getters, and a throwing getter gives struct{}{} too.
func ReadOptions() map[string]any {
	obj, ok := path("_genesys", "widgets", "chatclose")
	if !ok {
		return map[string]any{}
	}
	m, _ := toGo(obj, 0).(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

// AsyncEnabled reports whether window._genesys.widgets.webchat.transport.async.enabled is
// the boolean true. That is how the Genesys v3 transport reads it: a truthy string or number
// does not turn async mode on.
func AsyncEnabled() bool {
	async, ok := path("_genesys", "widgets", "webchat", "transport", "async")
	return ok && isTrue(async, "enabled")
}

// unsupported stands for a JavaScript value that has no Go form here.
var unsupported = struct{}{}

func toGo(v safejs.Value, depth int) any {
	switch v.Type() {
	case safejs.TypeUndefined, safejs.TypeNull:
		return nil
	case safejs.TypeBoolean:
		b, _ := v.Bool()
		return b
	case safejs.TypeNumber:
		f, _ := v.Float()
		return f
	case safejs.TypeString:
		s, _ := v.String()
		return s
	case safejs.TypeObject:
		if depth >= maxOptionDepth {
			return unsupported
		}
		if isArray(v) {
			return arrayToGo(v, depth)
		}
		return objectToGo(v, depth)
	default:
		return unsupported
	}
}

func arrayToGo(v safejs.Value, depth int) any {
	n, err := arrayLength(v)
	if err != nil || n > maxOptionKeys {
		return unsupported
	}
	out := make([]any, 0, n)
	for i := 0; i < n; i++ {
		item, err := get(v, i)
		if err != nil {
			return unsupported
		}
		out = append(out, toGo(item, depth+1))
	}
	return out
}

func objectToGo(v safejs.Value, depth int) any {
	keys, err := builtins.object.Call("keys", v)
	if err != nil {
		return unsupported
	}
	n, err := arrayLength(keys)
	if err != nil || n > maxOptionKeys {
		return unsupported
	}
	out := make(map[string]any, n)
	for i := 0; i < n; i++ {
		k, err := get(keys, i)
		if err != nil {
			return unsupported
		}
		name, _ := k.String()
		item, err := get(v, name)
		if err != nil {
			out[name] = unsupported
			continue
		}
		out[name] = toGo(item, depth+1)
	}
	return out
}

// Lang returns _genesys.widgets.main.lang, the page's Genesys Widgets language, or "" when it
// is not set.
func Lang() string {
	main, ok := path("_genesys", "widgets", "main")
	if !ok {
		return ""
	}
	return getString(main, "lang")
}

// Field returns v[key] when it is a string, and "" otherwise; it is safe on any value.
func Field(v safejs.Value, key string) string { return getString(v, key) }

// ToGo converts a JavaScript value to plain Go values (string, float64, bool, nil, []any,
// map[string]any), with the same limits as ReadOptions.
func ToGo(v safejs.Value) any { return toGo(v, 0) }

// RandomID returns a random identifier from crypto.randomUUID when the page has it, and
// from Math.random otherwise. It is for telling tabs apart, not for secrets.
func RandomID() string {
	if c, ok := getObject(builtins.global, "crypto"); ok {
		if id, err := c.Call("randomUUID"); err == nil && id.Type() == safejs.TypeString {
			s, _ := id.String()
			return s
		}
	}
	math, _ := getObject(builtins.global, "Math")
	r, err := math.Call("random")
	if err != nil {
		return "tab"
	}
	f, _ := r.Float()
	return fmt.Sprintf("tab-%x", int64(f*(1<<52)))
}
