// Package chatclose holds what every part of chatclose must agree on: the release version.
// The WebAssembly module links it (ChatClose.ready, getState); the build tool (web/cmd/build)
// stamps it into the loader and writes it into every file it ships (the loader's header,
// integrity.json, package.json, INSTALL.md). web/e2e's TestVersionsAgree fails when any two
// of them disagree.
package chatclose

// Version is chatclose's version, in semantic versioning; CHANGELOG.md has one section for
// each. Change it here and nowhere else.
const Version = "0.3.0"
