"""Grounding rules added for accuracy: lexicon variants, MeSH categories, matcher edges, species.

Small fixtures and ``spacy.blank`` pipelines; the real lexicon only where a rule
is about its content.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.lexicon.build import _plausible_alias
from kg.lexicon.normalize import is_case_sensitive
from kg.lexicon.sources import _lowercased_acronym, _mesh_category
from kg.lexicon.store import Grounding, prefer_species
from kg.lexicon.variants import (
    acid_anion_variants,
    british_spellings,
    disease_adjectives,
    greek_initial_variants,
    singular_heading,
)
from tests.matcher_stubs import curated_matcher

HUMAN, MOUSE = "NCBITaxon:9606", "NCBITaxon:10090"


# --- lexicon builder rules -----------------------------------------------------------
@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("TNF-alpha", ["TNF-a"]),
        ("IL-1beta", ["IL-1b"]),
        ("IFN-gamma", ["IFN-g"]),
        ("NF-κB", ["NF-kB"]),
        ("beta-catenin", ["b-catenin"]),
        ("Alphavirus", []),  # a word that starts with a letter name is not a Greek letter
        ("betaine", []),
        ("IL6", []),
    ],
)
def test_greek_initial_variants(form: str, expected: list[str]) -> None:
    assert greek_initial_variants(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Hypertension", ["Hypertensive"]),
        ("psychosis", ["psychotic"]),
        ("Schizophrenia", ["Schizophrenic"]),
        ("Diabetes", ["Diabetic"]),
        ("Diabetes Mellitus", []),  # one-word names only
        ("Pain", []),
        # session 20
        ("Obesity", ["Obese"]),
        ("Tetany", ["Tetanic"]),
        ("Hypoxia", ["Hypoxic"]),
        ("Neutropenia", ["Neutropenic"]),
        ("Quadriplegia", ["Quadriplegic"]),
        ("Hypothermia", ["Hypothermic"]),
        ("Akinesia", ["Akinetic"]),
        ("Hyperkinesis", ["Hyperkinetic"]),
        ("Thromboembolism", ["Thromboembolic"]),
        ("Parkinsonism", []),  # "parkinsonian" is read three ways
        ("Proteinuria", ["Proteinuric"]),
        ("Ophthalmia", []),  # not "-ia" -> "-ic" at large: "ophthalmic" is the eye's
        ("Hydrophobia", []),  # "hydrophobic" is no rabies
        ("Eosinophilia", []),
    ],
)
def test_disease_adjectives(form: str, expected: list[str]) -> None:
    assert disease_adjectives(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Subarachnoid Hemorrhage", ["subarachnoid haemorrhage"]),
        ("Anemia, Hemolytic", ["anaemia, haemolytic"]),
        ("Ischemic Stroke", ["ischaemic stroke"]),
        ("Edema", ["oedema"]),
        ("Dyspnea", ["dyspnoea"]),
        ("Diarrhea", ["diarrhoea"]),
        ("Fetal Death", ["foetal death"]),
        ("Estrogens", ["oestrogens"]),
        ("Brain Tumor", ["brain tumour"]),
        ("Hemiplegia", []),  # "hemi-" is British too
        ("Lupus Erythematosus, Systemic", []),  # systemic, academic, endemic are no "-emia"
        ("Endemic Diseases", []),
        ("Cisplatin", []),
    ],
)
def test_british_spellings(form: str, expected: list[str]) -> None:
    assert british_spellings(form) == expected


def test_gene_aliases_that_mean_something_else_in_prose() -> None:
    assert not _plausible_alias("56 kDa") and not _plausible_alias("116-kDa")  # a band's weight
    assert not _plausible_alias("peripheral") and not _plausible_alias("cryptic")  # adjectives
    assert _plausible_alias("separase") and _plausible_alias("IL-6") and _plausible_alias("tau")


def test_acid_anion_variants() -> None:
    assert acid_anion_variants("Glutamic Acid") == ["Glutamate"]
    assert acid_anion_variants("Valproic Acid") == ["Valproate"]
    assert acid_anion_variants("Nucleic Acids") == []
    assert acid_anion_variants("Uric Acid") == []  # too short a stem to trust


def test_singular_of_plural_chemical_headings() -> None:
    assert singular_heading("Gentamicins") == ["Gentamicin"]
    assert singular_heading("Anthracyclines") == ["Anthracycline"]
    assert singular_heading("Colchicine") == [] and singular_heading("Antibiotics") == []


def test_a_protein_also_filed_as_its_protein_class_is_a_protein() -> None:
    # Transforming Growth Factors, NF-kappa B, Laminin, Collagen: each tree outside the protein
    # branches is the protein's counterpart class (signalling proteins among biological factors,
    # multiprotein complexes, glycoproteins, biopolymers).
    tgf = ["D12.644.276.963", "D12.776.467.960", "D23.529.960"]
    nf_kappa_b = ["D05.500.672", "D12.776.260.600", "D12.776.660.600", "D12.776.930.600"]
    laminin = ["D09.400.430.890.530", "D12.776.395.550.530", "D12.776.543.550.500"]
    collagen = ["D05.750.078.280", "D12.776.860.300.250"]
    for trees in (tgf, nf_kappa_b, laminin, collagen):
        assert _mesh_category(trees) == "biolink:Protein"
    # Any other chemical tree keeps the heading a chemical: a hormone (insulin), an antigen
    # (HBsAg), a peptide (angiotensin II), a class with no protein tree at all (glycoconjugates).
    assert _mesh_category(["D06.472.699.587.200.500.625", "D12.644.548.586.200.500.625"]) == (
        "biolink:ChemicalEntity"
    )
    assert _mesh_category(["D12.776.124.790.651.114", "D23.050.301.264.035.597"]) == "biolink:ChemicalEntity"
    assert _mesh_category(["D12.644.400.070.078", "D23.469.050.050.050"]) == "biolink:ChemicalEntity"
    assert _mesh_category(["D09.400.430"]) == "biolink:ChemicalEntity"
    # since session 26 a supplementary concept mapped to such headings is a protein too
    assert _mesh_category(tgf, descriptor=False) == "biolink:Protein"


def test_mesh_categories_from_tree_numbers() -> None:
    assert _mesh_category(["D12.776.467.374"]) == "biolink:Protein"  # a protein (interferon-gamma)
    assert _mesh_category(["D08.811.682.660"]) == "biolink:Protein"  # an enzyme
    assert _mesh_category(["D12.644.456", "D12.776.631"]) == "biolink:ChemicalEntity"  # peptide too
    assert _mesh_category(["D12.644.276.100", "D12.776.467"]) == "biolink:Protein"  # a cytokine
    assert _mesh_category(["D12.644.456"]) == "biolink:ChemicalEntity"  # bradykinin, a peptide
    # a drug made of protein: a supplementary concept mapped to an antibody heading (a mAb)
    assert _mesh_category(["D12.776.124.486.485.114.224"], descriptor=False) == "biolink:ChemicalEntity"
    assert _mesh_category(["D02.092"]) == "biolink:ChemicalEntity"
    assert _mesh_category(["C23.550.291.656"]) is None  # disease progression: an attribute
    assert _mesh_category(["C23.888.144", "G07.100"]) is None  # body weight: a measurement
    assert _mesh_category(["C23.888.144.243.926"]) == "biolink:Disease"  # weight gain
    assert _mesh_category(["A11.284.430.214.190.875.564"]) == "biolink:CellularComponent"  # mitochondria
    axons = ["A08.675.542.145", "A11.284.180.075", "A11.671.501.145"]  # also filed under Neurons
    assert _mesh_category(axons) == "biolink:CellularComponent"
    assert _mesh_category(["A11.436.348"]) == "biolink:Cell"  # epithelial cells
    assert _mesh_category(["C10.597"]) == "biolink:Disease"


def test_short_lowercase_disease_synonyms_are_acronyms() -> None:
    assert _lowercased_acronym("fed", "fish eye disease")
    assert _lowercased_acronym("cold", "chronic obstructive pulmonary disease")
    assert not _lowercased_acronym("mumps", "mumps infectious disease")  # a word of the name
    assert not _lowercased_acronym("flu", "influenza")  # one-word name
    assert not _lowercased_acronym("COPD", "chronic obstructive pulmonary disease")


def test_capitalised_headings_match_any_case() -> None:
    assert not is_case_sensitive("Pain", symbol=False)
    assert not is_case_sensitive("Edema", symbol=False)
    assert is_case_sensitive("AIDS", symbol=False)
    assert is_case_sensitive("Men", symbol=False)  # three letters: too short to trust
    assert is_case_sensitive("Pain", symbol=True)


def test_species_penalises_the_other_species_only() -> None:
    family = Grounding("FPLX:ERK", "biolink:GeneFamily", "ERK", 0.9, "FPLX")
    alias = Grounding("HGNC:3393", "biolink:Gene", "EPHB2", 0.8, "HGNC", HUMAN)
    mouse = Grounding("MGI:1", "biolink:Gene", "Mapk3", 0.8, "MGI", MOUSE)
    assert prefer_species([family, alias, mouse], HUMAN)[0] == family  # the family, not an alias
    assert prefer_species([alias, mouse], MOUSE)[0] == mouse
    human_symbol = Grounding("HGNC:11364", "biolink:Gene", "STAT3", 0.95, "HGNC", HUMAN)
    mouse_case = Grounding("MGI:103038", "biolink:Gene", "Stat3", 0.8075, "MGI", MOUSE)
    assert prefer_species([human_symbol, mouse_case], MOUSE)[0] == mouse_case


# --- matcher rules (spacy.blank + a fixture vocabulary) ---------------------------------
VOCABULARY = """curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon
HGNC:1\tbiolink:Gene\tTHEGENE\t\tthegene\t\tNCBITaxon:9606
HGNC:2\tbiolink:Gene\tclusterin\t\tclusterin\t\tNCBITaxon:9606
HGNC:3\tbiolink:Gene\tFST\tFST\t\t\tNCBITaxon:9606
HGNC:11364\tbiolink:Gene\tSTAT3\tSTAT3\t\t\tNCBITaxon:9606
MGI:103038\tbiolink:Gene\tStat3\tStat3|STAT3\t\t\tNCBITaxon:10090
HGNC:4\tbiolink:Gene\tIL2\tIL 2\t\t\tNCBITaxon:9606
HGNC:5\tbiolink:Gene\tHP\tHP|AC\t\t\tNCBITaxon:9606
MONDO:0016107\tbiolink:Disease\tmyotonic dystrophy\t\tmyotonic dystrophy\t\t
MONDO:0005015\tbiolink:Disease\tdiabetes mellitus\tDM\tdiabetes mellitus\t\t
MONDO:0005364\tbiolink:Disease\tGraves disease\t\tGraves disease\t\t
NCBITaxon:10090\tbiolink:OrganismTaxon\tMus musculus\t\tmice|M. musculus\t\t
MESH:D006046\tbiolink:ChemicalEntity\tGold\t\tgold\t\t
MESH:D012172\tbiolink:ChemicalEntity\tRetinaldehyde\t\tretinal\t\t
MESH:C121034\tbiolink:ChemicalEntity\tPain-Free\t\tpain free\t\t
MESH:D007528\tbiolink:ChemicalEntity\tIsoetharine\t\tisoetharine|beta-2\t\t
MESH:D013629\tbiolink:ChemicalEntity\tTamoxifen\t\ttamoxifen\t\t
MESH:D012769\tbiolink:Disease\tShock\t\tshock\t\t
DRUGBANK:DB10519\tbiolink:Drug\tChicken\t\tchicken\t\t
NCBITaxon:9031\tbiolink:OrganismTaxon\tGallus gallus\t\tchicken\t\t
MESH:D000084582\tbiolink:Cell\tTumor-Associated Macrophages\tTAM\ttumor-associated macrophage\t\t
"""


@pytest.fixture()
def matcher_nlp(tmp_path: Path):
    return curated_matcher(tmp_path, VOCABULARY)


def _found(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {span.text: span.kb_id_ for span in doc.spans["kg_dictionary"]}


def test_runs_edged_by_function_words_are_not_names(matcher_nlp) -> None:
    found = _found(matcher_nlp, "The gene and a cluster in the F (ST domain.")
    assert found == {}  # not THEGENE, clusterin or FST
    assert _found(matcher_nlp, "IL 2 was added.") == {"IL 2": "HGNC:4"}
    assert _found(matcher_nlp, "Thanks to H.P. and A. C. for HP.") == {"HP": "HGNC:5"}  # initials
    assert _found(matcher_nlp, "In M. musculus cells.") == {"M. musculus": "NCBITaxon:10090"}


def test_chemical_names_that_are_everyday_phrases(matcher_nlp) -> None:
    text = "Gold standard tests: retinal toxicity, pain free at 2 h, beta-2 receptors, beta 2 blockers."
    assert _found(matcher_nlp, text) == {}
    # The substances themselves are still found.
    found = _found(matcher_nlp, "Gold salts, retinal, and isoetharine (Beta-2 brand) were given.")
    assert found == {"Gold": "MESH:D006046", "retinal": "MESH:D012172", "isoetharine": "MESH:D007528"}
    assert _found(matcher_nlp, "Bleached retinal was measured.") == {"retinal": "MESH:D012172"}


def test_a_research_code_in_brackets_is_no_short_form_of_the_gene(matcher_nlp) -> None:
    found = _found(matcher_nlp, "Cells were cultured with inhibitors of STAT3 (AG490). AG490 was potent.")
    assert found == {"STAT3": "HGNC:11364"}


def test_an_animals_name_is_the_animal_not_an_allergenic_extract(matcher_nlp) -> None:
    assert _found(matcher_nlp, "Chicken fibroblasts were cultured.") == {"Chicken": "NCBITaxon:9031"}


def test_heat_shock_is_no_circulatory_shock(matcher_nlp) -> None:
    assert _found(matcher_nlp, "Heat shock genes and cold shock proteins were induced.") == {}
    assert _found(matcher_nlp, "It represses non-heat shock genes.") == {}
    assert _found(matcher_nlp, "Patients died of shock.") == {"shock": "MESH:D012769"}


def test_a_possessive_apostrophe_is_part_of_a_name(matcher_nlp) -> None:
    assert _found(matcher_nlp, "A woman with Graves' disease.") == {"Graves' disease": "MONDO:0005364"}
    assert _found(matcher_nlp, "The 'Graves' disease' label.") == {"Graves' disease": "MONDO:0005364"}
    # A quotation mark still breaks a run.
    assert _found(matcher_nlp, "Graves 'disease' was named.") == {}
    assert _found(matcher_nlp, "The 'Graves 'disease.") == {}


def test_genes_follow_the_sentence_species_in_a_paper_about_both(matcher_nlp) -> None:
    text = "In mice, STAT3 was deleted. Human patients showed high STAT3. Then STAT3 fell."
    doc = matcher_nlp(text)
    found = [(span.text, span.kb_id_) for span in doc.spans["kg_dictionary"] if span.text == "STAT3"]
    # mouse sentence -> MGI, human sentence -> HGNC, a sentence naming neither -> case rule (HGNC)
    assert found == [("STAT3", "MGI:103038"), ("STAT3", "HGNC:11364"), ("STAT3", "HGNC:11364")]
    only_mouse = matcher_nlp("In mice, STAT3 was deleted. Then STAT3 fell.")
    assert {span.kb_id_ for span in only_mouse.spans["kg_dictionary"] if span.text == "STAT3"} == {
        "MGI:103038"
    }


def test_a_bracketed_acronym_after_a_name_is_its_short_form(matcher_nlp) -> None:
    text = "Myotonic dystrophy (DM) is inherited. In DM, muscles weaken. Diabetes mellitus is not DM."
    doc = matcher_nlp(text)
    found = [(span.text, span.kb_id_) for span in doc.spans["kg_dictionary"]]
    assert found.count(("DM", "MONDO:0016107")) == 3  # the paper's definition, not diabetes
    # A name we know defines a curated symbol of another kind too: TAM is tamoxifen here.
    doc = matcher_nlp("Patients received tamoxifen (TAM). TAM reduced recurrence.")
    assert [span.kb_id_ for span in doc.spans["kg_dictionary"] if span.text == "TAM"] == ["MESH:D013629"] * 2
    assert _found(matcher_nlp, "Tumor-associated macrophages (TAM) and TAM.")["TAM"] == "MESH:D000084582"
    # An organism followed by a bracket names a strain, not an abbreviation of the organism.
    assert _found(matcher_nlp, "Two mice (DM) were used.")["DM"] == "MONDO:0005015"


def test_xenograft_hosts_do_not_make_a_paper_about_mice(matcher_nlp) -> None:
    doc = matcher_nlp("STAT3 was knocked down in H446 cells. Tumours grew in nude mice.")
    assert [span.kb_id_ for span in doc.spans["kg_dictionary"] if span.text == "STAT3"] == ["HGNC:11364"]


def test_eval_rejects_an_unknown_span_source(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.evaluation.grounding import predict

    gold = tmp_path / "gold.PubTator"
    gold.write_text("1|t|IL-6\n1|a|text\n1\t0\t4\tIL-6\tGene\t3569\n")
    result = CliRunner().invoke(app, ["eval", "grounding", str(gold), "--spans", "everything"])
    assert result.exit_code == 2 and "--spans" in result.output
    with pytest.raises(ValueError, match="source"):
        predict(spacy.blank("en"), None, [], source="everything")  # type: ignore[arg-type]


def test_disease_ids_prefer_mesh_over_omim() -> None:
    from kg.evaluation.grounding import _direct_ids

    class _Xrefs:
        def xrefs(self, curie: str) -> tuple[str, ...]:
            return {"MONDO:1": ("OMIM:114480", "MESH:D001943"), "MONDO:2": ("OMIM:310200",)}[curie]

    assert _direct_ids(_Xrefs(), "disease", "MONDO:1") == ("D001943",)  # one concept, one ID
    assert _direct_ids(_Xrefs(), "disease", "MONDO:2") == ("OMIM:310200",)  # OMIM when MeSH has none


@pytest.mark.parametrize("role", ["activator", "activators", "agonist", "antagonists", "inhibitor"])
def test_a_role_word_alone_names_no_substance(lexicon, role: str) -> None:
    # ChEBI lists roles as entities; "signal transducer and activator of transcription" is no chemical.
    assert lexicon.lookup(role) == []
