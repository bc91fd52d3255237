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
