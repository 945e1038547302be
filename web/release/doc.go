//go:build !js

// Package release builds what chatclose ships, in Go, with no command-line tool but go:
//
//   - Build writes the bundle (web/dist/ for make build): the WebAssembly module, the Go
//     toolchain's wasm_exec.js, the pre-filter web/chatclose-filter.js and the loader
//     web/chatclose.js minified by esbuild with their source maps, the version and the
//     Subresource Integrity hashes of the three files the loader loads stamped in through
//     esbuild's define; beside each file a gzip and a brotli copy, and integrity.json. Two
//     builds of one source give the same bytes.
//   - Dist writes the release an integrator uses without Go (make dist): a folder with the
//     bundle, LICENSE and INSTALL.md, its tar.gz, and an npm package packed by npm pack.
//
// web/cmd/build is the command; web/bundle and web/e2e build through it too.
package release
