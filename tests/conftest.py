"""Shared fixtures: one real pipeline, the packaged lexicon and one real seed build per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "data" / "papers"


@pytest.fixture(scope="session")
def nlp():
    """The default il6-kg pipeline (real spaCy + scispaCy components)."""
    from kg import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_graph(nlp):
    """The knowledge graph of the three seed papers."""
    from kg import build_graph

    return build_graph([SEEDS], nlp=nlp)


@pytest.fixture(scope="session")
def lexicon():
    """The packaged lexicon (``ontology/lexicon``), as the pipeline loads it."""
    from kg.lexicon.store import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def matcher():
    """The packaged lexicon's matcher behind the stand-in NER (modules may override it)."""
    from tests.matcher_stubs import packaged_matcher

    return packaged_matcher()


@pytest.fixture(scope="session")
def split_matcher():
    """The packaged lexicon's matcher after il6-kg's sentence splitter, with no statistical NER."""
    from tests.matcher_stubs import sentence_matcher

    return sentence_matcher()


@pytest.fixture(scope="session")
def relations():
    """The rule engine alone: a function from a sentence to its rule claims as plain tuples.

    The small curated vocabulary only (no generated lexicon, no trained relation model), so a
    test shows what the rules read. Each claim is (subject, kind, object, direction, aspect,
    negated, hedged, cell type).
    """
    from kg import load_pipeline

    vocabulary = Path(__file__).parent / "fixtures" / "vocabulary_small.tsv"
    nlp = load_pipeline(vocabulary_path=vocabulary)
    nlp.replace_pipe(
        "kg_vocabulary_ner",
        "kg_vocabulary_ner",
        config={"vocabulary_path": str(vocabulary), "lexicon_path": ""},
    )
    nlp.remove_pipe("kg_relation_model")

    def run(text: str) -> list[tuple]:
        return [
            (r.subject_curie, r.kind, r.object_curie, r.direction, r.aspect, r.negated, r.hedged, r.cell_type)
            for r in nlp(text)._.kg_relations
        ]

    return run
