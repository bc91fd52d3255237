"""``kg viz``: write the interactive HTML viewer of a built graph.

The graph comes from the ``graph.ttl`` that ``kg build`` wrote: it is read back
into the canonical :class:`~kg.graph.KnowledgeGraph` (:mod:`kg.export.rdf_read`)
and drawn from ``KnowledgeGraph.to_networkx()``, exactly as ``kg build`` draws
``graph.html``, without running the NLP pipeline again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

__all__ = ["viz"]

console = Console(stderr=True)
DEFAULT_TITLE = "il6-kg: knowledge graph of IL-6 biology"


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code=2)


def viz(
    source: Annotated[
        Path, typer.Argument(help="A build folder (with graph.ttl) or a graph.ttl file.")
    ] = Path("build"),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="HTML file to write. Default: view.html beside the graph."),
    ] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Open on this concept's neighbourhood, e.g. HGNC:6018.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, max=9, help="Radius of the focus (claims).")] = 2,
    top: Annotated[
        int,
        typer.Option("--top", min=1, help="Larger graphs open on the TOP concepts with most evidence."),
    ] = 400,
    title: Annotated[str, typer.Option("--title", help="Page title.")] = DEFAULT_TITLE,
    screenshot: Annotated[
        Path | None,
        typer.Option("--screenshot", help="Also save a PNG of the page (needs Chromium and Playwright)."),
    ] = None,
) -> None:
    """Write the interactive viewer (HTML, works offline) of a built graph."""
    from kg.export.html import UnknownConceptError, write_html
    from kg.export.rdf_read import RdfReadError, read_turtle

    graph_file = source / "graph.ttl" if source.is_dir() else source
    if not graph_file.is_file():
        raise _fail(f"no built graph at {graph_file}; run `kg build` first or pass a graph.ttl.")
    try:
        graph = read_turtle(graph_file)
    except RdfReadError as error:
        raise _fail(str(error)) from None
    target = out if out is not None else graph_file.parent / "view.html"
    try:
        write_html(graph, target, title=title, focus=focus, hops=hops, top_n=top)
    except UnknownConceptError as error:
        lines = [f"no concept {error.focus!r} in {graph_file}."]
        if error.suggestions:
            lines.append("Did you mean:")
            lines += [f"  {curie}  {name}" for curie, name in error.suggestions]
        raise _fail("\n".join(lines)) from None
    except OSError as error:
        raise _fail(f"cannot write {target}: {error.strerror or error}") from None
    console.print(f"wrote {escape(str(target))}", highlight=False)
    if screenshot is not None:
        from kg.export.screenshot import ScreenshotError, screenshot_html

        try:
            screenshot_html(target, screenshot)
        except ScreenshotError as error:
            raise _fail(str(error)) from None
        console.print(f"wrote {escape(str(screenshot))}", highlight=False)
