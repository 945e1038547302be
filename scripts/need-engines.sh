#!/usr/bin/env bash
# Makes sure the engine tier's browsers (web/engines) are there: Debian's chromium,
# firefox-esr (Firefox ESR, driven over WebDriver BiDi by its own remote agent) and
# webkit2gtk-driver (WebKitWebDriver and WebKitGTK's MiniBrowser), with xvfb for WebKit's
# display. As root it installs whichever packages are missing (apt-get update first);
# otherwise it says how, and fails. Nothing downloads a browser or a driver of its own.
# CHROMIUM, FIREFOX, WEBKIT_WEBDRIVER, MINIBROWSER and XVFB override the paths.
set -euo pipefail
declare -A package=(
  ["${CHROMIUM:-/usr/bin/chromium}"]=chromium
  ["${FIREFOX:-/usr/bin/firefox-esr}"]=firefox-esr
  ["${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}"]=webkit2gtk-driver
  ["${MINIBROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}"]=webkit2gtk-driver
  ["${XVFB:-/usr/bin/Xvfb}"]=xvfb
)
missing() {
  local path out=()
  for path in "${!package[@]}"; do
    [ -x "$path" ] || out+=("${package[$path]}")
  done
  printf '%s\n' "${out[@]}" | sort -u | grep . || true
}
need=$(missing)
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "need-engines: installing Debian's $(echo $need) for the engine tier (a few hundred MB)" >&2
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  need=$(missing)
  [ -z "$need" ] && exit 0
  echo "need-engines: apt-get ran, but these are still missing: $(echo $need)" >&2
  exit 1
fi
echo "need-engines: the engine tier (web/engines) needs Debian's $(echo $need). Install them with" >&2
echo "  sudo apt-get update && sudo apt-get install $(echo $need)" >&2
echo "or point CHROMIUM, FIREFOX, WEBKIT_WEBDRIVER, MINIBROWSER and XVFB at the binaries, then run make test again." >&2
exit 1
