"""Reader for paper pages scraped from PubMed and Pure research portals.

The page is read line by line. Site furniture is dropped, metadata lines
(citation, Pure ``Label+value`` fields, section lists) fill the metadata, the
first remaining line is the title, an author list may follow it, and the
remaining paragraphs up to the first metadata after them are the abstract.
A plain text file with a title line and a paragraph is therefore also read.

Decisions worth knowing:

* the title is kept as printed (PubMed's trailing period included);
* copyright lines are dropped from the abstract;
* PubMed's *Substances* list is merged into ``mesh_terms`` only for
  substances that are not already a MeSH descriptor of the paper;
* an unlabelled bullet list that does not follow the MeSH terms (the
  fingerprint of a Pure page) gives keywords.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from kg.model import Document
from kg.sources import layout
from kg.sources.errors import UnparsableInput
from kg.sources.ids import document_id, find_doi, find_pmid

__all__ = ["parse_scraped_page"]

logger = logging.getLogger(__name__)

_YEAR = re.compile(r"\b(?:18|19|20)\d{2}\b")
_ID_LINE = re.compile(r"^(?:(?:PMID|PMCID|DOI)\s*:|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":")
_YEAR_FIELDS = ("State", "Publication status", "Publication date")


def parse_scraped_page(text: str, *, source_name: str) -> Document:
    """Parse the text of a scraped PubMed or Pure page into a :class:`Document`.

    Parameters
    ----------
    text
        Decoded page text (see :func:`kg.sources.decoding.decode_file`).
    source_name
        File name recorded in :attr:`Document.source_name`.

    Returns
    -------
    Document
        Title, abstract and whatever metadata the page prints.

    Raises
    ------
    UnparsableInput
        The page holds neither a title nor an abstract.
    """
    lines = _prepare(text)
    page = _Page(structured=any(_is_markup(line) for line in lines if line))
    for line in lines:
        page.feed(line)
    return page.finish(source_name)


def _prepare(text: str) -> list[str]:
    """Return stripped lines with glued site furniture split off."""
    lines: list[str] = []
    for raw in text.replace("\u00a0", " ").split("\n"):
        pieces = layout.split_fused(raw.strip()) if raw.strip() else [""]
        lines.extend(piece.strip() for piece in pieces)
    return lines


def _is_markup(line: str) -> bool:
    return bool(
        layout.is_boilerplate(line)
        or layout.header(line)
        or layout.pure_field(line)
        or layout.citation(line)
        or _ID_LINE.match(line)
    )


def _pure_output_types(line: str) -> list[str]:
    """``Research output: Contribution to journalArticlepeer-review`` -> ``["Article"]``."""
    value = line.partition(":")[2].strip()
    parts = re.split(r"\s*›\s*|(?<=[a-z])(?=[A-Z])|(?=[Pp]eer-review$)", value)
    skip = {"contribution to journal", "peer-review", "research output", ""}
    return [part.strip() for part in parts[1:] if part.strip().casefold() not in skip]


@dataclass
class _Page:
    """Mutable accumulator for one page; :meth:`finish` builds the record."""

    structured: bool
    title: str = ""
    journal: str | None = None
    year: int | None = None
    early_year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    authors: list[str] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    section: str | None = None  # Header kind or list name now collecting
    list_items: int = 0
    last_list: str | None = None
    in_paragraph: bool = False
    abstract_done: bool = False
    expect_authors: bool = False
    last_content: str | None = None
    blank_run: int = 0

    def feed(self, line: str) -> None:
        """Classify one line and record what it says."""
        if not line:
            self._blank()
            return
        self.blank_run = 0
        head = layout.header(line)
        if head is not None:
            self._header(*head)
        elif self.section == layout.Header.SKIP:
            return
        elif (item := layout.bullet_item(line)) is not None:
            self._list_item(item, split=False)
        elif layout.is_boilerplate(line):
            if line.casefold().startswith("research output"):
                self._add("publication_types", _pure_output_types(line))
        elif (pair := layout.pure_field(line)) is not None:
            self._field(*pair)
        elif _ID_LINE.match(line):
            self._ids(line)
        elif (cited := layout.citation(line)) is not None:
            self._citation(line, *cited)
        elif self.section == layout.Header.AFFILIATIONS and layout.is_affiliation(line):
            return
        elif self.paragraphs and self.section is None and (terms := layout.keyword_line(line)):
            self._end_abstract()
            self._add("keywords", terms)
        elif self.section in (layout.Header.AFFILIATIONS, None):
            self._content(line)
        else:  # an unbulleted line under a list header
            self._list_item(line, split=True)

    def _blank(self) -> None:
        self.blank_run += 1
        self.in_paragraph = False
        if self.section == layout.Header.AFFILIATIONS and self.blank_run >= 2:
            self.section = None
        if self.list_items:
            self.last_list, self.section, self.list_items = self.section, None, 0

    def _end_abstract(self) -> None:
        if self.paragraphs:
            self.abstract_done = True
        self.in_paragraph = False

    def _header(self, kind: str, value: str) -> None:
        self.list_items = 0
        if kind == layout.Header.ABSTRACT:
            self.section, self.expect_authors = None, False
            if value:
                self._content(value)
            return
        if kind != layout.Header.AFFILIATIONS:
            self._end_abstract()
        self.section = kind
        if value and kind not in (layout.Header.SKIP, layout.Header.AFFILIATIONS):
            self._add(kind, layout.split_terms(value, commas=kind == "keywords"))
            self.last_list, self.section = kind, None

    def _list_item(self, item: str, *, split: bool) -> None:
        """Add a list item; ``split`` cuts ``a; b`` (and, for keywords, ``a, b``)."""
        self._end_abstract()
        if self.section in (None, layout.Header.AFFILIATIONS):
            after_mesh = self.last_list in ("mesh", "substances")
            self.section = "substances" if after_mesh else "keywords"
        keywords = self.section == "keywords"
        terms = layout.split_terms(item, commas=keywords) if split else (item,)
        self._add(self.section, terms)
        self.list_items += 1

    def _field(self, label: str, value: str) -> None:
        self._end_abstract()
        year = _YEAR.search(value)
        if label == "Journal":
            self.journal = self.journal or value
        elif label in _YEAR_FIELDS and year and self.year is None:
            self.year = int(year.group())
        elif label == "Early online date" and year:
            self.early_year = self.early_year or int(year.group())
        elif label == "DOIs":
            self.doi = self.doi or find_doi(value)
        elif label == "Keywords":
            self._add("keywords", layout.split_terms(value))

    def _ids(self, line: str) -> None:
        self._end_abstract()
        self.doi = self.doi or find_doi(line)
        self.pmid = self.pmid or find_pmid(line)

    def _citation(self, line: str, journal: str | None, year: int) -> None:
        if journal is None and not self.paragraphs and self.last_content:
            # "Semin Immunol" on one line, ". 2014 Feb;26(1):38-47." on the next:
            # what was read so far was the journal, not the title.
            journal, self.title, self.authors = self.last_content, "", []
        self.journal = self.journal or journal
        self.year = self.year or year
        self._ids(line)

    def _content(self, line: str) -> None:
        if self.abstract_done:
            logger.debug("ignoring text after the abstract: %.60s", line)
            return
        self.section = None
        self.last_content = line
        if not self.title:
            self.title, self.expect_authors = line, True
            return
        if self.expect_authors and not self.paragraphs:
            self.expect_authors = False
            names = layout.author_names(line, allow_single=self.structured)
            if names:
                self.authors.extend(names)
                return
        if not self.in_paragraph:
            self.paragraphs.append([])
            self.in_paragraph = True
        self.paragraphs[-1].append(line)

    def _add(self, name: str, terms: tuple[str, ...] | list[str]) -> None:
        self.lists.setdefault(name, []).extend(terms)

    def finish(self, source_name: str) -> Document:
        """Return the :class:`Document` for the lines fed so far."""
        abstract = "\n\n".join(_join_paragraph(lines) for lines in self.paragraphs)
        if not self.title and not abstract:
            raise UnparsableInput(f"{source_name}: no title or abstract found")
        mesh = _mesh_terms(self.lists.get("mesh", []), self.lists.get("substances", []))
        return Document(
            id=document_id(doi=self.doi, pmid=self.pmid, title=self.title, abstract=abstract),
            title=self.title,
            abstract=abstract,
            source_name=source_name,
            journal=self.journal,
            year=self.year or self.early_year,
            doi=self.doi,
            pmid=self.pmid,
            authors=_unique(self.authors),
            keywords=_unique(self.lists.get("keywords", [])),
            mesh_terms=mesh,
            publication_types=_unique(self.lists.get("publication_types", [])),
        )


def _join_paragraph(lines: list[str]) -> str:
    """Join a paragraph's lines, unwrapping lines that do not end a sentence."""
    text = lines[0]
    for line in lines[1:]:
        text += ("\n" if text.endswith(_SENTENCE_END) else " ") + line
    return text


def _mesh_terms(mesh: list[str], substances: list[str]) -> tuple[str, ...]:
    """Strip ``*`` marks; add substances that are not already a MeSH descriptor."""
    terms = [re.sub(r"\s*\*\s*(?=/|$)", "", term).strip() for term in mesh]
    descriptors = {term.split(" / ")[0].casefold() for term in terms}
    terms += [s for s in substances if s.casefold() not in descriptors]
    return _unique(terms)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
