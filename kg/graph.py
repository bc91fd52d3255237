"""The one canonical knowledge graph; RDF, NetworkX, KGX and HTML are views of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.conflicts import Conflict, ConflictKind
from kg.model import Assertion, Concept, Document, DocumentProblem, Mention, MentionLink

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["GraphSummary", "KnowledgeGraph"]


@dataclass(frozen=True, slots=True)
class GraphSummary:
    """Counts for the closing summary of a build (all mappings sorted by key)."""

    documents: int
    problems: int
    mentions: int
    concepts: int
    concepts_by_category: tuple[tuple[str, int], ...]
    edges_by_predicate: tuple[tuple[str, int], ...]
    contradictions: int = 0
    context_dependent: int = 0


@dataclass(frozen=True, slots=True)
class KnowledgeGraph:
    """Papers, concepts, mentions and assembled assertions, immutable.

    Build one with :func:`kg.build_graph`. Every view is computed afresh, so
    editing a view never changes the graph. ``conflicts`` links pairs of
    assertions that disagree (see :mod:`kg.conflicts`).
    """

    documents: tuple[Document, ...]
    concepts: tuple[Concept, ...]
    mentions: tuple[Mention, ...]
    links: tuple[MentionLink, ...]
    assertions: tuple[Assertion, ...]
    problems: tuple[DocumentProblem, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def assertion(self, assertion_id: str) -> Assertion | None:
        """Return the assertion with this ID (with or without the ``kgedge:`` prefix), or ``None``."""
        wanted = assertion_id.removeprefix("kgedge:")
        return next((assertion for assertion in self.assertions if assertion.id == wanted), None)

    def concept(self, curie: str) -> Concept | None:
        """Return the concept with this CURIE, or ``None``."""
        return next((concept for concept in self.concepts if concept.curie == curie), None)

    def to_rdf(self) -> rdflib.Graph:
        """Return a new rdflib ``Graph`` (Biolink vocabulary, reified assertions)."""
        from kg.export.rdf import to_rdf

        return to_rdf(self)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return a new NetworkX ``MultiDiGraph`` (see :func:`kg.export.networkx.to_networkx`)."""
        from kg.export.networkx import to_networkx

        return to_networkx(self)

    def summary(self) -> GraphSummary:
        """Return counts by category and by predicate."""
        categories = Counter(concept.category for concept in self.concepts)
        predicates: Counter[str] = Counter()
        for assertion in self.assertions:
            label = assertion.predicate
            if assertion.object_direction:
                label += f" ({assertion.object_direction.value})"
            if assertion.negated:
                label += " [negated]"
            predicates[label] += 1
        predicates["biolink:mentions"] = len(self.links)
        return GraphSummary(
            documents=len(self.documents),
            problems=len(self.problems),
            mentions=len(self.mentions),
            concepts=len(self.concepts),
            concepts_by_category=tuple(sorted(categories.items())),
            edges_by_predicate=tuple(sorted(predicates.items())),
            contradictions=sum(c.kind is ConflictKind.CONTRADICTS for c in self.conflicts),
            context_dependent=sum(c.kind is ConflictKind.CONTEXT_DEPENDENT for c in self.conflicts),
        )
