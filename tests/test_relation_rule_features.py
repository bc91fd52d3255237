"""The helpers of ``benchmarks/relation_rule_features.py``: rule claims carried onto concept pairs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from kg.relation_model.features import Mention, PairCandidate
from kg.relation_model.pubtator import read_pubtator
from kg.relation_model.train import _allowed_type_pairs

FIXTURE = Path(__file__).parent / "fixtures" / "relations" / "toy.PubTator"
_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "relation_rule_features.py"
_SPEC = importlib.util.spec_from_file_location("relation_rule_features", _SCRIPT)
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)


def _claim(
    s, o, sc="X", oc="Y", *, kind="affects", direction="increased", neg=False, hedged=False, rule="verb"
):
    return {
        "s": list(s),
        "o": list(o),
        "sc": sc,
        "oc": oc,
        "kind": kind,
        "dir": direction,
        "neg": neg,
        "hedged": hedged,
        "rule": rule,
    }


def _pair(id1="C1", id2="D1", type1="ChemicalEntity", type2="DiseaseOrPhenotypicFeature"):
    return PairCandidate(id1, id2, type1, type2, ("tp=x",), (), (0,), None)


def test_overlap_carries_a_claim_to_every_gold_concept_its_ends_touch():
    mentions = [
        Mention(0, 5, "ChemicalEntity", ("C1",)),
        Mention(10, 20, "DiseaseOrPhenotypicFeature", ("D1", "D2")),
        Mention(30, 35, "DiseaseOrPhenotypicFeature", ("D3",)),
    ]
    # Our subject covers 2-6 (overlaps C1), our object 12-15 (inside the composite D1/D2 mention).
    claims = bench.claims_by_overlap([_claim((2, 6), (12, 15))], mentions)
    assert set(claims) == {("C1", "D1"), ("C1", "D2")}
    assert claims["C1", "D1"][0][0] == "C1"  # the agent
    # An end touching no gold mention links nothing.
    assert not bench.claims_by_overlap([_claim((2, 6), (22, 28))], mentions)


def test_end_to_end_claims_need_exact_offsets_and_skip_self_pairs():
    mentions = [
        Mention(0, 5, "GeneOrGeneProduct", ("G1",)),
        Mention(10, 15, "GeneOrGeneProduct", ("G1", "G2")),
    ]
    claims = bench.claims_by_offsets([_claim((0, 5), (10, 15)), _claim((0, 4), (10, 15))], mentions)
    assert set(claims) == {("G1", "G2")}  # G1-G1 is not a pair; (0, 4) is no entity
    assert len(claims["G1", "G2"]) == 1


def test_gold_entity_claims_split_joined_ids():
    claims = bench.claims_by_curie([_claim((0, 1), (2, 3), sc="G2|G1", oc="D1")])
    assert set(claims) == {("D1", "G1"), ("D1", "G2")}


def test_claim_features_carry_sign_state_predicate_and_agent_side():
    claims = bench.claims_by_curie(
        [
            _claim((0, 1), (2, 3), sc="D1", oc="C1", direction="decreased", neg=True),
            _claim(
                (0, 1), (2, 3), sc="C1", oc="D1", kind="associated_with", direction=None, rule="association"
            ),
        ]
    )
    features = bench.claim_features(_pair(), claims)
    assert "Chem|Dis|rc_sign=decreased:neg" in features
    assert "Chem|Dis|rc_ord=ba:decreased" in features  # D1 (the pair's second concept) is the agent
    assert "rc_sign=assoc:aff" in features and "rc_kind=associated_with:association" in features
    assert "Chem|Dis|rc_ord=ab:assoc" in features
    assert bench.claim_features(_pair("C1", "D9"), claims) == []


def test_role_features_fall_back_to_each_concepts_other_claims():
    claims = bench.claims_by_curie(
        [
            _claim((0, 1), (2, 3), sc="C1", oc="G1", direction="increased"),
            _claim((0, 1), (2, 3), sc="G2", oc="D1", direction="decreased"),
            _claim((0, 1), (2, 3), sc="G3", oc="D1", neg=True),
        ]
    )
    features = bench.role_features(_pair(), claims)
    assert features == ["Chem|Dis|a_role=agent:increased", "Chem|Dis|b_role=object:decreased"]
    joined = bench.claims_by_curie([_claim((0, 1), (2, 3), sc="C1", oc="D1")])
    assert bench.role_features(_pair(), joined) == bench.claim_features(_pair(), joined)


def test_split_of_the_toy_corpus_holds_each_pairs_claims():
    documents = read_pubtator(FIXTURE)
    allowed = _allowed_type_pairs(documents)
    first = documents[0]
    relation = first.relations[0]
    records = {first.pmid: [_claim((0, 1), (2, 3), sc=relation.id1, oc=relation.id2)]}
    split = bench.Split(documents, allowed, None, lambda d, m: bench.claims_by_curie(records.get(d.pmid, [])))
    assert len(split.features) == len(split.labels) == len(split.keys) == len(split.claims)
    linked = [row for row in split.extra(bench.claim_features) if row]
    assert len(linked) == 1 and "rc" in linked[0]


def test_stacked_model_only_changes_rows_with_extra_features():
    classes = ["Association", "None", "Positive_Correlation"]
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(60, 3))
    signs = {1: ("rc_sign=increased:aff", "Positive_Correlation"), 3: ("rc_sign=assoc:aff", "Association")}
    rows = [[signs[i % 4][0]] if i % 2 else [] for i in range(60)]
    labels = [signs[i % 4][1] if i % 2 else classes[int(np.argmax(logits[i]))] for i in range(60)]
    stacked = bench.Stacked(classes, c=1.0).fit(logits, rows, labels)
    out = stacked.log_probabilities(logits, rows)
    plain = bench.log_softmax(logits)
    assert np.allclose(out[0::2], plain[0::2])
    assert [classes[i] for i in out[1::2].argmax(axis=1)] == [labels[i] for i in range(1, 60, 2)]
    assert np.allclose(np.exp(out).sum(axis=1), 1.0)


def test_bias_grid_moves_pairs_to_no_relation():
    classes = ["Association", "None"]
    scores = np.array([[1.0, 0.0], [0.2, 0.0]])
    assert bench.labels_at(scores, classes, 0.0) == ["Association", "Association"]
    assert bench.labels_at(scores, classes, 0.5) == ["Association", "None"]
    with pytest.raises(ValueError):
        bench.labels_at(scores, ["Association", "Bind"], 0.0)
