"""Chemical grounding rules of session 17: residues, nucleic acids, "alcohol", anion names.

Small fixtures and ``spacy.blank`` pipelines; the packaged curated vocabulary where a
rule is about its content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import _narrower_named
from kg.lexicon.store import Grounding, Lexicon, chemical_roles
from kg.model import Concept
from kg.nlp.pipeline import load_tokenizer_only
from tests.matcher_stubs import curated_matcher

VOCABULARY = """curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon
MESH:D012694\tbiolink:ChemicalEntity\tSerine\t\tserine\t\t
MESH:D013912\tbiolink:ChemicalEntity\tThreonine\t\tthreonine\t\t
MESH:D005998\tbiolink:ChemicalEntity\tGlycine\t\tglycine\t\t
MESH:D005973\tbiolink:ChemicalEntity\tGlutamine\t\tglutamine\t\t
MESH:D001120\tbiolink:ChemicalEntity\tArginine\t\targinine\t\t
MESH:D014364\tbiolink:ChemicalEntity\tTryptophan\t\ttryptophan\t\t
MESH:D018698\tbiolink:ChemicalEntity\tGlutamic Acid\t\tglutamic acid|glutamate\t\t
MESH:D003596\tbiolink:ChemicalEntity\tCytosine\t\tcytosine\t\t
MESH:D007930\tbiolink:ChemicalEntity\tLeucine\t\tleucine\t\t
MESH:D006859\tbiolink:ChemicalEntity\tHydrogen\t\thydrogen\t\t
MESH:D015032\tbiolink:ChemicalEntity\tZinc\t\tzinc\t\t
MESH:D012172\tbiolink:ChemicalEntity\tRetinaldehyde\t\tretinal\t\t
MESH:D002118\tbiolink:ChemicalEntity\tCalcium\t\tcalcium\t\t
MESH:D012964\tbiolink:ChemicalEntity\tSodium\t\tsodium\t\t
"""


@pytest.fixture()
def chemical_nlp(tmp_path: Path):
    return curated_matcher(tmp_path, VOCABULARY)


def _found(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [span.text for span in doc.spans["kg_dictionary"] if span.kb_id_.startswith("MESH:")]


@pytest.mark.parametrize(
    "text",
    [
        "PKC knockdown reduced Akt phosphorylation at serine 473 in these cells.",
        "The mutation predicts the substitution of an arginine by a tryptophan.",
        "A missense mutation causing a glycine to glutamine substitution was found.",
        "It resulted in the substitution of a stop codon for glutamine at codon 298.",
        "A heterozygous cytosine insertion in exon 10 was found.",
        "A single base pair deletion of a cytosine nucleotide in exon 26.",
        "A single Arginine (R) to Glycine (G) mutation at position 76 abolished binding.",
        "The substitution of glutamic acid 333 by an aspartic acid residue was found.",
        "LKB1 is a serine/threonine protein kinase.",
    ],
)
def test_residues_of_a_sequence_are_not_the_substance(chemical_nlp, text: str) -> None:
    assert _found(chemical_nlp, text) == []


def test_the_substances_themselves_stay(chemical_nlp) -> None:
    assert _found(chemical_nlp, "CSF-to-plasma glycine ratio was elevated.") == ["glycine"]
    # two amino acids joined by "to" without any change in a sequence: a conversion
    assert _found(chemical_nlp, "Glutamine to glutamate conversion rose in astrocytes.") == [
        "Glutamine",
        "glutamate",
    ]
    # a number after a receptor's ligand is the receptor subtype
    assert _found(chemical_nlp, "Metabotropic glutamate 7 receptor modulates motor symptoms.") == [
        "glutamate"
    ]
    assert _found(chemical_nlp, "Sepsis-induced leucine (Leu) resistance in muscle.") == ["leucine"]


def _g(curie: str, trees: tuple[str, ...]) -> Grounding:
    return Grounding(curie, "biolink:ChemicalEntity", curie, 0.9, "MESH", None, trees)


def test_nucleic_acids_filed_as_laboratory_reagents_are_no_chemical() -> None:
    cdna = [_g("MESH:D018076", ("D13.444.308.497.220", "D27.720.470.530.600.223.260"))]
    assert chemical_roles(cdna) == []
    # a nucleotide that is also a drug (D03) stays
    drug = [_g("MESH:X", ("D13.695.667", "D03.383", "D27.505"))]
    assert chemical_roles(drug) == drug


def test_alcohol_is_ethanol_but_alcohols_are_not(lexicon) -> None:
    curated = Lexicon(None)  # the packaged curated vocabulary only
    assert [g.curie for g in curated.lookup("alcohol")] == ["DRUGBANK:DB00898"]
    assert [g.curie for g in curated.lookup("Alcohol")] == ["DRUGBANK:DB00898"]
    assert "MESH:D000431" in curated.xrefs("DRUGBANK:DB00898")
    # the class in the plural is not the drink: the curated entry is a symbol, never pluralised,
    # so the packaged lexicon's own entry for "alcohols" (MeSH Alcohols) answers
    assert [g.curie for g in lexicon.lookup("alcohol")] == ["DRUGBANK:DB00898"]
    assert lexicon.lookup("alcohols")[0].curie == "MESH:D000438"
    assert lexicon.lookup("ethanol")[0].curie == "DRUGBANK:DB00898"


_TREES = {"MESH:D007773": ("D02.241.511.459",), "MESH:D019344": ("D02.241.511.459.450",)}
_NAMES = {"MESH:D007773": "Lactates", "MESH:D019344": "Lactic Acid"}


class _MeshStub:
    def mesh_trees(self, curie: str) -> tuple[str, ...]:
        return _TREES.get(curie, ())

    def concept(self, curie: str) -> Concept | None:
        name = _NAMES.get(curie)
        return Concept(curie=curie, category="biolink:ChemicalEntity", name=name) if name else None


def test_a_singular_anion_name_is_the_heading_under_its_plural_class() -> None:
    named = ["MESH:D007773", "MESH:D019344"]
    assert _narrower_named(_MeshStub(), named, "lactate")[0] == "MESH:D019344"
    assert _narrower_named(_MeshStub(), named, "lactates")[0] == "MESH:D007773"  # the class itself
    assert _narrower_named(_MeshStub(), ["MESH:D007773"], "lactate") == ["MESH:D007773"]


def test_elements_naming_a_bond_or_a_domain_are_no_substance(chemical_nlp) -> None:
    text = "It disrupts hydrogen bonding and the hydrogen bond network of the second zinc finger."
    assert _found(chemical_nlp, text) == []
    assert _found(chemical_nlp, "Retinal signal transmission depends on calcium.") == ["calcium"]
    assert _found(chemical_nlp, "Zinc and hydrogen were measured; retinal was added.") == [
        "Zinc",
        "hydrogen",
        "retinal",
    ]


def test_a_figure_reference_is_no_fig_extract(chemical_nlp, nlp) -> None:
    assert _found(chemical_nlp, "Weight loss was prevented (Fig. 3B; Figs. 4 and 5; Fig 2).") == []
    assert {e.text: e.kb_id_ for e in nlp("Fig extract caused allergy.").ents}.get(
        "Fig"
    ) == "DRUGBANK:DB10633"
    # Nor does the trained NER's span "Fig. 3B" stay as an ungrounded entity.
    assert [e.text for e in nlp("IL-6 rose (Fig. 3B) and fell (Table 1).").ents] == ["IL-6"]


def test_ions_written_with_their_charge_are_their_element(chemical_nlp) -> None:
    text = "Cytosolic Ca2+ rose, external Ca(2+) was chelated and Na+ fell."
    assert _found(chemical_nlp, text) == ["Ca2+", "Ca(2+)", "Na+"]
    assert _found(chemical_nlp, "The Ca2+ ATPase, Na+-extrusion and CD4+ cells.") == []


def test_in_response_to_names_the_agent_not_the_process(tmp_path: Path) -> None:
    vocabulary = (
        "curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon\n"
        "MESH:D003907\tbiolink:ChemicalEntity\tDexamethasone\t\tdexamethasone\t\t\n"
        "GO:0071548\tbiolink:BiologicalProcess\tresponse to dexamethasone\t\t\t\t\n"
    )
    nlp = curated_matcher(tmp_path, vocabulary)

    def found(text: str) -> list[tuple[str, str]]:
        doc = nlp(text)
        return [(s.text, s.kb_id_) for s in doc.spans["kg_dictionary"]]

    # "in response to X": what the cells met, X, not GO's process.
    assert found("The promoter was induced in response to dexamethasone in cells.") == [
        ("dexamethasone", "MESH:D003907")
    ]
    # The process named as such stays.
    assert found("The response to dexamethasone was blunted.") == [
        ("response to dexamethasone", "GO:0071548")
    ]


def test_a_chemical_glued_to_a_participle_is_grounded(tmp_path: Path) -> None:
    vocabulary = (
        "curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon\n"
        "MESH:D010232\tbiolink:ChemicalEntity\tParaffin\t\tparaffin\t\t\n"
        "MESH:D005557\tbiolink:ChemicalEntity\tFormaldehyde\t\tformalin\t\t\n"
        "MESH:D013311\tbiolink:ChemicalEntity\tStreptozocin\tSTZ\tstreptozotocin\t\t\n"
        "HGNC:6081\tbiolink:Gene\tINS\tINS\tinsulin\t\t\n"
        "MESH:D014443\tbiolink:ChemicalEntity\tTyrosine\t\ttyrosine\t\t\n"
        "DRUGBANK:DB10534\tbiolink:Drug\tYeast extract\t\tyeast\t\t\n"
        "NCBITaxon:4932\tbiolink:OrganismTaxon\tSaccharomyces cerevisiae\t\tyeast\t\t\n"
    )
    path = tmp_path / "vocabulary.tsv"
    path.write_text(vocabulary)
    nlp = load_tokenizer_only()  # il6-kg's tokenizer, which keeps these tokens whole
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_vocabulary_ner", config={"vocabulary_path": str(path), "lexicon_path": ""})

    def found(text: str) -> list[tuple[str, str]]:
        doc = nlp(text)
        return [(s.text, s.kb_id_) for s in doc.spans["kg_dictionary"]]

    assert found("Formalin-fixed, paraffin-embedded sections of STZ-injected rats.") == [
        ("Formalin-fixed", "MESH:D005557"),
        ("paraffin-embedded", "MESH:D010232"),
        ("STZ-injected", "MESH:D013311"),
    ]
    # A name whose best reading is no chemical, or that names nothing, gives nothing.
    assert found("Insulin-containing granules in cell-based assays.") == []
    # A residue so glued names a motif; a name that is also an organism is no extract.
    assert found("A tyrosine-based sorting motif in yeast-based screens.") == []


def test_the_code_a_residue_is_written_with_is_the_residue_too(nlp) -> None:
    def grounded(text: str) -> list[str]:
        return [
            e.text
            for e in nlp(text).ents
            if e.kb_id_ and e.label_ in ("biolink:Drug", "biolink:ChemicalEntity")
        ]

    text = (
        "The valine (Val) to alanine (Ala) substitution at amino acid 16 of MnSOD was common; Val carriers."
    )
    assert grounded(text) == []
    codon = "A missense mutation, asparagine (AAC) for serine (AGC) at residue 45, was found in the gene."
    assert grounded(codon) == []
    # The substance and its short form stay where no residue is meant.
    assert grounded("Plasma valine (Val) levels rose, and Val fell later.") == ["valine", "Val", "Val"]
