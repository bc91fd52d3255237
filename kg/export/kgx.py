"""KGX TSV: ``nodes.tsv`` and ``edges.tsv`` with Biolink column names.

Multi-valued cells are joined with ``|`` (the KGX convention); a ``|``
inside a value is written as ``\\|``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from kg.conflicts import ConflictKind, conflict_partners
from kg.incremental import assertions_with_keys
from kg.model import Assertion, Concept, Document, MentionLink
from kg.namespaces import curie_to_iri

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = [
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "assertion_key",
    "edge_units",
    "edges_header",
    "edges_tsv",
    "node_units",
    "nodes_header",
    "nodes_tsv",
]

NODE_COLUMNS = ("id", "category", "name", "synonym", "xref", "iri", "grounded", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "qualified_predicate",
    "object_aspect_qualifier",
    "object_direction_qualifier",
    "anatomical_context_qualifier",
    "species_context_qualifier",
    "disease_context_qualifier",
    "experimental_condition",
    "study_type",
    "qualifiers",
    "negated",
    "hedged",
    "knowledge_level",
    "agent_type",
    "has_confidence_score",
    "publications",
    "supporting_text",
    "subject_location_in_text",
    "object_location_in_text",
    "extractor",
    "novel",
    "contradicts",
    "context_dependent_with",
    "mentioned_via",
)


def _multi(values) -> str:
    return "|".join(str(value).replace("|", "\\|") for value in values)


class _Rows:
    """TSV rows with the quoting of ``csv.DictWriter`` (tab-separated, minimal quoting)."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self._known = frozenset(columns)
        self._buffer = io.StringIO()
        # A plain writer given the values in column order: DictWriter's own ordering took
        # a third of the time.
        self._writer = csv.writer(
            self._buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
        )

    def header(self) -> str:
        self._writer.writerow(self.columns)
        return self._take()

    def rows(self, rows: list[dict[str, object]]) -> str:
        for row in rows:
            if not row.keys() <= self._known:
                raise ValueError(f"not a column: {sorted(row.keys() - self._known)}")
            self._writer.writerow(
                ["" if (value := row.get(column)) is None else value for column in self.columns]
            )
        return self._take()

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


def _bool(value: bool) -> str:
    return "true" if value else "false"


def concept_row(concept: Concept) -> dict[str, object]:
    """The ``nodes.tsv`` row of a concept."""
    return {
        "id": concept.curie,
        "category": concept.category,
        "name": concept.name,
        "synonym": _multi(concept.synonyms),
        "xref": _multi(concept.xrefs),
        "iri": str(curie_to_iri(concept.curie)),
        "grounded": _bool(concept.grounded),
        "provided_by": "il6kg",
    }


def document_row(document: Document) -> dict[str, object]:
    """The ``nodes.tsv`` row of a paper."""
    return {
        "id": document.id,
        "category": "biolink:Article",
        "name": document.title,
        "iri": str(curie_to_iri(document.id)),
        "grounded": "true",
        "provided_by": "il6kg",
    }


def node_units(graph: KnowledgeGraph, concepts=None, documents=None) -> Iterator[tuple[tuple, bytes, None]]:
    """``nodes.tsv`` rows as units: ``((0, curie) | (1, paper ID), bytes, None)`` in file order.

    ``concepts`` and ``documents`` (CURIEs, IDs) limit the rows to those.
    """
    rows = _Rows(NODE_COLUMNS)
    for concept in graph.concepts:
        if concepts is None or concept.curie in concepts:
            yield (0, concept.curie), rows.rows([concept_row(concept)]).encode("utf-8"), None
    for document in graph.documents:
        if documents is None or document.id in documents:
            yield (1, document.id), rows.rows([document_row(document)]).encode("utf-8"), None


def nodes_header() -> bytes:
    """The header line of ``nodes.tsv``."""
    return _Rows(NODE_COLUMNS).header().encode("utf-8")


def edges_header() -> bytes:
    """The header line of ``edges.tsv``."""
    return _Rows(EDGE_COLUMNS).header().encode("utf-8")


def nodes_tsv(graph: KnowledgeGraph) -> str:
    """Return ``nodes.tsv``: concepts, then papers (``biolink:Article``)."""
    return nodes_header().decode("utf-8") + "".join(unit.decode("utf-8") for _, unit, _ in node_units(graph))


def assertion_key(assertion: Assertion | tuple) -> tuple:
    """Sort key of an assertion's unit in ``edges.tsv`` (the order of ``graph.assertions``).

    ``assertion`` may also be its :meth:`kg.model.Assertion.matches_key`.
    """
    key = assertion if isinstance(assertion, tuple) else assertion.matches_key()
    return (0, *("" if v is None else str(v) for v in key))


def edge_units(graph: KnowledgeGraph, assertions=None, documents=None) -> Iterator[tuple[tuple, bytes, None]]:
    """``edges.tsv`` rows as units: one per assertion, then the mention rows of each paper.

    ``assertions`` (:meth:`kg.model.Assertion.matches_key` values) and
    ``documents`` (paper IDs) limit the units to those.
    """
    rows = _Rows(EDGE_COLUMNS)
    contradicts = conflict_partners(graph.conflicts, ConflictKind.CONTRADICTS)
    context_dependent = conflict_partners(graph.conflicts, ConflictKind.CONTEXT_DEPENDENT)
    chosen = graph.assertions if assertions is None else assertions_with_keys(graph.assertions, assertions)
    for assertion in chosen:
        row = _assertion_row(assertion, contradicts, context_dependent)
        yield assertion_key(assertion), rows.rows([row]).encode("utf-8"), None
    for document_id, links in groupby(graph.links, key=attrgetter("document_id")):
        if documents is None or document_id in documents:
            yield (1, document_id), rows.rows([_link_row(link) for link in links]).encode("utf-8"), None


_Partners = dict[str, tuple[str, ...]]


def _assertion_row(
    assertion: Assertion,
    contradicts: dict[str, tuple[str, ...]],
    context_dependent: dict[str, tuple[str, ...]],
) -> dict[str, object]:
    context = assertion.context
    qualifiers = {
        "object_aspect_qualifier": assertion.object_aspect.value if assertion.object_aspect else None,
        "object_direction_qualifier": (
            assertion.object_direction.value if assertion.object_direction else None
        ),
        "anatomical_context_qualifier": context.cell_type,
        "species_context_qualifier": context.species,
        "disease_context_qualifier": context.disease,
    }
    return {
        "id": f"kgedge:{assertion.id}",
        "subject": assertion.subject,
        "predicate": assertion.predicate,
        "object": assertion.object,
        "qualified_predicate": "biolink:causes" if assertion.object_direction else None,
        **qualifiers,
        "experimental_condition": context.condition,
        "study_type": context.study_type,
        "qualifiers": _multi(f"{key}={value}" for key, value in qualifiers.items() if value),
        "negated": _bool(assertion.negated),
        "hedged": _bool(assertion.hedged),
        "knowledge_level": assertion.knowledge_level.value,
        "agent_type": assertion.agent_type,
        "has_confidence_score": f"{assertion.belief:.4f}",
        "publications": _multi(assertion.publications),
        "supporting_text": _multi(e.sentence for e in assertion.evidence),
        "subject_location_in_text": _multi(
            f"{e.document_id}:{e.subject_start}-{e.subject_end}" for e in assertion.evidence
        ),
        "object_location_in_text": _multi(
            f"{e.document_id}:{e.object_start}-{e.object_end}" for e in assertion.evidence
        ),
        "extractor": _multi(sorted({f"{e.extractor}@{e.extractor_version}" for e in assertion.evidence})),
        "novel": None if assertion.novel is None else _bool(assertion.novel),
        "contradicts": _multi(f"kgedge:{other}" for other in contradicts.get(assertion.id, ())),
        "context_dependent_with": _multi(
            f"kgedge:{other}" for other in context_dependent.get(assertion.id, ())
        ),
    }


def _link_row(link: MentionLink) -> dict[str, object]:
    return {
        "id": f"mentions:{link.via}:{link.document_id}:{link.curie}",
        "subject": link.document_id,
        "predicate": "biolink:mentions",
        "object": link.curie,
        "negated": "false",
        "knowledge_level": "knowledge_assertion",
        "agent_type": "text_mining_agent" if link.via == "text" else "manual_agent",
        "publications": link.document_id,
        "mentioned_via": link.via,
    }


def edges_tsv(graph: KnowledgeGraph) -> str:
    """Return ``edges.tsv``: assertions (with provenance), then paper mentions."""
    return edges_header().decode("utf-8") + "".join(unit.decode("utf-8") for _, unit, _ in edge_units(graph))
