#!/usr/bin/env bash
# Runs the browser benchmark (web/bench) and writes BENCHMARKS.md at the repository root:
# chatclose's per-event time against the Genesys sample's logic, memory, loading and bundle
# sizes, in headless Debian Chromium. Under a minute; not part of make test. Arguments go
# to the benchmark (-out FILE, -chromium PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-chromium.sh
exec go run ./web/bench -out BENCHMARKS.md "$@"
