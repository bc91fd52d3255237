"""Disagreeing claims, belief with extractor priors, and novelty: kg.conflicts, kg.belief, kg.nlp.novelty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.belief import belief_score
from kg.cli import app
from kg.conflicts import Conflict, ConflictKind, find_conflicts
from kg.contradictions import conflict_report
from kg.model import Assertion, Context, Direction, Evidence
from kg.nlp.novelty import classify_novelty, section_labels

SEEDS = Path(__file__).resolve().parents[1] / "data" / "papers"
MOUSE = "NCBITaxon:10090"


def _evidence(
    document: str = "PMID:1", start: int = 0, confidence: float = 0.7, extractor: str = "il6kg.rules:verb"
):
    return Evidence(document, "A sentence.", start, start + 11, start, start + 1, start + 2, start + 3,
                    extractor, "0.1.0", confidence)  # fmt: skip


def _claim(
    subject: str = "HGNC:6018",
    obj: str = "GO:0001525",
    direction: Direction | None = Direction.INCREASED,
    negated: bool = False,
    context: Context | None = None,
    predicate: str = "biolink:affects",
) -> Assertion:
    return Assertion(subject, predicate, obj, None, direction, negated, context or Context(), (_evidence(),))


# --- kg.conflicts ------------------------------------------------------------------


def test_opposite_directions_in_the_same_context_contradict() -> None:
    up = _claim(context=Context(cell_type="CL:0000235"))
    down = _claim(direction=Direction.DECREASED, context=Context(cell_type="CL:0000235"))
    (conflict,) = find_conflicts([up, down], groups={})
    assert conflict.kind is ConflictKind.CONTRADICTS
    assert {conflict.first, conflict.second} == {up.id, down.id}
    assert conflict.first < conflict.second
    assert conflict.differing_context == ()


def test_opposite_directions_in_different_contexts_are_context_dependent() -> None:
    up = _claim(context=Context(cell_type="CL:0001063"))
    down = _claim(direction=Direction.DECREASED, context=Context(cell_type="CL:0000235", species=MOUSE))
    (conflict,) = find_conflicts([up, down], groups={})
    assert conflict.kind is ConflictKind.CONTEXT_DEPENDENT
    assert conflict.differing_context == ("cell_type", "species")


def test_a_denial_conflicts_with_the_claim_it_denies_only() -> None:
    up = _claim()
    not_up = _claim(negated=True)
    not_down = _claim(direction=Direction.DECREASED, negated=True)
    no_effect = _claim(direction=None, negated=True)
    pairs = {
        frozenset((c.first, c.second)) for c in find_conflicts([up, not_up, not_down, no_effect], groups={})
    }
    assert pairs == {frozenset((up.id, not_up.id)), frozenset((up.id, no_effect.id))}


def test_agreeing_and_unsigned_claims_are_not_conflicts() -> None:
    claims = [
        _claim(),
        _claim(context=Context(species=MOUSE)),
        _claim(direction=None, predicate="biolink:associated_with"),
        _claim(direction=None, predicate="biolink:regulates"),
        _claim(obj="GO:0008283", direction=Direction.DECREASED),  # another object
    ]
    assert find_conflicts(claims, groups={}) == ()


def test_correlations_of_opposite_sign_conflict() -> None:
    positive = _claim(direction=None, predicate="biolink:positively_correlated_with")
    negative = _claim(direction=None, predicate="biolink:negatively_correlated_with")
    (conflict,) = find_conflicts([positive, negative], groups={})
    assert conflict.kind is ConflictKind.CONTRADICTS


def test_comparison_groups_let_related_subjects_meet() -> None:
    ligand = _claim(subject="HGNC:6018")
    pathway = _claim(subject="GO:0070102", direction=Direction.DECREASED)
    assert find_conflicts([ligand, pathway], groups={}) == ()
    (conflict,) = find_conflicts([ligand, pathway])  # the packaged groups put both on the IL-6 axis
    assert conflict.kind is ConflictKind.CONTRADICTS


def test_conflicts_do_not_depend_on_input_order() -> None:
    claims = [
        _claim(),
        _claim(direction=Direction.DECREASED),
        _claim(direction=Direction.DECREASED, context=Context(species=MOUSE)),
    ]
    assert find_conflicts(claims) == find_conflicts(list(reversed(claims)))
    assert len(find_conflicts(claims)) == 2


# --- kg.belief ---------------------------------------------------------------------


def test_belief_uses_the_extractor_prior() -> None:
    assert belief_score([_evidence(confidence=0.7)]) == pytest.approx(1 - (0.05 + 0.95 * 0.3))
    assert belief_score([_evidence(confidence=0.7)], priors={"il6kg.rules": 0.0}) == pytest.approx(0.7)
    assert belief_score([]) == 0.0


def test_independent_evidence_raises_belief_but_one_sentence_counts_once() -> None:
    one = belief_score([_evidence()])
    two_papers = belief_score([_evidence("PMID:1"), _evidence("PMID:2")])
    same_sentence_twice = belief_score([_evidence(), _evidence(extractor="il6kg.rules:blockade")])
    assert two_papers > one
    assert same_sentence_twice == one
    # Two extractor families are independent: their systematic errors multiply.
    mixed = belief_score([_evidence(), _evidence(extractor="il6kg.re_biored:model", confidence=0.6)])
    assert mixed == pytest.approx(1 - (0.05 + 0.95 * 0.3) * (0.15 + 0.85 * 0.4), abs=1e-6)


# --- kg.nlp.novelty -----------------------------------------------------------------


def test_section_labels_follow_structured_abstract_headings() -> None:
    sentences = ["A title.", "Background IL-6 is known.", "It matters.", "Results We found X.", "And Y."]
    assert section_labels(sentences) == (None, "background", "background", "results", "results")


@pytest.mark.parametrize(
    ("sentence", "kwargs", "expected"),
    [
        ("IL-6 increases STAT3.", {"section": "results"}, True),
        ("IL-6 increases STAT3.", {"section": "background"}, False),
        ("We show that IL-6 increases STAT3.", {}, True),
        ("IL-6 has been shown to increase STAT3.", {"section": "results"}, False),
        ("IL-6 increases STAT3.", {"publication_types": ("Review",)}, False),
        ("IL-6 is required for regression", {"is_title": True}, True),
        ("IL-6 increases STAT3.", {}, None),
    ],
)
def test_novelty_cues(sentence: str, kwargs: dict, expected: bool | None) -> None:
    assert classify_novelty(sentence, **kwargs) is expected


# --- on the seed papers ---------------------------------------------------------------


def test_two_faces_of_il6_are_linked_as_context_dependent(seed_graph) -> None:
    by_id = {assertion.id: assertion for assertion in seed_graph.assertions}
    pairs = [
        (by_id[c.first], by_id[c.second], c)
        for c in seed_graph.conflicts
        if c.kind is ConflictKind.CONTEXT_DEPENDENT
    ]
    # Review 001: IL-6 signalling promotes tumour progression; seed 004: it is required for regression
    # under therapeutic vaccination in mice.
    found = [
        c
        for a, b, c in pairs
        if {a.object_direction, b.object_direction} == {Direction.INCREASED, Direction.DECREASED}
        and {a.subject, b.subject} == {"GO:0070102"}
        and "condition" in c.differing_context
    ]
    assert found
    assert seed_graph.summary().context_dependent >= 1


def test_seed_rdf_links_conflicting_associations(seed_graph) -> None:
    rdf = seed_graph.to_rdf()
    reports = conflict_report(rdf)
    assert {report.id.removeprefix("kgconflict:") for report in reports} == {
        c.id for c in seed_graph.conflicts
    }
    for report in reports:
        for claim in (report.first, report.second):
            assert claim.evidence, "every claim in a conflict comes with its sentences"
            for item in claim.evidence:
                assert item.subject_text and item.object_text and item.subject_text in item.sentence
    only_contradictions = conflict_report(rdf, kind=ConflictKind.CONTRADICTS)
    assert all(report.kind is ConflictKind.CONTRADICTS for report in only_contradictions)


def test_networkx_edges_name_the_edges_they_disagree_with(seed_graph) -> None:
    view = seed_graph.to_networkx()
    conflict: Conflict = seed_graph.conflicts[0]
    attribute = "contradicts" if conflict.kind is ConflictKind.CONTRADICTS else "context_dependent_with"
    edges = {key: data for _, _, key, data in view.edges(keys=True, data=True)}
    assert f"kgedge:{conflict.second}" in edges[f"kgedge:{conflict.first}"][attribute]
    assert f"kgedge:{conflict.first}" in edges[f"kgedge:{conflict.second}"][attribute]


def test_conditional_knockout_names_the_cells(seed_graph) -> None:
    # "Il6ra fl/fl x LysM cre+ ... no differences in the CD8+ T-cell response": a myeloid-cell knockout,
    # so the denial is context-dependent on cell type against systemic blockade, not a contradiction.
    (denial,) = [a for a in seed_graph.assertions if a.subject == "MGI:105304"]
    assert denial.negated and denial.context.cell_type == "CL:0000763"
    partners = [c for c in seed_graph.conflicts if denial.id in (c.first, c.second)]
    assert [(c.kind, c.differing_context) for c in partners] == [
        (ConflictKind.CONTEXT_DEPENDENT, ("cell_type",))
    ]


def test_cli_contradictions_lists_pairs_with_evidence(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.txt").write_text("IL-6 and vessels\n\nIL-6 promotes angiogenesis.\n", encoding="utf-8")
    (papers / "b.txt").write_text("IL-6 against vessels\n\nIL-6 inhibits angiogenesis.\n", encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "build"
    assert runner.invoke(app, ["build", str(papers), str(SEEDS), "--out", str(out)]).exit_code == 0
    graph = str(out)  # the build folder: its Oxigraph store
    result = runner.invoke(app, ["contradictions", "--graph", graph, "--format", "json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    turtle = str(out / "graph.ttl")
    from_turtle = runner.invoke(app, ["contradictions", "--graph", turtle, "--format", "json"])
    assert json.loads(from_turtle.stdout) == reports
    assert {report["kind"] for report in reports} == {"contradicts", "context_dependent"}
    assert all(report["first"]["evidence"] and report["second"]["evidence"] for report in reports)
    text = runner.invoke(
        app, ["contradictions", "--graph", graph, "--kind", "contradicts", "-c", "GO:0001525"]
    )
    assert text.exit_code == 0
    assert "CONTRADICTS" in text.stdout and "IL-6 inhibits angiogenesis." in text.stdout
    assert "CONTEXT-DEPENDENT" not in text.stdout
    bad = runner.invoke(app, ["contradictions", "--graph", graph, "--kind", "opposite"])
    assert bad.exit_code == 2


def test_every_curie_an_assertion_references_is_a_node(seed_graph) -> None:
    nodes = {concept.curie for concept in seed_graph.concepts}
    for assertion in seed_graph.assertions:
        context = assertion.context
        referenced = {assertion.subject, assertion.object, context.cell_type, context.species,
                      context.disease, context.condition} - {None}  # fmt: skip
        assert referenced <= nodes, (assertion.id, referenced - nodes)


def test_a_context_only_the_cre_driver_names_becomes_a_node(tmp_path: Path, nlp) -> None:
    from kg.build import build_graph

    paper = tmp_path / "cre.txt"
    paper.write_text(
        "Signalling in mice\n\nIL-6 signaling increased SOCS3 expression in LysM-cre mice.\n",
        encoding="utf-8",
    )
    graph = build_graph([paper], nlp=nlp)
    (claim,) = [a for a in graph.assertions if (a.subject, a.object) == ("GO:0070102", "HGNC:19391")]
    assert claim.context.cell_type == "CL:0000763"  # myeloid cell: named by the driver only
    assert graph.concept("CL:0000763") is not None


def test_a_review_of_mouse_models_and_human_disease_is_not_an_all_mouse_study(seed_graph) -> None:
    # Seed 001: "linked to tumorigenesis in numerous mouse models as well as in human disease".
    review = "doi:10.1016/j.smim.2014.01.008"
    claims = [a for a in seed_graph.assertions if a.publications == (review,)]
    assert claims
    assert all(a.context.species is None for a in claims)
