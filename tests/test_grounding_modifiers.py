"""Gene names with a modifier's letter, English words among aliases, cytokines named as drugs (session 21).

Errors seen in the graph of the IL-6 abstracts: "pERK" (phospho-ERK) read as
EIF2AK3, whose alias is PERK; HTLV-1's "Tax" read as CNTN2, whose alias is
TAX; "IL12P70" (the IL-12 heterodimer) read as DrugBank's recombinant product.
"""

from __future__ import annotations

from kg.lexicon.store import Grounding, _case_variant
from kg.nlp.model_spans import model_span_variants, prefer_category
from tests.matcher_stubs import run_matcher


def test_a_p_before_a_capital_is_no_case_variant() -> None:
    assert not _case_variant("pERK", "PERK")
    assert not _case_variant("pSTAT3", "PSTAT3")
    # the gene-naming styles still meet
    assert _case_variant("Il6", "IL6")
    assert _case_variant("IL6", "Il6")
    assert _case_variant("hHR23A", "HHR23A")  # "h" for human: the same gene


def test_perk_is_phosphorylated_erk_not_eif2ak3(lexicon, matcher) -> None:
    assert "HGNC:3255" not in {g.curie for g in lexicon.ground("pERK")}
    assert lexicon.ground("PERK")[0].curie == "HGNC:3255"  # the kinase itself, written in capitals
    assert model_span_variants("pERK", "biolink:Gene") == ["pERK", "ERK"]
    assert model_span_variants("pRb", "biolink:Gene") == ["pRb"]  # too short for a prefix
    text = "Levels of pERK , pSTAT3 and ERK rose ."
    found = run_matcher(matcher, text, [("pERK", "biolink:Gene"), ("pSTAT3", "biolink:Gene")])
    assert found["pERK"] == found["ERK"]
    assert found["pSTAT3"] == "HGNC:11364"
    # an alias written with its "p" stays that gene
    assert run_matcher(matcher, "pRb binds E2F .", [("pRb", "biolink:Gene")])["pRb"] == "HGNC:9884"


def test_tax_is_an_english_word_not_a_gene_alias(lexicon, matcher) -> None:
    assert not any(g.curie == "HGNC:2172" for g in lexicon.ground("Tax"))
    assert not any(g.curie == "HGNC:2172" for g in lexicon.ground("TAX"))
    assert lexicon.ground("TAG-1", category="biolink:Gene")[0].curie == "HGNC:2172"  # CNTN2 keeps its names
    found = run_matcher(matcher, "The HTLV-1 Tax protein binds CREB .", [("Tax", "biolink:Gene")])
    assert "Tax" not in found or not found["Tax"].startswith("HGNC:")


def test_a_gene_span_named_only_as_drug_or_protein_heading_is_the_protein() -> None:
    drug = Grounding("DRUGBANK:DB15631", "biolink:Drug", "Edodekin alfa", 0.9, "DRUGBANK")
    cytokine = Grounding(
        "MESH:D018664", "biolink:ChemicalEntity", "Interleukin-12", 0.9, "MESH",
        mesh_trees=("D12.644.276.374.465.512", "D23.529.374.465.512"),
    )  # fmt: skip
    chemical = Grounding("MESH:D000001", "biolink:ChemicalEntity", "x", 0.9, "MESH", mesh_trees=("D02.1",))
    assert prefer_category([drug, cytokine], "biolink:Gene", None)[0] is cytokine
    assert prefer_category([drug, chemical], "biolink:Gene", None)[0] is drug  # no protein: as before
    assert prefer_category([drug, cytokine], "biolink:ChemicalEntity", None)[0] is drug


def test_il12p70_read_as_a_gene_is_the_cytokine(matcher) -> None:
    found = run_matcher(matcher, "Cells secreted IL6 , IL12P70 and TNF .", [("IL12P70", "biolink:Gene")])
    assert found["IL12P70"] == "MESH:D018664"
