"""Interactive, self-contained HTML view of the knowledge graph.

The page is built with :mod:`pyvis` (vis-network 9.1.2, inlined from the
pyvis package so the file works offline from ``file://`` and inside
notebooks) and a template of our own that adds a legend, filters, a search
box, a focus mode and a details panel.  Only concept nodes and
``assertion`` edges are drawn; papers and ``mentions`` edges are folded into
the node and edge details.

Safety: the panel data travel as one JSON blob in a
``<script type="application/json">`` element in which every ``<``, ``>`` and
``&`` is a ``\\u`` escape; the page script inserts text only through DOM APIs
(``textContent``), and vis-network 9 shows string tooltips as plain text.
So text from papers cannot inject markup.  Nodes are added through pyvis's
``add_node``/``add_edge`` on a fresh ``Network`` (never ``from_nx``, which
mutates the graph it is given): the caller's graph is only read.

Layout: small graphs use vis-network's Barnes-Hut physics with a fixed seed,
which is switched off once the layout has stabilised.  Large graphs get a
NetworkX spring layout (fixed seed) computed here, with physics off, so
the page is interactive as soon as it is drawn.  Above ``top_n`` concepts the
page first shows the ``top_n`` concepts with most evidence, with a notice
and a button that shows the whole graph.

The output is deterministic: nodes and edges are sorted, seeds are fixed and
nothing time- or run-dependent is embedded.
"""

from __future__ import annotations

import difflib
import hashlib
import html as html_lib
import json
from collections import Counter, deque
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg.export._html_data import (
    CONTEXT_MARK,
    CONTRADICTION_COLOR,
    CONTRADICTION_MARK,
    EDGE_COLORS,
    UNGROUNDED_FILL,
    assertions_of,
    category_color,
    concepts_of,
    edge_info,
    node_info,
    paper_info,
    paper_url,
    vis_edge,
    vis_node,
)
from kg.graph import KnowledgeGraph
from kg.io import atomic_write_bytes, atomic_write_text

__all__ = [
    "DEFAULT_TOP_N",
    "UnknownConceptError",
    "ViewerFrame",
    "close_matches",
    "json_for_html",
    "notebook_view",
    "paper_url",
    "render_html",
    "warm_up",
    "write_html",
]

ASSETS_DIR = Path(__file__).with_name("_html_assets")
TEMPLATE_NAME = "kg_template.html"
LAYOUT_SEED = 20140108
STABILIZATION_ITERATIONS = 400
DEFAULT_TOP_N = 400
"""Above this many concepts the page opens on the top-N by evidence."""
EDGE_LABEL_LIMIT = 300
"""In large graphs, edge labels are drawn only when at most this many edges are visible."""
PHYSICS_NODE_LIMIT = 250
"""Above this many concepts the layout is precomputed and physics stays off."""
REPULSION_SAMPLE = 256
"""Nodes each node is repelled from per layout step, at most (see :func:`_spring`)."""
LAYOUT_GRAVITY = 2.0
"""Pull towards the centre in the precomputed layout (an isolated node settles near radius 1.4)."""
LAYOUT_SPACING = 90.0
"""Canvas units per node-distance unit of the precomputed layout (times sqrt(n))."""


class UnknownConceptError(ValueError):
    """``focus`` names no concept of the graph; ``suggestions`` holds close matches."""

    def __init__(self, focus: str, suggestions: list[tuple[str, str]]) -> None:
        self.focus = focus
        self.suggestions = suggestions
        hint = "; ".join(f"{curie} ({name})" for curie, name in suggestions) or "none"
        super().__init__(f"no concept {focus!r} in the graph; close matches: {hint}")


def close_matches(graph: nx.MultiDiGraph, text: str, limit: int = 5) -> list[tuple[str, str]]:
    """Concepts whose CURIE, name or synonym resembles ``text``.

    Parameters
    ----------
    graph
        NetworkX view of the knowledge graph (only read).
    text
        What the user typed.
    limit
        Maximum number of suggestions.

    Returns
    -------
    list of (curie, name)
        Best matches first (substring hits, then fuzzy matches).
    """
    wanted = text.strip().lower()
    keys: dict[str, str] = {}
    for curie in concepts_of(graph):
        attrs = graph.nodes[curie]
        for key in (curie, attrs.get("name"), *(attrs.get("synonyms") or ())):
            if key:
                keys.setdefault(str(key).lower(), curie)
    ranked: list[str] = []
    for key in sorted(keys):
        if wanted and (wanted in key or key in wanted) and keys[key] not in ranked:
            ranked.append(keys[key])
    for key in difflib.get_close_matches(wanted, sorted(keys), n=limit * 3, cutoff=0.5):
        if keys[key] not in ranked:
            ranked.append(keys[key])
    return [(curie, str(graph.nodes[curie].get("name") or curie)) for curie in ranked[:limit]]


def _as_networkx(graph: nx.MultiDiGraph | KnowledgeGraph) -> nx.MultiDiGraph:
    return graph.to_networkx() if isinstance(graph, KnowledgeGraph) else graph


def render_html(
    graph: nx.MultiDiGraph | KnowledgeGraph,
    *,
    title: str = "il6-kg",
    focus: str | None = None,
    hops: int = 2,
    top_n: int = DEFAULT_TOP_N,
    layout_cache: Path | None = None,
) -> str:
    """Render the graph as one self-contained, interactive HTML page.

    Parameters
    ----------
    graph
        The canonical :class:`~kg.graph.KnowledgeGraph`, or its NetworkX view
        (CURIE-keyed nodes with ``category``, ``name``, ``iri``, ``grounded``,
        ``synonyms``, ``documents``; edges keyed by edge id with ``kind``
        ``"assertion"`` or ``"mentions"``, assertions optionally with
        ``contradicts`` and ``context_dependent_with`` lists of edge keys).
        The graph is not modified.
    title
        Page title and heading (escaped).
    focus
        CURIE of a concept: the page opens on its ``hops``-neighbourhood.
    hops
        Radius of the focus neighbourhood (number of claims away, >= 0).
    top_n
        When the graph has more concepts than this, the page opens on the
        ``top_n`` concepts with most evidence (all of them one click away).
    layout_cache
        A file that keeps the layout of a large graph between renders (``kg
        build`` keeps one in its output folder): a render of the same
        concepts and claims' ends reads the positions from it instead of
        computing them again (a second for 1,000 concepts). The page is the
        same with or without it.

    Returns
    -------
    str
        The HTML document.  The same graph always gives the same string.

    Raises
    ------
    UnknownConceptError
        When ``focus`` is not a concept of the graph.
    ValueError
        When ``hops`` is negative or ``top_n`` is smaller than 1.
    """
    graph = _as_networkx(graph)
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, got {hops}")
    if top_n < 1:
        raise ValueError(f"top_n must be 1 or more, got {top_n}")
    concepts = concepts_of(graph)
    concept_set = set(concepts)
    if focus is not None and focus not in concept_set:
        raise UnknownConceptError(focus, close_matches(graph, focus))
    assertions = assertions_of(graph, concept_set)

    claims: dict[str, list[str]] = {curie: [] for curie in concepts}
    sentences: Counter[str] = Counter()
    for edge_id, source, target, attrs in assertions.items:
        count = len(attrs.get("evidence") or ())
        for end in {source, target}:
            claims[end].append(edge_id)
            sentences[end] += count
    node_data = {
        curie: node_info(
            curie,
            graph.nodes[curie],
            claims[curie],
            sentences[curie] + len(set(graph.nodes[curie].get("documents") or ())),
        )
        for curie in concepts
    }
    names = {curie: info["name"] for curie, info in node_data.items()}
    edge_data = {
        edge_id: edge_info(source, target, attrs, node_data, assertions.ids_by_key)
        for edge_id, source, target, attrs in assertions.items
    }
    papers = paper_info(graph, node_data, edge_data)

    large = len(concepts) > PHYSICS_NODE_LIMIT
    ranked = sorted(concepts, key=lambda curie: (-node_data[curie]["evidence"], curie))
    top = ranked[:top_n] if len(concepts) > top_n else None
    positions = _layout(concepts, assertions.items, top or [], layout_cache) if large else {}
    net = Network(height="78vh", width="100%", directed=True, heading="", cdn_resources="in_line")
    net.options = _vis_options(large)
    for curie in concepts:
        options = vis_node(curie, node_data[curie])
        if curie in positions:
            options["x"], options["y"] = positions[curie]
        net.add_node(curie, **options)
    for edge_id, info in edge_data.items():
        options = vis_edge(edge_id, info, names)
        if large:
            # Drawing thousands of edge labels costs seconds per frame; the page
            # adds them back when a focus or filter leaves few edges visible.
            options["label"] = ""
        net.add_edge(info["subject"], info["object"], **options)

    view = {
        "focus": focus,
        "hops": hops,
        "edge_label_limit": EDGE_LABEL_LIMIT,
        "large": large,
        "top": top,
        "top_n": top_n,
    }
    blob = {"edges": edge_data, "nodes": node_data, "papers": papers, "view": view}
    categories = Counter((info["category"], info["category_label"]) for info in node_data.values())
    legend = [
        {"category": category, "color": category_color(category), "count": count, "label": label}
        for (category, label), count in sorted(categories.items())
    ]
    predicates = Counter((info["predicate"], info["predicate_label"]) for info in edge_data.values())
    summary = (
        f"{len(concepts)} concept{'s' if len(concepts) != 1 else ''}, "
        f"{len(edge_data)} claim{'s' if len(edge_data) != 1 else ''}, "
        f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"
    )
    template = _template_environment().get_template(TEMPLATE_NAME)
    nodes, edges, _, height, width, options = net.get_network_data()
    page = template.render(
        page_title=title,
        summary=summary,
        empty=not concepts,
        legend=legend,
        predicates=[{"id": p, "label": label, "count": n} for (p, label), n in sorted(predicates.items())],
        marks={"contradiction": CONTRADICTION_MARK, "context": CONTEXT_MARK},
        colors={**EDGE_COLORS, "contradiction": CONTRADICTION_COLOR, "ungrounded": UNGROUNDED_FILL},
        hops=hops,
        nodes_json=json_for_html(nodes),
        edges_json=json_for_html(edges),
        options_json=json_for_html(json.loads(options)),
        height=height,
        width=width,
        data_json=json_for_html(blob),
    )
    return page.rstrip("\n") + "\n"


def write_html(graph: nx.MultiDiGraph | KnowledgeGraph, path: Path, **options: Any) -> None:
    """Render the graph with :func:`render_html` and write it atomically.

    Parameters
    ----------
    graph
        The knowledge graph or its NetworkX view (not modified).
    path
        Destination ``.html`` file; parent directories are created.
    **options
        ``title``, ``focus``, ``hops``, ``top_n``, ``layout_cache`` as for :func:`render_html`.
    """
    atomic_write_text(Path(path), render_html(graph, **options))


class ViewerFrame:
    """The viewer as an ``<iframe srcdoc>``, displayed inline by Jupyter.

    An ``srcdoc`` frame needs no server, no file and no CDN, so it works in
    Jupyter, JupyterLab, VS Code and Colab; the sandbox lets the page run its
    own script and open paper links, nothing else.

    Attributes
    ----------
    html
        The full page from :func:`render_html`.
    height
        Frame height in CSS pixels.
    """

    def __init__(self, html: str, height: int = 720) -> None:
        self.html = html
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html_lib.escape(self.html, quote=True)}" '
            f'sandbox="allow-scripts allow-popups" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>'
        )


def notebook_view(
    graph: nx.MultiDiGraph | KnowledgeGraph, *, height: int = 720, **options: Any
) -> ViewerFrame:
    """Return the viewer for inline display in a notebook (the last expression of a cell).

    Parameters
    ----------
    graph
        The knowledge graph or its NetworkX view (not modified).
    height
        Frame height in CSS pixels.
    **options
        ``title``, ``focus``, ``hops``, ``top_n``, ``layout_cache`` as for :func:`render_html`.
    """
    return ViewerFrame(render_html(graph, **options), height=height)


def json_for_html(value: Any) -> str:
    """Serialise ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    Parameters
    ----------
    value
        JSON-compatible data.

    Returns
    -------
    str
        Compact, key-sorted JSON in which ``<``, ``>`` and ``&`` (and the
        JavaScript line separators U+2028/U+2029) are written as ``\\u`` escapes,
        so no ``</script>`` or entity can appear.
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _layout(
    concepts: list[str],
    assertions: tuple[tuple[str, str, str, dict[str, Any]], ...],
    first: list[str],
    cache: Path | None = None,
) -> dict[str, tuple[float, float]]:
    """Seeded Fruchterman-Reingold layout of the concepts, in canvas units.

    The concepts in ``first`` (the top-N the page opens on) are laid out on
    their own, so the opening view is readable; the rest are then placed
    around them with those positions fixed.  NetworkX's ``spring_layout``
    loops over nodes in Python above 500 nodes (40 s for 2,000); this
    vectorised version takes a second or two. With ``cache``, positions
    computed earlier for the same input are read from that file (see
    :func:`render_html`).
    """
    index = {curie: i for i, curie in enumerate(concepts)}
    pairs = np.array(
        sorted({(index[s], index[t]) for _, s, t, _ in assertions if s != t}), dtype=np.int64
    ).reshape(-1, 2)
    key = _layout_key(concepts, pairs, first) if cache is not None else ""
    if cache is not None and (known := _cached_layout(cache, key, concepts)) is not None:
        return known
    positions = _compute_layout(concepts, index, pairs, first)
    if cache is not None:
        plain = {"key": key, "positions": [positions[curie] for curie in concepts]}
        # Not flushed to disk: a lost cache only costs the layout's time once.
        atomic_write_bytes(cache, json.dumps(plain, separators=(",", ":")).encode(), durable=False)
    return positions


def _layout_key(concepts: list[str], pairs: np.ndarray, first: list[str]) -> str:
    """What decides a layout: its input, this module's code (the parameters) and numpy's version."""
    digest = hashlib.sha256(_module_digest().encode())
    digest.update(f"{np.__version__}\n{len(concepts)}\n".encode())
    digest.update("\n".join(concepts).encode())
    digest.update(b"\0" + pairs.astype("<i8").tobytes() + b"\0")
    digest.update("\n".join(first).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _module_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _cached_layout(cache: Path, key: str, concepts: list[str]) -> dict[str, tuple[float, float]] | None:
    """The positions kept in ``cache`` for ``key``; None if it holds another layout or cannot be read."""
    try:
        plain = json.loads(cache.read_text(encoding="utf-8"))
        if not isinstance(plain, dict) or plain.get("key") != key:
            return None
        points = plain["positions"]
        if len(points) != len(concepts):
            return None
        return {curie: (float(x), float(y)) for curie, (x, y) in zip(concepts, points, strict=True)}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, damaged or of another shape: computed again


def _compute_layout(
    concepts: list[str], index: dict[str, int], pairs: np.ndarray, first: list[str]
) -> dict[str, tuple[float, float]]:
    count = len(concepts)
    start = np.random.default_rng(LAYOUT_SEED).random((count, 2)) * 2 - 1
    fixed = np.zeros(count, dtype=bool)
    if first and len(first) < count:
        sub = np.array(sorted(index[curie] for curie in first), dtype=np.int64)
        inner = np.full(count, -1, dtype=np.int64)
        inner[sub] = np.arange(len(sub))
        keep = (inner[pairs[:, 0]] >= 0) & (inner[pairs[:, 1]] >= 0) if len(pairs) else np.zeros(0, bool)
        core = _spring(start[sub], inner[pairs[keep]], seed=LAYOUT_SEED)
        # The core takes the share of the area its node count calls for.
        start[sub] = core * (len(sub) / count) ** 0.5
        fixed[sub] = True
    points = _spring(start, pairs, seed=LAYOUT_SEED, fixed=fixed)
    scale = LAYOUT_SPACING * max(count, 1) ** 0.5
    # Rounded so the page text does not depend on the last bits of floating point.
    return {
        curie: (round(float(points[i, 0]) * scale, 1), round(float(points[i, 1]) * scale, 1))
        for curie, i in index.items()
    }


def _spring(
    start: np.ndarray,
    edges: np.ndarray,
    *,
    seed: int,
    fixed: np.ndarray | None = None,
    iterations: int = 80,
) -> np.ndarray:
    """Fruchterman-Reingold positions in [-1, 1]^2, starting from ``start`` (not modified).

    Repulsion is exact up to :data:`REPULSION_SAMPLE` nodes; above that each
    step repels every node from a seeded random sample of that size (scaled
    up), which keeps the cost linear in the number of nodes.  Nodes marked in
    ``fixed`` do not move.
    """
    rng = np.random.default_rng(seed)
    pos = np.array(start, dtype=float)
    count = len(pos)
    if count < 2:
        return pos * 0.0
    k = 2.0 / count**0.5  # ideal distance in a 2 x 2 box
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if count > REPULSION_SAMPLE:
            others = pos[rng.choice(count, REPULSION_SAMPLE, replace=False)]
            weight = count / REPULSION_SAMPLE
        else:
            others, weight = pos, 1.0
        # Per coordinate, others x nodes: the same operations in the same order as
        # on (nodes, others, 2) arrays, without numpy's slow reductions over an axis of 2.
        dx = pos[None, :, 0] - others[:, None, 0]
        dy = pos[None, :, 1] - others[:, None, 1]
        dist2 = np.maximum(dx**2 + dy**2, 1e-6)
        force = k * k / dist2
        disp = weight * np.stack(((dx * force).sum(axis=0), (dy * force).sum(axis=0)), axis=1)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * (np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= LAYOUT_GRAVITY * pos  # keeps unconnected concepts near the rest
        if fixed is not None:
            disp[fixed] = 0.0
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    if fixed is not None and fixed.any():
        return pos  # keep the fixed core where it was put
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max()
    return pos / extent if extent > 0 else pos


def warm_up() -> None:
    """Compile the page template now (a process about to fork renderers shares it with them)."""
    _template_environment().get_template(TEMPLATE_NAME)


@lru_cache(maxsize=1)
def _template_environment() -> Environment:
    """Jinja environment that finds our template and pyvis's inlined libraries."""
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    return Environment(
        loader=FileSystemLoader([str(ASSETS_DIR), str(pyvis_templates)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _vis_options(large: bool) -> dict[str, Any]:
    """vis-network options: seeded physics that stops, or a fixed layout for large graphs."""
    options: dict[str, Any] = {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {
            "shape": "dot",
            "font": {"size": 14},
            "borderWidth": 2,
            "scaling": {"label": {"enabled": True, "drawThreshold": 6}},
        },
        "edges": {
            # Curved edges add one hidden support node each: too slow for big graphs.
            "smooth": False if large else {"enabled": True, "type": "dynamic"},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
        },
    }
    if large:
        options["physics"] = {"enabled": False}
        return options
    options["physics"] = {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            # Many concepts have no claim yet; a strong pull to the centre keeps
            # them near the connected part so the fitted view stays readable.
            "gravitationalConstant": -2500,
            "centralGravity": 1.0,
            "springLength": 140,
            "springConstant": 0.04,
            "damping": 0.12,
            "avoidOverlap": 0.2,
        },
        "stabilization": {
            "enabled": True,
            "iterations": STABILIZATION_ITERATIONS,
            "updateInterval": 50,
            "fit": True,
        },
    }
    return options


def neighbourhood(graph: nx.MultiDiGraph, focus: str, hops: int) -> set[str]:
    """Concepts within ``hops`` claims of ``focus`` (direction ignored), as the page computes it.

    Parameters
    ----------
    graph
        NetworkX view of the knowledge graph (only read).
    focus
        CURIE of a concept of the graph.
    hops
        Radius (0 gives just the focus).
    """
    concept_set = set(concepts_of(graph))
    adjacent: dict[str, set[str]] = {}
    for _, source, target, _ in assertions_of(graph, concept_set).items:
        adjacent.setdefault(source, set()).add(target)
        adjacent.setdefault(target, set()).add(source)
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if seen[node] >= hops:
            continue
        for other in sorted(adjacent.get(node, ())):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return set(seen)
