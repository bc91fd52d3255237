"""Grounding errors read in the graph of the IL-6 abstracts, second round (session 24, il6ground2).

The matcher runs with the packaged lexicon behind a stand-in NER (``tests.matcher_stubs``),
so the tests do not depend on the trained model.
"""

from __future__ import annotations

import pytest

from tests.matcher_stubs import _matcher_after, run_matcher, sentence_matcher


@pytest.fixture(scope="module")
def matcher():
    return sentence_matcher()


@pytest.fixture(scope="module")
def defining_matcher():
    """scispaCy's abbreviation detector, then the stand-in NER, then the matcher."""
    return _matcher_after("abbreviation_detector", "test_model_spans")


def test_a_long_form_across_a_conjunction_is_its_last_chemical(defining_matcher) -> None:
    # The detector spells "ADM" (Adriamycin) across "Ad.mda-7 combined with doxorubicin"; the NER
    # tags "ADM" a gene (adrenomedullin). The paper defines it as doxorubicin.
    text = (
        "We showed that Ad.mda-7 combined with doxorubicin (ADM) had enhanced antitumor effects . "
        "ADM reduced STAT3 ."
    )
    found = run_matcher(defining_matcher, text, [("ADM", "biolink:Gene")])
    assert "HGNC:259" not in found.values()
    assert found.get("ADM") == found.get("doxorubicin") == "DRUGBANK:DB00997"


def test_a_drug_named_by_species_and_protein_is_that_speciess_gene(matcher) -> None:
    # DrugBank's "Human interleukin-6" (DB15060) is the recombinant protein; prose means the gene.
    found = run_matcher(matcher, "Triggering of the human interleukin-6 gene by interferon-gamma .")
    assert "DRUGBANK:DB15060" not in found.values()
    assert found.get("interleukin-6") == "HGNC:6018"


def test_type_i_is_no_cell_type_without_a_cell_noun(matcher) -> None:
    # The Cell Ontology lists "type I" for retinal ganglion cell A1.
    found = run_matcher(
        matcher, "Infected cells secrete type I IFN and the formation of type I and III collagens rose ."
    )
    assert "CL:0004120" not in found.values()
    found = run_matcher(matcher, "Alveolar type I cells died after injury .")
    assert "CL:0002062" in found.values()  # type I pneumocyte, before "cells"


def test_a_plural_acronym_is_no_body_fluid(matcher) -> None:
    # "CSFs" is read as the plural of CSF, cerebrospinal fluid, a mass noun.
    found = run_matcher(matcher, "IL-4 did not alter the induction of various CSFs by IL-2 .")
    assert "UBERON:0001359" not in found.values()
    assert run_matcher(matcher, "IL-6 was measured in the CSF of patients .").get("CSF") == "UBERON:0001359"
