#!/usr/bin/env bash
# `rebound check` end to end, in release: 1,001 playbooks (the shipped ones, copied with
# new ids), about 45,000 lines; best of 5.
source "$(dirname "$0")/bench-setup.sh"
for i in $(seq 1 143); do
    for file in playbooks/*.playbook; do
        name=$(basename "$file" .playbook)
        sed "s/^playbook $name /playbook $name-$i /" "$file" > "$work/$name-$i.playbook"
    done
done
lines=$(cat "$work"/*.playbook | wc -l)
python3 - "$bin" "$work" "$lines" <<'PY'
import subprocess, sys, time
binary, work, lines = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run([binary, "check", work], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
best = min(times)
print(f"rebound check: {lines} lines in 1,001 playbooks, {best * 1000:.0f} ms, {lines / best:,.0f} lines/s")
print(f"METRIC\tcheck 1,001 playbooks ({lines:,} lines)\t{best * 1000:.0f}\tms")
PY
