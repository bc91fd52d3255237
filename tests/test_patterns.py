"""Typed relation patterns (kg.nlp.patterns) through the real pipeline, on IL-6-paper-like sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import load_pipeline

PATTERN_VOCABULARY = Path(__file__).parent / "fixtures" / "vocabulary_patterns.tsv"


@pytest.fixture(scope="module")
def relations():
    nlp = load_pipeline(vocabulary_path=PATTERN_VOCABULARY)

    def run(text: str) -> set[tuple]:
        return {(r.subject_curie, r.kind, r.object_curie, r.negated) for r in nlp(text)._.kg_relations}

    return run


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("IL-6R is expressed on macrophages.", ("HGNC:6019", "expressed_in", "CL:0000235", False)),
        ("Macrophages constitutively express IL-6R.", ("HGNC:6019", "expressed_in", "CL:0000235", False)),
        ("IL-6R is not expressed on T cells.", ("HGNC:6019", "expressed_in", "CL:0000084", True)),
        # A quantifier before the first entity denies it too.
        (
            "Neither IL-6R nor IL-6 was found on macrophages.",
            ("HGNC:6018", "expressed_in", "CL:0000235", True),
        ),
        ("No IL-6R was detected on T cells.", ("HGNC:6019", "expressed_in", "CL:0000084", True)),
        ("IL-6 binds to IL-6R.", ("HGNC:6018", "physically_interacts_with", "HGNC:6019", False)),
        (
            "The binding of IL-6 to IL-6R recruits gp130.",
            ("HGNC:6018", "physically_interacts_with", "HGNC:6019", False),
        ),
        (
            "The anti-IL-6 monoclonal antibody siltuximab was given.",
            ("DRUGBANK:DB09036", "has_target", "HGNC:6018", False),
        ),
        (
            "Tocilizumab, a humanized anti-IL-6R antibody, was given.",
            ("DRUGBANK:DB06273", "has_target", "HGNC:6019", False),
        ),
        ("The JAK1 inhibitor ruxolitinib was given.", ("DRUGBANK:DB08877", "has_target", "HGNC:6190", False)),
        ("Siltuximab neutralizes IL-6.", ("DRUGBANK:DB09036", "has_target", "HGNC:6018", False)),
        (
            "Siltuximab is approved for the treatment of multicentric Castleman disease.",
            ("DRUGBANK:DB09036", "treats", "MONDO:0019754", False),
        ),
        (
            "Treatment of rheumatoid arthritis with tocilizumab was effective.",
            ("DRUGBANK:DB06273", "treats", "MONDO:0008383", False),
        ),
        (
            "IL-6 contributes to the pathogenesis of rheumatoid arthritis.",
            ("HGNC:6018", "contributes_to", "MONDO:0008383", False),
        ),
        (
            "Serum IL-6 levels were positively correlated with VEGF.",
            ("HGNC:6018", "positively_correlated_with", "HGNC:12680", False),
        ),
        (
            "STAT3 was inversely correlated with VEGF.",
            ("HGNC:11364", "negatively_correlated_with", "HGNC:12680", False),
        ),
        (
            "Serum IL-6 levels were significantly elevated in patients with rheumatoid arthritis.",
            ("HGNC:6018", "positively_correlated_with", "MONDO:0008383", False),
        ),
        (
            "STAT3 expression was reduced in 62/71 (87%) primary rheumatoid arthritis samples.",
            ("HGNC:11364", "negatively_correlated_with", "MONDO:0008383", False),
        ),
    ],
)
def test_pattern_reads_the_typed_relation(relations, sentence: str, expected: tuple) -> None:
    assert expected in relations(sentence)


def test_patterns_respect_categories(relations) -> None:
    # "expressed in" never links two genes; a drug is not "expressed".
    found = relations("IL-6 is expressed in STAT3 and siltuximab is expressed in macrophages.")
    assert not any(kind == "expressed_in" and obj.startswith("HGNC") for _, kind, obj, _ in found)
    assert not any(kind == "expressed_in" and subject.startswith("DRUGBANK") for subject, kind, _, _ in found)


def test_a_typed_pattern_replaces_the_sign_rules_reading_of_the_same_pair(relations) -> None:
    found = relations("Siltuximab neutralizes IL-6.")
    assert {
        kind for subject, kind, obj, _ in found if (subject, obj) == ("DRUGBANK:DB09036", "HGNC:6018")
    } == {"has_target"}


def test_typed_relations_become_biolink_assertions(tmp_path: Path) -> None:
    from kg.build import build_graph

    paper = tmp_path / "paper.txt"
    paper.write_text(
        "Siltuximab in Castleman disease\n\n"
        "The anti-IL-6 monoclonal antibody siltuximab is approved for the treatment of multicentric "
        "Castleman disease. IL-6R is expressed on macrophages.\n",
        encoding="utf-8",
    )
    graph = build_graph([paper], nlp=load_pipeline(vocabulary_path=PATTERN_VOCABULARY))
    predicates = {(a.subject, a.predicate, a.object) for a in graph.assertions}
    assert ("DRUGBANK:DB09036", "biolink:has_target", "HGNC:6018") in predicates
    assert ("DRUGBANK:DB09036", "biolink:treats", "MONDO:0019754") in predicates
    assert ("HGNC:6019", "biolink:expressed_in", "CL:0000235") in predicates


def test_ungrounded_model_entities_never_end_a_claim(nlp) -> None:
    # "zorbafenib" is no drug any vocabulary knows: the trained NER may find it, but no claim may
    # point at an empty identifier.
    doc = nlp(
        "Zorbafenib, a humanized anti-IL-6R antibody, is expressed on macrophages. IL-6 binds zorbafenib."
    )
    for relation in doc._.kg_relations:
        assert relation.subject_curie and relation.object_curie
