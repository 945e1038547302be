//go:build js && wasm

package bus

import "github.com/hack-pad/safejs"

// newFunc makes a JavaScript function that runs fn, recovering a panic in it (logged once
// per where) so the Go runtime keeps serving: safejs.FuncOf does not recover. A recovered
// call returns undefined.
func newFunc(log *Logger, where string, fn func(args []safejs.Value) any) (safejs.Func, error) {
	f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (result any) {
		defer guard(log, where)
		return fn(args)
	})
	return f, jsError(err)
}

// arg returns args[i], or undefined.
func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}
