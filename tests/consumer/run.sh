#!/usr/bin/env bash
# Builds tiny outside projects against assay: the installed CMake package
# (C++17 and C++20), add_subdirectory, and pkg-config. Prints one line per
# check and a closing "N passed, N failed" line.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
run() {
  local name="$1"; shift
  if ( "$@" ) >"$work/$name.log" 2>&1; then
    echo "consumer ${name}: ok"; passed=$((passed + 1))
  else
    echo "consumer ${name}: FAILED"; tail -30 "$work/$name.log"; failed=$((failed + 1))
  fi
}

install_tree() {
  cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$work/prefix" -DASSAY_BUILD_TESTS=OFF \
        -DASSAY_BUILD_EXAMPLES=OFF -DASSAY_BUILD_BENCHMARKS=OFF
  cmake --build "$work/build"
  cmake --install "$work/build"
  test -f "$work/prefix/include/assay/assay.hpp"
  test -f "$work/prefix/share/cmake/assay/assayConfig.cmake"
  test -f "$work/prefix/share/cmake/assay/assayConfigVersion.cmake"
  test -f "$work/prefix/share/pkgconfig/assay.pc"
}
find_package_std() {
  local std="$1"
  cmake -S "$src/tests/consumer/find_package" -B "$work/fp$std" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_STANDARD="$std" -DCMAKE_PREFIX_PATH="$work/prefix"
  cmake --build "$work/fp$std"
  "$work/fp$std/app"
  if [ -x "$work/fp$std/app_xtensor" ]; then "$work/fp$std/app_xtensor"; fi
}
add_subdirectory_std() {
  local std="$1"
  cmake -S "$src/tests/consumer/add_subdirectory" -B "$work/as$std" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_STANDARD="$std" -DASSAY_SOURCE_DIR="$src"
  cmake --build "$work/as$std"
  "$work/as$std/app"
}
pkg_config() {
  export PKG_CONFIG_PATH="$work/prefix/share/pkgconfig"
  g++ -std=c++17 $(pkg-config --cflags assay) "$src/tests/consumer/app.cpp" -o "$work/pc_app"
  "$work/pc_app"
}

run install install_tree
run find_package_cxx17 find_package_std 17
run find_package_cxx20 find_package_std 20
run add_subdirectory_cxx17 add_subdirectory_std 17
run add_subdirectory_cxx20 add_subdirectory_std 20
run pkg_config pkg_config
echo "consumer: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
