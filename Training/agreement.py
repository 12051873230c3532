#!/usr/bin/env python3
"""How far coaches agree with the held-out real replies' labels, beside the checker.

    python3 Training/agreement.py

Two more coaches, who read only the labelling guide, labelled the same 400 of the 1,200
held-out real replies (`corpus/real/agreement/coach-*.jsonl`, by id). Each coach's labels
are scored against `corpus/real/labels.jsonl` as if they were a checker's findings, and so
is the shipped checker on the same replies: a checker cannot be held to more agreement
with those labels than careful people reach. Needs ../shared (the replies' texts).
"""
import json
import sys

import train

AGREEMENT = train.CORPUS / "real" / "agreement"


def read_labels(path):
    return {row["id"]: frozenset(row["labels"]) for row in map(json.loads, path.read_text().splitlines())}


def main():
    held_out = {origin: (labels, text) for origin, labels, text in train.real_replies()}
    if not held_out:
        sys.exit("agreement: the real replies' texts are not here (../shared/corpus/agent-replies.jsonl)")
    coaches = {path.stem: read_labels(path) for path in sorted(AGREEMENT.glob("coach-*.jsonl"))}
    ids = sorted(set.intersection(*(set(labels) for labels in coaches.values())))
    truths = [held_out[i][0] for i in ids]
    found = train.found_categories(train.rebound(), [held_out[i][1] for i in ids], "both")
    rows = {name: train.metrics(truths, [labels[i] for i in ids]) for name, labels in coaches.items()}
    rows["checker"] = train.metrics(truths, found)
    print(f"{len(ids)} held-out real replies, each labeller scored against labels.jsonl")
    print(f"{'labeller':10} {'precision':>9} {'recall':>6} {'clean false alarms':>18}  recall per category")
    for name, report in rows.items():
        per = "  ".join(f"{c} {report[c]['recall']}" for c in train.CATEGORIES)
        print(f"{name:10} {report['micro']['precision']:>9} {report['micro']['recall']:>6} "
              f"{report['clean false alarms']:>18}  {per}")


if __name__ == "__main__":
    main()
