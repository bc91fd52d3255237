"""Disease grounding rules of session 10 and the scorer's ID-space conventions for diseases.

Unit tests on the pure functions, and ``spacy.blank`` pipelines with the
packaged lexicon where a rule is about the matcher.
"""

from __future__ import annotations

import pytest

from kg.evaluation.grounding import supplement_ceiling, to_supplement_version
from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument
from kg.lexicon.store import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _gold(*ids: str) -> list[PubTatorDocument]:
    annotations = [PubTatorAnnotation(0, 1, "x", "SpecificDisease", (i,)) for i in ids]
    return [PubTatorDocument("1", "t", "a", annotations)]


def test_supplement_ceiling_only_where_the_gold_uses_omim() -> None:
    assert supplement_ceiling(_gold("C538554", "MESH:C548028", "OMIM:310200", "D009369")) == 548028
    assert supplement_ceiling(_gold("C538554", "D009369")) is None  # BC5CDR: MeSH only
    assert supplement_ceiling(_gold("OMIM:310200")) is None  # no supplementary concept at all
    chemical = [PubTatorDocument("1", "t", "a", [PubTatorAnnotation(0, 1, "x", "Chemical", ("C600000",))])]
    assert supplement_ceiling(chemical + _gold("OMIM:1")) is None  # chemicals do not count


def test_newer_supplementary_concepts_are_scored_as_their_omim_ids(lexicon) -> None:
    # "C7 deficiency": MeSH C566443, newer than NCBI-disease's concepts; OMIM 610102 there
    assert to_supplement_version(lexicon, "C566443", 548028) == ("OMIM:610102",)
    assert to_supplement_version(lexicon, "C566443", 570000) == ("C566443",)  # old enough
    assert to_supplement_version(lexicon, "C566443", None) == ("C566443",)
    assert to_supplement_version(lexicon, "D009369", 1) == ("D009369",)  # descriptors are not touched
    # a concept no ontology links to OMIM stays ("Nonsyndromic Deafness")
    assert to_supplement_version(lexicon, "C580334", 548028) == ("C580334",)
