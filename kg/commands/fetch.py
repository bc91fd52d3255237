"""``kg fetch pubmed``: download PubMed records into a folder ``kg build`` reads."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from kg.fetch.eutils import DEFAULT_BASE_URL, EUtilsClient, FetchError
from kg.fetch.pubmed import MAX_QUERY_RESULTS, fetch_pubmed

app = typer.Typer(help="Download papers from remote services.", no_args_is_help=True)
console = Console(stderr=True)


@app.command("pubmed")
def pubmed(
    query: Annotated[str | None, typer.Option("--query", "-q", help="PubMed query text.")] = None,
    pmid: Annotated[list[str] | None, typer.Option("--pmid", help="A PMID to fetch (repeatable).")] = None,
    max_results: Annotated[
        int, typer.Option("--max", help=f"At most this many hits of --query (<= {MAX_QUERY_RESULTS}).")
    ] = 1000,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the PubMed XML files.")] = Path(
        "papers"
    ),
    email: Annotated[
        str | None, typer.Option("--email", help="Your e-mail, sent to NCBI as asked. Env: NCBI_EMAIL.")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Download cache. Env: IL6KG_CACHE_DIR.")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="E-utilities root. Env: IL6KG_EUTILS_URL.")
    ] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ignore the cache, download again.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each request.")] = False,
) -> None:
    """Fetch PubMed records by query (esearch + efetch) or by PMID, politely.

    At most 3 requests/s (10 with the NCBI_API_KEY environment variable);
    retries on 429/5xx; already downloaded articles come from the cache.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    if (query is None) == (not pmid):
        console.print("[red]error:[/] give either --query or --pmid (not both).")
        raise typer.Exit(code=2)
    email = email or os.environ.get("NCBI_EMAIL")
    if not email or "@" not in email:
        console.print("[red]error:[/] NCBI asks for a contact e-mail: pass --email or set NCBI_EMAIL.")
        raise typer.Exit(code=2)
    client = EUtilsClient(
        email=email,
        api_key=os.environ.get("NCBI_API_KEY"),
        base_url=base_url or os.environ.get("IL6KG_EUTILS_URL") or DEFAULT_BASE_URL,
    )
    try:
        with console.status("Fetching from PubMed..."):
            result = fetch_pubmed(
                client,
                out,
                query=query,
                pmids=pmid or (),
                max_results=max_results,
                cache_dir=cache_dir,
                refresh=refresh,
            )
    except ValueError as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=2) from None
    except FetchError as error:
        console.print(f"[red]error:[/] PubMed request failed: {escape(str(error))}", highlight=False)
        raise typer.Exit(code=1) from None
    if query is not None:
        console.print(f"PubMed has {result.total_found} hits for the query.", highlight=False)
    console.print(
        f"[bold green]Fetched[/] {len(result.pmids)} articles ({result.downloaded} downloaded, "
        f"{result.from_cache} from the cache, {client.requests} requests) "
        f"into {len(result.files)} files in {out}.",
        highlight=False,
    )
    for missing in result.missing:
        console.print(f"[yellow]warning:[/] PMID {missing} was not returned by PubMed.", highlight=False)
