"""The RDF view: Biolink classes and predicates, one reified node per assertion."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.conflicts import Conflict, ConflictKind
from kg.model import Assertion, Document, Evidence
from kg.namespaces import BIOLINK, IL6KG, converter, curie_to_iri

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = ["namespaces", "to_rdf"]

_MENTION_PROPERTIES = {
    "text": IL6KG.mentions_in_text,
    "keyword": IL6KG.has_keyword_concept,
    "mesh": IL6KG.has_mesh_concept,
}


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 6))), datatype=XSD.decimal)


def _biolink_term(curie: str) -> URIRef:
    return BIOLINK[curie.removeprefix("biolink:")]


def to_rdf(graph: KnowledgeGraph) -> Graph:
    """Render ``graph`` as a new rdflib ``Graph``.

    Concepts are typed with their Biolink category; papers are
    ``biolink:Article`` nodes linked to the concepts they mention; each
    assertion is a ``biolink:Association`` (also an ``rdf:Statement``) with
    subject, predicate, object, qualifiers, negation, knowledge level,
    confidence and publications, and one ``biolink:TextMiningStudyResult``
    per evidence sentence with offsets and extractor. Only IRIs are used (no
    blank nodes), so the Turtle serialisation is byte-for-byte stable.
    """
    rdf = _bound_graph()
    for concept in graph.concepts:
        node = curie_to_iri(concept.curie)
        rdf.add((node, RDF.type, _biolink_term(concept.category)))
        rdf.add((node, RDFS.label, Literal(concept.name)))
        rdf.add((node, BIOLINK.id, Literal(concept.curie)))
        rdf.add((node, BIOLINK.name, Literal(concept.name)))
        rdf.add((node, IL6KG.grounded, Literal(concept.grounded)))
        for synonym in concept.synonyms:
            rdf.add((node, BIOLINK.synonym, Literal(synonym)))
        for xref in concept.xrefs:
            rdf.add((node, BIOLINK.xref, Literal(xref)))

    for document in graph.documents:
        _add_document(rdf, document)
    for link in graph.links:
        paper, concept = curie_to_iri(link.document_id), curie_to_iri(link.curie)
        rdf.add((paper, BIOLINK.mentions, concept))
        rdf.add((paper, _MENTION_PROPERTIES[link.via], concept))
    for assertion in graph.assertions:
        _add_assertion(rdf, assertion)
    for conflict in graph.conflicts:
        _add_conflict(rdf, conflict)
    return rdf


def _bound_graph() -> Graph:
    """A new, empty graph with the prefixes every RDF view is written with (see :func:`namespaces`)."""
    rdf = Graph()
    for prefix, uri_prefix in _usable_prefixes():
        rdf.bind(prefix, uri_prefix)
    # Bound last, so these names win for their namespaces (the prefix map calls DCTERMS "dct").
    rdf.bind("biolink", BIOLINK)
    rdf.bind("il6kg", IL6KG)
    rdf.bind("dcterms", DCTERMS)
    return rdf


@lru_cache(maxsize=1)
def _usable_prefixes() -> tuple[tuple[str, str], ...]:
    prefix_map = converter().prefix_map
    return tuple(
        (prefix, prefix_map[prefix])
        for prefix in sorted(prefix_map)
        if prefix.replace(".", "").replace("_", "").isalnum()
    )


@lru_cache(maxsize=1)
def _namespaces() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((prefix, str(iri)) for prefix, iri in _bound_graph().namespaces() if prefix))


def namespaces() -> dict[str, str]:
    """Prefix -> namespace IRI of the RDF views (rdflib's defaults included), sorted.

    The same for every graph: every prefix of the Biolink prefix map is bound,
    whether or not a concept uses it. Were the prefixes those of the graph's
    concepts, the first concept of a new namespace would change how
    statements about unrelated records are abbreviated (the curated facts cite
    the domain ontology, ``IL6KG``), and a rebuild could not keep them as written.
    Turtle declares only the prefixes it uses.
    """
    return dict(_namespaces())


def _add_document(rdf: Graph, document: Document) -> None:
    node = curie_to_iri(document.id)
    rdf.add((node, RDF.type, BIOLINK.Article))
    rdf.add((node, BIOLINK.id, Literal(document.id)))
    rdf.add((node, BIOLINK.name, Literal(document.title)))
    rdf.add((node, DCTERMS.title, Literal(document.title)))
    rdf.add((node, DCTERMS.abstract, Literal(document.abstract)))
    rdf.add((node, IL6KG.source_file, Literal(document.source_name)))
    if document.journal:
        rdf.add((node, DCTERMS.isPartOf, Literal(document.journal)))
    if document.year:
        rdf.add((node, DCTERMS.issued, Literal(str(document.year), datatype=XSD.gYear)))
    if document.doi:
        rdf.add((node, IL6KG.doi, Literal(document.doi)))
    if document.pmid:
        rdf.add((node, IL6KG.pmid, Literal(document.pmid)))
    for author in document.authors:
        rdf.add((node, DCTERMS.creator, Literal(author)))
    for keyword in document.keywords:
        rdf.add((node, BIOLINK.keywords, Literal(keyword)))
    for heading in document.mesh_terms:
        rdf.add((node, IL6KG.mesh_heading, Literal(heading)))
    for publication_type in document.publication_types:
        rdf.add((node, IL6KG.publication_type, Literal(publication_type)))


def _add_assertion(rdf: Graph, assertion: Assertion) -> None:
    node = curie_to_iri(f"kgedge:{assertion.id}")
    subject, obj = curie_to_iri(assertion.subject), curie_to_iri(assertion.object)
    predicate = _biolink_term(assertion.predicate)
    for rdf_type in (BIOLINK.Association, RDF.Statement):
        rdf.add((node, RDF.type, rdf_type))
    rdf.add((node, BIOLINK.id, Literal(f"kgedge:{assertion.id}")))
    rdf.add((node, BIOLINK.subject, subject))
    rdf.add((node, BIOLINK.predicate, predicate))
    rdf.add((node, BIOLINK.object, obj))
    rdf.add((node, RDF.subject, subject))
    rdf.add((node, RDF.predicate, predicate))
    rdf.add((node, RDF.object, obj))
    if assertion.object_direction:
        rdf.add((node, BIOLINK.qualified_predicate, BIOLINK.causes))
        rdf.add((node, BIOLINK.object_direction_qualifier, Literal(assertion.object_direction.value)))
    if assertion.object_aspect:
        rdf.add((node, BIOLINK.object_aspect_qualifier, Literal(assertion.object_aspect.value)))
    context = assertion.context
    if context.cell_type:
        rdf.add((node, BIOLINK.anatomical_context_qualifier, curie_to_iri(context.cell_type)))
    if context.species:
        rdf.add((node, BIOLINK.species_context_qualifier, curie_to_iri(context.species)))
    if context.disease:
        rdf.add((node, BIOLINK.disease_context_qualifier, curie_to_iri(context.disease)))
    if context.condition:
        rdf.add((node, IL6KG.experimental_condition, curie_to_iri(context.condition)))
    if context.study_type:
        rdf.add((node, IL6KG.study_type, Literal(context.study_type)))
    rdf.add((node, BIOLINK.negated, Literal(assertion.negated)))
    rdf.add((node, IL6KG.hedged, Literal(assertion.hedged)))
    if assertion.novel is not None:
        rdf.add((node, IL6KG.novel, Literal(assertion.novel)))
    rdf.add((node, BIOLINK.knowledge_level, Literal(assertion.knowledge_level.value)))
    rdf.add((node, BIOLINK.agent_type, Literal(assertion.agent_type)))
    rdf.add((node, BIOLINK.has_confidence_score, _decimal(assertion.belief)))
    for publication in assertion.publications:
        rdf.add((node, BIOLINK.publications, curie_to_iri(publication)))
    for evidence in assertion.evidence:
        rdf.add((node, BIOLINK.supporting_text, Literal(evidence.sentence)))
        rdf.add((node, IL6KG.has_evidence, _add_evidence(rdf, evidence)))


def _add_evidence(rdf: Graph, evidence: Evidence) -> URIRef:
    node = curie_to_iri(f"kgev:{evidence.id}")
    rdf.add((node, RDF.type, BIOLINK.TextMiningStudyResult))
    rdf.add((node, BIOLINK.supporting_text, Literal(evidence.sentence)))
    rdf.add((node, BIOLINK.publications, curie_to_iri(evidence.document_id)))
    rdf.add((node, BIOLINK.extraction_confidence_score, _decimal(evidence.confidence)))
    rdf.add((node, BIOLINK.supporting_text_section_type, Literal("abstract")))
    offsets = {
        IL6KG.sentence_start: evidence.sentence_start,
        IL6KG.sentence_end: evidence.sentence_end,
        IL6KG.subject_start: evidence.subject_start,
        IL6KG.subject_end: evidence.subject_end,
        IL6KG.object_start: evidence.object_start,
        IL6KG.object_end: evidence.object_end,
    }
    for prop, value in offsets.items():
        rdf.add((node, prop, Literal(value)))
    rdf.add((node, IL6KG.extractor, Literal(evidence.extractor)))
    rdf.add((node, IL6KG.extractor_version, Literal(evidence.extractor_version)))
    rdf.add((node, BIOLINK.negated, Literal(evidence.negated)))
    rdf.add((node, IL6KG.hedged, Literal(evidence.hedged)))
    if evidence.novel is not None:
        rdf.add((node, IL6KG.novel, Literal(evidence.novel)))
    return node


_CONFLICT_LINKS = {
    ConflictKind.CONTRADICTS: IL6KG.contradicts,
    ConflictKind.CONTEXT_DEPENDENT: IL6KG.context_dependent_with,
}


def _add_conflict(rdf: Graph, conflict: Conflict) -> None:
    """A direct, symmetric link between the two associations, and a node saying why."""
    first = curie_to_iri(f"kgedge:{conflict.first}")
    second = curie_to_iri(f"kgedge:{conflict.second}")
    link = _CONFLICT_LINKS[conflict.kind]
    rdf.add((first, link, second))
    rdf.add((second, link, first))
    node = curie_to_iri(f"kgconflict:{conflict.id}")
    rdf.add((node, RDF.type, IL6KG.ClaimConflict))
    rdf.add((node, IL6KG.conflict_kind, Literal(conflict.kind.value)))
    rdf.add((node, IL6KG.conflicting_assertion, first))
    rdf.add((node, IL6KG.conflicting_assertion, second))
    for field_name in conflict.differing_context:
        rdf.add((node, IL6KG.differing_context, Literal(field_name)))
