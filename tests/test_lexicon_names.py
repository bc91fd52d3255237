"""Gene name variants of :mod:`kg.lexicon.name_variants`.

Leading words abbreviated (session 20); a final number as a Roman numeral (session 22).
"""

from __future__ import annotations

from pathlib import Path

from kg.lexicon.build import serialise
from kg.lexicon.name_variants import abbreviated_gene_names, roman_numeral_names, series_abbreviations
from kg.lexicon.sources import SourceConcept
from kg.lexicon.store import HUMAN, Lexicon


def _gene(number: int, symbol: str, name: str, *aliases: str) -> SourceConcept:
    concept = SourceConcept(f"HGNC:{number}", "biolink:Gene", symbol, "HGNC", taxon=HUMAN)
    concept.add(symbol, 0, True)
    concept.add(name, 0)
    for alias in aliases:
        concept.add(alias, 2, True)
    return concept


def _family(entity: str, *texts: str) -> SourceConcept:
    concept = SourceConcept(f"FPLX:{entity}", "biolink:GeneFamily", entity, "FPLX")
    concept.add(entity, 1, True)
    for text in texts:
        concept.add(text, 1)
    return concept


def _concepts() -> list[SourceConcept]:
    return [
        _gene(2169, "CNTF", "ciliary neurotrophic factor"),
        _gene(2170, "CNTFR", "ciliary neurotrophic factor receptor"),
        _gene(9412, "PRKCZ", "protein kinase C zeta"),
        _gene(6001, "IL2", "interleukin 2"),
        _gene(6009, "IL2RB", "interleukin 2 receptor subunit beta"),
        _gene(6010, "IL3", "interleukin 3"),
        _gene(6014, "IL4", "interleukin 4"),
        _gene(6000, "IL1RN", "interleukin 1 receptor antagonist"),
        _gene(11998, "TFR2", "transferrin receptor 2"),
        _gene(11763, "TFRC", "transferrin receptor"),
        _gene(9999, "XP1", "ciliary neurotrophic factor pseudogene 1"),
        _family("PKC", "protein kinase C"),
    ]


def test_a_numbered_series_gives_its_words_an_abbreviation() -> None:
    pairs = [("interleukin 2", "IL2"), ("interleukin 3", "IL3"), ("interleukin 4", "IL4")]
    pairs.append(("caspase 3", "CASP3"))
    assert series_abbreviations(pairs) == {"interleukin": "IL"}  # caspase: one gene is no convention
    assert series_abbreviations([*pairs, ("interleukin 5", "INT5")]) == {}  # two ways: none


def test_leading_words_are_abbreviated_by_gene_family_and_series() -> None:
    found = abbreviated_gene_names(_concepts())
    assert found["HGNC:2170"] == ["CNTF receptor"]  # another gene's approved name and symbol
    assert found["HGNC:9412"] == ["PKC zeta"]  # a FamPlex family's name and identifier
    assert found["HGNC:6000"] == ["IL 1 receptor antagonist"]  # the interleukin series
    assert found["HGNC:6009"] == ["IL2 receptor subunit beta", "IL2 receptor beta"]
    # Not a number alone ("TFRC 2"), not a pseudogene, not a gene's own whole name.
    assert {"HGNC:11998", "HGNC:9999", "HGNC:2169", "HGNC:6001"}.isdisjoint(found)


def _built(concepts: list[SourceConcept], tmp_path: Path) -> tuple[bytes, Lexicon]:
    """The builder's bytes for ``concepts`` and the lexicon read back from them (no curated layer)."""
    payload, _ = serialise(sorted(concepts, key=lambda c: c.curie), {"format": 1})
    path = tmp_path / "lexicon.tsv.zst"
    path.write_bytes(payload)
    empty = tmp_path / "vocabulary.tsv"
    empty.write_text("curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon\n")
    return payload, Lexicon(path, empty)


def test_a_variant_fills_a_gap_and_grounds(tmp_path: Path) -> None:
    concepts = _concepts()
    # A key some concept has already stays that concept's: "PKC zeta" here is an alias of XYZ.
    concepts.append(_gene(1, "XYZ", "xyz protein", "PKC zeta"))
    payload, lexicon = _built(concepts, tmp_path)
    assert lexicon.ground("IL-1 receptor antagonist")[0].curie == "HGNC:6000"
    assert lexicon.ground("IL-2 receptor beta")[0].curie == "HGNC:6009"
    assert lexicon.ground("CNTF receptor")[0].curie == "HGNC:2170"
    assert [g.curie for g in lexicon.ground("PKC zeta")] == ["HGNC:1"]
    assert serialise(sorted(concepts, key=lambda c: c.curie), {"format": 1})[0] == payload


def test_a_final_number_is_also_written_as_a_roman_numeral(tmp_path: Path) -> None:
    concepts = [
        _gene(6600, "LIG3", "DNA ligase 3"),
        _gene(4853, "HDAC2", "histone deacetylase 2"),
        _gene(9999, "XP1", "ciliary neurotrophic factor pseudogene 1"),
        _gene(12, "ABC12", "abc transporter 12"),
        _gene(13, "XYZ", "xyz protein", "DNA ligase IV"),
        _gene(14, "LIG4", "DNA ligase 4"),
    ]
    found = roman_numeral_names(concepts)
    assert found["HGNC:6600"] == ["DNA ligase III"]
    assert found["HGNC:4853"] == ["histone deacetylase II"]
    assert {"HGNC:9999", "HGNC:12"}.isdisjoint(found)  # no pseudogene; 12 is past the numerals papers use
    _, lexicon = _built(concepts, tmp_path)
    assert lexicon.ground("DNA ligase III")[0].curie == "HGNC:6600"
    assert lexicon.ground("histone deacetylase-II")[0].curie == "HGNC:4853"
    assert lexicon.ground("histone deacetylase-IIs") == []  # an alias: no plural, a class of enzymes
    # a key a source gives stays its concept's
    assert [g.curie for g in lexicon.ground("DNA ligase IV")] == ["HGNC:13"]
