#!/usr/bin/env python3
"""How far coaches agree with the held-out real replies' labels, beside the checker.

    python3 Training/agreement.py

More coaches, each reading only the labelling guide, labelled the 1,200 held-out real
replies again (`corpus/real/agreement/coach-*.jsonl`, by id): two of them each share of the
replies (coaches a and b the same 400, c and d 400 more, e and f the last 400). Per share,
each coach's labels are scored against `corpus/real/labels.jsonl` as if they were a
checker's findings, and so is the shipped checker on the same replies: a checker cannot be
held to more agreement with those labels than careful people reach. Then, on every reply
the coaches read, everyone against the majority of its three labellers (`labels.jsonl` and
its two coaches). Needs ../shared (the replies' texts).
"""
import sys

import train

AGREEMENT = train.CORPUS / "real" / "agreement"


def main():
    held_out = {origin: (labels, text) for origin, labels, text in train.real_replies()}
    if not held_out:
        sys.exit("agreement: the real replies' texts are not here (../shared/corpus/agent-replies.jsonl)")
    coaches = {path.stem: train.read_labels(path) for path in sorted(AGREEMENT.glob("coach-*.jsonl"))}
    # Coaches who read the same replies form a share; each reply is in one share.
    shares = {}
    for name, labels in coaches.items():
        shares.setdefault(frozenset(labels), []).append(name)
    ids = sorted(i for share in shares for i in share)
    found = dict(zip(ids, train.found_categories(train.rebound(), [held_out[i][1] for i in ids], "both")))
    first, second, majority = {}, {}, {}
    for share, names in sorted(shares.items(), key=lambda item: item[1]):
        share_ids = sorted(share)
        truths = [held_out[i][0] for i in share_ids]
        print_table(f"{len(share_ids)} held-out real replies, each labeller scored against labels.jsonl",
                    truths, {**{name: [coaches[name][i] for i in share_ids] for name in names},
                             "checker": [found[i] for i in share_ids]})
        print()
        for i in share_ids:
            # Where the labellers disagree, most of them decide.
            majority[i] = train.most_of([held_out[i][0]] + [coaches[name][i] for name in names])
            first[i], second[i] = (coaches[name][i] for name in names[:2])
    truths = [majority[i] for i in ids]
    print_table(f"all {len(ids)}, scored against the majority of each reply's three labellers", truths, {
        "first coach": [first[i] for i in ids], "second coach": [second[i] for i in ids],
        "labels.jsonl": [held_out[i][0] for i in ids], "checker": [found[i] for i in ids]})


def print_table(title, truths, labellers):
    print(title)
    print(f"{'labeller':12} {'precision':>9} {'recall':>6} {'clean false alarms':>18}  recall per category")
    for name, labels in labellers.items():
        report = train.metrics(truths, labels)
        per = "  ".join(f"{c} {report[c]['recall']}" for c in train.CATEGORIES)
        print(f"{name:12} {report['micro']['precision']:>9} {report['micro']['recall']:>6} "
              f"{report['clean false alarms']:>18}  {per}")


if __name__ == "__main__":
    main()
