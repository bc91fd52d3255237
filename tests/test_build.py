"""The main job on the seed papers, as a user runs it (the ``kg`` CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import SEEDS

runner = CliRunner()

# Concepts each seed names, with the identifier a curator would pick.
EXPECTED_GROUNDINGS = {
    "HGNC:6018": "biolink:Gene",  # IL-6
    "HGNC:11364": "biolink:Gene",  # STAT3
    "HGNC:12680": "biolink:Gene",  # VEGF-A
    "HGNC:4910": "biolink:Gene",  # HIF-1alpha
    "HGNC:6019": "biolink:Gene",  # IL-6R
    "HGNC:19391": "biolink:Gene",  # SOCS3
    "HGNC:9662": "biolink:Gene",  # SIRPalpha
    "CL:0000235": "biolink:Cell",  # macrophage
    "CL:0000625": "biolink:Cell",  # CD8+ T cell
    "CL:0000084": "biolink:Cell",  # T cell
    "DRUGBANK:DB09036": "biolink:Drug",  # siltuximab
    "DRUGBANK:DB00112": "biolink:Drug",  # bevacizumab
    "DRUGBANK:DB01268": "biolink:Drug",  # sunitinib
    "GO:0001525": "biolink:BiologicalProcess",  # angiogenesis
    "NCBITaxon:10090": "biolink:OrganismTaxon",  # mouse
}


def run_cli(*args: str):
    result = runner.invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", str(SEEDS), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_every_view(built: Path) -> None:
    for name in ("graph.ttl", "nodes.tsv", "edges.tsv", "graph.html"):
        assert (built / name).stat().st_size > 0, name


def test_seed_concepts_are_grounded(seed_graph) -> None:
    categories = {concept.curie: concept.category for concept in seed_graph.concepts}
    missing = {curie for curie in EXPECTED_GROUNDINGS if curie not in categories}
    assert not missing
    assert all(categories[curie] == category for curie, category in EXPECTED_GROUNDINGS.items())


def test_every_mention_has_a_curie_and_category(seed_graph) -> None:
    assert seed_graph.mentions
    known = {concept.curie for concept in seed_graph.concepts}
    assert all(m.curie in known and m.category.startswith("biolink:") for m in seed_graph.mentions)


def test_keywords_and_mesh_are_paper_links_not_claims(seed_graph) -> None:
    vias = {link.via for link in seed_graph.links}
    assert {"text", "keyword", "mesh"} <= vias
    claim_ends = {a.subject for a in seed_graph.assertions} | {a.object for a in seed_graph.assertions}
    assert not claim_ends & {document.id for document in seed_graph.documents}


def test_il6_promotes_angiogenesis_with_two_papers(seed_graph) -> None:
    claims = [
        a
        for a in seed_graph.assertions
        if (a.subject, a.object) == ("HGNC:6018", "GO:0001525")
        and a.object_direction == "increased"
        and not a.negated
    ]
    papers = {e.document_id for claim in claims for e in claim.evidence}
    assert {"doi:10.1016/j.critrevonc.2013.08.004", "doi:10.1016/j.smim.2014.01.008"} <= papers


def test_il6_signalling_increases_socs3_expression_in_macrophages(seed_graph) -> None:
    matches = [a for a in seed_graph.assertions if a.subject == "GO:0070102" and a.object == "HGNC:19391"]
    assert len(matches) == 1
    claim = matches[0]
    assert (claim.object_direction, claim.object_aspect) == ("increased", "expression")
    assert claim.context.cell_type == "CL:0000235"
    evidence = claim.evidence[0]
    document = next(d for d in seed_graph.documents if d.id == evidence.document_id)
    assert document.text[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
    assert "blockade" in evidence.sentence
    assert document.text[evidence.object_start : evidence.object_end] == "suppressor of cytokine signaling 3"
    assert evidence.extractor.startswith("il6kg.rules") and evidence.extractor_version


def test_query_positive_effects_of_il6(built: Path) -> None:
    result = run_cli(
        "query",
        "positive_effects",
        "--graph",
        str(built / "graph.ttl"),
        "--param",
        "concept=HGNC:6018",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    angiogenesis = [row for row in rows if row["object"] == "GO:0001525"]
    assert angiogenesis and all(row["sentence"] for row in angiogenesis)


def test_free_text_sparql_and_csv(built: Path) -> None:
    sparql = "SELECT ?name WHERE { HGNC:6018 rdfs:label ?name }"
    result = run_cli("query", sparql, "--graph", str(built / "graph.ttl"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["name", "IL6"]


def test_malformed_sparql_exits_2_with_position(built: Path) -> None:
    result = run_cli("query", "SELECT ?x WHERE { ?x ?y }", "--graph", str(built / "graph.ttl"))
    assert result.exit_code == 2
    assert "line 1" in result.output and "Traceback" not in result.output


def test_query_table_shows_values_as_text_not_markup(built: Path) -> None:
    sparql = 'SELECT ?x WHERE { BIND("[des-Arg9]bradykinin [/b]" AS ?x) }'
    result = run_cli("query", sparql, "--graph", str(built / "graph.ttl"))
    assert result.exit_code == 0, result.output
    assert "[des-Arg9]bradykinin [/b]" in result.stdout


def test_build_summary_keeps_negated_labels() -> None:
    from rich.console import Console

    from kg.cli import summary_tables
    from kg.graph import GraphSummary

    summary = GraphSummary(
        documents=1,
        problems=0,
        mentions=2,
        concepts=2,
        concepts_by_category=(("biolink:Gene", 2),),
        edges_by_predicate=(("biolink:affects (decreased)", 3), ("biolink:affects (decreased) [negated]", 1)),
        contradictions=0,
        context_dependent=0,
    )
    console = Console(record=True, width=120)
    console.print(*summary_tables(summary))
    assert "biolink:affects (decreased) [negated]" in console.export_text()


def test_stats(built: Path) -> None:
    result = run_cli("stats", "--graph", str(built / "graph.ttl"))
    assert result.exit_code == 0, result.output
    assert "biolink:Gene" in result.stdout and "biolink:affects" in result.stdout


def test_build_twice_is_byte_identical(built: Path, tmp_path: Path) -> None:
    # A separate process, so no state is shared with the first build.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(tmp_path)],
        check=True,
        env=env,
        capture_output=True,
    )
    names = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "edges.tsv", "nodes.tsv", "graph.html")
    for name in names:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_bad_files_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "empty.txt").write_bytes(b"")
    (papers / "[draft]empty.txt").write_bytes(b"")  # brackets: Rich markup, unless escaped
    (papers / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (papers / "latin1.txt").write_bytes(
        "Interleukin-6 in Müller cells\n\nIL-6 promotes angiogenesis.".encode("latin-1")
    )
    (papers / "good.txt").write_text("IL-6 and angiogenesis\n\nIL-6 promotes angiogenesis.", encoding="utf-8")
    result = run_cli("build", str(papers), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    for name in ("empty.txt", "[draft]empty.txt", "binary.txt", "latin1.txt"):
        assert name in result.output
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_nothing_usable_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert not (tmp_path / "out").exists()


def test_seed_graph_html_opens_in_chromium(built: Path, seed_graph) -> None:
    from tests.browser import launch_chromium, open_page

    with launch_chromium() as browser, open_page(browser, built / "graph.html") as view:
        view.page.wait_for_function("window.kgReady === true", timeout=30_000)
        drawn = view.page.evaluate("window.kgNetwork.body.data.nodes.length")
        view.assert_clean()
    network = seed_graph.to_networkx()
    concepts = [n for n, data in network.nodes(data=True) if data["category"] != "biolink:Article"]
    assert drawn == len(concepts) > 20
