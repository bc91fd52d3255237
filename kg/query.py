"""SPARQL over the built graph, with results as plain rows.

Queries are parsed with ``rdflib.plugins.sparql.prepareQuery`` (never built
by string concatenation); parameters are bound with ``initBindings``.
Named queries live in ``kg/queries/NAME.rq``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kg.namespaces import BIOLINK, IL6KG, converter, curie_to_iri, iri_to_curie

__all__ = [
    "QueryError",
    "QueryResult",
    "format_result",
    "load_graph",
    "named_queries",
    "resolve_query",
    "run_query",
]

OUTPUT_FORMATS = ("table", "csv", "json")


class QueryError(ValueError):
    """A query that cannot be parsed or run; the message says where and why."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Variables and rows of a SELECT (values as CURIEs or plain strings)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def named_queries() -> dict[str, Path]:
    """Return the named queries shipped in ``kg/queries`` by name."""
    folder = resources.files("kg") / "queries"
    return {
        Path(item.name).stem: Path(str(item))
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if item.name.endswith(".rq")
    }


def resolve_query(query_or_file: str) -> str:
    """Return SPARQL text for a query string, a ``.rq`` path or a named query."""
    queries = named_queries()
    if query_or_file in queries:
        return queries[query_or_file].read_text(encoding="utf-8")
    candidate = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 4096 and candidate.is_file()):
        try:
            return candidate.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"cannot read query file {query_or_file}: {error.strerror}") from error
    return query_or_file


def load_graph(path: Path) -> Graph:
    """Parse a built ``graph.ttl``."""
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def _bind_value(value: str) -> URIRef | Literal:
    """A parameter value: a CURIE or IRI becomes a node, anything else a literal."""
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    prefix = value.split(":", 1)[0] if ":" in value else None
    if prefix and prefix in converter().prefix_map:
        return curie_to_iri(value)
    return Literal(value)


def _show(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return iri_to_curie(str(term))
    return str(term)


def run_query(graph: Graph, sparql: str, parameters: Mapping[str, str] | None = None) -> QueryResult:
    """Run a SELECT or ASK query.

    Parameters
    ----------
    graph
        An rdflib graph (``KnowledgeGraph.to_rdf()`` or :func:`load_graph`).
    sparql
        The query text; the prefixes ``biolink:``, ``il6kg:``, ``rdfs:`` and
        the identifier prefixes (``HGNC:``, ``CL:`` ...) are predeclared.
    parameters
        ``{"concept": "HGNC:6018"}`` binds ``?concept``.

    Raises
    ------
    QueryError
        On a syntax error (with line and column) or a non-SELECT/ASK query.
    """
    namespaces = {
        "biolink": BIOLINK,
        "il6kg": IL6KG,
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }
    namespaces.update({prefix: uri for prefix, uri in converter().prefix_map.items() if prefix.isalnum()})
    try:
        prepared = prepareQuery(sparql, initNs=namespaces)
    except ParseException as error:
        raise QueryError(
            f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}\n"
            f"  {error.line}\n  {' ' * (error.col - 1)}^"
        ) from error
    except Exception as error:  # rdflib raises several types for bad queries
        raise QueryError(f"invalid SPARQL: {error}") from error
    bindings = {name: _bind_value(value) for name, value in (parameters or {}).items()}
    try:
        result = graph.query(prepared, initBindings=bindings)
    except Exception as error:  # evaluation errors (unbound aggregates, bad casts) surface as many types
        raise QueryError(f"the query failed while running: {error}") from error
    if result.type == "ASK":
        return QueryResult(("ask",), (("true" if result.askAnswer else "false",),))
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries are supported")
    variables = tuple(str(variable) for variable in result.vars)
    rows = tuple(tuple(_show(row[variable]) for variable in variables) for row in result)
    return QueryResult(variables, rows)


def format_result(result: QueryResult, output_format: str) -> str:
    """Render a result as ``csv`` or ``json`` (SPARQL-JSON-like rows) text."""
    if output_format == "json":
        records = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        return json.dumps({"variables": list(result.variables), "rows": records}, indent=2) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(result.rows)
        return buffer.getvalue()
    raise ValueError(f"unknown output format {output_format!r}; choose from {', '.join(OUTPUT_FORMATS)}")
