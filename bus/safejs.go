//go:build js && wasm

package bus

import (
	"errors"
	"strconv"

	"github.com/hack-pad/safejs"
)

// Workarounds for the defects of safejs v0.1.1 (with Go's wasm_exec.js), all in one place.
// Each has a test in safejs_defects_test.go that fails once a safejs release fixes it; the
// workaround can then go.
//
//  1. Value.Get, Index, Length, Set, SetIndex and Delete do not catch a throwing getter,
//     setter or Proxy trap: wasm_exec.js wraps calls in try/catch, not property access, so
//     the exception unwinds through the Go runtime and no error comes back
//     (TestSafejsDefectGetThrows). read and write therefore call Reflect.get and Reflect.set
//     through Value.Invoke, which catches.
//  2. The Error method of a call's error panics when the thrown value is not an object
//     (throw "x", throw 42): it reads the value's message with syscall/js, and fmt then
//     prints %!v(PANIC=Error method: …) (TestSafejsDefectNonObjectThrowText).
//  3. For a thrown object whose message getter throws, that same Error method lets the
//     exception unwind through the Go runtime (TestSafejsDefectThrowingMessage).
//
//  4. Every call boxes each safejs.Value argument twice: once into the ...any the caller
//     passes, then again when safejs unwraps it to a js.Value into a new []any, two
//     allocations per argument and call on the per-event path
//     (TestSafejsDefectArgumentsAllocate). An argument that is already the js.Value safejs
//     would unwrap it to goes through as it is: pass makes one, and the payload keys are made
//     so once.
//
// jsError works around 2 and 3: every error the package's calls return is one whose Error
// method reads the message with Reflect.get and names a thrown non-object by its type; the
// safejs error stays reachable with errors.Unwrap.

// builtins are the JavaScript functions the package calls, looked up once.
var builtins = func() struct {
	global, reflectGet, reflectSet, isArray, objectKeys safejs.Value
} {
	g := safejs.Global()
	get := func(v safejs.Value, key string) safejs.Value {
		p, _ := v.Get(key) // built-ins of a page that has not started yet: no getter runs
		return p
	}
	reflect, array, object := get(g, "Reflect"), get(g, "Array"), get(g, "Object")
	return struct {
		global, reflectGet, reflectSet, isArray, objectKeys safejs.Value
	}{
		global: g, reflectGet: get(reflect, "get"), reflectSet: get(reflect, "set"),
		isArray: get(array, "isArray"), objectKeys: get(object, "keys"),
	}
}()

// errNotObject reports a value that should have been an object.
var errNotObject = errors.New("not an object")

// invoke calls fn with args (values safejs.ValueOf takes) and returns a printable error.
func invoke(fn safejs.Value, args ...any) (safejs.Value, error) {
	v, err := fn.Invoke(args...)
	return v, jsError(err)
}

// invokeMethod calls v's method m with args, as invoke does.
func invokeMethod(v safejs.Value, m string, args ...any) (safejs.Value, error) {
	r, err := v.Call(m, args...)
	return r, jsError(err)
}

// construct calls new ctor(args…), as invoke does.
func construct(ctor safejs.Value, args ...any) (safejs.Value, error) {
	v, err := ctor.New(args...)
	return v, jsError(err)
}

// pass returns v as the argument safejs passes on unchanged (defect 4): boxed once, here, as
// the js.Value it holds.
func pass(v safejs.Value) any { return safejs.Unsafe(v) }

// read reads v[key] with Reflect.get called through Invoke (defect 1). v must be an object.
// A key made once with pass(safejs.ValueOf(…)) costs nothing to pass; a Go string key is
// copied into a new JavaScript string on every call.
func read(v safejs.Value, key any) (safejs.Value, error) {
	if !isObject(v) {
		return safejs.Undefined(), errNotObject
	}
	return invoke(builtins.reflectGet, pass(v), key)
}

// write sets v[key] = x with Reflect.set called through Invoke (defect 1).
func write(v safejs.Value, key string, x any) error {
	if !isObject(v) {
		return errNotObject
	}
	_, err := invoke(builtins.reflectSet, pass(v), key, x)
	return err
}

// thrownError is a JavaScript exception with a message that is safe to print (defects 2
// and 3); Unwrap gives safejs's error.
type thrownError struct {
	msg   string
	cause error
}

func (e *thrownError) Error() string { return e.msg }
func (e *thrownError) Unwrap() error { return e.cause }

// jsError makes an error from a safejs call safe to print: a thrown Error keeps its message
// ("JavaScript error: …", as syscall/js words it), a thrown string is quoted, any other value
// is named by its type. Other errors, and nil, come back as they are.
func jsError(err error) error {
	if err == nil {
		return nil
	}
	if _, done := err.(*thrownError); done {
		return err
	}
	v, ok := thrownValue(err)
	if !ok {
		return err
	}
	if msg := readString(v, "message"); msg != "" {
		return &thrownError{msg: "JavaScript error: " + msg, cause: err}
	}
	if v.Type() == safejs.TypeString {
		s, _ := v.String()
		return &thrownError{msg: "JavaScript threw " + strconv.Quote(s), cause: err}
	}
	return &thrownError{msg: "JavaScript threw a " + v.Type().String(), cause: err}
}
