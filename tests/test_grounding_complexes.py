"""Grounding rules of session 13: complexes named after one subunit, short forms of a family member.

The rules are tested on their own with tiny groundings, and on the packaged
lexicon through matcher pipelines with no statistical NER (``load_tokenizer_only``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import to_target_ids
from kg.lexicon.store import HUMAN, MOUSE, Grounding
from kg.nlp.gene_families import _named_after, complex_named_subunit, names_member
from kg.nlp.pipeline import load_tokenizer_only
from tests.matcher_stubs import sentence_matcher

COMPLEX = Grounding("FPLX:NFkappaB", "biolink:MacromolecularComplex", "NFkappaB", 0.9, "FPLX", None)
NFKB1 = Grounding("HGNC:7794", "biolink:Gene", "NFKB1", 0.8, "HGNC", HUMAN)
MOUSE_NFKB1 = Grounding("MGI:97312", "biolink:Gene", "Nfkb1", 0.8, "MGI", MOUSE)
MESH = Grounding("MESH:D016328", "biolink:ChemicalEntity", "NF-kappa B", 0.9, "MESH", None)


@dataclass(frozen=True)
class _Stub:
    """What ``names_member`` reads of a matcher candidate."""

    start: int
    end: int
    groundings: tuple[Grounding, ...]

    @property
    def best(self) -> Grounding:
        return self.groundings[0]


# --- complexes ---------------------------------------------------------------------------
def test_the_subunit_named_after_a_complex_takes_its_place() -> None:
    ranked = complex_named_subunit((COMPLEX, MESH, NFKB1, MOUSE_NFKB1))
    assert ranked[0] == Grounding("HGNC:7794", "biolink:Gene", "NFKB1", 0.9, "HGNC", HUMAN)  # its score
    assert [g.curie for g in ranked[1:]] == ["FPLX:NFkappaB", "MESH:D016328", "MGI:97312"]


def test_a_complex_stays_when_its_name_is_no_single_subunits() -> None:
    pi3k = Grounding("FPLX:PI3K", "biolink:MacromolecularComplex", "PI3K", 0.9, "FPLX", None)
    pik3ca = Grounding("HGNC:8975", "biolink:Gene", "PIK3CA", 0.8, "HGNC", HUMAN)
    pik3r1 = Grounding("HGNC:8979", "biolink:Gene", "PIK3R1", 0.8, "HGNC", HUMAN)
    assert complex_named_subunit((pi3k, pik3ca, pik3r1)) == (pi3k, pik3ca, pik3r1)  # two genes
    ampk = Grounding("FPLX:AMPK", "biolink:MacromolecularComplex", "AMPK", 0.9, "FPLX", None)
    prkaa2 = Grounding("HGNC:9377", "biolink:Gene", "PRKAA2", 0.8, "HGNC", HUMAN)
    assert complex_named_subunit((ampk, prkaa2)) == (ampk, prkaa2)  # PRKAA2 is not named "AMPK" + 1
    # Only a complex that is the best grounding gives way; a family is another rule's.
    assert complex_named_subunit((MESH, COMPLEX, NFKB1)) == (MESH, COMPLEX, NFKB1)


@pytest.mark.parametrize(
    ("symbol", "name", "named"),
    [
        ("NFKB1", "NFkappaB", True),
        ("IL23A", "IL23", True),
        ("CD3E", "CD3", True),
        ("PRKAA2", "AMPK", False),
        ("PDP1", "PDH", False),
        ("COX8A", "COX", False),  # two characters more: no subunit letter
        ("PRKACA", "PKA", False),
    ],
)
def test_a_subunit_is_the_complexs_name_and_one_letter_or_number(symbol, name, named) -> None:
    assert _named_after(symbol, name) is named


def test_nf_kb_is_nfkb1_and_follows_a_mouse_text(lexicon) -> None:
    nlp = sentence_matcher()
    found = {e.text: e.kb_id_ for e in nlp("NF-kB was activated in cells from patients .").ents}
    assert found["NF-kB"] == "HGNC:7794"
    assert to_target_ids(lexicon, "gene", "HGNC:7794", "NF-kB") == ("4790",)
    found = {e.text: e.kb_id_ for e in nlp("NF-kB was activated in the livers of mice .").ents}
    assert found["NF-kB"] == "MGI:97312"  # mouse Nfkb1
    found = {e.text: e.kb_id_ for e in nlp("AMPK and PI3K were activated in cells from patients .").ents}
    assert found["AMPK"] == "FPLX:AMPK" and found["PI3K"] == "FPLX:PI3K"


# --- short forms of a family's member ------------------------------------------------------
def test_a_short_form_naming_a_member_keeps_it() -> None:
    jnk = Grounding("FPLX:JNK", "biolink:GeneFamily", "JNK", 0.9, "FPLX", None)
    mapk8 = Grounding("HGNC:6881", "biolink:Gene", "MAPK8", 0.9, "HGNC", HUMAN)
    own = [_Stub(5, 6, (mapk8, jnk))]
    assert names_member(jnk, own, 5, 6, "JNK")
    akt = Grounding("MESH:D051057", "biolink:Protein", "Proto-Oncogene Proteins c-akt", 0.9, "MESH", None)
    assert names_member(akt, own, 5, 6, "Akt")  # a MeSH protein class as the long form
    assert not names_member(jnk, own, 5, 7, "JNK")  # not the short form's own candidate
    assert not names_member(jnk, [_Stub(5, 6, (mapk8,))], 5, 6, "JNK")  # a gene by its own name, no family
    assert not names_member(mapk8, own, 5, 6, "JNK")  # the long form names a gene: it is followed
    il6 = Grounding("HGNC:6018", "biolink:Gene", "IL6", 0.9, "HGNC", HUMAN)
    assert not names_member(jnk, [_Stub(5, 6, (il6, MESH))], 5, 6, "IL-6")


@pytest.fixture(scope="module")
def abbreviating():
    nlp = load_tokenizer_only()
    nlp.add_pipe("kg_sentencizer")
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("kg_vocabulary_ner")
    return nlp


def test_a_defined_family_member_short_form_is_the_gene(abbreviating) -> None:
    text = "Cells from patients activated c-Jun N-terminal kinase (JNK) . JNK was phosphorylated ."
    doc = abbreviating(text)
    found = [(e.text, e.kb_id_) for e in doc.ents]
    assert ("c-Jun N-terminal kinase", "FPLX:JNK") in found  # the long form names the family
    assert [curie for name, curie in found if name == "JNK"] == ["HGNC:6881", "HGNC:6881"]  # MAPK8
    # A short form defined as something else is still read through its long form.
    doc = abbreviating("Computer assisted tomography (CAT) was performed . CAT showed lesions .")
    assert "CAT" not in {e.text for e in doc.ents}


# --- modified forms ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("p-Smad1/5/8", ["Smad1", "Smad5", "Smad8"]),
        ("phospho-ERK1/2", ["ERK1", "ERK2"]),
        ("phosphorylated-Smad2/3", ["Smad2", "Smad3"]),
        ("p-35/25", []),  # no name after the prefix
    ],
)
def test_a_phosphorylated_composite_names_the_same_members(text, members) -> None:
    from kg.nlp.composite import composite_members

    assert composite_members(text) == members


def test_a_cleaved_form_is_looked_up_without_its_prefix() -> None:
    from kg.nlp.model_spans import model_span_variants

    assert model_span_variants("cleaved-caspase 9", "biolink:Gene")[:2] == ["cleaved-caspase 9", "caspase 9"]
    assert model_span_variants("cleaved-caspase 9", "biolink:ChemicalEntity") == ["cleaved-caspase 9"]
    assert model_span_variants("p-Akt", "biolink:Gene")[:2] == ["p-Akt", "Akt"]


def test_a_composite_takes_the_texts_species_where_no_match_starts() -> None:
    # No dictionary entry matches "p-Smad1" itself: the members still follow the paper's species
    # (SMAD1, SMAD5 and SMAD9, whose alias is Smad8), not the mouse spelling's case convention.
    nlp = sentence_matcher()
    doc = nlp("Cells from patients showed p-Smad1/5/8 and p53 .")
    members = {doc.text[s:e]: m for (s, e), m in doc._.kg_entity_members.items()}
    assert members["p-Smad1/5/8"] == ("HGNC:6767", "HGNC:6771", "HGNC:6774")
    doc = nlp("Livers of mice showed p-Smad1/5 .")
    members = {doc.text[s:e]: m for (s, e), m in doc._.kg_entity_members.items()}
    assert members["p-Smad1/5"] == ("MGI:109452", "MGI:1328787")


# --- labels of a numbered series ---------------------------------------------------------
def test_a_numbered_series_of_capital_letter_labels_names_no_genes(lexicon) -> None:
    from kg.nlp.gene_labels import series_labels

    assert any(g.category == "biolink:Gene" for g in lexicon.lookup("P19"))  # an alias HGNC lists
    nlp = sentence_matcher()
    text = "Of the SNPs , P12 , P13 and P14 lay in the UTR and P19 in intron 2 of GH1 in patients ."
    found = {e.text: e.kb_id_ for e in nlp(text).ents}
    labels = {name: curie for name, curie in found.items() if name[0] == "P"}
    genes = ("HGNC:", "MGI:", "RGD:", "FPLX:")
    assert labels and not any(curie.startswith(genes) for curie in labels.values())
    assert found["GH1"] == "HGNC:4261"  # (cell lines of such names are left alone)
    assert series_labels(["T1", "-", "T3", "T2"]) == frozenset({0, 2, 3})
    # Lower-case protein names by weight are no labels, however many.
    found = {e.text: e.kb_id_ for e in nlp("p15 , p16 , p17 and p21 rose in cells from patients .").ents}
    assert found["p16"] == "HGNC:1787" and found["p21"] == "HGNC:1784"


def test_a_quantity_with_a_bracketed_subscript_is_no_gene(lexicon) -> None:
    from kg.nlp.gene_labels import subscript_notation

    # The lookup key drops the bracket: "F(ST" spells FST (follistatin), "I(Ks" IK.
    assert any(g.category == "biolink:Gene" for g in lexicon.lookup("FST"))
    nlp = sentence_matcher()
    text = "Differentiation by F(ST) was low , and the current I(Ks) fell , as did FST and CD4(+) cells ."
    found = {e.text: e.kb_id_ for e in nlp(text).ents}
    assert not any(name.startswith(("F(", "I(")) for name in found)
    assert found["FST"] == "HGNC:3971"  # the symbol written as such stays a gene
    assert subscript_notation("I[Ks") and not subscript_notation("CD4(+") and not subscript_notation("IL(6")


def test_a_word_that_spells_a_hyphenated_symbol_without_its_hyphen_is_no_gene() -> None:
    from kg.nlp.gene_labels import unhyphenated_symbol

    nlp = sentence_matcher()
    text = "The SNARE complex and HLAA and HLA-G were studied in patients ."
    found = {e.text: e.kb_id_ for e in nlp(text).ents}
    assert found["SNARE"] == "MESH:D050600"  # SNARE Proteins, not the RNA gene SNAR-E (HGNC:34325)
    assert found["HLAA"] == "HGNC:4931" and found["HLA-G"] == "HGNC:4964"  # no other reading: HLA-A
    assert unhyphenated_symbol("SNARE", "SNAR-E") and not unhyphenated_symbol("SNAR-E", "SNAR-E")


# --- approved symbols against MeSH protein headings ---------------------------------------
def test_a_short_form_that_is_a_genes_symbol_keeps_it_against_a_protein_heading() -> None:
    heading = Grounding("MESH:D054367", "biolink:Protein", "Receptors, CXCR3", 0.95, "MESH", None)
    cxcr3 = Grounding("HGNC:4540", "biolink:Gene", "CXCR3", 0.95, "HGNC", HUMAN)
    assert names_member(heading, [_Stub(3, 4, (cxcr3,))], 3, 4, "CXCR3")
    assert not names_member(heading, [_Stub(3, 4, (cxcr3,))], 3, 4, "CXC-R3")  # not the symbol
    # A chemical's short form is read through its long form, whatever gene symbol it spells.
    chemical = Grounding("MESH:D014280", "biolink:ChemicalEntity", "Triglycerides", 0.95, "MESH", None)
    tg = Grounding("HGNC:11764", "biolink:Gene", "TG", 0.95, "HGNC", HUMAN)
    assert not names_member(chemical, [_Stub(3, 4, (tg,))], 3, 4, "TG")


def test_cxcr3_defined_by_its_receptor_name_stays_the_gene(abbreviating) -> None:
    doc = abbreviating("CXC chemokine receptor 3 (CXCR3) was expressed . CXCR3 bound CXCL10 in patients .")
    found = [(e.text, e.kb_id_) for e in doc.ents]
    # session 21: MeSH's heading (Receptors, CXCR3) now names the gene itself
    assert ("CXC chemokine receptor 3", "HGNC:4540") in found
    assert [curie for name, curie in found if name == "CXCR3"] == ["HGNC:4540", "HGNC:4540"]
    # a long form still read as a MeSH protein heading with no gene link: the symbol keeps its gene
    doc = abbreviating("Indoleamine 2,3-dioxygenase (IDO1) was expressed . IDO1 rose in patients .")
    found = [(e.text, e.kb_id_) for e in doc.ents]
    assert ("Indoleamine 2,3-dioxygenase", "MESH:D050503") in found
    assert [curie for name, curie in found if name == "IDO1"] == ["HGNC:6059", "HGNC:6059"]
    doc = abbreviating("Serum triglycerides (TG) rose . TG fell after treatment of patients .")
    assert {e.kb_id_ for e in doc.ents if e.text == "TG"} <= {"MESH:D014280"}
