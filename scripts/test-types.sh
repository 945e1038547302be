#!/usr/bin/env bash
# Compiles web/types/usage.ts against the npm package's declarations (web/types/chatclose.d.ts)
# with the TypeScript compiler pinned in web/types/package-lock.json, installed with npm ci into
# web/types/node_modules (git-ignored) when missing or older than the lock. make test runs it.
set -euo pipefail
cd "$(dirname "$0")/../web/types"
if ! command -v npm >/dev/null 2>&1; then
  echo "test-types: npm is required to install the TypeScript compiler that checks chatclose.d.ts." >&2
  echo "test-types: run scripts/need-npm.sh (as root it installs Debian's npm; otherwise: sudo apt-get install npm), then make test again." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test-types: installing the pinned TypeScript compiler (npm ci in web/types)" >&2
  if ! npm ci --no-audit --no-fund --loglevel=error >&2; then
    echo "test-types: npm ci failed: the npm registry must be reachable the first time (or copy web/types/node_modules from a machine where it ran)." >&2
    exit 1
  fi
fi
node_modules/.bin/tsc -p .
echo "test-types: web/types/usage.ts compiles against chatclose.d.ts (TypeScript $(node_modules/.bin/tsc --version | cut -d' ' -f2))"
