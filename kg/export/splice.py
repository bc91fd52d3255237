"""Files written as sorted units, so a rebuild can copy the unchanged units from the previous file.

Every large output of a build is a header, a sequence of *units* in a
canonical sorted order (an RDF subject's block, a KGX row, a GraphML
element), joined by a separator, and a footer. :func:`write_units` writes
such a file atomically and returns a :class:`UnitIndex` (each unit's key,
offset and length, plus the file's identity). Given the previous file's
index and the keys that may have changed, :func:`splice` writes the new file
with the new units rendered and every other unit copied from the previous
file by the kernel (``os.copy_file_range``), in the same order a full write
would put them: the bytes are the same as a full write's.

An index is used only while the file is exactly the one it describes
(device, inode, size and modification time); otherwise the caller renders
everything.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from kg.io import atomic_stream

__all__ = ["UnitIndex", "file_identity", "splice", "write_units"]

_COPY_CHUNK = 1 << 30


def file_identity(path: Path) -> tuple[int, int, int, int] | None:
    """Device, inode, size and modification time of ``path`` (None if missing)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class UnitIndex:
    """Where each unit of a written file is.

    ``keys`` are sorted (the file's order); ``offsets`` and ``lengths`` in
    bytes exclude the separators; ``extra`` holds one value per unit for the
    caller (e.g. the prefixes a Turtle block uses); ``identity`` is
    :func:`file_identity` of the file right after it was written.
    """

    keys: list
    offsets: list[int]
    lengths: list[int]
    extra: list
    identity: tuple[int, int, int, int] | None

    def to_plain(self) -> tuple:
        """Plain values for :mod:`marshal`."""
        return (self.keys, self.offsets, self.lengths, self.extra, self.identity)

    @classmethod
    def from_plain(cls, value: Any) -> UnitIndex:
        """Inverse of :meth:`to_plain`."""
        keys, offsets, lengths, extra, identity = value
        identity = tuple(identity) if identity else None
        return cls(list(keys), list(offsets), list(lengths), list(extra), identity)

    def matches(self, path: Path) -> bool:
        """Whether ``path`` is still exactly the file this index describes."""
        return self.identity is not None and file_identity(path) == self.identity


def write_units(
    path: Path,
    header: bytes,
    separator: bytes,
    footer: bytes,
    units: Iterable[tuple[Any, bytes, Any]],
    digest: Any = None,
) -> UnitIndex:
    """Write ``header``, the units (``(key, bytes, extra)`` in sorted key order) and ``footer`` atomically.

    ``digest`` (a :mod:`hashlib` object), if given, is updated with every byte written.
    """
    return _write(path, header, separator, footer, units, digest)


def splice(
    path: Path,
    previous: UnitIndex,
    header: bytes,
    separator: bytes,
    footer: bytes,
    dirty: set,
    new_units: Mapping[Any, tuple[bytes, Any]],
) -> UnitIndex:
    """Write the file again from ``previous`` (the file now at ``path``) and the changed units.

    Parameters
    ----------
    path
        The file; ``previous`` must describe it (see :meth:`UnitIndex.matches`).
    previous
        Its index.
    header, separator, footer
        As for :func:`write_units` (the header and footer are always written anew).
    dirty
        Keys whose units may have changed or gone: their old bytes are not reused.
    new_units
        Key -> ``(bytes, extra)`` of every unit of a dirty key that the new file has.
    """
    keys = previous.keys
    count = len(keys)
    removed = set()
    for key in dirty:
        index = bisect_left(keys, key)
        if index < count and keys[index] == key:
            removed.add(index)
    inserted: dict[int, list] = {}
    for key in sorted(new_units):
        inserted.setdefault(bisect_left(keys, key), []).append(key)
    # The plan: runs of kept units of the previous file (start, end) and new units (key), in order.
    plan: list[tuple[int, int] | Any] = []
    cursor = 0
    for point in sorted(removed | inserted.keys()):
        if point > cursor:
            plan.append((cursor, point))
        plan.extend(_New(key) for key in inserted.get(point, ()))
        cursor = point + 1 if point in removed else point
    if cursor < count:
        plan.append((cursor, count))
    with open(path, "rb") as source, atomic_stream(path) as target:
        target.write(header)
        position = len(header)
        index = UnitIndex([], [], [], [], None)
        for step in plan:
            if index.keys:
                target.write(separator)
                position += len(separator)
            if isinstance(step, _New):
                data, extra = new_units[step.key]
                target.write(data)
                index.keys.append(step.key)
                index.offsets.append(position)
                index.lengths.append(len(data))
                index.extra.append(extra)
                position += len(data)
            else:
                start, end = step
                first = previous.offsets[start]
                size = previous.offsets[end - 1] + previous.lengths[end - 1] - first
                target.flush()
                _copy_range(source, target, first, size)
                shift = position - first
                index.keys.extend(keys[start:end])
                index.offsets.extend([offset + shift for offset in previous.offsets[start:end]])
                index.lengths.extend(previous.lengths[start:end])
                index.extra.extend(previous.extra[start:end])
                position += size
        target.write(footer)
    return replace(index, identity=file_identity(path))


@dataclass(frozen=True, slots=True)
class _New:
    key: Any


def _write(
    path: Path,
    header: bytes,
    separator: bytes,
    footer: bytes,
    units: Iterable[tuple[Any, bytes, Any]],
    digest: Any,
) -> UnitIndex:
    keys: list = []
    offsets: list[int] = []
    lengths: list[int] = []
    extra: list = []
    with atomic_stream(path) as target:
        stream = target if digest is None else _Hashing(target, digest)
        stream.write(header)
        position = len(header)
        for key, data, item_extra in units:
            if keys:
                stream.write(separator)
                position += len(separator)
            stream.write(data)
            keys.append(key)
            offsets.append(position)
            lengths.append(len(data))
            extra.append(item_extra)
            position += len(data)
        stream.write(footer)
    return UnitIndex(keys, offsets, lengths, extra, file_identity(path))


class _Hashing:
    """A write-only stream that also feeds a digest."""

    def __init__(self, stream: BinaryIO, digest: Any) -> None:
        self._stream, self._digest = stream, digest

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self._stream.write(data)


def _copy_range(source: BinaryIO, target: BinaryIO, offset: int, length: int) -> None:
    """Copy ``length`` bytes at ``offset`` of ``source`` to the current end of ``target``."""
    source_fd, target_fd = source.fileno(), target.fileno()
    while length > 0:
        try:
            copied = os.copy_file_range(source_fd, target_fd, min(length, _COPY_CHUNK), offset)
        except (AttributeError, OSError):
            copied = 0
        if copied <= 0:  # not supported here: copy through user space
            data = os.pread(source_fd, min(length, 1 << 24), offset)
            if not data:
                raise OSError(f"{source.name} is shorter than its index says")
            target.write(data)
            target.flush()
            copied = len(data)
        offset += copied
        length -= copied
