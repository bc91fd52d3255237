"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.namespaces import iri_to_curie

__all__ = ["ValidationReport", "Violation", "default_shapes_path", "validate_graph"]

SH = Namespace("http://www.w3.org/ns/shacl#")


def default_shapes_path() -> Path:
    """Return ``ontology/shapes.ttl`` (the packaged copy when installed)."""
    from kg.nlp.vocabulary import default_ontology_dir

    return default_ontology_dir() / "shapes.ttl"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong."""

    severity: str
    focus: str
    path: str
    message: str
    value: str
    shape: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`; ``conforms`` is False when any violation exists."""

    conforms: bool
    violations: tuple[Violation, ...]
    nodes_checked: int

    def summary(self) -> tuple[tuple[str, int], ...]:
        """Return ``(message, count)`` pairs, most frequent first."""
        counts = Counter(violation.message for violation in self.violations)
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def text(self, limit: int = 50) -> str:
        """Return a readable report: a verdict, counts per problem, then the first ``limit`` results."""
        if self.conforms:
            return f"OK: the graph conforms to the il6-kg shapes ({self.nodes_checked} nodes checked).\n"
        lines = [f"FAILED: {len(self.violations)} violations of the il6-kg shapes.", "", "By problem:"]
        lines += [f"  {count:5d}  {message}" for message, count in self.summary()]
        lines += ["", "Details:"]
        for violation in self.violations[:limit]:
            lines.append(f"  - {violation.focus}: {violation.message}")
            detail = f"path {violation.path}" if violation.path else ""
            if violation.value:
                detail += f"{', ' if detail else ''}value {violation.value}"
            if detail:
                lines.append(f"      ({detail}; shape {violation.shape})")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines) + "\n"


def _show(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return iri_to_curie(str(node))
    return str(node)


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    # Property shapes are blank nodes: name the node shape that holds them.
    parent = shapes.value(predicate=SH.property, object=shape) if shape is not None else None
    node = parent if parent is not None else shape
    return str(node).rsplit("#", 1)[-1] if isinstance(node, URIRef) else _show(node)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against the il6-kg shapes (or ``shapes``).

    Parameters
    ----------
    data
        Any rdflib graph; an Oxigraph-backed one is copied into memory first
        (pySHACL walks the graph triple by triple). ``data`` is not modified.
    shapes
        SHACL shapes; ``ontology/shapes.ttl`` when ``None``.
    """
    import pyshacl

    shapes = shapes if shapes is not None else Graph().parse(default_shapes_path(), format="turtle")
    copy = Graph()
    for subject, predicate, obj in data.triples((None, None, None)):
        # RDF 1.1: "x" and "x"^^xsd:string are one literal; Oxigraph returns the typed
        # form, rdflib compares them as different, so shapes' sh:in would fail.
        if isinstance(obj, Literal) and obj.datatype == XSD.string:
            obj = Literal(str(obj))
        copy.add((subject, predicate, obj))
    conforms, results, _text = pyshacl.validate(
        copy, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                severity=_show(severity).rsplit("#", 1)[-1].removeprefix("sh:"),
                focus=_show(results.value(result, SH.focusNode)),
                path=_show(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or "constraint violated"),
                value=_show(results.value(result, SH.value)),
                shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    focus_nodes = {violation.focus for violation in violations}
    return ValidationReport(
        conforms=bool(conforms),
        violations=tuple(violations),
        nodes_checked=len(set(copy.subjects())) or len(focus_nodes),
    )
