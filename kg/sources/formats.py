"""Recognise an input file's format from its content, and open it (gzip-transparently).

The suffix is only a tie-breaker (``.md`` for Markdown): a PubMed download
saved as ``.txt`` or a BioC file named ``.dat`` is still read correctly, and
a file whose content matches no supported format gets a clear error.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from kg.sources.errors import UnparsableInput, UnreadableInput

__all__ = ["HEAD_BYTES", "InputFormat", "open_binary", "sniff_format"]

# Enough to get past an XML prolog with a long DOCTYPE or a long first JSON line.
HEAD_BYTES = 65_536
_GZIP_MAGIC = b"\x1f\x8b"
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_XML_SKIP = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE
)
_PUBTATOR_LINE = re.compile(rb"^[^|\s]+\|[ta]\|")
_MARKDOWN_HEADING = re.compile(rb"^#{1,6}\s+\S")
_PUBMED_ROOTS = frozenset({"pubmedarticleset", "pubmedarticle", "pubmedbookarticle"})
_TEXT_ROOTS = frozenset({"html", "body", "div", "p", "article", "head"})


class InputFormat(StrEnum):
    """The input formats :func:`kg.sources.iter_file` reads."""

    TEXT = "text"  # plain text or a scraped PubMed / Pure page
    MARKDOWN = "markdown"
    PUBMED_XML = "pubmed-xml"
    BIOC_XML = "bioc-xml"
    BIOC_JSON = "bioc-json"
    JSONL = "jsonl"
    PUBTATOR = "pubtator"

    @property
    def streamed(self) -> bool:
        """True when the file is read record by record (no size limit applies)."""
        return self in (InputFormat.PUBMED_XML, InputFormat.BIOC_XML, InputFormat.JSONL, InputFormat.PUBTATOR)


def open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing gzip transparently.

    Raises
    ------
    UnreadableInput
        The file is missing or cannot be opened.
    """
    name = path.name or str(path)
    try:
        stream = path.open("rb")
        magic = stream.read(2)
        stream.seek(0)
    except FileNotFoundError:
        raise UnreadableInput(f"{name}: file not found") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{name}: not a regular file") from None
    except OSError as error:
        raise UnreadableInput(f"{name}: cannot be read ({error.strerror or error})") from None
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def _head(path: Path) -> bytes:
    name = path.name or str(path)
    if not path.exists():
        raise UnreadableInput(f"{name}: file not found")
    if not path.is_file():
        raise UnreadableInput(f"{name}: not a regular file")
    try:
        with open_binary(path) as stream:
            return stream.read(HEAD_BYTES)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise UnreadableInput(f"{name}: damaged gzip file ({error or 'truncated'})") from None
    except OSError as error:
        raise UnreadableInput(f"{name}: cannot be read ({error.strerror or error})") from None


def sniff_format(path: Path) -> InputFormat:
    """Return the format of the file at ``path``, judged by its first bytes.

    Parameters
    ----------
    path
        A file, plain or gzip-compressed.

    Returns
    -------
    InputFormat
        ``TEXT`` for anything that looks like text and no structured format;
        the text reader then checks the bytes in full (binary, encoding).

    Raises
    ------
    UnreadableInput
        Missing file, damaged gzip.
    UnparsableInput
        XML or JSON of a kind no reader handles (the message says which
        formats are supported).
    """
    path = Path(path)
    name = path.name or str(path)
    head = _head(path).removeprefix(b"\xef\xbb\xbf")
    start = head.lstrip()
    if start.startswith(b"<"):
        return _sniff_xml(start, name)
    if start.startswith((b"{", b"[")):
        return _sniff_json(start, name)
    first_line = start.split(b"\n", 1)[0]
    if _PUBTATOR_LINE.match(first_line):
        return InputFormat.PUBTATOR
    if path.suffix.lower() in (".md", ".markdown") or _MARKDOWN_HEADING.match(first_line):
        return InputFormat.MARKDOWN
    return InputFormat.TEXT


def _sniff_xml(head: bytes, name: str) -> InputFormat:
    rest = head
    while (skipped := _XML_SKIP.match(rest)) is not None and skipped.end() > 0:
        rest = rest[skipped.end() :]
    doctype = re.search(rb"<!DOCTYPE\s+([\w.:-]+)", head[:4096], re.IGNORECASE)
    root = _XML_ROOT.match(rest.lstrip())
    tag = (root.group(1) if root else doctype.group(1) if doctype else b"").decode("ascii", "replace")
    local = tag.rsplit(":", 1)[-1].lower()
    if local in _PUBMED_ROOTS:
        return InputFormat.PUBMED_XML
    if local == "collection":
        return InputFormat.BIOC_XML
    if local in _TEXT_ROOTS or (not tag and b"<html" in head[:1024].lower()):
        return InputFormat.TEXT  # a saved web page: read as text like a scraped page
    what = f"root element <{tag}>" if tag else "no root element found in the first bytes"
    raise UnparsableInput(
        f"{name}: unknown XML format ({what}); supported XML formats are PubMed XML "
        "(<PubmedArticleSet>) and BioC XML (<collection>)"
    )


def _sniff_json(head: bytes, name: str) -> InputFormat:
    first_line = head.split(b"\n", 1)[0].strip()
    try:
        record = json.loads(first_line)
    except ValueError:
        record = None  # pretty-printed (multi-line) JSON, or a long first line
    if isinstance(record, dict):
        if "documents" in record:
            return InputFormat.BIOC_JSON
        if {"text", "title", "abstract", "passages"} & record.keys():
            return InputFormat.JSONL
    if head.startswith(b"[") or b'"documents"' in head or b'"passages"' in head:
        return InputFormat.BIOC_JSON
    raise UnparsableInput(
        f"{name}: unknown JSON format; supported are JSON Lines with one "
        '{"id", "title", "text"} object per line, and BioC JSON'
    )
