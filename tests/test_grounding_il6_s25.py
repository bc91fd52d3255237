"""Grounding errors read in the graph of the IL-6 abstracts (session 25).

The matcher runs with the packaged lexicon and vocabulary behind a stand-in NER
(``tests.matcher_stubs``), so the tests do not depend on the trained model.
"""

from __future__ import annotations

from kg.lexicon.normalize import cased_key
from tests.matcher_stubs import run_matcher


def test_cyrillic_ef_is_read_as_phi() -> None:
    # "MФ" (Cyrillic Ef) is a spelling of MΦ; an ASCII-only key dropped the letter and left "M".
    assert cased_key("MФ") == cased_key("MΦ") == "Mphi"


def test_a_molar_concentration_is_no_macrophage(split_matcher) -> None:
    found = run_matcher(split_matcher, "Cells were treated with 1 M NaCl or 10(-5) M azelastine .")
    assert "M" not in found
    # The macrophage's own short forms still match.
    found = run_matcher(split_matcher, "MФ and Mφ secreted IL-6 .")
    assert found.get("MФ") == found.get("Mφ") == "CL:0000235"
