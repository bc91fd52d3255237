"""``kg query``, ``kg stats``, ``kg validate`` and ``kg serve``: thin wrappers over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

__all__ = ["register"]

console = Console(stderr=True)
stdout = Console()

DEFAULT_BUILD = Path("build")


def _table(variables: tuple[str, ...], rows: tuple[tuple[str, ...], ...], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for variable in variables:
        table.add_column(variable, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code=code)


def load_graph_or_exit(graph_path: Path):
    """Open a build folder, its store or an RDF file; exit 2 with a message if that fails."""
    from kg.query import QueryError, load_graph

    try:
        return load_graph(graph_path)
    except QueryError as error:
        raise _fail(str(error)) from None


def _parse_parameters(parameters: list[str]) -> dict[str, str]:
    parsed = {}
    for item in parameters:
        name, separator, value = item.partition("=")
        if not separator or not name:
            raise _fail(f"--param expects NAME=VALUE, got {item!r}")
        parsed[name.lstrip("?")] = value
    return parsed


def _list_queries() -> None:
    from kg.query import named_queries, named_query

    for name in named_queries():
        query = named_query(name)
        stdout.print(f"[bold]{name}[/] — {query.title}", highlight=False)
        if query.description:
            stdout.print(f"    {query.description}", highlight=False)
        for param in query.parameters:
            default = f" (default {param.default})" if param.default is not None else ""
            stdout.print(f"    --param {param.name}=...{default}  {param.description}", highlight=False)
        stdout.print()


def query(
    sparql: Annotated[
        str | None, typer.Argument(help="A named query (see --list), a .rq file or SPARQL text.")
    ] = None,
    graph_path: Annotated[
        Path,
        typer.Option("--graph", "-g", help="A build folder, its store, or an RDF file (.ttl, .nt, .jsonld)."),
    ] = DEFAULT_BUILD,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a variable: concept=HGNC:6018.")
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and exit.")] = False,
) -> None:
    """Run a SPARQL SELECT/ASK query (or a named query) over the built graph.

    Opens the Oxigraph store written by `kg build` (no Turtle parsing).
    Named queries fill unset parameters with their defaults.
    """
    from kg.query import OUTPUT_FORMATS, QueryError, format_result, named_queries, named_query, run_query
    from kg.query import resolve_query as resolve

    if list_queries:
        _list_queries()
        return
    if sparql is None:
        raise _fail("give a query (a named query, a .rq file or SPARQL text), or --list")
    if output_format not in OUTPUT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(OUTPUT_FORMATS)}")
    parameters = _parse_parameters(param or [])
    try:
        if sparql in named_queries():
            parameters = {**named_query(sparql).defaults(), **parameters}
        text = resolve(sparql)
        result = run_query(load_graph_or_exit(graph_path), text, parameters)
    except QueryError as error:
        raise _fail(str(error)) from None
    if output_format == "table":
        stdout.print(_table(result.variables, result.rows))
        console.print(f"{len(result.rows)} rows")
    else:
        sys.stdout.write(format_result(result, output_format))


def stats(
    graph_path: Annotated[
        Path, typer.Option("--graph", "-g", help="A build folder, its store, or an RDF file.")
    ] = DEFAULT_BUILD,
) -> None:
    """Summarise a built graph: concepts by category, assertions by predicate."""
    from kg.query import resolve_query, run_query

    graph = load_graph_or_exit(graph_path)
    for name, title in (("stats_categories", "Concepts by category"), ("stats_predicates", "Assertions")):
        result = run_query(graph, resolve_query(name))
        stdout.print(_table(result.variables, result.rows, title=title))


def validate(
    graph_path: Annotated[
        Path, typer.Argument(help="A build folder, its store, or an RDF file (.ttl, .nt, .jsonld).")
    ] = DEFAULT_BUILD,
    shapes: Annotated[
        Path | None, typer.Option("--shapes", help="SHACL shapes (default: ontology/shapes.ttl).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many violations.")] = 50,
) -> None:
    """Check a built graph against the il6-kg SHACL shapes; exit 1 on violations."""
    from rdflib import Graph

    from kg.validate import validate_graph

    shapes_graph = None
    if shapes is not None:
        try:
            shapes_graph = Graph().parse(shapes, format="turtle")
        except Exception as error:  # rdflib's parsers raise many types
            raise _fail(f"cannot read the shapes {shapes}: {error}") from None
    report = validate_graph(load_graph_or_exit(graph_path), shapes_graph)
    sys.stdout.write(report.text(limit=limit))
    if not report.conforms:
        raise typer.Exit(code=1)


def serve(
    store: Annotated[Path, typer.Argument(help="A build folder or its store.")] = DEFAULT_BUILD,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Cancel a query after this many seconds.")
    ] = 30.0,
    max_results: Annotated[
        int, typer.Option("--max-results", help="Return at most this many results per query.")
    ] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="Queries answered at once.")] = 2,
    memory: Annotated[
        bool,
        typer.Option(
            "--memory",
            help="Each worker copies the store into memory: 2-4x faster queries, "
            "~10 s to start and ~0.4 GB per worker per million triples.",
        ),
    ] = False,
) -> None:
    """Serve the built graph read-only over the SPARQL 1.1 Protocol (Ctrl-C stops)."""
    from kg.endpoint.server import Endpoint, EndpointConfig
    from kg.store import StoreError

    if timeout <= 0 or max_results <= 0 or workers <= 0:
        raise _fail("--timeout, --max-results and --workers must be positive")
    try:
        endpoint = Endpoint(EndpointConfig(store, host, port, timeout, max_results, workers, memory))
    except StoreError as error:
        raise _fail(str(error)) from None
    except (OSError, RuntimeError) as error:
        raise _fail(f"cannot start the endpoint: {error}") from None
    console.print(
        f"SPARQL endpoint at [bold]{endpoint.url}[/] (read-only; timeout {timeout:g} s; "
        f"at most {max_results} results). Ctrl-C stops.",
        highlight=False,
    )
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        console.print("stopping")
    finally:
        endpoint.close()


def register(app: typer.Typer) -> None:
    """Add the commands to the ``kg`` app."""
    for command in (query, stats, validate, serve):
        app.command()(command)
