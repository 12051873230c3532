#!/usr/bin/env python3
"""Writes the benchmark's 10,000 sessions (1,000,000 events) as transcript files in DIR,
and with --postgres-csv also as transcript.csv and transcript_event.csv for PostgreSQL's
COPY (the same lines), for scripts/bench-review.sh and scripts/bench-team.sh."""
import csv, json, random, sys

directory = sys.argv[1]
postgres = "--postgres-csv" in sys.argv[2:]
random.seed(1)
agents = ["sam", "kim", "lee", "ana", "tom", "bea", "cy", "di"]
finding = {"rule": "RB201", "category": "excuse", "severity": "warning", "message": "Staffing is our problem.",
           "line": 1, "column": 11, "offset": 10, "length": 21, "endLine": 1, "endColumn": 32,
           "excerpt": "we were short-staffed", "suggestion": None}
headers = csv.writer(open(f"{directory}/transcript.csv", "w", newline="")) if postgres else None
events = csv.writer(open(f"{directory}/transcript_event.csv", "w", newline="")) if postgres else None
for n in range(10000):
    day = 1 + n % 28
    session = f"202611{day:02d}-1000{n % 60:02d}-{n:06x}"
    agent = random.choice(agents)
    header = json.dumps({"agent": agent, "format": "rebound-transcript",
        "playbook": {"id": "late-delivery", "sha256": "0" * 64, "version": 3}, "session": session,
        "started": f"2026-11-{day:02d}T10:00:00Z", "timeZone": "UTC", "tool": "0.1.0", "version": 1})
    lines = [header]
    if headers:
        headers.writerow([session, agent, "late-delivery", f"2026-11-{day:02d}T10:00:00Z", header])
    seq = 0

    def add(**event):
        global seq
        seq += 1
        event.update(seq=seq, time=f"2026-11-{day:02d}T10:{seq // 60:02d}:{seq % 60:02d}Z")
        line = json.dumps(event)
        lines.append(line)
        if events:
            events.writerow([session, seq, line])

    for step in range(8):
        add(kind="step", step=f"s{step}", text=f"Step {step}")
        add(kind="say", step=f"s{step}", text="Name the mistake first.")
        for _ in range(4):
            add(kind="answer", step=f"s{step}", item="name", text="Maria")
        add(kind="confirm", step=f"s{step}", text="You read the thread.")
        add(kind="draft", step=f"s{step}", text="Hi Maria, we were short-staffed.", findings=[finding])
        add(kind="draft", step=f"s{step}", text="Hi Maria, it ships today.", findings=[])
        add(kind="send", step=f"s{step}", text="Hi Maria, it ships today.", findings=[])
        add(kind="follow-up", step=f"s{step}", text="Check in.", hours=72)
        add(kind="skip", step=f"s{step}", text="Called back", reason="no number")
    while seq < 99:
        add(kind="say", step="s7", text="Close the loop.")
    add(kind="done", step="s7", outcome="resolved", seconds=600)
    with open(f"{directory}/{session}.jsonl", "w") as out:
        out.write("\n".join(lines) + "\n")
