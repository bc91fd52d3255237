"""Grounding rules of session 5: orthologs in rodent texts, silent papers, hormones, water, MeSH linking.

The matcher runs with the packaged lexicon on ``load_tokenizer_only`` pipelines
(no statistical NER, so the tests do not depend on the trained model).
"""

from __future__ import annotations

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import to_target_ids
from kg.lexicon.store import MOUSE, RAT, ROLE, Grounding, chemical_roles
from kg.lexicon.variants import american_spelling, may_be_british


def _ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in nlp(text).ents]


# --- orthologs ---------------------------------------------------------------------
def test_ortholog_by_symbol_then_by_a_unique_alias(lexicon) -> None:
    assert lexicon.ortholog("IL6", MOUSE).curie == "MGI:96559"  # IL6 -> Il6
    assert lexicon.ortholog("IL6", RAT).curie == "RGD:2901"
    # Mouse Il6ra is the only mouse gene listing "Il6r", the symbol of human IL6R.
    assert lexicon.ortholog("IL6R", MOUSE).curie == "MGI:105304"
    assert lexicon.ortholog("Cytokines", MOUSE) is None  # no gene of that name
    assert lexicon.ortholog("IL6", "NCBITaxon:7955") is None  # no zebrafish genes held


def test_curated_axis_genes_stay_human_in_a_mouse_text(split_matcher) -> None:
    # The curated IL-6 axis is human by design (axis queries name its HGNC IDs) ...
    found = dict(_ents(split_matcher, "IL-6 and STAT3 were induced in the lungs of mice ."))
    assert found["IL-6"] == "HGNC:6018" and found["STAT3"] == "HGNC:11364"
    # ... while a generated human gene in the same sentence becomes the mouse ortholog.
    assert dict(_ents(split_matcher, "MyD88 was induced in the lungs of mice ."))["MyD88"].startswith("MGI:")


def test_a_name_only_the_human_gene_lists_follows_a_mouse_text(split_matcher) -> None:
    found = dict(_ents(split_matcher, "CD11c was measured on cells from knockout mice ."))
    assert found["CD11c"] == "MGI:96609"  # Itgax, though "CD11c" is an alias of human ITGAX only
    found = dict(_ents(split_matcher, "CD11c was measured on cells from patients ."))
    assert found["CD11c"] == "HGNC:6152"


def test_composite_members_follow_a_mouse_text(split_matcher) -> None:
    doc = split_matcher("ERK1/2 was phosphorylated in mice .")
    members = list(doc._.kg_entity_members.values())
    assert members and all(m.startswith("MGI:") for m in members[0])


def test_a_paper_silent_on_species_reads_protein_names_as_human(split_matcher) -> None:
    found = dict(_ents(split_matcher, "Bax rose and Bcl-2 fell ."))
    assert found["Bax"] == "HGNC:959" and found["Bcl-2"] == "HGNC:990"
    # A symbol written in mouse nomenclature, a lower-case letter after a digit, keeps the rodent
    # gene; a title-case name ending in its number is a protein name of any species (session 14).
    assert dict(_ents(split_matcher, "Il6ra was expressed ."))["Il6ra"].startswith("MGI:")
    assert dict(_ents(split_matcher, "Tlr4 was expressed ."))["Tlr4"] == "HGNC:11850"
    # Where a sentence names mouse and human at once, the exact MGI symbol stays the mouse gene.
    assert dict(_ents(split_matcher, "Mouse and human cells expressed Tlr4 ."))["Tlr4"].startswith("MGI:")


# --- chemicals ---------------------------------------------------------------------
def _mesh(curie: str, name: str, trees: tuple[str, ...]) -> Grounding:
    return Grounding(curie, "biolink:ChemicalEntity", name, 0.9, "MESH", None, trees)


def test_hormone_classes_are_substances_not_roles() -> None:
    estrogens = _mesh("MESH:D004967", "Estrogens", ("D27.505.696.399.472.277",))
    chebi = Grounding("CHEBI:50114", "biolink:ChemicalEntity", "estrogen", 0.95, "CHEBI")
    found = chemical_roles([chebi, estrogens])
    assert [g.category for g in found] == ["biolink:ChemicalEntity", "biolink:ChemicalEntity"]
    anabolic = _mesh("MESH:D045930", "Anabolic Agents", ("D27.505.696.399.472.080",))
    assert chemical_roles([anabolic])[0].category == ROLE  # an agent, by its name
    blockers = _mesh("MESH:D002121", "Calcium Channel Blockers", ("D27.505.519.562",))
    assert chemical_roles([blockers])[0].category == ROLE


def test_estrogen_in_a_text_is_the_hormone(split_matcher) -> None:
    found = dict(_ents(split_matcher, "The dose of estrogen was raised ."))
    assert found["estrogen"] == "CHEBI:50114"  # not DrugBank's estradiol cypionate, not a role


def test_water_is_not_a_chemical_entity(split_matcher) -> None:
    found = dict(_ents(split_matcher, "Rats drank water or drinking water with cisplatin ."))
    assert "water" not in found and "drinking water" not in found
    assert "cisplatin" in found


# --- carrying groundings into MeSH ------------------------------------------------
def test_a_mention_takes_the_mesh_heading_it_names(lexicon) -> None:
    # MONDO "infectious disease" cross-references Infections and Communicable Diseases.
    assert to_target_ids(lexicon, "disease", "MONDO:0005550", "infections") == ("D007239",)
    assert to_target_ids(lexicon, "disease", "MONDO:0005550", "infection") == ("D007239",)
    # No heading named by the text: every cross-reference is kept.
    assert set(to_target_ids(lexicon, "disease", "MONDO:0005550", "infectious")) == {"D007239", "D003141"}


def test_a_concept_without_mesh_is_carried_by_one_that_refers_to_it(lexicon) -> None:
    # ChEBI's rimantadine (by its chemical name) lists no MeSH term; DrugBank's Rimantadine names it.
    assert lexicon.xrefs("CHEBI:94440") == ()
    assert "DRUGBANK:DB00478" in lexicon.referring("CHEBI:94440")
    assert to_target_ids(lexicon, "chemical", "CHEBI:94440", "1-(1-adamantyl)ethanamine") == ("D012299",)
    # ChEBI's L-dopa, carried so until session 21, has Levodopa of its own (its PubChem compound).
    assert lexicon.xrefs("CHEBI:15765") == ("MESH:D007980",)
    assert to_target_ids(lexicon, "chemical", "CHEBI:15765", "L-dopa") == ("D007980",)


def test_an_alias_the_rodent_orthologs_share_breaks_a_tie(split_matcher) -> None:
    # HGNC lists "MCP-1" for CCL2 and CCL13 (same score); mouse and rat list it for Ccl2 only.
    assert dict(_ents(split_matcher, "MCP-1 was secreted by cells from patients ."))["MCP-1"] == "HGNC:10618"


def test_genes_of_a_model_organism_the_lexicon_lacks_are_not_human(split_matcher) -> None:
    found = _ents(
        split_matcher, "In Drosophila , NOTCH1 controls wing development . Human NOTCH1 is its homolog ."
    )
    # The fly sentence grounds no human gene; the sentence about the human homolog does.
    assert [kb for text, kb in found if text == "NOTCH1"] == ["HGNC:7881"]
    assert "STAT3" not in dict(_ents(split_matcher, "Zebrafish embryos lacking STAT3 died ."))
    # An organism used as a tool does not make the genes its own.
    found = dict(_ents(split_matcher, "A yeast two-hybrid screen found that STAT3 binds PIAS3 ."))
    assert found["STAT3"] == "HGNC:11364"
    found = dict(_ents(split_matcher, "Xenopus laevis oocytes expressing KCNQ1 were studied ."))
    assert found["KCNQ1"] == "HGNC:6294"
    # A sentence comparing a gene with a model organism's is not about that organism's genes.
    found = dict(_ents(split_matcher, "SRF shows homology to two yeast regulatory proteins ."))
    assert found["SRF"] == "HGNC:11291"


def test_a_disease_mention_takes_a_disease_heading(lexicon) -> None:
    # MONDO "anxiety" cross-references MeSH Anxiety, the emotion, which is no disease heading;
    # the text's other reading ("anxiety disorder") gives Anxiety Disorders.
    assert lexicon.xrefs("MONDO:0011918")[0] == "MESH:D001007"
    assert to_target_ids(lexicon, "disease", "MONDO:0011918", "anxiety") == ("D001008",)


def test_a_model_organism_gene_is_not_read_as_a_cell_line(split_matcher) -> None:
    # "CHL1" names a human gene and a cell line; in a fly sentence it is neither.
    assert "CHL1" not in dict(_ents(split_matcher, "In Drosophila , CHL1 mutants lose bristles ."))
    assert dict(_ents(split_matcher, "Patients carried CHL1 variants ."))["CHL1"].startswith("HGNC:")


def test_gold_mentions_at_one_extent_pool_their_ids() -> None:
    from kg.evaluation.grounding import evaluate_documents
    from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument

    gold = PubTatorDocument("1", "IL-6 x", "")
    gold.annotations += [
        PubTatorAnnotation(0, 4, "IL-6", "Gene", ("3569",)),
        PubTatorAnnotation(0, 4, "IL-6", "Gene", ("16193",)),
    ]
    for predicted_id in ("3569", "16193"):
        pred = PubTatorDocument("1", "IL-6 x", "")
        pred.annotations.append(PubTatorAnnotation(0, 4, "IL-6", "Gene", (predicted_id,)))
        score = evaluate_documents([gold], [pred]).by_group[("gene", "mention")]
        assert (score.tp, score.n_gold) == (1, 1)  # either ID of the span counts, whatever the hash order


def test_arabidopsis_genes_are_not_human(split_matcher) -> None:
    assert "CTR1" not in dict(
        _ents(split_matcher, "In Arabidopsis thaliana , CTR1 mutants respond to ethylene .")
    )


def test_a_family_keeps_its_members_and_is_not_scored_as_one_of_them(lexicon) -> None:
    assert lexicon.members("FPLX:ERK") == ("HGNC:6871", "HGNC:6877")  # MAPK1, MAPK3
    # HGNC lists "AKT" as AKT1's alias, but the graph says the family: no NCBI Gene ID.
    assert to_target_ids(lexicon, "gene", "FPLX:AKT", "Akt") == ()
    assert to_target_ids(lexicon, "gene", "FPLX:ERK", "ERK") == ()


def test_british_spellings_of_diseases(lexicon) -> None:
    found = lexicon.ground("subarachnoid haemorrhage", category="biolink:Disease")
    assert "MESH:D013345" in {g.curie for g in found}
    assert lexicon.ground("dyspnoea", category="biolink:Disease")[0].curie == "MESH:D004417"


def test_a_short_label_before_cells_or_animals_is_no_gene(split_matcher) -> None:
    found = dict(_ents(split_matcher, "In mice , Th cell numbers rose in Tg mice , not in CD4 cells ."))
    assert not found.get("Th", "").startswith("MGI:")  # T helper cells, not tyrosine hydroxylase
    assert "Tg" not in found  # transgenic, not thyroglobulin
    assert found["CD4"].startswith("MGI:")  # a symbol with a digit still names the marker gene
    assert dict(_ents(split_matcher, "In mice , Th was expressed in neurons ."))["Th"].startswith("MGI:")


@pytest.mark.parametrize(
    ("word", "american"),
    [
        ("Tumour", "Tumor"),
        ("oestrogen", "estrogen"),
        ("haem", "heme"),
        ("HAEMATOPOIETIC", "HEMATOPOIETIC"),
        ("leukaemia", "leukemia"),
        ("disulphide", "disulfide"),
        ("neovascularisation", "neovascularization"),
        ("Coeliac", "Celiac"),
        ("orthopaedic", "orthopedic"),
        ("hemisphere", "hemisphere"),  # already American
        ("does", "does"),  # "oe" that is no British spelling
        ("academic", "academic"),
    ],
)
def test_american_spelling_of_a_word(word: str, american: str) -> None:
    assert american_spelling(word) == american
    assert may_be_british(f"The {word} rose.") == (word != american)


def test_british_names_of_genes_and_cells_match_the_american_way(split_matcher) -> None:
    # The sources spell gene and cell names the American way; the lexicon respells only
    # diseases and chemicals, so the matcher reads a British word as American when the
    # British spelling finds nothing longer.
    found = dict(_ents(split_matcher, "Tumour necrosis factor alpha and haem oxygenase 1 rose in patients ."))
    assert found["Tumour necrosis factor alpha"] == "HGNC:11892"  # TNF, not the family FPLX:TNF
    assert found["haem oxygenase 1"] == "HGNC:5013"  # HMOX1
    found = dict(_ents(split_matcher, "Haematopoietic stem cells and protein disulphide isomerase ."))
    assert (
        found["Haematopoietic stem cells"]
        == dict(_ents(split_matcher, "Hematopoietic stem cells ."))["Hematopoietic stem cells"]
    )
    assert found["protein disulphide isomerase"] == "HGNC:8548"  # P4HB
    # A British spelling the lexicon holds keeps its own grounding: "tumour" alone is a disease.
    assert dict(_ents(split_matcher, "The tumour grew ."))["tumour"] == "MONDO:0005070"


def test_a_cell_type_in_the_plural_is_the_cell_ontology_term(lexicon, split_matcher) -> None:
    # MeSH's plural headings ("Dendritic Cells") and CL's singular names are one cell type.
    plural = lexicon.lookup("dendriticcells")
    assert [g.curie for g in plural[:2]] == ["CL:0000451", "MESH:D003713"]  # MeSH kept as an alternative
    assert lexicon.lookup("Astrocytes")[0].curie == lexicon.lookup("astrocyte")[0].curie == "CL:0000127"
    found = dict(_ents(split_matcher, "Dendritic cells and one dendritic cell were counted ."))
    assert found["Dendritic cells"] == found["dendritic cell"] == "CL:0000451"
    # A MeSH heading whose singular no CL term names stays MeSH ("Axons" is no cell type).
    assert lexicon.lookup("Axons")[0].curie == "MESH:D001369"
