"""The trained relation model: loading and prediction (numpy only).

A model is a folder with ``model.json`` (labels, settings, provenance) and
``weights.npz`` (plain arrays: the hashed feature indices that carry weight,
their weights per class, the biases). No pickled objects: the files load in
any numpy and say everything they hold.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, count
from pathlib import Path
from zlib import crc32

import numpy as np

from kg.relation_model.features import Mention, PairCandidate, document_pairs

__all__ = [
    "DEFAULT_MODEL_DIR",
    "NO_RELATION",
    "LinearWeights",
    "ModelError",
    "PairPrediction",
    "RelationModel",
    "load_default_model",
]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "re_biored"
NO_RELATION = "None"


class ModelError(ValueError):
    """A model folder that is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class LinearWeights:
    """A linear classifier over hashed features.

    ``index`` holds the sorted feature buckets that have weights, ``weights``
    one row per bucket (one column per class), ``bias`` one value per class.
    """

    index: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    # Per number of buckets: each bucket's row in ``weights`` (-1: no weight); under -1, the
    # weights as float64. Built at first use.
    _rows_by_bucket: dict[int, np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _rows_of(self, buckets: int) -> np.ndarray:
        """Each bucket's row in ``weights``, -1 for none (what a binary search of ``index`` finds)."""
        table = self._rows_by_bucket.get(buckets)
        if table is None:
            table = np.full(buckets, -1, dtype=np.int32)
            inside = self.index < buckets
            # Reversed: a bucket listed twice gets its first row, as a left binary search finds it.
            table[self.index[inside][::-1]] = np.flatnonzero(inside)[::-1]
            self._rows_by_bucket[buckets] = table
        return table

    def _float_weights(self) -> np.ndarray:
        """``weights`` as float64 (each value exactly), converted once."""
        table = self._rows_by_bucket.get(-1)
        if table is None:
            table = self._rows_by_bucket[-1] = self.weights.astype(np.float64)
        return table

    def scores(self, feature_sets: Sequence[Sequence[str]], buckets: int) -> np.ndarray:
        """Class scores (logits), one row per feature set.

        A feature's bucket counts once per row, however many of the row's
        features hash into it.
        """
        n_rows = len(feature_sets)
        out = np.tile(self.bias.astype(np.float64), (n_rows, 1))
        if not n_rows:
            return out
        # Pairs of one document share most features ("sw=..."): hash each distinct string once.
        all_features = list(chain.from_iterable(feature_sets))
        positions = dict(zip(dict.fromkeys(all_features), count()))
        codes = np.fromiter(map(positions.__getitem__, all_features), dtype=np.int64, count=len(all_features))
        hashed = np.fromiter((crc32(f.encode("utf-8")) for f in positions), dtype=np.int64) % buckets
        rows = np.repeat(np.arange(n_rows, dtype=np.int64), [len(features) for features in feature_sets])
        keys = np.unique(rows * buckets + hashed[codes])  # sorted by row, then bucket
        rows, ids = np.divmod(keys, buckets)
        where = self._rows_of(buckets)[ids]
        present = where >= 0
        if present.any():
            weights = self._float_weights()[where[present]]
            hit_rows = rows[present]
            for column in range(out.shape[1]):
                out[:, column] += np.bincount(hit_rows, weights=weights[:, column], minlength=n_rows)
        return out


@dataclass(frozen=True, slots=True)
class PairPrediction:
    """The model's answer for one concept pair of one document."""

    pair: PairCandidate
    label: str
    probability: float
    novel_probability: float | None

    @property
    def novel(self) -> bool | None:
        """True when the model reads the relation as the paper's own finding."""
        return None if self.novel_probability is None else self.novel_probability >= 0.5


class RelationModel:
    """A document-level relation classifier for BioRED entity types.

    Parameters
    ----------
    meta
        The content of ``model.json``.
    relation
        Weights of the relation-type classifier (classes ``meta["labels"]``).
    novelty
        Weights of the novelty classifier (one logit), or ``None``.
    """

    def __init__(self, meta: dict, relation: LinearWeights, novelty: LinearWeights | None) -> None:
        self.meta = meta
        self.relation = relation
        self.novelty = novelty
        self.labels: list[str] = list(meta["labels"])
        self.buckets = int(meta["buckets"])
        self.none_bias = float(meta.get("none_bias", 0.0))
        self.allowed_type_pairs = frozenset(tuple(pair) for pair in meta["allowed_type_pairs"])

    @property
    def name(self) -> str:
        """The extractor name recorded in evidence."""
        return str(self.meta["name"])

    @property
    def version(self) -> str:
        """The model version recorded in evidence."""
        return str(self.meta["version"])

    @classmethod
    def load(cls, path: Path) -> RelationModel:
        """Load a model folder written by :func:`kg.relation_model.train.save_model`.

        Raises
        ------
        ModelError
            If ``model.json`` or ``weights.npz`` is missing or malformed.
        """
        path = Path(path)
        try:
            meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
            with np.load(path / "weights.npz", allow_pickle=False) as arrays:
                relation = LinearWeights(arrays["rel_index"], arrays["rel_weights"], arrays["rel_bias"])
                novelty = None
                if "nov_index" in arrays:
                    novelty = LinearWeights(arrays["nov_index"], arrays["nov_weights"], arrays["nov_bias"])
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"{path}: not a relation model ({error})") from None
        return cls(meta, relation, novelty)

    def pairs(
        self,
        text: str,
        mentions: Sequence[Mention],
        *,
        boundaries: Sequence[int] = (),
        max_pairs: int | None = None,
        require_cooccurrence: bool = False,
    ) -> list[PairCandidate]:
        """The candidate pairs of a document (see :func:`document_pairs`)."""
        return document_pairs(
            text,
            mentions,
            allowed_type_pairs=self.allowed_type_pairs,
            boundaries=boundaries,
            max_pairs=max_pairs,
            require_cooccurrence=require_cooccurrence,
        )

    def predict_pairs(self, pairs: Sequence[PairCandidate]) -> list[PairPrediction]:
        """Classify each pair; pairs predicted as no relation are included with label ``"None"``."""
        if not pairs:
            return []
        logits = self.relation.scores([p.features for p in pairs], self.buckets)
        none = self.labels.index(NO_RELATION)
        logits[:, none] += self.none_bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        labels = [self.labels[i] for i in best]
        novel = [None] * len(pairs)
        if self.novelty is not None:
            positives = [i for i, label in enumerate(labels) if label != NO_RELATION]
            if positives:
                feature_sets = [(*pairs[i].novelty_features, f"type={labels[i]}") for i in positives]
                nov_logits = self.novelty.scores(feature_sets, self.buckets)[:, 0]
                for i, logit in zip(positives, nov_logits, strict=True):
                    novel[i] = float(1.0 / (1.0 + np.exp(-logit)))
        return [
            PairPrediction(pair, label, round(float(probabilities[row, best[row]]), 4), novel[row])
            for row, (pair, label) in enumerate(zip(pairs, labels, strict=True))
        ]

    def novelty_probability(self, pair: PairCandidate, label: str) -> float | None:
        """Probability that a relation of type ``label`` between ``pair`` is the paper's own finding."""
        if self.novelty is None:
            return None
        logit = self.novelty.scores([(*pair.novelty_features, f"type={label}")], self.buckets)[0, 0]
        return float(1.0 / (1.0 + np.exp(-logit)))


@cache
def load_default_model() -> RelationModel:
    """The model shipped in the package (loaded once per process)."""
    return RelationModel.load(DEFAULT_MODEL_DIR)
