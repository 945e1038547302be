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
# The loader is what every page pays for, chat or not: ship it without comments and indentation.
awk -f scripts/strip-js.awk web/chatclose.js >"$dist/chatclose.js"
if command -v node >/dev/null 2>&1 && ! node --check "$dist/chatclose.js"; then
  echo "build: the stripped loader is not valid JavaScript; see scripts/strip-js.awk" >&2
  exit 1
fi
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

# ---- Subresource Integrity (keep this step last: it changes chatclose.js) ----
# The loader fetches wasm_exec.js and chatclose.wasm with their sha384 hashes, stamped into the
# bundle's copy of chatclose.js (the source keeps `var INTEGRITY = {};`). A page that pins
# chatclose.js with the integrity attribute from integrity.json so pins all three files: the
# hashes the loader trusts are inside the bytes the page checked. integrity.json is for people
# and deploy scripts; nothing fetches it at run time.
sri() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$1" | openssl base64 -A)"; }
marker='^  var INTEGRITY = {};'
if [ "$(grep -c "$marker" "$dist/chatclose.js")" != 1 ]; then
  echo "build: web/chatclose.js must hold the line \`  var INTEGRITY = {};\` exactly once (the integrity stamp)" >&2
  exit 1
fi
stamp="  var INTEGRITY = {'wasm_exec.js': '$(sri "$dist/wasm_exec.js")', 'chatclose.wasm': '$(sri "$dist/chatclose.wasm")'};"
sed -i "s|$marker.*|$stamp|" "$dist/chatclose.js"
# Compressed copies made before the stamp would serve the unstamped loader: make them again.
for f in chatclose.js chatclose.wasm wasm_exec.js; do
  if [ -f "$dist/$f.gz" ] && ! gzip -dc "$dist/$f.gz" | cmp -s - "$dist/$f"; then gzip -9 -n -c "$dist/$f" >"$dist/$f.gz"; fi
  if [ -f "$dist/$f.br" ] && ! brotli -dc "$dist/$f.br" | cmp -s - "$dist/$f"; then brotli -q 11 -f -o "$dist/$f.br" "$dist/$f"; fi
done
js=$(sri "$dist/chatclose.js")
cat >"$dist/integrity.json" <<JSON
{
  "algorithm": "sha384",
  "files": {
    "chatclose.js": "$js",
    "chatclose.wasm": "$(sri "$dist/chatclose.wasm")",
    "wasm_exec.js": "$(sri "$dist/wasm_exec.js")"
  },
  "snippet": "<script src=\"https://your.site/chatclose/chatclose.js\" integrity=\"$js\" crossorigin=\"anonymous\"></script>"
}
JSON
echo "build: integrity.json written; the script tag for a page that pins the bundle:"
echo "  <script src=\"https://your.site/chatclose/chatclose.js\" integrity=\"$js\" crossorigin=\"anonymous\"></script>"
