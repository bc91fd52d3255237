"""The lexicon's tables kept as a memory-mapped file (kg.lexicon.mapped)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.lexicon.mapped as mapped
from kg.lexicon.mapped import MappedLines, MappedTables, MappedTerms, write_mapped_tables

IDENTITY = ("/x/lexicon.tsv.gz", 10, 20)
TERMS = {"il6": "0", "il6r": "1|2", "stat3": "3", "ß-cat": "4"}
LINES = ["HGNC:1\tbiolink:Gene\tA", "HGNC:2\tbiolink:Gene\tβ", "MESH:D1\tbiolink:Disease\tC"]


def _tables(tmp_path: Path) -> MappedTables:
    path = tmp_path / "tables"
    write_mapped_tables(path, IDENTITY, {"version": 1}, LINES, TERMS)
    return MappedTables(path, IDENTITY)


def test_terms_and_lines_answer_like_a_dict_and_a_list(tmp_path: Path) -> None:
    tables = _tables(tmp_path)
    assert tables.manifest == {"version": 1}
    promoted: list = []
    terms = MappedTerms(tables, promoted.append)
    assert terms.get("il6r") == "1|2" and terms.get("ß-cat") == "4" and terms.get("il") is None
    assert "stat3" in terms and "stat" not in terms and 3 not in terms and len(terms) == 4
    assert terms.has_prefix("il6") and terms.has_prefix("st") and not terms.has_prefix("zz")
    assert not promoted  # nothing loaded for a few questions
    lines = MappedLines(tables, promoted.append)
    assert (lines[0], lines[-1], len(lines)) == (LINES[0], LINES[-1], 3)
    assert lines[1:] == LINES[1:] and list(lines) == LINES  # slicing and iterating load the lines
    assert terms == TERMS and promoted == [LINES, TERMS]
    with pytest.raises(IndexError):
        MappedLines(tables, promoted.append)[3]


def test_many_questions_load_a_table_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(mapped, "PROBES_BEFORE_LOADING", 3)
    promoted: list = []
    terms = MappedTerms(_tables(tmp_path), promoted.append)
    answers = [terms.get(key) for key in ("il6", "x", "stat3", "il6r", "y", "il6")]
    assert answers == ["0", None, "3", "1|2", None, "0"] and promoted == [TERMS]


def test_other_damaged_or_truncated_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tables"
    write_mapped_tables(path, IDENTITY, {}, LINES, TERMS)
    with pytest.raises(ValueError):
        MappedTables(path, ("/x/lexicon.tsv.gz", 10, 21))  # another lexicon file
    data = path.read_bytes()
    for damaged in (data[: len(data) - 9], data[:40], b"il6kg-lexicon-tables 1" + data[22:], b""):
        path.write_bytes(damaged)
        with pytest.raises(ValueError):
            MappedTables(path, IDENTITY)
    with pytest.raises(ValueError):
        write_mapped_tables(path, IDENTITY, {}, ["a\nb"], {})


def test_mapped_lexicon_grounds_like_the_parsed_one(tmp_path: Path, monkeypatch) -> None:
    # The packaged lexicon, parsed, against the same read through its mapped tables.
    import kg.lexicon.store as store

    packaged = store.default_lexicon_path()
    store.use_tables_cache(tmp_path / "lexicon.tables")
    try:
        parsed = store.Lexicon(packaged)
        mapped_lexicon = store.Lexicon(packaged)
    finally:
        store.use_tables_cache(None)
    assert isinstance(parsed._terms, dict) and isinstance(mapped_lexicon._terms, MappedTerms)
    keys = sorted(parsed._terms)[:: len(parsed._terms) // 400]
    probes = [*keys, *(key + "x" for key in keys), *(key[:3] for key in keys)]
    probes += ["IL6", "Il6ra", "mice", "Tregs"]
    curies = parsed._concept_lines[:: len(parsed._concept_lines) // 200]
    curies = [line.split("\t", 1)[0] for line in curies] + ["HGNC:6018", "NOPE:1"]
    for _ in range(2):  # read from the file, then (after the monkeypatched limit) loaded whole
        mapped_lexicon._lookup_memo.clear()  # asked again, not answered from what the first round kept
        assert [mapped_lexicon.lookup(p) for p in probes] == [parsed.lookup(p) for p in probes]
        assert [mapped_lexicon.may_extend(p) for p in probes] == [parsed.may_extend(p) for p in probes]
        assert [mapped_lexicon.concept(c) for c in curies] == [parsed.concept(c) for c in curies]
        monkeypatch.setattr(mapped, "PROBES_BEFORE_LOADING", 0)
    assert isinstance(mapped_lexicon._terms, dict) and isinstance(mapped_lexicon._concept_lines, list)
    assert mapped_lexicon.manifest == parsed.manifest
