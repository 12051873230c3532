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

python3 - "$work/csv" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out)
n = 100_000
def key(i): return f"AA{100000 + i}"
with open(f"{out}/customers.csv", "w") as f:
    f.write("key,label,first_seen,last_seen\n")
    for i in range(n): f.write(f"{key(i)},Customer {i},2026-01-01T00:00:00Z,2026-11-01T00:00:00Z\n")
with open(f"{out}/contacts.csv", "w") as f:
    f.write("customer,session,playbook,agent,at\n")
    for c in range(n * 10): f.write(f"{key(c % n)},h{c},late-delivery,a{c % 50},2026-10-{1 + c % 28:02d}T10:00:00Z\n")
outcomes = ["resolved", "resolved", "escalated", "pending", "lost"]
with open(f"{out}/recoveries.csv", "w") as f:
    f.write("session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\n")
    for i in range(n):
        f.write(f"r{i},{key(i)},late-delivery,a{i % 50},2026-10-20T10:00:00Z,2026-10-20T10:10:00Z,{outcomes[i % 5]},{i % 997}.50,USD,cause {i % 40}\n")
with open(f"{out}/follow-ups.csv", "w") as f:
    f.write("id,session,ordinal,customer,agent,playbook,step,text,due,status,completed,note,snoozes\n")
    for i in range(n):
        done = i % 3 != 0
        f.write(f"{i + 1},r{i},1,{key(i)},a{i % 50},late-delivery,close,Check order {i},2026-11-{10 + i % 20}T10:00:00Z,"
                f"{'done' if done else 'open'},{'2026-11-01T10:00:00Z' if done else ''},,0\n")
with open(f"{out}/red-carpets.csv", "w") as f:
    f.write("session,ordinal,customer,gesture,contacts,created\n")
    for i in range(0, n, 10): f.write(f"r{i},1,{key(i)},Free express shipping,3,2026-10-29T00:00:00Z\n")
PY

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
