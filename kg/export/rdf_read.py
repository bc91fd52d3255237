"""Read a graph that :func:`kg.export.rdf.to_rdf` wrote back into a :class:`KnowledgeGraph`.

``kg viz BUILD_DIR`` uses this so the viewer of a finished build shows the
canonical graph (``KnowledgeGraph -> to_networkx()``) without running the NLP
pipeline again.  The Turtle file holds every concept, paper, mention link,
assertion and evidence sentence with its offsets; only the individual
mention spans are not stored, so the rebuilt graph has ``mentions == ()``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.conflicts import CONTEXT_FIELDS, Conflict, ConflictKind
from kg.graph import KnowledgeGraph
from kg.model import Aspect, Assertion, Concept, Context, Direction, Document, Evidence, MentionLink
from kg.namespaces import BIOLINK, IL6KG, iri_to_curie

__all__ = ["RdfReadError", "knowledge_graph_from_rdf", "read_turtle"]

_VIA = {
    IL6KG.mentions_in_text: "text",
    IL6KG.has_keyword_concept: "keyword",
    IL6KG.has_mesh_concept: "mesh",
}
_NOT_CONCEPTS = frozenset(
    {BIOLINK.Article, BIOLINK.Association, BIOLINK.TextMiningStudyResult, RDF.Statement, IL6KG.ClaimConflict}
)


class RdfReadError(ValueError):
    """The file is not an il6-kg Turtle graph (the message says why)."""


def read_turtle(path: Path) -> KnowledgeGraph:
    """Parse an il6-kg ``graph.ttl`` into a :class:`KnowledgeGraph`.

    Parameters
    ----------
    path
        A Turtle file written by ``kg build``.

    Raises
    ------
    RdfReadError
        When the file cannot be read or parsed.
    """
    rdf = Graph()
    try:
        rdf.parse(Path(path), format="turtle")
    except OSError as error:
        raise RdfReadError(f"cannot read {path}: {error.strerror or error}") from error
    except Exception as error:  # rdflib raises several parser exception types
        raise RdfReadError(f"{path} is not valid Turtle: {error}") from error
    return knowledge_graph_from_rdf(rdf)


def _text(rdf: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = rdf.value(node, prop)
    return None if value is None else str(value)


def _curie(rdf: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = rdf.value(node, prop)
    return None if value is None else iri_to_curie(str(value))


def _texts(rdf: Graph, node: URIRef, prop: URIRef) -> tuple[str, ...]:
    # RDF has no order: sort so the rebuilt graph does not depend on parse order.
    return tuple(sorted(str(value) for value in rdf.objects(node, prop)))


def _int(rdf: Graph, node: URIRef, prop: URIRef) -> int:
    value = rdf.value(node, prop)
    return int(value.toPython()) if isinstance(value, Literal) else 0


def _float(rdf: Graph, node: URIRef, prop: URIRef) -> float:
    value = rdf.value(node, prop)
    number = value.toPython() if isinstance(value, Literal) else 0.0
    return float(number) if isinstance(number, int | float | Decimal) else 0.0


def _bool(rdf: Graph, node: URIRef, prop: URIRef) -> bool:
    value = rdf.value(node, prop)
    return bool(value.toPython()) if isinstance(value, Literal) else False


def _optional_bool(rdf: Graph, node: URIRef, prop: URIRef) -> bool | None:
    value = rdf.value(node, prop)
    return bool(value.toPython()) if isinstance(value, Literal) else None


def _conflict(rdf: Graph, node: URIRef) -> Conflict:
    kind = _text(rdf, node, IL6KG.conflict_kind)
    members = sorted(
        iri_to_curie(str(item)).removeprefix("kgedge:")
        for item in rdf.objects(node, IL6KG.conflicting_assertion)
    )
    if kind not in {item.value for item in ConflictKind} or len(members) != 2:
        raise RdfReadError(f"claim conflict {node} needs a known kind and two assertions")
    differing = {str(item) for item in rdf.objects(node, IL6KG.differing_context)}
    return Conflict(
        ConflictKind(kind),
        members[0],
        members[1],
        tuple(name for name in CONTEXT_FIELDS if name in differing),
    )


def _document(rdf: Graph, node: URIRef) -> Document:
    year = rdf.value(node, DCTERMS.issued)
    year_text = str(year) if year is not None else ""
    return Document(
        id=_text(rdf, node, BIOLINK.id) or iri_to_curie(str(node)),
        title=_text(rdf, node, DCTERMS.title) or _text(rdf, node, BIOLINK.name) or "",
        abstract=_text(rdf, node, DCTERMS.abstract) or "",
        source_name=_text(rdf, node, IL6KG.source_file) or "",
        journal=_text(rdf, node, DCTERMS.isPartOf),
        year=int(year_text[:4]) if year_text[:4].isdigit() else None,
        doi=_text(rdf, node, IL6KG.doi),
        pmid=_text(rdf, node, IL6KG.pmid),
        authors=tuple(str(value) for value in rdf.objects(node, DCTERMS.creator)),
        keywords=_texts(rdf, node, BIOLINK.keywords),
        mesh_terms=_texts(rdf, node, IL6KG.mesh_heading),
        publication_types=_texts(rdf, node, IL6KG.publication_type),
    )


def _evidence(rdf: Graph, node: URIRef) -> Evidence:
    return Evidence(
        document_id=_curie(rdf, node, BIOLINK.publications) or "",
        sentence=_text(rdf, node, BIOLINK.supporting_text) or "",
        sentence_start=_int(rdf, node, IL6KG.sentence_start),
        sentence_end=_int(rdf, node, IL6KG.sentence_end),
        subject_start=_int(rdf, node, IL6KG.subject_start),
        subject_end=_int(rdf, node, IL6KG.subject_end),
        object_start=_int(rdf, node, IL6KG.object_start),
        object_end=_int(rdf, node, IL6KG.object_end),
        extractor=_text(rdf, node, IL6KG.extractor) or "",
        extractor_version=_text(rdf, node, IL6KG.extractor_version) or "",
        confidence=_float(rdf, node, BIOLINK.extraction_confidence_score),
        negated=_bool(rdf, node, BIOLINK.negated),
        hedged=_bool(rdf, node, IL6KG.hedged),
        novel=_optional_bool(rdf, node, IL6KG.novel),
    )


def _assertion(rdf: Graph, node: URIRef) -> Assertion:
    subject = _curie(rdf, node, BIOLINK.subject)
    obj = _curie(rdf, node, BIOLINK.object)
    predicate = _curie(rdf, node, BIOLINK.predicate)
    if not (subject and obj and predicate):
        raise RdfReadError(f"assertion {node} lacks a subject, predicate or object")
    aspect = _text(rdf, node, BIOLINK.object_aspect_qualifier)
    direction = _text(rdf, node, BIOLINK.object_direction_qualifier)
    evidence = sorted(
        (_evidence(rdf, item) for item in rdf.objects(node, IL6KG.has_evidence) if isinstance(item, URIRef)),
        key=lambda e: (e.document_id, e.sentence_start, e.subject_start, e.object_start, e.extractor),
    )
    try:
        return Assertion(
            subject=subject,
            predicate=predicate,
            object=obj,
            object_aspect=Aspect(aspect) if aspect else None,
            object_direction=Direction(direction) if direction else None,
            negated=_bool(rdf, node, BIOLINK.negated),
            context=Context(
                cell_type=_curie(rdf, node, BIOLINK.anatomical_context_qualifier),
                species=_curie(rdf, node, BIOLINK.species_context_qualifier),
                disease=_curie(rdf, node, BIOLINK.disease_context_qualifier),
                condition=_curie(rdf, node, IL6KG.experimental_condition),
                study_type=_text(rdf, node, IL6KG.study_type),
            ),
            evidence=tuple(evidence),
        )
    except ValueError as error:  # an aspect/direction value the model does not know
        raise RdfReadError(f"assertion {node}: {error}") from error


def knowledge_graph_from_rdf(rdf: Graph) -> KnowledgeGraph:
    """Rebuild the canonical graph from its RDF view.

    Parameters
    ----------
    rdf
        A graph produced by :func:`kg.export.rdf.to_rdf` (or parsed from the
        Turtle it serialised).  It is only read.

    Returns
    -------
    KnowledgeGraph
        Concepts, documents, mention links and assertions (with evidence),
        each sorted by identifier; ``mentions`` is empty because RDF does not
        keep individual mention spans.

    Raises
    ------
    RdfReadError
        When an assertion lacks its subject, predicate or object.
    """
    documents = sorted(
        (_document(rdf, node) for node in set(rdf.subjects(RDF.type, BIOLINK.Article))),
        key=lambda d: d.id,
    )
    concepts = []
    for node, rdf_type in rdf.subject_objects(RDF.type):
        if rdf_type in _NOT_CONCEPTS or not str(rdf_type).startswith(str(BIOLINK)):
            continue
        curie = _text(rdf, node, BIOLINK.id) or iri_to_curie(str(node))
        concepts.append(
            Concept(
                curie=curie,
                category=iri_to_curie(str(rdf_type)),
                name=_text(rdf, node, BIOLINK.name) or curie,
                synonyms=_texts(rdf, node, BIOLINK.synonym),
                xrefs=_texts(rdf, node, BIOLINK.xref),
                grounded=_bool(rdf, node, IL6KG.grounded),
            )
        )
    links = sorted(
        {
            MentionLink(document_id=iri_to_curie(str(paper)), curie=iri_to_curie(str(concept)), via=via)
            for prop, via in _VIA.items()
            for paper, concept in rdf.subject_objects(prop)
        },
        key=lambda link: (link.document_id, link.curie, link.via),
    )
    assertions = sorted(
        (_assertion(rdf, node) for node in set(rdf.subjects(RDF.type, BIOLINK.Association))),
        key=lambda a: a.id,
    )
    conflicts = sorted(
        (_conflict(rdf, node) for node in set(rdf.subjects(RDF.type, IL6KG.ClaimConflict))),
        key=lambda c: (c.kind.value, c.first, c.second),
    )
    return KnowledgeGraph(
        documents=tuple(documents),
        concepts=tuple(sorted(concepts, key=lambda c: c.curie)),
        mentions=(),
        links=tuple(links),
        assertions=tuple(assertions),
        conflicts=tuple(conflicts),
    )
