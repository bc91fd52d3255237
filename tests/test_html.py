"""Tests of the interactive HTML view (:mod:`kg.export.html`)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.export._html_data import CATEGORY_COLORS, UNGROUNDED_FILL
from kg.export.html import (
    json_for_html,
    paper_url,
    render_html,
    write_html,
)
from kg.model import Evidence
from tests.browser import launch_chromium, open_page

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
DOC_A = "doi:10.1016/j.smim.2014.01.008"
DOC_B = "PMID:24485792"
DOC_C = "kgdoc:ab12cd34"
IL6 = "HGNC:6018"
STAT3 = "HGNC:11364"
MACRO = "CL:0000235"
TOCI = "CHEBI:85051"
WEIRD = "kgconcept:weird"  # ungrounded concept whose name carries the payload


def _evidence(doc: str, sentence: str, offset: int, subject: str, obj: str, **flags: Any) -> Evidence:
    """Evidence whose subject/object spans are the first occurrences of the given words."""
    s = sentence.index(subject)
    o = sentence.index(obj)
    return Evidence(
        document_id=doc,
        sentence=sentence,
        sentence_start=offset,
        sentence_end=offset + len(sentence),
        subject_start=offset + s,
        subject_end=offset + s + len(subject),
        object_start=offset + o,
        object_end=offset + o + len(obj),
        extractor="rules",
        extractor_version="0.1",
        confidence=0.8,
        **flags,
    )


SENTENCE_1 = "IL-6 strongly induces STAT3 phosphorylation in hepatocytes."
SENTENCE_2 = "Tocilizumab did not reduce IL-6 levels in these patients."
SENTENCE_3 = f"Weird {XSS} may increase STAT3 expression."


def _concept(graph: nx.MultiDiGraph, curie: str, category: str, name: str, **extra: Any) -> None:
    graph.add_node(
        curie,
        category=category,
        name=name,
        iri=extra.pop("iri", f"https://example.org/{curie}"),
        grounded=extra.pop("grounded", True),
        synonyms=extra.pop("synonyms", ()),
        mention_count=extra.pop("mention_count", 1),
        documents=extra.pop("documents", (DOC_A,)),
        **extra,
    )


def build_graph() -> nx.MultiDiGraph:
    """Five concepts, three papers, three assertions (one negated, one with XSS)."""
    graph = nx.MultiDiGraph()
    _concept(
        graph,
        IL6,
        "biolink:Gene",
        "IL6",
        synonyms=("IL-6", "interleukin 6"),
        mention_count=12,
        documents=(DOC_A, DOC_B, DOC_C),
        iri="http://identifiers.org/hgnc/6018",
    )
    _concept(graph, STAT3, "biolink:Gene", "STAT3", mention_count=5, documents=(DOC_A, DOC_C))
    _concept(graph, MACRO, "biolink:Cell", "macrophage", mention_count=2)
    _concept(graph, TOCI, "biolink:Drug", "tocilizumab", mention_count=3, documents=(DOC_B,))
    _concept(
        graph,
        WEIRD,
        "biolink:BiologicalProcess",
        f"Weird {XSS}",
        grounded=False,
        synonyms=(XSS,),
        documents=(DOC_C,),
        iri="javascript:alert(1)",
    )
    graph.add_node(
        DOC_A,
        category="biolink:Publication",
        name="IL-6 in inflammation",
        journal="Semin Immunol",
        year=2014,
    )
    graph.add_node(
        DOC_B,
        category="biolink:Publication",
        name=f"Title with {XSS}",
        journal="J Test",
        year=2020,
    )
    graph.add_node(
        DOC_C,
        category="biolink:Publication",
        name="Anonymous upload",
        journal=None,
        year=None,
    )
    for doc, concepts in (
        (DOC_A, (IL6, STAT3, MACRO)),
        (DOC_B, (IL6, TOCI)),
        (DOC_C, (IL6, STAT3, WEIRD)),
    ):
        for curie in concepts:
            graph.add_edge(
                doc,
                curie,
                key=f"m-{doc}-{curie}",
                kind="mentions",
                predicate="biolink:mentions",
            )
    common = {
        "kind": "assertion",
        "hedged": False,
        "cell_type": None,
        "species": None,
        "disease": None,
        "condition": None,
        "study_type": None,
    }
    graph.add_edge(
        IL6,
        STAT3,
        key="e1",
        **{
            **common,
            "predicate": "biolink:affects",
            "object_aspect": "phosphorylation",
            "object_direction": "increased",
            "negated": False,
            "belief": 0.9,
            "cell_type": "CL:0000182",
            "species": "NCBITaxon:9606",
            "publications": (DOC_A,),
            "evidence": (_evidence(DOC_A, SENTENCE_1, 120, "IL-6", "STAT3"),),
        },
    )
    graph.add_edge(
        TOCI,
        IL6,
        key="e2",
        **{
            **common,
            "predicate": "biolink:affects",
            "object_aspect": "abundance",
            "object_direction": "decreased",
            "negated": True,
            "belief": 0.6,
            "disease": "MONDO:0008383",
            "study_type": "clinical trial",
            "publications": (DOC_B,),
            "evidence": (_evidence(DOC_B, SENTENCE_2, 0, "Tocilizumab", "IL-6", negated=True),),
        },
    )
    graph.add_edge(
        WEIRD,
        STAT3,
        key="e3",
        **{
            **common,
            "predicate": "biolink:affects",
            "object_aspect": "expression",
            "object_direction": None,
            "negated": False,
            "hedged": True,
            "belief": 0.4,
            "condition": XSS,
            "publications": (DOC_C,),
            "evidence": (_evidence(DOC_C, SENTENCE_3, 7, "Weird", "STAT3", hedged=True),),
        },
    )
    return graph


def _snapshot(graph: nx.MultiDiGraph) -> tuple[Any, ...]:
    nodes = [(n, copy.deepcopy(dict(a))) for n, a in graph.nodes(data=True)]
    edges = [(u, v, k, copy.deepcopy(dict(a))) for u, v, k, a in graph.edges(keys=True, data=True)]
    return nodes, edges, dict(graph.graph)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph()


def test_render_is_deterministic(graph: nx.MultiDiGraph) -> None:
    first = render_html(graph, title="IL-6 graph")
    assert first == render_html(graph, title="IL-6 graph")
    assert first == render_html(build_graph(), title="IL-6 graph")
    # insertion order does not matter either
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(sorted(graph.nodes(data=True), reverse=True))
    reordered.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda e: e[2], reverse=True))
    assert render_html(reordered, title="IL-6 graph") == first


def test_output_is_self_contained(graph: nx.MultiDiGraph) -> None:
    html = render_html(graph)
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, flags=re.IGNORECASE)
    for tag in tags:
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", tag, re.IGNORECASE), tag
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert "vis.Network" in html  # vis-network is inlined


def test_input_graph_not_mutated(graph: nx.MultiDiGraph) -> None:
    before = _snapshot(graph)
    render_html(graph)
    assert _snapshot(graph) == before


def test_payload_is_escaped(graph: nx.MultiDiGraph) -> None:
    html = render_html(graph, title=f"Title {XSS}")
    assert XSS not in html
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    # the page title appears escaped
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    # the body holds no script element except ours: the data blob and the view script
    body = html.split("<body>", 1)[1]
    assert len(re.findall(r"<script\b", body)) == 2


def test_data_blob_content(graph: nx.MultiDiGraph) -> None:
    html = render_html(graph)
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert match
    data = json.loads(match.group(1))
    assert sorted(data["nodes"]) == sorted([IL6, STAT3, MACRO, TOCI, WEIRD])
    assert sorted(data["edges"]) == ["e1", "e2", "e3"]
    assert data["nodes"][WEIRD]["iri"] is None  # javascript: IRIs are dropped
    assert data["nodes"][IL6]["papers"] == sorted([DOC_A, DOC_B, DOC_C])
    edge = data["edges"]["e1"]
    assert edge["evidence"][0]["segments"] == [
        ["IL-6", "subject"],
        [" strongly induces ", ""],
        ["STAT3", "object"],
        [" phosphorylation in hepatocytes.", ""],
    ]
    assert ["Cell type", "CL:0000182"] in edge["context"]
    assert data["edges"]["e2"]["negated"] is True
    assert data["papers"][DOC_A]["url"] == "https://doi.org/10.1016/j.smim.2014.01.008"
    assert data["papers"][DOC_B]["url"] == "https://pubmed.ncbi.nlm.nih.gov/24485792/"
    assert data["papers"][DOC_C]["url"] is None
    assert data["papers"][DOC_A]["title"] == "IL-6 in inflammation"


def test_json_for_html_escapes_markup() -> None:
    text = json_for_html({"a": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><b>&amp;\u2028"}


def test_paper_url() -> None:
    assert paper_url("doi:10.1/x y") == "https://doi.org/10.1/x%20y"
    assert paper_url("PMID:123") == "https://pubmed.ncbi.nlm.nih.gov/123/"
    assert paper_url("kgdoc:ab12") is None


def test_only_concepts_and_assertions_drawn(graph: nx.MultiDiGraph) -> None:
    html = render_html(graph)
    nodes = json.loads(re.search(r"var kgNodeData = (\[.*?\]);\n", html).group(1))
    edges = json.loads(re.search(r"var kgEdgeData = (\[.*?\]);\n", html).group(1))
    assert [n["id"] for n in nodes] == sorted([IL6, STAT3, MACRO, TOCI, WEIRD])
    assert [e["id"] for e in edges] == ["e1", "e2", "e3"]
    by_id = {e["id"]: e for e in edges}
    assert by_id["e2"]["dashes"] and by_id["e3"]["dashes"] and "dashes" not in by_id["e1"]
    assert by_id["e1"]["label"] == "affects \u2191phosphorylation"
    by_node = {n["id"]: n for n in nodes}
    assert by_node[IL6]["color"]["background"] == CATEGORY_COLORS["biolink:Gene"]
    assert by_node[TOCI]["color"]["background"] == CATEGORY_COLORS["biolink:Drug"]
    weird = by_node[WEIRD]
    assert weird["shapeProperties"]["borderDashes"]
    assert weird["color"]["background"] == UNGROUNDED_FILL
    assert weird["color"]["border"] == CATEGORY_COLORS["biolink:BiologicalProcess"]
    big, small = (next(n for n in nodes if n["id"] == c)["size"] for c in (IL6, MACRO))
    assert big > small


def test_write_html(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.html"
    write_html(graph, target, title="t")
    assert target.read_text(encoding="utf-8") == render_html(graph, title="t")


def test_empty_graph_notice() -> None:
    html = render_html(nx.MultiDiGraph())
    assert "This graph has no concepts yet" in html
    assert "var kgNodeData = [];" in html


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


def test_page_in_browser(chromium: Any, graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(graph, path, title=f"IL-6 {XSS}")
    with open_page(chromium, path) as view:
        page = view.page
        page.wait_for_function("window.kgReady === true")
        assert page.evaluate("window.kgNetwork.body.data.nodes.length") == 5
        assert page.evaluate("window.kgNetwork.body.data.edges.length") == 3
        assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is False
        assert page.title() == f"IL-6 {XSS}"

        # a real mouse click on a node fills the panel
        box = page.locator("#mynetwork").bounding_box()
        point = page.evaluate(
            f"window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions(['{IL6}'])['{IL6}'])"
        )
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        details = page.locator("#kg-details")
        assert "HGNC:6018" in details.inner_text()
        assert "interleukin 6" in details.inner_text()
        assert details.locator("a[href='http://identifiers.org/hgnc/6018']").count() == 1

        # the node whose name is the payload shows it as text
        assert page.evaluate(f"window.kgShowNode('{WEIRD}')") is True
        assert XSS in details.inner_text()
        assert details.locator("img").count() == 0 and details.locator("script").count() == 0

        # an edge: select it and call the click handler
        page.evaluate("window.kgNetwork.selectEdges(['e1']); window.kgShowEdge('e1')")
        text = details.inner_text()
        assert SENTENCE_1 in text
        assert details.locator("mark.kg-subject").inner_text() == "IL-6"
        assert details.locator("mark.kg-object").inner_text() == "STAT3"
        assert details.locator("a[href='https://doi.org/10.1016/j.smim.2014.01.008']").count() >= 1
        assert "0.9" in text and "Cell type" in text

        # the payload sentence, condition and paper title are inert text
        page.evaluate("window.kgShowEdge('e3')")
        assert SENTENCE_3 in details.inner_text()
        page.evaluate("window.kgShowEdge('e2')")
        assert SENTENCE_2 in details.inner_text() and f"Title with {XSS}" in details.inner_text()

        # hover tooltips (plain text) do not run the payload either
        point = page.evaluate(
            f"window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions(['{WEIRD}'])['{WEIRD}'])"
        )
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(400)
        assert page.evaluate("typeof window.__xss") == "undefined"

        # the canvas has really been drawn on
        coloured = page.evaluate(
            """() => {
                const canvas = document.querySelector('#mynetwork canvas');
                const ctx = canvas.getContext('2d');
                const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < img.length; i += 4) { if (img[i + 3] > 0) n++; }
                return n;
            }"""
        )
        assert coloured > 1000

        shot = tmp_path / "graph.png"
        page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
        view.assert_clean()


def test_empty_page_in_browser(chromium: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    with open_page(chromium, path) as view:
        page = view.page
        page.wait_for_function("window.kgReady === true")
        notice = page.locator("#kg-empty")
        assert notice.is_visible()
        assert "This graph has no concepts yet" in notice.inner_text()
        assert page.evaluate("window.kgNetwork.body.data.nodes.length") == 0
        page.screenshot(path=str(tmp_path / "empty.png"))
        view.assert_clean()
