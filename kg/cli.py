"""The ``kg`` command: thin Typer wrappers over the library functions."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.commands import ner as ner_commands
from kg.query import (
    OUTPUT_FORMATS,
    QueryError,
    QueryResult,
    format_result,
    load_graph,
    resolve_query,
    run_query,
)

app = typer.Typer(
    name="kg",
    help="il6-kg: build, query and explore a knowledge graph of IL-6 biology.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(ner_commands.train_app, name="train")
app.add_typer(ner_commands.eval_app, name="eval")
console = Console(stderr=True)
stdout = Console()

DEFAULT_OUT = Path("build")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, show_time=False)],
        force=True,
    )


def _table(result: QueryResult, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        table.add_row(*row)
    return table


@app.command()
def build(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Paper files or folders. Default: the seed papers in data/papers."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = DEFAULT_OUT,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each step.")] = False,
) -> None:
    """Read papers, extract and ground entities and relations, write the graph.

    Writes graph.ttl (RDF, Biolink), nodes.tsv and edges.tsv (KGX) and
    graph.html (interactive viewer) into --out.
    """
    _setup_logging(verbose)
    from kg.build import build_graph, write_outputs
    from kg.nlp.pipeline import load_pipeline

    with console.status("Loading the NLP pipeline..."):
        nlp = load_pipeline()
    with Progress(
        TextColumn("[bold]Extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("papers", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        graph = build_graph(inputs or None, nlp=nlp, on_progress=advance)
    for problem in graph.problems:
        console.print(f"[yellow]warning:[/] {problem.source_name}: {problem.message}", highlight=False)
    if not graph.documents:
        console.print("[red]error:[/] no usable paper was read; nothing was written.")
        raise typer.Exit(code=1)
    outputs = write_outputs(graph, out)
    summary = graph.summary()
    console.print(
        f"[bold green]Built[/] {summary.documents} documents, {summary.mentions} mentions, "
        f"{summary.concepts} concepts, {len(graph.assertions)} assertions "
        f"({summary.problems} files skipped)."
    )
    categories = Table(title="Concepts by category")
    categories.add_column("category")
    categories.add_column("concepts", justify="right")
    for category, count in summary.concepts_by_category:
        categories.add_row(category, str(count))
    predicates = Table(title="Edges by predicate")
    predicates.add_column("predicate")
    predicates.add_column("edges", justify="right")
    for predicate, count in summary.edges_by_predicate:
        predicates.add_row(predicate, str(count))
    console.print(categories, predicates)
    for path in (outputs.turtle, outputs.nodes, outputs.edges, outputs.html):
        console.print(f"  wrote {path}", highlight=False)


def _graph_or_exit(graph_path: Path):
    if not graph_path.is_file():
        console.print(f"[red]error:[/] no built graph at {graph_path}; run `kg build` first.")
        raise typer.Exit(code=2)
    return load_graph(graph_path)


def _parse_parameters(parameters: list[str]) -> dict[str, str]:
    parsed = {}
    for item in parameters:
        name, separator, value = item.partition("=")
        if not separator or not name:
            console.print(f"[red]error:[/] --param expects NAME=VALUE, got {item!r}")
            raise typer.Exit(code=2)
        parsed[name.lstrip("?")] = value
    return parsed


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file or a named query.")],
    graph_path: Annotated[Path, typer.Option("--graph", "-g", help="A built graph.ttl.")] = DEFAULT_OUT
    / "graph.ttl",
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a variable: concept=HGNC:6018.")
    ] = None,
) -> None:
    """Run a SPARQL SELECT/ASK query over the built graph."""
    if output_format not in OUTPUT_FORMATS:
        console.print(f"[red]error:[/] --format must be one of {', '.join(OUTPUT_FORMATS)}")
        raise typer.Exit(code=2)
    try:
        text = resolve_query(sparql)
        parameters = _parse_parameters(param or [])
        result = run_query(_graph_or_exit(graph_path), text, parameters)
    except QueryError as error:
        console.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(code=2) from None
    if output_format == "table":
        stdout.print(_table(result))
        console.print(f"{len(result.rows)} rows")
    else:
        sys.stdout.write(format_result(result, output_format))


@app.command()
def stats(
    graph_path: Annotated[Path, typer.Option("--graph", "-g", help="A built graph.ttl.")] = DEFAULT_OUT
    / "graph.ttl",
) -> None:
    """Summarise a built graph: concepts by category, assertions by predicate."""
    graph = _graph_or_exit(graph_path)
    for name, title in (("stats_categories", "Concepts by category"), ("stats_predicates", "Assertions")):
        stdout.print(_table(run_query(graph, resolve_query(name)), title=title))


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":
    main()
