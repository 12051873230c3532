#!/usr/bin/env python3
"""Writes the benchmark ledger as CSV files in DIR for `rebound ledger import`: 100,000
customers, 100,000 recoveries and follow-ups (a third open), 10,000 red carpets, and with
--contacts 1,000,000 contacts; for scripts/bench-chat.sh and scripts/bench-ledger.sh."""
import os, sys

out = sys.argv[1]
contacts = "--contacts" in sys.argv[2:]
os.makedirs(out)
n = 100_000
def key(i): return f"AA{100000 + i}"
with open(f"{out}/customers.csv", "w") as f:
    f.write("key,label,first_seen,last_seen\n")
    for i in range(n): f.write(f"{key(i)},Customer {i},2026-01-01T00:00:00Z,2026-11-01T00:00:00Z\n")
if contacts:
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
