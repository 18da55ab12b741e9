#!/usr/bin/env bash
# Installs what is missing, builds the demo and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset demo >/dev/null
cmake --build --preset demo
./build/demo/examples/demo "$@"
