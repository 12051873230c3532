#!/usr/bin/env python3
"""Trains the playbook triage model: which shipped playbook a customer's first message
calls for, or none.

A multinomial logistic regression (L2, λ = 1) over the message's word stems, pairs of
stems, a question mark, and how many of each playbook's `triggers` the message holds. It
learns from the development set, the first frozen set (scored once, then given to
training), and each shipped playbook's own header text. The second frozen set
(`frozen-2-messages.jsonl`) is never read here.

    python3 Training/triage/train.py            # writes Sources/ReboundSession/Triage/triage-model.tsv
    python3 Training/triage/train.py --cv       # 5-fold cross-validation on the training messages

The features must be made exactly as `TriageModel.features` makes them in Swift; the
stemmer is `PlaybookTriage.stem`'s. The output is deterministic (fixed order, rounding).
"""
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parents[2]
CLASSES = [
    "broken-product", "forgotten-order", "late-delivery", "missed-callback", "six-step-recovery", "win-back",
    "wrong-order-remake", "none",
]
LAMBDA = 1.0
MIN_COUNT = 2
NONE_THRESHOLD = 0.5
STOP_WORDS = (
    "a an the and or but to of in on at for with from by is it i me my we us our you your they them their this "
    "that was were be been am are have has had do did so if as just what when who hi hello dear thank thanks please "
    "pls can could would will get got"
).split()


def stem(word: str) -> str:
    base = word
    if len(word) > 4:
        for suffix, replacement in [("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")]:
            if word.endswith(suffix):
                candidate = word[: -len(suffix)] + replacement
                if len(candidate) >= 3:
                    base = candidate
                    break
    if len(base) > 4 and base.endswith("e"):
        base = base[:-1]
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouy":
        base = base[:-1]
    return base


def stems(text: str) -> list[str]:
    words, current = [], ""
    for character in text.lower():
        if character.isalpha() or character.isnumeric():
            current += character
        elif character in "'\u2019":
            continue
        elif current:
            words.append(stem(current))
            current = ""
    if current:
        words.append(stem(current))
    return words


STOP = {stem(word) for word in STOP_WORDS}


def playbooks() -> list[dict]:
    """Each shipped playbook's id, header text and triggers (as stems)."""
    result = []
    for path in sorted((ROOT / "playbooks").glob("*.playbook")):
        text = path.read_text(encoding="utf-8")
        identifier = re.search(r"^playbook (\S+)", text, re.M).group(1)
        header = " ".join(
            line.strip() for line in text.splitlines() if re.match(r"\s*(playbook|summary|triggers|tags|#)", line))
        triggers = []
        match = re.search(r"^triggers (.*)$", text, re.M)
        if match:
            for quoted, bare in re.findall(r'"([^"]+)"|([^,\s][^,]*)', match.group(1)):
                phrase = stems((quoted or bare).strip())
                if phrase:
                    triggers.append(phrase)
        result.append({"id": identifier, "header": header, "triggers": triggers})
    return result


def features(text: str, books: list[dict]) -> list[str]:
    words = stems(text)
    found = [word for word in words if word not in STOP and not word.isnumeric()]
    found += [first + " " + second for first, second in zip(words, words[1:])]
    if "?" in text:
        found.append("#question")
    for book in books:
        count = sum(1 for phrase in book["triggers"] if contains(words, phrase))
        found += [f"#trigger {book['id']} {index + 1}" for index in range(min(count, 3))]
    return found


def contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[start:start + size] == phrase for start in range(len(words) - size + 1))


def load(name: str) -> list[dict]:
    path = ROOT / "Training" / "triage" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def train(rows: list[dict], books: list[dict]):
    counts = Counter(feature for row in rows for feature in set(features(row["text"], books)))
    vocabulary = sorted(feature for feature, count in counts.items() if count >= MIN_COUNT)
    index = {feature: position for position, feature in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(vocabulary)))
    y = np.array([CLASSES.index(row["best"]) for row in rows])
    for row_index, row in enumerate(rows):
        for feature in features(row["text"], books):
            if feature in index:
                x[row_index, index[feature]] = 1
    classes, size = len(CLASSES), len(vocabulary)

    def loss(parameters):
        weights = parameters[: classes * size].reshape(classes, size)
        bias = parameters[classes * size:]
        logits = x @ weights.T + bias
        logits -= logits.max(1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(1, keepdims=True)
        value = -np.log(probabilities[np.arange(len(y)), y] + 1e-12).sum() + LAMBDA * 0.5 * (weights * weights).sum()
        gradient = probabilities.copy()
        gradient[np.arange(len(y)), y] -= 1
        return value, np.concatenate([(gradient.T @ x + LAMBDA * weights).ravel(), gradient.sum(0)])

    result = optimize.minimize(
        loss, np.zeros(classes * size + classes), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    weights = result.x[: classes * size].reshape(classes, size)
    return vocabulary, weights, result.x[classes * size:]


def predict(model, text: str, books: list[dict]) -> np.ndarray:
    vocabulary, weights, bias = model
    index = {feature: position for position, feature in enumerate(vocabulary)}
    vector = np.zeros(len(vocabulary))
    for feature in features(text, books):
        if feature in index:
            vector[index[feature]] = 1
    logits = weights @ vector + bias
    logits -= logits.max()
    probabilities = np.exp(logits)
    return probabilities / probabilities.sum()


def score(model, rows: list[dict], books: list[dict]) -> tuple[float, float, float]:
    top1 = top3 = placed = none = recognised = 0
    for row in rows:
        probabilities = predict(model, row["text"], books)
        ranked = [CLASSES[i] for i in np.argsort(-probabilities[:-1], kind="stable")][:3]
        fits = probabilities[-1] < NONE_THRESHOLD
        if row["best"] == "none":
            none += 1
            recognised += not fits
            continue
        placed += 1
        top1 += fits and ranked[0] == row["best"]
        top3 += row["best"] in ranked
    return top1 / placed, top3 / placed, recognised / none


def main() -> None:
    books = playbooks()
    rows = load("dev-messages.jsonl") + load("frozen-1-messages.jsonl")
    documents = [{"text": book["header"], "best": book["id"]} for book in books]
    if "--cv" in sys.argv:
        shuffled = rows[:]
        random.Random(1).shuffle(shuffled)
        results = []
        for fold in range(5):
            test = shuffled[fold::5]
            training = [row for position, row in enumerate(shuffled) if position % 5 != fold] + documents
            results.append(score(train(training, books), test, books))
        top1, top3, none = np.mean(results, 0)
        print(f"5-fold cross-validation: top-1 {top1:.3f}, top-3 {top3:.3f}, none fits {none:.3f}")
        return
    vocabulary, weights, bias = train(rows + documents, books)
    lines = ["# Written by Training/triage/train.py; do not edit.", "classes\t" + "\t".join(CLASSES)]
    lines.append("bias\t" + "\t".join(f"{value:.4f}" for value in bias))
    for position, feature in enumerate(vocabulary):
        column = weights[:, position]
        if np.abs(column).max() < 0.0005:
            continue
        lines.append(feature + "\t" + "\t".join(f"{value:.4f}" for value in column))
    output = ROOT / "Sources" / "ReboundSession" / "Triage" / "triage-model.tsv"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{output.relative_to(ROOT)}: {len(lines) - 3} features")


if __name__ == "__main__":
    main()
