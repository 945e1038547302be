// Package bus is chatclose's only bridge to JavaScript: it finds CXBus, registers the
// ChatClose plugin, subscribes to events, sends commands with a timeout, publishes events,
// reads event payloads and page configuration, and logs to the console.
//
// Every file that touches JavaScript is built only for js/wasm. All calls go through the
// package's own primitives in js.go, which, like github.com/hack-pad/safejs, turn a JavaScript
// exception into a Go error; the shipped module does not link safejs, whose use of fmt costs
// about 83 KB brotli against issue 4's 600 KB budget (the fake CXBus in cxbustest, used only by
// tests, still uses safejs).
//
// Rules that hold throughout the package:
//
//   - Untrusted objects (event payloads, page configuration) are read only with
//     Reflect.get called as a function. Go's wasm_exec.js catches exceptions around calls but
//     not around property reads, so a throwing getter or a hostile Proxy read the plain way
//     would unwind through the Go runtime.
//   - Callbacks that JavaScript calls (subscribers, command settlement) recover from panics,
//     log the first one of each kind, and keep serving. They never block: anything that waits
//     runs in its own goroutine.
//   - No js.Func leaks: subscriptions hold one function each until Close, and all command
//     results are delivered through a single long-lived function bound per command.
//
// Functions that wait (FindCXBus, receiving from a command's result channel) must not be
// called from a JavaScript callback: the event loop would stop and the program deadlock.
package bus
