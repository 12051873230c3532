#!/usr/bin/env bash
# Lint throughput, measured beside grep in one run on the same machine and text.
#
#   scripts/bench-lint.sh [REPLIES.jsonl] [COUNT]
#
# Builds 10,000 replies of 100-600 characters (default source: the real agent
# replies in ../shared/corpus/agent-replies.jsonl, cycled and cut to length), then
# times, best of 5 runs:
#   rebound lint --input jsonl --format json < replies.jsonl > /dev/null
#   grep -F -i -f phrases.txt replies.txt > /dev/null
#   proselint check replies.txt > /dev/null    (installed from PyPI into .build-bench/venv)
# and a 10 MB reply of one line holding 440,000 findings, in text and in JSON (wall time
# and peak memory: every output format must stay linear and streaming),
# where phrases.txt is every literal phrase the checker's matcher starts from
# ('rebound rules --phrases', first part of gapped phrases): grep is near the physical
# limit of phrase matching. Prints replies/s and the ratios. proselint is run once on all
# replies as one file (its start-up counted once), best of 3.
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=${1:-../shared/corpus/agent-replies.jsonl}
count=${2:-10000}
[ -f "$source_file" ] || { echo "bench-lint: no replies at '$source_file'" >&2; exit 2; }

swift build -c release --product rebound >/dev/null
bin=.build/release/rebound
venv=.build-bench/venv
if [ ! -x "$venv/bin/proselint" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q proselint >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$source_file" "$count" "$work" <<'PY'
import json, sys
source, count, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(line)["text"] for line in open(source, encoding="utf-8") if line.strip()]
replies, i = [], 0
while len(replies) < count:
    text = texts[i % len(texts)]
    # Join short replies with the next ones until 100 characters; cut long ones at 600.
    j = i + 1
    while len(text) < 100:
        text += " " + texts[j % len(texts)]
        j += 1
    replies.append(text[:600])
    i += 1
with open(f"{work}/replies.jsonl", "w", encoding="utf-8") as out:
    for n, text in enumerate(replies):
        out.write(json.dumps({"id": f"b{n:05d}", "text": text}, ensure_ascii=False) + "\n")
with open(f"{work}/replies.txt", "w", encoding="utf-8") as out:
    for text in replies:
        out.write(text.replace("\n", " ") + "\n")
sizes = [len(t) for t in replies]
print(f"replies: {len(replies)}, {min(sizes)}-{max(sizes)} characters, mean {sum(sizes)/len(sizes):.0f}")
PY

"$bin" rules --phrases | cut -f3 | sed 's/ \.\. .*//' | sort -u > "$work/phrases.txt"
# The issue's target compares with grep given "a few hundred phrases": every 75th of them.
awk 'NR % 75 == 1' "$work/phrases.txt" > "$work/phrases-few.txt"
echo "phrases for grep: $(wc -l < "$work/phrases.txt") (all), $(wc -l < "$work/phrases-few.txt") (a few hundred)"

python3 - "$bin" "$work" "$count" "$venv/bin/proselint" <<'PY'
import subprocess, sys, time
binary, work, count, proselint = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def best(command, stdin_path, runs=5):
    times = []
    for _ in range(runs):
        with open(stdin_path, "rb") as stdin:
            start = time.perf_counter()
            done = subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - start)
        # 0: nothing found, 1: findings; anything else means the tool did not run.
        if done.returncode not in (0, 1):
            sys.exit(f"bench-lint: {command[0]} failed: {done.stderr.decode(errors='replace')[:300]}")
    return min(times)
lint = best([binary, "lint", "--input", "jsonl", "--format", "json"], f"{work}/replies.jsonl")
grep = best(["grep", "-F", "-i", "-f", f"{work}/phrases.txt", f"{work}/replies.txt"], "/dev/null")
import os
c_locale = dict(os.environ, LC_ALL="C")
def best_c(command, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=c_locale)
        times.append(time.perf_counter() - start)
    return min(times)
grep_c = best_c(["grep", "-F", "-i", "-c", "-f", f"{work}/phrases.txt", f"{work}/replies.txt"])
print(f"LC_ALL=C grep -F -i -c -f (all phrases): {grep_c * 1000:9.1f} ms; rebound / that grep: {grep_c / lint:.2f}x")
print(f"METRIC\tLC_ALL=C grep -F -i -c -f, same replies (reference)\t{grep_c * 1000:.1f}\tms")
grep_few = best_c(["grep", "-F", "-i", "-c", "-f", f"{work}/phrases-few.txt", f"{work}/replies.txt"])
print(f"LC_ALL=C grep -F -i -c -f (a few hundred phrases): {grep_few * 1000:9.1f} ms; "
      f"rebound / that grep: {grep_few / lint:.2f}x")
print(f"METRIC\tLC_ALL=C grep -F -i -c -f, a few hundred phrases (reference)\t{grep_few * 1000:.1f}\tms")
prose = best([proselint, "check", f"{work}/replies.txt"], "/dev/null", runs=3)
print(f"rebound lint:  {lint * 1000:9.1f} ms  {count / lint:10.0f} replies/s")
print(f"grep -F -i -f: {grep * 1000:9.1f} ms  {count / grep:10.0f} replies/s")
print(f"proselint:     {prose * 1000:9.1f} ms  {count / prose:10.0f} replies/s")
print(f"rebound / grep throughput: {grep / lint:.2f}x; rebound / proselint: {prose / lint:.0f}x")
print(f"METRIC\tlint 10,000 replies\t{lint * 1000:.1f}\tms")
print(f"METRIC\tgrep -F -i -f, same replies (reference)\t{grep * 1000:.1f}\tms")
print(f"METRIC\tproselint, same replies (reference)\t{prose * 1000:.0f}\tms")
PY

# 100,000 real replies as they are (no joining or cutting), with the learned layer on.
python3 - "$source_file" "$work/real.jsonl" <<'PY'
import json, sys
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for n in range(100_000):
        out.write(json.dumps({"id": n, "text": texts[n % len(texts)]}, ensure_ascii=False) + "\n")
PY
python3 - "$bin" "$work/real.jsonl" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    with open(sys.argv[2], "rb") as stdin:
        start = time.perf_counter()
        subprocess.run([sys.argv[1], "lint", "--input", "jsonl", "--format", "json"], stdin=stdin,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
best = min(times)
print(f"rebound lint, 100,000 real replies: {best:.2f} s, {100_000 / best:,.0f} replies/s")
print(f"METRIC\tlint 100,000 real replies\t{best:.2f}\ts")
PY

# Start-up: one short reply, best of 20, beside a process that does nothing.
python3 - "$bin" <<'PY'
import subprocess, sys, time
def best(command, runs=20):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=b"Thanks, it ships today.", stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)
lint, version, nothing = best([sys.argv[1], "lint"]), best([sys.argv[1], "--version"]), best(["true"])
print(f"start-up: lint one reply {lint * 1000:.1f} ms, --version {version * 1000:.1f} ms, true {nothing * 1000:.1f} ms")
print(f"METRIC\tlint one short reply (start-up)\t{lint * 1000:.1f}\tms")
PY

# One 10 MB line with 440,000 findings: before the excerpt read a window of the line,
# text output was quadratic here (1,000 findings 3 s, 8,000 findings 166 s).
python3 -c "import sys; open(sys.argv[1], 'w').write('we were short-staffed. ' * 440000)" "$work/huge.txt"
for format in text json; do
    /usr/bin/time -o "$work/huge.time" -f "%e %M" "$bin" lint --format "$format" "$work/huge.txt" > /dev/null || true
    read -r seconds kilobytes < <(tail -n 1 "$work/huge.time")
    echo "rebound lint --format $format, 10 MB reply, 440,000 findings: $seconds s, $((kilobytes / 1024)) MB peak"
    printf 'METRIC\tlint 10 MB reply, 440,000 findings, %s\t%s\ts\n' "$format" "$seconds"
    printf 'METRIC\tlint 10 MB reply, peak memory, %s\t%s\tMB\n' "$format" "$((kilobytes / 1024))"
done
# Five times that, 50 MB, in JSON: it must finish without running out of memory.
python3 -c "import sys; open(sys.argv[1], 'w').write('we were short-staffed. ' * 2200000)" "$work/huger.txt"
/usr/bin/time -o "$work/huger.time" -f "%e %M" "$bin" lint --format json "$work/huger.txt" > /dev/null || true
read -r seconds kilobytes < <(tail -n 1 "$work/huger.time")
echo "rebound lint --format json, 50 MB reply, 2,200,000 findings: $seconds s, $((kilobytes / 1024)) MB peak"
printf 'METRIC\tlint 50 MB reply, json\t%s\ts\n' "$seconds"
printf 'METRIC\tlint 50 MB reply, peak memory, json\t%s\tMB\n' "$((kilobytes / 1024))"
