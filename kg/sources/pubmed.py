"""Reader for PubMed XML: E-utilities ``efetch`` answers and the annual baseline/update files.

Both are ``<PubmedArticleSet>`` documents (baseline files are usually
gzip-compressed). Each ``<PubmedArticle>`` or ``<PubmedBookArticle>`` becomes
one :class:`kg.model.Document`; ``<DeleteCitation>`` entries of update files
are ignored (a deleted citation is simply not read again).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.model import Document, DocumentProblem
from kg.sources.ids import document_id
from kg.sources.xmlsafe import iter_records, text_of

__all__ = ["iter_pubmed_xml", "pubmed_document"]

logger = logging.getLogger(__name__)

RECORD_TAGS = frozenset({"PubmedArticle", "PubmedBookArticle"})
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def iter_pubmed_xml(path: Path) -> Iterator[Document | DocumentProblem]:
    """Yield one document per article of a PubMed XML file (``.xml`` or ``.xml.gz``).

    An article without title and abstract is reported as a
    :class:`DocumentProblem` and the rest of the file is still read.

    Raises
    ------
    kg.sources.UnparsableInput
        Malformed XML or entity declarations (see :func:`kg.sources.xmlsafe.iter_records`).
    """
    for element in iter_records(path, RECORD_TAGS, what="articles"):
        document = pubmed_document(element, source_name=path.name)
        if document is None:
            pmid = element.findtext(".//PMID") or "?"
            yield DocumentProblem(path.name, f"{path.name}: PMID {pmid} has neither title nor abstract")
        else:
            yield document


def pubmed_document(article: ET.Element, *, source_name: str) -> Document | None:
    """Return the :class:`Document` of one ``<PubmedArticle>`` element, or None if it has no text."""
    pmid = (article.findtext(".//PMID") or "").strip() or None
    title = text_of(article.find(".//ArticleTitle")) or text_of(article.find(".//BookTitle"))
    sections = tuple(
        ((part.get("Label") or "").strip(), text_of(part))
        for part in article.findall(".//Abstract/AbstractText")
        if text_of(part)
    )
    abstract = "\n\n".join(text for _, text in sections)
    if not title and not abstract:
        return None
    doi = _doi(article)
    journal = (
        article.findtext(".//MedlineJournalInfo/MedlineTA")
        or article.findtext(".//Journal/ISOAbbreviation")
        or article.findtext(".//Journal/Title")
    )
    date = _date(article)
    return Document(
        id=document_id(doi=doi, pmid=pmid, title=title, abstract=abstract),
        title=title,
        abstract=abstract,
        source_name=source_name,
        journal=journal.strip() if journal else None,
        year=int(date[:4]) if date else None,
        doi=doi,
        pmid=pmid,
        authors=_authors(article),
        keywords=_unique(text_of(k) for k in article.findall(".//KeywordList/Keyword")),
        mesh_terms=_mesh(article),
        publication_types=_unique(
            text_of(t) for t in article.findall(".//PublicationTypeList/PublicationType")
        ),
        sections=sections if any(label for label, _ in sections) else (),
        date=date,
    )


def _doi(article: ET.Element) -> str | None:
    for element in (
        *article.findall(".//PubmedData/ArticleIdList/ArticleId"),
        *article.findall(".//ELocationID"),
    ):
        if (element.get("IdType") or element.get("EIdType")) == "doi" and (element.text or "").strip():
            return element.text.strip()
    return None


def _authors(article: ET.Element) -> tuple[str, ...]:
    names = []
    for author in article.findall(".//AuthorList/Author"):
        collective = text_of(author.find("CollectiveName"))
        last = text_of(author.find("LastName"))
        initials = text_of(author.find("Initials"))
        names.append(collective or " ".join(part for part in (last, initials) if part))
    return _unique(names)


def _date(article: ET.Element) -> str | None:
    """The journal issue's publication date (else the electronic date), ISO style, as precise as printed."""
    for path in (".//JournalIssue/PubDate", ".//ArticleDate", ".//Book/PubDate"):
        element = article.find(path)
        if element is None:
            continue
        year = (element.findtext("Year") or "").strip()
        if not year:
            medline = (element.findtext("MedlineDate") or "").strip()  # "2014 Feb-Mar"
            year = medline[:4] if medline[:4].isdigit() else ""
            month_text = medline[5:8]
        else:
            month_text = (element.findtext("Month") or "").strip()
        if not year.isdigit():
            continue
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text[:3].lower())
        day = (element.findtext("Day") or "").strip()
        if month is None:
            return year
        if day.isdigit():
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}"
    return None


def _mesh(article: ET.Element) -> tuple[str, ...]:
    """MeSH headings as ``Descriptor / qualifier``, plus substances that are not a descriptor."""
    terms = []
    descriptors = set()
    for heading in article.findall(".//MeshHeadingList/MeshHeading"):
        descriptor = text_of(heading.find("DescriptorName"))
        if not descriptor:
            continue
        descriptors.add(descriptor.casefold())
        qualifiers = [text_of(q) for q in heading.findall("QualifierName") if text_of(q)]
        if qualifiers:
            terms.extend(f"{descriptor} / {q}" for q in qualifiers)
        else:
            terms.append(descriptor)
    for chemical in article.findall(".//ChemicalList/Chemical/NameOfSubstance"):
        name = text_of(chemical)
        if name and name.casefold() not in descriptors:
            terms.append(name)
    return _unique(terms)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
