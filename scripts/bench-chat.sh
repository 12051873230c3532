#!/usr/bin/env bash
# Chat start-up and transcript write latency, in release.
#
#   scripts/bench-chat.sh
#
# 1. Time from launching `rebound chat --protocol jsonl` with 100 playbooks in its
#    directory (copies of late-delivery) to the first prompt event (best and median of 10).
# 2. Per-event cost of answering, with every event written and fsynced before the next
#    prompt: 2,000 rejected answers in one session.
source "$(dirname "$0")/bench-setup.sh"
mkdir -p "$work/playbooks" "$work/transcripts"
for i in $(seq 1 100); do
    sed "s/^playbook late-delivery/playbook p$i/" playbooks/late-delivery.playbook > "$work/playbooks/p$i.playbook"
done

python3 - "$bin" "$work" <<'PY'
import subprocess, sys, time
binary, work = sys.argv[1], sys.argv[2]
command = [binary, "chat", "--protocol", "jsonl", "--playbooks", f"{work}/playbooks", "--transcripts", f"{work}/transcripts"]
times = []
for _ in range(10):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    process.stdin.write(b'{"cmd":"start","playbook":"p50"}\n')
    process.stdin.flush()
    while b'"prompt"' not in process.stdout.readline():
        pass
    times.append(time.perf_counter() - start)
    process.stdin.close()
    process.wait()
times.sort()
print(f"launch to first prompt, 100 playbooks: best {times[0] * 1000:.1f} ms, median {times[5] * 1000:.1f} ms")
print(f"METRIC\tchat launch to first prompt, 100 playbooks (median)\t{times[5] * 1000:.1f}\tms")

lines = [b'{"cmd":"start","playbook":"p50"}', b'{"cmd":"answer","text":"Maria"}'] + [b'{"cmd":"answer","text":"bad"}'] * 2000
start = time.perf_counter()
subprocess.run(command, input=b"\n".join(lines) + b"\n", stdout=subprocess.DEVNULL, check=True)
elapsed = time.perf_counter() - start
print(f"2,000 answers, each event written and fsynced: {elapsed * 1000:.0f} ms, {elapsed / 2000 * 1000:.3f} ms per event")
print(f"METRIC\tchat event written and fsynced\t{elapsed / 2000 * 1000:.3f}\tms")
PY
