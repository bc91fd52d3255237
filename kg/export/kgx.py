"""KGX TSV: ``nodes.tsv`` and ``edges.tsv`` with Biolink column names.

Multi-valued cells are joined with ``|`` (the KGX convention); a ``|``
inside a value is written as ``\\|``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from kg.conflicts import ConflictKind, conflict_partners
from kg.namespaces import curie_to_iri

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "edges_tsv", "nodes_tsv"]

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


def _table(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def nodes_tsv(graph: KnowledgeGraph) -> str:
    """Return ``nodes.tsv``: concepts, then papers (``biolink:Article``)."""
    rows: list[dict[str, object]] = [
        {
            "id": concept.curie,
            "category": concept.category,
            "name": concept.name,
            "synonym": _multi(concept.synonyms),
            "xref": _multi(concept.xrefs),
            "iri": str(curie_to_iri(concept.curie)),
            "grounded": _bool(concept.grounded),
            "provided_by": "il6kg",
        }
        for concept in graph.concepts
    ]
    rows += [
        {
            "id": document.id,
            "category": "biolink:Article",
            "name": document.title,
            "iri": str(curie_to_iri(document.id)),
            "grounded": "true",
            "provided_by": "il6kg",
        }
        for document in graph.documents
    ]
    return _table(NODE_COLUMNS, rows)


def edges_tsv(graph: KnowledgeGraph) -> str:
    """Return ``edges.tsv``: assertions (with provenance), then paper mentions."""
    rows: list[dict[str, object]] = []
    contradicts = conflict_partners(graph.conflicts, ConflictKind.CONTRADICTS)
    context_dependent = conflict_partners(graph.conflicts, ConflictKind.CONTEXT_DEPENDENT)
    for assertion in graph.assertions:
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
        rows.append(
            {
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
                "extractor": _multi(
                    sorted({f"{e.extractor}@{e.extractor_version}" for e in assertion.evidence})
                ),
                "novel": None if assertion.novel is None else _bool(assertion.novel),
                "contradicts": _multi(f"kgedge:{other}" for other in contradicts.get(assertion.id, ())),
                "context_dependent_with": _multi(
                    f"kgedge:{other}" for other in context_dependent.get(assertion.id, ())
                ),
            }
        )
    for link in graph.links:
        rows.append(
            {
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
        )
    return _table(EDGE_COLUMNS, rows)
