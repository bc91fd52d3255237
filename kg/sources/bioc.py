"""Readers for BioC (XML and JSON), the format of PubTator and many NCBI corpora.

A BioC ``document`` holds ``passages``; the passage whose ``type`` infon is
``title`` (or ``front``) is the title, the text of the others is the
abstract. PubTator's infons (``article-id_doi``, ``journal``, ``year``) fill
the metadata when present. Annotations are not read: il6-kg grounds the
text itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.model import Document, DocumentProblem
from kg.sources.errors import UnparsableInput
from kg.sources.ids import document_id
from kg.sources.xmlsafe import iter_records, text_of

__all__ = ["bioc_document", "iter_bioc_json", "iter_bioc_xml"]

_TITLE_TYPES = frozenset({"title", "front", "title_1"})
_SKIP_TYPES = frozenset({"ref", "table", "fig", "footnote", "title_caption", "table_caption", "fig_caption"})


def iter_bioc_xml(path: Path) -> Iterator[Document | DocumentProblem]:
    """Yield the documents of a BioC XML ``<collection>`` one at a time."""
    for element in iter_records(path, frozenset({"document"}), what="documents"):
        passages = [
            (
                {infon.get("key", ""): (infon.text or "").strip() for infon in passage.findall("infon")},
                text_of(passage.find("text")),
            )
            for passage in element.findall("passage")
        ]
        document_infons = {
            infon.get("key", ""): (infon.text or "").strip() for infon in element.findall("infon")
        }
        yield _checked(
            bioc_document(element.findtext("id") or "", passages, document_infons, path.name), path
        )


def iter_bioc_json(text: str, *, source_name: str) -> Iterator[Document | DocumentProblem]:
    """Yield the documents of a BioC JSON collection (or a list of collections or documents).

    Raises
    ------
    UnparsableInput
        Not JSON, or JSON without BioC documents.
    """
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UnparsableInput(f"{source_name}: malformed JSON ({error})") from None
    documents = list(_bioc_json_documents(data))
    if not documents:
        raise UnparsableInput(f"{source_name}: JSON holds no BioC documents (no 'documents' or 'passages')")
    path = Path(source_name)
    for record in documents:
        yield _checked(bioc_json_record(record, source_name), path)


def bioc_json_record(record: dict[str, Any], source_name: str) -> Document | None:
    """Return the document of one BioC JSON ``document`` object (None if it has no text)."""
    passages = [
        ({str(k): str(v) for k, v in (passage.get("infons") or {}).items()}, str(passage.get("text") or ""))
        for passage in record.get("passages") or []
        if isinstance(passage, dict)
    ]
    infons = {str(k): str(v) for k, v in (record.get("infons") or {}).items()}
    return bioc_document(str(record.get("id") or ""), passages, infons, source_name)


def _bioc_json_documents(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _bioc_json_documents(item)
    elif isinstance(data, dict):
        if "passages" in data:
            yield data
        for key in ("documents", "PubTator3"):  # the PubTator3 API wraps documents in this key
            if isinstance(data.get(key), list):
                yield from _bioc_json_documents(data[key])


def bioc_document(
    identifier: str,
    passages: list[tuple[dict[str, str], str]],
    infons: dict[str, str],
    source_name: str,
) -> Document | None:
    """Build a :class:`Document` from BioC passages ``(infons, text)``; None without any text."""
    title_parts, sections = [], []
    for passage_infons, text in passages:
        text = " ".join(text.split())
        kind = (passage_infons.get("type") or passage_infons.get("section_type") or "").lower()
        if not text or kind in _SKIP_TYPES:
            continue
        if kind in _TITLE_TYPES and not title_parts:
            title_parts.append(text)
        else:
            sections.append((passage_infons.get("section_type") or kind, text))
    title = " ".join(title_parts)
    abstract = "\n\n".join(text for _, text in sections)
    if not title and not abstract:
        return None
    all_infons = {**infons}
    for passage_infons, _ in passages:
        for key, value in passage_infons.items():
            all_infons.setdefault(key, value)
    identifier = identifier.strip()
    pmid = all_infons.get("article-id_pmid") or (identifier if identifier.isdigit() else None)
    doi = all_infons.get("article-id_doi") or None
    year = all_infons.get("year", "")[:4]
    return Document(
        id=document_id(doi=doi, pmid=pmid, title=title, abstract=abstract),
        title=title,
        abstract=abstract,
        source_name=source_name,
        journal=(all_infons.get("journal") or "").split(";")[0].strip() or None,
        year=int(year) if year.isdigit() else None,
        doi=doi,
        pmid=pmid,
    )


def _checked(document: Document | None, path: Path) -> Document | DocumentProblem:
    if document is None:
        return DocumentProblem(path.name, f"{path.name}: a BioC document has no text")
    return document
