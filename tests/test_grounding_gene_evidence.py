"""Gene rules of session 20: tied genes the paper names otherwise; organisms as expression hosts.

The matcher runs with the packaged lexicon on ``load_tokenizer_only`` pipelines
(no statistical NER, so the tests do not depend on the trained model).
"""

from __future__ import annotations

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.lexicon.store import HUMAN, Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.gene_ties import named_elsewhere_first


def _ents(nlp, text: str) -> dict[str, str]:
    return {e.text: e.kb_id_ for e in nlp(text).ents}


def _gene(curie: str, score: float = 0.8) -> Grounding:
    return Grounding(curie, "biolink:Gene", curie, score, "HGNC", HUMAN)


def test_a_tied_alias_takes_the_gene_the_paper_names_otherwise(split_matcher) -> None:
    # HGNC lists "p14" for S100A9 (HGNC:10499) and CDKN2A (p14ARF, HGNC:1787) at the same tier.
    assert _ents(split_matcher, "p14 was lost in the tumours .")["p14"] == "HGNC:10499"
    found = _ents(split_matcher, "p14 and CDKN2A were lost in the tumours .")
    assert found["p14"] == "HGNC:1787" and found["CDKN2A"] == "HGNC:1787"


def test_a_close_reading_the_paper_names_otherwise_goes_first() -> None:
    # HGNC gives "IL-1Ra" as written to IL6R (0.8) and as "IL1RA" to IL1RN (a case variant, 0.68);
    # a paper naming "IL-1 receptor antagonist" (IL1RN) means IL1RN.
    texts = ["IL-1", "receptor", "antagonist", ";", "IL-1Ra"]
    defined = Candidate(0, 3, (_gene("HGNC:6000", 0.95),), "lexicon")
    short = Candidate(4, 5, (_gene("HGNC:6019"), _gene("HGNC:6000", 0.68)), "lexicon")
    assert named_elsewhere_first([defined, short], texts)[1].best.curie == "HGNC:6000"


def test_a_numbered_sibling_is_no_other_name(split_matcher) -> None:
    # "NK-2" (an HGF alias) beside "NK-1" says nothing about which gene "NK-1" is.
    alone = _ents(split_matcher, "NK-1 was expressed .")["NK-1"]
    assert _ents(split_matcher, "NK-1 and NK-2 were expressed .")["NK-1"] == alone


def test_only_exact_ties_of_one_species_are_reordered() -> None:
    texts = ["p14", "and", "X1", "and", "Y1"]
    tied = Candidate(0, 1, (_gene("HGNC:1"), _gene("HGNC:2")), "lexicon")
    lower = Candidate(0, 1, (_gene("HGNC:1"), _gene("HGNC:2", 0.6)), "lexicon")
    named = Candidate(2, 3, (_gene("HGNC:2"),), "lexicon")
    assert named_elsewhere_first([tied, named], texts)[0].best.curie == "HGNC:2"
    assert named_elsewhere_first([lower, named], texts)[0].best.curie == "HGNC:1"
    # The first gene named otherwise too keeps its place; two named others leave the order.
    also_first = Candidate(4, 5, (_gene("HGNC:1"),), "lexicon")
    assert named_elsewhere_first([tied, named, also_first], texts)[0].best.curie == "HGNC:1"
    three = Candidate(0, 1, (_gene("HGNC:1"), _gene("HGNC:2"), _gene("HGNC:3")), "lexicon")
    other = Candidate(4, 5, (_gene("HGNC:3"),), "lexicon")
    assert named_elsewhere_first([three, named, other], texts)[0].best.curie == "HGNC:1"


def test_an_expression_host_or_cloning_vector_is_no_species_of_the_genes(split_matcher) -> None:
    # A paper whose only organism is yeast used as a host or a vector names human genes.
    assert _ents(split_matcher, "ZW10 was heterologously expressed in yeast .")["ZW10"] == "HGNC:13194"
    assert _ents(split_matcher, "Yeast artificial chromosome clones carried ZW10 .")["ZW10"] == "HGNC:13194"
    # Yeast as the organism studied still blocks the human gene of that name.
    assert "ZW10" not in _ents(split_matcher, "In yeast , ZW10 controls the kinetochore .")


def test_a_list_continues_a_gene_name_of_several_words(split_matcher) -> None:
    # "PKC zeta" is a key since the session-20 lexicon (HGNC's "protein kinase C zeta", FamPlex PKC).
    doc = split_matcher("Cells expressed PKC alpha , epsilon , and zeta in patients .")
    members = {doc.text[s:e]: m for (s, e), m in doc._.kg_entity_members.items()}
    assert members["PKC alpha , epsilon , and zeta"] == ("HGNC:9393", "HGNC:9401", "HGNC:9412")
    doc = split_matcher("Patients had cyclin D1 and D2 amplified .")
    assert list(doc._.kg_entity_members.values()) == [("HGNC:1582", "HGNC:1583")]
    # A count after the list is no list of members; numbers must rise.
    assert not split_matcher("IL-6 receptor 1 and 2 patients were seen .")._.kg_entity_members
