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

from rdflib import Namespace
from rdflib.namespace import RDF, RDFS

from kg.model import Assertion, Evidence
from kg.namespaces import BIOLINK, IL6KG, iri_to_curie
from kg.nlp.vocabulary import default_ontology_dir

__all__ = ["CURATED_DOCUMENT", "CURATED_EXTRACTOR", "CuratedFact", "curated_assertions", "load_curated_facts"]

CURATED_EXTRACTOR = "il6kg.curated"
CURATED_VERSION = "1"
# The evidence "document" of a curated fact: the domain ontology.
CURATED_DOCUMENT = "IL6KG:il6_domain_ontology"
DCTERMS = Namespace("http://purl.org/dc/terms/")


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
    # Read with rdflib's triple patterns rather than SPARQL: importing and preparing a query
    # cost every `kg build` half a second, for a dozen facts with one value per property.
    from rdflib import Graph

    path = Path(path) if path else default_ontology_dir() / "il6_domain.ttl"
    graph = Graph()
    graph.parse(path, format="turtle")
    facts = []
    for fact in sorted(set(graph.subjects(RDF.type, IL6KG.CuratedFact)), key=str):
        subject, predicate, obj = (
            graph.value(fact, BIOLINK[name]) for name in ("subject", "predicate", "object")
        )
        if subject is None or predicate is None or obj is None:
            continue  # not a complete statement
        facts.append(
            CuratedFact(
                id=iri_to_curie(fact),
                subject=iri_to_curie(subject),
                predicate=iri_to_curie(predicate),
                object=iri_to_curie(obj),
                comment=str(graph.value(fact, RDFS.comment) or ""),
                source=str(graph.value(fact, DCTERMS.source) or ""),
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
