#!/usr/bin/env python3
"""How far coaches agree with the held-out real replies' labels, beside the checker.

    python3 Training/agreement.py

Two more coaches, who read only the labelling guide, labelled the same 400 of the 1,200
held-out real replies (`corpus/real/agreement/coach-*.jsonl`, by id). Each coach's labels
are scored against `corpus/real/labels.jsonl` as if they were a checker's findings, and so
is the shipped checker on the same replies: a checker cannot be held to more agreement
with those labels than careful people reach. Then all of them against the majority of the
three labellers. Needs ../shared (the replies' texts).
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
    labellers = {name: [labels[i] for i in ids] for name, labels in coaches.items()}
    print_table(f"{len(ids)} held-out real replies, each labeller scored against labels.jsonl",
                truths, {**labellers, "checker": found})
    # Where the three labellers disagree, two of them decide: a truth no single reader's
    # slips shape, against which each of them is scored too.
    majority = [frozenset(c for c in train.CATEGORIES
                          if (c in truth) + sum(c in labels[k] for labels in labellers.values()) >= 2)
                for k, truth in enumerate(truths)]
    print()
    print_table("the same replies, scored against the majority of the three labellers",
                majority, {**labellers, "labels.jsonl": truths, "checker": found})


def print_table(title, truths, labellers):
    print(title)
    print(f"{'labeller':12} {'precision':>9} {'recall':>6} {'clean false alarms':>18}  recall per category")
    for name, found in labellers.items():
        report = train.metrics(truths, found)
        per = "  ".join(f"{c} {report[c]['recall']}" for c in train.CATEGORIES)
        print(f"{name:12} {report['micro']['precision']:>9} {report['micro']['recall']:>6} "
              f"{report['clean false alarms']:>18}  {per}")


if __name__ == "__main__":
    main()
