//go:build js && wasm

package cxbustest

import (
	"testing"

	"github.com/hack-pad/safejs"
)

// Eval evaluates a JavaScript expression and returns its value, to build test fixtures
// (Node has no Content Security Policy). It fails tb when the expression throws.
func Eval(tb testing.TB, src string) safejs.Value {
	tb.Helper()
	v, err := safejs.Global().Call("eval", "("+src+")")
	if err != nil {
		tb.Fatalf("evaluating %s: %v", src, err)
	}
	return v
}
