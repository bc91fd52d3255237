"""``kg serve``: the SPARQL 1.1 Protocol endpoint, with real HTTP clients on loopback."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.endpoint.server import EndpointConfig, start_endpoint
from kg.store import write_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GENES = "SELECT ?gene WHERE { ?gene a biolink:Gene } ORDER BY ?gene"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def rdf(seed_graph) -> Graph:
    return seed_graph.to_rdf()


@pytest.fixture(scope="module")
def endpoint(rdf: Graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("served")
    write_store(rdf, out)
    running = start_endpoint(EndpointConfig(Path(out), port=0, timeout=2.0, max_results=5, workers=2))
    yield running
    running.close()


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=30) as http:
        yield http


def test_get_and_post_answer_with_sparql_json(endpoint, client, rdf: Graph) -> None:
    expected = str(len(rdf))
    got = client.get(endpoint.url, params={"query": COUNT})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/sparql-results+json")
    assert got.json()["results"]["bindings"][0]["n"]["value"] == expected
    form = client.post(endpoint.url, data={"query": COUNT})
    assert form.json()["results"]["bindings"][0]["n"]["value"] == expected
    direct = client.post(endpoint.url, content=COUNT, headers={"Content-Type": "application/sparql-query"})
    assert direct.json()["results"]["bindings"][0]["n"]["value"] == expected


def test_content_negotiation_xml_csv_tsv(endpoint, client) -> None:
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s LIMIT 3"
    xml = client.get(
        endpoint.url, params={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(ET.fromstring(xml.content).findall(f"{ns}results/{ns}result")) == 3
    table = client.get(endpoint.url, params={"query": query}, headers={"Accept": "text/csv"})
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[0] == ["s", "label"] and len(rows) == 4
    tsv = client.get(endpoint.url, params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    lines = tsv.text.splitlines()
    assert lines[0] == "?s\t?label" and lines[1].startswith("<http")
    refused = client.get(endpoint.url, params={"query": query}, headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_ask_and_result_cap(endpoint, client) -> None:
    ask = client.get(endpoint.url, params={"query": "ASK { ?s a biolink:Gene }"})
    assert ask.json() == {"head": {}, "boolean": True}
    capped = client.get(endpoint.url, params={"query": GENES})
    assert len(capped.json()["results"]["bindings"]) == 5
    assert capped.headers["x-sparql-truncated"].startswith("true")


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/sparql", {"params": {"update": "CLEAR ALL"}}),
        ("POST", "/sparql", {"data": {"update": "CLEAR ALL"}}),
        ("POST", "/update", {"data": {"update": "CLEAR ALL"}}),
        (
            "POST",
            "/sparql",
            {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
        ),
        ("GET", "/sparql", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
    ],
)
def test_updates_are_refused_with_403(endpoint, client, method: str, path: str, kwargs: dict, rdf) -> None:
    base = endpoint.url.rsplit("/", 1)[0]
    response = client.request(method, base + path, **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    count = client.get(endpoint.url, params={"query": COUNT}).json()
    assert count["results"]["bindings"][0]["n"]["value"] == str(len(rdf))


def test_malformed_query_is_400_with_position(endpoint, client) -> None:
    response = client.get(endpoint.url, params={"query": "SELECT ?x WHERE { ?x "})
    assert response.status_code == 400
    assert "error at 1:" in response.text and "^" in response.text


def test_query_past_the_timeout_is_cancelled(endpoint, client, rdf) -> None:
    started = time.monotonic()
    response = client.get(endpoint.url, params={"query": SLOW})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "cancelled" in response.text and "timeout" in response.text
    assert elapsed < 10
    # The killed worker is replaced: the endpoint keeps answering.
    for _ in range(4):
        ok = client.get(endpoint.url, params={"query": COUNT})
        assert ok.status_code == 200


def test_rdflib_sparqlstore_as_a_client(endpoint) -> None:
    remote = Graph(store=SPARQLStore(endpoint.url, returnFormat="xml"))
    rows = list(remote.query("SELECT ?label WHERE { <http://identifiers.org/hgnc/6018> rdfs:label ?label }"))
    assert [str(row[0]) for row in rows] == ["IL6"]
    json_remote = Graph(store=SPARQLStore(endpoint.url, returnFormat="json", method="POST"))
    assert bool(json_remote.query("ASK { ?s a <https://w3id.org/biolink/vocab/Gene> }").askAnswer)


def test_binds_to_loopback_by_default() -> None:
    assert EndpointConfig(Path("build")).host == "127.0.0.1"


def test_memory_workers_answer_like_the_store_and_still_time_out(
    endpoint, client, rdf: Graph, tmp_path
) -> None:
    write_store(rdf, tmp_path)
    config = EndpointConfig(tmp_path, port=0, timeout=2.0, max_results=5, workers=1, memory=True)
    in_memory = start_endpoint(config)
    try:
        for query in (COUNT, GENES):
            for accept in ("application/sparql-results+json", "text/csv"):
                expected = client.get(endpoint.url, params={"query": query}, headers={"Accept": accept})
                got = client.get(in_memory.url, params={"query": query}, headers={"Accept": accept})
                assert got.status_code == 200 and got.content == expected.content
        assert client.get(in_memory.url, params={"query": SLOW}).status_code == 503
        # The replacement worker loads its copy again, then answers.
        assert (
            client.get(in_memory.url, params={"query": COUNT}).json()
            == client.get(endpoint.url, params={"query": COUNT}).json()
        )
    finally:
        in_memory.close()
