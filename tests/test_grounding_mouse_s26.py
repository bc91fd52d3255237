"""Mouse gene grounding rules of session 26 (mouse1).

* A short name several mouse genes list as an alias is the ortholog of the
  human gene the name reads as best ("p21" in a mouse paper is Cdkn1a, not
  Nsg1; "TRIF" Ticam1, not Trim69).
* A listed rodent cell line is a species cue also with words saying what kind
  of cells they are between its name and "cells" ("C2C12 muscle cells",
  "P19 neural progenitor cells").
* "humans" (the species in general: "implicated in autoimmune diseases in
  humans") is no human material that makes a paper's nude mice xenograft
  hosts; "human" cells or tissues still are.
* In a paper on human cell lines, mice named after words on tumours grown in
  them ("reduced tumorigenesis in mice", "tumour growth in mice") are hosts.

The packaged lexicon's matcher after il6-kg's sentence splitter, no statistical NER.
"""

from __future__ import annotations

from tests.matcher_stubs import run_matcher

CDKN1A_MOUSE, NSG1_MOUSE, CDKN1A_HUMAN = "MGI:104556", "MGI:109149", "HGNC:1784"
TICAM1_MOUSE, TRIM69_MOUSE = "MGI:2147032", "MGI:1918178"
XIAP_MOUSE, XIAP_HUMAN = "MGI:107572", "HGNC:592"


def test_an_alias_of_several_mouse_genes_is_the_ortholog_of_its_human_reading(split_matcher) -> None:
    found = run_matcher(split_matcher, "In mice , p21 and TRIF were induced by LPS .")
    assert found["p21"] == CDKN1A_MOUSE  # was Nsg1, whose MGI alias "p21" tied above the ortholog
    assert found["TRIF"] == TICAM1_MOUSE  # was Trim69 (a case variant of its alias "Trif")
    assert NSG1_MOUSE not in found.values() and TRIM69_MOUSE not in found.values()
    # a human text keeps the human gene
    assert run_matcher(split_matcher, "In patients , p21 was induced .")["p21"] == CDKN1A_HUMAN
    # a mouse gene named by its own symbol keeps it
    assert run_matcher(split_matcher, "In mice , Nsg1 was induced .")["Nsg1"] == NSG1_MOUSE


def test_a_rodent_cell_line_before_words_naming_its_kind_of_cells_is_a_species_cue(split_matcher) -> None:
    text = "Apoptosis was studied in P19 neural progenitor cells . NRAGE binds to XIAP ."
    assert run_matcher(split_matcher, text)["XIAP"] == XIAP_MOUSE
    text = "Differentiation of C2C12 muscle cells was studied . XIAP was induced ."
    assert run_matcher(split_matcher, text)["XIAP"] == XIAP_MOUSE
    # a participle between the name and "cells" names a gene's expression, not the line's kind
    text = "Apoptosis was studied in HeLa cells and ST2 expressing cells . XIAP was induced ."
    assert run_matcher(split_matcher, text)["XIAP"] == XIAP_HUMAN


def test_humans_in_general_do_not_make_nude_mice_xenograft_hosts(split_matcher) -> None:
    text = (
        "Prdm1 has been implicated in autoimmune diseases in humans . "
        "Prdm1 is expressed by mouse TECs . "
        "Nude mice developed antibodies when transplanted with Prdm1 null TECs . "
        "Prdm1 acts independently of Aire ."
    )
    found = run_matcher(split_matcher, text)
    assert found["Aire"].startswith("MGI:")  # was HGNC's AIRE: every mouse read as a host
    # human tumour cells in nude mice: the genes stay human
    text = (
        "Human HCT116 cells were grown as xenografts in nude mice . "
        "Treated mice showed less tumour growth . Aire was induced ."
    )
    assert run_matcher(split_matcher, text)["Aire"].startswith("HGNC:")


def test_mice_growing_tumours_of_human_cell_lines_are_hosts(split_matcher) -> None:
    text = (
        "ADAM12 was silenced in HeLa cells . "
        "ADAM12 knockdown reduced tumorigenesis in mice . "
        "EGFR activation was lowered ."
    )
    found = run_matcher(split_matcher, text)
    assert found["EGFR"].startswith("HGNC:")  # was mouse Egfr: "in mice" made the sentences mouse ones
    assert found["ADAM12"].startswith("HGNC:")
    # without a human cell line, tumours in mice are the mice's own
    text = "Colitis-associated tumorigenesis in mice was studied . EGFR activation was lowered ."
    assert run_matcher(split_matcher, text)["EGFR"].startswith("MGI:")
