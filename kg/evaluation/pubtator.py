"""Reading and writing PubTator files (title, abstract and annotation lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PubTatorAnnotation", "PubTatorDocument", "PubTatorError", "format_pubtator", "read_pubtator"]


class PubTatorError(ValueError):
    """A file that is not PubTator."""


@dataclass(frozen=True, slots=True)
class PubTatorAnnotation:
    """One gold (or predicted) mention: offsets into ``title + " " + abstract``."""

    start: int
    end: int
    text: str
    type: str
    ids: tuple[str, ...]


@dataclass(slots=True)
class PubTatorDocument:
    """A PubTator document."""

    pmid: str
    title: str = ""
    abstract: str = ""
    annotations: list[PubTatorAnnotation] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title and abstract joined by one space, as PubTator offsets assume."""
        return f"{self.title} {self.abstract}" if self.abstract else self.title


# A variant identifier in tmVar's notation ("p|SUB|V|600|E", "c|DEL|35|G"): "|" is part of it.
_TMVAR_ID = re.compile(r"^[cgmnpr]\|[A-Za-z]+\|")
_TAXON_SUFFIX = re.compile(r"\(Tax:\d+\)$")


def _ids(cell: str) -> tuple[str, ...]:
    if _TMVAR_ID.match(cell.strip()):
        return tuple(part.strip() for part in re.split(r"[,;]", cell) if part.strip())
    cleaned = cell.replace(";", "|").replace(",", "|")
    # GNormPlus writes a non-human gene's species after its NCBI Gene ID ("12831(Tax:10090)"):
    # the identifier is the number.
    parts = (_TAXON_SUFFIX.sub("", part.strip()) for part in cleaned.split("|"))
    return tuple(part for part in parts if part and part != "-1")


def read_pubtator(path: Path) -> list[PubTatorDocument]:
    """Parse a PubTator file; relation lines (BioRED) are skipped.

    Raises
    ------
    PubTatorError
        If a line is neither a title/abstract nor an annotation line.
    """
    documents: dict[str, PubTatorDocument] = {}
    with Path(path).open(encoding="utf-8") as stream:
        for number, raw in enumerate(stream, start=1):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            head = line.split("|", 2)
            if len(head) == 3 and head[1] in ("t", "a") and "\t" not in head[0]:
                document = documents.setdefault(head[0], PubTatorDocument(head[0]))
                if head[1] == "t":
                    document.title = head[2]
                else:
                    document.abstract = head[2]
                continue
            cells = line.split("\t")
            if len(cells) >= 5 and cells[1].isdigit() and cells[2].isdigit():
                document = documents.setdefault(cells[0], PubTatorDocument(cells[0]))
                ids = _ids(cells[5]) if len(cells) > 5 else ()
                document.annotations.append(
                    PubTatorAnnotation(int(cells[1]), int(cells[2]), cells[3], cells[4], ids)
                )
            elif len(cells) >= 4 and cells[0] in documents:
                continue  # a relation line: PMID, type, id1, id2[, novelty]
            else:
                raise PubTatorError(f"{path}:{number}: not a PubTator title, abstract or annotation line")
    if not documents:
        raise PubTatorError(f"{path}: no PubTator documents")
    return list(documents.values())


def format_pubtator(documents: list[PubTatorDocument]) -> str:
    """Render documents (with their annotations) as PubTator text."""
    lines = []
    for document in documents:
        lines.append(f"{document.pmid}|t|{document.title}")
        lines.append(f"{document.pmid}|a|{document.abstract}")
        for a in sorted(document.annotations, key=lambda a: (a.start, a.end, a.type)):
            lines.append(
                f"{document.pmid}\t{a.start}\t{a.end}\t{a.text}\t{a.type}\t{'|'.join(a.ids) or '-1'}"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
