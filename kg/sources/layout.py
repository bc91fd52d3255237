"""Line-level rules for pages scraped from PubMed and Pure research portals.

Each function looks at one stripped line and says what it is: boilerplate,
a section header, a ``Label+value`` field of a Pure page, a PubMed citation
line, a bullet item, an author list, an affiliation or a keyword line.
:mod:`kg.sources.scraped` combines them into a :class:`kg.model.Document`.
"""

from __future__ import annotations

import itertools
import re

__all__ = [
    "Header",
    "author_names",
    "bullet_item",
    "citation",
    "header",
    "is_affiliation",
    "is_boilerplate",
    "keyword_line",
    "pure_field",
    "split_fused",
    "split_terms",
]

# Site furniture that scrapers glue onto the neighbouring text ("Interleukin-6Send to").
_FUSED = (
    "Send to", "Choose Destination", "Loading ...", "Loading...", "Cite this",
    "Support Center", "Supplemental Content", "Full text links", "Free PMC Article",
    "Free PMC article", "Free article", "[Indexed for MEDLINE]", "Author information",
    "Similar articles", "Publication types", "MeSH terms", "LinkOut - more resources",
    "Together they form a unique fingerprint.",
)  # fmt: skip
_FUSED_RE = re.compile("|".join(re.escape(p) for p in sorted(_FUSED, key=len, reverse=True)))
_GLUE_BEFORE = re.compile(r"[\w.)\]'\"’]")
_GLUE_AFTER = re.compile(r"[\w(\[]")

_BOILERPLATE = frozenset(
    s.casefold()
    for s in (
        "Send to", "Choose Destination", "Loading ...", "Loading...", "Loading…",
        "Support Center", "Supplemental Content", "Full text links", "Free PMC Article",
        "Free article", "[Indexed for MEDLINE]", "Save", "Email", "Cite", "Share",
        "Display options", "Format", "Expand", "Collapse", "Show details", "Actions",
        "Page navigation", "Permalink", "Copy", "Fingerprint", "Overview",
        "Access to Document", "Other files and links", "Link to publication in Scopus",
        "Link to the citations in Scopus", "No abstract available",
        "Together they form a unique fingerprint.",
    )
)  # fmt: skip
_BOILERPLATE_RE = re.compile(
    r"^(?:icon for\b|\d+\s+(?:scopus\s+)?citations?$|research output\b|dive into the research"
    r" topics\b|copyright\b|©|\(c\)\s*\d{4}|epub\s+\d{4}|item in clipboard|free pmc article$)",
    re.IGNORECASE,
)

_HEADERS = {
    "abstract": "abstract",
    "author information": "affiliations",
    "affiliations": "affiliations",
    "keywords": "keywords",
    "publication types": "publication_types",
    "mesh terms": "mesh",
    "substances": "substances",
}
_SKIP_HEADERS = (
    "cite this", "similar articles", "cited by", "references", "comment in", "comment on",
    "erratum in", "grant support", "linkout - more resources", "related information",
    "figures", "conflict of interest statement", "associated data", "supplementary info",
    "full text sources", "research materials", "medical", "miscellaneous",
)  # fmt: skip
_HEADER_RE = re.compile(
    r"^(?P<name>" + "|".join(re.escape(h) for h in (*_HEADERS, *_SKIP_HEADERS)) + r")"
    r"(?:\s*:\s*(?P<value>.*)|\s*\(\d+\)|\s+\d+\s+\w+)?$",
    re.IGNORECASE,
)

# Pure portal fields, printed as "Label" + "value" with no separator.
_PURE_LABELS = (
    "Original language", "Article number", "Journal", "Issue number", "Volume",
    "Pages (from-to)", "Pages", "Number of pages", "State", "Publication status",
    "Early online date", "DOIs", "Publisher", "ISSN", "Externally published", "Keywords",
    "Publication date",
)  # fmt: skip
_PURE_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in _PURE_LABELS) + r")"
    r"(?P<sep>\s*:\s*|\t+|\s{2,})?(?P<value>\S.*)$"
)

_CITATION_RE = re.compile(
    r"^(?:\d+\.\s+)?(?P<journal>[A-Z][^\n]{0,200}?)?\s*\.\s+(?P<year>(?:18|19|20)\d{2})"
    r"(?:\s+[A-Z][a-z]{2,8}(?:[-/][A-Z][a-z]{2,8})?)?(?:\s+\d{1,2}(?:-\d{1,2})?)?\s*[;:.]"
)
_BULLET_RE = re.compile(r"^(?:[•▪◦·●‣∙]|[-*](?=\s))\s*(?P<item>\S.*)$")
_AFFILIATION_RE = re.compile(
    r"^\d{1,3}\s|\b(?:Department|Dept|Universit\w*|Institut\w*|Hospital|Cent(?:er|re)|School"
    r"|College|Laborator\w*|Faculty|Clinic|Division|Program(?:me)?|Unit|Foundation|Academy"
    r"|Electronic address)\b|@",
)
_NAME_PARTICLES = frozenset(
    ("van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "le", "la", "von",
     "ten", "ter", "bin", "al", "el", "y")
)  # fmt: skip
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_SUPERSCRIPT_RE = re.compile(r"[\s*†‡§]*\d+(?:\s*,\s*\d+)*[\s*†‡§]*$|[*†‡§]+$")


class Header:
    """Kinds of section header returned by :func:`header`."""

    ABSTRACT = "abstract"
    AFFILIATIONS = "affiliations"
    SKIP = "skip"


def split_fused(line: str) -> list[str]:
    """Split site furniture glued onto content into separate lines.

    A known phrase (``Send to``, ``Support Center``, ...) is cut out only when
    it touches a word character (or closing punctuation before it) with no
    space in between, so the same words inside a sentence are left alone.

    Parameters
    ----------
    line
        One line of the page.

    Returns
    -------
    list of str
        The pieces, in order (just ``[line]`` when nothing is glued).
    """
    cuts: list[int] = []
    for match in _FUSED_RE.finditer(line):
        start, end = match.span()
        before = start > 0 and _GLUE_BEFORE.match(line[start - 1])
        after = end < len(line) and _GLUE_AFTER.match(line[end])
        if before or after:
            cuts.extend((start, end))
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in itertools.pairwise(bounds) if line[a:b].strip()]


def is_boilerplate(line: str) -> bool:
    """Return True for site furniture that is never part of a paper's content."""
    return line.casefold() in _BOILERPLATE or bool(_BOILERPLATE_RE.match(line))


def header(line: str) -> tuple[str, str] | None:
    """Classify a section header.

    Returns
    -------
    tuple of (str, str) or None
        ``(kind, inline_value)``: kind is a list name (``"keywords"``,
        ``"mesh"``, ``"substances"``, ``"publication_types"``) or one of the
        :class:`Header` kinds; inline_value is the text after ``Keywords:``.
    """
    match = _HEADER_RE.match(line)
    if match is None:
        return None
    name = match.group("name").casefold()
    return _HEADERS.get(name, Header.SKIP), (match.group("value") or "").strip()


def pure_field(line: str) -> tuple[str, str] | None:
    """Return ``(label, value)`` for a Pure field line such as ``StatePublished - 2021``."""
    match = _PURE_RE.match(line)
    if match is None or len(line) > 300:
        return None
    label, value = match.group("label"), match.group("value").strip()
    # One-word labels need a visible boundary: "StatePublished", not "Statement".
    glued = not match.group("sep") and " " not in label and label != "DOIs"
    if glued and not (value[0].isupper() or value[0].isdigit()):
        return None
    return label, value


def citation(line: str) -> tuple[str | None, int] | None:
    """Return ``(journal, year)`` for a PubMed citation line, else None.

    ``Crit Rev Oncol Hematol. 2014 Jan;89(1):129-39. doi: ...`` gives
    ``("Crit Rev Oncol Hematol", 2014)``. A line that starts with ``". 2014"``
    (journal printed on the previous line) gives ``(None, 2014)``.
    """
    if len(line) > 500:
        return None
    match = _CITATION_RE.match(line)
    if match is None:
        return None
    journal = (match.group("journal") or "").strip() or None
    return journal, int(match.group("year"))


def bullet_item(line: str) -> str | None:
    """Return the text of a bulleted list item (``• Humans``), else None."""
    match = _BULLET_RE.match(line)
    return match.group("item").strip() if match else None


def is_affiliation(line: str) -> bool:
    """Return True for an author affiliation line (institution, address, e-mail)."""
    return len(line) < 600 and bool(_AFFILIATION_RE.search(line))


def author_names(line: str, *, allow_single: bool) -> tuple[str, ...] | None:
    """Return the names of an author line, or None when the line is not one.

    Parameters
    ----------
    line
        ``"Ann Smith, Bo Li 2, Kees L.M.C. Franken"``; affiliation numbers
        and ``*`` marks are removed.
    allow_single
        Accept a line holding a single name.
    """
    if len(line) > 3000 or line.endswith(":"):
        return None
    parts = [p.strip() for p in re.split(r",|;|\band\b|&", line) if p.strip()]
    names = tuple(_SUPERSCRIPT_RE.sub("", part).strip() for part in parts)
    if not names or (len(names) == 1 and not allow_single):
        return None
    return names if all(_is_name(name) for name in names) else None


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or len(text) > 60:
        return False
    named = [t for t in tokens if t.casefold() not in _NAME_PARTICLES]
    return bool(named) and all(_NAME_TOKEN_RE.match(t) and t[0].isupper() for t in named)


def keyword_line(line: str) -> tuple[str, ...] | None:
    """Return the terms of an unlabelled ``a; b; c`` keyword line, else None."""
    if len(line) > 600 or ";" not in line:
        return None
    terms = split_terms(line)
    if len(terms) < 2:
        return None
    if all(len(t) <= 60 and len(t.split()) <= 6 and ". " not in t for t in terms):
        return terms
    return None


def split_terms(value: str, *, commas: bool = True) -> tuple[str, ...]:
    """Split ``"a; b; c."`` into terms.

    With ``commas`` (keyword lists) a value without ``;`` is split on ``,``;
    without it, ``"Research Support, Non-U.S. Gov't"`` stays one term.
    """
    value = value.strip().removesuffix(".")
    separator = ";" if ";" in value or not commas else ","
    return tuple(term.strip() for term in value.split(separator) if term.strip())
