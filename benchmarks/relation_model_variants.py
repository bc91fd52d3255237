"""Modelling variants of the relation model, scored on BioRED dev (run by hand).

Usage: python benchmarks/relation_model_variants.py [VARIANT ...]
(default: all of them; the corpora folder is $IL6KG_CORPORA or ../shared/corpora).

Every variant trains on BioRED Train with the shipped model's features
(:mod:`kg.relation_model.features`) and tunes the no-relation bias on BioRED
dev as ``kg train re`` does, then prints dev pair + type F1 and pair F1 with
gold entities given (the numbers ``kg eval re`` prints for the shipped
model). Variants:

baseline
    the shipped model: multinomial logistic regression, C 0.02.
l2norm
    the same on L2-normalised rows (a pair sharing many sentences has many
    more features), C 0.5 and 2.
type-pair-copy
    every feature also conjoined with the pair's entity types (one model per
    type pair, sharing the plain copy), C 0.02.
floret
    plus 400 dense columns: averaged floret vectors of the NER model
    (``kg/models/ner_bionlp13cg/vocab``) of the words between the mentions,
    of the shared sentences' words and of each concept's mention words and
    neighbours, scaled by 0.5.
doc-context
    a second logistic regression over the first model's probabilities for the
    pair and the mean probabilities of the document's other pairs of the same
    type pair and of the other pairs of each concept (first-stage
    probabilities out-of-fold on train, 5 document folds), conjoined with the
    type pair, C 0.1.
mlp
    a one-hidden-layer network on the same sparse features (64 ReLU units, adam,
    L2 0.01, 5 epochs).
linear-svm
    one-vs-rest linear SVM (squared hinge), C 0.003.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from kg.relation_model.examples import document_examples
from kg.relation_model.features import PairCandidate, hash_feature
from kg.relation_model.model import NO_RELATION
from kg.relation_model.pubtator import default_corpora_dir, read_pubtator
from kg.relation_model.train import _allowed_type_pairs

BUCKETS = 1 << 20
BIAS_GRID = np.arange(-3.0, 3.01, 0.25)


class Split:
    """Candidate pairs of one corpus file with gold labels and the gold pairs no candidate covers."""

    def __init__(self, documents, allowed) -> None:
        self.pairs: list[PairCandidate] = []
        self.labels: list[str] = []
        self.documents: list[str] = []
        self.missed = 0
        for document in documents:
            pairs, labels, _ = document_examples(document, allowed)
            self.pairs.extend(pairs)
            self.labels.extend(labels)
            self.documents.extend(document.pmid for _ in pairs)
            candidates = {tuple(sorted((p.id1, p.id2))) for p in pairs}
            self.missed += len({r.pair for r in document.relations} - candidates)
        self.y = np.asarray(self.labels)


def design(feature_sets: Sequence[Sequence[str]], columns: dict[int, int]) -> sp.csr_matrix:
    """Binary rows over the hashed features listed in ``columns``."""
    indptr, indices = [0], []
    for features in feature_sets:
        hashed = sorted({hash_feature(f, BUCKETS) for f in features})
        indices.extend(columns[h] for h in hashed if h in columns)
        indptr.append(len(indices))
    data = np.ones(len(indices))
    return sp.csr_matrix((data, indices, indptr), shape=(len(feature_sets), len(columns)))


def matrices(train_sets, dev_sets) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Train and dev matrices over the features seen at least twice in training (as ``kg train re``)."""
    counts = Counter(h for features in train_sets for h in {hash_feature(f, BUCKETS) for f in features})
    columns = {h: i for i, h in enumerate(sorted(h for h, n in counts.items() if n >= 2))}
    return design(train_sets, columns), design(dev_sets, columns)


def typed_scores(scores: np.ndarray, classes: Sequence[str], dev: Split) -> tuple[float, float, float]:
    """Best dev pair + type F1 over the no-relation bias grid, its bias and its pair F1."""
    classes = list(classes)
    none = classes.index(NO_RELATION)
    n_gold = int(np.sum(dev.y != NO_RELATION)) + dev.missed
    best = (-1.0, 0.0, 0.0)
    for bias in BIAS_GRID:
        shifted = scores.copy()
        shifted[:, none] += bias
        predicted = np.asarray(classes)[shifted.argmax(axis=1)]
        related = predicted != NO_RELATION
        typed = 2 * np.sum(related & (predicted == dev.y)) / (related.sum() + n_gold)
        pairs = 2 * np.sum(related & (dev.y != NO_RELATION)) / (related.sum() + n_gold)
        if typed > best[0] + 1e-9:
            best = (float(typed), float(bias), float(pairs))
    return best


def logistic(c: float, max_iter: int = 300) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=max_iter, random_state=13)


def report(name: str, model, x_train, train: Split, x_dev, dev: Split, log_proba: bool = False) -> np.ndarray:
    started = time.perf_counter()
    model.fit(x_train, train.y)
    if log_proba:
        scores = np.log(np.clip(model.predict_proba(x_dev), 1e-9, 1.0))
    else:
        scores = model.decision_function(x_dev)
    typed, bias, pairs = typed_scores(scores, model.classes_, dev)
    print(
        f"{name:<34} pair+type F1 {100 * typed:5.1f}  pairs {100 * pairs:5.1f}  "
        f"(none bias {bias:+.2f}, {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    return scores


def floret_columns(pairs: Sequence[PairCandidate]) -> np.ndarray:
    """Averaged unit floret vectors: between words, sentence words, each concept's words."""
    import json

    from spacy.vectors import Vectors

    from kg.relation_model.model import DEFAULT_MODEL_DIR

    folder = DEFAULT_MODEL_DIR.parent / "ner_bionlp13cg" / "vocab"
    config = json.loads((folder / "vectors.cfg").read_text(encoding="utf-8"))
    config.pop("attr", None)
    config.pop("mode", None)
    vectors = Vectors(data=np.load(folder / "vectors", allow_pickle=False), mode="floret", **config)
    cache: dict[str, np.ndarray] = {}

    def mean(words: list[str]) -> np.ndarray:
        words = [w for w in words if w.isalpha() and len(w) > 1]
        if not words:
            return np.zeros(vectors.shape[1])
        new = sorted({w for w in words if w not in cache})
        if new:
            for word, row in zip(new, np.asarray(vectors.get_batch(new)), strict=True):
                cache[word] = row / (np.linalg.norm(row) + 1e-8)
        return np.mean([cache[w] for w in words], axis=0)

    def role_words(features: Sequence[str], role: str) -> list[str]:
        marks = (f"|{role}_mw=", f"|{role}_l1=", f"|{role}_r1=")
        return [f.split("=", 1)[1] for f in features if any(m in f for m in marks)]

    rows = []
    for pair in pairs:
        between = [f[3:] for f in pair.features if f.startswith("bw=")]
        sentence = [f[3:] for f in pair.features if f.startswith("sw=")]
        rows.append(
            np.concatenate(
                [
                    mean(between),
                    mean(sentence),
                    mean(role_words(pair.features, "a")),
                    mean(role_words(pair.features, "b")),
                ]
            )
        )
    return np.asarray(rows)


def context_columns(
    pairs: Sequence[PairCandidate], documents: Sequence[str], proba: np.ndarray, none: int
) -> np.ndarray:
    """The pair's log-probabilities and the mean probabilities of its document neighbours."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, document in enumerate(documents):
        by_document[document].append(i)
    rows = np.zeros((len(pairs), proba.shape[1] * 7 + 3))
    for members in by_document.values():
        for i in members:
            pair = pairs[i]
            groups = (
                [
                    j
                    for j in members
                    if j != i and (pairs[j].type1, pairs[j].type2) == (pair.type1, pair.type2)
                ],
                [j for j in members if j != i and pair.id1 in (pairs[j].id1, pairs[j].id2)],
                [j for j in members if j != i and pair.id2 in (pairs[j].id1, pairs[j].id2)],
            )
            parts = [np.log(np.clip(proba[i], 1e-6, 1.0))]
            for group in groups:
                if group:
                    q = proba[group]
                    related = 1.0 - q[:, none]
                    weighted = (q * related[:, None]).sum(axis=0) / max(related.sum(), 1e-6)
                    parts += [q.mean(axis=0), weighted, [1.0]]
                else:
                    parts += [np.zeros(proba.shape[1]), np.zeros(proba.shape[1]), [0.0]]
            rows[i] = np.concatenate(parts)
    return rows


def by_type_pair(pairs: Sequence[PairCandidate], columns: np.ndarray, type_pairs: list) -> sp.csr_matrix:
    """``columns`` once shared and once in the block of the pair's entity types."""
    width = columns.shape[1]
    out = np.zeros((len(pairs), width * (len(type_pairs) + 1)))
    for i, pair in enumerate(pairs):
        block = type_pairs.index((pair.type1, pair.type2)) + 1
        out[i, :width] = columns[i]
        out[i, block * width : (block + 1) * width] = columns[i]
    return sp.csr_matrix(out)


def main(selected: Sequence[str]) -> None:
    corpus = default_corpora_dir() / "relations" / "BioRED"
    train_docs = read_pubtator(corpus / "Train.PubTator")
    dev_docs = read_pubtator(corpus / "Dev.PubTator")
    allowed = _allowed_type_pairs(train_docs)
    train, dev = Split(train_docs, allowed), Split(dev_docs, allowed)
    train_sets, dev_sets = [p.features for p in train.pairs], [p.features for p in dev.pairs]
    x_train, x_dev = matrices(train_sets, dev_sets)
    print(f"BioRED: {len(train.pairs)} train / {len(dev.pairs)} dev candidate pairs", flush=True)

    def baseline() -> None:
        report("baseline (LR, C 0.02)", logistic(0.02), x_train, train, x_dev, dev)

    def l2norm() -> None:
        for c in (0.5, 2.0):
            report(f"l2norm (C {c})", logistic(c), normalize(x_train), train, normalize(x_dev), dev)

    def type_pair_copy() -> None:
        def copy(sets):
            return [(*s, *(f"{s[0][3:]}#{f}" for f in s if not f.startswith(s[0][3:]))) for s in sets]

        a, b = matrices(copy(train_sets), copy(dev_sets))
        report("type-pair-copy (C 0.02)", logistic(0.02), a, train, b, dev)

    def floret() -> None:
        a = sp.hstack([x_train, 0.5 * sp.csr_matrix(floret_columns(train.pairs))]).tocsr()
        b = sp.hstack([x_dev, 0.5 * sp.csr_matrix(floret_columns(dev.pairs))]).tocsr()
        report("floret averages x 0.5 (C 0.02)", logistic(0.02), a, train, b, dev)

    def doc_context() -> None:
        documents = sorted(set(train.documents))
        np.random.RandomState(0).shuffle(documents)
        fold_of = {d: i % 5 for i, d in enumerate(documents)}
        folds = np.asarray([fold_of[d] for d in train.documents])
        out_of_fold = np.zeros((len(train.pairs), len(set(train.labels))))
        for fold in range(5):
            model = logistic(0.02).fit(x_train[folds != fold], train.y[folds != fold])
            out_of_fold[folds == fold] = model.predict_proba(x_train[folds == fold])
        first = logistic(0.02).fit(x_train, train.y)
        none = list(first.classes_).index(NO_RELATION)
        type_pairs = sorted({(p.type1, p.type2) for p in train.pairs + dev.pairs})
        a = by_type_pair(
            train.pairs, context_columns(train.pairs, train.documents, out_of_fold, none), type_pairs
        )
        dev_proba = first.predict_proba(x_dev)
        b = by_type_pair(dev.pairs, context_columns(dev.pairs, dev.documents, dev_proba, none), type_pairs)
        report("doc-context stacking (C 0.1)", logistic(0.1, max_iter=2000), a, train, b, dev)

    def mlp() -> None:
        model = MLPClassifier(
            hidden_layer_sizes=(64,), alpha=1e-2, max_iter=5, batch_size=128, random_state=13
        )
        report("mlp (64 units, 5 epochs)", model, x_train, train, x_dev, dev, log_proba=True)

    def linear_svm() -> None:
        report("linear-svm (C 0.003)", LinearSVC(C=0.003, random_state=13), x_train, train, x_dev, dev)

    variants: dict[str, Callable[[], None]] = {
        "baseline": baseline,
        "l2norm": l2norm,
        "type-pair-copy": type_pair_copy,
        "floret": floret,
        "doc-context": doc_context,
        "mlp": mlp,
        "linear-svm": linear_svm,
    }
    unknown = [name for name in selected if name not in variants]
    if unknown:
        raise SystemExit(f"unknown variant(s) {unknown}; choose from {sorted(variants)}")
    for name in selected or variants:
        variants[name]()


if __name__ == "__main__":
    import warnings

    warnings.filterwarnings("ignore", category=Warning, module="sklearn")
    main(sys.argv[1:])
