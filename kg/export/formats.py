"""Serialisations of the RDF and NetworkX views, each byte-for-byte deterministic.

rdflib's serialisers emit triples in store order, which depends on hashing;
these functions sort what the format leaves unordered so the same graph
always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

import networkx as nx
from rdflib import Graph

__all__ = ["graphml_text", "jsonld_text", "ntriples_text", "turtle_text"]


def turtle_text(rdf: Graph) -> str:
    """Return Turtle (rdflib sorts subjects and predicates itself)."""
    return rdf.serialize(format="turtle")


def ntriples_text(rdf: Graph) -> str:
    """Return N-Triples, one triple a line, lines sorted."""
    lines = rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _canonical_jsonld(value: Any) -> Any:
    # JSON-LD arrays of property values are unordered (no @list is used): sort them.
    if isinstance(value, dict):
        return {key: _canonical_jsonld(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical_jsonld(item) for item in value), key=_sort_key)
    return value


def jsonld_text(rdf: Graph) -> str:
    """Return compact JSON-LD with the graph's prefixes as ``@context``, nodes sorted by ``@id``."""
    context = {prefix: str(namespace) for prefix, namespace in rdf.namespaces() if prefix}
    raw = rdf.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(raw)
    nodes = document.get("@graph", [document] if "@id" in document else [])
    nodes = [_canonical_jsonld({k: v for k, v in node.items() if k != "@context"}) for node in nodes]
    nodes.sort(key=lambda node: (str(node.get("@id", "")), _sort_key(node)))
    ordered = {"@context": dict(sorted(context.items())), "@graph": nodes}
    return json.dumps(ordered, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(item) for item in value), key=_sort_key)
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def _graphml_value(value: Any) -> Any:
    """A GraphML-writable value: scalars as they are, anything else as JSON text."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (bool, int, float, str)):
        return value
    return json.dumps(_jsonable(value), sort_keys=True, ensure_ascii=False)


def _graphml_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no null: a missing attribute says the same.
    return {key: _graphml_value(value) for key, value in attributes.items() if value is not None}


def graphml_text(view: nx.MultiDiGraph) -> str:
    """Return GraphML for a NetworkX view without modifying it.

    Non-scalar attributes (tuples of CURIEs, :class:`kg.model.Evidence`
    records) become JSON strings on a copy; ``None`` values are left out.
    """
    copy = nx.MultiDiGraph()
    copy.graph.update(_graphml_attributes(dict(view.graph)))
    for node, attributes in view.nodes(data=True):
        copy.add_node(node, **_graphml_attributes(attributes))
    for source, target, key, attributes in view.edges(keys=True, data=True):
        copy.add_edge(source, target, key=key, **_graphml_attributes(attributes))
    return "\n".join(nx.generate_graphml(copy, prettyprint=True, named_key_ids=True)) + "\n"
