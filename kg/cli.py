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

from kg.commands import relations as relation_commands
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
console = Console(stderr=True)
stdout = Console()

from kg.commands import fetch as _fetch  # noqa: E402 - sub-command groups

app.add_typer(_fetch.app, name="fetch")

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
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Extraction processes.")] = 1,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Extract on a Dask cluster: scheduler address.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Extract every paper again (no OUT/cache).")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each step.")] = False,
) -> None:
    """Read papers, extract and ground entities and relations, write the graph.

    Writes graph.ttl (RDF, Biolink), nodes.tsv and edges.tsv (KGX) and
    graph.html (interactive viewer) into --out. Per-paper results are kept in
    OUT/cache, so a rebuild extracts only new or changed papers.
    """
    _setup_logging(verbose)
    from kg.build import run_build, write_outputs

    with Progress(
        TextColumn("[bold]Extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("papers", total=None)

        def advance(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        try:
            run = run_build(
                inputs or None,
                on_progress=advance,
                cache_dir=None if no_cache else out / "cache",
                workers=workers,
                dask=dask,
            )
        except (RuntimeError, OSError) as error:  # no Dask installed, scheduler unreachable
            console.print(f"[red]error:[/] {error}", highlight=False)
            raise typer.Exit(code=2) from None
    graph = run.graph
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
        f"({summary.problems} files skipped; {run.extracted} papers extracted, "
        f"{run.reused} reused from the cache)."
    )
    console.print(
        f"Disagreeing claims: {summary.contradictions} contradicting, "
        f"{summary.context_dependent} context-dependent pair(s); list them with `kg contradictions`."
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


@app.command()
def contradictions(
    graph_path: Annotated[Path, typer.Option("--graph", "-g", help="A built graph.ttl.")] = DEFAULT_OUT
    / "graph.ttl",
    concept: Annotated[
        str | None, typer.Option("--concept", "-c", help="Only pairs about this CURIE (HGNC:6018).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="contradicts or context_dependent (default: both).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List claims that disagree: contradicting, or explained by a difference in context.

    Each pair is shown with both claims, their contexts and every supporting
    sentence with its paper.
    """
    from kg.conflicts import ConflictKind
    from kg.contradictions import conflict_report, conflicts_to_json

    kinds = {item.value: item for item in ConflictKind}
    if kind is not None and kind not in kinds:
        console.print(f"[red]error:[/] --kind must be one of {', '.join(kinds)}")
        raise typer.Exit(code=2)
    if output_format not in ("text", "json"):
        console.print("[red]error:[/] --format must be text or json")
        raise typer.Exit(code=2)
    try:
        reports = conflict_report(
            _graph_or_exit(graph_path), concept=concept, kind=kinds[kind] if kind else None
        )
    except QueryError as error:
        console.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(code=2) from None
    if output_format == "json":
        sys.stdout.write(conflicts_to_json(reports))
        return
    for report in reports:
        heading = "CONTRADICTS" if report.kind is ConflictKind.CONTRADICTS else "CONTEXT-DEPENDENT"
        differing = (
            f" (contexts differ in: {', '.join(report.differing_context)})"
            if report.differing_context
            else ""
        )
        stdout.print(f"[bold]{heading}[/]{differing}  {report.id}", highlight=False, soft_wrap=True)
        for claim in (report.first, report.second):
            context = ", ".join(f"{name}={value}" for name, value in claim.context) or "no context stated"
            stdout.print(
                f"  • {claim.statement()}  [dim]belief {claim.belief:.2f}; {context}[/]",
                highlight=False,
                soft_wrap=True,
            )
            for item in claim.evidence:
                stdout.print(
                    f"      {item.publication}: “{item.sentence}”",
                    highlight=False,
                    markup=False,
                    soft_wrap=True,
                )
        stdout.print()
    console.print(f"{len(reports)} disagreeing pair(s)")


from kg.commands.viz import viz  # noqa: E402

app.command()(viz)

from kg.commands.lexicon import eval_app, lexicon_app  # noqa: E402 - sub-apps register below

train_app = typer.Typer(help="Train the models il6-kg ships.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(lexicon_app, name="lexicon")
app.add_typer(eval_app, name="eval")
train_app.command("re")(relation_commands.train_re)
eval_app.command("re")(relation_commands.eval_re)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":
    main()
