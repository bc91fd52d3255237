"""The curated vocabulary and the il6-kg schema agree with what the graph uses."""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.namespaces import IL6KG, curie_to_iri
from kg.nlp.vocabulary import default_ontology_dir, load_vocabulary


def test_every_vocabulary_curie_expands_to_an_iri() -> None:
    for entry in load_vocabulary():
        assert str(curie_to_iri(entry.concept.curie)).startswith(("http://", "https://"))


def test_every_il6kg_term_in_the_seed_graph_is_declared(seed_graph) -> None:
    schema = Graph().parse(default_ontology_dir() / "il6kg.ttl")
    declared = {subject for subject in schema.subjects() if isinstance(subject, URIRef)}
    rdf = seed_graph.to_rdf()
    used = {
        term for triple in rdf for term in triple if isinstance(term, URIRef) and term.startswith(str(IL6KG))
    }
    assert used
    assert used <= declared, sorted(used - declared)
