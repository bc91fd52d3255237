"""Line-oriented readers: JSON Lines, PubTator, and Markdown (turned into plain text).

JSON Lines files hold one object per line: ``{"id", "title", "text"}`` (as in
``../shared/corpora/abstracts``); ``abstract`` is accepted for ``text`` and
optional ``id_type`` (``pmid``/``doi``/any other), ``doi``, ``pmid``, ``journal`` and
``year`` fields are used when present. PubTator files hold blocks of
``PMID|t|title`` and ``PMID|a|abstract`` lines followed by annotation lines.
A bad line or block is reported and the rest of the file is still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.model import Document, DocumentProblem
from kg.sources.bioc import bioc_json_record
from kg.sources.formats import open_binary
from kg.sources.ids import document_id

__all__ = ["iter_jsonl", "iter_pubtator", "markdown_to_text"]

# A single record (line) larger than this is refused: no abstract is that long.
MAX_RECORD_BYTES = 5_000_000


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` of a UTF-8 file, streaming, gzip-transparent."""
    with open_binary(path) as stream:
        for number, raw in enumerate(stream, start=1):
            if len(raw) > MAX_RECORD_BYTES:
                raise ValueError(f"line {number} is longer than {MAX_RECORD_BYTES} bytes")
            yield number, raw.decode("utf-8", errors="strict").removeprefix("\ufeff").rstrip("\r\n")


def iter_jsonl(path: Path) -> Iterator[Document | DocumentProblem]:
    """Yield one document per line of a JSON Lines file; bad lines become problems."""
    name = path.name
    numbered = _lines(path)
    while True:
        try:
            number, line = next(numbered)
        except StopIteration:
            return
        except (ValueError, UnicodeDecodeError) as error:
            yield DocumentProblem(name, f"{name}: {error}; the rest of the file was not read")
            return
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            yield DocumentProblem(name, f"{name}: line {number}: not valid JSON ({error})")
            continue
        document = _jsonl_document(record, name) if isinstance(record, dict) else None
        if document is None:
            yield DocumentProblem(name, f"{name}: line {number}: no title or text in this record")
        else:
            yield document


def _jsonl_document(record: dict[str, Any], source_name: str) -> Document | None:
    if "passages" in record:  # BioC JSON, one document per line
        return bioc_json_record(record, source_name)
    title = " ".join(str(record.get("title") or "").split())
    abstract = str(record.get("text") or record.get("abstract") or "").strip()
    if not title and not abstract:
        return None
    identifier = str(record.get("id") or "").strip()
    id_type = str(record.get("id_type") or "").lower()
    # A bare number is a PMID only when the record says so or names no type: a MEDLINE UI
    # (id_type "medline_ui") is a number too, and must not link to the wrong PubMed record.
    is_pmid = id_type == "pmid" or (not id_type and identifier.isdigit())
    pmid = record.get("pmid") or (identifier if is_pmid else None)
    doi = record.get("doi") or (identifier if id_type == "doi" else None)
    # Any other identifier the record carries keeps it apart from records with the same text
    # (figure captions such as "Click here for additional data file." recur across papers).
    source_id = f"{id_type or 'id'}:{identifier}" if identifier and not (pmid or doi) else None
    year = str(record.get("year") or "")[:4]
    return Document(
        id=document_id(
            doi=doi, pmid=str(pmid) if pmid else None, title=title, abstract=abstract, source_id=source_id
        ),
        title=title,
        abstract=abstract,
        source_name=source_name,
        journal=record.get("journal") or None,
        year=int(year) if year.isdigit() else None,
        doi=doi,
        pmid=str(pmid) if pmid else None,
    )


_PUBTATOR_TEXT = re.compile(r"^([^|\t]+)\|([ta])\|(.*)$")


def iter_pubtator(path: Path) -> Iterator[Document | DocumentProblem]:
    """Yield one document per ``PMID|t|`` / ``PMID|a|`` block of a PubTator file."""
    name = path.name
    current: dict[str, str] = {}
    pmid = None
    try:
        for _number, line in _lines(path):
            match = _PUBTATOR_TEXT.match(line)
            if match is None:
                continue  # annotation, relation or blank line
            key, kind, text = match.groups()
            if key != pmid and pmid is not None:
                yield _pubtator_document(pmid, current, name)
                current = {}
            pmid = key
            current[kind] = text.strip()
    except (ValueError, UnicodeDecodeError) as error:
        yield DocumentProblem(name, f"{name}: {error}; the rest of the file was not read")
        return
    if pmid is not None:
        yield _pubtator_document(pmid, current, name)


def _pubtator_document(key: str, parts: dict[str, str], source_name: str) -> Document | DocumentProblem:
    title, abstract = parts.get("t", ""), parts.get("a", "")
    if not title and not abstract:
        return DocumentProblem(source_name, f"{source_name}: document {key} has no text")
    pmid = key if key.isdigit() else None
    return Document(
        id=document_id(doi=None, pmid=pmid, title=title, abstract=abstract),
        title=title,
        abstract=abstract,
        source_name=source_name,
        pmid=pmid,
    )


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")


def markdown_to_text(text: str) -> str:
    """Return a Markdown paper as plain text: the title line, a blank line, the abstract.

    The title is the first heading (else the first line). When a heading
    reads "Abstract", the abstract is the text under it up to the next
    heading of the same or a higher level; otherwise it is everything after
    the title. Emphasis, links and rules are reduced to their text.
    """
    lines = text.split("\n")
    headings = [
        (n, len(m.group(1)), m.group(2)) for n, line in enumerate(lines) if (m := _MD_HEADING.match(line))
    ]
    title_at = headings[0][0] if headings else next(n for n, line in enumerate(lines) if line.strip())
    title = headings[0][2] if headings else lines[title_at]
    body = lines[title_at + 1 :]
    for number, level, heading in headings:
        if heading.strip().rstrip(":").casefold() == "abstract":
            end = next((n for n, lv, _ in headings if n > number and lv <= level), len(lines))
            body = lines[number + 1 : end]
            break
    plain = [title, ""]
    for line in body:
        if _MD_RULE.match(line):
            plain.append("")
            continue
        heading = _MD_HEADING.match(line)
        line = heading.group(2) if heading else line
        plain.append(_MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line)))
    return "\n".join(_MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", item)) for item in plain)
