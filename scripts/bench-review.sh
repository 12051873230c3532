#!/usr/bin/env bash
# `rebound review` at scale: 10,000 sessions, 1,000,000 events, streamed one file at a time.
# Prints the wall time and the peak resident memory (GNU time), beside one grep pass.
source "$(dirname "$0")/bench-setup.sh"
python3 - "$work" <<'PY'
import json, sys, random
work = sys.argv[1]
random.seed(1)
agents = ["sam", "kim", "lee", "ana", "tom", "bea", "cy", "di"]
finding = {"rule": "RB201", "category": "excuse", "severity": "warning", "message": "Staffing is our problem.",
           "line": 1, "column": 11, "offset": 10, "length": 21, "endLine": 1, "endColumn": 32,
           "excerpt": "we were short-staffed", "suggestion": None}
for n in range(10000):
    day = 1 + n % 28
    session = f"202611{day:02d}-1000{n % 60:02d}-{n:06x}"
    lines = [json.dumps({"agent": random.choice(agents), "format": "rebound-transcript",
        "playbook": {"id": "late-delivery", "sha256": "0" * 64, "version": 3}, "session": session,
        "started": f"2026-11-{day:02d}T10:00:00Z", "timeZone": "UTC", "tool": "0.1.0", "version": 1})]
    seq = 0
    def add(**event):
        global seq
        seq += 1
        event.update(seq=seq, time=f"2026-11-{day:02d}T10:{seq // 60:02d}:{seq % 60:02d}Z")
        lines.append(json.dumps(event))
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
    with open(f"{work}/{session}.jsonl", "w") as out:
        out.write("\n".join(lines) + "\n")
PY
echo "transcripts: $(ls "$work" | wc -l) files, $(cat "$work"/*.jsonl | wc -l) lines"
# The reference: one grep pass over the same files, in the same run.
/usr/bin/time -o "$work.time" -f "%e" sh -c "LC_ALL=C grep -c '\"seq\"' '$work'/*.jsonl > /dev/null"
echo "grep -c over the same files: $(cat "$work.time") s wall"
/usr/bin/time -o "$work.time" -f "%e %M" "$bin" review "$work" > /dev/null
read -r seconds kilobytes < "$work.time"
rm -f "$work.time"
echo "rebound review: $seconds s wall, $kilobytes KB peak resident"
printf 'METRIC\treview 10,000 sessions, 1,000,000 events\t%s\ts\n' "$seconds"
printf 'METRIC\treview peak resident memory\t%s\tMB\n' "$((kilobytes / 1024))"
