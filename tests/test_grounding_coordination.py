"""Session-12 composite gene mentions over tokens: ranges and numbered lists.

``freac-1 to freac-7``, ``HMG1 and 2``, ``Claudins 1, 4, and 7``: each member
is read and grounded; counts ("IL6 and 8 patients") are no lists.
"""

from __future__ import annotations

import pytest

from kg.nlp.composite import coordinated_members


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["the", "freac-1", "to", "freac-3", "genes"], [(1, 4, ["freac-1", "freac-2", "freac-3"])]),
        (["CXCL9", "through", "CXCL11"], [(0, 3, ["CXCL9", "CXCL10", "CXCL11"])]),
        (["HMG1", "and", "2", "bind"], [(0, 3, ["HMG1", "HMG2"])]),
        (["Smad2", ",", "3", "and", "4", "were"], [(0, 5, ["Smad2", "Smad3", "Smad4"])]),
        (["Claudins", "1", ",", "4", ",", "and", "7"], [(0, 7, ["claudin 1", "claudin 4", "claudin 7"])]),
        (["synapsins", "I", "and", "II"], [(0, 4, ["synapsin I", "synapsin II"])]),
        # session 17: suffixes of a letter after a digit, a Greek letter, a Roman numeral
        (["hHR23A", "and", "-B", "bind"], [(0, 3, ["hHR23A", "hHR23B"])]),
        (["TGF-beta1", "and", "-beta2"], [(0, 3, ["TGF-beta1", "TGF-beta2"])]),
        (["IL-1alpha", ",", "-beta", "and", "-gamma"], [(0, 5, ["IL-1alpha", "IL-1beta", "IL-1gamma"])]),
        (["LC3B-I", "and", "-II"], [(0, 3, ["LC3B-I", "LC3B-II"])]),
        # a plural noun naming what the members are is no count ("IL6 and 8 patients" is)
        (["SERCA1", ",", "2", ",", "and", "3", "genes"], [(0, 6, ["SERCA1", "SERCA2", "SERCA3"])]),
    ],
)
def test_ranges_and_numbered_lists(texts, expected) -> None:
    assert coordinated_members(texts) == expected


@pytest.mark.parametrize(
    "texts",
    [
        ["IL6", "and", "8", "patients"],  # a count of patients
        ["CD4", "and", "8", "cells"],
        ["days", "1", "to", "7"],  # no name ends in the first number
        ["freac-1", "to", "foxc-7"],  # two stems
        ["CXCL9", "to", "CXCL30"],  # more than ten members
        ["IL-6", "and", "TNF"],
        ["HMG1", "binds"],
        ["MSH2", ",", "and", "3", "control"],  # a pair with a comma
        ["CD3", "and", "1", "were"],  # numbers that do not rise
        ["anchorage-dependent", "and", "-independent"],  # words, not members
        ["beta", "and", "-gamma"],  # no stem before the Greek letter
        ["LC3B-I", "and", "-9"],  # a Roman numeral takes Roman numerals only
        ["hHR23A", "and", "-beta"],
    ],
)
def test_no_list_where_the_numbers_do_not_continue_a_name(texts) -> None:
    assert coordinated_members(texts) == []


def _members(nlp, text: str) -> dict[str, tuple[str, ...]]:
    doc = nlp(text)
    return {doc.text[s:e]: ids for (s, e), ids in doc._.kg_entity_members.items()}


def test_each_member_of_a_list_is_grounded(matcher) -> None:
    members = _members(matcher, "In patients , HMG1 and 2 bound DNA and Claudins 1 , 4 , and 7 fell .")
    assert members["HMG1 and 2"] == ("HGNC:4983", "HGNC:5000")  # HMGB1, HMGB2
    assert members["Claudins 1 , 4 , and 7"] == ("HGNC:2032", "HGNC:2046", "HGNC:2049")  # CLDN1, 4, 7


def test_a_list_with_a_member_no_gene_bears_is_no_composite(matcher) -> None:
    assert _members(matcher, "Patients 1 and 2 had fever .") == {}


def test_a_lower_case_range_is_read_in_capitals(matcher) -> None:
    # "freac-1" is written in lower case; HGNC lists FREAC1-3 for FOXF1, FOXF2 and FOXC1.
    members = _members(matcher, "We cloned human freac-1 to freac-3 .")
    assert members["freac-1 to freac-3"] == ("HGNC:3809", "HGNC:3810", "HGNC:3800")


def test_greek_and_lettered_suffixes_name_each_member(matcher) -> None:
    members = _members(matcher, "In human cells , hHR23A and -B bound XPC and TGF-beta1 and -beta2 rose .")
    assert members["hHR23A and -B"] == ("HGNC:9812", "HGNC:9813")  # RAD23A, RAD23B
    assert members["TGF-beta1 and -beta2"] == ("HGNC:11766", "HGNC:11768")  # TGFB1, TGFB2
