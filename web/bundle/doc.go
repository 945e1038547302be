// Package bundle is about what chatclose ships: Build builds the bundle (web/dist/) from the
// current source, and the package's tests are the size gate of the built bundle and the list
// of packages the WebAssembly module may not link (make test-size).
package bundle
