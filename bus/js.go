//go:build js && wasm

package bus

import (
	"errors"
	"strconv"
	"syscall/js"
)

// The package's JavaScript primitives. Every call into JavaScript goes through one of them:
// each recovers the panic syscall/js raises for a JavaScript exception or a value it cannot
// convert, and returns an error instead, as safejs does. They are written here on plain
// syscall/js because safejs links fmt, which costs the module about 83 KB brotli (issue 4's
// budget is 600 KB), and costs eight allocations a call on the per-event path.
//
// Property reads and writes go through Reflect.get and Reflect.set called as functions:
// wasm_exec.js catches exceptions around calls but not around plain property reads and
// writes, so a throwing getter, setter or Proxy trap would otherwise unwind through the Go
// runtime.

// builtins are the JavaScript functions the package calls, looked up once.
var builtins = func() struct {
	global, reflectGet, reflectSet, isArray, objectKeys js.Value
} {
	g := js.Global()
	reflect := g.Get("Reflect")
	return struct {
		global, reflectGet, reflectSet, isArray, objectKeys js.Value
	}{
		global: g, reflectGet: reflect.Get("get"), reflectSet: reflect.Get("set"),
		isArray: g.Get("Array").Get("isArray"), objectKeys: g.Get("Object").Get("keys"),
	}
}()

// errNotObject reports a value that should have been an object.
var errNotObject = errors.New("not an object")

// errPanic stands for a panic in a JavaScript call that was neither a JavaScript exception
// nor an error.
var errPanic = errors.New("the JavaScript call failed")

// invoke calls fn with args and turns a JavaScript exception into an error. args must be
// values js.ValueOf takes: js.Value, js.Func, nil, numbers, strings, booleans, []any and
// map[string]any of those; anything else is an error too.
func invoke(fn js.Value, args ...any) (v js.Value, err error) {
	defer recoverCall(&v, &err)
	return fn.Invoke(args...), nil
}

// invokeMethod calls v's method m with args, as invoke does.
func invokeMethod(v js.Value, m string, args ...any) (r js.Value, err error) {
	defer recoverCall(&r, &err)
	return v.Call(m, args...), nil
}

// construct calls new ctor(args…), as invoke does.
func construct(ctor js.Value, args ...any) (v js.Value, err error) {
	defer recoverCall(&v, &err)
	return ctor.New(args...), nil
}

// valueOf converts a Go value for JavaScript (see invoke for what it takes).
func valueOf(x any) (v js.Value, err error) {
	defer recoverCall(&v, &err)
	return js.ValueOf(x), nil
}

func recoverCall(v *js.Value, err *error) {
	if r := recover(); r != nil {
		*v, *err = js.Undefined(), jsError(panicError(r))
	}
}

// panicError turns what a failed syscall/js call panicked with into an error.
func panicError(r any) error {
	switch e := r.(type) {
	case js.Error:
		return e
	case error:
		return e
	case string:
		return errors.New(e)
	default:
		return errPanic
	}
}

// isObject reports whether v is a non-null object or a function (something with properties).
func isObject(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

// read reads v[key] with Reflect.get called as a function. v must be an object. A key made
// once with js.ValueOf costs nothing to pass; a Go string key is copied into a new JavaScript
// string on every call.
func read(v js.Value, key any) (js.Value, error) {
	if !isObject(v) {
		return js.Undefined(), errNotObject
	}
	return invoke(builtins.reflectGet, v, key)
}

// write sets v[key] = x with Reflect.set called as a function.
func write(v js.Value, key string, x any) error {
	if !isObject(v) {
		return errNotObject
	}
	_, err := invoke(builtins.reflectSet, v, key, x)
	return err
}

// readString reads v[key] when it is a string; anything else (missing, wrong type, throwing)
// gives "".
func readString(v js.Value, key any) string {
	s, err := read(v, key)
	if err != nil || s.Type() != js.TypeString {
		return ""
	}
	return s.String()
}

// readObject reads v[key] when it is an object; ok is false otherwise.
func readObject(v js.Value, key any) (js.Value, bool) {
	o, err := read(v, key)
	if err != nil || !isObject(o) {
		return js.Undefined(), false
	}
	return o, true
}

// readTrue reports whether v[key] is the boolean true (not merely truthy).
func readTrue(v js.Value, key any) bool {
	b, err := read(v, key)
	return err == nil && b.Type() == js.TypeBoolean && b.Bool()
}

// path follows keys from the global object through objects only; ok is false as soon as a
// step is missing or not an object.
func path(keys ...string) (js.Value, bool) {
	v := builtins.global
	for _, k := range keys {
		next, ok := readObject(v, k)
		if !ok {
			return js.Undefined(), false
		}
		v = next
	}
	return v, true
}

// isArray reports whether v is a JavaScript array (Array.isArray, which never calls user code).
func isArray(v js.Value) bool {
	r, err := invoke(builtins.isArray, v)
	return err == nil && r.Type() == js.TypeBoolean && r.Bool()
}

// Errors of lengthOf.
var (
	errLengthType  = errors.New("the array's length is not a number")
	errLengthValue = errors.New("the array's length is not a whole number of 0 or more")
)

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

// newFunc makes a JavaScript function that runs fn, recovering a panic in it (logged once
// per where) so the Go runtime keeps serving. A recovered call returns undefined.
func newFunc(log *Logger, where string, fn func(args []js.Value) any) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer guard(log, where)
		return fn(args)
	})
}

// arg returns args[i], or undefined.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// jsError rewrites an error from a JavaScript call so its message is safe to print. A
// thrown Error keeps its message; a thrown string, number or other value is named by type.
// (js.Error's own Error method panics when the thrown value is not an object.) It returns
// nil for nil.
func jsError(err error) error {
	thrown, found := err.(js.Error)
	if !found {
		return err
	}
	v := thrown.Value
	if msg := readString(v, "message"); msg != "" {
		return errors.New("JavaScript error: " + msg)
	}
	if v.Type() == js.TypeString {
		return errors.New("JavaScript threw " + strconv.Quote(v.String()))
	}
	return errors.New("JavaScript threw a " + v.Type().String())
}

// wrapped is an error with a message of its own around a cause that errors.Is and
// errors.Unwrap can still reach.
type wrapped struct {
	msg   string
	cause error
}

func (e *wrapped) Error() string { return e.msg + ": " + e.cause.Error() }
func (e *wrapped) Unwrap() error { return e.cause }

// wrap returns msg: cause, keeping cause reachable; JavaScript exceptions are made printable.
func wrap(msg string, cause error) error { return &wrapped{msg: msg, cause: jsError(cause)} }
