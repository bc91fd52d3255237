"""Training the relation model from BioRED-style PubTator files (scikit-learn).

Two logistic-regression classifiers over hashed features
(:mod:`kg.relation_model.features`): one labels every candidate concept pair
of a document with a BioRED relation type or ``"None"``; the other, trained
on the gold relations only, says whether a relation is the paper's own
finding (BioRED "Novel") or background. On a dev file, the bias of the
``"None"`` class is tuned for the best pair+type F1 (a single number stored
in ``model.json``). lbfgs is deterministic, so the same files and settings
give the same weights.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse
import sklearn
from sklearn.linear_model import LogisticRegression

from kg.io import atomic_write_bytes, atomic_write_text
from kg.relation_model.examples import document_examples
from kg.relation_model.features import TYPE_ORDER, hash_feature
from kg.relation_model.model import NO_RELATION, LinearWeights, RelationModel
from kg.relation_model.pubtator import PubTatorDocument

__all__ = [
    "MODEL_NAME",
    "MODEL_VERSION",
    "TrainingSettings",
    "save_model",
    "train_model",
]

MODEL_NAME = "il6kg.re_biored"
MODEL_VERSION = "0.2.0"
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """Hyper-parameters; the defaults are the ones tuned on BioRED dev."""

    buckets: int = 1 << 20
    c: float = 0.02
    novelty_c: float = 0.1
    min_count: int = 2
    max_iter: int = 300
    seed: int = 13


def _allowed_type_pairs(documents: Sequence[PubTatorDocument]) -> frozenset[tuple[str, str]]:
    """The canonically ordered type pairs that some gold relation joins."""
    allowed = set()
    for document in documents:
        types = {i: m.type for m in document.mentions for i in m.ids}
        for relation in document.relations:
            if relation.id1 in types and relation.id2 in types:
                a, b = sorted(
                    (types[relation.id1], types[relation.id2]),
                    key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER),
                )
                allowed.add((a, b))
    return frozenset(allowed)


def _design(
    feature_sets: Sequence[Sequence[str]], buckets: int, columns: dict[int, int] | None
) -> tuple[scipy.sparse.csr_matrix, dict[int, int]]:
    """A binary sparse matrix; ``columns`` maps hashed ids to columns (built when ``None``)."""
    hashed = [sorted({hash_feature(f, buckets) for f in features}) for features in feature_sets]
    if columns is None:
        columns = {h: i for i, h in enumerate(sorted({h for row in hashed for h in row}))}
    indptr, indices = [0], []
    for row in hashed:
        indices.extend(columns[h] for h in row if h in columns)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = scipy.sparse.csr_matrix((data, indices, indptr), shape=(len(hashed), len(columns)))
    return matrix, columns


def _fit(
    feature_sets: Sequence[Sequence[str]], labels: Sequence[str], settings: TrainingSettings, c: float
) -> tuple[LinearWeights, list[str]]:
    counts: Counter[int] = Counter(
        h for features in feature_sets for h in {hash_feature(f, settings.buckets) for f in features}
    )
    kept = sorted(h for h, n in counts.items() if n >= settings.min_count)
    columns = {h: i for i, h in enumerate(kept)}
    matrix, _ = _design(feature_sets, settings.buckets, columns)
    classifier = LogisticRegression(C=c, max_iter=settings.max_iter, random_state=settings.seed)
    classifier.fit(matrix, list(labels))
    classes = [str(c) for c in classifier.classes_]
    coef = classifier.coef_.T  # (features, classes); binary problems have one column
    intercept = classifier.intercept_
    keep = np.abs(coef).max(axis=1) > 1e-4
    weights = LinearWeights(
        index=np.asarray(kept, dtype=np.int64)[keep],
        weights=coef[keep].astype(np.float16),
        bias=intercept.astype(np.float32),
    )
    return weights, classes


def _typed_f1(predicted: Sequence[str], gold: Sequence[str], missed: int) -> float:
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p == g and p != NO_RELATION)
    n_pred = sum(1 for p in predicted if p != NO_RELATION)
    n_gold = sum(1 for g in gold if g != NO_RELATION) + missed
    return 0.0 if tp == 0 else 2 * tp / (n_pred + n_gold)


def train_model(
    train: Sequence[PubTatorDocument],
    dev: Sequence[PubTatorDocument] | None = None,
    settings: TrainingSettings | None = None,
    corpora: Sequence[str] = (),
) -> RelationModel:
    """Train a :class:`RelationModel`; tune the no-relation bias on ``dev`` when given.

    Parameters
    ----------
    train
        Training documents with gold mentions and relations.
    dev
        Documents to tune the no-relation bias on (never trained on).
    settings
        Hyper-parameters.
    corpora
        Names of the training corpora, recorded in ``model.json``.

    Raises
    ------
    ValueError
        If the training documents hold no relation.
    """
    settings = settings or TrainingSettings()
    allowed = _allowed_type_pairs(train)
    if not allowed:
        raise ValueError("the training documents hold no relation between annotated entities")
    feature_sets, labels, novelty_sets, novelty_labels = [], [], [], []
    for document in train:
        pairs, pair_labels, pair_novelty = document_examples(document, allowed)
        for pair, label, novel in zip(pairs, pair_labels, pair_novelty, strict=True):
            feature_sets.append(pair.features)
            labels.append(label)
            if label != NO_RELATION and novel is not None:
                novelty_sets.append((*pair.novelty_features, f"type={label}"))
                novelty_labels.append("novel" if novel else "background")
    _LOG.info("%d candidate pairs, %d relations", len(labels), sum(1 for x in labels if x != NO_RELATION))
    if len(set(labels)) < 2:
        raise ValueError("training needs both related and unrelated pairs")
    relation, classes = _fit(feature_sets, labels, settings, settings.c)
    novelty = None
    if len(set(novelty_labels)) == 2:
        novelty, novelty_classes = _fit(novelty_sets, novelty_labels, settings, settings.novelty_c)
        if novelty_classes[1] != "novel":  # sklearn sorts: background < novel
            raise AssertionError(novelty_classes)
    meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "buckets": settings.buckets,
        "labels": classes,
        "none_bias": 0.0,
        "allowed_type_pairs": sorted([list(pair) for pair in allowed]),
        "settings": {
            "c": settings.c,
            "novelty_c": settings.novelty_c,
            "min_count": settings.min_count,
            "max_iter": settings.max_iter,
            "seed": settings.seed,
        },
        "training": {
            "corpora": list(corpora),
            "documents": len(train),
            "pairs": len(labels),
            "relations": sum(1 for x in labels if x != NO_RELATION),
            "scikit_learn": sklearn.__version__,
        },
    }
    model = RelationModel(meta, relation, novelty)
    if dev:
        model.none_bias = _tune_none_bias(model, dev)
        meta["none_bias"] = model.none_bias
    return model


def _tune_none_bias(model: RelationModel, dev: Sequence[PubTatorDocument]) -> float:
    """The no-relation bias with the best pair+type F1 on ``dev`` (a coarse grid)."""
    feature_sets, gold, missed = [], [], 0
    for document in dev:
        pairs, labels, _ = document_examples(document, model.allowed_type_pairs)
        feature_sets.extend(p.features for p in pairs)
        gold.extend(labels)
        candidates = {(p.id1, p.id2) if p.id1 <= p.id2 else (p.id2, p.id1) for p in pairs}
        missed += len({r.pair for r in document.relations} - candidates)
    logits = model.relation.scores(feature_sets, model.buckets)
    none = model.labels.index(NO_RELATION)
    best_bias, best_f1 = 0.0, -1.0
    for bias in np.arange(-3.0, 3.01, 0.25):
        shifted = logits.copy()
        shifted[:, none] += bias
        predicted = [model.labels[i] for i in shifted.argmax(axis=1)]
        f1 = _typed_f1(predicted, gold, missed)
        _LOG.info("none bias %+.2f: dev pair+type F1 %.4f", bias, f1)
        if f1 > best_f1 + 1e-9:
            best_bias, best_f1 = float(bias), f1
    return round(best_bias, 2)


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` archive with fixed timestamps (``np.savez`` stamps the current time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def save_model(model: RelationModel, path: Path) -> None:
    """Write ``model.json`` and ``weights.npz`` into ``path`` (atomically, byte-for-byte reproducible)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    arrays = {
        "rel_index": model.relation.index,
        "rel_weights": model.relation.weights,
        "rel_bias": model.relation.bias,
    }
    if model.novelty is not None:
        arrays |= {
            "nov_index": model.novelty.index,
            "nov_weights": model.novelty.weights,
            "nov_bias": model.novelty.bias,
        }
    atomic_write_bytes(path / "weights.npz", _npz_bytes(arrays))
    meta = dict(model.meta, none_bias=model.none_bias)
    atomic_write_text(path / "model.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
