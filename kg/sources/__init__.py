"""Input readers: turn paper files into :class:`kg.model.Document` records.

:func:`read_inputs` is the entry point: it expands directories, decodes each
file (:func:`kg.sources.decoding.decode_file`), hands the text to the reader
chosen by :func:`read_file`, and collects unusable files as
:class:`kg.model.DocumentProblem` records instead of raising.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document, DocumentProblem
from kg.sources.decoding import DEFAULT_MAX_BYTES, decode_file
from kg.sources.errors import SourceError, UnparsableInput, UnreadableInput
from kg.sources.scraped import parse_scraped_page

__all__ = [
    "ReadResult",
    "SourceError",
    "UnparsableInput",
    "UnreadableInput",
    "decode_file",
    "parse_scraped_page",
    "read_file",
    "read_inputs",
]

logger = logging.getLogger(__name__)

Parser = Callable[..., Document]
# Readers by lower-case file suffix; anything else is read as a scraped page.
# Later readers (PubMed XML, BioC) register here: {".xml": parse_pubmed_xml, ...}.
_PARSERS: dict[str, Parser] = {}


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Documents read from the inputs and the files that could not be used."""

    documents: tuple[Document, ...]
    problems: tuple[DocumentProblem, ...]


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file with the reader for its type.

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
        The file cannot be read or holds no paper.
    """
    path = Path(path)
    parser = _PARSERS.get(path.suffix.lower(), parse_scraped_page)
    return parser(decode_file(path, max_bytes=max_bytes), source_name=path.name)


def read_inputs(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every input file; never raises for a bad file.

    Parameters
    ----------
    paths
        Files and directories; directories are searched recursively, skipping
        hidden files and folders. Files are read in sorted path order.
    max_bytes
        Size limit per file.

    Returns
    -------
    ReadResult
        Documents sorted by id (for equal ids the first file by path wins and
        the others are reported as duplicates) and the problems, in path order.
    """
    documents: dict[str, Document] = {}
    problems: list[DocumentProblem] = []
    for path in _expand(paths):
        try:
            document = read_file(path, max_bytes=max_bytes)
        except SourceError as error:
            _report(problems, path, str(error))
            continue
        first = documents.get(document.id)
        if first is not None:
            _report(problems, path, f"{path.name}: duplicate of {first.source_name} ({document.id})")
            continue
        documents[document.id] = document
    ordered = tuple(documents[key] for key in sorted(documents))
    return ReadResult(documents=ordered, problems=tuple(problems))


def _report(problems: list[DocumentProblem], path: Path, message: str) -> None:
    logger.warning("skipping %s: %s", path, message)
    problems.append(DocumentProblem(source_name=path.name, message=message))


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
