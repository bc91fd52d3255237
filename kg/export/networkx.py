"""The NetworkX view: a new ``MultiDiGraph`` built from the canonical graph."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import networkx as nx

from kg.conflicts import ConflictKind, conflict_partners
from kg.namespaces import curie_to_iri

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = ["to_networkx"]


def to_networkx(graph: KnowledgeGraph, *, mention_edges: bool = True) -> nx.MultiDiGraph:
    """Render ``graph`` as a new ``networkx.MultiDiGraph``.

    Nodes are keyed by CURIE: concepts (``category``, ``name``, ``iri``,
    ``grounded``, ``synonyms``, ``xrefs``, ``mention_count``, ``documents``)
    and papers (``category="biolink:Article"``, ``name`` = title,
    ``journal``, ``year``). Edges are keyed by ID: ``kind="assertion"``
    edges carry predicate, qualifiers, negated, hedged, belief, context,
    publications, novel, the :class:`kg.model.Evidence` tuple, and
    ``contradicts`` / ``context_dependent_with`` (keys of the edges they
    disagree with, see :mod:`kg.conflicts`);
    ``kind="mentions"`` edges link papers to concepts with ``via`` (left out
    with ``mention_edges=False``: the viewer page reads only the concepts'
    ``documents``, and a 10k-paper graph has over 100,000 such edges).
    """
    view = nx.MultiDiGraph(name="il6-kg")
    mention_counts = Counter(mention.curie for mention in graph.mentions)
    documents_by_concept: dict[str, set[str]] = {}
    for link in graph.links:
        documents_by_concept.setdefault(link.curie, set()).add(link.document_id)
    for concept in graph.concepts:
        view.add_node(
            concept.curie,
            category=concept.category,
            name=concept.name,
            iri=str(curie_to_iri(concept.curie)),
            grounded=concept.grounded,
            synonyms=concept.synonyms,
            xrefs=concept.xrefs,
            mention_count=mention_counts[concept.curie],
            documents=tuple(sorted(documents_by_concept.get(concept.curie, ()))),
        )
    for document in graph.documents:
        view.add_node(
            document.id,
            category="biolink:Article",
            name=document.title,
            iri=str(curie_to_iri(document.id)),
            journal=document.journal,
            year=document.year,
        )
    for link in graph.links if mention_edges else ():
        view.add_edge(
            link.document_id,
            link.curie,
            key=f"mentions:{link.via}:{link.document_id}:{link.curie}",
            kind="mentions",
            predicate="biolink:mentions",
            via=link.via,
        )
    contradicts = conflict_partners(graph.conflicts, ConflictKind.CONTRADICTS)
    context_dependent = conflict_partners(graph.conflicts, ConflictKind.CONTEXT_DEPENDENT)
    for assertion in graph.assertions:
        context = assertion.context
        identifier = assertion.id  # a hash: computed once
        view.add_edge(
            assertion.subject,
            assertion.object,
            key=f"kgedge:{identifier}",
            kind="assertion",
            predicate=assertion.predicate,
            object_aspect=assertion.object_aspect.value if assertion.object_aspect else None,
            object_direction=assertion.object_direction.value if assertion.object_direction else None,
            negated=assertion.negated,
            hedged=assertion.hedged,
            belief=assertion.belief,
            cell_type=context.cell_type,
            species=context.species,
            disease=context.disease,
            condition=context.condition,
            study_type=context.study_type,
            publications=assertion.publications,
            novel=assertion.novel,
            evidence=assertion.evidence,
            contradicts=tuple(f"kgedge:{other}" for other in contradicts.get(identifier, ())),
            context_dependent_with=tuple(
                f"kgedge:{other}" for other in context_dependent.get(identifier, ())
            ),
        )
    return view
