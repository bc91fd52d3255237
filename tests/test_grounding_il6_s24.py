"""Grounding errors read in the graph of the IL-6 abstracts (session 24: il6ground, then il6ground2).

The matcher runs with the packaged lexicon behind a stand-in NER (``tests.matcher_stubs``),
so the tests do not depend on the trained model.
"""

from __future__ import annotations

import pytest

from tests.matcher_stubs import _matcher_after, run_matcher


@pytest.fixture(scope="module")
def defining_matcher():
    """scispaCy's abbreviation detector, then the stand-in NER, then the matcher."""
    return _matcher_after("abbreviation_detector", "test_model_spans")


def test_a_defined_short_form_beats_the_ners_reading_of_its_other_number(defining_matcher) -> None:
    # The NER tags a later singular "MMC" a chemical (mitomycin C) but not the definition
    # "[MMCs]": the paper's definition wins, the lexicon's reading goes.
    text = (
        "MMC survival was low . Osteoclasts support malignant plasma cells "
        "(multiple myeloma cells [MMCs]) in the bone marrow ."
    )
    found = run_matcher(defining_matcher, text, [("MMC", "biolink:ChemicalEntity")])
    assert found.get("MMC") != "CHEBI:27504"
    # With no definition the NER's and the lexicon's reading stand.
    found = run_matcher(
        defining_matcher, "MMC survival was low after treatment .", [("MMC", "biolink:ChemicalEntity")]
    )
    assert found.get("MMC") == "CHEBI:27504"


def test_a_long_form_read_only_by_its_class_head_is_the_gene_of_its_short_form(defining_matcher) -> None:
    # "indoleamine 2, 3 dioxygenase": no key with the spaced locant, only "dioxygenase" (MeSH
    # Dioxygenases, a class) was grounded beside the gene IDO1 of "(IDO)".
    text = "Levels of indoleamine 2, 3 dioxygenase (IDO) fell in the cortex of patients ."
    found = run_matcher(defining_matcher, text, [("IDO", "biolink:Gene")])
    assert "MESH:D049308" not in found.values()
    assert found.get("IDO") == "HGNC:6059"
    assert found.get("indoleamine 2, 3 dioxygenase") == "HGNC:6059"


def test_necrosis_before_factor_is_no_disease(split_matcher) -> None:
    # The tokenizer keeps "(IFN-gamma)/tumor" whole, leaving "necrosis" to the disease heading.
    found = run_matcher(
        split_matcher, "induction by interferon-gamma (IFN-gamma)/tumor necrosis factor-alpha of IL-6 ."
    )
    assert "MESH:D009336" not in found.values()
    assert run_matcher(split_matcher, "Liver necrosis was seen in patients .") != {}


def test_depression_of_an_agent_on_something_is_no_disease(split_matcher) -> None:
    found = run_matcher(
        split_matcher, "whether the depression of TGF-b1 on T cell function is mediated by B7-H4 ."
    )
    assert "MONDO:0002050" not in found.values() and found.get("TGF-b1") == "HGNC:11766"
    # BC5CDR's curators read "depression of <a function>" as the disease: it stays.
    found = run_matcher(split_matcher, "It is related to the depression of cardiac contractility .")
    assert found.get("depression") == "MONDO:0002050"


def test_words_that_only_resemble_a_concept(split_matcher) -> None:
    found = run_matcher(split_matcher, "Cells showed no increase in their basal apoptotic rate .")
    assert "basal" not in found
    found = run_matcher(
        split_matcher, "Mice showed sickness behavior and depressive-like behavior after LPS ."
    )
    assert "GO:0007610" not in found.values()
    found = run_matcher(split_matcher, "IL-6 was assessed via enzyme-linked immuno-sorbent assay .")
    assert "MESH:D007164" not in found.values()
    found = run_matcher(split_matcher, "Macrophages secrete antiviral proteins and pro-angiogenic factors .")
    assert "MESH:D000998" not in found.values() and "MESH:D043925" not in found.values()
    # the agents themselves still match
    found = run_matcher(split_matcher, "Patients received antiviral agents .")
    assert found.get("antiviral agents") == "MESH:D000998"


def test_a_label_named_as_a_cell_line_is_no_gene(split_matcher) -> None:
    text = "HIV-1 replication in the promonocytic cell line U1 . NF-kB was higher in U1 cells than in U937 ."
    found = run_matcher(split_matcher, text)
    assert "RGD:15006508" not in found.values()
    assert found.get("NF-kB") == "HGNC:7794"
    text = "HIV expression in U1 cells , a promonocytic cell line infected with HIV . U1 cells grew ."
    assert "RGD:15006508" not in run_matcher(split_matcher, text).values()


def test_a_viruss_protein_is_no_host_gene(split_matcher) -> None:
    # "Tat" spells the mouse and rat tyrosine aminotransferase; after "HIV-1" it is the virus's
    # transactivator, in every sentence of the paper.
    text = "HIV-1 Tat activates IDO in murine slices . Tat also induced the synthesis of STAT1 ."
    found = run_matcher(split_matcher, text)
    assert found.get("Tat", "") == "" and found.get("STAT1")
    # with no virus named, the lexicon's reading stays
    assert run_matcher(split_matcher, "Tat activity was measured in rat liver .").get("Tat") == "RGD:3820"


# --- second round (il6ground2) ---


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


def test_a_drug_named_by_species_and_protein_is_that_speciess_gene(split_matcher) -> None:
    # DrugBank's "Human interleukin-6" (DB15060) is the recombinant protein; prose means the gene.
    found = run_matcher(split_matcher, "Triggering of the human interleukin-6 gene by interferon-gamma .")
    assert "DRUGBANK:DB15060" not in found.values()
    assert found.get("interleukin-6") == "HGNC:6018"


def test_type_i_is_no_cell_type_without_a_cell_noun(split_matcher) -> None:
    # The Cell Ontology lists "type I" for retinal ganglion cell A1.
    found = run_matcher(
        split_matcher,
        "Infected cells secrete type I IFN and the formation of type I and III collagens rose .",
    )
    assert "CL:0004120" not in found.values()
    found = run_matcher(split_matcher, "Alveolar type I cells died after injury .")
    assert "CL:0002062" in found.values()  # type I pneumocyte, before "cells"


def test_a_plural_acronym_is_no_body_fluid(split_matcher) -> None:
    # "CSFs" is read as the plural of CSF, cerebrospinal fluid, a mass noun.
    found = run_matcher(split_matcher, "IL-4 did not alter the induction of various CSFs by IL-2 .")
    assert "UBERON:0001359" not in found.values()
    assert (
        run_matcher(split_matcher, "IL-6 was measured in the CSF of patients .").get("CSF")
        == "UBERON:0001359"
    )


def test_a_test_statistic_is_no_gene(split_matcher) -> None:
    # "LPS increased IL-6 production in a dose dependent manner F(5, 23) = 101, P < 0.001)": the
    # tokenizer leaves "F(5" whole, which spelled the gene F5.
    found = run_matcher(
        split_matcher, "IL-6 rose in a dose dependent manner F(5 , 23 ) = 101 , P < 0.001 .", []
    )
    assert "HGNC:3542" not in found.values()
    found = run_matcher(split_matcher, "The F5 gene was measured .", [])
    assert found.get("F5") == "HGNC:3542"  # the gene's own symbol still reads
