"""Grounding rules of session 14: what the words around a gene name say it is.

Domains named after a protein ("Src homology 2 domain", "EGF-like repeats"),
statistics whose letters spell an alias ("P=.01"), and short forms whose long
form names the same gene. Packaged-lexicon pipelines without the statistical
NER (``load_tokenizer_only``), so the tests do not depend on the trained model.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.lexicon.normalize import cased_key
from kg.lexicon.store import Grounding
from kg.nlp.entity_filters import _modifies_protein, _names_domain
from kg.nlp.short_forms import long_form_names_gene
from tests.matcher_stubs import _matcher_after, abbreviation_matcher, entity_ids

HUMAN = "NCBITaxon:9606"


@dataclass
class _Stub:
    start: int
    end: int
    groundings: tuple

    @property
    def best(self) -> Grounding:
        return self.groundings[0]


# --- domains named after a protein ---------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "domain"),
    [
        (["src", "homology", "2", "domain"], True),
        (["pleckstrin", "homology", "domain"], True),
        (["egf", "-", "like", "repeats"], True),
        (["fibronectin", "type", "iii", "-", "like", "domains"], True),
        (["tnf", "-", "like", "motif"], True),
        (["tnf", "-", "like", "weak", "inducer"], False),  # TWEAK: a protein, not a domain
        (["egf", "stimulated", "the", "cells"], False),
        (["src", "kinase", "domain"], False),  # Src's own domain: the protein is named
    ],
)
def test_names_domain(words, domain) -> None:
    assert _names_domain(words, 1) is domain


def test_a_domain_named_after_a_protein_is_not_the_protein(split_matcher) -> None:
    found = entity_ids(split_matcher, "Src phosphorylated PLCG1 in HeLa cells .")
    assert found["Src"] == "HGNC:11283"  # the gene, in a text about human cells
    found = entity_ids(split_matcher, "The Src homology 2 domain of PLCG1 bound the receptor in HeLa cells .")
    assert "Src" not in found and found["PLCG1"] == "HGNC:9065"
    found = entity_ids(split_matcher, "Ten EGF-like repeats precede the membrane anchor in HeLa cells .")
    assert not any(curie.startswith("HGNC:") for curie in found.values())
    found = entity_ids(split_matcher, "EGF stimulated HeLa cells .")
    assert found["EGF"] == "HGNC:3229"


# --- another protein named after a protein (session 17) -----------------------------------
@pytest.mark.parametrize(
    ("words", "modifier"),
    [
        (["src", "-", "like", "adapter", "protein"], True),
        (["dystrophin", "-", "associated", "glycoprotein"], True),
        (["gamma", "(ifn-gamma)-inducible", "protein", "10"], True),
        (["factor", "(", "tnf", ")", "-", "related", "ligand"], True),
        (["receptor", "related", "protein-1"], True),
        (["p53", "-", "binding", "protein", "1"], True),
        (["egf", "-", "stimulated", "kinase", "activity"], False),  # a participle of the experiment
        (["tnf", "-", "induced", "protein"], False),
        (["src", "-", "like", "kinase", "activity"], True),
        (["kv4.2", "-", "associated", "with", "the", "protein"], False),  # no head noun within two words
        (["tnf", "-", "like", "weak", "inducer"], False),
        (["tnf", "(", "alpha"], False),  # an unclosed bracket
        (["rela", "containing", "nuclear", "factor"], False),  # the complex holds RelA: RelA is named
    ],
)
def test_modifies_protein(words, modifier) -> None:
    assert _modifies_protein(words, 1) is modifier


def test_a_protein_named_after_another_is_not_that_protein(split_matcher) -> None:
    found = entity_ids(split_matcher, "A novel Src-like adapter protein bound the receptor in HeLa cells .")
    assert found.get("Src", "") == ""  # SLA, not SRC: "Src" names another protein's likeness
    found = entity_ids(split_matcher, "Adhalin is a dystrophin-associated glycoprotein of human muscle .")
    assert "HGNC:2928" not in found.values()  # not DMD
    found = entity_ids(split_matcher, "Dystrophin is lost in the muscle of these patients .")
    assert found["Dystrophin"] == "HGNC:2928"


# --- statistics -----------------------------------------------------------------------------
def test_a_p_value_is_no_gene(split_matcher) -> None:
    from kg.nlp.entities import VocabularyEntityMatcher

    lexicon = split_matcher.get_pipe("kg_vocabulary_ner").lexicon
    assert isinstance(split_matcher.get_pipe("kg_vocabulary_ner"), VocabularyEntityMatcher)
    # The key of "P=.01" is an alias HGNC lists: only the comparison sign tells it apart.
    assert any(g.category == "biolink:Gene" for g in lexicon.lookup(cased_key("P=.01")))
    found = entity_ids(split_matcher, "TP53 was associated with the disease in patients (P=.01) .")
    assert "P=.01" not in found and found["TP53"] == "HGNC:11998"


# --- short forms whose long form names the same gene ---------------------------------------
def test_long_form_names_gene() -> None:
    chemical = Grounding("MESH:C051609", "biolink:ChemicalEntity", "rapsyn", 0.95, "MESH", None)
    rapsn = Grounding("HGNC:9863", "biolink:Gene", "RAPSN", 0.95, "HGNC", HUMAN)
    assert long_form_names_gene(_Stub(0, 1, (chemical, rapsn)), [_Stub(2, 3, (rapsn,))], 2, 3)
    assert not long_form_names_gene(_Stub(0, 1, (chemical,)), [_Stub(2, 3, (rapsn,))], 2, 3)
    assert not long_form_names_gene(_Stub(0, 1, (chemical, rapsn)), [_Stub(2, 4, (rapsn,))], 2, 3)
    # "triglycerides (TG)": the long form does not name thyroglobulin, and is followed.
    lipid = Grounding("MESH:D014280", "biolink:ChemicalEntity", "Triglycerides", 0.95, "MESH", None)
    tg = Grounding("HGNC:11764", "biolink:Gene", "TG", 0.95, "HGNC", HUMAN)
    assert not long_form_names_gene(_Stub(0, 1, (lipid,)), [_Stub(2, 3, (tg,))], 2, 3)
    # A long form that is a gene is followed as before.
    assert not long_form_names_gene(_Stub(0, 1, (tg, rapsn)), [_Stub(2, 3, (rapsn,))], 2, 3)
    # A long form that is a disease is followed ("Duchenne muscular dystrophy (DMD)").
    duchenne = Grounding("MESH:D020388", "biolink:Disease", "Duchenne", 0.95, "MESH", None)
    dmd = Grounding("HGNC:2928", "biolink:Gene", "DMD", 0.95, "HGNC", HUMAN)
    assert not long_form_names_gene(_Stub(0, 3, (duchenne, dmd)), [_Stub(4, 5, (dmd,))], 4, 5)


def test_a_short_form_naming_its_long_forms_heading_and_a_gene_the_ner_tags_keeps_the_gene() -> None:
    # "granulocyte-macrophage colony-stimulating factor (GM-CSF)": the long form is MeSH's heading
    # alone; "GM-CSF" is an entry term of that heading and an alias of CSF2.
    heading = Grounding("MESH:D016178", "biolink:ChemicalEntity", "GM-CSF", 0.95, "MESH", None)
    csf2 = Grounding("HGNC:2434", "biolink:Gene", "CSF2", 0.8, "HGNC", HUMAN)
    long_form, short = _Stub(0, 3, (heading,)), _Stub(4, 5, (csf2, heading))
    assert long_form_names_gene(long_form, [short], 4, 5, {(4, 5): "biolink:Gene"})
    # Without the NER's gene reading, or read by it as a chemical, the long form is followed.
    assert not long_form_names_gene(long_form, [short], 4, 5)
    assert not long_form_names_gene(long_form, [short], 4, 5, {(4, 5): "biolink:ChemicalEntity"})
    # A short form that does not name the long form's heading follows it ("triglycerides (TG)").
    lipid = Grounding("MESH:D014280", "biolink:ChemicalEntity", "Triglycerides", 0.95, "MESH", None)
    tg = Grounding("HGNC:11764", "biolink:Gene", "TG", 0.95, "HGNC", HUMAN)
    model = {(2, 3): "biolink:Gene"}
    assert not long_form_names_gene(_Stub(0, 1, (lipid,)), [_Stub(2, 3, (tg,))], 2, 3, model)


@pytest.fixture(scope="module")
def with_abbreviations():
    return abbreviation_matcher()


def test_a_short_form_keeps_the_gene_its_long_form_also_names(with_abbreviations) -> None:
    text = "Mutations in CHRNE and rapsyn (RAPSN) were found in patients . RAPSN was mutated ."
    doc = with_abbreviations(text)
    found = [(e.text, e.kb_id_) for e in doc.ents]
    assert [curie for name, curie in found if name == "RAPSN"] == ["HGNC:9863", "HGNC:9863"]


def test_a_disease_short_form_that_spells_a_gene_stays_the_disease(with_abbreviations) -> None:
    doc = with_abbreviations("Boys with Duchenne muscular dystrophy (DMD) lack dystrophin . DMD progresses .")
    found = [(e.text, e.kb_id_) for e in doc.ents if e.text == "DMD"]
    assert found and all(curie == "MONDO:0010679" for _, curie in found), found  # the disease


# --- title-case protein names in a paper naming no species -------------------------------
def test_mouse_style() -> None:
    from kg.nlp.species import mouse_style

    assert mouse_style("Cdc25a") and mouse_style("Il6ra")
    assert not mouse_style("Smad4") and not mouse_style("Cdk5") and not mouse_style("SOCS3")


def test_a_title_case_protein_name_in_a_paper_naming_no_species_is_human(split_matcher) -> None:
    # No species word, cell line or strain: "Mdm2" and "Cdk5" are how any paper writes the proteins.
    found = entity_ids(split_matcher, "Mdm2 bound Cdk5 in vitro .")
    assert found["Mdm2"] == "HGNC:6973" and found["Cdk5"] == "HGNC:1774"
    # A lower-case letter after the digit is MGI's spelling: the mouse gene.
    assert entity_ids(split_matcher, "Cdc25a was phosphorylated in vitro .")["Cdc25a"] == "MGI:103198"
    # A sentence naming mouse and human at once leaves the exact MGI symbol to the mouse gene.
    text = "Mouse and human lenses induced Spry1 ."
    assert entity_ids(split_matcher, text)["Spry1"].startswith("MGI:")


# --- names glued to a participle ----------------------------------------------------------
def test_a_gene_glued_to_a_participle_is_found(split_matcher) -> None:
    doc = split_matcher("Adhesion of human T cells on ICAM-1-coated dishes was defective .")
    assert [t.text for t in doc if "ICAM" in t.text] == ["ICAM-1-coated"]  # one token
    assert {e.text: e.kb_id_ for e in doc.ents}["ICAM-1-coated"] == "HGNC:5344"
    # A word that is no gene's own symbol stays unmatched when the NER does not tag it.
    assert not entity_ids(split_matcher, "Half-coated plates were used for human cells .").get("Half-coated")


def test_only_a_protein_heading_lets_the_ner_keep_a_short_forms_gene(split_matcher) -> None:
    component = split_matcher.get_pipe("kg_vocabulary_ner")
    assert component._protein_heading("MESH:D016178")  # Granulocyte-Macrophage Colony-Stimulating Factor
    assert not component._protein_heading("MESH:D003634")  # DDT, whose short form spells a gene's symbol


# --- short forms the NER reads as genes, defined as something else -------------------------
def _defined(text: str, long_form: tuple[int, int], short: int, category: str = "biolink:Gene"):
    import spacy

    from kg.nlp.short_forms import gene_defined_otherwise

    doc = spacy.blank("en")(text)
    reading = Grounding("HGNC:1", category, "X", 0.8, "HGNC", HUMAN)
    own = [_Stub(short, short + 1, (reading,))]
    model = {(short, short + 1): "biolink:Gene"}
    return (
        doc,
        own,
        model,
        lambda grounded=None, model=model: gene_defined_otherwise(
            doc[long_form[0] : long_form[1]], grounded, own, model
        ),
    )


def test_a_short_form_defined_by_a_long_form_naming_no_gene_is_not_the_gene() -> None:
    _, _, _, defined = _defined(
        "Pregnancy after assisted reproductive technologies (ART) was rare", (2, 5), 6
    )
    assert defined()
    _, _, _, defined = _defined("Cases of cleft palate only (CPO) were counted", (2, 5), 6)
    assert defined()
    # A drug's name keeps the definition even with a number: "cell differentiation agent 2".
    _, _, _, defined = _defined("Mice given cell differentiation agent 2 (CDA) were followed", (2, 6), 7)
    assert defined()


def test_a_long_form_with_the_signs_of_a_protein_name_keeps_the_short_forms_gene() -> None:
    for text, long_form, short in [
        ("Loss of x-ray repair cross-complementing group 1 (XRCC1) was seen", (2, 11), 12),
        ("Levels of migration inhibitory factor (MIF) rose", (2, 5), 6),
        ("Levels of IFN-inducible T-cell alpha-chemoattractant (I-TAC) rose", (2, 11), 12),
    ]:
        _, _, _, defined = _defined(text, long_form, short)
        assert not defined(), text


def test_a_short_form_keeps_its_gene_where_the_ner_or_the_dictionary_reads_the_long_form_as_one() -> None:
    _, own, model, defined = _defined(
        "Pregnancy after assisted reproductive technologies (ART) was rare", (2, 5), 6
    )
    assert not defined(model={**model, (3, 5): "biolink:Gene"})  # the NER reads a gene in the long form
    assert not defined(grounded=own[0])  # the dictionary grounds the long form to a gene
    # a long form the detector took across a sentence ("ataxia-telangiectasia. The homozygous mutant")
    _, _, _, defined = _defined("Loss of function . The mutant (ART) was rare", (2, 6), 7)
    assert not defined()
    # a gene product's own spelling ("inducible type of nitric oxide (iNOS)")
    _, _, _, defined = _defined("Staining for inducible type of nitric oxide (iNOS) was weak", (2, 7), 8)
    assert not defined()
    # a short form read as a chemical is left to the other rules
    _, _, _, defined = _defined(
        "Pregnancy after assisted reproductive technologies (ART) was rare",
        (2, 5),
        6,
        "biolink:ChemicalEntity",
    )
    assert not defined()


# --- gene names written with a slash ---------------------------------------------------------
def test_a_slashed_gene_name_is_looked_up_whole_where_it_is_no_composite() -> None:
    import spacy
    from spacy.tokens import Doc

    from kg.nlp.entity_candidates import _slashed_gene_name

    nlp = spacy.blank("en")
    doc = nlp("C/EBPalpha bound the PTH/PTHrP receptor")
    assert _slashed_gene_name(doc, 0, 3, "biolink:Gene")  # "C/EBPalpha"
    assert _slashed_gene_name(doc, 5, 9, "biolink:Gene")  # "PTH/PTHrP receptor"
    assert not _slashed_gene_name(doc, 0, 3, "biolink:ChemicalEntity")
    composite = Doc(nlp.vocab, words=["Smad2", "/", "3"], spaces=[False, False, False])
    assert not _slashed_gene_name(composite, 0, 3, "biolink:Gene")  # SMAD2 and SMAD3
    assert not _slashed_gene_name(nlp("A / B"), 0, 3, "biolink:Gene")  # spaced: two names


# --- a short form defined by a protein's MeSH heading ----------------------------------------------
@pytest.fixture(scope="module")
def abbreviating_with_model():
    return _matcher_after("test_model_spans", "abbreviation_detector")


def _entities(nlp, text: str, model: list[tuple[str, str]]) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc.user_data["model"] = model
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(e.text, e.kb_id_) for e in doc.ents]


def test_a_short_form_of_a_protein_heading_keeps_its_gene(abbreviating_with_model) -> None:
    text = "Cells lacking hormone-sensitive lipase (HSL) grew ."
    found = _entities(abbreviating_with_model, text, [("HSL", "biolink:Gene")])
    assert ("hormone-sensitive lipase", "MESH:D002787") in found  # the heading stays
    assert ("HSL", "HGNC:6621") in found  # LIPE
    # without the NER's reading, the short form follows its long form
    assert ("HSL", "MESH:D002787") in _entities(abbreviating_with_model, text, [])
    # session 21: MeSH files one human protein under "Fragile X Mental Retardation Protein", FMR1's
    text = "Cells lacking fragile X mental retardation protein (FMRP) grew ."
    found = _entities(abbreviating_with_model, text, [("FMRP", "biolink:Gene")])
    assert ("fragile X mental retardation protein", "HGNC:3775") in found
    assert ("FMRP", "HGNC:3775") in found


def test_a_plural_short_form_of_a_protein_class_is_no_gene(abbreviating_with_model) -> None:
    text = "Thrombin cleaves protease-activated receptors (PARs) on platelets ."
    found = _entities(abbreviating_with_model, text, [("PARs", "biolink:Gene")])
    assert not any(name == "PARs" and curie.startswith("HGNC:") for name, curie in found)


# --- human genes tied for an alias --------------------------------------------------------------
def test_an_alias_names_the_gene_whose_mesh_descriptor_it_abbreviates() -> None:
    from kg.nlp.short_forms import spells

    assert spells("PSA", "Prostate-Specific Antigen")
    assert spells("MLCK", "Myosin-Light-Chain Kinase")
    assert spells("P15", "Cyclin-Dependent Kinase Inhibitor p15")  # a word of the name
    assert not spells("SYT", "Synaptotagmin I")
    assert not spells("TRBETA", "Thioredoxin Reductase 2")
    assert not spells("P", "Protein")  # one word's initial is no abbreviation


def test_a_tied_alias_takes_the_gene_mesh_describes_by_it() -> None:
    from tests.matcher_stubs import packaged_matcher, run_matcher

    found = run_matcher(packaged_matcher(), "Serum PSA was high .", [("PSA", "biolink:Gene")])
    assert found["PSA"] == "HGNC:6364"  # KLK3, not PSAT1 (tied first in the lexicon)


def test_a_short_form_of_an_antibody_or_toxin_is_no_gene(abbreviating_with_model) -> None:
    text = "Sera held antinuclear antibodies (ANA) and cholera toxin (Ctx) was added ."
    found = _entities(abbreviating_with_model, text, [("ANA", "biolink:Gene"), ("Ctx", "biolink:Gene")])
    assert not any(name in ("ANA", "Ctx") and curie.startswith("HGNC:") for name, curie in found)


# --- base letters that spell a gene's alias ---------------------------------------------------
def test_base_letters_are_sequence_not_genes() -> None:
    from tests.matcher_stubs import packaged_matcher, run_matcher

    model_matcher = packaged_matcher()
    # genotypes written as bases: AC is an alias of ADCY1
    found = run_matcher(
        model_matcher, "Pressure was lower in AA , AC and CC carriers .", [("AC", "biolink:Gene")]
    )
    assert not str(found.get("AC", "")).startswith("HGNC:")
    # a word for a stretch of sequence after the letters
    found = run_matcher(model_matcher, "SATB1 recognizes the ATC sequence .", [("ATC", "biolink:Gene")])
    assert not str(found.get("ATC", "")).startswith("HGNC:")
    assert found["SATB1"].startswith("HGNC:")
    # the same letters alone stay the gene
    assert run_matcher(model_matcher, "Serum GC fell .", [("GC", "biolink:Gene")])["GC"].startswith("HGNC:")


# --- short forms in the plural (session 17) ---------------------------------------------------
def test_the_plural_of_an_alias_is_no_gene(split_matcher) -> None:
    found = entity_ids(split_matcher, "Human HCCs and adjacent liver tissues were compared in HeLa cells .")
    assert not found.get("HCCs", "").startswith("HGNC:")  # hepatocellular carcinomas, not NMU (alias HCC)
    found = entity_ids(split_matcher, "U2OS cells stably expressing TSHRs were used .")
    assert found["TSHRs"] == "HGNC:12373"  # the plural of the approved symbol TSHR
    found = entity_ids(split_matcher, "PAK4 is a novel effector for CDC42Hs in HeLa cells .")
    assert found["CDC42Hs"] == "HGNC:1736"  # Homo sapiens' CDC42, no plural


def test_approved_symbol_defined_by_a_supplementary_concept() -> None:
    # "G protein beta3 subunit (GNB3)": MeSH's supplementary concept for the long form is a
    # chemical that names no gene; the short form, GNB3's approved symbol as written, keeps it.
    subunit = Grounding("MESH:C454420", "biolink:ChemicalEntity", "G-protein beta3 subunit", 0.95, "MESH")
    gnb3 = Grounding("HGNC:4400", "biolink:Gene", "GNB3", 0.95, "HGNC", HUMAN)
    assert long_form_names_gene(_Stub(0, 4, (subunit,)), [_Stub(5, 6, (gnb3,))], 5, 6, text="GNB3")
    # Not a descriptor's chemical ("triglycerides (TG)" above), nor a symbol without a digit.
    lipid = Grounding("MESH:D014280", "biolink:ChemicalEntity", "Triglycerides", 0.95, "MESH", None)
    assert not long_form_names_gene(_Stub(0, 1, (lipid,)), [_Stub(5, 6, (gnb3,))], 5, 6, text="GNB3")
    tg = Grounding("HGNC:11764", "biolink:Gene", "TG", 0.95, "HGNC", HUMAN)
    assert not long_form_names_gene(_Stub(0, 4, (subunit,)), [_Stub(5, 6, (tg,))], 5, 6, text="TG")
    text = "A polymorphism of the gene encoding the G protein beta3 subunit (GNB3) is associated with it ."
    assert entity_ids(abbreviation_matcher(), text).get("GNB3") == "HGNC:4400"
