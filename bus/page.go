//go:build js && wasm

package bus

import (
	"github.com/hack-pad/safejs"
	"strconv"
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
	return ok && readTrue(async, "enabled")
}

// unsupported stands for a JavaScript value that has no Go form here.
var unsupported = struct{}{}

func toGo(v safejs.Value, depth int) any {
	switch v.Type() {
	case safejs.TypeUndefined, safejs.TypeNull:
		return nil
	case safejs.TypeBoolean:
		return isTrue(v)
	case safejs.TypeNumber:
		f, _ := numberOf(v)
		return f
	case safejs.TypeString:
		return stringOf(v)
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
	n, err := lengthOf(v, "length")
	if err != nil || n > maxOptionKeys {
		return unsupported
	}
	out := make([]any, 0, n)
	for i := 0; i < n; i++ {
		item, err := read(v, i)
		if err != nil {
			return unsupported
		}
		out = append(out, toGo(item, depth+1))
	}
	return out
}

func objectToGo(v safejs.Value, depth int) any {
	keys, err := invoke(builtins.objectKeys, v)
	if err != nil {
		return unsupported
	}
	n, err := lengthOf(keys, "length")
	if err != nil || n > maxOptionKeys {
		return unsupported
	}
	out := make(map[string]any, n)
	for i := 0; i < n; i++ {
		k, err := read(keys, i)
		if err != nil || k.Type() != safejs.TypeString {
			return unsupported
		}
		name := stringOf(k)
		item, err := read(v, name)
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
	return readString(main, "lang")
}

// Field returns v[key] when it is a string, and "" otherwise; it is safe on any value.
func Field(v safejs.Value, key string) string { return readString(v, key) }

// ToGo converts a JavaScript value to plain Go values (string, float64, bool, nil, []any,
// map[string]any), with the same limits as ReadOptions.
func ToGo(v safejs.Value) any { return toGo(v, 0) }

// RandomID returns a random identifier from crypto.randomUUID when the page has it, and
// from Math.random otherwise. It is for telling tabs apart, not for secrets.
func RandomID() string {
	if c, ok := readObject(builtins.global, "crypto"); ok {
		if id, err := invokeMethod(c, "randomUUID"); err == nil && stringOf(id) != "" {
			return stringOf(id)
		}
	}
	math, _ := readObject(builtins.global, "Math")
	r, err := invokeMethod(math, "random")
	f, ok := numberOf(r)
	if err != nil || !ok {
		return "tab"
	}
	return "tab-" + strconv.FormatInt(int64(f*(1<<52)), 16)
}
