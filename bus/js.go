//go:build js && wasm

package bus

// The one place bus/ imports syscall/js, and why: safejs v0.1.1 cannot hand back what a
// JavaScript exception threw. Its calls return a thrown value as syscall/js's js.Error, inside
// an unexported wrapper; its own safejs.Error type is never what a call returns and has no
// accessor (TestSafejsDefectThrownValueOnlyAsJSError). Naming a thrown value without the
// other defects (see safejs.go) needs the value itself, so thrownValue unwraps js.Error here.
// Everything else in bus/ reaches JavaScript through safejs.

import (
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// thrownValue returns the value a JavaScript exception threw, when err holds one.
func thrownValue(err error) (safejs.Value, bool) {
	for err != nil {
		if e, ok := err.(js.Error); ok {
			return safejs.Safe(e.Value), true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			break
		}
		err = u.Unwrap()
	}
	return safejs.Undefined(), false
}
