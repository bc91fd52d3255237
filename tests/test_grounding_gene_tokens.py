"""Grounding rules of session 11: genes written inside one token.

MicroRNA names ("miR-124", "let-7b"), cell populations written by their
markers ("CD25(+)FOXP3(+", "CD203c+") and fusions the NER tags as a gene
("TMPRSS2-ERG"); and the combiner letting such a match (and a composite
mention) win over the NER's ungrounded pieces of it. Unit tests on the pure
functions, and the packaged lexicon's matcher behind a stand-in NER.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.nlp.combine import combine_entities
from kg.nlp.composite import fusion_members, marker_members, micro_rna_symbols


# --- pure functions ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("miR-21", ["MIR21", "MIR21-1"]),
        ("hsa-miR-21-5p", ["MIR21", "MIR21-1"]),
        ("miRNA-193a", ["MIR193A", "MIR193A1"]),  # loci after a letter take no hyphen
        ("microRNA-203", ["MIR203", "MIR203-1"]),
        ("let-7b", ["MIRLET7B", "MIRLET7B1"]),
    ],
)
def test_micro_rna_symbols(text: str, first: list[str]) -> None:
    assert micro_rna_symbols(text)[:2] == first


def test_micro_rna_symbols_with_a_locus_and_non_names() -> None:
    assert micro_rna_symbols("miR-29b-1") == ["MIR29B1"]
    assert micro_rna_symbols("miR-124-2") == ["MIR124-2"]  # not MIR1242, another microRNA
    assert micro_rna_symbols("miRNA") == []
    assert micro_rna_symbols("MIRL") == []


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("CD25(+)FOXP3(+", ["CD25", "FOXP3"]),
        ("CXCR5+CD4+", ["CXCR5", "CD4"]),
        ("CD44(hi)/CD24(-/lo", ["CD44", "CD24"]),
        ("CD19+CD27-", ["CD19", "CD27"]),
        ("CD34(+)CD38(-/lo)CD90(+)CD45(+)GPI-80(+", ["CD34", "CD38", "CD90", "CD45", "GPI-80"]),
        ("CD45(low", ["CD45"]),
        ("CD203c+", ["CD203c"]),
        ("TCR-CD3", []),  # hyphens alone are no marker signs
        ("IGF-1-SDS", []),
        ("CD133(+)ACC", []),  # the last name carries no sign
        ("IL-6", []),
        ("T-", []),  # too short for a symbol
        ("p53+/+", []),
    ],
)
def test_marker_members(text: str, members: list[str]) -> None:
    assert marker_members(text) == members


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("TMPRSS2-ERG", ["TMPRSS2", "ERG"]),
        ("CTC1-STN1-TEN1", ["CTC1", "STN1", "TEN1"]),
        ("HLA-DR", []),  # no digit
        ("IL-6", []),
        ("NF-kB", []),
        ("COVID-19", []),
    ],
)
def test_fusion_members(text: str, members: list[str]) -> None:
    assert fusion_members(text) == members


# --- the combiner ------------------------------------------------------------------
def test_a_composite_match_wins_over_the_models_ungrounded_pieces() -> None:
    words = ["ALK1", "/", "2", "/", "3", "/", "6", "signalling"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False] * 6 + [True, False])
    model = [Span(doc, 0, 3, label="biolink:Gene"), Span(doc, 6, 7, label="biolink:Gene")]  # ALK1/2, 6
    dictionary = [Span(doc, 0, 7, label="biolink:Gene", kb_id="HGNC:175")]
    scores = {(0, 10): ("alias", 0.8)}
    entities, _ = combine_entities(doc, model, dictionary, scores, min_fill_score=0.85)
    assert [(e.text, e.kb_id_) for e in entities] == [("ALK1/2", ""), ("6", "")]  # a low score alone loses
    members = {(0, 10): ("HGNC:175", "HGNC:171", "HGNC:1076", "HGNC:1077")}
    entities, _ = combine_entities(doc, model, dictionary, scores, min_fill_score=0.85, members=members)
    assert [(e.text, e.kb_id_) for e in entities] == [("ALK1/2/3/6", "HGNC:175")]


# --- the matcher -------------------------------------------------------------------
def _run(matcher, text: str, model: list[tuple[str, str]] | None = None):
    doc = matcher.make_doc(text)
    doc.user_data["model"] = model or []
    for _, component in matcher.pipeline:
        doc = component(doc)
    members = {doc.text[s:e]: ids for (s, e), ids in doc._.kg_entity_members.items()}
    return {e.text: e.kb_id_ for e in doc.ents}, members


def test_micro_rnas_are_their_genes(matcher) -> None:
    found, members = _run(matcher, "Serum miR-21 , let-7b and miR-124 were lower in patients .")
    assert found["miR-21"] == "HGNC:31586"  # MIR21
    assert found["let-7b"] == "HGNC:31479"  # MIRLET7B
    assert members["miR-124"] == ("HGNC:31502", "HGNC:31503", "HGNC:31504")  # MIR124-1, -2, -3


def test_micro_rnas_in_a_mouse_text_are_not_read_as_human_genes(matcher) -> None:
    found, _ = _run(matcher, "In mice , miR-124 was lower .")
    assert not found.get("miR-124", "").startswith("HGNC:")


def test_markers_of_a_cell_population_are_genes(matcher) -> None:
    found, members = _run(matcher, "CD25(+)FOXP3(+) Tregs and CD44(hi)/CD24(-/lo) cells of patients .")
    assert members["CD25(+)FOXP3(+"] == ("HGNC:6008", "HGNC:6106")  # IL2RA, FOXP3
    assert members["CD44(hi)/CD24(-/lo"] == ("HGNC:1681", "HGNC:1645")  # CD44, CD24
    assert found["CD25(+)FOXP3(+"] == "HGNC:6008"


def test_a_single_marker_wins_over_an_ungrounded_cell_span(matcher) -> None:
    found, _ = _run(matcher, "Patients had CD203c+ blast cells .", [("CD203c+ blast cells", "biolink:Cell")])
    assert found.get("CD203c+", "").startswith("HGNC:")
    assert "CD203c+ blast cells" not in found


def test_cell_labels_written_as_markers_are_no_genes(matcher) -> None:
    _, members = _run(matcher, "Th17+ cells and IgG1+ B cells in patients .")
    assert members == {}


def test_fusions_name_each_gene(matcher) -> None:
    _, members = _run(matcher, "The TMPRSS2-ERG fusion was found in patients .")
    assert members["TMPRSS2-ERG"] == ("HGNC:11876", "HGNC:3446")  # TMPRSS2, ERG: both symbols
    text = "The XIAP-TAB1-TAK1 complex forms in patients ."  # TAK1 is an alias of MAP3K7
    _, members = _run(matcher, text)
    assert members == {}  # untagged by the NER, an alias among the parts is not enough
    _, members = _run(matcher, text, [("XIAP-TAB1-TAK1", "biolink:Gene")])
    assert members["XIAP-TAB1-TAK1"] == ("HGNC:592", "HGNC:18157", "HGNC:6859")


# --- loose spellings of symbols -------------------------------------------------------
def test_a_lower_case_symbol_the_ner_tags_is_read_in_capitals(matcher) -> None:
    text = "In patients , rac1 and cdc25c were high ."
    found, _ = _run(matcher, text, [("rac1", "biolink:Gene"), ("cdc25c", "biolink:Gene")])
    assert found["rac1"] == "HGNC:9801"  # RAC1
    assert found["cdc25c"] == "HGNC:1727"  # CDC25C
    found, _ = _run(matcher, text)  # the dictionary alone does not read them so
    assert "rac1" not in found


def test_a_lower_case_symbol_in_a_zebrafish_text_is_no_human_gene(matcher) -> None:
    found, _ = _run(matcher, "In zebrafish , rac1 was high .", [("rac1", "biolink:Gene")])
    assert not found.get("rac1", "").startswith(("HGNC:", "MGI:", "RGD:"))
