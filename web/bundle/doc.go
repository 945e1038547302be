// Package bundle holds the checks on what chatclose ships: the size gate of the built bundle
// (web/dist/) and the packages the WebAssembly module may not link. It has only tests; make
// test runs them (make test-size).
package bundle
