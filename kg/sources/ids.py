"""Identifiers of papers: DOI and PMID extraction and the :attr:`Document.id` rule."""

from __future__ import annotations

import re
import unicodedata

from kg.model import stable_hash

__all__ = ["document_id", "find_doi", "find_pmid"]

_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_TRAILING = ".,;:'\"]>"


def find_doi(text: str) -> str | None:
    """Return the first DOI in ``text`` as printed, without trailing punctuation.

    Parameters
    ----------
    text
        A metadata line (``doi: 10.1016/j.x.2014.01.008. Epub ...``,
        ``https://doi.org/10.1136/...``).

    Returns
    -------
    str or None
        The DOI (``10.1016/j.x.2014.01.008``) or None.
    """
    match = _DOI.search(text)
    if match is None:
        return None
    doi = match.group(1)
    while doi and (doi[-1] in _TRAILING or (doi[-1] == ")" and doi.count("(") < doi.count(")"))):
        doi = doi[:-1]
    return doi or None


def find_pmid(text: str) -> str | None:
    """Return the PubMed ID printed as ``PMID: 123`` in ``text``, or None."""
    match = _PMID.search(text)
    return match.group(1) if match else None


def document_id(
    *, doi: str | None, pmid: str | None, title: str, abstract: str, source_id: str | None = None
) -> str:
    """Return the CURIE that identifies a paper.

    Parameters
    ----------
    doi, pmid
        Identifiers printed by the source, if any.
    title, abstract
        Used for a content hash when the source names no identifier.
    source_id
        Another identifier the source gives the record (``medline_ui:8812345``,
        ``pmc_section:PMC-123-caption-1``), used when there is no DOI or PMID.

    Returns
    -------
    str
        ``doi:<lower-cased DOI>``, else ``PMID:<n>``, else
        ``kgdoc:<stable_hash("source-id", source_id)>``, else
        ``kgdoc:<stable_hash(normalised title, normalised abstract)>`` where
        normalising means NFC, case folding and collapsing whitespace.
    """
    if doi:
        return f"doi:{doi.lower()}"
    if pmid:
        return f"PMID:{pmid}"
    if source_id:
        return f"kgdoc:{stable_hash('source-id', source_id)}"
    return f"kgdoc:{stable_hash(_normalise(title), _normalise(abstract))}"


def _normalise(text: str) -> str:
    """Return ``text`` in NFC, case folded, with runs of whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
