#!/usr/bin/env bash
# Runs the GOOS=js GOARCH=wasm tests under Node with Go's own runner
# ($(go env GOROOT)/lib/wasm/go_js_wasm_exec). The environment is cut down to what the tests
# need: wasm_exec copies the whole environment into about 8 KB of the module's memory and
# refuses to start when it does not fit, which large CI environments hit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-node.sh
goroot=$(go env GOROOT)
runner_dir="$goroot/lib/wasm"
[ -x "$runner_dir/go_js_wasm_exec" ] || runner_dir="$goroot/misc/wasm"
exec env -i \
  PATH="$runner_dir:$(dirname "$(command -v go)"):$(dirname "$(command -v node)"):/usr/bin:/bin" \
  HOME="${HOME:-/tmp}" \
  GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOPATH="$(go env GOPATH)" \
  GOPROXY="$(go env GOPROXY)" GOFLAGS="$(go env GOFLAGS)" GOTOOLCHAIN=local \
  GOOS=js GOARCH=wasm \
  go test "$@"
