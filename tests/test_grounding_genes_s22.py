"""Human gene grounding rules of session 22 (genes11).

Errors seen in the IL-6 abstracts and the gene corpora: "MSR" (macrophage
scavenger receptor) read as PAQR7, whose alias "mSR" (membrane steroid
receptor) differs from it only in letter case; "CDF, a novel synthetic
compound" (a curcumin analogue) read as LIF, whose alias CDF is.
"""

from __future__ import annotations

from kg.lexicon.store import _case_variant
from tests.matcher_stubs import run_matcher

HUMAN = "NCBITaxon:9606"


def test_a_prefix_letter_is_no_letter_of_an_all_capital_text() -> None:
    assert not _case_variant("MSR", "mSR")
    assert not _case_variant("HHR23A", "hHR23A")
    # a text written with the prefix letter, and the gene-naming styles, still meet
    assert _case_variant("hHR23A", "HHR23A")
    assert _case_variant("Il6", "IL6")
    assert _case_variant("IL6", "Il6")


def test_msr_is_not_paqr7(lexicon) -> None:
    def genes(text: str) -> set[str]:
        return {g.curie for g in lexicon.ground(text, category="biolink:Gene", species=HUMAN)}

    assert "HGNC:23146" not in genes("MSR")
    assert "HGNC:23146" in genes("mSR")


def test_a_name_the_paper_calls_a_compound_is_no_gene_alias(matcher) -> None:
    text = "Cells treated with CDF , a novel synthetic compound , made less VEGF . CDF also lowered IL-6 ."
    found = run_matcher(matcher, text)
    assert not found.get("CDF", "").startswith("HGNC:")  # not LIF
    assert found["VEGF"] == "HGNC:12680"
    # without the apposition the alias stands, and a protein's apposition says nothing
    assert run_matcher(matcher, "CDF levels rose .")["CDF"] == "HGNC:6596"
    assert run_matcher(matcher, "LIF , a pleiotropic cytokine , rose .")["LIF"] == "HGNC:6596"


def test_an_approved_symbol_in_brackets_names_its_own_gene(matcher) -> None:
    text = "We examined the inhibitor of RNASEL ( ABCE1 ) . The ABCE1 gene varied ."
    found = run_matcher(matcher, text, [("RNASEL", "biolink:Gene"), ("ABCE1", "biolink:Gene")])
    assert found["RNASEL"] == "HGNC:10050"
    assert found["ABCE1"] == "HGNC:69"  # not RNASEL, the name before the bracket
    # a short form that is no approved symbol still takes its long form's gene
    found = run_matcher(matcher, "Protein kinase B ( PKB ) binds .", [("PKB", "biolink:Gene")])
    assert found["PKB"] == found["Protein kinase B"]
    # a whole name before the bracket is followed: thrombopoietin, not thyroid peroxidase (TPO)
    found = run_matcher(matcher, "Levels of thrombopoietin ( TPO ) rose .", [("TPO", "biolink:Gene")])
    assert found["TPO"] == found["thrombopoietin"] == "HGNC:11795"


def test_the_shipped_lexicon_reads_roman_numerals_of_approved_names(lexicon) -> None:
    def first(text: str) -> str:
        return lexicon.ground(text, category="biolink:Gene", species=HUMAN)[0].curie

    assert first("DNA ligase III") == "HGNC:6600"
    assert first("histone deacetylase II") == "HGNC:4853"


def test_a_gene_the_paper_names_shorter_leaves_the_longer_name_to_the_other(matcher) -> None:
    # HGNC gives "IL1RA" to IL1R1 and IL1RN; beside "IL-1R" (IL1R1), "IL-1-RA" is the antagonist
    text = "IL-4 did not change the expression of IL-1-RA . IL-1R was expressed ."
    found = run_matcher(matcher, text, [("IL-1-RA", "biolink:Gene"), ("IL-1R", "biolink:Gene")])
    assert found["IL-1R"] == "HGNC:5993"
    assert found["IL-1-RA"] == "HGNC:6000"


def test_a_lower_case_fragment_letter_keeps_the_gene(matcher) -> None:
    # "C5a" is the anaphylatoxin cut from C5: beside "C5" it stays C5, not the receptor C5AR1
    text = "C5 was cleaved . C5a induced endothelial cell chemotaxis ."
    found = run_matcher(matcher, text, [("C5a", "biolink:Gene"), ("C5", "biolink:Gene")])
    assert found["C5"] == "HGNC:1331"
    assert found["C5a"] == "HGNC:1331"
