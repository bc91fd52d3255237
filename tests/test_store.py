"""The Oxigraph store, the exports, the named queries and SHACL validation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.build import write_outputs
from kg.cli import app
from kg.export.formats import graphml_text
from kg.namespaces import BIOLINK, IL6KG
from kg.query import (
    QueryError,
    QueryResult,
    _oxigraph_rows,
    _show_ox,
    load_graph,
    named_queries,
    named_query,
    prepare,
    run_named_query,
    run_query,
    used_namespaces,
)
from kg.store import StoreError, memory_copy, memory_store, open_store, oxigraph_store, write_store
from kg.validate import validate_graph

FIXTURES = Path(__file__).parent / "fixtures" / "store"
runner = CliRunner()


@pytest.fixture(scope="module")
def built(seed_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("store-build")
    write_outputs(seed_graph, out)
    return out


@pytest.fixture(scope="module")
def claims() -> Graph:
    return Graph().parse(FIXTURES / "claims.ttl")


def test_store_reopens_with_every_triple(built: Path, seed_graph) -> None:
    store = open_store(built)
    rdf = seed_graph.to_rdf()
    assert len(store) == len(rdf) > 1000
    copy = Graph()
    for triple in store:
        copy.add(triple)
    # Oxigraph returns "x"^^xsd:string for plain literals (the same RDF 1.1 term).
    assert {(s, p) for s, p, _o in copy} == {(s, p) for s, p, _o in rdf}


_ONE_HOP_TTL = """
@prefix biolink: <https://w3id.org/biolink/vocab/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:c rdfs:label "centre" .
ex:a rdfs:label "a" .
ex:ab rdfs:label "ab" .
ex:e1 biolink:subject ex:c ; biolink:predicate biolink:affects ; biolink:object ex:ab ;
    biolink:negated false ; biolink:has_confidence_score 0.5 ;
    biolink:object_direction_qualifier "increased" ; biolink:species_context_qualifier ex:mouse ;
    biolink:publications ex:p2 , ex:p1 .
ex:e2 biolink:subject ex:c ; biolink:predicate biolink:affects ; biolink:object ex:a ;
    biolink:negated true ; biolink:has_confidence_score 0.25 ; biolink:publications ex:p1 .
ex:e3 biolink:subject ex:ab ; biolink:predicate biolink:related_to ; biolink:object ex:c ;
    biolink:negated false ; biolink:has_confidence_score 0.75 ; biolink:publications ex:p3 .
ex:e0 biolink:subject ex:c ; biolink:predicate biolink:affects ; biolink:object ex:a ;
    biolink:negated false ; biolink:has_confidence_score 0.5 .
"""


def test_one_hop_queries_keep_their_rows_and_order_on_both_engines() -> None:
    """edges_of: one row per paper, none for a claim without a paper; both sort IRIs as IRIs
    (ex:a before ex:ab: a single concatenated sort key must not reorder a prefix)."""
    rdf = Graph().parse(data=_ONE_HOP_TTL, format="turtle")
    c = "http://example.org/c"
    ex = "http://example.org/"
    edges = run_named_query(rdf, "edges_of", {"concept": c})
    assert edges == run_named_query(memory_store(rdf), "edges_of", {"concept": c})
    shown = [(row[1], row[3], row[4], row[6], row[8], row[9], row[10]) for row in edges.rows]
    assert shown == [
        (f"{ex}ab", c, "", "false", "", "0.75", f"{ex}p3"),
        (c, f"{ex}a", "", "true", "", "0.25", f"{ex}p1"),
        (c, f"{ex}ab", "increased", "false", f"{ex}mouse", "0.5", f"{ex}p1"),
        (c, f"{ex}ab", "increased", "false", f"{ex}mouse", "0.5", f"{ex}p2"),
    ]
    neighbours = run_named_query(rdf, "neighbours", {"concept": c})
    assert neighbours == run_named_query(memory_store(rdf), "neighbours", {"concept": c})
    columns = ("direction", "neighbour", "neighbour_name", "papers", "assertion")
    picked = [tuple(row[neighbours.variables.index(name)] for name in columns) for row in neighbours.rows]
    assert picked == [
        ("incoming", f"{ex}ab", "ab", "1", f"{ex}e3"),
        ("outgoing", f"{ex}a", "a", "0", f"{ex}e0"),
        ("outgoing", f"{ex}a", "a", "1", f"{ex}e2"),
        ("outgoing", f"{ex}ab", "ab", "2", f"{ex}e1"),
    ]


def test_every_named_query_agrees_with_rdflib_engine(built: Path, seed_graph, claims: Graph) -> None:
    store = open_store(built)
    rdf = seed_graph.to_rdf()
    for name in named_queries():
        assert run_named_query(store, name) == run_named_query(rdf, name), name
        assert run_named_query(memory_store(claims), name) == run_named_query(claims, name), name


def test_both_engines_agree_with_parameters(built: Path, seed_graph, claims: Graph) -> None:
    store, rdf = open_store(built), seed_graph.to_rdf()
    cases = [
        ("neighbours", {"concept": "HGNC:11364"}),
        ("papers_mentioning_both", {"concept1": "HGNC:6018", "concept2": "CL:0000235"}),
        ("signed_paths", {"max_hops": "2"}),
        ("contradictions", {"kind": "contradicts"}),
        ("evidence_for_edge", {"subject": "HGNC:6018", "object": "HGNC:11364"}),
    ]
    edge = run_named_query(store, "evidence_for_edge")
    one = edge.rows[0][edge.variables.index("assertion")]
    cases += [("claim", {"assertion": one}), ("evidence_for_assertion", {"assertion": one})]
    for name, parameters in cases:
        assert run_named_query(store, name, parameters) == run_named_query(rdf, name, parameters), name
    small = memory_store(claims)
    for parameters in ({"kind": "context_dependent"}, {"kind": "any"}):
        assert run_named_query(small, "contradictions", parameters) == run_named_query(
            claims, "contradictions", parameters
        )
    ask = "ASK { ?a biolink:subject ?concept }"
    for concept, answer in (("HGNC:6018", "true"), ("HGNC:1", "false")):
        expected = QueryResult(("ask",), ((answer,),))
        assert (
            run_query(store, ask, {"concept": concept})
            == run_query(rdf, ask, {"concept": concept})
            == expected
        )


def test_store_queries_run_on_oxigraph_without_rdflib_parsing(built: Path, claims: Graph) -> None:
    store = open_store(built)
    assert oxigraph_store(store) is not None and oxigraph_store(memory_store(claims)) is not None
    assert oxigraph_store(claims) is None
    before = prepare.cache_info()
    text = "SELECT ?concept ?paper WHERE { ?paper biolink:mentions ?concept } ORDER BY ?paper LIMIT 3"
    rows = run_query(store, text, {"concept": "HGNC:6018"}).rows
    after = prepare.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)  # rdflib never saw the text
    assert len(rows) == 3 and {row[0] for row in rows} == {"HGNC:6018"}
    assert rows == run_query(load_graph(built / "graph.ttl"), text, {"concept": "HGNC:6018"}).rows


def test_rows_read_from_oxigraph_tsv_match_term_by_term_conversion() -> None:
    """Rows come from Oxigraph's TSV; every kind of term must read back as its own conversion gives."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    typed = [
        ("042", "integer"),
        ("-5", "integer"),
        ("1.50", "decimal"),
        (".5", "decimal"),
        ("2.0", "decimal"),
    ]
    typed += [("1.0E0", "double"), ("NaN", "double"), ("-1.5E10", "double"), ("true", "boolean")]
    typed += [("2020", "gYear"), ("x y", "string")]
    values = [ox.Literal(text, datatype=ox.NamedNode(xsd + kind)) for text, kind in typed]
    values += [ox.Literal('tab\there\nnew "quoted" back\\slash \r\x01\x7f é 𝔘 \\u0041'), ox.Literal("")]
    values += [
        ox.Literal("hallo", language="de"),
        ox.BlankNode("b1"),
        ox.NamedNode("http://example.org/a%20b"),
    ]
    values += [ox.NamedNode("http://identifiers.org/hgnc/6018")]
    store = ox.Store()
    for index, value in enumerate(values):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{index:02d}"), ox.NamedNode("http://example.org/p"), value
            )
        )
    text = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s"
    expected = tuple(tuple(_show_ox(term) for term in solution) for solution in store.query(text))
    assert _oxigraph_rows(store.query(text), 3) == expected
    assert len(expected) == len(values) and expected[-1][1] == "HGNC:6018" and expected[0][2] == ""
    assert _oxigraph_rows(store.query("SELECT * WHERE {}"), 0) == ((),)
    assert _oxigraph_rows(store.query("SELECT ?x WHERE { FILTER(false) }"), 1) == ()


def test_oxigraph_gets_only_the_prefixes_a_query_may_use() -> None:
    used = used_namespaces("SELECT ?p WHERE { ?p biolink:mentions HGNC:6018 ; rdfs:label ?l }")
    assert set(used) == {"biolink", "HGNC", "rdfs"}
    assert used_namespaces("SELECT ?s WHERE { ?s ?p ?o }") == {}


def test_memory_copy_answers_like_the_store_it_copies(built: Path) -> None:
    disk, copy = open_store(built), memory_copy(built)
    assert len(copy) == len(disk)
    for name in ("neighbours", "claim", "concepts"):
        assert run_named_query(copy, name) == run_named_query(disk, name)
    # A copy: changing it leaves the persisted store as it was.
    oxigraph_store(copy).add(
        ox.Quad(ox.NamedNode("http://a.org/s"), ox.NamedNode("http://a.org/p"), ox.Literal("o"))
    )
    assert len(copy) == len(disk) + 1 and len(open_store(built)) == len(disk)
    assert len(load_graph(built, memory=True)) == len(disk)
    with pytest.raises(StoreError):
        memory_copy(built / "nothing-here")


def test_store_query_errors_match_the_rdflib_engine(built: Path, claims: Graph) -> None:
    store = open_store(built)
    for graph in (store, claims):
        with pytest.raises(QueryError, match="line 1, column"):
            run_query(graph, "SELECT ?x WHERE { ?x ")
        with pytest.raises(QueryError, match="only SELECT and ASK"):
            run_query(graph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        with pytest.raises(QueryError):
            run_query(graph, "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert len(store) == len(open_store(built))


def test_store_swap_is_atomic_and_keeps_open_readers(tmp_path: Path, claims: Graph) -> None:
    first = write_store(claims, tmp_path)
    reader = open_store(first)
    target = os.readlink(first)
    changed = Graph()
    for triple in claims:
        changed.add(triple)
    changed.add((URIRef("https://example.org/x"), IL6KG.grounded, Literal(True)))
    second = write_store(changed, tmp_path)
    assert second == first and os.readlink(second) != target
    assert not (tmp_path / target).exists()  # the old data directory is gone ...
    assert len(reader) == len(claims)  # ... yet a reader that had it open still works
    assert len(open_store(tmp_path)) == len(claims) + 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".store-tmp-")]
    assert leftovers == []


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path)


def test_exports_parse_back_to_the_same_graph(built: Path, seed_graph) -> None:
    rdf = seed_graph.to_rdf()
    assert isomorphic(Graph().parse(built / "graph.nt", format="nt"), rdf)
    assert isomorphic(Graph().parse(built / "graph.jsonld", format="json-ld"), rdf)
    lines = (built / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_graphml_stringifies_without_mutating_the_view(built: Path, seed_graph) -> None:
    view = seed_graph.to_networkx()
    before = [dict(data) for _s, _t, data in view.edges(data=True)]
    text = graphml_text(view)
    assert [dict(data) for _s, _t, data in view.edges(data=True)] == before
    assert text == (built / "graph.graphml").read_text(encoding="utf-8")
    loaded = nx.read_graphml(built / "graph.graphml", force_multigraph=True)
    assert loaded.number_of_nodes() == view.number_of_nodes()
    assert loaded.number_of_edges() == view.number_of_edges()
    evidence = next(
        data["evidence"] for _s, _t, data in loaded.edges(data=True) if data.get("kind") == "assertion"
    )
    assert json.loads(evidence)[0]["sentence"]


def test_every_named_query_is_documented() -> None:
    for name in named_queries():
        query = named_query(name)
        assert query.title != name and query.description, name
        for param in query.parameters:
            assert param.description, (name, param.name)
    assert {"neighbours", "signed_paths", "drugs_on_il6_axis", "contradictions"} <= set(named_queries())
    assert {"evidence_for_edge", "papers_mentioning_both"} <= set(named_queries())


def test_signed_paths_multiply_signs_and_skip_negated_steps(claims: Graph) -> None:
    store = memory_store(claims)
    result = run_named_query(store, "signed_paths")
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    paths = {(row["hops"], row["sign"], row["via1"], row["via2"]) for row in rows}
    # IL-6 -> STAT3 -> VEGF-A -> angiogenesis, once with the +1 claim and once with the
    # contradicting -1 one; IL-6 -> SOCS3 -| VEGF-A -> angiogenesis is -1.
    assert paths == {
        ("3", "1", "HGNC:11364", "HGNC:12680"),
        ("3", "-1", "HGNC:11364", "HGNC:12680"),
        ("3", "-1", "HGNC:19391", "HGNC:12680"),
    }
    assert all(row["edge1"] != "kgedge:p6" for row in rows)  # negated
    short = run_named_query(store, "signed_paths", {"max_hops": "2"})
    assert all(row[result.variables.index("hops")] in ("1", "2") for row in short.rows)
    assert run_named_query(store, "signed_paths", {"target": "HGNC:12680", "max_hops": "2"}).rows


def test_drugs_on_the_il6_axis_with_curated_targets(claims: Graph) -> None:
    result = run_named_query(memory_store(claims), "drugs_on_il6_axis")
    pick = [result.variables.index(name) for name in ("drug", "target", "evidence")]
    rows = {tuple(row[index] for index in pick) for row in result.rows}
    assert rows == {
        ("DRUGBANK:DB06273", "HGNC:6019", "curated"),
        ("DRUGBANK:DB09036", "HGNC:6018", "curated"),
        ("DRUGBANK:DB09036", "HGNC:6018", "text-mined"),
    }  # bevacizumab's VEGF-A target is off the axis


def test_contradicting_and_context_dependent_claims(claims: Graph) -> None:
    store = memory_store(claims)
    both = run_named_query(store, "contradictions")
    claim, other = both.variables.index("claim"), both.variables.index("other")
    pairs = {(row[claim], row[other]) for row in both.rows}
    assert pairs == {("kgedge:c1", "kgedge:p1"), ("kgedge:p4", "kgedge:p5")}
    only = run_named_query(store, "contradictions", {"kind": "contradicts"})
    assert [row[claim] for row in only.rows] == ["kgedge:c1"]


def test_parameters_are_bound_not_spliced_on_the_store(built: Path) -> None:
    store = open_store(built)
    assert run_named_query(store, "papers_mentioning", {"concept": "HGNC:6018"}).rows
    hostile = '" } ?x ?y ?z { "'
    assert run_named_query(store, "papers_mentioning", {"concept": hostile}).rows == ()
    # A parameter the query does not project is still bound (rdflib's engine over the store).
    free = run_query(store, "SELECT ?name WHERE { ?concept rdfs:label ?name }", {"concept": "HGNC:19391"})
    assert free.rows == (("SOCS3",),)


def test_cli_query_reads_the_store_in_every_format(built: Path) -> None:
    args = ["query", "neighbours", "--graph", str(built), "--param", "concept=HGNC:6018"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "rows" in table.output
    for fmt, marker in (("csv", ","), ("tsv", "\t")):
        out = runner.invoke(app, [*args, "--format", fmt])
        assert out.exit_code == 0 and marker in out.stdout.splitlines()[0]
        assert "GO:0001525" in out.stdout  # IL-6 -> angiogenesis
    out = runner.invoke(app, [*args, "--format", "json"])
    assert json.loads(out.stdout)["rows"][0]["concept"] == "HGNC:6018"


def test_cli_lists_named_queries_with_parameters() -> None:
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    for name in named_queries():
        assert name in result.stdout
    assert "default HGNC:6018" in result.stdout


def test_cli_malformed_query_and_missing_store_exit_2(built: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x ", "--graph", str(built)])
    assert bad.exit_code == 2 and "line 1, column" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(app, ["query", "concepts", "--graph", str(tmp_path)])
    assert missing.exit_code == 2 and "kg build" in missing.output


def test_console_script_keeps_exit_codes_and_output(built: Path) -> None:
    # kg.cli.main ends the process without the interpreter's teardown (os._exit):
    # the exit code and everything printed must come through as with a normal exit.
    def kg(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "kg.cli", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    listed = kg("query", "--list")
    assert listed.returncode == 0 and all(name in listed.stdout for name in named_queries())
    rows = kg("query", "edges_of", "--graph", str(built), "--format", "csv")
    assert rows.returncode == 0 and rows.stdout.count("\n") > 10 and "GO:0001525" in rows.stdout
    bad = kg("query", "SELECT ?x WHERE { ?x ", "--graph", str(built))
    assert bad.returncode == 2 and "line 1, column" in bad.stderr + bad.stdout
    unknown = kg("no-such-command")
    assert unknown.returncode == 2 and "no-such-command" in unknown.stderr


def test_seed_graph_conforms_to_the_shapes(built: Path) -> None:
    result = runner.invoke(app, ["validate", str(built)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK")


def test_broken_graph_fails_validation(seed_graph, tmp_path: Path) -> None:
    rdf = seed_graph.to_rdf()
    broken = Graph()
    for triple in rdf:
        broken.add(triple)
    evidence = sorted(broken.subjects(IL6KG.extractor, None))[0]
    broken.remove((evidence, IL6KG.extractor, None))
    assertion = sorted(broken.subjects(BIOLINK.negated, None))[0]
    broken.remove((assertion, BIOLINK.subject, None))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "extractor name" in result.stdout and "exactly one subject" in result.stdout
    report = validate_graph(broken)
    assert not report.conforms and len(report.violations) == 2
