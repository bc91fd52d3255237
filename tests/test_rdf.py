"""The RDF, KGX and NetworkX views of a small hand-made graph."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.kgx import EDGE_COLUMNS, edges_tsv, nodes_tsv
from kg.graph import KnowledgeGraph
from kg.model import Aspect, Assertion, Concept, Context, Direction, Document, Evidence, MentionLink
from kg.namespaces import BIOLINK, IL6KG
from kg.query import QueryError, run_query

TEXT_TITLE = "IL-6 in macrophages"
TEXT_ABSTRACT = "IL-6 signalling blockade decreased SOCS3 expression in macrophages."


def _graph() -> KnowledgeGraph:
    document = Document(id="PMID:1", title=TEXT_TITLE, abstract=TEXT_ABSTRACT, source_name="a.txt", year=2021)
    text = document.text
    sentence_start = text.index("IL-6 signalling blockade")
    evidence = Evidence(
        document_id="PMID:1",
        sentence=TEXT_ABSTRACT,
        sentence_start=sentence_start,
        sentence_end=sentence_start + len(TEXT_ABSTRACT),
        subject_start=sentence_start,
        subject_end=sentence_start + 15,
        object_start=text.index("SOCS3"),
        object_end=text.index("SOCS3") + 5,
        extractor="il6kg.rules:verb",
        extractor_version="0.1.0",
        confidence=0.7,
    )
    assertion = Assertion(
        subject="GO:0070102",
        predicate="biolink:affects",
        object="HGNC:19391",
        object_aspect=Aspect.EXPRESSION,
        object_direction=Direction.INCREASED,
        context=Context(cell_type="CL:0000235"),
        evidence=(evidence,),
    )
    concepts = (
        Concept("CL:0000235", "biolink:Cell", "macrophage"),
        Concept("GO:0070102", "biolink:Pathway", "interleukin-6-mediated signaling pathway"),
        Concept("HGNC:19391", "biolink:Gene", "SOCS3", synonyms=("suppressor of cytokine signaling 3",)),
    )
    links = tuple(MentionLink("PMID:1", c.curie, "text") for c in concepts)
    return KnowledgeGraph((document,), concepts, (), links, (assertion,))


@pytest.fixture
def rdf() -> Graph:
    return _graph().to_rdf()


def test_assertion_is_reified_with_biolink_terms(rdf: Graph) -> None:
    result = run_query(
        rdf,
        """SELECT ?direction ?aspect ?cell ?negated ?level ?score ?publication WHERE {
             ?a a biolink:Association ; biolink:subject GO:0070102 ; biolink:predicate biolink:affects ;
                biolink:object HGNC:19391 ; biolink:object_direction_qualifier ?direction ;
                biolink:object_aspect_qualifier ?aspect ; biolink:anatomical_context_qualifier ?cell ;
                biolink:negated ?negated ; biolink:knowledge_level ?level ;
                biolink:has_confidence_score ?score ; biolink:publications ?publication . }""",
    )
    # Belief 0.665 = 1 - (0.05 + 0.95 * (1 - 0.7)): the rules' systematic error prior is 0.05.
    assert result.rows == (
        ("increased", "expression", "CL:0000235", "false", "knowledge_assertion", "0.665", "PMID:1"),
    )


def test_evidence_carries_sentence_offsets_and_extractor(rdf: Graph) -> None:
    result = run_query(
        rdf,
        """SELECT ?text ?start ?end ?extractor ?version WHERE {
             ?a il6kg:has_evidence ?e . ?e a biolink:TextMiningStudyResult ;
               biolink:supporting_text ?text ; il6kg:object_start ?start ; il6kg:object_end ?end ;
               il6kg:extractor ?extractor ; il6kg:extractor_version ?version . }""",
    )
    ((text, start, end, extractor, version),) = result.rows
    assert text == TEXT_ABSTRACT
    assert _graph().documents[0].text[int(start) : int(end)] == "SOCS3"
    assert (extractor, version) == ("il6kg.rules:verb", "0.1.0")


def test_concepts_use_biolink_prefix_map_iris(rdf: Graph) -> None:
    socs3 = URIRef("http://identifiers.org/hgnc/19391")
    assert (socs3, BIOLINK.name, Literal("SOCS3")) in rdf
    assert (socs3, RDF.type, BIOLINK.Gene) in rdf
    assert (URIRef("http://www.ncbi.nlm.nih.gov/pubmed/1"), BIOLINK.mentions, socs3) in rdf
    assert (URIRef("http://www.ncbi.nlm.nih.gov/pubmed/1"), IL6KG.mentions_in_text, socs3) in rdf


def test_turtle_round_trip_is_isomorphic_and_has_no_blank_nodes(rdf: Graph) -> None:
    parsed = Graph().parse(data=rdf.serialize(format="turtle"), format="turtle")
    assert isomorphic(parsed, rdf)
    assert not any(isinstance(term, BNode) for triple in rdf for term in triple)


def test_views_are_new_objects_each_time() -> None:
    graph = _graph()
    first = graph.to_networkx()
    first.remove_node("HGNC:19391")
    assert "HGNC:19391" in graph.to_networkx()
    assert len(graph.to_rdf()) == len(graph.to_rdf())


def test_networkx_edge_carries_evidence() -> None:
    network = _graph().to_networkx()
    ((subject, obj, data),) = [(s, o, d) for s, o, d in network.edges(data=True) if d["kind"] == "assertion"]
    assert (subject, obj, data["object_direction"], data["cell_type"]) == (
        "GO:0070102",
        "HGNC:19391",
        "increased",
        "CL:0000235",
    )
    assert data["evidence"][0].sentence == TEXT_ABSTRACT


def test_kgx_tables_use_biolink_columns() -> None:
    graph = _graph()
    edges = list(csv.DictReader(io.StringIO(edges_tsv(graph)), delimiter="\t"))
    assert tuple(edges[0]) == EDGE_COLUMNS
    assertion = next(row for row in edges if row["predicate"] == "biolink:affects")
    assert assertion["object_direction_qualifier"] == "increased"
    assert assertion["negated"] == "false"
    assert assertion["supporting_text"] == TEXT_ABSTRACT
    assert assertion["publications"] == "PMID:1"
    nodes = list(csv.DictReader(io.StringIO(nodes_tsv(graph)), delimiter="\t"))
    assert {row["id"] for row in nodes} == {"CL:0000235", "GO:0070102", "HGNC:19391", "PMID:1"}


def test_parameters_are_bound_not_spliced(rdf: Graph) -> None:
    query = "SELECT ?name WHERE { ?concept rdfs:label ?name }"
    assert run_query(rdf, query, {"concept": "HGNC:19391"}).rows == (("SOCS3",),)
    # A hostile value stays a value: no extra rows, no syntax error.
    assert run_query(rdf, query, {"concept": '" } ?x ?y ?z { "'}).rows == ()


def test_update_and_syntax_errors_are_refused(rdf: Graph) -> None:
    with pytest.raises(QueryError, match="line 1"):
        run_query(rdf, "SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError):
        run_query(rdf, "DELETE WHERE { ?s ?p ?o }")
    assert len(rdf) > 0
