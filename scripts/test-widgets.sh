#!/usr/bin/env bash
# make test-widgets: the browser suite (web/e2e, Chromium) and the engine tier (web/engines:
# Chromium, Firefox, WebKit) against real Genesys Widgets builds, and the compatibility table.
# GENESYS_WIDGETS holds one folder or several, separated by ':' as in PATH; each folder holds
# a build (widgets.min.js, widgets.min.css, and plugins/ or i18n/ where the build has them).
# The stand-in runs too, as the first column, unless COMPAT_STANDIN=0. A build whose folder also
# holds the split deployment (cxbus.min.js and plugins/widgets-core.min.js) gets a second run
# of the browser suite on it, a column of its own ("VERSION split"). The table is printed and
# written to COMPAT_OUT (default web/e2e/COMPATIBILITY.md); after it, the output of every test
# that failed, and the folder where the runs' go test -json output is kept. The exit status is
# non-zero when any test failed on any build.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}

if [ -z "${GENESYS_WIDGETS:-}" ]; then
  cat >&2 <<'MSG'
test-widgets: GENESYS_WIDGETS is not set. It names the folder of a Genesys Widgets build
(widgets.min.js, widgets.min.css, plugins/ or i18n/), or several separated by ':'.
Your site's own build is the one that matters: copy the Widgets files it serves into a folder.
To try a public one: the repository panchts/LiveWebChatUI holds Genesys Widgets 9.0.018.07 at
commit acd143e96f30032052456f04f696606ad082c2a1 (git archive that commit into a folder that is
not committed, such as .widgets/9.0.018.07). Then run
  GENESYS_WIDGETS=.widgets/9.0.018.07 make test-widgets
The files are Genesys's: never commit them. README "Check chatclose against your Widgets build".
MSG
  exit 2
fi

IFS=':' read -r -a given <<< "$GENESYS_WIDGETS"
builds=()
for dir in "${given[@]}"; do
  if [ ! -f "$dir/widgets.min.js" ] || [ ! -f "$dir/widgets.min.css" ]; then
    echo "test-widgets: $dir holds no Genesys Widgets build (widgets.min.js and widgets.min.css)" >&2
    exit 2
  fi
  builds+=("$(cd "$dir" && pwd)") # the tests run in web/e2e
done
scripts/need-engines.sh # Chromium for web/e2e, and the engine tier's three engines
scripts/need-axe.sh     # axe-core for web/e2e's accessibility tests

out=${COMPAT_OUT:-web/e2e/COMPATIBILITY.md}
results=$(mktemp -d "${TMPDIR:-/tmp}/chatclose-test-widgets.XXXXXX")
pairs=()
run_suite() { # run_suite NAME FOLDER-or-empty
  local json="$results/$1.json"
  echo "test-widgets: the browser suite and the engine tier against ${2:-the stand-in}" >&2
  # -p 1: one package at a time; both drive browsers, on two cores.
  GENESYS_WIDGETS="$2" ENGINES_SUMMARY="$results/$1.engines" \
    "$GO" test -json -p 1 -count=1 -timeout 9m ./web/e2e/ ./web/engines/ > "$json" || true
  if [ -f "$results/$1.engines" ]; then cat "$results/$1.engines" >&2; fi
  pairs+=("${2:-stand-in}" "$json")
}
run_split() { # run_split NAME FOLDER: the browser suite on the build's split deployment
  local json="$results/$1.json"
  echo "test-widgets: the browser suite against the split deployment of $2" >&2
  GENESYS_WIDGETS="$2" GENESYS_WIDGETS_SPLIT=1 \
    "$GO" test -json -count=1 -timeout 9m ./web/e2e/ > "$json" || true
  pairs+=("split=$2" "$json")
}
if [ "${COMPAT_STANDIN:-1}" != 0 ]; then
  run_suite standin ""
fi
n=0
for dir in "${builds[@]}"; do
  n=$((n + 1))
  run_suite "build$n" "$dir"
  if [ -f "$dir/cxbus.min.js" ] && [ -f "$dir/plugins/widgets-core.min.js" ]; then
    run_split "build${n}split" "$dir"
  fi
done
rc=0
"$GO" run ./web/cmd/compat -out "$out" "${pairs[@]}" || rc=$?
if [ "$rc" -eq 0 ]; then
  rm -rf "$results"
else
  echo "test-widgets: every run's go test -json output is kept in $results" >&2
fi
exit "$rc"
