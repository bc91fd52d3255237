"""The torch-free helpers of ``benchmarks/relation_transformer.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

from kg.relation_model.pubtator import PubTatorRelation

_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "relation_transformer.py"
_SPEC = importlib.util.spec_from_file_location("relation_transformer", _SCRIPT)
bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = bench  # its dataclass looks itself up there
_SPEC.loader.exec_module(bench)

LABELS = ["Association", "None", "Positive_Correlation"]


def _doc(pmid: str, pairs: list[tuple[str, str]], gold: tuple[PubTatorRelation, ...]):
    n = len(pairs)
    return bench.Doc(
        pmid=pmid,
        windows=[[101, 102]],
        offsets=[0],
        length=0,
        entity_markers=[],
        pair_entities=np.zeros((n, 2), dtype=np.int64),
        pair_types=np.zeros((n, 2), dtype=np.int64),
        linear=np.zeros((n, len(LABELS)), dtype=np.float32),
        labels=np.zeros(n, dtype=np.int64),
        pair_keys=pairs,
        gold=gold,
    )


def test_windows_cover_every_wordpiece_within_the_limit():
    ids = list(range(1000, 1000 + 1100))
    windows, starts = bench.windows_of(ids, 101, 102)
    assert all(len(w) <= bench.WINDOW + 2 and w[0] == 101 and w[-1] == 102 for w in windows)
    covered = set()
    for window, start in zip(windows, starts, strict=True):
        assert window[1:-1] == ids[start : start + len(window) - 2]
        covered.update(range(start, start + len(window) - 2))
    assert covered == set(range(len(ids)))
    assert starts[-1] == len(ids) - bench.WINDOW
    short, short_starts = bench.windows_of(ids[:10], 101, 102)
    assert short == [[101, *ids[:10], 102]] and short_starts == [0]


def test_none_bias_and_scoring_use_the_gold_relations():
    gold = (PubTatorRelation("Positive_Correlation", "D1", "G1"), PubTatorRelation("Association", "D2", "G1"))
    doc = _doc("1", [("G1", "D1"), ("G1", "D2"), ("G2", "D1")], gold)
    # pair 1 right, pair 2 typed wrong, pair 3 a weak false positive
    logits = [np.asarray([[0.0, 1.0, 3.0], [0.0, 1.0, 2.0], [0.0, 1.0, 1.5]])]
    predicted = bench.relations_of([doc], logits, LABELS, 0.0)
    assert {(r.pair, r.type) for r in predicted["1"]} == {
        (("D1", "G1"), "Positive_Correlation"),
        (("D2", "G1"), "Positive_Correlation"),
        (("D1", "G2"), "Positive_Correlation"),
    }
    typed, pairs, _ = bench.score([doc], logits, LABELS, 0.0)
    assert (typed.tp, typed.predicted, typed.gold) == (1, 3, 2)
    assert (pairs.tp, pairs.predicted, pairs.gold) == (2, 3, 2)
    assert bench.type_errors([doc], logits, LABELS, 0.0) == {"found": 2, "typed_right": 1}
    # a larger no-relation bias drops the weak pair first
    typed, _, _ = bench.score([doc], logits, LABELS, 0.75)
    assert (typed.tp, typed.predicted) == (1, 2)
    bias, f1 = bench.best_bias([doc], logits, LABELS)
    assert f1 == typed.f1 or f1 > typed.f1
    assert bench.score([doc], logits, LABELS, bias)[0].f1 == f1
