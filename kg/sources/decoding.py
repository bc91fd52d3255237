"""Turn a file's bytes into clean text, or say precisely why that is impossible."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

from kg.sources.errors import UnreadableInput

__all__ = ["DEFAULT_MAX_BYTES", "decode_file"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_32_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\xfe\xff": "UTF-16",
    b"\xff\xfe": "UTF-16",
}
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\f\v")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Share of control bytes above which a file is treated as binary.
_MAX_CONTROL_SHARE = 0.05


def decode_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read ``path`` as UTF-8 text.

    A UTF-8 byte-order mark is removed, ``CRLF`` and ``CR`` line ends become
    ``LF`` and the text is normalised to Unicode NFC. No encoding is guessed:
    a file that is not UTF-8 is rejected with the offset of the first bad byte.

    Parameters
    ----------
    path
        File to read.
    max_bytes
        Files larger than this are rejected without being read.

    Returns
    -------
    str
        The decoded, normalised text (never empty or whitespace only).

    Raises
    ------
    UnreadableInput
        The file is missing, not a regular file, too large, empty or
        whitespace only, binary, or not valid UTF-8. The message names the file.
    """
    path = Path(path)
    name = path.name or str(path)
    data = _read_bytes(path, name, max_bytes)
    data = data.removeprefix(_UTF8_BOM)
    _check_binary(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise UnreadableInput(
            f"{name}: not valid UTF-8 (byte 0x{bad:02x} at offset {error.start}); "
            "convert the file to UTF-8 (for example `iconv -f latin1 -t utf-8`) and retry"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise UnreadableInput(f"{name}: file contains only whitespace")
    return text


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    """Return the bytes of ``path`` after the existence, type and size checks."""
    try:
        if not path.exists():
            raise UnreadableInput(f"{name}: file not found")
        if not path.is_file():
            raise UnreadableInput(f"{name}: not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableInput(f"{name}: file is too large ({size} bytes; the limit is {max_bytes} bytes)")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableInput(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise UnreadableInput(f"{name}: file is too large (the limit is {max_bytes} bytes)")
    if not data:
        raise UnreadableInput(f"{name}: file is empty")
    return data


def _check_binary(data: bytes, name: str) -> None:
    """Raise :class:`UnreadableInput` when ``data`` is not text."""
    for bom, encoding in _UTF16_32_BOMS.items():
        if data.startswith(bom):
            raise UnreadableInput(f"{name}: file is {encoding} encoded; convert the file to UTF-8 and retry")
    if b"\x00" in data:
        raise UnreadableInput(f"{name}: binary content (contains NUL bytes), not a text file")
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise UnreadableInput(
            f"{name}: binary content ({controls} of {len(data)} bytes are control characters), "
            "not a text file"
        )
