#!/usr/bin/env python3
"""Scores the chat's playbook triage on a labelled set of customer messages.

Each message goes to `rebound chat --protocol jsonl` as a `customer` command; the
`triage` event it answers with is compared with the label. Prints top-1 (the first
suggestion is the labelled playbook and the message fits), top-3 (the labelled playbook
is among the three) and "none fits" (a message labelled none gets fits: false).

    python3 Training/triage/evaluate.py Training/triage/dev-messages.jsonl [--misses]
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    path = Path(sys.argv[1])
    show_misses = "--misses" in sys.argv
    messages = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    commands = "".join(json.dumps({"cmd": "customer", "text": m["text"]}) + "\n" for m in messages)
    binary = ROOT / ".build" / "debug" / "rebound"
    result = subprocess.run(
        [str(binary), "chat", "--protocol", "jsonl", "--transcripts", "/tmp/rebound-triage-eval",
         "--playbooks", str(ROOT / "playbooks"), "--ledger", "/tmp/rebound-triage-eval/ledger.sqlite"],
        input=commands, capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    triages = [event for event in events if event.get("event") == "triage"]
    assert len(triages) == len(messages), (len(triages), len(messages))
    top1 = top3 = placed = none = none_ok = 0
    for message, triage in zip(messages, triages):
        ranked = [s["playbook"] for s in triage["suggestions"]]
        if message["best"] == "none":
            none += 1
            none_ok += not triage["fits"]
            if triage["fits"] and show_misses:
                print(f"  {message['id']}: none -> {ranked[0]}  {message['text'][:90]!r}")
            continue
        placed += 1
        if triage["fits"] and ranked[0] == message["best"]:
            top1 += 1
        elif show_misses:
            got = ranked[0] if triage["fits"] else "none"
            print(f"  {message['id']}: {message['best']} -> {got} {ranked}  {message['text'][:90]!r}")
        top3 += message["best"] in ranked
    print(f"top-1 {top1}/{placed} = {top1 / placed:.3f}; top-3 {top3}/{placed} = {top3 / placed:.3f}; "
          f"none fits {none_ok}/{none} = {none_ok / none:.3f}")


if __name__ == "__main__":
    main()
