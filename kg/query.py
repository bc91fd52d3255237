"""SPARQL over the built graph, with results as plain rows.

Queries are never built by string concatenation: parameters are bound as RDF
terms through each engine's binding API. On rdflib's own graphs a query is
parsed with ``rdflib.plugins.sparql.prepareQuery`` and bound with
``initBindings``. On a store from :mod:`kg.store` the query text goes straight
to pyoxigraph's ``Store.query`` with ``substitutions`` (SPARQL SEP-0007):
no rdflib parsing (100-500 ms per query text) and no per-term conversion
through rdflib, with the same rows, order and output as on rdflib.
Named queries live in ``kg/queries/NAME.rq``, each with a header comment::

    # title: Neighbours of a concept
    # description: One row per assertion linking ?concept to another concept.
    # param: concept = HGNC:6018 | the concept, as a CURIE
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.namespaces import BIOLINK, IL6KG, converter, curie_to_iri, iri_to_curie
from kg.store import StoreError, is_store, memory_copy, open_store, oxigraph_store

__all__ = [
    "OUTPUT_FORMATS",
    "NamedQuery",
    "QueryError",
    "QueryParameter",
    "QueryResult",
    "format_result",
    "load_graph",
    "named_queries",
    "named_query",
    "prepare",
    "query_namespaces",
    "resolve_query",
    "run_named_query",
    "run_query",
    "used_namespaces",
]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


class QueryError(ValueError):
    """A query that cannot be parsed or run; the message says where and why."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Variables and rows of a SELECT (values as CURIEs or plain strings)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class QueryParameter:
    """A parameter of a named query: ``--param NAME=VALUE`` binds ``?NAME``."""

    name: str
    default: str | None
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query shipped in ``kg/queries`` with its documentation header."""

    name: str
    title: str
    description: str
    parameters: tuple[QueryParameter, ...]
    text: str

    def defaults(self) -> dict[str, str]:
        """Return ``{parameter: default}`` for the parameters that have one."""
        return {param.name: param.default for param in self.parameters if param.default is not None}


_HEADER_KEY = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^\??(\w+)\s*(?:=\s*([^|]*?))?\s*(?:\|\s*(.*))?$")


def _parse_header(name: str, text: str) -> NamedQuery:
    title, description, parameters = name, [], []
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_KEY.match(line)
        if match:
            key, value = match.group(1), match.group(2).strip()
            if key == "title":
                title = value
            elif key == "description":
                description.append(value)
            else:
                param = _PARAM.match(value)
                if param:
                    default = param.group(2) or None
                    parameters.append(QueryParameter(param.group(1), default, (param.group(3) or "").strip()))
        elif key == "description":
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, title, " ".join(part for part in description if part), tuple(parameters), text)


def named_queries() -> dict[str, Path]:
    """Return the named queries shipped in ``kg/queries`` by name."""
    return dict(_shipped_queries())


@lru_cache(maxsize=1)
def _shipped_queries() -> dict[str, Path]:
    # Listed once per process (~0.1 ms): the shipped files do not come and go.
    folder = resources.files("kg") / "queries"
    return {
        Path(item.name).stem: Path(str(item))
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if item.name.endswith(".rq")
    }


def named_query(name: str) -> NamedQuery:
    """Return a named query with its title, description and parameters.

    Raises
    ------
    KeyError
        If there is no query of that name.
    """
    path = _shipped_queries()[name]
    return _read_named_query(name, str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _read_named_query(name: str, path: str, mtime_ns: int) -> NamedQuery:
    # Cached by modification time: an edited query file is read again.
    return _parse_header(name, Path(path).read_text(encoding="utf-8"))


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


def load_graph(path: Path, *, memory: bool = False) -> Graph:
    """Open a built graph: an Oxigraph store (or build folder holding one), or an RDF file.

    A store is opened read-only without parsing anything; an RDF file
    (``.ttl``, ``.nt``, ``.jsonld``) is parsed into rdflib's memory store.

    Parameters
    ----------
    path
        A build folder, its store, or an RDF file.
    memory
        Copy a store into an in-memory Oxigraph store (:func:`kg.store.memory_copy`):
        slower to open, faster to query, for asking many questions.

    Raises
    ------
    QueryError
        If there is nothing readable at ``path``.
    """
    path = Path(path)
    if path.is_dir():
        try:
            return memory_copy(path) if memory else open_store(path)
        except StoreError as error:
            if (path / "graph.ttl").is_file() and not is_store(path / "store"):
                return load_graph(path / "graph.ttl")
            raise QueryError(str(error)) from error
    if not path.is_file():
        raise QueryError(f"no built graph at {path}; run `kg build` first")
    graph = Graph()
    try:
        graph.parse(path, format=RDF_SUFFIXES.get(path.suffix.lower(), "turtle"))
    except Exception as error:  # rdflib's parsers raise many types
        raise QueryError(f"cannot parse {path}: {error}") from error
    return graph


_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


@lru_cache(maxsize=4096)
def _bind_value(value: str) -> URIRef | Literal:
    """A parameter value: a CURIE or IRI becomes a node, a number a typed literal, else a string."""
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    prefix = value.split(":", 1)[0] if ":" in value else None
    if prefix and prefix in converter().prefix_map:
        return curie_to_iri(value)
    if _INTEGER.match(value):
        return Literal(int(value), datatype=XSD.integer)
    if _DECIMAL.match(value):
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            pass
    return Literal(value)


# Result tables repeat the same IRIs; compressing one costs ~50 us in ``curies``.
_curie = lru_cache(maxsize=65_536)(iri_to_curie)
_XSD_DECIMAL = str(XSD.decimal)


def _decimal_text(lexical: str) -> str:
    # Engines print decimals differently (rdflib "1.0", Oxigraph "1"): show one form.
    try:
        return format(Decimal(lexical).normalize(), "f")
    except InvalidOperation:
        return lexical


def _show(term: object) -> str:
    """An rdflib term as shown in results."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _curie(str(term))
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return _decimal_text(str(term))
    return str(term)


def _show_ox(term: object) -> str:
    """A pyoxigraph term as shown in results (the same text :func:`_show` gives).

    The reference for :func:`_show_tsv`, which reads the same text from
    Oxigraph's TSV output faster (tests/test_store.py checks they agree).
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _curie(term.value)
    if isinstance(term, ox.Literal) and term.datatype.value == _XSD_DECIMAL:
        return _decimal_text(term.value)
    return getattr(term, "value", str(term))  # literals and blank nodes; str() for RDF 1.2 triples


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHAR.get(match.group(3), match.group(3))


def _show_tsv(cell: str) -> str:
    """A cell of Oxigraph's SPARQL TSV results as shown in results (the text :func:`_show_ox` gives).

    Cells are terms in Turtle form: ``<iri>``, ``"text"``, ``"text"@lang``,
    ``"text"^^<datatype>``, ``_:blank``, or a bare number or boolean.
    """
    first = cell[:1]
    if first == "<" and not cell.startswith("<<"):
        return _curie(cell[1:-1])
    if first == '"':
        end = cell.rfind('"')
        lexical = cell[1:end]
        if "\\" in lexical:
            lexical = _ESCAPE.sub(_unescape, lexical)
        if cell.endswith(f"^^<{_XSD_DECIMAL}>"):
            return _decimal_text(lexical)
        return lexical
    if cell.startswith("_:"):
        return cell[2:]
    if "." in cell and "e" not in cell and "E" not in cell:  # a bare xsd:decimal
        return _decimal_text(cell)
    return cell  # "", a bare integer, double or boolean, or an RDF 1.2 triple term


def _oxigraph_rows(solutions: ox.QuerySolutions, width: int) -> tuple[tuple[str, ...], ...]:
    """The rows of a SELECT result, read from Oxigraph's own TSV serialisation.

    Converting each term into a Python object costs ~2 us (a whole-graph dump
    has ~400k terms); Oxigraph writes TSV in Rust, and a result repeats most
    cells (IRIs, flags, numbers), so each distinct cell is converted once.
    """
    if width == 0:
        return tuple(() for _solution in solutions)
    memo: dict[str, str] = {}
    rows = []
    lines = solutions.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")
    for line in lines[1:-1]:  # the header, then one line per solution, then "" after the last newline
        row = []
        for cell in line.split("\t"):
            shown = memo.get(cell)
            if shown is None:
                shown = memo[cell] = _show_tsv(cell)
            row.append(shown)
        rows.append(tuple(row))
    return tuple(rows)


def _to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


@lru_cache(maxsize=1)
def query_namespaces() -> dict[str, str]:
    """The prefixes every query may use without declaring them."""
    namespaces = {
        "biolink": str(BIOLINK),
        "il6kg": str(IL6KG),
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
    }
    # rdflib keeps one prefix per namespace: skip aliases (``dct`` for dcterms).
    taken = set(namespaces.values())
    for prefix, uri in converter().prefix_map.items():
        if prefix.isalnum() and prefix not in namespaces and uri not in taken:
            namespaces[prefix] = uri
            taken.add(uri)
    return namespaces


@lru_cache(maxsize=256)
def prepare(sparql: str) -> Query:
    """Parse and check a SELECT/ASK query (cached by text).

    Raises
    ------
    QueryError
        On a syntax error (with line and column) or a query of another kind.
    """
    try:
        prepared = prepareQuery(sparql, initNs=query_namespaces())
    except ParseException as error:
        raise QueryError(
            f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}\n"
            f"  {error.line}\n  {' ' * (error.col - 1)}^"
        ) from error
    except Exception as error:  # rdflib raises several types for bad queries
        raise QueryError(f"invalid SPARQL: {error}") from error
    if prepared.algebra.name not in ("SelectQuery", "AskQuery"):
        raise QueryError("only SELECT and ASK queries are supported")
    return prepared


def _run_rdflib(graph: Graph, prepared: Query, bindings: dict[str, URIRef | Literal]) -> QueryResult:
    try:
        result = graph.query(prepared, initBindings=bindings)
        if result.type == "ASK":
            return QueryResult(("ask",), (("true" if result.askAnswer else "false",),))
        variables = tuple(str(variable) for variable in result.vars)
        rows = tuple(tuple(_show(row[variable]) for variable in variables) for row in result)
    except Exception as error:  # evaluation errors (unbound aggregates, bad casts) surface as many types
        raise QueryError(f"the query failed while running: {error}") from error
    return QueryResult(variables, rows)


@lru_cache(maxsize=256)
def used_namespaces(sparql: str) -> dict[str, str]:
    """The predeclared prefixes that ``sparql`` may use (cached by text).

    Oxigraph copies every prefix it is given into each query's parser: the
    full map (~220 prefixes) costs ~80 us per query, more than a one-hop
    lookup on the store. A prefix is kept when ``name:`` occurs anywhere in
    the text (comments and strings included), so none in use is left out.
    """
    return {prefix: iri for prefix, iri in query_namespaces().items() if f"{prefix}:" in sparql}


def _run_oxigraph(
    store: ox.Store, graph: Graph, sparql: str, bindings: dict[str, URIRef | Literal]
) -> QueryResult:
    substitutions = {ox.Variable(name): _to_ox(value) for name, value in bindings.items()}
    try:
        result = store.query(sparql, prefixes=used_namespaces(sparql), substitutions=substitutions)
    except SyntaxError as error:
        prepare(sparql)  # rdflib's message says line and column; raises QueryError
        raise QueryError(f"SPARQL syntax error: {error}") from error
    except RuntimeError as error:
        # Oxigraph substitutes only variables the query projects (SEP-0007); for any
        # other parameter rdflib's engine runs the query over the same store.
        prepared = prepare(sparql)
        if not set(bindings) <= {str(variable) for variable in prepared.algebra.get("PV", ())}:
            return _run_rdflib(graph, prepared, bindings)
        raise QueryError(f"the query failed in Oxigraph: {error}") from error
    except OSError as error:
        raise QueryError(f"the query failed in Oxigraph: {error}") from error
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), (("true" if bool(result) else "false",),))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported")
    variables = tuple(variable.value for variable in result.variables)
    try:
        rows = _oxigraph_rows(result, len(variables))
    except (RuntimeError, OSError) as error:  # evaluation errors surface while iterating
        raise QueryError(f"the query failed while running: {error}") from error
    return QueryResult(variables, rows)


def run_query(graph: Graph, sparql: str, parameters: Mapping[str, str] | None = None) -> QueryResult:
    """Run a SELECT or ASK query.

    Parameters
    ----------
    graph
        An rdflib graph: ``KnowledgeGraph.to_rdf()`` or an RDF file from
        :func:`load_graph` (rdflib's engine), or a store from
        :func:`kg.store.open_store` / :func:`kg.store.memory_store`
        (Oxigraph's engine, called directly).
    sparql
        The query text; the prefixes ``biolink:``, ``il6kg:``, ``rdfs:`` and
        the identifier prefixes (``HGNC:``, ``CL:`` ...) are predeclared.
    parameters
        ``{"concept": "HGNC:6018"}`` binds ``?concept`` to that RDF term.

    Raises
    ------
    QueryError
        On a syntax error (with line and column), a non-SELECT/ASK query or
        an error while the query runs.
    """
    bindings = {name: _bind_value(value) for name, value in (parameters or {}).items()}
    store = oxigraph_store(graph)
    if store is not None:
        return _run_oxigraph(store, graph, sparql, bindings)
    return _run_rdflib(graph, prepare(sparql), bindings)


def run_named_query(graph: Graph, name: str, parameters: Mapping[str, str] | None = None) -> QueryResult:
    """Run a named query, filling unset parameters with their documented defaults."""
    query = named_query(name)
    return run_query(graph, query.text, {**query.defaults(), **(parameters or {})})


def format_result(result: QueryResult, output_format: str) -> str:
    """Render a result as ``csv``, ``tsv`` or ``json`` (SPARQL-JSON-like rows) text."""
    if output_format == "json":
        records = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        return json.dumps({"variables": list(result.variables), "rows": records}, indent=2) + "\n"
    if output_format in ("csv", "tsv"):
        buffer = io.StringIO()
        delimiter = "," if output_format == "csv" else "\t"
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(result.rows)
        return buffer.getvalue()
    raise ValueError(f"unknown output format {output_format!r}; choose from {', '.join(OUTPUT_FORMATS[1:])}")
