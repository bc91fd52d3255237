"""Rule claims read wrong in the graph of the IL-6 abstracts (session 25).

Each claim is (subject, kind, object, direction, aspect, negated, hedged, cell type); the
``relations`` fixture (tests/conftest.py) runs the rule engine with the small vocabulary.
"""

from __future__ import annotations

import pytest


def _signed(claims: list[tuple]) -> set[tuple[str, str, str | None, bool]]:
    return {(c[0], c[2], c[3], c[5]) for c in claims}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "no" before a trigger noun in a second predicate denies its objects ...
        (
            "IL-6 increased STAT3 and resulted in no induction of SOCS3.",
            {("HGNC:6018", "HGNC:11364", "increased", False), ("HGNC:6018", "HGNC:19391", "increased", True)},
        ),
        # ... but not those of a verb after the denied noun.
        (
            "IL-6 had no effect on SIRPA and increased SOCS3.",
            {("HGNC:6018", "HGNC:19391", "increased", False)},
        ),
        # A denial before a list still reaches the objects of the denied verb.
        (
            "IL-6 did not induce STAT3 or increase SOCS3.",
            {("HGNC:6018", "HGNC:11364", "increased", True), ("HGNC:6018", "HGNC:19391", "increased", True)},
        ),
    ],
)
def test_denials_reach_their_own_predicate(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What the verb brings about is the object's loss: "induced cell cycle arrest".
        (
            "IL-6 induced STAT3 depletion and SOCS3 expression.",
            {
                ("HGNC:6018", "HGNC:11364", "decreased", False),
                ("HGNC:6018", "HGNC:19391", "increased", False),
            },
        ),
        (
            "IL-6 induced angiogenesis arrest.",
            {("HGNC:6018", "GO:0001525", "decreased", False)},
        ),
        # An arrested process as the subject acts by its loss.
        (
            "Angiogenesis arrest decreased SOCS3 expression.",
            {("GO:0001525", "HGNC:19391", "increased", False)},
        ),
        # A trigger noun after the object is read once, not twice.
        (
            "IL-6 reduced STAT3 inhibition.",
            {("HGNC:6018", "HGNC:11364", "increased", False)},
        ),
    ],
)
def test_a_loss_word_after_a_name(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A loss of an entity's activity or function is its loss.
        (
            "The loss of activity of STAT3 was linked to the suppression of SOCS3 expression.",
            {("HGNC:11364", "HGNC:19391", "increased", False)},
        ),
        (
            "Blockade of the function of IL-6 reduced SOCS3.",
            {("HGNC:6018", "HGNC:19391", "increased", False)},
        ),
        # The plain loss, as before.
        (
            "Loss of STAT3 was associated with decreased SOCS3.",
            {("HGNC:11364", "HGNC:19391", "increased", False)},
        ),
    ],
)
def test_a_loss_of_an_entitys_activity(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A plural agent noun listed with others acts on nothing named after it.
        ("T cell markers, inflammatory mediators and markers of neoplasm were examined.", set()),
        (
            "IL-6 and other mediators, such as SOCS3, increased angiogenesis.",
            {("HGNC:6018", "GO:0001525", "increased", False)},
        ),
        # "mediators of X" keeps its reading.
        (
            "IL-6 and STAT3 are mediators of angiogenesis.",
            {("HGNC:6018", "GO:0001525", None, False), ("HGNC:11364", "GO:0001525", None, False)},
        ),
    ],
)
def test_a_listed_agent_noun_is_no_trigger(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The cell after "the STAT3 pathway of" owns the pathway; it is no second object.
        (
            "IL-6 activated the STAT3 pathway of macrophages.",
            {("HGNC:6018", "HGNC:11364", "increased", False)},
        ),
        ("IL-6 increased SOCS3 expression of T cells.", {("HGNC:6018", "HGNC:19391", "increased", False)}),
        # A cell after "of" right after the object, as before.
        ("IL-6 increased the angiogenesis of neoplasm.", {("HGNC:6018", "GO:0001525", "increased", False)}),
    ],
)
def test_the_cell_whose_pathway_is_meant(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # After a drug's name "inhibitor" says what the drug is ...
        ("The tyrosine inhibitor reduced angiogenesis.", {("CHEBI:18186", "GO:0001525", "decreased", False)}),
        # ... after a gene's, that the gene is blocked.
        ("The STAT3 inhibitor reduced angiogenesis.", {("HGNC:11364", "GO:0001525", "increased", False)}),
    ],
)
def test_a_drug_named_as_an_inhibitor_is_no_loss(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The evidence after "as confirmed by" is nobody's act in the clause.
        ("IL6 signalling was SIRPA dependent as confirmed by inhibition of SOCS3 release.", set()),
        # A verb of the clause keeps its objects, the evidence too.
        (
            "IL-6 activated STAT3, as shown by increased expression of SOCS3.",
            {
                ("HGNC:6018", "HGNC:11364", "increased", False),
                ("HGNC:6018", "HGNC:19391", "increased", False),
            },
        ),
    ],
)
def test_evidence_after_as_confirmed_by(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected
