#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (web/e2e). When it is missing
# and we are root, it installs the chromium package; otherwise it says how and fails. A test
# tool's own browser download does not work on these machines, so nothing else is tried.
# CHROMIUM overrides the path (default /usr/bin/chromium).
set -euo pipefail
browser=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "need-chromium: $browser is missing; installing Debian's chromium package (about 170 MB)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$browser" ] && exit 0
  echo "need-chromium: apt-get installed chromium, but $browser is still missing" >&2
  exit 1
fi
echo "need-chromium: the browser tests need Chromium at $browser. Install it with" >&2
echo "  sudo apt-get install chromium" >&2
echo "or point CHROMIUM at a Chromium binary, then run make test again." >&2
exit 1
