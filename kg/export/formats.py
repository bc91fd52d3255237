"""Serialisations of the RDF and NetworkX views, each byte-for-byte deterministic.

rdflib's serialisers emit triples in store order, which depends on hashing;
these functions sort what the format leaves unordered so the same graph
always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import operator
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.export.rdf_text import json_string

__all__ = ["GraphmlUnits", "graphml_text", "jsonld_text", "ntriples_text", "turtle_text"]


def turtle_text(rdf: Graph) -> str:
    """Return Turtle (rdflib sorts subjects and predicates itself)."""
    return rdf.serialize(format="turtle")


def ntriples_text(rdf: Graph) -> str:
    """Return N-Triples, one triple a line, lines sorted."""
    # Split on "\n" only: literals may hold other line separators (U+2028) unescaped.
    lines = rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
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


@functools.cache
def _record_items(kind: type) -> tuple[tuple[str, ...], Any]:
    """Field names of a dataclass in sorted order, and a getter of their values in that order."""
    names = tuple(sorted(field.name for field in dataclasses.fields(kind)))
    getter = operator.attrgetter(*names)
    return names, (getter if len(names) > 1 else lambda value: (getter(value),))


def _plain(value: Any) -> bool:
    # JSON values _jsonable leaves as they are; other enums are dealt with there.
    return value is None or (type(value) in _SCALARS)


_SCALARS = {str, int, float, bool}


def _record_json(value: Any) -> str:
    """``json.dumps(_jsonable(value), sort_keys=True)`` for a dataclass of plain values, faster."""
    names, getter = _record_items(type(value))
    values = getter(value)
    if not all(map(_plain, values)):
        return json.dumps(_jsonable(value), sort_keys=True, ensure_ascii=False)
    return json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False)


def _graphml_value(value: Any) -> Any:
    """A GraphML-writable value: scalars as they are, anything else as JSON text."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (bool, int, float, str)):
        return value
    if kind is tuple and value and all(type(item) is str for item in value):
        return "[" + ", ".join(map(json_string, value)) + "]"  # CURIEs, names: as json.dumps writes them
    if kind is tuple and value and dataclasses.is_dataclass(value[0]) and len({type(v) for v in value}) == 1:
        return "[" + ", ".join(map(_record_json, value)) + "]"  # evidence records
    return json.dumps(_jsonable(value), sort_keys=True, ensure_ascii=False)


def _graphml_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no null: a missing attribute says the same.
    return {key: _graphml_value(value) for key, value in attributes.items() if value is not None}


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)


def _xml_text(text: str) -> str:
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_KEY_ATTRIBUTES: dict[str, str] = {}
"""Attribute names as escaped for ``<data key="...">`` (a handful of names, millions of uses)."""


def _xml_attribute(text: str) -> str:
    text = _xml_text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _graphml_normal(text: str) -> str:
    # NetworkX serialises with ElementTree's default US-ASCII encoding (character
    # references for the rest) and yields str.splitlines() of that document.
    return "\n".join(text.encode("ascii", "xmlcharrefreplace").decode("ascii").splitlines())


_GraphmlKey = tuple[str, str, str]


class GraphmlUnits:
    """GraphML elements of a NetworkX view as units: one per node, and the out-edges of each node.

    Each unit comes with the ``<key>`` declarations it needs, in the order
    it first needs them; :meth:`header` declares those of all units as
    NetworkX does (in reverse order of first use).
    """

    def __init__(self, view: nx.MultiDiGraph) -> None:
        self.view = view
        graph_keys: list[_GraphmlKey] = []
        self.graph_lines = self._data_lines(dict(view.graph), "graph", "    ", graph_keys)
        self.graph_keys = tuple(graph_keys)
        self._interned: dict[tuple, tuple] = {}

    def _data_lines(self, attributes: dict[str, Any], scope: str, indent: str, keys: list) -> list[str]:
        lines = []
        for name, value in _graphml_attributes(attributes).items():
            kind = _GRAPHML_TYPES.get(type(value))
            if kind is None:
                raise TypeError(f"GraphML does not support type {type(value)} as data values.")
            keys.append((name, kind, scope))
            text = value if kind == "string" else str(value)
            key = _KEY_ATTRIBUTES.get(name) or _KEY_ATTRIBUTES.setdefault(name, _xml_attribute(name))
            lines.append(
                f'{indent}<data key="{key}">{_xml_text(text)}</data>'
                if text
                else f'{indent}<data key="{key}" />'
            )
        return lines

    @staticmethod
    def _element(tag: str, attributes: str, children: list[str]) -> str:
        if not children:
            return f"    <{tag} {attributes} />"
        return f"    <{tag} {attributes}>\n" + "\n".join(children) + f"\n    </{tag}>"

    def _unit(self, text: str, keys: list) -> tuple[bytes, tuple]:
        distinct = tuple(dict.fromkeys(keys))
        return _graphml_normal(text).encode("ascii"), self._interned.setdefault(distinct, distinct)

    def node(self, node: Any) -> tuple[bytes, tuple]:
        """The ``<node>`` element of ``node`` and the keys it uses."""
        keys: list[_GraphmlKey] = []
        lines = self._data_lines(self.view.nodes[node], "node", "      ", keys)
        return self._unit(self._element("node", f'id="{_xml_attribute(str(node))}"', lines), keys)

    def out_edges(self, node: Any) -> tuple[bytes, tuple] | None:
        """The ``<edge>`` elements leaving ``node`` (None if there are none) and the keys they use."""
        keys: list[_GraphmlKey] = []
        elements = [
            self._element(
                "edge",
                f'source="{_xml_attribute(str(source))}" target="{_xml_attribute(str(target))}" '
                f'id="{_xml_attribute(str(key))}"',
                self._data_lines(attributes, "edge", "      ", keys),
            )
            for source, target, key, attributes in self.view.edges(node, keys=True, data=True)
        ]
        return self._unit("\n".join(elements), keys) if elements else None

    def header(self, unit_keys: Iterable[tuple]) -> bytes:
        """Root element, ``<key>`` declarations and ``<graph>`` opening, for units using ``unit_keys``."""
        seen: dict[_GraphmlKey, None] = dict.fromkeys(self.graph_keys)
        for keys in dict.fromkeys(unit_keys):  # each distinct tuple once, in order of first use
            for key in keys:
                seen.setdefault(key)
        key_lines = [
            f'  <key id="{_xml_attribute(name)}" for="{scope}" attr.name="{_xml_attribute(name)}" '
            f'attr.type="{kind}" />'
            for name, kind, scope in reversed(seen)
        ]
        text = "\n".join([_GRAPHML_ROOT, *key_lines, '  <graph edgedefault="directed">'])
        return (_graphml_normal(text) + "\n").encode("ascii")

    def footer(self, has_units: bool) -> bytes:
        """Graph attributes and the closing tags."""
        lines = ([""] if has_units else []) + self.graph_lines + ["  </graph>", "</graphml>"]
        return (_graphml_normal("\n".join(lines)) + "\n").encode("ascii")

    def units(self) -> list[tuple[Any, bytes, tuple]]:
        """Every unit in file order: nodes, then the out-edges of each node (keys are positions)."""
        nodes = [(("n", i), *self.node(node)) for i, node in enumerate(self.view.nodes)]
        edges = []
        for i, node in enumerate(self.view.nodes):
            unit = self.out_edges(node)
            if unit is not None:
                edges.append((("e", i), *unit))
        return nodes + edges


def graphml_text(view: nx.MultiDiGraph) -> str:
    """Return GraphML for a NetworkX view without modifying it.

    Non-scalar attributes (tuples of CURIEs, :class:`kg.model.Evidence`
    records) become JSON strings; ``None`` values are left out. The text is
    exactly what ``networkx.generate_graphml(..., prettyprint=True,
    named_key_ids=True)`` gives for such a graph (the tests compare them),
    written directly: NetworkX builds an ElementTree first, 10x slower.
    """
    graphml = GraphmlUnits(view)
    units = graphml.units()
    if not units and not graphml.graph_lines:
        text = "\n".join([_GRAPHML_ROOT, '  <graph edgedefault="directed" />', "</graphml>"])
        return _graphml_normal(text) + "\n"
    body = b"\n".join(unit for _, unit, _ in units)
    return (graphml.header(keys for _, _, keys in units) + body + graphml.footer(bool(units))).decode("ascii")
