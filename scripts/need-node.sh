#!/usr/bin/env bash
# Makes sure Node.js is there: the GOOS=js tests run under it. As root it installs Debian's
# nodejs package when Node is missing; otherwise it says how, and fails.
set -euo pipefail
if command -v node >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "need-node: Node.js is missing; installing Debian's nodejs package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
  command -v node >/dev/null 2>&1 && exit 0
fi
echo "need-node: Node.js is required for the GOOS=js GOARCH=wasm tests. Install it (Debian: sudo apt-get install nodejs) and run make test again." >&2
exit 1
