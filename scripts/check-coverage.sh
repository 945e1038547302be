#!/usr/bin/env bash
# check-coverage.sh PROFILE MIN: fails when the total statement coverage in a Go cover
# profile is below MIN percent.
set -euo pipefail
profile=$1 min=$2
total=$(go tool cover -func="$profile" | awk '/^total:/ {sub("%", "", $3); print $3}')
if [ -z "$total" ]; then
  echo "check-coverage: no total in $profile" >&2
  exit 1
fi
if awk -v t="$total" -v m="$min" 'BEGIN { exit !(t < m) }'; then
  echo "check-coverage: $profile covers $total% of statements, below the required $min%" >&2
  exit 1
fi
echo "check-coverage: $profile covers $total% of statements (required: $min%)"
