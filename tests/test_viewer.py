"""Viewer features: filters, focus, top-N, contradiction marks, ``kg viz``, notebooks frame."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export._html_data import CONTRADICTION_MARK
from kg.export.html import (
    PHYSICS_NODE_LIMIT,
    UnknownConceptError,
    close_matches,
    neighbourhood,
    notebook_view,
    render_html,
    write_html,
)
from kg.export.rdf_read import knowledge_graph_from_rdf, read_turtle
from tests.browser import launch_chromium, open_page
from tests.graph_factory import synthetic_graph
from tests.test_html import IL6, MACRO, SENTENCE_1, SENTENCE_2, STAT3, TOCI, WEIRD, XSS, build_graph

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _blob(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert match
    return json.loads(match.group(1))


def _vis(html: str, name: str) -> list[dict[str, Any]]:
    return json.loads(re.search(rf"var {name} = (\[.*?\]);\n", html).group(1))


def contested_graph() -> nx.MultiDiGraph:
    """The test graph plus a contradiction (e1 <-> e2) and a context dependence (e3 -> e1)."""
    graph = build_graph()
    graph.edges[IL6, STAT3, "e1"]["contradicts"] = ["e2"]
    graph.edges[TOCI, IL6, "e2"]["contradicts"] = ["e1"]
    graph.edges[WEIRD, STAT3, "e3"]["context_dependent_with"] = ["e1", "no-such-edge"]
    return graph


def test_contradiction_and_context_marks() -> None:
    html = render_html(contested_graph())
    data = _blob(html)
    assert data["edges"]["e1"]["contradicts"] == ["e2"]
    assert data["edges"]["e2"]["contradicts"] == ["e1"]
    assert data["edges"]["e3"]["context_dependent_with"] == ["e1"]  # unknown keys are dropped
    assert data["edges"]["e1"]["context_dependent_with"] == []
    edges = {edge["id"]: edge for edge in _vis(html, "kgEdgeData")}
    assert edges["e1"]["label"].startswith(CONTRADICTION_MARK)
    assert edges["e1"]["arrows"]["middle"]["type"] == "bar" and edges["e1"]["shadow"]["enabled"]
    assert edges["e3"]["arrows"]["middle"]["type"] == "circle"
    assert "middle" not in edges["e1"]["arrows"] or edges["e1"]["arrows"]["middle"]["type"] != "circle"
    # without the attributes (the default graph) nothing is marked
    plain = {edge["id"]: edge for edge in _vis(render_html(build_graph()), "kgEdgeData")}
    assert all("middle" not in edge["arrows"] and "shadow" not in edge for edge in plain.values())


def test_bare_assertion_ids_resolve() -> None:
    graph = nx.MultiDiGraph()
    for curie in ("A:1", "A:2"):
        graph.add_node(curie, category="biolink:Gene", name=curie)
    graph.add_edge("A:1", "A:2", key="kgedge:abc", kind="assertion", predicate="biolink:affects")
    graph.add_edge(
        "A:2", "A:1", key="kgedge:def", kind="assertion", predicate="biolink:affects", contradicts=["abc"]
    )
    assert _blob(render_html(graph))["edges"]["kgedge:def"]["contradicts"] == ["kgedge:abc"]


def test_focus_validation_and_close_matches() -> None:
    graph = build_graph()
    with pytest.raises(UnknownConceptError) as info:
        render_html(graph, focus="IL-6x")
    assert info.value.suggestions[0][0] == IL6
    assert "HGNC:6018" in str(info.value)
    assert close_matches(graph, "hgnc:6018")[0] == (IL6, "IL6")
    assert close_matches(graph, "macrophages")[0][0] == MACRO
    with pytest.raises(ValueError, match="hops"):
        render_html(graph, hops=-1)
    with pytest.raises(ValueError, match="top_n"):
        render_html(graph, top_n=0)
    view = _blob(render_html(graph, focus=TOCI, hops=1))["view"]
    assert view["focus"] == TOCI and view["hops"] == 1


def test_neighbourhood() -> None:
    graph = build_graph()
    assert neighbourhood(graph, TOCI, 0) == {TOCI}
    assert neighbourhood(graph, TOCI, 1) == {TOCI, IL6}
    assert neighbourhood(graph, TOCI, 2) == {TOCI, IL6, STAT3}
    assert neighbourhood(graph, TOCI, 3) == {TOCI, IL6, STAT3, WEIRD}


def test_large_graph_top_n_and_layout() -> None:
    graph = synthetic_graph(PHYSICS_NODE_LIMIT + 50, 600, papers=40)
    before = nx.to_dict_of_dicts(graph)
    html = render_html(graph, top_n=100)
    assert nx.to_dict_of_dicts(graph) == before
    data = _blob(html)
    assert data["view"]["large"] is True
    top = data["view"]["top"]
    assert len(top) == 100 and len(set(top)) == 100
    evidence = [data["nodes"][curie]["evidence"] for curie in top]
    assert evidence == sorted(evidence, reverse=True)
    outside = set(data["nodes"]) - set(top)
    assert max(data["nodes"][curie]["evidence"] for curie in outside) <= evidence[-1]
    nodes = _vis(html, "kgNodeData")
    assert len(nodes) == PHYSICS_NODE_LIMIT + 50
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in nodes)
    assert len({(node["x"], node["y"]) for node in nodes}) == len(nodes)  # no two nodes stacked
    assert '"physics":{"enabled":false}' in html
    assert html == render_html(synthetic_graph(PHYSICS_NODE_LIMIT + 50, 600, papers=40), top_n=100)
    # below the limit, no top-N and vis physics with a seed
    small = _blob(render_html(graph, top_n=10_000))["view"]
    assert small["top"] is None


def test_render_accepts_knowledge_graph(seed_graph) -> None:
    assert render_html(seed_graph, title="t") == render_html(seed_graph.to_networkx(), title="t")


def test_rdf_round_trip(seed_graph) -> None:
    rebuilt = knowledge_graph_from_rdf(seed_graph.to_rdf())
    assert {c.curie: c for c in rebuilt.concepts} == {
        c.curie: c.__class__(
            **{**_fields(c), "synonyms": tuple(sorted(c.synonyms)), "xrefs": tuple(sorted(c.xrefs))}
        )
        for c in seed_graph.concepts
    }
    assert {a.id for a in rebuilt.assertions} == {a.id for a in seed_graph.assertions}
    original = {a.id: a for a in seed_graph.assertions}
    for assertion in rebuilt.assertions:
        assert set(assertion.evidence) == set(original[assertion.id].evidence)
        assert assertion.belief == pytest.approx(original[assertion.id].belief, abs=1e-6)
    assert set(rebuilt.links) == set(seed_graph.links)
    assert {d.id: d.title for d in rebuilt.documents} == {d.id: d.title for d in seed_graph.documents}
    assert rebuilt.conflicts == seed_graph.conflicts and seed_graph.conflicts


def _fields(concept: Any) -> dict[str, Any]:
    return {name: getattr(concept, name) for name in concept.__slots__}


def test_kg_viz_matches_build(seed_graph, tmp_path: Path) -> None:
    from kg.build import write_outputs

    outputs = write_outputs(seed_graph, tmp_path / "build")
    runner = CliRunner()
    result = runner.invoke(app, ["viz", str(tmp_path / "build"), "--out", str(tmp_path / "v.html")])
    assert result.exit_code == 0, result.output
    # the page drawn from graph.ttl is the page kg build drew from the graph in memory
    assert (tmp_path / "v.html").read_bytes() == outputs.html.read_bytes()
    result = runner.invoke(app, ["viz", str(outputs.turtle), "--focus", "HGNC:6018", "--hops", "1"])
    assert result.exit_code == 0, result.output
    assert _blob((tmp_path / "build" / "view.html").read_text())["view"]["focus"] == "HGNC:6018"
    assert read_turtle(outputs.turtle).concept("HGNC:6018") is not None


def test_kg_viz_bad_input(seed_graph, tmp_path: Path) -> None:
    from kg.build import write_outputs

    write_outputs(seed_graph, tmp_path / "build")
    runner = CliRunner()
    result = runner.invoke(app, ["viz", str(tmp_path / "build"), "--focus", "interleukin 6"])
    assert result.exit_code == 2
    assert "no concept 'interleukin 6'" in result.output and "HGNC:6018" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["viz", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "kg build" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    result = runner.invoke(app, ["viz", str(bad)])
    assert result.exit_code == 2 and "not valid Turtle" in " ".join(result.output.split())
    result = runner.invoke(app, ["viz", str(tmp_path / "build"), "--hops", "-1"])
    assert result.exit_code == 2


def test_notebook_frame() -> None:
    frame = notebook_view(build_graph(), height=500, title="nb")
    markup = frame._repr_html_()
    assert markup.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts allow-popups"' in markup
    assert "height:500px" in markup
    assert "<script" not in markup.split("sandbox=")[0]  # the page is an escaped attribute value
    assert XSS not in markup


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


def _visible(page: Any) -> dict[str, int]:
    return page.evaluate("window.kgVisibleCounts()")


def test_filters_search_focus_in_browser(chromium: Any, tmp_path: Path) -> None:
    path = tmp_path / "contested.html"
    write_html(contested_graph(), path, title=f"IL-6 {XSS}")
    with open_page(chromium, path) as view:
        page = view.page
        page.wait_for_function("window.kgReady === true")
        assert page.evaluate("window.kgNetwork.body.data.nodes.length") == 5
        assert _visible(page) == {"nodes": 5, "edges": 3}
        assert "showing 5 of 5 concepts and 3 of 3 claims" in page.locator("#kg-visible").inner_text()

        # category filter hides the Drug and its claim
        page.locator("[data-category='biolink:Drug']").uncheck()
        assert _visible(page) == {"nodes": 4, "edges": 2}
        assert page.evaluate(f"window.kgNetwork.body.data.nodes.get('{TOCI}').hidden") is True
        page.locator("[data-category='biolink:Drug']").check()
        assert _visible(page) == {"nodes": 5, "edges": 3}

        # hide negated, minimum belief, predicate filter
        page.locator("#kg-hide-negated").check()
        assert _visible(page)["edges"] == 2
        page.locator("#kg-hide-negated").uncheck()
        page.locator("#kg-min-belief").fill("0.5")
        assert _visible(page)["edges"] == 2  # e3 (belief 0.4) is hidden
        assert page.locator("#kg-min-belief-value").inner_text() == "0.50"
        page.locator("#kg-min-belief").fill("0")
        page.locator("[data-predicate='biolink:affects']").uncheck()
        assert _visible(page) == {"nodes": 5, "edges": 0}
        page.locator("[data-predicate='biolink:affects']").check()

        # search box: typing lists matches, clicking one opens the node panel
        page.locator("#kg-search").fill("interleukin")
        results = page.locator("#kg-search-results button")
        assert results.count() == 1 and IL6 in results.first.inner_text()
        results.first.click()
        details = page.locator("#kg-details")
        assert "HGNC:6018" in details.inner_text()
        assert details.locator("a[href='https://bioregistry.io/HGNC:6018']").count() == 1

        # focus mode from the panel, then change hops, then clear
        page.locator("#kg-hops").fill("1")
        page.locator("#kg-hops").dispatch_event("change")
        details.get_by_role("button", name="Focus on this concept").click()
        assert _visible(page) == {"nodes": 3, "edges": 2}  # IL6, STAT3, tocilizumab
        assert "Focus: IL6 (HGNC:6018), 1 hop" in page.locator("#kg-focus-label").inner_text()
        page.locator("#kg-clear-focus").click()
        assert _visible(page) == {"nodes": 5, "edges": 3}

        # a contradicted claim lists the claim that contradicts it; clicking it opens that one
        assert page.evaluate("window.kgShowEdge('e1')") is True
        assert "Contradicted by (1)" in details.inner_text()
        assert SENTENCE_1 in details.inner_text()
        details.locator("h3.kg-contradicts + ul button").click()
        assert SENTENCE_2 in details.inner_text()
        page.evaluate("window.kgShowEdge('e3')")
        assert "Differs by context from (1)" in details.inner_text()

        assert page.evaluate("typeof window.__xss") == "undefined"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(tmp_path / "contested.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / "viewer_contested.png"), full_page=True)
        assert (tmp_path / "contested.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        view.assert_clean()


def test_cli_focus_opens_on_neighbourhood(chromium: Any, tmp_path: Path) -> None:
    path = tmp_path / "focus.html"
    write_html(build_graph(), path, focus=TOCI, hops=1)
    with open_page(chromium, path) as view:
        page = view.page
        page.wait_for_function("window.kgReady === true")
        assert _visible(page) == {"nodes": 2, "edges": 1}
        assert "tocilizumab" in page.locator("#kg-details").inner_text()
        view.assert_clean()


def test_large_graph_in_browser(chromium: Any, tmp_path: Path) -> None:
    graph = synthetic_graph(600, 1200, papers=60)
    path = tmp_path / "large.html"
    write_html(graph, path, top_n=150)
    concepts = sum(1 for _, attrs in graph.nodes(data=True) if attrs["category"] != "biolink:Article")
    with open_page(chromium, path) as view:
        page = view.page
        page.wait_for_function("window.kgReady === true")
        assert page.evaluate("window.kgNetwork.body.data.nodes.length") == concepts
        assert page.evaluate("window.kgNetwork.physics.physicsEnabled") is False
        shown = _visible(page)
        assert shown["nodes"] == 150
        notice = page.locator("#kg-notice")
        assert notice.is_visible() and "150 concepts with most evidence of 600" in notice.inner_text()
        page.locator("#kg-show-all").click()
        assert _visible(page) == {"nodes": 600, "edges": 1200}
        page.locator("#kg-show-all").click()
        assert _visible(page)["nodes"] == 150
        # few edges visible: labels come back
        first = page.evaluate(
            "Object.keys(window.kgData.nodes).sort().find(id => window.kgData.nodes[id].claims.length === 2)"
        )
        page.evaluate(f"window.kgSetFocus('{first}')")
        page.locator("#kg-hops").fill("0")
        page.locator("#kg-hops").dispatch_event("change")
        assert _visible(page) == {"nodes": 1, "edges": 0}
        page.locator("#kg-hops").fill("1")
        page.locator("#kg-hops").dispatch_event("change")
        assert 2 <= _visible(page)["edges"] <= page.evaluate("window.kgData.view.edge_label_limit")
        edge = page.evaluate(
            "Object.keys(window.kgData.edges).find(id => !window.kgNetwork.body.data.edges.get(id).hidden)"
        )
        assert page.evaluate(f"window.kgNetwork.body.data.edges.get('{edge}').label") != ""
        page.evaluate("window.kgSetFocus(null)")
        assert page.evaluate(f"window.kgNetwork.body.data.edges.get('{edge}').label") == ""
        page.screenshot(path=str(tmp_path / "large.png"))
        view.assert_clean()


def test_layout_cache_gives_the_same_page_without_computing_again(tmp_path: Path, monkeypatch) -> None:
    import kg.export.html as html_module

    graph = synthetic_graph(PHYSICS_NODE_LIMIT + 20, 500, papers=30)
    cache = tmp_path / "layout.json"
    plain = render_html(graph, top_n=50)
    assert render_html(graph, top_n=50, layout_cache=cache) == plain
    assert json.loads(cache.read_text())["key"]

    def no_layout(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the layout was computed again")

    monkeypatch.setattr(html_module, "_spring", no_layout)
    assert render_html(graph, top_n=50, layout_cache=cache) == plain  # read from the cache
    # Another claim between two concepts changes the layout's input: computed again.
    changed = graph.copy()
    curies = sorted(node for node in graph if str(node).startswith("SYN:"))
    assert not graph.has_edge(curies[0], curies[-1])
    claim = next(attrs for _, _, attrs in graph.edges(data=True) if attrs.get("kind") == "assertion")
    changed.add_edge(curies[0], curies[-1], key="extra", **claim)
    with pytest.raises(AssertionError, match="computed again"):
        render_html(changed, top_n=50, layout_cache=cache)
    monkeypatch.undo()
    # A damaged cache file is not an error: the layout is computed and the file rewritten.
    cache.write_text("{not json", encoding="utf-8")
    assert render_html(graph, top_n=50, layout_cache=cache) == plain
    assert json.loads(cache.read_text())["key"]
