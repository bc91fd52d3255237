"""Session 21's lexicon loading gives exactly what the loading it replaces gave.

The lexicon file is zstd (it was gzip), its blocks are decoded apart, and the
generated keys are kept as the sorted list the file holds and searched by
bisection instead of being put in a ``dict``. Each test keeps the replaced
reading as a reference (a ``dict`` of the keys, the whole text split) and
compares the new answers with it, on the packaged lexicon and on small files.
"""

from __future__ import annotations

import gzip
import random
from bisect import bisect_left
from pathlib import Path

import pytest
import zstandard

from kg.lexicon.build import ZSTD_LEVEL
from kg.lexicon.normalize import plural_stems
from kg.lexicon.store import Lexicon, LexiconFormatError, default_lexicon_path


def _old_tables(text: str) -> tuple[dict, list[str], dict[str, str]]:
    """The session-20 parse: the whole text split, the keys and entries zipped into a dict."""
    header, manifest, rest = text.split("\n", 2)
    assert header == "#il6kg-lexicon 1"
    concepts, rest = rest.split("\n#keys ", 1)
    keys, entries = rest.split("\n#entries ", 1)
    key_lines, entry_lines = keys.split("\n"), entries.rstrip("\n").split("\n")
    import json

    return (
        json.loads(manifest[len("#manifest ") :]),
        concepts.split("\n")[1:],
        dict(zip(key_lines[1:], entry_lines[1:], strict=True)),
    )


@pytest.fixture(scope="module")
def packaged() -> tuple[Lexicon, tuple[dict, list[str], dict[str, str]]]:
    text = zstandard.ZstdDecompressor().decompress(default_lexicon_path().read_bytes()).decode("utf-8")
    return Lexicon(default_lexicon_path()), _old_tables(text)


def _probes(terms: dict[str, str], lexicon: Lexicon) -> list[str]:
    rng = random.Random(21)
    keys = list(terms)
    sample = keys[:: len(keys) // 2000] + keys[:3] + keys[-3:] + rng.sample(keys, 500)
    probes = [*sample, *(k[:-1] for k in sample), *(k + "s" for k in sample), *(k[:2] for k in sample)]
    probes += [k.upper() for k in sample[:300]] + [k + "~" for k in sample[:300]]
    probes += list(lexicon._curated_terms)[:300]
    probes += ["", "a", "~", "\U0001f600", "mice", "Tregs", "IL-6", "ies"]
    return probes


def test_tables_are_the_old_parses(packaged) -> None:
    lexicon, (manifest, concept_lines, terms) = packaged
    assert lexicon.manifest == manifest and lexicon._concept_lines == concept_lines
    # The dict kept the file's key order: the new lists are its keys and values.
    assert lexicon._keys == list(terms) and lexicon._entries == list(terms.values())
    assert len(lexicon) == len(terms) + len(lexicon._curated_terms)


def test_key_questions_answer_as_the_dict_did(packaged) -> None:
    lexicon, (_, _, terms) = packaged
    old_sorted = sorted(terms)
    old_curated = sorted(lexicon._curated_terms)
    known = terms.keys() | lexicon._curated_terms.keys()

    def old_may_match(cased: str) -> bool:
        lower = cased.lower()
        if lower in known:
            return True
        if lower.endswith(("s", "mice")):
            return any(stem.lower() in known for stem in plural_stems(cased))
        return False

    def old_may_extend(cased: str) -> bool:
        lower = cased.lower()
        for keys in (old_sorted, old_curated):
            index = bisect_left(keys, lower)
            if index < len(keys) and keys[index].startswith(lower):
                return True
        return lower.endswith(("i", "ie", "m", "mi", "mic"))

    probes = _probes(terms, lexicon)
    assert [lexicon._entry(p.lower()) for p in probes] == [terms.get(p.lower()) for p in probes]
    assert [lexicon.has_key(p) for p in probes] == [p in terms or p in lexicon._curated_terms for p in probes]
    # may_extend straight after may_match of the same run reuses its search; alone, it searches.
    lexicon._may_match_memo.clear()
    lexicon._may_extend_memo.clear()
    paired = [(lexicon.may_match(p), lexicon.may_extend(p)) for p in probes]
    assert paired == [(old_may_match(p), old_may_extend(p)) for p in probes]
    lexicon._may_extend_memo.clear()
    assert [lexicon.may_extend(p) for p in reversed(probes)] == [old_may_extend(p) for p in reversed(probes)]


def _text(n_concepts: int = 2) -> str:
    concepts = [f"TEST:{i}\tbiolink:Gene\tGene {i}\t\t\tTEST\t" for i in range(n_concepts)]
    keys = sorted(f"gene{i}" for i in range(n_concepts))  # kg.lexicon.normalize.key("Gene 7")
    head = ["#il6kg-lexicon 1", '#manifest {"format": 1}', f"#concepts {n_concepts}"]
    entries = [f"{k[4:]},0" for k in keys]
    return (
        "\n".join([*head, *concepts, f"#keys {len(keys)}", *keys, f"#entries {len(keys)}", *entries]) + "\n"
    )


def _zstd(text: str) -> bytes:
    return zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True).compress(text.encode("utf-8"))


def test_gzip_and_zstd_files_read_alike(tmp_path: Path) -> None:
    gz, zst = tmp_path / "lexicon.tsv.gz", tmp_path / "lexicon.tsv.zst"
    gz.write_bytes(gzip.compress(_text(12).encode("utf-8")))
    zst.write_bytes(_zstd(_text(12)))
    old, new = Lexicon(gz), Lexicon(zst)
    assert (new.manifest, new._concept_lines, new._keys, new._entries) == (
        old.manifest,
        old._concept_lines,
        old._keys,
        old._entries,
    )
    assert new.ground("gene 7")[0].curie == "TEST:7" and new.ground("gene 12") == []


def test_damaged_zstd_files_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv.zst"
    payload = _zstd(_text(40))
    middle = len(payload) // 2
    flipped = payload[:middle] + bytes([payload[middle] ^ 0xFF]) + payload[middle + 1 :]
    for damaged in (payload[:-5], payload[: len(payload) // 2], flipped, payload[:4], b"\x28\xb5\x2f\xfd"):
        path.write_bytes(damaged)
        with pytest.raises(LexiconFormatError):
            Lexicon(path)
    text = _text(3)
    for broken in (
        text.replace("#concepts 3", "#concepts 4"),  # a concept line lost
        text.replace("#keys 3", "#keys 2"),
        text.replace("#il6kg-lexicon 1", "#il6kg-lexicon 2"),
        text.split("#entries")[0],
        "\xff" + text,
    ):
        path.write_bytes(_zstd(broken))
        with pytest.raises(LexiconFormatError):
            Lexicon(path)
    path.write_bytes(_zstd(text))
    assert Lexicon(path)._keys == ["gene0", "gene1", "gene2"]
    # A damaged gzip file, as earlier builds wrote them, too.
    payload = gzip.compress(_text(40).encode("utf-8"))
    middle = len(payload) // 2
    for damaged in (payload[:-5], payload[:middle] + bytes([payload[middle] ^ 0xFF]) + payload[middle + 1 :]):
        path.write_bytes(damaged)
        with pytest.raises(LexiconFormatError):
            Lexicon(path)
