//go:build js && wasm

package bus

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// jsGlobals holds the JavaScript built-ins the package calls. They are looked up once.
type jsGlobals struct {
	global  safejs.Value
	reflect safejs.Value
	array   safejs.Value
	object  safejs.Value

	reflectGet js.Value // Reflect.get
	isArray    js.Value // Array.isArray
}

var builtins = func() jsGlobals {
	g := js.Global()
	reflect, array := g.Get("Reflect"), g.Get("Array")
	return jsGlobals{
		global: safejs.Safe(g), reflect: safejs.Safe(reflect), array: safejs.Safe(array), object: safejs.Safe(g.Get("Object")),
		reflectGet: reflect.Get("get"), isArray: array.Get("isArray"),
	}
}()

// errNotObject reports a value that should have been an object.
var errNotObject = errors.New("not an object")

// errPanic stands for a panic in a JavaScript call that was neither a JavaScript exception
// nor an error.
var errPanic = errors.New("the JavaScript call failed")

// invoke calls the built-in fn with args and turns a JavaScript exception into an error,
// as safejs does, but straight through syscall/js: safejs costs eight allocations a call
// (closures, boxed and copied arguments), and payloads are read through here on every event.
// args must be values js.ValueOf takes: js.Values, numbers, strings, booleans.
func invoke(fn js.Value, args ...any) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = js.Undefined(), panicError(r)
		}
	}()
	return fn.Invoke(args...), nil
}

// invokeMethod calls v's method m with args, as invoke does.
func invokeMethod(v js.Value, m string, args ...any) (r js.Value, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			r, err = js.Undefined(), panicError(rec)
		}
	}()
	return v.Call(m, args...), nil
}

// panicError turns what a failed syscall/js call panicked with into an error.
func panicError(r any) error {
	switch e := r.(type) {
	case js.Error:
		return e
	case error:
		return e
	default:
		return errPanic
	}
}

// isObject reports whether v is a non-null object or a function (something with properties).
func isObject(v safejs.Value) bool { return isObjectValue(safejs.Unsafe(v)) }

func isObjectValue(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

// get reads v[key] with Reflect.get called as a function, so a throwing getter or Proxy trap
// becomes an error instead of unwinding through the Go runtime. v must be an object.
func get(v safejs.Value, key any) (safejs.Value, error) {
	r, err := read(safejs.Unsafe(v), key)
	return safejs.Safe(r), err
}

// read is get for syscall/js values. A key made once with js.ValueOf costs nothing to pass;
// a Go string key is copied into a new JavaScript string on every call.
func read(v js.Value, key any) (js.Value, error) {
	if !isObjectValue(v) {
		return js.Undefined(), errNotObject
	}
	return invoke(builtins.reflectGet, v, key)
}

// getString reads v[key] when it is a string; anything else (missing, wrong type, throwing)
// gives "".
func getString(v safejs.Value, key string) string {
	s, err := read(safejs.Unsafe(v), key)
	if err != nil || s.Type() != js.TypeString {
		return ""
	}
	return s.String()
}

// getObject reads v[key] when it is an object; ok is false otherwise.
func getObject(v safejs.Value, key string) (safejs.Value, bool) {
	o, ok := readObject(safejs.Unsafe(v), key)
	return safejs.Safe(o), ok
}

// readObject is getObject for syscall/js values.
func readObject(v js.Value, key any) (js.Value, bool) {
	o, err := read(v, key)
	if err != nil || !isObjectValue(o) {
		return js.Undefined(), false
	}
	return o, true
}

// isTrue reports whether v[key] is the boolean true (not merely truthy).
func isTrue(v safejs.Value, key string) bool { return readTrue(safejs.Unsafe(v), key) }

// readTrue is isTrue for syscall/js values.
func readTrue(v js.Value, key any) bool {
	b, err := read(v, key)
	return err == nil && b.Type() == js.TypeBoolean && b.Bool()
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
func isArray(v safejs.Value) bool { return isArrayValue(safejs.Unsafe(v)) }

func isArrayValue(v js.Value) bool {
	r, err := invoke(builtins.isArray, v)
	return err == nil && r.Type() == js.TypeBoolean && r.Bool()
}

// Errors of arrayLength.
var (
	errLengthType  = errors.New("the array's length is not a number")
	errLengthValue = errors.New("the array's length is not a whole number of 0 or more")
)

// arrayLength reads an array's length with Reflect.get.
func arrayLength(v safejs.Value) (int, error) { return lengthOf(safejs.Unsafe(v), "length") }

// lengthOf reads v[key] (key being "length", or the same made once with js.ValueOf) as an
// array length.
func lengthOf(v js.Value, key any) (int, error) {
	l, err := read(v, key)
	if err != nil {
		return 0, err
	}
	if l.Type() != js.TypeNumber {
		return 0, errLengthType
	}
	f := l.Float()
	if !(f >= 0) || f != float64(int(f)) {
		return 0, errLengthValue
	}
	return int(f), nil
}

// jsError rewrites an error from a JavaScript call so its message is safe to print. A
// thrown Error keeps its message; a thrown string, number or other value is named by type.
// (js.Error's own Error method panics inside fmt when the thrown value is not an object.)
// It returns nil for nil.
func jsError(err error) error {
	var thrown js.Error
	found := false
	for e := err; e != nil && !found; e = errors.Unwrap(e) {
		thrown, found = e.(js.Error)
	}
	if !found {
		return err
	}
	v := safejs.Safe(thrown.Value)
	if msg := getString(v, "message"); msg != "" {
		return errors.New("JavaScript error: " + msg)
	}
	if v.Type() == safejs.TypeString {
		s, _ := v.String()
		return errors.New("JavaScript threw " + strconv.Quote(s))
	}
	return errors.New("JavaScript threw a " + v.Type().String())
}
