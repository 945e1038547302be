//go:build js && wasm

package bus

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// Reading JavaScript values that may come from anyone: every property read goes through read
// (Reflect.get, see safejs.go), and a value of the wrong type reads as empty.

// isObject reports whether v is a non-null object or a function (something with properties).
func isObject(v safejs.Value) bool {
	t := v.Type()
	return t == safejs.TypeObject || t == safejs.TypeFunction
}

// readString reads v[key] when it is a string; anything else (missing, wrong type, throwing)
// gives "".
func readString(v safejs.Value, key any) string {
	s, err := read(v, key)
	if err != nil {
		return ""
	}
	return stringOf(s)
}

// stringOf returns v when it is a string, and "" otherwise.
func stringOf(v safejs.Value) string {
	if v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// readObject reads v[key] when it is an object; ok is false otherwise.
func readObject(v safejs.Value, key any) (safejs.Value, bool) {
	o, err := read(v, key)
	if err != nil || !isObject(o) {
		return safejs.Undefined(), false
	}
	return o, true
}

// readTrue reports whether v[key] is the boolean true (not merely truthy).
func readTrue(v safejs.Value, key any) bool {
	b, err := read(v, key)
	return err == nil && isTrue(b)
}

// jsTrue is JavaScript's true.
var jsTrue, _ = safejs.ValueOf(true)

// isTrue reports whether v is the boolean true. (Equal compares in Go alone; Value.Bool would
// allocate.)
func isTrue(v safejs.Value) bool { return v.Equal(jsTrue) }

// numberOf returns v when it is a number; ok is false otherwise.
func numberOf(v safejs.Value) (float64, bool) {
	if v.Type() != safejs.TypeNumber {
		return 0, false
	}
	f, err := v.Float()
	return f, err == nil
}

// path follows keys from the global object through objects only; ok is false as soon as a
// step is missing or not an object.
func path(keys ...string) (safejs.Value, bool) {
	v := builtins.global
	for _, k := range keys {
		next, ok := readObject(v, k)
		if !ok {
			return safejs.Undefined(), false
		}
		v = next
	}
	return v, true
}

// isArray reports whether v is a JavaScript array (Array.isArray, which never calls user code).
func isArray(v safejs.Value) bool {
	r, err := invoke(builtins.isArray, pass(v))
	return err == nil && isTrue(r)
}

// Errors of lengthOf.
var (
	errLengthType  = errors.New("the array's length is not a number")
	errLengthValue = errors.New("the array's length is not a whole number of 0 or more")
)

// lengthOf reads v[key] (key being "length", or keys.length) as an array length.
func lengthOf(v safejs.Value, key any) (int, error) {
	l, err := read(v, key)
	if err != nil {
		return 0, err
	}
	f, ok := numberOf(l)
	if !ok {
		return 0, errLengthType
	}
	if !(f >= 0) || f != float64(int(f)) {
		return 0, errLengthValue
	}
	return int(f), nil
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
