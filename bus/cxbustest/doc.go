// Package cxbustest is a fake CXBus for tests that run under GOOS=js GOARCH=wasm (in Node).
//
// It is built from Go with safejs functions and installs itself as window.CXBus. It copies
// the behaviour of Genesys Widgets' CXBus that chatclose depends on (facts sheet, section 1):
// registerPlugin returns false for a taken name; subscribe returns the event name; every
// subscriber and every command handler runs in a task of its own (setTimeout 0), with the
// callback chosen at publish time; republished events are replayed to later subscribers;
// command returns a CXBus Deferred whose done/fail/always chain and run at once when already
// settled, and whose then registers callbacks but returns undefined; a command to a plugin
// that is not registered is rejected; a command that a ready plugin does not have never
// settles; commands to a plugin that is not ready yet wait for ready().
package cxbustest
