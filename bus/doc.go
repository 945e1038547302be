// Package bus is chatclose's only bridge to JavaScript: it finds CXBus, registers the
// ChatClose plugin, subscribes to events, sends commands with a timeout, publishes events,
// reads event payloads and page configuration, and logs to the console.
//
// Every file that touches JavaScript is built only for js/wasm. All of them reach it through
// github.com/hack-pad/safejs: safejs.Value, safejs.Func, and the errors safejs returns for
// a JavaScript exception. The defects of safejs v0.1.1 are worked around in one place,
// safejs.go, each with a test that fails once a release fixes it; js.go is the one file that
// imports syscall/js, for the one thing safejs cannot do (hand back a thrown value).
//
// Rules that hold throughout the package:
//
//   - Untrusted objects (event payloads, page configuration) are read only with
//     Reflect.get called through safejs's Invoke. Go's wasm_exec.js catches exceptions around
//     calls but not around property reads, so a throwing getter or a hostile Proxy read with
//     safejs's Value.Get would unwind through the Go runtime.
//   - Errors are printable: a thrown string, number or symbol is named by its type, never
//     left to the Error method of safejs's error, which panics for them.
//   - Callbacks that JavaScript calls (subscribers, command settlement) recover from panics,
//     log the first one of each kind, and keep serving. They never block: anything that waits
//     runs in its own goroutine.
//   - No js.Func leaks: subscriptions hold one function each until Close, and all command
//     results are delivered through a single long-lived function bound per command.
//
// Functions that wait (FindCXBus, receiving from a command's result channel) must not be
// called from a JavaScript callback: the event loop would stop and the program deadlock.
package bus
