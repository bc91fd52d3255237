"""Turn the NetworkX view into the JSON the HTML viewer draws and shows.

Everything here is pure: the caller's graph is only read, and each function
returns new dicts.  :mod:`kg.export.html` assembles the page from them.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import networkx as nx

from kg.namespaces import PROJECT_PREFIXES

# Paper nodes (biolink:Article is a Publication) are listed in panels, not drawn.
PUBLICATION_CATEGORIES = frozenset({"biolink:Publication", "biolink:Article"})
"""Category of paper nodes, which are listed in panels instead of drawn."""

CATEGORY_COLORS: dict[str, str] = {
    "biolink:Gene": "#4e79a7",
    "biolink:Protein": "#76b7f2",
    "biolink:GeneFamily": "#2f5d8a",
    "biolink:Cell": "#f28e2b",
    "biolink:CellLine": "#ffbe7d",
    "biolink:AnatomicalEntity": "#b07aa1",
    "biolink:GrossAnatomicalStructure": "#d4a6c8",
    "biolink:CellularComponent": "#d7b5a6",
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
CONTRADICTION_COLOR = "#ff7f0e"
DIRECTION_ARROWS: dict[str, str] = {"increased": "\u2191", "decreased": "\u2193"}
CONTRADICTION_MARK = "\u26a1"  # high-voltage sign: "another claim says the opposite"
CONTEXT_MARK = "\u25c7"  # white diamond: "the effect differs in another context"
CONTEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("cell_type", "Cell type"),
    ("species", "Species"),
    ("disease", "Disease"),
    ("condition", "Condition"),
    ("study_type", "Study type"),
)
LABEL_LIMIT = 40
MAX_NODE_SIZE = 42
RESOLVER = "https://bioregistry.io/"
"""Resolver for identifiers (Bioregistry redirects to the source database)."""


@dataclass(frozen=True, slots=True)
class Assertions:
    """The drawn assertion edges: ``(vis id, subject, object, attrs)`` sorted by key."""

    items: tuple[tuple[str, str, str, dict[str, Any]], ...]
    ids_by_key: dict[str, tuple[str, ...]]


def concepts_of(graph: nx.MultiDiGraph) -> list[str]:
    """Sorted CURIEs of the concept nodes (every node that is not a paper)."""
    return sorted(
        str(node)
        for node, attrs in graph.nodes(data=True)
        if attrs.get("category") not in PUBLICATION_CATEGORIES
    )


def assertions_of(graph: nx.MultiDiGraph, concepts: set[str]) -> Assertions:
    """Assertion edges between concepts, with unique vis ids.

    Edge keys repeated across node pairs get a ``#n`` suffix, so every drawn
    edge has its own id; ``ids_by_key`` maps each key to its ids so that
    ``contradicts`` references (edge keys) can be resolved.
    """
    found = sorted(
        (
            (str(key), str(source), str(target), attrs)
            for source, target, key, attrs in graph.edges(keys=True, data=True)
            if attrs.get("kind") == "assertion" and source in concepts and target in concepts
        ),
        key=lambda item: (item[0], item[1], item[2]),
    )
    counts = Counter(key for key, _, _, _ in found)
    seen: Counter[str] = Counter()
    items = []
    ids_by_key: dict[str, list[str]] = {}
    for key, source, target, attrs in found:
        if counts[key] == 1:
            edge_id = key
        else:
            seen[key] += 1
            edge_id = f"{key}#{seen[key]}"
        items.append((edge_id, source, target, attrs))
        ids_by_key.setdefault(key, []).append(edge_id)
    return Assertions(tuple(items), {key: tuple(ids) for key, ids in ids_by_key.items()})


def short(curie: Any) -> str:
    """Local part of a Biolink CURIE with underscores as spaces."""
    text = str(curie or "")
    return text.split(":", 1)[-1].replace("_", " ")


def safe_url(url: Any) -> str | None:
    """Keep only http(s) addresses (never ``javascript:`` and the like)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def resolver_url(curie: str) -> str | None:
    """Bioregistry address of an external identifier (``None`` for il6-kg's own)."""
    prefix, _, local = curie.partition(":")
    if not local or prefix in PROJECT_PREFIXES:
        return None
    return RESOLVER + quote(curie, safe=":/._-")


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


def category_color(category: str) -> str:
    """Colour of a Biolink category (stable across runs and machines)."""
    if category in CATEGORY_COLORS:
        return CATEGORY_COLORS[category]
    digest = hashlib.sha256(category.encode("utf-8")).digest()
    return FALLBACK_COLORS[digest[0] % len(FALLBACK_COLORS)]


def truncate(text: str, limit: int = LABEL_LIMIT) -> str:
    """Shorten ``text`` to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def as_list(values: Any) -> list[str]:
    """Strings of a tuple/list attribute (``None`` gives ``[]``)."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(value) for value in values]


def belief(attrs: dict[str, Any]) -> float | None:
    """Belief rounded to 3 decimals (``None`` when missing or not finite)."""
    value = attrs.get("belief")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 3) if math.isfinite(number) else None


def node_info(curie: str, attrs: dict[str, Any], claims: list[str], evidence: int) -> dict[str, Any]:
    """JSON-ready description of a concept node for the panel and the filters.

    ``evidence`` (supporting sentences of its claims plus papers naming it)
    sets the node size and the top-N order.
    """
    category = str(attrs.get("category") or "biolink:NamedThing")
    papers = sorted(set(as_list(attrs.get("documents"))))
    return {
        "category": category,
        "category_label": short(category),
        "claims": claims,
        "evidence": evidence,
        "grounded": bool(attrs.get("grounded", False)),
        "iri": safe_url(attrs.get("iri")),
        "name": str(attrs.get("name") or curie),
        "papers": papers,
        "resolver": resolver_url(curie),
        # Sorted: RDF keeps no order, and the page must not depend on where the graph came from.
        "synonyms": sorted(set(as_list(attrs.get("synonyms"))), key=lambda s: (s.casefold(), s)),
    }


def vis_node(curie: str, info: dict[str, Any]) -> dict[str, Any]:
    """Options of one vis node (plain-text tooltip; vis 9 never parses string titles)."""
    color = category_color(info["category"])
    size = round(min(10 + 5 * math.log2(1 + max(info["evidence"], 0)), MAX_NODE_SIZE), 2)
    tooltip = "\n".join(
        [
            info["name"],
            curie,
            info["category_label"] + ("" if info["grounded"] else " (ungrounded)"),
            f"{len(info['claims'])} claim(s), {len(info['papers'])} paper(s)",
        ]
    )
    fill = color if info["grounded"] else UNGROUNDED_FILL
    options: dict[str, Any] = {
        "label": truncate(info["name"]),
        "color": {
            "background": fill,
            "border": color,
            "highlight": {"background": fill, "border": "#222222"},
            "hover": {"background": fill, "border": "#222222"},
        },
        "size": size,
        "title": tooltip,
    }
    if not info["grounded"]:
        options.update(shapeProperties={"borderDashes": [4, 3]}, borderWidth=3)
    return options


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


def _edge_refs(attrs: dict[str, Any], field: str, ids_by_key: dict[str, tuple[str, ...]]) -> list[str]:
    """Drawn edge ids named by a ``contradicts`` / ``context_dependent_with`` list.

    Entries may be edge keys (``kgedge:...``) or bare assertion ids.
    """
    found: set[str] = set()
    for ref in as_list(attrs.get(field)):
        for key in (ref, f"kgedge:{ref}"):
            found.update(ids_by_key.get(key, ()))
    return sorted(found)


def edge_info(
    source: str,
    target: str,
    attrs: dict[str, Any],
    nodes: dict[str, dict[str, Any]],
    ids_by_key: dict[str, tuple[str, ...]],
) -> dict[str, Any]:
    """JSON-ready description of an assertion edge for the panel and the filters."""
    context = []
    for field, label in CONTEXT_FIELDS:
        value = attrs.get(field)
        if value is None or value == "":
            continue
        text = str(value)
        if text in nodes:
            text = f"{nodes[text]['name']} ({text})"
        context.append([label, text])
    evidence = sorted((_evidence_info(item) for item in attrs.get("evidence") or ()), key=_evidence_order)
    publications = sorted(
        set(as_list(attrs.get("publications"))) | {e["document_id"] for e in evidence} - {""}
    )
    predicate = str(attrs.get("predicate") or "")
    statement = ("NOT " if attrs.get("negated") else "") + short(predicate)
    direction = attrs.get("object_direction")
    aspect = attrs.get("object_aspect")
    if direction or aspect:
        statement += " (" + " ".join(str(x) for x in (direction, aspect) if x) + ")"
    info = {
        "belief": belief(attrs),
        "context": context,
        "context_dependent_with": _edge_refs(attrs, "context_dependent_with", ids_by_key),
        "contradicts": _edge_refs(attrs, "contradicts", ids_by_key),
        "evidence": evidence,
        "hedged": bool(attrs.get("hedged", False)),
        "negated": bool(attrs.get("negated", False)),
        "object": target,
        "object_aspect": str(aspect) if aspect else None,
        "object_direction": str(direction) if direction else None,
        "predicate": predicate,
        "predicate_label": short(predicate),
        "publications": publications,
        "statement": statement,
        "subject": source,
    }
    info["label"] = _edge_label(info)
    return info


def _edge_label(info: dict[str, Any]) -> str:
    """Short edge label: predicate, direction arrow and aspect, NOT/? flags and marks."""
    parts = []
    if info["contradicts"]:
        parts.append(CONTRADICTION_MARK)
    if info["negated"]:
        parts.append("NOT")
    parts.append(info["predicate_label"])
    direction = info["object_direction"]
    if direction in DIRECTION_ARROWS:
        parts.append(DIRECTION_ARROWS[direction] + str(info["object_aspect"] or direction))
    elif info["object_aspect"]:
        parts.append(str(info["object_aspect"]))
    label = " ".join(parts)
    if info["hedged"]:
        label += "?"
    if info["context_dependent_with"]:
        label += " " + CONTEXT_MARK
    return label


def vis_edge(edge_id: str, info: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """Options of one vis edge: colour by direction, dashes, contradiction/context marks."""
    color = EDGE_COLORS.get(info["object_direction"] or "", EDGE_COLORS["neutral"])
    value = info["belief"]
    belief_text = "n/a" if value is None else str(value)
    counts = f"{len(info['evidence'])} sentence(s), {len(info['publications'])} paper(s)"
    lines = [
        f"{names[info['subject']]} {info['statement']} {names[info['object']]}",
        f"belief {belief_text}, {counts}",
    ]
    if info["contradicts"]:
        lines.append(f"contradicted by {len(info['contradicts'])} other claim(s)")
    if info["context_dependent_with"]:
        lines.append(f"differs by context from {len(info['context_dependent_with'])} other claim(s)")
    lines.append("Click for evidence.")
    options: dict[str, Any] = {
        "id": edge_id,
        "label": info["label"],
        "title": "\n".join(lines),
        "color": {"color": color, "highlight": color, "hover": color},
        "width": round(1 + 3 * (value if value is not None else 0.5), 2),
        "arrows": {"to": {"enabled": True}},
    }
    if info["negated"] or info["hedged"]:
        options["dashes"] = [8, 6] if info["negated"] else [3, 4]
    if info["contradicts"]:
        options["arrows"]["middle"] = {"enabled": True, "type": "bar", "scaleFactor": 1.2}
        options["shadow"] = {"enabled": True, "color": CONTRADICTION_COLOR, "size": 10, "x": 0, "y": 0}
    elif info["context_dependent_with"]:
        options["arrows"]["middle"] = {"enabled": True, "type": "circle", "scaleFactor": 0.8}
    return options


def paper_info(
    graph: nx.MultiDiGraph,
    nodes: dict[str, dict[str, Any]],
    edges: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Titles and links of every paper cited by a node or an edge."""
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
