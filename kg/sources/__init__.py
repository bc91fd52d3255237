"""Input readers: turn paper files into :class:`kg.model.Document` records.

:func:`iter_documents` is the streaming entry point: it expands directories,
recognises each file's format by content (:func:`kg.sources.formats.sniff_format`),
and yields documents one at a time, with unusable files (or records) as
:class:`kg.model.DocumentProblem` items instead of exceptions.
:func:`read_inputs` collects the same stream into a :class:`ReadResult`.

Formats: plain text and Markdown, scraped PubMed/Pure pages, PubMed XML
(efetch answers and baseline files, also ``.xml.gz``), BioC XML and JSON,
PubTator, and JSON Lines ``{"id", "title", "text"}``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document, DocumentProblem
from kg.sources.bioc import iter_bioc_json, iter_bioc_xml
from kg.sources.decoding import DEFAULT_MAX_BYTES, decode_file
from kg.sources.errors import SourceError, UnparsableInput, UnreadableInput
from kg.sources.formats import InputFormat, sniff_format
from kg.sources.pubmed import iter_pubmed_xml
from kg.sources.records import iter_jsonl, iter_pubtator, markdown_to_text
from kg.sources.scraped import parse_scraped_page

__all__ = [
    "InputFormat",
    "ReadResult",
    "SourceError",
    "UnparsableInput",
    "UnreadableInput",
    "decode_file",
    "iter_documents",
    "iter_file",
    "parse_scraped_page",
    "read_file",
    "read_inputs",
    "sniff_format",
]

logger = logging.getLogger(__name__)

_STREAMED_READERS = {
    InputFormat.PUBMED_XML: iter_pubmed_xml,
    InputFormat.BIOC_XML: iter_bioc_xml,
    InputFormat.JSONL: iter_jsonl,
    InputFormat.PUBTATOR: iter_pubtator,
}


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Documents read from the inputs and the files that could not be used."""

    documents: tuple[Document, ...]
    problems: tuple[DocumentProblem, ...]


def iter_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocumentProblem]:
    """Yield the documents of one file, whatever its format.

    Parameters
    ----------
    path
        The file (plain or gzip-compressed).
    max_bytes
        Size limit for formats that are read whole (text, Markdown, BioC
        JSON). Record-by-record formats (PubMed XML, BioC XML, PubTator,
        JSON Lines) are streamed and have no file size limit.

    Yields
    ------
    Document or DocumentProblem
        Documents in file order; a record that cannot be used is yielded
        as a problem and the rest of the file is still read.

    Raises
    ------
    SourceError
        The file as a whole cannot be read (unknown format, malformed or
        hostile XML, binary, too large). Documents yielded before the error
        remain valid.
    """
    path = Path(path)
    found = sniff_format(path)
    streamed = _STREAMED_READERS.get(found)
    if streamed is not None:
        yield from streamed(path)
        return
    text = decode_file(path, max_bytes=max_bytes)
    if found is InputFormat.BIOC_JSON:
        yield from iter_bioc_json(text, source_name=path.name)
    elif found is InputFormat.MARKDOWN:
        yield parse_scraped_page(markdown_to_text(text), source_name=path.name)
    else:
        yield parse_scraped_page(text, source_name=path.name)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file that holds exactly one paper.

    Parameters
    ----------
    path
        The file.
    max_bytes
        Size limit passed to :func:`decode_file`.

    Returns
    -------
    Document
        The paper the file describes.

    Raises
    ------
    SourceError
        The file cannot be read, holds no paper, or holds several (use
        :func:`iter_file` for collections).
    """
    path = Path(path)
    items = list(iter_file(path, max_bytes=max_bytes))
    documents = [item for item in items if isinstance(item, Document)]
    if len(documents) == 1:
        return documents[0]
    if not documents:
        problems = [item.message for item in items if isinstance(item, DocumentProblem)]
        raise UnparsableInput(problems[0] if problems else f"{path.name}: no paper found")
    raise UnparsableInput(f"{path.name}: holds {len(documents)} papers; read it with iter_file()")


def iter_documents(
    paths: Iterable[Path] | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | DocumentProblem]:
    """Stream the documents of many files; never raises for a bad file.

    Parameters
    ----------
    paths
        Files and directories; directories are searched recursively, skipping
        hidden files and folders. Files are read in sorted path order.
    max_bytes
        Size limit per whole-read file (see :func:`iter_file`).

    Yields
    ------
    Document or DocumentProblem
        Documents in file order. A document whose id was already seen is
        reported as a duplicate (the first file by path wins); each unusable
        file or record is yielded as a problem naming the file.
    """
    seen: dict[str, str] = {}
    for path in _expand(paths):
        try:
            for item in iter_file(path, max_bytes=max_bytes):
                if isinstance(item, DocumentProblem):
                    logger.warning("skipping part of %s: %s", path, item.message)
                    yield item
                elif item.id in seen:
                    yield _problem(path, f"{path.name}: duplicate of {seen[item.id]} ({item.id})")
                else:
                    seen[item.id] = item.source_name
                    yield item
        except SourceError as error:
            yield _problem(path, str(error))


def read_inputs(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every input file into memory; never raises for a bad file.

    Parameters
    ----------
    paths
        Files and directories (see :func:`iter_documents`).
    max_bytes
        Size limit per whole-read file.

    Returns
    -------
    ReadResult
        Documents sorted by id (for equal ids the first file by path wins and
        the others are reported as duplicates) and the problems, in path order.
    """
    documents: list[Document] = []
    problems: list[DocumentProblem] = []
    for item in iter_documents(paths, max_bytes=max_bytes):
        (documents if isinstance(item, Document) else problems).append(item)
    ordered = tuple(sorted(documents, key=lambda document: document.id))
    return ReadResult(documents=ordered, problems=tuple(problems))


def _problem(path: Path, message: str) -> DocumentProblem:
    logger.warning("skipping %s: %s", path, message)
    return DocumentProblem(source_name=path.name, message=message)


def _expand(paths: Iterable[Path]) -> list[Path]:
    """Return the distinct files named by ``paths``, directories expanded, sorted."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            files.update(
                child
                for child in path.rglob("*")
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
        else:
            files.add(path)  # missing files are reported by decode_file
    return sorted(files, key=lambda item: item.as_posix())
