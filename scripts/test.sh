#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test in the three
# configurations CI runs: C++17 GCC Release (warnings as errors, every header
# compiled alone, benchmarks built), C++20 GCC Release, and C++17 Clang Debug
# with AddressSanitizer + UndefinedBehaviorSanitizer. Prints each
# configuration's reference-case tallies and build and test times.
# Usage: bash scripts/test.sh [preset...]   (default: release cxx20 asan)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(release cxx20 asan)
passed=0
failed=0
for preset in "${presets[@]}"; do
  echo "=== ${preset} ==="
  start=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  built=$(date +%s)
  status=0
  ctest --preset "$preset" || status=$?
  finished=$(date +%s)
  dir="build/${preset}/Testing/Temporary"
  grep -h '^reference [a-z_]*: ' "${dir}/LastTest.log" | sort -u | sed "s/^/[${preset}] /" || true
  total=$(ctest --preset "$preset" -N | sed -n 's/^Total Tests: \([0-9]*\)$/\1/p')
  n_failed=0
  if [ "$status" -ne 0 ]; then
    n_failed=$(wc -l < "${dir}/LastTestsFailed.log" 2>/dev/null || echo "${total}")
    echo "[${preset}] FAILED"
  fi
  passed=$((passed + total - n_failed))
  failed=$((failed + n_failed))
  echo "[${preset}] build $((built - start)) s, tests $((finished - built)) s"
done
echo "tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
