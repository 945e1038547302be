#!/usr/bin/env bash
# Installs axe-core, the accessibility engine of the browser tests (web/e2e), into
# web/e2e/a11y/node_modules with npm ci: the exact version web/e2e/a11y/package-lock.json pins,
# from the npm registry (or npm's cache), and no install scripts. Nothing happens when that
# version is already there. Without npm it says how to get it, and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=web/e2e/a11y
want=$(sed -n 's/^ *"axe-core": "\(.*\)".*/\1/p' "$dir/package.json" | head -1)
have=$(sed -n 's/^ *"version": "\(.*\)".*/\1/p' "$dir/node_modules/axe-core/package.json" 2>/dev/null | head -1 || true)
if [ -n "$want" ] && [ "$want" = "$have" ] && [ -f "$dir/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  scripts/need-npm.sh || {
    echo "need-axe: the accessibility tests need axe-core $want, installed with npm into $dir/node_modules. Install npm, then run scripts/need-axe.sh (or make test) again." >&2
    exit 1
  }
fi
echo "need-axe: installing axe-core $want into $dir/node_modules (npm ci)" >&2
if ! npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error >&2; then
  echo "need-axe: npm ci failed; the accessibility tests need axe-core $want from the npm registry (or npm's cache)." >&2
  exit 1
fi
