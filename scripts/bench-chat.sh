#!/usr/bin/env bash
# Chat start-up and transcript write latency, in release.
#
#   scripts/bench-chat.sh
#
# 1. Time from launching `rebound chat --protocol jsonl` to the first prompt event, with
#    100 playbooks in its directory (copies of late-delivery) and a ledger of 100,000
#    customers (100,000 recoveries and follow-ups, a third of them open, 10,000 red
#    carpets; the agent has 667 follow-ups due, so the start reminder is shown): median
#    and best of 21, side by side in the same rounds with one playbook, and with
#    `rebound --version` as the reference (the process start every command pays).
# 2. Per-event cost of answering, with every event written and fsynced before the next
#    prompt: 2,000 rejected answers in one session.
source "$(dirname "$0")/bench-setup.sh"
mkdir -p "$work/playbooks" "$work/one" "$work/transcripts"
for i in $(seq 1 100); do
    sed "s/^playbook late-delivery/playbook p$i/" playbooks/late-delivery.playbook > "$work/playbooks/p$i.playbook"
done
cp "$work/playbooks/p50.playbook" "$work/one/"

python3 scripts/make-ledger-csv.py "$work/csv"
"$bin" ledger import "$work/csv" --ledger "$work/ledger.sqlite" >/dev/null

python3 - "$bin" "$work" <<'PY'
import os, statistics, subprocess, sys, time
binary, work = sys.argv[1], sys.argv[2]
env = dict(os.environ, REBOUND_LEDGER=f"{work}/ledger.sqlite", REBOUND_AGENT="a7", REBOUND_NOW="2026-11-23T09:00:00Z")
def command(playbooks):
    return [binary, "chat", "--protocol", "jsonl", "--playbooks", playbooks, "--transcripts", f"{work}/transcripts"]
def first_prompt(playbooks):
    start = time.perf_counter()
    process = subprocess.Popen(command(playbooks), stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    process.stdin.write(b'{"cmd":"start","playbook":"p50"}\n')
    process.stdin.flush()
    reminded = False
    while True:
        line = process.stdout.readline()
        assert line, "the chat ended before its first prompt"
        reminded = reminded or b'"event":"followups"' in line
        if b'"prompt"' in line:
            break
    elapsed = time.perf_counter() - start
    assert reminded, "no follow-up reminder before the first prompt"
    process.stdin.close()
    process.wait()
    return elapsed
def version():
    start = time.perf_counter()
    subprocess.run([binary, "--version"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
# Interleaved, so that a noisy moment on a shared machine hits every path alike.
paths = {
    "chat launch to first prompt, 100 playbooks, 100k-customer ledger": lambda: first_prompt(f"{work}/playbooks"),
    "chat launch to first prompt, 1 playbook, 100k-customer ledger": lambda: first_prompt(f"{work}/one"),
    "rebound --version (reference)": version,
}
times = {name: [] for name in paths}
for _ in range(21):
    for name, run in paths.items():
        times[name].append(run())
for name, values in times.items():
    values.sort()
    print(f"{name}: median {statistics.median(values) * 1000:.1f} ms, best {values[0] * 1000:.1f} ms")
    print(f"METRIC\t{name} (median)\t{statistics.median(values) * 1000:.1f}\tms")

lines = [b'{"cmd":"start","playbook":"p50"}', b'{"cmd":"answer","text":"Maria"}'] + [b'{"cmd":"answer","text":"bad"}'] * 2000
start = time.perf_counter()
subprocess.run(command(f"{work}/playbooks"), input=b"\n".join(lines) + b"\n", stdout=subprocess.DEVNULL, env=env, check=True)
elapsed = time.perf_counter() - start
print(f"2,000 answers, each event written and fsynced: {elapsed * 1000:.0f} ms, {elapsed / 2000 * 1000:.3f} ms per event")
print(f"METRIC\tchat event written and fsynced\t{elapsed / 2000 * 1000:.3f}\tms")
PY

# 3. `/fix` (protocol: apply every fix, check the result, record it) and `/edit` (text
#    chat: the draft through $EDITOR, here a sed command that swaps one word, checked and
#    recorded again) from the command written to its findings read; the editor alone (the
#    same sed on the same file, through sh) is the reference. Median of 41, each after a
#    warm-up draft, so the checker is already built.
python3 - "$bin" "$work" <<'PY'
import os, select, statistics, subprocess, sys, tempfile, time
binary, work = sys.argv[1], sys.argv[2]
editor = "sed -i -e s/Thanks/Cheers/ -e t -e s/Cheers/Thanks/"
env = dict(os.environ, REBOUND_LEDGER=f"{work}/ledger.sqlite", REBOUND_AGENT="a7", EDITOR=editor, VISUAL="")
base = [binary, "chat", "--playbooks", f"{work}/playbooks", "--transcripts", f"{work}/transcripts"]
answers = ["Maria", "123456", "y", "2"]
draft = "Hi Maria, we were short-staffed and the courier lost it. Sorry again! Thanks"

def read_until(process, marker, buffer=b""):
    while marker not in buffer:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, f"no {marker!r} within 30 s"
        chunk = os.read(process.stdout.fileno(), 65536)
        assert chunk, "the chat ended early"
        buffer += chunk
    return buffer[buffer.index(marker) + len(marker):]

protocol = subprocess.Popen(base + ["--protocol", "jsonl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
def send(process, text):
    process.stdin.write(text.encode() + b"\n")
    process.stdin.flush()
send(protocol, '{"cmd":"start","playbook":"p50"}')
for answer in answers:
    send(protocol, '{"cmd":"answer","text":"%s"}' % answer)
fixes = []
rest = b""
for _ in range(42):
    send(protocol, '{"cmd":"draft","text":"%s"}' % draft)
    rest = read_until(protocol, b'"event":"findings"', rest)
    start = time.perf_counter()
    send(protocol, '{"cmd":"fix"}')
    rest = read_until(protocol, b'"event":"findings"', rest)
    fixes.append(time.perf_counter() - start)
protocol.stdin.close()
protocol.wait()

text = subprocess.Popen(base, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
send(text, '/start p50')
for answer in answers:
    send(text, answer)
send(text, draft + "\n.")
# Each check ends with this line, once.
checked = b"Revise the draft, /fix N"
rest = read_until(text, checked)
edits = []
for _ in range(42):
    start = time.perf_counter()
    send(text, "/edit")
    rest = read_until(text, checked, rest)
    edits.append(time.perf_counter() - start)
send(text, "/quit")
text.stdin.close()
text.wait()

alone = []
with tempfile.NamedTemporaryFile("w", suffix=".txt") as file:
    file.write(draft + "\n")
    file.flush()
    for _ in range(42):
        start = time.perf_counter()
        subprocess.run(["/bin/sh", "-c", editor + ' "$1"', "rebound-edit", file.name], check=True)
        alone.append(time.perf_counter() - start)
for name, values in [("/fix round trip", fixes[1:]), ("/edit round trip", edits[1:]), ("the editor alone, sh + sed (reference)", alone[1:])]:
    values.sort()
    print(f"{name}: median {statistics.median(values) * 1000:.2f} ms, best {values[0] * 1000:.2f} ms")
    print(f"METRIC\t{name} (median)\t{statistics.median(values) * 1000:.2f}\tms")
PY
