"""The helpers of ``benchmarks/relation_model_variants.py`` on the toy PubTator fixture."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from kg.relation_model.features import PairCandidate
from kg.relation_model.pubtator import read_pubtator
from kg.relation_model.train import _allowed_type_pairs

FIXTURE = Path(__file__).parent / "fixtures" / "relations" / "toy.PubTator"
_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "relation_model_variants.py"
_SPEC = importlib.util.spec_from_file_location("relation_model_variants", _SCRIPT)
variants = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(variants)
Split, by_type_pair, context_columns = variants.Split, variants.by_type_pair, variants.context_columns
matrices, typed_scores = variants.matrices, variants.typed_scores


def _pair(id1: str, id2: str, type1: str = "ChemicalEntity", type2: str = "DiseaseOrPhenotypicFeature"):
    return PairCandidate(id1, id2, type1, type2, ("tp=x",), (), (), None)


def test_split_labels_every_candidate_and_counts_gold_pairs_without_one():
    documents = read_pubtator(FIXTURE)
    split = Split(documents, _allowed_type_pairs(documents))
    gold_pairs = {(d.pmid, r.pair) for d in documents for r in d.relations}
    found = {
        (pmid, tuple(sorted((p.id1, p.id2))))
        for pmid, p, label in zip(split.documents, split.pairs, split.labels, strict=True)
        if label != "None"
    }
    assert found <= gold_pairs and len(found) + split.missed == len(gold_pairs)
    assert ("900001", ("D900001", "D900101")) in found
    assert len(split.y) == len(split.pairs) == len(split.documents)


def test_matrices_keep_only_features_seen_twice_in_training():
    train, dev = matrices([("a", "b"), ("a", "c")], [("a", "b", "d")])
    assert train.shape == (2, 1) and dev.shape == (1, 1)  # only "a" occurs twice
    assert train.toarray().tolist() == [[1.0], [1.0]] and dev.toarray().tolist() == [[1.0]]


def test_typed_scores_pick_the_no_relation_bias_with_the_best_typed_f1():
    documents = read_pubtator(FIXTURE)
    split = Split(documents, _allowed_type_pairs(documents))
    classes = sorted(set(split.labels))
    # A perfect scorer whose gold classes lose to "None" by 0.5: only a bias below -0.5 finds them.
    scores = np.full((len(split.labels), len(classes)), -5.0)
    none = classes.index("None")
    scores[:, none] = 1.5
    for row, label in enumerate(split.labels):
        if label != "None":
            scores[row, classes.index(label)] = 1.0
    typed, bias, pairs = typed_scores(scores, classes, split)
    n_gold = sum(1 for label in split.labels if label != "None")
    expected = 2 * n_gold / (n_gold + n_gold + split.missed)
    assert typed == pytest.approx(expected) and pairs == pytest.approx(expected)
    assert bias < -0.5
    scores[:, none] = 10.0  # beyond the bias grid: nothing is predicted
    assert typed_scores(scores, classes, split)[0] == 0.0


def test_context_columns_average_the_documents_other_pairs():
    pairs = [_pair("C1", "D1"), _pair("C1", "D2"), _pair("C2", "D3"), _pair("C9", "D9")]
    proba = np.array([[0.2, 0.8], [0.6, 0.4], [0.9, 0.1], [0.5, 0.5]])  # columns: relation, None
    rows = context_columns(pairs, ["1", "1", "1", "2"], proba, none=1)
    assert rows.shape == (4, 2 * 7 + 3)
    first = rows[0]
    assert first[:2] == pytest.approx(np.log([0.2, 0.8]))
    assert first[2:4] == pytest.approx([0.75, 0.25])  # same type pair: the mean of pairs 1 and 2
    assert first[6] == 1.0
    assert first[7:9] == pytest.approx([0.6, 0.4])  # pairs sharing C1: pair 1 only
    assert first[11] == 1.0
    assert first[12:] == pytest.approx(np.zeros(5))  # nothing else shares D1
    assert rows[3][2:] == pytest.approx(np.zeros(15))  # alone in its document


def test_by_type_pair_puts_columns_in_the_shared_and_the_type_block():
    pairs = [_pair("C1", "D1"), _pair("G1", "D1", "GeneOrGeneProduct")]
    type_pairs = sorted({(p.type1, p.type2) for p in pairs})
    out = by_type_pair(pairs, np.array([[1.0, 2.0], [3.0, 4.0]]), type_pairs).toarray()
    assert out.tolist() == [[1.0, 2.0, 1.0, 2.0, 0.0, 0.0], [3.0, 4.0, 0.0, 0.0, 3.0, 4.0]]
