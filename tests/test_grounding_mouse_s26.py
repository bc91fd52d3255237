"""Mouse gene grounding rules of session 26 (mouse1).

* A listed rodent cell line is a species cue also with words saying what kind
  of cells they are between its name and "cells" ("C2C12 muscle cells",
  "P19 neural progenitor cells").
* "humans" (the species in general: "implicated in autoimmune diseases in
  humans") is no human material that makes a paper's nude mice xenograft
  hosts; "human" cells or tissues still are.

The packaged lexicon's matcher after il6-kg's sentence splitter, no statistical NER.
"""

from __future__ import annotations

from tests.matcher_stubs import run_matcher

XIAP_MOUSE, XIAP_HUMAN = "MGI:107572", "HGNC:592"


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
