#!/usr/bin/env bash
# Author tools at scale, in release: 1,000 test scenarios through `rebound test`, and
# 1,000 recorded transcripts through `rebound replay`.
source "$(dirname "$0")/bench-setup.sh"
mkdir -p "$work/playbooks" "$work/transcripts" "$work/many"
cp playbooks/late-delivery.playbook "$work/playbooks/"

# 1,000 scenarios: the shipped late-delivery tests, repeated.
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
text = open("playbooks/late-delivery.test", encoding="utf-8").read()
header, _, body = text.partition("\ntest ")
body = "test " + body
tests = body.count('\ntest "') + 1
copies = -(-1000 // tests)
with open(f"{work}/playbooks/many.test", "w", encoding="utf-8") as out:
    out.write("playbook late-delivery\n\n")
    for _ in range(copies):
        out.write(body.rstrip("\n") + "\n\n")
print(f"scenarios: {copies * tests}")
PY

# 1,000 transcripts: one recorded session, copied.
printf 'Maria\n12345\n123456\ny\n2\nSorry for any inconvenience.\n.\nHi Maria, order 123456 is refunded today.\n.\n\n' |
    "$bin" chat late-delivery --playbooks "$work/playbooks" --transcripts "$work/transcripts" >/dev/null 2>&1
one=$(ls "$work"/transcripts/*.jsonl)
for i in $(seq -w 1 1000); do cp "$one" "$work/many/s$i.jsonl"; done

python3 - "$bin" "$work" <<'PY'
import subprocess, sys, time
binary, work = sys.argv[1], sys.argv[2]
def best(command):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times)
tests = best([binary, "test", f"{work}/playbooks/many.test"])
count = sum(1 for line in open(f"{work}/playbooks/many.test") if line.startswith("test "))
print(f"rebound test: {count} scenarios in {tests * 1000:.0f} ms, {count / tests:.0f} scenarios/s")
print(f"METRIC\ttest {count} scenarios\t{tests * 1000:.0f}\tms")
replay = best([binary, "replay", f"{work}/many", "--playbook", f"{work}/playbooks/late-delivery.playbook"])
print(f"rebound replay: 1000 transcripts in {replay * 1000:.0f} ms, {1000 / replay:.0f} transcripts/s")
print(f"METRIC\treplay 1,000 transcripts\t{replay * 1000:.0f}\tms")
PY
