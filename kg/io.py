"""File output helpers: every file il6-kg writes goes through :func:`atomic_write_bytes`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_stream", "atomic_write_bytes", "atomic_write_text"]


def atomic_write_bytes(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` so readers see the old file or the whole new one.

    The bytes go to a temporary file in the same directory, are flushed to
    disk, and the temporary file is renamed over ``path`` (an atomic
    operation on POSIX and Windows). An interrupted write leaves at most a
    stray ``.tmp`` file, never a truncated ``path``.

    Parameters
    ----------
    path
        Destination; parent directories are created.
    payload
        The complete file content.
    durable
        Flush to disk before the rename (survives a power cut). ``False``
        still never exposes a partial file to a killed process's successor,
        and is much faster for many small files (the build cache).
    """
    with atomic_stream(path, durable=durable) as stream:
        stream.write(payload)


@contextmanager
def atomic_stream(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Write a large file piece by piece; ``path`` appears, complete, only when the block ends.

    Like :func:`atomic_write_bytes` (temporary file in the same directory,
    flushed to disk, renamed), for content too large to hold as one
    ``bytes`` object. If the block raises, the temporary file is removed and
    ``path`` is untouched.

    Parameters
    ----------
    path
        Destination; parent directories are created.
    durable
        Flush to disk before the rename, as in :func:`atomic_write_bytes`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        # mkstemp creates 0600 files; give the result the usual permissions.
        os.chmod(temp_name, 0o666 & ~_current_umask())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line endings, atomically.

    Parameters
    ----------
    path
        Destination; parent directories are created.
    text
        The complete file content.
    """
    atomic_write_bytes(path, text.encode("utf-8"))
