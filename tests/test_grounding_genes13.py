"""Gene rules of session 24 (genes13): a model organism's word before a gene, type numerals.

The matcher runs with the packaged lexicon behind a stand-in NER (``tests.matcher_stubs``),
so the tests do not depend on the trained model.
"""

from __future__ import annotations

import pytest

from tests.matcher_stubs import packaged_matcher, run_matcher


@pytest.fixture(scope="module")
def model_matcher():
    return packaged_matcher()


def _ids(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in nlp(text).ents]


def test_a_model_organism_word_before_a_gene_makes_it_that_organisms(split_matcher) -> None:
    # A human paper comparing its gene with yeast's: "the yeast OGG1" is the yeast gene, the
    # human homolog stays human (the sentence-level rule reads neither sentence as about yeast).
    text = "Human OGG1 repairs DNA . It is the human homolog of the yeast OGG1 and of Drosophila OGG1 ."
    found = _ids(split_matcher, text)
    assert [kb for t, kb in found if t == "OGG1"] == ["HGNC:8125"]
    # A list of names the organism word heads: both are yeast proteins.
    text = "Human STAT3 shows homology to the Saccharomyces cerevisiae CDC20 and CDC4 proteins ."
    found = dict(_ids(split_matcher, text))
    assert "CDC20" not in found and "CDC4" not in found and found["STAT3"] == "HGNC:11364"
    # As a tool the organism names no gene ("yeast two-hybrid" keeps STAT3 human).
    found = dict(_ids(split_matcher, "A yeast two-hybrid screen found that STAT3 binds PIAS3 ."))
    assert found["STAT3"] == "HGNC:11364"


def test_organism_before_reads_only_the_words_next_to_the_name() -> None:
    from kg.nlp.species import organism_before

    texts = ["homology", "to", "the", "yeast", "CDC20", "and", "CDC4", "but", "not", "p53"]
    lowers = [t.lower() for t in texts]
    assert organism_before(texts, lowers, texts.index("CDC20")) == "NCBITaxon:4932"
    assert organism_before(texts, lowers, texts.index("CDC4")) == "NCBITaxon:4932"
    assert organism_before(texts, lowers, texts.index("p53")) is None  # "but not" ends the list
    assert organism_before(["human", "STAT3"], ["human", "stat3"], 1) is None  # its own rule


def test_a_type_numeral_before_a_name_is_the_numbered_member() -> None:
    from kg.nlp.model_spans import typed_name_variants

    assert typed_name_variants(["type", "I", "TNF-R"]) == ["TNF-R I", "TNF-R 1"]
    assert typed_name_variants(["type", "2", "CRF", "receptor"]) == ["CRF receptor 2"]
    assert typed_name_variants(["TNF-R", "type", "II"]) == ["TNF-R II", "TNF-R 2"]
    assert typed_name_variants(["type", "I", "TNF-R."]) == ["TNF-R I", "TNF-R 1"]
    assert typed_name_variants(["TNF-R"]) == []
    assert typed_name_variants(["type", "I"]) == []


def test_the_ner_span_type_i_tnf_r_is_tnfrsf1a(model_matcher) -> None:
    text = "The type I TNF-R and the type II TNF-R bind TNF ."
    model = [("type I TNF-R", "biolink:Gene"), ("type II TNF-R", "biolink:Gene")]
    found = run_matcher(model_matcher, text, model)
    assert found["type I TNF-R"] == "HGNC:11916"  # TNFRSF1A, HGNC's "TNF-RI"
    assert found["type II TNF-R"] in ("HGNC:11917", "MESH:D047889")  # TNFRSF1B or its MeSH heading


def test_a_name_before_its_bracketed_short_form_and_related_names_another_protein(split_matcher) -> None:
    # The tokenizer keeps "(TNF)" whole; "tumor necrosis factor (TNF)-related ligand" is no TNF.
    text = "A motif conserved in the tumor necrosis factor (TNF)-related ligand family was found in cells ."
    assert "tumor necrosis factor" not in dict(_ids(split_matcher, text))
    text = "The carcinoembryonic antigen (CEA)-related proteins were found in cells ."
    assert "carcinoembryonic antigen" not in dict(_ids(split_matcher, text))
    found = dict(_ids(split_matcher, "Serum tumor necrosis factor (TNF) rose in patients ."))
    assert found["tumor necrosis factor"] == "HGNC:11892"


def test_a_type_numeral_is_read_only_on_a_whole_name(model_matcher) -> None:
    from kg.nlp.model_spans import typed_name_variants

    assert typed_name_variants(["MKS)", "type", "3"]) == []  # the span starts inside a bracket
    # The NER cut "type I TGFb" before "receptors": the receptors, not TGFB1.
    text = "Inhibition of type I TGFb receptors blocked signalling ."
    assert "type I TGFb" not in run_matcher(model_matcher, text, [("type I TGFb", "biolink:Gene")])


def test_a_type_numeral_after_a_name_that_needs_none_is_no_member(model_matcher) -> None:
    # "CALR type 1 and type 2 frameshift mutants": types of mutation; the gene is CALR either way.
    text = "Cells overexpressing CALR type 1 mutants grew ."
    found = run_matcher(model_matcher, text, [("CALR type 1", "biolink:Gene")])
    assert "CALR type 1" not in found and found["CALR"] == "HGNC:1455"
    text = "The melanocortin receptor type 4 binds ligands ."
    found = run_matcher(model_matcher, text, [("melanocortin receptor type 4", "biolink:Gene")])
    assert found["melanocortin receptor type 4"] == "HGNC:6932"  # MC4R
