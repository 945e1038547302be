#!/usr/bin/env bash
# Builds the deployable bundle into web/dist/: chatclose.js (the loader), chatclose.wasm and
# the wasm_exec.js of the Go toolchain that built it (never a committed copy, which would go
# stale with the next Go release). DIST=dir writes the bundle there instead (the browser tests
# build their own copy).
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${DIST:-web/dist}
goroot=$(go env GOROOT)
wasm_exec="$goroot/lib/wasm/wasm_exec.js"
[ -f "$wasm_exec" ] || wasm_exec="$goroot/misc/wasm/wasm_exec.js" # Go before 1.24
if [ ! -f "$wasm_exec" ]; then
  echo "build: wasm_exec.js not found under $goroot (lib/wasm or misc/wasm); is this a complete Go installation?" >&2
  exit 1
fi

mkdir -p "$dist"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp/chatclose.wasm" ./wasm
cp "$tmp/chatclose.wasm" "$dist/chatclose.wasm"
cp "$wasm_exec" "$dist/wasm_exec.js"
cp web/chatclose.js "$dist/chatclose.js"
# Compressed copies from an earlier build would no longer match.
rm -f "$dist"/*.br "$dist"/*.gz

echo "build: $(go version | cut -d' ' -f3) → $dist/"
for f in chatclose.js chatclose.wasm wasm_exec.js; do
  printf '  %-16s %9d bytes\n' "$f" "$(wc -c <"$dist/$f")"
done

# ---- Compressed copies: what servers send to browsers that accept them ----
# Every bundle file gets a .gz (gzip -9 -n: no name or time inside, so builds are
# reproducible) and a .br (brotli -q 11) beside it; web/sandbox serves them with
# Content-Encoding, and so can any server that serves precompressed files.
scripts/need-brotli.sh
echo "build: compressed copies (gzip -9, brotli -q 11):"
for f in chatclose.js chatclose.wasm wasm_exec.js; do
  gzip -9 -n -c "$dist/$f" >"$dist/$f.gz"
  brotli -q 11 -f -o "$dist/$f.br" "$dist/$f"
  printf '  %-16s %9d gzip %9d brotli\n' "$f" "$(wc -c <"$dist/$f.gz")" "$(wc -c <"$dist/$f.br")"
done
