"""Reading and writing BioRED-style PubTator files.

A document is a title line ``PMID|t|text``, an abstract line ``PMID|a|text``,
entity lines ``PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>ids`` and
relation lines ``PMID<TAB>type<TAB>id1<TAB>id2[<TAB>novelty]``; a blank line
ends it. Offsets count characters in ``title + " " + abstract``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PubTatorDocument",
    "PubTatorError",
    "PubTatorMention",
    "PubTatorRelation",
    "default_corpora_dir",
    "format_relation_lines",
    "read_pubtator",
]

# Several identifiers on one mention ("3172,3651,6927") name several concepts;
# "|" belongs to variant ids ("c|SUB|C|201|A").
_ID_SEPARATOR = re.compile(r"[,;]")


class PubTatorError(ValueError):
    """A PubTator file that cannot be read; the message names file and line."""


@dataclass(frozen=True, slots=True)
class PubTatorMention:
    """An entity mention: character offsets in the document text, type, concept ids."""

    start: int
    end: int
    text: str
    type: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PubTatorRelation:
    """A document-level relation between two concept ids.

    ``novel`` is ``True`` for the paper's own finding, ``False`` for
    background knowledge and ``None`` when the file does not say.
    """

    type: str
    id1: str
    id2: str
    novel: bool | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """The two ids, sorted: BioRED relations are unordered."""
        return (self.id1, self.id2) if self.id1 <= self.id2 else (self.id2, self.id1)


@dataclass(frozen=True, slots=True)
class PubTatorDocument:
    """One abstract with its gold mentions and relations."""

    pmid: str
    title: str
    abstract: str
    mentions: tuple[PubTatorMention, ...]
    relations: tuple[PubTatorRelation, ...]

    @property
    def text(self) -> str:
        """Title and abstract joined as PubTator offsets expect."""
        return f"{self.title} {self.abstract}" if self.abstract else self.title


def default_corpora_dir() -> Path:
    """The gold corpora folder: ``$IL6KG_CORPORA`` or ``../shared/corpora`` beside the project."""
    configured = os.environ.get("IL6KG_CORPORA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def _split_ids(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _ID_SEPARATOR.split(cell) if part.strip() not in {"", "-", "-1"})


def read_pubtator(path: Path) -> list[PubTatorDocument]:
    """Read every document of a PubTator file.

    Parameters
    ----------
    path
        A BioRED-style ``.PubTator`` file (UTF-8).

    Returns
    -------
    list of PubTatorDocument
        In file order.

    Raises
    ------
    PubTatorError
        If the file is missing, not UTF-8, or has a malformed line.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PubTatorError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PubTatorError(f"{path}: is a folder, not a PubTator file") from None
    except UnicodeDecodeError as error:
        raise PubTatorError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    documents: list[PubTatorDocument] = []
    state: dict | None = None

    def flush() -> None:
        nonlocal state
        if state is not None:
            documents.append(
                PubTatorDocument(
                    pmid=state["pmid"],
                    title=state["title"],
                    abstract=state["abstract"],
                    mentions=tuple(state["mentions"]),
                    relations=tuple(state["relations"]),
                )
            )
        state = None

    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not line.strip():
            flush()
            continue
        head = line[:40]
        if "|t|" in head or "|a|" in head:
            pmid, kind, text = line.split("|", 2)
            if state is not None and state["pmid"] != pmid:
                flush()
            if state is None:
                state = {"pmid": pmid, "title": "", "abstract": "", "mentions": [], "relations": []}
            state["title" if kind == "t" else "abstract"] = text
            continue
        fields = line.split("\t")
        if state is None or fields[0] != state["pmid"]:
            raise PubTatorError(f"{where}: annotation line outside its document ({fields[0]!r})")
        if len(fields) in (6, 7) and fields[1].isdigit() and fields[2].isdigit():
            start, end = int(fields[1]), int(fields[2])
            if not 0 <= start < end:
                raise PubTatorError(f"{where}: bad mention offsets {start}-{end}")
            # CDR's composite mentions ("Ocular and auditory toxicity") carry a 7th
            # field and "|"-separated ids; elsewhere "|" is part of a variant id.
            ids = _split_ids(fields[5].replace("|", ",") if len(fields) == 7 else fields[5])
            state["mentions"].append(PubTatorMention(start, end, fields[3], fields[4], ids))
        elif len(fields) in (4, 5) and not fields[1].isdigit():
            novel = None
            if len(fields) == 5:
                novel = {"novel": True, "no": False}.get(fields[4].strip().lower())
            state["relations"].append(PubTatorRelation(fields[1], fields[2], fields[3], novel))
        else:
            raise PubTatorError(f"{where}: expected a mention (6 fields) or relation (4-5 fields) line")
    flush()
    return documents


def format_relation_lines(pmid: str, relations: Iterable[PubTatorRelation]) -> str:
    """PubTator relation lines (``PMID<TAB>type<TAB>id1<TAB>id2<TAB>novelty``), one per relation."""
    lines = []
    for relation in relations:
        fields = [pmid, relation.type, relation.id1, relation.id2]
        if relation.novel is not None:
            fields.append("Novel" if relation.novel else "No")
        lines.append("\t".join(fields) + "\n")
    return "".join(lines)
