#!/usr/bin/env bash
# Makes sure npm is there: make dist packs the npm package with npm pack, and the browser
# tests install that package with npm install (both offline). As root it installs Debian's npm
# package when npm is missing; otherwise it says how, and fails.
set -euo pipefail
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "need-npm: npm is missing; installing Debian's npm package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  command -v npm >/dev/null 2>&1 && exit 0
fi
echo "need-npm: npm is required for make dist and the browser tests. Install it (Debian: sudo apt-get install npm) and run the command again." >&2
exit 1
