"""The lexicon's parsed tables in one memory-mapped file, usable without loading them.

Loading the generated lexicon's tables means creating about four million
Python strings (1.5 million term keys and their entries, 926,000 concept
lines). A rebuild that extracts one paper asks a few thousand questions of
them. :class:`MappedLines` answers from the mapped file (by binary search:
the keys and the concept lines are sorted) and loads a whole table, once,
when a process has asked so many questions that loading pays
(:data:`PROBES_BEFORE_LOADING`): a build of thousands of papers then works
on plain lists as after parsing.

File layout: the format line, the length of a JSON header (little-endian
``uint64``), the header (``identity``, ``manifest``, counts), padding to 8
bytes, then three tables, each an ``int64`` offset array of ``count + 1``
entries (in this machine's byte order: the file is a cache of this machine)
followed by its items as UTF-8, each ending in ``\\n``: term keys (sorted),
term entries (in key order), concept lines (as given: sorted by CURIE).
"""

from __future__ import annotations

import json
import mmap
import struct
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kg.io import atomic_stream

__all__ = ["PROBES_BEFORE_LOADING", "MappedLines", "MappedTables", "write_mapped_tables"]

FORMAT = b"il6kg-lexicon-mapped 1\n"
PROBES_BEFORE_LOADING = 30_000
"""Questions answered from the mapped file before a table is loaded whole.

About 10 us each against 0.1 us in a ``dict``: 30,000 (ten or so abstracts)
cost well under a second, the cost of loading the term table once.
"""


def write_mapped_tables(
    path: Path,
    identity: tuple,
    manifest: dict,
    concept_lines: Sequence[str],
    keys: Sequence[str],
    entries: Sequence[str],
) -> None:
    """Write the tables to ``path`` atomically (see the module's layout); ``keys`` sorted."""
    if len(keys) != len(entries):
        raise ValueError("a term key without its entry")
    header = json.dumps(
        {"identity": list(identity), "manifest": manifest, "keys": len(keys), "lines": len(concept_lines)},
        sort_keys=True,
    ).encode("utf-8")
    tables = [_table(keys), _table(entries), _table(concept_lines)]
    with atomic_stream(path, durable=False) as stream:
        stream.write(FORMAT + struct.pack("<Q", len(header)) + header)
        stream.write(b"\0" * (-(len(FORMAT) + 8 + len(header)) % 8))
        for offsets, blob in tables:
            stream.write(offsets.astype("=i8").tobytes())  # a cache of this machine: native order
            stream.write(blob)
            stream.write(b"\0" * (-len(blob) % 8))


def _table(items: Sequence[str]) -> tuple[np.ndarray, bytes]:
    blob = ("\n".join(items) + "\n").encode("utf-8") if items else b""
    ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 10) + 1
    if len(ends) != len(items):
        raise ValueError("a lexicon table item holds a line break")
    return np.concatenate(([0], ends)).astype(np.int64), blob


class MappedTables:
    """The three tables of a mapped file; raises ``ValueError`` if it is not one for ``identity``."""

    def __init__(self, path: Path, identity: tuple) -> None:
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        size = len(self._map)
        if self._map[: len(FORMAT)] != FORMAT or size < len(FORMAT) + 8:
            raise ValueError("not a mapped lexicon table file")
        (length,) = struct.unpack_from("<Q", self._map, len(FORMAT))
        start = len(FORMAT) + 8
        try:
            header = json.loads(self._map[start : start + length].decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise ValueError(f"damaged header ({error})") from None
        if not isinstance(header, dict) or header.get("identity") != list(identity):
            raise ValueError("tables of another lexicon file")
        self.manifest: dict = header["manifest"]
        position = start + length + (-(start + length) % 8)
        self.keys, position = self._section(position, header["keys"], size)
        self.entries, position = self._section(position, header["keys"], size)
        self.lines, position = self._section(position, header["lines"], size)

    def _section(self, position: int, count: int, size: int) -> tuple[_Items, int]:
        if not isinstance(count, int) or count < 0 or position + 8 * (count + 1) > size:
            raise ValueError("truncated tables")
        end = position + 8 * (count + 1)
        offsets = memoryview(self._map)[position:end].cast("q")
        blob_end = end + offsets[count]
        if offsets[0] != 0 or blob_end > size:
            raise ValueError("truncated tables")
        return _Items(self._map, end, offsets, count), blob_end + (-blob_end % 8)


class _Items:
    """Item ``i`` of one table as bytes (without its line break)."""

    def __init__(self, data: Any, base: int, offsets: memoryview, count: int) -> None:
        self._data, self._base, self._offsets, self.count = data, base, offsets, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self._data[self._base + self._offsets[index] : self._base + self._offsets[index + 1] - 1]

    def all_text(self) -> list[str]:
        """Every item, decoded (what loading a table whole means)."""
        end = self._base + self._offsets[self.count]
        text = self._data[self._base : end].decode("utf-8")
        return text.split("\n")[:-1]


def _search(items: _Items, probe: bytes) -> int:
    """Index of the first item not below ``probe`` (the items are sorted)."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if items[middle] < probe:
            low = middle + 1
        else:
            high = middle
    return low


class MappedLines(Sequence[str]):
    """Read-only ``list`` look-alike over one table; loads it whole after many questions.

    ``promote`` receives the loaded ``list`` (a :class:`~kg.lexicon.store.Lexicon`
    puts it in place of this object, so that later questions cost a ``list``'s).
    """

    def __init__(self, items: _Items, promote: Callable[[list[str]], None]) -> None:
        self._items, self._promote, self._reads = items, promote, 0
        self._loaded: list[str] | None = None

    def load(self) -> list[str]:
        """Every item as a ``list`` (loaded once)."""
        if self._loaded is None:
            self._loaded = self._items.all_text()
            self._promote(self._loaded)
        return self._loaded

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):  # type: ignore[override]
        if self._loaded is not None or self._reads >= PROBES_BEFORE_LOADING or not isinstance(index, int):
            return self.load()[index]
        self._reads += 1
        if index < 0:
            index += len(self)
        return self._items[index].decode("utf-8")

    def position(self, probe: str) -> int:
        """``bisect_left`` of ``probe`` in a sorted table, searched in the mapped file (one question).

        UTF-8 orders bytes as ``str`` orders code points, so the answer is the
        loaded list's.
        """
        if self._loaded is not None or self._reads >= PROBES_BEFORE_LOADING:
            return bisect_left(self.load(), probe)
        self._reads += 1
        return _search(self._items, probe.encode("utf-8"))

    def __iter__(self) -> Iterator[str]:
        return iter(self.load())

    def __eq__(self, other: object) -> bool:
        return self.load() == other

    __hash__ = None  # type: ignore[assignment]
