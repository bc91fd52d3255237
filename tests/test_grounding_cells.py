"""Cell-type names that collide with other readings: plurals of acronyms, two-letter
abbreviations, cell therapies named after their cells, short forms inside a name."""

from __future__ import annotations

import pytest

from kg.lexicon.normalize import cased_key


@pytest.mark.parametrize(
    ("key", "first"),
    [
        ("NK cells", "CL:0000623"),  # not DrugBank's cell therapy "Natural Killer Cell"
        ("DCs", "CL:0000451"),  # the plural of DC, not the acronym DCS (Dorfman-Chanarin disease)
        ("ECs", "CL:0000115"),  # endothelial cells, as before
    ],
)
def test_cell_readings_lead(lexicon, key: str, first: str) -> None:
    assert lexicon.lookup(cased_key(key))[0].curie == first


def _entities(nlp, text: str) -> dict[str, str]:
    return {e.text: e.kb_id_ for e in nlp(text).ents}


def test_a_short_form_inside_a_name_leaves_the_name_grounded(nlp) -> None:
    found = _entities(nlp, "Natural killer (NK) cells were counted.")
    assert found.get("Natural killer (NK) cells") == "CL:0000623"


def test_two_capitals_that_spell_a_disease_are_no_cell_type(nlp) -> None:
    # CL:4070015 "pyloric dilator neuron" (a crab neuron) is abbreviated PD.
    assert "CL:4070015" not in _entities(nlp, "Patients with PD were treated with levodopa.").values()
    assert "CL:4070015" not in _entities(nlp, "PD 98059 blocked ERK activation.").values()
    assert _entities(nlp, "Dendritic cells (DCs) matured. DCs secreted IL-12.")["DCs"] == "CL:0000451"


def test_a_defined_short_form_holds_in_the_other_number(nlp) -> None:
    # "PBLs" is defined; "PBL" alone would be the lexicon's plasmablastic lymphoma.
    text = (
        "We compared peripheral blood lymphocytes (PBLs) of donors. "
        "IL-2 activated STAT5 in fresh PBL and in preactivated PBL."
    )
    doc = nlp(text)
    pbl = [e for e in doc.ents if e.text == "PBL"]
    defined = next(e for e in doc.ents if e.text == "PBLs")
    assert len(pbl) == 2
    assert {e.kb_id_ for e in pbl} == {defined.kb_id_}
    assert defined.label_ == "biolink:Cell"
