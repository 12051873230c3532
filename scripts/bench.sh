#!/usr/bin/env bash
# Every end-to-end benchmark in one run, as a table beside the stored baseline.
#
#   scripts/bench.sh            run, print the table; exit 1 if a path is > 10% slower
#   scripts/bench.sh --update   run and store the results as the new baseline
#
# Runs scripts/bench-{check,lint,chat,authoring,review,ledger,lsp}.sh (release builds). Each
# prints METRIC lines (name, value, unit; lower is better); the baseline is
# scripts/bench-baseline.tsv. A path that looks more than 10% slower is measured again
# (its script runs once more and the better value counts) before it is reported: on a
# shared VM single runs of short paths vary by ±15%. Reference tools (grep, proselint)
# are shown but never fail the run. The in-process micro-benchmarks live in Benchmarks/
# (swift package benchmark). Compare runs on the same machine (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=scripts/bench-baseline.tsv
results=$(mktemp)
trap 'rm -f "$results"' EXIT

measure() {
    echo "== bench-$1" >&2
    scripts/bench-$1.sh 2>/dev/null | tee /dev/stderr | grep '^METRIC' | cut -f2- | sed "s/^/$1\t/" >> "$results"
}

compare() {
    python3 - "$results" "$baseline" "$1" <<'PY'
import sys
results, baseline_path, mode = sys.argv[1:4]
best = {}
order = []
for line in open(results):
    script, name, value, unit = line.rstrip("\n").split("\t")
    if name not in best:
        order.append(name)
        best[name] = (script, float(value), value, unit)
    elif float(value) < best[name][1]:
        best[name] = (script, float(value), value, unit)
stored = {}
try:
    for line in open(baseline_path):
        if line.startswith("#") or not line.strip():
            continue
        name, value, unit = line.rstrip("\n").split("\t")
        stored[name] = float(value)
except FileNotFoundError:
    pass
slower = sorted({best[name][0] for name in order
                 if stored.get(name) and best[name][1] > stored[name] * 1.10 and "(reference)" not in name})
if mode == "scripts":
    print(" ".join(slower))
    sys.exit(0)
width = max(len(name) for name in order)
print(f"{'benchmark':<{width}}  {'now':>10}  {'baseline':>10}  change")
count = 0
for name in order:
    _, number, value, unit = best[name]
    before = stored.get(name)
    change = ""
    if before:
        ratio = number / before - 1
        change = f"{ratio:+.0%}"
        if ratio > 0.10 and "(reference)" not in name:
            change += "  SLOWER"
            count += 1
    shown = f"{before:g} {unit}" if before else "—"
    print(f"{name:<{width}}  {value + ' ' + unit:>10}  {shown:>10}  {change}")
if count:
    print(f"\n{count} path(s) more than 10% slower than the baseline, measured twice.")
    sys.exit(1)
PY
}

for script in check lint chat authoring review ledger lsp; do measure "$script"; done
if [ "${1:-}" = "--update" ]; then
    {
        echo "# Baseline for scripts/bench.sh: name, value, unit. Machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)."
        cut -f2- "$results"
    } > "$baseline"
    echo "baseline written to $baseline" >&2
else
    for script in $(compare scripts); do measure "$script"; done
fi
compare table
