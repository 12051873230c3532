#!/usr/bin/env bash
# Every end-to-end benchmark in one run, as a table beside the stored baseline.
#
#   scripts/bench.sh            run, print the table; exit 1 if a path is > 10% slower
#   scripts/bench.sh --update   run and store the results as the new baseline
#
# Runs scripts/bench-{check,lint,chat,authoring,review,ledger}.sh (release builds). Each
# prints METRIC lines (name, value, unit; lower is better); the baseline is
# scripts/bench-baseline.tsv. Reference tools (grep, proselint) are shown but never fail
# the run. The in-process micro-benchmarks live in Benchmarks/ (swift package benchmark).
# Figures depend on the machine: compare runs on the same one (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=scripts/bench-baseline.tsv
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for script in check lint chat authoring review ledger; do
    echo "== bench-$script" >&2
    scripts/bench-$script.sh 2>/dev/null | tee /dev/stderr | grep '^METRIC' | cut -f2- >> "$results"
done
if [ "${1:-}" = "--update" ]; then
    {
        echo "# Baseline for scripts/bench.sh: name, value, unit. Machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)."
        cat "$results"
    } > "$baseline"
    echo "baseline written to $baseline" >&2
fi
python3 - "$results" "$baseline" <<'PY'
import sys
current = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
stored = {}
try:
    for line in open(sys.argv[2]):
        if line.startswith("#") or not line.strip():
            continue
        name, value, unit = line.rstrip("\n").split("\t")
        stored[name] = float(value)
except FileNotFoundError:
    pass
width = max(len(name) for name, _, _ in current)
print(f"{'benchmark':<{width}}  {'now':>10}  {'baseline':>10}  change")
slower = []
for name, value, unit in current:
    before = stored.get(name)
    change = ""
    if before:
        ratio = float(value) / before - 1
        change = f"{ratio:+.0%}"
        if ratio > 0.10 and "(reference)" not in name:
            change += "  SLOWER"
            slower.append(name)
    shown = f"{before:g} {unit}" if before else "—"
    print(f"{name:<{width}}  {value + ' ' + unit:>10}  {shown:>10}  {change}")
if slower:
    print(f"\n{len(slower)} path(s) more than 10% slower than the baseline.")
    sys.exit(1)
PY
