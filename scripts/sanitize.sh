#!/usr/bin/env bash
# The whole test suite under AddressSanitizer, then ThreadSanitizer (separate build
# folders, so the normal build is untouched).
#
#   scripts/sanitize.sh [address|thread]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(address thread)
# Leaks inside XCTest and Foundation.Process are the toolchain's; see lsan.supp.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
for kind in "${kinds[@]}"; do
    echo "== swift test --sanitize=$kind" >&2
    REBOUND_SANITIZER=$kind swift test --sanitize="$kind" --scratch-path ".build-$kind"
done
