//go:build js && wasm

package bus

import (
	"errors"
	"fmt"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// jsGlobals holds the JavaScript built-ins the package calls. They are looked up once.
type jsGlobals struct {
	global  safejs.Value
	reflect safejs.Value
	array   safejs.Value
	object  safejs.Value
}

var builtins = func() jsGlobals {
	g := safejs.Global()
	get := func(name string) safejs.Value {
		v, err := g.Get(name)
		if err != nil {
			return safejs.Undefined()
		}
		return v
	}
	return jsGlobals{global: g, reflect: get("Reflect"), array: get("Array"), object: get("Object")}
}()

// errNotObject reports a value that should have been an object.
var errNotObject = errors.New("not an object")

// isObject reports whether v is a non-null object or a function (something with properties).
func isObject(v safejs.Value) bool {
	t := v.Type()
	return t == safejs.TypeObject || t == safejs.TypeFunction
}

// get reads v[key] with Reflect.get called as a function, so a throwing getter or Proxy trap
// becomes an error instead of unwinding through the Go runtime. v must be an object.
func get(v safejs.Value, key any) (safejs.Value, error) {
	if !isObject(v) {
		return safejs.Undefined(), errNotObject
	}
	return builtins.reflect.Call("get", v, key)
}

// getString reads v[key] when it is a string; anything else (missing, wrong type, throwing)
// gives "".
func getString(v safejs.Value, key string) string {
	s, err := get(v, key)
	if err != nil || s.Type() != safejs.TypeString {
		return ""
	}
	str, err := s.String()
	if err != nil {
		return ""
	}
	return str
}

// getObject reads v[key] when it is an object; ok is false otherwise.
func getObject(v safejs.Value, key string) (safejs.Value, bool) {
	o, err := get(v, key)
	if err != nil || !isObject(o) {
		return safejs.Undefined(), false
	}
	return o, true
}

// isTrue reports whether v[key] is the boolean true (not merely truthy).
func isTrue(v safejs.Value, key string) bool {
	b, err := get(v, key)
	if err != nil || b.Type() != safejs.TypeBoolean {
		return false
	}
	t, err := b.Bool()
	return err == nil && t
}

// path follows keys from the global object through objects only; ok is false as soon as a
// step is missing or not an object.
func path(keys ...string) (safejs.Value, bool) {
	v := builtins.global
	for _, k := range keys {
		next, ok := getObject(v, k)
		if !ok {
			return safejs.Undefined(), false
		}
		v = next
	}
	return v, true
}

// isArray reports whether v is a JavaScript array (Array.isArray, which never calls user code).
func isArray(v safejs.Value) bool {
	r, err := builtins.array.Call("isArray", v)
	if err != nil {
		return false
	}
	b, err := r.Bool()
	return err == nil && b
}

// arrayLength reads an array's length with Reflect.get.
func arrayLength(v safejs.Value) (int, error) {
	l, err := get(v, "length")
	if err != nil {
		return 0, err
	}
	if l.Type() != safejs.TypeNumber {
		return 0, fmt.Errorf("length is %s, not a number", l.Type())
	}
	f, err := l.Float()
	if err != nil || f < 0 || f != float64(int(f)) {
		return 0, fmt.Errorf("invalid array length %v", f)
	}
	return int(f), nil
}

// jsError rewrites an error from a JavaScript call so its message is safe to print. A
// thrown Error keeps its message; a thrown string, number or other value is named by type.
// (js.Error's own Error method panics inside fmt when the thrown value is not an object.)
func jsError(err error) error {
	var thrown js.Error
	if !errors.As(err, &thrown) {
		return err
	}
	v := safejs.Safe(thrown.Value)
	if msg := getString(v, "message"); msg != "" {
		return fmt.Errorf("JavaScript error: %s", msg)
	}
	if v.Type() == safejs.TypeString {
		s, _ := v.String()
		return fmt.Errorf("JavaScript threw %q", s)
	}
	return fmt.Errorf("JavaScript threw a %s", v.Type())
}
