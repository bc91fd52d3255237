"""The lexicon's tables kept as a memory-mapped file (kg.lexicon.mapped)."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

import pytest

import kg.lexicon.mapped as mapped
from kg.lexicon.mapped import MappedLines, MappedTables, write_mapped_tables

IDENTITY = ("/x/lexicon.tsv.zst", 10, 20)
KEYS, ENTRIES = ["il6", "il6r", "stat3", "ß-cat"], ["0", "1|2", "3", "4"]
LINES = ["HGNC:1\tbiolink:Gene\tA", "HGNC:2\tbiolink:Gene\tβ", "MESH:D1\tbiolink:Disease\tC"]


def _tables(tmp_path: Path) -> MappedTables:
    path = tmp_path / "tables"
    write_mapped_tables(path, IDENTITY, {"version": 1}, LINES, KEYS, ENTRIES)
    return MappedTables(path, IDENTITY)


def test_tables_answer_like_lists(tmp_path: Path) -> None:
    tables = _tables(tmp_path)
    assert tables.manifest == {"version": 1}
    promoted: list = []
    keys = MappedLines(tables.keys, promoted.append)
    entries = MappedLines(tables.entries, promoted.append)
    probes = ["il6r", "ß-cat", "il", "stat", "st", "zz", "", "ß", "\U0001f600"]
    # bisect_left on the loaded list, searched in the file's bytes (UTF-8 orders as str does)
    assert [keys.position(p) for p in probes] == [bisect_left(KEYS, p) for p in probes]
    assert (keys[3], entries[1], len(keys)) == ("ß-cat", "1|2", 4)
    assert not promoted  # nothing loaded for a few questions
    lines = MappedLines(tables.lines, promoted.append)
    assert (lines[0], lines[-1], len(lines)) == (LINES[0], LINES[-1], 3)
    assert lines[1:] == LINES[1:] and list(lines) == LINES  # slicing and iterating load the lines
    assert keys == KEYS and promoted == [LINES, KEYS]
    with pytest.raises(IndexError):
        MappedLines(tables.lines, promoted.append)[3]


def test_many_questions_load_a_table_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(mapped, "PROBES_BEFORE_LOADING", 3)
    promoted: list = []
    keys = MappedLines(_tables(tmp_path).keys, promoted.append)
    answers = [keys.position(key) for key in ("il6", "x", "stat3", "il6r", "y", "il6")]
    assert answers == [0, 3, 2, 1, 3, 0] and promoted == [KEYS]


def test_other_damaged_or_truncated_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tables"
    write_mapped_tables(path, IDENTITY, {}, LINES, KEYS, ENTRIES)
    with pytest.raises(ValueError):
        MappedTables(path, ("/x/lexicon.tsv.zst", 10, 21))  # another lexicon file
    data = path.read_bytes()
    for damaged in (data[: len(data) - 9], data[:40], b"il6kg-lexicon-tables 1" + data[22:], b""):
        path.write_bytes(damaged)
        with pytest.raises(ValueError):
            MappedTables(path, IDENTITY)
    with pytest.raises(ValueError):
        write_mapped_tables(path, IDENTITY, {}, ["a\nb"], [], [])
    with pytest.raises(ValueError):
        write_mapped_tables(path, IDENTITY, {}, LINES, KEYS, ENTRIES[1:])


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
    assert isinstance(parsed._keys, list) and isinstance(mapped_lexicon._keys, MappedLines)
    keys = parsed._keys[:: len(parsed._keys) // 400]
    probes = [*keys, *(key + "x" for key in keys), *(key[:3] for key in keys)]
    probes += ["IL6", "Il6ra", "mice", "Tregs"]
    curies = parsed._concept_lines[:: len(parsed._concept_lines) // 200]
    curies = [line.split("\t", 1)[0] for line in curies] + ["HGNC:6018", "NOPE:1"]
    for _ in range(2):  # read from the file, then (after the monkeypatched limit) loaded whole
        mapped_lexicon._lookup_memo.clear()  # asked again, not answered from what the first round kept
        assert [mapped_lexicon.lookup(p) for p in probes] == [parsed.lookup(p) for p in probes]
        assert [mapped_lexicon.may_extend(p) for p in probes] == [parsed.may_extend(p) for p in probes]
        mapped_lexicon._may_match_memo.clear()
        mapped_lexicon._may_extend_memo.clear()
        assert [mapped_lexicon.may_match(p) for p in probes] == [parsed.may_match(p) for p in probes]
        assert [mapped_lexicon.concept(c) for c in curies] == [parsed.concept(c) for c in curies]
        monkeypatch.setattr(mapped, "PROBES_BEFORE_LOADING", 0)
    assert all(isinstance(table, list) for table in (mapped_lexicon._keys, mapped_lexicon._entries))
    assert isinstance(mapped_lexicon._concept_lines, list)
    assert mapped_lexicon.manifest == parsed.manifest
