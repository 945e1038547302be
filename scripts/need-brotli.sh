#!/usr/bin/env bash
# Makes sure the brotli command is there: make build writes a .br copy of every bundle file
# with it (brotli -q 11), beside the .gz one. When it is missing and we are root, it installs
# Debian's brotli package; otherwise it says how and fails.
set -euo pipefail
if command -v brotli >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "need-brotli: brotli is missing; installing Debian's brotli package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null
  command -v brotli >/dev/null 2>&1 && exit 0
  echo "need-brotli: apt-get installed brotli, but the brotli command is still missing" >&2
  exit 1
fi
echo "need-brotli: make build compresses the bundle with brotli. Install it with" >&2
echo "  sudo apt-get install brotli" >&2
echo "then run make build again." >&2
exit 1
