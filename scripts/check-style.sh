#!/usr/bin/env bash
# Fails when gofmt would change a file or go vet complains, natively or for js/wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(gofmt -l $(find . -name '*.go' -not -path './.git/*' -not -path './web/dist/*'))
if [ -n "$unformatted" ]; then
  echo "check-style: gofmt would change:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
GOOS=js GOARCH=wasm go vet ./...
echo "check-style: gofmt and go vet (native, js/wasm) are clean"
