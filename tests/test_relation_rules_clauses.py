"""Relation rules (session 24): whose clause a verb is in, and claims that state a study's aim.

Each sentence is modelled on one from the IL-6 abstracts whose claim the rules had read wrongly;
the fixture ``relations`` (tests/conftest.py) runs the rule engine over the small vocabulary and
returns (subject, kind, object, direction, aspect, negated, hedged, cell type).
"""

from __future__ import annotations

import pytest

IL6, STAT3, SOCS3 = "HGNC:6018", "HGNC:11364", "HGNC:19391"
MACROPHAGE, ANGIOGENESIS, NEOPLASM = "CL:0000235", "GO:0001525", "MONDO:0005070"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The first subject's verb ("was studied") ends its clause before "and".
        ("STAT3 was studied, and IL-6 induced SOCS3.", {(IL6, SOCS3)}),
        ("Macrophages were studied and IL-6 strongly induced SOCS3.", {(IL6, SOCS3)}),
        # A question's clause has its own subject.
        ("Macrophages were studied to investigate whether IL-6 induces SOCS3.", {(IL6, SOCS3)}),
        ("Macrophages were studied to examine how IL-6 induces SOCS3.", {(IL6, SOCS3)}),
        # A subordinate clause has its own subject, after an intransitive or passive verb too.
        ("SOCS3 increased after IL-6 inhibited STAT3.", {(IL6, STAT3)}),
        ("STAT3 was activated before IL-6 strongly induced SOCS3.", {(IL6, SOCS3)}),
        (
            "STAT3 was inhibited by SOCS3 after IL-6 induced angiogenesis.",
            {(SOCS3, STAT3), (IL6, ANGIOGENESIS)},
        ),
        # "MDSCs were recruited to the injured kidney ... after inhibiting mTOR signal with
        # rapamycin treatment": the experimenters inhibit, not the subject of the passive clause
        ("Macrophages were recruited to the kidney after inhibiting STAT3 with SOCS3.", set()),
        # Guards: listed subjects both act; a verb of the first subject comes first; "after
        # IL-6 treatment" is no clause.
        ("SOCS3 increased after IL-6 treatment in macrophages.", set()),
        ("IL-6 and STAT3 induced SOCS3.", {(IL6, SOCS3), (STAT3, SOCS3)}),
        ("IL-6 induced STAT3, and macrophages were studied.", {(IL6, STAT3)}),
    ],
)
def test_the_subject_of_a_joined_clause_or_a_question(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # "OBJECTIVE: To create monoclonal anti-endothelial cell antibodies ... to evaluate their
        # ability to activate human umbilical vein endothelial cells": the aim, not a finding
        "Mice were treated to evaluate whether IL-6 induces SOCS3.",
        "Mice were used to investigate how IL-6 induces SOCS3.",
        "Mice were used to assess how IL-6 induces SOCS3.",
        "We used mice to explore how IL-6 induces SOCS3.",
        "Mice were used to analyze how IL-6 increased SOCS3.",
    ],
)
def test_a_studys_aim_is_hedged(relations, sentence: str) -> None:
    found = relations(sentence)
    assert found and all(r[6] for r in found), found
    assert {(r[0], r[2]) for r in found} == {(IL6, SOCS3)}


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        # "By using several different methods to evaluate cell death, we demonstrated that
        # knockdown of IFIT3 led to cellular apoptosis": the report opens the finding's clause
        (
            "By using several methods to evaluate angiogenesis, we demonstrated that IL-6 induced SOCS3.",
            False,
        ),
        # guard: a hedging report hedges what it reports
        ("By using several methods to evaluate angiogenesis, we suggest that IL-6 induced SOCS3.", True),
    ],
)
def test_a_report_of_a_finding_ends_the_aims_reach(relations, sentence: str, hedged: bool) -> None:
    assert {(r[0], r[2], r[6]) for r in relations(sentence)} == {(IL6, SOCS3, hedged)}


def test_a_finding_after_the_aim_is_not_hedged(relations) -> None:
    found = relations("To examine the cells, macrophages were used, and IL-6 induced SOCS3 in them.")
    assert {(r[0], r[2], r[6]) for r in found} == {(IL6, SOCS3, False)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "the expression of NFATc1 mRNA was enhanced by M-CSF + RANKL treatment"
        ("The levels of SOCS3 were increased by IL-6.", {(IL6, "affects", SOCS3, "abundance")}),
        (
            "The expression of SOCS3 was strongly increased by IL-6 in macrophages.",
            {(IL6, "affects", SOCS3, "expression")},
        ),
        # "Serum levels of IL-1beta, CCL11, ... and CCL4 were associated with symptoms"
        (
            "Serum levels of SOCS3 and STAT3 were associated with angiogenesis.",
            {(SOCS3, "associated_with", ANGIOGENESIS, None), (STAT3, "associated_with", ANGIOGENESIS, None)},
        ),
        # Guards: a role is no measure; before an active verb the phrase names no subject.
        ("The role of IL-6 in angiogenesis was examined.", set()),
        ("Levels of SOCS3 increased STAT3.", set()),
    ],
)
def test_a_measure_of_an_entity_before_a_passive_verb(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[1], r[2], r[4]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "minocycline facilitated the recovery from sickness behavior (i.e., anorexia, weight loss
        # ...)": recovering from X lowers X, and X after "from" is no setting
        ("IL-6 facilitated the recovery from neoplasm.", {(IL6, NEOPLASM, "decreased")}),
        (
            "IL-6 promoted recovery from neoplasm and angiogenesis.",
            {(IL6, NEOPLASM, "decreased"), (IL6, ANGIOGENESIS, "decreased")},
        ),
        # "delayed tumor growth"; delaying a recovery composes to an increase
        ("IL-6 delayed neoplasm growth.", {(IL6, NEOPLASM, "decreased")}),
        ("IL-6 delayed the recovery from neoplasm.", {(IL6, NEOPLASM, "increased")}),
    ],
)
def test_recovery_from_and_delay(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


def test_a_cells_state_after_by_is_no_verb(relations) -> None:
    # "IL-4 is secreted by activated Th2 but not Th1 cells": "activated" describes the cells
    assert relations("IL-6 is secreted by activated STAT3 but not macrophages.") == []
    # guard: a change after "by" still reads ("was paralleled by reduced levels of X")
    found = relations("IL-6 was paralleled by reduced levels of SOCS3.")
    assert {(r[0], r[2], r[3]) for r in found} == {(IL6, SOCS3, "decreased")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "IL-4 did not exert significant influence on the induction of expression of IL-1-RA ...
        # by IL-2, IL-3, and GM-CSF": the nominal's agents, through the list's commas
        ("IL-6 inhibited the induction of SOCS3 by STAT3, SIRPA, and tyrosine.", {(IL6, SOCS3)}),
        # the list of agents ends where a word other than a list word comes
        (
            "IL-6 reduced the activation of SOCS3 by STAT3 and subsequent angiogenesis.",
            {(IL6, SOCS3), (IL6, ANGIOGENESIS)},
        ),
    ],
)
def test_agents_after_by_in_an_object_list(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected
