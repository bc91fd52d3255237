"""Interactive, self-contained HTML view of the knowledge graph.

The page is built with :mod:`pyvis` (vis-network 9.1.2, inlined from the
pyvis package so the file works offline from ``file://``) and a small
template of our own that adds a legend and a details panel.  Only concept
nodes and ``assertion`` edges are drawn; publication nodes and ``mentions``
edges are folded into the node and edge details (the "Papers" lists).

Clicking a node shows its CURIE (linked through its ``iri``), category,
synonyms and papers.  Clicking an edge shows every supporting sentence with
the subject and object spans highlighted, the paper links, the context and
the belief.  The panel data travel as one JSON blob in a
``<script type="application/json">`` element; every ``<``, ``>`` and ``&``
in it is written as a ``\\u`` escape, and the page script inserts text only
through DOM APIs (``textContent``), so text from papers cannot inject markup.

The output is deterministic: nodes and edges are sorted, the layout seed is
fixed, and nothing time- or run-dependent is embedded.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg.io import atomic_write_text

__all__ = ["render_html", "write_html"]

# Paper nodes (biolink:Article is a Publication) are listed in panels, not drawn.
PUBLICATION_CATEGORIES = frozenset({"biolink:Publication", "biolink:Article"})
"""Category of paper nodes, which are listed in panels instead of drawn."""

ASSETS_DIR = Path(__file__).with_name("_html_assets")
TEMPLATE_NAME = "kg_template.html"
LAYOUT_SEED = 20140108
STABILIZATION_ITERATIONS = 400

CATEGORY_COLORS: dict[str, str] = {
    "biolink:Gene": "#4e79a7",
    "biolink:Protein": "#76b7f2",
    "biolink:GeneFamily": "#2f5d8a",
    "biolink:Cell": "#f28e2b",
    "biolink:CellLine": "#ffbe7d",
    "biolink:AnatomicalEntity": "#b07aa1",
    "biolink:GrossAnatomicalStructure": "#d4a6c8",
    "biolink:BiologicalProcess": "#59a14f",
    "biolink:MolecularActivity": "#8cd17d",
    "biolink:Pathway": "#86bcb6",
    "biolink:Drug": "#e15759",
    "biolink:ChemicalEntity": "#ff9d9a",
    "biolink:SmallMolecule": "#ff9d9a",
    "biolink:Disease": "#9c755f",
    "biolink:PhenotypicFeature": "#c9a58e",
    "biolink:OrganismTaxon": "#edc948",
}
"""Fixed colours for common Biolink categories (Tableau 10/20 palette)."""

FALLBACK_COLORS: tuple[str, ...] = (
    "#499894",
    "#bab0ac",
    "#d37295",
    "#a0cbe8",
    "#f1ce63",
    "#79706e",
    "#fabfd2",
    "#b6992d",
)
"""Colours for other categories, picked by a stable hash of the category."""

UNGROUNDED_FILL = "#e0e0e0"
EDGE_COLORS: dict[str, str] = {
    "increased": "#2e9e44",
    "decreased": "#d62728",
    "neutral": "#8c8c8c",
}
DIRECTION_ARROWS: dict[str, str] = {"increased": "\u2191", "decreased": "\u2193"}
CONTEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("cell_type", "Cell type"),
    ("species", "Species"),
    ("disease", "Disease"),
    ("condition", "Condition"),
    ("study_type", "Study type"),
)
LABEL_LIMIT = 40


def render_html(graph: nx.MultiDiGraph, *, title: str = "il6-kg") -> str:
    """Render the graph as one self-contained, interactive HTML page.

    Parameters
    ----------
    graph
        NetworkX view of the knowledge graph: CURIE-keyed nodes with
        ``category``, ``name``, ``iri``, ``grounded``, ``synonyms``,
        ``mention_count`` and ``documents``; edges keyed by edge id with
        ``kind`` ``"assertion"`` or ``"mentions"``.  The graph is not modified.
    title
        Page title and heading (escaped).

    Returns
    -------
    str
        The HTML document.  The same graph always gives the same string.
    """
    concepts = sorted(
        node for node, attrs in graph.nodes(data=True) if attrs.get("category") not in PUBLICATION_CATEGORIES
    )
    concept_set = set(concepts)
    assertions = sorted(
        (
            (str(key), source, target, attrs)
            for source, target, key, attrs in graph.edges(keys=True, data=True)
            if attrs.get("kind") == "assertion" and source in concept_set and target in concept_set
        ),
        key=lambda item: (item[0], item[1], item[2]),
    )
    edge_ids = _unique_edge_ids([(key, source, target) for key, source, target, _ in assertions])
    degree = Counter(source for _, source, _, _ in assertions) + Counter(
        target for _, _, target, _ in assertions
    )

    net = Network(height="78vh", width="100%", directed=True, heading="", cdn_resources="in_line")
    net.options = _vis_options()
    node_data: dict[str, dict[str, Any]] = {}
    for curie in concepts:
        attrs = graph.nodes[curie]
        info = _node_info(curie, attrs, degree[curie])
        node_data[curie] = info
        _add_node(net, curie, info)

    names = {curie: info["name"] for curie, info in node_data.items()}
    edge_data: dict[str, dict[str, Any]] = {}
    for edge_id, (_, source, target, attrs) in zip(edge_ids, assertions, strict=True):
        info = _edge_info(source, target, attrs, node_data)
        edge_data[edge_id] = info
        _add_edge(net, edge_id, source, target, info, names)

    papers = _paper_info(graph, node_data, edge_data)
    blob = {"edges": edge_data, "nodes": node_data, "papers": papers}

    categories = Counter((info["category"], info["category_label"]) for info in node_data.values())
    legend = [
        {"color": _category_color(category), "count": count, "label": label}
        for (category, label), count in sorted(categories.items())
    ]
    summary = (
        f"{len(concepts)} concept{'s' if len(concepts) != 1 else ''}, "
        f"{len(assertions)} assertion{'s' if len(assertions) != 1 else ''}, "
        f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"
    )
    template = _template_environment().get_template(TEMPLATE_NAME)
    nodes, edges, _, height, width, options = net.get_network_data()
    html = template.render(
        page_title=title,
        summary=summary,
        empty=not concepts,
        legend=legend,
        edge_colors=EDGE_COLORS,
        nodes=nodes,
        edges=edges,
        options=options,
        height=height,
        width=width,
        data_json=json_for_html(blob),
    )
    return html.rstrip("\n") + "\n"


def write_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "il6-kg") -> None:
    """Render the graph with :func:`render_html` and write it atomically.

    Parameters
    ----------
    graph
        NetworkX view of the knowledge graph (not modified).
    path
        Destination ``.html`` file; parent directories are created.
    title
        Page title and heading.
    """
    atomic_write_text(Path(path), render_html(graph, title=title))


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
    text = json.dumps(
        value,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def paper_url(document_id: str) -> str | None:
    """Return a web address for a document CURIE, when it has one.

    Parameters
    ----------
    document_id
        ``doi:...``, ``PMID:...`` or another CURIE such as ``kgdoc:...``.

    Returns
    -------
    str or None
        ``https://doi.org/...`` or ``https://pubmed.ncbi.nlm.nih.gov/.../``;
        ``None`` for other prefixes.
    """
    prefix, _, local = document_id.partition(":")
    if not local:
        return None
    if prefix.lower() == "doi":
        return "https://doi.org/" + quote(local, safe="/:;()._-")
    if prefix.lower() in {"pmid", "pubmed"} and local.strip().isdigit():
        return f"https://pubmed.ncbi.nlm.nih.gov/{local.strip()}/"
    return None


def _template_environment() -> Environment:
    """Jinja environment that finds our template and pyvis's inlined libraries."""
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    return Environment(
        loader=FileSystemLoader([str(ASSETS_DIR), str(pyvis_templates)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _vis_options() -> dict[str, Any]:
    """vis-network options: seeded layout, Barnes-Hut physics, hover tooltips."""
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": True},
        "physics": {
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
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "nodes": {
            "font": {"size": 14},
            "borderWidth": 2,
            "scaling": {"label": {"enabled": True, "drawThreshold": 3}},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "dynamic"},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
        },
    }


def _unique_edge_ids(edges: list[tuple[str, str, str]]) -> list[str]:
    """Edge keys as vis ids; keys repeated across node pairs get a ``#n`` suffix."""
    counts = Counter(key for key, _, _ in edges)
    seen: Counter[str] = Counter()
    ids = []
    for key, _, _ in edges:
        if counts[key] == 1:
            ids.append(key)
        else:
            seen[key] += 1
            ids.append(f"{key}#{seen[key]}")
    return ids


def _short(curie: Any) -> str:
    """Local part of a Biolink CURIE with underscores as spaces."""
    text = str(curie or "")
    return text.split(":", 1)[-1].replace("_", " ")


def _safe_iri(iri: Any) -> str | None:
    """Keep only http(s) addresses (never ``javascript:`` and the like)."""
    if isinstance(iri, str) and iri.lower().startswith(("http://", "https://")):
        return iri
    return None


def _category_color(category: str) -> str:
    """Colour of a Biolink category (stable across runs and machines)."""
    if category in CATEGORY_COLORS:
        return CATEGORY_COLORS[category]
    digest = hashlib.sha256(category.encode("utf-8")).digest()
    return FALLBACK_COLORS[digest[0] % len(FALLBACK_COLORS)]


def _truncate(text: str, limit: int = LABEL_LIMIT) -> str:
    """Shorten ``text`` to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _as_list(values: Any) -> list[str]:
    """Strings of a tuple/list attribute (``None`` gives ``[]``)."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(value) for value in values]


def _node_info(curie: str, attrs: dict[str, Any], degree: int) -> dict[str, Any]:
    """JSON-ready description of a concept node for the details panel."""
    category = str(attrs.get("category") or "biolink:NamedThing")
    mention_count = attrs.get("mention_count") or 0
    return {
        "category": category,
        "category_label": _short(category),
        "degree": degree,
        "grounded": bool(attrs.get("grounded", False)),
        "iri": _safe_iri(attrs.get("iri")),
        "mention_count": int(mention_count),
        "name": str(attrs.get("name") or curie),
        "papers": sorted(set(_as_list(attrs.get("documents")))),
        "synonyms": _as_list(attrs.get("synonyms")),
    }


def _add_node(net: Network, curie: str, info: dict[str, Any]) -> None:
    """Add one concept node to the pyvis network (plain-text tooltip)."""
    color = _category_color(info["category"])
    size = round(12 + 6 * math.log2(1 + max(info["mention_count"], 0)), 2)
    tooltip = "\n".join(
        [
            info["name"],
            curie,
            info["category_label"] + ("" if info["grounded"] else " (ungrounded)"),
            f"{info['mention_count']} mention(s), {len(info['papers'])} paper(s)",
        ]
    )
    if info["grounded"]:
        node_color = {
            "background": color,
            "border": color,
            "highlight": {"background": color, "border": "#222222"},
            "hover": {"background": color, "border": "#222222"},
        }
        extra: dict[str, Any] = {}
    else:
        node_color = {
            "background": UNGROUNDED_FILL,
            "border": color,
            "highlight": {"background": UNGROUNDED_FILL, "border": "#222222"},
            "hover": {"background": UNGROUNDED_FILL, "border": "#222222"},
        }
        extra = {"shapeProperties": {"borderDashes": [4, 3]}, "borderWidth": 3}
    net.add_node(
        curie,
        label=_truncate(info["name"]),
        color=node_color,
        size=size,
        title=tooltip,
        **extra,
    )


def _edge_label(attrs: dict[str, Any]) -> str:
    """Short edge label: predicate, direction arrow and aspect, NOT/? flags."""
    parts = []
    if attrs.get("negated"):
        parts.append("NOT")
    parts.append(_short(attrs.get("predicate")))
    direction = attrs.get("object_direction")
    if direction in DIRECTION_ARROWS:
        parts.append(DIRECTION_ARROWS[direction] + str(attrs.get("object_aspect") or direction))
    elif attrs.get("object_aspect"):
        parts.append(str(attrs["object_aspect"]))
    label = " ".join(parts)
    return label + "?" if attrs.get("hedged") else label


def _belief(attrs: dict[str, Any]) -> float | None:
    """Belief rounded to 3 decimals (``None`` when missing or not finite)."""
    value = attrs.get("belief")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 3) if math.isfinite(number) else None


def _segments(evidence: Any) -> list[list[str]]:
    """Split an evidence sentence into ``[text, role]`` parts, role subject/object/""."""
    sentence = str(getattr(evidence, "sentence", "") or "")
    start = getattr(evidence, "sentence_start", None)
    spans = []
    if isinstance(start, int):
        for role in ("subject", "object"):
            lo = getattr(evidence, f"{role}_start", None)
            hi = getattr(evidence, f"{role}_end", None)
            if not (isinstance(lo, int) and isinstance(hi, int)):
                continue
            lo, hi = max(lo - start, 0), min(hi - start, len(sentence))
            if lo < hi:
                spans.append((lo, hi, role))
    spans.sort()
    parts: list[list[str]] = []
    cursor = 0
    for lo, hi, role in spans:
        if lo < cursor:  # overlapping spans: keep the first one only
            continue
        if lo > cursor:
            parts.append([sentence[cursor:lo], ""])
        parts.append([sentence[lo:hi], role])
        cursor = hi
    if cursor < len(sentence) or not parts:
        parts.append([sentence[cursor:], ""])
    return parts


def _evidence_info(evidence: Any) -> dict[str, Any]:
    """JSON-ready description of one supporting sentence."""
    confidence = getattr(evidence, "confidence", None)
    extractor = str(getattr(evidence, "extractor", "") or "")
    version = str(getattr(evidence, "extractor_version", "") or "")
    return {
        "confidence": round(float(confidence), 3) if isinstance(confidence, int | float) else None,
        "document_id": str(getattr(evidence, "document_id", "") or ""),
        "extractor": f"{extractor} {version}".strip(),
        "hedged": bool(getattr(evidence, "hedged", False)),
        "negated": bool(getattr(evidence, "negated", False)),
        "segments": _segments(evidence),
    }


def _evidence_order(item: dict[str, Any]) -> tuple[Any, ...]:
    """Sort key that makes the evidence list independent of input order."""
    text = "".join(part[0] for part in item["segments"])
    return (item["document_id"], text, item["extractor"], item["confidence"] or 0.0)


def _edge_info(
    source: str, target: str, attrs: dict[str, Any], nodes: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """JSON-ready description of an assertion edge for the details panel."""
    context = []
    for field, label in CONTEXT_FIELDS:
        value = attrs.get(field)
        if value is None or value == "":
            continue
        text = str(value)
        if text in nodes:
            text = f"{nodes[text]['name']} ({text})"
        context.append([label, text])
    evidence = sorted(
        (_evidence_info(item) for item in attrs.get("evidence") or ()),
        key=_evidence_order,
    )
    publications = sorted(
        set(_as_list(attrs.get("publications"))) | {e["document_id"] for e in evidence} - {""}
    )
    predicate = str(attrs.get("predicate") or "")
    statement = ("NOT " if attrs.get("negated") else "") + _short(predicate)
    direction = attrs.get("object_direction")
    aspect = attrs.get("object_aspect")
    if direction or aspect:
        statement += " (" + " ".join(str(x) for x in (direction, aspect) if x) + ")"
    return {
        "belief": _belief(attrs),
        "context": context,
        "evidence": evidence,
        "hedged": bool(attrs.get("hedged", False)),
        "label": _edge_label(attrs),
        "negated": bool(attrs.get("negated", False)),
        "object": target,
        "object_aspect": str(aspect) if aspect else None,
        "object_direction": str(direction) if direction else None,
        "predicate": predicate,
        "publications": publications,
        "statement": statement,
        "subject": source,
    }


def _add_edge(
    net: Network,
    edge_id: str,
    source: str,
    target: str,
    info: dict[str, Any],
    names: dict[str, str],
) -> None:
    """Add one assertion edge to the pyvis network."""
    direction = info["object_direction"]
    color = EDGE_COLORS.get(direction or "", EDGE_COLORS["neutral"])
    belief = info["belief"]
    belief_text = "n/a" if belief is None else str(belief)
    counts = f"{len(info['evidence'])} sentence(s), {len(info['publications'])} paper(s)"
    tooltip = "\n".join(
        [
            f"{names[source]} {info['statement']} {names[target]}",
            f"belief {belief_text}, {counts}",
            "Click for evidence.",
        ]
    )
    options: dict[str, Any] = {
        "id": edge_id,
        "label": info["label"],
        "title": tooltip,
        "color": {"color": color, "highlight": color, "hover": color},
        "width": round(1 + 3 * (belief if belief is not None else 0.5), 2),
        "arrows": "to",
    }
    if info["negated"] or info["hedged"]:
        options["dashes"] = [8, 6] if info["negated"] else [3, 4]
    net.add_edge(source, target, **options)


def _paper_info(
    graph: nx.MultiDiGraph,
    nodes: dict[str, dict[str, Any]],
    edges: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Titles and links of every paper cited by a drawn node or edge."""
    ids: set[str] = set()
    for node in nodes.values():
        ids.update(node["papers"])
    for edge in edges.values():
        ids.update(edge["publications"])
    papers = {}
    for doc_id in sorted(ids):
        attrs = graph.nodes[doc_id] if doc_id in graph else {}
        title = attrs.get("name") if attrs.get("category") in PUBLICATION_CATEGORIES else None
        citation = ", ".join(str(x) for x in (attrs.get("journal"), attrs.get("year")) if x)
        papers[doc_id] = {
            "citation": citation or None,
            "id": doc_id,
            "title": str(title) if title else None,
            "url": paper_url(doc_id),
        }
    return papers
