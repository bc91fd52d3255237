"""Surface variants and the curated vocabulary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.vocabulary import load_vocabulary, surface_variants


def variants(form: str, *, case_sensitive: bool = False) -> set[str]:
    return set(surface_variants(form, case_sensitive=case_sensitive))


def test_greek_letters_and_spelled_out_forms() -> None:
    assert {"HIF-1alpha", "HIF-1α"} <= variants("HIF-1α", case_sensitive=True)
    assert "SIRPα" in variants("SIRPalpha", case_sensitive=True)


def test_hyphen_and_space_variants() -> None:
    assert {"IL-6", "IL6", "IL 6"} <= variants("IL-6", case_sensitive=True)
    assert {"interleukin-6", "interleukin 6"} <= variants("interleukin-6")


def test_plurals_british_spelling_and_cd_positive() -> None:
    found = variants("CD8-positive T cell")
    assert {"CD8+ T cell", "CD8+ T cells", "CD8-positive T cells", "CD8 positive T cell"} <= found
    assert {"tumor microenvironment", "tumour microenvironments"} <= variants("tumour microenvironment")
    assert "macrophages" in variants("macrophage")
    assert "mice" in variants("mouse")


def test_symbols_are_not_pluralised() -> None:
    assert "IL-6s" not in variants("IL-6", case_sensitive=True)


def test_packaged_vocabulary_has_unique_curies_and_known_categories() -> None:
    entries = load_vocabulary()
    curies = [entry.concept.curie for entry in entries]
    assert len(curies) == len(set(curies))
    assert all(entry.concept.category.startswith("biolink:") for entry in entries)
    assert {"HGNC:6018", "HGNC:11364", "HGNC:12680", "CL:0000235", "DRUGBANK:DB09036"} <= set(curies)


def test_bad_header_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.tsv"
    path.write_text("id\tname\nX:1\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected columns"):
        load_vocabulary(path)
