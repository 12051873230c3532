#!/usr/bin/env bash
# Compiles the built-in phrase files (Sources/ReboundChecker/Phrases/*.phrases) to the
# checker's automaton, Sources/ReboundCheckerData/standard-phrases.automaton, which the
# program reads at start-up instead of compiling them. Run it after changing a phrase file
# (or the matcher's compiler); PrecompiledPhrasesTests fails until you do.
#
#   scripts/compile-phrases.sh
#
# The output depends only on the phrase files and the compiler: running it twice gives
# the same bytes. The build embeds whatever file is there, so a stale or damaged one still
# builds; the program then compiles the phrase files at start-up and lint warns.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product rebound >/dev/null
bin=$(swift build --product rebound --show-bin-path)/rebound
out=Sources/ReboundCheckerData/standard-phrases.automaton
# A phrase file with a mistake is named (file:line:col) and nothing is written.
if ! "$bin" phrase-automaton > "$out.new"; then
    rm -f "$out.new"
    exit 1
fi
mv "$out.new" "$out"
echo "compile-phrases: wrote $out ($(wc -c < "$out") bytes)"
