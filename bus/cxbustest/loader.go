//go:build js && wasm

package cxbustest

import (
	"path/filepath"
	"testing"

	"github.com/hack-pad/safejs"
)

// LoadLoader runs the real loader, the file at path (web/chatclose.js), and the pre-filter
// beside it (chatclose-filter.js, which the loader loads once a page has a chat) in Node on a bare
// page: window is the global object, the document has no script elements, and CXBus is the
// fake (Install it first), which the loader registers the ChatClose plugin on at once. The
// loader's handoff object is then window.__chatcloseLoader, with its exports set to this
// module's WebAssembly exports, as the loader sets them once it has instantiated the module.
// The cleanup removes the handoff and the page.
func LoadLoader(tb testing.TB, path string) safejs.Value {
	tb.Helper()
	exports := Exports(tb)
	page := Eval(tb, `(() => {
		const had = "window" in globalThis;
		if (!had) globalThis.window = globalThis;
		globalThis.document = {currentScript: null, getElementsByTagName: () => [], createElement: () => { throw new Error("no DOM in this test"); }};
		return {undo() { delete globalThis.__chatcloseLoader; delete globalThis.document; if (!had) delete globalThis.window; }};
	})()`)
	tb.Cleanup(func() { _, _ = page.Call("undo") })
	fs, err := safejs.Global().Get("fs")
	if err != nil {
		tb.Fatal(err)
	}
	// The loader, then the pre-filter it loads beside wasm_exec.js once the page has a chat.
	for _, file := range []string{path, filepath.Join(filepath.Dir(path), "chatclose-filter.js")} {
		src, err := fs.Call("readFileSync", file, "utf8")
		if err != nil {
			tb.Fatalf("reading %s: %v", file, err)
		}
		if _, err := safejs.Global().Call("eval", src); err != nil {
			tb.Fatalf("running %s: %v", file, err)
		}
	}
	handoff, err := safejs.Global().Get("__chatcloseLoader")
	if err != nil || handoff.Type() != safejs.TypeObject {
		tb.Fatalf("the loader left no handoff object: %v", err)
	}
	if err := handoff.Set("exports", exports); err != nil {
		tb.Fatal(err)
	}
	return handoff
}

// Exports returns this module's WebAssembly exports (instance.exports). Node's runner keeps
// the instance to itself; wasm_exec.js's Go object holds it, and making a js.Func hands that
// object to Go.prototype._makeFuncWrapper, which Exports wraps for the moment.
func Exports(tb testing.TB) safejs.Value {
	tb.Helper()
	spy := Eval(tb, `(() => {
		const proto = globalThis.Go.prototype, make = proto._makeFuncWrapper;
		let go = null;
		proto._makeFuncWrapper = function (id) { go = this; return make.call(this, id); };
		return {done() { proto._makeFuncWrapper = make; return go && go._inst && go._inst.exports; }};
	})()`)
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return nil })
	if err != nil {
		tb.Fatal(err)
	}
	fn.Release()
	exports, err := spy.Call("done")
	if err != nil || exports.Type() != safejs.TypeObject {
		tb.Fatalf("could not find the module's exports: %v", err)
	}
	return exports
}
