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
# No build output is committed: no tracked file over 1 MB, and no executable binary (ELF or
# WebAssembly). .gitignore keeps the usual ones out; this catches a forced add.
big=$(git ls-files -z 2>/dev/null | xargs -0 -r stat -c '%s %n' 2>/dev/null | awk '$1 > 1048576 {print}')
if [ -n "$big" ]; then
  echo "check-style: files over 1 MB are committed (build outputs belong in .gitignore):" >&2
  echo "$big" >&2
  exit 1
fi
binaries=$(git ls-files -z 2>/dev/null | xargs -0 -r -n 64 sh -c 'for f; do [ -f "$f" ] && head -c 4 "$f" | od -An -tx1 | tr -d " \n" | grep -qE "^(7f454c46|0061736d)" && echo "$f"; done; true' sh)
if [ -n "$binaries" ]; then
  echo "check-style: binaries are committed (build outputs belong in .gitignore):" >&2
  echo "$binaries" >&2
  exit 1
fi
go vet ./...
GOOS=js GOARCH=wasm go vet ./...
echo "check-style: gofmt and go vet (native, js/wasm) are clean; no binary or file over 1 MB is committed"
