"""Grounding rules of session 12: a family name HGNC gives to one member, modified forms.

The matcher runs with the packaged lexicon on ``load_tokenizer_only`` pipelines
(no statistical NER, so the tests do not depend on the trained model).
"""

from __future__ import annotations

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import to_target_ids
from kg.nlp.model_spans import model_span_variants
from tests.matcher_stubs import entity_ids, packaged_matcher, run_matcher


@pytest.mark.parametrize(
    ("name", "gene"),
    [
        ("Akt", "HGNC:391"),  # AKT1 of AKT1-3
        ("ERK", "HGNC:6871"),  # MAPK1 of MAPK1/MAPK3; not EPHB2, whose alias "ERK" also is
        ("JNK", "HGNC:6881"),  # MAPK8 of MAPK8-10
        ("p38", "HGNC:6876"),  # MAPK14 of MAPK11-14; not SYP or AIMP2, outside the family
        ("STAT5", "HGNC:11366"),  # STAT5A
    ],
)
def test_a_small_family_named_by_one_members_alias_is_that_gene(split_matcher, lexicon, name, gene) -> None:
    found = entity_ids(split_matcher, f"{name} was phosphorylated in cells from patients .")
    assert found[name] == gene
    family = next(g for g in lexicon.lookup(name) if g.category == "biolink:GeneFamily")
    assert gene in lexicon.members(family.curie)
    assert to_target_ids(lexicon, "gene", found[name], name)  # scored through HGNC -> NCBI Gene


def test_the_member_follows_a_mouse_text(split_matcher) -> None:
    assert (
        entity_ids(split_matcher, "Akt was phosphorylated in the livers of mice .")["Akt"] == "MGI:87986"
    )  # Akt1


def test_a_name_no_single_member_bears_stays_the_family(split_matcher) -> None:
    # "PI3K" and "Ras" are no HGNC alias of exactly one family member.
    found = entity_ids(split_matcher, "PI3K and Ras were activated in cells from patients .")
    assert found["PI3K"].startswith("FPLX:") and found["Ras"].startswith("FPLX:")


@pytest.mark.parametrize(("name", "alias_of"), [("HDAC", "HGNC:14065"), ("S100", "HGNC:10486")])
def test_a_large_familys_name_is_not_the_member_it_stuck_to(split_matcher, lexicon, name, alias_of) -> None:
    # HGNC lists "HDAC" for HDAC9 and "S100" for S100A1, but these families have 18 and 22 genes.
    assert alias_of in {g.curie for g in lexicon.lookup(name)}
    assert entity_ids(split_matcher, f"{name} was measured in cells from patients .")[name].startswith(
        "FPLX:"
    )


# --- modified forms the NER tags ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("p-Akt", "Akt"),
        ("phospho-STAT3", "STAT3"),
        ("phosphorylated-ERK", "ERK"),
        ("proMMP-2", "MMP-2"),
        ("pro-IL-1beta", "IL-1beta"),
        ("procaspase-9", "caspase-9"),
    ],
)
def test_a_modified_forms_prefix_is_dropped_for_genes(text, name) -> None:
    assert model_span_variants(text, "biolink:Gene")[:2] == [text, name]
    assert model_span_variants(text, "biolink:ChemicalEntity") == [text]


@pytest.mark.parametrize("text", ["prohibitin", "pUC119", "protein", "pro-B"])
def test_names_that_only_start_like_a_prefix_are_kept(text) -> None:
    assert model_span_variants(text, "biolink:Gene") == [text]


def test_a_modified_form_the_ner_tags_is_its_gene() -> None:
    nlp = packaged_matcher()
    text = "Levels of phospho-STAT3 and procaspase-9 rose in patients ."
    assert "phospho-STAT3" not in run_matcher(nlp, text)  # the dictionary alone does not read it
    found = run_matcher(nlp, text, [("phospho-STAT3", "biolink:Gene"), ("procaspase-9", "biolink:Gene")])
    assert found["phospho-STAT3"] == "HGNC:11364"  # STAT3
    assert found["procaspase-9"] == "HGNC:1511"  # CASP9
