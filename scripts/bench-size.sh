#!/usr/bin/env bash
# Shows where chatclose.wasm's bytes go: the module built as make build builds it, its code
# and data sections (raw and brotli), and the code bytes of each Go package and of the
# largest functions, read with wasm-objdump from a build that keeps function names. Needs
# Debian's wabt (installed as root when missing). Sizes are compressed as make build compresses
# (web/cmd/compressedsize: gzip -9, brotli quality 11). TOP=n lists n functions (20).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wasm-objdump >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench-size: installing Debian's wabt for wasm-objdump" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null
  else
    echo "bench-size: needs wasm-objdump: sudo apt-get install wabt" >&2
    exit 1
  fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags='-s -w' -o "$tmp/shipped.wasm" ./wasm
GOOS=js GOARCH=wasm go build -trimpath -o "$tmp/named.wasm" ./wasm # same code, with a name section

go build -o "$tmp/compressedsize" ./web/cmd/compressedsize
read -r raw gz br < <("$tmp/compressedsize" <"$tmp/shipped.wasm")
printf 'chatclose.wasm: %d bytes raw, %d gzip -9, %d brotli -q 11\n' "$raw" "$gz" "$br"
# Each section on its own, raw and brotli (compressed alone, so the two do not add up exactly).
wasm-objdump -h "$tmp/shipped.wasm" | awk '$1 == "Code" || $1 == "Data" { print $1, $2, $3 }' |
  while read -r name start end; do
    s=$((${start#start=})) e=$((${end#end=}))
    printf '  %-4s section %9d bytes raw, %7d brotli\n' "$name" $((e - s)) \
      "$(tail -c +$((s + 1)) "$tmp/shipped.wasm" | head -c $((e - s)) | "$tmp/compressedsize" | cut -d' ' -f3)"
  done

wasm-objdump -x -j Code "$tmp/named.wasm" | sed -nE 's/.*size=([0-9]+) <(.*)>$/\1 \2/p' >"$tmp/funcs"
echo "code bytes by package (raw):"
# Names are mangled ("github.com_chatclose_chatclose_bus.__Plugin_.Subscribe"): the package is
# what comes before the first dot, after a leading host name such as github.com_.
awk '{ n = $2; host = ""
       if (n ~ /^[a-z0-9-]+\.[a-z]+_/) { k = index(n, "_"); host = substr(n, 1, k); n = substr(n, k + 1) }
       k = index(n, "."); sum[host (k ? substr(n, 1, k - 1) : n)] += $1 }
     END { for (p in sum) printf "%9d  %s\n", sum[p], p }' "$tmp/funcs" | sort -rn | head -25
echo "largest functions (raw):"
sort -rn "$tmp/funcs" | head -"${TOP:-20}" | awk '{ printf "%9d  %s\n", $1, $2 }'
