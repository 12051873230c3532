#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh TARGET SECONDS [JOBS]
#
# TARGET: playbook (parser + checks + fmt), test-file, transcript (reader + summaries),
# checker (reply checker), protocol (JSON-lines commands, CSV, amounts, keys, times).
# Inputs are at most 4 KB; one that takes more than a second counts as a hang.
# The corpus starts from the shipped playbooks, tests and transcript fixtures and grows
# in .build-fuzz/corpus/TARGET (kept between runs). A crash or hang is written to
# .build-fuzz/artifacts/TARGET/ and the script exits 1: minimise it, fix the bug, and add
# the input to Tests/ReboundCoreTests/Fuzz/Regressions/TARGET/ so `swift test` keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh playbook|test-file|transcript|checker|protocol SECONDS [JOBS]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [JOBS]}
jobs=${3:-1}
case $target in
    playbook) product=FuzzPlaybook ;;
    test-file) product=FuzzTestFile ;;
    transcript) product=FuzzTranscript ;;
    checker) product=FuzzChecker ;;
    protocol) product=FuzzProtocol ;;
    *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
swift build -c release --package-path Fuzz --scratch-path .build-fuzz/build --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld 2>&1 | grep -E "error|Compiling|Build" || true
binary=.build-fuzz/build/release/$product
[ -x "$binary" ] || { echo "fuzz.sh: build failed" >&2; exit 2; }

corpus=.build-fuzz/corpus/$target
artifacts=.build-fuzz/artifacts/$target
mkdir -p "$corpus" "$artifacts"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
case $target in
    playbook) cp playbooks/*.playbook Tests/ReboundCLITests/Golden/check/*.playbook "$seeds"/ ;;
    test-file) cp playbooks/*.test "$seeds"/ ;;
    transcript) cp Tests/ReboundCoreTests/Transcript/Fixtures/* "$seeds"/
                cp transcripts/*.jsonl "$seeds"/ 2>/dev/null || true ;;
    checker) cat Tests/ReboundCoreTests/Checker/Corpus/* | split -l 1 - "$seeds"/reply- ;;
    protocol) printf '%s\n' '{"cmd":"start","playbook":"late-delivery"}' > "$seeds"/start
              printf '%s\n' '{"cmd":"accept","rule":"RB201","reason":"asked"}' > "$seeds"/accept
              printf '%s\n' '{"cmd":"followup-snooze","id":3,"days":2}' > "$seeds"/snooze
              printf 'a,"b ""c""",d\r\n1,2,3\r\n' > "$seeds"/csv
              printf '1.250,00 EUR' > "$seeds"/amount ;;
esac
regressions=Tests/ReboundCoreTests/Fuzz/Regressions/$target
[ -d "$regressions" ] && cp "$regressions"/* "$seeds"/ 2>/dev/null || true

parallel=()
# With several jobs libFuzzer writes each one's log to fuzz-N.log in the current directory.
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
"$binary" "$corpus" "$seeds" -max_len=4096 -timeout=1 -rss_limit_mb=4096 -max_total_time="$seconds" \
    "${parallel[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    2>&1 | tee .build-fuzz/$target.log | grep -E "^#[0-9]+.*(INITED|DONE)|stat::|ERROR|SUMMARY|Test unit written" || true
if ls "$artifacts"/* >/dev/null 2>&1; then
    echo "fuzz.sh: $target found problems: $(ls "$artifacts")" >&2
    exit 1
fi
