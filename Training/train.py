#!/usr/bin/env python3
"""Trains the reply checker's learned layer and writes Sources/ReboundCheckerData/reply-model.bin.

    python3 Training/train.py              # train on Training/corpus/train, report on the frozen split
    python3 Training/train.py --evaluate   # only score the shipped checker on the frozen split and real replies

The features come from the product itself (`rebound model-features`), so training and the
Swift checker can never disagree on what a feature is. Per category, a logistic regression
over sentence features is trained as multiple-instance learning: a reply labelled with a
category says that some sentence in it carries the mistake, not which one, so after a first
fit every positive reply keeps only its best-scoring sentence as the positive example. A
sentence's features are its own and, with weights of their own, its whole reply's (so
"that's on us" in one sentence can clear "the warehouse sent the wrong one" in another).
Thresholds are chosen on out-of-fold scores of the training replies, for the precision of what
the model adds to the phrase layer per category, never on the frozen split; so is each
category's veto, the score below which the model overrules the standard phrases (where the
phrase findings it would remove were mostly wrong).
Deterministic: a fixed seed, fixed folds, pinned numpy and scipy (requirements.txt).
"""
import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Training" / "corpus"
MODEL = ROOT / "Sources" / "ReboundCheckerData" / "reply-model.bin"
EMPTY_SLOT = 0xFFFFFFFF  # the feature id of an empty slot in the model's table
MODEL_CARD = ROOT / "Sources" / "ReboundChecker" / "Model" / "ModelCard.swift"
REPORT = ROOT / "Training" / "report.json"
CATEGORIES = ["excuse", "blame", "non-apology", "repeated-apology", "policy"]
# Repeated apologies are counted by the phrase layer (the step's `limit apologies` decides
# how many are allowed), so the model has no head for them.
MODEL_CATEGORIES = ["excuse", "blame", "non-apology", "policy"]
SEED = 20261129
FOLDS = 5
MIN_FEATURE_COUNT = 2
L2 = 1.0
TARGET_PRECISION = 0.97
# The heads that weigh the absence features (no failure, no apology anywhere in the reply):
# whether anything went wrong at all, which an excuse or blame presupposes. The others are
# told by their own words; given the absence features, the non-apology head's threshold fell
# below where its findings on real replies stay precise (measured 2026-11-30).
ABSENCE_HEADS = ["excuse", "blame"]
# A veto removes phrase findings: at least this share of those it removes, out of fold, must
# be wrong (the reply does not carry that category).
VETO_WRONG_SHARE = 0.9


def read_corpus(folder):
    """Replies of every `.txt` file in `folder`: (origin, labels, text)."""
    entries = []
    for path in sorted(folder.glob("*.txt")):
        labels, lines, start = None, [], 0

        def finish():
            if labels is not None:
                text = "\n".join(lines).strip()
                if text:
                    entries.append((f"{path.name}:{start}", labels, text))

        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.startswith("=== "):
                finish()
                words = [word.strip() for word in line[4:].split(",")]
                labels = frozenset() if words == ["clean"] else frozenset(words)
                unknown = labels - set(CATEGORIES)
                if unknown:
                    sys.exit(f"{path}:{number}: unknown label {sorted(unknown)}")
                lines, start = [], number
            elif labels is not None:
                lines.append(line)
        finish()
    return entries


def rebound():
    subprocess.run(["swift", "build", "-c", "release", "--product", "rebound"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return str(ROOT / ".build" / "release" / "rebound")


def run_jsonl(binary, arguments, texts):
    request = "".join(json.dumps({"id": index, "text": text}) + "\n" for index, text in enumerate(texts))
    done = subprocess.run([binary, *arguments], input=request.encode(), capture_output=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        sys.exit(f"rebound {' '.join(arguments)} failed: {done.stderr.decode()[:500]}")
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def sentences_of(binary, texts):
    return [line["sentences"] for line in run_jsonl(binary, ["model-features"], texts)]


def absence_features(binary):
    """The ids of the features that say a reply has no failure or no apology in it: those of a
    reply with neither."""
    return set(run_jsonl(binary, ["model-features"], ["Hello."])[0]["absent"])


def found_categories(binary, texts, layer):
    """The categories the shipped checker reports per reply (any severity)."""
    lines = run_jsonl(binary, ["lint", "--input", "jsonl", "--format", "json", "--layer", layer], texts)
    return [frozenset(f["category"] for f in line["findings"] if f["category"] in CATEGORIES) for line in lines]


class Design:
    """Sentence rows of hashed features, mapped to columns of the features seen often enough."""

    def __init__(self, replies):
        counts = {}
        for sentences in replies:
            for sentence in sentences:
                for feature in set(sentence["features"]):
                    counts[feature] = counts.get(feature, 0) + 1
        self.columns = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
        self.index = {feature: column for column, feature in enumerate(self.columns)}

    def matrix(self, replies):
        """Rows of every sentence with its reply's context (`SentenceRows`), and each row's reply."""
        own, owner, rows, cols = self._own(replies)
        # A reply's context: how often each feature occurs in the whole reply.
        context = sparse.csr_matrix((np.ones(len(rows)), (owner[rows], cols)), shape=(len(replies), len(self.columns)))
        return SentenceRows(own, context, owner), owner

    def own_matrix(self, replies):
        """Rows of every sentence's own features only (a sparse matrix), and each row's reply."""
        own, owner, _, _ = self._own(replies)
        return own, owner

    def _own(self, replies):
        rows, cols, owner = [], [], []
        row = 0
        for reply, sentences in enumerate(replies):
            for sentence in sentences:
                for feature in sentence["features"]:
                    column = self.index.get(feature)
                    if column is not None:
                        rows.append(row)
                        cols.append(column)
                owner.append(reply)
                row += 1
        rows = np.array(rows, dtype=np.int64)
        cols = np.array(cols, dtype=np.int64)
        own = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, len(self.columns)))
        return own, np.array(owner, dtype=np.int64), rows, cols


def without(matrix, design, features):
    """The same rows with these features' columns (own and context) zeroed: a head trained on
    them gives those features no weight."""
    keep = np.ones(len(design.columns))
    for feature in features:
        if feature in design.index:
            keep[design.index[feature]] = 0.0
    mask = sparse.diags(keep)
    return SentenceRows(matrix.own @ mask, matrix.context @ mask, matrix.owner)


def rows_by_head(matrix, design, absent):
    """Each head's training rows: the absence features zeroed outside `ABSENCE_HEADS`, the
    zeroed copy made once for every head that needs it."""
    masked = without(matrix, design, absent)
    return {c: matrix if c in ABSENCE_HEADS else masked for c in MODEL_CATEGORIES}


class SentenceRows:
    """Sentence rows of [the sentence's own features | its reply's feature counts]. The second
    block lets ownership said in one sentence ("that's on us") weigh on another ("the warehouse
    sent the wrong one"); it is the same for every sentence of a reply, so it is stored once per
    reply, as the checker computes it once per reply."""

    def __init__(self, own, context, owner):
        self.own, self.context, self.owner = own, context, owner
        self.shape = (own.shape[0], own.shape[1] + context.shape[1])

    def __matmul__(self, vector):
        split = self.own.shape[1]
        return self.own @ vector[:split] + (self.context @ vector[split:])[self.owner]

    @property
    def T(self):
        rows = self

        class Transposed:
            def __matmul__(self, vector):
                per_reply = np.bincount(rows.owner, weights=vector, minlength=rows.context.shape[0])
                return np.concatenate([rows.own.T @ vector, rows.context.T @ per_reply])

        return Transposed()


def fit(matrix, targets, weights):
    """L2-regularised logistic regression; returns (bias, coefficients)."""
    columns = matrix.shape[1]

    def loss(parameters):
        bias, coefficients = parameters[0], parameters[1:]
        logits = matrix @ coefficients + bias
        # log(1 + e^-yz) written stably, with y in {-1, +1}.
        signs = np.where(targets > 0, 1.0, -1.0)
        margins = signs * logits
        value = np.sum(weights * np.logaddexp(0, -margins)) + 0.5 * L2 * coefficients @ coefficients
        probability = 1 / (1 + np.exp(margins))
        gradient_logits = -weights * signs * probability
        gradient = np.empty_like(parameters)
        gradient[0] = gradient_logits.sum()
        gradient[1:] = matrix.T @ gradient_logits + L2 * coefficients
        return value, gradient

    start = np.zeros(columns + 1)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return result.x[0], result.x[1:]


def train_head(matrix, owner, positive_replies, design="mil"):
    """Multiple-instance training for one category: returns (bias, coefficients). With
    design "reply", every sentence of a positive reply stays positive (no selection)."""
    positive_rows = np.isin(owner, list(positive_replies))
    targets = positive_rows.astype(np.float64)
    weights = np.ones(len(owner))
    # A positive reply's sentences share one example's weight at first.
    for reply in positive_replies:
        rows = np.flatnonzero(owner == reply)
        weights[rows] = 1.0 / max(len(rows), 1)
    bias, coefficients = fit(matrix, targets, weights)
    for _ in range(2 if design == "mil" else 0):
        logits = matrix @ coefficients + bias
        weights = np.where(positive_rows, 0.0, 1.0)
        for reply in positive_replies:
            rows = np.flatnonzero(owner == reply)
            if len(rows):
                weights[rows[np.argmax(logits[rows])]] = 1.0
        bias, coefficients = fit(matrix, targets, weights)
    return bias, coefficients


def reply_maxima(logits, owner, count):
    best = np.full(count, -np.inf)
    np.maximum.at(best, owner, logits)
    return best


def choose_threshold(scores, truth, phrase_found, target=TARGET_PRECISION):
    """The lowest score threshold at which the replies the model adds to the phrase layer
    (it reports them, the phrases do not) are still right at the target precision, on
    these replies, and never below 0: the model reports only what it reads as more likely
    a mistake than not (a finding's score is at least 0.5); +inf when no threshold keeps it."""
    added_candidates = ~phrase_found
    candidates = sorted(set(float(s) for s in scores[added_candidates] if np.isfinite(s)), reverse=True)
    best = float("inf")
    for threshold in candidates:
        added = added_candidates & (scores >= threshold)
        if added.sum() < 5:
            continue
        if np.sum(added & truth) / added.sum() >= target:
            best = threshold
    return max(best, 0.0)


def choose_veto(scores, truth, phrase_found, wrong_share=VETO_WRONG_SHARE):
    """The highest reply score below which the phrase layer's findings of a category are
    still wrong at `wrong_share`, on these replies (at least five of them); -inf when none."""
    candidates = sorted(set(float(s) for s in scores[phrase_found] if np.isfinite(s)))
    best = -float("inf")
    for veto in candidates:
        removed = phrase_found & (scores < veto)
        if removed.sum() >= 5 and np.sum(removed & ~truth) / removed.sum() >= wrong_share:
            best = veto
    return best


def quantise(bias, coefficients, columns):
    """Int8 weights with one scale per category (a sentence's own and its reply's weights are
    summed before scaling); features left with no weight are dropped. Returns the heads, the
    feature ids and a table with a row per feature: each head's own weight, then each head's
    context weight."""
    heads = []
    for category, (b, c) in zip(MODEL_CATEGORIES, zip(bias, coefficients)):
        scale = max(np.max(np.abs(c)) / 127.0, 1e-9)
        heads.append((category, b, scale, np.clip(np.round(c / scale), -127, 127).astype(np.int8)))
    split = len(columns)
    table = np.stack([h[3][:split] for h in heads] + [h[3][split:] for h in heads], axis=1)
    # Features left with no weight are dropped, and the one id that marks an empty slot in
    # the model's table (it reads as zero weights there, as a dropped feature does).
    keep = np.any(table != 0, axis=1) & (np.array(columns, dtype=np.uint64) != EMPTY_SLOT)
    features = np.array(columns, dtype=np.uint32)[keep]
    return heads, features, table[keep]


def model_bytes(heads, thresholds, vetoes, features, table):
    """The model file (format 4, `ReplyModel.swift`): the header, then the lookup table the
    checker reads in place. Features go in ascending order, each in the first free slot from
    its id modulo the slot count, so the same model always gives the same bytes."""
    count = len(heads)
    stride = (4 + 2 * count + 15) // 16 * 16
    slots = 16
    while slots < 2 * len(features):
        slots *= 2
    assert np.all(features[:-1] < features[1:]) and (len(features) == 0 or features[-1] != EMPTY_SLOT)
    occupied = np.zeros(slots, dtype=bool)
    body = np.zeros((slots, stride), dtype=np.uint8)
    body[:, :4] = 0xFF  # every slot empty: feature id UInt32.max, weights zero
    longest = 0
    for row, feature in enumerate(features.tolist()):
        slot = feature & (slots - 1)
        probe = 0
        while occupied[slot]:
            slot = (slot + 1) & (slots - 1)
            probe += 1
        longest = max(longest, probe)
        occupied[slot] = True
        body[slot, :4] = np.frombuffer(struct.pack("<I", feature), dtype=np.uint8)
        body[slot, 4:4 + 2 * count] = table[row].astype(np.int8).view(np.uint8)
    out = bytearray(b"RBM1")
    out += struct.pack("<IIIII", 4, count, len(features), slots, longest)
    for (category, bias, scale, _), threshold, veto in zip(heads, thresholds, vetoes):
        name = category.encode()
        out += struct.pack("<B", len(name)) + name
        out += struct.pack("<ffff", bias, threshold, veto, scale)
    out += bytes(-len(out) % 16)
    return bytes(out) + body.tobytes()


def shipped_scores(heads, features, table, sentences):
    """Each reply's best sentence score per category, computed as the Swift checker does:
    Int32 sums of the int8 weights (the sentence's own weights and the context weights of every
    feature in the reply), then bias + sum × scale in float32."""
    lookup = {int(f): row for row, f in enumerate(features)}
    count = len(heads)
    results = []
    for reply in sentences:
        best = [None] * count
        own = []
        context = np.zeros(count, dtype=np.int32)
        for sentence in reply:
            sums = np.zeros(count, dtype=np.int32)
            for feature in sentence["features"]:
                row = lookup.get(feature)
                if row is not None:
                    sums += table[row, :count].astype(np.int32)
                    context += table[row, count:].astype(np.int32)
            own.append(sums)
        for sums in own:
            sums = sums + context
            for index, (_, bias, scale, _) in enumerate(heads):
                score = float(np.float32(bias) + np.float32(sums[index]) * np.float32(scale))
                if best[index] is None or score > best[index]:
                    best[index] = score
        results.append(best)
    return results


def metrics(truths, predictions):
    report = {}
    total_tp = total_fp = total_fn = 0
    for category in CATEGORIES:
        tp = sum(1 for t, p in zip(truths, predictions) if category in t and category in p)
        fp = sum(1 for t, p in zip(truths, predictions) if category not in t and category in p)
        fn = sum(1 for t, p in zip(truths, predictions) if category in t and category not in p)
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        report[category] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "support": tp + fn,
        }
    clean = [p for t, p in zip(truths, predictions) if not t]
    report["micro"] = {
        "precision": round(total_tp / (total_tp + total_fp), 3) if total_tp + total_fp else None,
        "recall": round(total_tp / (total_tp + total_fn), 3) if total_tp + total_fn else None,
    }
    report["clean false alarms"] = round(sum(1 for p in clean if p) / len(clean), 3) if clean else None
    report["replies"] = len(truths)
    return report


def labelled_real(paths):
    """Real replies labelled by id in `paths`, with their texts from ../shared when it is there."""
    source = ROOT.parent / "shared" / "corpus" / "agent-replies.jsonl"
    if not source.exists():
        return []
    texts = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    return [(reply, labels, texts[reply]) for path in paths for reply, labels in read_labels(path).items()
            if reply in texts]


def read_labels(path):
    """A labels file's categories by reply id (one {"id", "labels"} object per line)."""
    rows = map(json.loads, path.read_text(encoding="utf-8").splitlines())
    return {row["id"]: frozenset(row["labels"]) for row in rows}


def most_of(readers):
    """The categories more than half of these labellers gave a reply."""
    return frozenset(c for c in CATEGORIES if 2 * sum(c in labels for labels in readers) > len(readers))


def real_replies():
    """The hand-labelled real replies held out for evaluation."""
    labels_path = CORPUS / "real" / "labels.jsonl"
    return labelled_real([labels_path]) if labels_path.exists() else []


def real_training_replies():
    """Other real replies, labelled by two more coaches, that training may use: none of
    them is in the evaluation set."""
    held_out = {e[0] for e in real_replies()}
    replies = labelled_real(sorted((CORPUS / "real-train").glob("*.jsonl")))
    return [e for e in replies if e[0] not in held_out]


def real_training_majority(train):
    """For each real training reply in `train`, by position, the categories at least two of its
    three readings give (`real-train` and the two of `real-train-readings`): a development set
    in real wording that is not the held-out one. Replies read fewer than three times are left
    out."""
    readings = {}
    for path in sorted((CORPUS / "real-train-readings").glob("*.jsonl")):
        for reply, labels in read_labels(path).items():
            readings.setdefault(reply, []).append(labels)
    return {position: most_of([labels, *readings[origin]])
            for position, (origin, labels, _) in enumerate(train) if len(readings.get(origin, [])) == 2}


def evaluate(binary, layer):
    report = {}
    for name, entries in (("frozen-test", read_corpus(CORPUS / "frozen-test")), ("real", real_replies())):
        if entries:
            found = found_categories(binary, [e[2] for e in entries], layer)
            report[name] = metrics([e[1] for e in entries], found)
    return report


def write_model_card(training_replies, frozen):
    """What `rebound explain` says about the model, generated with it so the two agree."""
    rows = []
    for category in MODEL_CATEGORIES:
        swift_name = {"non-apology": "nonApology"}.get(category, category)
        m = frozen[category]
        rows.append(f"        .{swift_name}: Measure(precision: {m['precision']}, recall: {m['recall']}),")
    MODEL_CARD.write_text(
        "// Generated by Training/train.py with reply-model.bin; do not edit.\n\n"
        "/// What the shipped model was trained on and how the whole checker (phrase layer and\n"
        "/// model) scored, per category the model reports, on the frozen split.\n"
        "public enum ModelCard {\n"
        "    /// Precision and recall on the frozen split's replies.\n"
        "    public struct Measure: Sendable, Equatable {\n"
        "        public let precision: Double\n"
        "        public let recall: Double\n"
        "    }\n\n"
        f"    public static let trainingReplies = {training_replies}\n"
        f"    public static let frozenReplies = {frozen['replies']}\n"
        "    public static let frozenSplit: [FindingCategory: Measure] = [\n"
        + "\n".join(rows) + "\n    ]\n}\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true", help="only score the shipped checker")
    parser.add_argument("--design", choices=["mil", "reply"], default="mil",
                        help="mil: a positive reply's best sentence is the positive example (shipped); "
                             "reply: every sentence of a positive reply is positive")
    parser.add_argument("--target-precision", type=float, default=TARGET_PRECISION,
                        help="precision of what the model adds, out of fold, that thresholds aim for")
    parser.add_argument("--compare", action="store_true",
                        help="train without writing the model; print the frozen split's scores computed here")
    arguments = parser.parse_args()
    binary = rebound()
    if arguments.evaluate:
        print(json.dumps({layer: evaluate(binary, layer) for layer in ("phrase", "both")}, indent=2))
        return

    train = read_corpus(CORPUS / "train") + real_training_replies()
    texts = [e[2] for e in train]
    truth = {c: np.array([c in e[1] for e in train]) for c in CATEGORIES}
    replies = sentences_of(binary, texts)
    absent = absence_features(binary)
    phrase = {c: np.array([any(c in s["phrase"] for s in r) for r in replies]) for c in CATEGORIES}

    # Thresholds from out-of-fold scores: each reply scored by a model that never saw it.
    rng = np.random.default_rng(SEED)
    fold_of = rng.permutation(len(train)) % FOLDS
    out_of_fold = {c: np.full(len(train), -np.inf) for c in MODEL_CATEGORIES}
    for fold in range(FOLDS):
        inside = np.flatnonzero(fold_of != fold)
        outside = np.flatnonzero(fold_of == fold)
        design = Design([replies[i] for i in inside])
        matrix, owner = design.matrix([replies[i] for i in inside])
        held, held_owner = design.matrix([replies[i] for i in outside])
        rows = rows_by_head(matrix, design, absent)
        for category in MODEL_CATEGORIES:
            positives = {k for k, i in enumerate(inside) if truth[category][i]}
            bias, coefficients = train_head(rows[category], owner, positives, arguments.design)
            scores = reply_maxima(held @ coefficients + bias, held_owner, len(outside))
            out_of_fold[category][outside] = scores
    thresholds = [choose_threshold(out_of_fold[c], truth[c], phrase[c], arguments.target_precision)
                  for c in MODEL_CATEGORIES]
    vetoes = [choose_veto(out_of_fold[c], truth[c], phrase[c]) for c in MODEL_CATEGORIES]
    # The phrase findings each category keeps: those the model does not overrule.
    kept = {c: phrase[c] & ~(out_of_fold[c] < v) for c, v in zip(MODEL_CATEGORIES, vetoes)}

    design = Design(replies)
    matrix, owner = design.matrix(replies)
    rows = rows_by_head(matrix, design, absent)
    fitted = [train_head(rows[c], owner, {i for i in range(len(train)) if truth[c][i]}, arguments.design)
              for c in MODEL_CATEGORIES]
    heads, features, table = quantise([f[0] for f in fitted], [f[1] for f in fitted], design.columns)
    # What the whole checker reports out of fold: the phrase findings kept, and the model's.
    found = {c: kept.get(c, phrase[c]) for c in CATEGORIES}
    for category, threshold in zip(MODEL_CATEGORIES, thresholds):
        found[category] = found[category] | (out_of_fold[category] >= threshold)
    cross_validated = {}
    for category, threshold, veto in zip(MODEL_CATEGORIES, thresholds, vetoes):
        predicted = found[category]
        tp = int(np.sum(predicted & truth[category]))
        cross_validated[category] = {
            "threshold": None if not np.isfinite(threshold) else round(threshold, 4),
            "veto": None if not np.isfinite(veto) else round(veto, 4),
            "phrase findings vetoed": int(np.sum(phrase[category] & ~kept[category])),
            "precision": round(tp / predicted.sum(), 3) if predicted.sum() else None,
            "recall": round(tp / truth[category].sum(), 3) if truth[category].sum() else None,
        }
    clean = ~np.any([truth[c] for c in CATEGORIES], axis=0)
    flagged = np.any([found[c] for c in CATEGORIES], axis=0)
    cross_validated["clean false alarms"] = round(float(np.sum(flagged & clean) / clean.sum()), 3)
    # The same out-of-fold findings on the real training replies, against the majority of their
    # three readings: what a change does to real wording, without the held-out real replies.
    majority = real_training_majority(train)
    if majority:
        positions = sorted(majority)
        cross_validated["real training replies, against the majority of three readings"] = metrics(
            [majority[i] for i in positions],
            [frozenset(c for c in CATEGORIES if found[c][i]) for i in positions])

    if arguments.compare:
        frozen = read_corpus(CORPUS / "frozen-test")
        frozen_sentences = sentences_of(binary, [e[2] for e in frozen])
        scores = shipped_scores(heads, features, table, frozen_sentences)
        predictions = []
        for sentences, row in zip(frozen_sentences, scores):
            found = {c for s in sentences for c in s["phrase"] if c in CATEGORIES}
            found -= {c for c, score, v in zip(MODEL_CATEGORIES, row, vetoes) if score is not None and score < v}
            found |= {c for c, score, t in zip(MODEL_CATEGORIES, row, thresholds) if score is not None and score >= t}
            predictions.append(found)
        print(json.dumps({"design": arguments.design, "cross-validated": cross_validated,
                          "frozen-test": metrics([e[1] for e in frozen], predictions)}))
        return
    MODEL.write_bytes(model_bytes(heads, [t if np.isfinite(t) else 1e9 for t in thresholds], vetoes, features, table))

    binary = rebound()  # rebuilt with the new model inside
    frozen = read_corpus(CORPUS / "frozen-test")
    frozen_scores = shipped_scores(heads, features, table, sentences_of(binary, [e[2] for e in frozen]))
    report = {
        "model": {"bytes": MODEL.stat().st_size, "features": int(len(features)),
                  "sha256": hashlib.sha256(MODEL.read_bytes()).hexdigest()},
        "training replies": len(train),
        "cross-validated (phrase or model, out of fold)": cross_validated,
        "evaluation": {layer: evaluate(binary, layer) for layer in ("phrase", "model", "both")},
        "frozen-test scores": [
            {"origin": e[0], "scores": {c: None if s is None else round(s, 4) for c, s in zip(MODEL_CATEGORIES, scores)}}
            for e, scores in zip(frozen, frozen_scores)
        ],
    }
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    write_model_card(len(train), report["evaluation"]["both"]["frozen-test"])
    summary = {k: v for k, v in report.items() if k != "frozen-test scores"}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
