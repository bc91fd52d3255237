"""The scispaCy tokenizer with il6-kg's compound splitting."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.tokenizer import build_tokenizer


@pytest.fixture(scope="module")
def tokenize():
    nlp = spacy.blank("en")
    nlp.tokenizer = build_tokenizer(nlp)
    return lambda text: [token.text for token in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anti-IL-6 therapies", ["anti", "-", "IL-6", "therapies"]),
        ("IL-6-mediated resistance", ["IL-6", "-", "mediated", "resistance"]),
        ("pro-angiogenic effects", ["pro", "-", "angiogenic", "effects"]),
        ("gp130/IL6ST", ["gp130", "/", "IL6ST"]),
        ("TC-1.IL-6 tumors", ["TC-1", ".", "IL-6", "tumors"]),
        ("Il6ra fl/fl ×LysM cre+", ["Il6ra", "fl", "/", "fl", "×", "LysM", "cre+"]),
        ("HIF-1α and IL-6R", ["HIF-1α", "and", "IL-6R"]),
    ],
)
def test_compounds_expose_entity_names(tokenize, text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_scispacy_behaviour_is_kept(tokenize) -> None:
    # scispaCy keeps abbreviations with periods and hyphenated words whole.
    assert tokenize("e.g. T-cell infiltration") == ["e.g.", "T-cell", "infiltration"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scispaCy split a final period after a capital only when a capital or digit preceded it.
        ("activated NF-kappaB.", ["activated", "NF-kappaB", "."]),
        ("NF-κB. IL-6", ["NF-κB", ".", "IL-6"]),
        ("secreted IgA.", ["secreted", "IgA", "."]),
        ("at low pH. The", ["at", "low", "pH", ".", "The"]),
        ('of IgA.",', ["of", "IgA", ".", '"', ","]),
    ],
)
def test_final_period_leaves_a_lowercase_capital_name(tokenize, text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith et al. reported", ["Smith", "et", "al.", "reported"]),
        ("see Fig. 2 and Figs. 3", ["see", "Fig.", "2", "and", "Figs.", "3"]),
        ("e.g. IL-6, i.e. gp130", ["e.g.", "IL-6", ",", "i.e.", "gp130"]),
        ("IL-6 vs. TNF", ["IL-6", "vs.", "TNF"]),
        ("E. coli and S. aureus", ["E.", "coli", "and", "S.", "aureus"]),
        ("in E. coli.", ["in", "E.", "coli", "."]),
        ("in the U.S.A. and", ["in", "the", "U.S.A.", "and"]),
        ("sp. nov.", ["sp.", "nov."]),
    ],
)
def test_abbreviations_keep_their_period(tokenize, text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_tokenizer_equals_scispacy_rules_plus_ours_and_the_shipped_copy() -> None:
    from scispacy.custom_tokenizer import combined_rule_tokenizer
    from spacy.tokenizer import Tokenizer

    from kg.nlp.pipeline import default_ner_model_path

    nlp = spacy.blank("en")
    built = build_tokenizer(nlp)
    # scispaCy's rules and spaCy's exceptions, as scispaCy joins them.
    assert built.rules == combined_rule_tokenizer(nlp).rules
    # The packaged NER model is loaded without its saved tokenizer (kg.nlp.pipeline): the
    # saved copy must be exactly what the code builds, or the model was trained on other tokens.
    saved = Tokenizer(nlp.vocab).from_disk(default_ner_model_path() / "tokenizer")
    assert saved.to_bytes() == built.to_bytes()
