"""Curated drug-target facts from the IL-6 domain ontology, as graph assertions.

``ontology/il6_domain.ttl`` states facts such as "siltuximab binds IL-6,
tocilizumab binds IL-6R". They enter a built graph as curated knowledge
(Biolink ``knowledge_level`` ``knowledge_assertion``, ``agent_type``
``manual_agent``), each with one :class:`kg.model.Evidence` whose extractor
is ``il6kg.curated`` and whose "document" is the ontology itself, and only
for drugs the papers mention, so the graph stays about the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql import prepareQuery

from kg.model import Assertion, Evidence
from kg.namespaces import BIOLINK, IL6KG, iri_to_curie
from kg.nlp.vocabulary import default_ontology_dir

__all__ = ["CURATED_DOCUMENT", "CURATED_EXTRACTOR", "CuratedFact", "curated_assertions", "load_curated_facts"]

CURATED_EXTRACTOR = "il6kg.curated"
CURATED_VERSION = "1"
# The evidence "document" of a curated fact: the domain ontology.
CURATED_DOCUMENT = "IL6KG:il6_domain_ontology"
DCTERMS = Namespace("http://purl.org/dc/terms/")

_FACTS = prepareQuery(
    """
    SELECT ?fact ?subject ?predicate ?object ?comment ?source WHERE {
        ?fact a ?type ; biolink:subject ?subject ; biolink:predicate ?predicate ; biolink:object ?object .
        OPTIONAL { ?fact rdfs:comment ?comment }
        OPTIONAL { ?fact dcterms:source ?source }
    } ORDER BY ?fact
    """,
    initNs={"biolink": BIOLINK, "rdfs": RDFS, "dcterms": DCTERMS, "rdf": RDF},
)


@dataclass(frozen=True, slots=True)
class CuratedFact:
    """One curated statement: CURIEs of subject, predicate and object, with its comment and source."""

    id: str
    subject: str
    predicate: str
    object: str
    comment: str
    source: str


@lru_cache(maxsize=4)
def load_curated_facts(path: Path | None = None) -> tuple[CuratedFact, ...]:
    """Read the curated facts (``il6kg:CuratedFact`` nodes) from the domain ontology."""
    path = Path(path) if path else default_ontology_dir() / "il6_domain.ttl"
    graph = Graph()
    graph.parse(path, format="turtle")
    facts = []
    for row in graph.query(_FACTS, initBindings={"type": IL6KG.CuratedFact}):
        facts.append(
            CuratedFact(
                id=iri_to_curie(row.fact),
                subject=iri_to_curie(row.subject),
                predicate=iri_to_curie(row.predicate),
                object=iri_to_curie(row.object),
                comment=str(row.comment or ""),
                source=str(row.source or ""),
            )
        )
    return tuple(facts)


def curated_assertions(mentioned: Iterable[str], *, path: Path | None = None) -> tuple[Assertion, ...]:
    """Assertions for the curated facts whose subject (the drug) the corpus mentions.

    Parameters
    ----------
    mentioned
        CURIEs of the concepts the papers mention.
    path
        The domain ontology; ``None`` for the packaged one.
    """
    mentioned = set(mentioned)
    assertions = []
    for fact in load_curated_facts(path):
        if fact.subject not in mentioned:
            continue
        # The statement names subject and object first, so its offsets point at them as a
        # text-mined sentence's do: "DRUGBANK:DB09036 has_target HGNC:6018: Siltuximab binds ...".
        predicate = fact.predicate.removeprefix("biolink:")
        head = f"{fact.subject} {predicate} {fact.object}"
        comment = f"{fact.comment} (curated; {fact.source})" if fact.source else fact.comment
        sentence = f"{head}: {comment}"
        object_start = len(head) - len(fact.object)
        evidence = Evidence(
            document_id=CURATED_DOCUMENT,
            sentence=sentence,
            sentence_start=0,
            sentence_end=len(sentence),
            subject_start=0,
            subject_end=len(fact.subject),
            object_start=object_start,
            object_end=object_start + len(fact.object),
            extractor=f"{CURATED_EXTRACTOR}:{fact.id}",
            extractor_version=CURATED_VERSION,
            confidence=1.0,
        )
        assertions.append(
            Assertion(
                subject=fact.subject, predicate=fact.predicate, object=fact.object, evidence=(evidence,)
            )
        )
    return tuple(assertions)
