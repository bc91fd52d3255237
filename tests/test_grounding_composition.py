"""Grounding rules of session 4: NER-guided choice, composed and coordinated names, roles, MeSH versions.

Unit tests on the pure functions, and ``spacy.blank`` pipelines with the
packaged lexicon where a rule is about the matcher (the statistical NER's
spans are set by hand, so the tests do not depend on the trained model).
"""

from __future__ import annotations

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import mesh_ceiling, to_mesh_version, to_target_ids
from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument
from kg.lexicon.store import ROLE, Grounding, chemical_roles, load_lexicon
from kg.nlp.composite import composite_members, coordinated_members
from kg.nlp.disease_names import composed_disease_names
from kg.nlp.entity_filters import _bracketed
from kg.nlp.model_spans import gene_before_disease, prefer_category
from tests.matcher_stubs import run_matcher

HUMAN, MOUSE, RAT = "NCBITaxon:9606", "NCBITaxon:10090", "NCBITaxon:10116"


# --- pure functions ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("ERK1/2", ["ERK1", "ERK2"]),
        ("Smad1/5/8", ["Smad1", "Smad5", "Smad8"]),
        ("MMP-2/9", ["MMP-2", "MMP-9"]),
        ("CDKN2A/B", ["CDKN2A", "CDKN2B"]),
        ("S100A8/A9", ["S100A8", "S100A9"]),
        ("F4/80", []),  # one antigen, not F4 and F80
        ("Mcm2-7", ["Mcm2", "Mcm3", "Mcm4", "Mcm5", "Mcm6", "Mcm7"]),
        ("CXCL9-11", ["CXCL9", "CXCL10", "CXCL11"]),
        ("MEK 1/2", ["MEK 1", "MEK 2"]),
        ("IKKalpha/beta", ["IKKalpha", "IKKbeta"]),
        ("IL-1alpha/beta", ["IL-1alpha", "IL-1beta"]),
        ("ROCK-I/II", ["ROCK-I", "ROCK-II"]),
        ("CD4-8", []),  # a stem of two letters: not a range
        ("Day1-30", []),  # more than ten members
        ("CXCL11-9", []),  # not ascending
        ("and/or", []),
        ("IL-6", []),
    ],
)
def test_composite_members(text: str, members: list[str]) -> None:
    assert composite_members(text) == members


def test_coordinated_members() -> None:
    assert coordinated_members(["caspase-3", "and", "-9", "were"]) == [(0, 3, ["caspase-3", "caspase-9"])]
    assert coordinated_members(["Notch-1", ",", "-3", ",", "-4", "and"]) == [
        (0, 5, ["Notch-1", "Notch-3", "Notch-4"])
    ]
    assert coordinated_members(["IL-6", "and", "TNF"]) == []


def _composed(text: str) -> list[tuple[str, str]]:
    words = text.replace(",", " ,").split()
    names = composed_disease_names([w.lower() for w in words], [w == "," for w in words])
    return [(" ".join(words[s:e]), heading) for s, e, heading in names]


def test_composed_disease_names() -> None:
    assert _composed("cisplatin nephrotoxicity and renal injury") == [
        ("nephrotoxicity", "Kidney Diseases"),
        ("renal injury", "Kidney Diseases"),
    ]
    assert _composed("cardiac dysfunction , hepatotoxic drugs") == [
        ("cardiac dysfunction", "Heart Diseases"),
        ("hepatotoxic", "Chemical and Drug Induced Liver Injury"),
    ]
    assert _composed("cardiac damage , myocardial injury and cardiotoxicity") == [
        ("cardiac damage", "Heart Diseases"),  # a damaged heart, whatever harmed it
        ("myocardial injury", "Cardiomyopathies"),  # the heart muscle's diseases
        ("cardiotoxicity", "Cardiotoxicity"),
    ]
    assert _composed("cardiovascular toxicity") == [
        ("cardiovascular toxicity", "Cardiovascular Diseases"),
        ("toxicity", "Drug-Related Side Effects and Adverse Reactions"),  # the longer name wins later
    ]
    assert _composed("dose-limiting toxicity") == [
        ("toxicity", "Drug-Related Side Effects and Adverse Reactions")
    ]
    assert _composed("toxic effects") == []  # "toxic" qualifies the next noun
    assert _composed("an autosomal recessive disorder") == [
        ("autosomal recessive disorder", "Genetic Diseases, Inborn")
    ]
    assert _composed("an X - linked disease") == [("X - linked disease", "Genetic Diseases, X-Linked")]
    # a named disease after the modifiers is not the class
    assert _composed("autosomal recessive polycystic kidney disease") == []
    assert _composed("a rare disease") == []  # nothing says inherited


def _g(curie: str, category: str, source: str, trees: tuple[str, ...] = (), taxon: str | None = None):
    return Grounding(curie, category, curie, 0.9, source, taxon, trees)


def test_drug_classes_are_roles_and_dosage_forms_are_dropped() -> None:
    analgesic = [
        _g("CHEBI:35480", "biolink:ChemicalEntity", "CHEBI"),
        _g("MESH:D000700", "biolink:ChemicalEntity", "MESH", ("D27.505.696.663.850.014",)),
    ]
    assert {g.category for g in chemical_roles(analgesic)} == {ROLE}
    tablets = [_g("MESH:D013607", "biolink:ChemicalEntity", "MESH", ("D26.255.830",))]
    assert chemical_roles(tablets) == []
    placebo = [_g("MESH:D010919", "biolink:ChemicalEntity", "MESH", ("D26.660", "E02.785"))]
    assert chemical_roles(placebo) == []
    insulin = [_g("MESH:D007328", "biolink:ChemicalEntity", "MESH", ("D06.472.699.587.200", "D27.505"))]
    assert chemical_roles(insulin) == insulin  # a substance with a use stays a substance


def test_the_ner_kind_comes_first_but_not_another_species_gene() -> None:
    chemical = _g("MESH:D016178", "biolink:ChemicalEntity", "MESH")
    mesh_protein = _g("MESH:D004268", "biolink:Protein", "MESH")
    human = _g("HGNC:2434", "biolink:Gene", "HGNC", taxon=HUMAN)
    ranked = prefer_category([chemical, mesh_protein, human], "biolink:Gene", None)
    assert [g.curie for g in ranked] == ["HGNC:2434", "MESH:D004268", "MESH:D016178"]
    # a paper about mice: human INS is not promoted over the chemical
    assert prefer_category([chemical, human], "biolink:Gene", MOUSE)[0] is chemical
    assert prefer_category([chemical, human], None, None)[0] is chemical


def test_a_gene_the_ner_reads_beats_a_disease_in_a_paper_about_mice() -> None:
    # "phosphorylation of Rb" in a mouse paper: human RB1 (the species rule then reads it as Rb1),
    # not retinoblastoma, which shares the short form
    disease = _g("MONDO:0008380", "biolink:Disease", "MONDO")
    human = _g("HGNC:9884", "biolink:Gene", "HGNC", taxon=HUMAN)
    ranked = prefer_category([human, disease], "biolink:Gene", MOUSE)
    assert ranked[0] is disease  # the species demotes the human gene ...
    assert gene_before_disease(ranked, "biolink:Gene", MOUSE, False)[0] is human  # ... not below a disease
    assert gene_before_disease(ranked, "biolink:Gene", MOUSE, True)[0] is disease  # "(DM1)": defined
    assert gene_before_disease(ranked, "biolink:Disease", MOUSE, False)[0] is disease
    assert gene_before_disease(ranked, "biolink:Gene", HUMAN, False)[0] is disease  # no ortholog to read
    # a gene only rats have ("COPD") is not moved
    rat = _g("RGD:1359110", "biolink:Gene", "RGD", taxon=RAT)
    assert gene_before_disease((disease, rat), "biolink:Gene", MOUSE, False)[0] is disease


def test_bracketed_tokens_are_defined_short_forms() -> None:
    text = "myotonic dystrophy I ( DM1 ) , germinal centres ( GCs ) and [ GPC ] ; ( a ) b"
    texts = text.split(" ")
    assert _bracketed(texts) == {"DM1", "GCs", "GPC", "a"}


# --- evaluation: ID spaces ---------------------------------------------------------
def test_mesh_descriptors_newer_than_the_gold_are_read_as_their_broader_heading(lexicon) -> None:
    gold = [PubTatorDocument("1", "t", "a", [PubTatorAnnotation(0, 1, "x", "Disease", ("MESH:D078330",))])]
    ceiling = mesh_ceiling(gold)
    assert ceiling == 78330
    # "Hemorrhagic Cystitis" (MeSH 2024) was indexed under "Cystitis"
    assert to_mesh_version(lexicon, "D000096722", ceiling) == "D003556"
    assert to_mesh_version(lexicon, "D012640", ceiling) == "D012640"  # old enough
    assert to_mesh_version(lexicon, "D000096722", None) == "D000096722"


def test_each_type_has_its_own_mesh_version(lexicon) -> None:
    # session 23: BC5CDR's chemicals reach D000078330, its diseases no further than D000077277
    def annotation(kind: str, identifier: str) -> PubTatorAnnotation:
        return PubTatorAnnotation(0, 1, "x", kind, (identifier,))

    gold = [
        PubTatorDocument(
            "1", "t", "a", [annotation("Chemical", "D000078330"), annotation("Disease", "D000077277")]
        )
    ]
    assert (mesh_ceiling(gold), mesh_ceiling(gold, "chemical"), mesh_ceiling(gold, "disease")) == (
        78330,
        78330,
        77277,
    )
    # "Cauda Equina Syndrome" (2019): MONDO's concept also names the heading it was indexed under
    # before, Polyradiculoneuropathy, which the tree walk (Polyradiculopathy) misses
    assert to_mesh_version(lexicon, "D000077684", 77277) == "D011128"
    assert to_mesh_version(lexicon, "D000077684", 78330) == "D000077684"


def test_mesh_before_omim_through_any_grounding(lexicon) -> None:
    ids = to_target_ids(lexicon, "disease", "MONDO:0005575", "colorectal cancer")
    assert ids and all(i.startswith("D") for i in ids)


def test_cellular_structures_are_components_not_cell_types(lexicon) -> None:
    # A claim takes its cell context from Cell entities: "in mitochondria" is none.
    best = lexicon.ground("mitochondria")[0]
    assert (best.curie, best.category) == ("MESH:D008928", "biolink:CellularComponent")
    assert lexicon.ground("exosomes", category="biolink:Cell") == []
    assert lexicon.ground("axons")[0].category == "biolink:CellularComponent"  # filed under Neurons too
    assert lexicon.ground("macrophages")[0].category == "biolink:Cell"


# --- the matcher with the packaged lexicon --------------------------------------
def test_a_gene_the_ner_found_takes_the_gene_grounding(matcher) -> None:
    assert not run_matcher(matcher, "GM-CSF was added .")["GM-CSF"].startswith("HGNC:")
    assert run_matcher(matcher, "GM-CSF was added .", [("GM-CSF", "biolink:Gene")])["GM-CSF"] == "HGNC:2434"


def test_a_whole_model_span_is_looked_up(matcher) -> None:
    found = run_matcher(matcher, "hXPC binds DNA .", [("hXPC", "biolink:Gene")])
    assert found["hXPC"].startswith("HGNC:")


def test_coordinated_disease_names(matcher) -> None:
    found = run_matcher(matcher, "Risk of breast and ovarian cancer .")
    assert load_lexicon().concept(found["breast"]).name == "breast cancer"
    assert "ovarian cancer" in found


def test_a_conjunct_takes_a_composed_disease_name(matcher) -> None:
    # session 20: "hepatic dysfunction" and "liver toxicity" are composed headings, not lexicon keys
    found = run_matcher(matcher, "Patients had hepatic and renal dysfunction and liver and kidney toxicity .")
    assert found["hepatic"] == "MESH:D008107"  # Liver Diseases
    assert found["renal dysfunction"] == "MESH:D007674"  # Kidney Diseases
    assert found["liver"] == "MESH:D056486"  # Chemical and Drug Induced Liver Injury


def test_a_two_word_conjunct(matcher) -> None:
    # "basal cell" alone is a cell type; with the shared head it names a carcinoma
    text = "It occurs in pancreatic, basal cell, colonic, breast, and cervical carcinomas ."
    found = run_matcher(matcher, text)
    assert found["basal cell"] == "MESH:D002280"  # Carcinoma, Basal Cell
    assert load_lexicon().concept(found["colonic"]).name == "colon carcinoma"
    assert "pancreatic" in found
    # a list item no name holds is passed over; a head that is a coordination shares its last word
    text = "Colorectal, breast, pancreaticobiliary, gastric, renal cell and head and neck cancers ."
    found = run_matcher(matcher, text)
    assert found["renal cell"] == "MESH:D002292"  # Carcinoma, Renal Cell
    assert load_lexicon().concept(found["Colorectal"]).name == "colorectal cancer"
    assert "pancreaticobiliary" not in found
    # a name of a disease of its own is no conjunct
    found = run_matcher(matcher, "Patients with diabetes mellitus and breast cancer .")
    assert found["diabetes mellitus"] != found["breast cancer"]


def test_a_longer_name_holding_a_short_form_keeps_it(matcher) -> None:
    text = "Glucose-6-phosphate dehydrogenase (G6PD) deficiency is common. G6PD deficiency was seen."
    doc = matcher.make_doc(text)
    doc.user_data["model"] = []
    for _, component in matcher.pipeline:
        doc = component(doc)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("G6PD deficiency") == "biolink:Disease"


def test_composite_members_are_recorded(matcher) -> None:
    doc = matcher.make_doc("ERK1/2 was phosphorylated .")
    doc.user_data["model"] = []
    for _, component in matcher.pipeline:
        doc = component(doc)
    members = doc._.kg_entity_members
    assert list(members.values()) == [("HGNC:6877", "HGNC:6871")]  # MAPK3, MAPK1
    doc = matcher.make_doc("Caspase-3 and -9 were cleaved .")
    doc.user_data["model"] = []
    for _, component in matcher.pipeline:
        doc = component(doc)
    assert list(doc._.kg_entity_members.values()) == [("HGNC:1504", "HGNC:1511")]  # CASP3, CASP9


def test_ranges_and_spaced_series_are_composites(matcher) -> None:
    doc = matcher.make_doc("CXCL9-11 and MEK 1/2 were induced , on day 1/2 .")
    doc.user_data["model"] = []
    for _, component in matcher.pipeline:
        doc = component(doc)
    members = {doc.text[s:e]: ids for (s, e), ids in doc._.kg_entity_members.items()}
    assert members == {
        "CXCL9-11": ("HGNC:7098", "HGNC:10637", "HGNC:10638"),  # CXCL9, CXCL10, CXCL11
        "MEK 1/2": ("HGNC:6840", "HGNC:6842"),  # MAP2K1, MAP2K2
    }  # "day 1/2" names no gene


def test_organ_damage_is_grounded(matcher) -> None:
    found = run_matcher(matcher, "Cisplatin nephrotoxicity was dose limiting .")
    assert found["nephrotoxicity"] == "MESH:D007674"
