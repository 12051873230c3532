#!/usr/bin/env bash
# The customer ledger at scale, end to end, in release.
#
#   scripts/bench-ledger.sh
#
# 1. Builds a ledger of 100,000 customers, 1,000,000 contacts, 100,000 recoveries and
#    follow-ups and 10,000 red carpets with `rebound ledger import` (timed).
# 2. Times `rebound chat --protocol jsonl` from launch to the `customer` event for a
#    customer with a red carpet (the follow-up reminder at start included), against the
#    same with an empty ledger: best and median of 20.
# 3. Times `rebound followups --due --agent a7` and `rebound ledger report`.
# The in-process figures (identify a customer, due follow-ups, open, report) are in
# Benchmarks/ (cd Benchmarks && swift package benchmark --filter 'ledger.*').
source "$(dirname "$0")/bench-setup.sh"

python3 scripts/make-ledger-csv.py "$work/csv" --contacts

start=$(date +%s.%N)
"$bin" ledger import "$work/csv" --ledger "$work/big.sqlite" >/dev/null
end=$(date +%s.%N)
python3 -c "print(f'import of 1,310,000 rows: {$end - $start:.1f} s ({1310000 / ($end - $start):,.0f} rows/s); file {__import__(\"os\").path.getsize(\"$work/big.sqlite\") / 1e6:.0f} MB'); print(f'METRIC\tledger import 1,310,000 rows\t{$end - $start:.1f}\ts')"

python3 - "$bin" "$work" <<'PY'
import subprocess, sys, time, os, random
binary, work = sys.argv[1], sys.argv[2]
os.makedirs(f"{work}/transcripts", exist_ok=True)
def chat(ledger, account):
    env = dict(os.environ, REBOUND_LEDGER=ledger, REBOUND_AGENT="a7", REBOUND_NOW="2026-11-23T09:00:00Z")
    command = [binary, "chat", "--protocol", "jsonl", "--transcripts", f"{work}/transcripts"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    process.stdin.write(b'{"cmd":"start","playbook":"win-back"}\n{"cmd":"answer","text":"Acme"}\n')
    process.stdin.write(b'{"cmd":"answer","text":"%s"}\n' % account.encode())
    process.stdin.flush()
    while True:
        line = process.stdout.readline()
        if b'"event":"customer"' in line or b'"id":"signal"' in line or not line:
            assert ledger.endswith("empty.sqlite") or b'"redCarpets":[{' in line, line
            break
    elapsed = time.perf_counter() - start
    process.stdin.close()
    process.wait()
    return elapsed
for label, ledger in [("empty ledger", f"{work}/empty.sqlite"), ("100k customers, 1M contacts", f"{work}/big.sqlite")]:
    # Every tenth customer has a red carpet: the chat finds it and counts the contact.
    times = sorted(chat(ledger, f"AA{100000 + 10 * random.randrange(10000)}") for _ in range(20))
    print(f"chat launch to the customer identified, {label}: best {times[0] * 1000:.1f} ms, median {times[10] * 1000:.1f} ms")
    print(f"METRIC\tchat launch to customer identified, {label} (median)\t{times[10] * 1000:.1f}\tms")
for label, args in [("followups --due --agent a7", ["followups", "--due", "--agent", "a7"]), ("ledger report", ["ledger", "report"])]:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([binary] + args + ["--ledger", f"{work}/big.sqlite"], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"{label} on the big ledger: best {times[0] * 1000:.0f} ms, median {times[2] * 1000:.0f} ms")
    print(f"METRIC\t{label} on the big ledger (median)\t{times[2] * 1000:.0f}\tms")
PY
