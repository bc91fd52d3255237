"""``kg contradictions``: claims that disagree, with their evidence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from kg.commands.sparql import DEFAULT_BUILD, load_graph_or_exit

__all__ = ["contradictions"]

console = Console(stderr=True)
stdout = Console()


def contradictions(
    graph_path: Annotated[
        Path,
        typer.Option("--graph", "-g", help="A build folder, its store, or an RDF file (.ttl, .nt, .jsonld)."),
    ] = DEFAULT_BUILD,
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
    from kg.query import QueryError

    kinds = {item.value: item for item in ConflictKind}
    if kind is not None and kind not in kinds:
        console.print(f"[red]error:[/] --kind must be one of {', '.join(kinds)}")
        raise typer.Exit(code=2)
    if output_format not in ("text", "json"):
        console.print("[red]error:[/] --format must be text or json")
        raise typer.Exit(code=2)
    try:
        reports = conflict_report(
            load_graph_or_exit(graph_path), concept=concept, kind=kinds[kind] if kind else None
        )
    except QueryError as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
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
        stdout.print(f"[bold]{heading}[/]{escape(differing)}  {report.id}", highlight=False, soft_wrap=True)
        for claim in (report.first, report.second):
            context = ", ".join(f"{name}={value}" for name, value in claim.context) or "no context stated"
            stdout.print(
                f"  • {escape(claim.statement())}  [dim]belief {claim.belief:.2f}; {escape(context)}[/]",
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
