"""Species cues of session 10: cell lines, laboratory strains, xenografts, mouse nomenclature.

``spacy.blank`` pipelines over a fixture vocabulary (no packaged lexicon, no NER).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.lexicon.store import Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.species import _cell_line_species, _strain
from tests.matcher_stubs import curated_matcher

HUMAN, MOUSE, RAT = "NCBITaxon:9606", "NCBITaxon:10090", "NCBITaxon:10116"

VOCABULARY = """curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon
HGNC:11364\tbiolink:Gene\tSTAT3\tSTAT3\t\t\tNCBITaxon:9606
MGI:103038\tbiolink:Gene\tStat3\tStat3|STAT3\t\t\tNCBITaxon:10090
HGNC:19121\tbiolink:Gene\tSOCS3\tSOCS3\t\t\tNCBITaxon:9606
MGI:1201791\tbiolink:Gene\tSocs3\tSocs3\t\t\tNCBITaxon:10090
HGNC:8986\tbiolink:Gene\tPIM1\tPIM1\t\t\tNCBITaxon:9606
MGI:97606\tbiolink:Gene\tPim1\tPim1\t\t\tNCBITaxon:10090
HGNC:6734\tbiolink:Gene\tLYL1\tLYL1\t\t\tNCBITaxon:9606
MGI:96891\tbiolink:Gene\tLyl1\tLyl1\t\t\tNCBITaxon:10090
HGNC:6768\tbiolink:Gene\tSMAD2\tSMAD2\t\t\tNCBITaxon:9606
MGI:108051\tbiolink:Gene\tSmad2\tSmad2\t\t\tNCBITaxon:10090
HGNC:6770\tbiolink:Gene\tSMAD4\tSMAD4\t\t\tNCBITaxon:9606
MGI:894293\tbiolink:Gene\tSmad4\tSmad4\t\t\tNCBITaxon:10090
HGNC:6773\tbiolink:Gene\tSMAD7\tSMAD7\t\t\tNCBITaxon:9606
MGI:1100518\tbiolink:Gene\tSmad7\tSmad7\t\t\tNCBITaxon:10090
NCBITaxon:10090\tbiolink:OrganismTaxon\tMus musculus\t\tmice|mouse\t\t
NCBITaxon:9606\tbiolink:OrganismTaxon\tHomo sapiens\t\thuman\t\t
cellosaurus:0030\tbiolink:CellLine\tHeLa\tHeLa\t\t\t
cellosaurus:0493\tbiolink:CellLine\tRAW 264.7\tRAW 264.7\t\t\t
cellosaurus:0213\tbiolink:CellLine\tCHO\tCHO\t\t\t
cellosaurus:0137\tbiolink:CellLine\tA-20\tA20\t\t\t
"""


@pytest.fixture()
def nlp(tmp_path: Path):
    return curated_matcher(tmp_path, VOCABULARY)


def _ids(nlp, text: str, name: str) -> list[str]:
    doc = nlp(text)
    return [span.kb_id_ for span in doc.spans["kg_dictionary"] if span.text == name]


# --- cell lines ----------------------------------------------------------------------
def test_a_mouse_cell_line_makes_a_paper_about_mouse_genes(nlp) -> None:
    assert _ids(nlp, "STAT3 was silenced in RAW 264.7 cells.", "STAT3") == ["MGI:103038"]
    # Ba/F3 is not in the vocabulary: found by its name before a word for cells.
    assert _ids(nlp, "STAT3 was silenced in Ba/F3 cells.", "STAT3") == ["MGI:103038"]
    # With no cell line the case convention reads STAT3 as the human gene.
    assert _ids(nlp, "STAT3 was silenced in these cells.", "STAT3") == ["HGNC:11364"]


def test_a_human_cell_line_is_a_human_cue(nlp) -> None:
    text = "In mice, STAT3 was deleted. STAT3 was silenced in HeLa cells."
    assert _ids(nlp, text, "STAT3") == ["MGI:103038", "HGNC:11364"]


def test_cell_lines_of_other_animals_and_bare_names_are_no_cue(nlp) -> None:
    # CHO cells (hamster) host transfected genes: the sentence follows the last species named.
    text = "In mice, STAT3 was deleted. STAT3 was expressed in CHO cells."
    assert _ids(nlp, text, "STAT3") == ["MGI:103038", "MGI:103038"]
    # "A20" without a word for cells is the gene TNFAIP3 as often as the B-cell line.
    text = "In mice, STAT3 was deleted. A20 bound STAT3."
    assert _ids(nlp, text, "STAT3") == ["MGI:103038", "MGI:103038"]


def test_cell_line_species_from_mesh_headings() -> None:
    lowers = ["raw", "264.7", "cells", "and", "hela", "cells", "and", "cell", "lines"]
    raw = Grounding(
        "MESH:D000067996", "biolink:Cell", "RAW 264.7 Cells", 0.9, "MESH", None, ("A11.251.210.172.875",)
    )
    hela = Grounding(
        "MESH:D006367", "biolink:Cell", "HeLa Cells", 0.9, "MESH", None, ("A11.251.210.190.400",)
    )
    generic = Grounding("MESH:D002460", "biolink:Cell", "Cell Line", 0.9, "MESH", None, ("A11.251.210",))
    candidates = [
        Candidate(0, 3, (raw,), "MESH"),
        Candidate(4, 6, (hela,), "MESH"),
        Candidate(7, 9, (generic,), "MESH"),
    ]
    assert _cell_line_species(candidates, lowers) == {0: MOUSE, 4: HUMAN}
    # Rat lines the lexicon lacks, before a word for cells.
    assert _cell_line_species([], ["in", "h9c2", "cells"]) == {1: RAT}


# --- strains and xenografts ----------------------------------------------------------
def test_a_laboratory_strain_names_its_species(nlp) -> None:
    assert _ids(nlp, "STAT3 was measured in C57BL/6 bone marrow.", "STAT3") == ["MGI:103038"]
    assert _strain(["c57bl/6", "bone"], 0) == MOUSE
    assert _strain(["wistar", "rat", "hearts"], 0) is None  # the species word counts instead
    assert _strain(["sprague", "dawley", "hearts"], 0) == RAT
    assert _strain(["stat3"], 0) is None


def test_mice_carrying_xenografts_are_hosts(nlp) -> None:
    text = "STAT3 was knocked down in H446 cells. HCC xenografts in mice grew."
    assert _ids(nlp, text, "STAT3") == ["HGNC:11364"]
    assert _ids(nlp, "STAT3 was deleted in mice.", "STAT3") == ["MGI:103038"]


# --- mouse nomenclature ----------------------------------------------------------------
def test_mouse_nomenclature_makes_a_silent_paper_about_mice(nlp) -> None:
    text = "Socs3, Pim1 and Lyl1 rose while STAT3 fell."
    assert _ids(nlp, text, "STAT3") == ["MGI:103038"]
    # Two mouse-style names are not enough; nor is a paper that names a species.
    assert _ids(nlp, "Socs3 and Pim1 rose while STAT3 fell.", "STAT3") == ["HGNC:11364"]
    text = "Socs3, Pim1 and Lyl1 rose while STAT3 fell in human cells."
    assert _ids(nlp, text, "STAT3") == ["HGNC:11364"]


def test_members_of_one_family_in_title_case_are_no_mouse_nomenclature(nlp) -> None:
    # session 21: "Smad2", "Smad4" and "Smad7" are how any paper writes the Smads (one stem)
    text = "Smad7 blocks the binding of Smad2 to Smad4 while STAT3 fell."
    assert _ids(nlp, text, "STAT3") == ["HGNC:11364"]
    text = "Smad7, Socs3, Pim1 and Lyl1 rose while STAT3 fell."  # three stems and more: mice
    assert _ids(nlp, text, "STAT3") == ["MGI:103038"]


def test_a_paper_with_xenograft_hosts_reads_its_other_mice_as_hosts(nlp) -> None:
    text = "STAT3 was knocked down in human cancer cells. Tumours grew in nude mice. Treated mice lost STAT3."
    assert _ids(nlp, text, "STAT3") == ["HGNC:11364", "HGNC:11364"]
    # Without a human cue (or without hosts) the mice are the paper's species.
    text = "STAT3 was knocked down in nude mice. Treated mice had less STAT3."
    assert _ids(nlp, text, "STAT3") == ["MGI:103038", "MGI:103038"]


def test_cre_drivers_and_floxed_alleles_are_mouse_genetics(nlp) -> None:
    assert _ids(nlp, "STAT3 was deleted with a Shh(CreERT2) driver.", "STAT3") == ["MGI:103038"]
    assert _ids(nlp, "STAT3 floxed alleles were crossed.", "STAT3") == ["MGI:103038"]
    # The cAMP response element (CRE) and words that start with "cre" are no cue.
    assert _ids(nlp, "STAT3 bound the CRE and increased creatine.", "STAT3") == ["HGNC:11364"]


def test_a_rodent_cell_line_name_before_a_hyphen() -> None:
    assert _cell_line_species([], ["in", "ba", "/", "f3-gp130", "cells"]) == {1: MOUSE}
    assert _cell_line_species([], ["in", "nrk-52e", "cells"]) == {1: RAT}


def test_a_species_word_before_a_gene_says_whose_gene_it_is(nlp) -> None:
    # A sentence naming two species leaves the case convention to decide, except after a species word.
    assert _ids(nlp, "Mouse STAT3 and human STAT3 differ.", "STAT3") == ["MGI:103038", "HGNC:11364"]
    text = "In patients, STAT3 rose; mouse STAT3 did not."
    assert _ids(nlp, text, "STAT3") == ["HGNC:11364", "MGI:103038"]
