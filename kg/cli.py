"""The ``kg`` command: thin Typer wrappers over the library functions."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.commands import sparql

app = typer.Typer(
    name="kg",
    help="il6-kg: build, query and explore a knowledge graph of IL-6 biology.",
    no_args_is_help=True,
    add_completion=False,
)
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

    Writes graph.ttl, graph.nt, graph.jsonld (RDF, Biolink), nodes.tsv and
    edges.tsv (KGX), graph.graphml, graph.html (interactive viewer) and the
    Oxigraph store `store` (for `kg query` and `kg serve`) into --out.
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
    for path in (
        outputs.turtle,
        outputs.nodes,
        outputs.edges,
        outputs.html,
        outputs.ntriples,
        outputs.jsonld,
        outputs.graphml,
        outputs.store,
    ):
        console.print(f"  wrote {path}", highlight=False)


sparql.register(app)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":
    main()
